/* unknot-types.h: the routine format's vocabulary and the core's error types
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "unknot-enums.h"   /* generated: the GTypes of the enumerations below */
#include "unknot-fields.h"

G_BEGIN_DECLS

/* Limits of routine format version 1; the loader, the saver and the editor share them. */
#define UNKNOT_FORMAT_VERSION        1
#define UNKNOT_MAX_FILE_SIZE         (1024 * 1024)
#define UNKNOT_MAX_STEPS             200
#define UNKNOT_MIN_STEP_DURATION     1
#define UNKNOT_MAX_STEP_DURATION     3600
#define UNKNOT_MAX_TOTAL_DURATION    (4 * 3600)
#define UNKNOT_MAX_PREPARATION       600
#define UNKNOT_DEFAULT_PREPARATION   5
#define UNKNOT_MAX_ID_LENGTH         64
#define UNKNOT_MAX_NAME_LENGTH       80
#define UNKNOT_MAX_TEXT_LENGTH       500

#define UNKNOT_ERROR (unknot_error_quark ())

typedef enum {
  UNKNOT_ERROR_INVALID,      /* the file breaks the routine format */
  UNKNOT_ERROR_TOO_NEW,      /* made by a newer Unknot */
  UNKNOT_ERROR_NOT_FOUND,    /* no routine or technique by that id */
  UNKNOT_ERROR_READ_ONLY,    /* a bundled routine cannot be overwritten */
  UNKNOT_ERROR_FAILED,
} UnknotError;

GQuark unknot_error_quark (void);

typedef enum {
  UNKNOT_KIND_WORK,
  UNKNOT_KIND_REST,
} UnknotKind;

typedef enum {
  UNKNOT_AREA_NECK,
  UNKNOT_AREA_SHOULDERS,
  UNKNOT_AREA_UPPER_BACK,
  UNKNOT_AREA_MID_BACK,
  UNKNOT_AREA_LOWER_BACK,
  UNKNOT_AREA_GLUTES,
  UNKNOT_AREA_WHOLE_BACK,
  UNKNOT_N_AREAS, /*< skip >*/
} UnknotArea;

typedef enum {
  UNKNOT_SIDE_NONE,
  UNKNOT_SIDE_LEFT,
  UNKNOT_SIDE_RIGHT,
  UNKNOT_SIDE_BOTH,
} UnknotSide;

/* Where the person's body is for a step: moving from one to another takes time (getting down
 * onto the floor, walking to a wall), which a hold or a long enough rest gives. */
typedef enum {
  UNKNOT_POSITION_ANY,       /* not said */
  UNKNOT_POSITION_UPRIGHT,   /* sitting or standing, free */
  UNKNOT_POSITION_WALL,      /* standing against a wall */
  UNKNOT_POSITION_FLOOR,     /* lying, kneeling or sitting on the floor */
} UnknotPosition;

typedef enum {
  UNKNOT_PRESSURE_LIGHT,
  UNKNOT_PRESSURE_MEDIUM,
  UNKNOT_PRESSURE_FIRM,
} UnknotPressure;

typedef enum {
  UNKNOT_TOOL_NONE,
  UNKNOT_TOOL_HANDS,
  UNKNOT_TOOL_BALL,
  UNKNOT_TOOL_FOAM_ROLLER,
  UNKNOT_TOOL_CANE,
  UNKNOT_TOOL_HEAT_PACK,
  UNKNOT_N_TOOLS, /*< skip >*/
} UnknotTool;

/* The bundled cue sounds a step may name (besides a file beside the routine). */
extern const char * const unknot_cue_sounds[];

/* For NULL-terminated lists of names, such as unknot_cue_sounds. */
int         unknot_enum_from_string      (const char * const *names,
                                          const char         *value);
char       *unknot_enum_list             (const char * const *names);

/* The format's names of the enumerations' values are their GEnum nicks (unknot-enums.h). */
int         unknot_enum_from_nick        (GType               type,
                                          const char         *nick);
const char *unknot_enum_to_nick          (GType               type,
                                          int                 value);
char       *unknot_enum_list_nicks       (GType               type);
gboolean    unknot_id_is_valid           (const char         *id);
gboolean    unknot_cue_sound_is_valid    (const char         *sound,
                                          const char        **reason);
gboolean    unknot_cue_sound_is_bundled  (const char         *sound);
char       *unknot_format_duration       (guint               seconds);

/* Texts from files: what they may hold, and how they are shown on a terminal. */
gboolean    unknot_text_find_control     (const char         *text,
                                          gboolean            multiline,
                                          gunichar           *found);
char       *unknot_text_describe_control (const char         *text,
                                          gboolean            multiline);
char       *unknot_text_escape           (const char         *text);

/* What kind of a problem of a field it is, so that the window can say it in its own words
 * (unknot_problem_describe()); OTHER: the message says all there is. */
typedef enum {
  UNKNOT_PROBLEM_OTHER,
  UNKNOT_PROBLEM_MISSING,        /* a required field is not there */
  UNKNOT_PROBLEM_WRONG_TYPE,     /* a number where a text belongs, and so on */
  UNKNOT_PROBLEM_QUOTED_NUMBER,  /* a number written as a text: value is the text */
  UNKNOT_PROBLEM_NOT_WHOLE,      /* a number with a fraction where a whole one belongs: value */
  UNKNOT_PROBLEM_UNKNOWN_VALUE,  /* a word the format does not have for the field: value */
  UNKNOT_PROBLEM_TOO_SMALL,      /* below the field's minimum */
  UNKNOT_PROBLEM_TOO_LARGE,      /* above the field's maximum */
  UNKNOT_PROBLEM_EMPTY,          /* a text that must not be empty is */
  UNKNOT_PROBLEM_NOT_ON_REST,    /* a field a rest step cannot have */
  UNKNOT_PROBLEM_INVALID_ID,     /* an id with characters an id cannot have: value */
  UNKNOT_PROBLEM_NOT_A_ROUTINE,  /* a file that holds no routine object at all */
} UnknotProblemKind;

/* A problem found in a routine: where (file, line:column or JSON path) and what. In a routine,
 * the path is made from the step and the field, which is what a program should read. */
typedef struct {
  char        *file;
  guint        line;      /* 1-based; 0 when the problem has a path instead */
  guint        column;
  char        *path;      /* "steps[3].duration", or NULL */
  char        *message;
  gboolean     warning;   /* warnings do not stop a routine from loading */
  int          step;      /* the step it is about, 0-based; -1: the routine itself, or none */
  UnknotField  field;     /* the field it is about; NONE for the file, a whole step, or a key
                           * the format does not know (then only the path names it) */
  UnknotProblemKind kind; /* for a field's problem; OTHER otherwise */
  char        *value;     /* what the file holds there, for the kinds that say so, or NULL */
} UnknotProblem;

#define UNKNOT_TYPE_PROBLEM (unknot_problem_get_type ())

GType          unknot_problem_get_type  (void) G_GNUC_CONST;
UnknotProblem *unknot_problem_new       (const char          *file,
                                         guint                line,
                                         guint                column,
                                         const char          *path,
                                         gboolean             warning,
                                         const char          *message);
UnknotProblem *unknot_problem_new_at    (const char          *file,
                                         int                  step,
                                         UnknotField          field,
                                         const char          *key,
                                         gboolean             warning,
                                         const char          *message);
UnknotProblem *unknot_problem_copy      (const UnknotProblem *problem);
void           unknot_problem_free      (UnknotProblem       *problem);
char          *unknot_problem_to_string (const UnknotProblem *problem);
guint          unknot_problems_count_errors (GPtrArray       *problems);
char          *unknot_problems_to_string    (GPtrArray       *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnknotProblem, unknot_problem_free)

G_END_DECLS
