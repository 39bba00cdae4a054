/* unknot-library-watch.c: the library follows the user's folder
 *
 * A routine file created, changed, renamed or deleted there by anyone (edited by hand, synced
 * from another machine) is read again once it has been quiet for a moment, and the library
 * changes with it. Our own saves coming back through the monitor change nothing.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "unknot-library-private.h"
#include "unknot-routine-io.h"

/* How long a file must be quiet before it is read again, and the longest a file that keeps
 * changing waits. An atomic save is one rename; a program writing in place sends a burst. */
#define QUIET_MS      150
#define MAX_WAIT_USEC (G_USEC_PER_SEC)

/* A file to read again once it has been quiet for a moment. */
typedef struct {
  UnknotLibrary *library;  /* not a reference: the library drops its sources when disposed */
  char          *path;     /* also the key in library->pending */
  gint64         first;    /* when the first event of this burst came */
  GSource       *source;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->source != NULL)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  g_free (pending->path);
  g_free (pending);
}

void
_unknot_library_watch_init (UnknotLibrary *self)
{
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) pending_free);
}

void
_unknot_library_watch_dispose (UnknotLibrary *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  /* Each pending entry owns its timeout source; removing it removes the source. */
  if (self->pending != NULL)
    g_hash_table_remove_all (self->pending);
}

static UnknotRoutine *
find_by_file (UnknotLibrary *self,
              GFile         *file)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->routines));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (G_LIST_MODEL (self->routines), i);
      GFile *other = unknot_routine_get_file (routine);

      if (!unknot_routine_get_bundled (routine) && other != NULL && g_file_equal (other, file))
        return routine;   /* the list keeps it alive */
    }
  return NULL;
}

static gboolean
same_problems (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *sa = unknot_problem_to_string (g_ptr_array_index (a, i));
      g_autofree char *sb = unknot_problem_to_string (g_ptr_array_index (b, i));

      if (!g_str_equal (sa, sb))
        return FALSE;
    }
  return TRUE;
}

static void schedule_reload (UnknotLibrary *self,
                             const char    *path);

/* @id is free again: a file that was skipped because another file had it may load now. */
void
_unknot_library_release_id (UnknotLibrary *self,
                            const char    *id)
{
  GHashTableIter iter;
  const char *path, *wanted;

  if (self->monitor == NULL)
    return;

  g_hash_table_iter_init (&iter, self->conflicts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, (gpointer *) &wanted))
    if (g_str_equal (wanted, id))
      schedule_reload (self, path);
}

static void
emit_changed (UnknotLibrary *self,
              UnknotRoutine *routine,
              const char    *id,
              GFile         *file)
{
  g_debug ("%s on disk: %s", id, routine ? "changed" : "gone");
  _unknot_library_emit_routine_changed (self, routine, id, file);
}

/* Drops @old because its file went away or no longer holds it. */
static void
drop_routine (UnknotLibrary *self,
              UnknotRoutine *old,
              GFile         *file)
{
  g_autofree char *id = g_strdup (unknot_routine_get_id (old));

  /* Alive until the signal is out, whoever held it. (Not a g_autoptr: clang calls one that is
   * never read unused.) */
  g_object_ref (old);
  unknot_library_remove (self, old);
  emit_changed (self, NULL, id, file);
  _unknot_library_release_id (self, id);
  g_object_unref (old);
}

/* Reads one file of the user's folder again and brings the library in line with it:
 *
 * - a valid file replaces the routine it held (by its file, so a changed id replaces the old
 *   one); content equal to what the library has changes nothing and emits nothing, so our own
 *   saves are not reported as changes from outside;
 * - an id another file already has is reported and skipped, as unknot_library_load() does;
 * - a file that became invalid is reported, and its routine leaves the list: the library shows
 *   what the folder holds, and a routine kept from before would be saved over the file the
 *   person is fixing by hand. The file itself is left alone; fixed, it comes back;
 * - a file that went away takes its routine with it.
 */
void
_unknot_library_reload_file (UnknotLibrary *self,
                             const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GPtrArray) before = _unknot_library_take_problems (self, name);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) routine = NULL;
  UnknotRoutine *old = find_by_file (self, file);
  UnknotRoutine *other;
  gboolean problems_changed;
  gboolean released;
  const char *id;

  g_hash_table_remove (self->conflicts, g_file_peek_path (file));

  released = old != NULL && unknot_routine_get_steps_released (old);
  routine = unknot_routine_load_file (file, NULL, self->catalogue, found, &error);
  if (routine == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_ptr_array_set_size (found, 0);   /* gone is not a problem */
      else if (found->len == 0)
        g_ptr_array_add (found, unknot_problem_new (name, 0, 0, NULL, FALSE, error->message));

      if (old != NULL)
        drop_routine (self, old, file);
    }
  else
    {
      id = unknot_routine_get_id (routine);
      if (old != NULL && !g_str_equal (unknot_routine_get_id (old), id))
        {
          drop_routine (self, old, file);
          old = NULL;
        }

      other = g_hash_table_lookup (self->by_id, id);
      if (other != NULL && other != old && !unknot_routine_get_bundled (other)
          && unknot_routine_get_file (other) != NULL
          && !g_file_query_exists (unknot_routine_get_file (other), NULL))
        {
          /* A rename: the file that had the id is gone, and its own event is not read yet. */
          drop_routine (self, other, unknot_routine_get_file (other));
          other = NULL;
        }

      if (other != NULL && other != old)
        {
          g_autofree char *other_name = unknot_routine_get_file (other)
                                        ? g_file_get_parse_name (unknot_routine_get_file (other))
                                        : g_strdup (unknot_routine_get_name (other));
          g_autofree char *message =
            g_strdup_printf (_("the id \"%s\" is already used by %s; this routine is skipped"),
                             id, other_name);

          g_ptr_array_add (found, unknot_problem_new_at (name, -1, UNKNOT_FIELD_ID, NULL, FALSE, message));
          g_hash_table_insert (self->conflicts, g_strdup (g_file_peek_path (file)),
                               g_strdup (id));
        }
      else if (old != NULL && _unknot_library_same_content (old, routine))
        {
          /* Keep the object: editors hold it. Steps it had let go were read back to compare. */
          if (released)
            unknot_routine_release_steps (old, self->catalogue);
        }
      else
        {
          unknot_routine_release_steps (routine, self->catalogue);
          unknot_library_put (self, routine);
          emit_changed (self, routine, id, file);
        }
    }

  problems_changed = !same_problems (before, found);
  g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&found));
  if (problems_changed)
    _unknot_library_emit_problems_changed (self);
}

static gboolean
on_quiet (gpointer data)
{
  Pending *pending = data;
  UnknotLibrary *self = pending->library;
  g_autofree char *path = g_strdup (pending->path);

  /* Frees @pending; its source is the one running, which may be destroyed from inside. */
  g_hash_table_remove (self->pending, path);
  if (self->loading > 0)
    g_hash_table_add (self->deferred, g_steal_pointer (&path));
  else
    _unknot_library_reload_file (self, path);

  return G_SOURCE_REMOVE;
}

/* Reads @path again once no event has come for it for QUIET_MS (but within MAX_WAIT_USEC of the
 * first event, so a file that keeps changing is still read). */
static void
schedule_reload (UnknotLibrary *self,
                 const char    *path)
{
  Pending *pending = g_hash_table_lookup (self->pending, path);
  gint64 now = g_get_monotonic_time ();

  if (pending == NULL)
    {
      pending = g_new0 (Pending, 1);
      pending->library = self;
      pending->path = g_strdup (path);
      pending->first = now;
      g_hash_table_insert (self->pending, pending->path, pending);
    }
  else if (now - pending->first > MAX_WAIT_USEC)
    return;   /* due soon anyway */

  if (pending->source != NULL)
    {
      g_source_destroy (pending->source);
      g_source_unref (pending->source);
    }
  pending->source = g_timeout_source_new (QUIET_MS);
  g_source_set_callback (pending->source, on_quiet, pending, NULL);
  g_source_set_static_name (pending->source, "[unknot] routine file quiet");
  g_source_attach (pending->source, self->context);
}

static void
consider_file (UnknotLibrary *self,
               GFile         *file)
{
  g_autoptr(GFile) dir = NULL;
  g_autofree char *basename = NULL;

  if (file == NULL || g_file_peek_path (file) == NULL)
    return;

  /* Only the folder's own routine files: not the folder itself, not sounds-<id>/ below it. */
  basename = g_file_get_basename (file);
  dir = g_file_new_for_path (self->user_dir);
  if (basename == NULL || !_unknot_library_is_routine_file_name (basename)
      || !g_file_has_parent (file, dir))
    return;

  /* A GFile's path is canonical, as are the paths the library keeps. */
  schedule_reload (self, g_file_peek_path (file));
}

static void
on_user_dir_changed (GFileMonitor      *monitor,
                     GFile             *file,
                     GFile             *other_file,
                     GFileMonitorEvent  event,
                     gpointer           data)
{
  UnknotLibrary *self = data;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      consider_file (self, file);
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      /* An atomic save renames ".name.json.unknot-XXXXXX" to "name.json": only the second
       * counts. */
      consider_file (self, file);
      consider_file (self, other_file);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    default:
      break;
    }
}

/**
 * unknot_library_watch:
 *
 * Follows the user's folder from now on (creating it when it does not exist yet): a routine
 * file created, changed, renamed or deleted there by anyone is read again a moment after it
 * stopped changing. Call it before unknot_library_load() so that nothing written in between is
 * missed. The monitor reports in the thread-default main context of the caller.
 */
void
unknot_library_watch (UnknotLibrary *self)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));

  if (self->monitor != NULL || self->user_dir == NULL)
    return;

  if (g_mkdir_with_parents (self->user_dir, 0700) != 0)
    {
      int saved_errno = errno;

      /* An environment the person can fix, not a bug: said, not fatal under fatal-warnings. */
      g_message ("Cannot create %s, so changes to routines there will not be seen: %s",
                 self->user_dir, g_strerror (saved_errno));
      return;
    }

  dir = g_file_new_for_path (self->user_dir);
  self->monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_message ("Cannot watch %s for changes to routines: %s", self->user_dir, error->message);
      return;
    }

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_user_dir_changed), self);
}
