/* unknot-help-window.h: how to use Unknot, and how to stay safe
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define UNKNOT_TYPE_HELP_WINDOW (unknot_help_window_get_type ())

G_DECLARE_FINAL_TYPE (UnknotHelpWindow, unknot_help_window, UNKNOT, HELP_WINDOW, AdwWindow)

GtkWidget  *unknot_help_window_new             (GtkWindow *parent);
char       *unknot_help_window_dup_safety_text (void);

G_END_DECLS
