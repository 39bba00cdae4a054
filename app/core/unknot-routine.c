/* unknot-routine.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "unknot-fields.h"
#include "unknot-labels.h"
#include "unknot-routine.h"
#include "unknot-routine-io.h"

struct _UnknotRoutine
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *description;
  guint       preparation;
  gboolean    bundled;
  GFile      *file;

  GListStore *steps;
  guint       total_duration;

  /* Set while the steps are let go (unknot_routine_release_steps()): the routine as it was then,
   * written and compressed, the catalogue to read it back with, and what the library shows and
   * searches without the steps. */
  UnknotCatalogue    *released;
  GBytes             *released_json;
  guint               released_areas;
  guint               released_tools;
  const char        **released_techniques;   /* interned, NULL-terminated */
  gboolean            released_rest;
};

G_DEFINE_FINAL_TYPE (UnknotRoutine, unknot_routine, G_TYPE_OBJECT)

static GListStore *steps_of (UnknotRoutine *self);

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PREPARATION,
  PROP_BUNDLED,
  PROP_TOTAL_DURATION,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_str (char       **ptr,
         const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;
  return TRUE;
}

static void
update_total_duration (UnknotRoutine *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->steps));
  guint total = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotStep) step = g_list_model_get_item (G_LIST_MODEL (self->steps), i);
      guint d = unknot_step_get_duration (step);

      total = (G_MAXUINT - total < d) ? G_MAXUINT : total + d;
    }

  if (total != self->total_duration)
    {
      self->total_duration = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_DURATION]);
    }
}

static void
on_step_duration_changed (UnknotRoutine *self)
{
  update_total_duration (self);
}

static void
on_steps_changed (UnknotRoutine *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(UnknotStep) step = g_list_model_get_item (model, i);

      /* A step moved within the routine is removed and added again: connect it once only. */
      g_signal_handlers_disconnect_by_func (step, on_step_duration_changed, self);
      g_signal_connect_object (step, "notify::duration", G_CALLBACK (on_step_duration_changed),
                               self, G_CONNECT_SWAPPED);
    }

  update_total_duration (self);
  if (added != removed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
}

static void
unknot_routine_dispose (GObject *object)
{
  UnknotRoutine *self = (UnknotRoutine *) object;

  if (self->steps != NULL)
    g_signal_handlers_disconnect_by_func (self->steps, on_steps_changed, self);
  g_clear_object (&self->steps);
  g_clear_object (&self->file);
  g_clear_object (&self->released);
  g_clear_pointer (&self->released_json, g_bytes_unref);
  g_clear_pointer (&self->released_techniques, g_free);

  G_OBJECT_CLASS (unknot_routine_parent_class)->dispose (object);
}

static void
unknot_routine_finalize (GObject *object)
{
  UnknotRoutine *self = (UnknotRoutine *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (unknot_routine_parent_class)->finalize (object);
}

static void
unknot_routine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UnknotRoutine *self = UNKNOT_ROUTINE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_PREPARATION:
      g_value_set_uint (value, self->preparation);
      break;
    case PROP_BUNDLED:
      g_value_set_boolean (value, self->bundled);
      break;
    case PROP_TOTAL_DURATION:
      g_value_set_uint (value, self->total_duration);
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, unknot_routine_get_n_steps (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_routine_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UnknotRoutine *self = UNKNOT_ROUTINE (object);

  switch (prop_id)
    {
    case PROP_ID:
      unknot_routine_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      unknot_routine_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      unknot_routine_set_description (self, g_value_get_string (value));
      break;
    case PROP_PREPARATION:
      unknot_routine_set_preparation (self, g_value_get_uint (value));
      break;
    case PROP_BUNDLED:
      unknot_routine_set_bundled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_routine_class_init (UnknotRoutineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = unknot_routine_dispose;
  object_class->finalize = unknot_routine_finalize;
  object_class->get_property = unknot_routine_get_property;
  object_class->set_property = unknot_routine_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_PREPARATION] =
    g_param_spec_uint ("preparation", NULL, NULL, 0, G_MAXUINT, UNKNOT_DEFAULT_PREPARATION, rw);
  properties[PROP_BUNDLED] = g_param_spec_boolean ("bundled", NULL, NULL, FALSE, rw);
  properties[PROP_TOTAL_DURATION] =
    g_param_spec_uint ("total-duration", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_STEPS] = g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
unknot_routine_init (UnknotRoutine *self)
{
  self->preparation = UNKNOT_DEFAULT_PREPARATION;
  self->description = g_strdup ("");
}

UnknotRoutine *
unknot_routine_new (const char *id,
                    const char *name)
{
  return g_object_new (UNKNOT_TYPE_ROUTINE, "id", id, "name", name, NULL);
}

/* A deep copy: the steps are new objects. The file and the bundled flag are not copied: a copy
 * is a new routine of the user's until it is saved somewhere. */
UnknotRoutine *
unknot_routine_copy (UnknotRoutine *self)
{
  g_autoptr(GPtrArray) steps = NULL;
  UnknotRoutine *copy;
  guint n;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);

  copy = unknot_routine_new (self->id, self->name);
  unknot_routine_set_description (copy, self->description);
  unknot_routine_set_preparation (copy, self->preparation);

  n = unknot_routine_get_n_steps (self);
  steps = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (steps, unknot_step_copy (unknot_routine_get_step (self, i)));
  g_list_store_splice (steps_of (copy), 0, 0, steps->pdata, steps->len);

  return copy;
}

gboolean
unknot_routine_equal (UnknotRoutine *a,
                      UnknotRoutine *b)
{
  guint n;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (a), FALSE);
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (b), FALSE);

  if (g_strcmp0 (a->id, b->id) != 0
      || g_strcmp0 (a->name, b->name) != 0
      || g_strcmp0 (a->description, b->description) != 0
      || a->preparation != b->preparation)
    return FALSE;

  n = unknot_routine_get_n_steps (a);
  if (n != unknot_routine_get_n_steps (b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    if (!unknot_step_equal (unknot_routine_get_step (a, i), unknot_routine_get_step (b, i)))
      return FALSE;

  return TRUE;
}

const char *
unknot_routine_get_id (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);
  return self->id;
}

void
unknot_routine_set_id (UnknotRoutine *self,
                       const char    *id)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));

  if (set_str (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
unknot_routine_get_name (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);
  return self->name;
}

void
unknot_routine_set_name (UnknotRoutine *self,
                         const char    *name)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));

  if (set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
unknot_routine_get_description (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);
  return self->description;
}

void
unknot_routine_set_description (UnknotRoutine *self,
                                const char    *description)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));

  if (set_str (&self->description, description ? description : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

guint
unknot_routine_get_preparation (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), 0);
  return self->preparation;
}

void
unknot_routine_set_preparation (UnknotRoutine *self,
                                guint          preparation)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));

  if (self->preparation != preparation)
    {
      self->preparation = preparation;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARATION]);
    }
}

gboolean
unknot_routine_get_bundled (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), FALSE);
  return self->bundled;
}

void
unknot_routine_set_bundled (UnknotRoutine *self,
                            gboolean       bundled)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));

  bundled = !!bundled;
  if (self->bundled != bundled)
    {
      self->bundled = bundled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUNDLED]);
    }
}

GFile *
unknot_routine_get_file (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);
  return self->file;
}

void
unknot_routine_set_file (UnknotRoutine *self,
                         GFile         *file)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  g_set_object (&self->file, file);
}

/* The techniques of the work steps of @steps, each once, in the order they first come (interned
 * strings, NULL-terminated), and whether one of them is a rest. */
static const char **
collect_techniques (GListModel *steps,
                    gboolean   *has_rest)
{
  GPtrArray *techniques = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (steps);

  *has_rest = FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotStep) step = g_list_model_get_item (steps, i);
      const char *technique;

      if (unknot_step_is_rest (step))
        {
          *has_rest = TRUE;
          continue;
        }
      technique = unknot_step_get_technique (step);
      if (technique == NULL)
        continue;
      technique = g_intern_string (technique);
      if (!g_ptr_array_find (techniques, technique, NULL))
        g_ptr_array_add (techniques, (char *) technique);
    }
  g_ptr_array_add (techniques, NULL);
  return (const char **) g_ptr_array_free (techniques, FALSE);
}

/* @data through @converter (a zlib compressor or decompressor), in memory. */
static GBytes *
convert_bytes (GConverter *converter,
               GBytes     *data)
{
  g_autoptr(GInputStream) source = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GInputStream) converted = g_converter_input_stream_new (source, converter);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  if (g_output_stream_splice (out, converted,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                              | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
    {
      g_critical ("Could not convert a routine in memory: %s", error->message);
      return NULL;
    }
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* A routine of the library needs its steps only when it is opened, run or copied: the library
 * keeps what its list shows and searches (the total time, the areas, tools and techniques) and
 * the routine written as the format says, compressed (a tenth of the steps' objects), and lets
 * the steps go, so that 10,000 routines of one's own cost little memory. Asking for the steps
 * reads them back from that copy, never from the file, which may have changed or gone since. */
void
unknot_routine_release_steps (UnknotRoutine   *self,
                              UnknotCatalogue *catalogue)
{
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GBytes) json = NULL;
  char *text;
  gsize length;

  g_return_if_fail (UNKNOT_IS_ROUTINE (self));
  g_return_if_fail (UNKNOT_IS_CATALOGUE (catalogue));

  /* Not while a view or an editor holds the steps: it would no longer follow them. */
  if (self->released != NULL
      || (self->steps != NULL && G_OBJECT (self->steps)->ref_count > 1))
    return;

  text = unknot_routine_to_json (self, &length);
  json = g_bytes_new_take (text, length);
  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1);
  self->released_json = convert_bytes (G_CONVERTER (compressor), json);
  if (self->released_json == NULL)
    return;

  self->released_areas = unknot_routine_get_areas (self);
  self->released_tools = unknot_routine_get_tools (self);
  self->released_techniques = collect_techniques (G_LIST_MODEL (steps_of (self)),
                                                  &self->released_rest);
  /* The store goes too (about 600 bytes with its handler). */
  g_signal_handlers_disconnect_by_func (self->steps, on_steps_changed, self);
  g_clear_object (&self->steps);
  self->released = g_object_ref (catalogue);
}

gboolean
unknot_routine_get_steps_released (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), FALSE);
  return self->released != NULL;
}

/* The steps, read back if they were let go. */
static GListStore *
steps_of (UnknotRoutine *self)
{
  g_autoptr(UnknotCatalogue) catalogue = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(UnknotRoutine) again = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *steps;
  guint n;

  if (self->steps == NULL)
    {
      self->steps = g_list_store_new (UNKNOT_TYPE_STEP);
      g_signal_connect_swapped (self->steps, "items-changed", G_CALLBACK (on_steps_changed),
                                self);
    }
  if (self->released == NULL)
    return self->steps;

  catalogue = g_steal_pointer (&self->released);
  compressed = g_steal_pointer (&self->released_json);
  g_clear_pointer (&self->released_techniques, g_free);
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  json = convert_bytes (G_CONVERTER (decompressor), compressed);
  if (json != NULL)
    again = unknot_routine_load_bytes (json, self->id, catalogue, NULL, &error);
  if (again == NULL)
    {
      /* What this version wrote, it reads: not a person's mistake. */
      g_critical ("Could not read back the steps of “%s”: %s", self->id,
                  error != NULL ? error->message : "not in memory");
      update_total_duration (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
      return self->steps;
    }

  /* Put back quietly: they are what they were. */
  steps = G_LIST_MODEL (again->steps);
  n = g_list_model_get_n_items (steps);
  g_signal_handlers_block_by_func (self->steps, on_steps_changed, self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotStep) step = g_list_model_get_item (steps, i);

      g_list_store_append (self->steps, step);
      g_signal_connect_object (step, "notify::duration", G_CALLBACK (on_step_duration_changed),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_handlers_unblock_by_func (self->steps, on_steps_changed, self);
  return self->steps;
}

GListModel *
unknot_routine_get_steps (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);
  return G_LIST_MODEL (steps_of (self));
}

guint
unknot_routine_get_n_steps (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (steps_of (self)));
}

/* Returns: (transfer full): the techniques of the routine's work steps, each once, in the order
 * they first come; @has_rest: whether one of its steps is a rest. Asks nothing of the file. */
char **
unknot_routine_dup_techniques (UnknotRoutine *self,
                               gboolean      *has_rest)
{
  g_autofree const char **techniques = NULL;
  gboolean rest;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);

  if (self->released != NULL)
    {
      if (has_rest != NULL)
        *has_rest = self->released_rest;
      return g_strdupv ((char **) self->released_techniques);
    }
  techniques = collect_techniques (G_LIST_MODEL (steps_of (self)), &rest);
  if (has_rest != NULL)
    *has_rest = rest;
  return g_strdupv ((char **) techniques);
}

/* Returns: (transfer none): the routine keeps its steps alive. */
UnknotStep *
unknot_routine_get_step (UnknotRoutine *self,
                         guint          position)
{
  g_autoptr(UnknotStep) step = NULL;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), NULL);

  step = g_list_model_get_item (G_LIST_MODEL (steps_of (self)), position);
  return step;   /* the store still holds a reference */
}

void
unknot_routine_append_step (UnknotRoutine *self,
                            UnknotStep    *step)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));
  g_return_if_fail (UNKNOT_IS_STEP (step));

  g_list_store_append (steps_of (self), step);
}

void
unknot_routine_insert_step (UnknotRoutine *self,
                            guint          position,
                            UnknotStep    *step)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));
  g_return_if_fail (UNKNOT_IS_STEP (step));
  g_return_if_fail (position <= unknot_routine_get_n_steps (self));

  g_list_store_insert (steps_of (self), position, step);
}

void
unknot_routine_remove_step (UnknotRoutine *self,
                            guint          position)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE (self));
  g_return_if_fail (position < unknot_routine_get_n_steps (self));

  g_list_store_remove (steps_of (self), position);
}

void
unknot_routine_move_step (UnknotRoutine *self,
                          guint          from,
                          guint          to)
{
  g_autoptr(UnknotStep) step = NULL;
  guint n;

  g_return_if_fail (UNKNOT_IS_ROUTINE (self));

  n = unknot_routine_get_n_steps (self);
  g_return_if_fail (from < n && to < n);

  if (from == to)
    return;

  step = g_list_model_get_item (G_LIST_MODEL (steps_of (self)), from);
  g_list_store_remove (self->steps, from);
  g_list_store_insert (self->steps, to, step);
}

guint
unknot_routine_get_total_duration (UnknotRoutine *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), 0);
  return self->total_duration;
}

/* Bit masks (1 << UnknotArea, 1 << UnknotTool) of what the routine's work steps use. */
guint
unknot_routine_get_areas (UnknotRoutine *self)
{
  guint mask = 0;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), 0);

  if (self->released != NULL)
    return self->released_areas;
  for (guint i = 0; i < unknot_routine_get_n_steps (self); i++)
    {
      UnknotStep *step = unknot_routine_get_step (self, i);

      if (!unknot_step_is_rest (step))
        mask |= 1u << unknot_step_get_area (step);
    }
  return mask;
}

guint
unknot_routine_get_tools (UnknotRoutine *self)
{
  guint mask = 0;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), 0);

  if (self->released != NULL)
    return self->released_tools;
  for (guint i = 0; i < unknot_routine_get_n_steps (self); i++)
    {
      UnknotStep *step = unknot_routine_get_step (self, i);

      if (!unknot_step_is_rest (step) && unknot_step_get_tool (step) != UNKNOT_TOOL_NONE)
        mask |= 1u << unknot_step_get_tool (step);
    }
  return mask;
}

/* The format's rules on a routine in memory: the loader runs them on what it read, the editor
 * on what the user typed, the saver before it writes. Problems carry the step and field. */

typedef struct {
  const char *file;
  GHashTable *skip;
  GPtrArray  *problems;
} Checker;

/* A problem of @field of @step, of @kind (with what the routine holds there, @value, for the
 * kinds that quote it): see unknot_problem_describe(). */
static void
report (Checker           *c,
        int                step,
        UnknotField        field,
        UnknotProblemKind  kind,
        const char        *value,
        const char        *format,
        ...) G_GNUC_PRINTF (6, 7);

static void
report (Checker           *c,
        int                step,
        UnknotField        field,
        UnknotProblemKind  kind,
        const char        *value,
        const char        *format,
        ...)
{
  g_autofree char *message = NULL;
  UnknotProblem *problem;
  va_list args;

  /* A field the loader already found broken is not reported a second time. */
  if (c->skip != NULL && g_hash_table_contains (c->skip, _UNKNOT_FIELD_KEY (step, field)))
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  problem = unknot_problem_new_at (c->file, step, field, NULL, FALSE, message);
  problem->kind = kind;
  problem->value = g_strdup (value);
  g_ptr_array_add (c->problems, problem);
}

static const UnknotFieldInfo *
info (UnknotField field)
{
  return unknot_field_get_info (field);
}

/* @value against the length limits the field table gives @field. */
static void
check_text (Checker     *c,
            int          step,
            UnknotField  field,
            const char  *value)
{
  glong n = value ? g_utf8_strlen (value, -1) : 0;
  guint min_chars = (guint) info (field)->min;
  guint max_chars = (guint) info (field)->max;
  g_autofree char *refused = unknot_text_describe_control (value, info (field)->multiline);

  if (refused != NULL)
    report (c, step, field, UNKNOT_PROBLEM_OTHER, NULL, "%s", refused);
  else if ((guint) n < min_chars)
    report (c, step, field, n == 0 ? UNKNOT_PROBLEM_EMPTY : UNKNOT_PROBLEM_TOO_SMALL, NULL,
            g_dngettext (GETTEXT_PACKAGE,
                                         "empty; expected at least %u character",
                                         "empty; expected at least %u characters", min_chars),
            min_chars);
  else if ((gulong) n > max_chars)
    report (c, step, field, UNKNOT_PROBLEM_OTHER, NULL,
            _("%ld characters long; at most %u are allowed"), n, max_chars);
}

static void
check_step (Checker         *c,
            UnknotStep      *step,
            int              index,
            UnknotCatalogue *catalogue)
{
  const UnknotFieldInfo *duration_info = info (UNKNOT_FIELD_STEP_DURATION);
  const char *technique = unknot_step_get_technique (step);
  const char *sound = unknot_step_get_cue_sound (step);
  guint duration = unknot_step_get_duration (step);
  const char *why = NULL;

  if (unknot_step_is_rest (step))
    {
      if (technique != NULL)
        report (c, index, UNKNOT_FIELD_STEP_TECHNIQUE, UNKNOT_PROBLEM_NOT_ON_REST, NULL,
                _("a rest step has no technique; remove it or make the step \"kind\": \"work\""));
    }
  else if ((technique == NULL || *technique == '\0') && catalogue != NULL)
    {
      g_autofree char *known = unknot_catalogue_list_ids (catalogue);

      report (c, index, UNKNOT_FIELD_STEP_TECHNIQUE, UNKNOT_PROBLEM_MISSING, NULL,
              _("missing; expected a technique id, one of %s"), known);
    }
  else if (technique == NULL || *technique == '\0')
    report (c, index, UNKNOT_FIELD_STEP_TECHNIQUE, UNKNOT_PROBLEM_MISSING, NULL,
            _("missing; expected a technique id"));
  else if (catalogue != NULL && unknot_catalogue_lookup (catalogue, technique) == NULL)
    {
      g_autofree char *known = unknot_catalogue_list_ids (catalogue);

      report (c, index, UNKNOT_FIELD_STEP_TECHNIQUE, UNKNOT_PROBLEM_UNKNOWN_VALUE, technique,
              _("unknown technique \"%s\"; expected one of %s"), technique, known);
    }

  if (duration < duration_info->min || duration > duration_info->max)
    report (c, index, UNKNOT_FIELD_STEP_DURATION,
            duration < duration_info->min ? UNKNOT_PROBLEM_TOO_SMALL : UNKNOT_PROBLEM_TOO_LARGE,
            NULL, _("%u is out of range; expected %u to %u seconds"),
            duration, (guint) duration_info->min, (guint) duration_info->max);

  check_text (c, index, UNKNOT_FIELD_STEP_INSTRUCTIONS, unknot_step_get_instructions (step));
  check_text (c, index, UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS,
              unknot_step_get_second_instructions (step));

  if (sound != NULL && !unknot_cue_sound_is_valid (sound, &why))
    {
      /* A plain word that is no bundled sound's name: the window lists the sounds. */
      gboolean unknown = strlen (sound) <= 255 && strpbrk (sound, "./\\:~") == NULL
                         && !unknot_text_find_control (sound, FALSE, NULL) && *sound != '\0';

      report (c, index, UNKNOT_FIELD_STEP_CUE_SOUND,
              unknown ? UNKNOT_PROBLEM_UNKNOWN_VALUE : UNKNOT_PROBLEM_OTHER, sound,
              _("\"%s\" is %s"), sound, why);
    }
}

void
_unknot_routine_check_into (UnknotRoutine   *self,
                            UnknotCatalogue *catalogue,
                            const char      *display_name,
                            GHashTable      *skip,
                            GPtrArray       *problems)
{
  Checker c = { display_name, skip, problems };
  guint max_preparation = (guint) info (UNKNOT_FIELD_PREPARATION)->max;
  guint max_steps = (guint) info (UNKNOT_FIELD_STEPS)->max;
  guint n;
  guint64 total = 0;

  g_return_if_fail (UNKNOT_IS_ROUTINE (self));
  g_return_if_fail (problems != NULL);

  if (!unknot_id_is_valid (self->id))
    report (&c, -1, UNKNOT_FIELD_ID, UNKNOT_PROBLEM_INVALID_ID, self->id,
            _("\"%s\" is not a valid id; expected 1 to %u characters of a-z, 0-9 and "
              "\"-\", not starting with \"-\""),
            self->id ? self->id : "", (guint) info (UNKNOT_FIELD_ID)->max);
  check_text (&c, -1, UNKNOT_FIELD_NAME, self->name);
  check_text (&c, -1, UNKNOT_FIELD_DESCRIPTION, self->description);
  if (self->preparation > max_preparation)
    report (&c, -1, UNKNOT_FIELD_PREPARATION, UNKNOT_PROBLEM_TOO_LARGE, NULL,
            _("%u is out of range; expected 0 to %u seconds"), self->preparation, max_preparation);

  n = unknot_routine_get_n_steps (self);
  if (n == 0)
    report (&c, -1, UNKNOT_FIELD_STEPS, UNKNOT_PROBLEM_OTHER, NULL,
            _("no steps; a routine needs at least one"));
  else if (n > max_steps)
    report (&c, -1, UNKNOT_FIELD_STEPS, UNKNOT_PROBLEM_OTHER, NULL,
            _("%u steps; a routine may have at most %u"), n, max_steps);

  for (guint i = 0; i < n; i++)
    {
      UnknotStep *step = unknot_routine_get_step (self, i);

      check_step (&c, step, (int) i, catalogue);
      total += unknot_step_get_duration (step);
    }

  if (total > UNKNOT_MAX_TOTAL_DURATION)
    {
      g_autofree char *have = unknot_duration_to_short ((guint) MIN (total, G_MAXUINT));
      g_autofree char *most = unknot_duration_to_short (UNKNOT_MAX_TOTAL_DURATION);

      /* Translators: durations such as "5 h 10 min" and "4 h" */
      report (&c, -1, UNKNOT_FIELD_STEPS, UNKNOT_PROBLEM_OTHER, NULL,
              _("the routine lasts %s; a routine may last at most %s"), have, most);
    }
}

/* Returns: (transfer full): the problems, an empty array when the routine keeps every rule. */
GPtrArray *
unknot_routine_check (UnknotRoutine   *self,
                      UnknotCatalogue *catalogue,
                      const char      *display_name)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (self), problems);

  _unknot_routine_check_into (self, catalogue, display_name, NULL, problems);
  return problems;
}
