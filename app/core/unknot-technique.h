/* unknot-technique.h: one entry of the technique catalogue
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-types.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_TECHNIQUE (unknot_technique_get_type ())

G_DECLARE_FINAL_TYPE (UnknotTechnique, unknot_technique, UNKNOT, TECHNIQUE, GObject)

const char     *unknot_technique_get_id               (UnknotTechnique *self);
const char     *unknot_technique_get_name             (UnknotTechnique *self);
const char     *unknot_technique_get_also_known_as    (UnknotTechnique *self);
const char     *unknot_technique_get_summary          (UnknotTechnique *self);
const char     *unknot_technique_get_how              (UnknotTechnique *self);
const char     *unknot_technique_get_cautions         (UnknotTechnique *self);
UnknotPressure  unknot_technique_get_default_pressure (UnknotTechnique *self);
gboolean        unknot_technique_suits_area           (UnknotTechnique *self,
                                                       UnknotArea       area);
gboolean        unknot_technique_get_words            (UnknotTechnique *self,
                                                       UnknotArea       area,
                                                       UnknotTool       tool,
                                                       const char     **instructions,
                                                       const char     **second_side);

G_END_DECLS
