/* unknot-catalogue.h: the technique catalogue (data/techniques.json)
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-technique.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_CATALOGUE (unknot_catalogue_get_type ())

G_DECLARE_FINAL_TYPE (UnknotCatalogue, unknot_catalogue, UNKNOT, CATALOGUE, GObject)

UnknotCatalogue *unknot_catalogue_new_from_file  (GFile            *file,
                                                  GError          **error);
UnknotCatalogue *unknot_catalogue_new_from_bytes (GBytes           *bytes,
                                                  const char       *display_name,
                                                  GError          **error);
UnknotCatalogue *unknot_catalogue_get_default    (GError          **error);
UnknotTechnique *unknot_catalogue_lookup         (UnknotCatalogue  *self,
                                                  const char       *id);
char            *unknot_catalogue_list_ids       (UnknotCatalogue  *self);

G_END_DECLS
