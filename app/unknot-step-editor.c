/* unknot-step-editor.c
 *
 * Every field of the format for one step. Each control writes straight into the step of the
 * editor's working copy, so nothing waits for an "OK" and nothing is lost if the window goes
 * away; the step's own notifications bring the controls back in line. Beside each field, the
 * message the loader's rules give for it.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-a11y.h"
#include "unknot-fields.h"
#include "unknot-labels.h"
#include "unknot-scroll-guard.h"
#include "unknot-spin-digits.h"
#include "unknot-step-editor.h"

struct _UnknotStepEditor
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *title;
  AdwComboRow     *kind_row;
  GtkWidget       *technique_group;
  AdwComboRow     *technique_row;
  GtkLabel        *technique_summary;
  GtkLabel        *technique_problem;
  GtkWidget       *where_group;
  AdwComboRow     *area_row;
  AdwComboRow     *side_row;
  AdwComboRow     *pressure_row;
  AdwComboRow     *tool_row;
  AdwComboRow     *position_row;
  AdwActionRow    *duration_row;
  GtkSpinButton   *minutes_spin;
  GtkSpinButton   *seconds_spin;
  GtkLabel        *duration_problem;
  GtkTextView     *instructions_view;
  GtkLabel        *instructions_problem;
  GtkWidget       *second_group;
  GtkTextView     *second_view;
  GtkLabel        *second_problem;
  GtkSwitch       *hold_switch;
  AdwComboRow     *sound_row;
  GtkSwitch       *speak_switch;
  GtkLabel        *sound_problem;

  UnknotEditor    *editor;
  UnknotCatalogue *catalogue;
  UnknotStep      *step;
  GtkStringList   *sounds;        /* the sound names, as in the step */
  char            *last_technique;   /* to come back to after a switch to rest and back */
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (UnknotStepEditor, unknot_step_editor, ADW_TYPE_WINDOW)

enum {
  PREVIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
step_index (UnknotStepEditor *self)
{
  UnknotRoutine *routine = unknot_editor_get_routine (self->editor);
  guint position;

  if (g_list_store_find (G_LIST_STORE (unknot_routine_get_steps (routine)), self->step, &position))
    return (int) position;
  return -1;
}

static void
show_problem (AdwPreferencesRow *row,
              GtkLabel          *label,
              const char        *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (row != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message ? message : "", -1);
    }
}

/* Returns: (nullable) (transfer full): what is wrong with @field of step @index, in words. */
static char *
field_problem (UnknotStepEditor *self,
               int               index,
               UnknotField       field)
{
  const UnknotProblem *problem;

  if (index < 0)
    return NULL;
  problem = unknot_editor_get_field_problem (self->editor, index, field);
  return problem != NULL ? unknot_problem_describe_reason (problem) : NULL;
}

static void
update_problems (UnknotStepEditor *self)
{
  int index = step_index (self);
  guint n = unknot_routine_get_n_steps (unknot_editor_get_routine (self->editor));
  g_autofree char *technique = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *second = NULL;
  g_autofree char *sound = NULL;

  if (index >= 0)
    {
      g_autofree char *subtitle = NULL;

      /* Translators: the step editor's subtitle, "Step 2 of 5" */
      subtitle = g_strdup_printf (_("Step %d of %u"), index + 1, n);
      adw_window_title_set_subtitle (self->title, subtitle);
    }

  technique = field_problem (self, index, UNKNOT_FIELD_STEP_TECHNIQUE);
  duration = field_problem (self, index, UNKNOT_FIELD_STEP_DURATION);
  instructions = field_problem (self, index, UNKNOT_FIELD_STEP_INSTRUCTIONS);
  second = field_problem (self, index, UNKNOT_FIELD_STEP_SECOND_INSTRUCTIONS);
  sound = field_problem (self, index, UNKNOT_FIELD_STEP_CUE_SOUND);
  show_problem (ADW_PREFERENCES_ROW (self->technique_row), self->technique_problem, technique);
  show_problem (ADW_PREFERENCES_ROW (self->duration_row), self->duration_problem, duration);
  show_problem (NULL, self->instructions_problem, instructions);
  show_problem (NULL, self->second_problem, second);
  show_problem (ADW_PREFERENCES_ROW (self->sound_row), self->sound_problem, sound);
}

/* From the step to the controls */

static guint
technique_position (UnknotStepEditor *self,
                    const char       *id)
{
  GListModel *techniques = G_LIST_MODEL (self->catalogue);

  for (guint i = 0; id != NULL && i < g_list_model_get_n_items (techniques); i++)
    {
      g_autoptr(UnknotTechnique) t = g_list_model_get_item (techniques, i);

      if (g_strcmp0 (unknot_technique_get_id (t), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static guint
sound_position (UnknotStepEditor *self,
                const char       *sound)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sounds));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->sounds, i), sound) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
sync_technique (UnknotStepEditor *self)
{
  const char *id = unknot_step_get_technique (self->step);
  UnknotTechnique *t = id ? unknot_catalogue_lookup (self->catalogue, id) : NULL;

  adw_combo_row_set_selected (self->technique_row, technique_position (self, id));
  gtk_label_set_text (self->technique_summary,
                      t ? unknot_technique_get_display_text (t, unknot_technique_get_summary (t))
                        : "");
  gtk_widget_set_visible (GTK_WIDGET (self->technique_summary), t != NULL);
  if (id != NULL)
    {
      g_free (self->last_technique);
      self->last_technique = g_strdup (id);
    }
}

static void
sync_kind (UnknotStepEditor *self)
{
  gboolean rest = unknot_step_is_rest (self->step);

  adw_combo_row_set_selected (self->kind_row,
                              adw_enum_list_model_find_position (
                                ADW_ENUM_LIST_MODEL (adw_combo_row_get_model (self->kind_row)),
                                unknot_step_get_kind (self->step)));
  gtk_widget_set_visible (self->technique_group, !rest);
  gtk_widget_set_visible (self->where_group, !rest);
  gtk_window_set_title (GTK_WINDOW (self), rest ? _("Edit Rest Step") : _("Edit Step"));
  adw_window_title_set_title (self->title, rest ? _("Edit Rest Step") : _("Edit Step"));
}

static void
sync_duration (UnknotStepEditor *self)
{
  guint duration = unknot_step_get_duration (self->step);
  guint max_minutes = (guint) unknot_field_get_info (UNKNOT_FIELD_STEP_DURATION)->max / 60;

  gtk_spin_button_set_value (self->minutes_spin, MIN (duration / 60, max_minutes));
  gtk_spin_button_set_value (self->seconds_spin, duration % 60);
}

static void
sync_text_view (GtkTextView *view,
                const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *current = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, text ? text : "") != 0)
    gtk_text_buffer_set_text (buffer, text ? text : "", -1);
}

static void
sync_instructions (UnknotStepEditor *self)
{
  sync_text_view (self->instructions_view, unknot_step_get_instructions (self->step));
}

static void
sync_second_instructions (UnknotStepEditor *self)
{
  sync_text_view (self->second_view, unknot_step_get_second_instructions (self->step));
}

/* The right side's words only mean something on a work step on both sides. */
static void
sync_side (UnknotStepEditor *self)
{
  gtk_widget_set_visible (self->second_group,
                          !unknot_step_is_rest (self->step)
                          && unknot_step_get_side (self->step) == UNKNOT_SIDE_BOTH);
}

/* A heat pack presses on nothing: its step asks for no pressure. */
static void
sync_pressure (UnknotStepEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->pressure_row),
                          unknot_step_get_tool (self->step) != UNKNOT_TOOL_HEAT_PACK);
}

static void
sync_sound (UnknotStepEditor *self)
{
  const char *sound = unknot_step_get_cue_sound (self->step);
  guint position;

  if (sound == NULL)
    sound = "chime";   /* the format's default */

  position = sound_position (self, sound);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* A sound file beside the routine: kept, and shown as it is named. */
      gtk_string_list_append (self->sounds, sound);
      position = g_list_model_get_n_items (G_LIST_MODEL (self->sounds)) - 1;
    }
  adw_combo_row_set_selected (self->sound_row, position);
}

static void
on_step_notify (UnknotStepEditor *self,
                GParamSpec       *pspec)
{
  if (self->syncing)
    return;

  self->syncing = TRUE;
  if (g_str_equal (pspec->name, "kind"))
    sync_kind (self);
  else if (g_str_equal (pspec->name, "technique"))
    sync_technique (self);
  else if (g_str_equal (pspec->name, "duration"))
    sync_duration (self);
  else if (g_str_equal (pspec->name, "instructions"))
    sync_instructions (self);
  else if (g_str_equal (pspec->name, "second-instructions"))
    sync_second_instructions (self);
  else if (g_str_equal (pspec->name, "cue-sound"))
    sync_sound (self);
  self->syncing = FALSE;
}

/* From the controls to the step */

static void
on_kind_selected (UnknotStepEditor *self)
{
  AdwEnumListItem *item = adw_combo_row_get_selected_item (self->kind_row);
  gboolean rest;

  if (self->syncing || item == NULL)
    return;

  rest = adw_enum_list_item_get_value (item) == UNKNOT_KIND_REST;
  if (rest == unknot_step_is_rest (self->step))
    return;

  if (rest)
    {
      /* A rest step has no technique (the loader refuses one). */
      unknot_step_set_kind (self->step, UNKNOT_KIND_REST);
      unknot_step_set_technique (self->step, NULL);
    }
  else
    {
      const char *technique = self->last_technique;
      g_autoptr(UnknotTechnique) first = NULL;

      if (technique == NULL)
        {
          first = g_list_model_get_item (G_LIST_MODEL (self->catalogue), 0);
          technique = first ? unknot_technique_get_id (first) : NULL;
        }
      unknot_step_set_kind (self->step, UNKNOT_KIND_WORK);
      unknot_step_set_technique (self->step, technique);
    }
}

static void
on_technique_selected (UnknotStepEditor *self)
{
  guint position = adw_combo_row_get_selected (self->technique_row);
  g_autoptr(UnknotTechnique) t = NULL;

  if (self->syncing || unknot_step_is_rest (self->step) || position == GTK_INVALID_LIST_POSITION)
    return;

  t = g_list_model_get_item (G_LIST_MODEL (self->catalogue), position);
  if (t != NULL)
    unknot_step_set_technique (self->step, unknot_technique_get_id (t));
}

static void
on_duration_changed (UnknotStepEditor *self)
{
  guint minutes = (guint) gtk_spin_button_get_value_as_int (self->minutes_spin);
  guint seconds = (guint) gtk_spin_button_get_value_as_int (self->seconds_spin);

  if (self->syncing)
    return;

  self->syncing = TRUE;
  unknot_step_set_duration (self->step, minutes * 60 + seconds);
  self->syncing = FALSE;
}

/* Returns: (transfer full): the text of @buffer, or NULL while the controls follow the step. */
static char *
buffer_text (UnknotStepEditor *self,
             GtkTextBuffer    *buffer)
{
  GtkTextIter start, end;

  if (self->syncing)
    return NULL;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_instructions_changed (UnknotStepEditor *self,
                         GtkTextBuffer    *buffer)
{
  g_autofree char *text = buffer_text (self, buffer);

  if (text == NULL)
    return;
  self->syncing = TRUE;
  unknot_step_set_instructions (self->step, text);
  self->syncing = FALSE;
}

static void
on_second_instructions_changed (UnknotStepEditor *self,
                                GtkTextBuffer    *buffer)
{
  g_autofree char *text = buffer_text (self, buffer);

  if (text == NULL)
    return;
  self->syncing = TRUE;
  unknot_step_set_second_instructions (self->step, text);
  self->syncing = FALSE;
}

static void
on_sound_selected (UnknotStepEditor *self)
{
  guint position = adw_combo_row_get_selected (self->sound_row);

  if (self->syncing || position == GTK_INVALID_LIST_POSITION)
    return;

  unknot_step_set_cue_sound (self->step, gtk_string_list_get_string (self->sounds, position));
}

static void
preview_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[PREVIEW], 0);
}

/* Construction */

static char *
technique_name (UnknotTechnique *technique)
{
  return g_strdup (unknot_technique_get_display_name (technique));
}

static char *
sound_label (GtkStringObject *item)
{
  return g_strdup (unknot_cue_sound_get_label (gtk_string_object_get_string (item)));
}

/* The rows show the project's translated labels, never the values' nicks. */

static char *
kind_label (AdwEnumListItem *item)
{
  return g_strdup (unknot_kind_get_label (adw_enum_list_item_get_value (item)));
}

static char *
area_label (AdwEnumListItem *item)
{
  return g_strdup (unknot_area_get_label (adw_enum_list_item_get_value (item)));
}

static char *
side_label (AdwEnumListItem *item)
{
  return g_strdup (unknot_side_get_label (adw_enum_list_item_get_value (item)));
}

static char *
pressure_label (AdwEnumListItem *item)
{
  return g_strdup (unknot_pressure_get_label (adw_enum_list_item_get_value (item)));
}

static char *
tool_label (AdwEnumListItem *item)
{
  return g_strdup (unknot_tool_get_label (adw_enum_list_item_get_value (item)));
}

static char *
position_label (AdwEnumListItem *item)
{
  return g_strdup (unknot_position_get_label (adw_enum_list_item_get_value (item)));
}

static void
set_enum_model (AdwComboRow *row,
                GType        type,
                GCallback    label)
{
  g_autoptr(AdwEnumListModel) model = adw_enum_list_model_new (type);
  g_autoptr(GtkExpression) expression =
    gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, label, NULL, NULL);

  adw_combo_row_set_expression (row, expression);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
}

/* Between a step's enumeration property and its row's position in the AdwEnumListModel. */

static gboolean
enum_to_position (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      model)
{
  g_value_set_uint (to, adw_enum_list_model_find_position (model, g_value_get_enum (from)));
  return TRUE;
}

static gboolean
position_to_enum (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      model)
{
  g_autoptr(AdwEnumListItem) item = g_list_model_get_item (model, g_value_get_uint (from));

  if (item == NULL)
    return FALSE;
  g_value_set_enum (to, adw_enum_list_item_get_value (item));
  return TRUE;
}

static void
bind_enum_row (UnknotStep  *step,
               const char  *property,
               AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);

  g_object_bind_property_full (step, property, row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_to_position, position_to_enum,
                               g_object_ref (model), g_object_unref);
}

static void
unknot_step_editor_dispose (GObject *object)
{
  UnknotStepEditor *self = (UnknotStepEditor *) object;

  if (self->step != NULL)
    g_signal_handlers_disconnect_by_data (self->step, self);
  if (self->editor != NULL)
    g_signal_handlers_disconnect_by_data (self->editor, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_STEP_EDITOR);
  g_clear_object (&self->editor);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->sounds);
  g_clear_pointer (&self->last_technique, g_free);

  G_OBJECT_CLASS (unknot_step_editor_parent_class)->dispose (object);
}

static void
unknot_step_editor_finalize (GObject *object)
{
  UnknotStepEditor *self = (UnknotStepEditor *) object;

  /* Kept to the end: the window's "destroy" handlers still ask which step it edited. */
  g_clear_object (&self->step);

  G_OBJECT_CLASS (unknot_step_editor_parent_class)->finalize (object);
}

static void
unknot_step_editor_class_init (UnknotStepEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_step_editor_dispose;
  object_class->finalize = unknot_step_editor_finalize;

  /**
   * UnknotStepEditor::preview:
   *
   * The person wants to hear the step's cue (its sound and announcement) now.
   */
  signals[PREVIEW] = g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-step-editor.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, title);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, technique_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, technique_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, technique_summary);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, technique_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, where_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, side_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, pressure_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, tool_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, position_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, duration_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, seconds_spin);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, duration_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, instructions_view);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, instructions_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, second_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, second_view);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, second_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, hold_switch);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, sound_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, speak_switch);
  gtk_widget_class_bind_template_child (widget_class, UnknotStepEditor, sound_problem);
  gtk_widget_class_bind_template_callback (widget_class, on_duration_changed);

  gtk_widget_class_install_action (widget_class, "step.preview", NULL, preview_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "step.preview",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
unknot_step_editor_init (UnknotStepEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (self));

  /* The longest step the format allows, in whole minutes. */
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->minutes_spin),
                            unknot_field_get_info (UNKNOT_FIELD_STEP_DURATION)->max / 60);
  /* "1:05": the seconds with two digits, after the colon. */
  unknot_spin_button_use_language_digits (self->minutes_spin, 1);
  unknot_spin_button_use_language_digits (self->seconds_spin, 2);
  /* Scrolling the step's page over a field must not change it. */
  unknot_widget_ignore_scroll_unless_focused (GTK_WIDGET (self->minutes_spin));
  unknot_widget_ignore_scroll_unless_focused (GTK_WIDGET (self->seconds_spin));

  set_enum_model (self->kind_row, UNKNOT_TYPE_KIND, G_CALLBACK (kind_label));
  set_enum_model (self->area_row, UNKNOT_TYPE_AREA, G_CALLBACK (area_label));
  set_enum_model (self->side_row, UNKNOT_TYPE_SIDE, G_CALLBACK (side_label));
  set_enum_model (self->pressure_row, UNKNOT_TYPE_PRESSURE, G_CALLBACK (pressure_label));
  set_enum_model (self->tool_row, UNKNOT_TYPE_TOOL, G_CALLBACK (tool_label));
  set_enum_model (self->position_row, UNKNOT_TYPE_POSITION, G_CALLBACK (position_label));

  self->sounds = gtk_string_list_new ((const char * const *) unknot_cue_sounds);
  adw_combo_row_set_expression (self->sound_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (sound_label), NULL,
                                                             NULL));
  adw_combo_row_set_model (self->sound_row, G_LIST_MODEL (self->sounds));
}

/* The template's size, or the main window's when that is smaller: on a phone-sized window the
 * step window covers it and no more (its fields scroll). */
static void
fit_in_parent (UnknotStepEditor *self,
               GtkWindow        *parent)
{
  int width, height;

  if (parent == NULL || gtk_widget_get_width (GTK_WIDGET (parent)) <= 0)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               MIN (width, gtk_widget_get_width (GTK_WIDGET (parent))),
                               MIN (height, gtk_widget_get_height (GTK_WIDGET (parent))));
}

/**
 * unknot_step_editor_new:
 * @editor: the editor whose working copy holds @step
 * @step: a step of the working copy, changed directly
 */
UnknotStepEditor *
unknot_step_editor_new (GtkWindow       *parent,
                        UnknotEditor    *editor,
                        UnknotCatalogue *catalogue,
                        UnknotStep      *step)
{
  UnknotStepEditor *self;
  GtkTextBuffer *buffer;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (UNKNOT_IS_EDITOR (editor), NULL);
  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (catalogue), NULL);
  g_return_val_if_fail (UNKNOT_IS_STEP (step), NULL);

  self = g_object_new (UNKNOT_TYPE_STEP_EDITOR, "transient-for", parent, NULL);
  fit_in_parent (self, parent);
  self->editor = g_object_ref (editor);
  self->catalogue = g_object_ref (catalogue);
  self->step = g_object_ref (step);

  adw_combo_row_set_expression (self->technique_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (technique_name), NULL,
                                                             NULL));
  adw_combo_row_set_model (self->technique_row, G_LIST_MODEL (catalogue));

  self->syncing = TRUE;
  sync_kind (self);
  sync_technique (self);
  sync_duration (self);
  sync_instructions (self);
  sync_second_instructions (self);
  sync_side (self);
  sync_pressure (self);
  sync_sound (self);
  self->syncing = FALSE;

  bind_enum_row (step, "area", self->area_row);
  bind_enum_row (step, "side", self->side_row);
  bind_enum_row (step, "pressure", self->pressure_row);
  bind_enum_row (step, "tool", self->tool_row);
  bind_enum_row (step, "position", self->position_row);
  g_object_bind_property (step, "cue-speak", self->speak_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (step, "hold", self->hold_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (step, "notify::side", G_CALLBACK (sync_side), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::kind", G_CALLBACK (sync_side), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (step, "notify::tool", G_CALLBACK (sync_pressure), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (step, "notify", G_CALLBACK (on_step_notify), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->technique_row, "notify::selected",
                           G_CALLBACK (on_technique_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sound_row, "notify::selected", G_CALLBACK (on_sound_selected),
                           self, G_CONNECT_SWAPPED);
  buffer = gtk_text_view_get_buffer (self->instructions_view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_instructions_changed), self,
                           G_CONNECT_SWAPPED);
  buffer = gtk_text_view_get_buffer (self->second_view);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_second_instructions_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "problems-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  update_problems (self);

  return self;
}

UnknotStep *
unknot_step_editor_get_step (UnknotStepEditor *self)
{
  g_return_val_if_fail (UNKNOT_IS_STEP_EDITOR (self), NULL);
  return self->step;
}
