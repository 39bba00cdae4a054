/* unknot-library-import.c: new routines of the user's, imported from a file or duplicated
 *
 * An imported file (or archive: unknot-routine-archive.c) is checked with the loader's rules,
 * given a free id, its sound files copied beside it from the descriptors that were checked
 * (unknot-sound-file.c); a duplicate is a copy under a name of its own ("My ...", "... (copy)") and a free
 * id. Neither ever overwrites anything, and a failed one leaves nothing behind.
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

#include "unknot-labels.h"
#include "unknot-library-private.h"
#include "unknot-routine-archive.h"
#include "unknot-routine-io.h"
#include "unknot-sound-file.h"

/* Copies the checked file @fd into @dir under @basename, or a numbered name: never over a file,
 * never through a link. */
static char *
copy_sound (int          fd,
            const char  *sound,
            GFile       *dir,
            GPtrArray   *copied,
            GError     **error)
{
  g_autofree char *basename = g_path_get_basename (sound);
  g_autofree char *dir_path = g_file_get_path (dir);
  g_autoptr(GError) local_error = NULL;

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = unknot_sound_file_numbered_name (basename, n);
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      int to = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);

      if (to < 0 && errno == EEXIST)
        continue;
      if (to < 0)
        {
          int err = errno;

          g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (err),
                               g_strerror (err));
          break;
        }

      g_ptr_array_add (copied, g_file_new_for_path (path));
      if (!unknot_sound_file_copy_fd (fd, to, &local_error) || !g_close (to, &local_error))
        break;
      return g_steal_pointer (&name);
    }

  g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
               /* Translators: the first %s is the sound as the routine names it, the second
                * says why */
               _("Could not copy the sound file “%s”: %s"), sound,
               local_error ? local_error->message : g_strerror (EEXIST));
  return NULL;
}

static void
remove_copies (GPtrArray *copied,
               GFile     *dir,
               gboolean   made_dir)
{
  for (guint i = 0; i < copied->len; i++)
    g_file_delete (g_ptr_array_index (copied, i), NULL, NULL);
  if (made_dir)
    g_file_delete (dir, NULL, NULL);
}

static void
hand_over_problems (GPtrArray *own,
                    GPtrArray *problems)
{
  if (problems == NULL)
    return;
  for (guint i = 0; i < own->len; i++)
    g_ptr_array_add (problems, unknot_problem_copy (g_ptr_array_index (own, i)));
}

/* Copies the sound files @routine's cues name into <user dir>/sounds-<id>/ and points the cues
 * at the copies. What was written is added to @copied, and @made_dir says whether the folder is
 * new, so a failed import can take it all back. */
static gboolean
import_sounds (UnknotRoutine  *routine,
               GHashTable     *sounds,
               GFile          *dir,
               GPtrArray      *copied,
               gboolean       *made_dir,
               GError        **error)
{
  g_autofree char *dir_name = g_file_get_basename (dir);
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  guint n = unknot_routine_get_n_steps (routine);

  *made_dir = FALSE;
  if (g_hash_table_size (sounds) == 0)
    return TRUE;

  *made_dir = g_file_make_directory_with_parents (dir, NULL, &local_error);
  if (!*made_dir && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_autofree char *name = g_file_get_parse_name (dir);

      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not create the folder %s: %s"), name, local_error->message);
      return FALSE;
    }

  /* In step order, so which of two files of the same name gets "-2" does not vary. */
  for (guint i = 0; i < n; i++)
    {
      const char *sound = unknot_step_get_cue_sound (unknot_routine_get_step (routine, i));
      int *fd;
      char *name;

      if (sound == NULL || g_hash_table_contains (renamed, sound)
          || (fd = g_hash_table_lookup (sounds, sound)) == NULL)
        continue;

      name = copy_sound (*fd, sound, dir, copied, error);
      if (name == NULL)
        return FALSE;
      g_hash_table_insert (renamed, g_strdup (sound), g_strconcat (dir_name, "/", name, NULL));
      g_free (name);
    }

  for (guint i = 0; i < n; i++)
    {
      UnknotStep *step = unknot_routine_get_step (routine, i);
      const char *now = unknot_step_get_cue_sound (step);
      const char *copy = now ? g_hash_table_lookup (renamed, now) : NULL;

      if (copy != NULL)
        unknot_step_set_cue_sound (step, copy);
    }

  return TRUE;
}

/* Imports the routine file @source, whose sounds are below its folder; problems name it
 * @display_name. */
static UnknotRoutine *
import_file (UnknotLibrary  *self,
             GFile          *source,
             const char     *display_name,
             GPtrArray      *problems,
             GError        **error)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GHashTable) sounds = NULL;
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) sounds_dir = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *sounds_name = NULL;
  g_autofree char *id = NULL;
  gboolean made_dir = FALSE;

  routine = unknot_routine_load_file (source, display_name, self->catalogue, own, error);
  if (routine == NULL)
    {
      hand_over_problems (own, problems);
      return NULL;
    }

  /* The loader already refused URIs, absolute paths and "..": what is left names a file below
   * the routine's folder, opened now and kept open until it is copied. */
  folder = g_file_get_parent (source);
  folder_path = folder ? g_file_get_path (folder) : NULL;
  sounds = unknot_routine_open_sounds (routine, folder_path, display_name, own);
  if (sounds == NULL)
    {
      g_autoptr(GPtrArray) listed = g_ptr_array_new ();
      g_autofree char *message = NULL;

      for (guint i = 0; i < own->len; i++)
        if (!((UnknotProblem *) g_ptr_array_index (own, i))->warning)
          g_ptr_array_add (listed, g_ptr_array_index (own, i));
      message = unknot_problems_to_string (listed);
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, message);
      hand_over_problems (own, problems);
      return NULL;
    }

  /* Never over another routine: a clash, with the user's or a bundled one, gets a new id. */
  id = g_strdup (unknot_routine_get_id (routine));
  file = unknot_library_get_user_file (self, id);
  if (g_hash_table_contains (self->by_id, id) || g_file_query_exists (file, NULL))
    {
      g_free (id);
      id = unknot_library_make_unique_id (self, unknot_routine_get_id (routine));
      g_clear_object (&file);
      file = unknot_library_get_user_file (self, id);
      unknot_routine_set_id (routine, id);
    }

  sounds_name = g_strconcat ("sounds-", id, NULL);
  sounds_dir = g_file_new_build_filename (self->user_dir, sounds_name, NULL);
  if (!import_sounds (routine, sounds, sounds_dir, copied, &made_dir, error)
      || !unknot_routine_save (routine, file, self->catalogue, error))
    {
      remove_copies (copied, sounds_dir, made_dir);
      hand_over_problems (own, problems);
      return NULL;
    }

  unknot_routine_set_file (routine, file);
  unknot_routine_set_bundled (routine, FALSE);
  unknot_library_put (self, routine);
  hand_over_problems (own, problems);

  return routine;   /* the library holds it */
}

/**
 * unknot_library_import:
 * @source: a routine file anywhere, or a routine archive (see unknot_routine_export())
 * @problems: (nullable): an array of #UnknotProblem to append every problem to, warnings included
 *
 * Checks @source with the loader's rules, and every sound file its cues name with
 * unknot_sound_file_open()'s (a regular file inside @source's folder, no symbolic links, not
 * too large). An archive is read whole first, with its own checks
 * (unknot_routine_archive_extract()). Gives the routine a new id when its id is taken by any
 * routine, bundled or the user's, or by a file in the user's folder: nothing is overwritten. Its
 * sound files are copied, from the descriptors that were checked, to <user dir>/sounds-<id>/ and
 * its cues point there. Saves it atomically into the user's folder and adds it to the library.
 *
 * Returns: (transfer none) (nullable): the routine as the library now holds it, or %NULL with
 *   @error saying why (every error, one a line) and nothing written.
 */
UnknotRoutine *
unknot_library_import (UnknotLibrary  *self,
                       GFile          *source,
                       GPtrArray      *problems,
                       GError        **error)
{
  g_autofree char *source_name = NULL;
  g_autofree char *unpacked = NULL;
  g_autoptr(GFile) routine_file = NULL;
  UnknotRoutine *routine;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (self->user_dir == NULL)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                           _("There is no folder to save routines in"));
      return NULL;
    }

  source_name = g_file_get_parse_name (source);
  if (!unknot_routine_archive_is_archive (source))
    return import_file (self, source, source_name, problems, error);

  unpacked = unknot_routine_archive_extract (source, error);
  if (unpacked == NULL)
    return NULL;
  routine_file = g_file_new_build_filename (unpacked, UNKNOT_ARCHIVE_ROUTINE, NULL);
  routine = import_file (self, routine_file, source_name, problems, error);
  unknot_routine_archive_remove_extracted (unpacked);
  return routine;
}

/* Duplicating */

/* g_utf8_substring() reads up to @end_pos whatever the string's length: cut long names only. */
static char *
cut_name (const char *name)
{
  if (g_utf8_strlen (name, -1) > UNKNOT_MAX_NAME_LENGTH)
    return g_utf8_substring (name, 0, UNKNOT_MAX_NAME_LENGTH);
  return g_strdup (name);
}

/**
 * unknot_library_copy_as_own:
 * @routine: a routine, bundled or the user's
 *
 * A copy of @routine for the user to keep, with an id no routine and no file in the user's folder
 * has. A bundled routine's copy is "My <name>" (id "my-<id>"), with its texts as the user reads
 * them now, translated; a copy of a routine of the user's is "<name> (copy)". Names are cut to
 * %UNKNOT_MAX_NAME_LENGTH. The copy is neither saved nor in the library: the editor edits it
 * before a first save, unknot_library_duplicate() saves it at once.
 *
 * Returns: (transfer full): the copy
 */
UnknotRoutine *
unknot_library_copy_as_own (UnknotLibrary *self,
                            UnknotRoutine *routine)
{
  UnknotRoutine *copy;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *short_name = NULL;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), NULL);

  copy = unknot_routine_copy (routine);
  if (unknot_routine_get_bundled (routine))
    {
      g_autofree char *base = g_strconcat ("my-", unknot_routine_get_id (routine), NULL);

      id = unknot_library_make_unique_id (self, base);
      /* Translators: the name of the user's own copy of a routine; %s is the routine's name */
      name = g_strdup_printf (_("My %s"), unknot_routine_get_display_name (routine));
      /* The user's own routine is shown as written: write the texts as they read now. */
      unknot_routine_set_description (copy, unknot_routine_get_display_description (routine));
      for (guint i = 0; i < unknot_routine_get_n_steps (copy); i++)
        {
          UnknotStep *step = unknot_routine_get_step (copy, i);

          unknot_step_set_instructions (step,
                                        unknot_routine_get_display_text (
                                          routine, unknot_step_get_instructions (step)));
        }
    }
  else
    {
      id = unknot_library_make_unique_id (self, unknot_routine_get_id (routine));
      /* Translators: the name of a duplicated routine; %s is the original's name */
      name = g_strdup_printf (_("%s (copy)"), unknot_routine_get_name (routine));
    }

  short_name = cut_name (name);
  unknot_routine_set_id (copy, id);
  unknot_routine_set_name (copy, short_name);
  return copy;
}

/**
 * unknot_library_duplicate:
 * @routine: a routine, bundled or the user's
 *
 * "Duplicate as mine": saves unknot_library_copy_as_own()'s copy of @routine atomically into the
 * user's folder and adds it to the library.
 *
 * Returns: (transfer full) (nullable): the new routine as the library now holds it, or %NULL
 *   with @error saying why (no folder for routines, or the save failed) and the library as it
 *   was.
 */
UnknotRoutine *
unknot_library_duplicate (UnknotLibrary  *self,
                          UnknotRoutine  *routine,
                          GError        **error)
{
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), NULL);

  if (self->user_dir == NULL)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                           _("There is no folder to save routines in"));
      return NULL;
    }

  copy = unknot_library_copy_as_own (self, routine);
  file = unknot_library_get_user_file (self, unknot_routine_get_id (copy));
  if (!unknot_routine_save (copy, file, self->catalogue, error))
    return NULL;

  unknot_routine_set_file (copy, file);
  unknot_routine_set_bundled (copy, FALSE);
  unknot_library_put (self, copy);

  return g_steal_pointer (&copy);
}
