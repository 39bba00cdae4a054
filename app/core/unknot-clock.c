/* unknot-clock.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <time.h>

#include "unknot-clock.h"

G_DEFINE_ABSTRACT_TYPE (UnknotClock, unknot_clock, G_TYPE_OBJECT)

enum {
  SUSPENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
unknot_clock_class_init (UnknotClockClass *klass)
{
  /**
   * UnknotClock::suspended:
   *
   * The machine was suspended and has woken up. Monotonic time does not advance during a
   * suspend, so nothing was skipped; a routine pauses where it was.
   */
  signals[SUSPENDED] = g_signal_new ("suspended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
unknot_clock_init (UnknotClock *self)
{
}

/* Microseconds, monotonic. */
gint64
unknot_clock_now (UnknotClock *self)
{
  g_return_val_if_fail (UNKNOT_IS_CLOCK (self), 0);
  return UNKNOT_CLOCK_GET_CLASS (self)->now (self);
}

/* Calls @func once, at @deadline (monotonic microseconds) or as soon as possible after it. */
guint
unknot_clock_schedule (UnknotClock     *self,
                       gint64           deadline,
                       UnknotClockFunc  func,
                       gpointer         user_data)
{
  g_return_val_if_fail (UNKNOT_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);
  return UNKNOT_CLOCK_GET_CLASS (self)->schedule (self, deadline, func, user_data);
}

void
unknot_clock_cancel (UnknotClock *self,
                     guint        id)
{
  g_return_if_fail (UNKNOT_IS_CLOCK (self));
  if (id != 0)
    UNKNOT_CLOCK_GET_CLASS (self)->cancel (self, id);
}

void
unknot_clock_emit_suspended (UnknotClock *self)
{
  g_return_if_fail (UNKNOT_IS_CLOCK (self));
  g_signal_emit (self, signals[SUSPENDED], 0);
}

/* The system clock: g_get_monotonic_time() and GSources with an exact ready time. */

#define UNKNOT_TYPE_SYSTEM_CLOCK (unknot_system_clock_get_type ())
G_DECLARE_FINAL_TYPE (UnknotSystemClock, unknot_system_clock, UNKNOT, SYSTEM_CLOCK, UnknotClock)

struct _UnknotSystemClock
{
  UnknotClock  parent_instance;
  GHashTable  *sources;   /* id -> GSource */
};

G_DEFINE_FINAL_TYPE (UnknotSystemClock, unknot_system_clock, UNKNOT_TYPE_CLOCK)

typedef struct {
  GSource            source;
  UnknotSystemClock *clock;
  UnknotClockFunc    func;
  gpointer           user_data;
  gint64             sleep_at_schedule;
} WakeupSource;

/* How much longer the boot clock has run than the monotonic one: it grows only in a suspend. */
static gint64
time_asleep (void)
{
#ifdef CLOCK_BOOTTIME
  struct timespec boot, mono;

  if (clock_gettime (CLOCK_BOOTTIME, &boot) == 0 && clock_gettime (CLOCK_MONOTONIC, &mono) == 0)
    return (boot.tv_sec - mono.tv_sec) * G_USEC_PER_SEC + (boot.tv_nsec - mono.tv_nsec) / 1000;
#endif
  return 0;
}

static gboolean
wakeup_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     user_data)
{
  WakeupSource *wakeup = (WakeupSource *) source;
  g_autoptr(UnknotSystemClock) clock = g_object_ref (wakeup->clock);
  UnknotClockFunc func = wakeup->func;
  gpointer data = wakeup->user_data;
  gboolean slept = time_asleep () - wakeup->sleep_at_schedule > G_USEC_PER_SEC / 2;

  g_hash_table_remove (clock->sources, GUINT_TO_POINTER (g_source_get_id (source)));

  if (slept)
    unknot_clock_emit_suspended (UNKNOT_CLOCK (clock));
  func (data);

  return G_SOURCE_REMOVE;
}

static GSourceFuncs wakeup_funcs = { NULL, NULL, wakeup_dispatch, NULL, NULL, NULL };

static gint64
system_now (UnknotClock *self)
{
  return g_get_monotonic_time ();
}

static guint
system_schedule (UnknotClock     *clock,
                 gint64           deadline,
                 UnknotClockFunc  func,
                 gpointer         user_data)
{
  UnknotSystemClock *self = UNKNOT_SYSTEM_CLOCK (clock);
  GSource *source = g_source_new (&wakeup_funcs, sizeof (WakeupSource));
  WakeupSource *wakeup = (WakeupSource *) source;
  guint id;

  wakeup->clock = self;
  wakeup->func = func;
  wakeup->user_data = user_data;
  wakeup->sleep_at_schedule = time_asleep ();
  g_source_set_name (source, "[unknot] routine wake-up");
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_ready_time (source, deadline);
  id = g_source_attach (source, NULL);
  g_hash_table_insert (self->sources, GUINT_TO_POINTER (id), source);

  return id;
}

static void
system_cancel (UnknotClock *clock,
               guint        id)
{
  UnknotSystemClock *self = UNKNOT_SYSTEM_CLOCK (clock);
  GSource *source = g_hash_table_lookup (self->sources, GUINT_TO_POINTER (id));

  if (source != NULL)
    {
      g_source_destroy (source);
      g_hash_table_remove (self->sources, GUINT_TO_POINTER (id));
    }
}

static void
unknot_system_clock_finalize (GObject *object)
{
  UnknotSystemClock *self = (UnknotSystemClock *) object;

  g_hash_table_unref (self->sources);
  G_OBJECT_CLASS (unknot_system_clock_parent_class)->finalize (object);
}

static void
unknot_system_clock_class_init (UnknotSystemClockClass *klass)
{
  UnknotClockClass *clock_class = UNKNOT_CLOCK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = unknot_system_clock_finalize;
  clock_class->now = system_now;
  clock_class->schedule = system_schedule;
  clock_class->cancel = system_cancel;
}

static void
destroy_source (gpointer data)
{
  GSource *source = data;

  g_source_destroy (source);
  g_source_unref (source);
}

static void
unknot_system_clock_init (UnknotSystemClock *self)
{
  self->sources = g_hash_table_new_full (NULL, NULL, NULL, destroy_source);
}

/* Returns: (transfer none): the clock of this process. */
UnknotClock *
unknot_clock_get_system (void)
{
  static UnknotClock *system;

  if (g_once_init_enter (&system))
    g_once_init_leave (&system, g_object_new (UNKNOT_TYPE_SYSTEM_CLOCK, NULL));

  return system;
}

/* The fake clock: time moves only when a test says so; wake-ups run in deadline order. */

typedef struct {
  guint           id;
  gint64          deadline;
  UnknotClockFunc func;
  gpointer        user_data;
} FakeWakeup;

struct _UnknotFakeClock
{
  UnknotClock  parent_instance;
  gint64       now;
  guint        last_id;
  guint        n_wakeups;
  GArray      *pending;   /* of FakeWakeup */
};

G_DEFINE_FINAL_TYPE (UnknotFakeClock, unknot_fake_clock, UNKNOT_TYPE_CLOCK)

static gint64
fake_now (UnknotClock *clock)
{
  return UNKNOT_FAKE_CLOCK (clock)->now;
}

static guint
fake_schedule (UnknotClock     *clock,
               gint64           deadline,
               UnknotClockFunc  func,
               gpointer         user_data)
{
  UnknotFakeClock *self = UNKNOT_FAKE_CLOCK (clock);
  FakeWakeup w = { ++self->last_id, deadline, func, user_data };

  g_array_append_val (self->pending, w);
  return w.id;
}

static void
fake_cancel (UnknotClock *clock,
             guint        id)
{
  UnknotFakeClock *self = UNKNOT_FAKE_CLOCK (clock);

  for (guint i = 0; i < self->pending->len; i++)
    if (g_array_index (self->pending, FakeWakeup, i).id == id)
      {
        g_array_remove_index (self->pending, i);
        return;
      }
}

static void
unknot_fake_clock_finalize (GObject *object)
{
  g_array_unref (UNKNOT_FAKE_CLOCK (object)->pending);
  G_OBJECT_CLASS (unknot_fake_clock_parent_class)->finalize (object);
}

static void
unknot_fake_clock_class_init (UnknotFakeClockClass *klass)
{
  UnknotClockClass *clock_class = UNKNOT_CLOCK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = unknot_fake_clock_finalize;
  clock_class->now = fake_now;
  clock_class->schedule = fake_schedule;
  clock_class->cancel = fake_cancel;
}

static void
unknot_fake_clock_init (UnknotFakeClock *self)
{
  self->pending = g_array_new (FALSE, FALSE, sizeof (FakeWakeup));
}

UnknotClock *
unknot_fake_clock_new (gint64 start)
{
  UnknotFakeClock *self = g_object_new (UNKNOT_TYPE_FAKE_CLOCK, NULL);

  self->now = start;
  return UNKNOT_CLOCK (self);
}

static gint
earliest_due (UnknotFakeClock *self,
              gint64           until)
{
  gint best = -1;

  for (guint i = 0; i < self->pending->len; i++)
    {
      FakeWakeup *w = &g_array_index (self->pending, FakeWakeup, i);

      if (w->deadline <= until
          && (best < 0 || w->deadline < g_array_index (self->pending, FakeWakeup, best).deadline))
        best = i;
    }
  return best;
}

/* Moves time forward by @usec, running every wake-up that falls due, each at its own deadline. */
void
unknot_fake_clock_advance (UnknotFakeClock *self,
                           gint64           usec)
{
  gint64 until;
  gint i;

  g_return_if_fail (UNKNOT_IS_FAKE_CLOCK (self));
  g_return_if_fail (usec >= 0);

  until = self->now + usec;
  while ((i = earliest_due (self, until)) >= 0)
    {
      FakeWakeup w = g_array_index (self->pending, FakeWakeup, i);

      g_array_remove_index (self->pending, i);
      self->now = MAX (self->now, w.deadline);
      self->n_wakeups++;
      w.func (w.user_data);
    }
  self->now = until;
}

/* The next deadline, or -1 when nothing is scheduled. */
gint64
unknot_fake_clock_next_wakeup (UnknotFakeClock *self)
{
  gint i;

  g_return_val_if_fail (UNKNOT_IS_FAKE_CLOCK (self), -1);

  i = earliest_due (self, G_MAXINT64);
  return i < 0 ? -1 : g_array_index (self->pending, FakeWakeup, i).deadline;
}

guint
unknot_fake_clock_get_n_wakeups (UnknotFakeClock *self)
{
  g_return_val_if_fail (UNKNOT_IS_FAKE_CLOCK (self), 0);
  return self->n_wakeups;
}

guint
unknot_fake_clock_get_n_pending (UnknotFakeClock *self)
{
  g_return_val_if_fail (UNKNOT_IS_FAKE_CLOCK (self), 0);
  return self->pending->len;
}
