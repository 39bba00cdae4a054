/* unknot-labels.c
 *
 * Texts of bundled routines and of the catalogue are translated here, at display time, with a
 * context, so that switching the language re-renders them; a user's own routine is shown as it
 * was written.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "unknot-i18n.h"
#include "unknot-labels.h"

const char *
unknot_kind_get_label (UnknotKind kind)
{
  switch (kind)
    {
    case UNKNOT_KIND_WORK:
      return C_("step kind", "Technique");
    case UNKNOT_KIND_REST:
      return C_("step kind", "Rest");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
unknot_area_get_label (UnknotArea area)
{
  switch (area)
    {
    case UNKNOT_AREA_NECK:
      return C_("area", "Neck");
    case UNKNOT_AREA_SHOULDERS:
      return C_("area", "Shoulders");
    case UNKNOT_AREA_UPPER_BACK:
      return C_("area", "Upper back");
    case UNKNOT_AREA_MID_BACK:
      return C_("area", "Mid back");
    case UNKNOT_AREA_LOWER_BACK:
      return C_("area", "Lower back");
    case UNKNOT_AREA_GLUTES:
      return C_("area", "Glutes and hips");
    case UNKNOT_AREA_WHOLE_BACK:
      return C_("area", "Whole back");
    case UNKNOT_N_AREAS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
unknot_side_get_label (UnknotSide side)
{
  switch (side)
    {
    case UNKNOT_SIDE_NONE:
      /* Translators: the side of the body a step works on, when it is not one side ("Side: No
       * side"); not "Centre", which reads as on the spine */
      return C_("side", "No side");
    case UNKNOT_SIDE_LEFT:
      return C_("side", "Left side");
    case UNKNOT_SIDE_RIGHT:
      return C_("side", "Right side");
    case UNKNOT_SIDE_BOTH:
      return C_("side", "Both sides");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
unknot_pressure_get_label (UnknotPressure pressure)
{
  switch (pressure)
    {
    case UNKNOT_PRESSURE_LIGHT:
      /* Translators: how hard to press */
      return C_("pressure", "Light");
    case UNKNOT_PRESSURE_MEDIUM:
      return C_("pressure", "Medium");
    case UNKNOT_PRESSURE_FIRM:
      return C_("pressure", "Firm");
    default:
      g_return_val_if_reached ("");
    }
}

/* "Medium pressure": a whole phrase, so each language can word it its own way. */
const char *
unknot_pressure_get_description (UnknotPressure pressure)
{
  switch (pressure)
    {
    case UNKNOT_PRESSURE_LIGHT:
      return _("Light pressure");
    case UNKNOT_PRESSURE_MEDIUM:
      return _("Medium pressure");
    case UNKNOT_PRESSURE_FIRM:
      return _("Firm pressure");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
unknot_position_get_label (UnknotPosition position)
{
  switch (position)
    {
    case UNKNOT_POSITION_ANY:
      /* Translators: a step's position, when the routine does not say it */
      return C_("position", "Not said");
    case UNKNOT_POSITION_UPRIGHT:
      return C_("position", "Sitting or standing");
    case UNKNOT_POSITION_WALL:
      return C_("position", "Against a wall");
    case UNKNOT_POSITION_FLOOR:
      return C_("position", "On the floor");
    default:
      g_return_val_if_reached ("");
    }
}

/* What a step asks the person to feel, for the player and lists: its pressure, or for a heat
 * pack (which presses on nothing) its warmth. */
const char *
unknot_step_get_feel (UnknotStep *step)
{
  if (unknot_step_get_tool (step) == UNKNOT_TOOL_HEAT_PACK)
    /* Translators: shown for a heat step instead of a pressure */
    return _("Warm, never hot");
  return unknot_pressure_get_description (unknot_step_get_pressure (step));
}

const char *
unknot_tool_get_label (UnknotTool tool)
{
  switch (tool)
    {
    case UNKNOT_TOOL_NONE:
      /* Translators: the step needs no tool */
      return C_("tool", "No tool");
    case UNKNOT_TOOL_HANDS:
      return C_("tool", "Hands");
    case UNKNOT_TOOL_BALL:
      return C_("tool", "Massage ball");
    case UNKNOT_TOOL_FOAM_ROLLER:
      return C_("tool", "Foam roller");
    case UNKNOT_TOOL_CANE:
      /* Translators: a hook-shaped massage cane (Theracane-style) */
      return C_("tool", "Massage cane");
    case UNKNOT_TOOL_HEAT_PACK:
      return C_("tool", "Heat pack");
    case UNKNOT_N_TOOLS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
unknot_cue_sound_get_label (const char *sound)
{
  if (g_strcmp0 (sound, "chime") == 0)
    return C_("cue sound", "Chime");
  if (g_strcmp0 (sound, "bell") == 0)
    return C_("cue sound", "Bell");
  if (g_strcmp0 (sound, "wood") == 0)
    return C_("cue sound", "Wood block");
  if (g_strcmp0 (sound, "soft") == 0)
    return C_("cue sound", "Soft tone");
  if (g_strcmp0 (sound, "none") == 0)
    return C_("cue sound", "No sound");
  return sound;
}

/* The catalogue ships with Unknot: its texts are always translated, with the "technique" context
 * the extraction step gives them. */
const char *
unknot_technique_get_display_text (UnknotTechnique *technique,
                                   const char      *text)
{
  if (text == NULL || *text == '\0')
    return "";
  return g_dpgettext2 (GETTEXT_PACKAGE, "technique", text);
}

const char *
unknot_technique_get_display_name (UnknotTechnique *technique)
{
  return unknot_technique_get_display_text (technique, unknot_technique_get_name (technique));
}

/* Bundled routines are translated with the "routine" context; the user's own are theirs. */
const char *
unknot_routine_get_display_text (UnknotRoutine *routine,
                                 const char    *text)
{
  if (text == NULL || *text == '\0')
    return text ? text : "";
  if (!unknot_routine_get_bundled (routine))
    return text;
  return g_dpgettext2 (GETTEXT_PACKAGE, "routine", text);
}

const char *
unknot_routine_get_display_name (UnknotRoutine *routine)
{
  return unknot_routine_get_display_text (routine, unknot_routine_get_name (routine));
}

const char *
unknot_routine_get_display_description (UnknotRoutine *routine)
{
  return unknot_routine_get_display_text (routine, unknot_routine_get_description (routine));
}

/* A technique's name as shown, or its id when the catalogue has no such technique. */
static const char *
technique_title (const char      *id,
                 UnknotCatalogue *catalogue)
{
  UnknotTechnique *technique = catalogue ? unknot_catalogue_lookup (catalogue, id) : NULL;

  return technique != NULL ? unknot_technique_get_display_name (technique) : id;
}

/* "Kneading", or "Rest" */
char *
unknot_step_get_title (UnknotStep      *step,
                       UnknotCatalogue *catalogue)
{
  if (unknot_step_is_rest (step))
    return g_strdup (C_("step", "Rest"));
  return g_strdup (technique_title (unknot_step_get_technique (step), catalogue));
}

/* "Left side · Medium pressure · Massage ball": what a work step asks for, for lists. */
char *
unknot_step_get_summary (UnknotStep *step)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (unknot_step_is_rest (step))
    return g_strdup ("");

  if (unknot_step_get_side (step) != UNKNOT_SIDE_NONE)
    g_ptr_array_add (parts, (char *) unknot_side_get_label (unknot_step_get_side (step)));
  g_ptr_array_add (parts, (char *) unknot_step_get_feel (step));
  if (unknot_step_get_tool (step) != UNKNOT_TOOL_NONE)
    g_ptr_array_add (parts, (char *) unknot_tool_get_label (unknot_step_get_tool (step)));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* "1 minute 30 seconds", for speech and accessible labels. */
char *
unknot_duration_to_words (guint seconds)
{
  guint h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  char *joined;

  if (h > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours",
                                                          h), h));
  if (m > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                          "%u minutes", m), m));
  if (s > 0 || parts->len == 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second",
                                                          "%u seconds", s), s));

  joined = g_strdup (g_ptr_array_index (parts, 0));
  for (guint i = 1; i < parts->len; i++)
    {
      char *next;

      /* Translators: joins two parts of a duration, e.g. "1 minute" and "30 seconds"; use
       * your language's word for "and" if it needs one */
      next = g_strdup_printf (C_("duration", "%s %s"), joined,
                              (const char *) g_ptr_array_index (parts, i));
      g_free (joined);
      joined = next;
    }
  return joined;
}

/* "Neck, Shoulders": a list of labels with the language's separator. */
char *
unknot_join_labels (GPtrArray *labels)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      if (i > 0)
        /* Translators: the separator between the items of a list, such as body areas */
        g_string_append (s, C_("list separator", ", "));
      g_string_append (s, g_ptr_array_index (labels, i));
    }
  return g_string_free (s, FALSE);
}

typedef const char *(*LabelFunc) (guint value);

static const char *
area_label (guint value)
{
  return unknot_area_get_label (value);
}

static const char *
tool_label (guint value)
{
  return unknot_tool_get_label (value);
}

/* The labels of the values set in @mask (1 << value), as one list. */
static char *
mask_to_text (guint     mask,
              guint     n_values,
              LabelFunc label)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint v = 0; v < n_values; v++)
    if (mask & (1u << v))
      g_ptr_array_add (labels, (char *) label (v));
  return unknot_join_labels (labels);
}

/* "Neck, Shoulders" for a mask of (1 << UnknotArea), as unknot_routine_get_areas() gives. */
char *
unknot_areas_to_text (guint mask)
{
  return mask_to_text (mask, UNKNOT_N_AREAS, area_label);
}

/* "Hands, Massage ball" for a mask of (1 << UnknotTool). */
char *
unknot_tools_to_text (guint mask)
{
  return mask_to_text (mask, UNKNOT_N_TOOLS, tool_label);
}

/* "12 min", "45 s", "1 h 5 min": a time in a sentence or a list (README, "Words"), in the
 * language's digits. The voice says it in words (unknot_duration_to_words()), a field or a
 * countdown as a clock (unknot_format_duration()). */
char *
unknot_duration_to_short (guint seconds)
{
  g_autofree char *text = NULL;

  if (seconds >= 3600 && seconds % 3600 == 0)
    /* Translators: a compact duration, whole hours */
    text = g_strdup_printf (C_("duration", "%u h"), seconds / 3600);
  else if (seconds >= 3600)
    /* Translators: a compact duration, hours and minutes */
    text = g_strdup_printf (C_("duration", "%u h %u min"), seconds / 3600, seconds / 60 % 60);
  else if (seconds >= 60 && seconds % 60 == 0)
    text = g_strdup_printf (C_("duration", "%u min"), seconds / 60);
  else if (seconds >= 60)
    text = g_strdup_printf (C_("duration", "%u min %u s"), seconds / 60, seconds % 60);
  else
    text = g_strdup_printf (C_("duration", "%u s"), seconds);
  return unknot_i18n_localize_digits (text);
}

static const char *
enum_label (GType type,
            int   value)
{
  if (type == UNKNOT_TYPE_KIND)
    return unknot_kind_get_label (value);
  if (type == UNKNOT_TYPE_AREA)
    return unknot_area_get_label (value);
  if (type == UNKNOT_TYPE_SIDE)
    return unknot_side_get_label (value);
  if (type == UNKNOT_TYPE_PRESSURE)
    return unknot_pressure_get_label (value);
  if (type == UNKNOT_TYPE_TOOL)
    return unknot_tool_get_label (value);
  if (type == UNKNOT_TYPE_POSITION)
    return unknot_position_get_label (value);
  g_return_val_if_reached ("");
}

/* "Neck, Shoulders, Upper back": every value of a field, as the window names them. */
static char *
enum_labels (GType type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; i < klass->n_values; i++)
    g_ptr_array_add (labels, (char *) enum_label (type, klass->values[i].value));
  return unknot_join_labels (labels);
}

/* What a file holds, to quote in a sentence: on one line, without control characters, and not
 * longer than a few words (a file from someone else may hold anything there). */
static char *
quote_value (const char *value)
{
  g_autofree char *escaped = unknot_text_escape (value);

  if (g_utf8_strlen (escaped, -1) > 32)
    {
      g_autofree char *start = g_utf8_substring (escaped, 0, 31);

      return g_strconcat (start, "…", NULL);
    }
  return g_steal_pointer (&escaped);
}

/* A limit of @info's, as a sentence says it: "1 min 30 s" for seconds, a number otherwise. */
static char *
limit_text (const UnknotFieldInfo *info,
            gint64                 limit)
{
  g_autofree char *number = NULL;

  if (info->unit != NULL && limit >= 0 && limit <= G_MAXUINT)
    return unknot_duration_to_short ((guint) limit);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, limit);
  return unknot_i18n_localize_digits (number);
}

/**
 * unknot_problem_describe_reason:
 *
 * What is wrong, in words a person reads, without saying where: "too short; at least 1 s",
 * "“knees” is not one of Neck, Shoulders, …". The format's words (JSON types, ids, whole
 * seconds) are the command line's (the problem's message); the window names values as it shows
 * them elsewhere, in the language chosen now. A problem the window has no words of its own for
 * gives its message.
 *
 * Returns: (transfer full): the text
 */
char *
unknot_problem_describe_reason (const UnknotProblem *problem)
{
  const UnknotFieldInfo *info;
  g_autofree char *value = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->value != NULL)
    value = quote_value (problem->value);

  /* The file, or a whole step. */
  if (problem->field == UNKNOT_FIELD_NONE)
    switch (problem->kind)
      {
      case UNKNOT_PROBLEM_EMPTY:
        /* Translators: a problem of a routine file */
        return g_strdup (_("the file is empty"));
      case UNKNOT_PROBLEM_NOT_A_ROUTINE:
        /* Translators: a problem of a file in the routines folder */
        return g_strdup (_("the file holds no routine; it is not written in Unknot's format"));
      case UNKNOT_PROBLEM_WRONG_TYPE:
        if (problem->step >= 0)
          /* Translators: a problem of a step in a file; a step is written between braces */
          return g_strdup (_("not written as a step, between { and }"));
        return g_strdup (problem->message);
      default:
        return g_strdup (problem->message);
      }

  if (problem->kind == UNKNOT_PROBLEM_OTHER)
    return g_strdup (problem->message);

  info = unknot_field_get_info (problem->field);

  switch (problem->kind)
    {
    case UNKNOT_PROBLEM_MISSING:
      /* Translators: a problem of a field in a file: it is not there */
      return g_strdup (C_("problem", "missing"));

    case UNKNOT_PROBLEM_EMPTY:
      /* Translators: a problem of a text in a file: it must not be empty */
      return g_strdup (C_("problem", "empty"));

    case UNKNOT_PROBLEM_WRONG_TYPE:
      switch (info->type)
        {
        case UNKNOT_FIELD_TYPE_STRING:
          /* Translators: a problem of a field in a file */
          return g_strdup (_("not written as a text in quotes"));
        case UNKNOT_FIELD_TYPE_INTEGER:
          /* Translators: a problem of a field in a file */
          return g_strdup (_("not written as a number"));
        case UNKNOT_FIELD_TYPE_BOOLEAN:
          /* Translators: a problem of a field in a file; true and false are written so in the
           * file, do not translate them */
          return g_strdup (_("not written as true or false"));
        case UNKNOT_FIELD_TYPE_ARRAY:
          /* Translators: a problem of a routine file; its steps are a list between brackets */
          return g_strdup (_("not written as a list of steps, between [ and ]"));
        case UNKNOT_FIELD_TYPE_OBJECT:
          /* Translators: a problem of a step's cue in a file; it is written between braces */
          return g_strdup (_("not written as a cue, between { and }"));
        case UNKNOT_FIELD_TYPE_ENUM:
          {
            g_autofree char *labels = enum_labels (info->enum_type ());

            /* Translators: a problem of a field in a file; %s lists what it may be, such as
             * "Neck, Shoulders, Upper back" */
            return g_strdup_printf (_("not one of %s"), labels);
          }
        default:
          return g_strdup (problem->message);
        }

    case UNKNOT_PROBLEM_QUOTED_NUMBER:
      {
        const char *text = problem->value != NULL ? problem->value : "";
        const char *digits = text[0] == '-' ? text + 1 : text;
        gsize n = strspn (digits, "0123456789");

        guint minutes, seconds;
        char end;

        /* A whole number as the file should hold it, without its quotes: "90", "-5". */
        if (n > 0 && n <= 9 && digits[n] == '\0')
          /* Translators: a problem of a number in a file, written in quotes as a text: "write
           * 90, not “90”" */
          return g_strdup_printf (_("written as text; write %s, not “%s”"), text, value);
        /* A time as a clock shows it, "1:30": the file counts seconds. */
        if (info->unit != NULL && strlen (text) <= 8
            && sscanf (text, "%u:%2u%c", &minutes, &seconds, &end) == 2 && seconds < 60
            && minutes < 1000 && g_ascii_isdigit (text[0]))
          {
            g_autofree char *total = g_strdup_printf ("%u", minutes * 60 + seconds);

            /* Translators: a time written as a clock in a file, which counts seconds: "write
             * 90, not “1:30”" */
            return g_strdup_printf (_("the file counts seconds; write %s, not “%s”"), total,
                                    value);
          }
        /* Translators: a problem of a number in a file, written in quotes as a text */
        return g_strdup_printf (_("“%s” is written as text; write a whole number, without "
                                  "quotes"), value);
      }

    case UNKNOT_PROBLEM_NOT_WHOLE:
      {
        double number = g_ascii_strtod (problem->value != NULL ? problem->value : "", NULL);

        /* 1e9 or 30.0: a whole number, in another way of writing; 1e9 is too long first. */
        if (number == floor (number) && number < (double) info->min)
          return unknot_problem_describe_reason (&(UnknotProblem) {
            .field = problem->field, .step = problem->step, .kind = UNKNOT_PROBLEM_TOO_SMALL,
            .message = problem->message });
        if (number == floor (number) && number > (double) info->max)
          return unknot_problem_describe_reason (&(UnknotProblem) {
            .field = problem->field, .step = problem->step, .kind = UNKNOT_PROBLEM_TOO_LARGE,
            .message = problem->message });
        if (number == floor (number))
          /* Translators: a whole number written with a decimal point in a file: "write 30, not
           * 30.0" */
          return g_strdup_printf (_("write %.0f, not %s"), number, value);
      }
      if (info->unit != NULL)
        /* Translators: a problem of a time in a file, such as 30.5 */
        return g_strdup_printf (_("%s is not a whole number of seconds"), value);
      /* Translators: a problem of a number in a file, such as 1.5 */
      return g_strdup_printf (_("%s is not a whole number"), value);

    case UNKNOT_PROBLEM_UNKNOWN_VALUE:
      if (problem->field == UNKNOT_FIELD_STEP_CUE_SOUND)
        {
          static const char *const sounds[] = { "chime", "bell", "wood", "soft", "none" };
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();
          g_autofree char *list = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (sounds); i++)
            g_ptr_array_add (labels, (char *) unknot_cue_sound_get_label (sounds[i]));
          list = unknot_join_labels (labels);
          /* Translators: a problem of a step's sound in a file: “%s” is what the file says, then
           * the bundled sounds' names; the file name is an example, do not translate it */
          return g_strdup_printf (_("“%s” is not one of %s, nor a sound file's name such as "
                                    "sounds/bowl.ogg"), value, list);
        }
      if (info->type != UNKNOT_FIELD_TYPE_ENUM)
        /* Translators: a problem of a step in a file, whose technique is not in the catalogue:
         * “%s” is what the file says */
        return g_strdup_printf (_("“%s” is not a technique Unknot knows"), value);
      {
        g_autofree char *labels = enum_labels (info->enum_type ());

        /* Translators: a problem of a field in a file: “knees” is not one of Neck, Shoulders, … */
        return g_strdup_printf (_("“%s” is not one of %s"), value, labels);
      }

    case UNKNOT_PROBLEM_TOO_SMALL:
      {
        g_autofree char *min = limit_text (info, info->min);

        if (info->unit != NULL)
          /* Translators: a problem of a time: "too short; at least 1 s" */
          return g_strdup_printf (_("too short; at least %s"), min);
        if (info->type == UNKNOT_FIELD_TYPE_STRING)
          return g_strdup (problem->message);
        /* Translators: a problem of a number: "too small; at least 1" */
        return g_strdup_printf (_("too small; at least %s"), min);
      }

    case UNKNOT_PROBLEM_TOO_LARGE:
      {
        g_autofree char *max = limit_text (info, info->max);

        if (info->unit != NULL)
          /* Translators: a problem of a time: "too long; at most 1 h" */
          return g_strdup_printf (_("too long; at most %s"), max);
        /* Translators: a problem of a number: "too large; at most 3" */
        return g_strdup_printf (_("too large; at most %s"), max);
      }

    case UNKNOT_PROBLEM_NOT_ON_REST:
      if (problem->field == UNKNOT_FIELD_STEP_TECHNIQUE)
        /* Translators: a problem of a rest step in a file that names a technique */
        return g_strdup (_("a rest has no technique; remove it, or make the step a technique"));
      /* Translators: a problem of a rest step in a file that names an area */
      return g_strdup (_("a rest has no area; remove it, or make the step a technique"));

    case UNKNOT_PROBLEM_INVALID_ID:
      /* Translators: a problem of a routine file's id; the rule is the file format's */
      return g_strdup_printf (_("“%s” cannot be an id; an id is small letters a to z, digits and "
                                "“-”"), value != NULL ? value : "");

    case UNKNOT_PROBLEM_NOT_A_ROUTINE:
    case UNKNOT_PROBLEM_OTHER:
    default:
      return g_strdup (problem->message);
    }
}

/* @format's step or line numbers in the language's digits, @reason as it is: what the file holds
 * ("write 90, not “90”") is quoted with the digits the file needs. */
static char *
with_reason (char       *located,
             const char *reason)
{
  g_autofree char *shown = unknot_i18n_localize_digits (located);
  char **parts = g_strsplit (shown, "\x01", 2);
  char *text = g_strjoinv (reason, parts);

  g_free (located);
  g_strfreev (parts);
  return text;
}

/* A problem in words a person reads: "Step 3, Duration: too short; at least 1 s", counting
 * steps from 1 and naming fields as the editor labels them, never by a JSON path
 * ("steps[2].duration") nor by the file's path: the command line keeps those
 * (unknot_problem_to_string()). */
char *
unknot_problem_describe (const UnknotProblem *problem)
{
  g_autofree char *reason = NULL;
  const char *label;
  const char *key = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->line > 0)
    /* Translators: a problem of a file that is not valid JSON, at a line and column */
    return with_reason (g_strdup_printf (_("Line %u, column %u: %s"), problem->line,
                                         problem->column, "\x01"), problem->message);

  reason = unknot_problem_describe_reason (problem);
  label = unknot_field_get_label (problem->field);
  /* A key the format does not know has no label: it is named as written in the file. */
  if (label == NULL && problem->path != NULL)
    {
      key = strrchr (problem->path, '.');
      key = key != NULL ? key + 1 : (problem->step < 0 ? problem->path : NULL);
    }

  if (problem->step >= 0)
    {
      if (label != NULL)
        /* Translators: a problem of one step: "Step 3, Duration: too short; at least 1 s" */
        return with_reason (g_strdup_printf (_("Step %u, %s: %s"), (guint) problem->step + 1,
                                             label, "\x01"), reason);
      if (key != NULL)
        {
          /* The key as written, digits and all. */
          g_autofree char *located = g_strdup_printf (_("Step %u, %s: %s"),
                                                      (guint) problem->step + 1, "\x02", "\x01");
          g_autofree char *keyed = with_reason (g_steal_pointer (&located), reason);
          g_auto(GStrv) parts = g_strsplit (keyed, "\x02", 2);

          return g_strjoinv (key, parts);
        }
      /* Translators: a problem of a whole step: "Step 3: a string; expected a step object" */
      return with_reason (g_strdup_printf (_("Step %u: %s"), (guint) problem->step + 1, "\x01"),
                          reason);
    }
  if (label != NULL || key != NULL)
    /* Translators: a problem of one field of the routine: "Name: missing" */
    return g_strdup_printf (C_("problem", "%s: %s"), label != NULL ? label : key, reason);
  return g_steal_pointer (&reason);
}

/* What a search of the library looks in, in the interface language: the routine's name and
 * description as shown, and the names of its areas, tools and techniques (each once); one per
 * line. Asks nothing of the file of a routine whose steps were let go. */
char *
unknot_routine_get_search_text (UnknotRoutine   *routine,
                                UnknotCatalogue *catalogue)
{
  gboolean has_rest = FALSE;
  g_auto(GStrv) techniques = unknot_routine_dup_techniques (routine, &has_rest);
  g_autofree char *areas = unknot_areas_to_text (unknot_routine_get_areas (routine));
  g_autofree char *tools = unknot_tools_to_text (unknot_routine_get_tools (routine));
  GString *text = g_string_new (unknot_routine_get_display_name (routine));

  g_string_append_printf (text, "\n%s\n%s\n%s",
                          unknot_routine_get_display_description (routine), areas, tools);
  for (guint i = 0; techniques[i] != NULL; i++)
    g_string_append_printf (text, "\n%s", technique_title (techniques[i], catalogue));
  if (has_rest)
    g_string_append_printf (text, "\n%s", C_("step", "Rest"));
  return g_string_free (text, FALSE);
}

/* What the voice says as a step begins: "Kneading. Shoulders, left side. 1 minute." */
char *
unknot_speech_for_step (UnknotRoutine   *routine,
                        UnknotStep      *step,
                        UnknotSide       side,
                        UnknotCatalogue *catalogue)
{
  g_autofree char *title = unknot_step_get_title (step, catalogue);
  g_autofree char *duration = unknot_duration_to_words (unknot_step_get_duration (step));

  if (unknot_step_is_rest (step))
    /* Translators: spoken; %s is a duration such as "20 seconds" */
    return g_strdup_printf (_("Rest. %s."), duration);

  if (side == UNKNOT_SIDE_LEFT || side == UNKNOT_SIDE_RIGHT)
    /* Translators: spoken at the start of a step: technique, area, side, duration; e.g.
     * "Kneading. Shoulders, left side. 1 minute." */
    return g_strdup_printf (_("%s. %s, %s. %s."), title,
                            unknot_area_get_label (unknot_step_get_area (step)),
                            side == UNKNOT_SIDE_LEFT ? C_("spoken", "left side")
                                                     : C_("spoken", "right side"),
                            duration);

  /* Translators: spoken at the start of a step: technique, area, duration */
  return g_strdup_printf (_("%s. %s. %s."), title,
                          unknot_area_get_label (unknot_step_get_area (step)), duration);
}

/* The words shown and said for @step on @side: the routine's own for that side (a "both" step's
 * right side may have its own), or, when it has none, the technique's how-to from the
 * catalogue. "" for a rest without words. */
const char *
unknot_step_get_display_instructions (UnknotStep      *step,
                                      UnknotRoutine   *routine,
                                      UnknotSide       side,
                                      UnknotCatalogue *catalogue)
{
  const char *words = unknot_step_get_instructions_for_side (step, side);
  UnknotTechnique *technique;

  if (words != NULL && *words != '\0')
    return unknot_routine_get_display_text (routine, words);
  if (unknot_step_is_rest (step) || catalogue == NULL)
    return "";
  technique = unknot_catalogue_lookup (catalogue, unknot_step_get_technique (step));
  return technique != NULL
         ? unknot_technique_get_display_text (technique, unknot_technique_get_how (technique))
         : "";
}

/* What is said when a step is too short for its whole announcement: its technique alone. */
char *
unknot_speech_for_step_short (UnknotStep      *step,
                              UnknotCatalogue *catalogue)
{
  g_autofree char *title = unknot_step_get_title (step, catalogue);

  /* Translators: spoken at the start of a short step: the technique (or "Rest") alone */
  return g_strdup_printf (_("%s."), title);
}

/* Said when the routine stops before a step that waits until the person is in position. */
char *
unknot_speech_for_hold (UnknotStep      *step,
                        UnknotCatalogue *catalogue)
{
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  UnknotTool tool;

  if (unknot_step_is_rest (step))
    return g_strdup (_("Next: a rest. When you are ready, tap the screen or press Space."));

  title = unknot_step_get_title (step, catalogue);
  tool = unknot_step_get_tool (step);
  if (tool != UNKNOT_TOOL_NONE && tool != UNKNOT_TOOL_HANDS)
    /* Translators: spoken: the area, then the tool, e.g. "Upper back, with: Foam roller" */
    where = g_strdup_printf (_("%s, with: %s"), unknot_area_get_label (unknot_step_get_area (step)),
                             unknot_tool_get_label (tool));
  else
    where = g_strdup (unknot_area_get_label (unknot_step_get_area (step)));

  /* Translators: spoken when the routine waits before a step: its technique, then its area
   * (and tool), e.g. "Next: Rolling, Upper back, with: Foam roller. Get into position; ..." */
  return g_strdup_printf (_("Next: %s, %s. Get into position; when you are ready, tap the "
                            "screen or press Space."), title, where);
}

char *
unknot_speech_for_get_ready (UnknotRoutine   *routine,
                             UnknotStep      *first,
                             UnknotCatalogue *catalogue)
{
  g_autofree char *title = first ? unknot_step_get_title (first, catalogue) : NULL;

  if (title == NULL)
    /* Translators: spoken when the get-ready countdown starts; %s is the routine's name */
    return g_strdup_printf (_("Get ready for %s."), unknot_routine_get_display_name (routine));

  /* Translators: spoken when the countdown starts; the routine's name, then the first step */
  return g_strdup_printf (_("Get ready for %s. First: %s."),
                          unknot_routine_get_display_name (routine), title);
}

char *
unknot_speech_for_switch (UnknotSide side)
{
  if (side == UNKNOT_SIDE_RIGHT)
    return g_strdup (_("Switch sides. Now the right side."));
  return g_strdup (_("Switch sides. Now the left side."));
}

char *
unknot_speech_for_finish (UnknotRoutine *routine)
{
  /* Translators: spoken at the end; %s is the routine's name */
  return g_strdup_printf (_("%s is complete. Well done."),
                          unknot_routine_get_display_name (routine));
}
