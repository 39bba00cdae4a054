/* unknot-cli.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-cli.h"
#include "unknot-journal.h"
#include "unknot-labels.h"
#include "unknot-routine-io.h"
#include "unknot-sound-file.h"

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

/* Text for one cell of a table: on one line. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text);

  g_strdelimit (line, "\r\n\t", ' ');
  return line;
}

static char *
pain_to_text (int pain)
{
  return pain >= 0 ? g_strdup_printf ("%d", pain) : g_strdup ("–");
}

/* "6 → 3", or empty when neither was answered. */
char *
unknot_cli_pain_cell (const UnknotJournalEntry *entry)
{
  g_autofree char *before = pain_to_text (entry->pain_before);
  g_autofree char *after = pain_to_text (entry->pain_after);

  if (entry->pain_before < 0 && entry->pain_after < 0)
    return g_strdup ("");
  return g_strdup_printf ("%s → %s", before, after);
}

enum {
  COL_DATE,
  COL_ROUTINE,
  COL_STEPS,
  COL_SKIPPED,
  COL_TIME,
  COL_PAIN,
  COL_RESULT,
  COL_NOTE,
  N_COLS
};

/* Appends @cell padded to @width characters (not bytes: names and dates may be any script). */
static void
append_cell (GString    *out,
             const char *cell,
             guint       width,
             gboolean    last)
{
  g_string_append (out, cell);
  if (last)
    return;
  for (glong n = g_utf8_strlen (cell, -1); n < (glong) width + 2; n++)
    g_string_append_c (out, ' ');
}

/* The runs as a table for people (localized), or as RFC 4180 CSV with a header row. Reads the
 * journal while the app may be writing it (WAL); makes none where there is none. */
int
unknot_cli_history (const char *journal_path,
                    gboolean    csv,
                    GString    *out,
                    GString    *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotJournal) journal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *moved = NULL;
  guint widths[N_COLS] = { 0 };
  const char *headers[N_COLS + 1] = {
    _("Date"), _("Routine"), _("Steps"), _("Skipped"), _("Time"), _("Pain"), _("Result"),
    _("Note"), NULL,
  };

  journal = unknot_journal_open (journal_path, UNKNOT_JOURNAL_OPEN_NO_CREATE, &error);
  if (journal == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    entries = g_ptr_array_new ();
  else if (journal == NULL)
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }
  else if ((moved = unknot_journal_describe_moved_aside (journal)) != NULL)
    g_string_append_printf (err, "%s\n", moved);
  if (entries == NULL && (entries = unknot_journal_list (journal, &error)) == NULL)
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }

  if (csv)
    {
      g_autofree char *text = unknot_journal_entries_to_csv (entries);

      g_string_append (out, text);
      return 0;
    }

  if (entries->len == 0)
    {
      g_string_append (out, _("No runs in the journal yet.\n"));
      return 0;
    }

  g_ptr_array_add (rows, g_strdupv ((char **) headers));
  for (guint i = 0; i < entries->len; i++)
    {
      const UnknotJournalEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (e->started);
      char **row = g_new0 (char *, N_COLS + 1);

      /* Translators: a date and time in the table of `unknot --history` (GDateTime format) */
      row[COL_DATE] = g_date_time_format (started, C_("history", "%x %H:%M"));
      row[COL_ROUTINE] = one_line (e->routine_name);
      row[COL_STEPS] = g_strdup_printf ("%u/%u", e->steps_done, e->steps_total);
      row[COL_SKIPPED] = g_strdup_printf ("%u", e->steps_skipped);
      row[COL_TIME] = unknot_format_duration (e->seconds);
      row[COL_PAIN] = unknot_cli_pain_cell (e);
      row[COL_RESULT] = g_strdup (unknot_outcome_to_label (e->outcome));
      row[COL_NOTE] = one_line (e->note);
      g_ptr_array_add (rows, row);
    }

  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < N_COLS; c++)
      widths[c] = MAX (widths[c], (guint) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));

  for (guint r = 0; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      GString *line = g_string_new (NULL);

      for (guint c = 0; c < N_COLS; c++)
        append_cell (line, row[c], widths[c], c == N_COLS - 1);
      while (line->len > 0 && line->str[line->len - 1] == ' ')
        g_string_truncate (line, line->len - 1);
      g_string_append_printf (out, "%s\n", line->str);
      g_string_free (line, TRUE);
    }
  return 0;
}

/* "shoulders", "shoulders:left", "shoulders:right", "shoulders:both": an area and its side. */
static gboolean
parse_plan_area (const char  *text,
                 UnknotArea  *area,
                 UnknotSide  *side,
                 GString     *err)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  int a = unknot_enum_from_nick (UNKNOT_TYPE_AREA, parts[0]);
  int s = parts[1] ? unknot_enum_from_nick (UNKNOT_TYPE_SIDE, parts[1]) : UNKNOT_SIDE_BOTH;
  g_autofree char *shown = unknot_text_escape (text);

  if (a < 0)
    {
      g_autofree char *known = unknot_enum_list_nicks (UNKNOT_TYPE_AREA);

      g_string_append_printf (err, _("--area “%s”: there is no such area; expected one of %s\n"),
                              shown, known);
      return FALSE;
    }
  if (s < 0 || s == UNKNOT_SIDE_NONE)
    {
      g_string_append_printf (err, _("--area “%s”: the side after “:” is left, right or both\n"),
                              shown);
      return FALSE;
    }
  if (s != UNKNOT_SIDE_BOTH && !unknot_plan_request_area_has_sides (a))
    {
      g_string_append_printf (err, _("--area “%s”: this area has no left and right side\n"),
                              shown);
      return FALSE;
    }
  *area = a;
  *side = s;
  return TRUE;
}

/* The request from the command line, or NULL with the reason in @err. */
static UnknotPlanRequest *
parse_plan_request (const char * const *areas,
                    const char         *minutes,
                    const char * const *tools,
                    const char         *firmness,
                    GString            *err)
{
  static const char * const firmness_names[] = { "gentle", "medium", "firm", NULL };
  g_autoptr(UnknotPlanRequest) request = unknot_plan_request_new ();
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  for (guint i = 0; areas != NULL && areas[i] != NULL; i++)
    {
      UnknotArea area;
      UnknotSide side;

      if (!parse_plan_area (areas[i], &area, &side, err))
        return NULL;
      unknot_plan_request_set_area (request, area, side);
    }
  if (minutes == NULL)
    {
      g_string_append (err, _("--plan needs --minutes N, from 5 to 30\n"));
      return NULL;
    }
  if (!g_ascii_string_to_unsigned (minutes, 10, 0, G_MAXUINT, &n, NULL))
    {
      g_autofree char *shown = unknot_text_escape (minutes);

      g_string_append_printf (err, _("--minutes “%s” is not a whole number of minutes\n"), shown);
      return NULL;
    }
  unknot_plan_request_set_minutes (request, (guint) n);
  for (guint i = 0; tools != NULL && tools[i] != NULL; i++)
    {
      int tool = unknot_enum_from_nick (UNKNOT_TYPE_TOOL, tools[i]);

      if (tool < 0 || tool == UNKNOT_TOOL_NONE)
        {
          g_autofree char *shown = unknot_text_escape (tools[i]);

          g_string_append_printf (err, _("--tool “%s”: there is no such tool; expected one of "
                                         "hands, ball, foam-roller, cane, heat-pack\n"), shown);
          return NULL;
        }
      unknot_plan_request_set_tool (request, tool, TRUE);
    }
  if (firmness != NULL)
    {
      int f = unknot_enum_from_string (firmness_names, firmness);

      if (f < 0)
        {
          g_autofree char *shown = unknot_text_escape (firmness);

          g_string_append_printf (err, _("--firmness “%s”: expected gentle, medium or firm\n"),
                                  shown);
          return NULL;
        }
      unknot_plan_request_set_firmness (request, f);
    }
  if (!unknot_plan_request_validate (request, &error))
    {
      g_string_append_printf (err, "%s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&request);
}

/**
 * unknot_cli_plan:
 * @areas: (array zero-terminated=1) (nullable): each "AREA" or "AREA:SIDE"
 * @minutes: (nullable): as typed
 * @tools: (array zero-terminated=1) (nullable): tool names besides hands
 * @firmness: (nullable): gentle, medium or firm (the default)
 * @journal_path: (nullable): the journal to learn from, if there is one
 *
 * `unknot --plan`: the planned routine as JSON (format 1) in @out; a bad request in @err and
 * nothing in @out.
 *
 * Returns: the exit status: 0, or 1 for a bad request
 */
int
unknot_cli_plan (UnknotCatalogue    *catalogue,
                 const char * const *areas,
                 const char         *minutes,
                 const char * const *tools,
                 const char         *firmness,
                 const char         *journal_path,
                 GString            *out,
                 GString            *err)
{
  g_autoptr(UnknotPlanRequest) request = parse_plan_request (areas, minutes, tools, firmness,
                                                             err);
  g_autoptr(UnknotJournal) journal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(UnknotPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  if (request == NULL)
    return 1;

  /* No journal yet is usual; one that cannot be read leaves the plan without its lessons. */
  if (journal_path != NULL)
    journal = unknot_journal_open (journal_path, UNKNOT_JOURNAL_OPEN_NO_CREATE, &error);
  if (journal != NULL)
    entries = unknot_journal_list (journal, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_string_append_printf (err, "%s\n", error->message);
  g_clear_error (&error);

  if (!(plan = unknot_planner_compose (catalogue, request, entries, &error)))
    {
      g_string_append_printf (err, "%s\n", error->message);
      return 1;
    }
  json = unknot_routine_to_json (unknot_plan_get_routine (plan), NULL);
  g_string_append (out, json);
  return 0;
}
