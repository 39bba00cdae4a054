/* unknot-planner.c: a routine composed the way a therapist builds a session
 *
 * Warm-up (heat when a pack is at hand and an area takes it, else light stroking), then each
 * chosen area with the techniques the catalogue allows there, lighter before deeper, then a
 * stretch for each area, then light stroking to close. Only the tools at hand; the pressure from
 * the firmness asked, never firm on the neck; heat at most 20 minutes; left and right the same
 * time ("both" steps, or a right step paired with a left one when the right was asked alone); a
 * hold before each step that needs a new position (the wall, the floor, the roller). The steps
 * add up to the minutes asked exactly. Everything is a function of the request: no clock, no
 * random numbers, no hash-table order, so the same request gives the same routine.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-labels.h"
#include "unknot-planner.h"

#define HEAT_MAX_SECONDS (20 * 60)
#define MAX_TECHNIQUES_PER_AREA 3
#define SECONDS_PER_TECHNIQUE 100   /* below this, an area gets fewer techniques */

struct _UnknotPlanRequest {
  UnknotSide     areas[UNKNOT_N_AREAS];
  guint          minutes;
  guint          tools;   /* 1 << UnknotTool */
  UnknotFirmness firmness;
};

struct _UnknotPlan {
  gatomicrefcount  ref;
  UnknotRoutine   *routine;
  GPtrArray       *reasons;
};

G_DEFINE_BOXED_TYPE (UnknotPlanRequest, unknot_plan_request, unknot_plan_request_copy,
                     unknot_plan_request_free)

static UnknotPlan *
unknot_plan_ref (UnknotPlan *plan)
{
  g_atomic_ref_count_inc (&plan->ref);
  return plan;
}

G_DEFINE_BOXED_TYPE (UnknotPlan, unknot_plan, unknot_plan_ref, unknot_plan_free)

/* No area chosen, 10 minutes, hands only, medium pressure. */
UnknotPlanRequest *
unknot_plan_request_new (void)
{
  UnknotPlanRequest *self = g_new0 (UnknotPlanRequest, 1);

  self->minutes = UNKNOT_PLAN_DEFAULT_MINUTES;
  self->tools = 1u << UNKNOT_TOOL_HANDS;
  self->firmness = UNKNOT_FIRMNESS_MEDIUM;
  return self;
}

UnknotPlanRequest *
unknot_plan_request_copy (const UnknotPlanRequest *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_memdup2 (self, sizeof *self);
}

void
unknot_plan_request_free (UnknotPlanRequest *self)
{
  g_free (self);
}

/* Areas beside the spine have a left and a right; the neck and the whole back are chosen as one
 * (the spine runs through them). */
gboolean
unknot_plan_request_area_has_sides (UnknotArea area)
{
  return area != UNKNOT_AREA_NECK && area != UNKNOT_AREA_WHOLE_BACK && area < UNKNOT_N_AREAS;
}

/**
 * unknot_plan_request_set_area:
 * @side: %UNKNOT_SIDE_NONE: not chosen; LEFT, RIGHT or BOTH where the area has sides
 *   (unknot_plan_request_area_has_sides()); for the neck and the whole back, BOTH means chosen
 *   (LEFT and RIGHT are taken as BOTH there).
 *
 * The side asked alone is worked first; the other side gets the same time, as a therapist keeps
 * the two halves of the back even.
 */
void
unknot_plan_request_set_area (UnknotPlanRequest *self,
                              UnknotArea         area,
                              UnknotSide         side)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (area < UNKNOT_N_AREAS);
  g_return_if_fail (side <= UNKNOT_SIDE_BOTH);

  if (side != UNKNOT_SIDE_NONE && !unknot_plan_request_area_has_sides (area))
    side = UNKNOT_SIDE_BOTH;
  self->areas[area] = side;
}

UnknotSide
unknot_plan_request_get_area (const UnknotPlanRequest *self,
                              UnknotArea               area)
{
  g_return_val_if_fail (self != NULL, UNKNOT_SIDE_NONE);
  g_return_val_if_fail (area < UNKNOT_N_AREAS, UNKNOT_SIDE_NONE);
  return self->areas[area];
}

/* Out-of-range minutes are kept, and refused by unknot_plan_request_validate(). */
void
unknot_plan_request_set_minutes (UnknotPlanRequest *self,
                                 guint              minutes)
{
  g_return_if_fail (self != NULL);
  self->minutes = minutes;
}

guint
unknot_plan_request_get_minutes (const UnknotPlanRequest *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->minutes;
}

/* Hands are always at hand; %UNKNOT_TOOL_NONE (nothing, as in a stretch) too. */
void
unknot_plan_request_set_tool (UnknotPlanRequest *self,
                              UnknotTool         tool,
                              gboolean           at_hand)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tool < UNKNOT_N_TOOLS);

  if (tool == UNKNOT_TOOL_HANDS || tool == UNKNOT_TOOL_NONE)
    return;
  if (at_hand)
    self->tools |= 1u << tool;
  else
    self->tools &= ~(1u << tool);
}

gboolean
unknot_plan_request_has_tool (const UnknotPlanRequest *self,
                              UnknotTool               tool)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tool < UNKNOT_N_TOOLS, FALSE);
  return tool == UNKNOT_TOOL_NONE || (self->tools & (1u << tool)) != 0;
}

void
unknot_plan_request_set_firmness (UnknotPlanRequest *self,
                                  UnknotFirmness     firmness)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (firmness <= UNKNOT_FIRMNESS_FIRM);
  self->firmness = firmness;
}

UnknotFirmness
unknot_plan_request_get_firmness (const UnknotPlanRequest *self)
{
  g_return_val_if_fail (self != NULL, UNKNOT_FIRMNESS_MEDIUM);
  return self->firmness;
}

static guint
request_area_mask (const UnknotPlanRequest *self)
{
  guint mask = 0;

  for (guint a = 0; a < UNKNOT_N_AREAS; a++)
    if (self->areas[a] != UNKNOT_SIDE_NONE)
      mask |= 1u << a;
  return mask;
}

/* A request the composer can plan: at least one area, 5 to 30 minutes (UNKNOT_ERROR_INVALID). */
gboolean
unknot_plan_request_validate (const UnknotPlanRequest *self,
                              GError                 **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (request_area_mask (self) == 0)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                           _("Choose at least one area where it hurts."));
      return FALSE;
    }
  if (self->minutes < UNKNOT_PLAN_MIN_MINUTES || self->minutes > UNKNOT_PLAN_MAX_MINUTES)
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                   _("%u minutes is not possible; choose from %u to %u minutes."),
                   self->minutes, UNKNOT_PLAN_MIN_MINUTES, UNKNOT_PLAN_MAX_MINUTES);
      return FALSE;
    }
  return TRUE;
}

/* Where the body is for a step: a change means a hold, to get there first. */
typedef enum {
  POSITION_SEATED,
  POSITION_WALL,
  POSITION_FLOOR,
  POSITION_ROLLER,
} Position;

#define AREAS_ALL  0
#define AREA(a)    (1u << UNKNOT_AREA_##a)

/* The tools each technique may use on which areas, most suitable first; the first rule whose
 * areas match is the one used. A ball or cane never goes on the spine, the front of the neck or
 * the back of the knee; the roller stays off the lower back (it arches the lumbar spine). */
typedef struct {
  const char *technique;
  guint       areas;
  UnknotTool  tools[3];   /* ended by UNKNOT_TOOL_NONE unless all three are used */
} ToolRule;

static const ToolRule tool_rules[] = {
  { "light-stroking", AREAS_ALL, { UNKNOT_TOOL_HANDS } },
  { "swedish-strokes", AREA (MID_BACK), { UNKNOT_TOOL_FOAM_ROLLER, UNKNOT_TOOL_HANDS } },
  { "swedish-strokes", AREAS_ALL, { UNKNOT_TOOL_HANDS } },
  { "kneading", AREAS_ALL, { UNKNOT_TOOL_HANDS } },
  { "neuromuscular", AREA (SHOULDERS) | AREA (UPPER_BACK) | AREA (MID_BACK),
    { UNKNOT_TOOL_CANE, UNKNOT_TOOL_HANDS } },
  { "neuromuscular", AREAS_ALL, { UNKNOT_TOOL_HANDS } },
  { "trigger-point", AREA (SHOULDERS) | AREA (UPPER_BACK),
    { UNKNOT_TOOL_BALL, UNKNOT_TOOL_CANE, UNKNOT_TOOL_HANDS } },
  { "trigger-point", AREA (MID_BACK), { UNKNOT_TOOL_BALL, UNKNOT_TOOL_CANE } },
  { "trigger-point", AREAS_ALL, { UNKNOT_TOOL_BALL, UNKNOT_TOOL_HANDS } },
  { "deep-pressure", AREA (LOWER_BACK), { UNKNOT_TOOL_BALL } },
  { "deep-pressure", AREAS_ALL, { UNKNOT_TOOL_BALL, UNKNOT_TOOL_FOAM_ROLLER } },
  { "heat", AREAS_ALL, { UNKNOT_TOOL_HEAT_PACK } },
};

/* The work on an area, lighter before deeper; warm-up, stretch and cool-down come apart. */
static const char * const work_order[] = {
  "swedish-strokes", "kneading", "neuromuscular", "trigger-point", "deep-pressure",
};

/* A usable technique on @area with the tools at hand: its tool, or NONE when it cannot be done
 * (stretching, which needs nothing, is TRUE with NONE). */
static gboolean
pick_tool (UnknotCatalogue         *catalogue,
           const UnknotPlanRequest *request,
           const char              *technique,
           UnknotArea               area,
           UnknotTool              *tool)
{
  UnknotTechnique *entry = unknot_catalogue_lookup (catalogue, technique);

  if (entry == NULL || !unknot_technique_suits_area (entry, area))
    return FALSE;
  if (g_str_equal (technique, "stretching"))
    {
      *tool = UNKNOT_TOOL_NONE;
      return TRUE;
    }
  for (gsize r = 0; r < G_N_ELEMENTS (tool_rules); r++)
    {
      const ToolRule *rule = &tool_rules[r];

      if (!g_str_equal (rule->technique, technique)
          || (rule->areas != AREAS_ALL && !(rule->areas & (1u << area))))
        continue;
      for (gsize t = 0; t < G_N_ELEMENTS (rule->tools) && rule->tools[t] != UNKNOT_TOOL_NONE; t++)
        if (unknot_plan_request_has_tool (request, rule->tools[t]))
          {
            *tool = rule->tools[t];
            return TRUE;
          }
      return FALSE;
    }
  return FALSE;
}

static Position
position_of (UnknotTool tool,
             UnknotArea area)
{
  switch (tool)
    {
    case UNKNOT_TOOL_BALL:
      /* Against a wall for the upper body; lying on it for the lower back and the glutes. */
      return area == UNKNOT_AREA_LOWER_BACK || area == UNKNOT_AREA_GLUTES ? POSITION_FLOOR
                                                                          : POSITION_WALL;
    case UNKNOT_TOOL_FOAM_ROLLER:
      return POSITION_ROLLER;
    default:
      return POSITION_SEATED;
    }
}

static UnknotPressure
pressure_for (const UnknotPlanRequest *request,
              const char              *technique,
              UnknotArea               area,
              gboolean                 gentle)
{
  UnknotPressure pressure;

  if (gentle || g_str_equal (technique, "light-stroking") || g_str_equal (technique, "stretching")
      || g_str_equal (technique, "heat"))
    return UNKNOT_PRESSURE_LIGHT;
  pressure = (UnknotPressure) request->firmness;   /* gentle, medium, firm: light, medium, firm */
  if (area == UNKNOT_AREA_NECK)
    pressure = MIN (pressure, UNKNOT_PRESSURE_MEDIUM);
  return pressure;
}

/* One step planned: what, where, with what, and how long (both sides together). */
typedef struct {
  const char *technique;
  UnknotArea  area;
  UnknotTool  tool;
  guint       duration;
  gboolean    gentle;  /* warm-up or cool-down: light pressure whatever the firmness */
} Slot;

/* The first (or last) chosen area in the catalogue's order where @technique goes with the tools
 * at hand. */
static gboolean
find_area_for (UnknotCatalogue         *catalogue,
               const UnknotPlanRequest *request,
               const char              *technique,
               gboolean                 last,
               Slot                    *slot)
{
  for (guint i = 0; i < UNKNOT_N_AREAS; i++)
    {
      UnknotArea area = last ? UNKNOT_N_AREAS - 1 - i : i;

      if (request->areas[area] != UNKNOT_SIDE_NONE
          && pick_tool (catalogue, request, technique, area, &slot->tool))
        {
          slot->technique = technique;
          slot->area = area;
          return TRUE;
        }
    }
  return FALSE;
}

/* Light stroking where it goes; else light long strokes (the mid back); else a gentle stretch
 * (the whole back alone). */
static void
find_gentle (UnknotCatalogue         *catalogue,
             const UnknotPlanRequest *request,
             gboolean                 last,
             Slot                    *slot)
{
  static const char * const gentle[] = { "light-stroking", "swedish-strokes", "stretching" };

  for (gsize i = 0; i < G_N_ELEMENTS (gentle); i++)
    if (find_area_for (catalogue, request, gentle[i], last, slot))
      {
        slot->gentle = TRUE;
        return;
      }
  g_assert_not_reached ();   /* stretching goes on every area */
}

/* @seconds in whole tens, at least @min. Even, so that a "both" step splits equally. */
static guint
round_tens (guint seconds,
            guint min)
{
  return MAX (min, (seconds + 5) / 10 * 10);
}

static gboolean
is_sided (const Slot *slot)
{
  return unknot_plan_request_area_has_sides (slot->area)
         && !g_str_equal (slot->technique, "heat");
}

static void
append_step (UnknotRoutine           *routine,
             UnknotCatalogue         *catalogue,
             const UnknotPlanRequest *request,
             const Slot              *slot,
             UnknotSide               side,
             guint                    duration,
             Position                *position)
{
  UnknotTechnique *technique = unknot_catalogue_lookup (catalogue, slot->technique);
  g_autoptr(UnknotStep) step = unknot_step_new ();
  g_autofree char *instructions = NULL;
  Position here = position_of (slot->tool, slot->area);

  unknot_step_set_technique (step, slot->technique);
  unknot_step_set_area (step, slot->area);
  unknot_step_set_side (step, side);
  unknot_step_set_pressure (step, pressure_for (request, slot->technique, slot->area, slot->gentle));
  unknot_step_set_tool (step, slot->tool);
  unknot_step_set_duration (step, duration);
  /* The how-to and what to keep away from (the spine, the front of the neck, a nerve that
   * tingles): the catalogue's words, translated; together under the format's 500 characters. */
  instructions = g_strconcat (unknot_technique_get_display_text (
                                technique, unknot_technique_get_how (technique)),
                              "\n\n",
                              unknot_technique_get_display_text (
                                technique, unknot_technique_get_cautions (technique)),
                              NULL);
  unknot_step_set_instructions (step, instructions);
  unknot_step_set_hold (step, here != *position);
  unknot_step_set_cue_sound (step, "chime");
  unknot_step_set_cue_speak (step, TRUE);
  *position = here;
  unknot_routine_append_step (routine, step);
}

static void
append_slot (UnknotRoutine           *routine,
             UnknotCatalogue         *catalogue,
             const UnknotPlanRequest *request,
             const Slot              *slot,
             Position                *position)
{
  if (!is_sided (slot))
    append_step (routine, catalogue, request, slot, UNKNOT_SIDE_NONE, slot->duration, position);
  else if (request->areas[slot->area] == UNKNOT_SIDE_RIGHT)
    {
      /* The right asked alone comes first; the left gets the same time after it. */
      append_step (routine, catalogue, request, slot, UNKNOT_SIDE_RIGHT, slot->duration / 2,
                   position);
      append_step (routine, catalogue, request, slot, UNKNOT_SIDE_LEFT, slot->duration / 2,
                   position);
    }
  else
    append_step (routine, catalogue, request, slot, UNKNOT_SIDE_BOTH, slot->duration, position);
}

/* What the journal says of each work technique on each area: the pain eased (before minus
 * after), summed over the rated runs that worked it. */
typedef struct {
  double sum[G_N_ELEMENTS (work_order)][UNKNOT_N_AREAS];
  guint  runs[G_N_ELEMENTS (work_order)][UNKNOT_N_AREAS];
} Lessons;

/* "technique@area,technique@area": each work step's pair once, in the order of the steps. */
char *
unknot_plan_describe_worked (UnknotRoutine *routine)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), NULL);

  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      UnknotStep *step = unknot_routine_get_step (routine, i);
      g_autofree char *pair = NULL;
      g_autofree char *padded = NULL;
      g_autofree char *have = NULL;

      if (unknot_step_is_rest (step) || unknot_step_get_technique (step) == NULL)
        continue;
      pair = g_strdup_printf ("%s@%s", unknot_step_get_technique (step),
                              unknot_enum_to_nick (UNKNOT_TYPE_AREA, unknot_step_get_area (step)));
      padded = g_strconcat (",", pair, ",", NULL);
      have = g_strconcat (",", text->str, ",", NULL);
      if (strstr (have, padded) != NULL)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ',');
      g_string_append (text, pair);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
work_index (const char *technique)
{
  for (gsize i = 0; i < G_N_ELEMENTS (work_order); i++)
    if (g_str_equal (work_order[i], technique))
      return (int) i;
  return -1;
}

static void
learn (Lessons   *lessons,
       GPtrArray *entries)
{
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const UnknotJournalEntry *entry = g_ptr_array_index (entries, i);
      g_auto(GStrv) pairs = NULL;

      if (entry->pain_before < 0 || entry->pain_after < 0 || entry->worked == NULL)
        continue;
      pairs = g_strsplit (entry->worked, ",", -1);
      for (guint p = 0; pairs[p] != NULL; p++)
        {
          g_auto(GStrv) parts = g_strsplit (pairs[p], "@", 2);
          int t = work_index (parts[0]);
          int a = parts[1] ? unknot_enum_from_nick (UNKNOT_TYPE_AREA, parts[1]) : -1;

          if (t < 0 || a < 0)
            continue;
          lessons->sum[t][a] += entry->pain_before - entry->pain_after;
          lessons->runs[t][a]++;
        }
    }
}

/* The pain a technique eased on an area on average, when enough rated runs tell; else 0. */
static double
eased (const Lessons *lessons,
       gsize          technique,
       UnknotArea     area)
{
  guint runs = lessons->runs[technique][area];

  return runs >= UNKNOT_PLAN_MIN_RATED_RUNS ? lessons->sum[technique][area] / runs : 0;
}

/* Which of two techniques on @area a plan with room for one takes: the one that eased this
 * person's pain more; else the one that uses a tool they brought (they have it for a reason);
 * else the lighter. */
static gboolean
ranks_before (UnknotCatalogue         *catalogue,
              const UnknotPlanRequest *request,
              const Lessons           *lessons,
              UnknotArea               area,
              gsize                    a,
              gsize                    b)
{
  double eased_a = eased (lessons, a, area), eased_b = eased (lessons, b, area);
  UnknotTool tool_a = UNKNOT_TOOL_HANDS, tool_b = UNKNOT_TOOL_HANDS;
  gboolean brought_a, brought_b;

  if (eased_a != eased_b)
    return eased_a > eased_b;
  pick_tool (catalogue, request, work_order[a], area, &tool_a);
  pick_tool (catalogue, request, work_order[b], area, &tool_b);
  brought_a = tool_a != UNKNOT_TOOL_HANDS && tool_a != UNKNOT_TOOL_NONE;
  brought_b = tool_b != UNKNOT_TOOL_HANDS && tool_b != UNKNOT_TOOL_NONE;
  if (brought_a != brought_b)
    return brought_a;
  return a < b;
}

/* The work techniques for @area with the tools at hand, at most @max, the first by
 * ranks_before(); done lighter before deeper. */
static guint
choose_work (UnknotCatalogue         *catalogue,
             const UnknotPlanRequest *request,
             const Lessons           *lessons,
             UnknotArea               area,
             guint                    max,
             Slot                    *slots)
{
  gsize order[G_N_ELEMENTS (work_order)];
  gboolean chosen[G_N_ELEMENTS (work_order)] = { FALSE };
  guint n = 0;

  /* Insertion sort: a total order, so the plan is the same every time. */
  for (gsize i = 0; i < G_N_ELEMENTS (work_order); i++)
    {
      gsize j = i;

      for (; j > 0 && ranks_before (catalogue, request, lessons, area, i, order[j - 1]); j--)
        order[j] = order[j - 1];
      order[j] = i;
    }
  for (gsize k = 0; k < G_N_ELEMENTS (work_order) && n < max; k++)
    {
      gsize i = order[k];
      UnknotTool tool;

      /* Deep pressure is firm by nature: not for a gentle session. */
      if (request->firmness == UNKNOT_FIRMNESS_GENTLE
          && g_str_equal (work_order[i], "deep-pressure"))
        continue;
      if (pick_tool (catalogue, request, work_order[i], area, &tool))
        {
          chosen[i] = TRUE;
          n++;
        }
    }
  n = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (work_order); i++)
    if (chosen[i])
      {
        pick_tool (catalogue, request, work_order[i], area, &slots[n].tool);
        slots[n].technique = work_order[i];
        slots[n].area = area;
        n++;
      }
  return n;
}

/**
 * unknot_planner_compose:
 * @journal_entries: (nullable) (element-type UnknotJournalEntry): the person's runs, from
 *   unknot_journal_list(). With %UNKNOT_PLAN_MIN_RATED_RUNS or more runs rated before and after
 *   that worked a technique on an area (UnknotJournalEntry.worked), the techniques that eased the
 *   pain most there come first, and unknot_plan_get_reasons() says so.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set when the request is not valid
 *   (unknot_plan_request_validate()).
 */
UnknotPlan *
unknot_planner_compose (UnknotCatalogue         *catalogue,
                        const UnknotPlanRequest *request,
                        GPtrArray               *journal_entries,
                        GError                 **error)
{
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autofree char *areas_text = NULL;
  g_autofree char *name = NULL;
  Slot warm = { 0 }, cool = { 0 };
  Slot work[UNKNOT_N_AREAS * MAX_TECHNIQUES_PER_AREA] = { { 0 } };
  Slot stretch[UNKNOT_N_AREAS] = { { 0 } };
  guint n_work = 0, n_stretch = 0, n_work_areas = 0, per_area;
  guint total, left, share;
  Position position = POSITION_SEATED;
  Lessons lessons = { { { 0 } } };
  UnknotPlan *plan;

  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (catalogue), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!unknot_plan_request_validate (request, error))
    return NULL;

  total = request->minutes * 60;
  learn (&lessons, journal_entries);

  /* Warm-up: heat for a fifth of the time (at most 20 minutes) where it may go, else strokes. */
  if (unknot_plan_request_has_tool (request, UNKNOT_TOOL_HEAT_PACK)
      && find_area_for (catalogue, request, "heat", FALSE, &warm))
    warm.duration = MIN (HEAT_MAX_SECONDS, round_tens (total / 5, 60));
  else
    {
      find_gentle (catalogue, request, FALSE, &warm);
      warm.duration = MIN (120, round_tens (total / 10, 30));
    }
  find_gentle (catalogue, request, TRUE, &cool);
  cool.duration = MIN (90, round_tens (total / 12, 30));

  /* A stretch for every chosen area. */
  for (guint a = 0; a < UNKNOT_N_AREAS; a++)
    if (request->areas[a] != UNKNOT_SIDE_NONE)
      {
        stretch[n_stretch].technique = "stretching";
        stretch[n_stretch].area = a;
        stretch[n_stretch].tool = UNKNOT_TOOL_NONE;
        n_stretch++;
      }
  share = round_tens (total / 10 / n_stretch, 30);
  for (guint i = 0; i < n_stretch; i++)
    stretch[i].duration = share;

  left = total - warm.duration - cool.duration - share * n_stretch;

  /* Work: as many techniques per area as the time left gives each a fair share. */
  for (guint a = 0; a < UNKNOT_N_AREAS; a++)
    {
      Slot probe[MAX_TECHNIQUES_PER_AREA] = { { 0 } };

      if (request->areas[a] != UNKNOT_SIDE_NONE && choose_work (catalogue, request, &lessons, a, 1, probe))
        n_work_areas++;
    }
  per_area = n_work_areas ? CLAMP (left / (n_work_areas * SECONDS_PER_TECHNIQUE), 1,
                                   MAX_TECHNIQUES_PER_AREA) : 0;
  for (guint a = 0; a < UNKNOT_N_AREAS && per_area > 0; a++)
    if (request->areas[a] != UNKNOT_SIDE_NONE)
      n_work += choose_work (catalogue, request, &lessons, a, per_area, work + n_work);

  /* The time left, in tens of seconds, shared out; the last step takes the rest (even, since
   * every other duration is). With no work (the whole back alone), the stretches have it. */
  {
    Slot *share_to = n_work ? work : stretch;
    guint n_share = n_work ? n_work : n_stretch;
    guint base = n_work ? left / n_work / 10 * 10 : left / n_stretch / 10 * 10;

    for (guint i = 0; i < n_share; i++)
      share_to[i].duration = (n_work ? 0 : share_to[i].duration)
                             + (i + 1 < n_share ? base : left - base * (n_share - 1));
  }

  areas_text = unknot_areas_to_text (request_area_mask (request));
  /* TRANSLATORS: the name of a planned routine: the areas, then its length, e.g.
   * "Shoulders and lower back, 10 min" */
  name = g_strdup_printf (_("%s, %u min"), areas_text, request->minutes);
  routine = unknot_routine_new ("plan", name);
  unknot_routine_set_description (routine,
                                  _("Planned for where it hurts, the time you have and the tools "
                                    "at hand. Stop any step that causes sharp or shooting pain."));
  unknot_routine_set_preparation (routine, UNKNOT_DEFAULT_PREPARATION);

  append_slot (routine, catalogue, request, &warm, &position);
  for (guint i = 0; i < n_work; i++)
    append_slot (routine, catalogue, request, &work[i], &position);
  for (guint i = 0; i < n_stretch; i++)
    append_slot (routine, catalogue, request, &stretch[i], &position);
  append_slot (routine, catalogue, request, &cool, &position);

  plan = g_new0 (UnknotPlan, 1);
  g_atomic_ref_count_init (&plan->ref);
  plan->routine = g_steal_pointer (&routine);
  plan->reasons = g_ptr_array_new_with_free_func (g_free);

  /* Why: each technique chosen on an area where the journal showed it easing the pain. */
  for (guint i = 0; i < n_work; i++)
    {
      int t = work_index (work[i].technique);
      double mean = eased (&lessons, t, work[i].area);

      if (mean <= 0)
        continue;
      /* TRANSLATORS: why the plan has a technique: the technique, the area, then the average
       * pain eased (0-10 scale) and the number of runs, e.g.
       * "Kneading (Shoulders): 2.1 points less pain on average over 4 runs" */
      g_ptr_array_add (plan->reasons,
                       g_strdup_printf (_("%s (%s): %.1f points less pain on average over %u runs"),
                                        unknot_technique_get_display_name (
                                          unknot_catalogue_lookup (catalogue, work[i].technique)),
                                        unknot_area_get_label (work[i].area), mean,
                                        lessons.runs[t][work[i].area]));
    }
  return plan;
}

/* Returns: (transfer none): the routine, id "plan". */
UnknotRoutine *
unknot_plan_get_routine (UnknotPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->routine;
}

/* Returns: (transfer none) (element-type utf8): why the plan chose what it did, one translated
 * sentence each, for the preview; empty when the journal had nothing to say. */
GPtrArray *
unknot_plan_get_reasons (UnknotPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->reasons;
}

void
unknot_plan_free (UnknotPlan *plan)
{
  if (plan == NULL || !g_atomic_ref_count_dec (&plan->ref))
    return;
  g_object_unref (plan->routine);
  g_ptr_array_unref (plan->reasons);
  g_free (plan);
}
