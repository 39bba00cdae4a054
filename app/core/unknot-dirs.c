/* unknot-dirs.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib.h>

#include "unknot-dirs.h"

/* The installed data dir, unless UNKNOT_DATA_DIR points elsewhere (an uninstalled run from the
 * source tree, or a test). */
const char *
unknot_dirs_get_data_dir (void)
{
  const char *dir = g_getenv ("UNKNOT_DATA_DIR");

  if (dir != NULL && *dir != '\0')
    return dir;
  return PKGDATADIR;
}

char *
unknot_dirs_get_bundled_routines (void)
{
  return g_build_filename (unknot_dirs_get_data_dir (), "routines", NULL);
}

char *
unknot_dirs_get_user_routines (void)
{
  /* The base id, so a .Devel build shares the user's routines with the installed app. */
  return g_build_filename (g_get_user_data_dir (), APP_ID_BASE, "routines", NULL);
}
