/* unknot-library-delete.c: deleting a routine of the user's, and Undo
 *
 * The library keeps what it deleted (the routine, and its file's very bytes), so a restore puts
 * back exactly what was there, never over another routine.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-library-private.h"
#include "unknot-routine-io.h"

/* Only files directly in the user's folder are ever deleted or written by these. */
static gboolean
in_user_dir (UnknotLibrary *self,
             GFile         *file)
{
  g_autoptr(GFile) dir = NULL;

  if (self->user_dir == NULL || file == NULL)
    return FALSE;
  dir = g_file_new_for_path (self->user_dir);
  return g_file_has_parent (file, dir);
}

/**
 * unknot_library_delete:
 *
 * Deletes the file of a routine of the user's and takes the routine out of the library. The
 * library keeps a reference to @routine, so unknot_library_restore() can bring it back (Undo)
 * even when the caller held none. A file that is already gone is not an error. The sound files
 * of an imported routine (sounds-<id>/) stay, so Undo finds them.
 */
gboolean
unknot_library_delete (UnknotLibrary  *self,
                       UnknotRoutine  *routine,
                       GError        **error)
{
  g_autoptr(UnknotRoutine) keep = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GFile *file;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), FALSE);

  if (unknot_routine_get_bundled (routine))
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_READ_ONLY,
                   _("“%s” comes with Unknot and cannot be deleted"),
                   unknot_routine_get_name (routine));
      return FALSE;
    }

  file = unknot_routine_get_file (routine);
  if (file != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (!in_user_dir (self, file))
        {
          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_READ_ONLY,
                       _("%s is not in your routines folder, so it is not deleted"), name);
          return FALSE;
        }

      /* What the file held, so Undo puts back the very bytes (keys this version does not
       * know, the person's own layout), not this version's writing of them. */
      bytes = g_file_load_bytes (file, NULL, NULL, NULL);

      if (!g_file_delete (file, NULL, &local_error)
          && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("Could not delete %s: %s"), name, local_error->message);
          return FALSE;
        }

      dropped = _unknot_library_take_problems (self, name);
    }

  keep = g_object_ref (routine);
  g_hash_table_replace (self->deleted, g_object_ref (routine), g_steal_pointer (&bytes));
  unknot_library_remove (self, routine);
  _unknot_library_release_id (self, unknot_routine_get_id (routine));

  if (dropped != NULL && dropped->len > 0)
    _unknot_library_emit_problems_changed (self);

  return TRUE;
}

static gboolean
bytes_hold (UnknotLibrary *self,
            GBytes        *bytes,
            UnknotRoutine *routine)
{
  g_autoptr(UnknotRoutine) held = unknot_routine_load_bytes (bytes, NULL, self->catalogue, NULL,
                                                             NULL);

  return held != NULL && _unknot_library_same_content (held, routine);
}

/* As unknot_routine_save() writes. */
static gboolean
write_bytes (GFile   *file,
             GBytes  *bytes,
             GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return unknot_file_write_atomic (file, data, length, error);
}

/**
 * unknot_library_restore:
 *
 * Saves @routine (one unknot_library_delete() took out) back to its file atomically and puts it
 * back in the library: the file's very bytes as they were before the delete, when they still hold
 * the routine. When its id or its file was taken in the meantime, it comes back under a new id
 * rather than overwrite anything. On failure nothing changes.
 */
gboolean
unknot_library_restore (UnknotLibrary  *self,
                        UnknotRoutine  *routine,
                        GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *old_id = NULL;
  UnknotRoutine *other;
  GBytes *bytes;
  gboolean saved;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), FALSE);

  if (unknot_routine_get_bundled (routine))
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_READ_ONLY,
                   _("“%s” comes with Unknot; it cannot be written"),
                   unknot_routine_get_name (routine));
      return FALSE;
    }

  if (self->user_dir == NULL)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                           _("There is no folder to save routines in"));
      return FALSE;
    }

  other = g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine));
  if (other == routine)
    return TRUE;   /* never deleted */

  if (in_user_dir (self, unknot_routine_get_file (routine)))
    file = g_object_ref (unknot_routine_get_file (routine));
  else
    file = unknot_library_get_user_file (self, unknot_routine_get_id (routine));

  if (other != NULL || g_file_query_exists (file, NULL))
    {
      g_autofree char *id = unknot_library_make_unique_id (self, unknot_routine_get_id (routine));

      old_id = g_strdup (unknot_routine_get_id (routine));
      unknot_routine_set_id (routine, id);
      g_clear_object (&file);
      file = unknot_library_get_user_file (self, id);
    }

  /* The deleted file's own bytes when they still hold this routine; otherwise this version's
   * writing of it. Atomic either way. */
  bytes = g_hash_table_lookup (self->deleted, routine);
  if (old_id == NULL && bytes != NULL && bytes_hold (self, bytes, routine)
      && g_file_peek_path (file) != NULL)
    saved = write_bytes (file, bytes, error);
  else
    saved = unknot_routine_save (routine, file, self->catalogue, error);

  if (!saved)
    {
      if (old_id != NULL)
        unknot_routine_set_id (routine, old_id);
      return FALSE;
    }

  unknot_routine_set_file (routine, file);
  unknot_library_put (self, routine);
  g_hash_table_remove (self->deleted, routine);

  return TRUE;
}
