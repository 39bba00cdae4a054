/* test-editor.c: editing a routine on the core model, without GTK: add, remove and Undo,
 * duplicate, move, the both-sides choice, problems at their JSON path, saves that lose
 * nothing, and "Duplicate as mine" (unknot_library_duplicate())
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "unknot-dirs.h"
#include "unknot-editor.h"
#include "unknot-labels.h"
#include "unknot-test-util.h"

typedef struct {
  char          *root;
  char          *bundled;
  char          *user;
  char          *bundled_file;
  UnknotLibrary *library;
} Fixture;

/* A user routine of four steps whose durations (10, 20, 30, 40) say which step is where. */
static const char four_steps_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"four-steps\",\n"
  "  \"name\": \"Four steps\",\n"
  "  \"description\": \"\",\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"light-stroking\", \"area\": \"neck\", \"duration\": 10 },\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 20 },\n"
  "    { \"technique\": \"deep-pressure\", \"area\": \"upper-back\", \"duration\": 30 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"whole-back\", \"duration\": 40 }\n"
  "  ]\n"
  "}\n";

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *source = g_build_filename (unknot_dirs_get_data_dir (), "routines",
                                              "quick-reset.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *four = NULL;
  g_autoptr(GError) error = NULL;

  f->root = test_make_tmp_dir ();
  f->bundled = g_build_filename (f->root, "bundled", NULL);
  f->user = g_build_filename (f->root, "user", NULL);
  g_assert_cmpint (g_mkdir (f->bundled, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->user, 0700), ==, 0);

  /* A real bundled routine, copied so that a bug could not write into the source tree. */
  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  f->bundled_file = test_write_file (f->bundled, "quick-reset.json", contents);
  four = test_write_file (f->user, "four-steps.json", four_steps_json);

  f->library = unknot_library_new (test_get_catalogue (), f->bundled, f->user);
  unknot_library_load (f->library);
  g_assert_cmpuint (test_library_n_problems (f->library), ==, 0);
  g_assert_nonnull (unknot_library_lookup (f->library, "quick-reset"));
  g_assert_nonnull (unknot_library_lookup (f->library, "four-steps"));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->bundled);
  g_free (f->user);
  g_free (f->bundled_file);
}

/* The step durations in order, "10 20 30 40": which step is where. */
static char *
durations (UnknotRoutine *routine)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    g_string_append_printf (s, "%s%u", i ? " " : "",
                            unknot_step_get_duration (unknot_routine_get_step (routine, i)));
  return g_string_free (s, FALSE);
}

#define assert_durations(routine, expected) \
  G_STMT_START { \
    g_autofree char *_d = durations (routine); \
    g_assert_cmpstr (_d, ==, expected); \
  } G_STMT_END

static void
count_notify (guint *count)
{
  (*count)++;
}

/* Saves @editor: it must succeed. */
static void
assert_saves (UnknotEditor *editor)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (unknot_editor_save (editor, &error));
  g_assert_no_error (error);
}

/* @file as the loader reads it: it must load. */
static UnknotRoutine *
load_routine (GFile *file)
{
  g_autoptr(GError) error = NULL;
  UnknotRoutine *routine = unknot_routine_load_file (file, NULL, test_get_catalogue (), NULL,
                                                     &error);

  g_assert_no_error (error);
  return routine;
}

/* A library started afresh on the fixture's folders. */
static UnknotLibrary *
load_library (Fixture *f)
{
  UnknotLibrary *library = unknot_library_new (test_get_catalogue (), f->bundled, f->user);

  unknot_library_load (library);
  return library;
}

static char *
user_path (Fixture    *f,
           const char *id)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);

  return g_build_filename (f->user, name, NULL);
}

static UnknotEditor *
edit_four_steps (Fixture *f)
{
  UnknotEditor *editor = unknot_editor_new (f->library,
                                            unknot_library_lookup (f->library, "four-steps"));

  g_assert_false (unknot_editor_is_new (editor));
  g_assert_false (unknot_editor_get_modified (editor));
  g_assert_true (unknot_editor_is_valid (editor));
  return editor;
}

static void
assert_technique_defaults (UnknotStep      *step,
                           UnknotCatalogue *catalogue,
                           const char      *technique,
                           UnknotTool       tool)
{
  UnknotTechnique *t = unknot_catalogue_lookup (catalogue, technique);
  UnknotArea area = unknot_step_get_area (step);

  g_assert_nonnull (t);
  g_assert_cmpstr (unknot_step_get_technique (step), ==, technique);
  g_assert_false (unknot_step_is_rest (step));
  g_assert_cmpuint (unknot_step_get_duration (step), ==, 60);
  g_assert_cmpint (unknot_step_get_pressure (step), ==, unknot_technique_get_default_pressure (t));
  g_assert_cmpint (unknot_step_get_tool (step), ==, tool);
  g_assert_cmpstr (unknot_step_get_instructions (step), ==, "");
  g_assert_cmpstr (unknot_step_get_cue_sound (step), ==, "chime");
  /* The first area the technique suits. */
  g_assert_true (unknot_technique_suits_area (t, area));
  for (UnknotArea a = 0; a < area; a++)
    g_assert_false (unknot_technique_suits_area (t, a));
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = unknot_editor_new (f->library, NULL);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotCatalogue *catalogue = unknot_library_get_catalogue (f->library);
  UnknotStep *step;

  g_assert_true (unknot_editor_is_new (editor));
  g_assert_false (unknot_editor_get_modified (editor));
  g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, 0);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps"));
  g_assert_false (unknot_editor_is_valid (editor));

  g_assert_cmpuint (unknot_editor_add_step (editor, "heat", -1), ==, 0);
  assert_technique_defaults (unknot_routine_get_step (routine, 0), catalogue, "heat",
                             UNKNOT_TOOL_HEAT_PACK);
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_true (unknot_editor_is_valid (editor));

  /* At the start, past the end (appended), in the middle. */
  g_assert_cmpuint (unknot_editor_add_step (editor, "trigger-point", 0), ==, 0);
  assert_technique_defaults (unknot_routine_get_step (routine, 0), catalogue, "trigger-point",
                             UNKNOT_TOOL_BALL);
  g_assert_cmpint (unknot_step_get_area (unknot_routine_get_step (routine, 0)), ==,
                   UNKNOT_AREA_SHOULDERS);
  g_assert_cmpuint (unknot_editor_add_step (editor, "stretching", 99), ==, 2);
  assert_technique_defaults (unknot_routine_get_step (routine, 2), catalogue, "stretching",
                             UNKNOT_TOOL_NONE);
  g_assert_cmpuint (unknot_editor_add_step (editor, "kneading", 1), ==, 1);
  assert_technique_defaults (unknot_routine_get_step (routine, 1), catalogue, "kneading",
                             UNKNOT_TOOL_HANDS);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (routine, 3)), ==,
                   "stretching");

  g_assert_cmpuint (unknot_editor_add_rest (editor, -1), ==, 4);
  step = unknot_routine_get_step (routine, 4);
  g_assert_true (unknot_step_is_rest (step));
  g_assert_null (unknot_step_get_technique (step));
  g_assert_cmpuint (unknot_step_get_duration (step), ==, 15);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 4 * 60 + 15);
  g_assert_true (unknot_editor_is_valid (editor));

  /* A technique the catalogue does not know is added, and named as the problem. */
  g_assert_cmpuint (unknot_editor_add_step (editor, "no-such-technique", -1), ==, 5);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[5].technique"));
  g_assert_false (unknot_editor_is_valid (editor));
  unknot_editor_remove_step (editor, 5);
  g_assert_true (unknot_editor_is_valid (editor));
}

static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotStep *second = unknot_routine_get_step (routine, 1);
  guint can_undo_notified = 0;

  g_signal_connect_swapped (editor, "notify::can-undo", G_CALLBACK (count_notify),
                            &can_undo_notified);

  /* Twice, so that a step put back can be removed and put back again. */
  for (guint round = 0; round < 2; round++)
    {
      g_assert_false (unknot_editor_can_undo (editor));
      unknot_editor_remove_step (editor, 1);
      assert_durations (routine, "10 30 40");
      g_assert_true (unknot_editor_can_undo (editor));
      unknot_editor_remove_step (editor, 2);
      assert_durations (routine, "10 30");
      unknot_editor_remove_step (editor, 0);
      assert_durations (routine, "30");
      g_assert_true (unknot_editor_get_modified (editor));
      g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 30);

      g_assert_true (unknot_editor_undo (editor));
      assert_durations (routine, "10 30");
      g_assert_true (unknot_editor_undo (editor));
      assert_durations (routine, "10 30 40");
      g_assert_true (unknot_editor_undo (editor));
      assert_durations (routine, "10 20 30 40");
      g_assert_false (unknot_editor_can_undo (editor));
      g_assert_false (unknot_editor_undo (editor));
      assert_durations (routine, "10 20 30 40");
      g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 100);

      /* The very step object, not a copy. */
      g_assert_true (unknot_routine_get_step (routine, 1) == second);
    }
  g_assert_cmpuint (can_undo_notified, ==, 4);

  /* A step put back is watched again: editing it is seen and checked. */
  unknot_editor_remove_step (editor, 1);
  g_assert_true (unknot_editor_undo (editor));
  unknot_step_set_duration (second, 0);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[1].duration"));
  unknot_step_set_duration (second, 20);
  g_assert_null (unknot_editor_get_problem (editor, "steps[1].duration"));

  /* Removing every step leaves a routine that cannot be saved; Undo brings the last one back. */
  for (guint i = 0; i < 4; i++)
    unknot_editor_remove_step (editor, 0);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps"));
  g_assert_true (unknot_editor_undo (editor));
  assert_durations (routine, "40");
  g_assert_true (unknot_editor_is_valid (editor));
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotStep *original, *copy;

  unknot_editor_duplicate_step (editor, 1);
  assert_durations (routine, "10 20 20 30 40");
  original = unknot_routine_get_step (routine, 1);
  copy = unknot_routine_get_step (routine, 2);
  g_assert_true (original != copy);
  g_assert_true (unknot_step_equal (original, copy));
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 120);

  /* Independent of its original, and watched by the editor. */
  unknot_step_set_duration (copy, 25);
  unknot_step_set_technique (copy, "heat");
  g_assert_cmpuint (unknot_step_get_duration (original), ==, 20);
  g_assert_cmpstr (unknot_step_get_technique (original), ==, "kneading");
  unknot_step_set_duration (copy, 0);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[2].duration"));
  g_assert_null (unknot_editor_get_problem (editor, "steps[1].duration"));
  unknot_step_set_duration (copy, 25);

  unknot_editor_duplicate_step (editor, 4);
  assert_durations (routine, "10 20 25 30 40 40");
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);

  /* Nothing to do is not a change. */
  g_assert_false (unknot_editor_move_step (editor, 0, 0));
  g_assert_false (unknot_editor_move_step (editor, 3, 4));
  g_assert_false (unknot_editor_move_step (editor, 4, 0));
  g_assert_false (unknot_editor_move_step (editor, 0, G_MAXUINT));
  assert_durations (routine, "10 20 30 40");
  g_assert_false (unknot_editor_get_modified (editor));

  /* Keyboard: move up and down by one. */
  g_assert_true (unknot_editor_move_step (editor, 2, 1));
  assert_durations (routine, "10 30 20 40");
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_true (unknot_editor_move_step (editor, 1, 2));
  assert_durations (routine, "10 20 30 40");
  g_assert_true (unknot_editor_move_step (editor, 3, 2));
  assert_durations (routine, "10 20 40 30");
  g_assert_true (unknot_editor_move_step (editor, 0, 1));
  assert_durations (routine, "20 10 40 30");

  /* Drag and drop: anywhere to anywhere. */
  g_assert_true (unknot_editor_move_step (editor, 0, 3));
  assert_durations (routine, "10 40 30 20");
  g_assert_true (unknot_editor_move_step (editor, 3, 0));
  assert_durations (routine, "20 10 40 30");
  g_assert_true (unknot_editor_move_step (editor, 2, 0));
  assert_durations (routine, "40 20 10 30");
  g_assert_true (unknot_editor_move_step (editor, 0, 2));
  assert_durations (routine, "20 10 40 30");
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 100);

  /* A problem follows its step. */
  unknot_step_set_duration (unknot_routine_get_step (routine, 3), 0);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[3].duration"));
  g_assert_true (unknot_editor_move_step (editor, 3, 0));
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[0].duration"));
  g_assert_null (unknot_editor_get_problem (editor, "steps[3].duration"));
  /* A moved step is still watched. */
  unknot_step_set_duration (unknot_routine_get_step (routine, 0), 30);
  g_assert_true (unknot_editor_is_valid (editor));
}

static void
test_side_both (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  g_autoptr(UnknotRoutine) loaded = NULL;
  g_autofree char *path = user_path (f, "four-steps");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotStep *step = unknot_routine_get_step (routine, 1);

  g_assert_cmpint (unknot_step_get_side (step), ==, UNKNOT_SIDE_NONE);
  unknot_step_set_side (step, UNKNOT_SIDE_BOTH);
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_true (unknot_editor_is_valid (editor));
  /* Both sides share the step's time: the total does not double. */
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 100);

  assert_saves (editor);
  contents = test_read_file (path);
  g_assert_nonnull (strstr (contents, "\"side\" : \"both\""));

  loaded = load_routine (file);
  g_assert_cmpint (unknot_step_get_side (unknot_routine_get_step (loaded, 1)), ==,
                   UNKNOT_SIDE_BOTH);
  g_assert_cmpint (unknot_step_get_side (unknot_routine_get_step (loaded, 0)), ==,
                   UNKNOT_SIDE_NONE);

  /* And back to one side. */
  unknot_step_set_side (step, UNKNOT_SIDE_LEFT);
  g_assert_true (unknot_editor_get_modified (editor));
  assert_saves (editor);
  g_clear_object (&loaded);
  loaded = load_routine (file);
  g_assert_cmpint (unknot_step_get_side (unknot_routine_get_step (loaded, 1)), ==,
                   UNKNOT_SIDE_LEFT);
}

static void
test_modified (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  g_autoptr(UnknotEditor) fresh = unknot_editor_new (f->library, NULL);
  g_autoptr(UnknotEditor) copy = NULL;
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  guint notified = 0;

  g_signal_connect_swapped (editor, "notify::modified", G_CALLBACK (count_notify), &notified);

  unknot_routine_set_name (routine, "Renamed");
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_cmpuint (notified, ==, 1);
  unknot_routine_set_description (routine, "Longer now");
  g_assert_cmpuint (notified, ==, 1);   /* notified when it changes only */

  assert_saves (editor);
  g_assert_false (unknot_editor_get_modified (editor));
  g_assert_cmpuint (notified, ==, 2);

  unknot_step_set_cue_speak (unknot_routine_get_step (routine, 2), FALSE);
  g_assert_true (unknot_editor_get_modified (editor));
  unknot_editor_remove_step (editor, 0);

  /* Revert: back to what was saved, edits and Undo dropped. */
  unknot_editor_revert (editor);
  g_assert_false (unknot_editor_get_modified (editor));
  g_assert_false (unknot_editor_can_undo (editor));
  routine = unknot_editor_get_routine (editor);
  g_assert_cmpstr (unknot_routine_get_name (routine), ==, "Renamed");
  assert_durations (routine, "10 20 30 40");
  g_assert_true (unknot_step_get_cue_speak (unknot_routine_get_step (routine, 2)));
  g_assert_true (unknot_routine_equal (routine, unknot_editor_get_original (editor)));
  /* The new working copy is watched too. */
  unknot_routine_set_preparation (routine, 9);
  g_assert_true (unknot_editor_get_modified (editor));

  /* A new routine is not modified until edited; a copy of a bundled one is new work. */
  g_assert_false (unknot_editor_get_modified (fresh));
  copy = unknot_editor_new (f->library, unknot_library_lookup (f->library, "quick-reset"));
  g_assert_true (unknot_editor_get_modified (copy));
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotStep *step = unknot_routine_get_step (routine, 1);
  g_autofree char *long_text = g_strnfill (UNKNOT_MAX_TEXT_LENGTH + 1, 'x');
  guint changed = 0;
  const UnknotProblem *problem;

  g_signal_connect_swapped (editor, "problems-changed", G_CALLBACK (count_notify), &changed);
  g_assert_cmpuint (unknot_editor_get_problems (editor)->len, ==, 0);

  unknot_step_set_duration (step, 0);
  g_assert_cmpuint (changed, ==, 1);
  problem = unknot_editor_get_problem (editor, "steps[1].duration");
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem->message, "out of range"));
  g_assert_cmpint (problem->kind, ==, UNKNOT_PROBLEM_TOO_SMALL);
  g_assert_cmpuint (unknot_editor_get_problems (editor)->len, ==, 1);
  g_assert_null (unknot_editor_get_problem (editor, "steps[0].duration"));
  g_assert_false (unknot_editor_is_valid (editor));
  /* The same problem by step and field, as the step editor asks for it. */
  g_assert_true (unknot_editor_get_field_problem (editor, 1, UNKNOT_FIELD_STEP_DURATION)
                 == problem);
  g_assert_null (unknot_editor_get_field_problem (editor, 0, UNKNOT_FIELD_STEP_DURATION));
  g_assert_null (unknot_editor_get_field_problem (editor, 1, UNKNOT_FIELD_STEP_TECHNIQUE));
  g_assert_null (unknot_editor_get_field_problem (editor, -1, UNKNOT_FIELD_STEP_DURATION));

  unknot_step_set_duration (step, UNKNOT_MAX_STEP_DURATION + 1);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[1].duration"));
  unknot_step_set_duration (step, 30);
  g_assert_null (unknot_editor_get_problem (editor, "steps[1].duration"));
  g_assert_true (unknot_editor_is_valid (editor));

  unknot_routine_set_name (routine, "");
  g_assert_nonnull (unknot_editor_get_problem (editor, "name"));
  g_assert_true (unknot_editor_get_field_problem (editor, -1, UNKNOT_FIELD_NAME)
                 == unknot_editor_get_problem (editor, "name"));
  unknot_routine_set_name (routine, "Four steps");
  g_assert_null (unknot_editor_get_problem (editor, "name"));

  unknot_step_set_instructions (unknot_routine_get_step (routine, 2), long_text);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[2].instructions"));
  unknot_step_set_instructions (unknot_routine_get_step (routine, 2), "Slowly.");
  g_assert_null (unknot_editor_get_problem (editor, "steps[2].instructions"));

  /* The loader's own rules for cue sounds: inside the routine's folder only. */
  unknot_step_set_cue_sound (unknot_routine_get_step (routine, 0), "../x.ogg");
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[0].cue.sound"));
  unknot_step_set_cue_sound (unknot_routine_get_step (routine, 0), "sounds/x.ogg");
  g_assert_null (unknot_editor_get_problem (editor, "steps[0].cue.sound"));

  unknot_step_set_technique (unknot_routine_get_step (routine, 3), "nope");
  g_assert_nonnull (strstr (unknot_editor_get_problem (editor, "steps[3].technique")->message,
                            "kneading"));   /* it lists what would do */
  unknot_step_set_technique (unknot_routine_get_step (routine, 3), "stretching");

  /* Removing a step ahead renumbers the problem with its step. */
  unknot_step_set_duration (step, 0);
  unknot_editor_remove_step (editor, 0);
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[0].duration"));
  g_assert_null (unknot_editor_get_problem (editor, "steps[1].duration"));
  g_assert_true (unknot_editor_undo (editor));
  g_assert_nonnull (unknot_editor_get_problem (editor, "steps[1].duration"));
}

static void
test_invalid_not_saved (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  g_autoptr(UnknotEditor) fresh = unknot_editor_new (f->library, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = user_path (f, "four-steps");
  g_autofree char *before = test_read_file (path);
  g_autofree char *after = NULL;
  g_autofree char *fresh_path = NULL;
  g_autofree char *listing = test_list_dir (f->user);
  g_autofree char *listing_after = NULL;
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotRoutine *original = unknot_editor_get_original (editor);

  unknot_step_set_duration (unknot_routine_get_step (routine, 1), 0);
  g_assert_false (unknot_editor_save (editor, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  /* It says why, naming the field. */
  g_assert_nonnull (strstr (error->message, "steps[1].duration"));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  after = test_read_file (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_true (unknot_editor_get_original (editor) == original);
  g_assert_true (unknot_library_lookup (f->library, "four-steps") == original);
  assert_durations (original, "10 20 30 40");
  assert_durations (routine, "10 0 30 40");

  /* A new routine with no steps is not written at all. */
  fresh_path = user_path (f, unknot_routine_get_id (unknot_editor_get_routine (fresh)));
  g_assert_false (unknot_editor_save (fresh, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "steps"));
  g_assert_false (g_file_test (fresh_path, G_FILE_TEST_EXISTS));
  g_assert_true (unknot_editor_is_new (fresh));
  listing_after = test_list_dir (f->user);
  g_assert_cmpstr (listing_after, ==, listing);
}

static void
test_bundled_copy (Fixture       *f,
                   gconstpointer  data)
{
  UnknotRoutine *bundled = unknot_library_lookup (f->library, "quick-reset");
  g_autoptr(UnknotEditor) editor = unknot_editor_new (f->library, bundled);
  g_autoptr(UnknotEditor) again = NULL;
  g_autofree char *before = test_read_file (f->bundled_file);
  g_autofree char *after = NULL;
  g_autofree char *listing = test_list_dir (f->bundled);
  g_autofree char *listing_after = NULL;
  g_autofree char *path = user_path (f, "my-quick-reset");
  g_autofree char *user_listing = NULL;
  GStatBuf st_before, st_after;
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotRoutine *mine;

  g_assert_cmpint (g_stat (f->bundled_file, &st_before), ==, 0);
  g_assert_true (unknot_routine_get_bundled (bundled));

  g_assert_cmpstr (unknot_routine_get_id (routine), ==, "my-quick-reset");
  g_assert_cmpstr (unknot_routine_get_name (routine), ==, "My Quick reset");
  g_assert_false (unknot_routine_get_bundled (routine));
  g_assert_true (unknot_editor_is_new (editor));
  g_assert_null (unknot_editor_get_original (editor));
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, unknot_routine_get_n_steps (bundled));
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==,
                    unknot_routine_get_total_duration (bundled));
  g_assert_cmpstr (unknot_step_get_instructions (unknot_routine_get_step (routine, 0)), ==,
                   unknot_step_get_instructions (unknot_routine_get_step (bundled, 0)));

  unknot_step_set_duration (unknot_routine_get_step (routine, 0), 45);
  assert_saves (editor);
  g_assert_false (unknot_editor_get_modified (editor));
  g_assert_false (unknot_editor_is_new (editor));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* The bundled routine, in the library and on disk, is as it was. */
  after = test_read_file (f->bundled_file);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (g_stat (f->bundled_file, &st_after), ==, 0);
  g_assert_cmpint (st_after.st_mtime, ==, st_before.st_mtime);
  g_assert_cmpint (st_after.st_size, ==, st_before.st_size);
  listing_after = test_list_dir (f->bundled);
  g_assert_cmpstr (listing_after, ==, listing);
  g_assert_true (unknot_library_lookup (f->library, "quick-reset") == bundled);
  g_assert_true (unknot_routine_get_bundled (bundled));
  g_assert_cmpuint (unknot_step_get_duration (unknot_routine_get_step (bundled, 0)), !=, 45);

  mine = unknot_library_lookup (f->library, "my-quick-reset");
  g_assert_nonnull (mine);
  g_assert_true (mine == unknot_editor_get_original (editor));
  g_assert_false (unknot_routine_get_bundled (mine));
  g_assert_cmpuint (unknot_step_get_duration (unknot_routine_get_step (mine, 0)), ==, 45);

  /* Renamed and saved again: the same file, no second copy. */
  unknot_routine_set_name (routine, "Short reset");
  assert_saves (editor);
  user_listing = test_list_dir (f->user);
  g_assert_cmpstr (user_listing, ==, "four-steps.json my-quick-reset.json");
  g_assert_cmpstr (unknot_routine_get_name (unknot_library_lookup (f->library, "my-quick-reset")),
                   ==, "Short reset");

  /* Another copy of the same bundled routine gets an id of its own. */
  again = unknot_editor_new (f->library, bundled);
  g_assert_cmpstr (unknot_routine_get_id (unknot_editor_get_routine (again)), ==,
                   "my-quick-reset-2");
}

/* "My " and a name already at the limit: cut to the limit, still valid. */
static void
test_bundled_long_name (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *name = g_strnfill (UNKNOT_MAX_NAME_LENGTH, 'n');
  g_autofree char *json = test_routine_json ("long", name, 30);
  g_autoptr(UnknotEditor) editor = NULL;
  const char *copy_name;

  g_free (test_write_file (f->bundled, "long.json", json));
  unknot_library_load (f->library);
  editor = unknot_editor_new (f->library, unknot_library_lookup (f->library, "long"));
  copy_name = unknot_routine_get_name (unknot_editor_get_routine (editor));
  g_assert_cmpint (g_utf8_strlen (copy_name, -1), ==, UNKNOT_MAX_NAME_LENGTH);
  g_assert_true (g_str_has_prefix (copy_name, "My nnn"));
  g_assert_true (unknot_editor_is_valid (editor));
}

/* Two routines started at once, neither saved yet, must not end up in one file. */
static void
test_two_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(UnknotEditor) a = unknot_editor_new (f->library, NULL);
  g_autoptr(UnknotEditor) b = unknot_editor_new (f->library, NULL);
  UnknotRoutine *bundled = unknot_library_lookup (f->library, "quick-reset");
  g_autoptr(UnknotEditor) c = unknot_editor_new (f->library, bundled);
  g_autoptr(UnknotEditor) d = unknot_editor_new (f->library, bundled);
  g_autofree char *a_path = NULL;
  g_autofree char *a_bytes = NULL;
  g_autofree char *a_after = NULL;
  g_autofree char *listing = NULL;

  unknot_editor_add_step (a, "heat", -1);
  unknot_editor_add_step (b, "kneading", -1);
  unknot_routine_set_name (unknot_editor_get_routine (b), "Another");

  assert_saves (a);
  a_path = g_file_get_path (unknot_routine_get_file (unknot_editor_get_original (a)));
  a_bytes = test_read_file (a_path);
  assert_saves (b);
  a_after = test_read_file (a_path);
  g_assert_cmpstr (a_after, ==, a_bytes);

  g_assert_cmpstr (unknot_routine_get_id (unknot_editor_get_original (a)), !=,
                   unknot_routine_get_id (unknot_editor_get_original (b)));
  g_assert_true (unknot_library_lookup (f->library, unknot_routine_get_id (
                   unknot_editor_get_original (a))) == unknot_editor_get_original (a));
  g_assert_true (unknot_library_lookup (f->library, unknot_routine_get_id (
                   unknot_editor_get_original (b))) == unknot_editor_get_original (b));
  /* The editor's copy follows the id it was saved under. */
  g_assert_cmpstr (unknot_routine_get_id (unknot_editor_get_routine (b)), ==,
                   unknot_routine_get_id (unknot_editor_get_original (b)));

  assert_saves (c);
  assert_saves (d);
  listing = test_list_dir (f->user);
  g_assert_cmpstr (listing, ==, "four-steps.json my-quick-reset-2.json my-quick-reset.json "
                                "my-routine-2.json my-routine.json");
}

static void
test_save_reload (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = unknot_editor_new (f->library, NULL);
  g_autoptr(UnknotLibrary) again = NULL;
  g_autoptr(UnknotRoutine) loaded = NULL;
  g_autoptr(GFile) file = NULL;
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  UnknotRoutine *saved;

  unknot_routine_set_name (routine, "Evening <b>back</b>");
  unknot_routine_set_description (routine, "For after work.");
  unknot_routine_set_preparation (routine, 10);
  unknot_editor_add_step (editor, "light-stroking", -1);
  unknot_editor_add_step (editor, "trigger-point", -1);
  unknot_editor_add_rest (editor, -1);
  unknot_editor_add_step (editor, "stretching", -1);
  unknot_step_set_side (unknot_routine_get_step (routine, 3), UNKNOT_SIDE_BOTH);
  unknot_step_set_duration (unknot_routine_get_step (routine, 1), 90);

  assert_saves (editor);

  saved = unknot_editor_get_original (editor);
  g_assert_nonnull (saved);
  g_assert_true (saved != routine);
  g_assert_true (unknot_library_lookup (f->library, unknot_routine_get_id (routine)) == saved);
  file = unknot_library_get_user_file (f->library, unknot_routine_get_id (routine));
  g_assert_true (g_file_equal (unknot_routine_get_file (saved), file));

  loaded = load_routine (file);
  g_assert_true (unknot_routine_equal (loaded, routine));
  g_assert_true (unknot_routine_equal (loaded, saved));
  g_assert_cmpstr (unknot_routine_get_name (loaded), ==, "Evening <b>back</b>");
  g_assert_cmpuint (unknot_routine_get_total_duration (loaded), ==, 60 + 90 + 15 + 60);

  /* And a library started afresh finds it. */
  again = load_library (f);
  g_assert_true (unknot_routine_equal (unknot_library_lookup (again, unknot_routine_get_id (routine)),
                                       routine));
  g_assert_true (g_file_equal (unknot_routine_get_file (
                                 unknot_library_lookup (again, unknot_routine_get_id (routine))),
                               file));
}

/* Every field of the format set to something other than its default. */
static void
fill_every_field (UnknotEditor *editor)
{
  static const char * const techniques[] = {
    "light-stroking", "swedish-strokes", "kneading", "deep-pressure", "trigger-point",
    "neuromuscular", "stretching", "heat",
  };
  static const char * const sounds[] = { "bell", "wood", "soft", "none", "sounds/bowl.ogg" };
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  guint i;

  unknot_routine_set_name (routine, "Tout le dos — “ünïcödé” <b>&amp;</b> \\ \"");
  unknot_routine_set_description (routine, "Line one\nLine two, \"quoted\", ✓");
  unknot_routine_set_preparation (routine, 42);

  for (i = 0; i < G_N_ELEMENTS (techniques); i++)
    {
      UnknotStep *step;
      g_autofree char *text = g_strdup_printf ("Step %u: press “gently”\nthen breathe.", i);

      unknot_editor_add_step (editor, techniques[i], -1);
      step = unknot_routine_get_step (routine, i);
      unknot_step_set_area (step, i % UNKNOT_N_AREAS);
      unknot_step_set_side (step, i % 4);
      unknot_step_set_pressure (step, (i + 1) % 3);
      unknot_step_set_tool (step, i % UNKNOT_N_TOOLS);
      unknot_step_set_duration (step, 7 + i * 61);
      unknot_step_set_instructions (step, text);
      unknot_step_set_cue_sound (step, sounds[i % G_N_ELEMENTS (sounds)]);
      unknot_step_set_cue_speak (step, i % 2 == 0);
    }

  unknot_editor_add_rest (editor, 3);
  unknot_step_set_duration (unknot_routine_get_step (routine, 3), 33);
  unknot_step_set_instructions (unknot_routine_get_step (routine, 3), "Rest.");
  unknot_step_set_cue_speak (unknot_routine_get_step (routine, 3), FALSE);
}

static void
test_every_field (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = unknot_editor_new (f->library, NULL);
  g_autoptr(UnknotEditor) second = NULL;
  g_autoptr(UnknotLibrary) again = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first_bytes = NULL;
  g_autofree char *second_bytes = NULL;
  g_autofree char *json = NULL;
  g_autoptr(UnknotRoutine) loaded = NULL;
  UnknotRoutine *routine = unknot_editor_get_routine (editor);

  fill_every_field (editor);
  g_assert_true (unknot_editor_is_valid (editor));
  assert_saves (editor);
  path = user_path (f, unknot_routine_get_id (routine));
  first_bytes = test_read_file (path);
  g_assert_nonnull (first_bytes);

  again = load_library (f);
  g_assert_cmpuint (test_library_n_problems (again), ==, 0);
  /* A reference of our own: the save below replaces it in the library. */
  loaded = g_object_ref (unknot_library_lookup (again, unknot_routine_get_id (routine)));
  g_assert_true (unknot_routine_equal (loaded, routine));
  g_assert_cmpuint (unknot_routine_get_preparation (loaded), ==, 42);
  /* The rest step went in at 3: the fifth technique's step is at 5. */
  g_assert_cmpstr (unknot_step_get_cue_sound (unknot_routine_get_step (loaded, 5)), ==,
                   "sounds/bowl.ogg");

  /* Edited and edited back, saved again: the same bytes. */
  second = unknot_editor_new (again, loaded);
  unknot_routine_set_name (unknot_editor_get_routine (second), "x");
  unknot_routine_set_name (unknot_editor_get_routine (second), unknot_routine_get_name (loaded));
  g_assert_true (unknot_editor_get_modified (second));
  assert_saves (second);
  second_bytes = test_read_file (path);
  g_assert_cmpstr (second_bytes, ==, first_bytes);

  json = unknot_routine_to_json (loaded, NULL);
  g_assert_cmpstr (json, ==, first_bytes);
}

static void
test_total_duration (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(UnknotEditor) editor = edit_four_steps (f);
  UnknotRoutine *routine = unknot_editor_get_routine (editor);
  guint notified = 0;

  g_signal_connect_swapped (routine, "notify::total-duration", G_CALLBACK (count_notify),
                            &notified);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 100);

  unknot_step_set_duration (unknot_routine_get_step (routine, 0), 70);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 160);
  g_assert_cmpuint (notified, ==, 1);
  unknot_step_set_duration (unknot_routine_get_step (routine, 0), 70);
  g_assert_cmpuint (notified, ==, 1);

  unknot_editor_add_step (editor, "heat", -1);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 220);
  unknot_editor_add_rest (editor, 0);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 235);
  unknot_editor_remove_step (editor, 0);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 220);
  unknot_editor_undo (editor);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 235);
  unknot_editor_duplicate_step (editor, 1);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 305);
  unknot_editor_move_step (editor, 1, 4);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 305);
  /* A step moved is still counted when its duration changes. */
  unknot_step_set_duration (unknot_routine_get_step (routine, 4), 10);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 245);
  /* One notification at least per change (a move is a removal and an insertion, so it may say
   * so twice on the way). */
  g_assert_cmpuint (notified, >=, 7);
}

/* The ids in the library, in its order: what the library holds. */
static char *
library_ids (UnknotLibrary *library)
{
  GListModel *routines = unknot_library_get_routines (library);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (routines); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);

      g_string_append_printf (s, "%s%s", i ? " " : "", unknot_routine_get_id (routine));
    }
  return g_string_free (s, FALSE);
}

/* "Duplicate as mine" on a bundled routine: the user's "My ..." copy, saved, in the library. */
static void
test_duplicate_bundled (Fixture       *f,
                        gconstpointer  data)
{
  UnknotRoutine *bundled = unknot_library_lookup (f->library, "quick-reset");
  g_autofree char *before = test_read_file (f->bundled_file);
  g_autofree char *after = NULL;
  g_autofree char *path = user_path (f, "my-quick-reset");
  g_autofree char *listing = NULL;
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autoptr(UnknotRoutine) second = NULL;
  g_autoptr(UnknotRoutine) on_disk = NULL;
  g_autoptr(UnknotEditor) editor = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  copy = unknot_library_duplicate (f->library, bundled, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpstr (unknot_routine_get_id (copy), ==, "my-quick-reset");
  g_assert_cmpstr (unknot_routine_get_name (copy), ==, "My Quick reset");
  g_assert_false (unknot_routine_get_bundled (copy));
  g_assert_true (unknot_library_lookup (f->library, "my-quick-reset") == copy);
  g_assert_cmpuint (unknot_routine_get_n_steps (copy), ==, unknot_routine_get_n_steps (bundled));
  g_assert_cmpstr (unknot_routine_get_description (copy), ==,
                   unknot_routine_get_display_description (bundled));
  g_assert_cmpstr (unknot_step_get_instructions (unknot_routine_get_step (copy, 0)), ==,
                   unknot_routine_get_display_text (
                     bundled, unknot_step_get_instructions (unknot_routine_get_step (bundled, 0))));

  /* Saved where the user's routines are, and what the file holds is the copy. */
  file = g_file_new_for_path (path);
  g_assert_true (g_file_equal (unknot_routine_get_file (copy), file));
  on_disk = load_routine (file);
  g_assert_true (unknot_routine_equal (on_disk, copy));
  listing = test_list_dir (f->user);
  g_assert_cmpstr (listing, ==, "four-steps.json my-quick-reset.json");

  /* The bundled routine is as it was. */
  after = test_read_file (f->bundled_file);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (unknot_library_lookup (f->library, "quick-reset") == bundled);
  g_assert_true (unknot_routine_get_bundled (bundled));

  /* Named as the editor names its copy of a bundled routine; a second one has its own id. */
  editor = unknot_editor_new (f->library, bundled);
  g_assert_cmpstr (unknot_routine_get_name (unknot_editor_get_routine (editor)), ==,
                   "My Quick reset");
  second = unknot_library_duplicate (f->library, bundled, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (second), ==, "my-quick-reset-2");
  g_assert_true (unknot_library_lookup (f->library, "my-quick-reset") == copy);
}

/* "Duplicate as mine" on the user's own routine: "... (copy)" under a new id, the original
 * untouched. */
static void
test_duplicate_user (Fixture       *f,
                     gconstpointer  data)
{
  UnknotRoutine *original = unknot_library_lookup (f->library, "four-steps");
  g_autofree char *original_path = user_path (f, "four-steps");
  g_autofree char *before = test_read_file (original_path);
  g_autofree char *after = NULL;
  g_autofree char *path = user_path (f, "four-steps-2");
  g_autofree char *long_name = g_strnfill (UNKNOT_MAX_NAME_LENGTH, 'n');
  g_autofree char *long_json = test_routine_json ("long", long_name, 30);
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autoptr(UnknotRoutine) second = NULL;
  g_autoptr(UnknotRoutine) long_copy = NULL;
  g_autoptr(UnknotRoutine) on_disk = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  copy = unknot_library_duplicate (f->library, original, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_true (copy != original);
  g_assert_cmpstr (unknot_routine_get_id (copy), ==, "four-steps-2");
  g_assert_cmpstr (unknot_routine_get_name (copy), ==, "Four steps (copy)");
  g_assert_false (unknot_routine_get_bundled (copy));
  assert_durations (copy, "10 20 30 40");
  g_assert_true (unknot_library_lookup (f->library, "four-steps-2") == copy);

  file = g_file_new_for_path (path);
  g_assert_true (g_file_equal (unknot_routine_get_file (copy), file));
  on_disk = load_routine (file);
  g_assert_true (unknot_routine_equal (on_disk, copy));

  g_assert_true (unknot_library_lookup (f->library, "four-steps") == original);
  g_assert_cmpstr (unknot_routine_get_name (original), ==, "Four steps");
  after = test_read_file (original_path);
  g_assert_cmpstr (after, ==, before);

  /* A copy of a copy is a copy too. */
  second = unknot_library_duplicate (f->library, copy, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (second), ==, "four-steps-2-2");
  g_assert_cmpstr (unknot_routine_get_name (second), ==, "Four steps (copy) (copy)");

  /* A name at the limit: " (copy)" is cut to the limit, and the copy still saves. */
  g_free (test_write_file (f->user, "long.json", long_json));
  unknot_library_load (f->library);
  long_copy = unknot_library_duplicate (f->library, unknot_library_lookup (f->library, "long"),
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (long_copy), ==, "long-2");
  g_assert_cmpint (g_utf8_strlen (unknot_routine_get_name (long_copy), -1), ==,
                   UNKNOT_MAX_NAME_LENGTH);
  g_assert_true (g_str_has_prefix (unknot_routine_get_name (long_copy), "nnn"));
}

/* A duplicate that cannot be written fails with an error and leaves the library as it was. */
static void
test_duplicate_unwritable (Fixture       *f,
                           gconstpointer  data)
{
  UnknotRoutine *bundled = unknot_library_lookup (f->library, "quick-reset");
  UnknotRoutine *mine = unknot_library_lookup (f->library, "four-steps");
  g_autofree char *moved = g_strconcat (f->user, "-moved", NULL);
  g_autofree char *ids = library_ids (f->library);
  g_autofree char *ids_after = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *blocker = NULL;
  g_autoptr(UnknotLibrary) no_folder = NULL;
  g_autoptr(UnknotRoutine) copy = NULL;
  UnknotRoutine *routines[2] = { bundled, mine };

  /* The user's folder is now a regular file: root cannot write into it either. */
  g_assert_cmpint (g_rename (f->user, moved), ==, 0);
  blocker = test_write_file (f->root, "user", "not a folder\n");

  for (guint i = 0; i < G_N_ELEMENTS (routines); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup (unknot_routine_get_name (routines[i]));

      copy = unknot_library_duplicate (f->library, routines[i], &error);
      g_assert_null (copy);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, "Could not save "));
      g_assert_nonnull (strstr (error->message, f->user));

      ids_after = library_ids (f->library);
      g_assert_cmpstr (ids_after, ==, ids);
      g_clear_pointer (&ids_after, g_free);
      g_assert_cmpstr (unknot_routine_get_name (routines[i]), ==, name);
      g_assert_null (unknot_library_lookup (f->library, "my-quick-reset"));
      g_assert_null (unknot_library_lookup (f->library, "four-steps-2"));
    }
  g_assert_true (unknot_library_lookup (f->library, "quick-reset") == bundled);
  g_assert_true (unknot_library_lookup (f->library, "four-steps") == mine);
  g_assert_cmpuint (test_library_n_problems (f->library), ==, 0);
  listing = test_list_dir (moved);
  g_assert_cmpstr (listing, ==, "four-steps.json");

  /* No folder for the user's routines at all. */
  no_folder = unknot_library_new (test_get_catalogue (), f->bundled, NULL);
  unknot_library_load (no_folder);
  {
    g_autoptr(GError) error = NULL;

    copy = unknot_library_duplicate (no_folder, unknot_library_lookup (no_folder, "quick-reset"),
                                     &error);
    g_assert_null (copy);
    g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED);
    g_assert_cmpstr (error->message, ==, "There is no folder to save routines in");
    g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (no_folder)), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/editor/add", test_add);
  ADD ("/editor/remove-undo", test_remove_undo);
  ADD ("/editor/duplicate", test_duplicate);
  ADD ("/editor/move", test_move);
  ADD ("/editor/side-both", test_side_both);
  ADD ("/editor/modified", test_modified);
  ADD ("/editor/problems", test_problems);
  ADD ("/editor/invalid-not-saved", test_invalid_not_saved);
  ADD ("/editor/bundled-copy", test_bundled_copy);
  ADD ("/editor/bundled-long-name", test_bundled_long_name);
  ADD ("/editor/two-new", test_two_new);
  ADD ("/editor/save-reload", test_save_reload);
  ADD ("/editor/every-field", test_every_field);
  ADD ("/editor/total-duration", test_total_duration);
  ADD ("/editor/duplicate-bundled", test_duplicate_bundled);
  ADD ("/editor/duplicate-user", test_duplicate_user);
  ADD ("/editor/duplicate-unwritable", test_duplicate_unwritable);

#undef ADD

  return g_test_run ();
}
