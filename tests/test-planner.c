/* test-planner.c: the composer's rules hold for every request (1 to 3 areas, every set of tools,
 * 5 to 30 minutes), and the same request gives the same bytes
 *
 *   test-planner --dump FILE  writes the plan of every request (every Nth under the
 *                             sanitizers, as below) to FILE as a JSON text sequence, for the
 *                             schema check (tests/meson.build, "schema-plans")
 *
 * Under AddressSanitizer (UNKNOT_PLANNER_STRIDE=N in the environment) every Nth request is
 * composed; the plain build composes them all.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "unknot-planner.h"
#include "unknot-routine-io.h"
#include "unknot-test-util.h"

/* The tools besides hands a person may have; every subset is tried. */
static const UnknotTool extra_tools[] = {
  UNKNOT_TOOL_BALL, UNKNOT_TOOL_FOAM_ROLLER, UNKNOT_TOOL_CANE, UNKNOT_TOOL_HEAT_PACK,
};

typedef void (*RequestFunc) (const UnknotPlanRequest *request, gpointer data);

/* Every request: the area sets of 1 to 3 areas, their sides and the firmness varied with the
 * request's number so that each side and firmness meets each area set; every tool set; every
 * minute count. Returns how many were made. */
static guint
for_each_request (guint       stride,
                  RequestFunc func,
                  gpointer    data)
{
  guint n = 0;

  for (guint mask = 1; mask < (1u << UNKNOT_N_AREAS); mask++)
    {
      if (g_bit_nth_lsf (mask, -1) < 0 || __builtin_popcount (mask) > 3)
        continue;
      for (guint tools = 0; tools < (1u << G_N_ELEMENTS (extra_tools)); tools++)
        for (guint minutes = UNKNOT_PLAN_MIN_MINUTES; minutes <= UNKNOT_PLAN_MAX_MINUTES;
             minutes++, n++)
          {
            g_autoptr(UnknotPlanRequest) request = NULL;

            if (n % stride != 0)
              continue;
            request = unknot_plan_request_new ();
            for (guint a = 0; a < UNKNOT_N_AREAS; a++)
              if (mask & (1u << a))
                unknot_plan_request_set_area (request, a,
                                              UNKNOT_SIDE_LEFT + (n / 7 + a) % 3);
            for (guint t = 0; t < G_N_ELEMENTS (extra_tools); t++)
              unknot_plan_request_set_tool (request, extra_tools[t], (tools & (1u << t)) != 0);
            unknot_plan_request_set_minutes (request, minutes);
            unknot_plan_request_set_firmness (request, n % 3);
            func (request, data);
          }
    }
  return n;
}

static UnknotPlan *
compose (const UnknotPlanRequest *request,
         GPtrArray               *journal)
{
  g_autoptr(GError) error = NULL;
  UnknotPlan *plan = unknot_planner_compose (test_get_catalogue (), request, journal, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

static gboolean
is_gentle_start_or_end (UnknotStep *step)
{
  const char *technique = unknot_step_get_technique (step);

  return unknot_step_get_pressure (step) == UNKNOT_PRESSURE_LIGHT
         && (g_str_equal (technique, "light-stroking") || g_str_equal (technique, "heat")
             || g_str_equal (technique, "swedish-strokes")
             || g_str_equal (technique, "stretching"));
}

/* Light stroking wherever an asked area takes it (the catalogue's areas); the others only where
 * it cannot go. */
static void
assert_gentle (UnknotStep              *step,
               const UnknotPlanRequest *request,
               gboolean                 may_heat)
{
  UnknotTechnique *stroking = unknot_catalogue_lookup (test_get_catalogue (), "light-stroking");
  gboolean stroking_fits = FALSE;

  g_assert_true (is_gentle_start_or_end (step));
  for (guint a = 0; a < UNKNOT_N_AREAS; a++)
    if (unknot_plan_request_get_area (request, a) != UNKNOT_SIDE_NONE
        && unknot_technique_suits_area (stroking, a))
      stroking_fits = TRUE;
  if (g_str_equal (unknot_step_get_technique (step), "heat"))
    g_assert_true (may_heat && unknot_plan_request_has_tool (request, UNKNOT_TOOL_HEAT_PACK));
  else if (stroking_fits)
    g_assert_cmpstr (unknot_step_get_technique (step), ==, "light-stroking");
}

static void
check_plan (const UnknotPlanRequest *request,
            gpointer                 data)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(UnknotPlan) plan = compose (request, NULL);
  g_autoptr(UnknotPlan) again = compose (request, NULL);
  UnknotRoutine *routine = unknot_plan_get_routine (plan);
  g_autofree char *json = unknot_routine_to_json (routine, NULL);
  g_autofree char *json_again = unknot_routine_to_json (unknot_plan_get_routine (again), NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) loaded = NULL;
  guint n = unknot_routine_get_n_steps (routine);
  guint total = 0, heat = 0;
  guint left[UNKNOT_N_AREAS] = { 0 }, right[UNKNOT_N_AREAS] = { 0 };
  gboolean ball_on_lower_back = FALSE;
  guint target = unknot_plan_request_get_minutes (request) * 60;
  UnknotTool previous_tool = UNKNOT_TOOL_HANDS;
  UnknotPosition previous_position = UNKNOT_POSITION_ANY;

  (void) data;
  g_assert_cmpstr (json, ==, json_again);

  loaded = unknot_routine_load_bytes (bytes, "plan.json", catalogue, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  if (problems->len > 0)
    g_error ("%s\n%s", unknot_problems_to_string (problems), json);
  g_assert_true (unknot_routine_equal (loaded, routine));
  g_assert_cmpstr (unknot_routine_get_id (routine), ==, "plan");

  g_assert_cmpuint (n, >=, 3);
  assert_gentle (unknot_routine_get_step (routine, 0), request, TRUE);
  assert_gentle (unknot_routine_get_step (routine, n - 1), request, FALSE);

  for (guint i = 0; i < n; i++)
    {
      UnknotStep *step = unknot_routine_get_step (routine, i);
      UnknotArea area = unknot_step_get_area (step);
      UnknotTool tool = unknot_step_get_tool (step);
      const char *technique = unknot_step_get_technique (step);
      guint duration = unknot_step_get_duration (step);
      const char *words = NULL, *second_side = NULL;

      g_assert_false (unknot_step_is_rest (step));
      g_assert_true (unknot_plan_request_get_area (request, area) != UNKNOT_SIDE_NONE
                     || area == UNKNOT_AREA_WHOLE_BACK);
      g_assert_true (unknot_technique_suits_area (unknot_catalogue_lookup (catalogue, technique),
                                                  area));
      g_assert_true (unknot_plan_request_has_tool (request, tool));
      /* What to do, and what to avoid: the catalogue's own words for this technique on this
       * area with this tool, never the fallback to its how-to, and the second side's where they
       * differ. */
      if (!unknot_technique_get_words (unknot_catalogue_lookup (catalogue, technique), area, tool,
                                       &words, &second_side))
        g_error ("the catalogue has no words for %s on %s with %s", technique,
                 unknot_enum_to_nick (UNKNOT_TYPE_AREA, area),
                 unknot_enum_to_nick (UNKNOT_TYPE_TOOL, tool));
      g_assert_cmpstr (unknot_step_get_instructions (step), ==, words);
      g_assert_cmpstr (unknot_step_get_second_instructions (step), ==,
                       unknot_step_get_side (step) == UNKNOT_SIDE_BOTH && second_side
                       ? second_side : "");
      if (area == UNKNOT_AREA_NECK)
        g_assert_cmpint (unknot_step_get_pressure (step), !=, UNKNOT_PRESSURE_FIRM);
      if (unknot_plan_request_get_firmness (request) == UNKNOT_FIRMNESS_GENTLE)
        g_assert_cmpint (unknot_step_get_pressure (step), ==, UNKNOT_PRESSURE_LIGHT);
      if (g_str_equal (technique, "heat"))
        heat += duration;
      /* Getting onto the floor, to the wall or onto the roller waits for the person. */
      if ((tool == UNKNOT_TOOL_BALL || tool == UNKNOT_TOOL_FOAM_ROLLER) && tool != previous_tool)
        g_assert_true (unknot_step_get_hold (step));
      previous_tool = tool;
      /* Each step says where the body is, as the bundled routines do; a new one holds. */
      g_assert_cmpint (unknot_step_get_position (step), !=, UNKNOT_POSITION_ANY);
      if (previous_position != UNKNOT_POSITION_ANY
          && unknot_step_get_position (step) != previous_position)
        g_assert_true (unknot_step_get_hold (step));
      previous_position = unknot_step_get_position (step);

      if (area == UNKNOT_AREA_LOWER_BACK && tool == UNKNOT_TOOL_BALL)
        ball_on_lower_back = TRUE;

      /* A side asked is the only side worked on that area; both asked, both worked equally.
       * Only heat, which covers the area whole, names no side where the area has sides. */
      switch (unknot_step_get_side (step))
        {
        case UNKNOT_SIDE_LEFT:
          g_assert_cmpint (unknot_plan_request_get_area (request, area), ==, UNKNOT_SIDE_LEFT);
          left[area] += duration;
          break;
        case UNKNOT_SIDE_RIGHT:
          g_assert_cmpint (unknot_plan_request_get_area (request, area), ==, UNKNOT_SIDE_RIGHT);
          right[area] += duration;
          break;
        case UNKNOT_SIDE_BOTH:
          g_assert_cmpint (unknot_plan_request_get_area (request, area), ==, UNKNOT_SIDE_BOTH);
          g_assert_cmpuint (duration % 2, ==, 0);
          left[area] += duration / 2;
          right[area] += duration / 2;
          break;
        default:
          g_assert_true (!unknot_plan_request_area_has_sides (area)
                         || g_str_equal (technique, "heat"));
          break;
        }
      total += duration;
    }
  g_assert_cmpuint (total, <=, target + 15);
  g_assert_cmpuint (total + 15, >=, target);
  for (guint a = 0; a < UNKNOT_N_AREAS; a++)
    if (unknot_plan_request_get_area (request, a) == UNKNOT_SIDE_BOTH)
      g_assert_cmpuint (left[a], ==, right[a]);
  /* The ball the catalogue allows on the lower back is used there when it is at hand, unless
   * the session is gentle. */
  if (unknot_plan_request_has_tool (request, UNKNOT_TOOL_BALL)
      && unknot_plan_request_get_area (request, UNKNOT_AREA_LOWER_BACK) != UNKNOT_SIDE_NONE
      && unknot_plan_request_get_firmness (request) != UNKNOT_FIRMNESS_GENTLE)
    g_assert_true (ball_on_lower_back);
  g_assert_cmpuint (heat, <=, 20 * 60);
}

static void
test_every_request (void)
{
  const char *stride_env = g_getenv ("UNKNOT_PLANNER_STRIDE");
  guint stride = stride_env ? MAX (1, (guint) g_ascii_strtoull (stride_env, NULL, 10)) : 1;
  guint n = for_each_request (stride, check_plan, NULL);

  /* 63 area sets of 1 to 3 areas, 16 tool sets, 26 minute counts. */
  g_assert_cmpuint (n, ==, 63 * 16 * 26);
  if (stride > 1)
    g_test_message ("composed every %uth of %u requests", stride, n);
}

static void
test_request (void)
{
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(UnknotPlanRequest) copy = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (unknot_plan_request_get_minutes (request), ==, 10);
  g_assert_cmpint (unknot_plan_request_get_firmness (request), ==, UNKNOT_FIRMNESS_MEDIUM);
  g_assert_true (unknot_plan_request_has_tool (request, UNKNOT_TOOL_HANDS));
  g_assert_false (unknot_plan_request_has_tool (request, UNKNOT_TOOL_BALL));
  for (guint a = 0; a < UNKNOT_N_AREAS; a++)
    g_assert_cmpint (unknot_plan_request_get_area (request, a), ==, UNKNOT_SIDE_NONE);

  g_assert_false (unknot_plan_request_validate (request, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Choose at least one area where it hurts.");
  g_clear_error (&error);
  g_assert_null (unknot_planner_compose (test_get_catalogue (), request, NULL, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_clear_error (&error);

  unknot_plan_request_set_area (request, UNKNOT_AREA_NECK, UNKNOT_SIDE_LEFT);
  g_assert_cmpint (unknot_plan_request_get_area (request, UNKNOT_AREA_NECK), ==,
                   UNKNOT_SIDE_BOTH);
  g_assert_false (unknot_plan_request_area_has_sides (UNKNOT_AREA_NECK));
  g_assert_false (unknot_plan_request_area_has_sides (UNKNOT_AREA_WHOLE_BACK));
  g_assert_true (unknot_plan_request_area_has_sides (UNKNOT_AREA_SHOULDERS));
  unknot_plan_request_set_area (request, UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_RIGHT);
  g_assert_cmpint (unknot_plan_request_get_area (request, UNKNOT_AREA_SHOULDERS), ==,
                   UNKNOT_SIDE_RIGHT);
  g_assert_true (unknot_plan_request_validate (request, NULL));

  unknot_plan_request_set_minutes (request, 31);
  g_assert_false (unknot_plan_request_validate (request, &error));
  g_assert_cmpstr (error->message, ==, "31 minutes is not possible; choose from 5 to 30 minutes.");
  g_clear_error (&error);
  unknot_plan_request_set_minutes (request, 4);
  g_assert_false (unknot_plan_request_validate (request, NULL));

  unknot_plan_request_set_tool (request, UNKNOT_TOOL_HANDS, FALSE);
  g_assert_true (unknot_plan_request_has_tool (request, UNKNOT_TOOL_HANDS));
  unknot_plan_request_set_tool (request, UNKNOT_TOOL_CANE, TRUE);
  copy = unknot_plan_request_copy (request);
  g_assert_true (unknot_plan_request_has_tool (copy, UNKNOT_TOOL_CANE));
  g_assert_cmpuint (unknot_plan_request_get_minutes (copy), ==, 4);
  unknot_plan_request_set_tool (request, UNKNOT_TOOL_CANE, FALSE);
  g_assert_false (unknot_plan_request_has_tool (request, UNKNOT_TOOL_CANE));
  g_assert_true (unknot_plan_request_has_tool (copy, UNKNOT_TOOL_CANE));
}

/* The right shoulder asked alone: only the right is worked there, with the time a shoulder
 * asked on both sides gets; asked on both sides, every shoulder step is on both. */
static void
test_side_asked (void)
{
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(UnknotPlan) plan = NULL;
  g_autoptr(UnknotPlan) both = NULL;
  UnknotRoutine *routine;
  guint n_right = 0;

  unknot_plan_request_set_area (request, UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_RIGHT);
  plan = compose (request, NULL);
  routine = unknot_plan_get_routine (plan);
  g_assert_cmpstr (unknot_routine_get_name (routine), ==, "Shoulders, 10 min");
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      UnknotStep *step = unknot_routine_get_step (routine, i);

      g_assert_cmpint (unknot_step_get_side (step), ==, UNKNOT_SIDE_RIGHT);
      n_right++;
    }
  g_assert_cmpuint (n_right, >=, 3);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 600);

  unknot_plan_request_set_area (request, UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_BOTH);
  both = compose (request, NULL);
  routine = unknot_plan_get_routine (both);
  g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, n_right);
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    g_assert_cmpint (unknot_step_get_side (unknot_routine_get_step (routine, i)), ==,
                     UNKNOT_SIDE_BOTH);
}

static gboolean
has_technique (UnknotRoutine *routine,
               const char    *technique,
               UnknotArea     area)
{
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      UnknotStep *step = unknot_routine_get_step (routine, i);

      if (g_str_equal (unknot_step_get_technique (step), technique)
          && unknot_step_get_area (step) == area)
        return TRUE;
    }
  return FALSE;
}

/* A ball brought along is used: with room for two techniques on the upper back, trigger points
 * on the ball come before neuromuscular work by hand. */
static void
test_tool_brought (void)
{
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(UnknotPlan) plan = NULL;
  g_autoptr(UnknotPlan) hands = NULL;

  unknot_plan_request_set_area (request, UNKNOT_AREA_UPPER_BACK, UNKNOT_SIDE_BOTH);
  unknot_plan_request_set_minutes (request, 5);
  hands = compose (request, NULL);
  g_assert_false (has_technique (unknot_plan_get_routine (hands), "trigger-point",
                                 UNKNOT_AREA_UPPER_BACK));
  unknot_plan_request_set_tool (request, UNKNOT_TOOL_BALL, TRUE);
  plan = compose (request, NULL);
  g_assert_true (has_technique (unknot_plan_get_routine (plan), "trigger-point",
                                UNKNOT_AREA_UPPER_BACK));
}

/* A heat pack at hand warms the lower back first, for a fifth of the time; at most 20 minutes
 * even in the longest plan. */
static void
test_heat (void)
{
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(UnknotPlan) plan = NULL;
  UnknotStep *first;

  unknot_plan_request_set_area (request, UNKNOT_AREA_LOWER_BACK, UNKNOT_SIDE_BOTH);
  unknot_plan_request_set_tool (request, UNKNOT_TOOL_HEAT_PACK, TRUE);
  plan = compose (request, NULL);
  first = unknot_routine_get_step (unknot_plan_get_routine (plan), 0);
  g_assert_cmpstr (unknot_step_get_technique (first), ==, "heat");
  g_assert_cmpint (unknot_step_get_tool (first), ==, UNKNOT_TOOL_HEAT_PACK);
  g_assert_cmpuint (unknot_step_get_duration (first), ==, 120);
  g_assert_cmpuint (unknot_plan_get_reasons (plan)->len, ==, 0);
}

static UnknotJournalEntry *
rated_run (const char *worked,
           int         before,
           int         after)
{
  UnknotJournalEntry *entry = unknot_journal_entry_new ();

  g_free (entry->worked);
  entry->worked = g_strdup (worked);
  entry->pain_before = before;
  entry->pain_after = after;
  return entry;
}

/* Four rated runs where trigger point work eased the shoulders by 2.25 points on average: a
 * short plan that had room for two techniques there (the lightest two, with hands only) takes
 * trigger points instead of kneading, and says why. Two such runs, or runs without ratings,
 * change nothing. */
static void
test_journal (void)
{
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_journal_entry_free);
  g_autoptr(UnknotPlan) before = NULL;
  g_autoptr(UnknotPlan) after = NULL;
  g_autoptr(UnknotPlan) few = NULL;
  g_autofree char *json_before = NULL;
  g_autofree char *json_few = NULL;
  GPtrArray *reasons;

  unknot_plan_request_set_area (request, UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_BOTH);
  unknot_plan_request_set_minutes (request, 5);
  before = compose (request, NULL);
  g_assert_true (has_technique (unknot_plan_get_routine (before), "kneading",
                                UNKNOT_AREA_SHOULDERS));
  g_assert_false (has_technique (unknot_plan_get_routine (before), "trigger-point",
                                 UNKNOT_AREA_SHOULDERS));
  json_before = unknot_routine_to_json (unknot_plan_get_routine (before), NULL);

  g_ptr_array_add (entries, rated_run ("trigger-point@shoulders,stretching@neck", 6, 3));
  g_ptr_array_add (entries, rated_run ("trigger-point@shoulders", 5, 3));
  g_ptr_array_add (entries, rated_run ("swedish-strokes@shoulders", 5, 5));
  g_ptr_array_add (entries, rated_run ("trigger-point@shoulders", UNKNOT_PAIN_NONE, 0));
  few = compose (request, entries);
  json_few = unknot_routine_to_json (unknot_plan_get_routine (few), NULL);
  g_assert_cmpstr (json_few, ==, json_before);
  g_assert_cmpuint (unknot_plan_get_reasons (few)->len, ==, 0);

  g_ptr_array_add (entries, rated_run ("kneading@neck,trigger-point@shoulders", 4, 2));
  g_ptr_array_add (entries, rated_run ("trigger-point@shoulders", 7, 5));
  after = compose (request, entries);
  g_assert_true (has_technique (unknot_plan_get_routine (after), "trigger-point",
                                UNKNOT_AREA_SHOULDERS));
  g_assert_false (has_technique (unknot_plan_get_routine (after), "kneading",
                                 UNKNOT_AREA_SHOULDERS));
  reasons = unknot_plan_get_reasons (after);
  g_assert_cmpuint (reasons->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (reasons, 0), ==,
                   "Trigger point pressure (Shoulders): 2.2 points less pain on average over "
                   "4 runs");
  check_plan (request, NULL);
}

/* The journal keeps what a run worked: each technique on each area once, in order. */
static void
test_describe_worked (void)
{
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(UnknotPlan) plan = NULL;
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("r", "R");
  g_autoptr(UnknotStep) a = unknot_step_new ();
  g_autoptr(UnknotStep) rest = unknot_step_new_rest (10);
  g_autofree char *text = NULL;

  unknot_step_set_technique (a, "kneading");
  unknot_step_set_area (a, UNKNOT_AREA_GLUTES);
  unknot_routine_append_step (routine, a);
  unknot_routine_append_step (routine, rest);
  unknot_routine_append_step (routine, a);
  text = unknot_plan_describe_worked (routine);
  g_assert_cmpstr (text, ==, "kneading@glutes");
  g_clear_pointer (&text, g_free);

  unknot_plan_request_set_area (request, UNKNOT_AREA_NECK, UNKNOT_SIDE_BOTH);
  unknot_plan_request_set_minutes (request, 5);
  plan = compose (request, NULL);
  text = unknot_plan_describe_worked (unknot_plan_get_routine (plan));
  g_assert_cmpstr (text, ==, "light-stroking@neck,swedish-strokes@neck,kneading@neck,"
                   "stretching@neck");
}

/* The catalogue's words are checked strictly, each problem with its JSON path. */
static void
test_catalogue_words (void)
{
  static const struct {
    const char *words;
    const char *message;
  } cases[] = {
    { "{}", "techniques[0].words: an object; expected an array of words" },
    { "[3]", "techniques[0].words[0]: an integer; expected an object with an area, a tool and "
             "instructions" },
    { "[{\"area\": \"glutes\", \"tool\": \"hands\", \"instructions\": \"x\"}]",
      "techniques[0].words[0].area: \"glutes\" is not one of the technique's areas" },
    { "[{\"area\": \"neck\", \"tool\": \"spoon\", \"instructions\": \"x\"}]",
      "techniques[0].words[0].tool" },
    { "[{\"area\": \"neck\", \"tool\": \"hands\"}]", "techniques[0].words[0].instructions" },
    { "[{\"area\": \"neck\", \"tool\": \"hands\", \"instructions\": \"x\"},"
      " {\"area\": \"neck\", \"tool\": \"hands\", \"instructions\": \"y\"}]",
      "techniques[0].words[1]: the words for \"neck\" with \"hands\" are given twice" },
  };
  const char *head = "{\"format\": 1, \"techniques\": [{\"id\": \"k\", \"name\": \"K\", "
                     "\"summary\": \"s\", \"how\": \"h\", \"default-pressure\": \"light\", "
                     "\"areas\": [\"neck\"], \"words\": ";
  g_autofree char *good = g_strconcat (head, "[{\"area\": \"neck\", \"tool\": \"hands\", "
                                       "\"instructions\": \"Left.\", "
                                       "\"instructions-second-side\": \"Right.\"}]}]}", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (good, strlen (good));
  g_autoptr(UnknotCatalogue) catalogue = unknot_catalogue_new_from_bytes (bytes, "c.json", NULL);
  UnknotTechnique *technique = unknot_catalogue_lookup (catalogue, "k");
  const char *words = NULL, *second_side = NULL;

  g_assert_true (unknot_technique_get_words (technique, UNKNOT_AREA_NECK, UNKNOT_TOOL_HANDS,
                                             &words, &second_side));
  g_assert_cmpstr (words, ==, "Left.");
  g_assert_cmpstr (second_side, ==, "Right.");
  g_assert_false (unknot_technique_get_words (technique, UNKNOT_AREA_NECK, UNKNOT_TOOL_BALL,
                                              &words, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (head, cases[i].words, "}]}", NULL);
      g_autoptr(GBytes) bad = g_bytes_new (text, strlen (text));
      g_autoptr(GError) error = NULL;

      g_assert_null (unknot_catalogue_new_from_bytes (bad, "c.json", &error));
      g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("expected \"%s\" in \"%s\"", cases[i].message, error->message);
    }
}

/* One plan, as a text of a JSON text sequence (RFC 7464: after an RS character). */
static void
dump_plan (const UnknotPlanRequest *request,
           gpointer                 data)
{
  FILE *out = data;
  g_autoptr(UnknotPlan) plan = compose (request, NULL);
  g_autofree char *json = unknot_routine_to_json (unknot_plan_get_routine (plan), NULL);

  g_assert_cmpint (fprintf (out, "\x1e%s\n", json), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--dump"))
    {
      /* Every request (every UNKNOT_PLANNER_STRIDE-th under the sanitizers, as below). */
      const char *stride_env = g_getenv ("UNKNOT_PLANNER_STRIDE");
      guint stride = stride_env ? MAX (1, (guint) g_ascii_strtoull (stride_env, NULL, 10)) : 1;
      FILE *out = fopen (argv[2], "w");

      g_assert_nonnull (out);
      for_each_request (stride, dump_plan, out);
      g_assert_cmpint (fclose (out), ==, 0);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planner/request", test_request);
  g_test_add_func ("/planner/every-request", test_every_request);
  g_test_add_func ("/planner/side-asked", test_side_asked);
  g_test_add_func ("/planner/heat", test_heat);
  g_test_add_func ("/planner/tool-brought", test_tool_brought);
  g_test_add_func ("/planner/journal", test_journal);
  g_test_add_func ("/planner/describe-worked", test_describe_worked);
  g_test_add_func ("/planner/catalogue-words", test_catalogue_words);

  return g_test_run ();
}
