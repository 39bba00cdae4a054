/* unknot-types.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-types.h"

G_DEFINE_QUARK (unknot-error-quark, unknot_error)

const char * const unknot_cue_sounds[] = { "chime", "bell", "wood", "soft", "none", NULL };

int
unknot_enum_from_string (const char * const *names,
                         const char         *value)
{
  g_return_val_if_fail (names != NULL, -1);

  if (value == NULL)
    return -1;

  for (int i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], value))
      return i;

  return -1;
}

/* "\"a\", \"b\", \"c\"": the values a message says are expected (literal JSON values, so
 * not joined with a translated word). */
char *
unknot_enum_list (const char * const *names)
{
  GString *s = g_string_new (NULL);
  guint n = g_strv_length ((char **) names);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "\"%s\"", names[i]);
    }

  return g_string_free (s, FALSE);
}

/* The value whose nick is @nick, or -1. */
int
unknot_enum_from_nick (GType       type,
                       const char *nick)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), -1);

  if (nick == NULL)
    return -1;

  klass = g_type_class_ref (type);
  value = g_enum_get_value_by_nick (klass, nick);
  return value != NULL ? value->value : -1;
}

/* The name of @value in a routine file, or NULL for a value the type does not have. Static
 * strings: a registered enum type's class is never freed. */
const char *
unknot_enum_to_nick (GType type,
                     int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);

  klass = g_type_class_ref (type);
  enum_value = g_enum_get_value (klass, value);
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/* As unknot_enum_list(), for every nick of @type in the order of its values. */
char *
unknot_enum_list_nicks (GType type)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GPtrArray) nicks = g_ptr_array_new ();

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);

  klass = g_type_class_ref (type);
  for (guint i = 0; i < klass->n_values; i++)
    g_ptr_array_add (nicks, (char *) klass->values[i].value_nick);
  g_ptr_array_add (nicks, NULL);

  return unknot_enum_list ((const char * const *) nicks->pdata);
}

gboolean
unknot_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > UNKNOT_MAX_ID_LENGTH || id[0] == '-')
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
      return FALSE;

  return TRUE;
}

gboolean
unknot_cue_sound_is_bundled (const char *sound)
{
  return unknot_enum_from_string (unknot_cue_sounds, sound) >= 0;
}

static gboolean
has_control_characters (const char *s)
{
  for (; *s; s++)
    if ((guchar) *s < 0x20 || *s == 0x7f)
      return TRUE;
  return FALSE;
}

/* A cue names a bundled sound or a file inside the routine's own folder. Routine files are data,
 * not code: no absolute paths, no way out of the folder, no URIs. */
gboolean
unknot_cue_sound_is_valid (const char  *sound,
                           const char **reason)
{
  const char *why = NULL;

  if (sound == NULL || *sound == '\0')
    why = N_("an empty sound name");
  else if (unknot_cue_sound_is_bundled (sound))
    return TRUE;
  else if (strlen (sound) > 255)
    why = N_("a sound file name longer than 255 bytes");
  else if (has_control_characters (sound))
    why = N_("a name with control characters");
  else if (g_uri_peek_scheme (sound) != NULL || strstr (sound, "://") != NULL)
    why = N_("a URI; only a bundled sound or a file beside the routine may be named");
  else if (g_path_is_absolute (sound) || sound[0] == '/' || sound[0] == '\\' || sound[0] == '~')
    why = N_("an absolute path; name the file relative to the routine's folder");
  else if (strchr (sound, '\\') != NULL)
    why = N_("a path with a backslash; use \"/\"");
  else
    {
      g_auto(GStrv) parts = g_strsplit (sound, "/", -1);

      for (guint i = 0; parts[i] != NULL && why == NULL; i++)
        {
          if (g_str_equal (parts[i], ".."))
            why = N_("a path that leaves the routine's folder; name a file inside it, such as "
                     "\"sounds/bowl.ogg\"");
          else if (g_str_equal (parts[i], ".") || parts[i][0] == '\0')
            why = N_("a path with an empty or \".\" part; write it like \"sounds/bowl.ogg\"");
        }

      if (why == NULL && strchr (sound, '.') == NULL)
        why = N_("neither a bundled sound nor a sound file name; expected \"chime\", \"bell\", "
                 "\"wood\", \"soft\", \"none\" or a file name such as \"sounds/bowl.ogg\"");
    }

  if (why == NULL)
    return TRUE;

  /* Translated here so callers can show the reason as it is. */
  if (reason != NULL)
    *reason = _(why);
  return FALSE;
}

/* "1:05" or "1:02:05": the duration as a clock face shows it, in the language's digits. */
char *
unknot_format_duration (guint seconds)
{
  g_autofree char *text = NULL;

  if (seconds >= 3600)
    text = g_strdup_printf ("%u:%02u:%02u", seconds / 3600, seconds / 60 % 60, seconds % 60);
  else
    text = g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
  return unknot_i18n_localize_digits (text);
}

/* A line break: allowed only in the texts that may have several lines. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == 0x2028 || c == 0x2029;
}

/**
 * unknot_text_find_control:
 * @multiline: whether @text may have several lines (a description, instructions)
 * @found: (out) (optional): the first character refused
 *
 * Whether @text (valid UTF-8) holds a character no text of a routine may hold: a control
 * character (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F, the tab and the carriage
 * return included), or a line break (U+000A, U+2028, U+2029) when @multiline is %FALSE. Escape
 * sequences in a name would drive the terminal that `unknot --list` prints to. The bidirectional
 * formatting characters are allowed: right-to-left writers need them, and unknot_text_escape()
 * keeps them from reordering a terminal's line.
 */
gboolean
unknot_text_find_control (const char *text,
                          gboolean    multiline,
                          gunichar   *found)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_line_break (c) ? !multiline : g_unichar_type (c) == G_UNICODE_CONTROL)
        {
          if (found != NULL)
            *found = c;
          return TRUE;
        }
    }
  return FALSE;
}

/* Returns: (transfer full) (nullable): why @text may not be a text of a routine, as a problem's
 * message, or %NULL when it may. */
char *
unknot_text_describe_control (const char *text,
                              gboolean    multiline)
{
  gunichar c;

  if (text == NULL || !unknot_text_find_control (text, multiline, &c))
    return NULL;
  if (is_line_break (c))
    return g_strdup (_("contains a line break; this text must be one line"));
  return g_strdup_printf (_("contains a control character (U+%04X)"), c);
}

/* Characters that change what a terminal shows beyond themselves: controls (escape sequences,
 * line breaks that could forge a line of output) and the bidirectional embeddings, overrides and
 * isolates, which reorder the rest of the line in terminals that implement bidi (VTE). */
static gboolean
needs_escape (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_CONTROL || c == 0x2028 || c == 0x2029
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * unknot_text_escape:
 *
 * @text as one line that is safe to print to a terminal: every control character, line
 * break and bidirectional override written as "\u001b", every byte that is not UTF-8 as
 * "\xff", the rest as it is. The command line prints every text that comes from a file or a
 * file name through this.
 *
 * Returns: (transfer full): the escaped text
 */
char *
unknot_text_escape (const char *text)
{
  GString *s;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  s = g_string_sized_new (strlen (text));
  for (p = text; *p; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (s, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (needs_escape (c))
        g_string_append_printf (s, "\\u%04x", c);
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (s, FALSE);
}

G_DEFINE_BOXED_TYPE (UnknotProblem, unknot_problem, unknot_problem_copy, unknot_problem_free)

UnknotProblem *
unknot_problem_new (const char *file,
                    guint       line,
                    guint       column,
                    const char *path,
                    gboolean    warning,
                    const char *message)
{
  UnknotProblem *self = g_new0 (UnknotProblem, 1);

  self->file = g_strdup (file);
  self->line = line;
  self->column = column;
  self->path = g_strdup (path);
  self->warning = warning;
  self->message = g_strdup (message);
  self->step = -1;
  self->field = UNKNOT_FIELD_NONE;

  return self;
}

/**
 * unknot_problem_new_at:
 * @step: the step (0-based), or -1 for the routine itself
 * @field: the field, or %UNKNOT_FIELD_NONE; with a step, %UNKNOT_FIELD_STEPS means the step
 * @key: (nullable): a member of @field (of the step when NONE) that the format does not know
 *
 * A problem in a routine file, its path made from @step, @field and @key.
 */
UnknotProblem *
unknot_problem_new_at (const char  *file,
                       int          step,
                       UnknotField  field,
                       const char  *key,
                       gboolean     warning,
                       const char  *message)
{
  g_autofree char *path = NULL;
  UnknotProblem *self;

  g_return_val_if_fail (field < UNKNOT_N_FIELDS, NULL);

  if (step >= 0 || field != UNKNOT_FIELD_NONE || key != NULL)
    path = unknot_field_build_path (step, field, key);
  self = unknot_problem_new (file, 0, 0, path, warning, message);
  self->step = MAX (step, -1);
  /* An unknown key is no field, and a whole step is no field of it. */
  self->field = key != NULL || (step >= 0 && field == UNKNOT_FIELD_STEPS) ? UNKNOT_FIELD_NONE
                                                                         : field;
  return self;
}

UnknotProblem *
unknot_problem_copy (const UnknotProblem *problem)
{
  UnknotProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = unknot_problem_new (problem->file, problem->line, problem->column, problem->path,
                             problem->warning, problem->message);
  copy->step = problem->step;
  copy->field = problem->field;
  copy->kind = problem->kind;
  copy->value = g_strdup (problem->value);
  return copy;
}

void
unknot_problem_free (UnknotProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->file);
  g_free (problem->path);
  g_free (problem->message);
  g_free (problem->value);
  g_free (problem);
}

/* "file:3:14: message" for syntax errors, "file: steps[2].duration: message" for content. */
char *
unknot_problem_to_string (const UnknotProblem *problem)
{
  GString *s;

  g_return_val_if_fail (problem != NULL, NULL);

  s = g_string_new (problem->file ? problem->file : "<routine>");
  if (problem->line > 0)
    g_string_append_printf (s, ":%u:%u", problem->line, problem->column);
  g_string_append (s, ": ");
  if (problem->warning)
    g_string_append (s, "warning: ");
  if (problem->path != NULL && *problem->path != '\0')
    g_string_append_printf (s, "%s: ", problem->path);
  g_string_append (s, problem->message);

  return g_string_free (s, FALSE);
}

guint
unknot_problems_count_errors (GPtrArray *problems)
{
  guint n = 0;

  if (problems == NULL)
    return 0;

  for (guint i = 0; i < problems->len; i++)
    if (!((UnknotProblem *) g_ptr_array_index (problems, i))->warning)
      n++;

  return n;
}

char *
unknot_problems_to_string (GPtrArray *problems)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      g_autofree char *line = unknot_problem_to_string (g_ptr_array_index (problems, i));

      if (i > 0)
        g_string_append_c (s, '\n');
      g_string_append (s, line);
    }

  return g_string_free (s, FALSE);
}
