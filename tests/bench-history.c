/* bench-history.c: the journal's costs: the write at a step boundary, and the History page
 * opening on a journal of 10,000 runs
 *
 * Prints figures, asserts nothing. Under tests/headless.sh (the page is drawn):
 *   meson test -C _build --benchmark history      or   bench-history [N_RUNS]
 * The write is unknot_journal_update() of a run's record, as the recorder does at each step
 * boundary (one transaction, WAL, synchronous=NORMAL), 2,000 times. The page: a window with the
 * History page, from unknot_history_page_set_journal() (the journal read, the figures and the
 * chart computed, the first runs laid out) to the first frame drawn; then the same again with
 * everything warm, ten times.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "unknot-history-page.h"
#include "unknot-ui-test-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times,
        const char *unit)
{
  g_array_sort (times, compare_doubles);
  g_print ("%-34s median %8.3f %s   p99 %8.3f %s   max %8.3f %s   (n = %u)\n", what,
           g_array_index (times, double, times->len / 2), unit,
           g_array_index (times, double, times->len * 99 / 100), unit,
           g_array_index (times, double, times->len - 1), unit, times->len);
}

int
main (int   argc,
      char *argv[])
{
  guint n_runs = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  g_autofree char *home = test_make_home (test_build_dir (), "home-bench-history-XXXXXX");
  g_autofree char *path = NULL;
  g_autoptr(UnknotJournal) journal = NULL;
  g_autoptr(UnknotJournalEntry) entry = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reads = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) tmp = NULL;
  g_autofree char *seed = NULL;
  GtkWidget *window, *overlay, *page;
  gint64 t0;
  double first;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  path = unknot_journal_get_default_path ();
  seed = g_strdup_printf ("%s seed %s %u",
                          g_test_build_filename (G_TEST_BUILT, "journal-helper", NULL), path,
                          n_runs);
  t0 = g_get_monotonic_time ();
  if (!g_spawn_command_line_sync (seed, NULL, NULL, NULL, NULL))
    g_error ("could not run %s", seed);
  g_print ("%u runs written (one transaction each) in %.2f s\n", n_runs,
           (g_get_monotonic_time () - t0) / 1e6);

  journal = unknot_journal_open (path, 0, NULL);
  g_assert_nonnull (journal);

  /* The write at a step boundary. */
  entry = unknot_journal_entry_new ();
  entry->started = g_get_real_time () / G_USEC_PER_SEC;
  entry->steps_total = 200;
  g_assert_true (unknot_journal_add (journal, entry, NULL));
  for (guint i = 0; i < 2000; i++)
    {
      double us;

      entry->steps_done = i % 200;
      entry->seconds = i * 10;
      entry->ended = entry->started + i * 10;
      t0 = g_get_monotonic_time ();
      g_assert_true (unknot_journal_update (journal, entry, NULL));
      us = (double) (g_get_monotonic_time () - t0);
      g_array_append_val (writes, us);
      if (i % 200 == 199)
        unknot_journal_checkpoint (journal);   /* as at the end of each run */
    }
  report ("write at a step boundary", writes, "us");

  /* The page. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 760);
  overlay = adw_toast_overlay_new ();
  page = g_object_new (UNKNOT_TYPE_HISTORY_PAGE, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  t0 = g_get_monotonic_time ();
  unknot_history_page_set_journal (UNKNOT_HISTORY_PAGE (page), journal);
  gtk_test_widget_wait_for_draw (window);
  first = (g_get_monotonic_time () - t0) / 1000.0;
  g_print ("%-34s %8.1f ms (%u runs)\n", "History page, first opening", first, n_runs + 1);
  for (guint i = 0; i < 10; i++)
    {
      double ms, read_ms;

      t0 = g_get_monotonic_time ();
      unknot_history_page_reload (UNKNOT_HISTORY_PAGE (page));
      read_ms = (g_get_monotonic_time () - t0) / 1000.0;
      gtk_test_widget_wait_for_draw (window);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_array_append_val (opens, ms);
      g_array_append_val (reads, read_ms);
    }
  report ("History page, opened again", opens, "ms");
  report ("  of which reading and building", reads, "ms");

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&journal);
  tmp = g_file_new_for_path (home);
  test_remove_file_tree (tmp);
  return 0;
}
