/* unknot-reminders.c
 *
 * The reminder times are times of day on given weekdays, in the person's time zone. Nothing
 * ticks: one wake-up is armed, on the monotonic clock, for the next time due. The monotonic
 * clock stops in a suspend and ignores a clock set by hand or a new time zone, so on each of
 * those (and on every wake-up) the wall clock is read again and the wake-up re-armed. What fell
 * due since the last look comes once, if it is no older than UNKNOT_REMINDER_GRACE; older ones are
 * dropped (no one wants a desk break for a meeting that ended hours ago).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "unknot-reminders.h"
#include "unknot-types.h"

struct _UnknotReminders
{
  GObject          parent_instance;

  UnknotClock     *clock;
  UnknotWallClock *wall_clock;
  GArray          *times;          /* minutes after midnight, sorted, unique */
  guint            days;           /* UNKNOT_WEEKDAY_BIT()s */
  gboolean         enabled;

  gint64           handled_until;  /* real time: what was due until then was dealt with */
  gint64           snoozed_until;  /* real time of a snoozed reminder, or 0 */
  GDateTime       *next;

  guint            wakeup_id;      /* on self->clock */
  gint64           armed_real;
  gint64           armed_monotonic;
};

G_DEFINE_FINAL_TYPE (UnknotReminders, unknot_reminders, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NEXT,
  N_PROPS
};

enum {
  DUE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void check (UnknotReminders *self);

/**
 * unknot_parse_time_of_day:
 * @text: "HH:MM" (or "H:MM"), 24-hour
 *
 * Returns: whether @text is a time of day; if not, @error says why, in words for the person.
 */
gboolean
unknot_parse_time_of_day (const char  *text,
                          int         *hour,
                          int         *minute,
                          GError     **error)
{
  const char *colon;
  gsize hour_len;

  g_return_val_if_fail (text != NULL, FALSE);

  colon = strchr (text, ':');
  hour_len = colon != NULL ? (gsize) (colon - text) : 0;
  if (colon == NULL || hour_len < 1 || hour_len > 2 || strlen (colon + 1) != 2
      || !g_ascii_isdigit (text[0]) || (hour_len == 2 && !g_ascii_isdigit (text[1]))
      || !g_ascii_isdigit (colon[1]) || !g_ascii_isdigit (colon[2]))
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                   /* Translators: %s is what the person typed as a reminder time */
                   _("“%s” is not a time: write hours and minutes as HH:MM, such as 09:30"),
                   text);
      return FALSE;
    }

  *hour = atoi (text);
  *minute = atoi (colon + 1);
  if (*hour > 23 || *minute > 59)
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                   /* Translators: %s is what the person typed as a reminder time */
                   _("“%s” is not a time of day: hours go from 00 to 23, minutes from 00 to 59"),
                   text);
      return FALSE;
    }
  return TRUE;
}

static gint64
to_real (GDateTime *dt)
{
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

/* Calls @func with the real time of every reminder time on the days from @first to @last
 * (local dates, noon), on the chosen weekdays. */
static void
foreach_due (UnknotReminders *self,
             GDateTime       *first,
             int              n_days,
             void           (*func) (gint64 due, gint64 *state),
             gint64          *state)
{
  GTimeZone *tz = g_date_time_get_timezone (first);

  for (int d = 0; d < n_days; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, d);
      int y, m, dd;

      if (!(self->days & UNKNOT_WEEKDAY_BIT (g_date_time_get_day_of_week (day))))
        continue;
      g_date_time_get_ymd (day, &y, &m, &dd);
      for (guint i = 0; i < self->times->len; i++)
        {
          int minutes = g_array_index (self->times, int, i);
          /* In a summer-time gap GLib moves the time to one that exists. */
          g_autoptr(GDateTime) due = g_date_time_new (tz, y, m, dd, minutes / 60, minutes % 60, 0);

          if (due != NULL)
            func (to_real (due), state);
        }
    }
}

/* state: { from, to, latest } */
static void
take_latest_in (gint64  due,
                gint64 *state)
{
  if (due > state[0] && due <= state[1] && due > state[2])
    state[2] = due;
}

/* state: { after, earliest } */
static void
take_earliest_after (gint64  due,
                     gint64 *state)
{
  if (due > state[0] && (state[1] == 0 || due < state[1]))
    state[1] = due;
}

static GDateTime *
local_noon (GDateTime *dt,
            int        days)
{
  g_autoptr(GDateTime) shifted = g_date_time_add_days (dt, days);
  int y, m, d;

  g_date_time_get_ymd (shifted, &y, &m, &d);
  return g_date_time_new (g_date_time_get_timezone (dt), y, m, d, 12, 0, 0);
}

/* The latest reminder in (from, to], or 0. */
static gint64
latest_due (UnknotReminders *self,
            GDateTime       *now,
            gint64           from,
            gint64           to)
{
  g_autoptr(GDateTime) yesterday = local_noon (now, -1);
  gint64 state[3] = { from, to, 0 };

  /* The window is at most UNKNOT_REMINDER_GRACE long: yesterday and today cover it. */
  foreach_due (self, yesterday, 2, take_latest_in, state);
  if (self->snoozed_until != 0)
    take_latest_in (self->snoozed_until, state);
  return state[2];
}

/* The next reminder after @now, or 0 when none will come. */
static gint64
next_due (UnknotReminders *self,
          GDateTime       *now)
{
  g_autoptr(GDateTime) today = local_noon (now, 0);
  gint64 state[2] = { to_real (now), 0 };

  /* Today and the next seven days hold a reminder if any weekday is chosen. */
  foreach_due (self, today, 8, take_earliest_after, state);
  if (self->snoozed_until != 0)
    take_earliest_after (self->snoozed_until, state);
  return state[1];
}

static void
on_wakeup (gpointer data)
{
  UnknotReminders *self = data;
  gint64 real_gone = unknot_wall_clock_now_real (self->wall_clock) - self->armed_real;
  gint64 monotonic_gone = unknot_clock_now (self->clock) - self->armed_monotonic;

  self->wakeup_id = 0;
  /* The wall clock moved on more or less than the monotonic one: a suspend (where the monotonic
   * one stops) or the clock set. check() goes by the wall clock either way. */
  if (ABS (real_gone - monotonic_gone) > 2 * G_USEC_PER_SEC)
    g_debug ("Reminders: the wall clock jumped by %" G_GINT64_FORMAT " s",
             (real_gone - monotonic_gone) / G_USEC_PER_SEC);
  check (self);
}

static void
set_next (UnknotReminders *self,
          gint64           real)
{
  g_autoptr(GDateTime) next = NULL;

  if (real != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (real / G_USEC_PER_SEC);

      next = g_date_time_to_timezone (utc, unknot_wall_clock_get_timezone (self->wall_clock));
    }
  /* The same instant in another time zone is another time of day to show. */
  if (next == NULL ? self->next == NULL
                   : self->next != NULL && g_date_time_equal (next, self->next)
                     && g_date_time_get_utc_offset (next) == g_date_time_get_utc_offset (self->next))
    return;
  g_clear_pointer (&self->next, g_date_time_unref);
  self->next = g_steal_pointer (&next);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT]);
}

/* Looks at the wall clock: says what fell due since the last look, arms the next wake-up. */
static void
check (UnknotReminders *self)
{
  g_autoptr(GDateTime) now = NULL;
  gint64 now_real, due = 0, next;

  unknot_clock_cancel (self->clock, self->wakeup_id);
  self->wakeup_id = 0;
  if (!self->enabled)
    {
      set_next (self, 0);
      return;
    }

  now = unknot_wall_clock_now (self->wall_clock);
  now_real = to_real (now);
  /* A clock set back makes nothing due; one set forward, what it skipped, within the grace. */
  if (now_real > self->handled_until)
    due = latest_due (self, now, MAX (self->handled_until, now_real - UNKNOT_REMINDER_GRACE),
                      now_real);
  self->handled_until = now_real;
  if (self->snoozed_until != 0 && self->snoozed_until <= now_real)
    self->snoozed_until = 0;

  next = next_due (self, now);
  if (next != 0)
    {
      self->armed_real = now_real;
      self->armed_monotonic = unknot_clock_now (self->clock);
      self->wakeup_id = unknot_clock_schedule (self->clock,
                                               self->armed_monotonic + (next - now_real),
                                               on_wakeup, self);
    }
  set_next (self, next);

  /* Last: a handler may snooze, which checks again. */
  if (due != 0)
    g_signal_emit (self, signals[DUE], 0, due);
}

static void
unknot_reminders_dispose (GObject *object)
{
  UnknotReminders *self = (UnknotReminders *) object;

  if (self->clock != NULL)
    unknot_clock_cancel (self->clock, self->wakeup_id);
  self->wakeup_id = 0;
  if (self->wall_clock != NULL)
    g_signal_handlers_disconnect_by_data (self->wall_clock, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->wall_clock);

  G_OBJECT_CLASS (unknot_reminders_parent_class)->dispose (object);
}

static void
unknot_reminders_finalize (GObject *object)
{
  UnknotReminders *self = (UnknotReminders *) object;

  g_array_unref (self->times);
  g_clear_pointer (&self->next, g_date_time_unref);
  G_OBJECT_CLASS (unknot_reminders_parent_class)->finalize (object);
}

static void
unknot_reminders_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UnknotReminders *self = UNKNOT_REMINDERS (object);

  switch (prop_id)
    {
    case PROP_NEXT:
      g_value_set_boxed (value, self->next);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_reminders_class_init (UnknotRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = unknot_reminders_dispose;
  object_class->finalize = unknot_reminders_finalize;
  object_class->get_property = unknot_reminders_get_property;

  /* The next reminder, in the time zone of the wall clock; %NULL when none will come. */
  properties[PROP_NEXT] =
    g_param_spec_boxed ("next", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UnknotReminders::due:
   * @due: the real time (microseconds since the epoch) it was due at
   *
   * A reminder is due: now, or missed a little while ago (a suspend), or snoozed.
   */
  signals[DUE] = g_signal_new ("due", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                               NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
unknot_reminders_init (UnknotReminders *self)
{
  self->times = g_array_new (FALSE, FALSE, sizeof (int));
  self->days = UNKNOT_ALL_WEEKDAYS;
}

static void
on_wall_clock_changed (UnknotReminders *self)
{
  check (self);
}

/**
 * unknot_reminders_new:
 * @clock: (nullable): wakes it up; %NULL for the system's monotonic clock
 * @wall_clock: (nullable): says the time of day; %NULL for the system's
 *
 * Off until unknot_reminders_set_enabled(); every weekday; no times.
 */
UnknotReminders *
unknot_reminders_new (UnknotClock     *clock,
                      UnknotWallClock *wall_clock)
{
  UnknotReminders *self = g_object_new (UNKNOT_TYPE_REMINDERS, NULL);

  self->clock = g_object_ref (clock != NULL ? clock : unknot_clock_get_system ());
  self->wall_clock = g_object_ref (wall_clock != NULL ? wall_clock
                                                      : unknot_wall_clock_get_system ());
  g_signal_connect_object (self->wall_clock, "changed", G_CALLBACK (on_wall_clock_changed), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/**
 * unknot_reminders_set_times:
 * @times: "HH:MM" strings
 *
 * Returns: FALSE if some are not times (@error names the first); the others are kept.
 */
gboolean
unknot_reminders_set_times (UnknotReminders   *self,
                            const char *const *times,
                            GError           **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (UNKNOT_IS_REMINDERS (self), FALSE);
  g_return_val_if_fail (times != NULL, FALSE);

  g_array_set_size (self->times, 0);
  for (guint i = 0; times[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      int hour, minute, minutes;

      if (!unknot_parse_time_of_day (times[i], &hour, &minute, &local_error))
        {
          if (ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
          continue;
        }
      minutes = hour * 60 + minute;
      g_array_append_val (self->times, minutes);
    }
  g_array_sort (self->times, compare_int);
  for (guint i = 1; i < self->times->len;)
    if (g_array_index (self->times, int, i) == g_array_index (self->times, int, i - 1))
      g_array_remove_index (self->times, i);
    else
      i++;

  check (self);
  return ok;
}

/* @days: UNKNOT_WEEKDAY_BIT()s */
void
unknot_reminders_set_days (UnknotReminders *self,
                           guint            days)
{
  g_return_if_fail (UNKNOT_IS_REMINDERS (self));

  self->days = days & UNKNOT_ALL_WEEKDAYS;
  check (self);
}

void
unknot_reminders_set_enabled (UnknotReminders *self,
                              gboolean         enabled)
{
  g_return_if_fail (UNKNOT_IS_REMINDERS (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  /* Turned on, nothing from before comes late. */
  self->handled_until = unknot_wall_clock_now_real (self->wall_clock);
  self->snoozed_until = 0;
  check (self);
}

gboolean
unknot_reminders_get_enabled (UnknotReminders *self)
{
  g_return_val_if_fail (UNKNOT_IS_REMINDERS (self), FALSE);
  return self->enabled;
}

/* The reminder comes again UNKNOT_REMINDER_SNOOZE from now. */
void
unknot_reminders_snooze (UnknotReminders *self)
{
  g_return_if_fail (UNKNOT_IS_REMINDERS (self));

  self->snoozed_until = unknot_wall_clock_now_real (self->wall_clock) + UNKNOT_REMINDER_SNOOZE;
  check (self);
}

/* The machine woke from a suspend (logind's PrepareForSleep(false)): the monotonic clock stood
 * still through it, the wall clock did not. */
void
unknot_reminders_notify_resumed (UnknotReminders *self)
{
  g_return_if_fail (UNKNOT_IS_REMINDERS (self));
  check (self);
}

/* Returns: (transfer none) (nullable): when the next reminder comes, in the wall clock's zone. */
GDateTime *
unknot_reminders_get_next (UnknotReminders *self)
{
  g_return_val_if_fail (UNKNOT_IS_REMINDERS (self), NULL);
  return self->next;
}

/* Returns: (transfer none) */
UnknotWallClock *
unknot_reminders_get_wall_clock (UnknotReminders *self)
{
  g_return_val_if_fail (UNKNOT_IS_REMINDERS (self), NULL);
  return self->wall_clock;
}
