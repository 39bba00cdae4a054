/* test-player-layout.c: the player fits any window and fills a full screen
 *
 * Runs the real UnknotApplication under Xvfb on a 1920 x 1080 screen (tests/headless.sh with
 * UNKNOT_HEADLESS_SCREEN) with a routine whose first step has the longest instructions the
 * format allows (500 characters), a tool and the longest technique name, and opens a window on
 * it at 720 x 760 (the default), 360 x 640 (a phone) and 1920 x 1080 (the whole screen). In each
 * the allocations are measured with gtk_widget_compute_bounds(): the countdown's share of the
 * height, every part that must stay ("Next" first) inside the window and above the controls, no
 * two parts on top of each other, nothing that would scroll. Then a pause, which must not move
 * any part, and the frame clock, which must go quiet once the sizes are set (no relayout loop).
 * The routine runs on a fake clock and stays on its first step.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-player-layout"

#include "config.h"

#include "unknot-player-layout.h"
#include "unknot-player-view.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define ROUTINE_ID "layout-test"

/* 500 characters, the format's longest. */
#define LONG_INSTRUCTIONS \
  "Lie on your back with the ball under the muscle between your shoulder blade and your " \
  "spine, knees bent and feet flat on the floor. Lift your hips a little and let your " \
  "weight sink onto the ball. Breathe out slowly and roll a hand width up and down, staying " \
  "off the spine itself. Where you find a tender spot, stay on it for three slow breaths, " \
  "then move on. Cross your arms over your chest to open the shoulder blades. Stop at once " \
  "if anything feels sharp, hot, numb or shooting, and rest flat again."

static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"Layout test\",\n"
  "  \"description\": \"The longest words on the player.\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"trigger-point\", \"area\": \"upper-back\", \"side\": \"both\",\n"
  "      \"pressure\": \"medium\", \"tool\": \"ball\", \"duration\": 600,\n"
  "      \"instructions\": \"" LONG_INSTRUCTIONS "\" },\n"
  "    { \"technique\": \"neuromuscular\", \"area\": \"lower-back\", \"duration\": 60 }\n"
  "  ]\n"
  "}\n";

static UnknotApplication *app;
static UnknotFakeClock   *fake_clock;

/* The parts checked, by their template names, and whether they must always be seen. */
static const struct {
  const char *name;
  gboolean    essential;
} parts[] = {
  { "back_view", FALSE },
  { "technique_label", TRUE },
  { "countdown_label", TRUE },
  { "step_progress", TRUE },
  { "area_label", TRUE },
  { "detail_label", FALSE },
  { "instructions_label", FALSE },
  { "caution_label", TRUE },   /* a ball step's cautions, never dropped */
  { "progress_label", TRUE },
  { "total_progress", TRUE },
  { "next_label", TRUE },
};

static GtkWidget *
player_of (UnknotWindow *window)
{
  return test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "player_view");
}

static GtkWidget *
part (UnknotWindow *window,
      const char   *name)
{
  return test_template_child (player_of (window), UNKNOT_TYPE_PLAYER_VIEW, name);
}

/* Where @widget is in @window; FALSE when it is not shown at all. */
static gboolean
bounds (UnknotWindow    *window,
        GtkWidget       *widget,
        graphene_rect_t *rect)
{
  if (!gtk_widget_is_drawable (widget))
    return FALSE;
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), rect));
  return rect->size.width > 0 && rect->size.height > 0;
}

typedef struct {
  UnknotWindow *window;
  int           width;
  int           height;
} Size;

static gboolean
window_has_size (gpointer data)
{
  Size *size = data;

  return gtk_widget_get_width (GTK_WIDGET (size->window)) == size->width
         && gtk_widget_get_height (GTK_WIDGET (size->window)) == size->height;
}

static gboolean
window_is_mapped (gpointer window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0;
}

/* A window on the running routine, laid out and drawn: its inside @width x @height, or with
 * @framed, its outside (the frame a window draws itself without a window manager is outside what
 * it lays out; in full screen it has none). */
static UnknotWindow *
open_window (int      width,
             int      height,
             gboolean framed)
{
  UnknotWindow *window = g_object_ref_sink (unknot_window_new (app));
  Size size = { window, width, height };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_spin_until (window_is_mapped, window, 30000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  if (!framed)
    {
      gtk_window_set_default_size (GTK_WINDOW (window),
                                   2 * width - gtk_widget_get_width (GTK_WIDGET (window)),
                                   2 * height - gtk_widget_get_height (GTK_WIDGET (window)));
      if (!test_spin_until (window_has_size, &size, 30000))
        g_error ("the window is %dx%d inside, not %dx%d",
                 gtk_widget_get_width (GTK_WIDGET (window)),
                 gtk_widget_get_height (GTK_WIDGET (window)), width, height);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  return window;
}

static void
close_window (UnknotWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_spin_for (50);
}

/* No scrolled window in the player, or none with anything to scroll. */
static void
assert_nothing_scrolls (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_is_drawable (widget))
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (widget));

      g_assert_cmpfloat (gtk_adjustment_get_upper (v), <=, gtk_adjustment_get_page_size (v));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    assert_nothing_scrolls (c);
}

static guint n_layouts;
static guint n_size_changes;

static void
on_size_changed (GObject    *label,
                 GParamSpec *pspec,
                 gpointer    data)
{
  n_size_changes++;
}

static void
on_layout (GdkFrameClock *clock,
           gpointer       data)
{
  n_layouts++;
}

/* The player in a window @width x @height (see open_window()): the countdown at least
 * @countdown_share of @reference px high, everything in its place, nothing moved by a pause. */
static void
check_size (int      width,
            int      height,
            gboolean framed,
            double   countdown_share,
            int      reference)
{
  UnknotWindow *window = open_window (width, height, framed);
  int inside_w = gtk_widget_get_width (GTK_WIDGET (window));
  int inside_h = gtk_widget_get_height (GTK_WIDGET (window));
  UnknotPlayerLayout *layout = UNKNOT_PLAYER_LAYOUT (
    gtk_widget_get_layout_manager (player_of (window)));
  graphene_rect_t rect, moved, countdown, controls, before[G_N_ELEMENTS (parts)];
  gboolean shown[G_N_ELEMENTS (parts)];
  GdkFrameClock *frame_clock;
  double bottom = 0;
  gulong handler;

  g_assert_true (bounds (window, part (window, "controls"), &controls));
  g_assert_true (bounds (window, part (window, "countdown_label"), &countdown));
  g_test_message ("%dx%d: countdown %.0f px high (%.1f%% of %d), font %d px; technique %d px, "
                  "instructions %d px%s%s, next %d px; controls from y=%.0f",
                  inside_w, inside_h, countdown.size.height,
                  100 * countdown.size.height / reference, reference,
                  unknot_player_layout_get_font_size (layout, UNKNOT_PLAYER_PART_COUNTDOWN),
                  unknot_player_layout_get_font_size (layout, UNKNOT_PLAYER_PART_TECHNIQUE),
                  unknot_player_layout_get_font_size (layout, UNKNOT_PLAYER_PART_INSTRUCTIONS),
                  unknot_player_layout_get_clamped_lines (layout) > 0 ? ", clamped" : "",
                  bounds (window, part (window, "back_view"), &rect) ? ", figure" : "",
                  unknot_player_layout_get_font_size (layout, UNKNOT_PLAYER_PART_NEXT),
                  controls.origin.y);
  g_assert_cmpfloat (countdown.size.height / reference, >=, countdown_share);

  /* Top to bottom, each part below the one before, all above the controls, inside the window;
   * the essentials always there. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      shown[i] = bounds (window, part (window, parts[i].name), &before[i]);
      if (!shown[i])
        {
          g_test_message ("  %s not shown", parts[i].name);
          g_assert_false (parts[i].essential);
          continue;
        }
      g_test_message ("  %-18s y %4.0f to %4.0f, x %4.0f to %4.0f", parts[i].name,
                      before[i].origin.y, before[i].origin.y + before[i].size.height,
                      before[i].origin.x, before[i].origin.x + before[i].size.width);
      g_assert_cmpfloat (before[i].origin.y, >=, bottom);
      g_assert_cmpfloat (before[i].origin.x, >=, 0);
      g_assert_cmpfloat (before[i].origin.x + before[i].size.width, <=, inside_w);
      bottom = before[i].origin.y + before[i].size.height;
      g_assert_cmpfloat (bottom, <=, controls.origin.y);
    }
  g_assert_cmpfloat (controls.origin.y + controls.size.height, <=, inside_h);
  assert_nothing_scrolls (GTK_WIDGET (window));

  /* Once laid out (a size set during a layout asks for one more), nothing asks for another:
   * the sizes do not feed back into the layout. */
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (frame_clock, "layout", G_CALLBACK (on_layout), NULL);
  test_spin_for (200);
  g_test_message ("  %u layouts after the first frame", n_layouts);
  n_layouts = 0;
  test_spin_for (300);
  g_assert_cmpuint (n_layouts, ==, 0);

  /* A second later the countdown says another time, and the layout runs again: it finds the
   * sizes it chose before, without trying others on the way. */
  {
    const char * const labels[] = { "technique_label", "countdown_label", "area_label",
                                    "detail_label", "instructions_label", "caution_label",
                                    "progress_label", "next_label" };
    g_autofree char *shown_before = g_strdup (gtk_label_get_text (GTK_LABEL (
      part (window, "countdown_label"))));

    n_size_changes = 0;
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        g_signal_connect (part (window, labels[i]), "notify::attributes",
                          G_CALLBACK (on_size_changed), NULL);
        g_signal_connect (part (window, labels[i]), "notify::lines",
                          G_CALLBACK (on_size_changed), NULL);
      }
    n_layouts = 0;
    test_clock_advance (fake_clock, MSEC (1000));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (window, "countdown_label"))), !=,
                     shown_before);
    g_assert_cmpuint (n_layouts, >=, 1);
    g_assert_cmpuint (n_size_changes, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      g_signal_handlers_disconnect_by_func (part (window, labels[i]), on_size_changed, NULL);
  }

  /* Pausing shows "Paused" and moves nothing. */
  g_assert_true (gtk_widget_activate_action (player_of (window), "player.toggle-pause", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_is_drawable (part (window, "state_label")));
  g_assert_true (bounds (window, part (window, "state_label"), &rect));
  for (guint i = 0, first = TRUE; i < G_N_ELEMENTS (parts); i++)
    {
      /* Above the first part, in a row of its own. */
      if (shown[i] && first)
        g_assert_cmpfloat (rect.origin.y + rect.size.height, <=, before[i].origin.y);
      first = first && !shown[i];

      g_assert_cmpint (bounds (window, part (window, parts[i].name), &moved), ==, shown[i]);
      if (shown[i])
        g_assert_true (graphene_rect_equal (&moved, &before[i]));
    }
  g_assert_true (gtk_widget_activate_action (player_of (window), "player.toggle-pause", NULL));
  g_signal_handler_disconnect (frame_clock, handler);

  close_window (window);
}

static void
test_default (void)
{
  check_size (720, 760, FALSE, 0.10, 760);
}

static void
test_phone (void)
{
  check_size (360, 640, FALSE, 0.10, 640);
}

/* The smallest window there is: the instructions cut short, the essentials still there. */
static void
test_smallest (void)
{
  check_size (360, 480, FALSE, 0.08, 480);
}

/* The whole of a full HD screen: a big countdown, words to read from across the room. Without a
 * window manager there is no full screen: the biggest window the screen takes, its frame left
 * over, a little smaller than the full screen's inside, and the countdown measured against the
 * screen's height. */
static void
test_full_hd (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  g_object_unref (monitor);
  if (geometry.width < 1920 || geometry.height < 1080)
    {
      g_test_skip ("the screen is smaller than 1920x1080 (UNKNOT_HEADLESS_SCREEN)");
      return;
    }
  check_size (geometry.width, geometry.height, TRUE, 0.15, 1080);
}

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  UnknotSession *session;
  UnknotWindow *starter;
  int status;

  g_assert_cmpint (g_utf8_strlen (LONG_INSTRUCTIONS, -1), ==, 500);

  tmp_home = test_make_home (test_build_dir (), "home-player-layout-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);

  gtk_test_init (&argc, &argv, NULL);

  fake_clock = test_clock_new ();
  app = test_application_new (UNKNOT_CLOCK (fake_clock));
  g_settings_set_int (unknot_application_get_settings (app), "get-ready", -1);

  /* The routine runs in the application; each window opened on it shows its player. */
  starter = g_object_ref_sink (unknot_window_new (app));
  g_assert_true (unknot_window_start_routine (starter, ROUTINE_ID));
  session = unknot_window_get_session (starter);
  g_assert_nonnull (session);
  gtk_window_destroy (GTK_WINDOW (starter));
  g_object_unref (starter);
  test_clock_advance (fake_clock, MSEC (1500));
  g_assert_cmpint (unknot_session_get_step_index (session), ==, 0);

  g_test_add_func ("/player-layout/default", test_default);
  g_test_add_func ("/player-layout/phone", test_phone);
  g_test_add_func ("/player-layout/smallest", test_smallest);
  g_test_add_func ("/player-layout/full-hd", test_full_hd);

  status = g_test_run ();

  test_application_finish (app, tmp_home);
  g_object_unref (fake_clock);

  return status;
}
