/* bench-lists.c: the lists' costs in the real window: a language switch with many routines, a
 * routine's page and its editor with 12 and 200 steps, a keystroke in the editor's name field
 *
 * Prints figures, asserts nothing. Under tests/headless.sh (everything is drawn):
 *   meson test -C _build --benchmark lists      or   bench-lists [N_ROUTINES]
 * Each figure is main-thread time from the call to the next frame drawn after it (the work and
 * its layout and paint), medians of several, side by side with the goals; for a keystroke also
 * the main thread's CPU time from the key to 200 ms later (whatever it set off, idle or not). The home holds
 * N_ROUTINES (1,000) routines of the person's, and one of 12 and one of 200 steps.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "unknot-editor-view.h"
#include "unknot-i18n.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define RUNS 7

static UnknotApplication *app;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
report (const char *what,
        GArray     *times,
        double      goal)
{
  double median;

  g_array_sort (times, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  g_print ("%-40s median %8.1f ms   max %8.1f ms   goal %5.0f ms   %s\n", what, median,
           g_array_index (times, double, times->len - 1), goal,
           median <= goal ? "met" : "NOT met");
  return median;
}

static UnknotWindow *
active_window (void)
{
  return UNKNOT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

/* Milliseconds from @start to now, once a frame has been drawn. */
static double
drawn_since (gint64 start)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The main thread's CPU time, in milliseconds. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gboolean
window_replaced (gpointer old)
{
  return (gpointer) active_window () != old;
}

static char *
routine_json (const char *id,
              const char *name,
              guint       n_steps)
{
  g_autoptr(GString) json = g_string_new (NULL);

  g_string_append_printf (json, "{ \"format\": 1, \"id\": \"%s\", \"name\": \"%s\",\n"
                          "  \"description\": \"A generated routine.\", \"steps\": [\n", id,
                          name);
  for (guint i = 0; i < n_steps; i++)
    g_string_append_printf (json, "%s    { \"technique\": \"kneading\", \"area\": \"shoulders\","
                            " \"duration\": 30, \"instructions\": \"Step %u: squeeze and roll"
                            " the muscle slowly.\" }", i ? ",\n" : "", i + 1);
  g_string_append (json, "\n  ] }\n");
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static UnknotRoutine *
find_routine (const char *id)
{
  GListModel *routines = unknot_library_get_routines (unknot_application_get_library (app));

  for (guint i = 0; i < g_list_model_get_n_items (routines); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);

      if (g_strcmp0 (unknot_routine_get_id (routine), id) == 0)
        return routine;
    }
  g_error ("no routine %s", id);
}

static void
bench_language (guint n_routines)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *what = g_strdup_printf ("language switch, %u routines", n_routines);

  for (guint i = 0; i < RUNS; i++)
    {
      UnknotWindow *old = active_window ();
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_settings_set_string (unknot_application_get_settings (app), "language",
                             i % 2 ? "en" : "de");
      while (!window_replaced (old))
        g_main_context_iteration (NULL, TRUE);
      ms = drawn_since (start);
      g_array_append_val (times, ms);
      test_spin_for (100);
    }
  report (what, times, 100);
  g_settings_set_string (unknot_application_get_settings (app), "language", "en");
  test_spin_until (window_replaced, NULL, 3000);
  test_spin_for (300);
}

static void
bench_routine (const char *id,
               guint       n_steps)
{
  g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) editor = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *page_what = g_strdup_printf ("routine page, %u steps", n_steps);
  g_autofree char *editor_what = g_strdup_printf ("editor, %u steps", n_steps);
  g_autofree char *key_what = g_strdup_printf ("keystroke in the name, %u steps", n_steps);
  g_autofree char *cpu_what = g_strdup_printf ("keystroke, main-thread CPU, %u steps", n_steps);
  UnknotRoutine *routine = find_routine (id);

  for (guint i = 0; i < RUNS; i++)
    {
      UnknotWindow *window = active_window ();
      gint64 start = g_get_monotonic_time ();
      double ms;
      GtkEditable *name;

      unknot_window_show_routine (window, routine);
      ms = drawn_since (start);
      g_array_append_val (page, ms);

      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-routine", NULL);
      ms = drawn_since (start);
      g_array_append_val (editor, ms);

      name = GTK_EDITABLE (test_template_child (GTK_WIDGET (unknot_window_get_editor_view (window)),
                                                UNKNOT_TYPE_EDITOR_VIEW, "name_row"));
      for (guint k = 0; k < 3; k++)
        {
          int position = -1;
          double cpu = thread_cpu_ms ();

          start = g_get_monotonic_time ();
          gtk_editable_insert_text (name, "x", 1, &position);
          ms = drawn_since (start);
          g_array_append_val (keys, ms);
          test_spin_for (200);
          cpu = thread_cpu_ms () - cpu;
          g_array_append_val (key_cpu, cpu);
        }
      /* Back without the edits, to the library. */
      gtk_editable_set_text (name, unknot_routine_get_name (routine));
      gtk_widget_activate_action (GTK_WIDGET (unknot_window_get_editor_view (window)),
                                  "editor.back", NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
      test_spin_for (300);
    }
  report (page_what, page, 100);
  report (editor_what, editor, 100);
  report (key_what, keys, 16);
  report (cpu_what, key_cpu, 16);
}

int
main (int   argc,
      char *argv[])
{
  guint n_routines = argc > 1 ? (guint) atoi (argv[1]) : 1000;
  g_autofree char *home = test_make_home (g_get_tmp_dir (), "unknot-bench-lists-XXXXXX");
  UnknotWindow *window;

  for (guint i = 0; i < n_routines; i++)
    {
      g_autofree char *id = g_strdup_printf ("routine-%05u", i);
      g_autofree char *name = g_strdup_printf ("Routine %05u", i);
      g_autofree char *json = routine_json (id, name, 10);

      test_write_user_routine (home, id, json);
    }
  {
    g_autofree char *small = routine_json ("bench-12", "Twelve steps", 12);
    g_autofree char *large = routine_json ("bench-200", "Two hundred steps", UNKNOT_MAX_STEPS);

    test_write_user_routine (home, "bench-12", small);
    test_write_user_routine (home, "bench-200", large);
  }

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_init ();
  app = test_application_new (NULL);
  window = unknot_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (500);

  bench_language (n_routines);
  bench_routine ("bench-12", 12);
  bench_routine ("bench-200", UNKNOT_MAX_STEPS);

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, home);
  g_steal_pointer (&home);
  return 0;
}
