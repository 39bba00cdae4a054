/* test-player-widget.c: the player window follows a routine, as a user sees it
 *
 * Runs the real UnknotApplication and UnknotWindow under Xvfb (tests/headless.sh) on a user
 * routine of three one-second steps with no get-ready time, written to a private XDG_DATA_HOME
 * before the library loads. Everything is read back from the widgets a user looks at: the text of
 * the player's technique, countdown and progress labels, the pause button's tooltip and the page
 * the window shows. The application's routines run on a fake clock that the test moves on
 * itself: every boundary is checked to the microsecond, whatever the machine's load, and no
 * assertion depends on how long the machine took.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-player-widget"

#include "config.h"

#include "unknot-cue-player.h"
#include "unknot-cue-scheduler.h"
#include "unknot-i18n.h"
#include "unknot-run.h"
#include "unknot-player-view.h"
#include "unknot-ui-test-util.h"
#include "unknot-finish-page.h"
#include "unknot-routine-page.h"
#include "unknot-window.h"

#define ROUTINE_ID "widget-test"

/* Three steps of one second, each a different technique, so each boundary changes the label. */
static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"Widget test\",\n"
  "  \"description\": \"Three one-second steps.\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"light-stroking\", \"area\": \"upper-back\", \"duration\": 1 },\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 1 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"lower-back\", \"duration\": 1 }\n"
  "  ]\n"
  "}\n";

/* Hands-free: a step without words, a step on both sides with words for each, and steps that
 * wait until the person is in position. */
#define HANDS_FREE_ID "hands-free-test"
static const char hands_free_json[] =
  "{ \"format\": 1, \"id\": \"" HANDS_FREE_ID "\", \"name\": \"Hands free\",\n"
  "  \"description\": \"\", \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"light-stroking\", \"area\": \"neck\", \"duration\": 2 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"shoulders\", \"side\": \"both\",\n"
  "      \"duration\": 4, \"instructions\": \"Left arm across.\",\n"
  "      \"instructions-second-side\": \"Right arm across.\" },\n"
  "    { \"technique\": \"kneading\", \"area\": \"upper-back\", \"tool\": \"foam-roller\",\n"
  "      \"duration\": 2, \"instructions\": \"Lie on the roller.\", \"hold\": true },\n"
  "    { \"technique\": \"stretching\", \"area\": \"lower-back\", \"duration\": 2,\n"
  "      \"hold\": true }\n"
  "  ]\n"
  "}\n";

/* What a step asks: a kneading step (with the technique's cautions), a heat step (warmth, not
 * pressure) and a rest (no cautions). */
#define CAUTIONS_ID "cautions-test"
static const char cautions_json[] =
  "{ \"format\": 1, \"id\": \"" CAUTIONS_ID "\", \"name\": \"Cautions\",\n"
  "  \"description\": \"\", \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"kneading\", \"area\": \"upper-back\", \"duration\": 2,\n"
  "      \"pressure\": \"medium\" },\n"
  "    { \"technique\": \"heat\", \"area\": \"lower-back\", \"tool\": \"heat-pack\",\n"
  "      \"pressure\": \"light\", \"duration\": 2 },\n"
  "    { \"kind\": \"rest\", \"duration\": 2 }\n"
  "  ]\n"
  "}\n";

/* A routine of one step, with a get-ready countdown. */
#define ONE_STEP_ID "one-step-test"
static const char one_step_json[] =
  "{ \"format\": 1, \"id\": \"" ONE_STEP_ID "\", \"name\": \"One step\",\n"
  "  \"description\": \"\", \"preparation\": 5,\n"
  "  \"steps\": [ { \"technique\": \"kneading\", \"area\": \"shoulders\",\n"
  "                 \"side\": \"both\", \"duration\": 60 } ]\n"
  "}\n";

/* The techniques' display names from data/techniques.json, in step order (LANGUAGE=en). */
static const char * const expected_titles[] = { "Light stroking", "Kneading", "Stretching" };

static UnknotApplication *app;
static UnknotFakeClock   *fake_clock;
static UnknotWindow      *window;
static GtkWidget         *player;

static gint64
now (void)
{
  return unknot_clock_now (UNKNOT_CLOCK (fake_clock));
}

/* Main loop conditions */

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (unknot_window_get_page (window), name) == 0;
}

/* Widgets */

static GtkWidget *
routine_page (void)
{
  return test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "routine_page");
}

/* The step rows the routine's page has now (its list view makes them for what is on screen). */
static guint
n_step_rows (void)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  test_collect_rows (test_template_child (routine_page (), UNKNOT_TYPE_ROUTINE_PAGE, "step_list"),
                     rows);
  return rows->len;
}

static gboolean
has_step_rows (gpointer n)
{
  return n_step_rows () == GPOINTER_TO_UINT (n);
}

static GtkWidget *
player_child (const char *name)
{
  return test_template_child (player, UNKNOT_TYPE_PLAYER_VIEW, name);
}

static const char *
label_text (const char *name)
{
  return gtk_label_get_text (GTK_LABEL (player_child (name)));
}

static UnknotSessionState
session_state (void)
{
  UnknotSession *session = unknot_window_get_session (window);

  g_assert_nonnull (session);
  return unknot_session_get_state (session);
}

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       painted)
{
  *(gboolean *) painted = TRUE;
}

static gboolean
is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/* The finish page's picture costs no SVG renderer (issue 18): once the page has been painted,
 * neither librsvg nor GdkPixbuf's SVG loader is mapped into this process. */
static void
assert_no_svg_loader (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  g_autofree char *maps = NULL;
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_draw (widget);
  test_spin_until (is_set, &painted, 30000);
  g_signal_handler_disconnect (clock, handler);
  g_assert_true (painted);

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, "librsvg"));
  g_assert_null (strstr (maps, "libpixbufloader-svg"));
}

/* Scenario 1: each step's technique in turn, then the finish page */

typedef struct {
  char    *text;
  gint64   time;
  gboolean drawable;   /* on screen when it changed, with the player page showing */
} Seen;

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->text);
  g_free (seen);
}

static void
record_technique (GtkLabel  *label,
                  GPtrArray *seen)
{
  Seen *s = g_new0 (Seen, 1);

  s->text = g_strdup (gtk_label_get_text (label));
  s->time = now ();
  s->drawable = gtk_widget_is_drawable (GTK_WIDGET (label)) && page_is ((gpointer) "player");
  g_ptr_array_add (seen, s);
}

static void
on_technique_changed (GtkLabel   *label,
                      GParamSpec *pspec,
                      GPtrArray  *seen)
{
  record_technique (label, seen);
}

static void
test_follow_routine (void)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (seen_free);
  GtkWidget *technique = player_child ("technique_label");
  GtkWidget *finish_status;
  gulong handler;
  gint64 start;

  /* The routine's page lists its steps... */
  unknot_window_show_routine (window, unknot_library_lookup (unknot_application_get_library (app),
                                                             ROUTINE_ID));
  g_assert_true (test_spin_until (has_step_rows, GUINT_TO_POINTER (3), 30000));

  start = now ();
  g_assert_true (unknot_window_start_routine (window, ROUTINE_ID));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);
  /* The player shows at once, no slide; the routine's page, out of sight, has let its rows go
   * (they are made again on the way back). */
  g_assert_false (gtk_stack_get_transition_running (GTK_STACK (gtk_widget_get_ancestor (
    technique, GTK_TYPE_STACK))));
  g_assert_cmpuint (n_step_rows (), ==, 0);

  /* What shows as the routine starts, then every change. */
  record_technique (GTK_LABEL (technique), seen);
  handler = g_signal_connect (technique, "notify::label", G_CALLBACK (on_technique_changed), seen);

  /* The clock moves on to a microsecond before each boundary, then to it: the step changes at
   * the boundary, not before. */
  for (guint i = 1; i <= G_N_ELEMENTS (expected_titles); i++)
    {
      test_clock_advance (fake_clock, start + MSEC (1000 * i) - 1 - now ());
      g_assert_cmpuint (seen->len, ==, i);
      g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
      test_clock_advance (fake_clock, 1);
    }
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
  g_signal_handler_disconnect (technique, handler);

  for (guint i = 0; i < seen->len; i++)
    {
      Seen *s = g_ptr_array_index (seen, i);

      g_test_message ("%+9.6f s  %s%s", (s->time - start) / 1e6, s->text,
                      s->drawable ? "" : "  (not on screen)");
    }
  g_test_message ("%+9.6f s  finish page", (now () - start) / 1e6);

  /* Exactly the three techniques in order, each shown on the player page; no "Get ready" as the
   * routine has no preparation. */
  g_assert_cmpuint (seen->len, ==, G_N_ELEMENTS (expected_titles));
  for (guint i = 0; i < seen->len; i++)
    {
      Seen *s = g_ptr_array_index (seen, i);

      g_assert_cmpstr (s->text, ==, expected_titles[i]);
      g_assert_true (s->drawable);
    }

  /* Each step lasts its second exactly: the first shows as the routine starts, the others at
   * their boundaries, to the microsecond. */
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpint (((Seen *) g_ptr_array_index (seen, i))->time - start, ==, MSEC (1000 * i));

  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_FINISHED);
  finish_status = test_template_child (
    test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "finish_page"),
    UNKNOT_TYPE_FINISH_PAGE, "finish_status");
  g_assert_true (gtk_widget_is_drawable (finish_status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (finish_status)), ==, "Well done");
  assert_no_svg_loader (finish_status);
}

/* Scenario 2: pause holds the countdown; resume, next and previous move */

static void
activate (const char *action)
{
  g_assert_true (gtk_widget_activate_action (player, action, NULL));
}

static void
test_pause_next_previous (void)
{
  GtkWidget *pause_button = player_child ("pause_button");
  g_autofree char *countdown = NULL;
  g_autofree char *progress = NULL;
  UnknotSession *session;
  gint64 position;

  g_assert_true (unknot_window_start_routine (window, ROUTINE_ID));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  session = unknot_window_get_session (window);
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[0]);
  /* Half a second in. */
  test_clock_advance (fake_clock, MSEC (500));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (500));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pause_button), ==, "Pause");

  activate ("player.toggle-pause");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pause_button), ==, "Resume");
  g_assert_cmpstr (label_text ("state_label"), ==, "Paused");
  g_assert_true (gtk_widget_get_visible (player_child ("state_label")));

  /* Held: had the routine run on for 1.5 s, the technique and the time left in all would have
   * changed (the step countdown alone could read 0:01 again on the next step). */
  countdown = g_strdup (label_text ("countdown_label"));
  progress = g_strdup (label_text ("progress_label"));
  g_test_message ("paused at %s, %s", countdown, progress);
  test_clock_advance (fake_clock, MSEC (1500));
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_PAUSED);
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (500));
  g_assert_cmpstr (label_text ("countdown_label"), ==, countdown);
  g_assert_cmpstr (label_text ("progress_label"), ==, progress);
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[0]);

  activate ("player.toggle-pause");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pause_button), ==, "Pause");
  g_assert_false (gtk_widget_get_visible (player_child ("state_label")));
  /* It runs on from where it was paused. */
  test_clock_advance (fake_clock, MSEC (250));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (750));
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[0]);

  activate ("player.next");
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[1]);
  g_assert_true (g_str_has_prefix (label_text ("progress_label"), "Step 2 of 3"));

  /* Within the first seconds of a step, previous goes back a step rather than restarting it. */
  activate ("player.previous");
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[0]);
  g_assert_true (g_str_has_prefix (label_text ("progress_label"), "Step 1 of 3"));

  /* And the routine still runs to its end from there, at the time it has left. */
  position = unknot_session_get_position (session);
  g_assert_cmpint (unknot_session_get_step_index (session), ==, 0);
  test_clock_advance (fake_clock, unknot_session_get_duration (session) - position - 1);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[2]);
  test_clock_advance (fake_clock, 1);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_FINISHED);
}

/* Scenario 3: "Stop the Routine?" holds the routine while it is open */

static AdwMessageDialog *
stop_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)),
                        "Stop the Routine?") == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
no_stop_dialog (gpointer data)
{
  return stop_dialog () == NULL;
}

/* Answers the open dialog with @response, as its button does, and waits for it to go. */
static void
answer_stop_dialog (const char *response)
{
  AdwMessageDialog *dialog = stop_dialog ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (test_spin_until (no_stop_dialog, NULL, 30000));
}

static void
test_stop_dialog (void)
{
  UnknotSession *session;

  g_assert_true (unknot_window_start_routine (window, ROUTINE_ID));
  session = unknot_window_get_session (window);
  test_clock_advance (fake_clock, MSEC (300));

  /* Open: paused, the clock stands for as long as the person thinks, even past the step's end. */
  activate ("player.stop");
  g_assert_nonnull (stop_dialog ());
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_PAUSED);
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (300));
  g_assert_cmpstr (label_text ("technique_label"), ==, expected_titles[0]);

  /* Keep Going: on from where it was. */
  answer_stop_dialog ("cancel");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);
  test_clock_advance (fake_clock, MSEC (200));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (500));

  /* Paused by the person before: still paused after Keep Going. */
  activate ("player.toggle-pause");
  activate ("player.stop");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_PAUSED);
  answer_stop_dialog ("cancel");
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_PAUSED);
  test_clock_advance (fake_clock, MSEC (1000));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (500));

  /* Stop: the player is left. */
  activate ("player.toggle-pause");
  activate ("player.stop");
  answer_stop_dialog ("stop");
  g_assert_null (unknot_window_get_session (window));
  g_assert_cmpstr (unknot_window_get_page (window), !=, "player");
}

/* Scenario 4: the finish page says what was done, and Enter does not start again */

static void
test_finish_counts (void)
{
  GtkWidget *finish_page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW,
                                                "finish_page");
  GtkWidget *done_button = test_template_child (finish_page, UNKNOT_TYPE_FINISH_PAGE,
                                                "done_button");
  GtkWidget *again_button = test_find_button (finish_page, "_Again");
  const char *summary;

  g_assert_nonnull (again_button);
  g_assert_true (unknot_window_start_routine (window, ROUTINE_ID));

  for (guint run = 0; run < 2; run++)
    {
      /* A button of the player has the focus, as after a click on it. */
      g_assert_true (gtk_widget_grab_focus (player_child ("pause_button")));

      /* The first step skipped after a quarter of a second, the other two run to their end. */
      test_clock_advance (fake_clock, MSEC (250));
      activate ("player.next");
      test_clock_advance (fake_clock, MSEC (2000));
      g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");

      summary = gtk_label_get_text (GTK_LABEL (test_template_child (finish_page,
                                                                    UNKNOT_TYPE_FINISH_PAGE,
                                                                    "finish_summary")));
      g_test_message ("finish page: %s", summary);
      g_assert_true (g_str_has_prefix (summary, "2 of 3 steps done · 1 skipped · 2 s\n"));
      g_assert_null (strstr (summary, "Paused"));
      /* Done has the focus, even after Again was pressed from the keyboard the time before (the
       * window's stack gives a page back the focus it had). */
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == done_button);

      if (run == 0)
        {
          g_assert_true (gtk_widget_grab_focus (again_button));
          g_signal_emit_by_name (again_button, "clicked");
          g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
        }
    }
}

/* Space, as the keyboard sends it: the shortcut the player binds to it, activated. */
static void
press_space (void)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (player);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *space = gtk_keyval_trigger_new (GDK_KEY_space, 0);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), space))
            {
              g_object_unref (space);
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           player, NULL));
              return;
            }
          g_object_unref (space);
        }
    }
  g_assert_not_reached ();
}

/* A click (or tap) on the page at (@x, @y), as its click gesture reports it. */
static void
click_page_at (double x,
               double y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (player);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, x, y);
          return;
        }
    }
  g_assert_not_reached ();
}

/* On the figure of the back, well away from any button. */
static void
click_page (void)
{
  GtkWidget *figure = player_child ("back_view");
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (figure, player, &GRAPHENE_POINT_INIT (10, 10), &at));
  click_page_at (at.x, at.y);
}

static void
test_hands_free (void)
{
  UnknotCatalogue *catalogue = unknot_application_get_catalogue (app);
  UnknotTechnique *stroking = unknot_catalogue_lookup (catalogue, "light-stroking");
  UnknotSession *session;

  g_assert_true (unknot_window_start_routine (window, HANDS_FREE_ID));
  session = unknot_window_get_session (window);

  /* No words of its own: the technique's how-to. */
  g_assert_cmpstr (label_text ("instructions_label"), !=, "");
  g_assert_cmpstr (label_text ("instructions_label"), ==, unknot_technique_get_how (stroking));

  /* Each side its own words. */
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpstr (label_text ("area_label"), ==, "Shoulders · Left side");
  g_assert_cmpstr (label_text ("instructions_label"), ==, "Left arm across.");
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpstr (label_text ("area_label"), ==, "Shoulders · Right side");
  g_assert_cmpstr (label_text ("instructions_label"), ==, "Right arm across.");

  /* A hold step: the routine waits at its start, saying so, however long. */
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_WAITING);
  g_assert_cmpstr (label_text ("technique_label"), ==, "Kneading");
  g_assert_cmpstr (label_text ("instructions_label"), ==, "Lie on the roller.");
  g_assert_true (gtk_widget_get_visible (player_child ("state_label")));
  g_assert_cmpstr (label_text ("state_label"), ==,
                   "Tap anywhere or press Space when you are in position");
  test_clock_advance (fake_clock, MSEC (60000));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (6000));
  g_assert_cmpstr (label_text ("countdown_label"), ==, "0:02");

  /* A click that lands on a button is left to the button (here Stop, which would ask first);
   * a click anywhere else on the page goes on. */
  {
    GtkWidget *stop = player_child ("stop_button");
    graphene_point_t at;

    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));   /* laid out, so a point finds it */
    /* Its middle: a round button's corners are not the button. */
    g_assert_true (gtk_widget_compute_point (stop, player,
                                             &GRAPHENE_POINT_INIT (gtk_widget_get_width (stop) / 2,
                                                                   gtk_widget_get_height (stop) / 2),
                                             &at));
    click_page_at (at.x, at.y);
    g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_WAITING);
  }
  click_page ();
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);
  g_assert_false (gtk_widget_get_visible (player_child ("state_label")));
  test_clock_advance (fake_clock, MSEC (1000));
  g_assert_cmpint (unknot_session_get_position (session), ==, MSEC (7000));
  /* Running, a click does nothing. */
  click_page ();
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);

  /* So does Space, at the next one. */
  test_clock_advance (fake_clock, MSEC (1000));
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_WAITING);
  g_assert_cmpstr (label_text ("technique_label"), ==, "Stretching");
  press_space ();
  g_assert_cmpint (session_state (), ==, UNKNOT_SESSION_RUNNING);
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
}

/* Scenario: the step's cautions show as it starts; a heat step speaks of warmth */

/* @name is shown, with room of its own inside the player. */
static void
assert_shown (const char *name)
{
  GtkWidget *widget = player_child (name);
  graphene_rect_t bounds;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, player, &bounds));
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (player));
}

static void
test_cautions (void)
{
  UnknotTechnique *kneading = unknot_catalogue_lookup (unknot_application_get_catalogue (app),
                                                       "kneading");
  g_autofree char *expected = NULL;

  g_assert_nonnull (kneading);
  g_assert_cmpstr (unknot_technique_get_cautions (kneading), !=, "");
  expected = g_strdup_printf ("Take care: %s", unknot_technique_get_cautions (kneading));

  g_assert_true (unknot_window_start_routine (window, CAUTIONS_ID));
  g_assert_cmpstr (label_text ("technique_label"), ==, "Kneading");
  g_assert_cmpstr (label_text ("caution_label"), ==, expected);
  assert_shown ("caution_label");
  g_assert_cmpstr (label_text ("detail_label"), ==, "Medium pressure · Hands");

  /* A heat pack presses on nothing: warmth and the pack, no pressure. */
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpstr (label_text ("technique_label"), ==, "Heat application");
  g_assert_cmpstr (label_text ("detail_label"), ==, "Warm, never hot · Heat pack");
  g_assert_true (g_str_has_prefix (label_text ("caution_label"), "Take care: Never sleep"));

  /* A rest has no technique and no cautions: the label takes no room. */
  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpstr (label_text ("technique_label"), ==, "Rest");
  g_assert_cmpstr (label_text ("caution_label"), ==, "");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_child_visible (player_child ("caution_label")));

  test_clock_advance (fake_clock, MSEC (2000));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
}

/* One step: one progress bar, under the countdown, and the routine's words; the bars of a longer
 * routine agree with the session. */
static void
test_one_step_progress (void)
{
  GtkProgressBar *step_bar;
  graphene_rect_t countdown, bar;

  g_assert_true (unknot_window_start_routine (window, ONE_STEP_ID));
  step_bar = GTK_PROGRESS_BAR (player_child ("step_progress"));
  test_clock_advance (fake_clock, MSEC (5000) + MSEC (15000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_assert_false (gtk_widget_get_visible (player_child ("total_progress")));
  assert_shown ("step_progress");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (step_bar), 0.25, 1e-6);
  g_assert_cmpstr (label_text ("progress_label"), ==, "Step 1 of 1 · 0:45 left");

  /* The step's bar right under its countdown, not among the routine's words. */
  g_assert_true (gtk_widget_compute_bounds (player_child ("countdown_label"), player, &countdown));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (step_bar), player, &bar));
  g_assert_cmpfloat (bar.origin.y, >=, countdown.origin.y + countdown.size.height);
  g_assert_cmpfloat (bar.origin.y, <, countdown.origin.y + countdown.size.height + 40);

  activate ("player.stop");
  answer_stop_dialog ("stop");
  g_assert_cmpstr (unknot_window_get_page (window), !=, "player");
}

/* Scenario 6: the routine's page keeps the sound output open for Start (issue 18); the library
 * closes it, so an idle window runs no audio thread. */
static void
test_warm_player (void)
{
  UnknotCuePlayer *cues = unknot_cue_scheduler_get_player (unknot_application_get_scheduler (app));
  GtkWidget *stack = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "stack");

  /* The previous scenario's finished routine, let go as Done does. */
  unknot_run_stop (unknot_application_get_run (app));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "library");
  g_assert_false (unknot_cue_player_is_open (cues));
  g_assert_false (unknot_run_is_player_warm (unknot_application_get_run (app)));

  unknot_window_show_routine (window, unknot_library_lookup (unknot_application_get_library (app),
                                                             ROUTINE_ID));
  g_assert_true (unknot_cue_player_is_open (cues));
  g_assert_true (unknot_run_is_player_warm (unknot_application_get_run (app)));

  /* Start uses the open output: it is not closed and opened again. */
  g_assert_true (unknot_window_start_routine (window, ROUTINE_ID));
  g_assert_true (unknot_cue_player_is_open (cues));
  g_assert_false (unknot_cue_player_is_closing (cues));
  unknot_run_stop (unknot_application_get_run (app));

  unknot_window_show_routine (window, unknot_library_lookup (unknot_application_get_library (app),
                                                             ROUTINE_ID));
  g_assert_true (unknot_cue_player_is_open (cues));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "library");
  g_assert_false (unknot_cue_player_is_open (cues));
  g_assert_false (unknot_run_is_player_warm (unknot_application_get_run (app)));
}

/* Setup */

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  GSettings *settings;
  int status;

  /* A home of this test's own, set before anything reads the XDG variables: the routine must be
   * in the user's routines when the application loads its library at startup. In the build tree
   * (G_TEST_BUILDDIR under meson), removed when the test passes, kept for a look when it fails. */
  tmp_home = test_make_home (test_build_dir (), "home-player-widget-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);
  test_write_user_routine (tmp_home, HANDS_FREE_ID, hands_free_json);
  test_write_user_routine (tmp_home, CAUTIONS_ID, cautions_json);
  test_write_user_routine (tmp_home, ONE_STEP_ID, one_step_json);

  /* As main() does, before GTK initialises. */
  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  fake_clock = test_clock_new ();
  app = test_application_new (UNKNOT_CLOCK (fake_clock));
  g_assert_nonnull (unknot_library_lookup (unknot_application_get_library (app), ROUTINE_ID));

  settings = unknot_application_get_settings (app);
  g_settings_set_int (settings, "get-ready", -1);   /* the routine's own: 0 */

  window = g_object_ref_sink (unknot_window_new (app));
  player = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "player_view");
  g_assert_true (UNKNOT_IS_PLAYER_VIEW (player));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_test_add_func ("/player-widget/follow-routine", test_follow_routine);
  g_test_add_func ("/player-widget/pause-next-previous", test_pause_next_previous);
  g_test_add_func ("/player-widget/stop-dialog", test_stop_dialog);
  g_test_add_func ("/player-widget/finish-counts", test_finish_counts);
  g_test_add_func ("/player-widget/hands-free", test_hands_free);
  g_test_add_func ("/player-widget/cautions", test_cautions);
  g_test_add_func ("/player-widget/one-step-progress", test_one_step_progress);
  g_test_add_func ("/player-widget/warm-player", test_warm_player);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_application_finish (app, tmp_home);
  g_object_unref (fake_clock);

  return status;
}
