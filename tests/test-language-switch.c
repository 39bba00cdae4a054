/* test-language-switch.c: the interface language switched while a routine runs
 *
 * Runs the real UnknotApplication under Xvfb (tests/headless.sh) with a user routine of three
 * one-minute steps, written to a private XDG_DATA_HOME, so that nothing advances during the test.
 * The "language" setting is changed as Preferences changes it, English -> German -> Arabic ->
 * English, and after each change:
 * - the window was built again: the active window is a new one, the old one is gone;
 * - the player's labels a user reads are in the new language: the technique, the body area, the
 *   progress line, the next step, the pause button's tooltip. The expected texts come from the
 *   catalogues (gettext after the switch) and must differ from the English ones for German and
 *   Arabic, so the test fails when nothing was translated; the user's own routine name stays as
 *   written;
 * - the layout direction follows: right to left for Arabic (the previous button to the right of
 *   the next one), left to right otherwise;
 * - the routine kept its place and time: the same session object, the same state, step and
 *   position to the microsecond (the routines run on a fake clock that only the test moves, so
 *   however long a switch takes on a loaded machine, no time passes for the routine);
 * - the cue player speaks with the new language's espeak voice, and the next step's announcement
 *   is rendered in the new language with it.
 * A second case pauses the routine, switches to German and back to the system's language, and
 * checks the pause holds to the microsecond and reads "Paused" in each language. A third skips to
 * the finish page and switches again: the page shows in each language, and the routine's end is
 * not notified again (a stand-in notification service on the test's bus counts what is sent).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-language-switch"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-player-view.h"
#include "unknot-preferences.h"
#include "unknot-ui-test-util.h"
#include "unknot-finish-page.h"
#include "unknot-window.h"

#define ROUTINE_ID   "language-test"
#define ROUTINE_NAME "Language test"
#define N_STEPS      3

/* Three steps of a minute: the routine stays on its first step for the whole test. */
static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"" ROUTINE_NAME "\",\n"
  "  \"description\": \"Three one-minute steps.\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 60 },\n"
  "    { \"technique\": \"light-stroking\", \"area\": \"upper-back\", \"duration\": 60 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"lower-back\", \"duration\": 60 }\n"
  "  ]\n"
  "}\n";

static UnknotApplication *app;
static UnknotFakeClock   *fake_clock;
static GSettings         *settings;

/* The application's windows */

static UnknotWindow *
active_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (UNKNOT_IS_WINDOW (window));
  return UNKNOT_WINDOW (window);
}

static guint
count_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (UNKNOT_IS_WINDOW (l->data))
      n++;
  return n;
}

static GtkWidget *
player_of (UnknotWindow *window)
{
  GtkWidget *player = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW,
                                           "player_view");

  g_assert_true (UNKNOT_IS_PLAYER_VIEW (player));
  return player;
}

static GtkWidget *
player_child (UnknotWindow *window,
              const char   *name)
{
  return test_template_child (player_of (window), UNKNOT_TYPE_PLAYER_VIEW, name);
}

static const char *
label_text (UnknotWindow *window,
            const char   *name)
{
  return gtk_label_get_text (GTK_LABEL (player_child (window, name)));
}

static UnknotCuePlayer *
cue_player (void)
{
  return unknot_cue_scheduler_get_player (unknot_application_get_scheduler (app));
}

/* Where the routine is */

typedef struct {
  UnknotSession      *session;     /* not a reference */
  UnknotSessionState  state;
  int                 index;
  guint               step_remaining;
  guint               total_remaining;
  gint64              position;    /* microseconds, exact */
  gint64              time;        /* on the fake clock, when taken */
} Place;

static Place
place_of (UnknotWindow *window)
{
  Place place = { 0 };

  place.session = unknot_window_get_session (window);
  g_assert_nonnull (place.session);
  place.state = unknot_session_get_state (place.session);
  place.index = unknot_session_get_step_index (place.session);
  place.step_remaining = unknot_session_get_step_remaining (place.session);
  place.total_remaining = unknot_session_get_total_remaining (place.session);
  place.position = unknot_session_get_position (place.session);
  place.time = unknot_clock_now (UNKNOT_CLOCK (fake_clock));
  return place;
}

/* The routine kept its place: the same session, state and step, and the time moved on exactly as
 * much as the clock did (not at all when paused or finished). */
static void
assert_same_place (const Place *before,
                   const Place *after)
{
  gint64 elapsed = after->time - before->time;
  gint64 moved = after->position - before->position;

  g_test_message ("place: %s, step %d, %u s left of the step, %u s in all, position %.3f s -> "
                  "%.3f s over %.3f s", unknot_session_state_to_string (after->state),
                  after->index + 1, after->step_remaining, after->total_remaining,
                  before->position / 1e6, after->position / 1e6, elapsed / 1e6);

  g_assert_true (after->session == before->session);
  g_assert_cmpint (after->state, ==, before->state);
  g_assert_cmpint (after->index, ==, before->index);

  if (before->state != UNKNOT_SESSION_RUNNING)
    {
      g_assert_cmpint (moved, ==, 0);
      g_assert_cmpuint (after->step_remaining, ==, before->step_remaining);
      g_assert_cmpuint (after->total_remaining, ==, before->total_remaining);
      return;
    }

  /* Running: on the clock, neither restarted nor skipped ahead. */
  g_assert_cmpint (moved, ==, elapsed);
  g_assert_cmpint ((gint64) before->step_remaining - after->step_remaining, >=, 0);
  g_assert_cmpint ((gint64) before->step_remaining - after->step_remaining, <=,
                   1 + elapsed / G_USEC_PER_SEC);
  g_assert_cmpint ((gint64) before->total_remaining - after->total_remaining, <=,
                   1 + elapsed / G_USEC_PER_SEC);
}

static gboolean
is_null (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

/* Switching */

static gboolean
window_replaced (gpointer old)
{
  return (gpointer) gtk_application_get_active_window (GTK_APPLICATION (app)) != old;
}

/* Changes the "language" setting as Preferences does, waits for the window to be built again and
 * drawn, and returns the new one. */
static UnknotWindow *
switch_language (UnknotWindow *old,
                 const char   *language,
                 const char   *expected_language)
{
  UnknotWindow *window;
  GtkWindow *weak_old = GTK_WINDOW (old);
  gint64 start = g_get_monotonic_time ();

  g_object_add_weak_pointer (G_OBJECT (weak_old), (gpointer *) &weak_old);
  g_settings_set_string (settings, "language", language);

  if (!test_spin_until (window_replaced, old, 30000))
    g_error ("The window was not built again 30 s after the language was set to “%s”",
             language);
  /* Nothing is left to run later on the window that was destroyed (a timer would fire on freed
   * memory); checked at once, before its address can be used again. */
  if (g_main_context_find_source_by_user_data (NULL, old) != NULL)
    g_error ("A main loop source still refers to the window destroyed by the switch to “%s”",
             language);
  window = active_window ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_test_message ("language “%s”: window rebuilt and drawn in %.0f ms", language,
                  (g_get_monotonic_time () - start) / 1000.0);

  /* One window, the new one; the old one is gone. */
  g_assert_true (window != old);
  g_assert_cmpuint (count_windows (), ==, 1);
  g_assert_null (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), old));
  if (!test_spin_until (is_null, &weak_old, 10000))
    g_error ("The window shown before the switch to “%s” is still alive", language);

  g_assert_cmpstr (unknot_i18n_get_language (), ==, expected_language);
  return window;
}

/* The words that should show, from the catalogues in the current language */

static const char *
technique_name (const char *english)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "technique", english);
}

static const char *
area_name (const char *english)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "area", english);
}

/* Asserts @shown is @expected and, in a language other than English, differs from @english: a
 * missing translation fails. */
static void
assert_translated (const char *what,
                   const char *shown,
                   const char *expected,
                   const char *english,
                   gboolean    translated)
{
  g_test_message ("  %-16s “%s”", what, shown);
  g_assert_cmpstr (shown, ==, expected);
  if (translated)
    g_assert_cmpstr (shown, !=, english);
  else
    g_assert_cmpstr (shown, ==, english);
}

static gboolean
speech_ready (gpointer text)
{
  return unknot_cue_player_is_speech_ready (cue_player (), text);
}

/* Everything a person sees and hears in @language, with the routine on its first step. */
static void
check_player (UnknotWindow *window,
              const char   *language,
              const char   *voice,
              gboolean      rtl)
{
  gboolean translated = !g_str_equal (language, "en");
  GtkTextDirection direction = rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR;
  UnknotSession *session = unknot_window_get_session (window);
  UnknotRoutine *routine = unknot_session_get_routine (session);
  GtkWidget *player = player_of (window);
  GObject *title = gtk_widget_get_template_child (player, UNKNOT_TYPE_PLAYER_VIEW, "title");
  g_autofree char *total = unknot_format_duration (unknot_session_get_total_remaining (session));
  g_autofree char *countdown = unknot_format_duration (
    unknot_session_get_step_remaining (session));
  g_autofree char *progress = NULL;
  g_autofree char *progress_en = NULL;
  g_autofree char *step_word = NULL;
  g_autofree char *next = NULL;
  g_autofree char *next_en = NULL;
  g_autofree char *speech = NULL;
  const char *progress_format = g_dgettext (GETTEXT_PACKAGE, "Step %d of %u · %s left");
  graphene_rect_t previous_bounds, next_bounds;

  g_test_message ("player in %s:", language);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  g_assert_true (unknot_player_view_get_session (UNKNOT_PLAYER_VIEW (player)) == session);
  g_assert_true (unknot_cue_scheduler_get_session (unknot_application_get_scheduler (app))
                 == session);
  g_assert_cmpint (unknot_session_get_step_index (session), ==, 0);

  assert_translated ("technique", label_text (window, "technique_label"),
                     technique_name ("Kneading"), "Kneading", translated);
  assert_translated ("area", label_text (window, "area_label"), area_name ("Shoulders"),
                     "Shoulders", translated);

  /* "Step 1 of 3 · 2:58 left", in the language's own wording, starting with its word for
   * "Step". */
  progress_en = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Step %d of %u · %s left"), 1,
                                 N_STEPS, total);
  progress = unknot_i18n_localize_digits (progress_en);
  g_clear_pointer (&progress_en, g_free);
  progress_en = g_strdup_printf ("Step %d of %u · %s left", 1, N_STEPS, total);
  assert_translated ("progress", label_text (window, "progress_label"), progress, progress_en,
                     translated);
  step_word = g_strndup (progress_format, strcspn (progress_format, "%"));
  g_assert_cmpuint (strlen (step_word), >, 0);
  g_assert_true (g_str_has_prefix (label_text (window, "progress_label"), step_word));
  if (translated)
    g_assert_false (g_str_has_prefix (label_text (window, "progress_label"), "Step"));

  g_assert_cmpstr (label_text (window, "countdown_label"), ==, countdown);
  /* Numbers in the language's digits: Arabic-Indic in Arabic ("٢:٥٩"), 0 to 9 otherwise. */
  g_assert_cmpint (g_ascii_isdigit (label_text (window, "countdown_label")[0]), ==, !rtl);
  if (rtl)
    g_assert_cmpint (g_unichar_digit_value (g_utf8_get_char (label_text (window,
                                                                         "countdown_label"))),
                     ==, unknot_session_get_step_remaining (session) / 60);

  next = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Next: %s — %s"),
                          technique_name ("Light stroking"), area_name ("Upper back"));
  next_en = g_strdup ("Next: Light stroking — Upper back");
  assert_translated ("next", label_text (window, "next_label"), next, next_en, translated);

  assert_translated ("pause tooltip",
                     gtk_widget_get_tooltip_text (player_child (window, "pause_button")),
                     g_dgettext (GETTEXT_PACKAGE, "Pause"), "Pause", translated);

  /* The person's own routine name is shown as they wrote it, in every language. */
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, ROUTINE_NAME);

  /* The layout direction: the default for new widgets, the window and the labels, and the
   * controls really mirrored. */
  g_assert_cmpint (unknot_i18n_is_rtl (), ==, rtl);
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, direction);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, direction);
  g_assert_cmpint (gtk_widget_get_direction (player_child (window, "technique_label")), ==,
                   direction);
  g_assert_true (gtk_widget_compute_bounds (player_child (window, "previous_button"), player,
                                            &previous_bounds));
  g_assert_true (gtk_widget_compute_bounds (player_child (window, "next_button"), player,
                                            &next_bounds));
  g_test_message ("  previous button at x = %.0f, next button at x = %.0f",
                  previous_bounds.origin.x, next_bounds.origin.x);
  if (rtl)
    g_assert_cmpfloat (previous_bounds.origin.x, >, next_bounds.origin.x);
  else
    g_assert_cmpfloat (previous_bounds.origin.x, <, next_bounds.origin.x);

  /* Heard: the language's espeak voice, and the next step's announcement rendered in the new
   * words with it (the scheduler prepares it ahead). */
  g_assert_cmpstr (unknot_cue_player_get_voice (cue_player ()), ==, voice);
  g_assert_true (unknot_cue_player_has_speech (cue_player ()));
  speech = unknot_speech_for_step (routine, unknot_routine_get_step (routine, 1),
                                   UNKNOT_SIDE_NONE,
                                   unknot_application_get_catalogue (app));
  g_test_message ("  next announcement “%s” (voice %s)", speech, voice);
  if (translated)
    g_assert_cmpstr (speech, !=, "Light stroking. Upper back. 1 minute.");
  else
    g_assert_cmpstr (speech, ==, "Light stroking. Upper back. 1 minute.");
  if (!test_spin_until (speech_ready, speech, 30000))
    {
      g_autofree char *described = unknot_cue_player_describe_speech (cue_player ());

      /* What the player kept and was still rendering, to tell a render never asked for from
       * one asked for and pushed out. */
      g_test_message ("  speech in the player: %s", described);
      g_error ("The next step's announcement in %s was not rendered with the voice “%s” within "
               "30 s", language, voice);
    }
}

/* Scenario 1: a running routine, English -> German -> Arabic -> English */

static void
test_running (void)
{
  static const struct {
    const char *setting;
    const char *language;
    const char *voice;
    gboolean    rtl;
  } switches[] = {
    { "de", "de", "de", FALSE },
    { "ar", "ar", "ar", TRUE },
    { "en", "en", "en", FALSE },
  };
  UnknotWindow *window = active_window ();
  UnknotSession *session;
  g_autofree char *setting = g_settings_get_string (settings, "language");

  g_assert_cmpstr (setting, ==, "");
  g_assert_cmpstr (unknot_i18n_get_language (), ==, "en");

  g_assert_true (unknot_window_start_routine (window, ROUTINE_ID));
  session = unknot_window_get_session (window);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_RUNNING);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  /* A little into the step, so a restart would show. */
  test_clock_advance (fake_clock, MSEC (1200));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (1200));
  check_player (window, "en", "en", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      Place before = place_of (window);
      Place after;

      window = switch_language (window, switches[i].setting, switches[i].language);
      after = place_of (window);
      assert_same_place (&before, &after);
      g_assert_true (after.session == session);
      check_player (window, switches[i].language, switches[i].voice, switches[i].rtl);
    }

  /* Still the one session, alive and running. */
  g_assert_nonnull (session);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_RUNNING);
  g_object_remove_weak_pointer (G_OBJECT (session), (gpointer *) &session);
}

/* Scenario 2: a paused routine, to German and back to the system's language (English here) */

static void
test_paused (void)
{
  UnknotWindow *window = active_window ();
  Place before, after;

  g_assert_nonnull (unknot_window_get_session (window));
  g_assert_true (gtk_widget_activate_action (player_of (window), "player.toggle-pause", NULL));
  before = place_of (window);
  g_assert_cmpint (before.state, ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Paused");

  window = switch_language (window, "de", "de");
  after = place_of (window);
  assert_same_place (&before, &after);
  g_assert_true (gtk_widget_get_visible (player_child (window, "state_label")));
  assert_translated ("state", label_text (window, "state_label"),
                     g_dgettext (GETTEXT_PACKAGE, "Paused"), "Paused", TRUE);
  assert_translated ("pause tooltip",
                     gtk_widget_get_tooltip_text (player_child (window, "pause_button")),
                     g_dgettext (GETTEXT_PACKAGE, "Resume"), "Resume", TRUE);
  assert_translated ("technique", label_text (window, "technique_label"),
                     technique_name ("Kneading"), "Kneading", TRUE);
  g_assert_cmpstr (unknot_cue_player_get_voice (cue_player ()), ==, "de");

  /* The pause holds in the new window. */
  test_clock_advance (fake_clock, MSEC (1200));
  after = place_of (window);
  assert_same_place (&before, &after);

  /* "System": the language the desktop asked for (LANGUAGE=en in the tests), the environment
   * untouched. */
  window = switch_language (window, "", "en");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  after = place_of (window);
  assert_same_place (&before, &after);
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Paused");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (player_child (window, "pause_button")), ==,
                   "Resume");
  g_assert_cmpstr (label_text (window, "technique_label"), ==, "Kneading");
  g_assert_cmpstr (unknot_cue_player_get_voice (cue_player ()), ==, "en");
  g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_LTR);

  /* And it resumes from where it was, through the new window's controls. */
  g_assert_true (gtk_widget_activate_action (player_of (window), "player.toggle-pause", NULL));
  g_assert_cmpint (unknot_session_get_state (after.session), ==, UNKNOT_SESSION_RUNNING);
  test_clock_advance (fake_clock, MSEC (300));
  after = place_of (window);
  g_assert_cmpint (after.position - before.position, ==, MSEC (300));
  g_assert_cmpint (after.index, ==, before.index);
}

/* Scenario 2b: dialogs open across a switch */

/* The message dialogs over @window, and over any other window. */
static GPtrArray *
message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */
  GPtrArray *found = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        g_ptr_array_add (found, g_steal_pointer (&window));
    }
  return found;
}

static GtkWindow *
preferences_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (UNKNOT_IS_PREFERENCES (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
stop_dialog_over (gpointer data)
{
  g_autoptr(GPtrArray) dialogs = message_dialogs ();

  return dialogs->len == 1 && gtk_window_get_transient_for (dialogs->pdata[0]) == data;
}

/* "Stop the Routine?" and Preferences, open while the language changes, are asked and shown
 * again in the new language, over the new window; the routine is still paused, and answering the
 * new dialog reaches the new window. */
static void
test_dialogs (void)
{
  UnknotWindow *window = active_window ();
  UnknotSession *session = unknot_window_get_session (window);
  g_autoptr(GPtrArray) dialogs = NULL;
  GtkWindow *preferences;
  const char *heading;

  g_assert_true (gtk_widget_activate_action (player_of (window), "player.toggle-pause", NULL));
  g_assert_true (gtk_widget_activate_action (player_of (window), "player.stop", NULL));
  g_assert_true (stop_dialog_over (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = preferences_window ();
  g_assert_nonnull (preferences);
  g_assert_cmpstr (gtk_window_get_title (preferences), ==, "Preferences");

  window = switch_language (window, "de", "de");
  if (!test_spin_until (stop_dialog_over, window, 30000))
    g_error ("“Stop the Routine?” was not asked again over the new window");
  dialogs = message_dialogs ();
  heading = adw_message_dialog_get_heading (dialogs->pdata[0]);
  assert_translated ("stop dialog", heading, g_dgettext (GETTEXT_PACKAGE, "Stop the Routine?"),
                     "Stop the Routine?", TRUE);
  preferences = preferences_window ();
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  assert_translated ("Preferences title", gtk_window_get_title (preferences),
                     g_dgettext (GETTEXT_PACKAGE, "Preferences"), "Preferences", TRUE);

  /* Answered, the new dialog reaches the new window: "Keep Going" leaves the routine paused. */
  g_assert_true (unknot_window_get_session (window) == session);
  adw_message_dialog_response (dialogs->pdata[0], "cancel");
  gtk_window_destroy (dialogs->pdata[0]);   /* as its button does after the response */
  g_clear_pointer (&dialogs, g_ptr_array_unref);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_PAUSED);
  gtk_window_destroy (preferences);

  window = switch_language (window, "", "en");
  g_assert_true (gtk_widget_activate_action (player_of (window), "player.toggle-pause", NULL));
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_RUNNING);
}

/* Scenario 3: the finish page, with a notification service on the bus */

static gboolean
is_finished (gpointer data)
{
  UnknotSession *session = unknot_window_get_session (active_window ());

  return session != NULL && unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED
         && g_strcmp0 (unknot_window_get_page (active_window ()), "finish") == 0;
}

static const char *
finish_title (UnknotWindow *window)
{
  GtkWidget *page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "finish_page");
  GtkWidget *status = test_template_child (page, UNKNOT_TYPE_FINISH_PAGE, "finish_status");

  return adw_status_page_get_title (ADW_STATUS_PAGE (status));
}

static const char *
finish_summary (UnknotWindow *window)
{
  GtkWidget *page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "finish_page");
  GtkWidget *summary = test_template_child (page, UNKNOT_TYPE_FINISH_PAGE, "finish_summary");

  return gtk_label_get_text (GTK_LABEL (summary));
}

/* The finish page shows again in the new language; the routine is not announced as complete a
 * second time (the desktop would show "Routine complete" at each switch). */
static void
test_finished (void)
{
  UnknotWindow *window = active_window ();
  UnknotSession *session = unknot_window_get_session (window);
  Place before, after;
  guint n_at_finish;
  gboolean told;

  /* To the end, by the player's controls. */
  g_assert_nonnull (session);
  for (int i = 0; i < N_STEPS; i++)
    g_assert_true (gtk_widget_activate_action (player_of (window), "player.next", NULL));
  told = !gtk_window_is_active (GTK_WINDOW (window));
  if (!test_spin_until (is_finished, NULL, 10000))
    g_error ("No finish page after skipping the last step; page “%s”",
             unknot_window_get_page (active_window ()));
  g_assert_cmpstr (finish_title (window), ==, "Well done");
  g_test_message ("finished: “%s”", finish_summary (window));
  /* What the routine's end sent: nothing when the window has the focus, else one notification
   * (waited for: it comes over the bus)... */
  if (told && !test_spin_until (test_notified, GUINT_TO_POINTER (1), 20000))
    g_error ("The end of the routine was not notified, with the window not active");
  test_spin_for (300);
  n_at_finish = test_n_notifications;
  g_assert_cmpuint (n_at_finish, ==, told ? 1 : 0);
  before = place_of (window);

  window = switch_language (window, "de", "de");
  after = place_of (window);
  assert_same_place (&before, &after);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
  assert_translated ("finish title", finish_title (window),
                     g_dgettext (GETTEXT_PACKAGE, "Well done"), "Well done", TRUE);
  g_test_message ("  finish summary   “%s”", finish_summary (window));
  g_assert_nonnull (strstr (finish_summary (window),
                            g_dgettext (GETTEXT_PACKAGE,
                                        "Mild soreness tomorrow can happen. If pain is sharp or "
                                        "lasts, see a doctor or physiotherapist.")));
  g_assert_null (strstr (finish_summary (window), "Mild soreness tomorrow"));

  window = switch_language (window, "en", "en");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
  g_assert_cmpstr (finish_title (window), ==, "Well done");
  g_assert_nonnull (strstr (finish_summary (window), "Mild soreness tomorrow"));

  /* ...and nothing more for two switches. */
  test_spin_for (300);
  g_test_message ("notifications: %u at the finish, %u after two switches", n_at_finish,
                  test_n_notifications);
  g_assert_cmpuint (test_n_notifications, ==, n_at_finish);
}

/* Setup */

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  int status;

  /* A home of this test's own, set before anything reads the XDG variables (see
   * test-player-widget.c); removed when the test passes. */
  tmp_home = test_make_home (test_build_dir (), "home-language-switch-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);

  /* As main() does, before GTK initialises. */
  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  /* The notification service is there before the application starts, as on a desktop. */
  test_serve_notifications ();

  fake_clock = test_clock_new ();
  app = test_application_new (UNKNOT_CLOCK (fake_clock));
  g_assert_nonnull (unknot_library_lookup (unknot_application_get_library (app), ROUTINE_ID));

  settings = unknot_application_get_settings (app);
  g_settings_set_int (settings, "get-ready", -1);   /* the routine's own: 0 */

  /* The window as the application opens it. */
  g_application_activate (G_APPLICATION (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));

  g_test_add_func ("/language-switch/running", test_running);
  g_test_add_func ("/language-switch/paused", test_paused);
  g_test_add_func ("/language-switch/dialogs", test_dialogs);
  g_test_add_func ("/language-switch/finished", test_finished);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  g_object_unref (fake_clock);

  return status;
}
