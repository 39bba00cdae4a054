/* unknot-ui-test-util.h: what the widget tests share: a private home, the application, template
 * children and main-loop waits with a deadline
 *
 * Each test runs the real UnknotApplication under Xvfb (tests/headless.sh). The home must be set
 * before anything reads the XDG variables: the user's routines are read when the application
 * loads its library at startup.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "unknot-application.h"
#include "unknot-clock.h"
#include "unknot-library-page.h"

/* APP_ID_BASE comes from config.h, included first by the test. */

#define MSEC(ms) ((gint64) (ms) * 1000)

/* Main loop helpers */

static inline gboolean
test_set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until @done returns TRUE or @timeout_ms pass; returns the last @done. */
static inline gboolean
test_spin_until (gboolean (*done) (gpointer),
                 gpointer   data,
                 guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, test_set_flag, &timed_out);
  gboolean result;

  while (!(result = done (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return result;
}

static inline gboolean
test_never (gpointer data)
{
  return FALSE;
}

static inline void
test_spin_for (guint ms)
{
  test_spin_until (test_never, NULL, ms);
}

/* Widgets */

/* The template child @name of @widget, declared by @type; asserted to be there. */
static inline GtkWidget *
test_template_child (GtkWidget  *widget,
                     GType       type,
                     const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static inline void
test_collect_rows (GtkWidget *widget,
                   GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      /* Each row is in a list of its own, hidden where the list view's item is a header. */
      if (gtk_widget_get_visible (widget) && gtk_widget_get_visible (gtk_widget_get_parent (widget)))
        g_ptr_array_add (rows, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    test_collect_rows (child, rows);
}

/* The rows of routines the library page @page shows now (the list view makes rows only for
 * what is on screen), as AdwActionRows, both sections. */
static inline GPtrArray *
test_library_rows (GtkWidget *page)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *list = test_template_child (page, UNKNOT_TYPE_LIBRARY_PAGE,
                                         "routine_list");

  test_collect_rows (list, rows);
  return rows;
}

/* The first button labelled @label (as written, mnemonic included) under @widget, or NULL. */
static inline GtkWidget *
test_find_button (GtkWidget  *widget,
                  const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A private home */

/* Makes a folder from @tmpl (ending in XXXXXX) in @parent and points XDG_DATA_HOME,
 * XDG_CONFIG_HOME and XDG_CACHE_HOME into it; returns its path. */
static inline char *
test_make_home (const char *parent,
                const char *tmpl)
{
  char *home = g_build_filename (parent, tmpl, NULL);
  g_autofree char *data_home = NULL;
  g_autofree char *config_home = NULL;
  g_autofree char *cache_home = NULL;

  if (g_mkdtemp (home) == NULL)
    g_error ("Cannot create %s: %s", home, g_strerror (errno));
  data_home = g_build_filename (home, "data", NULL);
  config_home = g_build_filename (home, "config", NULL);
  cache_home = g_build_filename (home, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  return home;
}

/* The build tree under meson (G_TEST_BUILDDIR), else the temporary folder. */
static inline const char *
test_build_dir (void)
{
  return g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : g_get_tmp_dir ();
}

/* Writes @json as the user routine @id into @home, made by test_make_home(). */
static inline void
test_write_user_routine (const char *home,
                         const char *id,
                         const char *json)
{
  g_autofree char *dir = g_build_filename (home, "data", APP_ID_BASE, "routines", NULL);
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

static inline void
test_remove_file_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, NULL, &child, NULL, NULL)
         && child != NULL)
    test_remove_file_tree (child);
  g_file_delete (file, NULL, NULL);
}

/* The fake clock */

/* A fake clock for the application's routines, starting at the system's time: sounds are placed
 * near where they would be, but nothing moves until the test moves it. */
static inline UnknotFakeClock *
test_clock_new (void)
{
  return UNKNOT_FAKE_CLOCK (unknot_fake_clock_new (g_get_monotonic_time ()));
}

/* Runs what is ready in the main loop (redraws, idle callbacks), without waiting. */
static inline void
test_flush_main_loop (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* Moves @clock on by @usec (its wake-ups run in order, each at its own time), then lets the
 * main loop run what that made ready. */
/* A wheel notch over @widget, as GTK delivers it: to the capture-phase scroll controllers first.
 * Returns whether one of them stopped it (then the widget's own never sees it). */
static inline gboolean
test_scroll_over (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean stopped = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !stopped; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &stopped);
    }
  test_flush_main_loop ();
  return stopped;
}

static inline void
test_clock_advance (UnknotFakeClock *clock,
                    gint64           usec)
{
  unknot_fake_clock_advance (clock, usec);
  test_flush_main_loop ();
}

/* The application */

/* A new UnknotApplication, registered on its own, with its library loaded and the safety notice
 * acknowledged. Its routines run on @clock (see test_clock_new()), or on the system's when it is
 * %NULL; its reminders go by @wall_clock (unknot_fake_wall_clock_new()), or the system's. */
static inline UnknotApplication *
test_application_new_full (UnknotClock     *clock,
                           UnknotWallClock *wall_clock)
{
  g_autoptr(GError) error = NULL;
  UnknotApplication *app = unknot_application_new_full (clock, wall_clock);

  /* Never hand the test over to another instance on the bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* The routines are read in the background at startup. */
  while (!unknot_application_is_library_loaded (app))
    g_main_context_iteration (NULL, TRUE);
  g_settings_set_boolean (unknot_application_get_settings (app), "safety-acknowledged", TRUE);
  return app;
}

static inline UnknotApplication *
test_application_new (UnknotClock *clock)
{
  return test_application_new_full (clock, NULL);
}

/* Once the windows are destroyed: lets them go, releases @app and removes @home. */
static inline void
test_application_finish (UnknotApplication *app,
                         char              *home)
{
  g_autoptr(GFile) tmp = g_file_new_for_path (home);

  test_spin_for (50);
  g_object_unref (app);
  test_remove_file_tree (tmp);
  g_free (home);
}

/* A notification service */

/* A stand-in for the desktop's notification service (org.freedesktop.Notifications, the one GLib
 * falls back to) on the test's session bus, counting what the application sends and keeping the
 * last one: its id, summary, body and actions (key, label, key, label...). */
static guint test_n_notifications;
static guint test_n_notifications_closed;
static guint test_last_notification_id;
static char *test_last_summary;
static char *test_last_body;
static char **test_last_actions;

static inline gboolean
test_notified (gpointer n)
{
  return test_n_notifications >= GPOINTER_TO_UINT (n);
}

static inline void
test_on_notifications_call (GDBusConnection       *connection,
                            const char            *sender,
                            const char            *path,
                            const char            *interface,
                            const char            *method,
                            GVariant              *parameters,
                            GDBusMethodInvocation *invocation,
                            gpointer               data)
{
  if (g_str_equal (method, "Notify"))
    {
      const char *summary = NULL;
      const char *body = NULL;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_test_message ("  notification: “%s”", summary);
      test_n_notifications++;
      test_last_notification_id = test_n_notifications;
      g_free (test_last_summary);
      test_last_summary = g_strdup (summary);
      g_free (test_last_body);
      test_last_body = g_strdup (body);
      g_strfreev (test_last_actions);
      g_variant_get_child (parameters, 5, "^as", &test_last_actions);
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", test_n_notifications));
    }
  else if (g_str_equal (method, "CloseNotification"))
    {
      test_n_notifications_closed++;
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_value (invocation, NULL);
}

static inline gboolean
test_name_settled (gpointer owned)
{
  return *(int *) owned != 0;
}

static inline void
test_on_name_acquired (GDBusConnection *connection,
                       const char      *name,
                       gpointer         owned)
{
  *(int *) owned = 1;
}

static inline void
test_on_name_lost (GDBusConnection *connection,
                   const char      *name,
                   gpointer         owned)
{
  *(int *) owned = -1;
}

static inline void
test_serve_notifications (void)
{
  static const char xml[] =
    "<node>"
    "  <interface name='org.freedesktop.Notifications'>"
    "    <method name='Notify'>"
    "      <arg type='s' direction='in'/><arg type='u' direction='in'/>"
    "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "      <arg type='s' direction='in'/><arg type='as' direction='in'/>"
    "      <arg type='a{sv}' direction='in'/><arg type='i' direction='in'/>"
    "      <arg type='u' direction='out'/>"
    "    </method>"
    "    <method name='CloseNotification'><arg type='u' direction='in'/></method>"
    "    <signal name='ActionInvoked'><arg type='u'/><arg type='s'/></signal>"
    "  </interface>"
    "</node>";
  static const GDBusInterfaceVTable vtable = { test_on_notifications_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  static int owned;

  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE, test_on_name_acquired,
                                test_on_name_lost, &owned, NULL);
  g_assert_true (test_spin_until (test_name_settled, &owned, 30000));
  g_assert_cmpint (owned, ==, 1);
}

/* The key of the last notification's action labelled @label ("default" for the click), or NULL. */
static inline const char *
test_notification_action (const char *label)
{
  for (guint i = 0; test_last_actions != NULL && test_last_actions[i] != NULL
                    && test_last_actions[i + 1] != NULL; i += 2)
    if (g_str_equal (test_last_actions[i + 1], label)
        || (g_str_equal (label, "default") && g_str_equal (test_last_actions[i], "default")))
      return test_last_actions[i];
  return NULL;
}

/* The person chose @key on the last notification: as the desktop says so. */
static inline void
test_invoke_notification_action (const char *key)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (key);
  g_dbus_connection_emit_signal (bus, NULL, "/org/freedesktop/Notifications",
                                 "org.freedesktop.Notifications", "ActionInvoked",
                                 g_variant_new ("(us)", test_last_notification_id, key), &error);
  g_assert_no_error (error);
}
