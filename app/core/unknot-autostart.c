/* unknot-autostart.c
 *
 * The reminders come from `unknot --background`, which the session starts at login through an
 * XDG autostart entry ($XDG_CONFIG_HOME/autostart/APP_ID.desktop) while reminders are on.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "unknot-autostart.h"
#include "unknot-types.h"

/* Returns: (transfer full): where the entry is (whether it is there or not). */
char *
unknot_autostart_get_path (void)
{
  g_autofree char *name = g_strconcat (APP_ID, ".desktop", NULL);

  return g_build_filename (g_get_user_config_dir (), "autostart", name, NULL);
}

static char *
entry_contents (void)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  const char *group = G_KEY_FILE_DESKTOP_GROUP;

  g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  /* Translators: the name of Unknot's entry in the session's list of programs started at login
   * (written in the language of the moment) */
  g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_NAME, _("Unknot reminders"));
  g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Reminds you of your routine at the times you chose"));
  g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_EXEC, "unknot --background");
  g_key_file_set_string (file, group, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_boolean (file, group, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (file, group, "X-GNOME-Autostart-enabled", TRUE);
  return g_key_file_to_data (file, NULL, NULL);
}

/**
 * unknot_autostart_set_enabled:
 *
 * Writes the entry (atomically) or removes it. Removing one that is not there is no error.
 */
gboolean
unknot_autostart_set_enabled (gboolean   enabled,
                              GError   **error)
{
  g_autofree char *path = unknot_autostart_get_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                       _("The start at login “%s” could not be removed: %s"), path,
                       g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  contents = entry_contents ();
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents (path, contents, -1, &local_error))
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                   _("Unknot could not set itself to start at login (“%s”): %s"), path,
                   local_error != NULL ? local_error->message : g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
