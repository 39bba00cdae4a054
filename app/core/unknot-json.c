/* unknot-json.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "unknot-json-private.h"

static char *
json_path (const char *prefix,
           const char *key)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (key);
  if (key == NULL)
    return g_strdup (prefix);   /* the object itself, as "techniques[3]" */
  return g_strconcat (prefix, ".", key, NULL);
}

static void
add_problem (UnknotJsonContext     *ctx,
             const UnknotJsonScope *scope,
             const char            *key,
             gboolean               warning,
             const char            *format,
             va_list                args) G_GNUC_PRINTF (5, 0);

static void
add_problem (UnknotJsonContext     *ctx,
             const UnknotJsonScope *scope,
             const char            *key,
             gboolean               warning,
             const char            *format,
             va_list                args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);
  UnknotProblem *problem;

  if (ctx->routine)
    {
      int step = scope != NULL ? scope->step : -1;
      UnknotField object = scope != NULL ? scope->field : UNKNOT_FIELD_NONE;
      UnknotField field = key != NULL ? unknot_field_find (object, key) : object;

      /* A key the format does not know is named by the object it is in. */
      if (field != UNKNOT_FIELD_NONE || key == NULL)
        problem = unknot_problem_new_at (ctx->file, step, field, NULL, warning, message);
      else
        problem = unknot_problem_new_at (ctx->file, step, object, key, warning, message);
    }
  else
    {
      g_autofree char *path = json_path (scope != NULL ? scope->path : NULL, key);

      problem = unknot_problem_new (ctx->file, 0, 0, path, warning, message);
    }

  g_ptr_array_add (ctx->problems, problem);
}

void
unknot_json_error (UnknotJsonContext     *ctx,
                   const UnknotJsonScope *scope,
                   const char            *key,
                   const char            *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  add_problem (ctx, scope, key, FALSE, format, args);
  va_end (args);
}

void
unknot_json_warning (UnknotJsonContext     *ctx,
                     const UnknotJsonScope *scope,
                     const char            *key,
                     const char            *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  add_problem (ctx, scope, key, TRUE, format, args);
  va_end (args);
}

/* What kind of a problem the one just added is, for the window's words; @value: what the file
 * holds there, when the kind says so. */
void
unknot_json_set_kind (UnknotJsonContext *ctx,
                      UnknotProblemKind  kind,
                      const char        *value)
{
  UnknotProblem *problem;

  g_assert (ctx->problems->len > 0);
  problem = g_ptr_array_index (ctx->problems, ctx->problems->len - 1);
  problem->kind = kind;
  g_free (problem->value);
  problem->value = g_strdup (value);
}

/* Syntax errors have a line and a column, and no path. */
static void
error_at (UnknotJsonContext *ctx,
          guint              line,
          guint              column,
          const char        *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
error_at (UnknotJsonContext *ctx,
          guint              line,
          guint              column,
          const char        *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (ctx->problems,
                   unknot_problem_new (ctx->file, line, column, NULL, FALSE, message));
}


const char *
unknot_json_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    case G_TYPE_DOUBLE:
      return _("a number with a decimal point or exponent");
    case G_TYPE_INT64:
      return _("an integer");
    default:
      return _("a value");
    }
}

typedef struct {
  guint line;
  guint column;
} ParseErrorPosition;

static void
on_parser_error (JsonParser   *parser,
                 const GError *error,
                 gpointer      user_data)
{
  ParseErrorPosition *pos = user_data;

  /* Only valid inside this signal: the parser forgets its position afterwards. */
  pos->line = json_parser_get_current_line (parser);
  pos->column = json_parser_get_current_pos (parser);
}

/* Strips json-glib's own "<data>:3:4: " so the message names our file once. */
static const char *
skip_position_prefix (const char *message)
{
  const char *p = strstr (message, ": Parse error: ");

  if (p != NULL)
    return p + strlen (": Parse error: ");
  p = strstr (message, ": ");
  if (g_str_has_prefix (message, "<data>") && p != NULL)
    return p + 2;
  return message;
}

/* 1-based line and column (in characters, as editors count them) of @at in @data. */
static void
position_of (const char *data,
             const char *at,
             guint      *line,
             guint      *column)
{
  *line = 1;
  *column = 1;

  for (const char *p = data; p < at; p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *p & 0xc0) != 0x80)
        (*column)++;
    }
}

/* A routine is four levels deep; json-glib's parser recurses once per level, so a file of a
 * million "[" would overflow the stack. */
#define MAX_JSON_DEPTH 64

typedef enum {
  EXPECT_VALUE,            /* at the top or after ":" */
  EXPECT_VALUE_OR_CLOSE,   /* after "[" */
  EXPECT_NEXT_VALUE,       /* after "," in an array */
  EXPECT_KEY_OR_CLOSE,     /* after "{" */
  EXPECT_NEXT_KEY,         /* after "," in an object */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,   /* after a value inside an array or object */
  EXPECT_END,              /* after the top-level value */
} SyntaxState;

typedef struct {
  UnknotJsonContext *ctx;
  const char        *data;
  const char        *end;
  GHashTable        *keys[MAX_JSON_DEPTH];   /* per open object: key -> its offset + 1 */
} Syntax;

static void
syntax_error (Syntax     *sx,
              const char *at,
              const char *format,
              ...) G_GNUC_PRINTF (3, 4);

static void
syntax_error (Syntax     *sx,
              const char *at,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  position_of (sx->data, at, &line, &column);
  error_at (sx->ctx, line, column, _("not valid JSON: %s"), message);
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* What the text at @p is, for "found ...; expected ...". */
static char *
describe_token (Syntax     *sx,
                const char *p)
{
  const char *q = p;
  guchar c;

  if (p >= sx->end)
    return g_strdup (_("the end of the file"));

  c = (guchar) *p;
  if (c == '"')
    return g_strdup (_("a string"));
  if (c == '-' || g_ascii_isdigit (c))
    return g_strdup (_("a number"));
  if (g_ascii_isalpha (c))
    {
      while (q < sx->end && q - p < 20 && is_word_char (*q))
        q++;
      return g_strdup_printf ("\"%.*s\"", (int) (q - p), p);
    }
  if (c == '/')
    return g_strdup (_("\"/\" (JSON has no comments)"));
  if (c == '\'')
    return g_strdup (_("\"'\" (JSON strings take double quotes)"));
  if (c < 0x20 || c == 0x7f)
    return g_strdup_printf (_("a control character (U+%04X)"), c);
  if (c < 0x80)
    return g_strdup_printf ("\"%c\"", c);

  q = g_utf8_next_char (p);
  return g_strdup_printf ("\"%.*s\"", (int) (MIN (q, sx->end) - p), p);
}

static void
unexpected (Syntax     *sx,
            const char *p,
            const char *expected)
{
  g_autofree char *found = describe_token (sx, p);

  if (p >= sx->end)
    syntax_error (sx, p, _("the file ends too early; expected %s"), expected);
  else
    syntax_error (sx, p, _("found %s; expected %s"), found, expected);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The four hex digits of "\uXXXX" at @p (pointing at the backslash), or -1. */
static int
read_hex4 (Syntax     *sx,
           const char *p)
{
  int value = 0;

  if (sx->end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;

  for (int i = 2; i < 6; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* @p points at the opening quote. Returns the end of the string, or NULL with a problem. */
static const char *
scan_string (Syntax     *sx,
             const char *p)
{
  const char *q = p + 1;

  while (q < sx->end)
    {
      guchar c = (guchar) *q;

      if (c == '"')
        return q + 1;

      if (c == '\n' || c == '\r')
        {
          syntax_error (sx, q, _("a line break inside a string; is the closing \" missing? (Write "
                                 "a line break in a text as \\n.)"));
          return NULL;
        }
      if (c < 0x20)
        {
          syntax_error (sx, q, _("a control character (U+%04X) inside a string; write a tab as "
                                 "\\t"), c);
          return NULL;
        }

      if (c != '\\')
        {
          q++;
          continue;
        }

      if (q + 1 >= sx->end)
        break;

      switch (q[1])
        {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
          q += 2;
          break;

        case 'u':
          {
            int unit = read_hex4 (sx, q);

            if (unit < 0)
              {
                syntax_error (sx, q, _("\"\\u\" must be followed by four hex digits"));
                return NULL;
              }
            if (unit == 0)
              {
                syntax_error (sx, q, _("\"\\u0000\" (a NUL character) is not allowed in a "
                                       "string"));
                return NULL;
              }
            /* json-glib turns a lone surrogate into invalid UTF-8: refuse it here. */
            if (unit >= 0xdc00 && unit <= 0xdfff)
              {
                syntax_error (sx, q, _("\"\\u%04X\" is the second half of a UTF-16 surrogate "
                                       "pair without its first half"), (guint) unit);
                return NULL;
              }
            if (unit >= 0xd800 && unit <= 0xdbff)
              {
                int low = read_hex4 (sx, q + 6);

                if (low < 0xdc00 || low > 0xdfff)
                  {
                    syntax_error (sx, q, _("\"\\u%04X\" is the first half of a UTF-16 surrogate "
                                           "pair; expected a \"\\uDC00\" to \"\\uDFFF\" after it"),
                                  (guint) unit);
                    return NULL;
                  }
                q += 6;
              }
            q += 6;
          }
          break;

        default:
          {
            const char *next = MIN (g_utf8_next_char (q + 1), sx->end);

            syntax_error (sx, q, _("unknown escape \"\\%.*s\" in a string; expected one of "
                                   "\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX"),
                          (int) (next - (q + 1)), q + 1);
            return NULL;
          }
        }
    }

  syntax_error (sx, p, _("this string is not closed; expected a closing \""));
  return NULL;
}

/* @p points at "-" or a digit. Returns the end of the number, or NULL with a problem. */
static const char *
scan_number (Syntax     *sx,
             const char *p)
{
  const char *q = p;
  gboolean integer = TRUE;

  if (*q == '-')
    q++;

  if (q >= sx->end || !g_ascii_isdigit (*q))
    {
      syntax_error (sx, p, _("expected digits after \"-\""));
      return NULL;
    }

  if (*q == '0' && q + 1 < sx->end && g_ascii_isdigit (q[1]))
    {
      syntax_error (sx, p, _("a number with a leading zero; write it without the zero"));
      return NULL;
    }

  while (q < sx->end && g_ascii_isdigit (*q))
    q++;

  if (q < sx->end && *q == '.')
    {
      integer = FALSE;
      if (++q >= sx->end || !g_ascii_isdigit (*q))
        {
          syntax_error (sx, p, _("expected digits after the decimal point"));
          return NULL;
        }
      while (q < sx->end && g_ascii_isdigit (*q))
        q++;
    }

  if (q < sx->end && (*q == 'e' || *q == 'E'))
    {
      integer = FALSE;
      if (++q < sx->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= sx->end || !g_ascii_isdigit (*q))
        {
          syntax_error (sx, p, _("expected digits in the exponent"));
          return NULL;
        }
      while (q < sx->end && g_ascii_isdigit (*q))
        q++;
    }

  /* json-glib wraps an integer that does not fit in 64 bits around: 99999999999999999999
   * would read as -1. */
  if (integer)
    {
      char buffer[24];
      gboolean too_large = TRUE;

      if (q - p < (gssize) sizeof buffer)
        {
          memcpy (buffer, p, q - p);
          buffer[q - p] = '\0';
          errno = 0;
          g_ascii_strtoll (buffer, NULL, 10);
          too_large = errno == ERANGE;
        }

      if (too_large)
        {
          syntax_error (sx, p, _("the number %.*s%s does not fit in 64 bits"),
                        (int) MIN (q - p, 24), p, q - p > 24 ? "…" : "");
          return NULL;
        }
    }

  return q;
}

/* @p points at a letter. Returns the end of true, false or null, or NULL with a problem. */
static const char *
scan_word (Syntax     *sx,
           const char *p,
           const char *expected)
{
  const char *q = p;

  while (q < sx->end && is_word_char (*q))
    q++;

  if ((q - p == 4 && memcmp (p, "true", 4) == 0)
      || (q - p == 5 && memcmp (p, "false", 5) == 0)
      || (q - p == 4 && memcmp (p, "null", 4) == 0))
    return q;

  unexpected (sx, p, expected);
  return NULL;
}

/* The text of the string from @p (its opening quote) to @end (after its closing quote), which
 * scan_string() found well formed: escapes decoded, surrogate pairs joined. */
static char *
decode_string (Syntax     *sx,
               const char *p,
               const char *end)
{
  const char *q = p + 1;
  GString *s;

  end--;   /* the closing quote */
  if (memchr (q, '\\', end - q) == NULL)
    return g_strndup (q, end - q);

  s = g_string_sized_new (end - q);
  while (q < end)
    {
      int unit;

      if (*q != '\\')
        {
          g_string_append_c (s, *q++);
          continue;
        }
      switch (q[1])
        {
        case 'b': g_string_append_c (s, '\b'); break;
        case 'f': g_string_append_c (s, '\f'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'u':
          unit = read_hex4 (sx, q);
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              unit = 0x10000 + ((unit - 0xd800) << 10) + (read_hex4 (sx, q + 6) - 0xdc00);
              q += 6;
            }
          g_string_append_unichar (s, (gunichar) unit);
          q += 4;
          break;
        default:   /* " \ / */
          g_string_append_c (s, q[1]);
          break;
        }
      q += 2;
    }
  return g_string_free (s, FALSE);
}

/* json-glib keeps the last of two members with one name, silently: {"duration": 99999,
 * "duration": 60} would be read as 60 while another reader sees 99999. The key from @p to
 * @end, in the object open at @depth, must be new there. */
static gboolean
check_key_unique (Syntax     *sx,
                  guint       depth,
                  const char *p,
                  const char *end)
{
  GHashTable *keys = sx->keys[depth - 1];
  g_autofree char *key = decode_string (sx, p, end);
  gpointer first;

  if (!g_hash_table_lookup_extended (keys, key, NULL, &first))
    {
      g_hash_table_insert (keys, g_steal_pointer (&key), GSIZE_TO_POINTER (p - sx->data + 1));
      return TRUE;
    }
  else
    {
      guint line, column, first_line, first_column;

      position_of (sx->data, p, &line, &column);
      position_of (sx->data, sx->data + GPOINTER_TO_SIZE (first) - 1, &first_line,
                   &first_column);
      error_at (sx->ctx, line, column, _("the key \"%s\" appears twice in this object (first on "
                                         "line %u, column %u); remove one"),
                key, first_line, first_column);
      return FALSE;
    }
}

/* Checks that @data is exactly one JSON value (RFC 8259), no deeper than MAX_JSON_DEPTH, before
 * json-glib sees it. json-glib accepts single quotes, unknown escapes, control characters in
 * strings and lone surrogates (which become invalid UTF-8), reports many errors at the token
 * before the wrong one, and recurses without limit. Returns FALSE with a problem added; an empty
 * document (whitespace only) is not reported here. */
static gboolean
check_document (Syntax     *sx,
                gboolean   *empty)
{
  const char *value_expected = _("a value (an object, array, string, number, true, false or "
                                 "null)");
  SyntaxState state = EXPECT_VALUE;
  char stack[MAX_JSON_DEPTH];
  guint depth = 0;
  const char *p = sx->data;

  *empty = FALSE;

  for (;;)
    {
      gboolean value_done = FALSE;
      char c;

      while (p < sx->end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;

      if (p >= sx->end)
        {
          if (state == EXPECT_END)
            return TRUE;
          if (state == EXPECT_VALUE && depth == 0)
            {
              *empty = TRUE;
              return FALSE;
            }
        }

      c = p < sx->end ? *p : '\0';

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
        case EXPECT_NEXT_VALUE:
        case EXPECT_VALUE:
          if (c == ']' && state == EXPECT_VALUE_OR_CLOSE)
            {
              depth--;
              p++;
              value_done = TRUE;
            }
          else if (c == ']' && state == EXPECT_NEXT_VALUE && p < sx->end)
            {
              syntax_error (sx, p, _("found \"]\" after a comma; expected another value "
                                      "(remove the comma)"));
              return FALSE;
            }
          else if (p < sx->end && (c == '{' || c == '['))
            {
              if (depth == MAX_JSON_DEPTH)
                {
                  syntax_error (sx, p, _("nested more than %d levels deep"), MAX_JSON_DEPTH);
                  return FALSE;
                }
              stack[depth++] = c;
              if (c == '{' && sx->keys[depth - 1] == NULL)
                sx->keys[depth - 1] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
              else if (c == '{')
                g_hash_table_remove_all (sx->keys[depth - 1]);
              state = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              p++;
            }
          else if (p < sx->end && c == '"')
            {
              if (!(p = scan_string (sx, p)))
                return FALSE;
              value_done = TRUE;
            }
          else if (p < sx->end && (c == '-' || g_ascii_isdigit (c)))
            {
              if (!(p = scan_number (sx, p)))
                return FALSE;
              value_done = TRUE;
            }
          else if (p < sx->end && g_ascii_isalpha (c))
            {
              if (!(p = scan_word (sx, p, value_expected)))
                return FALSE;
              value_done = TRUE;
            }
          else
            {
              unexpected (sx, p, state == EXPECT_VALUE_OR_CLOSE
                                  ? _("a value or \"]\"") : value_expected);
              return FALSE;
            }
          break;

        case EXPECT_KEY_OR_CLOSE:
        case EXPECT_NEXT_KEY:
          if (c == '}' && state == EXPECT_KEY_OR_CLOSE)
            {
              depth--;
              p++;
              value_done = TRUE;
            }
          else if (c == '}' && p < sx->end)
            {
              syntax_error (sx, p, _("found \"}\" after a comma; expected another key "
                                      "(remove the comma)"));
              return FALSE;
            }
          else if (c == '"' && p < sx->end)
            {
              const char *key = p;

              if (!(p = scan_string (sx, p)) || !check_key_unique (sx, depth, key, p))
                return FALSE;
              state = EXPECT_COLON;
            }
          else
            {
              unexpected (sx, p, state == EXPECT_KEY_OR_CLOSE
                                  ? _("a key in double quotes or \"}\"")
                                  : _("a key in double quotes"));
              return FALSE;
            }
          break;

        case EXPECT_COLON:
          if (c != ':' || p >= sx->end)
            {
              unexpected (sx, p, _("\":\" after the key"));
              return FALSE;
            }
          p++;
          state = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_CLOSE:
          {
            char close = stack[depth - 1] == '{' ? '}' : ']';

            if (p < sx->end && c == ',')
              {
                p++;
                state = close == '}' ? EXPECT_NEXT_KEY : EXPECT_NEXT_VALUE;
              }
            else if (p < sx->end && c == close)
              {
                depth--;
                p++;
                value_done = TRUE;
              }
            else
              {
                /* Translators: what may come next in a JSON file: a comma or a closing } or ] */
                g_autofree char *expected = g_strdup_printf (_("\",\" or \"%c\""), close);

                /* Another value where a comma belongs: most likely a forgotten comma. */
                if (p < sx->end && (c == '"' || c == '{' || c == '[' || c == '-'
                                   || g_ascii_isalnum (c)))
                  {
                    g_autofree char *found = describe_token (sx, p);

                    syntax_error (sx, p, _("found %s; expected %s (is a comma missing before "
                                            "it?)"), found, expected);
                  }
                else
                  unexpected (sx, p, expected);
                return FALSE;
              }
          }
          break;

        case EXPECT_END:
        default:
          unexpected (sx, p, _("the end of the file"));
          return FALSE;
        }

      if (value_done)
        state = depth == 0 ? EXPECT_END : EXPECT_COMMA_OR_CLOSE;
    }
}

static gboolean
check_syntax (UnknotJsonContext *ctx,
              const char        *data,
              gsize              len,
              gboolean          *empty)
{
  Syntax sx = { ctx, data, data + len, { NULL } };
  gboolean ok = check_document (&sx, empty);

  /* Arrays have no table: look at every level. */
  for (guint i = 0; i < MAX_JSON_DEPTH; i++)
    g_clear_pointer (&sx.keys[i], g_hash_table_unref);
  return ok;
}

/* Checks the size and encoding, then parses. Returns the root or NULL with a problem added. */
JsonNode *
unknot_json_parse (UnknotJsonContext *ctx,
                   GBytes            *bytes)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  ParseErrorPosition pos = { 0, 0 };
  const char *data;
  const char *end = NULL;
  gboolean empty;
  gsize len;
  JsonNode *root;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len > UNKNOT_MAX_FILE_SIZE)
    {
      unknot_json_error (ctx, NULL, NULL,
                         _("the file is %lu bytes; a routine file may be at most 1 MiB"),
                         (unsigned long) len);
      return NULL;
    }

  if (len == 0 || data == NULL)
    {
      unknot_json_error (ctx, NULL, NULL, _("the file is empty; expected a JSON object"));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_EMPTY, NULL);
      return NULL;
    }

  /* Some Windows editors start UTF-8 files with a byte order mark; it is not part of the JSON. */
  if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (!g_utf8_validate (data, len, &end))
    {
      guint line, column;

      position_of (data, end, &line, &column);
      if (*end == '\0')
        error_at (ctx, line, column, _("the file contains a NUL byte; expected UTF-8 text"));
      else
        error_at (ctx, line, column, _("invalid UTF-8 (byte 0x%02x); save the file as UTF-8"),
                  (guchar) *end);
      return NULL;
    }

  if (!check_syntax (ctx, data, len, &empty))
    {
      if (empty)
        {
          unknot_json_error (ctx, NULL, NULL,
                             _("the file holds no JSON value; expected a JSON object"));
          unknot_json_set_kind (ctx, UNKNOT_PROBLEM_NOT_A_ROUTINE, NULL);
        }
      return NULL;
    }

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "error", G_CALLBACK (on_parser_error), &pos);

  /* Not expected after check_syntax(), but json-glib has the last word. */
  if (!json_parser_load_from_data (parser, data, len, &error))
    {
      error_at (ctx, MAX (pos.line, 1), MAX (pos.column, 1), _("not valid JSON: %s"),
                skip_position_prefix (error->message));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      unknot_json_error (ctx, NULL, NULL,
                         _("the file holds no JSON value; expected a JSON object"));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_NOT_A_ROUTINE, NULL);
      return NULL;
    }

  return json_node_ref (root);
}

JsonObject *
unknot_json_root_object (UnknotJsonContext *ctx,
                         JsonNode          *root,
                         const char        *what)
{
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      unknot_json_error (ctx, NULL, NULL, _("the file holds %s; expected a JSON object (%s)"),
                         unknot_json_type_name (root), what);
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_NOT_A_ROUTINE, NULL);
      return NULL;
    }
  return json_node_get_object (root);
}

static JsonNode *
get_member (UnknotJsonContext     *ctx,
            JsonObject            *object,
            const UnknotJsonScope *scope,
            const char            *key,
            gboolean           required,
            const char        *expected)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL && required)
    {
      unknot_json_error (ctx, scope, key, _("missing; expected %s"), expected);
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_MISSING, NULL);
    }

  return node;
}

static gboolean
is_value_of_type (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* A text with a character unknot_text_find_control() refuses is an error at its path. */
static gboolean
check_text (UnknotJsonContext     *ctx,
                        const UnknotJsonScope *scope,
                        const char            *key,
                        const char            *value,
                        gboolean               multiline)
{
  g_autofree char *message = unknot_text_describe_control (value, multiline);

  if (message == NULL)
    return TRUE;
  unknot_json_error (ctx, scope, key, "%s", message);
  return FALSE;
}

gboolean
unknot_json_get_string (UnknotJsonContext      *ctx,
                        JsonObject             *object,
                        const UnknotJsonScope  *scope,
                        const char             *key,
                        gboolean                required,
                        guint                   min_chars,
                        guint                   max_chars,
                        gboolean                multiline,
                        const char            **out)
{
  JsonNode *node = get_member (ctx, object, scope, key, required, _("a string"));
  const char *value;
  glong n_chars;

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_STRING))
    {
      unknot_json_error (ctx, scope, key, _("%s; expected a string"), unknot_json_type_name (node));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_WRONG_TYPE, NULL);
      return FALSE;
    }

  value = json_node_get_string (node);
  if (!check_text (ctx, scope, key, value, multiline))
    return FALSE;
  n_chars = g_utf8_strlen (value, -1);

  if ((guint) n_chars < min_chars)
    {
      unknot_json_error (ctx, scope, key,
                         g_dngettext (GETTEXT_PACKAGE, "empty; expected at least %u character",
                                      "empty; expected at least %u characters", min_chars),
                         min_chars);
      unknot_json_set_kind (ctx, n_chars == 0 ? UNKNOT_PROBLEM_EMPTY : UNKNOT_PROBLEM_TOO_SMALL, NULL);
      return FALSE;
    }

  if (max_chars > 0 && (gulong) n_chars > max_chars)
    {
      unknot_json_error (ctx, scope, key, _("%ld characters long; at most %u are allowed"),
                         n_chars, max_chars);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
unknot_json_get_int (UnknotJsonContext     *ctx,
                     JsonObject            *object,
                     const UnknotJsonScope *scope,
                     const char            *key,
                     gboolean               required,
                     gint64                 min,
                     gint64                 max,
                     const char            *unit,
                     gint64                *out)
{
  JsonNode *node = get_member (ctx, object, scope, key, required, _("an integer"));
  gint64 value;

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_INT64))
    {
      if (is_value_of_type (node, G_TYPE_STRING))
        {
          unknot_json_error (ctx, scope, key,
                             _("a string (\"%s\"); expected an integer without quotes"),
                             json_node_get_string (node));
          unknot_json_set_kind (ctx, UNKNOT_PROBLEM_QUOTED_NUMBER, json_node_get_string (node));
        }
      else if (is_value_of_type (node, G_TYPE_DOUBLE))
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];
          double d = json_node_get_double (node);

          /* 30.0 is shown as "30.0", not as a "30" that looks like an integer. */
          g_ascii_formatd (number, sizeof number,
                           fabs (d) < 1e15 && d == floor (d) ? "%.1f" : "%g", d);
          unknot_json_error (ctx, scope, key, _("%s (%s); expected an integer"),
                             unknot_json_type_name (node), number);
          unknot_json_set_kind (ctx, UNKNOT_PROBLEM_NOT_WHOLE, number);
        }
      else
        {
          unknot_json_error (ctx, scope, key, _("%s; expected an integer"),
                             unknot_json_type_name (node));
          unknot_json_set_kind (ctx, UNKNOT_PROBLEM_WRONG_TYPE, NULL);
        }
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      /* @unit is only ever seconds; each wording is its own message for translators. */
      if (unit != NULL)
        unknot_json_error (ctx, scope, key,
                           _("%lld is out of range; expected %lld to %lld seconds"),
                           (long long) value, (long long) min, (long long) max);
      else
        unknot_json_error (ctx, scope, key, _("%lld is out of range; expected %lld to %lld"),
                           (long long) value, (long long) min, (long long) max);
      unknot_json_set_kind (ctx, value < min ? UNKNOT_PROBLEM_TOO_SMALL : UNKNOT_PROBLEM_TOO_LARGE, NULL);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
unknot_json_get_bool (UnknotJsonContext     *ctx,
                      JsonObject            *object,
                      const UnknotJsonScope *scope,
                      const char            *key,
                      gboolean              *out)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_BOOLEAN))
    {
      unknot_json_error (ctx, scope, key, _("%s; expected true or false"),
                         unknot_json_type_name (node));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_WRONG_TYPE, NULL);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
unknot_json_get_enum (UnknotJsonContext     *ctx,
                      JsonObject            *object,
                      const UnknotJsonScope *scope,
                      const char            *key,
                      GType                  type,
                      gboolean               required,
                      int                   *out)
{
  g_autofree char *expected = unknot_enum_list_nicks (type);
  g_autofree char *one_of = g_strdup_printf (_("one of %s"), expected);
  JsonNode *node = get_member (ctx, object, scope, key, required, one_of);
  int value;

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_STRING))
    {
      unknot_json_error (ctx, scope, key, _("%s; expected one of %s"),
                         unknot_json_type_name (node), expected);
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_WRONG_TYPE, NULL);
      return FALSE;
    }

  value = unknot_enum_from_nick (type, json_node_get_string (node));
  if (value < 0)
    {
      unknot_json_error (ctx, scope, key, _("unknown value \"%s\"; expected one of %s"),
                         json_node_get_string (node), expected);
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_UNKNOWN_VALUE, json_node_get_string (node));
      return FALSE;
    }

  *out = value;
  return TRUE;
}

void
unknot_json_warn_unknown (UnknotJsonContext     *ctx,
                          JsonObject            *object,
                          const UnknotJsonScope *scope,
                          const char * const    *known)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  /* In file order, so the warnings read like the file and do not depend on hashing. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &node))
    {
      if (!g_strv_contains (known, key))
        unknot_json_warning (ctx, scope, key, _("unknown key, ignored"));
    }
}
