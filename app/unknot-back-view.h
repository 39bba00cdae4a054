/* unknot-back-view.h: a flat drawing of a back, seen from behind, with one area highlighted
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "unknot-types.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_BACK_VIEW (unknot_back_view_get_type ())

G_DECLARE_FINAL_TYPE (UnknotBackView, unknot_back_view, UNKNOT, BACK_VIEW, GtkWidget)

GtkWidget  *unknot_back_view_new      (void);
void        unknot_back_view_set_area (UnknotBackView *self,
                                       int             area,
                                       UnknotSide      side);
int         unknot_back_view_get_area (UnknotBackView *self);
UnknotSide  unknot_back_view_get_side (UnknotBackView *self);

void        unknot_back_view_set_choosing (UnknotBackView *self);
void        unknot_back_view_set_chosen   (UnknotBackView *self,
                                           UnknotArea      area,
                                           UnknotSide      side);
UnknotSide  unknot_back_view_get_chosen   (UnknotBackView *self,
                                           UnknotArea      area);
GtkWidget  *unknot_back_view_get_toggle   (UnknotBackView *self,
                                           UnknotArea      area,
                                           UnknotSide      side);

void        unknot_back_view_set_areas    (UnknotBackView *self,
                                           guint           areas);
guint       unknot_back_view_get_areas    (UnknotBackView *self);

G_END_DECLS
