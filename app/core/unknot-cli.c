/* unknot-cli.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-cli.h"
#include "unknot-labels.h"
#include "unknot-routine-io.h"
#include "unknot-sound-file.h"

/* One line a routine: id, total time, name. Problems with the library go to @err; they do not
 * make the listing fail. */
int
unknot_cli_list (UnknotLibrary *library,
                 GString       *out,
                 GString       *err)
{
  GListModel *routines = unknot_library_get_routines (library);
  g_autoptr(GPtrArray) problems = unknot_library_dup_problems (library);
  guint n = g_list_model_get_n_items (routines);
  guint id_width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);

      id_width = MAX (id_width, strlen (unknot_routine_get_id (routine)));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);
      g_autofree char *total = unknot_format_duration (unknot_routine_get_total_duration (routine));

      g_string_append_printf (out, "%-*s  %8s  %s\n", (int) id_width,
                              unknot_routine_get_id (routine), total,
                              unknot_routine_get_display_name (routine));
    }

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = unknot_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (err, "%s\n", line);
    }

  return 0;
}

/* Checks each file, and the sound files it names (with @check, the player's own decoding);
 * prints "FILE: OK" or every problem. Returns 1 if any file has an error. */
int
unknot_cli_validate (UnknotCatalogue  *catalogue,
                     const char      **files,
                     UnknotSoundCheck  check,
                     GString          *out,
                     GString          *err)
{
  int status = 0;

  if (files == NULL || files[0] == NULL)
    {
      g_string_append (err, _("--validate needs at least one routine file\n"));
      return 2;
    }

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GPtrArray) problems =
        g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
      g_autoptr(UnknotRoutine) routine = NULL;

      /* Every reason a file does not load, an I/O error included, is one of @problems. */
      routine = unknot_routine_load_file (file, files[i], catalogue, problems, NULL);
      if (routine != NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *folder = parent ? g_file_get_path (parent) : NULL;

          if (!unknot_routine_check_sound_files (routine, folder, files[i], check, problems))
            g_clear_object (&routine);
        }

      for (guint j = 0; j < problems->len; j++)
        {
          g_autofree char *line = unknot_problem_to_string (g_ptr_array_index (problems, j));

          g_string_append_printf (err, "%s\n", line);
        }

      if (routine != NULL)
        g_string_append_printf (out, "%s: OK\n", files[i]);
      else
        status = 1;
    }

  return status;
}
