/* unknot-player-view.h: the routine as it runs, readable from across the room
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-catalogue.h"
#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_PLAYER_VIEW (unknot_player_view_get_type ())

G_DECLARE_FINAL_TYPE (UnknotPlayerView, unknot_player_view, UNKNOT, PLAYER_VIEW, GtkWidget)

void           unknot_player_view_set_session   (UnknotPlayerView *self,
                                                 UnknotSession    *session);
UnknotSession *unknot_player_view_get_session   (UnknotPlayerView *self);
void           unknot_player_view_set_catalogue (UnknotPlayerView *self,
                                                 UnknotCatalogue  *catalogue);
void           unknot_player_view_refresh       (UnknotPlayerView *self);

G_END_DECLS
