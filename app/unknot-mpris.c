/* unknot-mpris.c
 *
 * The MPRIS 2 interfaces (org.mpris.MediaPlayer2 and .Player) on the session bus, under the name
 * org.mpris.MediaPlayer2.unknot, while a routine is loaded. PlayPause, Play, Pause, Next,
 * Previous and Stop drive the session; PlaybackStatus and Metadata (title: the step's technique
 * and area; album: the routine) follow it.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-labels.h"
#include "unknot-mpris.h"

#define MPRIS_NAME  "org.mpris.MediaPlayer2.unknot"
#define MPRIS_PATH  "/org/mpris/MediaPlayer2"
#define ROOT_IFACE  "org.mpris.MediaPlayer2"
#define PLAYER_IFACE "org.mpris.MediaPlayer2.Player"

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.mpris.MediaPlayer2'>"
  "    <method name='Raise'/>"
  "    <method name='Quit'/>"
  "    <property name='CanQuit' type='b' access='read'/>"
  "    <property name='CanRaise' type='b' access='read'/>"
  "    <property name='HasTrackList' type='b' access='read'/>"
  "    <property name='Identity' type='s' access='read'/>"
  "    <property name='DesktopEntry' type='s' access='read'/>"
  "    <property name='SupportedUriSchemes' type='as' access='read'/>"
  "    <property name='SupportedMimeTypes' type='as' access='read'/>"
  "  </interface>"
  "  <interface name='org.mpris.MediaPlayer2.Player'>"
  "    <method name='Next'/>"
  "    <method name='Previous'/>"
  "    <method name='Pause'/>"
  "    <method name='PlayPause'/>"
  "    <method name='Stop'/>"
  "    <method name='Play'/>"
  "    <method name='Seek'><arg direction='in' name='Offset' type='x'/></method>"
  "    <method name='SetPosition'>"
  "      <arg direction='in' name='TrackId' type='o'/>"
  "      <arg direction='in' name='Position' type='x'/>"
  "    </method>"
  "    <method name='OpenUri'><arg direction='in' name='Uri' type='s'/></method>"
  "    <signal name='Seeked'><arg name='Position' type='x'/></signal>"
  "    <property name='PlaybackStatus' type='s' access='read'/>"
  "    <property name='Rate' type='d' access='read'/>"
  "    <property name='Metadata' type='a{sv}' access='read'/>"
  "    <property name='Volume' type='d' access='read'/>"
  "    <property name='Position' type='x' access='read'/>"
  "    <property name='MinimumRate' type='d' access='read'/>"
  "    <property name='MaximumRate' type='d' access='read'/>"
  "    <property name='CanGoNext' type='b' access='read'/>"
  "    <property name='CanGoPrevious' type='b' access='read'/>"
  "    <property name='CanPlay' type='b' access='read'/>"
  "    <property name='CanPause' type='b' access='read'/>"
  "    <property name='CanSeek' type='b' access='read'/>"
  "    <property name='CanControl' type='b' access='read'/>"
  "  </interface>"
  "</node>";

struct _UnknotMpris
{
  GObject          parent_instance;

  GDBusConnection *connection;
  UnknotCatalogue *catalogue;
  GApplication    *application;   /* not referenced: the application owns this object */
  GDBusNodeInfo   *info;
  guint            root_id;
  guint            player_id;
  guint            name_id;
  UnknotSession   *session;
};

G_DEFINE_FINAL_TYPE (UnknotMpris, unknot_mpris, G_TYPE_OBJECT)

static const char *
playback_status (UnknotMpris *self)
{
  if (self->session == NULL)
    return "Stopped";

  switch (unknot_session_get_state (self->session))
    {
    case UNKNOT_SESSION_RUNNING:
    case UNKNOT_SESSION_PREPARING:
      return "Playing";
    case UNKNOT_SESSION_PAUSED:
      return "Paused";
    case UNKNOT_SESSION_READY:
    case UNKNOT_SESSION_FINISHED:
    default:
      return "Stopped";
    }
}

static GVariant *
metadata (UnknotMpris *self)
{
  GVariantBuilder builder;
  UnknotRoutine *routine;
  UnknotStep *step;
  g_autofree char *title = NULL;
  g_autofree char *track = NULL;
  int index;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
  if (self->session == NULL)
    {
      g_variant_builder_add (&builder, "{sv}", "mpris:trackid",
                             g_variant_new_object_path ("/org/mpris/MediaPlayer2/TrackList/NoTrack"));
      return g_variant_builder_end (&builder);
    }

  routine = unknot_session_get_routine (self->session);
  step = unknot_session_get_step (self->session);
  index = unknot_session_get_step_index (self->session);

  if (step == NULL)
    title = g_strdup (_("Get ready"));
  else if (unknot_step_is_rest (step))
    title = g_strdup (C_("step", "Rest"));
  else
    {
      g_autofree char *technique = unknot_step_get_title (step, self->catalogue);

      /* Translators: the title media controls show: technique and area */
      title = g_strdup_printf (_("%s — %s"), technique,
                               unknot_area_get_label (unknot_step_get_area (step)));
    }

  track = g_strdup_printf ("/io/github/unknot/Unknot/step/%d", index < 0 ? 0 : index + 1);
  g_variant_builder_add (&builder, "{sv}", "mpris:trackid", g_variant_new_object_path (track));
  g_variant_builder_add (&builder, "{sv}", "xesam:title", g_variant_new_string (title));
  g_variant_builder_add (&builder, "{sv}", "xesam:album",
                         g_variant_new_string (unknot_routine_get_display_name (routine)));
  g_variant_builder_add (&builder, "{sv}", "mpris:length",
                         g_variant_new_int64 (step ? (gint64) unknot_step_get_duration (step)
                                                     * G_USEC_PER_SEC
                                                   : unknot_session_get_preparation (
                                                       self->session) * G_USEC_PER_SEC));
  return g_variant_builder_end (&builder);
}

static GVariant *
get_property (GDBusConnection *connection,
              const char      *sender,
              const char      *path,
              const char      *interface,
              const char      *name,
              GError         **error,
              gpointer         data)
{
  UnknotMpris *self = data;
  gboolean active = self->session != NULL
                    && unknot_session_get_state (self->session) != UNKNOT_SESSION_FINISHED;

  if (g_str_equal (name, "CanQuit") || g_str_equal (name, "CanRaise"))
    return g_variant_new_boolean (TRUE);
  if (g_str_equal (name, "HasTrackList") || g_str_equal (name, "CanSeek"))
    return g_variant_new_boolean (FALSE);
  if (g_str_equal (name, "Identity"))
    return g_variant_new_string (_("Unknot"));
  if (g_str_equal (name, "DesktopEntry"))
    return g_variant_new_string (APP_ID);
  if (g_str_equal (name, "SupportedUriSchemes") || g_str_equal (name, "SupportedMimeTypes"))
    return g_variant_new_strv (NULL, 0);
  if (g_str_equal (name, "PlaybackStatus"))
    return g_variant_new_string (playback_status (self));
  if (g_str_equal (name, "Rate") || g_str_equal (name, "MinimumRate")
      || g_str_equal (name, "MaximumRate") || g_str_equal (name, "Volume"))
    return g_variant_new_double (1.0);
  if (g_str_equal (name, "Metadata"))
    return metadata (self);
  if (g_str_equal (name, "Position"))
    {
      gint64 position = 0;

      if (self->session != NULL && unknot_session_get_step_index (self->session) >= 0)
        position = unknot_session_get_position (self->session)
                   - unknot_session_get_step_start_time (
                       self->session, unknot_session_get_step_index (self->session));
      return g_variant_new_int64 (MAX (position, 0));
    }
  if (g_str_equal (name, "CanGoNext") || g_str_equal (name, "CanGoPrevious")
      || g_str_equal (name, "CanPause") || g_str_equal (name, "CanControl"))
    return g_variant_new_boolean (active || g_str_equal (name, "CanControl"));
  if (g_str_equal (name, "CanPlay"))
    return g_variant_new_boolean (self->session != NULL);

  g_set_error (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_PROPERTY, "No property %s", name);
  return NULL;
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *path,
             const char            *interface,
             const char            *method,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               data)
{
  UnknotMpris *self = data;
  UnknotSession *session = self->session;

  if (g_str_equal (method, "Raise"))
    g_application_activate (self->application);
  else if (g_str_equal (method, "Quit"))
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "quit", NULL);
  else if (session == NULL)
    ;   /* nothing loaded: nothing to do */
  else if (g_str_equal (method, "PlayPause"))
    unknot_session_toggle_pause (session);
  else if (g_str_equal (method, "Play"))
    unknot_session_start (session);   /* resumes when paused */
  else if (g_str_equal (method, "Pause"))
    unknot_session_pause (session);
  else if (g_str_equal (method, "Next"))
    unknot_session_next (session);
  else if (g_str_equal (method, "Previous"))
    unknot_session_previous (session);
  else if (g_str_equal (method, "Stop"))
    unknot_session_pause (session);   /* a routine is stopped in the window, after asking */

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call, get_property, NULL, { NULL } };

static void
emit_changed (UnknotMpris *self,
              const char  *first,
              ...)
{
  GVariantBuilder changed;
  va_list args;
  const char *name;

  if (self->player_id == 0)
    return;

  g_variant_builder_init (&changed, G_VARIANT_TYPE ("a{sv}"));
  va_start (args, first);
  for (name = first; name != NULL; name = va_arg (args, const char *))
    {
      GVariant *floating = get_property (self->connection, NULL, MPRIS_PATH, PLAYER_IFACE, name,
                                         NULL, self);
      g_autoptr(GVariant) value = floating ? g_variant_ref_sink (floating) : NULL;

      if (value != NULL)
        g_variant_builder_add (&changed, "{sv}", name, value);
    }
  va_end (args);

  g_dbus_connection_emit_signal (self->connection, NULL, MPRIS_PATH,
                                 "org.freedesktop.DBus.Properties", "PropertiesChanged",
                                 g_variant_new ("(sa{sv}as)", PLAYER_IFACE, &changed, NULL),
                                 NULL);
}

static void
on_state_changed (UnknotMpris *self)
{
  emit_changed (self, "PlaybackStatus", "CanGoNext", "CanGoPrevious", "CanPause", "CanPlay",
                NULL);
}

static void
on_step_changed (UnknotMpris *self)
{
  emit_changed (self, "Metadata", NULL);
}

static void
unregister (UnknotMpris *self)
{
  if (self->root_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->root_id);
  if (self->player_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->player_id);
  self->root_id = self->player_id = 0;
  g_clear_handle_id (&self->name_id, g_bus_unown_name);
}

/* Exported while a routine is loaded, gone when none is. */
void
unknot_mpris_set_session (UnknotMpris   *self,
                          UnknotSession *session)
{
  g_return_if_fail (UNKNOT_IS_MPRIS (self));
  g_return_if_fail (session == NULL || UNKNOT_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);

  if (session == NULL)
    {
      unregister (self);
      return;
    }

  g_signal_connect_object (session, "notify::state", G_CALLBACK (on_state_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::step-index", G_CALLBACK (on_step_changed), self,
                           G_CONNECT_SWAPPED);

  if (self->connection == NULL)
    return;

  if (self->player_id == 0)
    {
      g_autoptr(GError) error = NULL;

      self->root_id = g_dbus_connection_register_object (self->connection, MPRIS_PATH,
                                                         self->info->interfaces[0], &vtable,
                                                         self, NULL, &error);
      if (self->root_id != 0)
        self->player_id = g_dbus_connection_register_object (self->connection, MPRIS_PATH,
                                                             self->info->interfaces[1], &vtable,
                                                             self, NULL, &error);
      if (self->player_id == 0)
        {
          g_debug ("MPRIS not available: %s", error ? error->message : "");
          unregister (self);
          return;
        }
      self->name_id = g_bus_own_name_on_connection (self->connection, MPRIS_NAME,
                                                    G_BUS_NAME_OWNER_FLAGS_NONE,
                                                    NULL, NULL, NULL, NULL);
    }

  on_state_changed (self);
  on_step_changed (self);
}

static void
unknot_mpris_dispose (GObject *object)
{
  UnknotMpris *self = (UnknotMpris *) object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  if (self->connection != NULL)
    unregister (self);
  g_clear_object (&self->connection);
  g_clear_object (&self->catalogue);
  g_clear_pointer (&self->info, g_dbus_node_info_unref);

  G_OBJECT_CLASS (unknot_mpris_parent_class)->dispose (object);
}

static void
unknot_mpris_class_init (UnknotMprisClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = unknot_mpris_dispose;
}

static void
unknot_mpris_init (UnknotMpris *self)
{
  self->info = g_dbus_node_info_new_for_xml (introspection_xml, NULL);
  g_assert (self->info != NULL);
}

/**
 * unknot_mpris_new:
 * @connection: (nullable): the session bus; without one, nothing is exported
 */
UnknotMpris *
unknot_mpris_new (GDBusConnection *connection,
                  UnknotCatalogue *catalogue,
                  GApplication    *application)
{
  UnknotMpris *self = g_object_new (UNKNOT_TYPE_MPRIS, NULL);

  self->connection = connection ? g_object_ref (connection) : NULL;
  self->catalogue = g_object_ref (catalogue);
  self->application = application;
  return self;
}
