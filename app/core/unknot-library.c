/* unknot-library.c: the store of routines, and loading them
 *
 * The user's folder is the truth: the library follows it (unknot_library_watch), and every write
 * into it is atomic (temporary file, fsync, rename), never an overwrite of another routine. The
 * other roles are in unknot-library-watch.c, -import.c and -delete.c (see -private.h).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <dirent.h>
#include <errno.h>

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "unknot-library-private.h"
#include "unknot-routine-io.h"

G_DEFINE_FINAL_TYPE (UnknotLibrary, unknot_library, G_TYPE_OBJECT)

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

  _unknot_library_watch_dispose (self);

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
   * unknot_library_dup_problems() changed because a file in the user's folder changed.
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
  self->conflicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->deleted = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref,
                                         (GDestroyNotify) g_bytes_unref);
  self->deferred = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _unknot_library_watch_init (self);
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
 * (".name.json.unknot-XXXXXX") and editors' backups ("name.json~") are not. */
gboolean
_unknot_library_is_routine_file_name (const char *name)
{
  return g_str_has_suffix (name, ".json") && name[0] != '.';
}

/* The *.json files of @dir in name order, so every load sees them in the same order. A folder
 * that is not there has none; one that cannot be read (its permissions, a file or a link loop in
 * its place) is a problem like a broken file, or its routines would vanish without a word. */
static GPtrArray *
list_routine_files (const char *dir,
                    GPtrArray  *problems)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  DIR *d;
  struct dirent *entry;

  if (dir == NULL)
    return names;

  if (!(d = opendir (dir)))
    {
      int saved_errno = errno;

      if (saved_errno != ENOENT)
        {
          g_autofree char *message =
            g_strdup_printf (_("this folder of routines cannot be read, so none of its routines "
                               "are shown: %s"), g_strerror (saved_errno));
          g_autofree char *name = g_filename_display_name (dir);

          g_ptr_array_add (problems, unknot_problem_new (name, 0, 0, NULL, FALSE, message));
        }
      return names;
    }

  while ((entry = readdir (d)) != NULL)
    if (_unknot_library_is_routine_file_name (entry->d_name))
      g_ptr_array_add (names, g_build_filename (dir, entry->d_name, NULL));
  closedir (d);

  g_ptr_array_sort (names, compare_strings);
  return names;
}

typedef struct _LoadJob LoadJob;
static void send_part (LoadJob   *job,
                       GPtrArray *routines,
                       GPtrArray *problems);

/* Reads the routine files of @dir: no state of the library is touched, so this runs in a worker
 * thread as well as on the main one. One bad file is reported and skipped; the others load.
 * With @job (a load in a worker thread), what is read so far is sent to the main thread now and
 * then (send_part()). */
static void
read_dir (UnknotCatalogue *catalogue,
          const char      *dir,
          gboolean         bundled,
          GPtrArray       *routines,
          GPtrArray       *problems,
          LoadJob         *job)
{
  g_autoptr(GPtrArray) files = list_routine_files (dir, problems);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
      UnknotRoutine *routine;

      /* A file that does not load, for whatever reason (I/O included), is in @problems. */
      routine = unknot_routine_load_file (file, NULL, catalogue, problems, NULL);
      if (routine == NULL)
        continue;

      unknot_routine_set_bundled (routine, bundled);
      if (!bundled)
        unknot_routine_release_steps (routine, catalogue);
      g_ptr_array_add (routines, routine);
      if (job != NULL)
        send_part (job, routines, problems);
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
                           unknot_problem_new_at (name, -1, UNKNOT_FIELD_ID, NULL, FALSE, message));
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
  _unknot_library_emit_problems_changed (self);
}

/* Reads both folders again. Problems from the previous load are forgotten. */
void
unknot_library_load (UnknotLibrary *self)
{
  g_autoptr(GPtrArray) routines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));

  unknot_clean_temporary_files (self->user_dir, UNKNOT_STALE_TEMPORARY_AGE);
  read_dir (self->catalogue, self->bundled_dir, TRUE, routines, problems, NULL);
  read_dir (self->catalogue, self->user_dir, FALSE, routines, problems, NULL);
  /* Whole, like the end of a load in the worker: no part of one still on its way replaces it. */
  self->loads_finished = self->loads_started;
  apply_loaded (self, routines, problems);
}

/* The first part-load goes out when this many routines are read, each next one when four times
 * as many are: a large library's first rows show after a few milliseconds of reading (and few
 * rows are made for them), and the main thread sorts about half as many routines again in all
 * as with one load at the end. */
#define FIRST_PART_ROUTINES 16
#define PART_GROWTH 4

struct _LoadJob {
  UnknotCatalogue *catalogue;
  char            *bundled_dir;
  char            *user_dir;
  GPtrArray       *routines;
  GPtrArray       *problems;

  UnknotLibrary   *library;      /* for the part-loads */
  GMainContext    *context;      /* where they are shown */
  guint            number;       /* of this load, from loads_started */
  guint            next_part;    /* routines read when the next part-load goes out */
  guint            parts_sent;
};

typedef struct {
  UnknotLibrary *library;
  guint          load;
  guint          part;
  GPtrArray     *routines;
  GPtrArray     *problems;
} LoadPart;

static void
load_part_free (gpointer data)
{
  LoadPart *part = data;

  g_object_unref (part->library);
  g_ptr_array_unref (part->routines);
  g_ptr_array_unref (part->problems);
  g_free (part);
}

/* On the main thread: what the newest load has read so far becomes the library's content, unless
 * a load has finished since it started (a whole result is shown then), a later part is, or the
 * person has changed the library meanwhile (a routine saved or deleted: a part read before would
 * undo it on screen until the whole load lands, and the watch reads those files again then). */
static gboolean
apply_part (gpointer data)
{
  LoadPart *part = data;
  UnknotLibrary *self = part->library;

  if (part->load == self->loads_started && self->loads_finished < part->load &&
      part->part > self->parts_applied && !self->changed_while_loading)
    {
      self->parts_applied = part->part;
      apply_loaded (self, part->routines, part->problems);
    }
  return G_SOURCE_REMOVE;
}

static gpointer
copy_routine_ref (gconstpointer routine,
                  gpointer      data)
{
  return g_object_ref ((gpointer) routine);
}

static gpointer copy_problem (gconstpointer problem,
                              gpointer      data);

/* In the worker: now and then, a copy of what is read so far goes to the main thread (the
 * routines are not touched again here once read, so both threads may hold them). */
static void
send_part (LoadJob   *job,
           GPtrArray *routines,
           GPtrArray *problems)
{
  LoadPart *part;

  if (routines->len < job->next_part)
    return;
  job->next_part = routines->len * PART_GROWTH;

  part = g_new0 (LoadPart, 1);
  part->library = g_object_ref (job->library);
  part->load = job->number;
  part->part = ++job->parts_sent;
  part->routines = g_ptr_array_copy (routines, copy_routine_ref, NULL);
  g_ptr_array_set_free_func (part->routines, g_object_unref);
  part->problems = g_ptr_array_copy (problems, copy_problem, NULL);
  g_ptr_array_set_free_func (part->problems, (GDestroyNotify) unknot_problem_free);
  /* Always from the context's own loop, never here: g_main_context_invoke() would call it in
   * this worker thread when no thread owns the context at that moment (before the main loop
   * runs, or between two iterations of it), touching the list from two threads at once. */
  {
    g_autoptr(GSource) source = g_idle_source_new ();

    g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
    g_source_set_callback (source, apply_part, part, load_part_free);
    g_source_set_static_name (source, "[unknot] library part-load");
    g_source_attach (source, job->context);
  }
}

static void
load_job_free (LoadJob *job)
{
  g_object_unref (job->library);
  g_main_context_unref (job->context);
  g_object_unref (job->catalogue);
  g_free (job->bundled_dir);
  g_free (job->user_dir);
  g_ptr_array_unref (job->routines);
  g_ptr_array_unref (job->problems);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LoadJob *job = data;

  /* What a save killed in an earlier run left behind (the file itself is whole). */
  unknot_clean_temporary_files (job->user_dir, UNKNOT_STALE_TEMPORARY_AGE);
  read_dir (job->catalogue, job->bundled_dir, TRUE, job->routines, job->problems, job);
  read_dir (job->catalogue, job->user_dir, FALSE, job->routines, job->problems, job);
#ifdef __GLIBC__
  /* Reading thousands of files leaves the heap full of small holes (the parsers' and the steps'
   * that were let go), given back only when asked: about 1 MiB of the 12 MiB that 10,000
   * routines of 10 steps take. */
  malloc_trim (0);
#endif
  g_task_return_boolean (task, TRUE);
}

/**
 * unknot_library_load_async:
 *
 * Reads both folders in a worker thread. The library's list changes on the main thread (in
 * idle callbacks of the thread-default context): a large library's list fills in as it is read,
 * what is read so far shown when 16 routines are, then 64, 256 and so on (sorted, a routine
 * keeping its object from one to the next), and becomes whole in
 * unknot_library_load_finish(). The window never waits on a large library. Until
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
  job->library = g_object_ref (self);
  job->context = g_main_context_ref_thread_default ();
  job->number = ++self->loads_started;
  job->next_part = FIRST_PART_ROUTINES;
  self->parts_applied = 0;
  if (self->loading == 0)
    self->changed_while_loading = FALSE;

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
  job = g_task_get_task_data (G_TASK (result));
  /* Once a whole load is shown, no part of one (this or a newer load) replaces it. */
  self->loads_finished = self->loads_started;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  apply_loaded (self, job->routines, job->problems);

  if (self->loading > 0)
    return TRUE;   /* the last load to finish reads them */

  /* Taken out first: a handler of what reloading emits may start another load. */
  g_hash_table_iter_init (&iter, self->deferred);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (deferred, path);
    }
  for (guint i = 0; i < deferred->len; i++)
    _unknot_library_reload_file (self, g_ptr_array_index (deferred, i));
  return TRUE;
}

GListModel *
unknot_library_get_routines (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->routines);
}

static gpointer
copy_problem (gconstpointer problem,
              gpointer      data)
{
  return unknot_problem_copy (problem);
}

/**
 * unknot_library_dup_problems:
 *
 * What the last load found, kept up to date for the files the watch (unknot_library_watch())
 * read again since. A copy: the library's own list changes under "problems-changed", and a
 * caller can neither change it nor keep a view of it that goes stale.
 *
 * Returns: (transfer full) (element-type UnknotProblem): a new array that frees its elements
 */
GPtrArray *
unknot_library_dup_problems (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  /* The copy frees its elements as the library's list does. */
  return g_ptr_array_copy (self->problems, copy_problem, NULL);
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
  if (self->loading > 0)
    self->changed_while_loading = TRUE;

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
  if (self->loading > 0)
    self->changed_while_loading = TRUE;

  if (g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine)) == routine)
    g_hash_table_remove (self->by_id, unknot_routine_get_id (routine));
  g_list_store_remove (self->routines, position);
}

/* For the other files of the library */

/* Takes the problems reported for the file @name out of the library's list. */
GPtrArray *
_unknot_library_take_problems (UnknotLibrary *self,
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

/* The file holds what the library already has: a save of our own (the editor's, an import, a
 * restore) coming back through the monitor, or a file touched without a change. Fields the
 * format does not write (a rest step's area) are compared as written. */
gboolean
_unknot_library_same_content (UnknotRoutine *a,
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

void
_unknot_library_emit_problems_changed (UnknotLibrary *self)
{
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

void
_unknot_library_emit_routine_changed (UnknotLibrary *self,
                                      UnknotRoutine *routine,
                                      const char    *id,
                                      GFile         *file)
{
  g_signal_emit (self, signals[ROUTINE_CHANGED], 0, routine, id, file);
}
