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

/* Each line of text here (a problem, a routine) comes from a file or a file name: printed escaped,
 * so a name cannot drive the terminal or forge a line of output. */
static void
append_escaped_line (GString    *to,
                     const char *text)
{
  g_autofree char *escaped = unknot_text_escape (text);

  g_string_append_printf (to, "%s\n", escaped);
}

/* As append_escaped_line() for a text of several lines (a GError's message of one problem a
 * line): its line breaks are kept, every line escaped. */
char *
unknot_cli_escape_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *escaped = unknot_text_escape (lines[i]);

      g_free (lines[i]);
      lines[i] = escaped;
    }
  return g_strjoinv ("\n", lines);
}

static void
append_problems (GString   *to,
                 GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = unknot_problem_to_string (g_ptr_array_index (problems, i));

      append_escaped_line (to, line);
    }
}

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

      g_autofree char *line = g_strdup_printf ("%-*s  %8s  %s", (int) id_width,
                                               unknot_routine_get_id (routine), total,
                                               unknot_routine_get_display_name (routine));

      append_escaped_line (out, line);
    }

  append_problems (err, problems);

  return 0;
}

/* Checks each file; prints "FILE: OK" or every problem. Returns 1 if any file has an error. */
int
unknot_cli_validate (UnknotCatalogue  *catalogue,
                     const char      **files,
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

      append_problems (err, problems);

      if (routine != NULL)
        {
          g_autofree char *line = g_strdup_printf ("%s: OK", files[i]);

          append_escaped_line (out, line);
        }
      else
        status = 1;
    }

  return status;
}
