/* unknot-routine-archive.h: one file to send, carrying a routine and its own sounds
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_ARCHIVE_SUFFIX      ".unknot"
#define UNKNOT_ARCHIVE_ROUTINE     "routine.json"
#define UNKNOT_ARCHIVE_SOUNDS      "sounds"
#define UNKNOT_ARCHIVE_MAX_ENTRIES 256                  /* the routine, its folder, 200 sounds */
#define UNKNOT_ARCHIVE_MAX_BYTES   (64 * 1024 * 1024)   /* all entries together, unpacked */

gboolean  unknot_routine_export                   (UnknotRoutine    *routine,
                                                   GFile            *file,
                                                   UnknotCatalogue  *catalogue,
                                                   GError          **error);
gboolean  unknot_routine_archive_is_archive       (GFile            *file);
char     *unknot_routine_archive_extract          (GFile            *file,
                                                   GError          **error);
void      unknot_routine_archive_remove_extracted (const char       *folder);

G_END_DECLS
