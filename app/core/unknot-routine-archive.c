/* unknot-routine-archive.c: one file to send, carrying a routine and its own sounds
 *
 * A routine archive (".unknot") is a zip file holding "routine.json" and its sound files in
 * "sounds/", the routine's cues pointing there: what Export writes and Import reads back. The
 * sounds are read with the checks of unknot-sound-file.c. An archive comes from someone else:
 * it is unpacked into a private folder only if every entry is a regular file (or the one
 * "sounds" folder) at a place of that layout, no link, no absolute path, no "..", within the
 * size and entry caps; then it is imported from there like any routine file.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-routine-archive.h"
#include "unknot-routine-io.h"
#include "unknot-sound-file.h"
#include "unknot-types.h"

typedef struct archive Archive;
typedef struct archive_entry ArchiveEntry;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Archive, archive_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ArchiveEntry, archive_entry_free)

/* Writing */

static la_ssize_t
write_to_stream (Archive    *a,
                 void       *data,
                 const void *buffer,
                 size_t      length)
{
  GError *error = NULL;
  gsize written = 0;

  if (!g_output_stream_write_all (data, buffer, length, &written, NULL, &error))
    {
      archive_set_error (a, EIO, "%s", error->message);
      g_error_free (error);
      return -1;
    }
  return (la_ssize_t) written;
}

static gboolean
add_entry_header (Archive     *a,
                  const char  *name,
                  gint64       size,
                  GError     **error)
{
  g_autoptr(ArchiveEntry) entry = archive_entry_new ();

  archive_entry_set_pathname (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  if (archive_write_header (a, entry) != ARCHIVE_OK)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, archive_error_string (a));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_data (Archive     *a,
            const void  *data,
            gsize        length,
            GError     **error)
{
  if (length > 0 && archive_write_data (a, data, length) != (la_ssize_t) length)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, archive_error_string (a));
      return FALSE;
    }
  return TRUE;
}

/* The checked file @fd, whole, as the entry @name. */
static gboolean
add_sound (Archive     *a,
           const char  *name,
           int          fd,
           GError     **error)
{
  g_autoptr(GBytes) bytes = unknot_sound_file_read_fd (fd, error);
  gsize length;
  const void *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return add_entry_header (a, name, (gint64) length, error) && write_data (a, data, length, error);
}

/**
 * unknot_routine_export:
 * @file: where to write the archive (replaced atomically)
 *
 * Writes @routine and the sound files its cues name (read with unknot_sound_file_open()'s checks
 * from the routine's folder) into one routine archive: "routine.json" and "sounds/NAME", the
 * cues pointing there. unknot_library_import() reads it back.
 */
gboolean
unknot_routine_export (UnknotRoutine    *routine,
                       GFile            *file,
                       UnknotCatalogue  *catalogue,
                       GError          **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) unknot_problem_free);
  g_autoptr(GHashTable) fds = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(Archive) a = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *json = NULL;
  g_autofree char *routine_name = NULL;
  gsize json_length;
  guint n;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  parent = unknot_routine_get_file (routine) ? g_file_get_parent (unknot_routine_get_file (routine))
                                             : NULL;
  folder = parent ? g_file_get_path (parent) : NULL;
  routine_name = unknot_routine_get_file (routine)
                 ? g_file_get_parse_name (unknot_routine_get_file (routine))
                 : g_strdup (unknot_routine_get_id (routine));
  fds = unknot_routine_open_sounds (routine, folder, routine_name, problems);
  if (fds == NULL)
    {
      g_autofree char *listed = unknot_problems_to_string (problems);

      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, listed);
      return FALSE;
    }

  /* Each sound once, under its own name in sounds/, numbered when two share a name. */
  copy = unknot_routine_copy (routine);
  n = unknot_routine_get_n_steps (copy);
  for (guint i = 0; i < n; i++)
    {
      UnknotStep *step = unknot_routine_get_step (copy, i);
      const char *sound = unknot_step_get_cue_sound (step);
      const char *named;

      if (sound == NULL || !g_hash_table_contains (fds, sound))
        continue;
      named = g_hash_table_lookup (names, sound);
      if (named == NULL)
        {
          g_autofree char *basename = g_path_get_basename (sound);
          char *entry = NULL;

          for (guint k = 1; entry == NULL || g_hash_table_contains (used, entry); k++)
            {
              g_autofree char *numbered = unknot_sound_file_numbered_name (basename, k);

              g_free (entry);
              entry = g_strconcat (UNKNOT_ARCHIVE_SOUNDS "/", numbered, NULL);
            }
          g_hash_table_add (used, entry);
          g_hash_table_insert (names, g_strdup (sound), entry);
          named = entry;
        }
      unknot_step_set_cue_sound (step, named);
    }

  json = unknot_routine_to_json (copy, &json_length);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  a = archive_write_new ();
  if (archive_write_set_format_zip (a) != ARCHIVE_OK
      || archive_write_open (a, stream, NULL, write_to_stream, NULL) != ARCHIVE_OK)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, archive_error_string (a));
      return FALSE;
    }

  if (!add_entry_header (a, UNKNOT_ARCHIVE_ROUTINE, (gint64) json_length, error)
      || !write_data (a, json, json_length, error))
    return FALSE;

  /* In step order, so the same routine gives the same archive. */
  for (guint i = 0; i < n; i++)
    {
      const char *sound = unknot_step_get_cue_sound (unknot_routine_get_step (routine, i));
      const char *entry = sound ? g_hash_table_lookup (names, sound) : NULL;
      int *fd;

      if (entry == NULL || (fd = g_hash_table_lookup (fds, sound)) == NULL)
        continue;
      if (!add_sound (a, entry, *fd, error))
        {
          g_prefix_error (error, _("the sound file “%s” cannot be used: "), sound);
          return FALSE;
        }
      g_hash_table_remove (fds, sound);   /* written; closed */
    }

  if (archive_write_close (a) != ARCHIVE_OK)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, archive_error_string (a));
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/* Reading */

/**
 * unknot_routine_archive_is_archive:
 *
 * Whether @file is a routine archive (a zip file) rather than a routine's JSON, by its first
 * bytes: a renamed archive is still read as one.
 */
gboolean
unknot_routine_archive_is_archive (GFile *file)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  guint8 magic[4];
  gsize got = 0;

  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), magic, sizeof magic, &got, NULL,
                                   NULL))
    return FALSE;
  return got == sizeof magic && memcmp (magic, "PK\003\004", 4) == 0;
}

/* An entry's name as the person may read it: valid UTF-8, no control characters. */
static char *
printable (const char *name)
{
  char *text = g_utf8_make_valid (name ? name : "", -1);

  for (char *c = text; *c != '\0'; c++)
    if ((guchar) *c < 0x20 || *c == 0x7f)
      *c = '?';
  return text;
}

static gboolean
has_dot_dot (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

#define REFUSE(message) \
  G_STMT_START { \
    g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, message, shown); \
    return NULL; \
  } G_STMT_END

/* Where @name belongs in the folder unpacked, relative to it: "routine.json", "sounds" or
 * "sounds/NAME"; %NULL with @error for anything else (@shown is @name for the person). */
static const char *
entry_place (ArchiveEntry  *entry,
             const char    *name,
             const char    *shown,
             GError       **error)
{
  mode_t type = archive_entry_filetype (entry);
  const char *leaf;

  if (name == NULL || *name == '\0')
    REFUSE (_("the entry “%s” has no name"));
  if (name[0] == '/' || g_path_is_absolute (name))
    REFUSE (_("the entry “%s” is an absolute path"));
  if (has_dot_dot (name))
    REFUSE (_("the entry “%s” leads out of the archive (“..”)"));
  if (type == AE_IFLNK || archive_entry_hardlink (entry) != NULL
      || archive_entry_symlink (entry) != NULL)
    REFUSE (_("the entry “%s” is a link"));
  if (g_str_equal (name, UNKNOT_ARCHIVE_ROUTINE) && type == AE_IFREG)
    return name;
  if ((g_str_equal (name, UNKNOT_ARCHIVE_SOUNDS) || g_str_equal (name, UNKNOT_ARCHIVE_SOUNDS "/"))
      && type == AE_IFDIR)
    return UNKNOT_ARCHIVE_SOUNDS;
  if (g_str_has_prefix (name, UNKNOT_ARCHIVE_SOUNDS "/") && type == AE_IFREG
      && *(leaf = name + strlen (UNKNOT_ARCHIVE_SOUNDS "/")) != '\0'
      && strchr (leaf, '/') == NULL && !g_str_equal (leaf, "."))
    return name;
  REFUSE (_("the entry “%s” is not part of a routine (only routine.json and files in sounds/)"));
}

#undef REFUSE

/* Writes the entry's data into @dir_fd/@place, a new file, counting it against the caps. */
static gboolean
unpack_data (Archive     *a,
             int          dir_fd,
             const char  *place,
             const char  *shown,
             gint64      *total,
             GError     **error)
{
  g_autofree char *problem = NULL;
  guint8 buffer[64 * 1024];
  gint64 size = 0;
  int fd;

  fd = openat (dir_fd, place, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int err = errno;

      if (err == EEXIST)
        problem = g_strdup_printf (_("the entry “%s” is there twice"), shown);
      else
        problem = g_strdup (g_strerror (err));
    }

  while (problem == NULL)
    {
      la_ssize_t n = archive_read_data (a, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          problem = g_strdup (archive_error_string (a));
          break;
        }
      size += n;
      *total += n;
      if (size > UNKNOT_SOUND_MAX_BYTES)
        problem = g_strdup_printf (_("the entry “%s” is larger than %d MB"), shown,
                                   UNKNOT_SOUND_MAX_BYTES / (1024 * 1024));
      else if (*total > UNKNOT_ARCHIVE_MAX_BYTES)
        problem = g_strdup_printf (_("it holds more than %d MB"),
                                   UNKNOT_ARCHIVE_MAX_BYTES / (1024 * 1024));
      else if (!unknot_fd_write_all (fd, buffer, (gsize) n))
        problem = g_strdup (g_strerror (errno));
    }

  if (fd >= 0)
    close (fd);
  if (problem != NULL)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
unpack (Archive     *a,
        int          dir_fd,
        GError     **error)
{
  gboolean has_routine = FALSE;
  gint64 total = 0;
  guint entries = 0;

  for (;;)
    {
      ArchiveEntry *entry;
      g_autofree char *shown = NULL;
      const char *name;
      const char *place;
      int r = archive_read_next_header (a, &entry);

      if (r == ARCHIVE_EOF)
        break;
      if (r != ARCHIVE_OK)
        {
          g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                               archive_error_string (a) ? archive_error_string (a)
                                                        : _("it is not a routine archive"));
          return FALSE;
        }

      if (++entries > UNKNOT_ARCHIVE_MAX_ENTRIES)
        {
          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                       /* Translators: %d is a number, like 256 */
                       _("it holds more than %d entries"), UNKNOT_ARCHIVE_MAX_ENTRIES);
          return FALSE;
        }

      name = archive_entry_pathname (entry);
      shown = printable (name);
      place = entry_place (entry, name, shown, error);
      if (place == NULL)
        return FALSE;
      if (archive_entry_size_is_set (entry)
          && archive_entry_size (entry) > UNKNOT_SOUND_MAX_BYTES)
        {
          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                       _("the entry “%s” is larger than %d MB"), shown,
                       UNKNOT_SOUND_MAX_BYTES / (1024 * 1024));
          return FALSE;
        }

      if (g_str_equal (place, UNKNOT_ARCHIVE_SOUNDS))
        {
          if (mkdirat (dir_fd, place, 0700) != 0 && errno != EEXIST)
            {
              int err = errno;

              g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, g_strerror (err));
              return FALSE;
            }
          continue;
        }

      if (g_str_has_prefix (place, UNKNOT_ARCHIVE_SOUNDS "/"))
        mkdirat (dir_fd, UNKNOT_ARCHIVE_SOUNDS, 0700);   /* a zip need not list its folders */
      has_routine |= g_str_equal (place, UNKNOT_ARCHIVE_ROUTINE);
      if (!unpack_data (a, dir_fd, place, shown, &total, error))
        return FALSE;
    }

  if (!has_routine)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                           _("it holds no routine.json"));
      return FALSE;
    }
  return TRUE;
}

/**
 * unknot_routine_archive_extract:
 * @file: a routine archive, as unknot_routine_export() writes it
 *
 * Unpacks @file into a new private folder, if every entry is "routine.json", the folder
 * "sounds" or a regular file directly in it: no links, no absolute paths, no "..", at most
 * %UNKNOT_ARCHIVE_MAX_ENTRIES entries, each at most %UNKNOT_SOUND_MAX_BYTES and together at most
 * %UNKNOT_ARCHIVE_MAX_BYTES (counted as they are unpacked, whatever the headers say).
 *
 * Returns: (transfer full) (nullable): the folder, for
 *   unknot_routine_archive_remove_extracted() once it is read; %NULL with @error, and nothing
 *   left behind
 */
char *
unknot_routine_archive_extract (GFile   *file,
                                GError **error)
{
  g_autoptr(Archive) a = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *folder = NULL;
  struct stat st;
  int dir_fd = -1;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  fd = path ? g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0) : -1;
  if (fd < 0)
    {
      int err = path ? errno : ENOENT;

      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                   _("“%s” cannot be imported: %s"), name, g_strerror (err));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > UNKNOT_ARCHIVE_MAX_BYTES)
    {
      close (fd);
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                   _("“%s” cannot be imported: %s"), name,
                   S_ISREG (st.st_mode) ? _("it is too large for a routine archive")
                                        : _("it is not a regular file"));
      return NULL;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  folder = g_dir_make_tmp ("unknot-import-XXXXXX", &local_error);
  if (folder != NULL)
    dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  a = archive_read_new ();
  archive_read_support_format_zip (a);
  if (dir_fd < 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                             g_strerror (errno));
    }
  else if (archive_read_open_fd (a, fd, 64 * 1024) != ARCHIVE_OK)
    g_set_error_literal (&local_error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                         archive_error_string (a));
  else
    unpack (a, dir_fd, &local_error);

  close (fd);
  if (dir_fd >= 0)
    close (dir_fd);
  if (local_error != NULL)
    {
      if (folder != NULL)
        unknot_routine_archive_remove_extracted (folder);
      /* Translators: the first %s is the file's name, the second says why */
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, _("“%s” cannot be imported: %s"),
                   name, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&folder);
}

/* Removes what unknot_routine_archive_extract() unpacked: its two levels, nothing else. */
void
unknot_routine_archive_remove_extracted (const char *folder)
{
  g_autofree char *sounds = g_build_filename (folder, UNKNOT_ARCHIVE_SOUNDS, NULL);
  g_autofree char *routine = g_build_filename (folder, UNKNOT_ARCHIVE_ROUTINE, NULL);
  g_autoptr(GDir) dir = g_dir_open (sounds, 0, NULL);
  const char *child;

  while (dir != NULL && (child = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (sounds, child, NULL);

      g_unlink (path);
    }
  g_rmdir (sounds);
  g_unlink (routine);
  g_rmdir (folder);
}
