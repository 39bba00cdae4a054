/* unknot-json.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-json-private.h"

static void
add_problem (UnknotJsonContext *ctx,
             guint              line,
             guint              column,
             const char        *path,
             gboolean           warning,
             const char        *format,
             va_list            args) G_GNUC_PRINTF (6, 0);

static void
add_problem (UnknotJsonContext *ctx,
             guint              line,
             guint              column,
             const char        *path,
             gboolean           warning,
             const char        *format,
             va_list            args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (ctx->problems,
                   unknot_problem_new (ctx->file, line, column, path, warning, message));
}

void
unknot_json_error (UnknotJsonContext *ctx,
                   const char        *path,
                   const char        *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  add_problem (ctx, 0, 0, path, FALSE, format, args);
  va_end (args);
}

void
unknot_json_warning (UnknotJsonContext *ctx,
                     const char        *path,
                     const char        *format,
                     ...)
{
  va_list args;

  va_start (args, format);
  add_problem (ctx, 0, 0, path, TRUE, format, args);
  va_end (args);
}

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
  va_list args;

  va_start (args, format);
  add_problem (ctx, line, column, NULL, FALSE, format, args);
  va_end (args);
}

char *
unknot_json_path (const char *prefix,
                  const char *key)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (key);
  return g_strconcat (prefix, ".", key, NULL);
}

const char *
unknot_json_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_DOUBLE:
      return "a number with a fraction";
    case G_TYPE_INT64:
      return "an integer";
    default:
      return "a value";
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
  gsize len;
  JsonNode *root;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  if (len > UNKNOT_MAX_FILE_SIZE)
    {
      unknot_json_error (ctx, NULL,
                         _("the file is %" G_GSIZE_FORMAT " bytes; a routine file may be at most 1 MiB"),
                         len);
      return NULL;
    }

  if (len == 0 || data == NULL)
    {
      unknot_json_error (ctx, NULL, _("the file is empty; expected a JSON object"));
      return NULL;
    }

  if (!g_utf8_validate (data, len, &end))
    {
      guint line = 1, column = 1;

      for (const char *p = data; p < end; p = g_utf8_next_char (p))
        {
          if (*p == '\n')
            line++, column = 1;
          else
            column++;
        }
      if (end < data + len && *end == '\0')
        error_at (ctx, line, column, _("the file contains a NUL byte; expected UTF-8 text"));
      else
        error_at (ctx, line, column, _("invalid UTF-8 (byte 0x%02x); save the file as UTF-8"),
                  (guchar) *end);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  g_signal_connect (parser, "error", G_CALLBACK (on_parser_error), &pos);

  if (!json_parser_load_from_data (parser, data, len, &error))
    {
      error_at (ctx, MAX (pos.line, 1), MAX (pos.column, 1), _("not valid JSON: %s"),
                skip_position_prefix (error->message));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      unknot_json_error (ctx, NULL, _("the file holds no JSON value; expected a JSON object"));
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
      unknot_json_error (ctx, NULL, _("the file holds %s; expected a JSON object (%s)"),
                         unknot_json_type_name (root), what);
      return NULL;
    }
  return json_node_get_object (root);
}

static JsonNode *
get_member (UnknotJsonContext *ctx,
            JsonObject        *object,
            const char        *path,
            const char        *key,
            gboolean           required,
            const char        *expected)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL && required)
    unknot_json_error (ctx, path, _("missing; expected %s"), expected);

  return node;
}

static gboolean
is_value_of_type (JsonNode *node,
                  GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
unknot_json_get_string (UnknotJsonContext  *ctx,
                        JsonObject         *object,
                        const char         *prefix,
                        const char         *key,
                        gboolean            required,
                        guint               min_chars,
                        guint               max_chars,
                        const char        **out)
{
  g_autofree char *path = unknot_json_path (prefix, key);
  JsonNode *node = get_member (ctx, object, path, key, required, _("a string"));
  const char *value;
  glong n_chars;

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_STRING))
    {
      unknot_json_error (ctx, path, _("%s; expected a string"), unknot_json_type_name (node));
      return FALSE;
    }

  value = json_node_get_string (node);
  n_chars = g_utf8_strlen (value, -1);

  if ((guint) n_chars < min_chars)
    {
      unknot_json_error (ctx, path, _("empty; expected at least %u character(s)"), min_chars);
      return FALSE;
    }

  if (max_chars > 0 && (gulong) n_chars > max_chars)
    {
      unknot_json_error (ctx, path, _("%ld characters long; at most %u are allowed"),
                         n_chars, max_chars);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
unknot_json_get_int (UnknotJsonContext *ctx,
                     JsonObject        *object,
                     const char        *prefix,
                     const char        *key,
                     gboolean           required,
                     gint64             min,
                     gint64             max,
                     const char        *unit,
                     gint64            *out)
{
  g_autofree char *path = unknot_json_path (prefix, key);
  JsonNode *node = get_member (ctx, object, path, key, required, _("an integer"));
  gint64 value;

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_INT64))
    {
      if (is_value_of_type (node, G_TYPE_STRING))
        unknot_json_error (ctx, path, _("a string (\"%s\"); expected an integer without quotes"),
                           json_node_get_string (node));
      else
        unknot_json_error (ctx, path, _("%s; expected an integer"), unknot_json_type_name (node));
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      unknot_json_error (ctx, path, _("%" G_GINT64_FORMAT " is out of range; expected %"
                                      G_GINT64_FORMAT " to %" G_GINT64_FORMAT "%s%s"),
                         value, min, max, unit ? " " : "", unit ? unit : "");
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
unknot_json_get_bool (UnknotJsonContext *ctx,
                      JsonObject        *object,
                      const char        *prefix,
                      const char        *key,
                      gboolean          *out)
{
  g_autofree char *path = unknot_json_path (prefix, key);
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_BOOLEAN))
    {
      unknot_json_error (ctx, path, _("%s; expected true or false"), unknot_json_type_name (node));
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
unknot_json_get_enum (UnknotJsonContext  *ctx,
                      JsonObject         *object,
                      const char         *prefix,
                      const char         *key,
                      const char * const *names,
                      gboolean            required,
                      int                *out)
{
  g_autofree char *path = unknot_json_path (prefix, key);
  g_autofree char *expected = unknot_enum_list (names);
  JsonNode *node = get_member (ctx, object, path, key, required, expected);
  int value;

  if (node == NULL)
    return FALSE;

  if (!is_value_of_type (node, G_TYPE_STRING))
    {
      unknot_json_error (ctx, path, _("%s; expected one of %s"),
                         unknot_json_type_name (node), expected);
      return FALSE;
    }

  value = unknot_enum_from_string (names, json_node_get_string (node));
  if (value < 0)
    {
      unknot_json_error (ctx, path, _("unknown value \"%s\"; expected one of %s"),
                         json_node_get_string (node), expected);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

void
unknot_json_warn_unknown (UnknotJsonContext  *ctx,
                          JsonObject         *object,
                          const char         *prefix,
                          const char * const *known)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    {
      if (!g_strv_contains (known, key))
        {
          g_autofree char *path = unknot_json_path (prefix, key);

          unknot_json_warning (ctx, path, _("unknown key, ignored"));
        }
    }
}
