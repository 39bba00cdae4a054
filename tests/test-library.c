/* test-library.c: the routines a person can choose from, and `unknot --list` / `--validate`
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "unknot-cli.h"
#include "unknot-dirs.h"
#include "unknot-test-util.h"

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_free (test_write_file (dir, name, contents));
}

typedef struct {
  char *root;
  char *bundled;
  char *user;
} Fixture;

/* bundled/: two good routines, a broken one, files that are not routines.
 * user/: one good routine, one reusing a bundled id, one breaking a rule. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *alpha = test_routine_json ("alpha", "Alpha", 90);
  g_autofree char *beta = test_routine_json ("beta", "Beta", 3599);
  g_autofree char *gamma = test_routine_json ("gamma", "Gamma", 5);
  g_autofree char *again = test_routine_json ("alpha", "Alpha again", 60);
  g_autofree char *zero = test_routine_json ("zero", "Zero", 0);
  g_autofree char *folder = NULL;
  g_autofree char *fifo = NULL;

  f->root = g_dir_make_tmp ("unknot-library-XXXXXX", &error);
  g_assert_no_error (error);
  f->bundled = g_build_filename (f->root, "bundled", NULL);
  f->user = g_build_filename (f->root, "user", NULL);
  g_assert_cmpint (g_mkdir (f->bundled, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->user, 0700), ==, 0);

  /* Named so that the broken file comes between the good ones. */
  write_file (f->bundled, "a-alpha.json", alpha);
  write_file (f->bundled, "b-broken.json", "{ \"format\": 1, \"id\": \"broken\" ");
  write_file (f->bundled, "c-beta.json", beta);
  write_file (f->bundled, "notes.txt", "not a routine");
  write_file (f->bundled, "alpha.json~", alpha);
  write_file (f->bundled, ".hidden.json", gamma);
  write_file (f->bundled, "README", "{");
  folder = g_build_filename (f->bundled, "folder.json", NULL);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  write_file (f->user, "gamma.json", gamma);
  write_file (f->user, "my-alpha.json", again);
  write_file (f->user, "zero.json", zero);
  /* A FIFO must not hang the library. */
  fifo = g_build_filename (f->user, "pipe.json", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->bundled);
  g_free (f->user);
}

static char *
path_in (const char *dir,
         const char *name)
{
  g_autoptr(GFile) file = g_file_new_build_filename (dir, name, NULL);

  return g_file_get_parse_name (file);
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), f->bundled,
                                                         f->user);
  g_autofree char *broken = path_in (f->bundled, "b-broken.json");
  g_autofree char *folder = path_in (f->bundled, "folder.json");
  g_autofree char *alpha_path = path_in (f->bundled, "a-alpha.json");
  g_autofree char *my_alpha = path_in (f->user, "my-alpha.json");
  g_autofree char *pipe = path_in (f->user, "pipe.json");
  g_autofree char *zero = path_in (f->user, "zero.json");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  const char *ids[] = { "alpha", "beta", "gamma" };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *again_text = NULL;
  GListModel *routines;
  UnknotRoutine *alpha, *gamma;

  unknot_library_load (library);
  routines = unknot_library_get_routines (library);
  problems = unknot_library_dup_problems (library);

  /* The good ones load, sorted by name, whatever else is in the folders. */
  g_assert_cmpuint (g_list_model_get_n_items (routines), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);

      g_assert_cmpstr (unknot_routine_get_id (routine), ==, ids[i]);
    }

  /* Each bad file reported once, naming the file; non-.json and hidden files ignored. */
  text = unknot_problems_to_string (problems);
  g_test_message ("%s", text);
  expected = g_strdup_printf (
    "%s:1:31: not valid JSON: the file ends too early; expected \",\" or \"}\"\n"
    "%s: a folder, not a routine file\n"
    "%s: id: the id \"alpha\" is already used by %s; this routine is skipped\n"
    "%s: not a regular file\n"
    "%s: steps[0].duration: 0 is out of range; expected 1 to 3600 seconds",
    broken, folder, my_alpha, alpha_path, pipe, zero);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpuint (unknot_problems_count_errors (problems), ==, 5);

  /* A copy, deep: what a caller does to it leaves the library's own list as it was. */
  again = unknot_library_dup_problems (library);
  g_assert_true (again != problems);
  g_assert_true (g_ptr_array_index (again, 0) != g_ptr_array_index (problems, 0));
  g_free (((UnknotProblem *) g_ptr_array_index (problems, 0))->message);
  ((UnknotProblem *) g_ptr_array_index (problems, 0))->message = g_strdup ("changed");
  g_ptr_array_remove_index (problems, 1);
  g_ptr_array_set_size (again, 0);
  g_clear_pointer (&again, g_ptr_array_unref);
  again = unknot_library_dup_problems (library);
  again_text = unknot_problems_to_string (again);
  g_assert_cmpstr (again_text, ==, expected);

  /* Lookup by id; the first of a duplicated id wins; bundled is marked. */
  alpha = unknot_library_lookup (library, "alpha");
  g_assert_nonnull (alpha);
  g_assert_cmpstr (unknot_routine_get_name (alpha), ==, "Alpha");
  g_assert_true (unknot_routine_get_bundled (alpha));
  {
    g_autofree char *alpha_file = g_file_get_parse_name (unknot_routine_get_file (alpha));

    g_assert_cmpstr (alpha_file, ==, alpha_path);
  }
  gamma = unknot_library_lookup (library, "gamma");
  g_assert_nonnull (gamma);
  g_assert_false (unknot_routine_get_bundled (gamma));
  g_assert_null (unknot_library_lookup (library, "broken"));
  g_assert_null (unknot_library_lookup (library, "zero"));
  g_assert_null (unknot_library_lookup (library, "nope"));
  g_assert_true (unknot_library_get_catalogue (library) == test_get_catalogue ());
  g_assert_cmpstr (unknot_library_get_user_dir (library), ==, f->user);
}

/* Loading again reads the folders afresh and forgets the old problems. */
static void
test_reload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), f->bundled,
                                                         f->user);
  g_autofree char *delta = test_routine_json ("delta", "Delta", 30);
  g_autofree char *broken = g_build_filename (f->bundled, "b-broken.json", NULL);
  g_autofree char *my_alpha = g_build_filename (f->user, "my-alpha.json", NULL);
  g_autofree char *pipe = g_build_filename (f->user, "pipe.json", NULL);
  g_autofree char *zero = g_build_filename (f->user, "zero.json", NULL);
  g_autofree char *folder = g_build_filename (f->bundled, "folder.json", NULL);
  UnknotRoutine *old_alpha;

  unknot_library_load (library);
  old_alpha = unknot_library_lookup (library, "alpha");
  g_assert_nonnull (old_alpha);

  g_assert_cmpint (g_remove (broken), ==, 0);
  g_assert_cmpint (g_remove (my_alpha), ==, 0);
  g_assert_cmpint (g_remove (pipe), ==, 0);
  g_assert_cmpint (g_remove (zero), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  write_file (f->user, "delta.json", delta);

  unknot_library_load (library);
  g_assert_cmpuint (test_library_n_problems (library), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (library)), ==, 4);
  g_assert_nonnull (unknot_library_lookup (library, "delta"));
  g_assert_nonnull (unknot_library_lookup (library, "alpha"));
}

/* Folders that do not exist yet (a first run) are simply empty. */
static void
test_missing_dirs (void)
{
  g_autoptr(UnknotLibrary) library = NULL;

  library = unknot_library_new (test_get_catalogue (), "/nonexistent/unknot/bundled", NULL);
  unknot_library_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (library)), ==, 0);
  g_assert_cmpuint (test_library_n_problems (library), ==, 0);
}

/* The routines installed with Unknot: clean, and between them they teach everything. */
static void
test_bundled (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autofree char *bundled = unknot_dirs_get_bundled_routines ();
  g_autoptr(UnknotLibrary) library = unknot_library_new (catalogue, bundled,
                                                         "/nonexistent/unknot/user");
  g_autoptr(GHashTable) techniques = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GListModel *routines;
  guint n, n_techniques, areas = 0;

  unknot_library_load (library);
  routines = unknot_library_get_routines (library);
  n = g_list_model_get_n_items (routines);

  problems = unknot_library_dup_problems (library);
  if (problems->len > 0)
    {
      g_autofree char *text = unknot_problems_to_string (problems);

      g_error ("the bundled routines have problems:\n%s", text);
    }
  g_assert_cmpuint (n, >=, 6);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);
      g_autofree char *basename = g_file_get_basename (unknot_routine_get_file (routine));
      g_autofree char *expected_name = g_strconcat (unknot_routine_get_id (routine), ".json",
                                                    NULL);

      g_assert_true (unknot_routine_get_bundled (routine));
      g_assert_cmpstr (basename, ==, expected_name);
      areas |= unknot_routine_get_areas (routine);

      for (guint j = 0; j < unknot_routine_get_n_steps (routine); j++)
        {
          UnknotStep *step = unknot_routine_get_step (routine, j);

          if (!unknot_step_is_rest (step))
            g_hash_table_add (techniques, (char *) unknot_step_get_technique (step));
        }
    }

  /* Every technique of the catalogue and every area is in some routine. */
  n_techniques = g_list_model_get_n_items (G_LIST_MODEL (catalogue));
  for (guint i = 0; i < n_techniques; i++)
    {
      g_autoptr(UnknotTechnique) technique = g_list_model_get_item (G_LIST_MODEL (catalogue), i);

      if (!g_hash_table_contains (techniques, unknot_technique_get_id (technique)))
        g_error ("no bundled routine uses the technique \"%s\"",
                 unknot_technique_get_id (technique));
    }
  g_assert_cmpuint (g_hash_table_size (techniques), ==, n_techniques);
  g_assert_cmphex (areas, ==, (1u << UNKNOT_N_AREAS) - 1);

  /* `unknot --list`: one line per routine, with its id, total time and name. */
  g_assert_cmpint (unknot_cli_list (library, out, err), ==, 0);
  g_test_message ("%s", out->str);
  g_assert_cmpstr (err->str, ==, "");
  g_assert_true (g_str_has_suffix (out->str, "\n"));
  lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);
      g_autofree char *total = unknot_format_duration (unknot_routine_get_total_duration (routine));
      g_autofree char *tail = g_strdup_printf (" %s  %s", total, unknot_routine_get_name (routine));

      g_assert_true (g_str_has_prefix (lines[i], unknot_routine_get_id (routine)));
      g_assert_true (g_str_has_suffix (lines[i], tail));
      g_assert_true (g_regex_match_simple ("^[a-z0-9-]+ +[0-9]+:[0-5][0-9]  .+$", lines[i], 0, 0));
    }
}

static void
test_cli_list (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), f->bundled,
                                                         f->user);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree char *problems = NULL;

  unknot_library_load (library);
  {
    g_autoptr(GPtrArray) found = unknot_library_dup_problems (library);

    problems = unknot_problems_to_string (found);
  }

  /* Problems go to err and do not make the listing fail. */
  g_assert_cmpint (unknot_cli_list (library, out, err), ==, 0);
  g_assert_cmpstr (out->str, ==,
                   "alpha      1:30  Alpha\n"
                   "beta      59:59  Beta\n"
                   "gamma      0:05  Gamma\n");
  g_assert_true (g_str_has_suffix (err->str, "\n"));
  g_string_truncate (err, err->len - 1);
  g_assert_cmpstr (err->str, ==, problems);
}

static void
test_cli_validate (Fixture       *f,
                   gconstpointer  data)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autofree char *good = g_build_filename (f->bundled, "a-alpha.json", NULL);
  g_autofree char *good2 = g_build_filename (f->user, "gamma.json", NULL);
  g_autofree char *broken = g_build_filename (f->bundled, "b-broken.json", NULL);
  g_autofree char *zero = g_build_filename (f->user, "zero.json", NULL);
  g_autofree char *missing = g_build_filename (f->user, "missing.json", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);

  /* All good: 0, one "OK" a file, nothing on err. */
  {
    const char *files[] = { good, good2, NULL };

    g_assert_cmpint (unknot_cli_validate (catalogue, files, NULL, out, err), ==, 0);
    expected = g_strdup_printf ("%s: OK\n%s: OK\n", good, good2);
    g_assert_cmpstr (out->str, ==, expected);
    g_assert_cmpstr (err->str, ==, "");
  }

  /* Any bad: 1, the good still say OK, each bad one says why, naming the file as given. */
  g_string_truncate (out, 0);
  g_clear_pointer (&expected, g_free);
  {
    const char *files[] = { broken, good, zero, NULL };

    g_assert_cmpint (unknot_cli_validate (catalogue, files, NULL, out, err), ==, 1);
    expected = g_strdup_printf ("%s: OK\n", good);
    g_assert_cmpstr (out->str, ==, expected);
    g_clear_pointer (&expected, g_free);
    expected = g_strdup_printf (
      "%s:1:31: not valid JSON: the file ends too early; expected \",\" or \"}\"\n"
      "%s: steps[0].duration: 0 is out of range; expected 1 to 3600 seconds\n", broken, zero);
    g_assert_cmpstr (err->str, ==, expected);
  }

  /* A file that is not there. */
  g_string_truncate (out, 0);
  g_string_truncate (err, 0);
  {
    const char *files[] = { missing, NULL };

    g_assert_cmpint (unknot_cli_validate (catalogue, files, NULL, out, err), ==, 1);
    g_assert_cmpstr (out->str, ==, "");
    g_assert_true (g_str_has_prefix (err->str, missing));
    g_assert_nonnull (strstr (err->str, "No such file"));
    /* Said once, not twice. */
    g_assert_cmpint (strchr (err->str, '\n') - err->str, ==, (int) err->len - 1);
  }

  /* Nothing to validate is a usage error. */
  g_string_truncate (err, 0);
  {
    const char *files[] = { NULL };

    g_assert_cmpint (unknot_cli_validate (catalogue, files, NULL, out, err), ==, 2);
    g_assert_cmpstr (err->str, !=, "");
  }
}

/* Every good file of the loader corpus passes --validate, every bad one fails. */
static void
test_cli_validate_corpus (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();

  for (guint k = 0; k < 2; k++)
    {
      const char *kind = k == 0 ? "good" : "bad";
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "routines", kind, NULL);
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      g_assert_nonnull (d);
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);
          const char *files[] = { path, NULL };
          g_autoptr(GString) out = g_string_new (NULL);
          g_autoptr(GString) err = g_string_new (NULL);

          if (!g_str_has_suffix (name, ".json"))
            continue;

          g_assert_cmpint (unknot_cli_validate (catalogue, files, NULL, out, err), ==, k);
          if (k == 0)
            g_assert_true (g_str_has_suffix (out->str, ": OK\n"));
          else
            {
              g_assert_cmpstr (out->str, ==, "");
              g_assert_true (g_str_has_prefix (err->str, path));
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/library/reload", Fixture, NULL, fixture_set_up, test_reload, fixture_tear_down);
  g_test_add_func ("/library/missing-dirs", test_missing_dirs);
  g_test_add_func ("/library/bundled", test_bundled);
  g_test_add ("/library/cli-list", Fixture, NULL, fixture_set_up, test_cli_list,
              fixture_tear_down);
  g_test_add ("/library/cli-validate", Fixture, NULL, fixture_set_up, test_cli_validate,
              fixture_tear_down);
  g_test_add_func ("/library/cli-validate-corpus", test_cli_validate_corpus);

  return g_test_run ();
}
