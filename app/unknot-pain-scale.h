/* unknot-pain-scale.h: "How does your back feel?", 0 to 10, one tap
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define UNKNOT_TYPE_PAIN_SCALE (unknot_pain_scale_get_type ())

G_DECLARE_FINAL_TYPE (UnknotPainScale, unknot_pain_scale, UNKNOT, PAIN_SCALE, GtkWidget)

int         unknot_pain_scale_get_value   (UnknotPainScale *self);
void        unknot_pain_scale_set_value   (UnknotPainScale *self,
                                           int              value);
const char *unknot_pain_scale_get_heading (UnknotPainScale *self);
void        unknot_pain_scale_set_heading (UnknotPainScale *self,
                                           const char      *heading);
GtkWidget  *unknot_pain_scale_get_button  (UnknotPainScale *self,
                                           int              value);

G_END_DECLS
