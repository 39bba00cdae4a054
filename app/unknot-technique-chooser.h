/* unknot-technique-chooser.h: choosing what a new step does, knowing what each technique is
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-catalogue.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_TECHNIQUE_CHOOSER (unknot_technique_chooser_get_type ())

G_DECLARE_FINAL_TYPE (UnknotTechniqueChooser, unknot_technique_chooser, UNKNOT, TECHNIQUE_CHOOSER,
                      AdwWindow)

UnknotTechniqueChooser *unknot_technique_chooser_new (GtkWindow       *parent,
                                                      UnknotCatalogue *catalogue);

G_END_DECLS
