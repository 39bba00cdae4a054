/* test-planner-widget.c: "Plan a Routine" in the window
 *
 * The planner opens from the library (win.plan-routine) at its top; with no area chosen the
 * preview says what to do and Start is off. Areas are checked through their rows' checks (named
 * for the area, their checked state the area's), a side through its choice; the minutes, the
 * tools and how firm through their widgets: the preview's rows follow the composed routine and its
 * total the minutes. Start runs that routine in the player; Save as Mine opens it in the editor
 * as a new routine of the person's; Back returns to the library.
 *
 * How firm shows the request's default (Medium) and the plan follows a change. Areas are toggles
 * on the drawing of the back: the toggle lies where its area is drawn (a click there picks it),
 * Tab reaches it and activating it (as a click, Space or Enter do) changes the request, the list
 * and the preview; each is a check box named for its area and side. The total and Start are in
 * the window, measured, at 720x760 and at 360x640. The library's Plan a Routine button opens
 * the planner.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-planner-widget"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-back-view.h"
#include "unknot-editor.h"
#include "unknot-help-window.h"
#include "unknot-i18n.h"
#include "unknot-library-page.h"
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
  /* A time in a sentence: "10 min" (README, "Words"). */
  words = unknot_duration_to_short (total);
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

/* Any work on @area, on whichever side. */
static gboolean
routine_works_on (UnknotRoutine *routine,
                  UnknotArea     area)
{
  for (UnknotSide side = UNKNOT_SIDE_NONE; side <= UNKNOT_SIDE_BOTH; side++)
    if (routine_touches (routine, area, side))
      return TRUE;
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

/* A wheel crossing the minutes while the page scrolls leaves them as they are; focused, the
 * wheel is theirs. */
static void
test_scroll_leaves_minutes (void)
{
  UnknotWindow *window = active_window ();
  UnknotPlannerPage *page = open_planner (window);
  GtkSpinButton *minutes = GTK_SPIN_BUTTON (page_child (page, "minutes"));
  double before;

  gtk_widget_grab_focus (page_child (page, "start_button"));
  gtk_spin_button_set_value (minutes, 15);
  before = gtk_spin_button_get_value (minutes);
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                          GTK_WIDGET (minutes)));
  g_assert_true (test_scroll_over (GTK_WIDGET (minutes)));
  g_assert_cmpfloat (gtk_spin_button_get_value (minutes), ==, before);

  gtk_widget_grab_focus (GTK_WIDGET (minutes));
  g_assert_false (test_scroll_over (GTK_WIDGET (minutes)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL));
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

static gboolean
on_editor (gpointer window)
{
  return g_strcmp0 (unknot_window_get_page (window), "editor") == 0;
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
  /* As Space or Enter: the button shows pressed a moment, then is clicked. */
  g_assert_true (gtk_widget_activate (page_child (page, "save_button")));
  if (!test_spin_until (on_editor, window, 30000))
    g_error ("Save as Mine did not open the editor");
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

/* How firm shows what the plan uses: the request's default at first, then the one chosen. */
static void
test_firmness (void)
{
  UnknotPlannerPage *page = g_object_ref_sink (g_object_new (UNKNOT_TYPE_PLANNER_PAGE, NULL));
  AdwComboRow *firmness = ADW_COMBO_ROW (page_child (page, "firmness"));
  g_autoptr(UnknotPlanRequest) fresh = unknot_plan_request_new ();
  UnknotRoutine *routine;
  gboolean firm = FALSE;

  unknot_planner_page_set_context (page, unknot_application_get_catalogue (app), NULL);
  g_assert_cmpint (unknot_plan_request_get_firmness (fresh), ==, UNKNOT_FIRMNESS_MEDIUM);
  g_assert_cmpuint (adw_combo_row_get_selected (firmness), ==, UNKNOT_FIRMNESS_MEDIUM);
  g_assert_cmpint (unknot_plan_request_get_firmness (unknot_planner_page_get_request (page)), ==,
                   UNKNOT_FIRMNESS_MEDIUM);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (page_child (page, "minutes"))),
                   ==, unknot_plan_request_get_minutes (fresh));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_LOWER_BACK)), TRUE);
  assert_composed (page);

  /* Firm: the request and the plan follow (firm pressure somewhere on the lower back). */
  adw_combo_row_set_selected (firmness, UNKNOT_FIRMNESS_FIRM);
  g_assert_cmpint (unknot_plan_request_get_firmness (unknot_planner_page_get_request (page)), ==,
                   UNKNOT_FIRMNESS_FIRM);
  assert_composed (page);
  routine = unknot_planner_page_get_routine (page);
  for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
    firm |= unknot_step_get_pressure (unknot_routine_get_step (routine, i)) == UNKNOT_PRESSURE_FIRM;
  g_assert_true (firm);

  /* The preview opens with the whole safety notice, its red flags among it; its button opens
   * the help. */
  {
    g_autofree char *notice = unknot_help_window_dup_safety_text ();
    const char *shown = gtk_label_get_text (GTK_LABEL (page_child (page, "safety")));
    const char *flags[] = { "numbness, tingling or weakness in an arm", "dizzy",
                            "osteoporosis", "blood thinners", "pregnant", "history of cancer",
                            "weight loss", "worse at night or at rest",
                            "numbness between the legs" };

    g_assert_cmpstr (shown, ==, notice);
    for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
      g_assert_nonnull (strstr (shown, flags[i]));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (page_child (page,
                                                                                 "safety_button"))),
                     ==, "app.help");
  }
  g_object_unref (page);
}

/* The centre of @widget in @ancestor's coordinates. */
static void
centre_in (GtkWidget        *widget,
           GtkWidget        *ancestor,
           graphene_point_t *point)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_compute_bounds (widget, ancestor, &rect));
  g_assert_cmpfloat (rect.size.width, >=, 12);
  g_assert_cmpfloat (rect.size.height, >=, 12);
  graphene_rect_get_center (&rect, point);
}

static const char *
status_text (UnknotPlannerPage *page)
{
  return gtk_label_get_text (GTK_LABEL (page_child (page, "status")));
}

/* Every area has its toggles on the drawing, where the area is: a click at the centre of the
 * toggle lands on it, inside the drawing, and no two toggles share a place. */
static void
test_drawing_toggles (void)
{
  UnknotWindow *window = active_window ();
  UnknotPlannerPage *page = open_planner (window);
  UnknotBackView *back = UNKNOT_BACK_VIEW (page_child (page, "back_view"));
  static const UnknotSide sides[] = { UNKNOT_SIDE_LEFT, UNKNOT_SIDE_RIGHT, UNKNOT_SIDE_BOTH };

  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    {
      guint n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
        {
          GtkWidget *toggle = unknot_back_view_get_toggle (back, area, sides[i]);
          graphene_point_t centre;
          UnknotSide chosen;
          g_autofree char *name = NULL;

          if (toggle == NULL)
            continue;
          n++;
          centre_in (toggle, GTK_WIDGET (back), &centre);
          g_assert_true (gtk_widget_pick (GTK_WIDGET (back), centre.x, centre.y,
                                          GTK_PICK_DEFAULT) == toggle);
          g_assert_true (gtk_widget_get_focusable (toggle) || gtk_widget_get_can_focus (toggle));
          g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (toggle)), ==,
                           GTK_ACCESSIBLE_ROLE_CHECKBOX);
          name = sides[i] == UNKNOT_SIDE_BOTH
                 ? g_strdup (unknot_area_get_label (area))
                 : g_strdup_printf (C_("area and side", "%s, %s"), unknot_area_get_label (area),
                                    unknot_side_get_label (sides[i]));
          gtk_test_accessible_assert_property (toggle, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
          /* Checked is chosen, as the request has it (earlier tests chose some areas). */
          chosen = unknot_plan_request_get_area (unknot_planner_page_get_request (page), area);
          g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)), ==,
                           chosen == UNKNOT_SIDE_BOTH || chosen == sides[i]);
          gtk_test_accessible_assert_state (toggle, GTK_ACCESSIBLE_STATE_CHECKED,
                                            gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle))
                                            ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                            : GTK_ACCESSIBLE_TRISTATE_FALSE);
        }
      /* Left and right where the planner's request has sides, one toggle elsewhere. */
      g_assert_cmpuint (n, ==, unknot_plan_request_area_has_sides (area) ? 2 : 1);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
}

static gboolean
toggle_is_active (gpointer toggle)
{
  return gtk_toggle_button_get_active (toggle);
}

/* A toggle on the drawing, clicked and by the keyboard: the request, the list, the drawing's
 * state, the accessible checked state and the preview follow. */
static void
test_drawing_choose (void)
{
  UnknotWindow *window = active_window ();
  UnknotPlannerPage *page = open_planner (window);
  UnknotBackView *back = UNKNOT_BACK_VIEW (page_child (page, "back_view"));
  const UnknotPlanRequest *request = unknot_planner_page_get_request (page);
  GtkWidget *glutes_left = unknot_back_view_get_toggle (back, UNKNOT_AREA_GLUTES, UNKNOT_SIDE_LEFT);
  GtkWidget *glutes_right = unknot_back_view_get_toggle (back, UNKNOT_AREA_GLUTES,
                                                         UNKNOT_SIDE_RIGHT);
  GtkWidget *neck = unknot_back_view_get_toggle (back, UNKNOT_AREA_NECK, UNKNOT_SIDE_BOTH);
  GtkWidget *first;
  g_autofree char *before = NULL;
  GtkDropDown *side;

  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, area)), FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (unknot_planner_page_get_routine (page));

  /* A click on the left half of the glutes: the gesture's "clicked". */
  g_signal_emit_by_name (glutes_left, "clicked");
  g_assert_cmpint (unknot_plan_request_get_area (request, UNKNOT_AREA_GLUTES), ==,
                   UNKNOT_SIDE_LEFT);
  g_assert_cmpint (unknot_back_view_get_chosen (back, UNKNOT_AREA_GLUTES), ==, UNKNOT_SIDE_LEFT);
  gtk_test_accessible_assert_state (glutes_left, GTK_ACCESSIBLE_STATE_CHECKED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (area_check (page,
                                                                           UNKNOT_AREA_GLUTES))));
  side = GTK_DROP_DOWN (row_suffix_of_type (find_row (GTK_WIDGET (page),
                                                      unknot_area_get_label (UNKNOT_AREA_GLUTES)),
                                            GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (gtk_drop_down_get_selected (side), ==, 0);
  assert_preview_follows (page, unknot_plan_request_get_minutes (request));
  assert_composed (page);
  g_assert_true (routine_works_on (unknot_planner_page_get_routine (page), UNKNOT_AREA_GLUTES));

  /* The right half too: both sides. */
  g_signal_emit_by_name (glutes_right, "clicked");
  g_assert_cmpint (unknot_plan_request_get_area (request, UNKNOT_AREA_GLUTES), ==,
                   UNKNOT_SIDE_BOTH);
  g_assert_cmpuint (gtk_drop_down_get_selected (side), ==, 1);
  assert_composed (page);

  /* The keyboard: Tab into the drawing lands on its first toggle (the neck, at the top); activating the focused one
   * (Space and Enter do) toggles it; Tab goes on to another toggle of the drawing. */
  before = g_strdup (status_text (page));
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (back), GTK_DIR_TAB_FORWARD));
  first = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (first == neck);
  /* Space and Enter activate a button: it shows pressed a moment, then is clicked. */
  g_assert_true (gtk_widget_activate (neck));
  if (!test_spin_until (toggle_is_active, neck, 30000))
    g_error ("activating the neck's toggle did not toggle it");
  g_assert_cmpint (unknot_plan_request_get_area (request, UNKNOT_AREA_NECK), ==, UNKNOT_SIDE_BOTH);
  gtk_test_accessible_assert_state (neck, GTK_ACCESSIBLE_STATE_CHECKED,
                                    GTK_ACCESSIBLE_TRISTATE_TRUE);
  assert_composed (page);
  g_assert_true (routine_works_on (unknot_planner_page_get_routine (page), UNKNOT_AREA_NECK));
  g_assert_cmpstr (status_text (page), !=, before);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (back), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != neck);
  g_assert_true (gtk_widget_get_parent (gtk_root_get_focus (GTK_ROOT (window)))
                 == GTK_WIDGET (back));
  /* An arrow down from the neck goes to a toggle of the drawing below it. */
  gtk_root_set_focus (GTK_ROOT (window), neck);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (back), GTK_DIR_DOWN));
  g_assert_true (gtk_widget_get_parent (gtk_root_get_focus (GTK_ROOT (window)))
                 == GTK_WIDGET (back));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) != neck);

  /* The list's change shows on the drawing: the glutes off from their row. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_GLUTES)), FALSE);
  g_assert_cmpint (unknot_back_view_get_chosen (back, UNKNOT_AREA_GLUTES), ==, UNKNOT_SIDE_NONE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (glutes_left)));
  gtk_test_accessible_assert_state (glutes_left, GTK_ACCESSIBLE_STATE_CHECKED,
                                    GTK_ACCESSIBLE_TRISTATE_FALSE);
  g_assert_false (routine_works_on (unknot_planner_page_get_routine (page), UNKNOT_AREA_GLUTES));
  assert_composed (page);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_NECK)), FALSE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (neck)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
}

typedef struct {
  GtkWidget *window;
  int        width;
  int        height;
} Size;

static gboolean
window_has_size (gpointer data)
{
  Size *size = data;

  return gtk_widget_get_width (size->window) == size->width
         && gtk_widget_get_height (size->window) == size->height;
}

static gboolean
window_is_mapped (gpointer window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 0;
}

/* @widget drawn and wholly inside @window. */
static void
assert_in_window (GtkWidget  *widget,
                  GtkWidget  *window,
                  const char *what)
{
  graphene_rect_t rect;

  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_true (gtk_widget_compute_bounds (widget, window, &rect));
  g_test_message ("%s at %.0f,%.0f %.0fx%.0f in %dx%d", what, rect.origin.x, rect.origin.y,
                  rect.size.width, rect.size.height, gtk_widget_get_width (window),
                  gtk_widget_get_height (window));
  g_assert_cmpfloat (rect.size.width, >, 0);
  g_assert_cmpfloat (rect.size.height, >, 0);
  g_assert_cmpfloat (rect.origin.x, >=, 0);
  g_assert_cmpfloat (rect.origin.y, >=, 0);
  g_assert_cmpfloat (rect.origin.x + rect.size.width, <=, gtk_widget_get_width (window));
  g_assert_cmpfloat (rect.origin.y + rect.size.height, <=, gtk_widget_get_height (window));
}

/* The total and Start in sight without scrolling, at the page's top, with areas chosen (a
 * longer preview): a window @width x @height inside. */
static void
assert_bar_in_sight (int width,
                     int height)
{
  GtkWidget *window = GTK_WIDGET (g_object_ref_sink (unknot_window_new (app)));
  Size size = { window, width, height };
  UnknotPlannerPage *page;

  /* The planner before the window shows: the library is wider than 360 px at least (its three
   * filters), and a window does not shrink when its page changes. */
  page = open_planner (UNKNOT_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (test_spin_until (window_is_mapped, window, 30000));
  gtk_test_widget_wait_for_draw (window);
  /* Without a window manager the frame is outside what the window lays out: ask for more. */
  gtk_window_set_default_size (GTK_WINDOW (window), 2 * width - gtk_widget_get_width (window),
                               2 * height - gtk_widget_get_height (window));
  if (!test_spin_until (window_has_size, &size, 30000))
    g_error ("the window is %dx%d inside, not %dx%d", gtk_widget_get_width (window),
             gtk_widget_get_height (window), width, height);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_SHOULDERS)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (area_check (page, UNKNOT_AREA_LOWER_BACK)), TRUE);
  assert_preview_follows (page, unknot_plan_request_get_minutes (unknot_planner_page_get_request (page)));
  gtk_test_widget_wait_for_draw (window);
  assert_in_window (page_child (page, "status"), window, "the total");
  assert_in_window (page_child (page, "start_button"), window, "Start");
  assert_in_window (page_child (page, "save_button"), window, "Save as Mine");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_flush_main_loop ();
}

static void
test_in_sight (void)
{
  assert_bar_in_sight (720, 760);
  assert_bar_in_sight (360, 640);
}

static gboolean
on_planner (gpointer window)
{
  return g_strcmp0 (unknot_window_get_page (window), "planner") == 0;
}

/* The button labelled @label under @widget. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The library's own button, not only the menu's item, opens the planner. */
static void
test_library_button (void)
{
  UnknotWindow *window = active_window ();
  GtkWidget *button = NULL;

  g_assert_cmpstr (unknot_window_get_page (window), ==, "library");
  button = find_button (test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW,
                                            "library_page"),
                       _("_Plan a Routine…"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Plan a Routine…"));
  /* As Space or Enter on it, or a click (its "clicked" comes a moment after). */
  g_assert_true (gtk_widget_activate (button));
  if (!test_spin_until (on_planner, window, 30000))
    g_error ("the library's Plan a Routine button did not open the planner");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.go-back", NULL);
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
  g_test_add_func ("/planner/firmness", test_firmness);
  g_test_add_func ("/planner/drawing-toggles", test_drawing_toggles);
  g_test_add_func ("/planner/drawing-choose", test_drawing_choose);
  g_test_add_func ("/planner/in-sight", test_in_sight);
  g_test_add_func ("/planner/scroll-leaves-minutes", test_scroll_leaves_minutes);
  g_test_add_func ("/planner/library-button", test_library_button);
  g_test_add_func ("/planner/start", test_start);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  return status;
}
