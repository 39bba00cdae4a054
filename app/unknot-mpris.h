/* unknot-mpris.h: media keys, headset buttons and GNOME's media controls drive the routine
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-catalogue.h"
#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_MPRIS (unknot_mpris_get_type ())

G_DECLARE_FINAL_TYPE (UnknotMpris, unknot_mpris, UNKNOT, MPRIS, GObject)

UnknotMpris *unknot_mpris_new         (GDBusConnection *connection,
                                       UnknotCatalogue *catalogue,
                                       GApplication    *application);
void         unknot_mpris_set_session (UnknotMpris     *self,
                                       UnknotSession   *session);

G_END_DECLS
