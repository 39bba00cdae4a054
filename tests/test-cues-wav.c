/* test-cues-wav.c: what a routine sounds like, checked sample by sample
 *
 * Real sessions run on the system clock in a main loop, with the cue player writing what would be
 * heard to a WAV file (UNKNOT_AUDIO_SINK="wavenc ! filesink ..."). The file is then read here and
 * every cue is looked for in it. The boundaries are the `due` times the session gives with its
 * cues, mapped into the stream by the player.
 *
 * - boundaries: four steps (one on both sides), ticks on, no voice. Each cue's sound starts within
 *   20 ms of its boundary (a cue placed ahead on its very sample); between the end of one cue's
 *   sound and the next cue there is silence. The first cue, from pressing Start, cannot be placed
 *   ahead and plays as soon as the output can take it: never before the press, and whole before
 *   the next cue (how soon is a figure of bench-cues, not a test: it depends on the machine).
 * - speech: the step's announcement is heard after its chime (espeak is a declared dependency:
 *   its absence fails).
 * - words: with ticks and spoken instructions on, as by default: the get-ready words are heard
 *   whole and end before the next cue (the countdown is lengthened for them); a step's
 *   instructions are heard after its announcement, a two-sided step's right-side words after
 *   the switch, each whole and before the next cue; a step too short for any words has its
 *   chime alone.
 * - unreadable-sound: a routine's own sound file that cannot be played is said once per sound,
 *   whichever number of steps use it, and the chime is heard in its place.
 * - close: closing does not wait for the output's end, yet a cue played up to the moment of closing
 *   is in the recording whole; an output opened while the last one still closes plays; a player
 *   dropped while closing is cleaned up.
 * - broken-output: an output that cannot be made or that fails while playing is said clearly, and
 *   the routine runs to its finish all the same.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "unknot-catalogue.h"
#include "unknot-cue-scheduler.h"
#include "unknot-session.h"
#include "unknot-wav-util.h"

#define MSEC(ms)        ((gint64) (ms) * 1000)
#define ONSET_TOLERANCE MSEC (20)             /* a cue starts this close to its boundary */
#define SEARCH_BEFORE   MSEC (30)             /* where the search for an onset begins */
#define SOUND_MARGIN    MSEC (10)             /* after a cue's sound, before silence is asked */
#define GAP_MARGIN      MSEC (50)             /* before the next cue, likewise */

/* One cue the session gave, and where it falls in the recording. */
typedef struct {
  UnknotCueKind kind;
  int           step;
  guint         value;
  gint64        due;        /* monotonic microseconds */
  gint64        emitted;    /* monotonic time the session emitted it */
  gint64        stream;     /* microseconds from the recording's first sample */
  gint64        length;     /* its sound's length, microseconds; 0 for none */
  gint64        attack;     /* samples from its sound's start to its first above the threshold */
  char         *sound;
} Cue;

static void
cue_clear (Cue *cue)
{
  g_free (cue->sound);
}

/* One real-time run of a routine into a WAV file. */
typedef struct {
  GMainLoop          *loop;
  UnknotCuePlayer    *player;
  UnknotCueScheduler *scheduler;
  UnknotSession      *session;
  GArray             *cues;          /* of Cue */
  gint64              tail;          /* how long to keep recording after the finish */
} Run;

/* Where every run records: UNKNOT_AUDIO_SINK is set once, before any thread starts (setenv is
 * not thread-safe), and each run overwrites the file. */
static char *wav_dir;
static char *wav_path;

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("unknot-cues-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static UnknotStep *
make_step (guint       seconds,
           UnknotSide  side,
           const char *sound)
{
  UnknotStep *step = unknot_step_new ();

  unknot_step_set_technique (step, "sustained-pressure");
  unknot_step_set_area (step, UNKNOT_AREA_UPPER_BACK);
  unknot_step_set_duration (step, seconds);
  unknot_step_set_side (step, side);
  unknot_step_set_cue_sound (step, sound);
  return step;
}

static UnknotCatalogue *
get_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  UnknotCatalogue *catalogue = unknot_catalogue_get_default (&error);

  /* Only the words of announcements depend on it; without it the ids are spoken. */
  if (catalogue == NULL)
    g_test_message ("No technique catalogue (%s): announcements use ids", error->message);
  return catalogue;
}

static void
on_cue (UnknotSession *session,
        UnknotCueKind  kind,
        int            step,
        guint          value,
        gint64         due,
        Run           *run)
{
  Cue cue = { kind, step, value, due, g_get_monotonic_time (), -1, 0, 0, NULL };

  g_array_append_val (run->cues, cue);
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
                  Run           *run)
{
  /* The finish sound still has to be played and written. */
  if (unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED)
    g_timeout_add (run->tail / 1000, quit_loop, run->loop);
}

static gboolean
on_too_long (gpointer data)
{
  g_error ("The routine did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
run_init (Run        *run,
          gboolean    speak,
          gboolean    ticks)
{
  memset (run, 0, sizeof *run);
  g_remove (wav_path);
  run->loop = g_main_loop_new (NULL, FALSE);
  run->cues = g_array_new (FALSE, TRUE, sizeof (Cue));
  g_array_set_clear_func (run->cues, (GDestroyNotify) cue_clear);

  run->player = unknot_cue_player_new ();
  run->scheduler = unknot_cue_scheduler_new (run->player, get_catalogue ());
  g_object_set (run->scheduler, "speak", speak, "ticks", ticks, NULL);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->scheduler);
  g_clear_object (&run->session);
  g_clear_object (&run->player);
  g_clear_pointer (&run->cues, g_array_unref);
  g_clear_pointer (&run->loop, g_main_loop_unref);
}

/* Opens the output and sets the session on the scheduler, as the window does, without starting. */
static void
run_prepare (Run           *run,
             UnknotRoutine *routine)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (unknot_cue_player_open (run->player, &error));
  g_assert_no_error (error);

  run->session = unknot_session_new (routine, unknot_clock_get_system ());
  unknot_session_set_preparation (run->session, 0);
  g_signal_connect (run->session, "cue", G_CALLBACK (on_cue), run);
  g_signal_connect (run->session, "notify::state", G_CALLBACK (on_state_changed), run);
  unknot_cue_scheduler_set_session (run->scheduler, run->session);
}

/* Starts the session, runs it to its finish plus @tail, then maps every cue into the stream and
 * closes the output so the WAV file is complete. */
static void
run_routine (Run    *run,
             gint64  tail)
{
  gint64 limit = unknot_session_get_duration (run->session) + tail + G_USEC_PER_SEC * 5;
  guint too_long = g_timeout_add (limit / 1000, on_too_long, NULL);

  run->tail = tail;
  unknot_session_start (run->session);
  g_main_loop_run (run->loop);
  g_source_remove (too_long);

  for (guint i = 0; i < run->cues->len; i++)
    {
      Cue *cue = &g_array_index (run->cues, Cue, i);
      const char *sound = NULL;
      g_autofree char *text = NULL;

      /* The first boundary can come before the output's first sample: Start is pressed as the
       * output opens, and how long that takes is the machine's (over 100 ms on one loaded core
       * under the sanitizers). Its cue cannot be heard before that first sample. Every later
       * boundary is in the stream. */
      cue->stream = unknot_cue_player_get_stream_time (run->player, cue->due);
      if (i == 0)
        cue->stream = MAX (cue->stream, 0);
      g_assert_cmpint (cue->stream, >=, 0);

      text = unknot_cue_scheduler_describe_cue (run->scheduler, cue->kind, cue->step,
                                                cue->value, &sound);
      /* A routine's own file is unreadable in these tests: the scheduler plays the chime. */
      if (sound != NULL && strchr (sound, '.') != NULL)
        sound = "chime";
      if (sound != NULL)
        {
          g_autoptr(GBytes) pcm = unknot_cue_player_get_sound (run->player, sound, NULL, NULL);
          double volume = unknot_cue_player_get_volume (run->player);
          const gint16 *data;
          gsize n_bytes;

          g_assert_nonnull (pcm);
          data = g_bytes_get_data (pcm, &n_bytes);
          cue->sound = g_strdup (sound);
          cue->length = (gint64) n_bytes / 2 * G_USEC_PER_SEC / RATE;
          /* The sound's own fade-in: it crosses the threshold this far in, as the player mixes
           * it (at its volume). */
          while (cue->attack < (gint64) n_bytes / 2
                 && ABS ((int) (data[cue->attack] * volume)) <= THRESHOLD)
            cue->attack++;
        }
    }

  close_and_wait (run->player);
}

static gint64
to_sample (gint64 usec)
{
  return usec * RATE / G_USEC_PER_SEC;
}

/* The first sample in [@from, @to) louder than the threshold, or -1. */
static gint64
find_onset (GArray *samples,
            gint64  from,
            gint64  to)
{
  from = MAX (from, 0);
  to = MIN (to, (gint64) samples->len);
  for (gint64 i = from; i < to; i++)
    if (ABS ((int) g_array_index (samples, gint16, i)) > THRESHOLD)
      return i;
  return -1;
}

/* The loudest sample in [@from, @to). */
static int
peak (GArray *samples,
      gint64  from,
      gint64  to)
{
  int max = 0;

  from = MAX (from, 0);
  to = MIN (to, (gint64) samples->len);
  for (gint64 i = from; i < to; i++)
    max = MAX (max, ABS ((int) g_array_index (samples, gint16, i)));
  return max;
}

static const char *
kind_name (UnknotCueKind kind)
{
  switch (kind)
    {
    case UNKNOT_CUE_GET_READY:
      return "get-ready";
    case UNKNOT_CUE_STEP_START:
      return "step";
    case UNKNOT_CUE_SWITCH_SIDES:
      return "switch";
    case UNKNOT_CUE_TICK:
      return "tick";
    case UNKNOT_CUE_FINISH:
      return "finish";
    default:
      return "?";
    }
}

/* Silence (nothing above the threshold) in [@from, @to), when that window is not empty. */
static void
assert_silence (GArray     *samples,
                gint64      from,
                gint64      to,
                const char *where)
{
  int loudest;

  if (to <= from)
    return;

  loudest = peak (samples, from, to);
  g_test_message ("silence %s: %.0f-%.0f ms, peak %d", where, to_msec (from), to_msec (to),
                  loudest);
  if (loudest > THRESHOLD)
    g_error ("Sound where there should be silence (%s, %.1f-%.1f ms into the recording): "
             "peak %d at %.1f ms", where, to_msec (from), to_msec (to), loudest,
             to_msec (find_onset (samples, from, to)));
}

/* Finds the sound of @cue in the recording and checks that it starts on its boundary: within
 * 20 ms, and for a cue placed ahead on the very sample (its own fade-in apart). A cue nobody could
 * place ahead (Start pressed) plays as soon as the output can take it, after the few 10 ms chunks
 * it holds (10-40 ms on an idle machine, see bench-cues; more on a loaded one): never before the
 * press, and over before @next_stream, the next cue's place in the recording (-1: no next cue to
 * check). Returns the sample
 * where the cue's sound begins. */
static gint64
check_onset (GArray   *samples,
             Cue      *cue,
             gboolean  foreseen,
             gint64    next_stream)
{
  gint64 boundary = to_sample (cue->stream);
  gint64 onset, offset, placed;

  onset = find_onset (samples, boundary - to_sample (SEARCH_BEFORE),
                      boundary + to_sample (cue->length));
  if (onset < 0)
    g_error ("No sound for the %s cue (step %d) at %.3f s into the recording",
             kind_name (cue->kind), cue->step, cue->stream / (double) G_USEC_PER_SEC);

  offset = onset - boundary;
  placed = offset - cue->attack;
  g_test_message ("%-6s step %2d %-6s boundary %7.3f s, emitted %+5.2f ms late, "
                  "sound onset %+6.2f ms (placed %+6.2f ms, fade-in %5.2f ms)%s",
                  kind_name (cue->kind), cue->step, cue->sound,
                  cue->stream / (double) G_USEC_PER_SEC, (cue->emitted - cue->due) / 1000.0,
                  to_msec (offset), to_msec (placed), to_msec (cue->attack),
                  foreseen ? "" : ", Start pressed");

  if (foreseen
      && (ABS (offset) > to_sample (ONSET_TOLERANCE) || ABS (placed) > to_sample (MSEC (1))))
    g_error ("The %s cue (step %d) starts %.2f ms from its boundary: at most %d ms allowed, "
             "and a cue placed ahead must land on its sample (it is %.2f ms off)",
             kind_name (cue->kind), cue->step, to_msec (offset),
             (int) (ONSET_TOLERANCE / 1000), to_msec (placed));
  if (!foreseen
      && (placed < -to_sample (ONSET_TOLERANCE)
          || (next_stream >= 0
              && boundary + placed + to_sample (cue->length) > to_sample (next_stream))))
    g_error ("The %s cue (step %d) starts %.2f ms from the press of Start: before it, or too "
             "late for its %.0f ms to end before the next cue at %.3f s",
             kind_name (cue->kind), cue->step, to_msec (placed), to_msec (to_sample (cue->length)),
             next_stream / (double) G_USEC_PER_SEC);

  return onset - cue->attack;
}

/* Every cue with a sound starts on its boundary (see above); between the end of one cue's sound
 * and the next cue there is silence. */
static void
check_cues_heard (GArray *cues,
                  GArray *samples)
{
  gint64 silent_from = 0;

  for (guint i = 0; i < cues->len; i++)
    {
      Cue *cue = &g_array_index (cues, Cue, i);
      g_autofree char *where = NULL;
      gint64 start;

      if (cue->sound == NULL)
        continue;

      where = g_strdup_printf ("before the %s cue at %.3f s", kind_name (cue->kind),
                               cue->stream / (double) G_USEC_PER_SEC);
      assert_silence (samples, silent_from, to_sample (cue->stream - GAP_MARGIN), where);

      start = check_onset (samples, cue, i > 0,
                           i + 1 < cues->len ? g_array_index (cues, Cue, i + 1).stream
                                             : -1);
      silent_from = start + to_sample (cue->length + SOUND_MARGIN);
    }

  assert_silence (samples, silent_from, samples->len, "after the last cue");
}

/* Test A: four steps, one on both sides, ticks on, no voice; every cue heard on its boundary. */
static void
test_boundaries (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("wav", "WAV");
  g_autoptr(GArray) samples = NULL;
  g_autoptr(UnknotStep) s0 = make_step (2, UNKNOT_SIDE_LEFT, "chime");
  g_autoptr(UnknotStep) s1 = make_step (4, UNKNOT_SIDE_BOTH, "bell");
  g_autoptr(UnknotStep) s2 = make_step (2, UNKNOT_SIDE_RIGHT, "wood");
  g_autoptr(UnknotStep) s3 = make_step (2, UNKNOT_SIDE_NONE, "soft");
  /* Cue by cue, in seconds from the start: a tick 1 s before each end (the "both" step's is at
   * its switch, so it has none), the switch at the middle of the 4 s step. Every sound ends
   * before the next cue, so there is silence to check between them: the bell (1.2 s) is on the
   * 4 s step, as on a 2 s step it would still ring at the tick a second in. */
  static const struct {
    UnknotCueKind kind;
    int           step;
    int           at;
  } expected[] = {
    { UNKNOT_CUE_STEP_START, 0, 0 },
    { UNKNOT_CUE_TICK, 0, 1 },
    { UNKNOT_CUE_STEP_START, 1, 2 },
    { UNKNOT_CUE_SWITCH_SIDES, 1, 4 },
    { UNKNOT_CUE_TICK, 1, 5 },
    { UNKNOT_CUE_STEP_START, 2, 6 },
    { UNKNOT_CUE_TICK, 2, 7 },
    { UNKNOT_CUE_STEP_START, 3, 8 },
    { UNKNOT_CUE_TICK, 3, 9 },
    { UNKNOT_CUE_FINISH, -1, 10 },
  };
  Run run;
  gint64 origin;

  unknot_routine_append_step (routine, s0);
  unknot_routine_append_step (routine, s1);
  unknot_routine_append_step (routine, s2);
  unknot_routine_append_step (routine, s3);

  run_init (&run, FALSE, TRUE);
  run_prepare (&run, routine);
  /* Started at once after opening the output, as the window does. */
  run_routine (&run, MSEC (2000));   /* the finish sound is 1.6 s */

  g_assert_cmpuint (run.cues->len, ==, G_N_ELEMENTS (expected));
  origin = g_array_index (run.cues, Cue, 0).due;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      Cue *cue = &g_array_index (run.cues, Cue, i);

      g_assert_cmpint (cue->kind, ==, expected[i].kind);
      g_assert_cmpint (cue->step, ==, expected[i].step);
      g_assert_cmpint (cue->due - origin, ==, expected[i].at * G_USEC_PER_SEC);
    }

  samples = read_wav (wav_path);
  g_test_message ("recording: %.3f s", samples->len / (double) RATE);
  /* The whole routine and the finish sound are in it. */
  g_assert_cmpint (samples->len, >=,
                   to_sample (g_array_index (run.cues, Cue, run.cues->len - 1).stream
                              + g_array_index (run.cues, Cue, run.cues->len - 1).length));
  check_cues_heard (run.cues, samples);

  run_clear (&run);
}

/* Voluntary context switches of all this process's threads so far: its wake-ups. */
static guint64
count_wakeups (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *name;
  guint64 total = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", name, "status", NULL);
      g_autofree char *status = NULL;
      const char *line;

      if (!g_file_get_contents (path, &status, NULL, NULL))
        continue;   /* a thread that has just ended */
      line = strstr (status, "\nvoluntary_ctxt_switches:");
      if (line != NULL)
        total += g_ascii_strtoull (line + strlen ("\nvoluntary_ctxt_switches:"), NULL, 10);
    }
  return total;
}

typedef struct {
  guint64 first;
  gint64  first_time;
  double  rate;    /* wake-ups a second between the two samples */
} Wakeups;

static gboolean
sample_wakeups (gpointer data)
{
  Wakeups *w = data;

  if (w->first_time == 0)
    {
      w->first = count_wakeups ();
      w->first_time = g_get_monotonic_time ();
      return G_SOURCE_REMOVE;
    }
  w->rate = (count_wakeups () - w->first) * (double) G_USEC_PER_SEC
            / (g_get_monotonic_time () - w->first_time);
  return G_SOURCE_REMOVE;
}

/* Test A2: a cue after a long silence (the output's thread sleeps between cues, then hands on
 * the silence it skipped): still on its sample, and the recording continuous through it. */
static void
test_long_silence (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("wav", "WAV");
  g_autoptr(GArray) samples = NULL;
  g_autoptr(UnknotStep) s0 = make_step (15, UNKNOT_SIDE_NONE, "chime");
  g_autoptr(UnknotStep) s1 = make_step (2, UNKNOT_SIDE_NONE, "wood");
  static const struct {
    UnknotCueKind kind;
    int           at;
  } expected[] = {
    { UNKNOT_CUE_STEP_START, 0 },
    { UNKNOT_CUE_STEP_START, 15 },
    { UNKNOT_CUE_FINISH, 17 },
  };
  Run run;
  gint64 origin;
  Wakeups wakeups = { 0 };

  unknot_routine_append_step (routine, s0);
  unknot_routine_append_step (routine, s1);

  run_init (&run, FALSE, FALSE);
  run_prepare (&run, routine);
  /* Counted from 3 s to 8 s in, between the chime (0.7 s) and the next cue: a thread mixing
   * 10 ms of silence at a time wakes 100 times a second. */
  g_timeout_add_seconds (3, sample_wakeups, &wakeups);
  g_timeout_add_seconds (8, sample_wakeups, &wakeups);
  run_routine (&run, MSEC (2000));
  g_test_message ("wake-ups between cues: %.1f a second", wakeups.rate);
  g_assert_cmpfloat (wakeups.rate, <, 20);

  origin = g_array_index (run.cues, Cue, 0).due;
  for (guint i = 0, n = 0; i < run.cues->len; i++)
    {
      Cue *cue = &g_array_index (run.cues, Cue, i);

      /* The ticks (3, 2, 1 s before a step's end) are off: silent, in the session only. */
      if (cue->kind == UNKNOT_CUE_TICK)
        {
          g_assert_null (cue->sound);
          continue;
        }
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (cue->kind, ==, expected[n].kind);
      g_assert_cmpint (cue->due - origin, ==, expected[n].at * G_USEC_PER_SEC);
      n++;
      if (i + 1 == run.cues->len)
        g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
    }

  samples = read_wav (wav_path);
  g_test_message ("recording: %.3f s", samples->len / (double) RATE);
  g_assert_cmpint (samples->len, >=,
                   to_sample (g_array_index (run.cues, Cue, run.cues->len - 1).stream
                              + g_array_index (run.cues, Cue, run.cues->len - 1).length));
  /* Each cue within 1 ms of its sample, silence between them (14 s of it after the chime). */
  check_cues_heard (run.cues, samples);

  run_clear (&run);
}

/* How well the loudness of @pcm, 10 ms at a time, follows that of the recording when @pcm starts
 * at sample @at, over the windows from @clean on (before it other sounds are mixed in): Pearson's
 * correlation of the two envelopes. @power holds the running sum of the recording's squares. */
static double
envelope_match (const double *power,
                gint64        n_samples,
                const gint16 *pcm,
                gint64        n_pcm,
                gint64        at,
                gint64        clean)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  int n = 0;

  for (gint64 k = 0; (k + 1) * WINDOW <= n_pcm && at + (k + 1) * WINDOW <= n_samples; k++)
    {
      gint64 from = at + k * WINDOW;
      double x, y = 0;

      if (from < clean)
        continue;
      x = sqrt ((power[from + WINDOW] - power[from]) / WINDOW);
      for (gint64 i = k * WINDOW; i < (k + 1) * WINDOW; i++)
        y += (double) pcm[i] * pcm[i];
      y = sqrt (y / WINDOW);

      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      n++;
    }

  if (n < 50)
    return 0;
  return (n * sxy - sx * sy) / sqrt ((n * sxx - sx * sx) * (n * syy - sy * sy));
}

/* Where @pcm best follows the recording, starting in [@from, @to) (1 ms steps). */
static gint64
find_envelope (GArray *samples,
               GBytes *pcm,
               gint64  from,
               gint64  to,
               gint64  clean,
               double *match)
{
  gsize n_bytes;
  const gint16 *data = g_bytes_get_data (pcm, &n_bytes);
  g_autofree double *power = power_sums (samples);
  gint64 best = -1;

  *match = -1;
  for (gint64 at = MAX (from, 0); at < to; at += RATE / 1000)
    {
      double r = envelope_match (power, samples->len, data, n_bytes / 2, at, clean);

      if (r > *match)
        {
          *match = r;
          best = at;
        }
    }
  return best;
}

static gboolean
poll_speech_ready (gpointer data)
{
  Run *run = data;
  const char *sound;
  g_autofree char *text = unknot_cue_scheduler_describe_cue (run->scheduler,
                                                             UNKNOT_CUE_STEP_START, 0, 0,
                                                             &sound);

  if (unknot_cue_player_is_speech_ready (run->player, text))
    {
      g_main_loop_quit (run->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Test B: the announcement is in the recording, after the step's sound. */
static void
test_speech (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("wav", "WAV");
  g_autoptr(UnknotStep) step = make_step (6, UNKNOT_SIDE_LEFT, "chime");
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GBytes) alone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *sound;
  Run run;
  Cue *start, *finish;
  gint64 chime, speech_at, speech_len, spoken = 0, windows = 0;
  double match;
  guint timeout;

  require_espeak ();

  unknot_step_set_cue_speak (step, TRUE);
  unknot_routine_append_step (routine, step);

  run_init (&run, TRUE, FALSE);
  /* The announcement alone (the technique's how-to would follow it: the words test). */
  g_object_set (run.scheduler, "instructions", FALSE, NULL);
  run_prepare (&run, routine);
  g_assert_true (unknot_cue_player_has_speech (run.player));

  /* The words are rendered before the person presses Start (the scheduler began on
   * set_session). */
  timeout = g_timeout_add_seconds (10, on_too_long, NULL);
  g_timeout_add (10, poll_speech_ready, &run);
  g_main_loop_run (run.loop);
  g_source_remove (timeout);

  text = unknot_cue_scheduler_describe_cue (run.scheduler, UNKNOT_CUE_STEP_START, 0, 0, &sound);
  g_assert_nonnull (text);
  g_test_message ("announcement: \"%s\"", text);
  alone = unknot_cue_player_render_speech (text, "en", &error);
  g_assert_no_error (error);
  speech_len = (gint64) g_bytes_get_size (alone) / 2 * G_USEC_PER_SEC / RATE;
  g_test_message ("rendered alone: %.3f s", speech_len / (double) G_USEC_PER_SEC);
  g_assert_cmpint (speech_len, >, MSEC (500));
  g_assert_cmpint (speech_len, <, MSEC (4500));

  run_routine (&run, MSEC (300));
  samples = read_wav (wav_path);

  start = &g_array_index (run.cues, Cue, 0);
  finish = &g_array_index (run.cues, Cue, run.cues->len - 1);
  g_assert_cmpint (start->kind, ==, UNKNOT_CUE_STEP_START);
  g_assert_cmpint (finish->kind, ==, UNKNOT_CUE_FINISH);

  /* The chime as Start is pressed... */
  chime = check_onset (samples, start, FALSE, -1);

  /* ...then words, well after the chime's end (0.72 s): 10 ms windows with energy. */
  for (gint64 at = MSEC (1000); at + MSEC (10) <= MSEC (4000); at += MSEC (10))
    {
      windows++;
      if (rms (samples, chime + to_sample (at), chime + to_sample (at + MSEC (10))) > THRESHOLD)
        spoken++;
    }
  g_test_message ("speech: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " windows of 10 ms "
                  "between 1 and 4 s have an RMS above 1%%; RMS of it all %.0f", spoken, windows,
                  rms (samples, chime + to_sample (MSEC (1000)), chime + to_sample (MSEC (4000))));
  g_assert_cmpint (spoken, >=, windows / 4);

  /* It is the announcement: the same words rendered on their own (espeak is not exact to the
   * sample from one render to the next) have the loudness contour of the recording after the
   * chime, starting as the chime fades. */
  speech_at = find_envelope (samples, alone, chime, chime + to_sample (start->length),
                             chime + to_sample (start->length), &match);
  g_test_message ("speech starts %.1f ms after the chime; its loudness follows the rendered "
                  "words with r = %.3f", to_msec (speech_at - chime), match);
  if (match < 0.9)
    g_error ("The recording after the chime does not sound like the announcement (r = %.3f)",
             match);

  /* And after it, silence until the finish. */
  assert_silence (samples, speech_at + to_sample (speech_len + SOUND_MARGIN),
                  to_sample (finish->stream - GAP_MARGIN), "after the announcement");

  run_clear (&run);
}

/* Words that fit: the recording after @cue's sound follows @text as rendered alone, whole, and
 * it is silent from their end until @next, the next cue. */
static void
check_words_fit (GArray     *samples,
                 Cue        *cue,
                 gboolean    foreseen,
                 Cue        *next,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pcm = unknot_cue_player_render_speech (text, "en", &error);
  gint64 onset, speech_at, len;
  double match;

  g_assert_no_error (error);
  len = (gint64) g_bytes_get_size (pcm) / 2;
  onset = check_onset (samples, cue, foreseen, -1);
  speech_at = find_envelope (samples, pcm, onset, onset + to_sample (cue->length),
                             onset + to_sample (cue->length), &match);
  g_test_message ("%s cue (step %d): \"%s\", %.0f ms, starts %.1f ms after the sound, ends "
                  "%.0f ms before the next cue; r = %.3f", kind_name (cue->kind), cue->step, text,
                  to_msec (len), to_msec (speech_at - onset),
                  to_msec (to_sample (next->stream) - speech_at - len), match);
  if (match < 0.9)
    g_error ("After the %s cue (step %d) the recording does not sound like \"%s\" (r = %.3f)",
             kind_name (cue->kind), cue->step, text, match);
  /* Whole before the next cue, which therefore cuts nothing, and silence in between. */
  g_assert_cmpint (speech_at + len, <=, to_sample (next->stream));
  assert_silence (samples, speech_at + len + to_sample (SOUND_MARGIN),
                  to_sample (next->stream - GAP_MARGIN), "after the words");
}

static gboolean
poll_words_ready (gpointer data)
{
  Run *run = data;
  const char *sound;
  g_auto(GStrv) forms = unknot_cue_scheduler_describe_cue_forms (run->scheduler,
                                                                 UNKNOT_CUE_STEP_START, 0, 0,
                                                                 &sound);

  /* The get-ready words are rendered and the countdown fitted to them; the first step's too. */
  if (unknot_session_get_preparation (run->session) > 3
      && unknot_cue_player_is_speech_ready (run->player, forms[0]))
    {
      g_main_loop_quit (run->loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static Cue *
find_cue (Run           *run,
          UnknotCueKind  kind,
          int            step,
          Cue          **next)
{
  for (guint i = 0; i + 1 < run->cues->len; i++)
    {
      Cue *cue = &g_array_index (run->cues, Cue, i);

      if (cue->kind == kind && cue->step == step)
        {
          *next = &g_array_index (run->cues, Cue, i + 1);
          return cue;
        }
    }
  g_error ("No %s cue for step %d", kind_name (kind), step);
  return NULL;
}

/* Test: ticks and spoken instructions on, as by default; nothing said is cut or overlapped. */
static void
test_words (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("words", "Words");
  g_autoptr(UnknotStep) s0 = make_step (10, UNKNOT_SIDE_NONE, "chime");
  g_autoptr(UnknotStep) s1 = make_step (3, UNKNOT_SIDE_NONE, "chime");
  g_autoptr(UnknotStep) s2 = make_step (16, UNKNOT_SIDE_BOTH, "chime");
  g_autoptr(GArray) samples = NULL;
  g_auto(GStrv) get_ready = NULL;
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) other_side = NULL;
  const char *sound;
  Cue *cue, *next;
  guint timeout;
  Run run;

  require_espeak ();

  unknot_step_set_instructions (s0, "Breathe in, and let your shoulders drop.");
  unknot_step_set_instructions (s1, "Press a little deeper with each breath out, then ease off.");
  unknot_step_set_instructions (s2, "Left hand on the right shoulder.");
  unknot_step_set_second_instructions (s2, "Right hand on the left shoulder.");
  unknot_routine_append_step (routine, s0);
  unknot_routine_append_step (routine, s1);
  unknot_routine_append_step (routine, s2);

  run_init (&run, TRUE, TRUE);
  run_prepare (&run, routine);
  /* A countdown of 3 s, as the bundled Quick reset has: too short for its words. */
  unknot_session_set_preparation (run.session, 3);

  timeout = g_timeout_add_seconds (20, on_too_long, NULL);
  g_timeout_add (10, poll_words_ready, &run);
  g_main_loop_run (run.loop);
  g_source_remove (timeout);
  g_test_message ("countdown lengthened to %u s", unknot_session_get_preparation (run.session));

  get_ready = unknot_cue_scheduler_describe_cue_forms (run.scheduler, UNKNOT_CUE_GET_READY, -1,
                                                       0, &sound);
  first = unknot_cue_scheduler_describe_cue_forms (run.scheduler, UNKNOT_CUE_STEP_START, 0, 0,
                                                   &sound);
  other_side = unknot_cue_scheduler_describe_cue_forms (run.scheduler, UNKNOT_CUE_SWITCH_SIDES, 2,
                                                        UNKNOT_SIDE_RIGHT, &sound);
  /* The longest forms carry the instructions, the right side's its own. */
  g_assert_nonnull (strstr (first[0], "let your shoulders drop"));
  g_assert_nonnull (strstr (other_side[0], "Right hand on the left shoulder"));

  run_routine (&run, MSEC (300));
  samples = read_wav (wav_path);

  cue = find_cue (&run, UNKNOT_CUE_GET_READY, -1, &next);
  g_assert_cmpint (next->kind, ==, UNKNOT_CUE_TICK);
  check_words_fit (samples, cue, FALSE, next, get_ready[0]);

  cue = find_cue (&run, UNKNOT_CUE_STEP_START, 0, &next);
  check_words_fit (samples, cue, TRUE, next, first[0]);

  /* 3 s, its first tick 1 s in: no words fit after the chime, and none are said. */
  cue = find_cue (&run, UNKNOT_CUE_STEP_START, 1, &next);
  g_assert_cmpint (next->kind, ==, UNKNOT_CUE_TICK);
  assert_silence (samples, check_onset (samples, cue, TRUE, -1)
                           + to_sample (cue->length + SOUND_MARGIN),
                  to_sample (next->stream - GAP_MARGIN), "after a short step's chime");

  cue = find_cue (&run, UNKNOT_CUE_SWITCH_SIDES, 2, &next);
  check_words_fit (samples, cue, TRUE, next, other_side[0]);

  run_clear (&run);
}

/* The last sample louder than silence in [@from, @to), or -1. */
static gint64
last_sound_before (GArray *samples,
                   gint64  from,
                   gint64  to)
{
  from = MAX (from, 0);
  to = MIN (to, (gint64) samples->len);
  for (gint64 i = to - 1; i >= from; i--)
    if (ABS ((int) g_array_index (samples, gint16, i)) > THRESHOLD)
      return i;
  return -1;
}

/* TRUE once the player renders nothing: for test_spin_until-like waits. */
static gboolean
rendering_done (UnknotCuePlayer *player)
{
  return !unknot_cue_player_is_rendering (player);
}

/* Test: words rendered late (a loaded machine: here a speech helper that answers 3 s late) are
 * fitted from where they can really start, not from where they were planned: what is said ends
 * before the next cue, and nothing is said over it. Planned after the chime, the long form (the
 * announcement and the instructions, about 5.4 s) would fit the 8 s step; from 3 s in it does
 * not, and a shorter form is said. The real helper's words are rendered first and kept, then
 * served 3 s late: late by 3 s however busy the machine (rendering itself took 4 s in the
 * sanitizer build beside a busy loop, and words that no longer fit are rightly not said at all:
 * the test failed there). */
static void
test_late_words (void)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("late", "Late");
  g_autoptr(UnknotStep) step = make_step (8, UNKNOT_SIDE_NONE, "chime");
  g_autoptr(GArray) samples = NULL;
  g_autofree char *cache = make_temp_dir ();
  g_autofree char *wrapper = g_build_filename (cache, "unknot-speech", NULL);
  g_autofree char *late = g_build_filename (cache, "late", NULL);
  g_autofree char *script = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  Cue *cue, *next;
  gint64 words_end;
  Run run;

  require_espeak ();
  g_assert_nonnull (saved);

  /* The real helper, its answer kept by voice and words; 3 s late once "late" exists. */
  script = g_strdup_printf ("#!/bin/sh\n"
                            "in='%s/in.'$$\n"
                            "cat > \"$in\"\n"
                            "key=$( { printf '%%s\\n' \"$*\"; cat \"$in\"; } | md5sum | cut -c1-32)\n"
                            "out='%s/words.'\"$key\"\n"
                            "[ -e '%s' ] && sleep 3\n"
                            "[ -e \"$out\" ] || { '%s' \"$@\" < \"$in\" > \"$out.part\" && "
                            "mv \"$out.part\" \"$out\"; }\n"
                            "rm -f \"$in\"\n"
                            "exec cat \"$out\"\n", cache, cache, late, saved);
  g_assert_true (g_file_set_contents (wrapper, script, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (wrapper, 0700), ==, 0);
  g_setenv ("UNKNOT_SPEECH_HELPER", wrapper, TRUE);

  unknot_step_set_instructions (step, "Breathe in, and let your shoulders drop.");
  unknot_routine_append_step (routine, step);

  /* First the words the routine asks for, rendered and kept, however long that takes. */
  run_init (&run, TRUE, FALSE);
  run_prepare (&run, routine);
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!rendering_done (run.player) && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
  g_assert_true (rendering_done (run.player));
  run_clear (&run);
  g_assert_true (g_file_set_contents (late, "", 0, &error));
  g_assert_no_error (error);

  run_init (&run, TRUE, FALSE);
  run_prepare (&run, routine);
  /* Started at once: no words are rendered yet. */
  run_routine (&run, MSEC (300));
  samples = read_wav (wav_path);
  g_setenv ("UNKNOT_SPEECH_HELPER", saved, TRUE);
  remove_temp_dir (cache);

  cue = find_cue (&run, UNKNOT_CUE_STEP_START, 0, &next);
  /* The next cue heard: the finish (ticks are off, so the session's tick cues are silent). */
  next = &g_array_index (run.cues, Cue, run.cues->len - 1);
  g_assert_cmpint (next->kind, ==, UNKNOT_CUE_FINISH);
  check_onset (samples, cue, FALSE, -1);
  words_end = last_sound_before (samples, to_sample (cue->stream + MSEC (1000)),
                                 to_sample (next->stream - GAP_MARGIN));
  g_test_message ("sound after the chime until %.3f s; the finish cue at %.3f s",
                  words_end / (double) UNKNOT_CUE_RATE,
                  next->stream / (double) G_USEC_PER_SEC);
  /* Words were said, after the helper's 3 s... */
  g_assert_cmpint (words_end, >, to_sample (cue->stream + MSEC (3000)));
  /* ...and they ended 0.1 s before the next cue (what the player keeps free), not over it. */
  g_assert_cmpint (words_end, <=, to_sample (next->stream - MSEC (90)));
  assert_silence (samples, words_end + 1, to_sample (next->stream - GAP_MARGIN),
                  "between the late words and the next cue");
  run_clear (&run);
}

static void
on_scheduler_error (UnknotCueScheduler *scheduler,
                    GError             *error,
                    GPtrArray          *messages)
{
  g_test_message ("scheduler error: %s", error->message);
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED);
  g_ptr_array_add (messages, g_strdup (error->message));
}

/* Test: two steps use a sound file that is missing, a third one that is no sound at all. Each is
 * said once, naming the step and the file, and every one of those steps is heard with the chime
 * on its boundary. */
static void
test_unreadable_sound (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *json = g_build_filename (dir, "routine.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.ogg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("own-sounds", "Own sounds");
  g_autoptr(UnknotStep) s0 = make_step (2, UNKNOT_SIDE_NONE, "gong.ogg");
  g_autoptr(UnknotStep) s1 = make_step (2, UNKNOT_SIDE_NONE, "gong.ogg");
  g_autoptr(UnknotStep) s2 = make_step (2, UNKNOT_SIDE_NONE, "broken.ogg");
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) samples = NULL;
  g_autoptr(GError) error = NULL;
  Run run;
  guint n_steps = 0;

  g_file_set_contents (broken, "not a sound", -1, &error);
  g_assert_no_error (error);
  unknot_routine_append_step (routine, s0);
  unknot_routine_append_step (routine, s1);
  unknot_routine_append_step (routine, s2);
  unknot_routine_set_file (routine, file);   /* its own sounds are looked for beside it */

  run_init (&run, FALSE, FALSE);
  g_signal_connect (run.scheduler, "error", G_CALLBACK (on_scheduler_error), messages);
  /* Logged once each too, as a message (never a warning: it is the person's file). */
  g_test_expect_message ("unknot-media", G_LOG_LEVEL_MESSAGE, "Step 1: the sound “gong.ogg”*");
  g_test_expect_message ("unknot-media", G_LOG_LEVEL_MESSAGE, "Step 3: the sound “broken.ogg”*");
  run_prepare (&run, routine);
  run_routine (&run, MSEC (2000));   /* the finish sound is 1.6 s */
  g_test_assert_expected_messages ();

  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_true (g_str_has_prefix (messages->pdata[0], "Step 1: the sound “gong.ogg” could not be "
                                                       "played: "));
  g_assert_true (g_str_has_suffix (messages->pdata[0], "; the chime plays instead"));
  g_assert_true (g_str_has_prefix (messages->pdata[1], "Step 3: the sound “broken.ogg” could not "
                                                       "be played: "));

  /* The chime on each step's boundary, and silence between. */
  for (guint i = 0; i < run.cues->len; i++)
    {
      Cue *cue = &g_array_index (run.cues, Cue, i);

      if (cue->kind == UNKNOT_CUE_STEP_START)
        {
          g_assert_cmpstr (cue->sound, ==, "chime");
          n_steps++;
        }
    }
  g_assert_cmpuint (n_steps, ==, 3);
  samples = read_wav (wav_path);
  check_cues_heard (run.cues, samples);

  run_clear (&run);
  remove_temp_dir (dir);
}

/* Test: closing */

typedef struct {
  GMainLoop *loop;
  guint      tag;          /* the cue waited for */
  gint64     at;           /* monotonic time its first sample is played */
  guint      n_closing;    /* notifications of "closing" */
} Closing;

static void
on_cue_started (UnknotCuePlayer *player,
                guint            tag,
                gint64           at,
                Closing         *c)
{
  if (tag == c->tag)
    {
      c->at = at;
      g_main_loop_quit (c->loop);
    }
}

static void
on_closing (UnknotCuePlayer *player,
            GParamSpec      *pspec,
            Closing         *c)
{
  c->n_closing++;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Plays @sound at once and returns @before_end microseconds before its last sample is played
 * (so the output still holds the end of it); returns where it starts in the stream. */
static gint64
play_until_end (UnknotCuePlayer *player,
                Closing         *c,
                GBytes          *sound,
                gint64           before_end)
{
  gint64 length = (gint64) g_bytes_get_size (sound) / 2 * G_USEC_PER_SEC / RATE;
  guint timeout = g_timeout_add_seconds (5, on_too_long, NULL);
  gint64 wait;

  c->at = -1;
  c->tag = unknot_cue_player_play (player, sound, NULL, 0);
  g_main_loop_run (c->loop);
  g_assert_cmpint (c->at, >, 0);

  wait = c->at + length - before_end - g_get_monotonic_time ();
  g_timeout_add (MAX (wait, 0) / 1000, quit_loop, c->loop);
  g_main_loop_run (c->loop);
  g_source_remove (timeout);
  return unknot_cue_player_get_stream_time (player, c->at);
}

/* @sound is in @samples whole, at @at (microseconds into the stream), as the player mixed it. */
static void
assert_heard_whole (GArray     *samples,
                    GBytes     *sound,
                    gint64      at,
                    double      volume,
                    const char *what)
{
  gsize n_bytes;
  const gint16 *pcm = g_bytes_get_data (sound, &n_bytes);
  gint64 n = (gint64) n_bytes / 2;
  gint64 attack = 0, onset, start;

  while (attack < n && ABS ((int) (pcm[attack] * volume)) <= THRESHOLD)
    attack++;
  onset = find_onset (samples, to_sample (at) - to_sample (SEARCH_BEFORE),
                      to_sample (at) + to_sample (MSEC (20)) + attack);
  if (onset < 0)
    g_error ("No sound for the %s at %.3f s", what, at / (double) G_USEC_PER_SEC);
  start = onset - attack;
  g_test_message ("%s: %.3f s into the recording, %.1f ms from where it was placed; the "
                  "recording is %.3f s", what, start / (double) RATE, to_msec (start - to_sample (at)),
                  samples->len / (double) RATE);

  /* To its last sample: the end of the stream that close asked for came after all of it. */
  if (start + n > (gint64) samples->len)
    g_error ("The %s is cut: the recording ends %.1f ms into it, of %.1f ms", what,
             to_msec (samples->len - start), to_msec (n));
  for (gint64 i = 0; i < n; i++)
    {
      int expected = CLAMP ((int) (pcm[i] * volume), G_MININT16, G_MAXINT16);
      int got = g_array_index (samples, gint16, start + i);

      if (ABS (got - expected) > 1)
        g_error ("The %s differs from its sound at %.2f ms of %.1f: %d for %d", what,
                 to_msec (i), to_msec (n), got, expected);
    }
  assert_silence (samples, start + n, samples->len, what);
}

/* Test D: close asks for the end of the stream and returns; the output plays out and stops on
 * the main context, with the last cue whole. Open right after close plays the next cue. A player
 * dropped while closing leaves nothing behind (the sanitizer build checks). */
static void
test_close (void)
{
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bell = unknot_cue_player_get_sound (player, "bell", NULL, &error);
  g_autoptr(GBytes) wood = unknot_cue_player_get_sound (player, "wood", NULL, &error);
  g_autoptr(GBytes) tick = unknot_cue_player_get_sound (player, "tick", NULL, &error);
  g_autoptr(GArray) samples = NULL;
  double volume = unknot_cue_player_get_volume (player);
  Closing c = { loop, 0, -1, 0 };
  gboolean iterated = FALSE;
  gint64 at, before, took;
  guint idle;

  g_assert_no_error (error);
  g_signal_connect (player, "cue-started", G_CALLBACK (on_cue_started), &c);
  g_signal_connect (player, "notify::closing", G_CALLBACK (on_closing), &c);

  /* Closed 5 ms before the bell's end: the output still holds the last of it then. */
  g_assert_true (unknot_cue_player_open (player, &error));
  g_assert_no_error (error);
  at = play_until_end (player, &c, bell, MSEC (5));
  idle = g_idle_add (set_flag, &iterated);
  before = g_get_monotonic_time ();
  unknot_cue_player_close (player);
  took = g_get_monotonic_time () - before;
  g_test_message ("close returned after %.2f ms", took / 1000.0);
  /* Closed, and still playing out: close neither waited for the end of the stream nor ran the
   * main context. */
  g_assert_false (unknot_cue_player_is_open (player));
  g_assert_true (unknot_cue_player_is_closing (player));
  g_assert_false (iterated);
  g_assert_cmpuint (c.n_closing, ==, 1);
  g_source_remove (idle);
  while (unknot_cue_player_is_closing (player))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (c.n_closing, ==, 2);
  samples = read_wav (wav_path);
  assert_heard_whole (samples, bell, at, volume, "bell played up to the close");
  g_clear_pointer (&samples, g_array_unref);

  /* Again, pressed as the last routine's output closes: the next one is heard. */
  g_assert_true (unknot_cue_player_open (player, &error));
  g_assert_no_error (error);
  play_until_end (player, &c, tick, 0);
  unknot_cue_player_close (player);
  g_assert_true (unknot_cue_player_is_closing (player));
  g_assert_true (unknot_cue_player_open (player, &error));
  g_assert_no_error (error);
  g_assert_true (unknot_cue_player_is_open (player));
  g_assert_false (unknot_cue_player_is_closing (player));
  at = play_until_end (player, &c, wood, MSEC (5));
  close_and_wait (player);
  samples = read_wav (wav_path);
  assert_heard_whole (samples, wood, at, volume, "first cue after opening again");

  /* Dropped while closing: its output stops with it, and none of its sources fire later. */
  g_assert_true (unknot_cue_player_open (player, &error));
  g_assert_no_error (error);
  play_until_end (player, &c, tick, 0);
  unknot_cue_player_close (player);
  g_assert_true (unknot_cue_player_is_closing (player));
  g_clear_object (&player);
  g_timeout_add (2500, quit_loop, loop);
  g_main_loop_run (loop);
}

static void
count_cue (UnknotSession *session,
           UnknotCueKind  kind,
           int            step,
           guint          value,
           gint64         due,
           guint         *n_cues)
{
  (*n_cues)++;
}

static void
quit_on_finish (UnknotSession *session,
                GParamSpec    *pspec,
                GMainLoop     *loop)
{
  if (unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED)
    g_main_loop_quit (loop);
}

static void
count_error (UnknotCuePlayer *player,
             GError          *error,
             guint           *n_errors)
{
  g_test_message ("player error: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Cues are silent"));
  (*n_errors)++;
}

/* A routine of two 1 s steps runs to its finish on time, cued through @scheduler. */
static void
assert_routine_runs (UnknotCueScheduler *scheduler)
{
  g_autoptr(UnknotRoutine) routine = unknot_routine_new ("broken", "Broken");
  g_autoptr(UnknotStep) s0 = make_step (1, UNKNOT_SIDE_NONE, "chime");
  g_autoptr(UnknotStep) s1 = make_step (1, UNKNOT_SIDE_NONE, "wood");
  g_autoptr(UnknotSession) session = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint n_cues = 0, timeout;
  gint64 started, took;

  unknot_routine_append_step (routine, s0);
  unknot_routine_append_step (routine, s1);
  session = unknot_session_new (routine, unknot_clock_get_system ());
  unknot_session_set_preparation (session, 0);
  g_signal_connect (session, "cue", G_CALLBACK (count_cue), &n_cues);
  g_signal_connect (session, "notify::state", G_CALLBACK (quit_on_finish), loop);
  unknot_cue_scheduler_set_session (scheduler, session);

  timeout = g_timeout_add_seconds (5, on_too_long, NULL);
  started = g_get_monotonic_time ();
  unknot_session_start (session);
  g_main_loop_run (loop);
  took = g_get_monotonic_time () - started;
  g_source_remove (timeout);

  /* Two step starts and the finish (a 1 s step has no tick: its last second is all of it). */
  g_test_message ("routine finished after %.1f ms", took / 1000.0);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_cues, ==, 3);
  g_assert_cmpint (took, >=, 2 * G_USEC_PER_SEC);
  /* On time: nothing waited for the sound output (a loaded machine may wake up a little late). */
  g_assert_cmpint (took, <, 2 * G_USEC_PER_SEC + MSEC (500));

  unknot_cue_scheduler_set_session (scheduler, NULL);
}

/* Test C: an output that cannot be made is a clear error, one that fails while playing is said
 * once, and either way the routine runs on to its finish. */
static void
test_broken_output (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing_dir = g_build_filename (dir, "no", "such", "dir", "x.wav", NULL);
  g_autofree char *unwritable = g_strdup_printf ("wavenc ! filesink location=\"%s\"",
                                                 missing_dir);
  const char *sinks[] = { "nosuchelement", "wavenc ! nosuchelement", unwritable };
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();
  g_autoptr(UnknotCueScheduler) scheduler = unknot_cue_scheduler_new (player, NULL);
  g_autoptr(GError) error = NULL;
  guint n_errors = 0;

  g_signal_connect (player, "error", G_CALLBACK (count_error), &n_errors);

  for (guint i = 0; i < G_N_ELEMENTS (sinks); i++)
    {
      g_autoptr(GError) open_error = NULL;

      g_setenv ("UNKNOT_AUDIO_SINK", sinks[i], TRUE);
      g_assert_false (unknot_cue_player_open (player, &open_error));
      g_assert_nonnull (open_error);
      g_test_message ("UNKNOT_AUDIO_SINK=%s: %s", sinks[i], open_error->message);
      /* Said in words a person can act on, naming what went wrong. */
      g_assert_true (g_str_has_prefix (open_error->message, "Cues are silent"));
      if (i < 2)
        g_assert_nonnull (strstr (open_error->message, "nosuchelement"));
      g_assert_false (unknot_cue_player_is_open (player));
    }
  /* open() said it; nothing more is signalled. */
  g_assert_cmpuint (n_errors, ==, 0);
  assert_routine_runs (scheduler);

  /* An output that breaks a third of a second in (as an unplugged device would): the player
   * closes it and says so once, with a message in the log and its "error" signal. */
  g_setenv ("UNKNOT_AUDIO_SINK", "identity error-after=30 ! fakesink sync=true", TRUE);
  g_assert_true (unknot_cue_player_open (player, &error));
  g_assert_no_error (error);
  g_test_expect_message ("unknot-media", G_LOG_LEVEL_MESSAGE,
                         "Cues are silent: the sound output failed*");
  assert_routine_runs (scheduler);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (n_errors, ==, 1);
  g_assert_false (unknot_cue_player_is_open (player));

  remove_temp_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  wav_dir = make_temp_dir ();
  wav_path = g_build_filename (wav_dir, "cues.wav", NULL);
  record_to_wav (wav_path);

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/cues-wav/boundaries", test_boundaries);
  g_test_add_func ("/cues-wav/long-silence", test_long_silence);
  g_test_add_func ("/cues-wav/speech", test_speech);
  g_test_add_func ("/cues-wav/words", test_words);
  g_test_add_func ("/cues-wav/late-words", test_late_words);
  g_test_add_func ("/cues-wav/unreadable-sound", test_unreadable_sound);
  g_test_add_func ("/cues-wav/close", test_close);
  /* Last: it changes UNKNOT_AUDIO_SINK. */
  g_test_add_func ("/cues-wav/broken-output", test_broken_output);

  status = g_test_run ();
  remove_temp_dir (wav_dir);
  g_free (wav_path);
  g_free (wav_dir);
  return status;
}
