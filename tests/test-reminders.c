/* test-reminders.c: when reminders fall due, on a fake wall clock that the test moves
 *
 * The fake wall clock runs with the fake monotonic clock, as a running machine's do; a jump of
 * the wall clock alone is a suspend (monotonic time stands still in one) or the time being set.
 * Expected due times are written out as local times, not asked of the scheduler.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

#include "unknot-reminders.h"
#include "unknot-types.h"

#define SEC(s) ((gint64) (s) * G_USEC_PER_SEC)
#define MINUTES(m) SEC ((gint64) (m) * 60)
#define HOURS(h) MINUTES ((gint64) (h) * 60)
#define WORKDAYS 0x1fu

typedef struct {
  UnknotFakeClock     *clock;
  UnknotFakeWallClock *wall;
  UnknotReminders     *reminders;
  GArray              *dues;    /* gint64 real times, one per "due" */
} Fixture;

static void
on_due (UnknotReminders *reminders,
        gint64           due,
        Fixture         *f)
{
  g_array_append_val (f->dues, due);
}

static gint64
iso_to_real (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* Starts at @iso in the time zone @zone, with 11:00 and 15:30 on workdays, on. */
static void
set_up_at (Fixture    *f,
           const char *zone,
           const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GError) error = NULL;
  const char *times[] = { "15:30", "11:00", NULL };

  g_assert_nonnull (tz);
  start = g_date_time_new_from_iso8601 (iso, tz);
  g_assert_nonnull (start);
  f->clock = UNKNOT_FAKE_CLOCK (unknot_fake_clock_new (SEC (1000)));
  f->wall = UNKNOT_FAKE_WALL_CLOCK (unknot_fake_wall_clock_new (f->clock, start));
  f->reminders = unknot_reminders_new (UNKNOT_CLOCK (f->clock), UNKNOT_WALL_CLOCK (f->wall));
  f->dues = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_signal_connect (f->reminders, "due", G_CALLBACK (on_due), f);
  g_assert_true (unknot_reminders_set_times (f->reminders, times, &error));
  g_assert_no_error (error);
  unknot_reminders_set_days (f->reminders, WORKDAYS);
  unknot_reminders_set_enabled (f->reminders, TRUE);
}

/* Monday 30 November 2026, 10:00 in Berlin (UTC+1). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  set_up_at (f, "Europe/Berlin", "2026-11-30T10:00:00");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->reminders);
  /* Nothing left armed once it is gone. */
  g_assert_cmpuint (unknot_fake_clock_get_n_pending (f->clock), ==, 0);
  g_object_unref (f->wall);
  g_object_unref (f->clock);
  g_array_unref (f->dues);
}

static gint64
wall_now (Fixture *f)
{
  return unknot_wall_clock_now_real (UNKNOT_WALL_CLOCK (f->wall));
}

/* The one wake-up armed is for @iso on the wall clock, and "next" says so. */
static void
assert_next (Fixture    *f,
             const char *iso)
{
  GDateTime *next = unknot_reminders_get_next (f->reminders);
  gint64 want = iso_to_real (iso);
  g_autofree char *text = NULL;

  g_assert_nonnull (next);
  text = g_date_time_format_iso8601 (next);
  g_test_message ("next %s", text);
  g_assert_cmpint (g_date_time_to_unix (next) * G_USEC_PER_SEC, ==, want);
  g_assert_cmpuint (unknot_fake_clock_get_n_pending (f->clock), ==, 1);
  g_assert_cmpint (unknot_fake_clock_next_wakeup (f->clock) - unknot_clock_now (UNKNOT_CLOCK (f->clock)),
                   ==, want - wall_now (f));
}

static void
assert_dues (Fixture    *f,
             guint       n,
             const char *last_iso)
{
  g_assert_cmpuint (f->dues->len, ==, n);
  if (last_iso != NULL)
    g_assert_cmpint (g_array_index (f->dues, gint64, n - 1), ==, iso_to_real (last_iso));
}

static void
advance (Fixture *f,
         gint64   usec)
{
  unknot_fake_clock_advance (f->clock, usec);
}

/* At the minute, not a second before; the weekend skipped; one wake-up per reminder. */
static void
test_right_minute (Fixture       *f,
                   gconstpointer  data)
{
  guint wakeups;

  assert_next (f, "2026-11-30T11:00:00+01:00");
  advance (f, HOURS (1) - SEC (1));
  assert_dues (f, 0, NULL);
  advance (f, SEC (1));
  assert_dues (f, 1, "2026-11-30T11:00:00+01:00");
  assert_next (f, "2026-11-30T15:30:00+01:00");

  /* To Friday's last: 10 reminders from Monday to Friday. */
  wakeups = unknot_fake_clock_get_n_wakeups (f->clock);
  advance (f, iso_to_real ("2026-12-04T15:30:00+01:00") - wall_now (f));
  assert_dues (f, 10, "2026-12-04T15:30:00+01:00");
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (f->clock) - wakeups, ==, 9);
  assert_next (f, "2026-12-07T11:00:00+01:00");

  /* The weekend is quiet: the next wake-up is Monday's. */
  wakeups = unknot_fake_clock_get_n_wakeups (f->clock);
  advance (f, iso_to_real ("2026-12-07T10:59:00+01:00") - wall_now (f));
  assert_dues (f, 10, NULL);
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (f->clock), ==, wakeups);
}

/* The days chosen: Saturday only. */
static void
test_weekdays (Fixture       *f,
               gconstpointer  data)
{
  unknot_reminders_set_days (f->reminders, UNKNOT_WEEKDAY_BIT (G_DATE_SATURDAY));
  assert_next (f, "2026-12-05T11:00:00+01:00");
  advance (f, iso_to_real ("2026-12-06T23:00:00+01:00") - wall_now (f));
  assert_dues (f, 2, "2026-12-05T15:30:00+01:00");

  /* No day: nothing armed at all. */
  unknot_reminders_set_days (f->reminders, 0);
  g_assert_null (unknot_reminders_get_next (f->reminders));
  g_assert_cmpuint (unknot_fake_clock_get_n_pending (f->clock), ==, 0);
}

/* Off: nothing armed; on again: nothing from before comes late. */
static void
test_disabled (Fixture       *f,
               gconstpointer  data)
{
  unknot_reminders_set_enabled (f->reminders, FALSE);
  g_assert_null (unknot_reminders_get_next (f->reminders));
  g_assert_cmpuint (unknot_fake_clock_get_n_pending (f->clock), ==, 0);
  advance (f, MINUTES (70));
  unknot_reminders_set_enabled (f->reminders, TRUE);
  assert_dues (f, 0, NULL);
  assert_next (f, "2026-11-30T15:30:00+01:00");
}

static void
test_snooze (Fixture       *f,
             gconstpointer  data)
{
  advance (f, HOURS (1));
  assert_dues (f, 1, "2026-11-30T11:00:00+01:00");
  advance (f, MINUTES (2));
  unknot_reminders_snooze (f->reminders);
  assert_next (f, "2026-11-30T11:12:00+01:00");
  advance (f, MINUTES (10) - SEC (1));
  assert_dues (f, 1, NULL);
  advance (f, SEC (1));
  assert_dues (f, 2, "2026-11-30T11:12:00+01:00");
  /* Once: then the day goes on as set. */
  assert_next (f, "2026-11-30T15:30:00+01:00");
}

/* The person flies to London: 11:00 is 11:00 there, an hour later than in Berlin. */
static void
test_time_zone (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");

  assert_next (f, "2026-11-30T11:00:00+01:00");
  unknot_fake_wall_clock_set_timezone (f->wall, london);
  assert_next (f, "2026-11-30T11:00:00+00:00");
  advance (f, HOURS (1));
  assert_dues (f, 0, NULL);
  advance (f, HOURS (1));
  assert_dues (f, 1, "2026-11-30T11:00:00+00:00");
  g_assert_cmpint (g_date_time_get_hour (unknot_reminders_get_next (f->reminders)), ==, 15);
}

/* Summer time begins on Sunday 28 March 2027 at 02:00 in Berlin: from Saturday 20:00 to Sunday
 * 11:00 is 14 hours, not 15. */
static void
test_summer_time (Fixture       *f,
                  gconstpointer  data)
{
  unknot_reminders_set_days (f->reminders, UNKNOT_ALL_WEEKDAYS);
  unknot_fake_wall_clock_jump (f->wall, iso_to_real ("2027-03-27T20:00:00+01:00") - wall_now (f));
  unknot_wall_clock_emit_changed (UNKNOT_WALL_CLOCK (f->wall));
  assert_dues (f, 0, NULL);
  assert_next (f, "2027-03-28T11:00:00+02:00");
  g_assert_cmpint (unknot_fake_clock_next_wakeup (f->clock)
                   - unknot_clock_now (UNKNOT_CLOCK (f->clock)), ==, HOURS (14));
  advance (f, HOURS (14));
  assert_dues (f, 1, "2027-03-28T11:00:00+02:00");
}

/* A 20-minute suspend over 11:00: the reminder comes once, at the resume. */
static void
test_suspend_short (Fixture       *f,
                    gconstpointer  data)
{
  advance (f, MINUTES (50));
  unknot_fake_wall_clock_jump (f->wall, MINUTES (20));
  /* Before logind says so, the wake-up armed on the monotonic clock is still 10 minutes off. */
  assert_dues (f, 0, NULL);
  unknot_reminders_notify_resumed (f->reminders);
  assert_dues (f, 1, "2026-11-30T11:00:00+01:00");
  assert_next (f, "2026-11-30T15:30:00+01:00");
  unknot_reminders_notify_resumed (f->reminders);
  assert_dues (f, 1, NULL);
}

/* A 2-hour suspend over 11:00: too late for that one; the next comes as set. */
static void
test_suspend_long (Fixture       *f,
                   gconstpointer  data)
{
  advance (f, MINUTES (50));
  unknot_fake_wall_clock_jump (f->wall, HOURS (2));
  unknot_reminders_notify_resumed (f->reminders);
  assert_dues (f, 0, NULL);
  assert_next (f, "2026-11-30T15:30:00+01:00");
  advance (f, iso_to_real ("2026-11-30T15:30:00+01:00") - wall_now (f));
  assert_dues (f, 1, "2026-11-30T15:30:00+01:00");
}

/* A suspend of 25 minutes that began 10 minutes after a reminder was due is not a reminder
 * missed: 11:00 was dealt with at 11:00. */
static void
test_suspend_after_due (Fixture       *f,
                        gconstpointer  data)
{
  advance (f, MINUTES (70));
  assert_dues (f, 1, NULL);
  unknot_fake_wall_clock_jump (f->wall, MINUTES (25));
  unknot_reminders_notify_resumed (f->reminders);
  assert_dues (f, 1, NULL);
}

/* No word from logind (or the clock set forward without a signal): the wake-up, late on the wall
 * clock, still brings the reminder it was armed for, within the grace. */
static void
test_late_wakeup (Fixture       *f,
                  gconstpointer  data)
{
  advance (f, MINUTES (50));
  unknot_fake_wall_clock_jump (f->wall, MINUTES (15));
  advance (f, MINUTES (10));
  assert_dues (f, 1, "2026-11-30T11:00:00+01:00");
  assert_next (f, "2026-11-30T15:30:00+01:00");
}

/* The clock set back an hour after 11:00 came: 11:00 comes again, as the wall clock says. */
static void
test_clock_set_back (Fixture       *f,
                     gconstpointer  data)
{
  advance (f, HOURS (1));
  assert_dues (f, 1, NULL);
  unknot_fake_wall_clock_jump (f->wall, -HOURS (1));
  unknot_wall_clock_emit_changed (UNKNOT_WALL_CLOCK (f->wall));
  assert_dues (f, 1, NULL);
  assert_next (f, "2026-11-30T11:00:00+01:00");
  advance (f, HOURS (1));
  assert_dues (f, 2, "2026-11-30T11:00:00+01:00");
}

static void
test_parse_time (void)
{
  static const struct { const char *text; int hour, minute; } good[] = {
    { "09:30", 9, 30 }, { "9:30", 9, 30 }, { "00:00", 0, 0 }, { "23:59", 23, 59 },
  };
  static const char *bad[] = { "24:00", "12:60", "1230", "ab:cd", "12:3", "", ":30", "12:300",
                               "-1:30", "12:30 " };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      int hour = -1, minute = -1;

      g_assert_true (unknot_parse_time_of_day (good[i].text, &hour, &minute, &error));
      g_assert_no_error (error);
      g_assert_cmpint (hour, ==, good[i].hour);
      g_assert_cmpint (minute, ==, good[i].minute);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);
      int hour, minute;

      g_assert_false (unknot_parse_time_of_day (bad[i], &hour, &minute, &error));
      g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, quoted));
      g_assert_nonnull (strstr (error->message, "HH:MM") != NULL ? error->message
                                                                 : strstr (error->message, "23"));
    }
}

/* A time that is not one (the setting edited by hand) is said; the others stay in force. */
static void
test_bad_setting (Fixture       *f,
                  gconstpointer  data)
{
  const char *times[] = { "10:30", "25:00", "10:45", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_false (unknot_reminders_set_times (f->reminders, times, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“25:00”"));
  assert_next (f, "2026-11-30T10:30:00+01:00");
  advance (f, MINUTES (45));
  assert_dues (f, 2, "2026-11-30T10:45:00+01:00");
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_changed (UnknotWallClock *clock,
            guint           *n)
{
  (*n)++;
}

/* Points @link at the zone @zone, replacing it in one step as timedatectl does. */
static void
set_localtime (const char *link,
               const char *zone)
{
  g_autofree char *target = g_build_filename ("/usr/share/zoneinfo", zone, NULL);
  g_autofree char *tmp = g_strconcat (link, ".new", NULL);

  g_assert_true (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpint (symlink (target, tmp), ==, 0);
  g_assert_cmpint (rename (tmp, link), ==, 0);
}

static gint32
offset_in_january (UnknotWallClock *clock)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2027, 1, 15, 12, 0, 0);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, unknot_wall_clock_get_timezone (clock));

  return (gint32) (g_date_time_get_utc_offset (local) / G_USEC_PER_SEC);
}

/* The system's wall clock follows its time zone file when it is replaced (here a file of the
 * test's own, not /etc/localtime), and says "changed", on which reminders re-arm (see
 * /reminders/time-zone). */
static void
test_system_time_zone (void)
{
  g_autofree char *dir = g_dir_make_tmp ("unknot-localtime-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "localtime", NULL);
  g_autoptr(UnknotWallClock) clock = NULL;
  gboolean timed_out = FALSE;
  guint n_changed = 0, timeout;

  set_localtime (link, "Europe/Berlin");
  clock = unknot_system_wall_clock_new (link);
  g_assert_cmpint (offset_in_january (clock), ==, 3600);
  g_assert_cmpint (unknot_wall_clock_now_real (clock) / G_USEC_PER_SEC, ==,
                   g_get_real_time () / G_USEC_PER_SEC);
  g_signal_connect (clock, "changed", G_CALLBACK (on_changed), &n_changed);

  set_localtime (link, "America/New_York");
  /* A deadline for a loaded machine, not a measure. */
  timeout = g_timeout_add_seconds (30, on_timeout, &timed_out);
  while (offset_in_january (clock) != -5 * 3600 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_cmpint (offset_in_january (clock), ==, -5 * 3600);
  g_assert_cmpuint (n_changed, >=, 1);

  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/reminders/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("right-minute", test_right_minute);
  ADD ("weekdays", test_weekdays);
  ADD ("disabled", test_disabled);
  ADD ("snooze", test_snooze);
  ADD ("time-zone", test_time_zone);
  ADD ("summer-time", test_summer_time);
  ADD ("suspend-short", test_suspend_short);
  ADD ("suspend-long", test_suspend_long);
  ADD ("suspend-after-due", test_suspend_after_due);
  ADD ("late-wakeup", test_late_wakeup);
  ADD ("clock-set-back", test_clock_set_back);
  ADD ("bad-setting", test_bad_setting);
#undef ADD
  g_test_add_func ("/reminders/parse-time", test_parse_time);
  g_test_add_func ("/reminders/system-time-zone", test_system_time_zone);

  return g_test_run ();
}
