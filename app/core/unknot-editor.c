/* unknot-editor.c
 *
 * The editor works on a copy: the routine in the library changes only when a save succeeds, so
 * a failed save (a read-only folder, a full disk) loses nothing and leaves the copy as it was.
 * Bundled routines are read-only: editing one makes a copy of the user's ("My ...").
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-editor.h"
#include "unknot-routine-io.h"

typedef struct {
  guint       position;
  UnknotStep *step;
} RemovedStep;

struct _UnknotEditor
{
  GObject        parent_instance;

  UnknotLibrary *library;
  UnknotRoutine *original;   /* in the library; NULL for a routine not saved yet */
  UnknotRoutine *routine;    /* the working copy */
  gboolean       modified;
  GPtrArray     *problems;
  GArray        *undo;       /* of RemovedStep */
};

G_DEFINE_FINAL_TYPE (UnknotEditor, unknot_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_ROUTINE,
  N_PROPS
};

enum {
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_modified (UnknotEditor *self,
              gboolean      modified)
{
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static void
recheck (UnknotEditor *self)
{
  g_ptr_array_unref (self->problems);
  self->problems = unknot_routine_check (self->routine,
                                         unknot_library_get_catalogue (self->library), NULL);
  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

static void
on_changed (UnknotEditor *self)
{
  set_modified (self, TRUE);
  recheck (self);
}

static void
watch_step (UnknotEditor *self,
            UnknotStep   *step)
{
  g_signal_handlers_disconnect_by_func (step, on_changed, self);
  g_signal_connect_object (step, "notify", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
}

static void
on_steps_changed (UnknotEditor *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *steps)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(UnknotStep) step = g_list_model_get_item (steps, i);

      watch_step (self, step);
    }
  on_changed (self);
}

static void
on_routine_notify (UnknotEditor *self,
                   GParamSpec   *pspec)
{
  /* The total follows the steps; the steps already said they changed. */
  if (g_str_equal (pspec->name, "total-duration") || g_str_equal (pspec->name, "n-steps"))
    return;
  on_changed (self);
}

static void
set_routine (UnknotEditor  *self,
             UnknotRoutine *routine)
{
  GListModel *steps;

  if (self->routine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->routine, self);
      g_signal_handlers_disconnect_by_data (unknot_routine_get_steps (self->routine), self);
      steps = unknot_routine_get_steps (self->routine);
      for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
        g_signal_handlers_disconnect_by_data (unknot_routine_get_step (self->routine, i), self);
    }

  g_set_object (&self->routine, routine);

  steps = unknot_routine_get_steps (routine);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    watch_step (self, unknot_routine_get_step (routine, i));
  g_signal_connect_object (steps, "items-changed", G_CALLBACK (on_steps_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (routine, "notify", G_CALLBACK (on_routine_notify), self,
                           G_CONNECT_SWAPPED);
  recheck (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTINE]);
}

static void
clear_undo (UnknotEditor *self)
{
  for (guint i = 0; i < self->undo->len; i++)
    g_object_unref (g_array_index (self->undo, RemovedStep, i).step);
  g_array_set_size (self->undo, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static void
unknot_editor_dispose (GObject *object)
{
  UnknotEditor *self = (UnknotEditor *) object;

  if (self->routine != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->routine, self);
      g_signal_handlers_disconnect_by_data (unknot_routine_get_steps (self->routine), self);
    }
  if (self->undo != NULL)
    {
      for (guint i = 0; i < self->undo->len; i++)
        g_object_unref (g_array_index (self->undo, RemovedStep, i).step);
      g_clear_pointer (&self->undo, g_array_unref);
    }
  g_clear_object (&self->routine);
  g_clear_object (&self->original);
  g_clear_object (&self->library);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (unknot_editor_parent_class)->dispose (object);
}

static void
unknot_editor_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UnknotEditor *self = UNKNOT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, unknot_editor_can_undo (self));
      break;
    case PROP_ROUTINE:
      g_value_set_object (value, self->routine);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_editor_class_init (UnknotEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = unknot_editor_dispose;
  object_class->get_property = unknot_editor_get_property;

  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  /* The working copy; a revert replaces it with a fresh copy of the original. */
  properties[PROP_ROUTINE] = g_param_spec_object ("routine", NULL, NULL, UNKNOT_TYPE_ROUTINE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UnknotEditor::problems-changed:
   *
   * The routine was checked again against the format's rules (the loader's own).
   */
  signals[PROBLEMS_CHANGED] = g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
}

static void
unknot_editor_init (UnknotEditor *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  self->undo = g_array_new (FALSE, FALSE, sizeof (RemovedStep));
}

/**
 * unknot_editor_new:
 * @original: (nullable): the routine to edit; %NULL starts a new one
 *
 * Editing a bundled routine edits a copy of the user's, with its own id, saved as new.
 */
UnknotEditor *
unknot_editor_new (UnknotLibrary *library,
                   UnknotRoutine *original)
{
  UnknotEditor *self;
  g_autoptr(UnknotRoutine) routine = NULL;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (original == NULL || UNKNOT_IS_ROUTINE (original), NULL);

  self = g_object_new (UNKNOT_TYPE_EDITOR, NULL);
  self->library = g_object_ref (library);

  if (original == NULL)
    {
      g_autofree char *id = unknot_library_make_unique_id (library, "my-routine");

      routine = unknot_routine_new (id, _("My routine"));
    }
  else if (unknot_routine_get_bundled (original))
    routine = unknot_library_copy_as_own (library, original);   /* "My ...", a new id */
  else
    {
      self->original = g_object_ref (original);
      routine = unknot_routine_copy (original);
    }

  set_routine (self, routine);
  /* A copy of a bundled routine is new work until it is saved. */
  self->modified = original != NULL && unknot_routine_get_bundled (original);

  return self;
}

UnknotRoutine *
unknot_editor_get_routine (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), NULL);
  return self->routine;
}

/* Returns: (nullable): the saved routine this editor changes, %NULL until a first save. */
UnknotRoutine *
unknot_editor_get_original (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), NULL);
  return self->original;
}

/**
 * unknot_editor_set_original:
 * @original: the routine as the library holds it now
 *
 * The saved routine changed under the editor (its file was edited on disk and the library loaded
 * it again): saves now replace @original, and unknot_editor_revert() returns to it. The working
 * copy is left as it is.
 */
void
unknot_editor_set_original (UnknotEditor  *self,
                            UnknotRoutine *original)
{
  g_return_if_fail (UNKNOT_IS_EDITOR (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (original));

  g_set_object (&self->original, original);
}

gboolean
unknot_editor_get_modified (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);
  return self->modified;
}

gboolean
unknot_editor_is_new (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);
  return self->original == NULL;
}

/* Returns: (transfer none) (element-type UnknotProblem): what breaks the rules now. */
GPtrArray *
unknot_editor_get_problems (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), NULL);
  return self->problems;
}

/* Returns: (nullable) (transfer none): the problem of the field at JSON path @path
 * ("steps[2].duration"). */
const UnknotProblem *
unknot_editor_get_problem (UnknotEditor *self,
                           const char   *path)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (self->problems, i);

      if (g_strcmp0 (problem->path, path) == 0)
        return problem;
    }
  return NULL;
}

/* Returns: (nullable) (transfer none): the problem of @field of step @step (0-based; -1 for a
 * field of the routine itself). */
const UnknotProblem *
unknot_editor_get_field_problem (UnknotEditor *self,
                                 int           step,
                                 UnknotField   field)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->step == step && problem->field == field)
        return problem;
    }
  return NULL;
}

gboolean
unknot_editor_is_valid (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);
  return unknot_problems_count_errors (self->problems) == 0;
}

static guint
insert (UnknotEditor *self,
        UnknotStep   *step,
        int           position)
{
  guint n = unknot_routine_get_n_steps (self->routine);
  guint at = position < 0 || (guint) position > n ? n : (guint) position;

  unknot_routine_insert_step (self->routine, at, step);
  return at;
}

/* A new work step with the technique's defaults; at the end when @position is -1. */
guint
unknot_editor_add_step (UnknotEditor *self,
                        const char   *technique,
                        int           position)
{
  UnknotCatalogue *catalogue;
  UnknotTechnique *t;
  g_autoptr(UnknotStep) step = unknot_step_new ();

  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), 0);

  catalogue = unknot_library_get_catalogue (self->library);
  t = unknot_catalogue_lookup (catalogue, technique);

  unknot_step_set_technique (step, technique);
  unknot_step_set_duration (step, 60);
  unknot_step_set_instructions (step, "");
  unknot_step_set_cue_sound (step, "chime");
  if (t != NULL)
    {
      unknot_step_set_pressure (step, unknot_technique_get_default_pressure (t));
      for (guint a = 0; a < UNKNOT_N_AREAS; a++)
        if (unknot_technique_suits_area (t, a))
          {
            unknot_step_set_area (step, a);
            break;
          }
      if (g_str_equal (technique, "heat"))
        unknot_step_set_tool (step, UNKNOT_TOOL_HEAT_PACK);
      else if (g_str_equal (technique, "trigger-point"))
        unknot_step_set_tool (step, UNKNOT_TOOL_BALL);
      else if (g_str_equal (technique, "stretching"))
        unknot_step_set_tool (step, UNKNOT_TOOL_NONE);
    }

  return insert (self, step, position);
}

guint
unknot_editor_add_rest (UnknotEditor *self,
                        int           position)
{
  g_autoptr(UnknotStep) step = unknot_step_new_rest (15);

  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), 0);

  unknot_step_set_instructions (step, "");
  unknot_step_set_cue_sound (step, "soft");
  return insert (self, step, position);
}

/* Removes a step; unknot_editor_undo() puts it back where it was. */
void
unknot_editor_remove_step (UnknotEditor *self,
                           guint         position)
{
  RemovedStep removed;

  g_return_if_fail (UNKNOT_IS_EDITOR (self));
  g_return_if_fail (position < unknot_routine_get_n_steps (self->routine));

  removed.position = position;
  removed.step = g_object_ref (unknot_routine_get_step (self->routine, position));
  g_signal_handlers_disconnect_by_data (removed.step, self);
  g_array_append_val (self->undo, removed);

  unknot_routine_remove_step (self->routine, position);
  if (self->undo->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

/* A copy of the step, right after it. */
void
unknot_editor_duplicate_step (UnknotEditor *self,
                              guint         position)
{
  g_autoptr(UnknotStep) copy = NULL;

  g_return_if_fail (UNKNOT_IS_EDITOR (self));
  g_return_if_fail (position < unknot_routine_get_n_steps (self->routine));

  copy = unknot_step_copy (unknot_routine_get_step (self->routine, position));
  unknot_routine_insert_step (self->routine, position + 1, copy);
}

gboolean
unknot_editor_move_step (UnknotEditor *self,
                         guint         from,
                         guint         to)
{
  guint n;

  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);

  n = unknot_routine_get_n_steps (self->routine);
  if (from >= n || to >= n || from == to)
    return FALSE;

  unknot_routine_move_step (self->routine, from, to);
  return TRUE;
}

gboolean
unknot_editor_can_undo (UnknotEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);
  return self->undo->len > 0;
}

/* Puts back the step removed last. */
gboolean
unknot_editor_undo (UnknotEditor *self)
{
  RemovedStep removed;

  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;

  removed = g_array_index (self->undo, RemovedStep, self->undo->len - 1);
  g_array_set_size (self->undo, self->undo->len - 1);
  insert (self, removed.step, (int) MIN (removed.position,
                                         unknot_routine_get_n_steps (self->routine)));
  g_object_unref (removed.step);

  if (self->undo->len == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  return TRUE;
}

/**
 * unknot_editor_save:
 *
 * Checks the routine with the loader's rules and writes it atomically into the user's folder.
 * On success the library holds the saved routine; on failure @error says why and the editor
 * keeps every edit.
 */
gboolean
unknot_editor_save (UnknotEditor  *self,
                    GError       **error)
{
  g_autoptr(UnknotRoutine) saved = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (UNKNOT_IS_EDITOR (self), FALSE);

  if (self->original != NULL && unknot_routine_get_file (self->original) != NULL)
    file = g_object_ref (unknot_routine_get_file (self->original));
  else
    {
      const char *id = unknot_routine_get_id (self->routine);
      UnknotRoutine *holder = unknot_id_is_valid (id) ? unknot_library_lookup (self->library, id)
                                                      : NULL;

      file = unknot_library_get_user_file (self->library, id);

      /* The id was free when this routine was started, but another one (a second new routine,
       * a second copy of the same bundled one, an import) may have taken it since: a first
       * save never writes over another routine's file. */
      if (unknot_id_is_valid (id)
          && ((holder != NULL && holder != self->original)
              || (file != NULL && g_file_query_exists (file, NULL))))
        {
          g_autofree char *fresh = unknot_library_make_unique_id (self->library, id);

          unknot_routine_set_id (self->routine, fresh);
          g_clear_object (&file);
          file = unknot_library_get_user_file (self->library, fresh);
        }
    }

  if (file == NULL)
    {
      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                           _("There is no folder to save routines in"));
      return FALSE;
    }

  if (!unknot_routine_save (self->routine, file, unknot_library_get_catalogue (self->library),
                            error))
    return FALSE;

  saved = unknot_routine_copy (self->routine);
  unknot_routine_set_file (saved, file);
  unknot_routine_set_bundled (saved, FALSE);
  if (self->original != NULL && self->original != saved)
    unknot_library_remove (self->library, self->original);
  unknot_library_put (self->library, saved);
  g_set_object (&self->original, saved);

  set_modified (self, FALSE);
  return TRUE;
}

/**
 * unknot_editor_describe_save_error:
 * @error: what unknot_editor_save() set
 *
 * Says in one sentence, for the person, why a save failed. The saver's own message names the
 * temporary file it was writing (such as "my-routine.json.L5O6Z3") and holds the system's raw
 * text: it is kept for Show Details, never shown first.
 *
 * Returns: (transfer full): the sentence
 */
char *
unknot_editor_describe_save_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == UNKNOT_ERROR && error->code == UNKNOT_ERROR_INVALID)
    return g_strdup (_("The routine breaks a rule of the format, so it was not saved."));
  if (error->domain == UNKNOT_ERROR && error->code == UNKNOT_ERROR_FAILED)
    return g_strdup (_("There is no folder to save routines in, so the routine was not saved."));

  if (error->domain == G_IO_ERROR)
    switch (error->code)
      {
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        return g_strdup (_("Your routines folder cannot be written to, so the routine was not "
                           "saved."));
      case G_IO_ERROR_NO_SPACE:
        return g_strdup (_("The disk is full, so the routine was not saved."));
      case G_IO_ERROR_NOT_DIRECTORY:
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_NOT_REGULAR_FILE:
      case G_IO_ERROR_EXISTS:
        return g_strdup (_("Something else is in the place of the routine’s file in your "
                           "routines folder, so the routine was not saved."));
      default:
        break;
      }

  return g_strdup (_("The routine’s file could not be written, so the routine was not saved."));
}

/* Drops every edit: back to the saved routine (or an empty new one). */
void
unknot_editor_revert (UnknotEditor *self)
{
  g_autoptr(UnknotRoutine) routine = NULL;

  g_return_if_fail (UNKNOT_IS_EDITOR (self));

  if (self->original == NULL)
    return;

  routine = unknot_routine_copy (self->original);
  set_routine (self, routine);
  clear_undo (self);
  set_modified (self, FALSE);
}
