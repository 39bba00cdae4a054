/* bench-cues.c: how exactly and how cheaply a routine sounds, on the real clock
 *
 *   bench-cues [--short] [latency] [boundaries] [cpu]     (default: all three, full length)
 *
 * Real sessions on the system clock, with the cue player open (to UNKNOT_AUDIO_SINK, by default
 * "fakesink sync=true", which plays in real time like a sound card) and the cue scheduler on:
 *
 *   latency     from a boundary (the cue's `due`) to the first sample played ("cue-started"
 *               `at`): for cues placed ahead on 20 one-second steps, and for cues nobody could
 *               foresee (Start and Next pressed), median and max.
 *   boundaries  over 60 one-second steps: how late each cue is emitted after its `due`, and the
 *               drift of the finish from start + 60 s.
 *   cpu         CPU time (user + system, all threads) over wall time while a 21 s routine runs
 *               with voice and ticks (3 steps of 7 s), and while the player is open with
 *               nothing to play.
 *
 * --short (or UNKNOT_BENCH_SHORT=1) runs a few seconds of each, to try it quickly.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "unknot-catalogue.h"
#include "unknot-cue-player.h"
#include "unknot-cue-scheduler.h"
#include "unknot-session.h"

#define MSEC(ms) ((gint64) (ms) * 1000)

typedef struct {
  UnknotCueKind kind;
  gint64        due;
  gint64        emitted;
} Cue;

typedef struct {
  GMainLoop          *loop;
  UnknotCuePlayer    *player;
  UnknotCueScheduler *scheduler;
  UnknotSession      *session;
  GArray             *cues;       /* of Cue */
  GArray             *started;    /* of gint64: "cue-started" at */
  gint64              finished;   /* monotonic time the finish cue came */
  guint               n_presses;  /* Next presses still to make */
  GRand              *rand;
} Bench;

static gboolean short_mode;

static void
on_cue (UnknotSession *session,
        UnknotCueKind  kind,
        int            step,
        guint          value,
        gint64         due,
        Bench         *bench)
{
  Cue cue = { kind, due, g_get_monotonic_time () };

  g_array_append_val (bench->cues, cue);
  if (kind == UNKNOT_CUE_FINISH)
    bench->finished = cue.emitted;
}

static void
on_cue_started (UnknotCuePlayer *player,
                guint            tag,
                gint64           at,
                Bench           *bench)
{
  g_array_append_val (bench->started, at);
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
on_state_changed (UnknotSession *session,
                  GParamSpec    *pspec,
                  Bench         *bench)
{
  /* A little longer, for the last "cue-started" to come back from the streaming thread. */
  if (unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED)
    g_timeout_add (300, quit_loop, bench->loop);
}

static void
on_player_error (UnknotCuePlayer *player,
                 GError          *error,
                 gpointer         data)
{
  g_printerr ("cue player: %s\n", error->message);
  exit (1);
}

static void
sleep_in_loop (Bench  *bench,
               guint   msec)
{
  g_timeout_add (msec, quit_loop, bench->loop);
  g_main_loop_run (bench->loop);
}

static void
bench_init (Bench    *bench,
            gboolean  speak,
            gboolean  ticks)
{
  g_autoptr(GError) error = NULL;
  UnknotCatalogue *catalogue = unknot_catalogue_get_default (NULL);

  memset (bench, 0, sizeof *bench);
  bench->loop = g_main_loop_new (NULL, FALSE);
  bench->cues = g_array_new (FALSE, FALSE, sizeof (Cue));
  bench->started = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench->rand = g_rand_new_with_seed (3);
  bench->player = unknot_cue_player_new ();
  g_signal_connect (bench->player, "cue-started", G_CALLBACK (on_cue_started), bench);
  g_signal_connect (bench->player, "error", G_CALLBACK (on_player_error), NULL);
  bench->scheduler = unknot_cue_scheduler_new (bench->player, catalogue);
  g_object_set (bench->scheduler, "speak", speak, "ticks", ticks, NULL);

  if (!unknot_cue_player_open (bench->player, &error))
    {
      g_printerr ("cue player: %s\n", error->message);
      exit (1);
    }
  /* The output runs (it starts within milliseconds); the person has not pressed Start yet. */
  sleep_in_loop (bench, 200);
}

static void
bench_clear (Bench *bench)
{
  unknot_cue_player_close (bench->player);
  g_clear_object (&bench->scheduler);
  g_clear_object (&bench->session);
  g_clear_object (&bench->player);
  g_clear_pointer (&bench->cues, g_array_unref);
  g_clear_pointer (&bench->started, g_array_unref);
  g_clear_pointer (&bench->loop, g_main_loop_unref);
  g_clear_pointer (&bench->rand, g_rand_free);
}

static UnknotRoutine *
make_routine (guint n_steps,
              guint seconds)
{
  UnknotRoutine *routine = unknot_routine_new ("bench", "Benchmark");

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(UnknotStep) step = unknot_step_new ();

      unknot_step_set_technique (step, "sustained-pressure");
      unknot_step_set_area (step, UNKNOT_AREA_UPPER_BACK);
      unknot_step_set_side (step, i % 3 == 2 ? UNKNOT_SIDE_BOTH : UNKNOT_SIDE_LEFT);
      unknot_step_set_duration (step, seconds);
      unknot_step_set_cue_sound (step, i % 2 ? "wood" : "chime");
      unknot_routine_append_step (routine, step);
    }
  return routine;
}

static void
bench_set_routine (Bench         *bench,
                   UnknotRoutine *routine)
{
  bench->session = unknot_session_new (routine, unknot_clock_get_system ());
  unknot_session_set_preparation (bench->session, 0);
  g_signal_connect (bench->session, "cue", G_CALLBACK (on_cue), bench);
  g_signal_connect (bench->session, "notify::state", G_CALLBACK (on_state_changed), bench);
  unknot_cue_scheduler_set_session (bench->scheduler, bench->session);
}

/* The "cue-started" time closest to @due, within half a second; -1 when none. */
static gint64
find_started (Bench  *bench,
              gint64  due)
{
  gint64 best = -1;

  for (guint i = 0; i < bench->started->len; i++)
    {
      gint64 at = g_array_index (bench->started, gint64, i);

      if (ABS (at - due) < MSEC (500) && (best < 0 || ABS (at - due) < ABS (best - due)))
        best = at;
    }
  return best;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *what,
             GArray     *values)
{
  double median;

  if (values->len == 0)
    {
      g_print ("%s: no values\n", what);
      return;
    }
  g_array_sort (values, compare_double);
  median = values->len % 2 ? g_array_index (values, double, values->len / 2)
                           : (g_array_index (values, double, values->len / 2 - 1)
                              + g_array_index (values, double, values->len / 2)) / 2;
  g_print ("%s: median %.2f ms, min %.2f ms, max %.2f ms (%u cues)\n", what, median,
           g_array_index (values, double, 0), g_array_index (values, double, values->len - 1),
           values->len);
}

/* Latency of every cue in @bench that had a sound, the first (Start pressed) apart. */
static void
collect_latencies (Bench    *bench,
                   gboolean  all_unforeseen,
                   GArray   *placed,
                   GArray   *unforeseen,
                   guint    *missing)
{
  for (guint i = 0; i < bench->cues->len; i++)
    {
      Cue *cue = &g_array_index (bench->cues, Cue, i);
      gint64 at = find_started (bench, cue->due);
      double ms = (at - cue->due) / 1000.0;

      if (at < 0)
        {
          (*missing)++;
          continue;
        }
      /* Nobody could tell when Start or Next would be pressed. */
      if (i == 0 || all_unforeseen)
        g_array_append_val (unforeseen, ms);
      else
        g_array_append_val (placed, ms);
    }
}

static gboolean
press_next (gpointer data)
{
  Bench *bench = data;

  unknot_session_next (bench->session);
  if (--bench->n_presses > 0)
    g_timeout_add (g_rand_int_range (bench->rand, 300, 600), press_next, bench);
  return G_SOURCE_REMOVE;
}

static void
run_latency (void)
{
  guint n_steps = short_mode ? 5 : 20, n_presses = short_mode ? 5 : 20;
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unforeseen = g_array_new (FALSE, FALSE, sizeof (double));
  guint missing = 0;

  {
    g_autoptr(UnknotRoutine) routine = make_routine (n_steps, 1);
    Bench bench;

    bench_init (&bench, FALSE, TRUE);
    bench_set_routine (&bench, routine);
    unknot_session_start (bench.session);
    g_main_loop_run (bench.loop);
    collect_latencies (&bench, FALSE, placed, unforeseen, &missing);
    bench_clear (&bench);
  }

  {
    /* Steps much longer than the time between presses: every step start comes from Next. */
    g_autoptr(UnknotRoutine) routine = make_routine (n_presses, 30);
    g_autoptr(GArray) ignored = g_array_new (FALSE, FALSE, sizeof (double));
    Bench bench;

    bench_init (&bench, FALSE, TRUE);
    bench_set_routine (&bench, routine);
    bench.n_presses = n_presses;
    g_timeout_add (g_rand_int_range (bench.rand, 300, 600), press_next, &bench);
    unknot_session_start (bench.session);
    g_main_loop_run (bench.loop);
    collect_latencies (&bench, TRUE, ignored, unforeseen, &missing);
    bench_clear (&bench);
  }

  g_print ("cue-latency: from a boundary to its first sample played (%s)\n",
           g_getenv ("UNKNOT_AUDIO_SINK"));
  print_stats ("cue-latency: placed ahead (step boundaries)", placed);
  print_stats ("cue-latency: unforeseen (Start, Next pressed)", unforeseen);
  if (missing > 0)
    {
      g_print ("cue-latency: %u cues never started\n", missing);
      exit (1);
    }
}

static void
run_boundaries (void)
{
  guint n_steps = short_mode ? 10 : 60;
  g_autoptr(UnknotRoutine) routine = make_routine (n_steps, 1);
  g_autoptr(GArray) late = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start, drift;
  Bench bench;

  bench_init (&bench, FALSE, TRUE);
  bench_set_routine (&bench, routine);

  start = g_get_monotonic_time ();
  unknot_session_start (bench.session);
  g_main_loop_run (bench.loop);

  for (guint i = 1; i < bench.cues->len; i++)
    {
      Cue *cue = &g_array_index (bench.cues, Cue, i);
      double ms = (cue->emitted - cue->due) / 1000.0;

      g_array_append_val (late, ms);
    }
  drift = bench.finished - start - (gint64) n_steps * G_USEC_PER_SEC;

  g_print ("boundaries: %u one-second steps on the system clock\n", n_steps);
  print_stats ("boundaries: cue emitted after its due", late);
  g_print ("boundaries: finish %.2f ms after start + %u s (drift)\n", drift / 1000.0, n_steps);
  g_print ("boundaries: first cue due %.3f ms after Start\n",
           (g_array_index (bench.cues, Cue, 0).due - start) / 1000.0);

  bench_clear (&bench);
}

static gint64
cpu_usec (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return ((gint64) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC
         + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
run_cpu (void)
{
  guint step_seconds = short_mode ? 3 : 7;
  guint idle_msec = short_mode ? 2000 : 3000;
  g_autoptr(UnknotRoutine) routine = make_routine (3, step_seconds);
  gint64 cpu, wall;
  Bench bench;

  bench_init (&bench, TRUE, TRUE);

  /* Open with nothing to play: 10 ms of silence at a time, mixed as appsrc asks. */
  cpu = cpu_usec ();
  wall = g_get_monotonic_time ();
  sleep_in_loop (&bench, idle_msec);
  cpu = cpu_usec () - cpu;
  wall = g_get_monotonic_time () - wall;
  g_print ("routine-cpu: player open, idle: %.2f%% of one core (%.0f ms CPU in %.1f s)\n",
           100.0 * cpu / wall, cpu / 1000.0, wall / 1e6);

  /* A routine with voice and ticks: three steps, one on both sides. */
  bench_set_routine (&bench, routine);
  cpu = cpu_usec ();
  wall = g_get_monotonic_time ();
  unknot_session_start (bench.session);
  g_main_loop_run (bench.loop);
  cpu = cpu_usec () - cpu;
  wall = g_get_monotonic_time () - wall;
  g_print ("routine-cpu: routine running (voice, ticks): %.2f%% of one core "
           "(%.0f ms CPU in %.1f s)\n", 100.0 * cpu / wall, cpu / 1000.0, wall / 1e6);

  bench_clear (&bench);
}

int
main (int   argc,
      char *argv[])
{
  gboolean latency = FALSE, boundaries = FALSE, cpu = FALSE;

  gst_init (&argc, &argv);

  short_mode = g_getenv ("UNKNOT_BENCH_SHORT") != NULL
               && g_strcmp0 (g_getenv ("UNKNOT_BENCH_SHORT"), "0") != 0;
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--short"))
        short_mode = TRUE;
      else if (g_str_equal (argv[i], "latency"))
        latency = TRUE;
      else if (g_str_equal (argv[i], "boundaries"))
        boundaries = TRUE;
      else if (g_str_equal (argv[i], "cpu"))
        cpu = TRUE;
      else
        {
          g_printerr ("Usage: %s [--short] [latency] [boundaries] [cpu]\n", argv[0]);
          return 2;
        }
    }
  if (!latency && !boundaries && !cpu)
    latency = boundaries = cpu = TRUE;

  /* Real time, as a sound card would take it, unless told otherwise. */
  g_setenv ("UNKNOT_AUDIO_SINK", "fakesink sync=true", FALSE);

  if (latency)
    run_latency ();
  if (boundaries)
    run_boundaries ();
  if (cpu)
    run_cpu ();

  return 0;
}
