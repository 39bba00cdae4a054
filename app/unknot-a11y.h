/* unknot-a11y.h: accessibility fixes shared by the widgets
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void unknot_a11y_fix_mnemonic_names (GtkWidget *root);

G_END_DECLS
