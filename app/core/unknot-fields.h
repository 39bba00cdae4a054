/* unknot-fields.h: every field of the routine format, described once
 *
 * The loader, the saver, the checker, the step editor and the problem display all read this
 * table: to add a field to the format, add it here (and to the model and the JSON Schema).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* In the order a saved file lists them, which is also the order problems are reported in.
 * With a step index, UNKNOT_FIELD_STEPS stands for that step as a whole. */
typedef enum {
  UNKNOT_FIELD_NONE,
  UNKNOT_FIELD_FORMAT,
  UNKNOT_FIELD_ID,
  UNKNOT_FIELD_NAME,
  UNKNOT_FIELD_DESCRIPTION,
  UNKNOT_FIELD_PREPARATION,
  UNKNOT_FIELD_STEPS,
  UNKNOT_FIELD_STEP_KIND,
  UNKNOT_FIELD_STEP_TECHNIQUE,
  UNKNOT_FIELD_STEP_AREA,
  UNKNOT_FIELD_STEP_SIDE,
  UNKNOT_FIELD_STEP_PRESSURE,
  UNKNOT_FIELD_STEP_TOOL,
  UNKNOT_FIELD_STEP_DURATION,
  UNKNOT_FIELD_STEP_INSTRUCTIONS,
  UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS,
  UNKNOT_FIELD_STEP_HOLD,
  UNKNOT_FIELD_STEP_POSITION,
  UNKNOT_FIELD_STEP_CUE,
  UNKNOT_FIELD_STEP_CUE_SOUND,
  UNKNOT_FIELD_STEP_CUE_SPEAK,
  UNKNOT_N_FIELDS,
} UnknotField;

typedef enum {
  UNKNOT_FIELD_TYPE_NONE,
  UNKNOT_FIELD_TYPE_INTEGER,
  UNKNOT_FIELD_TYPE_STRING,
  UNKNOT_FIELD_TYPE_BOOLEAN,
  UNKNOT_FIELD_TYPE_ENUM,
  UNKNOT_FIELD_TYPE_OBJECT,
  UNKNOT_FIELD_TYPE_ARRAY,
} UnknotFieldType;

typedef struct {
  UnknotField      field;
  UnknotField      parent;      /* the object it is a member of: NONE for the routine, STEPS for
                                 * a step (each element of "steps"), STEP_CUE for a cue */
  const char      *key;         /* its member name */
  const char      *path;        /* its JSON path inside the routine, or inside its step */
  const char      *property;    /* the UnknotRoutine or UnknotStep property, or NULL */
  UnknotFieldType  type;
  GType          (*enum_type) (void);   /* for UNKNOT_FIELD_TYPE_ENUM */
  gint64           min;         /* integers: the value; strings: characters; arrays: items */
  gint64           max;         /* the same; 0 on a string: no limit of its own */
  gboolean         required;    /* a file without it is refused (area and technique: on work
                                 * steps; a missing technique is the checker's to report) */
  const char      *unit;        /* "seconds" or NULL */
  const char      *label;       /* untranslated, context "field"; see unknot_field_get_label() */
  gboolean         multiline;   /* strings: may hold line breaks (see unknot_text_find_control()) */
} UnknotFieldInfo;

const UnknotFieldInfo *unknot_field_get_info   (UnknotField  field);
const char            *unknot_field_get_label  (UnknotField  field);
gboolean               unknot_field_in_step    (UnknotField  field);
UnknotField            unknot_field_find       (UnknotField  parent,
                                                const char  *key);
char                  *unknot_field_build_path (int          step,
                                                UnknotField  field,
                                                const char  *key);

G_END_DECLS
