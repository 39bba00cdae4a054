/* unknot-window.c: the routine library, a routine's page, the player and the finish page
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "unknot-a11y.h"
#include "unknot-editor-view.h"
#include "unknot-help-window.h"
#include "unknot-labels.h"
#include "unknot-player-view.h"
#include "unknot-routine-io.h"
#include "unknot-window.h"

#define CLOSE_PLAYER_AFTER 8   /* seconds after the finish: the last words have been said */

struct _UnknotWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkListBox           *routine_list;
  GtkWidget            *problems_group;
  GtkLabel             *problems_label;
  AdwWindowTitle       *routine_title;
  GtkLabel             *routine_name;
  GtkLabel             *routine_description;
  GtkLabel             *routine_facts;
  GtkListBox           *step_list;
  GtkButton            *edit_button;
  UnknotEditorView     *editor_view;
  UnknotPlayerView     *player_view;
  AdwStatusPage        *finish_status;
  GtkLabel             *finish_summary;

  UnknotApplication    *application;
  UnknotRoutine        *routine;       /* on the routine page */
  UnknotSession        *session;
  guint                 inhibit_cookie;
  guint                 close_player_id;
  gboolean              said_player_error;
  gboolean              close_confirmed;   /* unsaved edits were saved or discarded */
};

G_DEFINE_FINAL_TYPE (UnknotWindow, unknot_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_routine_actions (UnknotWindow *self);

static void
on_routine_activated (GtkListBox    *box,
                      GtkListBoxRow *row,
                      UnknotWindow  *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (row), "routine");

  unknot_window_show_routine (self, routine);
}

static GtkWidget *
create_routine_row (gpointer item,
                    gpointer data)
{
  UnknotRoutine *routine = item;
  g_autofree char *total = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
  g_autofree char *areas = unknot_areas_to_text (unknot_routine_get_areas (routine));
  g_autofree char *tools = unknot_tools_to_text (unknot_routine_get_tools (routine));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *duration = gtk_label_new (total);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Text from files is plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 unknot_routine_get_display_name (routine));
  subtitle = tools[0] ? g_strdup_printf ("%s · %s", areas, tools) : g_strdup (areas);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (duration, "dim-label");
  gtk_widget_add_css_class (duration, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), duration);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "routine", g_object_ref (routine), g_object_unref);

  return row;
}

static void
update_problems (UnknotWindow *self)
{
  g_autoptr(GPtrArray) problems = unknot_library_dup_problems (unknot_application_get_library (
                                                                 self->application));
  g_autoptr(GPtrArray) errors = g_ptr_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < problems->len; i++)
    if (!((UnknotProblem *) g_ptr_array_index (problems, i))->warning)
      g_ptr_array_add (errors, g_ptr_array_index (problems, i));

  gtk_widget_set_visible (self->problems_group, errors->len > 0);
  if (errors->len == 0)
    return;

  text = unknot_problems_to_string (errors);
  gtk_label_set_text (self->problems_label, text);
}

static GtkWidget *
create_step_row (UnknotWindow *self,
                 UnknotStep   *step,
                 guint         index)
{
  UnknotCatalogue *catalogue = unknot_application_get_catalogue (self->application);
  g_autofree char *title = unknot_step_get_title (step, catalogue);
  g_autofree char *duration = unknot_duration_to_short (unknot_step_get_duration (step));
  g_autofree char *full_title = NULL;
  g_autofree char *subtitle = NULL;
  const char *instructions =
    unknot_routine_get_display_text (self->routine, unknot_step_get_instructions (step));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (duration);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (unknot_step_is_rest (step))
    full_title = g_strdup_printf ("%u. %s", index + 1, title);
  else
    full_title = g_strdup_printf ("%u. %s — %s", index + 1, title,
                                  unknot_area_get_label (unknot_step_get_area (step)));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full_title);

  if (!unknot_step_is_rest (step))
    {
      g_autoptr(GString) s = g_string_new (NULL);

      g_autofree char *summary = unknot_step_get_summary (step);

      g_string_append (s, summary);
      if (instructions != NULL && *instructions != '\0')
        g_string_append_printf (s, "\n%s", instructions);
      subtitle = g_string_free (g_steal_pointer (&s), FALSE);
    }
  else
    subtitle = g_strdup (instructions);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle ? subtitle : "");
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
unknot_window_show_routine (UnknotWindow  *self,
                            UnknotRoutine *routine)
{
  g_autofree char *total = NULL;
  g_autofree char *areas = NULL;
  g_autofree char *tools = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *facts = NULL;
  guint n;

  g_return_if_fail (UNKNOT_IS_WINDOW (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  g_set_object (&self->routine, routine);

  adw_window_title_set_title (self->routine_title, unknot_routine_get_display_name (routine));
  gtk_label_set_text (self->routine_name, unknot_routine_get_display_name (routine));
  gtk_label_set_text (self->routine_description, unknot_routine_get_display_description (routine));

  n = unknot_routine_get_n_steps (routine);
  total = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
  areas = unknot_areas_to_text (unknot_routine_get_areas (routine));
  tools = unknot_tools_to_text (unknot_routine_get_tools (routine));
  steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n), n);
  facts = tools[0] ? g_strdup_printf ("%s · %s\n%s\n%s", total, steps, areas, tools)
                   : g_strdup_printf ("%s · %s\n%s", total, steps, areas);
  gtk_label_set_text (self->routine_facts, facts);

  clear_list (self->step_list);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->step_list,
                         create_step_row (self, unknot_routine_get_step (routine, i), i));

  /* Bundled routines are read-only: "Customise" edits a copy of the person's own. An icon, so
   * the header fits 360 pixels; the name says which. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->edit_button),
                               unknot_routine_get_bundled (routine)
                               ? _("Customise: make a copy of your own to change (Ctrl+E)")
                               : _("Edit the routine (Ctrl+E)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->edit_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  unknot_routine_get_bundled (routine) ? _("Customise")
                                                                       : _("Edit"), -1);

  gtk_stack_set_visible_child_name (self->stack, "routine");
  update_routine_actions (self);
}

static void
release_inhibit (UnknotWindow *self)
{
  if (self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (self->application), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

static gboolean
close_player_cb (gpointer data)
{
  UnknotWindow *self = data;
  UnknotCueScheduler *scheduler = unknot_application_get_scheduler (self->application);

  self->close_player_id = 0;
  if (self->session == NULL || unknot_session_get_state (self->session) == UNKNOT_SESSION_FINISHED)
    {
      unknot_cue_scheduler_set_session (scheduler, NULL);
      unknot_cue_player_close (unknot_cue_scheduler_get_player (scheduler));
    }
  return G_SOURCE_REMOVE;
}

static gboolean
notification_service_exists (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  static const char * const names[] = { "org.gtk.Notifications", "org.freedesktop.Notifications" };

  if (bus == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GVariant) reply =
        g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                     "org.freedesktop.DBus", "NameHasOwner",
                                     g_variant_new ("(s)", names[i]), G_VARIANT_TYPE ("(b)"),
                                     G_DBUS_CALL_FLAGS_NONE, 500, NULL, NULL);
      gboolean has_owner = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return TRUE;
    }
  return FALSE;
}

/* @announce: the routine has just ended (not a new window taking over a finished one), so a
 * person away from the window is told. */
static void
show_finish (UnknotWindow *self,
             gboolean      announce)
{
  UnknotRoutine *routine = unknot_session_get_routine (self->session);
  gint64 paused = unknot_session_get_paused_time (self->session) / G_USEC_PER_SEC;
  guint steps = unknot_routine_get_n_steps (routine);
  guint skipped = unknot_session_get_n_skipped (self->session);
  g_autofree char *total = unknot_duration_to_words (unknot_routine_get_total_duration (routine));
  g_autoptr(GString) summary = g_string_new (NULL);

  /* Set here, not in the template: this large icon exists only as SVG, and loading the SVG
   * renderer costs the running app several megabytes before anyone finishes a routine. */
  adw_status_page_set_icon_name (self->finish_status, "emblem-ok-symbolic");
  adw_status_page_set_title (self->finish_status, _("Well done"));
  {
    /* The status page's description is markup; the name is the person's own text. */
    g_autofree char *escaped = g_markup_escape_text (unknot_routine_get_display_name (routine),
                                                     -1);

    adw_status_page_set_description (self->finish_status, escaped);
  }

  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u step, %s of massage",
                                                "%u steps, %s of massage", steps),
                          steps, total);
  if (skipped > 0)
    {
      g_string_append_c (summary, '\n');
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u step skipped",
                                                    "%u steps skipped", skipped), skipped);
    }
  if (paused > 0)
    {
      g_autofree char *p = unknot_duration_to_words ((guint) paused);

      g_string_append_c (summary, '\n');
      /* Translators: %s is a duration such as "2 minutes 10 seconds" */
      g_string_append_printf (summary, _("Paused for %s"), p);
    }
  g_string_append_c (summary, '\n');
  g_string_append (summary, _("Drink some water, and move gently for a few minutes."));
  gtk_label_set_text (self->finish_summary, summary->str);

  gtk_stack_set_visible_child_name (self->stack, "finish");

  if (announce && !gtk_window_is_active (GTK_WINDOW (self)) && notification_service_exists ())
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Routine complete"));

      g_notification_set_body (notification, unknot_routine_get_display_name (routine));
      g_application_send_notification (G_APPLICATION (self->application), "routine-finished",
                                       notification);
    }
}

static void
on_session_state_changed (UnknotWindow  *self,
                          GParamSpec    *pspec,
                          UnknotSession *session)
{
  switch (unknot_session_get_state (session))
    {
    case UNKNOT_SESSION_PREPARING:
    case UNKNOT_SESSION_RUNNING:
    case UNKNOT_SESSION_PAUSED:
      if (self->inhibit_cookie == 0)
        self->inhibit_cookie =
          gtk_application_inhibit (GTK_APPLICATION (self->application), GTK_WINDOW (self),
                                   GTK_APPLICATION_INHIBIT_IDLE | GTK_APPLICATION_INHIBIT_SUSPEND,
                                   _("A massage routine is running"));
      break;

    case UNKNOT_SESSION_FINISHED:
      release_inhibit (self);
      if (pspec != NULL)   /* not when a new window takes over a finished session */
        show_finish (self, TRUE);
      g_clear_handle_id (&self->close_player_id, g_source_remove);
      self->close_player_id = g_timeout_add_seconds (CLOSE_PLAYER_AFTER, close_player_cb, self);
      break;

    case UNKNOT_SESSION_READY:
    default:
      release_inhibit (self);
      break;
    }
}

static void
on_player_error (UnknotWindow *self,
                 GError       *error)
{
  unknot_window_add_toast (self, error->message);
}

static void
end_session (UnknotWindow *self)
{
  UnknotCueScheduler *scheduler = unknot_application_get_scheduler (self->application);

  g_clear_handle_id (&self->close_player_id, g_source_remove);
  if (self->session == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->session, self);
  unknot_session_stop (self->session);
  unknot_player_view_set_session (self->player_view, NULL);
  if (unknot_cue_scheduler_get_session (scheduler) == self->session)
    {
      unknot_cue_scheduler_set_session (scheduler, NULL);
      unknot_cue_player_close (unknot_cue_scheduler_get_player (scheduler));
    }
  unknot_application_set_session (self->application, NULL);
  g_clear_object (&self->session);
  release_inhibit (self);
}

/* The routine's page is out of sight while its routine runs: its rows (one per step, each with
 * its text laid out; 5 MiB for 60 steps) are let go, and unknot_window_show_routine() makes them
 * again on the way back. */
static void
release_routine_page (UnknotWindow *self)
{
  if (gtk_widget_get_first_child (GTK_WIDGET (self->step_list)) == NULL)
    return;

  clear_list (self->step_list);
#ifdef __GLIBC__
  /* Small blocks freed in the middle of the heap go back to the system only when asked. */
  malloc_trim (0);
#endif
}

/* Once a routine runs, Unknot stays open for its length and redraws every second. From then on,
 * blocks of 64 KiB and more (the image surfaces of each redraw, sound buffers, announcements)
 * come straight from the system and go back to it when freed, instead of staying in the heap,
 * and the heap gives its free top back sooner: 3.5 MiB less at the peak of a routine. Not from
 * the start, where the extra system calls cost the first frame a few milliseconds. */
static void
settle_malloc_for_routine (void)
{
#ifdef __GLIBC__
  static gsize done;

  if (g_once_init_enter (&done))
    {
      mallopt (M_MMAP_THRESHOLD, 64 * 1024);
      mallopt (M_TRIM_THRESHOLD, 64 * 1024);
      g_once_init_leave (&done, 1);
    }
#endif
}

static void
start_session (UnknotWindow  *self,
               UnknotRoutine *routine)
{
  UnknotCueScheduler *scheduler = unknot_application_get_scheduler (self->application);
  UnknotCuePlayer *player = unknot_cue_scheduler_get_player (scheduler);
  GSettings *settings = unknot_application_get_settings (self->application);
  g_autoptr(GError) error = NULL;
  int get_ready = g_settings_get_int (settings, "get-ready");

  end_session (self);
  settle_malloc_for_routine ();
  g_set_object (&self->routine, routine);

  /* The player's page first (nothing is drawn before this function returns), so the rows of the
   * page it leaves can go before the sound starts. It does not slide in: a routine is a mode the
   * person enters, not a page deeper in the library (started from the command line, it would
   * slide in from a page nobody looked at), and under the software renderer every frame of a
   * slide drew the whole page into a 2 MiB image, the highest point of a run's memory. */
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child_name (self->stack, "player");
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  release_routine_page (self);

  self->session = unknot_session_new (routine, NULL);
  if (get_ready >= 0)
    unknot_session_set_preparation (self->session, (guint) get_ready);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_state_changed),
                           self, G_CONNECT_SWAPPED);

  if (!unknot_cue_player_is_open (player) && !unknot_cue_player_open (player, &error)
      && !self->said_player_error)
    {
      /* Said once; the routine runs on, to be followed by eye. */
      self->said_player_error = TRUE;
      unknot_window_add_toast (self, error->message);
    }
  unknot_cue_scheduler_set_session (scheduler, self->session);

  unknot_player_view_set_session (self->player_view, self->session);
  unknot_application_set_session (self->application, self->session);
  unknot_session_start (self->session);
}

gboolean
unknot_window_start_routine (UnknotWindow *self,
                             const char   *id)
{
  UnknotRoutine *routine;

  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), FALSE);

  routine = unknot_library_lookup (unknot_application_get_library (self->application), id);
  if (routine == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("There is no routine “%s”"), id);

      unknot_window_add_toast (self, message);
      return FALSE;
    }

  start_session (self, routine);
  return TRUE;
}

static void
on_start_clicked (UnknotWindow *self)
{
  if (self->routine != NULL)
    start_session (self, self->routine);
}

static void
on_back_clicked (UnknotWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "library");
}

static void
on_again_clicked (UnknotWindow *self)
{
  if (self->routine != NULL)
    start_session (self, self->routine);
}

/* A routine started from the editor ends back in the editor, edits and all; so does any other
 * routine started while an editor was open (from the command line, a desktop action). */
static gboolean
back_to_editor (UnknotWindow *self)
{
  if (self->editor_view == NULL || unknot_editor_view_get_editor (self->editor_view) == NULL)
    return FALSE;

  end_session (self);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  return TRUE;
}

static void
on_player_stopped (UnknotWindow *self)
{
  UnknotRoutine *routine;

  if (back_to_editor (self))
    return;

  routine = self->routine ? g_object_ref (self->routine) : NULL;
  end_session (self);
  if (routine != NULL)
    {
      unknot_window_show_routine (self, routine);
      g_object_unref (routine);
    }
}

/* Done after the finish page: as a stop, then on to the library. */
static void
on_done_clicked (UnknotWindow *self)
{
  if (back_to_editor (self))
    return;

  on_player_stopped (self);
  gtk_stack_set_visible_child_name (self->stack, "library");
}

/* The editor */

static void on_editor_done  (UnknotWindow  *self,
                             UnknotRoutine *routine);
static void on_editor_start (UnknotWindow  *self,
                             UnknotRoutine *routine);

/* The editor page is built the first time it is needed, not with the window: most starts never
 * edit, and the window shows sooner without it (about 2 ms of building and its styles). */
static UnknotEditorView *
ensure_editor_view (UnknotWindow *self)
{
  if (self->editor_view == NULL)
    {
      self->editor_view = g_object_new (UNKNOT_TYPE_EDITOR_VIEW, NULL);
      unknot_editor_view_set_application (self->editor_view, self->application);
      g_signal_connect_object (self->editor_view, "done", G_CALLBACK (on_editor_done), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->editor_view, "start", G_CALLBACK (on_editor_start), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->editor_view), "editor");
    }
  return self->editor_view;
}

static void
show_editor (UnknotWindow *self,
             UnknotEditor *editor)
{
  unknot_editor_view_set_editor (ensure_editor_view (self), editor);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  unknot_editor_view_focus (self->editor_view);
}

static void
on_editor_done (UnknotWindow  *self,
                UnknotRoutine *routine)
{
  if (routine != NULL)
    unknot_window_show_routine (self, routine);
  else
    gtk_stack_set_visible_child_name (self->stack, "library");
}

static void
on_editor_start (UnknotWindow  *self,
                 UnknotRoutine *routine)
{
  start_session (self, routine);
}

static void
new_routine_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  g_autoptr(UnknotEditor) editor =
    unknot_editor_new (unknot_application_get_library (self->application), NULL);

  show_editor (self, editor);
}

static void
edit_routine_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  g_autoptr(UnknotEditor) editor = NULL;

  if (self->routine == NULL)
    return;

  /* A bundled routine gives a copy of the person's own ("My …"), new until saved. */
  editor = unknot_editor_new (unknot_application_get_library (self->application), self->routine);
  show_editor (self, editor);
}

static void
update_routine_actions (UnknotWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean browsing = g_strcmp0 (page, "library") == 0 || g_strcmp0 (page, "routine") == 0;
  gboolean routine = g_strcmp0 (page, "routine") == 0 && self->routine != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-routine", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-routine", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-routine", routine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-routine", routine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-routine", routine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-routine",
                                 routine && !unknot_routine_get_bundled (self->routine));
}

static void
show_message (UnknotWindow *self,
              const char   *heading,
              const char   *body,
              const char   *details)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  if (details != NULL && *details != '\0')
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (details);   /* plain text: file names, messages */

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "problems");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Problems"), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_label_set_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 72);
      gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_widget_add_css_class (scrolled, "card");
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import */

/**
 * unknot_window_import_file:
 *
 * Imports a routine file into the person's routines (validated first: on any error every problem
 * is shown and nothing is imported) and shows it. Returns: (transfer none) (nullable): the
 * imported routine.
 */
UnknotRoutine *
unknot_window_import_file (UnknotWindow *self,
                           GFile        *file)
{
  UnknotLibrary *library;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) as_read = NULL;
  g_autofree char *name = NULL;
  UnknotRoutine *routine;

  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  library = unknot_application_get_library (self->application);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  name = g_file_get_basename (file);

  routine = unknot_library_import (library, file, problems, &error);
  if (routine == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), name);
      g_autofree char *details = problems->len > 0 ? unknot_problems_to_string (problems)
                                                   : g_strdup (error->message);

      show_message (self, heading,
                    _("The file breaks the rules of the routine format. Nothing was imported; "
                      "these are all the problems found:"),
                    details);
      return NULL;
    }

  unknot_window_show_routine (self, routine);

  /* Its id was taken: it was given another one, never written over the other routine. */
  as_read = unknot_routine_load_file (file, NULL, unknot_application_get_catalogue (
                                        self->application), NULL, NULL);
  if (as_read != NULL
      && g_strcmp0 (unknot_routine_get_id (as_read), unknot_routine_get_id (routine)) != 0)
    {
      g_autofree char *text =
        /* Translators: the first %s is the routine's name, then its old and new ids */
        g_strdup_printf (_("Imported “%s”. Another routine already had the id “%s”, so this one "
                           "is now “%s”."),
                         unknot_routine_get_display_name (routine),
                         unknot_routine_get_id (as_read), unknot_routine_get_id (routine));

      unknot_window_add_toast (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Imported “%s”"),
                                               unknot_routine_get_display_name (routine));

      unknot_window_add_toast (self, text);
    }

  return routine;
}

static void
on_import_response (GtkNativeDialog *native,
                    int              response,
                    UnknotWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        unknot_window_import_file (self, file);
    }
  g_object_unref (native);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Routine files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
import_routine_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = json_filter ();

  native = gtk_file_chooser_native_new (_("Import a Routine"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* Owned by itself until it answers. */
  g_signal_connect_object (native, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Export */

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    UnknotWindow    *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (native), "routine");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      if (unknot_routine_save (routine, file, unknot_application_get_catalogue (self->application),
                               &error))
        {
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), name);

          unknot_window_add_toast (self, text);
        }
      else
        show_message (self, _("The Routine Was Not Exported"), error->message, NULL);
    }
  g_object_unref (native);
}

static void
export_routine_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = json_filter ();
  g_autofree char *name = NULL;

  if (self->routine == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Export the Routine"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  name = g_strconcat (unknot_routine_get_id (self->routine), ".json", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "routine", g_object_ref (self->routine),
                          g_object_unref);
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Duplicate */

static void
duplicate_routine_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->routine == NULL)
    return;

  /* "My …" for a bundled routine, "… (copy)" for one of the person's own. */
  copy = unknot_library_duplicate (unknot_application_get_library (self->application),
                                   self->routine, &error);
  if (copy == NULL)
    {
      show_message (self, _("The Routine Was Not Duplicated"), error->message, NULL);
      return;
    }

  unknot_window_show_routine (self, copy);
  text = g_strdup_printf (_("Made “%s”"), unknot_routine_get_display_name (copy));
  unknot_window_add_toast (self, text);
}

/* Delete, with Undo */

static void
on_restore_clicked (AdwToast     *toast,
                    UnknotWindow *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (toast), "routine");
  g_autoptr(GError) error = NULL;

  if (!unknot_library_restore (unknot_application_get_library (self->application), routine,
                               &error))
    unknot_window_add_toast (self, error->message);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    UnknotWindow     *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (dialog), "routine");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!g_str_equal (response, "delete"))
    return;

  if (!unknot_library_delete (unknot_application_get_library (self->application), routine,
                              &error))
    {
      show_message (self, _("The Routine Was Not Deleted"), error->message, NULL);
      return;
    }

  if (self->routine == routine)
    gtk_stack_set_visible_child_name (self->stack, "library");

  title = g_strdup_printf (_("Deleted “%s”"), unknot_routine_get_display_name (routine));
  escaped = g_markup_escape_text (title, -1);   /* toast titles are markup */
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "routine", g_object_ref (routine), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_restore_clicked), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_routine_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->routine == NULL || unknot_routine_get_bundled (self->routine))
    return;

  heading = g_strdup_printf (_("Delete “%s”?"), unknot_routine_get_display_name (self->routine));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
                                 GTK_WINDOW (self), heading,
                                 _("Its file is removed from your routines folder. You can undo "
                                   "this right after.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  g_object_set_data_full (G_OBJECT (dialog), "routine", g_object_ref (self->routine),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The library changed on disk: a routine page showing it follows. */
static void
on_library_routine_changed (UnknotWindow  *self,
                            UnknotRoutine *routine,
                            const char    *id,
                            GFile         *file,
                            UnknotLibrary *library)
{
  if (self->routine == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack),
                                          "routine") != 0
      || g_strcmp0 (unknot_routine_get_id (self->routine), id) != 0)
    return;

  if (routine != NULL)
    unknot_window_show_routine (self, routine);
  else
    gtk_stack_set_visible_child_name (self->stack, "library");
}

/* The shortcuts window is built when first asked for, not with every window: it is large, and
 * most people never open it. */
static void
show_shortcuts (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/unknot/Unknot/unknot-shortcuts.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (shortcuts, GTK_WINDOW (widget));
  gtk_window_present (shortcuts);
}

static void
toggle_fullscreen (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
on_safety_response (AdwMessageDialog *dialog,
                    const char       *response,
                    UnknotWindow     *self)
{
  g_settings_set_boolean (unknot_application_get_settings (self->application),
                          "safety-acknowledged", TRUE);
}

static void
show_safety_notice (UnknotWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Before You Start"), NULL));
  adw_message_dialog_set_body (dialog, unknot_help_window_get_safety_text ());
  adw_message_dialog_add_response (dialog, "understood", _("_I Understand"));
  adw_message_dialog_set_default_response (dialog, "understood");
  adw_message_dialog_set_close_response (dialog, "understood");
  adw_message_dialog_set_response_appearance (dialog, "understood", ADW_RESPONSE_SUGGESTED);
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_safety_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
show_safety_notice_idle (gpointer data)
{
  show_safety_notice (data);
  return G_SOURCE_REMOVE;
}

static void
save_window_state (UnknotWindow *self)
{
  GSettings *settings = unknot_application_get_settings (self->application);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
on_close_confirmed (UnknotEditorView *view,
                    gboolean          can_leave,
                    gpointer          data)
{
  UnknotWindow *self = data;

  if (!can_leave)
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
unknot_window_close_request (GtkWindow *window)
{
  UnknotWindow *self = UNKNOT_WINDOW (window);
  UnknotEditor *editor = self->editor_view ? unknot_editor_view_get_editor (self->editor_view)
                                            : NULL;

  /* Unsaved edits: save, discard or stay. */
  if (!self->close_confirmed && editor != NULL && unknot_editor_get_modified (editor))
    {
      unknot_editor_view_confirm_leave (self->editor_view, on_close_confirmed, self);
      return TRUE;
    }

  save_window_state (self);
  end_session (self);

  return GTK_WINDOW_CLASS (unknot_window_parent_class)->close_request (window);
}

static void
unknot_window_dispose (GObject *object)
{
  UnknotWindow *self = (UnknotWindow *) object;

  end_session (self);
  g_clear_object (&self->routine);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_WINDOW);

  G_OBJECT_CLASS (unknot_window_parent_class)->dispose (object);
}

static void
unknot_window_class_init (UnknotWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = unknot_window_close_request;

  g_type_ensure (UNKNOT_TYPE_PLAYER_VIEW);
  g_type_ensure (UNKNOT_TYPE_EDITOR_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, routine_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, problems_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, problems_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, routine_title);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, routine_name);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, routine_description);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, routine_facts);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, step_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, player_view);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, finish_status);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, finish_summary);
  gtk_widget_class_bind_template_callback (widget_class, on_routine_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_player_stopped);

  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, toggle_fullscreen);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);

  gtk_widget_class_install_action (widget_class, "win.new-routine", NULL, new_routine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-routine", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-routine", NULL,
                                   import_routine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-routine", NULL);
  gtk_widget_class_install_action (widget_class, "win.edit-routine", NULL, edit_routine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-routine", NULL);
  gtk_widget_class_install_action (widget_class, "win.duplicate-routine", NULL,
                                   duplicate_routine_action);
  gtk_widget_class_install_action (widget_class, "win.export-routine", NULL,
                                   export_routine_action);
  gtk_widget_class_install_action (widget_class, "win.delete-routine", NULL,
                                   delete_routine_action);
}

static void
unknot_window_init (UnknotWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (self));
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (update_routine_actions), self, G_CONNECT_SWAPPED);
  update_routine_actions (self);
}

/* UNKNOT_BENCH_FIRST_FRAME=1: print when the first frame was drawn (monotonic microseconds,
 * comparable with the launcher's clock) and the resident memory then, and quit. For
 * tests/bench-startup.py; nothing else looks at it. */
static void
on_first_frame (GdkFrameClock *clock,
                UnknotWindow  *self)
{
  g_autofree char *status = NULL;
  const char *rss;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame, self);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status ? strstr (status, "VmRSS:") : NULL;
  g_print ("first-frame-usec %" G_GINT64_FORMAT "\nrss-kib %ld\n", g_get_monotonic_time (),
           rss ? strtol (rss + strlen ("VmRSS:"), NULL, 10) : 0L);
  g_application_quit (G_APPLICATION (self->application));
}

static void
on_realize_for_bench (UnknotWindow *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                           G_CALLBACK (on_first_frame), self, 0);
}

UnknotWindow *
unknot_window_new (UnknotApplication *application)
{
  UnknotWindow *self;
  GSettings *settings;
  UnknotCueScheduler *scheduler;

  g_return_val_if_fail (UNKNOT_IS_APPLICATION (application), NULL);

  self = g_object_new (UNKNOT_TYPE_WINDOW, "application", application, NULL);
  self->application = application;
  settings = unknot_application_get_settings (application);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_strcmp0 (APP_ID, APP_ID_BASE) != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_list_box_bind_model (self->routine_list,
                           unknot_library_get_routines (unknot_application_get_library (
                                                          application)),
                           create_routine_row, self, NULL);
  update_problems (self);

  unknot_player_view_set_catalogue (self->player_view,
                                    unknot_application_get_catalogue (application));
  g_signal_connect_object (unknot_application_get_library (application), "routine-changed",
                           G_CALLBACK (on_library_routine_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (unknot_application_get_library (application), "problems-changed",
                           G_CALLBACK (update_problems), self, G_CONNECT_SWAPPED);

  scheduler = unknot_application_get_scheduler (application);
  g_signal_connect_object (unknot_cue_scheduler_get_player (scheduler), "error",
                           G_CALLBACK (on_player_error), self, G_CONNECT_SWAPPED);

  if (g_getenv ("UNKNOT_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_realize_for_bench), NULL);

  if (!g_settings_get_boolean (settings, "safety-acknowledged"))
    g_idle_add_full (G_PRIORITY_DEFAULT, show_safety_notice_idle, g_object_ref (self),
                     g_object_unref);

  return self;
}

UnknotSession *
unknot_window_get_session (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return self->session;
}

void
unknot_window_show_help (UnknotWindow *self)
{
  g_return_if_fail (UNKNOT_IS_WINDOW (self));
  gtk_window_present (GTK_WINDOW (unknot_help_window_new (GTK_WINDOW (self))));
}

void
unknot_window_add_toast (UnknotWindow *self,
                         const char   *message)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (UNKNOT_IS_WINDOW (self));

  /* Toast titles are Pango markup; messages carry names and file names. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* After a change of language: this new window takes over what @old showed (the running session
 * keeps its place and time; everything lives in models, so nothing is lost), and @old is left
 * empty, to be destroyed. */
void
unknot_window_adopt (UnknotWindow *self,
                     UnknotWindow *old)
{
  const char *page;
  int width, height;

  g_return_if_fail (UNKNOT_IS_WINDOW (self));
  g_return_if_fail (UNKNOT_IS_WINDOW (old));

  page = gtk_stack_get_visible_child_name (old->stack);
  gtk_window_get_default_size (GTK_WINDOW (old), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (gtk_window_is_maximized (GTK_WINDOW (old)))
    gtk_window_maximize (GTK_WINDOW (self));
  if (gtk_window_is_fullscreen (GTK_WINDOW (old)))
    gtk_window_fullscreen (GTK_WINDOW (self));

  if (old->routine != NULL)
    unknot_window_show_routine (self, old->routine);

  /* The editor with its unsaved edits, and the step being edited. */
  if (old->editor_view != NULL && unknot_editor_view_get_editor (old->editor_view) != NULL)
    unknot_editor_view_adopt (ensure_editor_view (self), old->editor_view);

  if (old->session != NULL)
    {
      self->session = g_steal_pointer (&old->session);
      g_signal_handlers_disconnect_by_data (self->session, old);
      g_signal_connect_object (self->session, "notify::state",
                               G_CALLBACK (on_session_state_changed), self, G_CONNECT_SWAPPED);
      unknot_player_view_set_session (old->player_view, NULL);
      unknot_player_view_set_session (self->player_view, self->session);
      if (g_strcmp0 (page, "finish") == 0)
        show_finish (self, FALSE);
    }

  /* The inhibition belongs to a window: take it over. */
  release_inhibit (old);
  if (self->session != NULL)
    on_session_state_changed (self, NULL, self->session);
  /* One timer per window: on_session_state_changed() has just started this one's for a finished
   * session, and a second one would be lost track of, and fire on this window once it is gone. */
  if (old->close_player_id != 0)
    {
      g_clear_handle_id (&old->close_player_id, g_source_remove);
      if (self->close_player_id == 0)
        self->close_player_id = g_timeout_add_seconds (CLOSE_PLAYER_AFTER, close_player_cb, self);
    }
  self->said_player_error = old->said_player_error;

  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  if (page != NULL)
    gtk_stack_set_visible_child_name (self->stack, page);
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  if (g_strcmp0 (page, "player") == 0 || g_strcmp0 (page, "finish") == 0)
    release_routine_page (self);
}

/* The routine editor's page, built if it was not yet: for tests. */
UnknotEditorView *
unknot_window_get_editor_view (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return ensure_editor_view (self);
}

/* "library", "routine", "editor", "player" or "finish": for tests. */
const char *
unknot_window_get_page (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
