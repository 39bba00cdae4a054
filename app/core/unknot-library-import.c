/* unknot-library-import.c: new routines of the user's, imported from a file or duplicated
 *
 * An imported file is checked with the loader's rules, given a free id, its sound files copied
 * beside it; a duplicate is a copy under a name of its own ("My ...", "... (copy)") and a free
 * id. Neither ever overwrites anything, and a failed one leaves nothing behind.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-labels.h"
#include "unknot-library-private.h"
#include "unknot-routine-io.h"

static void
add_problem (GPtrArray  *problems,
             const char *file,
             guint       step,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (GPtrArray  *problems,
             const char *file,
             guint       step,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, unknot_problem_new_at (file, (int) step, UNKNOT_FIELD_STEP_CUE_SOUND,
                                                    NULL, FALSE, message));
}

/* The sound file a cue names, inside @folder. No part of the path may be a symbolic link (a link
 * could lead out of the routine's folder to any file of the user's), and the file must be a
 * regular file. */
static GFile *
find_sound (GFile       *folder,
            const char  *sound,
            char       **why)
{
  g_auto(GStrv) parts = g_strsplit (sound, "/", -1);
  g_autoptr(GFile) current = g_object_ref (folder);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GFile) child = g_file_get_child (current, parts[i]);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;
      gboolean last = parts[i + 1] == NULL;
      GFileType type;

      info = g_file_query_info (child, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
      if (info == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
              || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
            *why = g_strdup_printf (_("the sound file \"%s\" was not found beside the routine"),
                                    sound);
          else
            *why = g_strdup_printf (_("the sound file \"%s\" cannot be read: %s"), sound,
                                    error->message);
          return NULL;
        }

      type = g_file_info_get_file_type (info);
      if (type == G_FILE_TYPE_SYMBOLIC_LINK)
        {
          *why = g_strdup_printf (_("\"%s\" is or goes through a symbolic link; only files "
                                    "inside the routine's folder are imported"), sound);
          return NULL;
        }
      if (last ? type != G_FILE_TYPE_REGULAR : type != G_FILE_TYPE_DIRECTORY)
        {
          *why = g_strdup_printf (last ? _("the sound \"%s\" is not a regular file")
                                       : _("the sound file \"%s\" was not found beside the "
                                           "routine"), sound);
          return NULL;
        }

      g_set_object (&current, child);
    }

  return g_steal_pointer (&current);
}

/* "bowl.ogg", then "bowl-2.ogg", "bowl-3.ogg"... */
static char *
numbered_name (const char *basename,
               guint       n)
{
  const char *dot = strrchr (basename, '.');

  if (n < 2)
    return g_strdup (basename);
  if (dot == NULL || dot == basename)
    return g_strdup_printf ("%s-%u", basename, n);
  return g_strdup_printf ("%.*s-%u%s", (int) (dot - basename), basename, n, dot);
}

/* Copies @source into @dir under its own name, or a numbered one: never over a file. */
static char *
copy_sound (GFile      *source,
            GFile      *dir,
            GPtrArray  *copied,
            GError    **error)
{
  g_autofree char *basename = g_file_get_basename (source);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = numbered_name (basename, n);
      g_autoptr(GFile) target = g_file_get_child (dir, name);
      g_autoptr(GError) local_error = NULL;

      if (g_file_copy (source, target, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL,
                       &local_error))
        {
          g_ptr_array_add (copied, g_steal_pointer (&target));
          return g_steal_pointer (&name);
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || n >= 1000)
        {
          g_autofree char *from = g_file_get_parse_name (source);

          g_set_error (error, local_error->domain, local_error->code,
                       _("Could not copy the sound file %s: %s"), from, local_error->message);
          return NULL;
        }
    }
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
      GFile *source;
      char *name;

      if (sound == NULL || g_hash_table_contains (renamed, sound)
          || (source = g_hash_table_lookup (sounds, sound)) == NULL)
        continue;

      name = copy_sound (source, dir, copied, error);
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

/**
 * unknot_library_import:
 * @source: a routine file anywhere
 * @problems: (nullable): an array of #UnknotProblem to append every problem to, warnings included
 *
 * Checks @source with the loader's rules, and that every sound file its cues name is a regular
 * file inside @source's folder (no symbolic links). Gives it a new id when its id is taken by any
 * routine, bundled or the user's, or by a file in the user's folder: nothing is overwritten. Its
 * sound files are copied to <user dir>/sounds-<id>/ and its cues point there. Saves it
 * atomically into the user's folder and adds it to the library.
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
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GHashTable) sounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_object_unref);
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) sounds_dir = NULL;
  g_autofree char *sounds_name = NULL;
  g_autofree char *source_name = NULL;
  g_autofree char *id = NULL;
  gboolean made_dir = FALSE;
  guint errors;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (G_IS_FILE (source), NULL);

  if (self->user_dir == NULL)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                           _("There is no folder to save routines in"));
      return NULL;
    }

  routine = unknot_routine_load_file (source, NULL, self->catalogue, own, error);
  if (routine == NULL)
    {
      hand_over_problems (own, problems);
      return NULL;
    }

  /* The loader already refused URIs, absolute paths and "..": what is left names a file below
   * the routine's folder, which must really be there. */
  source_name = g_file_get_parse_name (source);
  folder = g_file_get_parent (source);
  errors = unknot_problems_count_errors (own);
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      const char *sound = unknot_step_get_cue_sound (unknot_routine_get_step (routine, i));
      g_autofree char *why = NULL;
      GFile *found;

      if (sound == NULL || unknot_cue_sound_is_bundled (sound)
          || g_hash_table_contains (sounds, sound))
        continue;

      found = folder ? find_sound (folder, sound, &why) : NULL;
      if (found != NULL)
        g_hash_table_insert (sounds, g_strdup (sound), found);
      else
        add_problem (own, source_name, i, "%s",
                     why ? why : _("there is no folder beside the routine to take sounds from"));
    }

  if (unknot_problems_count_errors (own) > errors)
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
