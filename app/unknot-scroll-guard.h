/* unknot-scroll-guard.h: value widgets that a wheel passing over them does not change
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void unknot_widget_ignore_scroll_unless_focused (GtkWidget *widget);

G_END_DECLS
