/* unknot-routine-io.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "unknot-fields.h"
#include "unknot-json-private.h"
#include "unknot-routine-io.h"

typedef struct {
  UnknotJsonContext  json;
  GHashTable        *failed;   /* (step, field) already reported, so the model check skips them */
} Loader;

static const UnknotFieldInfo *
info (UnknotField field)
{
  return unknot_field_get_info (field);
}

static void
add_failed (Loader      *loader,
            int          step,
            UnknotField  field)
{
  g_hash_table_add (loader->failed, _UNKNOT_FIELD_KEY (step, field));
}

static void
mark_failed (Loader                *loader,
             guint                  errors_before,
             const UnknotJsonScope *scope,
             UnknotField            field)
{
  if (unknot_problems_count_errors (loader->json.problems) > errors_before)
    add_failed (loader, scope != NULL ? scope->step : -1, field);
}

/* Reads @field, a string, with the table's limits; @min_chars overrides its minimum. */
static gboolean
read_string (Loader                 *loader,
             JsonObject             *object,
             const UnknotJsonScope  *scope,
             UnknotField             field,
             guint                   min_chars,
             const char            **out)
{
  const UnknotFieldInfo *f = info (field);

  g_assert (f->type == UNKNOT_FIELD_TYPE_STRING);
  return unknot_json_get_string (&loader->json, object, scope, f->key, f->required, min_chars,
                                 (guint) f->max, f->multiline, out);
}

static gboolean
read_int (Loader                *loader,
          JsonObject            *object,
          const UnknotJsonScope *scope,
          UnknotField            field,
          gint64                *out)
{
  const UnknotFieldInfo *f = info (field);

  g_assert (f->type == UNKNOT_FIELD_TYPE_INTEGER);
  return unknot_json_get_int (&loader->json, object, scope, f->key, f->required, f->min, f->max,
                              f->unit, out);
}

static gboolean
read_enum (Loader                *loader,
           JsonObject            *object,
           const UnknotJsonScope *scope,
           UnknotField            field,
           int                   *out)
{
  const UnknotFieldInfo *f = info (field);

  g_assert (f->type == UNKNOT_FIELD_TYPE_ENUM);
  return unknot_json_get_enum (&loader->json, object, scope, f->key, f->enum_type (),
                               f->required, out);
}

/* Every member of @object that is no field of the format there is ignored, with a warning. */
static void
warn_unknown (Loader                *loader,
              JsonObject            *object,
              const UnknotJsonScope *scope)
{
  UnknotField parent = scope != NULL ? scope->field : UNKNOT_FIELD_NONE;
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  /* In file order, so the warnings read like the file and do not depend on hashing. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &node))
    if (unknot_field_find (parent, key) == UNKNOT_FIELD_NONE)
      unknot_json_warning (&loader->json, scope, key, _("unknown key, ignored"));
}

static void
read_cue (Loader                *loader,
          JsonObject            *step_object,
          const UnknotJsonScope *step_scope,
          UnknotStep            *step)
{
  const UnknotJsonScope scope = { NULL, step_scope->step, UNKNOT_FIELD_STEP_CUE };
  const char *key = info (UNKNOT_FIELD_STEP_CUE)->key;
  JsonNode *node = json_object_get_member (step_object, key);
  const char *sound = NULL;
  gboolean speak = TRUE;
  JsonObject *cue;
  guint errors;

  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      unknot_json_error (&loader->json, step_scope, key, _("%s; expected an object with "
                                                           "\"sound\" and \"speak\""),
                         unknot_json_type_name (node));
      unknot_json_set_kind (&loader->json, UNKNOT_PROBLEM_WRONG_TYPE, NULL);
      return;
    }
  cue = json_node_get_object (node);

  errors = unknot_problems_count_errors (loader->json.problems);
  if (read_string (loader, cue, &scope, UNKNOT_FIELD_STEP_CUE_SOUND,
                   info (UNKNOT_FIELD_STEP_CUE_SOUND)->min, &sound))
    unknot_step_set_cue_sound (step, sound);
  mark_failed (loader, errors, &scope, UNKNOT_FIELD_STEP_CUE_SOUND);

  if (unknot_json_get_bool (&loader->json, cue, &scope, info (UNKNOT_FIELD_STEP_CUE_SPEAK)->key,
                            &speak))
    unknot_step_set_cue_speak (step, speak);

  warn_unknown (loader, cue, &scope);
}

static UnknotStep *
read_step (Loader          *loader,
           JsonNode        *node,
           guint            index,
           UnknotCatalogue *catalogue)
{
  const UnknotJsonScope scope = { NULL, (int) index, UNKNOT_FIELD_STEPS };
  g_autoptr(UnknotStep) step = unknot_step_new ();
  UnknotJsonContext *ctx = &loader->json;
  const char *technique = NULL, *instructions = NULL;
  int kind = UNKNOT_KIND_WORK, value;
  gint64 duration;
  JsonObject *object;
  guint errors;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      static const UnknotField checked[] = {
        UNKNOT_FIELD_STEP_TECHNIQUE, UNKNOT_FIELD_STEP_DURATION, UNKNOT_FIELD_STEP_INSTRUCTIONS,
        UNKNOT_FIELD_STEP_CUE_SOUND,
      };

      unknot_json_error (ctx, &scope, NULL, _("%s; expected a step object"),
                         unknot_json_type_name (node));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_WRONG_TYPE, NULL);

      /* A placeholder keeps the steps after it at their index, so the model check names them
       * by their place in the file; it says nothing about the placeholder itself. */
      for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
        add_failed (loader, scope.step, checked[i]);
      unknot_step_set_technique (step, NULL);
      unknot_step_set_duration (step, 0);
      return g_steal_pointer (&step);
    }
  object = json_node_get_object (node);

  read_enum (loader, object, &scope, UNKNOT_FIELD_STEP_KIND, &kind);

  if (kind == UNKNOT_KIND_REST)
    {
      static const UnknotField ignored[] = {
        UNKNOT_FIELD_STEP_SIDE, UNKNOT_FIELD_STEP_PRESSURE, UNKNOT_FIELD_STEP_TOOL,
        UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS, UNKNOT_FIELD_STEP_POSITION,
      };
      g_autoptr(UnknotStep) rest = unknot_step_new_rest (0);

      g_set_object (&step, rest);

      /* Kept in the model so the shared check names it; area and the rest have no meaning. */
      if (json_object_has_member (object, info (UNKNOT_FIELD_STEP_AREA)->key))
        {
          unknot_json_error (ctx, &scope, info (UNKNOT_FIELD_STEP_AREA)->key,
                             _("a rest step has no area; remove it or make the step "
                               "\"kind\": \"work\""));
          unknot_json_set_kind (ctx, UNKNOT_PROBLEM_NOT_ON_REST, NULL);
        }
      for (guint i = 0; i < G_N_ELEMENTS (ignored); i++)
        if (json_object_has_member (object, info (ignored[i])->key))
          unknot_json_warning (ctx, &scope, info (ignored[i])->key, _("ignored on a rest step"));
    }

  errors = unknot_problems_count_errors (ctx->problems);
  if (kind == UNKNOT_KIND_REST)
    {
      /* Any technique is read, even "", so that the check says a rest step has none. */
      if (read_string (loader, object, &scope, UNKNOT_FIELD_STEP_TECHNIQUE, 0, &technique))
        unknot_step_set_technique (step, technique);
    }
  else
    {
      /* A missing technique is left to the model check, which lists the catalogue's ids. */
      if (read_string (loader, object, &scope, UNKNOT_FIELD_STEP_TECHNIQUE,
                       info (UNKNOT_FIELD_STEP_TECHNIQUE)->min, &technique))
        unknot_step_set_technique (step, technique);
      mark_failed (loader, errors, &scope, UNKNOT_FIELD_STEP_TECHNIQUE);

      if (read_enum (loader, object, &scope, UNKNOT_FIELD_STEP_AREA, &value))
        unknot_step_set_area (step, value);
      if (read_enum (loader, object, &scope, UNKNOT_FIELD_STEP_SIDE, &value))
        unknot_step_set_side (step, value);
      if (read_enum (loader, object, &scope, UNKNOT_FIELD_STEP_PRESSURE, &value))
        unknot_step_set_pressure (step, value);
      else if (!json_object_has_member (object, info (UNKNOT_FIELD_STEP_PRESSURE)->key)
               && catalogue != NULL && unknot_catalogue_lookup (catalogue, technique) != NULL)
        unknot_step_set_pressure (step, unknot_technique_get_default_pressure (
                                          unknot_catalogue_lookup (catalogue, technique)));
      if (read_enum (loader, object, &scope, UNKNOT_FIELD_STEP_TOOL, &value))
        unknot_step_set_tool (step, value);
      if (read_enum (loader, object, &scope, UNKNOT_FIELD_STEP_POSITION, &value))
        unknot_step_set_position (step, value);
    }

  errors = unknot_problems_count_errors (ctx->problems);
  if (read_int (loader, object, &scope, UNKNOT_FIELD_STEP_DURATION, &duration))
    unknot_step_set_duration (step, (guint) duration);
  else
    unknot_step_set_duration (step, 0);   /* not counted in the total */
  mark_failed (loader, errors, &scope, UNKNOT_FIELD_STEP_DURATION);

  errors = unknot_problems_count_errors (ctx->problems);
  if (read_string (loader, object, &scope, UNKNOT_FIELD_STEP_INSTRUCTIONS,
                   info (UNKNOT_FIELD_STEP_INSTRUCTIONS)->min, &instructions))
    unknot_step_set_instructions (step, instructions);
  else
    unknot_step_set_instructions (step, "");
  mark_failed (loader, errors, &scope, UNKNOT_FIELD_STEP_INSTRUCTIONS);

  if (kind != UNKNOT_KIND_REST)
    {
      const char *second = NULL;
      const char *second_key = info (UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS)->key;

      errors = unknot_problems_count_errors (ctx->problems);
      if (read_string (loader, object, &scope, UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS,
                       info (UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS)->min, &second))
        unknot_step_set_second_instructions (step, second);
      mark_failed (loader, errors, &scope, UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS);
      /* Kept (the side may be changed back), but said: nobody will hear them. */
      if (second != NULL && *second != '\0' && unknot_step_get_side (step) != UNKNOT_SIDE_BOTH)
        unknot_json_warning (ctx, &scope, second_key,
                             _("only used on a step on both sides (\"side\": \"both\")"));
    }

  {
    gboolean hold = FALSE;

    if (unknot_json_get_bool (ctx, object, &scope, info (UNKNOT_FIELD_STEP_HOLD)->key, &hold))
      unknot_step_set_hold (step, hold);
  }

  if (unknot_step_get_cue_sound (step) == NULL)
    unknot_step_set_cue_sound (step, "chime");
  read_cue (loader, object, &scope, step);

  warn_unknown (loader, object, &scope);

  return g_steal_pointer (&step);
}

static UnknotRoutine *
read_routine (Loader          *loader,
              JsonObject      *object,
              UnknotCatalogue *catalogue,
              gboolean        *too_new)
{
  UnknotJsonContext *ctx = &loader->json;
  const char *steps_key = info (UNKNOT_FIELD_STEPS)->key;
  const char *format_key = info (UNKNOT_FIELD_FORMAT)->key;
  g_autoptr(UnknotRoutine) routine = unknot_routine_new (NULL, NULL);
  const char *id = NULL, *name = NULL, *description = NULL;
  gint64 format = 0, preparation;
  JsonNode *steps;
  guint errors;

  /* Any integer is read: a version out of range has messages of its own. */
  if (!unknot_json_get_int (ctx, object, NULL, format_key, TRUE, G_MININT64, G_MAXINT64, NULL,
                            &format))
    return NULL;

  if (format < info (UNKNOT_FIELD_FORMAT)->min)
    {
      unknot_json_error (ctx, NULL, format_key, _("%lld is not a format version; expected %d"),
                         (long long) format, UNKNOT_FORMAT_VERSION);
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_TOO_SMALL, NULL);
      return NULL;
    }

  if (format > info (UNKNOT_FIELD_FORMAT)->max)
    {
      /* What follows may mean something else in that format: do not guess. */
      unknot_json_error (ctx, NULL, format_key, _("the file is in format %lld, made by a newer "
                                                  "Unknot; this version reads format %d"),
                         (long long) format, UNKNOT_FORMAT_VERSION);
      *too_new = TRUE;
      return NULL;
    }

  errors = unknot_problems_count_errors (ctx->problems);
  if (read_string (loader, object, NULL, UNKNOT_FIELD_ID, info (UNKNOT_FIELD_ID)->min, &id))
    unknot_routine_set_id (routine, id);
  mark_failed (loader, errors, NULL, UNKNOT_FIELD_ID);

  errors = unknot_problems_count_errors (ctx->problems);
  if (read_string (loader, object, NULL, UNKNOT_FIELD_NAME, info (UNKNOT_FIELD_NAME)->min,
                   &name))
    unknot_routine_set_name (routine, name);
  mark_failed (loader, errors, NULL, UNKNOT_FIELD_NAME);

  errors = unknot_problems_count_errors (ctx->problems);
  if (read_string (loader, object, NULL, UNKNOT_FIELD_DESCRIPTION,
                   info (UNKNOT_FIELD_DESCRIPTION)->min, &description))
    unknot_routine_set_description (routine, description);
  mark_failed (loader, errors, NULL, UNKNOT_FIELD_DESCRIPTION);

  errors = unknot_problems_count_errors (ctx->problems);
  if (read_int (loader, object, NULL, UNKNOT_FIELD_PREPARATION, &preparation))
    unknot_routine_set_preparation (routine, (guint) preparation);
  mark_failed (loader, errors, NULL, UNKNOT_FIELD_PREPARATION);

  warn_unknown (loader, object, NULL);

  steps = json_object_get_member (object, steps_key);
  if (steps == NULL)
    {
      unknot_json_error (ctx, NULL, steps_key, _("missing; expected an array of steps"));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_MISSING, NULL);
      add_failed (loader, -1, UNKNOT_FIELD_STEPS);
    }
  else if (!JSON_NODE_HOLDS_ARRAY (steps))
    {
      unknot_json_error (ctx, NULL, steps_key, _("%s; expected an array of steps"),
                         unknot_json_type_name (steps));
      unknot_json_set_kind (ctx, UNKNOT_PROBLEM_WRONG_TYPE, NULL);
      add_failed (loader, -1, UNKNOT_FIELD_STEPS);
    }
  else
    {
      JsonArray *array = json_node_get_array (steps);
      guint n = json_array_get_length (array);
      g_autoptr(GPtrArray) read = g_ptr_array_new_full (MIN (n, 1024), g_object_unref);

      for (guint i = 0; i < n; i++)
        {
          UnknotStep *step = read_step (loader, json_array_get_element (array, i), i, catalogue);

          if (step != NULL)
            g_ptr_array_add (read, step);
        }

      /* One splice: the routine sums its durations once, not once per step. */
      g_list_store_splice (G_LIST_STORE (unknot_routine_get_steps (routine)), 0, 0,
                           read->pdata, read->len);
    }

  return g_steal_pointer (&routine);
}

/* Where a problem sits in a routine file, as { routine field, step, step field, cue field } in
 * the field table's order, so the problems read top to bottom like the file rather than in the
 * order the checks ran. Keys the format does not know come after the fields beside them. */
static void
problem_rank (const UnknotProblem *problem,
              guint                rank[4])
{
  memset (rank, 0, 4 * sizeof (guint));
  if (problem->path == NULL)
    return;   /* the file as a whole: first */

  if (problem->step < 0)
    {
      rank[0] = problem->field != UNKNOT_FIELD_NONE ? problem->field : UNKNOT_N_FIELDS;
      return;
    }

  rank[0] = UNKNOT_FIELD_STEPS;
  rank[1] = (guint) problem->step + 1;
  if (problem->field == UNKNOT_FIELD_NONE)
    rank[2] = UNKNOT_N_FIELDS;   /* a whole step is never reported beside its fields */
  else if (info (problem->field)->parent == UNKNOT_FIELD_STEPS)
    rank[2] = problem->field;
  else
    {
      rank[2] = info (problem->field)->parent;
      rank[3] = problem->field;
    }
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  guint ra[4], rb[4];

  problem_rank (*(const UnknotProblem **) a, ra);
  problem_rank (*(const UnknotProblem **) b, rb);

  for (guint i = 0; i < 4; i++)
    if (ra[i] != rb[i])
      return ra[i] < rb[i] ? -1 : 1;
  return 0;
}

/**
 * unknot_routine_load_bytes:
 * @problems: (nullable): an array of #UnknotProblem to append every problem to, warnings included
 *
 * Returns: (transfer full) (nullable): the routine, or %NULL with @error set to every error found
 * (one per line) when the data breaks the format.
 */
UnknotRoutine *
unknot_routine_load_bytes (GBytes           *bytes,
                           const char       *display_name,
                           UnknotCatalogue  *catalogue,
                           GPtrArray        *problems,
                           GError          **error)
{
  g_autoptr(GPtrArray) own = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GHashTable) failed = g_hash_table_new (NULL, NULL);
  Loader loader = { { display_name, own, TRUE }, failed };
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(JsonNode) root = NULL;
  gboolean too_new = FALSE;
  JsonObject *object;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (catalogue == NULL || UNKNOT_IS_CATALOGUE (catalogue), NULL);

  if ((root = unknot_json_parse (&loader.json, bytes)) != NULL
      && (object = unknot_json_root_object (&loader.json, root, _("a routine"))) != NULL)
    routine = read_routine (&loader, object, catalogue, &too_new);

  if (routine != NULL)
    {
      _unknot_routine_check_into (routine, catalogue, display_name, failed, own);
      g_ptr_array_sort (own, compare_problems);   /* stable: equal ranks keep their order */
    }

  if (problems != NULL)
    for (guint i = 0; i < own->len; i++)
      g_ptr_array_add (problems, unknot_problem_copy (g_ptr_array_index (own, i)));

  if (unknot_problems_count_errors (own) > 0)
    {
      g_autoptr(GPtrArray) errors = g_ptr_array_new ();
      g_autofree char *message = NULL;

      for (guint i = 0; i < own->len; i++)
        if (!((UnknotProblem *) g_ptr_array_index (own, i))->warning)
          g_ptr_array_add (errors, g_ptr_array_index (own, i));
      message = unknot_problems_to_string (errors);

      g_set_error_literal (error, UNKNOT_ERROR,
                           too_new ? UNKNOT_ERROR_TOO_NEW : UNKNOT_ERROR_INVALID, message);
      return NULL;
    }

  return g_steal_pointer (&routine);
}

/* A file that cannot be read at all: one problem naming it, and the same as a GError. */
static UnknotRoutine *
refuse_file (const char  *name,
             GPtrArray   *problems,
             GError     **error,
             GQuark       domain,
             int          code,
             const char  *message)
{
  if (problems != NULL)
    g_ptr_array_add (problems, unknot_problem_new (name, 0, 0, NULL, FALSE, message));
  g_set_error (error, domain, code, "%s: %s", name, message);
  return NULL;
}

/* A file on disk, read through one descriptor: what is checked (a regular file, its size) is
 * what is read, a FIFO or a device never blocks the reader (O_NONBLOCK), and a file that cannot
 * be read says why in the system's words ("Permission denied"), not as some other kind of file.
 * Returns the bytes, or NULL with a problem added. */
static GBytes *
read_path (const char  *path,
           const char  *name,
           GPtrArray   *problems,
           GError     **error)
{
  g_autofree char *data = NULL;
  struct stat st;
  gsize length = 0, capacity;
  int fd, saved_errno;

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0 || fstat (fd, &st) != 0)
    goto failed;

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      refuse_file (name, problems, error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("a folder, not a routine file"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      refuse_file (name, problems, error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("not a regular file"));
      return NULL;
    }
  if (st.st_size > UNKNOT_MAX_FILE_SIZE)
    {
      g_autofree char *message =
        g_strdup_printf (_("the file is %lld bytes; a routine file may be at most 1 MiB"),
                         (long long) st.st_size);

      close (fd);
      refuse_file (name, problems, error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, message);
      return NULL;
    }

  /* Room for the size fstat() gave and one byte more, so the end shows in the first read (a
   * buffer of the limit's size for every file cost a mapping of 1 MiB and its unmapping a file:
   * a third of the time of loading a thousand small routines). A file that grew since fstat()
   * gets more room, up to one byte more than the limit, so it is still caught. */
  capacity = (gsize) st.st_size + 1;
  data = g_malloc (capacity);
  while (length <= UNKNOT_MAX_FILE_SIZE)
    {
      gssize got;

      if (length == capacity)
        {
          capacity = MIN (capacity * 2, (gsize) UNKNOT_MAX_FILE_SIZE + 1);
          data = g_realloc (data, capacity);
        }
      got = read (fd, data + length, capacity - length);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        goto failed;
      if (got == 0)
        break;
      length += got;
    }
  close (fd);

  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), MAX (length, 1)), length);

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  refuse_file (name, problems, error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               g_strerror (saved_errno));
  return NULL;
}

/**
 * unknot_routine_load_file:
 * @display_name: (nullable): the name used in messages; the file's path when %NULL
 * @problems: (nullable): as for unknot_routine_load_bytes(); a file that cannot be read adds one
 *   problem too
 */
UnknotRoutine *
unknot_routine_load_file (GFile            *file,
                          const char       *display_name,
                          UnknotCatalogue  *catalogue,
                          GPtrArray        *problems,
                          GError          **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  UnknotRoutine *routine;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = display_name ? g_strdup (display_name) : g_file_get_parse_name (file);

  if (g_file_peek_path (file) != NULL)
    {
      if (!(bytes = read_path (g_file_peek_path (file), name, problems, error)))
        return NULL;
    }
  else
    {
      /* Not on a local disk (a GVfs location): GIO's checks, then its read. */
      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL,
                                &local_error);
      if (info == NULL)
        return refuse_file (name, problems, error, local_error->domain, local_error->code,
                            local_error->message);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        return refuse_file (name, problems, error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                            _("a folder, not a routine file"));

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        return refuse_file (name, problems, error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                            _("not a regular file"));

      if (g_file_info_get_size (info) > UNKNOT_MAX_FILE_SIZE)
        {
          g_autofree char *message =
            g_strdup_printf (_("the file is %lld bytes; a routine file may be at most 1 MiB"),
                             (long long) g_file_info_get_size (info));

          return refuse_file (name, problems, error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                              message);
        }

      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
      if (bytes == NULL)
        return refuse_file (name, problems, error, local_error->domain, local_error->code,
                            local_error->message);
    }

  routine = unknot_routine_load_bytes (bytes, name, catalogue, problems, error);
  if (routine != NULL)
    unknot_routine_set_file (routine, file);

  return routine;
}

static void
add_string (JsonBuilder *b,
            UnknotField  field,
            const char  *value)
{
  json_builder_set_member_name (b, info (field)->key);
  json_builder_add_string_value (b, value ? value : "");
}

static void
add_int (JsonBuilder *b,
         UnknotField  field,
         gint64       value)
{
  json_builder_set_member_name (b, info (field)->key);
  json_builder_add_int_value (b, value);
}

static void
add_enum (JsonBuilder *b,
          UnknotField  field,
          int          value)
{
  add_string (b, field, unknot_enum_to_nick (info (field)->enum_type (), value));
}

static void
build_step (JsonBuilder *b,
            UnknotStep  *step)
{
  json_builder_begin_object (b);

  if (unknot_step_is_rest (step))
    add_enum (b, UNKNOT_FIELD_STEP_KIND, UNKNOT_KIND_REST);
  else
    {
      add_string (b, UNKNOT_FIELD_STEP_TECHNIQUE, unknot_step_get_technique (step));
      add_enum (b, UNKNOT_FIELD_STEP_AREA, unknot_step_get_area (step));
      add_enum (b, UNKNOT_FIELD_STEP_SIDE, unknot_step_get_side (step));
      add_enum (b, UNKNOT_FIELD_STEP_PRESSURE, unknot_step_get_pressure (step));
      add_enum (b, UNKNOT_FIELD_STEP_TOOL, unknot_step_get_tool (step));
    }
  add_int (b, UNKNOT_FIELD_STEP_DURATION, unknot_step_get_duration (step));
  add_string (b, UNKNOT_FIELD_STEP_INSTRUCTIONS, unknot_step_get_instructions (step));
  /* Written only when used, so the files of routines that do not use them stay as they were
   * (and as an Unknot without them reads them, without a warning). */
  if (!unknot_step_is_rest (step) && *unknot_step_get_second_instructions (step) != '\0')
    add_string (b, UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS,
                unknot_step_get_second_instructions (step));
  if (unknot_step_get_hold (step))
    {
      json_builder_set_member_name (b, info (UNKNOT_FIELD_STEP_HOLD)->key);
      json_builder_add_boolean_value (b, TRUE);
    }
  if (!unknot_step_is_rest (step) && unknot_step_get_position (step) != UNKNOT_POSITION_ANY)
    add_enum (b, UNKNOT_FIELD_STEP_POSITION, unknot_step_get_position (step));

  json_builder_set_member_name (b, info (UNKNOT_FIELD_STEP_CUE)->key);
  json_builder_begin_object (b);
  add_string (b, UNKNOT_FIELD_STEP_CUE_SOUND,
              unknot_step_get_cue_sound (step) ? unknot_step_get_cue_sound (step) : "chime");
  json_builder_set_member_name (b, info (UNKNOT_FIELD_STEP_CUE_SPEAK)->key);
  json_builder_add_boolean_value (b, unknot_step_get_cue_speak (step));
  json_builder_end_object (b);

  json_builder_end_object (b);
}

/* Pretty JSON, keys always in the same order, every field written (but the two that are only
 * written when used: a second side's words and "hold"): saving twice gives the same bytes, and a
 * file saved by this version never depends on defaults. */
char *
unknot_routine_to_json (UnknotRoutine *routine,
                        gsize         *length)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), NULL);

  json_builder_begin_object (b);
  add_int (b, UNKNOT_FIELD_FORMAT, UNKNOT_FORMAT_VERSION);
  add_string (b, UNKNOT_FIELD_ID, unknot_routine_get_id (routine));
  add_string (b, UNKNOT_FIELD_NAME, unknot_routine_get_name (routine));
  add_string (b, UNKNOT_FIELD_DESCRIPTION, unknot_routine_get_description (routine));
  add_int (b, UNKNOT_FIELD_PREPARATION, unknot_routine_get_preparation (routine));
  json_builder_set_member_name (b, info (UNKNOT_FIELD_STEPS)->key);
  json_builder_begin_array (b);
  n = unknot_routine_get_n_steps (routine);
  for (guint i = 0; i < n; i++)
    build_step (b, unknot_routine_get_step (routine, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* ".NAME.unknot-XXXXXX": hidden, so the library and file managers pass it by, and marked as
 * Unknot's own, so the clean-up at start touches nothing else. */
#define TEMPORARY_MARK ".unknot-"
#define TEMPORARY_RANDOM 6

/**
 * unknot_is_temporary_file_name:
 *
 * Whether @name is the name of one of the saver's temporary files, which a save killed between
 * its write and its rename leaves behind: "." + the file's name + ".unknot-" + six letters or
 * digits.
 */
gboolean
unknot_is_temporary_file_name (const char *name)
{
  const char *mark;
  gsize len;

  g_return_val_if_fail (name != NULL, FALSE);

  len = strlen (name);
  if (name[0] != '.' || len < 1 + 1 + strlen (TEMPORARY_MARK) + TEMPORARY_RANDOM)
    return FALSE;
  mark = name + len - TEMPORARY_RANDOM - strlen (TEMPORARY_MARK);
  if (strncmp (mark, TEMPORARY_MARK, strlen (TEMPORARY_MARK)) != 0)
    return FALSE;
  for (const char *p = mark + strlen (TEMPORARY_MARK); *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/**
 * unknot_clean_temporary_files:
 * @min_age: how old a temporary file must be (by its modification time) to be removed, so that
 *   a save under way in another Unknot is left alone
 *
 * Removes the temporary files an earlier save left in @dir when it was killed. Only regular
 * files whose name unknot_is_temporary_file_name() accepts are removed; nothing else in @dir is
 * touched.
 *
 * Returns: how many were removed
 */
guint
unknot_clean_temporary_files (const char *dir,
                              GTimeSpan   min_age)
{
  g_autoptr(GDir) d = NULL;
  gint64 now = g_get_real_time ();
  const char *entry;
  guint removed = 0;

  if (dir == NULL || !(d = g_dir_open (dir, 0, NULL)))
    return 0;

  while ((entry = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (!unknot_is_temporary_file_name (entry))
        continue;
      path = g_build_filename (dir, entry, NULL);
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode)
          || now - (gint64) st.st_mtime * G_USEC_PER_SEC < min_age)
        continue;
      if (g_unlink (path) == 0)
        removed++;
    }
  return removed;
}

/* The error of a save that failed with @errno_value, in one domain whichever step failed. */
static gboolean
save_failed (GError     **error,
             const char  *name,
             int          errno_value)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno_value), _("Could not save %s: %s"),
               name, g_strerror (errno_value));
  return FALSE;
}

/**
 * unknot_fd_write_all:
 * @fd: an open file descriptor
 * @data: what to write
 * @length: its length
 *
 * Writes all of @data, through short writes and interruptions.
 *
 * Returns: %TRUE, or %FALSE with errno set
 */
gboolean
unknot_fd_write_all (int         fd,
                     const void *data,
                     gsize       length)
{
  const char *p = data;

  while (length > 0)
    {
      gssize done = write (fd, p, length);

      if (done < 0 && errno == EINTR)
        continue;
      if (done < 0)
        return FALSE;
      if (done == 0)
        {
          errno = EIO;
          return FALSE;
        }
      p += done;
      length -= (gsize) done;
    }
  return TRUE;
}

/* Flushes @path's folder, so that the rename in it is on disk too. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Where a save of @path writes: @path itself, or for a symbolic link the file it leads to, as
 * GNOME Text Editor does, so the link stays a link and its target gets the new text. A link
 * that leads nowhere (or in a loop) is refused rather than replaced by a file. */
static char *
resolve_target (const char  *path,
                const char  *name,
                GError     **error)
{
  struct stat st;
  char *target;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);

  if ((target = realpath (path, NULL)) == NULL)
    {
      int saved_errno = errno;
      g_autofree char *points_to = g_file_read_link (path, NULL);
      g_autofree char *shown = g_filename_display_name (points_to ? points_to : "");

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not save %s: it is a link to “%s”, which cannot be reached (%s); "
                     "it was left as it was"), name, shown, g_strerror (saved_errno));
      return NULL;
    }
  return target;
}

/**
 * unknot_file_write_atomic:
 *
 * Writes @data to @file so that after a crash at any moment it holds its old bytes or the new
 * ones: into a temporary file beside it (see unknot_is_temporary_file_name()), flushed to disk
 * (fsync), then renamed over it, and the folder flushed. An existing file keeps its permissions
 * (and, where allowed, its owner); one without any write permission (0444) is refused, not
 * replaced; a symbolic link is followed and its target written, the link kept.
 */
gboolean
unknot_file_write_atomic (GFile       *file,
                          const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  gboolean existed = FALSE;
  struct stat st;
  int fd, saved_errno;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);

  if (g_file_peek_path (file) == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      /* Not on a local disk: GIO's own replace, atomic where the backend can be. */
      if (g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                   NULL, &local_error))
        return TRUE;
      g_set_error (error, local_error->domain, local_error->code, _("Could not save %s: %s"),
                   name, local_error->message);
      return FALSE;
    }

  if (!(target = resolve_target (g_file_peek_path (file), name, error)))
    return FALSE;

  if (stat (target, &st) == 0)
    {
      existed = TRUE;
      if (S_ISDIR (st.st_mode))
        return save_failed (error, name, EISDIR);
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                       _("Could not save %s: it is not a regular file"), name);
          return FALSE;
        }
      /* Checked by its mode, not by access(): a rename needs only the folder's permission, and
       * root may write anything, but a file someone made read-only is meant to stay as it is. */
      if ((st.st_mode & 0222) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                       _("Could not save %s: the file is read-only, so it was left as it was; "
                         "make it writable or save under another name"), name);
          return FALSE;
        }
    }
  else if (errno != ENOENT)
    return save_failed (error, name, errno);

  dir = g_path_get_dirname (target);
  base = g_path_get_basename (target);
  /* Long enough to tell whose it is, short enough for the 255-byte limit of a name. */
  tmp = g_strdup_printf ("%s/.%.200s" TEMPORARY_MARK "XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    return save_failed (error, name, errno);

  /* The mode exactly (the umask would narrow 0664 to 0644), then the owner where allowed. */
  if ((existed && fchmod (fd, st.st_mode & 07777) != 0)
      || !unknot_fd_write_all (fd, data, length)
      || fsync (fd) != 0)
    goto failed;
  if (existed && (st.st_uid != geteuid () || st.st_gid != getegid ()))
    {
      /* Only root may give a file away; anyone may fail to, and the save still happens. */
      if (fchown (fd, st.st_uid, st.st_gid) != 0)
        g_debug ("%s keeps the saver's owner: %s", name, g_strerror (errno));
    }
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;

  if (rename (tmp, target) != 0)
    goto failed;
  sync_folder (target);
  return TRUE;

failed:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return save_failed (error, name, saved_errno);
}

/**
 * unknot_routine_save:
 *
 * Checks @routine against the format's rules, then writes it with unknot_file_write_atomic().
 * After a crash @file holds the old or the new routine, never a mix. On failure nothing in
 * @routine changes.
 */
gboolean
unknot_routine_save (UnknotRoutine    *routine,
                     GFile            *file,
                     UnknotCatalogue  *catalogue,
                     GError          **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);

  problems = unknot_routine_check (routine, catalogue, name);
  if (unknot_problems_count_errors (problems) > 0)
    {
      g_autofree char *message = unknot_problems_to_string (problems);

      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                   _("The routine was not saved because it breaks the format's rules:\n%s"),
                   message);
      return FALSE;
    }

  data = unknot_routine_to_json (routine, &length);

  parent = g_file_get_parent (file);
  if (parent != NULL && !g_file_make_directory_with_parents (parent, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not create the folder for %s: %s"), name, local_error->message);
      return FALSE;
    }

  return unknot_file_write_atomic (file, data, length, error);
}
