/* unknot-planner-page.c: "Plan a Routine": the areas that hurt, chosen on the drawing of the back
 * (a toggle on each half where the area has sides) or from a list of the same areas (a check, with
 * Left, Both or Right); the minutes, the tools at hand and how firm; a preview of the composed
 * routine that follows every change, under the whole safety notice; the total,
 * Start and Save as Mine in a bar that stays in sight.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "Unknot"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "unknot-back-view.h"
#include "unknot-help-window.h"
#include "unknot-labels.h"
#include "unknot-planner-page.h"
#include "unknot-scroll-guard.h"
#include "unknot-step-row.h"

/* The order of the side choice's items. */
static const UnknotSide side_choices[] = { UNKNOT_SIDE_LEFT, UNKNOT_SIDE_BOTH, UNKNOT_SIDE_RIGHT };

/* The tools a person may say they have: hands are always there. */
static const UnknotTool optional_tools[] = {
  UNKNOT_TOOL_BALL, UNKNOT_TOOL_FOAM_ROLLER, UNKNOT_TOOL_CANE, UNKNOT_TOOL_HEAT_PACK,
};

struct _UnknotPlannerPage
{
  GtkWidget           parent_instance;

  UnknotBackView      *back_view;
  AdwExpanderRow      *areas_list;
  AdwPreferencesGroup *tools_group;
  GtkScrolledWindow   *scrolled;
  GtkSpinButton       *minutes;
  AdwComboRow         *firmness;
  GtkLabel            *status;
  GtkListBox          *steps;
  GtkLabel            *reasons;
  GtkLabel            *safety;
  GtkWidget           *save_button;
  GtkWidget           *start_button;

  GtkCheckButton      *area_checks[UNKNOT_N_AREAS];
  GtkDropDown         *area_sides[UNKNOT_N_AREAS];  /* NULL where the area has no sides */
  GtkSwitch           *tool_switches[G_N_ELEMENTS (optional_tools)];

  UnknotCatalogue     *catalogue;
  GPtrArray           *journal_entries;
  gboolean             syncing;  /* the list follows the drawing: not a change of its own */
  UnknotPlanRequest   *request;
  UnknotPlan          *plan;
};

G_DEFINE_FINAL_TYPE (UnknotPlannerPage, unknot_planner_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_BACK,
  SIGNAL_START,
  SIGNAL_SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The request from the controls, as they are now. */
static void
read_request (UnknotPlannerPage *self)
{
  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    {
      UnknotSide side = UNKNOT_SIDE_NONE;

      if (gtk_check_button_get_active (self->area_checks[area]))
        side = self->area_sides[area] != NULL
               ? side_choices[gtk_drop_down_get_selected (self->area_sides[area])]
               : UNKNOT_SIDE_BOTH;
      if (self->area_sides[area] != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (self->area_sides[area]), side != UNKNOT_SIDE_NONE);
      unknot_plan_request_set_area (self->request, area, side);
      unknot_back_view_set_chosen (self->back_view, area, side);
    }
  unknot_plan_request_set_minutes (self->request, gtk_spin_button_get_value_as_int (self->minutes));
  for (guint i = 0; i < G_N_ELEMENTS (optional_tools); i++)
    unknot_plan_request_set_tool (self->request, optional_tools[i],
                                  gtk_switch_get_active (self->tool_switches[i]));
  unknot_plan_request_set_firmness (self->request, adw_combo_row_get_selected (self->firmness));
}

static gboolean
any_area_chosen (UnknotPlannerPage *self)
{
  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    if (unknot_plan_request_get_area (self->request, area) != UNKNOT_SIDE_NONE)
      return TRUE;
  return FALSE;
}

static void
clear_steps (UnknotPlannerPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps))) != NULL)
    gtk_list_box_remove (self->steps, child);
}

/* Composes the routine again and shows it: the steps, the total and why. */
static void
update_preview (UnknotPlannerPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  UnknotRoutine *routine;
  GPtrArray *reasons;

  read_request (self);
  g_clear_pointer (&self->plan, unknot_plan_free);
  clear_steps (self);
  gtk_label_set_text (self->reasons, "");
  gtk_widget_set_visible (GTK_WIDGET (self->steps), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons), FALSE);

  if (self->catalogue == NULL)
    return;
  if (!any_area_chosen (self))
    {
      /* Not an error: what to do first. */
      gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
      gtk_label_set_text (self->status,
                          _("Choose where it hurts above, and a routine will be planned for it."));
    }
  else if (!unknot_plan_request_validate (self->request, &error)
           || (self->plan = unknot_planner_compose (self->catalogue, self->request,
                                                    self->journal_entries, &error)) == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
      gtk_label_set_text (self->status, error->message);
    }

  gtk_widget_set_sensitive (self->start_button, self->plan != NULL);
  gtk_widget_set_sensitive (self->save_button, self->plan != NULL);
  if (self->plan == NULL)
    return;

  routine = unknot_plan_get_routine (self->plan);
  {
    g_autofree char *total = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
    g_autofree char *text = NULL;
    guint n = unknot_routine_get_n_steps (routine);

    /* Translators: "8 steps, 10 min in all" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step, %s in all",
                                         "%u steps, %s in all", n),
                            n, total);
    gtk_widget_remove_css_class (GTK_WIDGET (self->status), "error");
    gtk_label_set_text (self->status, text);
    for (guint i = 0; i < n; i++)
      gtk_list_box_append (self->steps, unknot_step_row_new (routine, i, self->catalogue));
    gtk_widget_set_visible (GTK_WIDGET (self->steps), n > 0);
  }

  reasons = unknot_plan_get_reasons (self->plan);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      if (why->len > 0)
        g_string_append_c (why, '\n');
      g_string_append (why, g_ptr_array_index (reasons, i));
    }
  gtk_label_set_text (self->reasons, why->str);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons), why->len > 0);
}

static void
on_control_changed (UnknotPlannerPage *self)
{
  if (!self->syncing)
    update_preview (self);
}

/* An area toggled on the drawing: the list shows the same, then the preview follows. */
static void
on_drawing_changed (UnknotPlannerPage *self,
                    int                area)
{
  UnknotSide side = unknot_back_view_get_chosen (self->back_view, area);

  self->syncing = TRUE;
  gtk_check_button_set_active (self->area_checks[area], side != UNKNOT_SIDE_NONE);
  if (self->area_sides[area] != NULL && side != UNKNOT_SIDE_NONE)
    for (guint i = 0; i < G_N_ELEMENTS (side_choices); i++)
      if (side_choices[i] == side)
        gtk_drop_down_set_selected (self->area_sides[area], i);
  self->syncing = FALSE;
  update_preview (self);
}

static void
on_back_clicked (UnknotPlannerPage *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
on_start_clicked (UnknotPlannerPage *self)
{
  if (self->plan != NULL)
    g_signal_emit (self, signals[SIGNAL_START], 0, unknot_plan_get_routine (self->plan));
}

static void
on_save_clicked (UnknotPlannerPage *self)
{
  if (self->plan != NULL)
    g_signal_emit (self, signals[SIGNAL_SAVE], 0, unknot_plan_get_routine (self->plan));
}

/* One row per area: a check, and where the area has sides, Left, Both or Right (Both first
 * chosen). The words are the body's: the person's own left and right, whatever the direction
 * of the text. */
static void
add_area_rows (UnknotPlannerPage *self)
{
  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unknot_area_get_label (area));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      unknot_area_get_label (area), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_control_changed), self,
                               G_CONNECT_SWAPPED);
      self->area_checks[area] = GTK_CHECK_BUTTON (check);

      if (unknot_plan_request_area_has_sides (area))
        {
          const char *sides[G_N_ELEMENTS (side_choices) + 1] = { NULL };
          GtkWidget *dropdown;
          g_autofree char *name = NULL;

          for (guint i = 0; i < G_N_ELEMENTS (side_choices); i++)
            sides[i] = unknot_side_get_label (side_choices[i]);
          dropdown = gtk_drop_down_new_from_strings (sides);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 1);
          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          /* Translators: the accessible name of the side choice, e.g. "Side of the Shoulders" */
          name = g_strdup_printf (_("Side of the %s"), unknot_area_get_label (area));
          gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
          g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_control_changed),
                                   self, G_CONNECT_SWAPPED);
          self->area_sides[area] = GTK_DROP_DOWN (dropdown);
        }
      adw_expander_row_add_row (self->areas_list, row);
    }
}

/* Returns: the row, its switch its activatable widget. */
static GtkWidget *
add_tool_row (UnknotPlannerPage *self,
              UnknotTool         tool)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unknot_tool_get_label (tool));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  unknot_tool_get_label (tool), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (self->tools_group, row);
  return row;
}

static void
add_tool_rows (UnknotPlannerPage *self)
{
  GtkWidget *hands = add_tool_row (self, UNKNOT_TOOL_HANDS);

  /* Hands are always at hand: shown on, not to be turned off. */
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (hands))),
                         TRUE);
  gtk_widget_set_sensitive (hands, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (optional_tools); i++)
    {
      GtkWidget *row = add_tool_row (self, optional_tools[i]);
      GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_control_changed), self,
                               G_CONNECT_SWAPPED);
      self->tool_switches[i] = GTK_SWITCH (toggle);
    }
}

static void
unknot_planner_page_map (GtkWidget *widget)
{
  UnknotPlannerPage *self = UNKNOT_PLANNER_PAGE (widget);

  GTK_WIDGET_CLASS (unknot_planner_page_parent_class)->map (widget);
  /* Pages open at their top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
}

static void
unknot_planner_page_dispose (GObject *object)
{
  UnknotPlannerPage *self = UNKNOT_PLANNER_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_PLANNER_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->plan, unknot_plan_free);
  g_clear_pointer (&self->request, unknot_plan_request_free);
  g_clear_pointer (&self->journal_entries, g_ptr_array_unref);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (unknot_planner_page_parent_class)->dispose (object);
}

static void
unknot_planner_page_class_init (UnknotPlannerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_planner_page_dispose;
  widget_class->map = unknot_planner_page_map;

  signals[SIGNAL_BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_ROUTINE);
  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_ROUTINE);

  g_type_ensure (UNKNOT_TYPE_BACK_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-planner-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, back_view);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, areas_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, tools_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, minutes);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, firmness);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, status);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, steps);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, reasons);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, safety);
  gtk_widget_class_bind_template_child_full (widget_class, "safety_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlannerPage, start_button);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_control_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_drawing_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
unknot_planner_page_init (UnknotPlannerPage *self)
{
  g_autofree char *safety = unknot_help_window_dup_safety_text ();

  self->request = unknot_plan_request_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  unknot_back_view_set_choosing (self->back_view);
  add_area_rows (self);
  add_tool_rows (self);
  /* The page scrolls: a wheel crossing the minutes on the way leaves them as they are. */
  unknot_widget_ignore_scroll_unless_focused (GTK_WIDGET (self->minutes));
  /* The controls start from the request's defaults: what they show is what the plan uses. */
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->minutes, unknot_plan_request_get_minutes (self->request));
  adw_combo_row_set_selected (self->firmness, unknot_plan_request_get_firmness (self->request));
  self->syncing = FALSE;
  /* The whole safety notice, red flags and all, before a plan is started; its button opens the
   * help, where it is too. */
  gtk_label_set_text (self->safety, safety);
  update_preview (self);
}

/* The catalogue to compose from and the journal's runs to learn from (the page keeps a
 * reference; NULL for none). Composes the preview again. */
void
unknot_planner_page_set_context (UnknotPlannerPage *self,
                                 UnknotCatalogue   *catalogue,
                                 GPtrArray         *journal_entries)
{
  g_return_if_fail (UNKNOT_IS_PLANNER_PAGE (self));

  g_set_object (&self->catalogue, catalogue);
  g_clear_pointer (&self->journal_entries, g_ptr_array_unref);
  if (journal_entries != NULL)
    self->journal_entries = g_ptr_array_ref (journal_entries);
  update_preview (self);
}

/* Returns: (transfer none): the request the controls make. */
const UnknotPlanRequest *
unknot_planner_page_get_request (UnknotPlannerPage *self)
{
  g_return_val_if_fail (UNKNOT_IS_PLANNER_PAGE (self), NULL);
  return self->request;
}

/* Returns: (transfer none) (nullable): the routine in the preview, NULL while there is none. */
UnknotRoutine *
unknot_planner_page_get_routine (UnknotPlannerPage *self)
{
  g_return_val_if_fail (UNKNOT_IS_PLANNER_PAGE (self), NULL);
  return self->plan != NULL ? unknot_plan_get_routine (self->plan) : NULL;
}
