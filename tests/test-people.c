/* test-people.c: the library and the editor as a person meets them
 *
 * Runs the real UnknotApplication and UnknotWindow under Xvfb (tests/headless.sh) on a private
 * home holding one broken routine file. Checks:
 * - the broken file is explained in the window by its name and "Step 1" (steps counted from 1),
 *   with neither the file's absolute path nor a JSON path ("steps[0]"), and its Show Details
 *   gives the exact messages;
 * - a wheel notch over the get-ready duration field is stopped before the field sees it while
 *   the field is not focused, and left to it once focused;
 * - the routine page opens at its top, wherever the previous routine's page was scrolled to;
 * - Alt+Left's action goes back from a routine's page to the library;
 * - search finds a routine by a technique's German name with German chosen, and not in English;
 *   the broken file is explained in German then;
 * - a save that fails (a file size limit, standing in for a full disk: it binds root too) says why
 *   in one sentence naming no temporary file and no raw system text, keeps every edit, and its
 *   Save As... writes the edited routine where the person chose;
 * - one word for one thing (Get Ready Time, "No side", a step's kind), and Preferences showing
 *   all its rows without scrolling;
 * - at 360 px the editor's header shows the unsaved mark alone, and the Edit Step window fits in
 *   the main window (with UNKNOT_SCREENSHOT_DIR set, both are saved there as PNG);
 * - a 200-step routine's editor makes fewer than 50 step rows, each showing its own step, the
 *   right ones as it scrolls; a keystroke in its name binds and retitles none; a step moved far
 *   down keeps the keyboard.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-people"

#include "config.h"

#include <string.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>

#include "unknot-editor-step-row.h"
#include "unknot-editor-view.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-library-page.h"
#include "unknot-preferences.h"
#include "unknot-routine-io.h"
#include "unknot-routine-page.h"
#include "unknot-step-row.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define BROKEN_FILE "my-broken-routine"

static char              *tmp_home;
static UnknotApplication *app;
static UnknotWindow      *window;

static UnknotWindow *
active_window (void)
{
  return UNKNOT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static GtkWidget *
library_page (void)
{
  return test_template_child (GTK_WIDGET (active_window ()), UNKNOT_TYPE_WINDOW, "library_page");
}

static GtkWidget *
library_child (const char *name)
{
  return test_template_child (library_page (), UNKNOT_TYPE_LIBRARY_PAGE, name);
}

/* Every label's text under @widget, one per line. */
static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static void
on_details (UnknotLibraryPage *page,
            const char        *name,
            const char        *details,
            char             **out)
{
  *out = g_strdup (details);
}

/* With UNKNOT_SCREENSHOT_DIR set, @widget as drawn, to look at. */
static void
maybe_screenshot (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("UNKNOT_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
test_broken_file (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (tmp_home, "data", APP_ID_BASE, "routines",
                                            BROKEN_FILE ".json", NULL);
  g_autofree char *details = NULL;
  GtkWidget *group = library_child ("problems_group");
  GtkWidget *list = library_child ("problems_list");
  GtkWidget *row;

  g_assert_true (gtk_widget_get_visible (group));
  collect_text (group, text);
  g_test_message ("the window says:\n%s", text->str);
  g_assert_nonnull (strstr (text->str, BROKEN_FILE ".json"));
  /* Each problem in the window's words: fields by their labels, values by the names the window
   * gives them elsewhere, and no JSON type, id or "expected". */
  g_assert_nonnull (strstr (text->str, "Step 1, Duration: written as text; write 90, not “90”"));
  g_assert_nonnull (strstr (text->str, "Step 2, Area: “knees” is not one of Neck, Shoulders, "
                                       "Upper back, Mid back, Lower back, Glutes and hips, "
                                       "Whole back"));
  g_assert_nonnull (strstr (text->str, "Step 2, Tool: not one of No tool, Hands, Massage ball, "
                                       "Foam roller, Massage cane, Heat pack"));
  g_assert_null (strstr (text->str, "whole-back"));
  g_assert_null (strstr (text->str, "expected"));
  g_assert_null (strstr (text->str, "integer"));
  g_assert_null (strstr (text->str, tmp_home));
  g_assert_null (strstr (text->str, "steps["));
  g_assert_null (strstr (text->str, "Step 0"));

  /* One row for the file, with its three actions; folded, so that the routines keep the page,
   * it says how many problems the file has. */
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   BROKEN_FILE ".json");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "4 problems");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  test_spin_for (500);   /* the row's unfolding */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  maybe_screenshot (group, "library-problems.png");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);

  /* Show Details: the exact messages, paths and all, for the person who edits JSON. */
  g_signal_connect (library_page (), "show-details", G_CALLBACK (on_details), &details);
  g_assert_true (gtk_widget_activate_action (library_page (), "library.show-details", "s", path));
  g_signal_handlers_disconnect_by_func (library_page (), on_details, &details);
  g_assert_nonnull (details);
  g_assert_nonnull (strstr (details, "steps[0].duration"));
  g_assert_nonnull (strstr (details, "steps[1].area: unknown value \"knees\"; expected one of "
                                     "\"neck\""));
  g_assert_nonnull (strstr (details, path));
}

static void
test_scroll_leaves_duration (void)
{
  GtkWidget *view;
  GtkSpinButton *spin;
  double before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-routine", NULL));
  view = GTK_WIDGET (unknot_window_get_editor_view (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  spin = GTK_SPIN_BUTTON (test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW,
                                               "preparation_spin"));
  test_spin_for (300);   /* laid out at the window's size */
  gtk_spin_button_set_value (spin, 10);
  gtk_widget_grab_focus (test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, "name_row"));
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                          GTK_WIDGET (spin)));
  before = gtk_spin_button_get_value (spin);

  g_assert_true (test_scroll_over (GTK_WIDGET (spin)));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);

  /* Focused, the wheel is the field's again. */
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  g_assert_false (test_scroll_over (GTK_WIDGET (spin)));

  /* One rule for durations in fields: "1:30", and "1:30" or seconds alone are read. */
  gtk_spin_button_set_value (spin, 90);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "1:30");
  gtk_editable_set_text (GTK_EDITABLE (spin), "2:05");
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 125);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "2:05");
  gtk_editable_set_text (GTK_EDITABLE (spin), "45");
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 45);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0:45");
  gtk_editable_set_text (GTK_EDITABLE (spin), "1:75");   /* not a time: the value stays */
  gtk_spin_button_update (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 45);

  g_assert_true (gtk_widget_activate_action (view, "editor.back", NULL));
  test_spin_for (100);
}

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (unknot_window_get_page (window), name) == 0;
}

/* @page's narrowest is within a 360 px window. */
static void
assert_fits_360 (GtkWidget *page)
{
  int minimum;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("the page needs %d px at least", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

static void
test_routine_page_top (void)
{
  GListModel *routines = unknot_library_get_routines (unknot_application_get_library (app));
  g_autoptr(UnknotRoutine) first = g_list_model_get_item (routines, 0);
  g_autoptr(UnknotRoutine) second = g_list_model_get_item (routines, 1);
  GtkWidget *page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "routine_page");
  GtkScrolledWindow *scrolled =
    GTK_SCROLLED_WINDOW (test_template_child (page, UNKNOT_TYPE_ROUTINE_PAGE, "scrolled"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 400);
  unknot_window_show_routine (window, first);
  g_assert_true (test_spin_until (page_is, (gpointer) "routine", 10000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment) + 100);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);
  assert_fits_360 (page);

  /* Back (Alt+Left), then another routine: at its top. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "library", 10000));
  unknot_window_show_routine (window, second);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
}

/* The step rows the routine's page has made (for what is on screen) and the titles they show. */
static GPtrArray *
step_rows (void)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "routine_page");

  test_collect_rows (test_template_child (page, UNKNOT_TYPE_ROUTINE_PAGE, "step_list"), rows);
  return rows;
}

static gboolean
shows_step_titled (gpointer prefix)
{
  g_autoptr(GPtrArray) rows = step_rows ();

  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (rows->pdata[i]), prefix))
      return TRUE;
  return FALSE;
}

/* A routine of the format's most steps (200), not in the library. */
static UnknotRoutine *
long_routine (void)
{
  g_autoptr(GString) json = g_string_new ("{ \"format\": 1, \"id\": \"long\", \"name\": "
                                          "\"Long\", \"description\": \"Many steps.\", \"steps\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  UnknotRoutine *routine;

  for (guint i = 0; i < UNKNOT_MAX_STEPS; i++)
    g_string_append_printf (json, "%s  { \"technique\": \"kneading\", \"area\": \"shoulders\","
                            " \"duration\": 30, \"instructions\": \"Step %u.\" }",
                            i ? ",\n" : "", i + 1);
  g_string_append (json, "\n] }\n");
  bytes = g_bytes_new (json->str, json->len);
  routine = unknot_routine_load_bytes (bytes, "long.json", unknot_application_get_catalogue (app),
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, 200);
  return routine;
}

/* A routine of the format's most steps: its page makes rows for what is on screen, not one a
 * step, and the rows show the right steps as it scrolls; the introduction scrolls with them. */
static void
test_routine_page_long (void)
{
  g_autoptr(UnknotRoutine) routine = long_routine ();
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "routine_page");
  GtkWidget *list = test_template_child (page, UNKNOT_TYPE_ROUTINE_PAGE, "step_list");
  GtkWidget *start = test_find_button (page, "_Start");

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  unknot_window_show_routine (window, routine);
  g_assert_true (test_spin_until (page_is, (gpointer) "routine", 10000));
  g_assert_true (test_spin_until (shows_step_titled, (gpointer) "1. ", 30000));
  /* The introduction (Start among it) is the list's first row. */
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_is_ancestor (start, list));
  rows = step_rows ();
  g_test_message ("%u step rows made for 200 steps", rows->len);
  g_assert_cmpuint (rows->len, <, 50);
  g_clear_pointer (&rows, g_ptr_array_unref);
  /* Tab reaches Start, in the list's first row, and goes on past it to the steps. */
  {
    gboolean reached = FALSE;

    for (guint i = 0; i < 40 && !reached; i++)
      {
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        reached = gtk_root_get_focus (GTK_ROOT (window)) == start;
      }
    g_assert_true (reached);
    for (guint i = 0; i < 40 && !ADW_IS_ACTION_ROW (gtk_root_get_focus (GTK_ROOT (window))); i++)
      gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
    g_assert_true (UNKNOT_IS_STEP_ROW (gtk_root_get_focus (GTK_ROOT (window))));
  }

  /* Far down: step 150's row shows, still with few rows, and the introduction has waited in the
   * page meanwhile (it is the page's, not a row's). */
  g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", 150));
  g_assert_true (test_spin_until (shows_step_titled, (gpointer) "150. ", 30000));
  rows = step_rows ();
  g_assert_cmpuint (rows->len, <, 50);
  g_assert_true (gtk_widget_is_ancestor (start, page));

  /* Back, and again: at its top, the introduction in the list's first row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "library", 10000));
  unknot_window_show_routine (window, routine);
  g_assert_true (test_spin_until (shows_step_titled, (gpointer) "1. ", 30000));
  g_assert_true (gtk_widget_is_ancestor (start, list));
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (test_template_child (page, UNKNOT_TYPE_ROUTINE_PAGE, "scrolled")))), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "library", 10000));
}

/* The routines the library page shows, in both sections. */
static guint
n_shown (void)
{
  g_autoptr(GPtrArray) rows = test_library_rows (library_page ());

  return rows->len;
}

static gboolean
window_replaced (gpointer old)
{
  return (gpointer) gtk_application_get_active_window (GTK_APPLICATION (app)) != old;
}

/* How many routines have a step of @technique. */
static guint
n_with_technique (const char *technique)
{
  GListModel *routines = unknot_library_get_routines (unknot_application_get_library (app));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (routines); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);
      GListModel *steps = unknot_routine_get_steps (routine);

      for (guint j = 0; j < g_list_model_get_n_items (steps); j++)
        {
          g_autoptr(UnknotStep) step = g_list_model_get_item (steps, j);

          if (g_strcmp0 (unknot_step_get_technique (step), technique) == 0)
            {
              n++;
              break;
            }
        }
    }
  return n;
}

static void
test_search_german (void)
{
  GListModel *routines = unknot_library_get_routines (unknot_application_get_library (app));
  UnknotTechnique *technique =
    unknot_catalogue_lookup (unknot_application_get_catalogue (app), "trigger-point");
  guint expected = n_with_technique ("trigger-point");
  g_autofree char *german = NULL;
  GtkEditable *entry;

  g_assert_nonnull (technique);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, g_list_model_get_n_items (routines));

  g_settings_set_string (unknot_application_get_settings (app), "language", "de");
  g_assert_true (test_spin_until (window_replaced, window, 30000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));
  german = g_strdup (unknot_technique_get_display_name (technique));
  g_test_message ("German: %s", german);
  g_assert_cmpstr (german, !=, "Trigger point pressure");

  /* A 360 px window has room for the library, filters and all, in German's longer words. */
  assert_fits_360 (library_page ());

  /* The broken file's problems in the language chosen now, values named as the window names
   * them in it. */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    collect_text (library_child ("problems_group"), text);
    g_test_message ("the window says:\n%s", text->str);
    g_assert_nonnull (strstr (text->str, "Schritt 1, Dauer: als Text geschrieben; 90 schreiben, "
                                         "nicht „90“"));
    g_assert_nonnull (strstr (text->str, "Schritt 2, Bereich: „knees“ ist keiner der Werte "
                                         "Nacken, "));
  }

  unknot_library_page_start_search (UNKNOT_LIBRARY_PAGE (library_page ()));
  entry = GTK_EDITABLE (library_child ("search_entry"));
  gtk_editable_set_text (entry, german);
  test_spin_for (500);   /* the entry's search delay */
  g_assert_cmpuint (n_shown (), ==, expected);

  gtk_editable_set_text (entry, "zzzz-nothing");
  test_spin_for (500);
  g_assert_cmpuint (n_shown (), ==, 0);
  g_assert_true (gtk_widget_get_visible (library_child ("no_match")));

  /* Back in English, the German word finds nothing. */
  window = active_window ();
  g_settings_set_string (unknot_application_get_settings (app), "language", "en");
  g_assert_true (test_spin_until (window_replaced, window, 30000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));
  unknot_library_page_start_search (UNKNOT_LIBRARY_PAGE (library_page ()));
  entry = GTK_EDITABLE (library_child ("search_entry"));
  gtk_editable_set_text (entry, german);
  test_spin_for (500);
  g_assert_cmpuint (n_shown (), ==, 0);
  gtk_editable_set_text (entry, "Trigger point");
  test_spin_for (500);
  g_assert_cmpuint (n_shown (), ==, expected);
  window = active_window ();

  assert_fits_360 (library_page ());

  /* An area finds the person's own routine and bundled ones, in their two sections. */
  gtk_editable_set_text (entry, "Shoulders");
  test_spin_for (500);
  g_assert_cmpuint (n_shown (), >, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  maybe_screenshot (GTK_WIDGET (window), "library-search.png");
  gtk_editable_set_text (entry, "");
  test_spin_for (500);
}

/* The first shown toplevel of @type (with @heading, for a message dialog: the broken file's
 * details may still be open). */
static GtkWindow *
find_toplevel_full (GType       type,
                    const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel))
          && (heading == NULL
              || g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (toplevel)),
                            heading) == 0))
        return toplevel;
    }
  return NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  return find_toplevel_full (type, NULL);
}

#define SAVE_FAILED "The Routine Could Not Be Saved"

static gboolean
has_save_failed (gpointer data)
{
  return find_toplevel_full (ADW_TYPE_MESSAGE_DIALOG, SAVE_FAILED) != NULL;
}

static gboolean
has_toplevel (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
file_exists (gpointer file)
{
  return g_file_query_exists (file, NULL);
}

static void
test_failed_save (void)
{
  g_autofree char *target_dir = g_build_filename (tmp_home, "elsewhere", NULL);
  g_autofree char *target = g_build_filename (target_dir, "kept.json", NULL);
  g_autoptr(GFile) target_file = g_file_new_for_path (target);
  g_autoptr(GFile) target_folder = g_file_new_for_path (target_dir);
  g_autoptr(UnknotRoutine) loaded = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit, blocked;
  AdwMessageDialog *dialog;
  GtkWindow *chooser;
  const char *body;
  UnknotEditor *editor;
  UnknotRoutine *routine;
  GtkWidget *view;

  window = active_window ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-routine", NULL));
  view = GTK_WIDGET (unknot_window_get_editor_view (window));
  editor = unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view));
  routine = unknot_editor_get_routine (editor);
  unknot_routine_set_name (routine, "Kept through a failed save");
  unknot_editor_add_step (editor, "kneading", -1);
  g_assert_true (unknot_editor_is_valid (editor));

  /* Past the limit a write fails with EFBIG instead of killing the process; only the save runs
   * under it. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  blocked = limit;
  blocked.rlim_cur = 64;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &blocked), ==, 0);
  g_assert_true (gtk_widget_activate_action (view, "editor.save", NULL));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_true (test_spin_until (has_save_failed, NULL, 30000));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel_full (ADW_TYPE_MESSAGE_DIALOG, SAVE_FAILED));
  body = adw_message_dialog_get_body (dialog);
  g_test_message ("the window says: %s", body);
  g_assert_nonnull (strstr (body, "was not saved."));
  g_assert_null (strstr (body, ".json"));
  g_assert_null (strchr (body, '/'));
  g_assert_null (strstr (body, g_strerror (EFBIG)));
  g_assert_true (adw_message_dialog_has_response (dialog, "save-as"));
  g_assert_true (adw_message_dialog_has_response (dialog, "export"));

  /* Every edit kept. */
  g_assert_true (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)) == editor);
  g_assert_true (unknot_editor_get_routine (editor) == routine);
  g_assert_true (unknot_editor_get_modified (editor));
  g_assert_cmpstr (unknot_routine_get_name (routine), ==, "Kept through a failed save");
  g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, 1);

  /* Save As...: a file chooser; the edited routine is written where it says. */
  g_assert_true (g_file_make_directory (target_folder, NULL, NULL));
  adw_message_dialog_response (dialog, "save-as");
  g_assert_true (test_spin_until (has_toplevel, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG),
                                  30000));
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* Typed in the name field as a whole path, as a person may. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), target);
  test_spin_for (300);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  /* The chooser checks the name it was given before it answers. */
  g_assert_true (test_spin_until (file_exists, target_file, 30000));
  loaded = unknot_routine_load_file (target_file, NULL, unknot_application_get_catalogue (app),
                                     NULL, &error);
  g_assert_no_error (error);
  g_assert_true (unknot_routine_equal (loaded, routine));
  g_assert_true (unknot_editor_get_modified (editor));

  unknot_editor_revert (editor);
  g_assert_true (gtk_widget_activate_action (view, "editor.back", NULL));
  test_spin_for (100);
}

/* The row the editor @view shows step @index in (its list makes rows for what is on screen and
 * near it), or NULL. */
static GtkWidget *
find_editor_step_row (GtkWidget *view,
                      guint      index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  test_collect_rows (test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, "steps_list"), rows);
  for (guint i = 0; i < rows->len; i++)
    if (UNKNOT_IS_EDITOR_STEP_ROW (rows->pdata[i])
        && unknot_editor_step_row_get_position (rows->pdata[i]) == (int) index)
      return rows->pdata[i];
  return NULL;
}

static GtkWidget *
editor_step_row (GtkWidget *view,
                 guint      index)
{
  GtkWidget *row = find_editor_step_row (view, index);

  g_assert_nonnull (row);
  return row;
}

/* At 360 px, the Edit Step window fits in the main window. */
static void
test_editor_narrow (void)
{
  GtkWidget *view;
  GtkWindow *step_editor;
  int width, height;

  window = active_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-routine", NULL));
  view = GTK_WIDGET (unknot_window_get_editor_view (window));
  gtk_editable_set_text (GTK_EDITABLE (test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW,
                                                            "name_row")), "My Routine");
  unknot_editor_add_step (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)), "heat", -1);
  unknot_editor_add_step (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)), "kneading",
                          -1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (500);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
  /* The header has no room for "• My Routine / Unsaved changes": the mark alone. */
  {
    GtkWidget *short_title = test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, "short_title");

    g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (gtk_widget_get_parent
                                                                  (short_title)))
                   == short_title);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (short_title)), ==, "•");
  }
  maybe_screenshot (GTK_WIDGET (window), "editor-360.png");

  /* Each step row has one menu for its four actions, not four cramped buttons; it works. */
  {
    GtkWidget *row = editor_step_row (view, 0);
    GtkWidget *squeezer = test_template_child (row, UNKNOT_TYPE_EDITOR_STEP_ROW, "squeezer");
    GtkWidget *menu_button = test_template_child (row, UNKNOT_TYPE_EDITOR_STEP_ROW,
                                                  "menu_button");
    UnknotRoutine *routine = unknot_editor_get_routine (unknot_editor_view_get_editor
                                                          (UNKNOT_EDITOR_VIEW (view)));

    guint n = unknot_routine_get_n_steps (routine);

    g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer)) == menu_button);
    g_assert_true (gtk_widget_activate_action (menu_button, "row.duplicate", NULL));
    g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, n + 1);
    g_assert_true (gtk_widget_activate_action (menu_button, "row.remove", NULL));
    test_spin_for (300);
    g_assert_cmpuint (unknot_routine_get_n_steps (routine), ==, n);
  }

  {
    GtkWidget *row = editor_step_row (view, 0);

    g_assert_true (GTK_IS_LIST_BOX_ROW (row));
    g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  }
  step_editor = unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view));
  g_assert_nonnull (step_editor);
  gtk_window_get_default_size (step_editor, &width, &height);
  g_assert_cmpint (width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (height, <=, gtk_widget_get_height (GTK_WIDGET (window)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (step_editor));
  test_spin_for (500);
  g_test_message ("step window %dx%d in a %dx%d window",
                  gtk_widget_get_width (GTK_WIDGET (step_editor)),
                  gtk_widget_get_height (GTK_WIDGET (step_editor)),
                  gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (step_editor)), <=,
                   gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (step_editor)), <=,
                   gtk_widget_get_height (GTK_WIDGET (window)));
  maybe_screenshot (GTK_WIDGET (step_editor), "step-editor-360.png");

  gtk_window_destroy (step_editor);

  /* Wide, the four buttons again. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (500);
  {
    GtkWidget *row = editor_step_row (view, 0);
    GtkWidget *squeezer = test_template_child (row, UNKNOT_TYPE_EDITOR_STEP_ROW, "squeezer");

    g_assert_true (adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer))
                   != test_template_child (row, UNKNOT_TYPE_EDITOR_STEP_ROW, "menu_button"));
    g_assert_true (gtk_widget_get_mapped (test_template_child (row, UNKNOT_TYPE_EDITOR_STEP_ROW,
                                                               "up_button")));
  }
  unknot_editor_revert (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)));
  g_assert_true (gtk_widget_activate_action (view, "editor.back", NULL));
  test_spin_for (100);
}

/* The editor's step rows made now (for what is on screen and near it). */
static GPtrArray *
editor_step_rows (GtkWidget *view)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *rows = g_ptr_array_new ();

  test_collect_rows (test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, "steps_list"), all);
  for (guint i = 0; i < all->len; i++)
    if (UNKNOT_IS_EDITOR_STEP_ROW (all->pdata[i]))
      g_ptr_array_add (rows, all->pdata[i]);
  return rows;
}

typedef struct {
  GtkWidget  *view;
  guint       index;
  const char *title;   /* what its title starts with */
} RowShown;

static gboolean
editor_shows_row (gpointer data)
{
  RowShown *shown = data;
  GtkWidget *row = find_editor_step_row (shown->view, shown->index);

  return row != NULL && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                          shown->title);
}

static void
count_call (guint *count)
{
  (*count)++;
}

/* A 200-step routine's editor makes rows for what is on screen, not one a step; they show the
 * right steps as it scrolls; a keystroke in the name binds and retitles none of them; a step
 * moved far down keeps the keyboard. */
static void
test_editor_long (void)
{
  g_autoptr(UnknotRoutine) routine = long_routine ();
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *view, *list, *name;
  GtkListItemFactory *factory;
  UnknotRoutine *copy;
  guint binds = 0, retitled = 0;
  gulong handler;
  RowShown first, far;

  window = active_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  unknot_window_show_routine (window, routine);
  g_assert_true (test_spin_until (page_is, (gpointer) "routine", 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-routine", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "editor", 10000));
  view = GTK_WIDGET (unknot_window_get_editor_view (window));
  list = test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, "steps_list");
  name = test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, "name_row");
  copy = unknot_editor_get_routine (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)));
  g_assert_cmpuint (unknot_routine_get_n_steps (copy), ==, 200);

  first = (RowShown) { view, 0, "1. Kneading" };
  g_assert_true (test_spin_until (editor_shows_row, &first, 30000));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  /* The form is the list's first row. */
  g_assert_true (gtk_widget_is_ancestor (name, list));
  rows = editor_step_rows (view);
  g_test_message ("%u editor step rows made for 200 steps", rows->len);
  g_assert_cmpuint (rows->len, <, 50);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      int index = unknot_editor_step_row_get_position (rows->pdata[i]);
      g_autofree char *prefix = g_strdup_printf ("%d. ", index + 1);

      g_assert_cmpint (index, >=, 0);
      g_assert_true (unknot_editor_step_row_get_step (rows->pdata[i])
                     == unknot_routine_get_step (copy, (guint) index));
      g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (rows->pdata[i]), prefix));
      g_signal_connect_swapped (rows->pdata[i], "notify::title", G_CALLBACK (count_call),
                                &retitled);
    }

  /* Tab goes from the name, in the list's first row, on through the form to the steps' rows. */
  unknot_editor_view_focus (UNKNOT_EDITOR_VIEW (view));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), name)
                 || gtk_root_get_focus (GTK_ROOT (window)) == name);
  for (guint i = 0; i < 60 && !UNKNOT_IS_EDITOR_STEP_ROW (gtk_root_get_focus (GTK_ROOT (window)));
       i++)
    gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  g_assert_true (UNKNOT_IS_EDITOR_STEP_ROW (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_cmpint (unknot_editor_step_row_get_position (UNKNOT_EDITOR_STEP_ROW (
                     gtk_root_get_focus (GTK_ROOT (window)))), ==, 0);

  /* A keystroke in the name: no row bound again, none retitled. */
  factory = gtk_grid_view_get_factory (GTK_GRID_VIEW (list));
  handler = g_signal_connect_swapped (factory, "bind", G_CALLBACK (count_call), &binds);
  unknot_editor_view_focus (UNKNOT_EDITOR_VIEW (view));
  {
    int position = -1;

    gtk_editable_insert_text (GTK_EDITABLE (name), "x", 1, &position);
  }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (200);
  g_assert_cmpstr (unknot_routine_get_name (copy), ==, "Longx");
  g_test_message ("a keystroke: %u rows bound, %u retitled", binds, retitled);
  g_assert_cmpuint (binds, <, rows->len);
  g_assert_cmpuint (retitled, ==, 0);
  g_signal_handler_disconnect (factory, handler);
  for (guint i = 0; i < rows->len; i++)
    g_signal_handlers_disconnect_by_func (rows->pdata[i], count_call, &retitled);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Far down: step 151's row shows, still with few rows, and the form waits in the page. */
  g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", 151));
  far = (RowShown) { view, 150, "151. Kneading" };
  g_assert_true (test_spin_until (editor_shows_row, &far, 30000));
  rows = editor_step_rows (view);
  g_assert_cmpuint (rows->len, <, 50);
  g_assert_true (gtk_widget_is_ancestor (name, view));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Its Move Up: the step goes to 150th place, the keyboard with it, on the row now showing it. */
  {
    UnknotStep *step = unknot_routine_get_step (copy, 150);
    GtkWidget *up = test_template_child (find_editor_step_row (view, 150),
                                         UNKNOT_TYPE_EDITOR_STEP_ROW, "up_button");
    GtkWidget *row;

    gtk_widget_grab_focus (up);
    g_signal_emit_by_name (up, "clicked");
    g_assert_true (unknot_routine_get_step (copy, 149) == step);
    row = find_editor_step_row (view, 149);
    g_assert_nonnull (row);
    g_assert_true (unknot_editor_step_row_get_step (UNKNOT_EDITOR_STEP_ROW (row)) == step);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                     "150. Kneading"));
    g_assert_true (gtk_widget_has_focus (test_template_child (row, UNKNOT_TYPE_EDITOR_STEP_ROW,
                                                              "up_button")));
  }

  /* Back to the top: the form in the list's first row again. */
  g_assert_true (gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0));
  g_assert_true (test_spin_until (editor_shows_row, &first, 30000));
  g_assert_true (gtk_widget_is_ancestor (name, list));

  unknot_editor_revert (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)));
  g_assert_true (gtk_widget_activate_action (view, "editor.back", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "routine", 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "library", 10000));
}

/* The first mapped descendant of @widget of @type, depth first. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_get_mapped (child))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* One word for one thing: the get-ready time is "Get Ready Time" in Preferences as in the
 * editor; a step on no one side says "No side" (not "Centre", the spine); a step's kind is a technique or a
 * rest (a stretch is no "Massage"). */
static void
test_one_vocabulary (void)
{
  GtkWidget *preferences = unknot_preferences_new (app, GTK_WINDOW (active_window ()));
  GtkWidget *row = test_template_child (preferences, UNKNOT_TYPE_PREFERENCES, "get_ready_row");

  g_assert_true (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "_Get Ready Time");
  g_assert_cmpstr (unknot_side_get_label (UNKNOT_SIDE_NONE), ==, "No side");
  g_assert_cmpstr (unknot_kind_get_label (UNKNOT_KIND_WORK), ==, "Technique");

  /* Its rows show without scrolling at its own size. */
  gtk_window_present (GTK_WINDOW (preferences));
  gtk_test_widget_wait_for_draw (preferences);
  test_spin_for (500);
  {
    GtkWidget *scrolled = find_descendant (preferences, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment;

    g_assert_nonnull (scrolled);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    g_test_message ("Preferences: %.0f of %.0f px shown",
                    gtk_adjustment_get_page_size (adjustment),
                    gtk_adjustment_get_upper (adjustment));
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=,
                       gtk_adjustment_get_page_size (adjustment));
  }
  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_home = test_make_home (g_get_tmp_dir (), "unknot-people-XXXXXX");
  /* A duration written as text (the first step's), an area the format does not have and a
   * tool given by its place in a list (the second's). */
  test_write_user_routine (tmp_home, BROKEN_FILE,
                           "{ \"format\": 1, \"id\": \"my-broken-routine\", \"name\": \"Broken\",\n"
                           "  \"steps\": [ { \"kind\": \"work\", \"technique\": \"kneading\",\n"
                           "    \"area\": \"neck\", \"duration\": \"90\" },\n"
                           "  { \"technique\": \"kneading\", \"area\": \"knees\", \"tool\": 2,\n"
                           "    \"duration\": 60 } ] }\n");

  /* And one of the person's own that loads, for the "My Routines" section. */
  test_write_user_routine (tmp_home, "my-shoulders",
                           "{ \"format\": 1, \"id\": \"my-shoulders\", \"name\": \"My shoulders "
                           "after work\",\n  \"description\": \"Kneading and stretching for the "
                           "shoulders.\",\n  \"steps\": [ { \"technique\": \"kneading\", "
                           "\"area\": \"shoulders\", \"duration\": 90 },\n"
                           "  { \"technique\": \"stretching\", \"area\": \"shoulders\", "
                           "\"duration\": 60 } ] }\n");

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  app = test_application_new (NULL);
  window = unknot_window_new (app);
  /* Within the screen, at a size the pages lay out at. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_test_add_func ("/people/broken-file", test_broken_file);
  g_test_add_func ("/people/scroll-leaves-duration", test_scroll_leaves_duration);
  g_test_add_func ("/people/routine-page-top", test_routine_page_top);
  g_test_add_func ("/people/routine-page-long", test_routine_page_long);
  g_test_add_func ("/people/search-german", test_search_german);
  g_test_add_func ("/people/failed-save", test_failed_save);
  g_test_add_func ("/people/editor-narrow", test_editor_narrow);
  g_test_add_func ("/people/editor-long", test_editor_long);
  g_test_add_func ("/people/one-vocabulary", test_one_vocabulary);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  return status;
}
