/* test-library-watch.c: the library follows the user's folder on a real main loop: files
 * written, changed, broken, renamed and deleted by someone else show without a restart, and
 * Unknot's own saves are not reported as changes from outside
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "unknot-editor.h"
#include "unknot-test-util.h"

/* Every wait is bounded; "nothing happens" is watched for longer than the library's quiet time
 * (150 ms) plus the monitor's own delays. */
#define WAIT_MS   5000
#define SETTLE_MS 500

typedef struct {
  char          *root;
  char          *user;
  char          *outside;
  UnknotLibrary *library;
  GPtrArray     *changes;            /* "id+" (routine now there) or "id-" (gone), in order */
  guint          problems_changed;
  GMainLoop     *loop;
} Fixture;

static void
on_routine_changed (UnknotLibrary *library,
                    UnknotRoutine *routine,
                    const char    *id,
                    GFile         *file,
                    Fixture       *f)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_nonnull (id);
  g_assert_cmpstr (dir, ==, f->user);
  if (routine != NULL)
    {
      g_assert_cmpstr (unknot_routine_get_id (routine), ==, id);
      g_assert_true (unknot_library_lookup (library, id) == routine);
      g_assert_true (g_file_equal (unknot_routine_get_file (routine), file));
    }
  g_ptr_array_add (f->changes, g_strconcat (id, routine ? "+" : "-", NULL));
  g_main_loop_quit (f->loop);
}

static void
on_problems_changed (UnknotLibrary *library,
                     Fixture       *f)
{
  f->problems_changed++;
  g_main_loop_quit (f->loop);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *alpha = test_routine_json ("alpha", "Alpha", 90);

  f->root = test_make_tmp_dir ();
  f->user = g_build_filename (f->root, "data", "routines", NULL);
  f->outside = g_build_filename (f->root, "outside", NULL);
  g_assert_cmpint (g_mkdir (f->outside, 0700), ==, 0);
  f->changes = g_ptr_array_new_with_free_func (g_free);
  f->loop = g_main_loop_new (NULL, FALSE);

  f->library = unknot_library_new (test_get_catalogue (), NULL, f->user);
  /* The folder does not exist yet: watching creates it. */
  g_assert_false (g_file_test (f->user, G_FILE_TEST_EXISTS));
  unknot_library_watch (f->library);
  g_assert_true (g_file_test (f->user, G_FILE_TEST_IS_DIR));

  if (data != NULL)
    g_free (test_write_file (f->user, "alpha.json", alpha));
  unknot_library_load (f->library);

  g_signal_connect (f->library, "routine-changed", G_CALLBACK (on_routine_changed), f);
  g_signal_connect (f->library, "problems-changed", G_CALLBACK (on_problems_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_clear_pointer (&f->changes, g_ptr_array_unref);
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->user);
  g_free (f->outside);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for @ms. */
static void
run_for (Fixture *f,
         guint    ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      guint id = g_timeout_add (MAX (1, (deadline - g_get_monotonic_time ()) / 1000),
                                quit_loop, f->loop);

      g_main_loop_run (f->loop);
      g_source_remove (id);
    }
}

/* Runs the main loop until @n changes were reported (at most WAIT_MS), then a moment more so
 * that a change reported twice would show. */
static void
wait_for_changes (Fixture *f,
                  guint    n)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + WAIT_MS * 1000;

  while (f->changes->len < n && g_get_monotonic_time () < deadline)
    {
      guint id = g_timeout_add (50, quit_loop, f->loop);

      g_main_loop_run (f->loop);
      g_source_remove (id);
    }
  if (f->changes->len < n)
    g_error ("%u change(s) reported in %d ms, expected %u", f->changes->len, WAIT_MS, n);
  g_test_message ("%u change(s) after %" G_GINT64_FORMAT " ms", n,
                  (g_get_monotonic_time () - start) / 1000);
  run_for (f, 300);
}

static void
wait_for_problems (Fixture *f,
                   guint    n)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (f->problems_changed < n && g_get_monotonic_time () < deadline)
    {
      guint id = g_timeout_add (50, quit_loop, f->loop);

      g_main_loop_run (f->loop);
      g_source_remove (id);
    }
  g_assert_cmpuint (f->problems_changed, >=, n);
}

static char *
changes (Fixture *f)
{
  char *s;

  g_ptr_array_add (f->changes, NULL);
  s = g_strjoinv (" ", (char **) f->changes->pdata);
  g_ptr_array_remove_index (f->changes, f->changes->len - 1);
  return s;
}

#define assert_changes(f, expected) \
  G_STMT_START { \
    g_autofree char *_c = changes (f); \
    g_assert_cmpstr (_c, ==, expected); \
  } G_STMT_END

static guint
problems_for (Fixture    *f,
              const char *path)
{
  g_autoptr(GPtrArray) problems = unknot_library_dup_problems (f->library);
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    if (g_strcmp0 (((UnknotProblem *) g_ptr_array_index (problems, i))->file, path) == 0)
      n++;
  return n;
}

static guint
n_routines (Fixture *f)
{
  return g_list_model_get_n_items (unknot_library_get_routines (f->library));
}

static void
test_new_changed_broken_deleted (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *json = test_routine_json ("gamma", "Gamma", 60);
  g_autofree char *path = test_write_file (f->user, "gamma.json", json);
  UnknotRoutine *gamma;

  /* A new file appears. */
  wait_for_changes (f, 1);
  assert_changes (f, "gamma+");
  gamma = unknot_library_lookup (f->library, "gamma");
  g_assert_nonnull (gamma);
  g_assert_cmpstr (g_file_peek_path (unknot_routine_get_file (gamma)), ==, path);
  g_assert_cmpuint (unknot_routine_get_total_duration (gamma), ==, 60);
  g_assert_cmpuint (f->problems_changed, ==, 0);

  /* It changes. */
  g_free (json);
  json = test_routine_json ("gamma", "Gamma", 300);
  g_free (test_write_file (f->user, "gamma.json", json));
  wait_for_changes (f, 2);
  assert_changes (f, "gamma+ gamma+");
  g_assert_cmpuint (unknot_routine_get_total_duration (unknot_library_lookup (f->library,
                                                                              "gamma")), ==, 300);
  g_assert_cmpuint (n_routines (f), ==, 1);

  /* It is broken: reported, and out of the list. */
  g_free (test_write_file (f->user, "gamma.json", "{ \"format\": 1, \"id\": "));
  wait_for_changes (f, 3);
  wait_for_problems (f, 1);
  assert_changes (f, "gamma+ gamma+ gamma-");
  g_assert_null (unknot_library_lookup (f->library, "gamma"));
  g_assert_cmpuint (problems_for (f, path), >=, 1);
  g_assert_cmpuint (n_routines (f), ==, 0);

  /* Broken differently: the old problem is replaced, not added to. */
  g_free (test_write_file (f->user, "gamma.json", "garbage"));
  wait_for_problems (f, 2);
  run_for (f, 300);
  g_assert_cmpuint (problems_for (f, path), ==, 1);

  /* Fixed by hand: back, and the problem gone. */
  g_free (test_write_file (f->user, "gamma.json", json));
  wait_for_changes (f, 4);
  wait_for_problems (f, 3);
  assert_changes (f, "gamma+ gamma+ gamma- gamma+");
  g_assert_cmpuint (problems_for (f, path), ==, 0);

  /* Deleted. */
  g_assert_cmpint (g_remove (path), ==, 0);
  wait_for_changes (f, 5);
  assert_changes (f, "gamma+ gamma+ gamma- gamma+ gamma-");
  g_assert_null (unknot_library_lookup (f->library, "gamma"));
  g_assert_cmpuint (n_routines (f), ==, 0);
  g_assert_cmpuint (f->problems_changed, ==, 3);
}

/* The editor's saves, imports, deletes and Undo are the library's own doing: no change from
 * outside is reported for them. A change from outside after them is, so the silence is not the
 * monitor's. */
static void
test_own_saves (Fixture       *f,
                gconstpointer  data)
{
  UnknotRoutine *alpha = unknot_library_lookup (f->library, "alpha");
  g_autoptr(UnknotEditor) editor = NULL;
  g_autoptr(UnknotEditor) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = test_routine_json ("imported", "Imported", 20);
  g_autofree char *outside = test_write_file (f->outside, "imported.json", json);
  g_autoptr(GFile) source = g_file_new_for_path (outside);
  UnknotRoutine *saved;

  g_assert_nonnull (alpha);

  editor = unknot_editor_new (f->library, alpha);
  unknot_step_set_duration (unknot_routine_get_step (unknot_editor_get_routine (editor), 0), 75);
  g_assert_true (unknot_editor_save (editor, &error));
  g_assert_no_error (error);
  saved = unknot_editor_get_original (editor);
  /* Saved twice in a row, as Ctrl+S pressed twice. */
  unknot_routine_set_name (unknot_editor_get_routine (editor), "Alpha, longer");
  g_assert_true (unknot_editor_save (editor, &error));
  g_assert_no_error (error);
  saved = unknot_editor_get_original (editor);

  fresh = unknot_editor_new (f->library, NULL);
  unknot_editor_add_step (fresh, "heat", -1);
  g_assert_true (unknot_editor_save (fresh, &error));
  g_assert_no_error (error);

  g_assert_nonnull (unknot_library_import (f->library, source, NULL, &error));
  g_assert_no_error (error);

  run_for (f, SETTLE_MS);
  assert_changes (f, "");
  g_assert_cmpuint (f->problems_changed, ==, 0);
  /* The editor's saved routine is still the very object in the library. */
  g_assert_true (unknot_library_lookup (f->library, "alpha") == saved);
  g_assert_cmpuint (n_routines (f), ==, 3);

  /* Deleted and brought back (Undo) before and after the monitor has seen it. */
  g_assert_true (unknot_library_delete (f->library, saved, &error));
  g_assert_no_error (error);
  g_assert_true (unknot_library_restore (f->library, saved, &error));
  g_assert_no_error (error);
  run_for (f, SETTLE_MS);
  g_assert_true (unknot_library_delete (f->library, saved, &error));
  run_for (f, SETTLE_MS);
  g_assert_true (unknot_library_restore (f->library, saved, &error));
  g_assert_no_error (error);
  run_for (f, SETTLE_MS);
  assert_changes (f, "");
  g_assert_true (unknot_library_lookup (f->library, "alpha") == saved);

  /* Someone else writes the same file: that is reported. */
  g_free (json);
  json = test_routine_json ("alpha", "Alpha from the other machine", 33);
  g_free (test_write_file (f->user, "alpha.json", json));
  wait_for_changes (f, 1);
  assert_changes (f, "alpha+");
  g_assert_cmpstr (unknot_routine_get_name (unknot_library_lookup (f->library, "alpha")), ==,
                   "Alpha from the other machine");
}

/* Not routine files: the temporary files of an atomic save (left behind by a crash), hidden
 * files, backups, other files, and files in sub-folders (an import's sounds). */
static void
test_ignored (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->user, "sounds-x", NULL);
  g_autofree char *json = test_routine_json ("other", "Other", 10);

  g_free (test_write_file (f->user, "alpha.json.K3XQ2Z", "{ half a rout"));
  g_free (test_write_file (f->user, ".hidden.json", "garbage"));
  g_free (test_write_file (f->user, "alpha.json~", json));
  g_free (test_write_file (f->user, "notes.txt", "garbage"));
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_free (test_write_file (sub, "inner.json", json));

  run_for (f, SETTLE_MS);
  assert_changes (f, "");
  g_assert_cmpuint (f->problems_changed, ==, 0);
  g_assert_cmpuint (test_library_n_problems (f->library), ==, 0);
  g_assert_cmpuint (n_routines (f), ==, 1);
}

static void
test_id_changed (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *json = test_routine_json ("delta", "Alpha renamed", 90);
  g_autofree char *path = test_write_file (f->user, "alpha.json", json);
  UnknotRoutine *delta;

  wait_for_changes (f, 2);
  assert_changes (f, "alpha- delta+");
  g_assert_null (unknot_library_lookup (f->library, "alpha"));
  delta = unknot_library_lookup (f->library, "delta");
  g_assert_nonnull (delta);
  g_assert_cmpstr (g_file_peek_path (unknot_routine_get_file (delta)), ==, path);
  g_assert_cmpuint (n_routines (f), ==, 1);
}

/* Two files with one id: the second is reported and skipped, and loads once the first goes. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *json = test_routine_json ("alpha", "Alpha's twin", 45);
  g_autofree char *twin = test_write_file (f->user, "twin.json", json);
  g_autofree char *first = g_build_filename (f->user, "alpha.json", NULL);

  wait_for_problems (f, 1);
  run_for (f, 300);
  assert_changes (f, "");
  g_assert_cmpuint (problems_for (f, twin), ==, 1);
  g_assert_cmpstr (unknot_routine_get_name (unknot_library_lookup (f->library, "alpha")), ==,
                   "Alpha");

  g_assert_cmpint (g_remove (first), ==, 0);
  wait_for_changes (f, 2);
  assert_changes (f, "alpha- alpha+");
  g_assert_cmpstr (unknot_routine_get_name (unknot_library_lookup (f->library, "alpha")), ==,
                   "Alpha's twin");
  g_assert_cmpuint (problems_for (f, twin), ==, 0);
  g_assert_cmpuint (test_library_n_problems (f->library), ==, 0);
}

/* Moved in, renamed inside, moved out (a sync tool, a file manager). */
static void
test_moves (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *json = test_routine_json ("moved", "Moved", 30);
  g_autofree char *outside = test_write_file (f->outside, "moved.json", json);
  g_autofree char *inside = g_build_filename (f->user, "moved.json", NULL);
  g_autofree char *renamed = g_build_filename (f->user, "renamed.json", NULL);
  g_autofree char *away = g_build_filename (f->outside, "away.json", NULL);

  g_assert_cmpint (g_rename (outside, inside), ==, 0);
  wait_for_changes (f, 1);
  assert_changes (f, "moved+");

  g_assert_cmpint (g_rename (inside, renamed), ==, 0);
  wait_for_changes (f, 3);
  assert_changes (f, "moved+ moved- moved+");
  g_assert_cmpstr (g_file_peek_path (unknot_routine_get_file (
                     unknot_library_lookup (f->library, "moved"))), ==, renamed);
  g_assert_cmpuint (f->problems_changed, ==, 0);

  g_assert_cmpint (g_rename (renamed, away), ==, 0);
  wait_for_changes (f, 4);
  assert_changes (f, "moved+ moved- moved+ moved-");
  g_assert_null (unknot_library_lookup (f->library, "moved"));
  g_assert_cmpuint (n_routines (f), ==, 1);
}

typedef struct {
  Fixture *f;
  FILE    *file;
  guint    written;
} Writer;

static const char slow_json[] =
  "{\n  \"format\": 1,\n  \"id\": \"slow\",\n  \"name\": \"Written slowly\",\n"
  "  \"description\": \"\",\n  \"steps\": [\n"
  "    { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30 }\n  ]\n}\n";

static gboolean
write_a_bit (gpointer data)
{
  Writer *w = data;
  gsize total = sizeof slow_json - 1;
  gsize n = MIN (total - w->written, total / 4 + 1);

  g_assert_cmpuint (fwrite (slow_json + w->written, 1, n, w->file), ==, n);
  fflush (w->file);
  w->written += n;
  if (w->written < total)
    return G_SOURCE_CONTINUE;

  fclose (w->file);
  w->file = NULL;
  return G_SOURCE_REMOVE;
}

/* A program that writes in place, a piece at a time: read once, when it is done. */
static void
test_debounce (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->user, "slow.json", NULL);
  Writer w = { f, fopen (path, "w"), 0 };

  g_assert_nonnull (w.file);
  g_timeout_add (15, write_a_bit, &w);
  wait_for_changes (f, 1);
  g_assert_null (w.file);
  run_for (f, SETTLE_MS);
  assert_changes (f, "slow+");
  g_assert_cmpuint (f->problems_changed, ==, 0);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* A file changed while unknot_library_load_async() was reading in its worker thread: the
 * worker's older reading of it must not replace what the file now holds. */
static void
test_change_during_async_load (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *json = test_routine_json ("alpha", "Alpha", 300);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  unknot_library_load_async (f->library, NULL, on_loaded, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* The worker read alpha at 90 s; the file changes before the load is finished. */
  g_free (test_write_file (f->user, "alpha.json", json));
  run_for (f, SETTLE_MS);

  g_assert_true (unknot_library_load_finish (f->library, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (unknot_routine_get_total_duration (unknot_library_lookup (f->library,
                                                                              "alpha")), ==, 300);
  run_for (f, SETTLE_MS);
  assert_changes (f, "alpha+");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, with_alpha, func) \
  g_test_add (path, Fixture, with_alpha ? "alpha" : NULL, fixture_set_up, func, \
              fixture_tear_down)

  ADD ("/watch/new-changed-broken-deleted", FALSE, test_new_changed_broken_deleted);
  ADD ("/watch/own-saves", TRUE, test_own_saves);
  ADD ("/watch/ignored", TRUE, test_ignored);
  ADD ("/watch/id-changed", TRUE, test_id_changed);
  ADD ("/watch/conflict", TRUE, test_conflict);
  ADD ("/watch/moves", TRUE, test_moves);
  ADD ("/watch/debounce", FALSE, test_debounce);
  ADD ("/watch/change-during-async-load", TRUE, test_change_during_async_load);

#undef ADD

  return g_test_run ();
}
