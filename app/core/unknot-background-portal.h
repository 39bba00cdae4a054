/* unknot-background-portal.h: the start at login asked of the desktop portal, where sandboxed
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean unknot_background_portal_wanted         (void);
void     unknot_background_portal_request        (GDBusConnection      *bus,
                                                  gboolean              autostart,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean unknot_background_portal_request_finish (GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
