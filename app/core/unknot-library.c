/* unknot-library.c
 *
 * The user's folder is the truth: the library follows it (unknot_library_watch), and every write
 * into it is atomic (temporary file, fsync, rename), never an overwrite of another routine.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "unknot-library.h"
#include "unknot-routine-io.h"

struct _UnknotLibrary
{
  GObject          parent_instance;

  UnknotCatalogue *catalogue;
  char            *bundled_dir;
  char            *user_dir;
  GListStore      *routines;
  GHashTable      *by_id;      /* id -> UnknotRoutine (borrowed from routines) */
  GPtrArray       *problems;   /* of UnknotProblem, from the last load and the watch since */

  GFileMonitor    *monitor;
  GMainContext    *context;    /* where the monitor reports, and the reloads run */
  GHashTable      *pending;    /* path -> Pending: files to read again once they are quiet */
  GHashTable      *conflicts;  /* path -> the id it wants, taken by another routine's file */
  GHashTable      *deleted;    /* routine -> its file's bytes: deleted, kept for restore */
  guint            loading;    /* unknot_library_load_async() calls not finished yet */
  GHashTable      *deferred;   /* paths the watch reads again once those loads are finished */
};

G_DEFINE_FINAL_TYPE (UnknotLibrary, unknot_library, G_TYPE_OBJECT)

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

enum {
  ROUTINE_CHANGED,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
unknot_library_dispose (GObject *object)
{
  UnknotLibrary *self = (UnknotLibrary *) object;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  /* Each pending entry owns its timeout source; removing it removes the source. */
  if (self->pending != NULL)
    g_hash_table_remove_all (self->pending);

  G_OBJECT_CLASS (unknot_library_parent_class)->dispose (object);
}

static void
unknot_library_finalize (GObject *object)
{
  UnknotLibrary *self = (UnknotLibrary *) object;

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->conflicts, g_hash_table_unref);
  g_clear_pointer (&self->deleted, g_hash_table_unref);
  g_clear_pointer (&self->deferred, g_hash_table_unref);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->routines);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->bundled_dir);
  g_free (self->user_dir);

  G_OBJECT_CLASS (unknot_library_parent_class)->finalize (object);
}

static void
unknot_library_class_init (UnknotLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = unknot_library_dispose;
  object_class->finalize = unknot_library_finalize;

  /**
   * UnknotLibrary::routine-changed:
   * @routine: (nullable): the routine as the file holds it now; %NULL when it went away
   * @id: the id that changed (the old one when a file's id changed or the file went away)
   * @file: the file in the user's folder
   *
   * A file in the user's folder changed on disk (by hand, by a sync), and the library changed
   * with it. Not emitted for what the library or an editor wrote itself.
   */
  signals[ROUTINE_CHANGED] = g_signal_new ("routine-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 3, UNKNOT_TYPE_ROUTINE, G_TYPE_STRING,
                                           G_TYPE_FILE);

  /**
   * UnknotLibrary::problems-changed:
   *
   * unknot_library_get_problems() changed because a file in the user's folder changed.
   */
  signals[PROBLEMS_CHANGED] = g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
unknot_library_init (UnknotLibrary *self)
{
  self->routines = g_list_store_new (UNKNOT_TYPE_ROUTINE);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) pending_free);
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->deleted = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                         (GDestroyNotify) g_bytes_unref);
  self->deferred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * unknot_library_new:
 * @bundled_dir: (nullable): the read-only routines installed with Unknot
 * @user_dir: (nullable): the user's own routines
 */
UnknotLibrary *
unknot_library_new (UnknotCatalogue *catalogue,
                    const char      *bundled_dir,
                    const char      *user_dir)
{
  UnknotLibrary *self;

  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (catalogue), NULL);

  self = g_object_new (UNKNOT_TYPE_LIBRARY, NULL);
  self->catalogue = g_object_ref (catalogue);
  self->bundled_dir = g_strdup (bundled_dir);
  self->user_dir = g_strdup (user_dir);

  return self;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* A routine file: "*.json", not hidden. The temporary files of an atomic save
 * ("name.json.XXXXXX") and editors' backups ("name.json~") are not. */
static gboolean
is_routine_file_name (const char *name)
{
  return g_str_has_suffix (name, ".json") && name[0] != '.';
}

/* The *.json files of @dir in name order, so every load sees them in the same order. */
static GPtrArray *
list_routine_files (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || !(d = g_dir_open (dir, 0, NULL)))
    return names;

  while ((name = g_dir_read_name (d)) != NULL)
    if (is_routine_file_name (name))
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));

  g_ptr_array_sort (names, compare_strings);
  return names;
}

/* Reads the routine files of @dir: no state of the library is touched, so this runs in a worker
 * thread as well as on the main one. One bad file is reported and skipped; the others load. */
static void
read_dir (UnknotCatalogue *catalogue,
          const char      *dir,
          gboolean         bundled,
          GPtrArray       *routines,
          GPtrArray       *problems)
{
  g_autoptr(GPtrArray) files = list_routine_files (dir);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
      UnknotRoutine *routine;

      /* A file that does not load, for whatever reason (I/O included), is in @problems. */
      routine = unknot_routine_load_file (file, NULL, catalogue, problems, NULL);
      if (routine == NULL)
        continue;

      unknot_routine_set_bundled (routine, bundled);
      g_ptr_array_add (routines, routine);
    }
}

static int
compare_routines (gconstpointer a,
                  gconstpointer b)
{
  UnknotRoutine *ra = *(UnknotRoutine **) a;
  UnknotRoutine *rb = *(UnknotRoutine **) b;

  return g_utf8_collate (unknot_routine_get_name (ra), unknot_routine_get_name (rb));
}

static int
compare_problem_files (gconstpointer a,
                       gconstpointer b,
                       gpointer      data)
{
  UnknotLibrary *self = data;
  const UnknotProblem *pa = *(UnknotProblem **) a;
  const UnknotProblem *pb = *(UnknotProblem **) b;
  gboolean ua, ub;

  if (pa->file == NULL || pb->file == NULL)
    return (pa->file == NULL) - (pb->file == NULL);

  /* The bundled folder's files first, then the user's, each in name order. */
  ua = self->user_dir != NULL && g_str_has_prefix (pa->file, self->user_dir);
  ub = self->user_dir != NULL && g_str_has_prefix (pb->file, self->user_dir);
  if (ua != ub)
    return ua - ub;
  return strcmp (pa->file, pb->file);
}

/* Makes what read_dir() found the library's content: bundled routines first claim their ids,
 * then the user's; a routine whose id is taken is reported and skipped. */
static void
apply_loaded (UnknotLibrary *self,
              GPtrArray     *routines,
              GPtrArray     *problems)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_extend_and_steal (self->problems, g_ptr_array_ref (problems));
  g_hash_table_remove_all (self->by_id);
  g_hash_table_remove_all (self->conflicts);

  for (guint i = 0; i < routines->len; i++)
    {
      UnknotRoutine *routine = g_ptr_array_index (routines, i);
      UnknotRoutine *other = g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine));
      GFile *file = unknot_routine_get_file (routine);

      if (other != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *other_name = g_file_get_parse_name (unknot_routine_get_file (other));
          g_autofree char *message =
            g_strdup_printf (_("the id \"%s\" is already used by %s; this routine is skipped"),
                             unknot_routine_get_id (routine), other_name);

          g_ptr_array_add (self->problems,
                           unknot_problem_new (name, 0, 0, "id", FALSE, message));
          /* Read again by the watch once the other file gives the id up. */
          if (!unknot_routine_get_bundled (routine))
            g_hash_table_insert (self->conflicts, g_file_get_path (file),
                                 g_strdup (unknot_routine_get_id (routine)));
          continue;
        }

      g_hash_table_insert (self->by_id, (char *) unknot_routine_get_id (routine), routine);
      g_ptr_array_add (loaded, g_object_ref (routine));
    }

  g_ptr_array_sort (loaded, compare_routines);
  /* Stable: one file's problems keep their order. */
  g_ptr_array_sort_with_data (self->problems, compare_problem_files, self);
  g_list_store_splice (self->routines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->routines)),
                       loaded->pdata, loaded->len);
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

/* Reads both folders again. Problems from the previous load are forgotten. */
void
unknot_library_load (UnknotLibrary *self)
{
  g_autoptr(GPtrArray) routines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));

  read_dir (self->catalogue, self->bundled_dir, TRUE, routines, problems);
  read_dir (self->catalogue, self->user_dir, FALSE, routines, problems);
  apply_loaded (self, routines, problems);
}

typedef struct {
  UnknotCatalogue *catalogue;
  char            *bundled_dir;
  char            *user_dir;
  GPtrArray       *routines;
  GPtrArray       *problems;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_object_unref (job->catalogue);
  g_free (job->bundled_dir);
  g_free (job->user_dir);
  g_ptr_array_unref (job->routines);
  g_ptr_array_unref (job->problems);
  g_free (job);
}

static void reload_file (UnknotLibrary *self,
                         const char    *path);

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LoadJob *job = data;

  read_dir (job->catalogue, job->bundled_dir, TRUE, job->routines, job->problems);
  read_dir (job->catalogue, job->user_dir, FALSE, job->routines, job->problems);
  g_task_return_boolean (task, TRUE);
}

/**
 * unknot_library_load_async:
 *
 * Reads both folders in a worker thread; the library's list changes, on the main thread, only
 * when all is read. The window never waits on a large library. Until
 * unknot_library_load_finish() is called, the files the watch sees change are only noted: the
 * worker may have read them before the change, so they are read again after the load lands.
 */
void
unknot_library_load_async (UnknotLibrary       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));

  job = g_new0 (LoadJob, 1);
  job->catalogue = g_object_ref (self->catalogue);
  job->bundled_dir = g_strdup (self->bundled_dir);
  job->user_dir = g_strdup (self->user_dir);
  job->routines = g_ptr_array_new_with_free_func (g_object_unref);
  job->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);

  self->loading++;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, unknot_library_load_async);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

gboolean
unknot_library_load_finish (UnknotLibrary  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_autoptr(GPtrArray) deferred = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  char *path;
  LoadJob *job;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (self->loading > 0, FALSE);

  self->loading--;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  apply_loaded (self, job->routines, job->problems);

  if (self->loading > 0)
    return TRUE;   /* the last load to finish reads them */

  /* Taken out first: a handler of what reload_file() emits may start another load. */
  g_hash_table_iter_init (&iter, self->deferred);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (deferred, path);
    }
  for (guint i = 0; i < deferred->len; i++)
    reload_file (self, g_ptr_array_index (deferred, i));
  return TRUE;
}

GListModel *
unknot_library_get_routines (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->routines);
}

/* Returns: (transfer none) (element-type UnknotProblem): what the last load found, kept up to
 * date for the files the watch (unknot_library_watch()) read again since. */
GPtrArray *
unknot_library_get_problems (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return self->problems;
}

UnknotRoutine *
unknot_library_lookup (UnknotLibrary *self,
                       const char    *id)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

UnknotCatalogue *
unknot_library_get_catalogue (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return self->catalogue;
}

const char *
unknot_library_get_user_dir (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return self->user_dir;
}

/* An id no routine in the library has, and no file in the user's folder: @base, or @base-2... */
char *
unknot_library_make_unique_id (UnknotLibrary *self,
                               const char    *base)
{
  g_autofree char *clean = NULL;
  GString *id;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);

  /* Keep what an id may hold; the rest becomes "-". */
  clean = g_ascii_strdown (base && *base ? base : "routine", -1);
  for (char *p = clean; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
      *p = '-';
  g_strstrip (clean);
  if (strlen (clean) > UNKNOT_MAX_ID_LENGTH - 4)
    clean[UNKNOT_MAX_ID_LENGTH - 4] = '\0';
  while (clean[0] == '-')
    memmove (clean, clean + 1, strlen (clean));
  if (clean[0] == '\0')
    {
      g_free (clean);
      clean = g_strdup ("routine");
    }

  id = g_string_new (clean);
  for (guint n = 2;; n++)
    {
      g_autoptr(GFile) file = unknot_library_get_user_file (self, id->str);

      if (g_hash_table_lookup (self->by_id, id->str) == NULL
          && (file == NULL || !g_file_query_exists (file, NULL)))
        break;
      g_string_printf (id, "%s-%u", clean, n);
    }

  return g_string_free (id, FALSE);
}

/* Where the user's routine @id is kept. */
GFile *
unknot_library_get_user_file (UnknotLibrary *self,
                              const char    *id)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);

  if (self->user_dir == NULL)
    return NULL;

  name = g_strconcat (id, ".json", NULL);
  path = g_build_filename (self->user_dir, name, NULL);
  return g_file_new_for_path (path);
}

static guint
find_position (UnknotLibrary *self,
               UnknotRoutine *routine)
{
  guint position;

  if (g_list_store_find (self->routines, routine, &position))
    return position;
  return G_MAXUINT;
}

/* Adds @routine, or replaces the routine that has its id, keeping the list in name order. */
void
unknot_library_put (UnknotLibrary *self,
                    UnknotRoutine *routine)
{
  UnknotRoutine *old;
  guint n, position = 0;

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  old = g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine));
  if (old == routine)
    return;
  if (old != NULL)
    unknot_library_remove (self, old);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->routines));
  while (position < n)
    {
      g_autoptr(UnknotRoutine) other = g_list_model_get_item (G_LIST_MODEL (self->routines),
                                                              position);

      if (g_utf8_collate (unknot_routine_get_name (routine), unknot_routine_get_name (other)) < 0)
        break;
      position++;
    }

  g_hash_table_insert (self->by_id, (char *) unknot_routine_get_id (routine), routine);
  g_list_store_insert (self->routines, position, routine);
}

void
unknot_library_remove (UnknotLibrary *self,
                       UnknotRoutine *routine)
{
  guint position;

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  position = find_position (self, routine);
  if (position == G_MAXUINT)
    return;

  if (g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine)) == routine)
    g_hash_table_remove (self->by_id, unknot_routine_get_id (routine));
  g_list_store_remove (self->routines, position);
}

/* Watching the user's folder */

/* How long a file must be quiet before it is read again, and the longest a file that keeps
 * changing waits. An atomic save is one rename; a program writing in place sends a burst. */
#define QUIET_MS      150
#define MAX_WAIT_USEC (G_USEC_PER_SEC)

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

/* Takes the problems reported for the file @name out of the library's list. */
static GPtrArray *
take_problems (UnknotLibrary *self,
               const char    *name)
{
  GPtrArray *taken = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);

  for (guint i = 0; i < self->problems->len;)
    {
      UnknotProblem *problem = g_ptr_array_index (self->problems, i);

      if (g_strcmp0 (problem->file, name) == 0)
        g_ptr_array_add (taken, g_ptr_array_steal_index (self->problems, i));
      else
        i++;
    }
  return taken;
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

/* The file holds what the library already has: a save of our own (the editor's, an import, a
 * restore) coming back through the monitor, or a file touched without a change. Fields the
 * format does not write (a rest step's area) are compared as written. */
static gboolean
same_content (UnknotRoutine *a,
              UnknotRoutine *b)
{
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;

  if (unknot_routine_equal (a, b))
    return TRUE;

  ja = unknot_routine_to_json (a, NULL);
  jb = unknot_routine_to_json (b, NULL);
  return g_str_equal (ja, jb);
}

static void schedule_reload (UnknotLibrary *self,
                             const char    *path);

/* @id is free again: a file that was skipped because another file had it may load now. */
static void
release_id (UnknotLibrary *self,
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
  g_signal_emit (self, signals[ROUTINE_CHANGED], 0, routine, id, file);
}

/* Drops @old because its file went away or no longer holds it. */
static void
drop_routine (UnknotLibrary *self,
              UnknotRoutine *old,
              GFile         *file)
{
  g_autoptr(UnknotRoutine) keep = g_object_ref (old);
  g_autofree char *id = g_strdup (unknot_routine_get_id (old));

  unknot_library_remove (self, old);
  emit_changed (self, NULL, id, file);
  release_id (self, id);
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
static void
reload_file (UnknotLibrary *self,
             const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GPtrArray) before = take_problems (self, name);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) routine = NULL;
  UnknotRoutine *old = find_by_file (self, file);
  UnknotRoutine *other;
  gboolean problems_changed;
  const char *id;

  g_hash_table_remove (self->conflicts, g_file_peek_path (file));

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

          g_ptr_array_add (found, unknot_problem_new (name, 0, 0, "id", FALSE, message));
          g_hash_table_insert (self->conflicts, g_strdup (g_file_peek_path (file)),
                               g_strdup (id));
        }
      else if (old != NULL && same_content (old, routine))
        ;   /* keep the object: editors hold it */
      else
        {
          unknot_library_put (self, routine);
          emit_changed (self, routine, id, file);
        }
    }

  problems_changed = !same_problems (before, found);
  g_ptr_array_extend_and_steal (self->problems, g_steal_pointer (&found));
  if (problems_changed)
    g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
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
    reload_file (self, path);

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
  if (basename == NULL || !is_routine_file_name (basename) || !g_file_has_parent (file, dir))
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
      /* An atomic save renames "name.json.XXXXXX" to "name.json": only the second counts. */
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

/* Importing */

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
  g_autofree char *path = g_strdup_printf ("steps[%u].cue.sound", step);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, unknot_problem_new (file, 0, 0, path, FALSE, message));
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

/* Deleting, and Undo */

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

      dropped = take_problems (self, name);
    }

  keep = g_object_ref (routine);
  g_hash_table_replace (self->deleted, g_object_ref (routine), g_steal_pointer (&bytes));
  unknot_library_remove (self, routine);
  release_id (self, unknot_routine_get_id (routine));

  if (dropped != NULL && dropped->len > 0)
    g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);

  return TRUE;
}

static gboolean
bytes_hold (UnknotLibrary *self,
            GBytes        *bytes,
            UnknotRoutine *routine)
{
  g_autoptr(UnknotRoutine) held = unknot_routine_load_bytes (bytes, NULL, self->catalogue, NULL,
                                                             NULL);

  return held != NULL && same_content (held, routine);
}

/* As unknot_routine_save() writes: temporary file, fsync, rename. */
static gboolean
write_bytes (GFile   *file,
             GBytes  *bytes,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (!g_file_set_contents_full (g_file_peek_path (file), data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
                   _("Could not save %s: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
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
