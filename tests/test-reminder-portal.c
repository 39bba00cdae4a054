/* test-reminder-portal.c: sandboxed, the start at login is asked of the desktop portal
 *
 * The real UnknotApplication under Xvfb (tests/headless.sh), told to use the portal
 * (UNKNOT_USE_PORTAL=1, as in a Flatpak), with a stand-in org.freedesktop.portal.Desktop on the
 * test's session bus that answers RequestBackground through a Request object's Response signal,
 * as the portal does. Reminders turned on ask to start at login with `unknot --background`, off
 * ask no longer; no autostart file is written either way. A portal that refuses is told once,
 * and reminders still come while Unknot runs. With no portal on the bus, the autostart file is
 * written as outside a sandbox.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reminder-portal"

#include "config.h"

#include "unknot-autostart.h"
#include "unknot-i18n.h"
#include "unknot-reminder-service.h"
#include "unknot-reminders.h"
#include "unknot-ui-test-util.h"

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

static UnknotApplication *app;
static GSettings         *settings;

/* The stand-in portal: how it answers, and what it was asked. */
static guint32    answer_response;     /* 0 granted, 1 cancelled by the person */
static guint      n_requests;
static guint      n_answered;
static GVariant  *last_options;
static guint      portal_owner_id;
static int        portal_owned;

typedef struct {
  GDBusConnection *bus;
  char            *destination;
  char            *path;
  gboolean         autostart;
  guint32          response;        /* as the portal was set to answer when asked */
} Answer;

static gboolean
send_response (gpointer data)
{
  Answer *answer = data;
  GVariantBuilder results;
  g_autoptr(GError) error = NULL;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  if (answer->response == 0)
    {
      g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (TRUE));
      g_variant_builder_add (&results, "{sv}", "autostart",
                             g_variant_new_boolean (answer->autostart));
    }
  g_dbus_connection_emit_signal (answer->bus, answer->destination, answer->path,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(ua{sv})", answer->response, &results), &error);
  g_assert_no_error (error);
  n_answered++;
  g_object_unref (answer->bus);
  g_free (answer->destination);
  g_free (answer->path);
  g_free (answer);
  return G_SOURCE_REMOVE;
}

static void
on_portal_call (GDBusConnection       *connection,
                const char            *sender,
                const char            *path,
                const char            *interface,
                const char            *method,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               data)
{
  g_autoptr(GVariant) options = g_variant_get_child_value (parameters, 1);
  g_autofree char *caller = g_strdup (sender + 1);
  const char *token = "t";
  Answer *answer = g_new0 (Answer, 1);

  g_assert_cmpstr (method, ==, "RequestBackground");
  n_requests++;
  g_clear_pointer (&last_options, g_variant_unref);
  last_options = g_variant_ref (options);
  g_variant_lookup (options, "handle_token", "&s", &token);
  g_strdelimit (caller, ".", '_');

  answer->bus = g_object_ref (connection);
  answer->destination = g_strdup (sender);
  answer->path = g_strconcat (PORTAL_PATH "/request/", caller, "/", token, NULL);
  g_variant_lookup (options, "autostart", "b", &answer->autostart);
  answer->response = answer_response;
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", answer->path));
  /* The answer comes after the reply, as when the portal asks the person first. */
  g_idle_add (send_response, answer);
}

static void
serve_portal (void)
{
  static const char xml[] =
    "<node>"
    "  <interface name='org.freedesktop.portal.Background'>"
    "    <method name='RequestBackground'>"
    "      <arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
    "      <arg type='o' direction='out'/>"
    "    </method>"
    "  </interface>"
    "</node>";
  static const GDBusInterfaceVTable vtable = { on_portal_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, PORTAL_PATH, info->interfaces[0], &vtable, NULL, NULL,
                                     &error);
  g_assert_no_error (error);
  portal_owner_id = g_bus_own_name_on_connection (bus, PORTAL_NAME,
                                                  G_BUS_NAME_OWNER_FLAGS_DO_NOT_QUEUE,
                                                  test_on_name_acquired, test_on_name_lost,
                                                  &portal_owned, NULL);
  g_assert_true (test_spin_until (test_name_settled, &portal_owned, 30000));
  g_assert_cmpint (portal_owned, ==, 1);
}

static gboolean
requested (gpointer n)
{
  return n_requests >= GPOINTER_TO_UINT (n) && n_answered == n_requests;
}

static UnknotReminderService *
service (void)
{
  return unknot_application_get_reminders (app);
}

static gboolean
problem_told (gpointer data)
{
  return unknot_reminder_service_get_start_problem (service ()) != NULL;
}

static gboolean
no_problem (gpointer data)
{
  return unknot_reminder_service_get_start_problem (service ()) == NULL;
}

static gboolean
autostart_file_exists (void)
{
  g_autofree char *path = unknot_autostart_get_path ();

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
file_there (gpointer data)
{
  return autostart_file_exists ();
}

static gboolean
file_gone (gpointer data)
{
  return !autostart_file_exists ();
}

/* Turns reminders @on and waits for the portal's @n-th request, answered. */
static void
turn (gboolean on,
      guint    n)
{
  g_settings_set_boolean (settings, "reminders-enabled", on);
  if (!test_spin_until (requested, GUINT_TO_POINTER (n), 30000))
    g_error ("The portal was asked %u times, not %u", n_requests, n);
}

static void
test_granted (void)
{
  gboolean autostart = FALSE, activatable = TRUE;
  g_autofree const char **commandline = NULL;
  const char *reason = NULL, *token = NULL;

  answer_response = 0;
  turn (TRUE, 1);
  g_assert_true (g_variant_lookup (last_options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (last_options, "commandline", "^a&s", &commandline));
  g_assert_cmpuint (g_strv_length ((char **) commandline), ==, 2);
  g_assert_cmpstr (commandline[0], ==, "unknot");
  g_assert_cmpstr (commandline[1], ==, "--background");
  g_assert_true (g_variant_lookup (last_options, "dbus-activatable", "b", &activatable));
  g_assert_false (activatable);
  g_assert_true (g_variant_lookup (last_options, "reason", "&s", &reason));
  g_assert_cmpstr (reason, !=, "");
  g_assert_true (g_variant_lookup (last_options, "handle_token", "&s", &token));
  /* Granted: nothing to tell, and no file beside the portal's own entry. */
  g_assert_true (test_spin_until (no_problem, NULL, 30000));
  g_assert_false (autostart_file_exists ());
  g_assert_true (unknot_reminders_get_enabled (unknot_reminder_service_get_reminders (service ())));

  turn (FALSE, 2);
  g_assert_true (g_variant_lookup (last_options, "autostart", "b", &autostart));
  g_assert_false (autostart);
  g_assert_true (test_spin_until (no_problem, NULL, 30000));
  g_assert_false (autostart_file_exists ());
}

static void
test_refused (void)
{
  const char *problem;
  guint before = n_requests;

  /* The person says no: told, in words, and the reminders still run while Unknot does. */
  answer_response = 1;
  turn (TRUE, before + 1);
  if (!test_spin_until (problem_told, NULL, 30000))
    g_error ("A refused start at login was not told");
  problem = unknot_reminder_service_get_start_problem (service ());
  g_test_message ("told: %s", problem);
  g_assert_nonnull (strstr (problem, "start at login"));
  g_assert_true (unknot_reminders_get_enabled (unknot_reminder_service_get_reminders (service ())));
  g_assert_false (autostart_file_exists ());

  /* Off, then on again and granted this time: nothing left to tell. */
  answer_response = 0;
  turn (FALSE, before + 2);
  turn (TRUE, before + 3);
  g_assert_true (test_spin_until (no_problem, NULL, 30000));
  turn (FALSE, before + 4);
}

static void
test_no_portal (void)
{
  guint before = n_requests;

  /* The portal leaves the bus: the session's autostart folder, as outside a sandbox. */
  g_bus_unown_name (portal_owner_id);
  test_flush_main_loop ();
  g_settings_set_boolean (settings, "reminders-enabled", TRUE);
  if (!test_spin_until (file_there, NULL, 30000))
    g_error ("With no portal, the autostart entry was not written");
  g_assert_cmpuint (n_requests, ==, before);
  g_settings_set_boolean (settings, "reminders-enabled", FALSE);
  if (!test_spin_until (file_gone, NULL, 30000))
    g_error ("With no portal, the autostart entry was not removed");
  g_assert_cmpuint (n_requests, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  int status;

  tmp_home = test_make_home (test_build_dir (), "home-reminder-portal-XXXXXX");
  g_setenv ("UNKNOT_USE_PORTAL", "1", TRUE);

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);
  test_serve_notifications ();
  serve_portal ();

  app = test_application_new (NULL);
  settings = unknot_application_get_settings (app);
  g_assert_nonnull (service ());

  /* In order: each goes on from where the one before left the settings. */
  g_test_add_func ("/reminder-portal/granted", test_granted);
  g_test_add_func ("/reminder-portal/refused", test_refused);
  g_test_add_func ("/reminder-portal/no-portal", test_no_portal);
  status = g_test_run ();

  test_application_finish (app, tmp_home);
  g_clear_pointer (&last_options, g_variant_unref);
  return status;
}
