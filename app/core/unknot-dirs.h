/* unknot-dirs.h: where Unknot's data and the user's routines live
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *unknot_dirs_get_data_dir          (void);
char       *unknot_dirs_get_bundled_routines  (void);
char       *unknot_dirs_get_user_routines     (void);

G_END_DECLS
