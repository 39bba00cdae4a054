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
#include "unknot-labels.h"
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

/* No byte that a terminal acts on: below 0x20 but the line ends, DEL, the C1 controls. */
static void
assert_terminal_safe (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        continue;
      if (g_unichar_type (c) == G_UNICODE_CONTROL || (c >= 0x202a && c <= 0x202e))
        g_error ("U+%04X printed raw in: %s", c, text);
    }
}

static void
test_escape (void)
{
  static const struct {
    const char *text;
    const char *escaped;
  } cases[] = {
    { "plain", "plain" },
    { "\033]0;title\007hi", "\\u001b]0;title\\u0007hi" },
    { "a\nb\tc\r", "a\\u000ab\\u0009c\\u000d" },
    { "C1 \302\233" "31m", "C1 \\u009b31m" },
    { "\342\200\256txt.exe", "\\u202etxt.exe" },      /* U+202E RIGHT-TO-LEFT OVERRIDE */
    { "\342\200\250", "\\u2028" },
    { "bad \377 byte", "bad \\xff byte" },
    /* Right-to-left text and its marks stay as they are. */
    { "\342\200\217\330\261\331\202\330\250\330\251", "\342\200\217\330\261\331\202\330\250\330\251" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = unknot_text_escape (cases[i].text);

      g_assert_cmpstr (escaped, ==, cases[i].escaped);
    }
}

/* A shared routine is data: whatever its name, keys, values or file name hold, --list and
 * --validate print no escape sequence and no line of their own making. */
static void
test_cli_hostile (void)
{
  static const char evil_key[] =
    "{ \"format\": 1, \"id\": \"evil-key\", \"name\": \"Evil key\", \"description\": \"\",\n"
    "  \"\\u001b]0;owned\\u0007\": 1,\n"
    "  \"steps\": [ { \"technique\": \"kneading\", \"area\": \"neck\", \"duration\": 30,\n"
    "                \"side\": \"\\u001b[2J\", \"tool\": \"a\\nevil.json: OK\" } ] }\n";
  static const char evil_name[] =
    "{ \"format\": 1, \"id\": \"evil-name\", \"name\": \"\\u001b]0;title\\u0007hi\",\n"
    "  \"description\": \"\", \"steps\": [ { \"kind\": \"rest\", \"duration\": 30 } ] }\n";
  g_autofree char *root = test_make_tmp_dir ();
  g_autofree char *key_path = test_write_file (root, "evil-key.json", evil_key);
  g_autofree char *name_path = test_write_file (root, "evil-name.json", evil_name);
  g_autofree char *file_path = test_write_file (root, "\033]0;file\007.json", evil_name);
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), NULL, root);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  const char *files[] = { key_path, name_path, file_path, NULL };

  unknot_library_load (library);
  g_assert_cmpint (unknot_cli_list (library, out, err), ==, 0);
  g_test_message ("--list:\n%s%s", out->str, err->str);
  assert_terminal_safe (out->str);
  assert_terminal_safe (err->str);
  /* The name is refused where it is, and the escapes are shown, not acted on. */
  g_assert_nonnull (strstr (err->str, "evil-name.json: name: contains a control character "
                                      "(U+001B)\n"));
  g_assert_nonnull (strstr (err->str, "warning: \\u001b]0;owned\\u0007: unknown key"));
  /* (GIO names a file whose name has control characters by its URI.) */
  g_assert_nonnull (strstr (err->str, "%1B%5D0;file%07.json: name: contains"));
  g_assert_null (strstr (out->str, "title"));

  g_string_truncate (out, 0);
  g_string_truncate (err, 0);
  g_assert_cmpint (unknot_cli_validate (test_get_catalogue (), files, NULL, out, err), ==, 1);
  g_test_message ("--validate:\n%s%s", out->str, err->str);
  assert_terminal_safe (out->str);
  assert_terminal_safe (err->str);
  /* One line a problem: a value's line break cannot forge an "OK". */
  g_assert_cmpstr (out->str, ==, "");
  g_assert_nonnull (strstr (err->str, "steps[0].tool: unknown value \"a\\u000aevil.json: OK\""));
  g_assert_nonnull (strstr (err->str, "steps[0].side: unknown value \"\\u001b[2J\""));

  test_remove_tree (root);
}

static gboolean
problems_have (GPtrArray  *problems,
               const char *text)
{
  g_autofree char *all = unknot_problems_to_string (problems);

  g_test_message ("problems: %s", all);
  return strstr (all, text) != NULL;
}

/* A folder of routines or a routine file that cannot be read is reported like a broken file: in
 * the library's problems (which the window lists under "Routine Files Not Loaded"), on --list's
 * stderr, and by --validate with exit status 1. Mode 000, with root's override dropped. */
static void
test_unreadable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), f->bundled,
                                                         f->user);
  g_autofree char *locked = g_build_filename (f->root, "locked", NULL);
  g_autofree char *inside = NULL;
  g_autofree char *closed = g_build_filename (f->user, "gamma.json", NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree char *expected = NULL;
  TestCaps caps;

  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  inside = test_write_file (locked, "inside.json", "{}");
  g_assert_cmpint (g_chmod (f->user, 0), ==, 0);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);

  if (!test_permissions_bind (&caps))
    {
      test_permissions_restore (&caps);
      g_test_skip ("file permissions do not bind this process (root with capabilities that "
                   "cannot be dropped); /library/unreadable-root covers the cases root sees");
      g_chmod (f->user, 0700);
      g_chmod (locked, 0700);
      return;
    }

  unknot_library_load (library);
  problems = unknot_library_dup_problems (library);
  expected = g_strdup_printf ("%s: this folder of routines cannot be read, so none of its "
                              "routines are shown: Permission denied", f->user);
  g_assert_true (problems_have (problems, expected));
  /* The bundled routines still load. */
  g_assert_nonnull (unknot_library_lookup (library, "alpha"));

  g_assert_cmpint (unknot_cli_list (library, out, err), ==, 0);
  g_assert_nonnull (strstr (err->str, expected));

  /* --validate: a file in an unreadable folder, then an unreadable file. */
  {
    const char *files[] = { inside, NULL };

    g_string_truncate (err, 0);
    g_assert_cmpint (unknot_cli_validate (test_get_catalogue (), files, NULL, out, err), ==, 1);
    g_test_message ("%s", err->str);
    g_assert_true (g_str_has_prefix (err->str, inside));
    g_assert_nonnull (strstr (err->str, "Permission denied"));
  }

  g_assert_cmpint (g_chmod (f->user, 0700), ==, 0);
  g_assert_cmpint (g_chmod (closed, 0), ==, 0);
  g_string_truncate (out, 0);
  g_string_truncate (err, 0);
  {
    const char *files[] = { closed, NULL };

    g_assert_cmpint (unknot_cli_validate (test_get_catalogue (), files, NULL, out, err), ==, 1);
    g_assert_cmpstr (out->str, ==, "");
    g_assert_true (g_str_has_prefix (err->str, closed));
    g_assert_nonnull (strstr (err->str, "Permission denied"));
  }
  unknot_library_load (library);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = unknot_library_dup_problems (library);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s: ", closed);
  g_assert_true (problems_have (problems, expected));
  g_assert_true (problems_have (problems, "Permission denied"));
  g_assert_null (unknot_library_lookup (library, "gamma"));

  test_permissions_restore (&caps);
  g_assert_cmpint (g_chmod (locked, 0700), ==, 0);
}

/* What even root cannot read: a folder of routines that is a link loop, or a file where the
 * folder should be; a routine file that is a dangling link. */
static void
test_unreadable_root (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *loop = g_build_filename (f->root, "loop", NULL);
  g_autofree char *file = g_build_filename (f->root, "a-file", NULL);
  g_autofree char *dangling = g_build_filename (f->user, "dangling.json", NULL);
  const struct {
    const char *dir;
    const char *why;
  } cases[] = {
    { loop, "Too many levels of symbolic links" },
    { file, "Not a directory" },
  };

  g_assert_cmpint (symlink ("loop", loop), ==, 0);
  g_free (test_write_file (f->root, "a-file", "not a folder"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), f->bundled,
                                                             cases[i].dir);
      g_autoptr(GPtrArray) problems = NULL;
      g_autofree char *expected = g_strdup_printf ("%s: this folder of routines cannot be read, "
                                                   "so none of its routines are shown: %s",
                                                   cases[i].dir, cases[i].why);

      unknot_library_load (library);
      problems = unknot_library_dup_problems (library);
      g_assert_true (problems_have (problems, expected));
      g_assert_nonnull (unknot_library_lookup (library, "alpha"));
    }

  /* A folder that is not there yet (a first start) is no problem. */
  {
    g_autofree char *none = g_build_filename (f->root, "not-yet", NULL);
    g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), NULL, none);

    unknot_library_load (library);
    g_assert_cmpuint (test_library_n_problems (library), ==, 0);
  }

  g_assert_cmpint (symlink ("nowhere.json", dangling), ==, 0);
  {
    g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), NULL, f->user);
    g_autoptr(GPtrArray) problems = NULL;
    g_autofree char *expected = g_strdup_printf ("%s: ", dangling);
    const char *files[] = { dangling, NULL };
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GString) err = g_string_new (NULL);

    unknot_library_load (library);
    problems = unknot_library_dup_problems (library);
    g_assert_true (problems_have (problems, expected));
    g_assert_cmpint (unknot_cli_validate (test_get_catalogue (), files, NULL, out, err), ==, 1);
    g_assert_true (g_str_has_prefix (err->str, dangling));
  }
}

/* A load in a worker thread, as the window starts one: each change of the list, and the end. */
typedef struct {
  UnknotLibrary *library;
  GArray        *sizes;          /* the number of routines after each change */
  guint          changes_before_end;
  gboolean       unsorted;       /* a change showed the routines out of name order */
  GHashTable    *first_seen;     /* id -> the object the list first showed for it */
  GPtrArray     *results;        /* of GAsyncResult: finished, not yet taken */
  UnknotRoutine *put_at_first;   /* put into the library when the list first changes */
  guint          changes_after_put;
  gboolean       finishing;      /* in unknot_library_load_finish() */
} PartLoad;

static void
on_part_changed (GListModel *routines,
                 guint       position,
                 guint       removed,
                 guint       added,
                 PartLoad   *p)
{
  guint n = g_list_model_get_n_items (routines);
  g_autoptr(UnknotRoutine) previous = NULL;

  g_array_append_val (p->sizes, n);
  if (!p->finishing)
    p->changes_before_end++;
  for (guint i = 0; i < n; i++)
    {
      UnknotRoutine *routine = g_list_model_get_item (routines, i);

      if (previous != NULL &&
          strcmp (unknot_routine_get_name (previous), unknot_routine_get_name (routine)) > 0)
        p->unsorted = TRUE;
      if (!g_hash_table_contains (p->first_seen, unknot_routine_get_id (routine)))
        g_hash_table_insert (p->first_seen, g_strdup (unknot_routine_get_id (routine)), routine);
      g_clear_object (&previous);
      previous = routine;
    }

  if (p->put_at_first != NULL)
    {
      UnknotRoutine *routine = g_steal_pointer (&p->put_at_first);

      unknot_library_put (p->library, routine);
      g_object_unref (routine);
      p->changes_after_put = p->sizes->len;
    }
}

static void
on_part_load_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  PartLoad *p = data;

  g_ptr_array_add (p->results, g_object_ref (result));
}

static void
part_load_init (PartLoad   *p,
                const char *dir)
{
  p->library = unknot_library_new (test_get_catalogue (), NULL, dir);
  p->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  p->first_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->results = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (unknot_library_get_routines (p->library), "items-changed",
                    G_CALLBACK (on_part_changed), p);
}

/* As the window does: the end of a load is taken in an idle callback, after what came before
 * it. The parts are sent before the end is, so all of them are shown first. */
static void
part_load_wait (PartLoad *p,
                guint     loads)
{
  while (p->results->len < loads || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, TRUE);
  p->finishing = TRUE;
  for (guint i = 0; i < p->results->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (unknot_library_load_finish (p->library, g_ptr_array_index (p->results, i),
                                                 &error));
      g_assert_no_error (error);
    }
}

#define PART_LOAD_ROUTINES 300

/* A user's folder of PART_LOAD_ROUTINES routines whose names run the other way from their
 * files' (the list must be sorted at every step). */
static char *
write_many_routines (Fixture *f)
{
  char *dir = g_build_filename (f->root, "many", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  for (guint i = 0; i < PART_LOAD_ROUTINES; i++)
    {
      g_autofree char *file = g_strdup_printf ("r-%03u.json", i);
      g_autofree char *id = g_strdup_printf ("r-%03u", i);
      g_autofree char *name = g_strdup_printf ("Routine %03u", PART_LOAD_ROUTINES - 1 - i);
      g_autofree char *json = test_routine_json (id, name, 60);

      write_file (dir, file, json);
    }
  return dir;
}

static void
part_load_clear (PartLoad *p)
{
  g_signal_handlers_disconnect_by_data (unknot_library_get_routines (p->library), p);
  g_clear_object (&p->library);
  g_array_unref (p->sizes);
  g_hash_table_unref (p->first_seen);
  g_ptr_array_unref (p->results);
  g_clear_object (&p->put_at_first);
}

/* A large library fills in as it is read: what is read so far shows when 16 routines are read,
 * then 64 and 256, sorted and with the same objects to the end; then the whole library, as a load on
 * the main thread has it, with the broken file's problem. */
static void
test_load_in_parts (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = write_many_routines (f);
  g_autoptr(UnknotLibrary) direct = unknot_library_new (test_get_catalogue (), NULL, dir);
  PartLoad p = { 0 };
  GListModel *routines;

  write_file (dir, "zz-broken.json", "{ \"format\": 1,");
  part_load_init (&p, dir);
  routines = unknot_library_get_routines (p.library);

  unknot_library_load_async (p.library, NULL, on_part_load_done, &p);
  part_load_wait (&p, 1);

  g_assert_cmpuint (p.changes_before_end, ==, 3);
  g_assert_cmpuint (p.sizes->len, ==, 4);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 0), ==, 16);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 1), ==, 64);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 2), ==, 256);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 3), ==, PART_LOAD_ROUTINES);
  g_assert_false (p.unsorted);

  /* What the window showed first is what it shows at the end: the same objects. */
  unknot_library_load (direct);
  g_assert_cmpuint (g_list_model_get_n_items (routines), ==,
                    g_list_model_get_n_items (unknot_library_get_routines (direct)));
  for (guint i = 0; i < g_list_model_get_n_items (routines); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);
      g_autoptr(UnknotRoutine) expected =
        g_list_model_get_item (unknot_library_get_routines (direct), i);

      g_assert_cmpstr (unknot_routine_get_id (routine), ==, unknot_routine_get_id (expected));
      g_assert_true (g_hash_table_lookup (p.first_seen, unknot_routine_get_id (routine)) ==
                     routine);
    }
  g_assert_cmpuint (test_library_n_problems (p.library), ==, 1);
  g_assert_cmpuint (test_library_n_problems (direct), ==, 1);

  part_load_clear (&p);
}

/* A routine saved while a large library loads: no part read before replaces it on screen; the
 * whole load lands at the end (and the watch reads a saved file again then; this one is not on
 * disk, so it goes). */
static void
test_load_in_parts_saved_meanwhile (Fixture       *f,
                                    gconstpointer  data)
{
  g_autofree char *dir = write_many_routines (f);
  g_autofree char *json = test_routine_json ("mine", "Mine", 60);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  PartLoad p = { 0 };

  part_load_init (&p, dir);
  p.put_at_first = unknot_routine_load_bytes (bytes, NULL, test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);

  unknot_library_load_async (p.library, NULL, on_part_load_done, &p);
  part_load_wait (&p, 1);

  /* The first part, the save, then only the whole load. */
  g_assert_null (p.put_at_first);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 0), ==, 16);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 1), ==, 17);
  g_assert_cmpuint (p.changes_after_put, ==, 2);
  g_assert_cmpuint (p.sizes->len, ==, 3);
  g_assert_cmpuint (g_array_index (p.sizes, guint, 2), ==, PART_LOAD_ROUTINES);
  g_assert_false (p.unsorted);

  part_load_clear (&p);
}

/* Two loads at once: the first's parts are out of date as soon as the second starts, and once
 * a whole load is shown no part replaces it; the list never shrinks on the way. */
static void
test_load_in_parts_twice (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *dir = write_many_routines (f);
  PartLoad p = { 0 };

  part_load_init (&p, dir);

  unknot_library_load_async (p.library, NULL, on_part_load_done, &p);
  unknot_library_load_async (p.library, NULL, on_part_load_done, &p);
  part_load_wait (&p, 2);

  for (guint i = 1; i < p.sizes->len; i++)
    g_assert_cmpuint (g_array_index (p.sizes, guint, i), >=,
                      g_array_index (p.sizes, guint, i - 1));
  g_assert_cmpuint (g_array_index (p.sizes, guint, p.sizes->len - 1), ==, PART_LOAD_ROUTINES);
  g_assert_false (p.unsorted);

  part_load_clear (&p);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

/* The library lets the steps of the user's routines go, keeping what its list shows and searches
 * and the routine compressed in memory; the steps come back as they were read, even when the
 * file changed or went meanwhile (issue 18: 10,000 routines within 1.15x of the memory of none). */
static void
test_steps_let_go (Fixture       *f,
                   gconstpointer  data)
{
  const char *names[] = { "two-sides-and-hold.json", "unknown-step-keys.json" };
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), f->bundled,
                                                         f->user);
  UnknotCatalogue *catalogue = test_get_catalogue ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "routines", "good", names[i],
                                                       NULL);
      g_autofree char *contents = test_read_file (source);
      write_file (f->user, names[i], contents);
    }
  unknot_library_load (library);
  g_assert_true (unknot_routine_get_bundled (unknot_library_lookup (library, "alpha")));
  g_assert_false (unknot_routine_get_steps_released (unknot_library_lookup (library, "alpha")));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->user, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(UnknotRoutine) as_read = unknot_routine_load_file (file, NULL, catalogue, NULL,
                                                                   NULL);
      UnknotRoutine *routine = unknot_library_lookup (library, unknot_routine_get_id (as_read));
      g_autofree char *search = NULL;
      g_autofree char *search_read = unknot_routine_get_search_text (as_read, catalogue);
      g_auto(GStrv) techniques = NULL;
      g_auto(GStrv) techniques_read = NULL;
      gboolean rest = FALSE, rest_read = FALSE;
      guint notified = 0;

      g_assert_nonnull (routine);
      g_assert_true (routine != as_read);
      g_assert_true (unknot_routine_get_steps_released (routine));

      /* What the list shows, filters and searches, with the steps still let go. */
      g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==,
                        unknot_routine_get_total_duration (as_read));
      g_assert_cmpuint (unknot_routine_get_areas (routine), ==, unknot_routine_get_areas (as_read));
      g_assert_cmpuint (unknot_routine_get_tools (routine), ==, unknot_routine_get_tools (as_read));
      techniques = unknot_routine_dup_techniques (routine, &rest);
      techniques_read = unknot_routine_dup_techniques (as_read, &rest_read);
      g_assert_cmpstrv (techniques, techniques_read);
      g_assert_true (rest == rest_read);
      search = unknot_routine_get_search_text (routine, catalogue);
      g_assert_cmpstr (search, ==, search_read);
      g_test_message ("%s", search);
      g_assert_true (unknot_routine_get_steps_released (routine));

      /* The file changes, then goes: the steps come back as they were read, quietly. */
      write_file (f->user, names[i], "{ \"format\": 1 }");
      g_assert_cmpint (g_unlink (path), ==, 0);
      g_signal_connect_swapped (routine, "notify", G_CALLBACK (count_notify), &notified);
      g_assert_cmpuint (unknot_routine_get_n_steps (routine),
                        ==, unknot_routine_get_n_steps (as_read));
      g_assert_false (unknot_routine_get_steps_released (routine));
      g_assert_true (unknot_routine_equal (routine, as_read));
      g_assert_cmpuint (notified, ==, 0);
      g_signal_handlers_disconnect_by_func (routine, count_notify, &notified);

      /* A step's duration still counts in the total, as in any routine. */
      unknot_step_set_duration (unknot_routine_get_step (routine, 0),
                                unknot_step_get_duration (unknot_routine_get_step (routine, 0))
                                + 5);
      g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==,
                        unknot_routine_get_total_duration (as_read) + 5);
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
  g_test_add_func ("/library/escape", test_escape);
  g_test_add ("/library/unreadable", Fixture, NULL, fixture_set_up, test_unreadable,
              fixture_tear_down);
  g_test_add ("/library/unreadable-root", Fixture, NULL, fixture_set_up, test_unreadable_root,
              fixture_tear_down);
  g_test_add_func ("/library/cli-hostile", test_cli_hostile);
  g_test_add ("/library/load-in-parts", Fixture, NULL, fixture_set_up, test_load_in_parts,
              fixture_tear_down);
  g_test_add ("/library/load-in-parts-saved-meanwhile", Fixture, NULL, fixture_set_up,
              test_load_in_parts_saved_meanwhile, fixture_tear_down);
  g_test_add ("/library/steps-let-go", Fixture, NULL, fixture_set_up, test_steps_let_go,
              fixture_tear_down);
  g_test_add ("/library/load-in-parts-twice", Fixture, NULL, fixture_set_up,
              test_load_in_parts_twice, fixture_tear_down);

  return g_test_run ();
}
