/* unknot-step.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include "unknot-step.h"

/* g_set_str() is GLib 2.76; this is 2.74. */
static gboolean
set_str (char       **ptr,
         const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;
  return TRUE;
}

struct _UnknotStep
{
  GObject         parent_instance;

  UnknotKind      kind;
  char           *technique;
  UnknotArea      area;
  UnknotSide      side;
  UnknotPressure  pressure;
  UnknotTool      tool;
  guint           duration;
  char           *instructions;
  char           *second_instructions;   /* for the right side of a "both" step; "" */
  gboolean        hold;
  UnknotPosition  position;
  char           *cue_sound;
  gboolean        cue_speak;
};

G_DEFINE_FINAL_TYPE (UnknotStep, unknot_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TECHNIQUE,
  PROP_AREA,
  PROP_SIDE,
  PROP_PRESSURE,
  PROP_TOOL,
  PROP_DURATION,
  PROP_INSTRUCTIONS,
  PROP_SECOND_INSTRUCTIONS,
  PROP_HOLD,
  PROP_POSITION,
  PROP_CUE_SOUND,
  PROP_CUE_SPEAK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unknot_step_finalize (GObject *object)
{
  UnknotStep *self = (UnknotStep *) object;

  g_free (self->technique);
  g_free (self->instructions);
  g_free (self->second_instructions);
  g_free (self->cue_sound);

  G_OBJECT_CLASS (unknot_step_parent_class)->finalize (object);
}

static void
unknot_step_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  UnknotStep *self = UNKNOT_STEP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TECHNIQUE:
      g_value_set_string (value, self->technique);
      break;
    case PROP_AREA:
      g_value_set_enum (value, self->area);
      break;
    case PROP_SIDE:
      g_value_set_enum (value, self->side);
      break;
    case PROP_PRESSURE:
      g_value_set_enum (value, self->pressure);
      break;
    case PROP_TOOL:
      g_value_set_enum (value, self->tool);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_INSTRUCTIONS:
      g_value_set_string (value, self->instructions);
      break;
    case PROP_SECOND_INSTRUCTIONS:
      g_value_set_string (value, self->second_instructions);
      break;
    case PROP_HOLD:
      g_value_set_boolean (value, self->hold);
      break;
    case PROP_POSITION:
      g_value_set_enum (value, self->position);
      break;
    case PROP_CUE_SOUND:
      g_value_set_string (value, self->cue_sound);
      break;
    case PROP_CUE_SPEAK:
      g_value_set_boolean (value, self->cue_speak);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_step_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  UnknotStep *self = UNKNOT_STEP (object);

  switch (prop_id)
    {
    case PROP_KIND:
      unknot_step_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TECHNIQUE:
      unknot_step_set_technique (self, g_value_get_string (value));
      break;
    case PROP_AREA:
      unknot_step_set_area (self, g_value_get_enum (value));
      break;
    case PROP_SIDE:
      unknot_step_set_side (self, g_value_get_enum (value));
      break;
    case PROP_PRESSURE:
      unknot_step_set_pressure (self, g_value_get_enum (value));
      break;
    case PROP_TOOL:
      unknot_step_set_tool (self, g_value_get_enum (value));
      break;
    case PROP_DURATION:
      unknot_step_set_duration (self, g_value_get_uint (value));
      break;
    case PROP_INSTRUCTIONS:
      unknot_step_set_instructions (self, g_value_get_string (value));
      break;
    case PROP_SECOND_INSTRUCTIONS:
      unknot_step_set_second_instructions (self, g_value_get_string (value));
      break;
    case PROP_HOLD:
      unknot_step_set_hold (self, g_value_get_boolean (value));
      break;
    case PROP_POSITION:
      unknot_step_set_position (self, g_value_get_enum (value));
      break;
    case PROP_CUE_SOUND:
      unknot_step_set_cue_sound (self, g_value_get_string (value));
      break;
    case PROP_CUE_SPEAK:
      unknot_step_set_cue_speak (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_step_class_init (UnknotStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = unknot_step_finalize;
  object_class->get_property = unknot_step_get_property;
  object_class->set_property = unknot_step_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, UNKNOT_TYPE_KIND, UNKNOT_KIND_WORK, flags);
  properties[PROP_TECHNIQUE] =
    g_param_spec_string ("technique", NULL, NULL, NULL, flags);
  properties[PROP_AREA] =
    g_param_spec_enum ("area", NULL, NULL, UNKNOT_TYPE_AREA, UNKNOT_AREA_NECK, flags);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, UNKNOT_TYPE_SIDE, UNKNOT_SIDE_NONE, flags);
  properties[PROP_PRESSURE] =
    g_param_spec_enum ("pressure", NULL, NULL, UNKNOT_TYPE_PRESSURE, UNKNOT_PRESSURE_LIGHT, flags);
  properties[PROP_TOOL] =
    g_param_spec_enum ("tool", NULL, NULL, UNKNOT_TYPE_TOOL, UNKNOT_TOOL_HANDS, flags);
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL, 0, G_MAXUINT, 60, flags);
  properties[PROP_INSTRUCTIONS] =
    g_param_spec_string ("instructions", NULL, NULL, "", flags);
  properties[PROP_SECOND_INSTRUCTIONS] =
    g_param_spec_string ("second-instructions", NULL, NULL, "", flags);
  properties[PROP_HOLD] =
    g_param_spec_boolean ("hold", NULL, NULL, FALSE, flags);
  properties[PROP_POSITION] =
    g_param_spec_enum ("position", NULL, NULL, UNKNOT_TYPE_POSITION, UNKNOT_POSITION_ANY, flags);
  properties[PROP_CUE_SOUND] =
    g_param_spec_string ("cue-sound", NULL, NULL, "chime", flags);
  properties[PROP_CUE_SPEAK] =
    g_param_spec_boolean ("cue-speak", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
unknot_step_init (UnknotStep *self)
{
  self->kind = UNKNOT_KIND_WORK;
  self->area = UNKNOT_AREA_NECK;
  self->side = UNKNOT_SIDE_NONE;
  self->pressure = UNKNOT_PRESSURE_LIGHT;
  self->tool = UNKNOT_TOOL_HANDS;
  self->duration = 60;
  /* The format's defaults, so a new step saved and loaded again is equal to itself. */
  self->instructions = g_strdup ("");
  self->second_instructions = g_strdup ("");
  self->cue_sound = g_strdup ("chime");
  self->cue_speak = TRUE;
}

UnknotStep *
unknot_step_new (void)
{
  return g_object_new (UNKNOT_TYPE_STEP, NULL);
}

UnknotStep *
unknot_step_new_rest (guint duration)
{
  return g_object_new (UNKNOT_TYPE_STEP,
                       "kind", UNKNOT_KIND_REST,
                       "tool", UNKNOT_TOOL_NONE,
                       "duration", duration,
                       NULL);
}

UnknotStep *
unknot_step_copy (UnknotStep *self)
{
  UnknotStep *copy;

  g_return_val_if_fail (UNKNOT_IS_STEP (self), NULL);

  copy = unknot_step_new ();
  copy->kind = self->kind;
  copy->technique = g_strdup (self->technique);
  copy->area = self->area;
  copy->side = self->side;
  copy->pressure = self->pressure;
  copy->tool = self->tool;
  copy->duration = self->duration;
  g_free (copy->instructions);
  copy->instructions = g_strdup (self->instructions);
  g_free (copy->second_instructions);
  copy->second_instructions = g_strdup (self->second_instructions);
  copy->hold = self->hold;
  copy->position = self->position;
  g_free (copy->cue_sound);
  copy->cue_sound = g_strdup (self->cue_sound);
  copy->cue_speak = self->cue_speak;

  return copy;
}

gboolean
unknot_step_equal (UnknotStep *a,
                   UnknotStep *b)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (a), FALSE);
  g_return_val_if_fail (UNKNOT_IS_STEP (b), FALSE);

  return
    a->kind == b->kind
    && g_strcmp0 (a->technique, b->technique) == 0
    && a->area == b->area
    && a->side == b->side
    && a->pressure == b->pressure
    && a->tool == b->tool
    && a->duration == b->duration
    && g_strcmp0 (a->instructions, b->instructions) == 0
    && g_strcmp0 (a->second_instructions, b->second_instructions) == 0
    && a->hold == b->hold
    && a->position == b->position
    && g_strcmp0 (a->cue_sound, b->cue_sound) == 0
    && a->cue_speak == b->cue_speak;
}

gboolean
unknot_step_is_rest (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), FALSE);
  return self->kind == UNKNOT_KIND_REST;
}

UnknotKind
unknot_step_get_kind (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), UNKNOT_KIND_WORK);
  return self->kind;
}

void
unknot_step_set_kind (UnknotStep *self,
                      UnknotKind kind)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));
  g_return_if_fail (kind <= UNKNOT_KIND_REST);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

const char *
unknot_step_get_technique (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), NULL);
  return self->technique;
}

void
unknot_step_set_technique (UnknotStep *self,
                           const char *technique)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  if (set_str (&self->technique, technique))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TECHNIQUE]);
}

UnknotArea
unknot_step_get_area (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), UNKNOT_AREA_NECK);
  return self->area;
}

void
unknot_step_set_area (UnknotStep *self,
                      UnknotArea area)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));
  g_return_if_fail (area <= UNKNOT_N_AREAS - 1);

  if (self->area != area)
    {
      self->area = area;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
    }
}

UnknotSide
unknot_step_get_side (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), UNKNOT_SIDE_NONE);
  return self->side;
}

void
unknot_step_set_side (UnknotStep *self,
                      UnknotSide side)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));
  g_return_if_fail (side <= UNKNOT_SIDE_BOTH);

  if (self->side != side)
    {
      self->side = side;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
    }
}

UnknotPressure
unknot_step_get_pressure (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), UNKNOT_PRESSURE_LIGHT);
  return self->pressure;
}

void
unknot_step_set_pressure (UnknotStep *self,
                          UnknotPressure pressure)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));
  g_return_if_fail (pressure <= UNKNOT_PRESSURE_FIRM);

  if (self->pressure != pressure)
    {
      self->pressure = pressure;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESSURE]);
    }
}

UnknotTool
unknot_step_get_tool (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), UNKNOT_TOOL_HANDS);
  return self->tool;
}

void
unknot_step_set_tool (UnknotStep *self,
                      UnknotTool tool)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));
  g_return_if_fail (tool <= UNKNOT_N_TOOLS - 1);

  if (self->tool != tool)
    {
      self->tool = tool;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
    }
}

guint
unknot_step_get_duration (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), 60);
  return self->duration;
}

void
unknot_step_set_duration (UnknotStep *self,
                          guint duration)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  if (self->duration != duration)
    {
      self->duration = duration;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
    }
}

const char *
unknot_step_get_instructions (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), NULL);
  return self->instructions;
}

void
unknot_step_set_instructions (UnknotStep *self,
                              const char *instructions)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  /* Never NULL, like a routine's description: a file always has a string here. */
  if (set_str (&self->instructions, instructions ? instructions : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTRUCTIONS]);
}

/* The words for the second side of a "both" step (the right, which comes second); "" when the
 * first side's words serve for both. */
const char *
unknot_step_get_second_instructions (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), NULL);
  return self->second_instructions;
}

void
unknot_step_set_second_instructions (UnknotStep *self,
                                     const char *instructions)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  if (set_str (&self->second_instructions, instructions ? instructions : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECOND_INSTRUCTIONS]);
}

/* The words for @side: a "both" step's right side has its own when they are given. */
const char *
unknot_step_get_instructions_for_side (UnknotStep *self,
                                       UnknotSide  side)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), NULL);

  if (side == UNKNOT_SIDE_RIGHT && self->side == UNKNOT_SIDE_BOTH
      && *self->second_instructions != '\0')
    return self->second_instructions;
  return self->instructions;
}

/* A step that waits, before it starts, until the person says they are in position. */
gboolean
unknot_step_get_hold (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), FALSE);
  return self->hold;
}

void
unknot_step_set_hold (UnknotStep *self,
                      gboolean    hold)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  hold = !!hold;
  if (self->hold != hold)
    {
      self->hold = hold;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLD]);
    }
}

/* Where the body is for the step (on the floor, against a wall...), or not said. */
UnknotPosition
unknot_step_get_position (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), UNKNOT_POSITION_ANY);
  return self->position;
}

void
unknot_step_set_position (UnknotStep     *self,
                          UnknotPosition  position)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));
  g_return_if_fail (position <= UNKNOT_POSITION_FLOOR);

  if (self->position != position)
    {
      self->position = position;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
}

const char *
unknot_step_get_cue_sound (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), NULL);
  return self->cue_sound;
}

void
unknot_step_set_cue_sound (UnknotStep *self,
                           const char *cue_sound)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  if (set_str (&self->cue_sound, cue_sound))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUE_SOUND]);
}

gboolean
unknot_step_get_cue_speak (UnknotStep *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP (self), TRUE);
  return self->cue_speak;
}

void
unknot_step_set_cue_speak (UnknotStep *self,
                           gboolean cue_speak)
{
  g_return_if_fail (UNKNOT_IS_STEP (self));

  cue_speak = !!cue_speak;
  if (self->cue_speak != cue_speak)
    {
      self->cue_speak = cue_speak;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUE_SPEAK]);
    }
}
