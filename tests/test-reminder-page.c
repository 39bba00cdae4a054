/* test-reminder-page.c: Preferences, Reminders
 *
 * The real Preferences window under Xvfb (tests/headless.sh), on the Reminders page, with the
 * application's reminders on a fake wall clock (Monday 30 November 2026, 10:00 in Berlin). The
 * switch turns reminders on (the autostart entry appears, the next reminder is named); a time is
 * added, refused with a clear message when it is not one or is there already, and removed; the
 * weekday buttons and the routine chooser write the settings and follow them when they change
 * elsewhere; the background service re-arms at once on what the page writes.
 * With UNKNOT_SCREENSHOT=FILE it only saves the page as a PNG (for the README), in the language
 * UNKNOT_SCREENSHOT_LANGUAGE if set (de, ar...), RTL for Arabic.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reminder-page"

#include "config.h"

#include "unknot-autostart.h"
#include "unknot-i18n.h"
#include "unknot-preferences.h"
#include "unknot-reminder-page.h"
#include "unknot-ui-test-util.h"

#define ROUTINE_ID "reminder-page-test"

static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"AAA Lunch stretch\",\n"
  "  \"description\": \"\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [ { \"technique\": \"stretching\", \"area\": \"neck\", \"duration\": 120 } ]\n"
  "}\n";

static UnknotApplication *app;
static GSettings         *settings;
static GtkWidget         *preferences;
static GtkWidget         *page;

static GtkWidget *
child (const char *name)
{
  return test_template_child (page, UNKNOT_TYPE_REMINDER_PAGE, name);
}

/* The widget under @root whose tooltip is @tooltip, or NULL. */
static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = find_by_tooltip (w, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GDateTime *
next_reminder (void)
{
  return unknot_reminders_get_next (
    unknot_reminder_service_get_reminders (unknot_application_get_reminders (app)));
}

static void
assert_times (const char *const *expected)
{
  g_auto(GStrv) times = g_settings_get_strv (settings, "reminder-times");

  g_assert_true (g_strv_equal ((const char *const *) times, expected));
}

static void
enter_time (const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child ("time_entry")), text);
  g_signal_emit_by_name (child ("time_entry"), "apply");
  test_flush_main_loop ();
}

static void
test_switch (void)
{
  g_autofree char *path = unknot_autostart_get_path ();
  AdwActionRow *row = ADW_ACTION_ROW (child ("enabled_row"));

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Off");
  gtk_switch_set_active (GTK_SWITCH (child ("enabled_switch")), TRUE);
  test_flush_main_loop ();
  g_assert_true (g_settings_get_boolean (settings, "reminders-enabled"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Next: Monday, 11:00");

  /* Turned off elsewhere (the setting): the switch follows, the entry goes. */
  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  test_flush_main_loop ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (child ("enabled_switch"))));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_switch_set_active (GTK_SWITCH (child ("enabled_switch")), TRUE);
  test_flush_main_loop ();
}

static void
test_times (void)
{
  GtkWidget *error = child ("time_error");
  GtkWidget *remove;

  assert_times ((const char *[]) { "11:00", "15:30", NULL });
  g_assert_nonnull (find_by_tooltip (page, "Remove 11:00"));
  g_assert_nonnull (find_by_tooltip (page, "Remove 15:30"));

  enter_time ("25:00");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==,
                   "“25:00” is not a time of day: hours go from 00 to 23, minutes from 00 to 59");
  g_assert_true (gtk_widget_has_css_class (child ("time_entry"), "error"));
  assert_times ((const char *[]) { "11:00", "15:30", NULL });

  enter_time ("half past ten");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==,
                   "“half past ten” is not a time: write hours and minutes as HH:MM, such as "
                   "09:30");
  /* Typing again clears the message. */
  gtk_editable_set_text (GTK_EDITABLE (child ("time_entry")), "1");
  g_assert_false (gtk_widget_get_visible (error));

  enter_time (" 10:5");
  g_assert_true (gtk_widget_get_visible (error));
  enter_time ("10:05");
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child ("time_entry"))), ==, "");
  assert_times ((const char *[]) { "11:00", "15:30", "10:05", NULL });
  g_assert_nonnull (find_by_tooltip (page, "Remove 10:05"));
  /* The service re-armed at once. */
  g_assert_cmpint (g_date_time_get_hour (next_reminder ()), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (next_reminder ()), ==, 5);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child ("enabled_row"))), ==,
                   "Next: Monday, 10:05");

  enter_time ("10:05");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error)), ==, "10:05 is in the list already");
  assert_times ((const char *[]) { "11:00", "15:30", "10:05", NULL });

  remove = find_by_tooltip (page, "Remove 11:00");
  g_signal_emit_by_name (remove, "clicked");
  test_flush_main_loop ();
  assert_times ((const char *[]) { "15:30", "10:05", NULL });
  g_assert_null (find_by_tooltip (page, "Remove 11:00"));

  /* Changed elsewhere: the rows follow. */
  g_settings_set_strv (settings, "reminder-times", (const char *[]) { "11:00", "15:30", NULL });
  test_flush_main_loop ();
  g_assert_null (find_by_tooltip (page, "Remove 10:05"));
  g_assert_nonnull (find_by_tooltip (page, "Remove 11:00"));
}

static void
test_days (void)
{
  GtkWidget *saturday = find_by_tooltip (page, "Saturday");
  GtkWidget *monday = find_by_tooltip (page, "Monday");
  AdwActionRow *row = ADW_ACTION_ROW (child ("days_row"));

  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Monday to Friday");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (monday)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (saturday)));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (saturday), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (monday), FALSE);
  test_flush_main_loop ();
  g_assert_cmpuint (g_settings_get_flags (settings, "reminder-days"), ==, 0x1e | 0x20);
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Tuesday, Wednesday, Thursday, Friday, Saturday");
  /* No Monday: the next is Tuesday's. */
  g_assert_cmpint (g_date_time_get_day_of_week (next_reminder ()), ==, 2);

  g_settings_set_flags (settings, "reminder-days", 0x1f);
  test_flush_main_loop ();
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (monday)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (saturday)));
}

static gint
find_routine (const char *id)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (child ("routine_row")));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (model, i);

      if (g_str_equal (unknot_routine_get_id (routine), id))
        return (gint) i;
    }
  return -1;
}

static void
test_routine (void)
{
  AdwComboRow *row = ADW_COMBO_ROW (child ("routine_row"));
  GListModel *model = adw_combo_row_get_model (row);
  g_autofree char *id = NULL;

  /* Bundled and own routines; the own one named first here. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 8);
  g_assert_cmpint (find_routine (ROUTINE_ID), ==, 0);
  g_assert_cmpint (adw_combo_row_get_selected (row), ==, find_routine ("desk-break"));

  adw_combo_row_set_selected (row, (guint) find_routine (ROUTINE_ID));
  id = g_settings_get_string (settings, "reminder-routine");
  g_assert_cmpstr (id, ==, ROUTINE_ID);

  g_settings_set_string (settings, "reminder-routine", "desk-break");
  test_flush_main_loop ();
  g_assert_cmpint (adw_combo_row_get_selected (row), ==, find_routine ("desk-break"));
}

static void
save_screenshot (const char *path)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (preferences);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (preferences), height = gtk_widget_get_height (preferences);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (preferences));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_object_unref (paintable);
}

static void
test_screenshot (void)
{
  const char *path = g_getenv ("UNKNOT_SCREENSHOT");

  if (path == NULL)
    {
      g_test_skip ("UNKNOT_SCREENSHOT not set");
      return;
    }
  enter_time ("12:7");
  test_spin_for (500);
  gtk_test_widget_wait_for_draw (preferences);
  save_screenshot (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) start = g_date_time_new (berlin, 2026, 11, 30, 10, 0, 0);
  UnknotFakeClock *clock;
  UnknotWallClock *wall;
  char *tmp_home;
  int status;

  tmp_home = test_make_home (test_build_dir (), "home-reminder-page-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);

  gtk_disable_setlocale ();
  unknot_i18n_init (g_getenv ("UNKNOT_SCREENSHOT") ? g_getenv ("UNKNOT_SCREENSHOT_LANGUAGE") : NULL);
  gtk_test_init (&argc, &argv, NULL);
  gtk_widget_set_default_direction (unknot_i18n_is_rtl () ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);

  clock = test_clock_new ();
  wall = unknot_fake_wall_clock_new (clock, start);
  app = test_application_new_full (UNKNOT_CLOCK (clock), wall);
  settings = unknot_application_get_settings (app);

  preferences = unknot_preferences_new (app, NULL);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 560, 720);
  page = test_template_child (preferences, UNKNOT_TYPE_PREFERENCES, "reminder_page");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_test_widget_wait_for_draw (preferences);

  if (g_getenv ("UNKNOT_SCREENSHOT") == NULL)
    {
      g_test_add_func ("/reminder-page/switch", test_switch);
      g_test_add_func ("/reminder-page/times", test_times);
      g_test_add_func ("/reminder-page/days", test_days);
      g_test_add_func ("/reminder-page/routine", test_routine);
    }
  else
    g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  g_test_add_func ("/reminder-page/screenshot", test_screenshot);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_object_unref (wall);
  test_application_finish (app, tmp_home);
  g_object_unref (clock);
  return status;
}
