/* unknot-reminder-service.c
 *
 * The reminders' settings drive an UnknotReminders; when one is due and no routine runs, a
 * notification offers the chosen routine: Start, Snooze 10 min, Skip, or a click that opens the
 * routine's page. While reminders are on, the application is held, so closing its window leaves
 * it running in the background, and an XDG autostart entry starts it (`unknot --background`) at
 * login. logind tells of a wake from a suspend, when the monotonic wake-up is late.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-application.h"
#include "unknot-autostart.h"
#include "unknot-background-portal.h"
#include "unknot-labels.h"
#include "unknot-reminder-service.h"
#include "unknot-window.h"

struct _UnknotReminderService
{
  GObject            parent_instance;

  UnknotApplication *application;   /* not referenced: it owns this object */
  GSettings         *settings;
  UnknotReminders   *reminders;
  UnknotClock       *clock;
  gboolean           held;
  GDBusConnection   *system_bus;
  guint              sleep_subscription;
  GCancellable      *cancellable;
  char              *start_problem;   /* why it does not start at login, or NULL */
};

G_DEFINE_FINAL_TYPE (UnknotReminderService, unknot_reminder_service, G_TYPE_OBJECT)

static UnknotRoutine *
lookup_routine (UnknotReminderService *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "reminder-routine");

  return unknot_library_lookup (unknot_application_get_library (self->application), id);
}

/**
 * unknot_reminder_service_get_title:
 *
 * Returns: (transfer full): what the reminder says: "Time for Desk break · 5 min"
 */
char *
unknot_reminder_service_get_title (UnknotReminderService *self)
{
  UnknotRoutine *routine;
  g_autofree char *duration = NULL;

  g_return_val_if_fail (UNKNOT_IS_REMINDER_SERVICE (self), NULL);

  routine = lookup_routine (self);
  if (routine == NULL)
    return g_strdup (_("Time for a break"));
  duration = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
  /* Translators: a reminder; the routine's name and its length, as in "Time for Desk break ·
   * 5 min" */
  return g_strdup_printf (_("Time for %s · %s"), unknot_routine_get_display_name (routine),
                          duration);
}

static void
on_due (UnknotReminderService *self,
        gint64                 due)
{
  UnknotRun *run = unknot_application_get_run (self->application);
  UnknotRoutine *routine = lookup_routine (self);
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  /* A person doing a routine needs no reminder to do one. */
  if (unknot_run_is_active (run))
    {
      g_debug ("Reminder skipped: a routine runs");
      return;
    }
  if (!unknot_run_can_notify (run))
    {
      g_message ("Reminder not shown: there is no notification service");
      return;
    }

  title = unknot_reminder_service_get_title (self);
  notification = g_notification_new (title);
  if (routine != NULL)
    {
      const char *id = unknot_routine_get_id (routine);

      g_notification_set_body (notification, unknot_routine_get_display_description (routine));
      g_notification_set_default_action_and_target (notification, "app.show-routine", "s", id);
      g_notification_add_button_with_target (notification, _("Start"), "app.start-routine", "s",
                                             id);
    }
  else
    {
      g_autofree char *id = g_settings_get_string (self->settings, "reminder-routine");
      g_autofree char *body =
        /* Translators: %s is a routine id */
        g_strdup_printf (_("The routine “%s” chosen in Preferences is not in the library."), id);

      /* Without a default action a click opens the window. */
      g_notification_set_body (notification, body);
    }
  g_notification_add_button (notification, _("Snooze 10 min"), "app.reminder-snooze");
  g_notification_add_button (notification, _("Skip"), "app.reminder-skip");
  g_application_send_notification (G_APPLICATION (self->application),
                                   UNKNOT_REMINDER_NOTIFICATION, notification);
}

static void
snooze_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       data)
{
  UnknotReminderService *self = data;

  g_application_withdraw_notification (G_APPLICATION (self->application),
                                       UNKNOT_REMINDER_NOTIFICATION);
  unknot_reminders_snooze (self->reminders);
}

static void
skip_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  UnknotReminderService *self = data;

  g_application_withdraw_notification (G_APPLICATION (self->application),
                                       UNKNOT_REMINDER_NOTIFICATION);
}

static void
show_routine_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       data)
{
  UnknotReminderService *self = data;
  GtkApplication *app = GTK_APPLICATION (self->application);
  GtkWindow *window = gtk_application_get_active_window (app);
  const char *id = g_variant_get_string (parameter, NULL);
  UnknotRoutine *routine;

  if (!UNKNOT_IS_WINDOW (window))
    window = GTK_WINDOW (unknot_window_new (self->application));
  gtk_window_present (window);
  routine = unknot_library_lookup (unknot_application_get_library (self->application), id);
  if (routine != NULL)
    unknot_window_show_routine (UNKNOT_WINDOW (window), routine);
  else
    {
      g_autofree char *message = g_strdup_printf (_("There is no routine “%s”"), id);

      unknot_window_add_toast (UNKNOT_WINDOW (window), message);
    }
}

static const GActionEntry actions[] = {
  { "reminder-snooze", snooze_action },
  { "reminder-skip", skip_action },
  { "show-routine", show_routine_action, "s" },
};

static void
on_times_changed (UnknotReminderService *self)
{
  g_auto(GStrv) times = g_settings_get_strv (self->settings, "reminder-times");
  g_autoptr(GError) error = NULL;

  /* The window checks what it writes; this is the setting edited by other means. */
  if (!unknot_reminders_set_times (self->reminders, (const char *const *) times, &error))
    g_message ("reminder-times: %s", error->message);
}

static void
on_days_changed (UnknotReminderService *self)
{
  unknot_reminders_set_days (self->reminders, g_settings_get_flags (self->settings,
                                                                    "reminder-days"));
}

/* Why Unknot does not start at login as the settings say, told once (in the window, when there
 * is one); NULL clears it. */
static void
set_start_problem (UnknotReminderService *self,
                   const char            *problem)
{
  GtkWindow *window;

  if (g_strcmp0 (problem, self->start_problem) == 0)
    return;
  g_free (self->start_problem);
  self->start_problem = g_strdup (problem);
  if (problem == NULL)
    return;

  g_message ("%s", problem);
  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));
  if (UNKNOT_IS_WINDOW (window))
    unknot_window_add_toast (UNKNOT_WINDOW (window), problem);
}

static void
set_autostart_file (UnknotReminderService *self,
                    gboolean               enabled)
{
  g_autoptr(GError) error = NULL;

  if (!unknot_autostart_set_enabled (enabled, &error))
    set_start_problem (self, error->message);
  else
    set_start_problem (self, NULL);
}

static void
on_portal_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;
  UnknotReminderService *self;

  if (unknot_background_portal_request_finish (result, &error))
    {
      set_start_problem (data, NULL);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the service is gone */
  self = data;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* No portal after all: the session's autostart folder, as outside a sandbox. */
    set_autostart_file (self, g_settings_get_boolean (self->settings, "reminders-enabled"));
  else
    set_start_problem (self, error->message);
}

/* While reminders are on, `unknot --background` starts at login: asked of the desktop portal
 * where Unknot is sandboxed, or by the session's autostart folder; never both. */
static void
set_start_at_login (UnknotReminderService *self,
                    gboolean               enabled)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self->application));

  if (unknot_background_portal_wanted () && bus != NULL)
    unknot_background_portal_request (bus, enabled, self->cancellable, on_portal_answered, self);
  else
    set_autostart_file (self, enabled);
}

static void
on_enabled_changed (UnknotReminderService *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "reminders-enabled");
  g_autoptr(GError) error = NULL;

  unknot_reminders_set_enabled (self->reminders, enabled);

  /* Held while on: closing the last window leaves the reminders running. */
  if (enabled != self->held)
    {
      self->held = enabled;
      if (enabled)
        g_application_hold (G_APPLICATION (self->application));
      else
        g_application_release (G_APPLICATION (self->application));
    }

  set_start_at_login (self, enabled);
}

static void
on_prepare_for_sleep (GDBusConnection *connection,
                      const char      *sender,
                      const char      *path,
                      const char      *interface,
                      const char      *signal,
                      GVariant        *parameters,
                      gpointer         data)
{
  UnknotReminderService *self = data;
  gboolean going_to_sleep = TRUE;

  if (g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    unknot_reminders_notify_resumed (self->reminders);
}

static void
on_system_bus (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_finish (result, &error);
  UnknotReminderService *self;

  if (bus == NULL)
    {
      /* No system bus (a container): a wake-up late after a suspend still brings what is due. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus for logind: %s", error->message);
      return;
    }
  self = data;
  self->system_bus = bus;
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, on_prepare_for_sleep, self,
                                        NULL);
}

static void
on_clock_suspended (UnknotReminderService *self)
{
  unknot_reminders_notify_resumed (self->reminders);
}

static void
unknot_reminder_service_dispose (GObject *object)
{
  UnknotReminderService *self = (UnknotReminderService *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->reminders);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->start_problem, g_free);

  G_OBJECT_CLASS (unknot_reminder_service_parent_class)->dispose (object);
}

static void
unknot_reminder_service_class_init (UnknotReminderServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = unknot_reminder_service_dispose;
}

static void
unknot_reminder_service_init (UnknotReminderService *self)
{
}

/**
 * unknot_reminder_service_new:
 * @application: started up: its settings, library and run are there
 * @clock: (nullable): the monotonic clock; %NULL for the system's
 * @wall_clock: (nullable): the wall clock; %NULL for the system's
 *
 * Adds the actions app.reminder-snooze, app.reminder-skip and app.show-routine (s).
 */
UnknotReminderService *
unknot_reminder_service_new (UnknotApplication *application,
                             UnknotClock       *clock,
                             UnknotWallClock   *wall_clock)
{
  UnknotReminderService *self = g_object_new (UNKNOT_TYPE_REMINDER_SERVICE, NULL);

  self->application = application;
  self->settings = g_object_ref (unknot_application_get_settings (application));
  self->clock = g_object_ref (clock != NULL ? clock : unknot_clock_get_system ());
  self->reminders = unknot_reminders_new (self->clock, wall_clock);
  self->cancellable = g_cancellable_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions),
                                   self);
  g_signal_connect_object (self->reminders, "due", G_CALLBACK (on_due), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clock, "suspended", G_CALLBACK (on_clock_suspended), self,
                           G_CONNECT_SWAPPED);

  /* The window's Preferences and this agree live: both go by the settings. */
  g_signal_connect_object (self->settings, "changed::reminder-times",
                           G_CALLBACK (on_times_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminder-days",
                           G_CALLBACK (on_days_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::reminders-enabled",
                           G_CALLBACK (on_enabled_changed), self, G_CONNECT_SWAPPED);
  on_times_changed (self);
  on_days_changed (self);
  if (g_settings_get_boolean (self->settings, "reminders-enabled"))
    on_enabled_changed (self);

  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, on_system_bus, self);
  return self;
}

/* Returns: (transfer none): the schedule */
UnknotReminders *
unknot_reminder_service_get_reminders (UnknotReminderService *self)
{
  g_return_val_if_fail (UNKNOT_IS_REMINDER_SERVICE (self), NULL);
  return self->reminders;
}

/**
 * unknot_reminder_service_get_start_problem:
 *
 * Returns: (nullable): why Unknot does not start at login while reminders are on (the portal
 *   refused, or the autostart entry could not be written), in words for the person; %NULL when
 *   all is as the settings say
 */
const char *
unknot_reminder_service_get_start_problem (UnknotReminderService *self)
{
  g_return_val_if_fail (UNKNOT_IS_REMINDER_SERVICE (self), NULL);
  return self->start_problem;
}
