/* unknot-autostart.h: the XDG autostart entry that starts the reminders at login
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *unknot_autostart_get_path    (void);
gboolean  unknot_autostart_set_enabled (gboolean   enabled,
                                        GError   **error);

G_END_DECLS
