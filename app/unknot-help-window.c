/* unknot-help-window.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-help-window.h"

struct _UnknotHelpWindow
{
  AdwWindow  parent_instance;

  GtkLabel  *safety_label;
};

G_DEFINE_FINAL_TYPE (UnknotHelpWindow, unknot_help_window, ADW_TYPE_WINDOW)

/* Shown at first start and in the help: plain words, no medical promises. */
const char *
unknot_help_window_get_safety_text (void)
{
  return _("Unknot guides self-massage for everyday soreness. It is not medical care.\n\n"
           "See a doctor or physiotherapist for pain that is severe, sudden or lasts, pain after "
           "a fall or an injury, numbness, tingling or weakness in the legs, fever, or any loss "
           "of bladder or bowel control.\n\n"
           "Stop a step at once if it causes sharp or shooting pain; discomfort should stay "
           "moderate. Never press on the spine itself, on bruises, wounds, varicose veins or "
           "recent injuries: work on the muscles beside the spine.\n\n"
           "Heat: no more than 15 to 20 minutes at a time, check your skin, and never fall "
           "asleep on a heat pack.");
}

static void
unknot_help_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), UNKNOT_TYPE_HELP_WINDOW);
  G_OBJECT_CLASS (unknot_help_window_parent_class)->dispose (object);
}

static void
unknot_help_window_class_init (UnknotHelpWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = unknot_help_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-help-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotHelpWindow, safety_label);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
unknot_help_window_init (UnknotHelpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->safety_label, unknot_help_window_get_safety_text ());
}

GtkWidget *
unknot_help_window_new (GtkWindow *parent)
{
  return g_object_new (UNKNOT_TYPE_HELP_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
