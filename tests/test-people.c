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
 * - search finds a routine by a technique's German name with German chosen, and not in English.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-people"

#include "config.h"

#include <string.h>

#include "unknot-editor-view.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-library-page.h"
#include "unknot-routine-page.h"
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
  g_assert_nonnull (strstr (text->str, "Step 1, Duration: "));
  g_assert_null (strstr (text->str, tmp_home));
  g_assert_null (strstr (text->str, "steps["));
  g_assert_null (strstr (text->str, "Step 0"));

  /* One row for the file, with its three actions. */
  row = gtk_widget_get_first_child (list);
  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));

  /* Show Details: the exact messages, paths and all, for the person who edits JSON. */
  g_signal_connect (library_page (), "show-details", G_CALLBACK (on_details), &details);
  g_assert_true (gtk_widget_activate_action (library_page (), "library.show-details", "s", path));
  g_signal_handlers_disconnect_by_func (library_page (), on_details, &details);
  g_assert_nonnull (details);
  g_assert_nonnull (strstr (details, "steps[0].duration"));
  g_assert_nonnull (strstr (details, path));
}

/* A wheel notch over @widget, as GTK delivers it: to the capture-phase scroll controllers first.
 * Returns whether one of them stopped it (then the widget's own never sees it). */
static gboolean
scroll_over (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean stopped = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !stopped; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &stopped);
    }
  test_flush_main_loop ();
  return stopped;
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

  g_assert_true (scroll_over (GTK_WIDGET (spin)));
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, before);

  /* Focused, the wheel is the field's again. */
  gtk_widget_grab_focus (GTK_WIDGET (spin));
  g_assert_false (scroll_over (GTK_WIDGET (spin)));

  g_assert_true (gtk_widget_activate_action (view, "editor.back", NULL));
  test_spin_for (100);
}

static gboolean
page_is (gpointer name)
{
  return g_strcmp0 (unknot_window_get_page (window), name) == 0;
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

  /* Back (Alt+Left), then another routine: at its top. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_true (test_spin_until (page_is, (gpointer) "library", 10000));
  unknot_window_show_routine (window, second);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  test_spin_for (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
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
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_home = test_make_home (g_get_tmp_dir (), "unknot-people-XXXXXX");
  /* A duration written as text: the first step's. */
  test_write_user_routine (tmp_home, BROKEN_FILE,
                           "{ \"format\": 1, \"id\": \"my-broken-routine\", \"name\": \"Broken\",\n"
                           "  \"steps\": [ { \"kind\": \"work\", \"technique\": \"kneading\",\n"
                           "    \"area\": \"neck\", \"duration\": \"90\" } ] }\n");

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
  g_test_add_func ("/people/search-german", test_search_german);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  return status;
}
