/* unknot-technique-chooser.c
 *
 * Every technique of the catalogue with what it is, how to do it on yourself and its cautions,
 * so the choice is an informed one; and "Rest". Activating a row emits "chosen" and closes.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-a11y.h"
#include "unknot-labels.h"
#include "unknot-technique-chooser.h"

struct _UnknotTechniqueChooser
{
  AdwWindow   parent_instance;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (UnknotTechniqueChooser, unknot_technique_chooser, ADW_TYPE_WINDOW)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
add_label (GtkWidget  *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label;

  if (text == NULL || *text == '\0')
    return NULL;

  /* Plain text, never markup. */
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static GtkWidget *
make_row (const char *id,
          const char *name,
          const char *also_known_as,
          const char *summary,
          const char *how,
          const char *cautions)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  add_label (box, name, "heading");
  add_label (box, also_known_as, "dim-label");
  add_label (box, summary, NULL);
  if (how != NULL && *how != '\0')
    {
      g_autofree char *text = NULL;

      /* Translators: what a technique's how-to starts with in the list of techniques */
      text = g_strdup_printf (_("How to do it: %s"), how);
      add_label (box, text, NULL);
    }
  if (cautions != NULL && *cautions != '\0')
    {
      g_autofree char *text = NULL;

      /* Translators: a technique's cautions, in the list of techniques and on the player */
      text = g_strdup_printf (_("Take care: %s"), cautions);
      label = add_label (box, text, "caption");
      gtk_widget_add_css_class (label, "dim-label");
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary ? summary : "",
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "technique", g_strdup (id), g_free);
  return row;
}

static void
on_row_activated (UnknotTechniqueChooser *self,
                  GtkListBoxRow          *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "technique");

  g_object_ref (self);
  g_signal_emit (self, signals[CHOSEN], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
unknot_technique_chooser_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), UNKNOT_TYPE_TECHNIQUE_CHOOSER);

  G_OBJECT_CLASS (unknot_technique_chooser_parent_class)->dispose (object);
}

static void
unknot_technique_chooser_class_init (UnknotTechniqueChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_technique_chooser_dispose;

  /**
   * UnknotTechniqueChooser::chosen:
   * @technique: (nullable): the id of the technique, %NULL for a rest step
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/unknot/Unknot/unknot-technique-chooser.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, UnknotTechniqueChooser, list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
unknot_technique_chooser_init (UnknotTechniqueChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (self));
}

UnknotTechniqueChooser *
unknot_technique_chooser_new (GtkWindow       *parent,
                              UnknotCatalogue *catalogue)
{
  UnknotTechniqueChooser *self;
  GListModel *techniques;
  GtkWidget *first = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (catalogue), NULL);

  self = g_object_new (UNKNOT_TYPE_TECHNIQUE_CHOOSER, "transient-for", parent, NULL);

  techniques = G_LIST_MODEL (catalogue);
  for (guint i = 0; i < g_list_model_get_n_items (techniques); i++)
    {
      g_autoptr(UnknotTechnique) t = g_list_model_get_item (techniques, i);
      GtkWidget *row = make_row (unknot_technique_get_id (t),
                                 unknot_technique_get_display_name (t),
                                 unknot_technique_get_display_text (
                                   t, unknot_technique_get_also_known_as (t)),
                                 unknot_technique_get_display_text (
                                   t, unknot_technique_get_summary (t)),
                                 unknot_technique_get_display_text (t, unknot_technique_get_how (t)),
                                 unknot_technique_get_display_text (
                                   t, unknot_technique_get_cautions (t)));

      gtk_list_box_append (self->list, row);
      if (first == NULL)
        first = row;
    }

  gtk_list_box_append (self->list,
                       make_row (NULL, C_("step", "Rest"), NULL,
                                 _("A pause between steps: breathe out slowly and let the muscles "
                                   "settle before the next technique."),
                                 NULL, NULL));

  /* The keyboard starts in the list: arrows choose, Enter adds. */
  if (first != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), first);

  return self;
}
