/* unknot-json-private.h: strict reading of JSON nodes, with problems that say where
 *
 * json-glib's JsonReader and json-gobject quietly turn "20" into 0 and 30.7 into 30; Unknot walks
 * the JsonNodes itself and reports every mismatch with the file and the JSON path.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "unknot-types.h"

G_BEGIN_DECLS

typedef struct {
  const char *file;       /* the name used in messages */
  GPtrArray  *problems;   /* of UnknotProblem */
  gboolean    routine;    /* a routine file: problems carry the step and field of the format */
} UnknotJsonContext;

/* The object whose members are read: NULL for the file's top-level object. */
typedef struct {
  const char  *path;      /* outside a routine: its JSON path, as "techniques[3]" */
  int          step;      /* in a routine: the step it is or is in, or -1 */
  UnknotField  field;     /* in a routine: its field (STEPS for a step, STEP_CUE for a cue) */
} UnknotJsonScope;

/* A problem with the member @key of @scope, or with @scope itself when @key is NULL. */
void      unknot_json_error         (UnknotJsonContext     *ctx,
                                     const UnknotJsonScope *scope,
                                     const char            *key,
                                     const char            *format,
                                     ...) G_GNUC_PRINTF (4, 5);
void      unknot_json_warning       (UnknotJsonContext     *ctx,
                                     const UnknotJsonScope *scope,
                                     const char            *key,
                                     const char            *format,
                                     ...) G_GNUC_PRINTF (4, 5);
/* The kind of the problem just added, for the window's words (unknot_problem_describe()). */
void      unknot_json_set_kind      (UnknotJsonContext     *ctx,
                                     UnknotProblemKind      kind,
                                     const char            *value);
JsonNode *unknot_json_parse         (UnknotJsonContext *ctx,
                                     GBytes            *bytes);
JsonObject *unknot_json_root_object (UnknotJsonContext *ctx,
                                     JsonNode          *root,
                                     const char        *what);
gboolean  unknot_json_get_string    (UnknotJsonContext      *ctx,
                                     JsonObject             *object,
                                     const UnknotJsonScope  *scope,
                                     const char             *key,
                                     gboolean                required,
                                     guint                   min_chars,
                                     guint                   max_chars,
                                     gboolean                multiline,
                                     const char            **out);
gboolean  unknot_json_get_int       (UnknotJsonContext     *ctx,
                                     JsonObject            *object,
                                     const UnknotJsonScope *scope,
                                     const char            *key,
                                     gboolean               required,
                                     gint64                 min,
                                     gint64                 max,
                                     const char            *unit,
                                     gint64                *out);
gboolean  unknot_json_get_bool      (UnknotJsonContext     *ctx,
                                     JsonObject            *object,
                                     const UnknotJsonScope *scope,
                                     const char            *key,
                                     gboolean              *out);
gboolean  unknot_json_get_enum      (UnknotJsonContext     *ctx,
                                     JsonObject            *object,
                                     const UnknotJsonScope *scope,
                                     const char            *key,
                                     GType                  type,
                                     gboolean               required,
                                     int                   *out);
void      unknot_json_warn_unknown  (UnknotJsonContext     *ctx,
                                     JsonObject            *object,
                                     const UnknotJsonScope *scope,
                                     const char * const    *known);
const char *unknot_json_type_name   (JsonNode *node);

G_END_DECLS
