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

/* Shown at first start and in the help: plain words, no medical promises. The red flags that
 * matter for pressing on one's own back and neck, a paragraph each for the translators. */
static const char * const safety_paragraphs[] = {
  N_("Unknot guides self-massage for everyday soreness. It is not medical care and does not "
     "replace it."),
  N_("See a doctor or physiotherapist first if you have pain that is severe, sudden or lasting, "
     "or worse at night or at rest; pain after a fall or an injury; numbness, tingling or "
     "weakness in an arm or a leg; numbness between the legs or around the buttocks, or any "
     "loss of bladder or bowel control; a fever, weight loss you cannot explain, or a history "
     "of cancer."),
  N_("Ask them before you use a ball, a roller or firm pressure if you have osteoporosis, take "
     "blood thinners or bruise easily, or are pregnant."),
  N_("Stop a step at once if it causes sharp, shooting or electric pain or tingling. Stop work "
     "on the neck at once if you feel dizzy or your sight changes. Discomfort should stay "
     "moderate."),
  N_("Never press on the spine itself, the front or sides of the neck, the back of the knee, "
     "bruises, wounds, varicose veins or recent injuries: work on the muscles beside the "
     "spine."),
  N_("Heat: no more than 15 to 20 minutes at a time, check your skin, and never fall asleep on "
     "a heat pack."),
};

/**
 * unknot_help_window_dup_safety_text:
 *
 * Returns: (transfer full): the safety notice, in paragraphs
 */
char *
unknot_help_window_dup_safety_text (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paragraphs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (safety_paragraphs); i++)
    g_strv_builder_add (builder, gettext (safety_paragraphs[i]));
  paragraphs = g_strv_builder_end (builder);
  return g_strjoinv ("\n\n", paragraphs);
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
  g_autofree char *safety = unknot_help_window_dup_safety_text ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_label_set_text (self->safety_label, safety);
}

GtkWidget *
unknot_help_window_new (GtkWindow *parent)
{
  return g_object_new (UNKNOT_TYPE_HELP_WINDOW, "transient-for", parent, "modal", TRUE, NULL);
}
