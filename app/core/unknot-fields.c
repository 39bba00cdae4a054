/* unknot-fields.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-fields.h"
#include "unknot-types.h"

#define SECONDS "seconds"

/* Indexed by UnknotField. The limits are the ones the loader enforces; the JSON Schema
 * (data/routine.schema.json) says the same, and test-loader checks that it does. */
static const UnknotFieldInfo fields[] = {
  { UNKNOT_FIELD_NONE, UNKNOT_FIELD_NONE, NULL, NULL, NULL, UNKNOT_FIELD_TYPE_NONE, NULL,
    0, 0, FALSE, NULL, NULL },
  { UNKNOT_FIELD_FORMAT, UNKNOT_FIELD_NONE, "format", "format", NULL,
    UNKNOT_FIELD_TYPE_INTEGER, NULL, 1, UNKNOT_FORMAT_VERSION, TRUE, NULL,
    NC_("field", "Format version") },
  { UNKNOT_FIELD_ID, UNKNOT_FIELD_NONE, "id", "id", "id",
    UNKNOT_FIELD_TYPE_STRING, NULL, 1, UNKNOT_MAX_ID_LENGTH, TRUE, NULL,
    NC_("field", "Routine id") },
  { UNKNOT_FIELD_NAME, UNKNOT_FIELD_NONE, "name", "name", "name",
    UNKNOT_FIELD_TYPE_STRING, NULL, 1, UNKNOT_MAX_NAME_LENGTH, TRUE, NULL,
    NC_("field", "Name") },
  { UNKNOT_FIELD_DESCRIPTION, UNKNOT_FIELD_NONE, "description", "description", "description",
    UNKNOT_FIELD_TYPE_STRING, NULL, 0, UNKNOT_MAX_TEXT_LENGTH, TRUE, NULL,
    NC_("field", "Description"), TRUE },
  { UNKNOT_FIELD_PREPARATION, UNKNOT_FIELD_NONE, "preparation", "preparation", "preparation",
    UNKNOT_FIELD_TYPE_INTEGER, NULL, 0, UNKNOT_MAX_PREPARATION, FALSE, SECONDS,
    NC_("field", "Get ready time") },
  { UNKNOT_FIELD_STEPS, UNKNOT_FIELD_NONE, "steps", "steps", NULL,
    UNKNOT_FIELD_TYPE_ARRAY, NULL, 1, UNKNOT_MAX_STEPS, TRUE, NULL, NC_("field", "Steps") },
  { UNKNOT_FIELD_STEP_KIND, UNKNOT_FIELD_STEPS, "kind", "kind", "kind",
    UNKNOT_FIELD_TYPE_ENUM, unknot_kind_get_type, 0, 0, FALSE, NULL, NC_("field", "Kind of step") },
  { UNKNOT_FIELD_STEP_TECHNIQUE, UNKNOT_FIELD_STEPS, "technique", "technique", "technique",
    UNKNOT_FIELD_TYPE_STRING, NULL, 1, 0, FALSE, NULL, NC_("field", "Technique") },
  { UNKNOT_FIELD_STEP_AREA, UNKNOT_FIELD_STEPS, "area", "area", "area",
    UNKNOT_FIELD_TYPE_ENUM, unknot_area_get_type, 0, 0, TRUE, NULL, NC_("field", "Area") },
  { UNKNOT_FIELD_STEP_SIDE, UNKNOT_FIELD_STEPS, "side", "side", "side",
    UNKNOT_FIELD_TYPE_ENUM, unknot_side_get_type, 0, 0, FALSE, NULL, NC_("field", "Side") },
  { UNKNOT_FIELD_STEP_PRESSURE, UNKNOT_FIELD_STEPS, "pressure", "pressure", "pressure",
    UNKNOT_FIELD_TYPE_ENUM, unknot_pressure_get_type, 0, 0, FALSE, NULL,
    NC_("field", "Pressure") },
  { UNKNOT_FIELD_STEP_TOOL, UNKNOT_FIELD_STEPS, "tool", "tool", "tool",
    UNKNOT_FIELD_TYPE_ENUM, unknot_tool_get_type, 0, 0, FALSE, NULL, NC_("field", "Tool") },
  { UNKNOT_FIELD_STEP_DURATION, UNKNOT_FIELD_STEPS, "duration", "duration", "duration",
    UNKNOT_FIELD_TYPE_INTEGER, NULL, UNKNOT_MIN_STEP_DURATION, UNKNOT_MAX_STEP_DURATION, TRUE,
    SECONDS, NC_("field", "Duration") },
  { UNKNOT_FIELD_STEP_INSTRUCTIONS, UNKNOT_FIELD_STEPS, "instructions", "instructions",
    "instructions", UNKNOT_FIELD_TYPE_STRING, NULL, 0, UNKNOT_MAX_TEXT_LENGTH, FALSE, NULL,
    NC_("field", "Instructions"), TRUE },
  { UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS, UNKNOT_FIELD_STEPS, "instructions-second-side",
    "instructions-second-side", "second-instructions", UNKNOT_FIELD_TYPE_STRING, NULL, 0,
    UNKNOT_MAX_TEXT_LENGTH, FALSE, NULL, NC_("field", "Instructions for the right side"), TRUE },
  { UNKNOT_FIELD_STEP_HOLD, UNKNOT_FIELD_STEPS, "hold", "hold", "hold",
    UNKNOT_FIELD_TYPE_BOOLEAN, NULL, 0, 0, FALSE, NULL, NC_("field", "Wait until I am ready") },
  { UNKNOT_FIELD_STEP_POSITION, UNKNOT_FIELD_STEPS, "position", "position", "position",
    UNKNOT_FIELD_TYPE_ENUM, unknot_position_get_type, 0, 0, FALSE, NULL,
    NC_("field", "Position") },
  { UNKNOT_FIELD_STEP_CUE, UNKNOT_FIELD_STEPS, "cue", "cue", NULL,
    UNKNOT_FIELD_TYPE_OBJECT, NULL, 0, 0, FALSE, NULL, NC_("field", "Cue") },
  { UNKNOT_FIELD_STEP_CUE_SOUND, UNKNOT_FIELD_STEP_CUE, "sound", "cue.sound", "cue-sound",
    UNKNOT_FIELD_TYPE_STRING, NULL, 1, 0, FALSE, NULL, NC_("field", "Sound") },
  { UNKNOT_FIELD_STEP_CUE_SPEAK, UNKNOT_FIELD_STEP_CUE, "speak", "cue.speak", "cue-speak",
    UNKNOT_FIELD_TYPE_BOOLEAN, NULL, 0, 0, FALSE, NULL, NC_("field", "Announce the step aloud") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == UNKNOT_N_FIELDS);

const UnknotFieldInfo *
unknot_field_get_info (UnknotField field)
{
  g_return_val_if_fail (field < UNKNOT_N_FIELDS, &fields[UNKNOT_FIELD_NONE]);

  g_assert (fields[field].field == field);
  return &fields[field];
}

/* The field's name for people ("Duration"), translated; NULL for a field the editor does not
 * name, which a problem then shows by its JSON path. */
const char *
unknot_field_get_label (UnknotField field)
{
  const char *label = unknot_field_get_info (field)->label;

  return label != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, "field", label) : NULL;
}

/* Whether @field belongs to a step (its problems name the step). */
gboolean
unknot_field_in_step (UnknotField field)
{
  for (UnknotField f = unknot_field_get_info (field)->parent; f != UNKNOT_FIELD_NONE;
       f = unknot_field_get_info (f)->parent)
    if (f == UNKNOT_FIELD_STEPS)
      return TRUE;
  return FALSE;
}

/* The field that is the member @key of an object of @parent (NONE: the routine itself,
 * STEPS: a step), or UNKNOT_FIELD_NONE for a key the format does not know there. */
UnknotField
unknot_field_find (UnknotField  parent,
                   const char  *key)
{
  g_return_val_if_fail (key != NULL, UNKNOT_FIELD_NONE);

  for (guint i = UNKNOT_FIELD_NONE + 1; i < UNKNOT_N_FIELDS; i++)
    if (fields[i].parent == parent && g_str_equal (fields[i].key, key))
      return i;
  return UNKNOT_FIELD_NONE;
}

/* "steps[3].cue.sound": the JSON path of @field (of step @step, 0-based as in the file's array,
 * when it is a step's; -1 otherwise), followed by the member @key when not NULL. With a step,
 * UNKNOT_FIELD_NONE and UNKNOT_FIELD_STEPS both mean the step itself ("steps[3]"). */
char *
unknot_field_build_path (int          step,
                         UnknotField  field,
                         const char  *key)
{
  const char *field_path = unknot_field_get_info (field)->path;
  GString *path;

  g_return_val_if_fail (step < 0 || field == UNKNOT_FIELD_NONE || field == UNKNOT_FIELD_STEPS
                        || unknot_field_in_step (field), NULL);

  path = g_string_new (NULL);
  if (step >= 0)
    {
      g_string_append_printf (path, "%s[%d]", fields[UNKNOT_FIELD_STEPS].key, step);
      if (field == UNKNOT_FIELD_STEPS)
        field_path = NULL;   /* the step itself */
    }
  if (field_path != NULL)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, field_path);
    }
  if (key != NULL)
    {
      if (path->len > 0)
        g_string_append_c (path, '.');
      g_string_append (path, key);
    }

  return g_string_free (path, FALSE);
}
