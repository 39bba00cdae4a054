/* unknot-player-view.c
 *
 * Everything shown is derived from the session's properties when they change (once a second at
 * most for the countdown); the view holds no state of its own but whether its "Stop the
 * Routine?" paused the routine, so it can be rebuilt at any time. Its children are laid out and
 * their text sized from the window by UnknotPlayerLayout.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-a11y.h"
#include "unknot-back-view.h"
#include "unknot-dialogs.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-player-layout.h"
#include "unknot-player-view.h"

struct _UnknotPlayerView
{
  GtkWidget        parent_instance;

  GtkWidget       *header_bar;
  AdwWindowTitle  *title;
  GtkLabel        *state_label;
  UnknotBackView  *back_view;
  GtkLabel        *technique_label;
  GtkLabel        *countdown_label;
  GtkLabel        *area_label;
  GtkLabel        *detail_label;
  GtkLabel        *instructions_label;
  GtkLabel        *caution_label;
  GtkProgressBar  *step_progress;
  GtkProgressBar  *total_progress;
  GtkLabel        *progress_label;
  GtkLabel        *next_label;
  GtkButton       *pause_button;
  GtkButton       *previous_button;
  GtkButton       *next_button;
  GtkButton       *stop_button;
  GtkWidget       *controls;

  UnknotSession   *session;
  GSignalGroup    *session_signals;   /* follow whichever session is shown */
  UnknotCatalogue *catalogue;
  gboolean         resume_after_stop_dialog;   /* "Stop the Routine?" paused it */
};

G_DEFINE_FINAL_TYPE (UnknotPlayerView, unknot_player_view, GTK_TYPE_WIDGET)

enum {
  STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_countdown (UnknotPlayerView *self)
{
  guint remaining = unknot_session_get_step_remaining (self->session);
  guint total = unknot_session_get_total_remaining (self->session);
  g_autofree char *text = unknot_format_duration (remaining);
  g_autofree char *words = unknot_duration_to_words (remaining);
  g_autofree char *total_text = unknot_format_duration (total);
  g_autofree char *progress = NULL;
  g_autofree char *shown = NULL;
  int index = unknot_session_get_step_index (self->session);
  guint n = unknot_routine_get_n_steps (unknot_session_get_routine (self->session));

  gtk_label_set_text (self->countdown_label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->countdown_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);

  gtk_progress_bar_set_fraction (self->step_progress,
                                 unknot_session_get_step_progress (self->session));
  gtk_progress_bar_set_fraction (self->total_progress,
                                 unknot_session_get_progress (self->session));
  /* One step: the routine's bar would only repeat the step's. */
  gtk_widget_set_visible (GTK_WIDGET (self->total_progress), n > 1);

  if (index < 0)
    /* Translators: shown under the countdown before the first step; %s is the time left */
    progress = g_strdup_printf (_("Starting · %s in all"), total_text);
  else
    /* Translators: "Step 3 of 12 · 8:20 left" */
    progress = g_strdup_printf (_("Step %d of %u · %s left"), index + 1, n, total_text);
  shown = unknot_i18n_localize_digits (progress);
  gtk_label_set_text (self->progress_label, shown);
}

static void
update_state (UnknotPlayerView *self)
{
  UnknotSessionState state = unknot_session_get_state (self->session);
  /* Waiting before a hold step, the button goes on, as it resumes. */
  gboolean paused = state == UNKNOT_SESSION_PAUSED || state == UNKNOT_SESSION_WAITING;
  gboolean active = state != UNKNOT_SESSION_READY && state != UNKNOT_SESSION_FINISHED;
  const char *text = NULL;

  switch (state)
    {
    case UNKNOT_SESSION_PAUSED:
      text = _("Paused");
      break;
    case UNKNOT_SESSION_FINISHED:
      text = _("Finished");
      break;
    case UNKNOT_SESSION_WAITING:
      text = _("Tap anywhere or press Space when you are in position");
      break;
    case UNKNOT_SESSION_PREPARING:   /* the technique label says "Get ready" */
    case UNKNOT_SESSION_READY:
    case UNKNOT_SESSION_RUNNING:
    default:
      text = "";
      break;
    }

  gtk_label_set_text (self->state_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), *text != '\0');

  gtk_button_set_icon_name (self->pause_button, paused || !active ? "media-playback-start-symbolic"
                                                                  : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               paused || !active ? _("Resume") : _("Pause"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pause_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  paused || !active ? _("Resume") : _("Pause"), -1);
  if (paused)
    gtk_widget_add_css_class (GTK_WIDGET (self->countdown_label), "paused");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->countdown_label), "paused");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.next", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "player.previous", active);
}

/* "Take care: …", the cautions of @step's technique in the interface language, or %NULL. */
static char *
caution_text (UnknotPlayerView *self,
              UnknotStep       *step)
{
  UnknotTechnique *technique;
  const char *cautions;

  if (self->catalogue == NULL)
    return NULL;
  technique = unknot_catalogue_lookup (self->catalogue, unknot_step_get_technique (step));
  if (technique == NULL)
    return NULL;
  cautions = unknot_technique_get_cautions (technique);
  if (cautions == NULL || *cautions == '\0')
    return NULL;

  /* Translators: a technique's cautions, in the list of techniques and on the player */
  return g_strdup_printf (_("Take care: %s"),
                          unknot_technique_get_display_text (technique, cautions));
}

static void
update_step (UnknotPlayerView *self)
{
  UnknotRoutine *routine = unknot_session_get_routine (self->session);
  UnknotStep *step = unknot_session_get_step (self->session);
  UnknotStep *next = unknot_session_get_next_step (self->session);
  UnknotSide side = unknot_session_get_side (self->session);
  g_autofree char *next_text = NULL;
  g_autofree char *caution = NULL;

  if (unknot_session_get_step_index (self->session) < 0)
    next = unknot_routine_get_n_steps (routine) > 0 ? unknot_routine_get_step (routine, 0) : NULL;

  if (step == NULL)
    {
      gtk_label_set_text (self->technique_label, _("Get ready"));
      gtk_label_set_text (self->area_label, _("Settle into position"));
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->instructions_label,
                          _("Stop any step that causes sharp or shooting pain. Never press on "
                            "the spine itself."));
      unknot_back_view_set_area (self->back_view,
                                 next && !unknot_step_is_rest (next) ? (int) unknot_step_get_area (next)
                                                                    : -1,
                                 next ? unknot_step_get_side (next) : UNKNOT_SIDE_NONE);
    }
  else if (unknot_step_is_rest (step))
    {
      gtk_label_set_text (self->technique_label, C_("step", "Rest"));
      gtk_label_set_text (self->area_label, _("Breathe and let go"));
      gtk_label_set_text (self->detail_label, "");
      gtk_label_set_text (self->instructions_label,
                          unknot_step_get_display_instructions (step, routine, side,
                                                                self->catalogue));
      unknot_back_view_set_area (self->back_view, -1, UNKNOT_SIDE_NONE);
    }
  else
    {
      g_autofree char *title = unknot_step_get_title (step, self->catalogue);
      g_autofree char *area = NULL;
      g_autofree char *detail = NULL;

      if (side != UNKNOT_SIDE_NONE)
        area = g_strdup_printf ("%s · %s", unknot_area_get_label (unknot_step_get_area (step)),
                                unknot_side_get_label (side));
      else
        area = g_strdup (unknot_area_get_label (unknot_step_get_area (step)));

      if (unknot_step_get_tool (step) != UNKNOT_TOOL_NONE)
        detail = g_strdup_printf ("%s · %s", unknot_step_get_feel (step),
                                  unknot_tool_get_label (unknot_step_get_tool (step)));
      else
        detail = g_strdup (unknot_step_get_feel (step));

      gtk_label_set_text (self->technique_label, title);
      gtk_label_set_text (self->area_label, area);
      gtk_label_set_text (self->detail_label, detail);
      /* The side's own words (a "both" step's right side may have its own), or the technique's
       * how-to when the step has none. */
      gtk_label_set_text (self->instructions_label,
                          unknot_step_get_display_instructions (step, routine, side,
                                                                self->catalogue));
      unknot_back_view_set_area (self->back_view, unknot_step_get_area (step), side);
      caution = caution_text (self, step);
    }
  /* Shown from the step's start, where the technique's risks matter. */
  gtk_label_set_text (self->caution_label, caution ? caution : "");

  if (next != NULL && unknot_session_get_step_index (self->session) >= 0
      && unknot_session_get_side (self->session) == UNKNOT_SIDE_LEFT
      && unknot_step_get_side (step) == UNKNOT_SIDE_BOTH)
    next_text = g_strdup (_("Next: the right side"));
  else if (next != NULL && unknot_step_is_rest (next))
    next_text = g_strdup_printf (_("Next: %s"), C_("step", "Rest"));
  else if (next != NULL)
    {
      g_autofree char *title = unknot_step_get_title (next, self->catalogue);

      /* Translators: "Next: Kneading — Shoulders" */
      next_text = g_strdup_printf (_("Next: %s — %s"), title,
                                   unknot_area_get_label (unknot_step_get_area (next)));
    }
  else
    next_text = g_strdup (_("Last step"));
  gtk_label_set_text (self->next_label, next_text);
}

void
unknot_player_view_refresh (UnknotPlayerView *self)
{
  g_return_if_fail (UNKNOT_IS_PLAYER_VIEW (self));

  if (self->session == NULL)
    return;

  adw_window_title_set_title (self->title,
                              unknot_routine_get_display_name (
                                unknot_session_get_routine (self->session)));
  update_step (self);
  update_state (self);
  update_countdown (self);
}

static void
on_step_changed (UnknotPlayerView *self)
{
  update_step (self);
  update_countdown (self);
}

void
unknot_player_view_set_session (UnknotPlayerView *self,
                                UnknotSession    *session)
{
  g_return_if_fail (UNKNOT_IS_PLAYER_VIEW (self));
  g_return_if_fail (session == NULL || UNKNOT_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_signal_group_set_target (self->session_signals, session);
  unknot_player_view_refresh (self);
}

UnknotSession *
unknot_player_view_get_session (UnknotPlayerView *self)
{
  g_return_val_if_fail (UNKNOT_IS_PLAYER_VIEW (self), NULL);
  return self->session;
}

void
unknot_player_view_set_catalogue (UnknotPlayerView *self,
                                  UnknotCatalogue  *catalogue)
{
  g_return_if_fail (UNKNOT_IS_PLAYER_VIEW (self));
  g_set_object (&self->catalogue, catalogue);
}

static void
toggle_pause_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  UnknotPlayerView *self = UNKNOT_PLAYER_VIEW (widget);

  if (self->session != NULL)
    unknot_session_toggle_pause (self->session);
}

static void
next_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  UnknotPlayerView *self = UNKNOT_PLAYER_VIEW (widget);

  if (self->session != NULL)
    unknot_session_next (self->session);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  UnknotPlayerView *self = UNKNOT_PLAYER_VIEW (widget);

  if (self->session != NULL)
    unknot_session_previous (self->session);
}

/* The routine waits while the person decides: paused while the dialog is open, going on from
 * where it was if they keep going (unless they had paused it themselves). */
static void
on_stop_response (AdwMessageDialog *dialog,
                  const char       *response,
                  UnknotPlayerView *self)
{
  gboolean resume = self->resume_after_stop_dialog;

  self->resume_after_stop_dialog = FALSE;
  if (g_str_equal (response, "stop"))
    g_signal_emit (self, signals[STOPPED], 0);
  else if (resume && self->session != NULL)
    unknot_session_resume (self->session);
}

static void
stop_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  UnknotPlayerView *self = UNKNOT_PLAYER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  UnknotSessionState state;

  if (self->session == NULL)
    return;

  state = unknot_session_get_state (self->session);
  if (state == UNKNOT_SESSION_FINISHED)
    {
      g_signal_emit (self, signals[STOPPED], 0);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), _("Stop the Routine?"),
                                                       _("You can start it again from the "
                                                         "beginning at any time.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Going"), "stop", _("_Stop"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  self->resume_after_stop_dialog = state == UNKNOT_SESSION_RUNNING
                                   || state == UNKNOT_SESSION_PREPARING;
  if (self->resume_after_stop_dialog)
    unknot_session_pause (self->session);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_stop_response), self, 0);
  unknot_dialog_reopen_with (GTK_WINDOW (dialog), widget, "player.stop");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unknot_player_view_dispose (GObject *object)
{
  UnknotPlayerView *self = (UnknotPlayerView *) object;
  GtkWidget *child;

  unknot_player_view_set_session (self, NULL);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->catalogue);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_PLAYER_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unknot_player_view_parent_class)->dispose (object);
}

static void
unknot_player_view_class_init (UnknotPlayerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_player_view_dispose;

  /**
   * UnknotPlayerView::stopped:
   *
   * The person confirmed they want to stop the routine.
   */
  signals[STOPPED] = g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (UNKNOT_TYPE_BACK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-player-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, UNKNOT_TYPE_PLAYER_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "playerview");

  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, header_bar);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, title);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, state_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, back_view);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, technique_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, area_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, detail_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, instructions_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, caution_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, step_progress);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, total_progress);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, next_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, pause_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, next_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotPlayerView, controls);

  gtk_widget_class_install_action (widget_class, "player.toggle-pause", NULL, toggle_pause_action);
  gtk_widget_class_install_action (widget_class, "player.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "player.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "player.stop", NULL, stop_action);
}

/* Waiting before a hold step, a click or tap anywhere on the page goes on: the person is on the
 * floor, not aiming at a button. */
static void
on_page_released (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  UnknotPlayerView *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  /* A button's own click does what the button says (Previous, Stop...), not this as well. */
  if (target != NULL && (GTK_IS_BUTTON (target) || gtk_widget_get_ancestor (target,
                                                                             GTK_TYPE_BUTTON)))
    return;
  if (self->session != NULL
      && unknot_session_get_state (self->session) == UNKNOT_SESSION_WAITING)
    unknot_session_resume (self->session);
}

/* The arrow keys follow the buttons: in a right-to-left language "next" is on the left. */
static gboolean
on_arrow_key (GtkWidget *widget,
              GVariant  *args,
              gpointer   data)
{
  gboolean right = GPOINTER_TO_INT (data);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    right = !right;
  gtk_widget_activate_action (widget, right ? "player.next" : "player.previous", NULL);
  return TRUE;
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  key,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, 0),
                                                          gtk_named_action_new (action)));
}

/* Tells the layout which child is which. */
static void
set_layout_parts (UnknotPlayerView *self)
{
  UnknotPlayerLayout *layout =
    UNKNOT_PLAYER_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));
  const struct {
    UnknotPlayerPart part;
    gpointer         widget;
  } parts[] = {
    { UNKNOT_PLAYER_PART_HEADER, self->header_bar },
    { UNKNOT_PLAYER_PART_STATE, self->state_label },
    { UNKNOT_PLAYER_PART_FIGURE, self->back_view },
    { UNKNOT_PLAYER_PART_TECHNIQUE, self->technique_label },
    { UNKNOT_PLAYER_PART_COUNTDOWN, self->countdown_label },
    { UNKNOT_PLAYER_PART_AREA, self->area_label },
    { UNKNOT_PLAYER_PART_DETAIL, self->detail_label },
    { UNKNOT_PLAYER_PART_INSTRUCTIONS, self->instructions_label },
    { UNKNOT_PLAYER_PART_CAUTION, self->caution_label },
    { UNKNOT_PLAYER_PART_STEP_PROGRESS, self->step_progress },
    { UNKNOT_PLAYER_PART_PROGRESS, self->progress_label },
    { UNKNOT_PLAYER_PART_TOTAL_PROGRESS, self->total_progress },
    { UNKNOT_PLAYER_PART_NEXT, self->next_label },
    { UNKNOT_PLAYER_PART_CONTROLS, self->controls },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    unknot_player_layout_set_part (layout, parts[i].part, parts[i].widget);
}

static void
unknot_player_view_init (UnknotPlayerView *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  set_layout_parts (self);

  self->session_signals = g_signal_group_new (UNKNOT_TYPE_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::step-index",
                                 G_CALLBACK (on_step_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::side",
                                 G_CALLBACK (on_step_changed), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::state",
                                 G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::step-remaining",
                                 G_CALLBACK (update_countdown), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::total-remaining",
                                 G_CALLBACK (update_countdown), self, G_CONNECT_SWAPPED);

  /* In the capture phase, so Space pauses even while a button has the focus: the person is
   * lying on a ball, not aiming at a button. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_space, "player.toggle-pause");
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                      gtk_callback_action_new (on_arrow_key, GINT_TO_POINTER (TRUE), NULL)));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                      gtk_callback_action_new (on_arrow_key, GINT_TO_POINTER (FALSE), NULL)));
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_Escape, "player.stop");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_AudioPlay, "player.toggle-pause");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_AudioNext, "player.next");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_AudioPrev, "player.previous");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Any button: a tap on a touch screen, a click of either mouse button. */
  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  g_signal_connect_object (controller, "released", G_CALLBACK (on_page_released), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}
