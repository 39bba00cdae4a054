/* unknot-dialogs.h: dialogs that follow a switch of the interface language
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void unknot_dialog_reopen_with    (GtkWindow  *dialog,
                                   GtkWidget  *owner,
                                   const char *action);
void unknot_dialog_reopen_by      (GtkWindow  *dialog,
                                   GCallback   func,
                                   gpointer    data,
                                   GDestroyNotify destroy);
void unknot_dialogs_move          (GtkWindow  *from,
                                   GtkWindow  *to);

G_END_DECLS
