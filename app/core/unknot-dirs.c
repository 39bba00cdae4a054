/* unknot-dirs.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "unknot-dirs.h"

/* The locale from the environment, at least C.UTF-8 (in the plain C locale glibc ignores
 * LANGUAGE, by which Unknot chooses its language), and Unknot's catalogues: the installed ones,
 * or those in UNKNOT_LOCALE_DIR (the build tree, for `make run` and the tests). For the program
 * and for its speech helper. */
void
unknot_dirs_init_gettext (void)
{
  const char *locale = setlocale (LC_ALL, "");
  const char *dir = g_getenv ("UNKNOT_LOCALE_DIR");

  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX"))
    setlocale (LC_ALL, "C.UTF-8");

  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

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
