/* unknot-spin-digits.h: spin buttons that show and read the interface language's digits
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void unknot_spin_button_use_language_digits (GtkSpinButton *spin,
                                             guint          min_digits);
void unknot_spin_button_show_duration       (GtkSpinButton *spin);

G_END_DECLS
