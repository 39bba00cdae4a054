/* test-library-list.c: the library page with thousands of routines
 *
 * Runs the real UnknotApplication and UnknotWindow under Xvfb (tests/headless.sh) on a private
 * home holding N_ROUTINES routines of the user's. Checks:
 * - the page makes row widgets for what is on screen, far fewer than the routines, and scrolling
 *   to the end binds the same widgets to other routines rather than making one per routine;
 * - the two sections: "My Routines" heads the person's routines, "Bundled" the bundled ones, and
 *   a section without routines has no header;
 * - search narrows the rows to the matching routine, and with no match the page says so;
 * - each routine's row has a small figure of the areas it works, the same as its words say, and
 *   a row bound to another routine shows that one's; a screen reader is not told it twice;
 * - activating a row opens that routine;
 * - after a change of language the headers speak it, still with few row widgets;
 * - routines of the person's that arrive after the bundled ones are on screen leave the list at
 *   its top: the "My Routines" header in view.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-library-list"

#include "config.h"

#include "unknot-back-view.h"
#include "unknot-catalogue.h"
#include "unknot-dirs.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-library-page.h"
#include "unknot-routine-page.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define N_ROUTINES 2000
/* The library's list is a grid view of one column: GTK 4.8 makes about as many rows as fill the
 * screen (33 here); its list view would make 200 (GTK_LIST_VIEW_MAX_LIST_ITEMS) however few show. */
#define ROW_BUDGET 60

static char              *tmp_home;
static UnknotApplication *app;

static UnknotWindow *
active_window (void)
{
  return UNKNOT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static UnknotLibraryPage *
library_page (void)
{
  return UNKNOT_LIBRARY_PAGE (test_template_child (GTK_WIDGET (active_window ()),
                                                   UNKNOT_TYPE_WINDOW, "library_page"));
}

static GtkWidget *
library_child (const char *name)
{
  return test_template_child (GTK_WIDGET (library_page ()), UNKNOT_TYPE_LIBRARY_PAGE, name);
}

static GListModel *
list_model (void)
{
  return G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (library_child ("routine_list"))));
}

/* The section headers' texts shown now, in order, one per line. */
static char *
headers_shown (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GListModel *model = list_model ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item))
        g_string_append_printf (text, "%u:%s\n", i,
                                gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
    }
  return g_strdup (text->str);
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

static void
draw (void)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));
  test_spin_for (200);
}

/* How many of the person's routines in the library have their steps let go (all of them, until
 * one is opened: showing, filtering and searching the list asks nothing of the steps). */
static guint
n_released (void)
{
  GListModel *routines = unknot_library_get_routines (unknot_application_get_library (app));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (routines); i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (routines, i);

      n += unknot_routine_get_steps_released (routine);
    }
  return n;
}

static void
test_recycling (void)
{
  UnknotLibraryPage *page = library_page ();
  GtkAdjustment *adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (library_child ("scrolled")));
  g_autoptr(GPtrArray) rows = NULL;
  guint made;

  g_assert_cmpuint (g_list_model_get_n_items (list_model ()), >, N_ROUTINES);
  rows = test_library_rows (GTK_WIDGET (page));
  g_assert_cmpuint (rows->len, >, 3);
  g_assert_cmpuint (rows->len, <, ROW_BUDGET);
  made = unknot_library_page_get_n_rows_made (page);
  g_test_message ("%u rows made for %u items", made, g_list_model_get_n_items (list_model ()));
  g_assert_cmpuint (made, <, ROW_BUDGET);
  g_assert_cmpuint (made, >=, rows->len);

  /* To the end, past the person's routines: the bundled section, on the same row widgets. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  draw ();
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  draw ();
  g_assert_true (has_label (library_child ("routine_list"), "Bundled"));
  g_assert_false (has_label (library_child ("routine_list"), "Routine 0000"));
  g_assert_cmpuint (unknot_library_page_get_n_rows_made (page), <, ROW_BUDGET);
  unknot_library_page_scroll_to_top (page);
  draw ();
  g_assert_true (has_label (library_child ("routine_list"), "Routine 0000"));
}

static void
test_sections (void)
{
  g_autofree char *headers = headers_shown ();
  g_autofree char *expected = g_strdup_printf ("0:own\n%u:bundled\n", N_ROUTINES + 1);

  g_assert_cmpstr (headers, ==, expected);
  g_assert_true (has_label (library_child ("routine_list"), "My Routines"));
}

static void
test_search (void)
{
  GtkEditable *entry = GTK_EDITABLE (library_child ("search_entry"));
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *headers = NULL;

  unknot_library_page_start_search (library_page ());
  gtk_editable_set_text (entry, "Routine 1234");
  test_spin_for (500);   /* the entry's search delay */
  draw ();
  rows = test_library_rows (GTK_WIDGET (library_page ()));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[0]), ==, "Routine 1234");
  g_assert_cmpuint (n_released (), ==, N_ROUTINES);

  /* By a technique's name, which is in the steps. */
  gtk_editable_set_text (entry, "Kneading");
  test_spin_for (500);
  draw ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model ()), >, N_ROUTINES);
  g_assert_cmpuint (n_released (), ==, N_ROUTINES);
  gtk_editable_set_text (entry, "Routine 1234");
  test_spin_for (500);
  draw ();
  /* Only the person's section has a match: only its header. */
  headers = headers_shown ();
  g_assert_cmpstr (headers, ==, "0:own\n");
  g_assert_false (gtk_widget_get_visible (library_child ("no_match")));

  gtk_editable_set_text (entry, "zzzz-nothing");
  test_spin_for (500);
  draw ();
  g_assert_cmpuint (g_list_model_get_n_items (list_model ()), ==, 0);
  g_assert_true (gtk_widget_get_visible (library_child ("no_match")));

  gtk_editable_set_text (entry, "");
  test_spin_for (500);
  draw ();
  g_assert_false (gtk_widget_get_visible (library_child ("no_match")));
  g_assert_cmpuint (g_list_model_get_n_items (list_model ()), >, N_ROUTINES);
}

static GtkWidget *
find_back_view (GtkWidget *widget)
{
  if (UNKNOT_IS_BACK_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_back_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The figure on @name's row, shown by searching for it. */
static GtkWidget *
figure_of (const char *name)
{
  GtkEditable *entry = GTK_EDITABLE (library_child ("search_entry"));
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *figure;

  gtk_editable_set_text (entry, name);
  test_spin_for (500);   /* the entry's search delay */
  draw ();
  rows = test_library_rows (GTK_WIDGET (library_page ()));
  figure = NULL;
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), name) == 0)
      figure = find_back_view (rows->pdata[i]);
  g_assert_nonnull (figure);
  g_assert_true (gtk_widget_get_visible (figure));
  return figure;
}

static void
test_figures (void)
{
  GtkWidget *figure;
  int width, height;

  unknot_library_page_start_search (library_page ());

  figure = figure_of ("Desk break: neck and shoulders");
  g_assert_cmpuint (unknot_back_view_get_areas (UNKNOT_BACK_VIEW (figure)), ==,
                    (1u << UNKNOT_AREA_NECK) | (1u << UNKNOT_AREA_SHOULDERS));
  /* An icon's size beside two lines of words, not the player's drawing. */
  width = gtk_widget_get_width (figure);
  height = gtk_widget_get_height (figure);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (width, <=, 48);
  g_assert_cmpint (height, <=, 64);
  /* The subtitle names the areas: the figure is not read out as well. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (figure)), ==,
                   GTK_ACCESSIBLE_ROLE_PRESENTATION);

  /* The same row widget, bound to another routine, shows that routine's areas. */
  figure = figure_of ("Glutes and hips");
  g_assert_cmpuint (unknot_back_view_get_areas (UNKNOT_BACK_VIEW (figure)), ==,
                    (1u << UNKNOT_AREA_LOWER_BACK) | (1u << UNKNOT_AREA_GLUTES));

  /* A routine of the person's (every one here kneads the neck). */
  figure = figure_of ("Routine 0007");
  g_assert_cmpuint (unknot_back_view_get_areas (UNKNOT_BACK_VIEW (figure)), ==,
                    1u << UNKNOT_AREA_NECK);

  gtk_editable_set_text (GTK_EDITABLE (library_child ("search_entry")), "");
  test_spin_for (500);
  draw ();
}

static void
test_activate (void)
{
  UnknotWindow *window = active_window ();
  g_autoptr(GPtrArray) rows = test_library_rows (GTK_WIDGET (library_page ()));
  GtkWidget *row = NULL;

  for (guint i = 0; i < rows->len && row == NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), "Routine 0002") == 0)
      row = rows->pdata[i];
  g_assert_nonnull (row);
  /* Item 0 is the header, then the person's routines in order of their names. */
  g_signal_emit_by_name (library_child ("routine_list"), "activate", 0u);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "library");
  g_signal_emit_by_name (library_child ("routine_list"), "activate", 3u);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "routine");
  g_assert_cmpstr (unknot_routine_get_display_name (unknot_routine_page_get_routine (
                     UNKNOT_ROUTINE_PAGE (test_template_child (GTK_WIDGET (window),
                                                               UNKNOT_TYPE_WINDOW,
                                                               "routine_page")))),
                   ==, "Routine 0002");
  /* Opened, it has its steps again; the others keep theirs let go. */
  g_assert_cmpuint (n_released (), ==, N_ROUTINES - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "library");
}

static gboolean
window_replaced (gpointer old)
{
  return (gpointer) gtk_application_get_active_window (GTK_APPLICATION (app)) != old;
}

static void
test_language (void)
{
  UnknotWindow *window = active_window ();

  g_settings_set_string (unknot_application_get_settings (app), "language", "de");
  g_assert_true (test_spin_until (window_replaced, window, 30000));
  draw ();
  g_assert_true (has_label (library_child ("routine_list"), "Meine Routinen"));
  g_assert_false (has_label (library_child ("routine_list"), "My Routines"));
  g_assert_cmpuint (unknot_library_page_get_n_rows_made (library_page ()), <, ROW_BUDGET);

  window = active_window ();
  g_settings_set_string (unknot_application_get_settings (app), "language", "en");
  g_assert_true (test_spin_until (window_replaced, window, 30000));
  draw ();
  g_assert_true (has_label (library_child ("routine_list"), "My Routines"));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A page over a library of the bundled routines alone, shown; then the person's routines land
 * (as the load in a worker thread lands them, all at once): the page, not scrolled by anyone,
 * stays at its top, where "My Routines" now is. */
static void
test_late_load (void)
{
  g_autoptr(GError) error = NULL;
  UnknotCatalogue *catalogue = unknot_catalogue_get_default (&error);
  g_autofree char *bundled = unknot_dirs_get_bundled_routines ();
  g_autofree char *user = g_build_filename (tmp_home, "late", NULL);
  g_autoptr(UnknotLibrary) library = NULL;
  UnknotLibraryPage *page;
  GtkWidget *window, *list, *header;
  graphene_rect_t bounds;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir_with_parents (user, 0700), ==, 0);
  library = unknot_library_new (catalogue, bundled, user);
  unknot_library_load (library);
  page = g_object_new (UNKNOT_TYPE_LIBRARY_PAGE, NULL);
  unknot_library_page_set_library (page, library);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  test_spin_for (200);
  list = test_template_child (GTK_WIDGET (page), UNKNOT_TYPE_LIBRARY_PAGE, "routine_list");
  g_assert_true (has_label (list, "Bundled"));

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("late-%02u.json", i);
      g_autofree char *path = g_build_filename (user, name, NULL);
      g_autofree char *json =
        g_strdup_printf ("{ \"format\": 1, \"id\": \"late-%02u\", \"name\": \"Late %02u\",\n"
                         "  \"description\": \"A routine landing late.\",\n"
                         "  \"steps\": [ { \"technique\": \"kneading\", \"area\": \"neck\","
                         " \"duration\": 60 } ] }\n", i, i);

      g_file_set_contents (path, json, -1, &error);
      g_assert_no_error (error);
    }
  unknot_library_load (library);
  gtk_test_widget_wait_for_draw (window);
  test_spin_for (200);
  gtk_test_widget_wait_for_draw (window);

  header = find_label (list, "My Routines");
  g_assert_nonnull (header);
  g_assert_true (gtk_widget_compute_bounds (header, list, &bounds));
  g_test_message ("header at y %g, %g high, list %d high, mapped %d", bounds.origin.y,
                  bounds.size.height, gtk_widget_get_height (list), gtk_widget_get_mapped (header));
  /* A row out of view is not drawn, whatever its bounds say. */
  g_assert_true (gtk_widget_get_mapped (header));
  g_assert_cmpfloat (bounds.size.height, >, 0);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (list));
  g_assert_true (has_label (list, "Late 00"));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  UnknotWindow *window;
  int status;

  tmp_home = test_make_home (g_get_tmp_dir (), "unknot-library-list-XXXXXX");
  for (guint i = 0; i < N_ROUTINES; i++)
    {
      g_autofree char *id = g_strdup_printf ("routine-%04u", i);
      g_autofree char *json =
        g_strdup_printf ("{ \"format\": 1, \"id\": \"%s\", \"name\": \"Routine %04u\",\n"
                         "  \"description\": \"A generated routine.\",\n"
                         "  \"steps\": [ { \"technique\": \"kneading\", \"area\": \"neck\","
                         " \"duration\": 60 } ] }\n", id, i);

      test_write_user_routine (tmp_home, id, json);
    }

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  app = test_application_new (NULL);
  window = unknot_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 700);
  gtk_window_present (GTK_WINDOW (window));
  draw ();

  g_test_add_func ("/library-list/recycling", test_recycling);
  g_test_add_func ("/library-list/sections", test_sections);
  g_test_add_func ("/library-list/search", test_search);
  g_test_add_func ("/library-list/figures", test_figures);
  g_test_add_func ("/library-list/activate", test_activate);
  g_test_add_func ("/library-list/language", test_language);
  g_test_add_func ("/library-list/late-load", test_late_load);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  return status;
}
