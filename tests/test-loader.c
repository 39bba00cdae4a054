/* test-loader.c: every bad routine file is refused with the exact messages a person would read
 *
 * Each tests/routines/bad/NAME.json has a NAME.expected holding the error lines the loader must
 * produce, with the file shown as "NAME.json". Each tests/routines/good/NAME.json must load, and
 * its NAME.expected holds the warnings it must produce (possibly none).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "unknot-fields.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-test-util.h"

typedef struct {
  char     *json;       /* full path of NAME.json */
  char     *name;       /* "NAME.json", as the messages show it */
  gboolean  good;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->json);
  g_free (c->name);
  g_free (c);
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
}

/* The problems as unknot_problems_to_string() shows them, errors only or everything. */
static char *
problems_text (GPtrArray *problems,
               gboolean   with_warnings)
{
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();

  for (guint i = 0; i < problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);

      if (with_warnings || !problem->warning)
        g_ptr_array_add (selected, problem);
    }
  return unknot_problems_to_string (selected);
}

static char *
read_expected (const char *json)
{
  g_autofree char *base = g_strndup (json, strlen (json) - strlen (".json"));
  g_autofree char *path = g_strconcat (base, ".expected", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* One line per problem; the file ends with a newline the messages do not have. */
  if (g_str_has_suffix (contents, "\n"))
    contents[strlen (contents) - 1] = '\0';
  return contents;
}

/* The window's words for a problem of a file's content (unknot_problem_describe()) are a
 * person's: no JSON path, no JSON type, no "expected", no ids of the format's values. A syntax
 * error (at a line and column) is the JSON's, for the person who opens the file to mend it. */
static void
assert_described_for_people (const UnknotProblem *problem)
{
  static const char *const jargon[] = {
    "steps[", "expected", "integer", "JSON", "a string", "object", "\"kind\"", "\"work\"",
    "whole-back", "upper-back", "mid-back", "lower-back", "foam-roller", "heat-pack",
    "light-stroking", "swedish-strokes", "deep-pressure", "trigger-point", "instructions-second",
    "cue.sound", "cue.speak", "\"chime\"",
  };
  g_autofree char *text = unknot_problem_describe (problem);

  g_test_message ("in the window: %s", text);
  if (problem->line > 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (jargon); i++)
    if (strstr (text, jargon[i]) != NULL)
      g_error ("the window would say \"%s\" (for \"%s\"), with \"%s\" in it", text,
               problem->message, jargon[i]);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(GPtrArray) file_problems = new_problems ();
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(UnknotRoutine) from_file = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (c->json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) file_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expected = read_expected (c->json);
  g_autofree char *got = NULL;
  g_autofree char *got_from_file = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (c->json, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  routine = unknot_routine_load_bytes (bytes, c->name, catalogue, problems, &error);
  got = problems_text (problems, c->good);
  g_assert_cmpstr (got, ==, expected);

  for (guint i = 0; i < problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);

      assert_described_for_people (problem);

      /* Every problem names the file; a warning never stops a routine from loading. */
      g_assert_cmpstr (problem->file, ==, c->name);
      g_assert_true (problem->warning || !c->good);
      g_assert_true (problem->line == 0 || problem->path == NULL);

      /* The path is made from the step and the field: a program reads those instead. */
      if (problem->path == NULL)
        {
          g_assert_cmpint (problem->step, ==, -1);
          g_assert_cmpint (problem->field, ==, UNKNOT_FIELD_NONE);
        }
      else if (problem->field != UNKNOT_FIELD_NONE)
        {
          g_autofree char *path = unknot_field_build_path (problem->step, problem->field, NULL);

          g_assert_cmpstr (problem->path, ==, path);
        }
      else if (problem->step >= 0)
        {
          g_autofree char *step_path = unknot_field_build_path (problem->step,
                                                                UNKNOT_FIELD_NONE, NULL);

          g_assert_true (g_str_has_prefix (problem->path, step_path));
        }
    }

  if (c->good)
    {
      g_assert_no_error (error);
      g_assert_nonnull (routine);
      g_assert_cmpuint (unknot_problems_count_errors (problems), ==, 0);
    }
  else
    {
      g_assert_null (routine);
      g_assert_nonnull (error);
      g_assert_true (error->domain == UNKNOT_ERROR);
      g_assert_cmpint (error->code, ==, g_str_equal (c->name, "format-newer.json")
                                        ? UNKNOT_ERROR_TOO_NEW : UNKNOT_ERROR_INVALID);
      /* The error says the same as the problems, so a caller may show either. */
      g_assert_cmpstr (error->message, ==, expected);
      g_assert_cmpuint (unknot_problems_count_errors (problems), >=, 1);
    }

  /* Reading the file itself gives the same answer. */
  from_file = unknot_routine_load_file (file, c->name, catalogue, file_problems, &file_error);
  got_from_file = problems_text (file_problems, c->good);
  g_assert_cmpstr (got_from_file, ==, expected);
  g_assert_true ((from_file != NULL) == c->good);
  g_assert_true ((file_error != NULL) == !c->good);
  if (from_file != NULL)
    {
      g_assert_true (unknot_routine_equal (routine, from_file));
      g_assert_true (g_file_equal (unknot_routine_get_file (from_file), file));
    }
}

/* 1 MiB is allowed, one byte more is not; too large to check in, so made here. */
static void
test_size_limit (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  const char *head =
    "{\n"
    "  \"format\": 1,\n"
    "  \"id\": \"huge\",\n"
    "  \"name\": \"Huge\",\n"
    "  \"description\": \"\",\n"
    "  \"steps\": [ { \"technique\": \"kneading\", \"area\": \"neck\", \"duration\": 30 } ]\n"
    "}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unknot-test-XXXXXX", &error);
  g_autofree char *path_ok = NULL;
  g_autofree char *path_big = NULL;
  g_autoptr(GFile) file_ok = NULL;
  g_autoptr(GFile) file_big = NULL;
  g_autoptr(GString) data = g_string_new (head);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  path_ok = g_build_filename (dir, "exactly-1-mib.json", NULL);
  path_big = g_build_filename (dir, "over-1-mib.json", NULL);
  file_ok = g_file_new_for_path (path_ok);
  file_big = g_file_new_for_path (path_big);

  /* Padded with trailing spaces, which JSON allows. */
  while (data->len < UNKNOT_MAX_FILE_SIZE)
    g_string_append_c (data, ' ');
  g_file_set_contents (path_ok, data->str, data->len, &error);
  g_assert_no_error (error);
  g_string_append_c (data, ' ');
  g_file_set_contents (path_big, data->str, data->len, &error);
  g_assert_no_error (error);

  routine = unknot_routine_load_file (file_ok, "exactly-1-mib.json", catalogue, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (routine);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&routine);

  routine = unknot_routine_load_file (file_big, "over-1-mib.json", catalogue, problems, &error);
  g_assert_null (routine);
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "over-1-mib.json: the file is 1048577 bytes; a routine file may be at most 1 MiB");
  got = problems_text (problems, TRUE);
  g_assert_cmpstr (got, ==, error->message);
  g_clear_error (&error);
  g_clear_pointer (&got, g_free);

  /* Without a place for the error (a caller that only wants the problems). */
  g_ptr_array_set_size (problems, 0);
  g_assert_null (unknot_routine_load_file (file_big, "over-1-mib.json", catalogue, problems, NULL));
  g_assert_cmpuint (problems->len, ==, 1);

  /* The same data handed over in memory is refused before parsing. */
  g_ptr_array_set_size (problems, 0);
  bytes = g_bytes_new_static (data->str, data->len);
  g_assert_null (unknot_routine_load_bytes (bytes, "over-1-mib.json", catalogue, problems, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  got = problems_text (problems, TRUE);
  g_assert_cmpstr (got, ==, error->message);
  g_assert_cmpstr (got, ==,
                   "over-1-mib.json: the file is 1048577 bytes; a routine file may be at most 1 MiB");

  g_assert_cmpint (g_remove (path_ok), ==, 0);
  g_assert_cmpint (g_remove (path_big), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A folder, a missing file and a FIFO give a GError naming the file, and no hang. */
static void
test_not_a_routine_file (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("unknot-test-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GFile) fifo_file = g_file_new_for_path (fifo);

  g_assert_no_error (error);

  g_assert_null (unknot_routine_load_file (dir_file, "folder", catalogue, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_str_has_prefix (error->message, "folder: "));
  g_clear_error (&error);

  g_assert_null (unknot_routine_load_file (missing_file, NULL, catalogue, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, missing));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_null (unknot_routine_load_file (fifo_file, "fifo.json", catalogue, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpstr (error->message, ==, "fifo.json: not a regular file");
  g_clear_error (&error);

  g_assert_cmpint (g_remove (fifo), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Files whose size the system does not tell (stat() says 0, as for /proc): read whole, not
 * taken as empty; one over the limit is still refused, as it is read. */
static void
test_size_not_told (void)
{
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(GFile) status = g_file_new_for_path ("/proc/self/status");
  g_autoptr(GFile) symbols = g_file_new_for_path ("/proc/kallsyms");
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_stat ("/proc/self/status", &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_null (unknot_routine_load_file (status, "status.json", catalogue, NULL, &error));
  g_test_message ("%s", error->message);
  /* Its first character read and refused: "Name:..." is not JSON. */
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "status.json:1:1: not valid JSON"));
  g_clear_error (&error);

  if (!g_file_get_contents ("/proc/kallsyms", &contents, &length, NULL) ||
      length <= UNKNOT_MAX_FILE_SIZE)
    {
      g_test_message ("/proc/kallsyms is not readable or not over 1 MiB here: not tried");
      return;
    }
  g_assert_null (unknot_routine_load_file (symbols, "symbols.json", catalogue, NULL, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "symbols.json: the file is 1048577 bytes; a routine file may be at most 1 MiB");
}

/* Without a catalogue the loader checks everything but the technique ids. */
static void
test_no_catalogue (void)
{
  const char *json =
    "{ \"format\": 1, \"id\": \"x\", \"name\": \"X\", \"description\": \"\", \"steps\": ["
    "  { \"technique\": \"not-in-any-catalogue\", \"area\": \"neck\", \"duration\": 30 } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GError) error = NULL;

  routine = unknot_routine_load_bytes (bytes, "x.json", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (routine);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (routine, 0)), ==,
                   "not-in-any-catalogue");
}

/* What the loader fills in for keys a file leaves out. */
static void
test_defaults (void)
{
  const char *json =
    "{ \"format\": 1, \"id\": \"d\", \"name\": \"D\", \"description\": \"\", \"steps\": ["
    "  { \"technique\": \"deep-pressure\", \"area\": \"glutes\", \"duration\": 30 },"
    "  { \"kind\": \"rest\", \"duration\": 10 } ] }";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  UnknotCatalogue *catalogue = test_get_catalogue ();
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GError) error = NULL;
  UnknotStep *work, *rest;

  routine = unknot_routine_load_bytes (bytes, "d.json", catalogue, NULL, &error);
  g_assert_no_error (error);
  work = unknot_routine_get_step (routine, 0);
  rest = unknot_routine_get_step (routine, 1);

  g_assert_cmpuint (unknot_routine_get_preparation (routine), ==, UNKNOT_DEFAULT_PREPARATION);
  g_assert_cmpuint (unknot_routine_get_total_duration (routine), ==, 40);
  g_assert_cmpint (unknot_step_get_kind (work), ==, UNKNOT_KIND_WORK);
  g_assert_cmpint (unknot_step_get_side (work), ==, UNKNOT_SIDE_NONE);
  g_assert_cmpint (unknot_step_get_tool (work), ==, UNKNOT_TOOL_HANDS);
  /* The technique's own default pressure. */
  g_assert_cmpint (unknot_step_get_pressure (work), ==,
                   unknot_technique_get_default_pressure (
                     unknot_catalogue_lookup (catalogue, "deep-pressure")));
  g_assert_cmpstr (unknot_step_get_instructions (work), ==, "");
  g_assert_cmpstr (unknot_step_get_cue_sound (work), ==, "chime");
  g_assert_true (unknot_step_get_cue_speak (work));
  g_assert_true (unknot_step_is_rest (rest));
  g_assert_null (unknot_step_get_technique (rest));
  g_assert_cmpint (unknot_step_get_tool (rest), ==, UNKNOT_TOOL_NONE);
}

/* The schema's patterns for unknot_text_find_control(): a text of several lines, and of one. */
#define TEXT_PATTERN "^[^\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f]*$"
#define LINE_PATTERN "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"

static JsonObject *
schema_object (JsonNode   *root,
               const char *path)
{
  g_autoptr(JsonPath) json_path = json_path_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) found = NULL;

  json_path_compile (json_path, path, &error);
  g_assert_no_error (error);
  found = json_path_match (json_path, root);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (found)), ==, 1);
  return json_object_ref (json_array_get_object_element (json_node_get_array (found), 0));
}

static JsonNode *
load_schema (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("UNKNOT_DATA_DIR"), "routine.schema.json",
                                            NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

/* The GEnum nicks are the format's names: the same set as the JSON Schema's "enum" lists. */
static void
test_enum_nicks (void)
{
  static const struct {
    const char *path;
    GType     (*get_type) (void);
  } enums[] = {
    { "$.$defs.step.properties.kind", unknot_kind_get_type },
    { "$.$defs.area", unknot_area_get_type },
    { "$.$defs.step.properties.side", unknot_side_get_type },
    { "$.$defs.step.properties.pressure", unknot_pressure_get_type },
    { "$.$defs.step.properties.tool", unknot_tool_get_type },
  };
  g_autoptr(JsonNode) schema = load_schema ();

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_autoptr(JsonObject) object = schema_object (schema, enums[i].path);
      JsonArray *names = json_object_get_array_member (object, "enum");
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i].get_type ());

      g_assert_cmpuint (klass->n_values, ==, json_array_get_length (names));
      for (guint j = 0; j < json_array_get_length (names); j++)
        {
          const char *name = json_array_get_string_element (names, j);
          int value = unknot_enum_from_nick (enums[i].get_type (), name);

          g_assert_cmpint (value, >=, 0);
          g_assert_cmpstr (unknot_enum_to_nick (enums[i].get_type (), value), ==, name);
        }
    }

  g_assert_cmpint (unknot_enum_from_nick (UNKNOT_TYPE_AREA, "upper-back"), ==,
                   UNKNOT_AREA_UPPER_BACK);
  g_assert_cmpint (unknot_enum_from_nick (UNKNOT_TYPE_AREA, "Upper back"), ==, -1);
  g_assert_cmpstr (unknot_enum_to_nick (UNKNOT_TYPE_TOOL, UNKNOT_TOOL_FOAM_ROLLER), ==,
                   "foam-roller");
  g_assert_null (unknot_enum_to_nick (UNKNOT_TYPE_TOOL, UNKNOT_N_TOOLS));
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

static gint64
schema_int (JsonObject *object,
            const char *member,
            gint64      missing)
{
  return json_object_has_member (object, member) ? json_object_get_int_member (object, member)
                                                 : missing;
}

/* The field table and the JSON Schema describe the same format: the same keys in each object,
 * the same types, limits and required keys. */
static void
test_field_table (void)
{
  static const struct {
    UnknotField  parent;
    const char  *path;
  } objects[] = {
    { UNKNOT_FIELD_NONE, "$" },
    { UNKNOT_FIELD_STEPS, "$.$defs.step" },
    { UNKNOT_FIELD_STEP_CUE, "$.$defs.cue" },
  };
  static const char * const type_names[] = {
    [UNKNOT_FIELD_TYPE_INTEGER] = "integer", [UNKNOT_FIELD_TYPE_STRING] = "string",
    [UNKNOT_FIELD_TYPE_BOOLEAN] = "boolean", [UNKNOT_FIELD_TYPE_ENUM] = "string",
    [UNKNOT_FIELD_TYPE_ARRAY] = "array",
  };
  g_autoptr(JsonNode) schema = load_schema ();
  guint n_fields = 0;

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(JsonObject) object = schema_object (schema, objects[i].path);
      JsonObject *properties = json_object_get_object_member (object, "properties");
      JsonArray *required = json_object_has_member (object, "required")
                            ? json_object_get_array_member (object, "required") : NULL;
      JsonArray *else_required = NULL;
      g_autoptr(GList) keys = json_object_get_members (properties);

      /* A work step also needs what the schema's "else" branch requires. */
      if (json_object_has_member (object, "else"))
        else_required = json_object_get_array_member (
                          json_object_get_object_member (object, "else"), "required");

      for (GList *l = keys; l != NULL; l = l->next)
        {
          JsonObject *property = json_object_get_object_member (properties, l->data);
          UnknotField field = unknot_field_find (objects[i].parent, l->data);
          const UnknotFieldInfo *info = unknot_field_get_info (field);

          g_test_message ("%s.%s", objects[i].path, (const char *) l->data);
          g_assert_cmpint (field, !=, UNKNOT_FIELD_NONE);
          g_assert_cmpstr (info->key, ==, l->data);
          n_fields++;

          if (json_object_has_member (property, "type"))
            g_assert_cmpstr (json_object_get_string_member (property, "type"), ==,
                             type_names[info->type]);
          else
            g_assert_true (json_object_has_member (property, "$ref"));

          if (json_object_has_member (property, "const"))
            {
              g_assert_cmpint (json_object_get_int_member (property, "const"), ==, info->min);
              g_assert_cmpint (json_object_get_int_member (property, "const"), ==, info->max);
            }
          else if (info->type == UNKNOT_FIELD_TYPE_INTEGER)
            {
              g_assert_cmpint (schema_int (property, "minimum", -1), ==, info->min);
              g_assert_cmpint (schema_int (property, "maximum", -1), ==, info->max);
            }
          else if (info->type == UNKNOT_FIELD_TYPE_STRING)
            {
              g_assert_cmpint (schema_int (property, "minLength", 0), ==, info->min);
              /* 0: no limit of the field's own (a technique must be in the catalogue). */
              if (info->max != 0)
                g_assert_cmpint (schema_int (property, "maxLength", -1), ==, info->max);
              /* The texts people write: no control characters, line breaks where allowed. */
              if (info->label != NULL && field != UNKNOT_FIELD_ID
                  && field != UNKNOT_FIELD_STEP_CUE_SOUND
                  && field != UNKNOT_FIELD_STEP_TECHNIQUE)
                g_assert_cmpstr (json_object_get_string_member_with_default (property, "pattern",
                                                                             ""), ==,
                                 info->multiline ? TEXT_PATTERN : LINE_PATTERN);
            }
          else if (info->type == UNKNOT_FIELD_TYPE_ARRAY)
            {
              g_assert_cmpint (schema_int (property, "minItems", -1), ==, info->min);
              g_assert_cmpint (schema_int (property, "maxItems", -1), ==, info->max);
            }

          if (array_has_string (required, l->data))
            g_assert_true (info->required);
          if (info->required)
            g_assert_true (array_has_string (required, l->data)
                           || array_has_string (else_required, l->data));
        }
    }

  /* Every field but the empty one is in the schema. */
  g_assert_cmpuint (n_fields, ==, UNKNOT_N_FIELDS - 1);

  g_assert_cmpstr (unknot_field_get_label (UNKNOT_FIELD_STEP_DURATION), ==, "Duration");
  g_assert_cmpstr (unknot_field_get_label (UNKNOT_FIELD_STEP_AREA), ==, "Area");
  /* The window names every field of a problem by a label, never by its key. */
  for (UnknotField field = UNKNOT_FIELD_NONE + 1; field < UNKNOT_N_FIELDS; field++)
    g_assert_nonnull (unknot_field_get_label (field));
  g_assert_true (unknot_field_in_step (UNKNOT_FIELD_STEP_CUE_SOUND));
  g_assert_false (unknot_field_in_step (UNKNOT_FIELD_STEPS));
}

/* The paths problems show: steps counted from 0, as in the file's array. */
static void
test_field_paths (void)
{
  static const struct {
    int          step;
    UnknotField  field;
    const char  *key;
    const char  *path;
  } paths[] = {
    { -1, UNKNOT_FIELD_NAME, NULL, "name" },
    { -1, UNKNOT_FIELD_STEPS, NULL, "steps" },
    { -1, UNKNOT_FIELD_NONE, "colour", "colour" },
    { 3, UNKNOT_FIELD_NONE, NULL, "steps[3]" },
    { 3, UNKNOT_FIELD_STEPS, NULL, "steps[3]" },
    { 3, UNKNOT_FIELD_STEP_DURATION, NULL, "steps[3].duration" },
    { 0, UNKNOT_FIELD_STEP_CUE_SOUND, NULL, "steps[0].cue.sound" },
    { 2, UNKNOT_FIELD_NONE, "colour", "steps[2].colour" },
    { 2, UNKNOT_FIELD_STEP_CUE, "volume", "steps[2].cue.volume" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *path = unknot_field_build_path (paths[i].step, paths[i].field,
                                                       paths[i].key);

      g_assert_cmpstr (path, ==, paths[i].path);
    }
}

typedef struct {
  int         step;
  UnknotField field;
} Where;

/* The step (0-based) and field of each problem loading tests/routines/KIND/NAME.json gives. */
static void
assert_problems_at (const char  *kind,
                    const char  *name,
                    const Where *where,
                    guint        n)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "routines", kind, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(UnknotRoutine) routine = NULL;

  routine = unknot_routine_load_file (file, name, test_get_catalogue (), problems, NULL);
  g_assert_cmpuint (problems->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s: %s", name, problem->path);
      g_assert_cmpint (problem->step, ==, where[i].step);
      g_assert_cmpint (problem->field, ==, where[i].field);
    }
}

/* The window's words for a duration as the file writes it: @duration is its JSON text. */
static char *
describe_duration (const char *duration)
{
  g_autofree char *json = g_strdup_printf ("{ \"format\": 1, \"id\": \"d\", \"name\": \"D\", "
                                           "\"description\": \"\", \"steps\": [ { \"technique\": "
                                           "\"kneading\", \"area\": \"neck\", \"duration\": %s } ] }",
                                           duration);
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GError) error = NULL;

  routine = unknot_routine_load_bytes (bytes, "d.json", test_get_catalogue (), problems, &error);
  g_assert_null (routine);
  g_assert_cmpuint (problems->len, ==, 1);
  return unknot_problem_describe (g_ptr_array_index (problems, 0));
}

/* A number written as text: the window says what to write only when it is a whole number that
 * fits; what the file holds is quoted on one line, without its control characters, and cut
 * short when it is long. */
static void
test_described_values (void)
{
  static const struct {
    const char *json;
    const char *window;
  } cases[] = {
    { "\"90\"", "Step 1, Duration: written as text; write 90, not “90”" },
    { "\"-5\"", "Step 1, Duration: written as text; write -5, not “-5”" },
    { "\"ninety\"", "Step 1, Duration: “ninety” is written as text; write a whole number, "
                    "without quotes" },
    { "\"99999999999999999999\"", "Step 1, Duration: “99999999999999999999” is written as "
                                  "text; write a whole number, without quotes" },
    { "\"9\\u001b0\"", "Step 1, Duration: “9\\u001b0” is written as text; write a whole "
                        "number, without quotes" },
    { "\"0123456789012345678901234567890123456789\"", "Step 1, Duration: "
      "“0123456789012345678901234567890…” is written as text; write a whole number, without "
      "quotes" },
    { "30.5", "Step 1, Duration: 30.5 is not a whole number of seconds" },
    { "0", "Step 1, Duration: too short; at least 1 s" },
    { "7200", "Step 1, Duration: too long; at most 1 h" },
    { "true", "Step 1, Duration: not written as a number" },
    { "\"1:30\"", "Step 1, Duration: the file counts seconds; write 90, not “1:30”" },
    { "30.0", "Step 1, Duration: write 30, not 30.0" },
    { "1e9", "Step 1, Duration: too long; at most 1 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *window = describe_duration (cases[i].json);

      g_test_message ("%s: %s", cases[i].json, window);
      g_assert_cmpstr (window, ==, cases[i].window);
    }

  /* In Arabic, the step in Arabic digits; what to write in the file, in the digits it needs. */
  unknot_i18n_set_language ("ar");
  {
    g_autofree char *window = describe_duration ("\"90\"");

    g_test_message ("ar: %s", window);
    g_assert_true (g_str_has_prefix (window, "الخطوة ١، "));
    g_assert_nonnull (strstr (window, "اكتب 90، لا «90»"));
  }
  unknot_i18n_set_language ("en");
}

static void
test_problem_fields (void)
{
  static const Where several[] = {
    { -1, UNKNOT_FIELD_ID },
    { -1, UNKNOT_FIELD_NAME },
    { -1, UNKNOT_FIELD_PREPARATION },
    { 0, UNKNOT_FIELD_STEP_DURATION },
    { 1, UNKNOT_FIELD_STEP_TECHNIQUE },
    { 1, UNKNOT_FIELD_STEP_AREA },
    { 1, UNKNOT_FIELD_STEP_SIDE },
    { 2, UNKNOT_FIELD_STEP_KIND },
    { 2, UNKNOT_FIELD_STEP_TECHNIQUE },
    { 2, UNKNOT_FIELD_STEP_AREA },
    { 3, UNKNOT_FIELD_STEP_CUE_SOUND },
    { 3, UNKNOT_FIELD_STEP_CUE_SPEAK },
    { 4, UNKNOT_FIELD_NONE },   /* the step as a whole: not an object */
  };
  static const Where not_object[] = {
    { 0, UNKNOT_FIELD_NONE },
    { 1, UNKNOT_FIELD_STEP_TECHNIQUE },
  };
  static const Where cue[] = { { 0, UNKNOT_FIELD_STEP_CUE } };
  static const Where steps[] = { { -1, UNKNOT_FIELD_STEPS } };
  static const Where format[] = { { -1, UNKNOT_FIELD_FORMAT } };
  static const Where syntax[] = { { -1, UNKNOT_FIELD_NONE } };
  /* Keys the format does not know are no field; the path names them. */
  static const Where unknown[] = {
    { 0, UNKNOT_FIELD_NONE },
    { 0, UNKNOT_FIELD_NONE },
    { 1, UNKNOT_FIELD_NONE },
  };
  static const Where unknown_top[] = {
    { -1, UNKNOT_FIELD_NONE },
    { -1, UNKNOT_FIELD_NONE },
  };

  assert_problems_at ("bad", "several-errors.json", several, G_N_ELEMENTS (several));
  assert_problems_at ("bad", "step-not-object.json", not_object, G_N_ELEMENTS (not_object));
  assert_problems_at ("bad", "cue-not-object.json", cue, G_N_ELEMENTS (cue));
  assert_problems_at ("bad", "over-four-hours.json", steps, G_N_ELEMENTS (steps));
  assert_problems_at ("bad", "format-newer.json", format, G_N_ELEMENTS (format));
  assert_problems_at ("bad", "trailing-comma.json", syntax, G_N_ELEMENTS (syntax));
  assert_problems_at ("good", "unknown-step-keys.json", unknown, G_N_ELEMENTS (unknown));
  assert_problems_at ("good", "unknown-top-level-keys.json", unknown_top,
                      G_N_ELEMENTS (unknown_top));
}

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  const Case *ca = *(const Case **) a;
  const Case *cb = *(const Case **) b;

  return strcmp (ca->name, cb->name);
}

/* Adds a test per NAME.json in @dir; every one must have its NAME.expected and vice versa. */
static guint
add_cases (const char *kind)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "routines", kind, NULL);
  g_autoptr(GPtrArray) cases = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *stem = NULL;
      g_autofree char *other = NULL;

      if (g_str_has_suffix (name, ".json"))
        {
          Case *c = g_new0 (Case, 1);

          c->json = g_steal_pointer (&path);
          c->name = g_strdup (name);
          c->good = g_str_equal (kind, "good");
          g_ptr_array_add (cases, c);
          stem = g_strndup (name, strlen (name) - strlen (".json"));
          other = g_strconcat (stem, ".expected", NULL);
        }
      else if (g_str_has_suffix (name, ".expected"))
        {
          stem = g_strndup (name, strlen (name) - strlen (".expected"));
          other = g_strconcat (stem, ".json", NULL);
        }
      else
        g_error ("%s: unexpected file in the corpus", path);

      {
        g_autofree char *other_path = g_build_filename (dir, other, NULL);

        if (!g_file_test (other_path, G_FILE_TEST_IS_REGULAR))
          g_error ("%s: missing; every corpus file needs its pair", other_path);
      }
    }

  /* Same order on every run. */
  g_ptr_array_sort (cases, compare_cases);
  for (guint i = 0; i < cases->len; i++)
    {
      Case *c = g_ptr_array_index (cases, i);
      g_autofree char *stem = g_strndup (c->name, strlen (c->name) - strlen (".json"));
      g_autofree char *test = g_strdup_printf ("/loader/%s/%s", kind, stem);

      g_test_add_data_func_full (test, c, test_case, case_free);
    }

  return cases->len;
}

/* The saver and the editor apply the loader's rule on texts: a routine whose name came from a
 * paste with an escape sequence in it is neither saved nor valid. */
static void
test_text_rules (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("texts", "Name\033[31m");
  g_autoptr(UnknotStep) step = unknot_step_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  unknot_step_set_technique (step, "kneading");
  unknot_step_set_duration (step, 30);
  unknot_step_set_instructions (step, "Two\nlines\tand a tab");
  unknot_routine_append_step (routine, step);
  unknot_routine_set_description (routine, "Two\nlines are fine here.");

  problems = unknot_routine_check (routine, NULL, "texts.json");
  text = unknot_problems_to_string (problems);
  g_assert_cmpstr (text, ==,
                   "texts.json: name: contains a control character (U+001B)\n"
                   "texts.json: steps[0].instructions: contains a control character (U+0009)");

  unknot_routine_set_name (routine, "One\342\200\250line?");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&text, g_free);
  unknot_step_set_instructions (step, "Two\nlines");
  problems = unknot_routine_check (routine, NULL, "texts.json");
  text = unknot_problems_to_string (problems);
  g_assert_cmpstr (text, ==, "texts.json: name: contains a line break; this text must be one line");
}

int
main (int   argc,
      char *argv[])
{
  unknot_i18n_init ("");
  g_test_init (&argc, &argv, NULL);

  /* A corpus that shrank by accident would let the tests pass without testing. */
  g_assert_cmpuint (add_cases ("bad"), >=, 45);
  g_assert_cmpuint (add_cases ("good"), >=, 3);

  g_test_add_func ("/loader/size-limit", test_size_limit);
  g_test_add_func ("/loader/not-a-routine-file", test_not_a_routine_file);
  g_test_add_func ("/loader/size-not-told", test_size_not_told);
  g_test_add_func ("/loader/no-catalogue", test_no_catalogue);
  g_test_add_func ("/loader/defaults", test_defaults);
  g_test_add_func ("/loader/enum-nicks", test_enum_nicks);
  g_test_add_func ("/loader/field-table", test_field_table);
  g_test_add_func ("/loader/field-paths", test_field_paths);
  g_test_add_func ("/loader/problem-fields", test_problem_fields);
  g_test_add_func ("/loader/described-values", test_described_values);
  g_test_add_func ("/loader/text-rules", test_text_rules);

  return g_test_run ();
}
