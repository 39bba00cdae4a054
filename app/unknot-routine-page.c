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
  GtkListBox     *step_list;
  GtkScrolledWindow *scrolled;
  GtkButton      *edit_button;
  UnknotPainScale *pain_before;

  UnknotRoutine  *routine;
};

G_DEFINE_FINAL_TYPE (UnknotRoutinePage, unknot_routine_page, GTK_TYPE_WIDGET)

enum {
  START,
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_steps (UnknotRoutinePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_list))) != NULL)
    gtk_list_box_remove (self->step_list, child);
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

  g_set_object (&self->routine, routine);
  /* Each routine opens at its top, its title and Start button in view. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);

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

  clear_steps (self);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->step_list, unknot_step_row_new (routine, i, catalogue));

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

/* The page is out of sight while its routine runs: its rows (one per step, each with its text
 * laid out; 5 MiB for 60 steps) are let go, and unknot_routine_page_set_routine() makes them
 * again on the way back. */
void
unknot_routine_page_release_steps (UnknotRoutinePage *self)
{
  g_return_if_fail (UNKNOT_IS_ROUTINE_PAGE (self));

  if (gtk_widget_get_first_child (GTK_WIDGET (self->step_list)) == NULL)
    return;

  clear_steps (self);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_ROUTINE_PAGE);
  /* The page's box is not a bound child: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->routine);

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
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotRoutinePage, pain_before);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
unknot_routine_page_init (UnknotRoutinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
