/* unknot-routine-page.c: one routine, before it starts: its name, what it is for, how long it
 * takes, what it needs, every step, and Start
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-pain-scale.h"
#include "unknot-routine-page.h"
#include "unknot-step-row.h"

struct _UnknotRoutinePage
{
  GtkWidget       parent_instance;

  AdwWindowTitle *routine_title;
  GtkLabel       *routine_name;
  GtkLabel       *routine_description;
  GtkLabel       *routine_facts;
  GtkGridView    *step_list;
  GtkScrolledWindow *scrolled;
  GtkWidget      *intro;          /* the name, facts, pain check and Start: the list's first row */
  GtkBox         *intro_holder;   /* where the introduction waits while no row shows it */
  GtkButton      *edit_button;
  UnknotPainScale *pain_before;

  UnknotRoutine  *routine;
  UnknotCatalogue *catalogue;
  GListStore     *intro_item;     /* one item, standing for the introduction */
};

G_DEFINE_FINAL_TYPE (UnknotRoutinePage, unknot_routine_page, GTK_TYPE_WIDGET)

enum {
  START,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows: the list view makes as many as fill the screen and binds them again to other items
 * as it scrolls. One row widget serves the introduction and a step. */

typedef struct {
  GtkWidget *box;
  GtkWidget *list;      /* a boxed list of the one row, for its looks and focus */
  GtkWidget *row;       /* an UnknotStepRow */
} RowWidgets;

static void
move_intro (UnknotRoutinePage *self,
            GtkWidget         *to)
{
  GtkWidget *parent = gtk_widget_get_parent (self->intro);

  if (parent == to)
    return;
  g_object_ref (self->intro);
  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), self->intro);
  gtk_box_prepend (GTK_BOX (to), self->intro);
  g_object_unref (self->intro);
}

static void
set_css_class (GtkWidget  *widget,
               const char *name,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* Up and Down go on past a row's own list, to the next row of the page's. */
static gboolean
on_row_keynav_failed (GtkWidget         *list,
                      GtkDirectionType   direction,
                      UnknotRoutinePage *self)
{
  return gtk_widget_child_focus (GTK_WIDGET (self->step_list),
                                 direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                         : GTK_DIR_TAB_FORWARD);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           UnknotRoutinePage        *self)
{
  RowWidgets *widgets = g_new0 (RowWidgets, 1);

  widgets->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  widgets->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (widgets->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (widgets->list, "boxed-list");
  g_signal_connect_object (widgets->list, "keynav-failed", G_CALLBACK (on_row_keynav_failed),
                           self, 0);
  widgets->row = g_object_new (UNKNOT_TYPE_STEP_ROW, NULL);
  gtk_list_box_append (GTK_LIST_BOX (widgets->list), widgets->row);
  gtk_box_append (GTK_BOX (widgets->box), widgets->list);
  g_object_set_data_full (G_OBJECT (widgets->box), "unknot-row-widgets", widgets, g_free);
  gtk_list_item_set_child (item, widgets->box);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          UnknotRoutinePage        *self)
{
  RowWidgets *widgets =
    g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "unknot-row-widgets");
  gboolean is_intro = GTK_IS_STRING_OBJECT (gtk_list_item_get_item (item));

  gtk_widget_set_visible (widgets->list, !is_intro);
  if (is_intro)
    move_intro (self, widgets->box);
  else
    {
      /* The introduction is the first item: step i is item i + 1. */
      guint index = gtk_list_item_get_position (item) - 1;

      unknot_step_row_set_step (UNKNOT_STEP_ROW (widgets->row), self->routine, index,
                                self->catalogue);
      /* The rows' lists join into one boxed list, rounded at its ends (style.css). */
      set_css_class (widgets->list, "first", index == 0);
      set_css_class (widgets->list, "last", index + 1 == unknot_routine_get_n_steps (self->routine));
    }
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            UnknotRoutinePage        *self)
{
  RowWidgets *widgets =
    g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "unknot-row-widgets");

  if (gtk_widget_get_parent (self->intro) == widgets->box)
    move_intro (self, GTK_WIDGET (self->intro_holder));
}

/* The introduction, then the routine's steps; none while no routine is shown. */
static void
set_items (UnknotRoutinePage *self,
           UnknotRoutine     *routine)
{
  GtkSelectionModel *selection = NULL;

  if (routine != NULL)
    {
      GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);

      g_list_store_append (parts, self->intro_item);
      g_list_store_append (parts, unknot_routine_get_steps (routine));
      selection = GTK_SELECTION_MODEL (
        gtk_no_selection_new (G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)))));
    }
  gtk_grid_view_set_model (self->step_list, selection);
  g_clear_object (&selection);
}

static void
on_steps_changed (UnknotRoutinePage *self)
{
  /* The rows after a change are numbered anew. */
  set_items (self, self->routine);
}

/* Shows @routine, every step of it. */
void
unknot_routine_page_set_routine (UnknotRoutinePage *self,
                                 UnknotRoutine     *routine,
                                 UnknotCatalogue   *catalogue)
{
  g_autofree char *total = NULL;
  g_autofree char *areas = NULL;
  g_autofree char *tools = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *facts = NULL;
  gboolean bundled;
  guint n;

  g_return_if_fail (UNKNOT_IS_ROUTINE_PAGE (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  if (self->routine != NULL)
    g_signal_handlers_disconnect_by_data (unknot_routine_get_steps (self->routine), self);
  g_set_object (&self->routine, routine);
  g_set_object (&self->catalogue, catalogue);

  adw_window_title_set_title (self->routine_title, unknot_routine_get_display_name (routine));
  gtk_label_set_text (self->routine_name, unknot_routine_get_display_name (routine));
  gtk_label_set_text (self->routine_description, unknot_routine_get_display_description (routine));

  n = unknot_routine_get_n_steps (routine);
  total = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
  areas = unknot_areas_to_text (unknot_routine_get_areas (routine));
  tools = unknot_tools_to_text (unknot_routine_get_tools (routine));
  steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n), n);
  facts = unknot_i18n_localize_digits (steps);   /* the step count, in the language's digits */
  g_free (steps);
  steps = g_steal_pointer (&facts);
  facts = tools[0] ? g_strdup_printf ("%s · %s\n%s\n%s", total, steps, areas, tools)
                   : g_strdup_printf ("%s · %s\n%s", total, steps, areas);
  gtk_label_set_text (self->routine_facts, facts);

  set_items (self, routine);
  g_signal_connect_object (unknot_routine_get_steps (routine), "items-changed",
                           G_CALLBACK (on_steps_changed), self, G_CONNECT_SWAPPED);
  /* Each routine opens at its top, its title and Start button in view: the list anchored at
   * its first item (setting the adjustment before the new rows are laid out would ask for a
   * height they do not have yet). */
  if (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scrolled)) != 0)
    gtk_widget_activate_action (GTK_WIDGET (self->step_list), "list.scroll-to-item", "u", 0);

  /* Bundled routines are read-only: "Customise" edits a copy of the person's own. An icon, so
   * the header fits 360 pixels; the name says which. */
  bundled = unknot_routine_get_bundled (routine);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               bundled ? _("Customise: make a copy of your own to change (Ctrl+E)")
                                       : _("Edit the routine (Ctrl+E)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  bundled ? _("Customise") : _("Edit"), -1);
}

/* Returns: (transfer none) (nullable): the routine shown */
UnknotRoutine *
unknot_routine_page_get_routine (UnknotRoutinePage *self)
{
  g_return_val_if_fail (UNKNOT_IS_ROUTINE_PAGE (self), NULL);
  return self->routine;
}

/* The page is out of sight while its routine runs: its rows (those on screen, each with its
 * text laid out) are let go, and unknot_routine_page_set_routine() makes them again on the way
 * back. */
void
unknot_routine_page_release_steps (UnknotRoutinePage *self)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE_PAGE (self));

  if (gtk_grid_view_get_model (self->step_list) == NULL)
    return;

  set_items (self, NULL);
#ifdef __GLIBC__
  /* Small blocks freed in the middle of the heap go back to the system only when asked. */
  malloc_trim (0);
#endif
}

/* The answer to "How does your back feel?", for the start: kept until a start takes it (from
 * routine to routine: it is about the back, not the routine), then asked afresh. */
int
unknot_routine_page_take_pain_before (UnknotRoutinePage *self)
{
  int pain;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE_PAGE (self), -1);

  pain = unknot_pain_scale_get_value (self->pain_before);
  unknot_pain_scale_set_value (self->pain_before, -1);
  return pain;
}

static void
on_start_clicked (UnknotRoutinePage *self)
{
  if (self->routine != NULL)
    g_signal_emit (self, signals[START], 0, self->routine);
}

static void
on_back_clicked (UnknotRoutinePage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
unknot_routine_page_dispose (GObject *object)
{
  GtkWidget *child;
  UnknotRoutinePage *self = (UnknotRoutinePage *) object;

  /* The rows first: the one showing the introduction gives it back to the page. */
  if (self->step_list != NULL)
    set_items (self, NULL);
  if (self->routine != NULL)
    g_signal_handlers_disconnect_by_data (unknot_routine_get_steps (self->routine), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_ROUTINE_PAGE);
  /* The page's box is not a bound child: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->routine);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->intro_item);

  G_OBJECT_CLASS (unknot_routine_page_parent_class)->dispose (object);
}

static void
unknot_routine_page_class_init (UnknotRoutinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_routine_page_dispose;
  g_type_ensure (UNKNOT_TYPE_PAIN_SCALE);

  /**
   * UnknotRoutinePage::start:
   * @routine: the routine shown
   */
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_ROUTINE);
  /* Back to the routines. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-routine-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, routine_title);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, routine_name);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, routine_description);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, routine_facts);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, step_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, intro);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, intro_holder);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, pain_before);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
unknot_routine_page_init (UnknotRoutinePage *self)
{
  GtkListItemFactory *factory;
  GtkStringObject *intro;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->intro_item = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  intro = gtk_string_object_new ("introduction");
  g_list_store_append (self->intro_item, intro);
  g_object_unref (intro);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  gtk_grid_view_set_factory (self->step_list, factory);
  g_object_unref (factory);
}
