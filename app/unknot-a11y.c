/* unknot-a11y.c: accessibility fixes shared by the widgets
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <string.h>

#include "unknot-a11y.h"

/**
 * unknot_a11y_fix_mnemonic_names:
 * @root: a widget, searched with all its descendants
 *
 * GTK 4.8 names a button with a mnemonic label, such as "_Start", "_Start Start" for assistive
 * technologies: its accessible label property holds the raw text, underscore included, and the
 * text of the label inside is added to it. Without the property the name is that of the label
 * inside, "Start". Call this once the buttons have their labels (after the template, after a
 * message dialog's responses were added). A button with a mnemonic and an accessible label of its
 * own would lose it: none has one.
 */
void
unknot_a11y_fix_mnemonic_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    unknot_a11y_fix_mnemonic_names (child);

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && gtk_button_get_label (GTK_BUTTON (root)) != NULL
      && strchr (gtk_button_get_label (GTK_BUTTON (root)), '_') != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
