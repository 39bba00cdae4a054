/* test-roundtrip.c: what is saved loads back as it was, byte for byte; what cannot be saved is
 * refused without touching the file or the routine
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>

#include "unknot-dirs.h"
#include "unknot-test-util.h"

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The names in @dir, sorted, joined by spaces: to see that a failed save left nothing behind. */
static char *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static UnknotRoutine *
load_from_data (const char *data,
                gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  UnknotRoutine *routine;

  routine = unknot_routine_load_bytes (bytes, "roundtrip.json", test_get_catalogue (), problems,
                                       &error);
  g_assert_no_error (error);
  g_assert_nonnull (routine);
  /* What Unknot writes is clean: not even a warning. */
  g_assert_cmpuint (problems->len, ==, 0);
  return routine;
}

/* Saves @routine to @dir/NAME twice (two files) and once more after a reload: all three files
 * must hold the same bytes, and the reloaded routine must equal @routine. */
static void
check_roundtrip (UnknotRoutine *routine,
                 const char    *dir)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autofree char *first_path = g_build_filename (dir, "first.json", NULL);
  g_autofree char *second_path = g_build_filename (dir, "second.json", NULL);
  g_autofree char *third_path = g_build_filename (dir, "third.json", NULL);
  g_autoptr(GFile) first = g_file_new_for_path (first_path);
  g_autoptr(GFile) second = g_file_new_for_path (second_path);
  g_autoptr(GFile) third = g_file_new_for_path (third_path);
  g_autoptr(UnknotRoutine) reloaded = NULL;
  g_autoptr(UnknotRoutine) from_file = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) second_bytes = NULL;
  g_autoptr(GBytes) third_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  gsize length, length_again;

  /* In memory: to_json, load, to_json again. */
  json = unknot_routine_to_json (routine, &length);
  g_assert_cmpuint (length, ==, strlen (json));
  reloaded = load_from_data (json, length);
  g_assert_true (unknot_routine_equal (routine, reloaded));
  g_assert_true (unknot_routine_equal (reloaded, routine));
  json_again = unknot_routine_to_json (reloaded, &length_again);
  g_assert_cmpstr (json, ==, json_again);

  /* On disk. */
  g_assert_true (unknot_routine_save (routine, first, catalogue, &error));
  g_assert_no_error (error);
  g_assert_true (unknot_routine_save (routine, second, catalogue, &error));
  g_assert_no_error (error);
  first_bytes = read_bytes (first_path);
  second_bytes = read_bytes (second_path);
  g_assert_true (g_bytes_equal (first_bytes, second_bytes));
  g_assert_cmpmem (g_bytes_get_data (first_bytes, NULL), g_bytes_get_size (first_bytes),
                   json, length);

  from_file = unknot_routine_load_file (first, NULL, catalogue, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (unknot_routine_equal (routine, from_file));
  g_assert_true (unknot_routine_save (from_file, third, catalogue, &error));
  g_assert_no_error (error);
  third_bytes = read_bytes (third_path);
  g_assert_true (g_bytes_equal (first_bytes, third_bytes));

  /* Saving over an existing file replaces it with the same bytes. */
  g_assert_true (unknot_routine_save (routine, first, catalogue, &error));
  g_assert_no_error (error);
  g_clear_pointer (&first_bytes, g_bytes_unref);
  first_bytes = read_bytes (first_path);
  g_assert_true (g_bytes_equal (first_bytes, second_bytes));

  g_assert_cmpint (g_remove (first_path), ==, 0);
  g_assert_cmpint (g_remove (second_path), ==, 0);
  g_assert_cmpint (g_remove (third_path), ==, 0);
}

static void
test_bundled (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autofree char *routines = unknot_dirs_get_bundled_routines ();
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (routines, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (routines, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(UnknotRoutine) routine = NULL;
      g_autoptr(UnknotRoutine) copy = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      g_test_message ("%s", name);
      routine = unknot_routine_load_file (file, name, catalogue, NULL, &error);
      g_assert_no_error (error);
      copy = unknot_routine_copy (routine);

      check_roundtrip (routine, tmp);
      /* Saving is read-only on the routine. */
      g_assert_true (unknot_routine_equal (routine, copy));
      n++;
    }

  g_assert_cmpuint (n, >=, 6);
  test_remove_tree (tmp);
}

/* Text meant to break naive escaping, markup handling and character counting (control
 * characters are refused: test-loader /loader/text-rules). */
#define TRICKY_TEXT \
  "He said \"relax\" \\ <b>not bold</b> &amp; 'quotes'\n" \
  "line separator \xe2\x80\xa8, paragraph separator \xe2\x80\xa9, RLM \xe2\x80\x8f, " \
  "ÄÖÜß, e\xcc\x81, 日本語, \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7, \xf0\x9f\x92\x86"

static UnknotRoutine *
new_full_routine (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  UnknotRoutine *routine = unknot_routine_new ("every-field-9", NULL);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  guint n_techniques = g_list_model_get_n_items (G_LIST_MODEL (catalogue));
  guint total = 0;

  /* At every limit at once: 80 two-byte characters, 500 characters, 200 steps, 4 hours. */
  for (guint i = 0; i < UNKNOT_MAX_NAME_LENGTH; i++)
    g_string_append (name, "ü");
  for (guint i = 0; i < UNKNOT_MAX_TEXT_LENGTH; i++)
    g_string_append (description, "é");
  unknot_routine_set_name (routine, name->str);
  unknot_routine_set_description (routine, description->str);
  unknot_routine_set_preparation (routine, UNKNOT_MAX_PREPARATION);

  for (guint i = 0; i < UNKNOT_MAX_STEPS; i++)
    {
      g_autoptr(UnknotStep) step = NULL;

      if (i % 10 == 9)
        step = unknot_step_new_rest (72);
      else
        {
          g_autoptr(UnknotTechnique) technique =
            g_list_model_get_item (G_LIST_MODEL (catalogue), i % n_techniques);

          step = unknot_step_new ();
          unknot_step_set_technique (step, unknot_technique_get_id (technique));
          unknot_step_set_area (step, i % UNKNOT_N_AREAS);
          unknot_step_set_side (step, i % (UNKNOT_SIDE_BOTH + 1));
          unknot_step_set_pressure (step, i % (UNKNOT_PRESSURE_FIRM + 1));
          unknot_step_set_tool (step, i % UNKNOT_N_TOOLS);
          unknot_step_set_duration (step, 72);
        }

      switch (i % 4)
        {
        case 0:
          unknot_step_set_instructions (step, TRICKY_TEXT);
          unknot_step_set_cue_sound (step, "sounds/singing bowl.ogg");
          unknot_step_set_cue_speak (step, FALSE);
          break;
        case 1:
          unknot_step_set_instructions (step, "");
          unknot_step_set_cue_sound (step, unknot_cue_sounds[i % 5]);
          break;
        case 2:
          unknot_step_set_instructions (step, "<i>Plain</i> text, shown as written.");
          unknot_step_set_cue_sound (step, "none");
          break;
        default:
          unknot_step_set_instructions (step, description->str);
          /* Steps 3, 23, 43...: on both sides, each with its own words at the limit. */
          if (!unknot_step_is_rest (step) && unknot_step_get_side (step) == UNKNOT_SIDE_BOTH)
            unknot_step_set_second_instructions (step, description->str);
          break;
        }
      unknot_step_set_hold (step, i % 7 == 3);
      if (!unknot_step_is_rest (step))
        unknot_step_set_position (step, i % 4);   /* any, upright, wall, floor */

      total += unknot_step_get_duration (step);
      unknot_routine_append_step (routine, step);
    }

  g_assert_cmpuint (total, ==, UNKNOT_MAX_TOTAL_DURATION);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, UNKNOT_MAX_TOTAL_DURATION);
  return routine;
}

static void
test_every_field (void)
{
  g_autoptr(UnknotRoutine) routine = new_full_routine ();
  g_autoptr(UnknotRoutine) reloaded = NULL;
  g_autoptr(GPtrArray) problems = unknot_routine_check (routine, test_get_catalogue (), NULL);
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *json = NULL;
  guint areas = 0, tools = 0, sides = 0, pressures = 0;
  UnknotStep *step;
  gsize length;

  g_assert_cmpuint (problems->len, ==, 0);

  /* The routine really does use everything. */
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      step = unknot_routine_get_step (routine, i);
      if (unknot_step_is_rest (step))
        continue;
      areas |= 1u << unknot_step_get_area (step);
      tools |= 1u << unknot_step_get_tool (step);
      sides |= 1u << unknot_step_get_side (step);
      pressures |= 1u << unknot_step_get_pressure (step);
    }
  g_assert_cmphex (areas, ==, (1u << UNKNOT_N_AREAS) - 1);
  g_assert_cmphex (tools, ==, (1u << UNKNOT_N_TOOLS) - 1);
  g_assert_cmphex (sides, ==, 0xf);
  g_assert_cmphex (pressures, ==, 0x7);

  check_roundtrip (routine, tmp);

  /* And the values themselves came back, not just something equal to them. */
  json = unknot_routine_to_json (routine, &length);
  reloaded = load_from_data (json, length);
  g_assert_cmpstr (unknot_routine_get_id (reloaded), ==, "every-field-9");
  g_assert_cmpuint (g_utf8_strlen (unknot_routine_get_name (reloaded), -1), ==,
                    UNKNOT_MAX_NAME_LENGTH);
  g_assert_cmpuint (unknot_routine_get_preparation (reloaded), ==, UNKNOT_MAX_PREPARATION);
  g_assert_cmpuint (unknot_routine_get_n_steps (reloaded), ==, UNKNOT_MAX_STEPS);
  step = unknot_routine_get_step (reloaded, 0);
  g_assert_cmpstr (unknot_step_get_instructions (step), ==, TRICKY_TEXT);
  g_assert_cmpstr (unknot_step_get_cue_sound (step), ==, "sounds/singing bowl.ogg");
  g_assert_false (unknot_step_get_cue_speak (step));
  g_assert_true (unknot_step_is_rest (unknot_routine_get_step (reloaded, 9)));
  g_assert_cmpstr (unknot_step_get_second_instructions (step), ==, "");
  g_assert_false (unknot_step_get_hold (step));
  step = unknot_routine_get_step (reloaded, 3);
  g_assert_cmpint (unknot_step_get_side (step), ==, UNKNOT_SIDE_BOTH);
  g_assert_cmpuint (g_utf8_strlen (unknot_step_get_second_instructions (step), -1), ==,
                    UNKNOT_MAX_TEXT_LENGTH);
  g_assert_true (unknot_step_get_hold (step));
  g_assert_true (unknot_step_get_hold (unknot_routine_get_step (reloaded, 10)));
  g_assert_false (unknot_step_get_hold (unknot_routine_get_step (reloaded, 4)));
  for (guint i = 0; i < UNKNOT_MAX_STEPS; i++)
    {
      UnknotStep *s = unknot_routine_get_step (reloaded, i);

      g_assert_cmpint (unknot_step_get_position (s), ==,
                       unknot_step_is_rest (s) ? UNKNOT_POSITION_ANY : (int) (i % 4));
    }
  g_assert_cmpuint (unknot_routine_get_total_duration (reloaded), ==, UNKNOT_MAX_TOTAL_DURATION);

  /* Markup is data: written escaped as JSON requires, never interpreted. */
  g_assert_nonnull (strstr (json, "He said \\\"relax\\\" \\\\ <b>not bold</b> &amp;"));

  test_remove_tree (tmp);
}

/* A routine made in memory with only the required fields set survives too. */
static void
test_new_routine (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("fresh", "Fresh");
  g_autoptr(UnknotStep) step = unknot_step_new ();
  g_autoptr(UnknotStep) rest = unknot_step_new_rest (20);
  g_autofree char *tmp = test_make_tmp_dir ();

  unknot_step_set_technique (step, "kneading");
  unknot_routine_append_step (routine, step);
  unknot_routine_append_step (routine, rest);

  check_roundtrip (routine, tmp);
  test_remove_tree (tmp);
}

static void
test_pretty (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("pretty", "Pretty");
  g_autoptr(UnknotStep) step = unknot_step_new ();
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "pretty.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const char *expected =
    "{\n"
    "  \"format\" : 1,\n"
    "  \"id\" : \"pretty\",\n"
    "  \"name\" : \"Pretty\",\n"
    "  \"description\" : \"\",\n"
    "  \"preparation\" : 5,\n"
    "  \"steps\" : [\n"
    "    {\n"
    "      \"technique\" : \"kneading\",\n"
    "      \"area\" : \"shoulders\",\n"
    "      \"side\" : \"both\",\n"
    "      \"pressure\" : \"medium\",\n"
    "      \"tool\" : \"ball\",\n"
    "      \"duration\" : 90,\n"
    "      \"instructions\" : \"Roll slowly.\",\n"
    "      \"cue\" : {\n"
    "        \"sound\" : \"bell\",\n"
    "        \"speak\" : false\n"
    "      }\n"
    "    }\n"
    "  ]\n"
    "}\n";

  unknot_step_set_technique (step, "kneading");
  unknot_step_set_area (step, UNKNOT_AREA_SHOULDERS);
  unknot_step_set_side (step, UNKNOT_SIDE_BOTH);
  unknot_step_set_pressure (step, UNKNOT_PRESSURE_MEDIUM);
  unknot_step_set_tool (step, UNKNOT_TOOL_BALL);
  unknot_step_set_duration (step, 90);
  unknot_step_set_instructions (step, "Roll slowly.");
  unknot_step_set_cue_sound (step, "bell");
  unknot_step_set_cue_speak (step, FALSE);
  unknot_routine_append_step (routine, step);

  g_assert_true (unknot_routine_save (routine, file, catalogue, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* Indented by two, keys in the documented order, one newline at the end. */
  g_assert_cmpstr (contents, ==, expected);
  g_assert_true (g_str_has_suffix (contents, "}\n"));
  g_assert_false (g_str_has_suffix (contents, "\n\n"));

  test_remove_tree (tmp);
}

/* Saving creates the folders on the way, as the first save into the user's data dir must. */
static void
test_save_creates_folders (void)
{
  g_autoptr(UnknotRoutine) routine = new_full_routine ();
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "a", "b", "c", "deep.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *folder = g_build_filename (tmp, "a", "b", "c", NULL);

  g_assert_true (unknot_routine_save (routine, file, test_get_catalogue (), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* Atomic saving leaves no temporary file behind. */
  listing = list_dir (folder);
  g_assert_cmpstr (listing, ==, "deep.json");

  test_remove_tree (tmp);
}

static void
test_save_invalid (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(UnknotRoutine) routine = new_full_routine ();
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (tmp, "kept.json", NULL);
  g_autofree char *new_path = g_build_filename (tmp, "never.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(UnknotStep) extra = unknot_step_new ();
  g_autofree char *listing = NULL;

  g_assert_true (unknot_routine_save (routine, file, catalogue, &error));
  g_assert_no_error (error);
  before = read_bytes (path);

  /* Three broken rules: id, one step too many (and so over 4 hours), an unknown technique. */
  unknot_routine_set_id (routine, "Not valid");
  unknot_step_set_technique (extra, "no-such-technique");
  unknot_routine_append_step (routine, extra);
  copy = unknot_routine_copy (routine);

  g_assert_false (unknot_routine_save (routine, file, catalogue, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message,
                                   "The routine was not saved because it breaks the format's "
                                   "rules:\n"));
  g_assert_nonnull (strstr (error->message, "kept.json: id: \"Not valid\" is not a valid id"));
  g_assert_nonnull (strstr (error->message, "kept.json: steps: 201 steps; a routine may have at "
                                            "most 200"));
  g_assert_nonnull (strstr (error->message, "kept.json: steps: the routine lasts 4 h 1 min; a "
                                            "routine may last at most 4 h"));
  g_assert_nonnull (strstr (error->message, "kept.json: steps[200].technique: unknown technique "
                                            "\"no-such-technique\""));
  g_clear_error (&error);

  /* The old file is untouched, no new file appears, the routine is as it was. */
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (unknot_routine_save (routine, new_file, catalogue, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  listing = list_dir (tmp);
  g_assert_cmpstr (listing, ==, "kept.json");
  g_assert_true (unknot_routine_equal (routine, copy));

  test_remove_tree (tmp);
}

/* The save fails, and the routine object and the folder are as they were. */
static void
check_save_fails (UnknotRoutine *routine,
                  const char    *path,
                  GQuark         domain,
                  int            code,
                  const char    *message_start)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnknotRoutine) copy = unknot_routine_copy (routine);
  g_autoptr(GError) error = NULL;
  GFile *routine_file = unknot_routine_get_file (routine);
  gboolean bundled = unknot_routine_get_bundled (routine);

  g_assert_false (unknot_routine_save (routine, file, test_get_catalogue (), &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  /* Clear: says what failed and which file. */
  g_assert_true (g_str_has_prefix (error->message, message_start));
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (unknot_routine_equal (routine, copy));
  g_assert_true (unknot_routine_get_file (routine) == routine_file);
  g_assert_true (unknot_routine_get_bundled (routine) == bundled);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_save_read_only_dir (void)
{
  g_autoptr(UnknotRoutine) routine = new_full_routine ();
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *locked = g_build_filename (tmp, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "routine.json", NULL);
  g_autofree char *listing = NULL;

  if (geteuid () == 0)
    {
      /* Root writes into a read-only folder anyway; not-a-folder below covers root. */
      g_test_skip ("running as root, which ignores folder permissions");
      test_remove_tree (tmp);
      return;
    }

  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  check_save_fails (routine, path, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "Could not save ");
  listing = list_dir (locked);
  g_assert_cmpstr (listing, ==, "");

  test_remove_tree (tmp);
}

/* A regular file where a folder should be: fails for root too. */
static void
test_save_parent_is_a_file (void)
{
  g_autoptr(UnknotRoutine) routine = new_full_routine ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = test_make_tmp_dir ();
  g_autofree char *plain = g_build_filename (tmp, "plain-file", NULL);
  g_autofree char *in_file = g_build_filename (plain, "routine.json", NULL);
  g_autofree char *below_file = g_build_filename (plain, "sub", "routine.json", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *listing = NULL;

  g_file_set_contents (plain, "not a folder", -1, &error);
  g_assert_no_error (error);
  before = read_bytes (plain);

  /* The parent exists, but is a file. */
  check_save_fails (routine, in_file, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, "Could not save ");
  /* A folder would have to be made inside a file. */
  check_save_fails (routine, below_file, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                    "Could not create the folder for ");

  after = read_bytes (plain);
  g_assert_true (g_bytes_equal (before, after));
  listing = list_dir (tmp);
  g_assert_cmpstr (listing, ==, "plain-file");

  test_remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roundtrip/bundled", test_bundled);
  g_test_add_func ("/roundtrip/every-field", test_every_field);
  g_test_add_func ("/roundtrip/new-routine", test_new_routine);
  g_test_add_func ("/roundtrip/pretty", test_pretty);
  g_test_add_func ("/roundtrip/save-creates-folders", test_save_creates_folders);
  g_test_add_func ("/roundtrip/save-invalid", test_save_invalid);
  g_test_add_func ("/roundtrip/save-read-only-dir", test_save_read_only_dir);
  g_test_add_func ("/roundtrip/save-parent-is-a-file", test_save_parent_is_a_file);

  return g_test_run ();
}
