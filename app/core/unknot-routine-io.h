/* unknot-routine-io.h: reading and writing routine files (format version 1)
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-routine.h"

G_BEGIN_DECLS

UnknotRoutine *unknot_routine_load_bytes (GBytes           *bytes,
                                          const char       *display_name,
                                          UnknotCatalogue  *catalogue,
                                          GPtrArray        *problems,
                                          GError          **error);
UnknotRoutine *unknot_routine_load_file  (GFile            *file,
                                          const char       *display_name,
                                          UnknotCatalogue  *catalogue,
                                          GPtrArray        *problems,
                                          GError          **error);
char          *unknot_routine_to_json    (UnknotRoutine    *routine,
                                          gsize            *length);
gboolean       unknot_routine_save       (UnknotRoutine    *routine,
                                          GFile            *file,
                                          UnknotCatalogue  *catalogue,
                                          GError          **error);

/* The saver's temporary files older than this are left from a crash, and removed at start. */
#define UNKNOT_STALE_TEMPORARY_AGE (60 * G_TIME_SPAN_SECOND)

gboolean       unknot_file_write_atomic        (GFile       *file,
                                                const char  *data,
                                                gsize        length,
                                                GError     **error);
gboolean    unknot_fd_write_all            (int               fd,
                                            const void       *data,
                                            gsize             length);
gboolean       unknot_is_temporary_file_name   (const char  *name);
guint          unknot_clean_temporary_files    (const char  *dir,
                                                GTimeSpan    min_age);

G_END_DECLS
