/* unknot-session.c
 *
 * The routine is laid out once as a timeline of segments (the get-ready countdown, each step, the
 * two halves of a "both" step) with start and end times in microseconds from the start. While it
 * runs, the position is now - origin: it is never counted up tick by tick, so it cannot drift.
 * Pausing freezes the position; resuming sets origin = now - position, so every later boundary
 * moves by exactly the time spent paused. The session wakes only at the next boundary or when a
 * displayed second changes, and not at all while nothing runs.
 *
 * A "hold" step is entered waiting: the position stays at its start, nothing is scheduled, and
 * only the person going on (resume, next, start) starts its clock, as a resume would.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include "unknot-session.h"

#define USEC G_USEC_PER_SEC

typedef struct {
  gint64     start;
  gint64     end;
  int        step;          /* -1 for the get-ready countdown */
  UnknotSide side;
  gboolean   ends_step;     /* FALSE for the first half of a "both" step */
} Segment;

struct _UnknotSession
{
  GObject             parent_instance;

  UnknotRoutine      *routine;
  UnknotClock        *clock;
  gulong              suspended_id;

  GArray             *segments;
  gint64              duration;
  guint               preparation;
  guint               min_preparation;   /* long enough for the get-ready words */

  UnknotSessionState  state;
  gint64              origin;         /* running: position = now - origin */
  gint64              frozen;         /* otherwise: the position */
  gint64              last_position;  /* at the last update, for a suspend */
  guint               segment;
  guint               tick_floor;     /* ticks are due below this many seconds */
  guint               timer;

  guint               step_remaining;
  guint               total_remaining;

  gint64              paused_since;
  gint64              paused_time;
  guint               n_skipped;
  gint64              running_since;  /* while running: when the state became RUNNING */
  gint64              active_time;    /* time spent RUNNING before that */
  GArray             *done;           /* of gboolean, per step: its end was reached in time */
};

G_DEFINE_FINAL_TYPE (UnknotSession, unknot_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROUTINE,
  PROP_STATE,
  PROP_STEP_INDEX,
  PROP_SIDE,
  PROP_STEP_REMAINING,
  PROP_TOTAL_REMAINING,
  PROP_PREPARATION,
  N_PROPS
};

enum {
  CUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update (UnknotSession *self);

/* The countdown the session runs: the one asked for, lengthened for its words; none stays none. */
static guint
effective_preparation (UnknotSession *self)
{
  return self->preparation > 0 ? MAX (self->preparation, self->min_preparation) : 0;
}

static gboolean
is_running (UnknotSession *self)
{
  return self->state == UNKNOT_SESSION_RUNNING || self->state == UNKNOT_SESSION_PREPARING;
}

static const Segment *
current (UnknotSession *self)
{
  return &g_array_index (self->segments, Segment, self->segment);
}

static void
build_timeline (UnknotSession *self)
{
  guint n = unknot_routine_get_n_steps (self->routine);
  guint preparation = effective_preparation (self);
  gint64 t = 0;

  g_array_set_size (self->segments, 0);

  if (preparation > 0)
    {
      Segment s = { 0, (gint64) preparation * USEC, -1, UNKNOT_SIDE_NONE, TRUE };

      g_array_append_val (self->segments, s);
      t = s.end;
    }

  for (guint i = 0; i < n; i++)
    {
      UnknotStep *step = unknot_routine_get_step (self->routine, i);
      gint64 d = (gint64) unknot_step_get_duration (step) * USEC;

      if (unknot_step_get_side (step) == UNKNOT_SIDE_BOTH && !unknot_step_is_rest (step))
        {
          Segment left = { t, t + d / 2, i, UNKNOT_SIDE_LEFT, FALSE };
          Segment right = { t + d / 2, t + d, i, UNKNOT_SIDE_RIGHT, TRUE };

          g_array_append_val (self->segments, left);
          g_array_append_val (self->segments, right);
        }
      else
        {
          Segment s = { t, t + d, i, unknot_step_get_side (step), TRUE };

          g_array_append_val (self->segments, s);
        }
      t += d;
    }

  /* Without steps or countdown, an empty segment, so that there always is a current one. */
  if (self->segments->len == 0)
    {
      Segment s = { 0, 0, -1, UNKNOT_SIDE_NONE, TRUE };

      g_array_append_val (self->segments, s);
    }

  self->duration = t;
}

static gint64
position (UnknotSession *self)
{
  gint64 pos;

  if (is_running (self))
    pos = unknot_clock_now (self->clock) - self->origin;
  else
    pos = self->frozen;

  return CLAMP (pos, 0, self->duration);
}

/* The segment holding @pos: binary search, since a skip can jump anywhere. */
static guint
find_segment (UnknotSession *self,
              gint64         pos)
{
  guint lo = 0, hi = self->segments->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->segments, Segment, mid).start <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Whether segment @index begins a step that waits for the person. */
static gboolean
holds_at (UnknotSession *self,
          guint          index)
{
  const Segment *seg = &g_array_index (self->segments, Segment, index);

  if (seg->step < 0 || (index > 0 && g_array_index (self->segments, Segment, index - 1).step
                                     == seg->step))
    return FALSE;
  return unknot_step_get_hold (unknot_routine_get_step (self->routine, seg->step));
}

/* The clock ran through the segments from @from up to (not including) @to: the steps they end
 * were done, not skipped. */
static void
complete_segments (UnknotSession *self,
                   guint          from,
                   guint          to)
{
  for (guint i = from; i < to && i < self->segments->len; i++)
    {
      const Segment *seg = &g_array_index (self->segments, Segment, i);

      if (seg->ends_step && seg->step >= 0)
        g_array_index (self->done, gboolean, seg->step) = TRUE;
    }
}

static guint
ceil_seconds (gint64 usec)
{
  return usec <= 0 ? 0 : (guint) ((usec + USEC - 1) / USEC);
}

/* How long until ceil_seconds(@remaining) changes. */
static gint64
until_next_second (gint64 remaining)
{
  return remaining <= 0 ? 0 : (remaining - 1) % USEC + 1;
}

static void
set_state (UnknotSession      *self,
           UnknotSessionState  state)
{
  if (self->state != state)
    {
      /* Time in steps, running: neither the get-ready countdown nor a pause counts. */
      if (self->state == UNKNOT_SESSION_RUNNING)
        self->active_time += unknot_clock_now (self->clock) - self->running_since;
      if (state == UNKNOT_SESSION_RUNNING)
        self->running_since = unknot_clock_now (self->clock);
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
emit_cue (UnknotSession *self,
          UnknotCueKind  kind,
          int            step,
          guint          value,
          gint64         due)
{
  g_signal_emit (self, signals[CUE], 0, kind, step, value, due);
}

/* Stops at the start of the current segment, a "hold" step's, until the person goes on. */
static void
wait_here (UnknotSession *self)
{
  const Segment *seg = current (self);

  unknot_clock_cancel (self->clock, self->timer);
  self->timer = 0;
  if (self->state != UNKNOT_SESSION_PAUSED)   /* paused already: that time goes on counting */
    self->paused_since = unknot_clock_now (self->clock);
  self->frozen = seg->start;
  self->last_position = seg->start;
  self->tick_floor = ceil_seconds (seg->end - seg->start);
  set_state (self, UNKNOT_SESSION_WAITING);
  emit_cue (self, UNKNOT_CUE_HOLD, seg->step, 0, self->origin + seg->start);
}

/* Ends a wait or a pause: the clock runs again from the frozen position. */
static void
run_from_frozen (UnknotSession *self)
{
  gint64 now = unknot_clock_now (self->clock);

  self->paused_time += now - self->paused_since;
  self->origin = now - self->frozen;
  set_state (self, current (self)->step < 0 ? UNKNOT_SESSION_PREPARING : UNKNOT_SESSION_RUNNING);
}

static void
on_wakeup (gpointer data)
{
  UnknotSession *self = data;

  self->timer = 0;
  update (self);
}

static void
schedule (UnknotSession *self,
          gint64         pos)
{
  const Segment *seg = current (self);
  gint64 wait;

  unknot_clock_cancel (self->clock, self->timer);
  self->timer = 0;

  if (!is_running (self))
    return;

  wait = seg->end - pos;
  wait = MIN (wait, until_next_second (seg->end - pos));
  wait = MIN (wait, until_next_second (self->duration - pos));
  if (wait <= 0)
    wait = seg->end - pos;

  self->timer = unknot_clock_schedule (self->clock, self->origin + pos + wait, on_wakeup, self);
}

/* Enters segment @index at @pos; a natural crossing cues what changed, a jump cues the step. */
static void
enter_segment (UnknotSession *self,
               guint          index,
               gint64         pos,
               gboolean       jumped)
{
  const Segment *before = current (self);
  int old_step = before->step;
  const Segment *seg;
  gint64 due;

  self->segment = index;
  seg = current (self);
  self->tick_floor = ceil_seconds (seg->end - pos);
  due = self->origin + seg->start;

  if (seg->step != old_step)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_INDEX]);
  if (seg->side != before->side || seg->step != old_step)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);

  if (self->state == UNKNOT_SESSION_PREPARING && seg->step >= 0)
    set_state (self, UNKNOT_SESSION_RUNNING);

  if (seg->step < 0)
    emit_cue (self, UNKNOT_CUE_GET_READY, -1, effective_preparation (self), due);
  else if ((jumped || seg->step != old_step) && holds_at (self, index))
    wait_here (self);
  else if (jumped || seg->step != old_step)
    emit_cue (self, UNKNOT_CUE_STEP_START, seg->step, 0, due);
  else
    emit_cue (self, UNKNOT_CUE_SWITCH_SIDES, seg->step, seg->side, due);
}

static void
finish (UnknotSession *self)
{
  unknot_clock_cancel (self->clock, self->timer);
  self->timer = 0;
  /* Skipped to the end while paused or waiting. */
  if (self->state == UNKNOT_SESSION_PAUSED || self->state == UNKNOT_SESSION_WAITING)
    self->paused_time += unknot_clock_now (self->clock) - self->paused_since;
  /* The routine ended at its last boundary: a late wake-up adds nothing to the time spent. */
  if (self->state == UNKNOT_SESSION_RUNNING)
    self->running_since += MAX (0, unknot_clock_now (self->clock)
                                   - (self->origin + self->duration));
  self->frozen = self->duration;
  self->last_position = self->duration;
  set_state (self, UNKNOT_SESSION_FINISHED);
  emit_cue (self, UNKNOT_CUE_FINISH, -1, 0, self->origin + self->duration);
}

static void
update_display (UnknotSession *self,
                gint64         pos)
{
  guint step_remaining = ceil_seconds (current (self)->end - pos);
  guint total_remaining = ceil_seconds (self->duration - pos);

  if (step_remaining != self->step_remaining)
    {
      self->step_remaining = step_remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_REMAINING]);
    }
  if (total_remaining != self->total_remaining)
    {
      self->total_remaining = total_remaining;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_REMAINING]);
    }
}

static void
update (UnknotSession *self)
{
  gboolean active = self->state == UNKNOT_SESSION_RUNNING
                    || self->state == UNKNOT_SESSION_PREPARING;
  gint64 pos = position (self);
  const Segment *seg;
  guint seconds;

  g_object_freeze_notify (G_OBJECT (self));

  if (active && pos >= self->duration)
    {
      complete_segments (self, self->segment, self->segments->len);
      update_display (self, self->duration);
      finish (self);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  if (pos >= current (self)->end || pos < current (self)->start)
    {
      guint index = find_segment (self, pos);

      /* Several boundaries passed at once (a late wake-up): only the last one is cued. */
      if (index != self->segment)
        {
          complete_segments (self, self->segment, index);
          enter_segment (self, index, pos, FALSE);
        }
      if (self->state == UNKNOT_SESSION_WAITING)
        {
          active = FALSE;
          pos = self->frozen;
        }
    }

  seg = current (self);
  seconds = ceil_seconds (seg->end - pos);
  if (active && seg->ends_step && seconds >= 1 && seconds <= 3 && seconds < self->tick_floor)
    emit_cue (self, UNKNOT_CUE_TICK, seg->step, seconds, self->origin + seg->end - seconds * USEC);
  if (seconds < self->tick_floor)
    self->tick_floor = seconds;

  update_display (self, pos);
  self->last_position = pos;
  schedule (self, pos);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Moves to @pos (a segment start) and cues the step found there. Keeps the running/paused state. */
static void
jump (UnknotSession *self,
      gint64         pos)
{
  gboolean active = self->state == UNKNOT_SESSION_RUNNING
                    || self->state == UNKNOT_SESSION_PREPARING;
  guint index;

  g_object_freeze_notify (G_OBJECT (self));

  /* A move away from a wait is the person going on: the routine runs from where it lands. */
  if (self->state == UNKNOT_SESSION_WAITING)
    {
      run_from_frozen (self);
      active = TRUE;
    }

  /* A move is cued now, running or paused: the origin dates the cues (resuming sets it again). */
  self->origin = unknot_clock_now (self->clock) - pos;

  if (pos >= self->duration)
    {
      update_display (self, self->duration);
      finish (self);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  if (!active)
    self->frozen = pos;

  index = find_segment (self, pos);
  if (g_array_index (self->segments, Segment, index).step >= 0
      && self->state == UNKNOT_SESSION_PREPARING)
    set_state (self, UNKNOT_SESSION_RUNNING);
  else if (g_array_index (self->segments, Segment, index).step < 0
           && self->state == UNKNOT_SESSION_RUNNING)
    set_state (self, UNKNOT_SESSION_PREPARING);

  enter_segment (self, index, pos, TRUE);
  update (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_suspended (UnknotSession *self)
{
  /* Monotonic time stood still while the machine slept; pause where the routine was. */
  if (is_running (self))
    {
      unknot_clock_cancel (self->clock, self->timer);
      self->timer = 0;
      self->frozen = self->last_position;
      self->paused_since = unknot_clock_now (self->clock);
      set_state (self, UNKNOT_SESSION_PAUSED);
      update (self);
    }
}

static void
unknot_session_dispose (GObject *object)
{
  UnknotSession *self = (UnknotSession *) object;

  if (self->clock != NULL)
    {
      unknot_clock_cancel (self->clock, self->timer);
      self->timer = 0;
      g_clear_signal_handler (&self->suspended_id, self->clock);
    }
  g_clear_object (&self->clock);
  g_clear_object (&self->routine);

  G_OBJECT_CLASS (unknot_session_parent_class)->dispose (object);
}

static void
unknot_session_finalize (GObject *object)
{
  g_array_unref (UNKNOT_SESSION (object)->segments);
  g_array_unref (UNKNOT_SESSION (object)->done);
  G_OBJECT_CLASS (unknot_session_parent_class)->finalize (object);
}

static void
unknot_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UnknotSession *self = UNKNOT_SESSION (object);

  switch (prop_id)
    {
    case PROP_ROUTINE:
      g_value_set_object (value, self->routine);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STEP_INDEX:
      g_value_set_int (value, unknot_session_get_step_index (self));
      break;
    case PROP_SIDE:
      g_value_set_enum (value, unknot_session_get_side (self));
      break;
    case PROP_STEP_REMAINING:
      g_value_set_uint (value, self->step_remaining);
      break;
    case PROP_TOTAL_REMAINING:
      g_value_set_uint (value, self->total_remaining);
      break;
    case PROP_PREPARATION:
      g_value_set_uint (value, effective_preparation (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_session_class_init (UnknotSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = unknot_session_dispose;
  object_class->finalize = unknot_session_finalize;
  object_class->get_property = unknot_session_get_property;

  properties[PROP_ROUTINE] =
    g_param_spec_object ("routine", NULL, NULL, UNKNOT_TYPE_ROUTINE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, UNKNOT_TYPE_SESSION_STATE, UNKNOT_SESSION_READY, ro);
  properties[PROP_STEP_INDEX] =
    g_param_spec_int ("step-index", NULL, NULL, -1, G_MAXINT, -1, ro);
  properties[PROP_SIDE] =
    g_param_spec_enum ("side", NULL, NULL, UNKNOT_TYPE_SIDE, UNKNOT_SIDE_NONE, ro);
  properties[PROP_STEP_REMAINING] =
    g_param_spec_uint ("step-remaining", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_TOTAL_REMAINING] =
    g_param_spec_uint ("total-remaining", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_PREPARATION] =
    g_param_spec_uint ("preparation", NULL, NULL, 0, G_MAXUINT, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UnknotSession::cue:
   * @kind: an #UnknotCueKind
   * @step: the step concerned, -1 for the countdown and the finish
   * @value: seconds left for a tick, the new side for a switch, the countdown for get-ready
   * @due: the monotonic time the cue belongs at (a boundary), for measuring latency
   */
  signals[CUE] = g_signal_new ("cue", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                               NULL, NULL, NULL, G_TYPE_NONE, 4,
                               G_TYPE_UINT, G_TYPE_INT, G_TYPE_UINT, G_TYPE_INT64);
}

static void
unknot_session_init (UnknotSession *self)
{
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->done = g_array_new (FALSE, TRUE, sizeof (gboolean));
}

/**
 * unknot_session_new:
 * @clock: (nullable): the clock to run on; the system's when %NULL
 *
 * The routine's steps are read when the session starts (and restarts).
 */
UnknotSession *
unknot_session_new (UnknotRoutine *routine,
                    UnknotClock   *clock)
{
  UnknotSession *self;

  g_return_val_if_fail (UNKNOT_IS_ROUTINE (routine), NULL);
  g_return_val_if_fail (clock == NULL || UNKNOT_IS_CLOCK (clock), NULL);

  self = g_object_new (UNKNOT_TYPE_SESSION, NULL);
  self->routine = g_object_ref (routine);
  self->clock = g_object_ref (clock ? clock : unknot_clock_get_system ());
  self->suspended_id = g_signal_connect_object (self->clock, "suspended",
                                                G_CALLBACK (on_suspended), self,
                                                G_CONNECT_SWAPPED);
  self->preparation = unknot_routine_get_preparation (routine);
  build_timeline (self);
  self->step_remaining = ceil_seconds (current (self)->end);
  self->total_remaining = ceil_seconds (self->duration);

  return self;
}

UnknotRoutine *
unknot_session_get_routine (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), NULL);
  return self->routine;
}

UnknotSessionState
unknot_session_get_state (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), UNKNOT_SESSION_READY);
  return self->state;
}

/* The get-ready countdown, in seconds; takes effect at the next start. */
void
unknot_session_set_preparation (UnknotSession *self,
                                guint          seconds)
{
  guint before;

  g_return_if_fail (UNKNOT_IS_SESSION (self));

  if (self->preparation == seconds)
    return;

  before = effective_preparation (self);
  self->preparation = seconds;
  if (self->state == UNKNOT_SESSION_READY)
    {
      build_timeline (self);
      self->segment = 0;
      update_display (self, 0);
    }
  if (effective_preparation (self) != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARATION]);
}

/* The countdown that runs: the one set, or longer when its words need it (make_room). */
guint
unknot_session_get_preparation (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);
  return effective_preparation (self);
}

/* -1 during the get-ready countdown, otherwise the current step. */
int
unknot_session_get_step_index (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), -1);
  return self->segments->len ? current (self)->step : -1;
}

/* Returns: (transfer none) (nullable): the current step, %NULL during the countdown. */
UnknotStep *
unknot_session_get_step (UnknotSession *self)
{
  int index = unknot_session_get_step_index (self);

  return index < 0 ? NULL : unknot_routine_get_step (self->routine, index);
}

/* Returns: (transfer none) (nullable): the step after the current one, if any. */
UnknotStep *
unknot_session_get_next_step (UnknotSession *self)
{
  int index = unknot_session_get_step_index (self) + 1;

  if ((guint) index >= unknot_routine_get_n_steps (self->routine))
    return NULL;
  return unknot_routine_get_step (self->routine, index);
}

/* The side being worked now: a "both" step reports left, then right. */
UnknotSide
unknot_session_get_side (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), UNKNOT_SIDE_NONE);
  return self->segments->len ? current (self)->side : UNKNOT_SIDE_NONE;
}

/* Whole seconds left in the current segment (the side, for a "both" step), rounded up. */
guint
unknot_session_get_step_remaining (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);
  return self->step_remaining;
}

guint
unknot_session_get_total_remaining (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);
  return self->total_remaining;
}

/* Microseconds since the start of the timeline (countdown included), exact. */
gint64
unknot_session_get_position (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);
  return position (self);
}

gint64
unknot_session_get_duration (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);
  return self->duration;
}

/* Where step @index begins on the timeline, in microseconds. */
gint64
unknot_session_get_step_start_time (UnknotSession *self,
                                    guint          index)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), -1);

  for (guint i = 0; i < self->segments->len; i++)
    if (g_array_index (self->segments, Segment, i).step == (int) index)
      return g_array_index (self->segments, Segment, i).start;
  return -1;
}

/* 0..1 through the current step (both halves of a "both" step together). */
double
unknot_session_get_step_progress (UnknotSession *self)
{
  int step;
  gint64 start, end, pos;

  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);

  if (self->segments->len == 0)
    return 0;

  step = current (self)->step;
  start = current (self)->start;
  end = current (self)->end;
  if (self->segment > 0 && step >= 0
      && g_array_index (self->segments, Segment, self->segment - 1).step == step)
    start = g_array_index (self->segments, Segment, self->segment - 1).start;
  if (self->segment + 1 < self->segments->len
      && g_array_index (self->segments, Segment, self->segment + 1).step == step && step >= 0)
    end = g_array_index (self->segments, Segment, self->segment + 1).end;

  pos = position (self);
  return end > start ? CLAMP ((double) (pos - start) / (end - start), 0.0, 1.0) : 1.0;
}

double
unknot_session_get_progress (UnknotSession *self)
{
  const Segment *first;
  gint64 start = 0;

  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);

  /* The steps' time only: the get-ready countdown is not part of the routine, so that a
   * one-step routine's progress is its step's. */
  first = &g_array_index (self->segments, Segment, 0);
  if (first->step < 0)
    start = first->end;
  if (self->duration <= start)
    return 1.0;
  return CLAMP ((double) (position (self) - start) / (self->duration - start), 0.0, 1.0);
}

gint64
unknot_session_get_paused_time (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);

  /* A wait before a hold step is counted as paused: the routine's clock stands still. */
  if (self->state == UNKNOT_SESSION_PAUSED || self->state == UNKNOT_SESSION_WAITING)
    return self->paused_time + unknot_clock_now (self->clock) - self->paused_since;
  return self->paused_time;
}

guint
unknot_session_get_n_skipped (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);
  return self->n_skipped;
}

/**
 * unknot_session_get_active_time:
 *
 * How long the steps ran since the last start, in microseconds: the time spent running, on the
 * session's clock, without the get-ready countdown and without pauses. Skipping a step does not
 * add its time.
 */
gint64
unknot_session_get_active_time (UnknotSession *self)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);

  if (self->state == UNKNOT_SESSION_RUNNING)
    return self->active_time + unknot_clock_now (self->clock) - self->running_since;
  return self->active_time;
}

/**
 * unknot_session_get_n_done:
 *
 * How many of the routine's steps ran to their end since the last start. A step left with
 * "next" before its end is not done, unless it ran to its end another time (after "previous").
 */
guint
unknot_session_get_n_done (UnknotSession *self)
{
  guint n = 0;

  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);

  for (guint i = 0; i < self->done->len; i++)
    n += g_array_index (self->done, gboolean, i) ? 1 : 0;
  return n;
}

void
unknot_session_start (UnknotSession *self)
{
  g_return_if_fail (UNKNOT_IS_SESSION (self));

  if (self->state == UNKNOT_SESSION_PAUSED || self->state == UNKNOT_SESSION_WAITING)
    {
      unknot_session_resume (self);
      return;
    }
  if (self->state != UNKNOT_SESSION_READY && self->state != UNKNOT_SESSION_FINISHED)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  build_timeline (self);
  self->paused_time = 0;
  self->n_skipped = 0;
  self->active_time = 0;
  g_array_set_size (self->done, 0);
  g_array_set_size (self->done, unknot_routine_get_n_steps (self->routine));
  self->origin = unknot_clock_now (self->clock);
  self->frozen = 0;
  self->segment = 0;
  if (self->duration == 0)
    {
      finish (self);   /* nothing to run */
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }
  set_state (self, current (self)->step < 0 ? UNKNOT_SESSION_PREPARING : UNKNOT_SESSION_RUNNING);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);

  self->tick_floor = ceil_seconds (current (self)->end);
  if (current (self)->step < 0)
    emit_cue (self, UNKNOT_CUE_GET_READY, -1, effective_preparation (self), self->origin);
  else if (holds_at (self, 0))
    wait_here (self);
  else
    emit_cue (self, UNKNOT_CUE_STEP_START, 0, 0, self->origin);
  update (self);

  g_object_thaw_notify (G_OBJECT (self));
}

void
unknot_session_pause (UnknotSession *self)
{
  g_return_if_fail (UNKNOT_IS_SESSION (self));

  if (!is_running (self))
    return;

  /* Settle any boundary that is due first, so the pause lands on the right step. */
  update (self);
  if (!is_running (self))   /* finished, or waiting before a hold step */
    return;

  self->frozen = position (self);
  self->paused_since = unknot_clock_now (self->clock);
  unknot_clock_cancel (self->clock, self->timer);
  self->timer = 0;
  set_state (self, UNKNOT_SESSION_PAUSED);
}

/* Goes on after a pause, or from a wait before a hold step: that step starts now, cued. */
void
unknot_session_resume (UnknotSession *self)
{
  g_return_if_fail (UNKNOT_IS_SESSION (self));

  if (self->state == UNKNOT_SESSION_WAITING)
    {
      g_object_freeze_notify (G_OBJECT (self));
      run_from_frozen (self);
      emit_cue (self, UNKNOT_CUE_STEP_START, current (self)->step, 0,
                self->origin + current (self)->start);
      update (self);
      g_object_thaw_notify (G_OBJECT (self));
      return;
    }

  if (self->state != UNKNOT_SESSION_PAUSED)
    return;

  run_from_frozen (self);
  update (self);
}

void
unknot_session_toggle_pause (UnknotSession *self)
{
  g_return_if_fail (UNKNOT_IS_SESSION (self));

  switch (self->state)
    {
    case UNKNOT_SESSION_PAUSED:
    case UNKNOT_SESSION_WAITING:
      unknot_session_resume (self);
      break;
    case UNKNOT_SESSION_RUNNING:
    case UNKNOT_SESSION_PREPARING:
      unknot_session_pause (self);
      break;
    case UNKNOT_SESSION_READY:
    case UNKNOT_SESSION_FINISHED:
    default:
      unknot_session_start (self);
      break;
    }
}

static gboolean
can_move (UnknotSession *self)
{
  return is_running (self) || self->state == UNKNOT_SESSION_PAUSED
         || self->state == UNKNOT_SESSION_WAITING;
}

/* To the start of the next step; from the last step, to the finish. While the routine waits
 * before a hold step, "next" is that step: the person goes on (a headset's button sends Next as
 * readily as Play). */
void
unknot_session_next (UnknotSession *self)
{
  int step;
  guint i;

  g_return_if_fail (UNKNOT_IS_SESSION (self));

  if (self->state == UNKNOT_SESSION_WAITING)
    {
      unknot_session_resume (self);
      return;
    }
  if (!can_move (self))
    return;

  update (self);
  if (self->state == UNKNOT_SESSION_FINISHED)
    return;

  step = current (self)->step;
  for (i = self->segment + 1; i < self->segments->len; i++)
    if (g_array_index (self->segments, Segment, i).step != step)
      break;

  self->n_skipped++;
  jump (self, i < self->segments->len ? g_array_index (self->segments, Segment, i).start
                                      : self->duration);
}

/* To the start of the current step when it has run a few seconds, else to the previous step. */
void
unknot_session_previous (UnknotSession *self)
{
  gint64 pos, step_start;
  int step;

  g_return_if_fail (UNKNOT_IS_SESSION (self));

  if (!can_move (self))
    return;

  update (self);
  if (self->state == UNKNOT_SESSION_FINISHED)
    return;

  pos = position (self);
  step = current (self)->step;
  if (step < 0)
    {
      jump (self, 0);
      return;
    }

  step_start = unknot_session_get_step_start_time (self, step);
  if (pos - step_start < UNKNOT_PREVIOUS_RESTARTS_AFTER * USEC && step > 0)
    step_start = unknot_session_get_step_start_time (self, step - 1);

  jump (self, step_start);
}

void
unknot_session_restart (UnknotSession *self)
{
  g_return_if_fail (UNKNOT_IS_SESSION (self));

  unknot_session_stop (self);
  unknot_session_start (self);
}

void
unknot_session_stop (UnknotSession *self)
{
  g_return_if_fail (UNKNOT_IS_SESSION (self));

  unknot_clock_cancel (self->clock, self->timer);
  self->timer = 0;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state == UNKNOT_SESSION_PAUSED || self->state == UNKNOT_SESSION_WAITING)
    self->paused_time += unknot_clock_now (self->clock) - self->paused_since;
  self->frozen = 0;
  self->segment = 0;
  set_state (self, UNKNOT_SESSION_READY);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_INDEX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
  update_display (self, 0);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * unknot_session_peek_next_cue:
 *
 * What the session will cue next if nobody touches it, and when (monotonic microseconds), so
 * that its sound can be prepared and placed exactly at the boundary. %FALSE when nothing runs.
 */
gboolean
unknot_session_peek_next_cue (UnknotSession *self,
                              UnknotCueKind *kind,
                              int           *step,
                              guint         *value,
                              gint64        *due)
{
  const Segment *seg;
  gint64 pos;

  g_return_val_if_fail (UNKNOT_IS_SESSION (self), FALSE);

  if (!is_running (self))
    return FALSE;

  pos = position (self);
  seg = current (self);

  if (seg->ends_step)
    for (guint k = 3; k >= 1; k--)
      {
        gint64 at = seg->end - (gint64) k * USEC;

        if (at > pos && at > seg->start && k < self->tick_floor)
          {
            *kind = UNKNOT_CUE_TICK;
            *step = seg->step;
            *value = k;
            *due = self->origin + at;
            return TRUE;
          }
      }

  *due = self->origin + seg->end;
  if (self->segment + 1 >= self->segments->len)
    {
      *kind = UNKNOT_CUE_FINISH;
      *step = -1;
      *value = 0;
    }
  else
    {
      const Segment *next = &g_array_index (self->segments, Segment, self->segment + 1);

      *kind = next->step == seg->step ? UNKNOT_CUE_SWITCH_SIDES
              : holds_at (self, self->segment + 1) ? UNKNOT_CUE_HOLD : UNKNOT_CUE_STEP_START;
      *step = next->step;
      *value = next->step == seg->step ? next->side : 0;
    }
  return TRUE;
}

/* The time from a segment's start to the segment's first tick, or to its end when @ticks is
 * FALSE or it has none: what the ticks of peek_next_cue() give for a segment of @length. */
static gint64
room_in (gint64   length,
         gboolean ticks)
{
  gint64 k = ticks ? MIN (3, (gint64) ceil_seconds (length) - 1) : 0;

  return k >= 1 ? length - k * USEC : length;
}

/**
 * unknot_session_get_cue_room:
 * @ticks: whether the ticks before a step's end are heard (they count as the next cue)
 *
 * How long after the boundary of the cue (@kind, @step, @value, as the "cue" signal gives them)
 * the next cue comes, in microseconds, if nobody touches the routine: what may be said after it
 * without being cut or overlapped. G_MAXINT64 for the finish and a hold (nothing follows them
 * by itself) and for a cue the routine does not have.
 */
gint64
unknot_session_get_cue_room (UnknotSession *self,
                             UnknotCueKind  kind,
                             int            step,
                             guint          value,
                             gboolean       ticks)
{
  g_return_val_if_fail (UNKNOT_IS_SESSION (self), 0);

  if (kind != UNKNOT_CUE_GET_READY && kind != UNKNOT_CUE_STEP_START
      && kind != UNKNOT_CUE_SWITCH_SIDES)
    return G_MAXINT64;

  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *seg = &g_array_index (self->segments, Segment, i);

      if (seg->step != (kind == UNKNOT_CUE_GET_READY ? -1 : step)
          || (kind == UNKNOT_CUE_SWITCH_SIDES && seg->side != (UnknotSide) value))
        continue;
      return seg->ends_step ? room_in (seg->end - seg->start, ticks) : seg->end - seg->start;
    }
  return G_MAXINT64;
}

/**
 * unknot_session_make_room:
 * @usec: how long the get-ready cue's sound and words last
 * @ticks: whether the countdown's ticks are heard
 *
 * Lengthens the get-ready countdown, when there is one, so that @usec fit between its start and
 * its next cue (never shortens it). Takes effect at once while the countdown has not ended, and
 * at every start after that.
 */
void
unknot_session_make_room (UnknotSession *self,
                          gint64         usec,
                          gboolean       ticks)
{
  guint needed, before;

  g_return_if_fail (UNKNOT_IS_SESSION (self));

  needed = usec <= USEC ? 1 : ceil_seconds (usec) + (ticks ? 3 : 0);
  needed = MIN (needed, UNKNOT_MAX_PREPARATION);
  if (needed <= self->min_preparation)
    return;

  before = effective_preparation (self);
  self->min_preparation = needed;
  if (effective_preparation (self) == before)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state == UNKNOT_SESSION_READY)
    {
      build_timeline (self);
      self->segment = 0;
      update_display (self, 0);
    }
  else if (self->state != UNKNOT_SESSION_FINISHED && current (self)->step < 0)
    {
      /* Still counting down: the steps move later, the time already counted stays. */
      gint64 pos = position (self);

      build_timeline (self);
      self->segment = 0;
      self->tick_floor = ceil_seconds (current (self)->end - pos);
      update (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARATION]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
unknot_session_state_to_string (UnknotSessionState state)
{
  g_return_val_if_fail (state <= UNKNOT_SESSION_WAITING, NULL);
  return unknot_enum_to_nick (UNKNOT_TYPE_SESSION_STATE, state);
}
