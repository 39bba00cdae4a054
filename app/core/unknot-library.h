/* unknot-library.h: the routines a person can choose from, bundled and their own
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_LIBRARY (unknot_library_get_type ())

G_DECLARE_FINAL_TYPE (UnknotLibrary, unknot_library, UNKNOT, LIBRARY, GObject)

UnknotLibrary   *unknot_library_new            (UnknotCatalogue *catalogue,
                                                const char      *bundled_dir,
                                                const char      *user_dir);
void             unknot_library_load           (UnknotLibrary   *self);
GListModel      *unknot_library_get_routines   (UnknotLibrary   *self);
GPtrArray       *unknot_library_get_problems   (UnknotLibrary   *self);
UnknotRoutine   *unknot_library_lookup         (UnknotLibrary   *self,
                                                const char      *id);
UnknotCatalogue *unknot_library_get_catalogue  (UnknotLibrary   *self);
const char      *unknot_library_get_user_dir   (UnknotLibrary   *self);
char            *unknot_library_make_unique_id (UnknotLibrary   *self,
                                                const char      *base);
GFile           *unknot_library_get_user_file  (UnknotLibrary   *self,
                                                const char      *id);
void             unknot_library_put            (UnknotLibrary   *self,
                                                UnknotRoutine   *routine);
void             unknot_library_remove         (UnknotLibrary   *self,
                                                UnknotRoutine   *routine);

G_END_DECLS
