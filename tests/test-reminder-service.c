/* test-reminder-service.c: reminders as the person gets them
 *
 * The real UnknotApplication under Xvfb (tests/headless.sh) on a fake monotonic clock and a fake
 * wall clock the test moves, with a stand-in notification service on the test's bus and a
 * stand-in logind (the "system bus" here is the test's own bus). Reminders turned on write the
 * autostart entry, and off remove it; the notification comes at the minute on the chosen
 * weekday, says the routine and its length, and offers Start (the player on the routine),
 * Snooze 10 min (back in 10 minutes), Skip (gone until the next time) and a click (the routine's
 * page); none while a routine runs; a suspend of under 30 minutes over a reminder brings it at the
 * resume, one of over 30 minutes does not; a new time zone re-arms it.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reminders"

#include "config.h"

#include "unknot-autostart.h"
#include "unknot-i18n.h"
#include "unknot-run.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define ROUTINE_ID "reminder-test"
#define TITLE "Time for Test break · 5 min"
#define MINUTES(m) ((gint64) (m) * 60 * G_USEC_PER_SEC)
#define QUIET_MS 300   /* how long the test listens for a notification that must not come */

/* Five minutes. */
static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"Test break\",\n"
  "  \"description\": \"Two long steps.\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 150 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"neck\", \"duration\": 150 }\n"
  "  ]\n"
  "}\n";

static UnknotApplication   *app;
static UnknotFakeClock     *fake_clock;
static UnknotFakeWallClock *fake_wall;
static GSettings           *settings;

static gint64
wall_now (void)
{
  return unknot_wall_clock_now_real (UNKNOT_WALL_CLOCK (fake_wall));
}

static gint64
iso_to_real (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

/* Moves both clocks on to @iso on the wall clock. */
static void
advance_to (const char *iso)
{
  gint64 delta = iso_to_real (iso) - wall_now ();

  g_assert_cmpint (delta, >=, 0);
  test_clock_advance (fake_clock, delta);
}

static void
assert_next (const char *iso)
{
  GDateTime *next = unknot_reminders_get_next (
    unknot_reminder_service_get_reminders (unknot_application_get_reminders (app)));

  g_assert_nonnull (next);
  g_assert_cmpint (g_date_time_to_unix (next) * G_USEC_PER_SEC, ==, iso_to_real (iso));
}

static gboolean
closed_at_least (gpointer n)
{
  return test_n_notifications_closed >= GPOINTER_TO_UINT (n);
}

/* The reminder comes: once, saying the routine, with its buttons. */
static void
expect_reminder (guint n_before)
{
  if (!test_spin_until (test_notified, GUINT_TO_POINTER (n_before + 1), 30000))
    g_error ("No reminder came");
  test_spin_for (50);
  g_assert_cmpuint (test_n_notifications, ==, n_before + 1);
  g_assert_cmpstr (test_last_summary, ==, TITLE);
  g_assert_cmpstr (test_last_body, ==, "Two long steps.");
  g_assert_cmpstr (test_notification_action ("Start"), ==, "app.start-routine::" ROUTINE_ID);
  g_assert_cmpstr (test_notification_action ("Snooze 10 min"), ==, "app.reminder-snooze");
  g_assert_cmpstr (test_notification_action ("Skip"), ==, "app.reminder-skip");
  g_assert_nonnull (test_notification_action ("default"));
}

static void
expect_quiet (guint n_before)
{
  test_spin_for (QUIET_MS);
  g_assert_cmpuint (test_n_notifications, ==, n_before);
}

static void
destroy_windows (void)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  test_flush_main_loop ();
}

/* On: the autostart entry, for `unknot --background`, in $XDG_CONFIG_HOME; off: gone. */
static void
test_autostart (void)
{
  g_autofree char *path = unknot_autostart_get_path ();
  g_autofree char *expected = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "autostart",
                                                APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *out = NULL;
  int status = -1;

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, G_KEY_FILE_DESKTOP_GROUP, "Exec", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "unknot --background");
  g_assert_cmpstr (g_key_file_get_start_group (entry), ==, G_KEY_FILE_DESKTOP_GROUP);
  g_spawn_sync (NULL, (char *[]) { "desktop-file-validate", path, NULL }, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (unknot_reminders_get_next (
    unknot_reminder_service_get_reminders (unknot_application_get_reminders (app))));

  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Monday 11:00: not a second early; then 15:30; the next Monday after that. */
static void
test_right_minute (void)
{
  guint n = test_n_notifications;

  assert_next ("2026-11-30T11:00:00+01:00");
  advance_to ("2026-11-30T10:59:59+01:00");
  expect_quiet (n);
  test_clock_advance (fake_clock, G_USEC_PER_SEC);
  expect_reminder (n);
  assert_next ("2026-11-30T15:30:00+01:00");
}

/* Snooze: gone, and back ten minutes later. */
static void
test_snooze (void)
{
  guint n = test_n_notifications;
  guint closed = test_n_notifications_closed;

  test_invoke_notification_action (test_notification_action ("Snooze 10 min"));
  g_assert_true (test_spin_until (closed_at_least, GUINT_TO_POINTER (closed + 1), 30000));
  assert_next ("2026-11-30T11:10:00+01:00");
  advance_to ("2026-11-30T11:09:59+01:00");
  expect_quiet (n);
  test_clock_advance (fake_clock, G_USEC_PER_SEC);
  expect_reminder (n);
}

/* Skip: gone, and nothing until the next time set. */
static void
test_skip (void)
{
  guint n = test_n_notifications;
  guint closed = test_n_notifications_closed;

  test_invoke_notification_action (test_notification_action ("Skip"));
  g_assert_true (test_spin_until (closed_at_least, GUINT_TO_POINTER (closed + 1), 30000));
  assert_next ("2026-11-30T15:30:00+01:00");
  advance_to ("2026-11-30T15:29:00+01:00");
  expect_quiet (n);
}

static gboolean
player_on_routine (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  UnknotRun *run = unknot_application_get_run (app);
  UnknotSession *session = unknot_run_get_session (run);

  return UNKNOT_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window))
         && unknot_run_is_active (run) && session != NULL
         && g_str_equal (unknot_routine_get_id (unknot_session_get_routine (session)), ROUTINE_ID)
         && g_strcmp0 (unknot_window_get_page (UNKNOT_WINDOW (window)), "player") == 0;
}

/* Start: the window opens on the player, running the routine. */
static void
test_start (void)
{
  guint n = test_n_notifications;

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  advance_to ("2026-11-30T15:30:00+01:00");
  expect_reminder (n);
  test_invoke_notification_action (test_notification_action ("Start"));
  if (!test_spin_until (player_on_routine, NULL, 30000))
    g_error ("Start did not open the player on the routine");
  unknot_run_stop (unknot_application_get_run (app));
  destroy_windows ();
}

/* The weekday: after Monday's 15:30, next Monday; nothing in between, even at 11:00. */
static void
test_weekdays (void)
{
  guint n = test_n_notifications;
  guint wakeups = unknot_fake_clock_get_n_wakeups (fake_clock);

  assert_next ("2026-12-07T11:00:00+01:00");
  advance_to ("2026-12-06T11:00:00+01:00");
  expect_quiet (n);
  /* The reminders woke for none of those days (other wake-ups are the run's). */
  g_assert_cmpuint (unknot_fake_clock_get_n_wakeups (fake_clock) - wakeups, <=, 1);
}

/* A routine running at 11:00: no reminder. */
static void
test_while_running (void)
{
  UnknotRun *run = unknot_application_get_run (app);
  UnknotRoutine *routine = unknot_library_lookup (unknot_application_get_library (app),
                                                  ROUTINE_ID);
  guint n = test_n_notifications;

  advance_to ("2026-12-07T10:59:00+01:00");
  unknot_run_start (run, routine);
  g_assert_true (unknot_run_is_active (run));
  advance_to ("2026-12-07T11:01:00+01:00");
  g_assert_true (unknot_run_is_active (run));
  expect_quiet (n);
  unknot_run_stop (run);
  assert_next ("2026-12-07T15:30:00+01:00");
}

static gboolean
routine_page_shown (gpointer data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return UNKNOT_IS_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window))
         && g_strcmp0 (unknot_window_get_page (UNKNOT_WINDOW (window)), "routine") == 0
         && !unknot_run_is_active (unknot_application_get_run (app));
}

/* A click on the reminder: the routine's page. */
static void
test_default_action (void)
{
  guint n = test_n_notifications;

  advance_to ("2026-12-07T15:30:00+01:00");
  expect_reminder (n);
  test_invoke_notification_action ("default");
  if (!test_spin_until (routine_page_shown, NULL, 30000))
    g_error ("A click on the reminder did not show the routine's page");
  destroy_windows ();
}

/* logind, played by the test on its own bus */

static void
prepare_for_sleep (gboolean start)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", start), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (bus, NULL, NULL);
}

/* The machine sleeps from 10:50 to 11:10 on Monday: the reminder comes at the resume. */
static void
test_suspend_short (void)
{
  guint n = test_n_notifications;

  advance_to ("2026-12-14T10:50:00+01:00");
  prepare_for_sleep (TRUE);
  unknot_fake_wall_clock_jump (fake_wall, MINUTES (20));
  expect_quiet (n);
  prepare_for_sleep (FALSE);
  expect_reminder (n);
  assert_next ("2026-12-14T15:30:00+01:00");
}

/* From 15:20 to 16:05: too late for 15:30, which is dropped. */
static void
test_suspend_long (void)
{
  guint n = test_n_notifications;

  advance_to ("2026-12-14T15:20:00+01:00");
  prepare_for_sleep (TRUE);
  unknot_fake_wall_clock_jump (fake_wall, MINUTES (45));
  prepare_for_sleep (FALSE);
  expect_quiet (n);
  assert_next ("2026-12-21T11:00:00+01:00");
}

/* To London: 11:00 there, an hour after 11:00 in Berlin. */
static void
test_time_zone (void)
{
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  guint n = test_n_notifications;

  advance_to ("2026-12-21T10:30:00+01:00");
  unknot_fake_wall_clock_set_timezone (fake_wall, london);
  assert_next ("2026-12-21T11:00:00+00:00");
  advance_to ("2026-12-21T11:00:00+01:00");
  expect_quiet (n);
  advance_to ("2026-12-21T11:00:00+00:00");
  expect_reminder (n);
}

/* Off: the notification service hears no more of it. */
static void
test_off (void)
{
  guint n = test_n_notifications;

  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  advance_to ("2026-12-21T15:31:00+00:00");
  expect_quiet (n);
}

/* Setup */

static void
on_watched_name (GDBusConnection *connection,
                 const char      *name,
                 const char      *owner,
                 gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) start = g_date_time_new (berlin, 2026, 11, 30, 10, 58, 0);
  g_autoptr(GDBusConnection) bus = NULL;
  char *tmp_home;
  gboolean seen_service = FALSE;
  guint watch_id;
  int status, owned = 0;

  tmp_home = test_make_home (test_build_dir (), "home-reminders-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);
  test_serve_notifications ();

  /* logind: this test, on its own bus, which the application takes for the system's. */
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_getenv ("DBUS_SESSION_BUS_ADDRESS"), TRUE);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_bus_own_name_on_connection (bus, "org.freedesktop.login1", G_BUS_NAME_OWNER_FLAGS_NONE,
                                test_on_name_acquired, test_on_name_lost, &owned, NULL);
  g_assert_true (test_spin_until (test_name_settled, &owned, 30000));
  g_assert_cmpint (owned, ==, 1);

  fake_clock = test_clock_new ();
  fake_wall = UNKNOT_FAKE_WALL_CLOCK (unknot_fake_wall_clock_new (fake_clock, start));
  app = test_application_new_full (UNKNOT_CLOCK (fake_clock), UNKNOT_WALL_CLOCK (fake_wall));
  settings = unknot_application_get_settings (app);
  g_settings_set_int (settings, "get-ready", -1);
  g_settings_set_string (settings, "reminder-routine", ROUTINE_ID);
  g_settings_set_strv (settings, "reminder-times", (const char *[]) { "15:30", "11:00", NULL });
  g_settings_set_flags (settings, "reminder-days", 1);   /* Mondays */

  /* As test-run does: the run has seen the notification service once this watch has. */
  watch_id = g_bus_watch_name_on_connection (
    g_application_get_dbus_connection (G_APPLICATION (app)), "org.freedesktop.Notifications",
    G_BUS_NAME_WATCHER_FLAGS_NONE, on_watched_name, NULL, &seen_service, NULL);
  g_assert_true (test_spin_until (is_true, &seen_service, 30000));
  g_bus_unwatch_name (watch_id);
  /* And the service's subscription to logind is made. */
  test_spin_for (200);

  /* In order: each goes on from where the one before left the clocks. */
  g_test_add_func ("/reminder-service/autostart", test_autostart);
  g_test_add_func ("/reminder-service/right-minute", test_right_minute);
  g_test_add_func ("/reminder-service/snooze", test_snooze);
  g_test_add_func ("/reminder-service/skip", test_skip);
  g_test_add_func ("/reminder-service/start", test_start);
  g_test_add_func ("/reminder-service/weekdays", test_weekdays);
  g_test_add_func ("/reminder-service/while-running", test_while_running);
  g_test_add_func ("/reminder-service/default-action", test_default_action);
  g_test_add_func ("/reminder-service/suspend-short", test_suspend_short);
  g_test_add_func ("/reminder-service/suspend-long", test_suspend_long);
  g_test_add_func ("/reminder-service/time-zone", test_time_zone);
  g_test_add_func ("/reminder-service/off", test_off);
  status = g_test_run ();

  destroy_windows ();
  g_object_unref (fake_wall);
  test_application_finish (app, tmp_home);
  g_object_unref (fake_clock);
  return status;
}
