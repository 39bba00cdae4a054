/* unknot-wall-clock.c
 *
 * The wall clock, unlike UnknotClock's monotonic one, can jump: the person or NTP sets it, the
 * time zone or summer time changes, and it runs on through a suspend while the monotonic clock
 * stops. Reminders are due at times of day on it; "changed" says that those times moved.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib-unix.h>
#ifdef __linux__
#include <sys/timerfd.h>
#include <unistd.h>
#endif

#include "unknot-wall-clock.h"

G_DEFINE_ABSTRACT_TYPE (UnknotWallClock, unknot_wall_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
unknot_wall_clock_class_init (UnknotWallClockClass *klass)
{
  /**
   * UnknotWallClock::changed:
   *
   * The time zone changed, or the clock was set: times of day fall elsewhere now.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
unknot_wall_clock_init (UnknotWallClock *self)
{
}

/* Microseconds since the epoch (UTC). */
gint64
unknot_wall_clock_now_real (UnknotWallClock *self)
{
  g_return_val_if_fail (UNKNOT_IS_WALL_CLOCK (self), 0);
  return UNKNOT_WALL_CLOCK_GET_CLASS (self)->now_real (self);
}

/* Returns: (transfer none): the person's time zone, now. */
GTimeZone *
unknot_wall_clock_get_timezone (UnknotWallClock *self)
{
  g_return_val_if_fail (UNKNOT_IS_WALL_CLOCK (self), NULL);
  return UNKNOT_WALL_CLOCK_GET_CLASS (self)->get_timezone (self);
}

/* Returns: (transfer full): now, in the person's time zone. */
GDateTime *
unknot_wall_clock_now (UnknotWallClock *self)
{
  gint64 real = unknot_wall_clock_now_real (self);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (real / G_USEC_PER_SEC);
  g_autoptr(GDateTime) exact = g_date_time_add (utc, real % G_USEC_PER_SEC);

  return g_date_time_to_timezone (exact, unknot_wall_clock_get_timezone (self));
}

void
unknot_wall_clock_emit_changed (UnknotWallClock *self)
{
  g_return_if_fail (UNKNOT_IS_WALL_CLOCK (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The system's wall clock: g_get_real_time() in the local time zone, which is read again when
 * /etc/localtime changes. A set clock is seen at once through a timer that the kernel cancels
 * when the clock is set (Linux), so nothing needs to wake up to look. */

#define UNKNOT_TYPE_SYSTEM_WALL_CLOCK (unknot_system_wall_clock_get_type ())
G_DECLARE_FINAL_TYPE (UnknotSystemWallClock, unknot_system_wall_clock, UNKNOT, SYSTEM_WALL_CLOCK,
                      UnknotWallClock)

struct _UnknotSystemWallClock
{
  UnknotWallClock  parent_instance;
  GTimeZone       *tz;
  char            *localtime_path;   /* NULL: TZ, or else /etc/localtime */
  GFileMonitor    *localtime_monitor;
  int              set_fd;         /* timerfd cancelled when the clock is set, or -1 */
  guint            set_watch;
};

G_DEFINE_FINAL_TYPE (UnknotSystemWallClock, unknot_system_wall_clock, UNKNOT_TYPE_WALL_CLOCK)

static gint64
system_now_real (UnknotWallClock *clock)
{
  return g_get_real_time ();
}

static GTimeZone *
system_get_timezone (UnknotWallClock *clock)
{
  return UNKNOT_SYSTEM_WALL_CLOCK (clock)->tz;
}

static GTimeZone *
load_timezone (UnknotSystemWallClock *self)
{
  GTimeZone *tz;

  if (self->localtime_path != NULL)
    {
      tz = g_time_zone_new_identifier (self->localtime_path);
      return tz != NULL ? tz : g_time_zone_new_utc ();
    }

  /* g_time_zone_new_local() caches its answer for the life of the process; a zone named from
   * TZ or the /etc/localtime link is looked up afresh (once no one holds the old one). */
  tz = g_time_zone_new_identifier (NULL);
  return tz != NULL ? tz : g_time_zone_new_local ();
}

static void
on_localtime_changed (UnknotSystemWallClock *self,
                      GFile                 *file,
                      GFile                 *other,
                      GFileMonitorEvent      event)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT && event != G_FILE_MONITOR_EVENT_CREATED
      && event != G_FILE_MONITOR_EVENT_DELETED && event != G_FILE_MONITOR_EVENT_RENAMED
      && event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;

  /* Let go of the old zone first: GLib keeps a zone by its name while someone holds it. */
  g_time_zone_unref (self->tz);
  self->tz = load_timezone (self);
  unknot_wall_clock_emit_changed (UNKNOT_WALL_CLOCK (self));
}

#ifdef __linux__
static gboolean
arm_set_timer (int fd)
{
  /* Far in the future: it never expires; setting the clock cancels it (ECANCELED on read). */
  struct itimerspec spec = { { 0, 0 }, { G_MAXINT32, 0 } };

  return timerfd_settime (fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec, NULL) == 0;
}

static gboolean
on_clock_set (int          fd,
              GIOCondition condition,
              gpointer     data)
{
  UnknotSystemWallClock *self = data;
  guint64 expirations;

  if (read (fd, &expirations, sizeof expirations) < 0 && errno != ECANCELED && errno != EAGAIN)
    {
      self->set_watch = 0;
      return G_SOURCE_REMOVE;
    }
  arm_set_timer (fd);
  unknot_wall_clock_emit_changed (UNKNOT_WALL_CLOCK (self));
  return G_SOURCE_CONTINUE;
}
#endif

static void
unknot_system_wall_clock_finalize (GObject *object)
{
  UnknotSystemWallClock *self = (UnknotSystemWallClock *) object;

  g_clear_handle_id (&self->set_watch, g_source_remove);
  if (self->set_fd >= 0)
    close (self->set_fd);
  g_clear_object (&self->localtime_monitor);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->localtime_path);
  G_OBJECT_CLASS (unknot_system_wall_clock_parent_class)->finalize (object);
}

static void
unknot_system_wall_clock_class_init (UnknotSystemWallClockClass *klass)
{
  UnknotWallClockClass *clock_class = UNKNOT_WALL_CLOCK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = unknot_system_wall_clock_finalize;
  clock_class->now_real = system_now_real;
  clock_class->get_timezone = system_get_timezone;
}

static void
unknot_system_wall_clock_init (UnknotSystemWallClock *self)
{
  self->set_fd = -1;
}

/**
 * unknot_system_wall_clock_new:
 * @localtime_path: (nullable): the time zone file to follow; %NULL for the system's: TZ if set,
 *   else /etc/localtime
 *
 * Returns: (transfer full): the system's real time, in the time zone of @localtime_path, told
 * again ("changed") when that file is replaced or the clock is set.
 */
UnknotWallClock *
unknot_system_wall_clock_new (const char *localtime_path)
{
  UnknotSystemWallClock *self = g_object_new (UNKNOT_TYPE_SYSTEM_WALL_CLOCK, NULL);
  const char *watched = localtime_path != NULL ? localtime_path : "/etc/localtime";

  self->localtime_path = g_strdup (localtime_path);
  self->tz = load_timezone (self);

  /* TZ in the environment overrides /etc/localtime; without it, the file is the time zone. */
  if (localtime_path != NULL || g_getenv ("TZ") == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (watched);

      self->localtime_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL,
                                                     NULL);
      if (self->localtime_monitor != NULL)
        g_signal_connect_object (self->localtime_monitor, "changed",
                                 G_CALLBACK (on_localtime_changed), self, G_CONNECT_SWAPPED);
    }

#ifdef __linux__
  self->set_fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->set_fd >= 0 && arm_set_timer (self->set_fd))
    self->set_watch = g_unix_fd_add (self->set_fd, G_IO_IN, on_clock_set, self);
#endif
  return UNKNOT_WALL_CLOCK (self);
}

/* Returns: (transfer none): the wall clock of this process. */
UnknotWallClock *
unknot_wall_clock_get_system (void)
{
  static UnknotWallClock *system;

  if (g_once_init_enter (&system))
    g_once_init_leave (&system, unknot_system_wall_clock_new (NULL));

  return system;
}

/* The fake wall clock: runs with a fake monotonic clock from a given time, and jumps (a suspend,
 * a clock set by hand) or changes its time zone when a test says so. */

struct _UnknotFakeWallClock
{
  UnknotWallClock  parent_instance;
  UnknotFakeClock *monotonic;
  gint64           offset;   /* real time minus monotonic time */
  GTimeZone       *tz;
};

G_DEFINE_FINAL_TYPE (UnknotFakeWallClock, unknot_fake_wall_clock, UNKNOT_TYPE_WALL_CLOCK)

static gint64
fake_now_real (UnknotWallClock *clock)
{
  UnknotFakeWallClock *self = UNKNOT_FAKE_WALL_CLOCK (clock);

  return unknot_clock_now (UNKNOT_CLOCK (self->monotonic)) + self->offset;
}

static GTimeZone *
fake_get_timezone (UnknotWallClock *clock)
{
  return UNKNOT_FAKE_WALL_CLOCK (clock)->tz;
}

static void
unknot_fake_wall_clock_finalize (GObject *object)
{
  UnknotFakeWallClock *self = (UnknotFakeWallClock *) object;

  g_clear_object (&self->monotonic);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  G_OBJECT_CLASS (unknot_fake_wall_clock_parent_class)->finalize (object);
}

static void
unknot_fake_wall_clock_class_init (UnknotFakeWallClockClass *klass)
{
  UnknotWallClockClass *clock_class = UNKNOT_WALL_CLOCK_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = unknot_fake_wall_clock_finalize;
  clock_class->now_real = fake_now_real;
  clock_class->get_timezone = fake_get_timezone;
}

static void
unknot_fake_wall_clock_init (UnknotFakeWallClock *self)
{
}

/* A wall clock at @start (in its time zone) now, moving on with @monotonic. */
UnknotWallClock *
unknot_fake_wall_clock_new (UnknotFakeClock *monotonic,
                            GDateTime       *start)
{
  UnknotFakeWallClock *self;

  g_return_val_if_fail (UNKNOT_IS_FAKE_CLOCK (monotonic), NULL);
  g_return_val_if_fail (start != NULL, NULL);

  self = g_object_new (UNKNOT_TYPE_FAKE_WALL_CLOCK, NULL);
  self->monotonic = g_object_ref (monotonic);
  self->tz = g_time_zone_ref (g_date_time_get_timezone (start));
  self->offset = g_date_time_to_unix (start) * G_USEC_PER_SEC
                 + g_date_time_get_microsecond (start)
                 - unknot_clock_now (UNKNOT_CLOCK (monotonic));
  return UNKNOT_WALL_CLOCK (self);
}

/* Moves the wall clock by @usec (either way) while the monotonic one stands: what a suspend
 * does, or a clock set by hand. Says nothing: a suspend is told by logind, a set clock by
 * unknot_wall_clock_emit_changed(). */
void
unknot_fake_wall_clock_jump (UnknotFakeWallClock *self,
                             gint64               usec)
{
  g_return_if_fail (UNKNOT_IS_FAKE_WALL_CLOCK (self));
  self->offset += usec;
}

void
unknot_fake_wall_clock_set_timezone (UnknotFakeWallClock *self,
                                     GTimeZone           *tz)
{
  g_return_if_fail (UNKNOT_IS_FAKE_WALL_CLOCK (self));
  g_return_if_fail (tz != NULL);

  g_time_zone_unref (self->tz);
  self->tz = g_time_zone_ref (tz);
  unknot_wall_clock_emit_changed (UNKNOT_WALL_CLOCK (self));
}
