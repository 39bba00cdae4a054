/* journal-helper.c: a process that writes a journal, for the tests, the benchmark and the
 * screenshots
 *
 *   journal-helper crash PATH      a 12-step routine on a fake clock, recorded in PATH; after each
 *                                  step boundary prints "DONE SKIPPED" and waits for a line on
 *                                  stdin (the test kills it there with SIGKILL, or lets it go on)
 *   journal-helper seed PATH N     N runs over the weeks before now, as a person would make them
 *   journal-helper tricky PATH     runs whose names and notes have commas, quotes and line breaks;
 *                                  prints each as a JSON line, to compare the CSV export with
 *   journal-helper hold PATH       a second writer in the middle of a transaction: prints "ready"
 *                                  and holds it until stdin closes
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "unknot-journal-recorder.h"
#include "unknot-session.h"

#define CRASH_STEPS 12

static UnknotJournal *
open_journal (const char *path)
{
  g_autoptr(GError) error = NULL;
  UnknotJournal *journal = unknot_journal_open (path, UNKNOT_JOURNAL_OPEN_DEFAULT, &error);

  if (journal == NULL)
    g_error ("%s", error->message);
  return journal;
}

static void
wait_for_parent (void)
{
  char line[16];

  if (fgets (line, sizeof line, stdin) == NULL)
    exit (0);
}

static void
report (UnknotJournalRecorder *recorder)
{
  const UnknotJournalEntry *entry = unknot_journal_recorder_get_entry (recorder);

  printf ("%u %u\n", entry->steps_done, entry->steps_skipped);
  fflush (stdout);
  wait_for_parent ();
}

/* Every fourth step is skipped with Next, the others run out on the fake clock. */
static int
crash (const char *path)
{
  g_autoptr(UnknotJournal) journal = open_journal (path);
  g_autoptr(UnknotClock) clock = unknot_fake_clock_new (G_USEC_PER_SEC * 1000);
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("crash-test", "Crash test");
  g_autoptr(UnknotSession) session = NULL;
  g_autoptr(UnknotJournalRecorder) recorder = NULL;

  unknot_routine_set_preparation (routine, 0);
  for (guint i = 0; i < CRASH_STEPS; i++)
    {
      g_autoptr(UnknotStep) step = unknot_step_new ();

      unknot_step_set_technique (step, "kneading");
      unknot_step_set_duration (step, 10);
      unknot_routine_append_step (routine, step);
    }
  session = unknot_session_new (routine, clock);
  unknot_session_start (session);
  recorder = unknot_journal_recorder_new (journal, session, clock, 6);

  for (guint i = 0; i < CRASH_STEPS; i++)
    {
      if (i % 4 == 3)
        unknot_session_next (session);
      else
        unknot_fake_clock_advance (UNKNOT_FAKE_CLOCK (clock), 10 * G_USEC_PER_SEC);
      report (recorder);
    }
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);
  return 0;
}

static const char * const routine_ids[] = {
  "desk-break", "lower-back-relief", "quick-reset", "evening-wind-down", "ball-upper-back",
};
static const char * const routine_names[] = {
  "Desk break: neck and shoulders", "Lower back relief", "Quick reset", "Evening wind-down",
  "Ball work for the upper back",
};
static const guint routine_steps[] = { 7, 9, 4, 11, 8 };
static const char * const notes[] = {
  "Stiff after the long meeting.", "Better after the heat pack.", "Slept badly.",
  "Left side tight, right fine.", "Did it before the run.", "",
};

/* N runs, one or two a day at most, over the weeks before now: pain a little lower after than
 * before, and lower in the later weeks. Seeded, so the pictures are the same each time. */
static int
seed (const char *path,
      guint       n)
{
  g_autoptr(UnknotJournal) journal = open_journal (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 t = now - 3600;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotJournalEntry) e = unknot_journal_entry_new ();
      g_autoptr(GError) error = NULL;
      guint r = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (routine_ids));
      double age = (double) (now - t) / 86400.0;
      int base = 3 + (int) MIN (age / 7.0, 4.0);

      e->started = t;
      g_free (e->routine_id);
      e->routine_id = g_strdup (routine_ids[r]);
      g_free (e->routine_name);
      e->routine_name = g_strdup (routine_names[r]);
      e->steps_total = routine_steps[r];
      e->outcome = g_rand_int_range (rand, 0, 8) == 0 ? UNKNOT_OUTCOME_STOPPED
                                                      : UNKNOT_OUTCOME_FINISHED;
      e->steps_done = e->outcome == UNKNOT_OUTCOME_FINISHED
                      ? e->steps_total - (guint) g_rand_int_range (rand, 0, 2)
                      : (guint) g_rand_int_range (rand, 1, (gint32) e->steps_total);
      e->steps_skipped = e->outcome == UNKNOT_OUTCOME_FINISHED
                         ? e->steps_total - e->steps_done : 0;
      e->seconds = e->steps_done * (guint) g_rand_int_range (rand, 40, 70);
      e->ended = t + e->seconds + g_rand_int_range (rand, 0, 60);
      if (g_rand_int_range (rand, 0, 6) != 0)
        {
          e->pain_before = CLAMP (base + g_rand_int_range (rand, -1, 3), 0, 10);
          if (e->outcome == UNKNOT_OUTCOME_FINISHED)
            e->pain_after = MAX (e->pain_before - g_rand_int_range (rand, 0, 4), 0);
        }
      g_free (e->note);
      e->note = g_strdup (g_rand_int_range (rand, 0, 3) == 0
                          ? notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))] : "");
      if (!unknot_journal_add (journal, e, &error))
        g_error ("%s", error->message);

      /* The one before: most days one run, some two, some none. */
      t -= g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 3, 9) * 3600
                                              : g_rand_int_range (rand, 20, 40) * 3600;
    }
  return 0;
}

static int
tricky (const char *path)
{
  static const char * const names[] = {
    "Neck, shoulders, back", "The \"good\" one", "Two\nlines", "Comma, \"quote\"\r\nand CRLF",
    "Ünïcödé, العربية",
  };
  g_autoptr(UnknotJournal) journal = open_journal (path);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(UnknotJournalEntry) e = unknot_journal_entry_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *line = NULL;

      e->started = 1767225600 + i * 86400;   /* from 1 January 2026 */
      e->ended = e->started + 300;
      g_free (e->routine_id);
      e->routine_id = g_strdup_printf ("tricky-%u", i);
      g_free (e->routine_name);
      e->routine_name = g_strdup (names[i]);
      g_free (e->note);
      e->note = g_strdup (names[G_N_ELEMENTS (names) - 1 - i]);
      e->steps_total = 5;
      e->steps_done = 4;
      e->steps_skipped = 1;
      e->seconds = 280 + i;
      e->pain_before = i % 2 ? (int) i : UNKNOT_PAIN_NONE;
      e->pain_after = (int) i;
      e->outcome = UNKNOT_OUTCOME_FINISHED;
      if (!unknot_journal_add (journal, e, &error))
        g_error ("%s", error->message);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "routine_id");
      json_builder_add_string_value (builder, e->routine_id);
      json_builder_set_member_name (builder, "routine_name");
      json_builder_add_string_value (builder, e->routine_name);
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, e->note);
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_int_value (builder, e->seconds);
      json_builder_set_member_name (builder, "pain_before");
      json_builder_add_int_value (builder, e->pain_before);
      json_builder_set_member_name (builder, "pain_after");
      json_builder_add_int_value (builder, e->pain_after);
      json_builder_set_member_name (builder, "started");
      json_builder_add_int_value (builder, e->started);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      line = json_to_string (node, FALSE);
      printf ("%s\n", line);
    }
  return 0;
}

static int
hold (const char *path)
{
  sqlite3 *db = NULL;
  char line[16];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
      || sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (db, "DELETE FROM runs", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  printf ("ready\n");
  fflush (stdout);
  while (fgets (line, sizeof line, stdin) != NULL)
    ;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "crash"))
    return crash (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "seed"))
    return seed (argv[2], (guint) atoi (argv[3]));
  if (argc == 3 && g_str_equal (argv[1], "tricky"))
    return tricky (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "hold"))
    return hold (argv[2]);
  fprintf (stderr, "usage: %s crash|seed|tricky|hold PATH [N]\n", argv[0]);
  return 2;
}
