/* test-planner-widget.c: "Plan a Routine" in the window
 *
 * The planner opens from the library (win.plan-routine) at its top; with no area chosen the
 * preview says what to do and Start is off. Areas are checked through their rows' checks (named
 * for the area, their checked state the area's), a side through its choice; the minutes, the
 * tools and how firm through their widgets: the preview's rows follow the composed routine and its
 * total the minutes. Start runs that routine in the player; Save as Mine opens it in the editor
 * as a new routine of the person's; Back returns to the library.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-planner-widget"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-editor.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-planner-page.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

static UnknotApplication *app;

static UnknotWindow *
active_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (UNKNOT_IS_WINDOW (window));
  return UNKNOT_WINDOW (window);
}

static GtkWidget *
page_child (UnknotPlannerPage *page,
            const char        *name)
{
  return test_template_child (GTK_WIDGET (page), UNKNOT_TYPE_PLANNER_PAGE, name);
}

/* The action row titled @title under @widget. */
static AdwActionRow *
find_row (GtkWidget  *widget,
          const char *title)
{
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwActionRow *row = find_row (c, title);

      if (row != NULL)
        return row;
    }
  return NULL;
}

static GtkWidget *
area_check (UnknotPlannerPage *page,
            UnknotArea         area)
{
  AdwActionRow *row = find_row (GTK_WIDGET (page), unknot_area_get_label (area));

  g_assert_nonnull (row);
  g_assert_true (GTK_IS_CHECK_BUTTON (adw_action_row_get_activatable_widget (row)));
  return adw_action_row_get_activatable_widget (row);
}

static GtkWidget *
row_suffix_of_type (AdwActionRow *row,
                    GType         type)
{
  GtkWidget *found = NULL;
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = GTK_WIDGET (row);
  while (n > 0 && found == NULL)
    {
      GtkWidget *w = stack[--n];

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c && n < 64;
           c = gtk_widget_get_next_sibling (c))
        stack[n++] = c;
    }
  return found;
}

static guint
n_preview_rows (UnknotPlannerPage *page)
{
  GtkWidget *steps = page_child (page, "steps");
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (steps); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* The preview shows the composed routine: one row a step, its count and total in words. */
static void
assert_preview_follows (UnknotPlannerPage *page,
                        guint              minutes)
{
  UnknotRoutine *routine = unknot_planner_page_get_routine (page);
  guint n, total;
  g_autofree char *words = NULL;
  g_autofree char *expected = NULL;

  g_assert_nonnull (routine);
  n = unknot_routine_get_n_steps (routine);
  total = unknot_routine_get_total_duration (routine);
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpuint (n_preview_rows (page), ==, n);
  g_assert_cmpint (ABS ((int) total - (int) minutes * 60), <=, 15);
  words = unknot_duration_to_words (total);
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step, %s in all",
                                           "%u steps, %s in all", n), n, words);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "status"))), ==, expected);
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "start_button")));
}

/* The preview is the composer's routine for the page's request, step for step. */
static void
assert_composed (UnknotPlannerPage *page)
{
  UnknotRoutine *shown = unknot_planner_page_get_routine (page);
  g_autoptr(UnknotPlan) plan =
    unknot_planner_compose (unknot_application_get_catalogue (app),
                            unknot_planner_page_get_request (page), NULL, NULL);
  UnknotRoutine *composed;

  g_assert_nonnull (plan);
  composed = unknot_plan_get_routine (plan);
  g_assert_cmpuint (unknot_routine_get_n_steps (shown), ==, unknot_routine_get_n_steps (composed));
  for (guint i = 0; i < unknot_routine_get_n_steps (shown); i++)
    g_assert_true (unknot_step_equal (unknot_routine_get_step (shown, i),
                                      unknot_routine_get_step (composed, i)));
}

static gboolean
routine_uses (UnknotRoutine *routine,
              UnknotTool     tool)
{
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    if (unknot_step_get_tool (unknot_routine_get_step (routine, i)) == tool)
      return TRUE;
  return FALSE;
}

static gboolean
routine_touches (UnknotRoutine *routine,
                 UnknotArea     area,
                 UnknotSide     side)
{
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    {
      UnknotStep *step = unknot_routine_get_step (routine, i);

      if (!unknot_step_is_rest (step) && unknot_step_get_area (step) == area
          && unknot_step_get_side (step) == side)
        return TRUE;
    }
  return FALSE;
}

static UnknotPlannerPage *
open_planner (UnknotWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.plan-routine", NULL));
  test_flush_main_loop ();
  g_assert_cmpstr (unknot_window_get_page (window), ==, "planner");
  return unknot_window_get_planner_page (window);
}

static void
test_preview (void)
{
  UnknotWindow *window = active_window ();
  UnknotPlannerPage *page = open_planner (window);
  GtkWidget *lower = area_check (page, UNKNOT_AREA_LOWER_BACK);
  GtkWidget *shoulders = area_check (page, UNKNOT_AREA_SHOULDERS);
  GtkSpinButton *minutes = GTK_SPIN_BUTTON (page_child (page, "minutes"));
  AdwComboRow *firmness = ADW_COMBO_ROW (page_child (page, "firmness"));
  AdwActionRow *ball_row = find_row (GTK_WIDGET (page), unknot_tool_get_label (UNKNOT_TOOL_BALL));
  AdwActionRow *hands_row = find_row (GTK_WIDGET (page),
                                      unknot_tool_get_label (UNKNOT_TOOL_HANDS));
  GtkDropDown *shoulder_side;
  UnknotRoutine *routine;

  /* Nothing chosen: what to do, not an error. */
  g_assert_null (unknot_planner_page_get_routine (page));
  g_assert_cmpuint (n_preview_rows (page), ==, 0);
  g_assert_false (gtk_widget_has_css_class (page_child (page, "status"), "error"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "status"))), ==,
                   _("Choose where it hurts above, and a routine will be planned for it."));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "start_button")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "save_button")));

  /* Hands are on and stay on. */
  g_assert_nonnull (hands_row);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (row_suffix_of_type (hands_row,
                                                                        GTK_TYPE_SWITCH))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (hands_row)));

  /* An area, by activating its row (as a click or Space on it does). */
  adw_action_row_activate (find_row (GTK_WIDGET (page),
                                   unknot_area_get_label (UNKNOT_AREA_LOWER_BACK)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (lower)));
  g_assert_cmpint (unknot_plan_request_get_area (unknot_planner_page_get_request (page),
                                                 UNKNOT_AREA_LOWER_BACK), ==, UNKNOT_SIDE_BOTH);
  assert_preview_follows (page, 10);
  routine = unknot_planner_page_get_routine (page);
  g_assert_true (routine_touches (routine, UNKNOT_AREA_LOWER_BACK, UNKNOT_SIDE_LEFT)
                 || routine_touches (routine, UNKNOT_AREA_LOWER_BACK, UNKNOT_SIDE_BOTH));
  g_assert_false (routine_touches (routine, UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_LEFT));

  /* A second area, on its right side only. */
  shoulder_side = GTK_DROP_DOWN (row_suffix_of_type (find_row (GTK_WIDGET (page),
                                                               unknot_area_get_label (UNKNOT_AREA_SHOULDERS)),
                                                     GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (shoulder_side);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (shoulder_side)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (shoulders), TRUE);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (shoulder_side)));
  gtk_drop_down_set_selected (shoulder_side, 2);
  g_assert_cmpint (unknot_plan_request_get_area (unknot_planner_page_get_request (page),
                                                 UNKNOT_AREA_SHOULDERS), ==, UNKNOT_SIDE_RIGHT);
  assert_preview_follows (page, 10);
  routine = unknot_planner_page_get_routine (page);
  g_assert_true (routine_touches (routine, UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_RIGHT));

  /* The minutes. */
  gtk_spin_button_set_value (minutes, 20);
  g_assert_cmpuint (unknot_plan_request_get_minutes (unknot_planner_page_get_request (page)), ==,
                    20);
  assert_preview_follows (page, 20);

  /* A tool at hand. */
  g_assert_false (routine_uses (unknot_planner_page_get_routine (page), UNKNOT_TOOL_BALL));
  assert_composed (page);
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ball_row)), TRUE);
  g_assert_true (unknot_plan_request_has_tool (unknot_planner_page_get_request (page),
                                               UNKNOT_TOOL_BALL));
  assert_preview_follows (page, 20);
  assert_composed (page);

  /* Gentle: nothing firm. */
  adw_combo_row_set_selected (firmness, UNKNOT_FIRMNESS_GENTLE);
  g_assert_cmpint (unknot_plan_request_get_firmness (unknot_planner_page_get_request (page)), ==,
                   UNKNOT_FIRMNESS_GENTLE);
  assert_preview_follows (page, 20);
  routine = unknot_planner_page_get_routine (page);
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    g_assert_cmpint (unknot_step_get_pressure (unknot_routine_get_step (routine, i)), !=,
                     UNKNOT_PRESSURE_FIRM);

  /* Unchecked again, the area leaves the request. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (shoulders), FALSE);
  g_assert_cmpint (unknot_plan_request_get_area (unknot_planner_page_get_request (page),
                                                 UNKNOT_AREA_SHOULDERS), ==, UNKNOT_SIDE_NONE);
  g_assert_false (routine_touches (unknot_planner_page_get_routine (page),
                                   UNKNOT_AREA_SHOULDERS, UNKNOT_SIDE_RIGHT));

  /* Back (the window's, as Alt+Left and Escape) goes to the library. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "library");
}

/* The area checks are named for their areas, their checked state the area's. */
static void
test_accessible (void)
{
  UnknotPlannerPage *page = open_planner (active_window ());

  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    {
      GtkWidget *check = area_check (page, area);

      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (check)), ==,
                       GTK_ACCESSIBLE_ROLE_CHECKBOX);
      gtk_test_accessible_assert_property (check, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           unknot_area_get_label (area));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_test_accessible_assert_state (check, GTK_ACCESSIBLE_STATE_CHECKED,
                                        GTK_ACCESSIBLE_TRISTATE_TRUE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
      gtk_test_accessible_assert_state (check, GTK_ACCESSIBLE_STATE_CHECKED,
                                        GTK_ACCESSIBLE_TRISTATE_FALSE);
    }
  gtk_widget_activate_action (GTK_WIDGET (active_window ()), "win.go-back", NULL);
}

static void
test_save_as_mine (void)
{
  UnknotWindow *window = active_window ();
  UnknotPlannerPage *page = open_planner (window);
  UnknotRoutine *planned, *edited;
  UnknotEditor *editor;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_NECK)), TRUE);
  planned = unknot_planner_page_get_routine (page);
  g_assert_nonnull (planned);
  gtk_widget_activate (page_child (page, "save_button"));
  test_flush_main_loop ();
  g_assert_cmpstr (unknot_window_get_page (window), ==, "editor");
  editor = unknot_editor_view_get_editor (unknot_window_get_editor_view (window));
  g_assert_true (unknot_editor_is_new (editor));
  g_assert_true (unknot_editor_get_modified (editor));
  edited = unknot_editor_get_routine (editor);
  g_assert_false (unknot_routine_get_bundled (edited));
  g_assert_cmpuint (unknot_routine_get_n_steps (edited), ==, unknot_routine_get_n_steps (planned));
  for (guint i = 0; i < unknot_routine_get_n_steps (edited); i++)
    g_assert_true (unknot_step_equal (unknot_routine_get_step (edited, i),
                                      unknot_routine_get_step (planned, i)));
  unknot_editor_view_leave (unknot_window_get_editor_view (window));
  test_flush_main_loop ();
}

static gboolean
on_player (gpointer window)
{
  return g_strcmp0 (unknot_window_get_page (window), "player") == 0;
}

static void
test_start (void)
{
  UnknotWindow *window = active_window ();
  UnknotPlannerPage *page = open_planner (window);
  UnknotSession *session;
  UnknotRoutine *planned;

  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_MID_BACK)), TRUE);
  planned = unknot_planner_page_get_routine (page);
  g_assert_nonnull (planned);
  gtk_widget_activate (page_child (page, "start_button"));
  if (!test_spin_until (on_player, window, 30000))
    g_error ("Start did not open the player");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  session = unknot_window_get_session (window);
  g_assert_nonnull (session);
  g_assert_true (unknot_session_get_routine (session) == planned);
  unknot_session_stop (session);
  test_flush_main_loop ();
}

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  int status;

  tmp_home = test_make_home (test_build_dir (), "home-planner-XXXXXX");

  /* GTK's test accessibility backend, so the accessible names and states can be asserted. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  app = test_application_new (NULL);
  g_application_activate (G_APPLICATION (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));

  g_test_add_func ("/planner/preview", test_preview);
  g_test_add_func ("/planner/accessible", test_accessible);
  g_test_add_func ("/planner/save-as-mine", test_save_as_mine);
  g_test_add_func ("/planner/start", test_start);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  return status;
}
