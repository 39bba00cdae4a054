/* unknot-background-portal.c
 *
 * Sandboxed (a Flatpak), Unknot cannot write the session's autostart folder: it asks the desktop
 * portal instead (org.freedesktop.portal.Background.RequestBackground), which may ask the person.
 * The portal answers on a Request object: the Response signal is subscribed to before the call,
 * on the path the portal will use (documented: .../request/SENDER/TOKEN), and again on the path
 * it returns if that differs (older portals).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-background-portal.h"
#include "unknot-types.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define BACKGROUND_IFACE "org.freedesktop.portal.Background"
#define REQUEST_IFACE    "org.freedesktop.portal.Request"

/**
 * unknot_background_portal_wanted:
 *
 * Whether the start at login goes through the portal: in a Flatpak sandbox, or when
 * `UNKNOT_USE_PORTAL=1` asks for it (as `GTK_USE_PORTAL` does for GTK's dialogs).
 */
gboolean
unknot_background_portal_wanted (void)
{
  return g_strcmp0 (g_getenv ("UNKNOT_USE_PORTAL"), "1") == 0
         || g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

typedef struct {
  GDBusConnection *bus;
  char            *path;           /* the request's object path */
  guint            subscription;
  gboolean         autostart;
  GCancellable    *cancellable;
  gulong           cancelled_id;
} Request;

static void
request_free (Request *request)
{
  if (request->cancellable != NULL && request->cancelled_id != 0)
    g_cancellable_disconnect (request->cancellable, request->cancelled_id);
  g_clear_object (&request->cancellable);
  if (request->subscription != 0)
    g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  g_clear_object (&request->bus);
  g_free (request->path);
  g_free (request);
}

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GVariant) results = NULL;
  gboolean granted = FALSE;
  guint32 response;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_dbus_connection_signal_unsubscribe (connection, request->subscription);
  request->subscription = 0;

  if (response == 0)
    g_variant_lookup (results, "autostart", "b", &granted);
  if (response == 0 && granted == request->autostart)
    g_task_return_boolean (task, TRUE);
  else if (request->autostart)
    g_task_return_new_error (task, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, "%s",
                             _("Unknot is not allowed to start at login, so reminders come "
                               "only while it runs."));
  else
    g_task_return_new_error (task, UNKNOT_ERROR, UNKNOT_ERROR_FAILED, "%s",
                             _("Unknot could not stop starting at login."));
  g_object_unref (task);
}

/* Cancelled while the portal has not answered: no answer is waited for any more. */
static void
on_cancelled (GCancellable *cancellable,
              gpointer      data)
{
  GTask *task = data;
  Request *request = g_task_get_task_data (task);

  if (request->subscription == 0)
    return;   /* answered, or the call failed: the task is done */
  /* Not disconnected from within its own handler (that would wait for itself). */
  request->cancelled_id = 0;
  g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
  request->subscription = 0;
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           "The request was cancelled");
  g_object_unref (task);
}

static guint
subscribe (Request *request,
           GTask   *task)
{
  return g_dbus_connection_signal_subscribe (request->bus, PORTAL_NAME, REQUEST_IFACE, "Response",
                                             request->path, NULL,
                                             G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE, on_response,
                                             task, NULL);
}

static void
on_called (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;   /* the call's own reference */
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result,
                                                             &error);
  const char *handle = NULL;

  if (request->subscription == 0)
    return;   /* cancelled meanwhile: the task is done */
  if (reply == NULL)
    {
      g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
      request->subscription = 0;
      /* No portal on this bus: G_IO_ERROR_NOT_FOUND, so the caller writes the file. */
      if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_INTERFACE)
          || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);   /* the request's: it is done */
      return;
    }

  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, request->path) != 0)
    {
      g_dbus_connection_signal_unsubscribe (request->bus, request->subscription);
      g_free (request->path);
      request->path = g_strdup (handle);
      request->subscription = subscribe (request, task);
    }
  /* The task is finished by the Response signal. */
}

/**
 * unknot_background_portal_request:
 * @bus: the session bus
 * @autostart: whether to start at login (`unknot --background`)
 *
 * Asks the portal to start Unknot at login, or no longer. Finishes when the portal answers:
 * %G_IO_ERROR_NOT_FOUND when there is no portal, an error in words for the person when it
 * refuses.
 */
void
unknot_background_portal_request (GDBusConnection     *bus,
                                  gboolean             autostart,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  static guint counter;
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);
  g_autofree char *token = g_strdup_printf ("unknot%u", ++counter);
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (bus) + 1);
  const char *commandline[] = { "unknot", "--background", NULL };
  GVariantBuilder options;

  g_strdelimit (sender, ".", '_');
  request->bus = g_object_ref (bus);
  request->autostart = autostart;
  request->path = g_strconcat (PORTAL_PATH "/request/", sender, "/", token, NULL);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_set_source_tag (task, unknot_background_portal_request);
  request->subscription = subscribe (request, task);
  if (cancellable != NULL)
    {
      request->cancellable = g_object_ref (cancellable);
      /* The task outlives the call until the portal answers: held for on_called. */
      request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), task,
                                                     NULL);
    }

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         /* Translators: shown by the desktop when it asks whether Unknot may
                          * start at login */
                         g_variant_new_string (_("Unknot reminds you of your routine at the "
                                                 "times you chose")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (autostart));
  g_variant_builder_add (&options, "{sv}", "commandline", g_variant_new_strv (commandline, -1));
  g_variant_builder_add (&options, "{sv}", "dbus-activatable", g_variant_new_boolean (FALSE));

  /* The reply may come only after the person answered: no timeout. */
  g_dbus_connection_call (bus, PORTAL_NAME, PORTAL_PATH, BACKGROUND_IFACE, "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options), G_VARIANT_TYPE ("(o)"),
                          G_DBUS_CALL_FLAGS_NONE, G_MAXINT, cancellable, on_called,
                          g_object_ref (task));
}

gboolean
unknot_background_portal_request_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
