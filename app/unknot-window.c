/* unknot-window.c: the window: a stack of pages (the library, a routine's page, the editor, the
 * player and the finish page) and the way between them. It shows the application's run (see
 * unknot-run.c); the actions on routines are in unknot-window-actions.c.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-a11y.h"
#include "unknot-dialogs.h"
#include "unknot-help-window.h"
#include "unknot-window-private.h"

G_DEFINE_FINAL_TYPE (UnknotWindow, unknot_window, ADW_TYPE_APPLICATION_WINDOW)

/* Shows @routine on the routine's page. */
void
unknot_window_show_routine (UnknotWindow  *self,
                            UnknotRoutine *routine)
{
  g_return_if_fail (UNKNOT_IS_WINDOW (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  g_set_object (&self->routine, routine);
  unknot_routine_page_set_routine (self->routine_page, routine,
                                   unknot_application_get_catalogue (self->application));
  gtk_stack_set_visible_child_name (self->stack, "routine");
  _unknot_window_update_actions (self);
}

void
_unknot_window_show_library (UnknotWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "library");
}

static void on_done_clicked (UnknotWindow *self);

/* A broken file's exact messages, for the person who edits it by hand. */
static void
on_library_show_details (UnknotWindow *self,
                         const char   *name,
                         const char   *details)
{
  UnknotMessage message = {
    .heading = N_("Problems in “%s”"),
    .heading_arg = name,
    .body = N_("The exact messages, with the places in the file they are about:"),
    .details = details,
  };

  _unknot_window_show_message (self, &message);
}

/* Back (Alt+Left, Escape, the pages' back buttons): from a routine's page to the library, from
 * the editor as its own back button does (asking about unsaved edits), from the finish page as
 * Done does. The player has its own Escape: Stop. */
static void
go_back (GtkWidget  *widget,
         const char *action,
         GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "routine") == 0 || g_strcmp0 (page, "planner") == 0)
    _unknot_window_show_library (self);
  else if (g_strcmp0 (page, "editor") == 0 && self->editor_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->editor_view), "editor.back", NULL);
  else if (g_strcmp0 (page, "finish") == 0)
    on_done_clicked (self);
}

static void
find_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "library") == 0)
    unknot_library_page_start_search (self->library_page);
}

static void
close_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* The finish page, for the run's session that has ended. */
static void
show_finish (UnknotWindow *self)
{
  const UnknotJournalEntry *entry = unknot_run_get_journal_entry (self->run);

  unknot_finish_page_show_session (self->finish_page, unknot_run_get_session (self->run));
  if (entry != NULL)
    unknot_finish_page_set_answers (self->finish_page, entry->pain_after, entry->note);
  gtk_stack_set_visible_child_name (self->stack, "finish");
  /* After the stack, which gives the focus to the page's first button, Again. */
  gtk_widget_grab_focus (GTK_WIDGET (self->finish_page));
}

static void
on_run_error (UnknotWindow *self,
              const char   *message)
{
  unknot_window_add_toast (self, message);
}

static void
on_run_finished (UnknotWindow  *self,
                 UnknotSession *session)
{
  show_finish (self);
}

/* The player's page, at once (nothing is drawn before the caller returns), so the rows of the
 * page it leaves can go before the sound starts. It does not slide in: a routine is a mode the
 * person enters, not a page deeper in the library (started from the command line, it would slide
 * in from a page nobody looked at), and under the software renderer every frame of a slide drew
 * the whole page into a 2 MiB image, the highest point of a run's memory. */
static void
show_player (UnknotWindow *self)
{
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child_name (self->stack, "player");
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  unknot_routine_page_release_steps (self->routine_page);
}

static gboolean back_to_editor (UnknotWindow *self);

/* The run's session changed: a routine started (from this window or any other way: the command
 * line, a desktop action, MPRIS) shows the player; one that stopped leaves the player for the
 * editor it was started from, or the routine's page. */
static void
on_run_session_changed (UnknotWindow *self)
{
  UnknotSession *session = unknot_run_get_session (self->run);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  unknot_player_view_set_session (self->player_view, session);

  if (session != NULL)
    {
      g_set_object (&self->routine, unknot_session_get_routine (session));
      if (unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED)
        show_finish (self);
      else
        show_player (self);
      return;
    }

  if (g_strcmp0 (page, "player") != 0 && g_strcmp0 (page, "finish") != 0)
    return;
  if (!back_to_editor (self) && self->routine != NULL)
    unknot_window_show_routine (self, self->routine);
}

static void
start_session (UnknotWindow  *self,
               UnknotRoutine *routine)
{
  unknot_run_start (self->run, routine);
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
on_routine_activated (UnknotWindow  *self,
                      UnknotRoutine *routine)
{
  unknot_window_show_routine (self, routine);
}

static void
on_start_clicked (UnknotWindow  *self,
                  UnknotRoutine *routine)
{
  unknot_run_set_pain_before (self->run,
                              unknot_routine_page_take_pain_before (self->routine_page));
  start_session (self, routine);
}

/* The finish page's answers go into the journal's record of the run. */
static void
on_pain_after_changed (UnknotWindow *self,
                       int           pain)
{
  unknot_run_set_pain_after (self->run, pain);
}

static void
on_note_changed (UnknotWindow *self,
                 const char   *note)
{
  unknot_run_set_note (self->run, note);
}

static void
on_back_clicked (UnknotWindow *self)
{
  _unknot_window_show_library (self);
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

  gtk_stack_set_visible_child_name (self->stack, "editor");
  return TRUE;
}

/* Stop: back where the routine was started from (see on_run_session_changed()). */
static void
on_player_stopped (UnknotWindow *self)
{
  unknot_run_stop (self->run);
}

/* Done after the finish page: on to the library (or the editor the routine came from). */
static void
on_done_clicked (UnknotWindow *self)
{
  if (!back_to_editor (self))
    _unknot_window_show_library (self);
  unknot_run_stop (self->run);
}

/* The editor */

static void on_editor_done  (UnknotWindow  *self,
                             UnknotRoutine *routine);
static void on_editor_start (UnknotWindow  *self,
                             UnknotRoutine *routine);

/* The editor page is built the first time it is needed, not with the window: most starts never
 * edit, and the window shows sooner without it (about 2 ms of building and its styles). */
UnknotEditorView *
_unknot_window_ensure_editor_view (UnknotWindow *self)
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

void
_unknot_window_show_editor (UnknotWindow *self,
                            UnknotEditor *editor)
{
  unknot_editor_view_set_editor (_unknot_window_ensure_editor_view (self), editor);
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
    _unknot_window_show_library (self);
}

static void
on_editor_start (UnknotWindow  *self,
                 UnknotRoutine *routine)
{
  start_session (self, routine);
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
    _unknot_window_show_library (self);
}

/* History */

static void
on_history_back (UnknotWindow *self)
{
  const char *page = self->history_back_to;

  /* The page it came from, unless that is no longer there to go to (a routine that ended). */
  if (page == NULL || gtk_stack_get_child_by_name (self->stack, page) == NULL
      || (g_str_equal (page, "player") && unknot_run_get_session (self->run) == NULL))
    page = "library";
  gtk_stack_set_visible_child_name (self->stack, page);
}

/* The History page, built the first time it is asked for, like the editor's. */
UnknotHistoryPage *
_unknot_window_ensure_history_page (UnknotWindow *self)
{
  if (self->history_page == NULL)
    {
      self->history_page = g_object_new (UNKNOT_TYPE_HISTORY_PAGE, NULL);
      g_signal_connect_object (self->history_page, "back", G_CALLBACK (on_history_back), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->history_page), "history");
    }
  return self->history_page;
}

static void
show_history (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  UnknotHistoryPage *history = _unknot_window_ensure_history_page (self);
  UnknotJournal *journal = unknot_run_get_journal (self->run);

  if (g_strcmp0 (page, "history") == 0)
    return;
  g_free (self->history_back_to);
  self->history_back_to = g_strdup (page);
  if (unknot_history_page_get_journal (history) != journal)
    unknot_history_page_set_journal (history, journal);
  else
    unknot_history_page_reload (history);
  gtk_stack_set_visible_child_name (self->stack, "history");
}

/* Planner */

static void
on_planner_start (UnknotWindow  *self,
                  UnknotRoutine *routine)
{
  start_session (self, routine);
}

/* Save as Mine: the planned routine in the editor as a new routine of the person's, like a copy
 * of a bundled one (a name and id of their own, unsaved until they save it). */
static void
on_planner_save (UnknotWindow  *self,
                 UnknotRoutine *routine)
{
  g_autoptr(UnknotRoutine) copy = unknot_routine_copy (routine);
  g_autoptr(UnknotEditor) editor = NULL;

  unknot_routine_set_bundled (copy, TRUE);
  editor = unknot_editor_new (unknot_application_get_library (self->application), copy);
  _unknot_window_show_editor (self, editor);
}

static void
on_planner_back (UnknotWindow *self)
{
  _unknot_window_show_library (self);
}

/* The planner page, built the first time it is asked for, like the editor's. */
UnknotPlannerPage *
_unknot_window_ensure_planner_page (UnknotWindow *self)
{
  if (self->planner_page == NULL)
    {
      self->planner_page = g_object_new (UNKNOT_TYPE_PLANNER_PAGE, NULL);
      g_signal_connect_object (self->planner_page, "back", G_CALLBACK (on_planner_back), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->planner_page, "start", G_CALLBACK (on_planner_start), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->planner_page, "save", G_CALLBACK (on_planner_save), self,
                               G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->planner_page), "planner");
    }
  return self->planner_page;
}

/* The planner, composing from the catalogue and learning from the journal's runs as they are
 * now (a journal that cannot be read plans as if it were empty). */
static void
plan_routine (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  UnknotPlannerPage *planner = _unknot_window_ensure_planner_page (self);
  UnknotJournal *journal = unknot_run_get_journal (self->run);
  g_autoptr(GPtrArray) entries = NULL;

  if (journal != NULL)
    {
      g_autoptr(GError) error = NULL;

      entries = unknot_journal_list (journal, &error);
      if (entries == NULL)
        g_message ("The planner plans without the journal: %s", error->message);
    }
  unknot_planner_page_set_context (planner, unknot_application_get_catalogue (self->application),
                                   entries);
  gtk_stack_set_visible_child_name (self->stack, "planner");
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
  unknot_dialog_reopen_with (shortcuts, widget, "win.show-help-overlay");
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
  g_autofree char *safety = NULL;
  g_auto(GStrv) paragraphs = NULL;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Before You Start"), NULL));
  /* The first paragraph as the body; the red flags, left-aligned and scrolled on a small
   * screen, below it. */
  safety = unknot_help_window_dup_safety_text ();
  paragraphs = g_strsplit (safety, "\n\n", 2);
  adw_message_dialog_set_body (dialog, paragraphs[0]);
  if (paragraphs[1] != NULL)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (paragraphs[1]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }
  adw_message_dialog_add_response (dialog, "understood", _("_I Understand"));
  adw_message_dialog_set_default_response (dialog, "understood");
  adw_message_dialog_set_close_response (dialog, "understood");
  adw_message_dialog_set_response_appearance (dialog, "understood", ADW_RESPONSE_SUGGESTED);
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_safety_response), self, 0);
  unknot_dialog_reopen_by (GTK_WINDOW (dialog), G_CALLBACK (show_safety_notice), NULL, NULL);
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
other_window_exists (UnknotWindow *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self->application)); l != NULL;
       l = l->next)
    if (l->data != self && UNKNOT_IS_WINDOW (l->data))
      return TRUE;
  return FALSE;
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
  /* Closing the last window ends the routine (a language switch destroys windows, it does not
   * close them). */
  if (!other_window_exists (self))
    unknot_run_stop (self->run);

  return GTK_WINDOW_CLASS (unknot_window_parent_class)->close_request (window);
}

static void
unknot_window_dispose (GObject *object)
{
  UnknotWindow *self = (UnknotWindow *) object;

  /* Destroyed by a language switch, it may be referenced a while longer: it follows the run no
   * more. */
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_data (self->run, self);
  self->run = NULL;
  g_clear_object (&self->routine);
  g_clear_pointer (&self->history_back_to, g_free);
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

  g_type_ensure (UNKNOT_TYPE_FINISH_PAGE);
  g_type_ensure (UNKNOT_TYPE_LIBRARY_PAGE);
  g_type_ensure (UNKNOT_TYPE_PLAYER_VIEW);
  g_type_ensure (UNKNOT_TYPE_ROUTINE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-window.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, routine_page);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, player_view);
  gtk_widget_class_bind_template_child (widget_class, UnknotWindow, finish_page);
  gtk_widget_class_bind_template_callback (widget_class, on_routine_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_player_stopped);
  gtk_widget_class_bind_template_callback (widget_class, on_pain_after_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_note_changed);

  gtk_widget_class_install_action (widget_class, "win.fullscreen", NULL, toggle_fullscreen);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_shortcuts);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.show-history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.fullscreen", NULL);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back);
  gtk_widget_class_install_action (widget_class, "win.plan-routine", NULL, plan_routine);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK,
                                       "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.go-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.go-back", NULL);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close",
                                       NULL);

  _unknot_window_class_add_actions (widget_class);
}

/* The routine's page keeps the cue player ready for Start; the library and the other browsing
 * pages let it close (a running routine keeps its own). */
static void
on_page_changed (UnknotWindow *self)
{
  const char *page = unknot_window_get_page (self);

  if (self->run == NULL)
    return;
  if (g_strcmp0 (page, "routine") == 0)
    unknot_run_warm_player (self->run, TRUE);
  else if (g_strcmp0 (page, "player") != 0)
    unknot_run_warm_player (self->run, FALSE);
}

static void
unknot_window_init (UnknotWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (self));
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (_unknot_window_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_page_changed), self, G_CONNECT_SWAPPED);
  _unknot_window_update_actions (self);
}

/* UNKNOT_BENCH_FIRST_FRAME=1: print when the first frame was drawn (monotonic microseconds,
 * comparable with the launcher's clock) and the resident memory then; when a frame first drew
 * rows with routines of the person's in the list (UNKNOT_BENCH_ROUTINES=N, N > 0; the library
 * fills in as it is read), that frame's time and the memory then; once the library is loaded
 * and a frame has drawn it with all N, that frame's time, and the resident memory two seconds
 * later; then quit. For tests/bench-startup.py; nothing else looks at it. */
static long
bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *rss;

  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status ? strstr (status, "VmRSS:") : NULL;
  return rss ? strtol (rss + strlen ("VmRSS:"), NULL, 10) : 0L;
}

/* How many of the person's routines the library lists, counting up to @enough. */
static guint
bench_count_own (GListModel *routines,
                 guint       enough)
{
  guint own = 0;

  for (guint i = 0; i < g_list_model_get_n_items (routines) && own < enough; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);

      own += unknot_routine_get_bundled (routine) ? 0 : 1;
    }
  return own;
}

static gboolean
bench_quit (gpointer data)
{
  UnknotWindow *self = data;

  g_print ("rss-settled-kib %ld\n", bench_rss_kib ());
  g_application_quit (G_APPLICATION (self->application));
  return G_SOURCE_REMOVE;
}

static void
on_bench_frame (GdkFrameClock *clock,
                UnknotWindow  *self)
{
  UnknotLibrary *library = unknot_application_get_library (self->application);
  GListModel *routines = unknot_library_get_routines (library);
  guint wanted = (guint) g_ascii_strtoull (g_getenv ("UNKNOT_BENCH_ROUTINES") ?: "0", NULL, 10);
  gboolean rows = unknot_library_page_get_n_rows_mapped (self->library_page) > 0;

  if (g_object_get_data (G_OBJECT (self), "unknot-bench-first") == NULL)
    {
      g_object_set_data (G_OBJECT (self), "unknot-bench-first", GINT_TO_POINTER (1));
      g_print ("first-frame-usec %" G_GINT64_FORMAT "\nrss-kib %ld\n", g_get_monotonic_time (),
               bench_rss_kib ());
    }
  if (wanted > 0 && rows && g_object_get_data (G_OBJECT (self), "unknot-bench-own") == NULL &&
      bench_count_own (routines, 1) > 0)
    {
      g_object_set_data (G_OBJECT (self), "unknot-bench-own", GINT_TO_POINTER (1));
      g_print ("own-visible-usec %" G_GINT64_FORMAT "\nrss-own-kib %ld\n",
               g_get_monotonic_time (), bench_rss_kib ());
    }
  if (!unknot_application_is_library_loaded (self->application) || !rows ||
      bench_count_own (routines, wanted) < wanted)
    return;

  g_signal_handlers_disconnect_by_func (clock, on_bench_frame, self);
  gdk_frame_clock_end_updating (clock);
  g_print ("routines-visible-usec %" G_GINT64_FORMAT "\nrss-visible-kib %ld\n",
           g_get_monotonic_time (), bench_rss_kib ());
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 2, bench_quit, g_object_ref (self),
                              g_object_unref);
}

static void
on_realize_for_bench (UnknotWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_bench_frame), self, 0);
  /* Frames go on until the routines are seen, even if nothing else asks for one. */
  gdk_frame_clock_begin_updating (clock);
}

UnknotWindow *
unknot_window_new (UnknotApplication *application)
{
  UnknotWindow *self;
  GSettings *settings;

  g_return_val_if_fail (UNKNOT_IS_APPLICATION (application), NULL);

  self = g_object_new (UNKNOT_TYPE_WINDOW, "application", application, NULL);
  self->application = application;
  self->run = unknot_application_get_run (application);
  settings = unknot_application_get_settings (application);

  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (g_strcmp0 (APP_ID, APP_ID_BASE) != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  unknot_library_page_set_library (self->library_page, unknot_application_get_library (
                                     application));
  unknot_library_page_set_key_capture_widget (self->library_page, GTK_WIDGET (self));
  g_signal_connect_object (self->library_page, "show-details",
                           G_CALLBACK (on_library_show_details), self, G_CONNECT_SWAPPED);

  unknot_player_view_set_catalogue (self->player_view,
                                    unknot_application_get_catalogue (application));
  g_signal_connect_object (unknot_application_get_library (application), "routine-changed",
                           G_CALLBACK (on_library_routine_changed), self, G_CONNECT_SWAPPED);

  /* The run, as it is now (a routine may be running or finished: a window built again after a
   * change of language), then as it changes. */
  g_signal_connect_object (self->run, "notify::session", G_CALLBACK (on_run_session_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run, "finished", G_CALLBACK (on_run_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->run, "error", G_CALLBACK (on_run_error), self,
                           G_CONNECT_SWAPPED);
  if (unknot_run_get_session (self->run) != NULL)
    on_run_session_changed (self);

  if (g_getenv ("UNKNOT_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (self, "realize", G_CALLBACK (on_realize_for_bench), NULL);

  if (!g_settings_get_boolean (settings, "safety-acknowledged"))
    g_idle_add_full (G_PRIORITY_DEFAULT, show_safety_notice_idle, g_object_ref (self),
                     g_object_unref);

  return self;
}

/* The routine this window shows running (the application's): for tests. */
UnknotSession *
unknot_window_get_session (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return unknot_run_get_session (self->run);
}

void
unknot_window_show_help (UnknotWindow *self)
{
  GtkWidget *help;

  g_return_if_fail (UNKNOT_IS_WINDOW (self));

  help = unknot_help_window_new (GTK_WINDOW (self));
  unknot_dialog_reopen_by (GTK_WINDOW (help), G_CALLBACK (unknot_window_show_help), NULL, NULL);
  gtk_window_present (GTK_WINDOW (help));
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

/* After a change of language: this new window shows what @old showed: its size, the page and
 * the routine or the editor (with its unsaved edits) on it. The running routine is not the
 * window's: the new one already follows it (see unknot_window_new()). */
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

  if (old->routine != NULL && g_strcmp0 (page, "routine") == 0)
    unknot_window_show_routine (self, old->routine);
  else
    g_set_object (&self->routine, old->routine);

  /* The editor with its unsaved edits, and the step being edited. */
  if (old->editor_view != NULL && unknot_editor_view_get_editor (old->editor_view) != NULL)
    unknot_editor_view_adopt (_unknot_window_ensure_editor_view (self), old->editor_view);

  /* The History page, read again in the new language. */
  if (g_strcmp0 (page, "history") == 0)
    {
      unknot_history_page_set_journal (_unknot_window_ensure_history_page (self),
                                       unknot_run_get_journal (self->run));
      g_free (self->history_back_to);
      self->history_back_to = g_strdup (old->history_back_to);
    }

  if (page != NULL)
    {
      gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child_name (self->stack, page);
      gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
    }
}

/* The routine editor's page, built if it was not yet: for tests. */
UnknotEditorView *
unknot_window_get_editor_view (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return _unknot_window_ensure_editor_view (self);
}

/* The History page, built if it was not yet: for tests. */
UnknotHistoryPage *
unknot_window_get_history_page (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return _unknot_window_ensure_history_page (self);
}

/* "library", "routine", "editor", "player", "finish" or "history": for tests. */
const char *
unknot_window_get_page (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Returns: (transfer none): the planner page, built if it was not. */
UnknotPlannerPage *
unknot_window_get_planner_page (UnknotWindow *self)
{
  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  return _unknot_window_ensure_planner_page (self);
}
