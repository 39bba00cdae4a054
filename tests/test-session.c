/* test-session.c: the routine clock, checked to the microsecond on a fake clock
 *
 * Every test drives an UnknotSession on UnknotFakeClock (one on a clock that wakes up late, one on
 * the system clock) and records what a user would hear and see: each "cue" with the clock's time
 * at emission, and each change of the displayed properties. Expected times are computed here from
 * the step durations, not asked of the session.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "unknot-session.h"

#define SEC(s)   ((gint64) (s) * G_USEC_PER_SEC)
#define MSEC(ms) ((gint64) (ms) * 1000)

/* An arbitrary, large start for the fake clock, so nothing passes by assuming time starts at 0. */
#define T0 (SEC (86400) + 123)

/* A clock that can wake up late, as a main loop blocked for a while would. */

#define TEST_TYPE_LATE_CLOCK (test_late_clock_get_type ())
G_DECLARE_FINAL_TYPE (TestLateClock, test_late_clock, TEST, LATE_CLOCK, UnknotClock)

typedef struct {
  guint           id;
  gint64          deadline;
  UnknotClockFunc func;
  gpointer        user_data;
} Wakeup;

struct _TestLateClock
{
  UnknotClock  parent_instance;
  gint64       now;
  guint        last_id;
  GArray      *pending;   /* of Wakeup */
};

G_DEFINE_FINAL_TYPE (TestLateClock, test_late_clock, UNKNOT_TYPE_CLOCK)

static gint64
late_now (UnknotClock *clock)
{
  return TEST_LATE_CLOCK (clock)->now;
}

static guint
late_schedule (UnknotClock     *clock,
               gint64           deadline,
               UnknotClockFunc  func,
               gpointer         user_data)
{
  TestLateClock *self = TEST_LATE_CLOCK (clock);
  Wakeup w = { ++self->last_id, deadline, func, user_data };

  g_array_append_val (self->pending, w);
  return w.id;
}

static void
late_cancel (UnknotClock *clock,
             guint        id)
{
  TestLateClock *self = TEST_LATE_CLOCK (clock);

  for (guint i = 0; i < self->pending->len; i++)
    if (g_array_index (self->pending, Wakeup, i).id == id)
      {
        g_array_remove_index (self->pending, i);
        return;
      }
}

static void
test_late_clock_finalize (GObject *object)
{
  g_array_unref (TEST_LATE_CLOCK (object)->pending);
  G_OBJECT_CLASS (test_late_clock_parent_class)->finalize (object);
}

static void
test_late_clock_class_init (TestLateClockClass *klass)
{
  UnknotClockClass *clock_class = UNKNOT_CLOCK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = test_late_clock_finalize;
  clock_class->now = late_now;
  clock_class->schedule = late_schedule;
  clock_class->cancel = late_cancel;
}

static void
test_late_clock_init (TestLateClock *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (Wakeup));
}

static gint
late_earliest (TestLateClock *self,
               gint64         until)
{
  gint best = -1;

  for (guint i = 0; i < self->pending->len; i++)
    {
      gint64 deadline = g_array_index (self->pending, Wakeup, i).deadline;

      if (deadline <= until
          && (best < 0 || deadline < g_array_index (self->pending, Wakeup, best).deadline))
        best = i;
    }
  return best;
}

/* Moves time on by @usec; on time, every wake-up runs at its deadline; late, all run at the end. */
static void
late_clock_advance (TestLateClock *self,
                    gint64         usec,
                    gboolean       late)
{
  gint64 until = self->now + usec;
  gint i;

  if (late)
    self->now = until;

  while ((i = late_earliest (self, until)) >= 0)
    {
      Wakeup w = g_array_index (self->pending, Wakeup, i);

      g_array_remove_index (self->pending, i);
      self->now = MAX (self->now, w.deadline);
      w.func (w.user_data);
    }
  self->now = until;
}

static gint64
late_clock_next_wakeup (TestLateClock *self)
{
  gint i = late_earliest (self, G_MAXINT64);

  return i < 0 ? -1 : g_array_index (self->pending, Wakeup, i).deadline;
}

/* The fixture: a routine, a session on a clock, and everything the session said. */

typedef struct {
  UnknotCueKind      kind;
  int                step;
  guint              value;
  gint64             due;
  gint64             now;      /* the clock at emission */
  gint64             origin;   /* where the test expects position 0 on the clock, at emission */
  UnknotSide         side;
  UnknotSessionState state;
  int                step_index;
} Cue;

typedef struct {
  const char *name;            /* interned property name */
  gint64      now;
  gint64      origin;
  gint64      value;
} Change;

typedef struct {
  UnknotClock     *clock;
  UnknotFakeClock *fake;       /* NULL unless the clock is a fake one */
  UnknotRoutine   *routine;
  UnknotSession   *session;
  GArray          *cues;       /* of Cue */
  GArray          *changes;    /* of Change */
  gint64           origin;     /* the test's model: clock time of position 0 while running */
  guint            expected_wakeups;
} Fixture;

static const char *
cue_name (UnknotCueKind kind)
{
  switch (kind)
    {
    case UNKNOT_CUE_GET_READY:
      return "get-ready";
    case UNKNOT_CUE_STEP_START:
      return "step-start";
    case UNKNOT_CUE_SWITCH_SIDES:
      return "switch-sides";
    case UNKNOT_CUE_TICK:
      return "tick";
    case UNKNOT_CUE_FINISH:
      return "finish";
    case UNKNOT_CUE_HOLD:
      return "hold";
    default:
      g_assert_not_reached ();
    }
}

static void
on_cue (UnknotSession *session,
        guint          kind,
        int            step,
        guint          value,
        gint64         due,
        gpointer       user_data)
{
  Fixture *fx = user_data;
  Cue cue = {
    kind, step, value, due, unknot_clock_now (fx->clock), fx->origin,
    unknot_session_get_side (session), unknot_session_get_state (session),
    unknot_session_get_step_index (session),
  };

  g_array_append_val (fx->cues, cue);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  Fixture *fx = user_data;
  Change change = { g_intern_string (pspec->name), unknot_clock_now (fx->clock), fx->origin, 0 };

  if (pspec->value_type == G_TYPE_INT)
    {
      int value;

      g_object_get (object, pspec->name, &value, NULL);
      change.value = value;
    }
  else
    {
      guint value;

      g_object_get (object, pspec->name, &value, NULL);
      change.value = value;
    }
  g_array_append_val (fx->changes, change);
}

/* A routine from a compact description: durations in seconds, "b", "l" or "r" for the side. */
static UnknotRoutine *
routine_from_spec (guint       preparation,
                   const char *spec)
{
  UnknotRoutine *routine = unknot_routine_new ("test", "Test");
  g_auto(GStrv) tokens = g_strsplit (spec, " ", -1);

  unknot_routine_set_preparation (routine, preparation);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_autoptr(UnknotStep) step = unknot_step_new ();
      char *end;
      guint64 seconds = g_ascii_strtoull (tokens[i], &end, 10);

      g_assert_true (end != tokens[i]);
      unknot_step_set_duration (step, seconds);
      unknot_step_set_technique (step, "sustained-pressure");
      if (*end == 'h')   /* "hold": waits before it */
        {
          unknot_step_set_hold (step, TRUE);
          end++;
        }
      if (*end == 'b')
        unknot_step_set_side (step, UNKNOT_SIDE_BOTH);
      else if (*end == 'l')
        unknot_step_set_side (step, UNKNOT_SIDE_LEFT);
      else if (*end == 'r')
        unknot_step_set_side (step, UNKNOT_SIDE_RIGHT);
      else
        g_assert_cmpint (*end, ==, '\0');
      unknot_routine_append_step (routine, step);
    }

  return routine;
}

static Fixture *
fixture_new_on (UnknotClock *clock,
                guint        preparation,
                const char  *spec)
{
  Fixture *fx = g_new0 (Fixture, 1);

  fx->clock = clock;
  fx->fake = UNKNOT_IS_FAKE_CLOCK (clock) ? UNKNOT_FAKE_CLOCK (clock) : NULL;
  fx->routine = routine_from_spec (preparation, spec);
  fx->session = unknot_session_new (fx->routine, fx->clock);
  fx->cues = g_array_new (FALSE, FALSE, sizeof (Cue));
  fx->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  fx->origin = unknot_clock_now (clock);

  g_signal_connect (fx->session, "cue", G_CALLBACK (on_cue), fx);
  g_signal_connect (fx->session, "notify", G_CALLBACK (on_notify), fx);

  return fx;
}

static Fixture *
fixture_new (guint       preparation,
             const char *spec)
{
  return fixture_new_on (unknot_fake_clock_new (T0), preparation, spec);
}

static void
fixture_free (Fixture *fx)
{
  g_object_unref (fx->session);
  g_object_unref (fx->routine);
  g_object_unref (fx->clock);
  g_array_unref (fx->cues);
  g_array_unref (fx->changes);
  g_free (fx);
}

static gint64
now (Fixture *fx)
{
  return unknot_clock_now (fx->clock);
}

static gint64
pos (Fixture *fx)
{
  return unknot_session_get_position (fx->session);
}

static void
advance (Fixture *fx,
         gint64   usec)
{
  unknot_fake_clock_advance (fx->fake, usec);
}

static gboolean
is_active (Fixture *fx)
{
  UnknotSessionState state = unknot_session_get_state (fx->session);

  return state == UNKNOT_SESSION_RUNNING || state == UNKNOT_SESSION_PREPARING;
}

static guint
n_pending (Fixture *fx)
{
  return unknot_fake_clock_get_n_pending (fx->fake);
}

static void
start (Fixture *fx)
{
  fx->origin = now (fx);
  unknot_session_start (fx->session);
}

/* Lets the running routine reach position @target; it must not pass a boundary by itself. */
static void
run_to (Fixture *fx,
        gint64   target)
{
  gint64 from = now (fx) - fx->origin;

  g_assert_true (is_active (fx));
  g_assert_cmpint (target, >=, from);

  advance (fx, target - from);
  g_assert_cmpint (pos (fx), ==, target);
  /* One wake-up for each whole second the position passes, nothing more. */
  fx->expected_wakeups += target / G_USEC_PER_SEC - from / G_USEC_PER_SEC;
}

/* Pauses for @usec: nothing moves, nothing is scheduled, the paused time grows by exactly @usec. */
static void
pause_for (Fixture *fx,
           gint64   usec)
{
  UnknotSessionState state = unknot_session_get_state (fx->session);
  gint64 position = pos (fx);
  gint64 paused = unknot_session_get_paused_time (fx->session);
  guint step_remaining = unknot_session_get_step_remaining (fx->session);
  guint total_remaining = unknot_session_get_total_remaining (fx->session);
  guint n_cues = fx->cues->len;
  guint n_wakeups = unknot_fake_clock_get_n_wakeups (fx->fake);

  unknot_session_pause (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpuint (n_pending (fx), ==, 0);

  advance (fx, usec);
  g_assert_cmpint (pos (fx), ==, position);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, paused + usec);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, step_remaining);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, total_remaining);
  g_assert_cmpuint (fx->cues->len, ==, n_cues);
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, n_wakeups);

  fx->origin += usec;
  unknot_session_resume (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, state);
  g_assert_cmpint (pos (fx), ==, position);
  g_assert_cmpuint (fx->cues->len, ==, n_cues);
}

/* Calls next or previous, which must land on position @target, cued now. */
static void
move (Fixture *fx,
      void   (*func) (UnknotSession *),
      gint64   target)
{
  gint64 then = now (fx);
  guint n_cues = fx->cues->len;
  const Cue *cue;

  fx->origin = then - target;
  func (fx->session);

  g_assert_cmpint (pos (fx), ==, target);
  g_assert_cmpuint (fx->cues->len, ==, n_cues + 1);
  cue = &g_array_index (fx->cues, Cue, n_cues);
  g_assert_cmpint (cue->due, ==, then);
}

/* The cues from @from on, one a line: kind, step, value, @position (and due@position if late). */
static char *
cues_to_string (Fixture *fx,
                guint    from)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < fx->cues->len; i++)
    {
      const Cue *cue = &g_array_index (fx->cues, Cue, i);
      gint64 at = cue->now - cue->origin;

      g_string_append_printf (s, "%s %d %u @%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT,
                              cue_name (cue->kind), cue->step, cue->value,
                              at / G_USEC_PER_SEC, at % G_USEC_PER_SEC);
      if (cue->due != cue->now)
        {
          gint64 due = cue->due - cue->origin;

          g_string_append_printf (s, " due@%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT,
                                  due / G_USEC_PER_SEC, due % G_USEC_PER_SEC);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

static void
assert_cues (Fixture    *fx,
             guint       from,
             const char *expected)
{
  g_autofree char *got = cues_to_string (fx, from);

  g_assert_cmpstr (got, ==, expected);
}

/* The changes of property @name from @from on, "value@position". */
static char *
changes_to_string (Fixture    *fx,
                   guint       from,
                   const char *name)
{
  GString *s = g_string_new (NULL);

  name = g_intern_string (name);
  for (guint i = from; i < fx->changes->len; i++)
    {
      const Change *c = &g_array_index (fx->changes, Change, i);
      gint64 at = c->now - c->origin;

      if (c->name != name)
        continue;
      g_string_append_printf (s, "%s%" G_GINT64_FORMAT "@%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT,
                              s->len ? " " : "", c->value,
                              at / G_USEC_PER_SEC, at % G_USEC_PER_SEC);
    }
  return g_string_free (s, FALSE);
}

static guint
count_changes (Fixture    *fx,
               guint       from,
               const char *name)
{
  guint n = 0;

  name = g_intern_string (name);
  for (guint i = from; i < fx->changes->len; i++)
    n += g_array_index (fx->changes, Change, i).name == name;
  return n;
}

/* 30 steps of 60 s, a third of them "both", after a 5 s countdown: 30:05 in all. */

#define LONG_PREP SEC (5)

static gint64
long_start (int step)
{
  return LONG_PREP + SEC (60) * step;
}

/* Where on the timeline @cue belongs, from the durations alone. */
static gint64
long_boundary (const Cue *cue)
{
  switch (cue->kind)
    {
    case UNKNOT_CUE_GET_READY:
      return 0;
    case UNKNOT_CUE_STEP_START:
      return long_start (cue->step);
    case UNKNOT_CUE_SWITCH_SIDES:
      return long_start (cue->step) + SEC (30);
    case UNKNOT_CUE_TICK:
      return (cue->step < 0 ? LONG_PREP : long_start (cue->step + 1)) - SEC (cue->value);
    case UNKNOT_CUE_FINISH:
      return long_start (30);
    default:
      g_assert_not_reached ();
    }
}

static char *
long_spec (void)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (s, "%s60%s", i ? " " : "",
                            i % 3 == 1 ? "b" : i % 6 == 0 ? "" : i % 6 == 2 ? "l" : "r");
  return g_string_free (s, FALSE);
}

static void
test_thirty_minutes (void)
{
  g_autofree char *spec = long_spec ();
  gint64 wall = g_get_monotonic_time ();
  Fixture *fx = fixture_new (5, spec);
  GString *starts = g_string_new (NULL);
  GString *switches = g_string_new (NULL);
  guint n_ticks = 0, n_finish = 0;

  g_assert_cmpint (unknot_session_get_duration (fx->session), ==, SEC (30 * 60 + 5));

  start (fx);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PREPARING);

  run_to (fx, MSEC (2500));
  pause_for (fx, MSEC (7300));                          /* in the countdown */
  run_to (fx, long_start (2) + MSEC (20250));
  pause_for (fx, MSEC (61700));
  run_to (fx, long_start (2) + MSEC (30250));
  move (fx, unknot_session_next, long_start (3));      /* skips 29.75 s */
  run_to (fx, long_start (4) + SEC (10));
  move (fx, unknot_session_previous, long_start (4));  /* 10 s in: restarts step 4 */
  run_to (fx, long_start (4) + MSEC (1500));
  move (fx, unknot_session_previous, long_start (3));  /* 1.5 s in: back to step 3 */
  run_to (fx, long_start (3) + SEC (2));
  move (fx, unknot_session_previous, long_start (2));  /* 2 s in: back to step 2 */
  run_to (fx, long_start (7) + SEC (40));              /* the right half of step 7 */
  move (fx, unknot_session_next, long_start (8));      /* skips 20 s */
  run_to (fx, long_start (10) + SEC (12) + 345678);
  pause_for (fx, SEC (3600));                           /* an hour, in a left half */
  run_to (fx, long_start (18) - 1);
  pause_for (fx, MSEC (4400));                          /* 1 µs before a boundary */
  run_to (fx, long_start (22) + SEC (30));             /* just switched sides */
  pause_for (fx, MSEC (9900));
  run_to (fx, long_start (29) + SEC (57));             /* just ticked "3" */
  pause_for (fx, MSEC (2200));
  run_to (fx, long_start (30));

  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);

  /* Every cue at its boundary to the microsecond: start + offset + paused time, moved by skips. */
  for (guint i = 0; i < fx->cues->len; i++)
    {
      const Cue *cue = &g_array_index (fx->cues, Cue, i);

      if (cue->now != cue->origin + long_boundary (cue) || cue->due != cue->now)
        {
          g_autofree char *all = cues_to_string (fx, 0);

          g_test_message ("cues:\n%s", all);
          g_error ("cue %u (%s %d %u) at %" G_GINT64_FORMAT ", due %" G_GINT64_FORMAT
                   ", expected %" G_GINT64_FORMAT, i, cue_name (cue->kind), cue->step,
                   cue->value, cue->now, cue->due, cue->origin + long_boundary (cue));
        }

      switch (cue->kind)
        {
        case UNKNOT_CUE_STEP_START:
          g_string_append_printf (starts, "%s%d", starts->len ? " " : "", cue->step);
          g_assert_cmpint (cue->step_index, ==, cue->step);
          g_assert_cmpuint (cue->state, ==, UNKNOT_SESSION_RUNNING);
          g_assert_cmpuint (cue->side, ==, cue->step % 3 == 1 ? UNKNOT_SIDE_LEFT
                                           : cue->step % 6 == 0 ? UNKNOT_SIDE_NONE
                                           : cue->step % 6 == 2 ? UNKNOT_SIDE_LEFT
                                           : UNKNOT_SIDE_RIGHT);
          break;
        case UNKNOT_CUE_SWITCH_SIDES:
          g_string_append_printf (switches, "%s%d", switches->len ? " " : "", cue->step);
          g_assert_cmpuint (cue->value, ==, UNKNOT_SIDE_RIGHT);
          g_assert_cmpuint (cue->side, ==, UNKNOT_SIDE_RIGHT);
          break;
        case UNKNOT_CUE_TICK:
          n_ticks++;
          break;
        case UNKNOT_CUE_FINISH:
          n_finish++;
          g_assert_cmpuint (i, ==, fx->cues->len - 1);
          break;
        case UNKNOT_CUE_GET_READY:
        default:
          g_assert_cmpuint (i, ==, 0);
          break;
        }
    }

  g_assert_cmpstr (starts->str, ==,
                   "0 1 2 3 4 4 3 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 "
                   "25 26 27 28 29");
  g_assert_cmpstr (switches->str, ==, "1 4 7 10 13 16 19 22 25 28");
  /* Three ticks before each of the 31 ends reached without a skip (the countdown's included). */
  g_assert_cmpuint (n_ticks, ==, 93);
  g_assert_cmpuint (n_finish, ==, 1);

  /* 1805 s of routine + 3685.5 s paused - 29.75 - 20 s skipped + 10 + 61.5 + 62 s gone back. */
  g_assert_cmpint (g_array_index (fx->cues, Cue, fx->cues->len - 1).now, ==,
                   T0 + SEC (5574) + MSEC (250));
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (3685) + MSEC (500));
  g_assert_cmpuint (unknot_session_get_n_skipped (fx->session), ==, 2);
  g_assert_cmpint (pos (fx), ==, SEC (1805));
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 0);

  /* One wake-up per second of running (1888.75 s), none while paused. */
  g_assert_cmpuint (fx->expected_wakeups, ==, 1888);
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, fx->expected_wakeups);

  wall = g_get_monotonic_time () - wall;
  g_test_message ("30:05 routine, 1:01:25 paused: %u cues, %u wake-ups in %.3f ms",
                  fx->cues->len, unknot_fake_clock_get_n_wakeups (fx->fake), wall / 1000.0);

  g_string_free (starts, TRUE);
  g_string_free (switches, TRUE);
  fixture_free (fx);
}

/* Wake-ups: one per displayed second, exactly on it, and none while nothing runs. */
static void
test_wakeups (void)
{
  Fixture *fx = fixture_new (5, "60 60b 60r");
  guint per_segment[4] = { 0, };

  g_assert_cmpuint (n_pending (fx), ==, 0);
  advance (fx, SEC (600));
  g_assert_cmpuint (n_pending (fx), ==, 0);     /* READY */
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, 0);

  start (fx);
  while (is_active (fx))
    {
      gint64 next = unknot_fake_clock_next_wakeup (fx->fake);
      int step = unknot_session_get_step_index (fx->session);

      /* Exactly one wake-up, exactly one second ahead: never early, never twice. */
      g_assert_cmpuint (n_pending (fx), ==, 1);
      g_assert_cmpint (next - now (fx), ==, SEC (1));
      advance (fx, next - now (fx));
      per_segment[step + 1]++;
    }

  g_assert_cmpuint (per_segment[0], ==, 5);
  g_assert_cmpuint (per_segment[1], ==, 60);
  g_assert_cmpuint (per_segment[2], ==, 60);
  g_assert_cmpuint (per_segment[3], ==, 60);
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, 185);

  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);     /* FINISHED */
  advance (fx, SEC (3600));
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, 185);

  /* Paused: nothing pending; resumed mid-second: the next wake-up is the next whole second. */
  unknot_session_start (fx->session);
  fx->origin = now (fx);
  advance (fx, SEC (20) + 250000);
  unknot_session_pause (fx->session);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  advance (fx, SEC (3600));
  g_assert_cmpuint (n_pending (fx), ==, 0);
  unknot_session_resume (fx->session);
  g_assert_cmpuint (n_pending (fx), ==, 1);
  g_assert_cmpint (unknot_fake_clock_next_wakeup (fx->fake), ==, now (fx) + 750000);

  /* A 45 s "both" step splits at 22.5 s: the side's seconds and the total's seconds change at
   * different instants in the first half, so it wakes twice a second there, never more. */
  fixture_free (fx);
  fx = fixture_new (0, "45b");
  start (fx);
  while (is_active (fx))
    {
      gint64 wait = unknot_fake_clock_next_wakeup (fx->fake) - now (fx);

      g_assert_cmpint (wait, >=, MSEC (500));
      g_assert_cmpint (wait, <=, SEC (1));
      advance (fx, wait);
    }
  /* 22 + 22 changes in [0, 22.5), the switch, 22 seconds and the finish in [22.5, 45]. */
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, 22 + 22 + 1 + 22 + 1);

  fixture_free (fx);
}

/* step-remaining and total-remaining change, and notify, once per displayed second. */
static void
test_display (void)
{
  Fixture *fx = fixture_new (0, "60 60");
  g_autofree char *step_times = NULL;
  GString *expected = g_string_new (NULL);
  guint from;

  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 60);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 120);

  start (fx);
  from = fx->changes->len;

  advance (fx, MSEC (500));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 60);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 120);
  g_assert_cmpuint (count_changes (fx, from, "step-remaining"), ==, 0);

  advance (fx, MSEC (500) - 1);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 60);
  advance (fx, 1);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 59);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 119);
  g_assert_cmpuint (count_changes (fx, from, "step-remaining"), ==, 1);
  g_assert_cmpuint (count_changes (fx, from, "total-remaining"), ==, 1);

  advance (fx, SEC (58) + MSEC (999));                  /* 59.999 s */
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 1);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 61);
  g_assert_cmpuint (count_changes (fx, from, "step-remaining"), ==, 59);
  g_assert_cmpuint (count_changes (fx, from, "total-remaining"), ==, 59);

  advance (fx, MSEC (1));                               /* 60 s: the next step */
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 60);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 60);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 1);

  advance (fx, SEC (30) + MSEC (500));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 30);
  unknot_session_pause (fx->session);
  advance (fx, SEC (7) + MSEC (300));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 30);
  unknot_session_resume (fx->session);
  fx->origin += SEC (7) + MSEC (300);
  advance (fx, SEC (100));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 0);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 0);

  /* Exactly one notification per second, at the second, with the new value. */
  for (guint k = 1; k <= 120; k++)
    g_string_append_printf (expected, "%s%u@%u.000000", k > 1 ? " " : "",
                            k == 60 ? 60 : k < 60 ? 60 - k : 120 - k, k);
  step_times = changes_to_string (fx, from, "step-remaining");
  g_assert_cmpstr (step_times, ==, expected->str);

  g_string_truncate (expected, 0);
  for (guint k = 1; k <= 120; k++)
    g_string_append_printf (expected, "%s%u@%u.000000", k > 1 ? " " : "", 120 - k, k);
  g_free (step_times);
  step_times = changes_to_string (fx, from, "total-remaining");
  g_assert_cmpstr (step_times, ==, expected->str);

  g_string_free (expected, TRUE);
  fixture_free (fx);
}

/* A "both" step: left, then right from the exact midpoint, for an odd duration too. */
static void
test_both_sides (void)
{
  Fixture *fx = fixture_new (0, "60b 45b 10");
  g_autofree char *sides = NULL;

  start (fx);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 30);

  advance (fx, SEC (30) - 1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 1);
  advance (fx, 1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_RIGHT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 30);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 0);

  advance (fx, SEC (30));
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 23);   /* 22.5 s */

  advance (fx, MSEC (22500) - 1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);
  advance (fx, 1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_RIGHT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 23);

  advance (fx, SEC (60));

  /* No ticks before a midpoint: the step goes on, only the side changes. */
  assert_cues (fx, 0,
               "step-start 0 0 @0.000000\n"
               "switch-sides 0 2 @30.000000\n"
               "tick 0 3 @57.000000\n"
               "tick 0 2 @58.000000\n"
               "tick 0 1 @59.000000\n"
               "step-start 1 0 @60.000000\n"
               "switch-sides 1 2 @82.500000\n"
               "tick 1 3 @102.000000\n"
               "tick 1 2 @103.000000\n"
               "tick 1 1 @104.000000\n"
               "step-start 2 0 @105.000000\n"
               "tick 2 3 @112.000000\n"
               "tick 2 2 @113.000000\n"
               "tick 2 1 @114.000000\n"
               "finish -1 0 @115.000000\n");

  /* 1 = left, 2 = right, 0 = none. */
  sides = changes_to_string (fx, 0, "side");
  g_assert_cmpstr (sides, ==, "1@0.000000 2@30.000000 1@60.000000 2@82.500000 0@105.000000");

  fixture_free (fx);
}

/* The routine's progress counts the steps, not the get-ready countdown: on a one-step routine
 * the two progress bars agree (they showed 7% and 20% of the same moment). */
static void
test_progress (void)
{
  Fixture *fx = fixture_new (10, "60b");
  Fixture *two = fixture_new (10, "30 30");

  start (fx);
  g_assert_cmpfloat (unknot_session_get_progress (fx->session), ==, 0.0);
  advance (fx, SEC (5));
  g_assert_cmpfloat (unknot_session_get_progress (fx->session), ==, 0.0);
  advance (fx, SEC (5) + SEC (15));
  g_assert_cmpfloat_with_epsilon (unknot_session_get_step_progress (fx->session), 0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (unknot_session_get_progress (fx->session), 0.25, 1e-9);
  advance (fx, SEC (30));   /* the right side: the step's progress goes on over both */
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_RIGHT);
  g_assert_cmpfloat_with_epsilon (unknot_session_get_step_progress (fx->session), 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (unknot_session_get_progress (fx->session), 0.75, 1e-9);

  start (two);
  advance (two, SEC (10) + SEC (30));
  g_assert_cmpint (unknot_session_get_step_index (two->session), ==, 1);
  g_assert_cmpfloat_with_epsilon (unknot_session_get_step_progress (two->session), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (unknot_session_get_progress (two->session), 0.5, 1e-9);

  fixture_free (two);
  fixture_free (fx);
}

/* Ticks 3, 2, 1 at the last three seconds of each step and of the countdown, never at a step's
 * very start. */
static void
test_ticks (void)
{
  Fixture *fx = fixture_new (5, "60 60b 2 1 3 60");

  start (fx);
  advance (fx, SEC (200));
  assert_cues (fx, 0,
               "get-ready -1 5 @0.000000\n"
               "tick -1 3 @2.000000\n"
               "tick -1 2 @3.000000\n"
               "tick -1 1 @4.000000\n"
               "step-start 0 0 @5.000000\n"
               "tick 0 3 @62.000000\n"
               "tick 0 2 @63.000000\n"
               "tick 0 1 @64.000000\n"
               "step-start 1 0 @65.000000\n"
               "switch-sides 1 2 @95.000000\n"
               "tick 1 3 @122.000000\n"
               "tick 1 2 @123.000000\n"
               "tick 1 1 @124.000000\n"
               "step-start 2 0 @125.000000\n"
               "tick 2 1 @126.000000\n"
               "step-start 3 0 @127.000000\n"
               "step-start 4 0 @128.000000\n"
               "tick 4 2 @129.000000\n"
               "tick 4 1 @130.000000\n"
               "step-start 5 0 @131.000000\n"
               "tick 5 3 @188.000000\n"
               "tick 5 2 @189.000000\n"
               "tick 5 1 @190.000000\n"
               "finish -1 0 @191.000000\n");

  fixture_free (fx);
}

static void
test_previous (void)
{
  Fixture *fx = fixture_new (5, "60 60b 60");
  guint from;

  start (fx);

  /* In the countdown: the countdown starts again, and ticks again. */
  run_to (fx, MSEC (3500));
  from = fx->cues->len;
  move (fx, unknot_session_previous, 0);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PREPARING);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, -1);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 5);
  run_to (fx, LONG_PREP);
  assert_cues (fx, from,
               "get-ready -1 5 @0.000000\n"
               "tick -1 3 @2.000000\n"
               "tick -1 2 @3.000000\n"
               "tick -1 1 @4.000000\n"
               "step-start 0 0 @5.000000\n");

  /* Step 0 has nothing before it: it starts again. */
  run_to (fx, long_start (0) + SEC (2));
  from = fx->cues->len;
  move (fx, unknot_session_previous, long_start (0));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);

  /* Under 3 s into a step: the previous step. */
  run_to (fx, long_start (1) + SEC (3) - 1);
  move (fx, unknot_session_previous, long_start (0));
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 0);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 60);

  /* 3 s in: the same step again. */
  run_to (fx, long_start (1) + SEC (3));
  move (fx, unknot_session_previous, long_start (1));
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 1);

  /* In the right half of a "both" step: the step again, from the left. */
  run_to (fx, long_start (1) + SEC (31));
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_RIGHT);
  move (fx, unknot_session_previous, long_start (1));
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 30);

  /* Just into the next step: back to the "both" step, on the left. */
  run_to (fx, long_start (2) + SEC (1));
  move (fx, unknot_session_previous, long_start (1));
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);

  assert_cues (fx, from,
               "step-start 0 0 @5.000000\n"
               "tick 0 3 @62.000000\n"
               "tick 0 2 @63.000000\n"
               "tick 0 1 @64.000000\n"
               "step-start 1 0 @65.000000\n"
               "step-start 0 0 @5.000000\n"
               "tick 0 3 @62.000000\n"
               "tick 0 2 @63.000000\n"
               "tick 0 1 @64.000000\n"
               "step-start 1 0 @65.000000\n"
               "step-start 1 0 @65.000000\n"
               "switch-sides 1 2 @95.000000\n"
               "step-start 1 0 @65.000000\n"
               "switch-sides 1 2 @95.000000\n"
               "tick 1 3 @122.000000\n"
               "tick 1 2 @123.000000\n"
               "tick 1 1 @124.000000\n"
               "step-start 2 0 @125.000000\n"
               "step-start 1 0 @65.000000\n");

  /* Paused: it moves but stays paused, and the routine goes on from there when resumed. */
  run_to (fx, long_start (1) + SEC (10));
  unknot_session_pause (fx->session);
  advance (fx, SEC (5));
  from = fx->cues->len;
  fx->origin = now (fx) - long_start (1);
  unknot_session_previous (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_cmpint (pos (fx), ==, long_start (1));
  advance (fx, SEC (5));
  g_assert_cmpint (pos (fx), ==, long_start (1));
  unknot_session_resume (fx->session);
  fx->origin = now (fx) - long_start (1);
  run_to (fx, long_start (2));
  /* The step is announced when moved to (not at some stale time), and runs from the resume. */
  assert_cues (fx, from,
               "step-start 1 0 @65.000000\n"
               "switch-sides 1 2 @95.000000\n"
               "tick 1 3 @122.000000\n"
               "tick 1 2 @123.000000\n"
               "tick 1 1 @124.000000\n"
               "step-start 2 0 @125.000000\n");

  fixture_free (fx);
}

static void
test_next (void)
{
  Fixture *fx = fixture_new (5, "60 60b 60");
  guint from;

  start (fx);

  /* In the countdown: straight to step 0. */
  run_to (fx, SEC (1));
  move (fx, unknot_session_next, long_start (0));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 0);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 60);

  /* From the left half of a "both" step: over its right half to the next step. */
  run_to (fx, long_start (1) + SEC (5));
  move (fx, unknot_session_next, long_start (2));
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 2);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_NONE);

  /* On the last step: the finish, now. */
  run_to (fx, long_start (2) + SEC (10));
  from = fx->cues->len;
  fx->origin = now (fx) - long_start (3);
  unknot_session_next (fx->session);
  assert_cues (fx, from, "finish -1 0 @185.000000\n");
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_cmpint (pos (fx), ==, long_start (3));
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 0);
  g_assert_cmpuint (unknot_session_get_n_skipped (fx->session), ==, 3);

  /* Finished: next and previous do nothing. */
  unknot_session_next (fx->session);
  unknot_session_previous (fx->session);
  g_assert_cmpuint (fx->cues->len, ==, from + 1);
  g_assert_cmpuint (n_pending (fx), ==, 0);

  /* Paused: next moves, stays paused, cues the step now; on the last step it finishes, and the
   * time paused until then counts. */
  start (fx);
  run_to (fx, long_start (0) + SEC (10));
  unknot_session_pause (fx->session);
  advance (fx, SEC (4));
  from = fx->cues->len;
  unknot_session_next (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpint (pos (fx), ==, long_start (1));
  g_assert_cmpuint (n_pending (fx), ==, 0);
  unknot_session_next (fx->session);
  g_assert_cmpint (pos (fx), ==, long_start (2));
  advance (fx, SEC (3));
  unknot_session_next (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (7));
  {
    /* Cued when asked for, not at some stale time. */
    const gint64 asked[] = { now (fx) - SEC (3), now (fx) - SEC (3), now (fx) };

    g_assert_cmpuint (fx->cues->len - from, ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpint (g_array_index (fx->cues, Cue, from + i).due, ==, asked[i]);
  }

  fixture_free (fx);
}

/* Pause holds the position exactly, for as long as it lasts; resume goes on from there. */
static void
test_pause (void)
{
  Fixture *fx = fixture_new (5, "60 60");
  guint from, n_changes;

  start (fx);

  /* Paused in the countdown, resumed into it. */
  run_to (fx, MSEC (1234));
  pause_for (fx, SEC (3600));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PREPARING);

  run_to (fx, long_start (0) + SEC (20) + 1);
  unknot_session_toggle_pause (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PAUSED);
  n_changes = fx->changes->len;
  from = fx->cues->len;
  advance (fx, SEC (3600));
  g_assert_cmpint (pos (fx), ==, long_start (0) + SEC (20) + 1);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 40);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (7200));
  g_assert_cmpuint (fx->changes->len, ==, n_changes);   /* not a single notification */
  g_assert_cmpuint (fx->cues->len, ==, from);

  /* Pausing twice, or resuming what runs, changes nothing. */
  unknot_session_pause (fx->session);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (7200));

  unknot_session_toggle_pause (fx->session);
  fx->origin += SEC (3600);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  unknot_session_resume (fx->session);
  g_assert_cmpint (pos (fx), ==, long_start (0) + SEC (20) + 1);

  /* The second elapses 1 s - 1 µs later, the step ends 40 s - 1 µs later. */
  advance (fx, SEC (1) - 2);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 40);
  advance (fx, 1);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 39);
  run_to (fx, long_start (2));
  assert_cues (fx, from,
               "tick 0 3 @62.000000\n"
               "tick 0 2 @63.000000\n"
               "tick 0 1 @64.000000\n"
               "step-start 1 0 @65.000000\n"
               "tick 1 3 @122.000000\n"
               "tick 1 2 @123.000000\n"
               "tick 1 1 @124.000000\n"
               "finish -1 0 @125.000000\n");
  g_assert_cmpint (g_array_index (fx->cues, Cue, fx->cues->len - 1).now, ==,
                   T0 + SEC (125 + 7200));

  /* Pause and resume do nothing when nothing runs. */
  unknot_session_pause (fx->session);
  unknot_session_resume (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);

  fixture_free (fx);
}

/* The main loop was held up: cues come late but say when they were due, and nothing drifts. */
static void
test_late_wakeup (void)
{
  TestLateClock *clock = g_object_new (TEST_TYPE_LATE_CLOCK, NULL);
  Fixture *fx;

  clock->now = T0;
  fx = fixture_new_on (UNKNOT_CLOCK (clock), 0, "60 60 60b 60");

  start (fx);
  late_clock_advance (clock, SEC (50), FALSE);
  late_clock_advance (clock, MSEC (8500), TRUE);        /* the wake-up for 51 s, at 58.5 s */
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 2);
  g_assert_cmpint (late_clock_next_wakeup (clock), ==, T0 + SEC (59));

  late_clock_advance (clock, MSEC (1500), FALSE);
  late_clock_advance (clock, MSEC (65500), TRUE);       /* over step 1, into step 2 */
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 2);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_LEFT);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 25);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 115);
  g_assert_cmpint (late_clock_next_wakeup (clock), ==, T0 + SEC (126));

  late_clock_advance (clock, MSEC (54500), FALSE);
  late_clock_advance (clock, SEC (100), TRUE);          /* past the end */
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpint (pos (fx), ==, SEC (240));
  g_assert_cmpint (late_clock_next_wakeup (clock), ==, -1);

  /* Of several boundaries passed at once only the last is cued, with the time it was due. */
  assert_cues (fx, 0,
               "step-start 0 0 @0.000000\n"
               "tick 0 2 @58.500000 due@58.000000\n"
               "tick 0 1 @59.000000\n"
               "step-start 1 0 @60.000000\n"
               "step-start 2 0 @125.500000 due@120.000000\n"
               "switch-sides 2 2 @150.000000\n"
               "tick 2 3 @177.000000\n"
               "tick 2 2 @178.000000\n"
               "tick 2 1 @179.000000\n"
               "step-start 3 0 @180.000000\n"
               "finish -1 0 @280.000000 due@240.000000\n");
  /* Every step ran to its end, late or not; the time spent ends at the last boundary. */
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 4);
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (240));

  fixture_free (fx);
}

/* What the finish page reports: the steps that ran to their end, and the time the steps ran,
 * without the countdown, the pauses or what was skipped. */
static void
test_done_and_active_time (void)
{
  Fixture *fx = fixture_new (5, "60 60b 30 20");
  const gint64 start_2 = long_start (2), start_3 = long_start (2) + SEC (30);

  start (fx);
  run_to (fx, LONG_PREP);                              /* the countdown does not count */
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, 0);

  run_to (fx, long_start (0) + SEC (20));
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (20));
  pause_for (fx, SEC (100));                           /* nor a pause */
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (20));
  run_to (fx, long_start (1) + SEC (10));
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 1);
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (70));

  /* Step 1 skipped from its left half: not done. */
  move (fx, unknot_session_next, start_2);
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 1);
  run_to (fx, start_3 + SEC (2));
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 2);

  /* Back to step 2 and through it again: done once, its time twice. */
  move (fx, unknot_session_previous, start_2);
  run_to (fx, start_3 + SEC (20));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 3);
  g_assert_cmpuint (unknot_session_get_n_skipped (fx->session), ==, 1);
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (70 + 32 + 50));
  advance (fx, SEC (60));                              /* finished: the time stands */
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (152));

  /* The last step skipped: the finish comes at once, the step is not done. */
  start (fx);
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 0);
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, 0);
  run_to (fx, start_3 + SEC (5));
  unknot_session_next (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 3);
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, start_3 + SEC (5) - LONG_PREP);

  /* Stopped from a pause: the time before the pause stays, the pause adds nothing. */
  start (fx);
  run_to (fx, LONG_PREP + SEC (12));
  unknot_session_pause (fx->session);
  advance (fx, SEC (30));
  unknot_session_stop (fx->session);
  g_assert_cmpint (unknot_session_get_active_time (fx->session), ==, SEC (12));
  g_assert_cmpuint (unknot_session_get_n_done (fx->session), ==, 0);

  fixture_free (fx);
}

/* After a system suspend the routine is paused where it was at the last wake-up. */
static void
test_suspend (void)
{
  Fixture *fx = fixture_new (0, "60 60");
  guint from;

  /* Nothing runs: nothing happens. */
  unknot_clock_emit_suspended (fx->clock);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_READY);
  g_assert_cmpuint (n_pending (fx), ==, 0);

  start (fx);
  advance (fx, SEC (10) + MSEC (300));                  /* last wake-up at 10 s */
  unknot_clock_emit_suspended (fx->clock);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpint (pos (fx), ==, SEC (10));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 50);
  g_assert_cmpuint (n_pending (fx), ==, 0);

  advance (fx, SEC (20));
  g_assert_cmpint (pos (fx), ==, SEC (10));
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (20));

  /* Suspended again while paused: still paused, still there. */
  unknot_clock_emit_suspended (fx->clock);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpint (pos (fx), ==, SEC (10));

  from = fx->cues->len;
  unknot_session_resume (fx->session);
  fx->origin = now (fx) - SEC (10);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpint (unknot_fake_clock_next_wakeup (fx->fake), ==, now (fx) + SEC (1));
  advance (fx, SEC (200));
  assert_cues (fx, from,
               "tick 0 3 @57.000000\n"
               "tick 0 2 @58.000000\n"
               "tick 0 1 @59.000000\n"
               "step-start 1 0 @60.000000\n"
               "tick 1 3 @117.000000\n"
               "tick 1 2 @118.000000\n"
               "tick 1 1 @119.000000\n"
               "finish -1 0 @120.000000\n");

  fixture_free (fx);
}

static void
test_restart_stop (void)
{
  Fixture *fx = fixture_new (5, "60 60b");
  guint from, n_changes, n_wakeups;

  start (fx);
  run_to (fx, long_start (1) + SEC (40));
  pause_for (fx, SEC (3));
  unknot_session_next (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  start (fx);
  run_to (fx, long_start (1) + SEC (40));
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_RIGHT);
  unknot_session_pause (fx->session);
  advance (fx, SEC (3));

  /* Restart: the countdown again, from now, with a clean slate. */
  from = fx->cues->len;
  n_changes = fx->changes->len;
  fx->origin = now (fx);
  unknot_session_restart (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_PREPARING);
  g_assert_cmpint (pos (fx), ==, 0);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, -1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_NONE);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 5);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 125);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, 0);
  g_assert_cmpuint (unknot_session_get_n_skipped (fx->session), ==, 0);
  g_assert_cmpuint (count_changes (fx, n_changes, "side"), >=, 1);
  g_assert_cmpuint (count_changes (fx, n_changes, "step-index"), >=, 1);
  assert_cues (fx, from, "get-ready -1 5 @0.000000\n");

  /* Stop: back to the start, nothing scheduled, nothing happens after. */
  run_to (fx, long_start (1) + SEC (31));
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_RIGHT);
  from = fx->cues->len;
  n_changes = fx->changes->len;
  unknot_session_stop (fx->session);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_READY);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_cmpint (pos (fx), ==, 0);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, -1);
  g_assert_cmpuint (unknot_session_get_side (fx->session), ==, UNKNOT_SIDE_NONE);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 5);
  g_assert_cmpuint (unknot_session_get_total_remaining (fx->session), ==, 125);
  /* What is shown is told: the state, the step, the side and both counts changed. */
  g_assert_cmpuint (count_changes (fx, n_changes, "state"), ==, 1);
  g_assert_cmpuint (count_changes (fx, n_changes, "step-index"), ==, 1);
  g_assert_cmpuint (count_changes (fx, n_changes, "side"), ==, 1);
  g_assert_cmpuint (count_changes (fx, n_changes, "step-remaining"), ==, 1);
  g_assert_cmpuint (count_changes (fx, n_changes, "total-remaining"), ==, 1);

  n_wakeups = unknot_fake_clock_get_n_wakeups (fx->fake);
  advance (fx, SEC (3600));
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fx->fake), ==, n_wakeups);
  g_assert_cmpuint (fx->cues->len, ==, from);

  /* Stopped while paused: no timer either. */
  start (fx);
  run_to (fx, SEC (7));
  unknot_session_pause (fx->session);
  unknot_session_stop (fx->session);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_READY);

  /* And it runs again from the start. */
  from = fx->cues->len;
  start (fx);
  advance (fx, SEC (125));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpint (g_array_index (fx->cues, Cue, fx->cues->len - 1).now, ==,
                   fx->origin + SEC (125));
  g_assert_cmpuint (fx->cues->len - from, ==, 1 + 3 + 1 + 3 + 1 + 1 + 3 + 1);

  fixture_free (fx);
}

/* No countdown: the routine starts on step 0, cued at once. */
static void
test_no_preparation (void)
{
  Fixture *fx = fixture_new (0, "30 30");

  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 0);
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 30);
  start (fx);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpuint (count_changes (fx, 0, "state"), ==, 1);
  advance (fx, SEC (60));
  assert_cues (fx, 0,
               "step-start 0 0 @0.000000\n"
               "tick 0 3 @27.000000\n"
               "tick 0 2 @28.000000\n"
               "tick 0 1 @29.000000\n"
               "step-start 1 0 @30.000000\n"
               "tick 1 3 @57.000000\n"
               "tick 1 2 @58.000000\n"
               "tick 1 1 @59.000000\n"
               "finish -1 0 @60.000000\n");
  fixture_free (fx);

  /* The session's own setting overrides the routine's: none, or a 3 s countdown. */
  fx = fixture_new (5, "30");
  unknot_session_set_preparation (fx->session, 0);
  g_assert_cmpint (unknot_session_get_duration (fx->session), ==, SEC (30));
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 0);
  start (fx);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  assert_cues (fx, 0, "step-start 0 0 @0.000000\n");
  unknot_session_stop (fx->session);
  unknot_session_set_preparation (fx->session, 3);
  start (fx);
  advance (fx, SEC (4));
  assert_cues (fx, 1,
               "get-ready -1 3 @0.000000\n"
               "tick -1 2 @1.000000\n"
               "tick -1 1 @2.000000\n"
               "step-start 0 0 @3.000000\n");
  fixture_free (fx);

  /* A countdown of more than 4295 s does not wrap around in 32 bits. */
  fx = fixture_new (5, "30");
  unknot_session_set_preparation (fx->session, 5000);
  g_assert_cmpint (unknot_session_get_duration (fx->session), ==, SEC (5030));
  g_assert_cmpint (unknot_session_get_step_start_time (fx->session, 0), ==, SEC (5000));
  fixture_free (fx);
}

/* Waits at the start of @step for ten minutes: the position stays, nothing is cued or scheduled,
 * pausing does nothing, and the time counts as paused. */
static void
assert_waits (Fixture *fx,
              int      step)
{
  gint64 at = pos (fx);
  gint64 paused = unknot_session_get_paused_time (fx->session);
  guint n_cues = fx->cues->len;
  UnknotCueKind kind;
  int cue_step;
  guint value;
  gint64 due;

  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_WAITING);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, step);
  g_assert_cmpint (at, ==, unknot_session_get_step_start_time (fx->session, step));
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_false (unknot_session_peek_next_cue (fx->session, &kind, &cue_step, &value, &due));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==,
                    unknot_step_get_duration (unknot_routine_get_step (fx->routine, step)));

  advance (fx, SEC (600));
  unknot_session_pause (fx->session);
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_WAITING);
  g_assert_cmpint (pos (fx), ==, at);
  g_assert_cmpuint (fx->cues->len, ==, n_cues);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, paused + SEC (600));
  fx->origin += SEC (600);   /* the routine's clock stood still */
}

/* A "hold" step: the routine stops before it, cued, until the person goes on (resume, toggle,
 * start or next, as the window, the keyboard and MPRIS send them); previous goes back. */
static void
test_hold (void)
{
  Fixture *fx = fixture_new (0, "10 20h 10h 5");
  UnknotCueKind kind;
  int step;
  guint value;
  gint64 due;

  start (fx);
  run_to (fx, SEC (9) + MSEC (500));
  /* The boundary is foreseen as a hold, so its words can be placed on it. */
  g_assert_true (unknot_session_peek_next_cue (fx->session, &kind, &step, &value, &due));
  g_assert_cmpint (kind, ==, UNKNOT_CUE_HOLD);
  g_assert_cmpint (step, ==, 1);
  g_assert_cmpint (due, ==, fx->origin + SEC (10));

  advance (fx, MSEC (500));
  assert_waits (fx, 1);
  unknot_session_resume (fx->session);
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  run_to (fx, SEC (30));
  assert_waits (fx, 2);

  /* Previous from a wait goes back to the step before: a hold too, so it waits there. */
  fx->origin = now (fx) - SEC (10);
  unknot_session_previous (fx->session);
  assert_waits (fx, 1);
  unknot_session_toggle_pause (fx->session);
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  run_to (fx, SEC (30));
  assert_waits (fx, 2);

  /* Next from a wait starts the step it waits for (a headset's button sends Next too). */
  unknot_session_next (fx->session);
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 2);
  run_to (fx, SEC (31));
  fx->origin = now (fx) - SEC (10);
  unknot_session_previous (fx->session);   /* 1 s in: to step 1 */
  assert_waits (fx, 1);
  unknot_session_start (fx->session);
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);

  /* Next while running lands on a hold, which waits. */
  fx->origin = now (fx) - SEC (30);
  unknot_session_next (fx->session);
  assert_waits (fx, 2);
  unknot_session_next (fx->session);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, 2);
  run_to (fx, SEC (40));
  advance (fx, SEC (5));
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);

  assert_cues (fx, 0,
               "step-start 0 0 @0.000000\n"
               "tick 0 3 @7.000000\n"
               "tick 0 2 @8.000000\n"
               "tick 0 1 @9.000000\n"
               "hold 1 0 @10.000000\n"
               "step-start 1 0 @10.000000\n"
               "tick 1 3 @27.000000\n"
               "tick 1 2 @28.000000\n"
               "tick 1 1 @29.000000\n"
               "hold 2 0 @30.000000\n"
               "hold 1 0 @10.000000\n"
               "step-start 1 0 @10.000000\n"
               "tick 1 3 @27.000000\n"
               "tick 1 2 @28.000000\n"
               "tick 1 1 @29.000000\n"
               "hold 2 0 @30.000000\n"
               "step-start 2 0 @30.000000\n"
               "hold 1 0 @10.000000\n"
               "step-start 1 0 @10.000000\n"
               "hold 2 0 @30.000000\n"
               "step-start 2 0 @30.000000\n"
               "tick 2 3 @37.000000\n"
               "tick 2 2 @38.000000\n"
               "tick 2 1 @39.000000\n"
               "step-start 3 0 @40.000000\n"
               "tick 3 3 @42.000000\n"
               "tick 3 2 @43.000000\n"
               "tick 3 1 @44.000000\n"
               "finish -1 0 @45.000000\n");
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (3600));
  fixture_free (fx);

  /* A first step that holds waits at once, or after the countdown; start goes on from it. */
  fx = fixture_new (0, "10h");
  start (fx);
  assert_waits (fx, 0);
  unknot_session_start (fx->session);
  g_assert_cmpint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_RUNNING);
  assert_cues (fx, 0, "hold 0 0 @0.000000\nstep-start 0 0 @0.000000\n");
  fixture_free (fx);

  fx = fixture_new (2, "10h");
  start (fx);
  advance (fx, SEC (2));
  assert_waits (fx, 0);
  assert_cues (fx, 0, "get-ready -1 2 @0.000000\ntick -1 1 @1.000000\nhold 0 0 @2.000000\n");
  /* Stopping from a wait counts the wait as paused time, and a restart waits again. */
  unknot_session_stop (fx->session);
  g_assert_cmpint (unknot_session_get_paused_time (fx->session), ==, SEC (600));
  fixture_free (fx);
}

/* How long each cue has before the next one, and a countdown made long enough for its words. */
static void
test_cue_room (void)
{
  Fixture *fx = fixture_new (3, "30 4b");

  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_GET_READY, -1, 0, TRUE),
                   ==, SEC (1));
  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_GET_READY, -1, 0, FALSE),
                   ==, SEC (3));
  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_STEP_START, 0, 0, TRUE),
                   ==, SEC (27));
  /* The left half ends at the switch, without ticks; the right half's tick is 1 s before. */
  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_STEP_START, 1, 0, TRUE),
                   ==, SEC (2));
  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_SWITCH_SIDES, 1,
                                                UNKNOT_SIDE_RIGHT, TRUE), ==, SEC (1));
  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_FINISH, -1, 0, TRUE),
                   ==, G_MAXINT64);

  /* 4.1 s of words, then the 3 ticks: 8 s. Never shorter again. */
  unknot_session_make_room (fx->session, SEC (4) + MSEC (100), TRUE);
  g_assert_cmpuint (unknot_session_get_preparation (fx->session), ==, 8);
  g_assert_cmpint (unknot_session_get_cue_room (fx->session, UNKNOT_CUE_GET_READY, -1, 0, TRUE),
                   ==, SEC (5));
  unknot_session_make_room (fx->session, SEC (1), TRUE);
  g_assert_cmpuint (unknot_session_get_preparation (fx->session), ==, 8);
  g_assert_cmpint (unknot_session_get_duration (fx->session), ==, SEC (42));
  start (fx);
  advance (fx, SEC (9));
  assert_cues (fx, 0,
               "get-ready -1 8 @0.000000\n"
               "tick -1 3 @5.000000\n"
               "tick -1 2 @6.000000\n"
               "tick -1 1 @7.000000\n"
               "step-start 0 0 @8.000000\n");
  fixture_free (fx);

  /* Made room for while counting down: the steps move later, the time counted stays. */
  fx = fixture_new (3, "30");
  start (fx);
  advance (fx, MSEC (500));
  unknot_session_make_room (fx->session, SEC (5), FALSE);
  g_assert_cmpuint (unknot_session_get_preparation (fx->session), ==, 5);
  g_assert_cmpint (pos (fx), ==, MSEC (500));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 5);
  advance (fx, MSEC (4500));
  assert_cues (fx, 0,
               "get-ready -1 3 @0.000000\n"
               "tick -1 3 @2.000000\n"
               "tick -1 2 @3.000000\n"
               "tick -1 1 @4.000000\n"
               "step-start 0 0 @5.000000\n");
  fixture_free (fx);

  /* No countdown stays none. */
  fx = fixture_new (0, "30");
  unknot_session_make_room (fx->session, SEC (5), TRUE);
  g_assert_cmpuint (unknot_session_get_preparation (fx->session), ==, 0);
  fixture_free (fx);
}

/* A routine without steps (a user's, emptied in the editor) finishes at once, or after its
 * countdown. */
static void
test_empty (void)
{
  Fixture *fx = fixture_new (0, "");

  g_assert_cmpint (unknot_session_get_duration (fx->session), ==, 0);
  g_assert_cmpint (unknot_session_get_step_index (fx->session), ==, -1);
  g_assert_null (unknot_session_get_step (fx->session));
  g_assert_null (unknot_session_get_next_step (fx->session));
  g_assert_cmpuint (unknot_session_get_step_remaining (fx->session), ==, 0);
  start (fx);
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  advance (fx, SEC (10));
  assert_cues (fx, 0, "finish -1 0 @0.000000\n");
  fixture_free (fx);

  fx = fixture_new (3, "");
  start (fx);
  advance (fx, SEC (10));
  g_assert_cmpuint (unknot_session_get_state (fx->session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (n_pending (fx), ==, 0);
  assert_cues (fx, 0,
               "get-ready -1 3 @0.000000\n"
               "tick -1 2 @1.000000\n"
               "tick -1 1 @2.000000\n"
               "finish -1 0 @3.000000\n");
  fixture_free (fx);
}

/* On the real clock: 3 steps of 1 s, each boundary measured against g_get_monotonic_time(). */

typedef struct {
  GMainLoop *loop;
  gint64     origin;
  gint64     lateness[4];
  gint64     dues[4];
  guint      n;
  gboolean   timed_out;
} RealRun;

static void
on_real_cue (UnknotSession *session,
             guint          kind,
             int            step,
             guint          value,
             gint64         due,
             gpointer       user_data)
{
  RealRun *run = user_data;
  gint64 at = g_get_monotonic_time ();

  g_assert_true (kind == UNKNOT_CUE_STEP_START || kind == UNKNOT_CUE_FINISH);
  g_assert_cmpuint (run->n, <, G_N_ELEMENTS (run->lateness));
  run->lateness[run->n] = at - due;
  run->dues[run->n] = due;
  run->n++;
  if (kind == UNKNOT_CUE_FINISH)
    g_main_loop_quit (run->loop);
}

static gboolean
on_real_timeout (gpointer user_data)
{
  RealRun *run = user_data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
test_real_clock (void)
{
  g_autoptr(UnknotRoutine) routine = routine_from_spec (0, "1 1 1");
  g_autoptr(UnknotSession) session = unknot_session_new (routine, unknot_clock_get_system ());
  RealRun run = { g_main_loop_new (NULL, FALSE), 0, { 0, }, { 0, }, 0, FALSE };
  guint timeout;
  gint64 final;

  g_signal_connect (session, "cue", G_CALLBACK (on_real_cue), &run);
  timeout = g_timeout_add_seconds (10, on_real_timeout, &run);

  run.origin = g_get_monotonic_time ();
  unknot_session_start (session);
  g_main_loop_run (run.loop);
  final = g_get_monotonic_time () - run.origin;

  g_assert_false (run.timed_out);
  g_source_remove (timeout);
  g_assert_cmpuint (run.n, ==, 4);
  g_assert_cmpuint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);

  for (guint i = 0; i < run.n; i++)
    {
      g_test_message ("boundary %u: due at +%" G_GINT64_FORMAT " us, cued %" G_GINT64_FORMAT
                      " us late", i, run.dues[i] - run.dues[0], run.lateness[i]);
      /* The boundaries are exactly 1 s apart on the timeline... */
      g_assert_cmpint (run.dues[i] - run.dues[0], ==, SEC (i));
      /* ...and each is cued at it, never early, and before the next one is due: how late the
       * wake-up comes is the scheduler's (a loaded machine's), measured by bench-cues (boundaries). */
      g_assert_cmpint (run.lateness[i], >=, 0);
      g_assert_cmpint (run.lateness[i], <, SEC (1));
    }
  g_assert_cmpint (run.dues[0] - run.origin, >=, 0);
  g_assert_cmpint (run.dues[0] - run.origin, <, SEC (1));
  g_test_message ("finish %+.3f ms from 3 s after start", (final - SEC (3)) / 1000.0);
  g_assert_cmpint (final - SEC (3), <, MSEC (20));

  g_main_loop_unref (run.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/thirty-minutes", test_thirty_minutes);
  g_test_add_func ("/session/wakeups", test_wakeups);
  g_test_add_func ("/session/display", test_display);
  g_test_add_func ("/session/both-sides", test_both_sides);
  g_test_add_func ("/session/progress", test_progress);
  g_test_add_func ("/session/ticks", test_ticks);
  g_test_add_func ("/session/previous", test_previous);
  g_test_add_func ("/session/next", test_next);
  g_test_add_func ("/session/pause", test_pause);
  g_test_add_func ("/session/late-wakeup", test_late_wakeup);
  g_test_add_func ("/session/done-and-active-time", test_done_and_active_time);
  g_test_add_func ("/session/suspend", test_suspend);
  g_test_add_func ("/session/restart-stop", test_restart_stop);
  g_test_add_func ("/session/no-preparation", test_no_preparation);
  g_test_add_func ("/session/empty", test_empty);
  g_test_add_func ("/session/hold", test_hold);
  g_test_add_func ("/session/cue-room", test_cue_room);
  g_test_add_func ("/session/real-clock", test_real_clock);

  return g_test_run ();
}
