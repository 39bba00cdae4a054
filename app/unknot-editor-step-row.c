/* unknot-editor-step-row.c: a step of the routine being edited: "2. Kneading — Shoulders", how
 * and how long, a mark when it breaks a rule, a handle to drag it by and buttons to move,
 * duplicate and remove it.
 *
 * The buttons' row.* actions hand the row's position to the editor view's own actions
 * (editor.move-step, editor.duplicate-step, editor.remove-step-at), which do the work and place
 * the keyboard focus; the row knows nothing of the editor.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-editor-step-row.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"

struct _UnknotEditorStepRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *handle;
  GtkWidget    *error_icon;
  GtkWidget    *up_button;
  GtkWidget    *down_button;
  GtkWidget    *duplicate_button;
  GtkWidget    *remove_button;
  GtkWidget    *squeezer;       /* the buttons, or on narrow widths the menu of the same four */
  GtkWidget    *menu_button;
  GMenuModel   *step_menu;      /* the menu's, given to it once it opens */

  UnknotStep   *step;
  int           position;       /* the step's place in the routine, -1 while it shows none */
};

G_DEFINE_FINAL_TYPE (UnknotEditorStepRow, unknot_editor_step_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Actions */

/* The keyboard stays on the button pressed (a click gives it the focus, an assistive
 * technology's press does not): the view keeps the focus on the control that has it, wherever
 * the step goes. */
static void
forward (UnknotEditorStepRow *self,
         GtkWidget           *button,
         const char          *action,
         GVariant            *parameter)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (parameter);

  gtk_widget_grab_focus (button);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), action, owned);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (widget);
  int index = self->position;

  if (index > 0)
    forward (self, self->up_button, "editor.move-step",
             g_variant_new ("(uu)", (guint32) index, (guint32) index - 1));
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (widget);
  int index = self->position;

  if (index >= 0)
    forward (self, self->down_button, "editor.move-step",
             g_variant_new ("(uu)", (guint32) index, (guint32) index + 1));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (widget);
  int index = self->position;

  if (index >= 0)
    forward (self, self->duplicate_button, "editor.duplicate-step",
             g_variant_new_uint32 ((guint32) index));
}

static void
remove_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (widget);
  int index = self->position;

  if (index >= 0)
    forward (self, self->remove_button, "editor.remove-step-at",
             g_variant_new_uint32 ((guint32) index));
}

/* Life */

static void
unknot_editor_step_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_object (value, self->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_editor_step_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (object);

  switch (prop_id)
    {
    case PROP_STEP:
      unknot_editor_step_row_set_step (self, g_value_get_object (value), self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_editor_step_row_dispose (GObject *object)
{
  UnknotEditorStepRow *self = UNKNOT_EDITOR_STEP_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_EDITOR_STEP_ROW);
  g_clear_object (&self->step);

  G_OBJECT_CLASS (unknot_editor_step_row_parent_class)->dispose (object);
}

static void
unknot_editor_step_row_class_init (UnknotEditorStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = unknot_editor_step_row_get_property;
  object_class->set_property = unknot_editor_step_row_set_property;
  object_class->dispose = unknot_editor_step_row_dispose;

  /**
   * UnknotEditorStepRow:step:
   *
   * The step the row shows, in the editor's working copy. A row of the editor's recycled list
   * shows one step after another.
   */
  properties[PROP_STEP] =
    g_param_spec_object ("step", NULL, NULL, UNKNOT_TYPE_STEP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/"
                                               "unknot-editor-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, handle);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, error_icon);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, squeezer);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorStepRow, step_menu);

  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "row.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, remove_action);
}

/* The menu is made the first time it opens, not with every row (most never open it). */
static void
create_menu (GtkMenuButton *button,
             gpointer       data)
{
  UnknotEditorStepRow *self = data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->step_menu);
}

static void
unknot_editor_step_row_init (UnknotEditorStepRow *self)
{
  self->position = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button), create_menu, self,
                                         NULL);
}

/**
 * unknot_editor_step_row_new:
 * @step: (nullable): the step to show, or %NULL for none yet
 */
GtkWidget *
unknot_editor_step_row_new (UnknotStep *step)
{
  g_return_val_if_fail (step == NULL || UNKNOT_IS_STEP (step), NULL);

  return g_object_new (UNKNOT_TYPE_EDITOR_STEP_ROW, "step", step, NULL);
}

/**
 * unknot_editor_step_row_set_step:
 * @step: (nullable): the step the row shows now, %NULL for none
 * @position: its place in the routine, from 0 (-1 with no step)
 *
 * What the row's buttons act on; unknot_editor_step_row_update() then shows it.
 */
void
unknot_editor_step_row_set_step (UnknotEditorStepRow *self,
                                 UnknotStep          *step,
                                 int                  position)
{
  g_return_if_fail (UNKNOT_IS_EDITOR_STEP_ROW (self));
  g_return_if_fail (step == NULL || UNKNOT_IS_STEP (step));

  self->position = step != NULL ? position : -1;
  if (g_set_object (&self->step, step))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

/* The step's place in the routine, from 0; -1 while the row shows none. */
int
unknot_editor_step_row_get_position (UnknotEditorStepRow *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR_STEP_ROW (self), -1);

  return self->position;
}

UnknotStep *
unknot_editor_step_row_get_step (UnknotEditorStepRow *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR_STEP_ROW (self), NULL);

  return self->step;
}

/* What a drag starts from. */
GtkWidget *
unknot_editor_step_row_get_handle (UnknotEditorStepRow *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR_STEP_ROW (self), NULL);

  return self->handle;
}

/**
 * unknot_editor_step_row_get_button:
 * @action_name: a button's action, e.g. "row.move-up"
 *
 * Returns: (transfer none) (nullable): the row's button for @action_name
 */
GtkWidget *
unknot_editor_step_row_get_button (UnknotEditorStepRow *self,
                                   const char          *action_name)
{
  GtkWidget *buttons[] = { self->up_button, self->down_button, self->duplicate_button,
                           self->remove_button };

  g_return_val_if_fail (UNKNOT_IS_EDITOR_STEP_ROW (self), NULL);

  for (guint i = 0; action_name != NULL && i < G_N_ELEMENTS (buttons); i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (buttons[i])),
                   action_name) == 0)
      return buttons[i];
  return NULL;
}

/**
 * unknot_editor_step_row_update:
 * @n_steps: how many steps the routine has
 * @problems: (nullable): the step's problems in words, one a line
 *
 * Shows the step as it is now, at the row's place in the list: its number, its texts, whether it
 * can move up and down, and its problems (on the mark's tooltip and as the row's description).
 */
void
unknot_editor_step_row_update (UnknotEditorStepRow *self,
                               UnknotCatalogue     *catalogue,
                               guint                n_steps,
                               const char          *problems)
{
  int index;
  g_autofree char *title = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *full_title = NULL;
  g_autofree char *shown_title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  g_return_if_fail (UNKNOT_IS_EDITOR_STEP_ROW (self));

  index = self->position;
  if (index < 0 || self->step == NULL)
    return;

  title = unknot_step_get_title (self->step, catalogue);
  /* A time in a list row: "45 s", as the routine's page says it (README, "Words"). */
  duration = unknot_duration_to_short (unknot_step_get_duration (self->step));

  if (unknot_step_is_rest (self->step))
    full_title = g_strdup_printf ("%d. %s", index + 1, title);
  else
    /* Translators: a step in the editor: "2. Kneading — Shoulders" */
    full_title = g_strdup_printf (_("%d. %s — %s"), index + 1, title,
                                  unknot_area_get_label (unknot_step_get_area (self->step)));

  if (!unknot_step_is_rest (self->step))
    {
      g_autofree char *summary = unknot_step_get_summary (self->step);

      g_string_append (subtitle, summary);
      g_string_append (subtitle, " · ");
    }
  /* "1 min" kept on one line when the subtitle wraps. */
  {
    g_auto(GStrv) words = g_strsplit (duration, " ", -1);
    g_autofree char *joined = g_strjoinv ("\u00a0", words);

    g_string_append (subtitle, joined);
  }

  /* Text from the routine is plain text: the template turns markup off. The number in the
   * language's digits (the catalogue's names have none). */
  shown_title = unknot_i18n_localize_digits (full_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), shown_title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle->str);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-down", (guint) index + 1 < n_steps);

  gtk_widget_set_visible (self->error_icon, problems != NULL);
  gtk_widget_set_tooltip_text (self->error_icon, problems);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problems ? problems : "", -1);
}
