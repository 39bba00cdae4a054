/* unknot-technique-private.h: for the catalogue that builds techniques
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-technique.h"

G_BEGIN_DECLS

UnknotTechnique *_unknot_technique_new (const char     *id,
                                        const char     *name,
                                        const char     *also_known_as,
                                        const char     *summary,
                                        const char     *how,
                                        const char     *cautions,
                                        UnknotPressure  default_pressure,
                                        guint           area_mask);
void             _unknot_technique_add_words (UnknotTechnique *self,
                                              UnknotArea       area,
                                              UnknotTool       tool,
                                              const char      *instructions,
                                              const char      *second_side);

G_END_DECLS
