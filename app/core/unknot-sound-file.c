/* unknot-sound-file.c: a routine's own sound files, opened as data from someone else
 *
 * A routine is meant to be shared, so a sound file it names comes from someone else. It is opened
 * once, below the routine's folder, one part of its path at a time with O_NOFOLLOW: no symbolic
 * link is ever followed (a link could lead to any file of the person's), and a FIFO or a device
 * is never waited on (O_NONBLOCK) but refused after fstat(). What is checked is the descriptor
 * that is then read: the player, --validate, import and export all read from it, so the file
 * cannot be swapped for a link between the check and the use.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-routine-io.h"
#include "unknot-sound-file.h"
#include "unknot-types.h"

/* Whether the link @name below @folder ends outside it, for the person's message only: access
 * never follows links. */
static gboolean
link_leaves_folder (const char *folder,
                    const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  char real_folder[PATH_MAX];
  char real_path[PATH_MAX];
  gsize len;

  if (realpath (folder, real_folder) == NULL || realpath (path, real_path) == NULL)
    return TRUE;
  len = strlen (real_folder);
  return strncmp (real_path, real_folder, len) != 0 || real_path[len] != '/';
}

static void
set_open_error (int          err,
                int          dir_fd,
                const char  *part,
                const char  *folder,
                const char  *name,
                GError     **error)
{
  struct stat st;

  if (fstatat (dir_fd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK (st.st_mode))
    {
      if (link_leaves_folder (folder, name))
        g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                             _("it is a symbolic link to a file outside the routine's folder"));
      else
        g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                             _("it is or goes through a symbolic link; a cue plays only a file "
                               "that is itself in the routine's folder"));
    }
  else if (err == ENOENT || err == ENOTDIR)
    g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_NOT_FOUND,
                         _("it was not found beside the routine"));
  else
    /* Translators: %s says why, like "Permission denied" */
    g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, _("it cannot be read: %s"),
                 g_strerror (err));
}

/**
 * unknot_sound_file_open:
 * @folder: the routine's folder (itself may be anywhere, reached through links or not)
 * @name: the sound as the routine names it, relative to @folder ("sounds/bowl.ogg"), already
 *   checked by unknot_cue_sound_is_valid()
 *
 * Opens the sound file: no link anywhere below @folder, a regular file, at most
 * %UNKNOT_SOUND_MAX_BYTES. Never blocks on a FIFO or a device.
 *
 * Returns: a descriptor to read (close-on-exec, blocking), or -1 with @error saying why in words
 *   for the person, without the file's name (the caller names it).
 */
int
unknot_sound_file_open (const char  *folder,
                        const char  *name,
                        GError     **error)
{
  g_auto(GStrv) parts = NULL;
  struct stat st;
  int dir_fd;
  int fd = -1;

  g_return_val_if_fail (folder != NULL && name != NULL, -1);

  dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      int err = errno;

      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                   /* Translators: %s says why, like "Permission denied" */
                   _("the routine's folder cannot be read: %s"), g_strerror (err));
      return -1;
    }

  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
                  | (last ? 0 : O_DIRECTORY);
      int next;

      if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        {
          /* unknot_cue_sound_is_valid() refused these already: never walk up. */
          g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                               _("it was not found beside the routine"));
          close (dir_fd);
          return -1;
        }

      next = openat (dir_fd, parts[i], flags);
      if (next < 0)
        {
          set_open_error (errno, dir_fd, parts[i], folder, name, error);
          close (dir_fd);
          return -1;
        }
      close (dir_fd);
      dir_fd = next;
    }
  fd = dir_fd;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                           _("it is not a sound file but a folder, a pipe or a device (not a "
                             "regular file)"));
      close (fd);
      return -1;
    }

  if (st.st_size > UNKNOT_SOUND_MAX_BYTES)
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                   /* Translators: %d is a number of megabytes, like 8 */
                   _("it is larger than %d MB; a cue sound is a few seconds long"),
                   UNKNOT_SOUND_MAX_BYTES / (1024 * 1024));
      close (fd);
      return -1;
    }

  /* A regular file never blocks; reads are simpler without it. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

/**
 * unknot_sound_file_read_fd:
 * @fd: from unknot_sound_file_open(), read from its current position; not closed
 *
 * Reads the file whole. One that grew past %UNKNOT_SOUND_MAX_BYTES since it was opened is
 * refused, never read on.
 *
 * Returns: (transfer full) (nullable): its bytes
 */
GBytes *
unknot_sound_file_read_fd (int      fd,
                           GError **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;

          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, _("it cannot be read: %s"),
                       g_strerror (err));
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > UNKNOT_SOUND_MAX_BYTES)
        {
          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                       _("it is larger than %d MB; a cue sound is a few seconds long"),
                       UNKNOT_SOUND_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint) n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * unknot_sound_file_read:
 *
 * unknot_sound_file_open() and unknot_sound_file_read_fd() in one: the bytes of the sound file
 * @name below @folder, with the same checks and the same errors.
 *
 * Returns: (transfer full) (nullable): its bytes
 */
GBytes *
unknot_sound_file_read (const char  *folder,
                        const char  *name,
                        GError     **error)
{
  int fd = unknot_sound_file_open (folder, name, error);
  GBytes *bytes;

  if (fd < 0)
    return NULL;
  bytes = unknot_sound_file_read_fd (fd, error);
  close (fd);
  return bytes;
}

/**
 * unknot_routine_check_sounds:
 * @folder: (nullable): the routine's folder; %NULL when it has none (every own sound fails)
 * @display_name: the routine file as the problems name it
 * @visit: (nullable): called with each sound file that opened, in step order, once per name
 * @problems: where a problem is added for each sound that cannot be used, at the first step
 *   naming it, with the field %UNKNOT_FIELD_STEP_CUE_SOUND (so its JSON path is
 *   "steps[N].cue.sound")
 *
 * The checks of unknot_sound_file_open() (and of @visit) on every sound file @routine's cues
 * name; bundled sounds are not files and are skipped.
 *
 * Returns: %TRUE when every one of them can be used
 */
gboolean
unknot_routine_check_sounds (UnknotRoutine    *routine,
                             const char       *folder,
                             const char       *display_name,
                             UnknotSoundVisit  visit,
                             gpointer          user_data,
                             GPtrArray        *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), FALSE);

  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      const char *sound = unknot_step_get_cue_sound (unknot_routine_get_step (routine, i));
      g_autoptr(GError) error = NULL;
      int fd = -1;

      if (sound == NULL || unknot_cue_sound_is_bundled (sound)
          || !g_hash_table_add (seen, (gpointer) sound))
        continue;

      if (folder == NULL)
        g_set_error_literal (&error, UNKNOT_ERROR, UNKNOT_ERROR_NOT_FOUND,
                             _("the routine has no folder to take sounds from"));
      else
        fd = unknot_sound_file_open (folder, sound, &error);

      if (fd >= 0 && visit != NULL)
        visit (sound, fd, user_data, &error);
      if (fd >= 0)
        close (fd);

      if (error != NULL)
        {
          /* Translators: the first %s is the file as the routine names it ("sounds/bowl.ogg"),
           * the second says why, like "it is longer than 10 s" */
          g_autofree char *message = g_strdup_printf (_("the sound file “%s” cannot be used: %s"),
                                                      sound, error->message);

          ok = FALSE;
          if (problems != NULL)
            g_ptr_array_add (problems,
                             unknot_problem_new_at (display_name, (int) i,
                                                    UNKNOT_FIELD_STEP_CUE_SOUND, NULL, FALSE,
                                                    message));
        }
    }

  return ok;
}

/**
 * unknot_sound_file_copy_fd:
 * @from: from unknot_sound_file_open()
 * @to: where to write
 *
 * Copies what is left of @from to @to, at most %UNKNOT_SOUND_MAX_BYTES: a file that grew since
 * it was checked is refused, never copied on.
 */
gboolean
unknot_sound_file_copy_fd (int      from,
                           int      to,
                           GError **error)
{
  guint8 chunk[64 * 1024];
  gsize total = 0;

  for (;;)
    {
      ssize_t n = read (from, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int err = errno;

          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, _("it cannot be read: %s"),
                       g_strerror (err));
          return FALSE;
        }
      if (n == 0)
        return TRUE;
      total += (gsize) n;
      if (total > UNKNOT_SOUND_MAX_BYTES)
        {
          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                       _("it is larger than %d MB; a cue sound is a few seconds long"),
                       UNKNOT_SOUND_MAX_BYTES / (1024 * 1024));
          return FALSE;
        }
      if (!unknot_fd_write_all (to, chunk, (gsize) n))
        {
          int err = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (err), g_strerror (err));
          return FALSE;
        }
    }
}

/* "bowl.ogg", then "bowl-2.ogg", "bowl-3.ogg"... */
char *
unknot_sound_file_numbered_name (const char *basename,
                                 guint       n)
{
  const char *dot = strrchr (basename, '.');

  if (n < 2)
    return g_strdup (basename);
  if (dot == NULL || dot == basename)
    return g_strdup_printf ("%s-%u", basename, n);
  return g_strdup_printf ("%.*s-%u%s", (int) (dot - basename), basename, n, dot);
}

static void
fd_free (gpointer data)
{
  close (*(int *) data);
  g_free (data);
}

static gboolean
keep_fd (const char  *name,
         int          fd,
         gpointer     user_data,
         GError     **error)
{
  int *kept = g_new (int, 1);

  *kept = fcntl (fd, F_DUPFD_CLOEXEC, 0);
  if (*kept < 0)
    {
      int err = errno;

      g_free (kept);
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, _("it cannot be read: %s"),
                   g_strerror (err));
      return FALSE;
    }
  g_hash_table_insert (user_data, g_strdup (name), kept);
  return TRUE;
}

/**
 * unknot_routine_open_sounds:
 *
 * unknot_routine_check_sounds() keeping each sound file open: what is copied later is the file
 * that was checked, whatever is at its path by then.
 *
 * Returns: (transfer full) (nullable): name as the routine gives it -> (int *) descriptor,
 *   closed with the table; %NULL when any sound cannot be used (each is one of @problems)
 */
GHashTable *
unknot_routine_open_sounds (UnknotRoutine *routine,
                            const char    *folder,
                            const char    *display_name,
                            GPtrArray     *problems)
{
  g_autoptr(GHashTable) fds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, fd_free);

  if (!unknot_routine_check_sounds (routine, folder, display_name, keep_fd, fds, problems))
    return NULL;
  return g_steal_pointer (&fds);
}

static gboolean
read_and_check (const char  *name,
                int          fd,
                gpointer     user_data,
                GError     **error)
{
  UnknotSoundCheck check = (UnknotSoundCheck) user_data;
  g_autoptr(GBytes) contents = unknot_sound_file_read_fd (fd, error);

  return contents != NULL && (check == NULL || check (contents, error));
}

/**
 * unknot_routine_check_sound_files:
 * @check: (nullable): what decides whether a file's bytes can be played
 *
 * unknot_routine_check_sounds() reading each sound file whole and asking @check about it: what
 * `unknot --validate` reports, the same checks as the player's.
 */
gboolean
unknot_routine_check_sound_files (UnknotRoutine    *routine,
                                  const char       *folder,
                                  const char       *display_name,
                                  UnknotSoundCheck  check,
                                  GPtrArray        *problems)
{
  return unknot_routine_check_sounds (routine, folder, display_name, read_and_check,
                                      (gpointer) check, problems);
}
