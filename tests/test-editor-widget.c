/* test-editor-widget.c: the routine editor, as a user works it
 *
 * Runs the real UnknotApplication and UnknotWindow under Xvfb (tests/headless.sh) on a private
 * home. A new routine is made through the window's actions and the editor's own: a step added
 * through the technique chooser, its duration changed in the step editor's minutes and seconds,
 * a second step, the second moved up by its keyboard action, the routine saved with
 * "editor.save". Then the library holds it with the new total, the file on disk says the same,
 * and the library page's row shows the new total text. On the way: the loader's message beside
 * a field that breaks a rule, Save refused while it does, a removed step put back by Undo, a
 * drop on a row, the rows' Move Up, Move Down, Duplicate Step and Remove Step buttons and where
 * they leave the keyboard, the unsaved mark, Preview Cue opening the player and leaving closing it. Then:
 * a file changed on disk under an open editor (followed without edits, asked about with them);
 * a new window (as after a change of language) taking over an editor with unsaved edits and the
 * step being edited; closing the window with unsaved edits asks; rest steps; import refused
 * with every problem, import renamed on a clash, duplicate and delete.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-editor-widget"

#include "config.h"

#include "unknot-i18n.h"
#include "unknot-editor-step-row.h"
#include "unknot-editor-view.h"
#include "unknot-labels.h"
#include "unknot-routine-io.h"
#include "unknot-step-editor.h"
#include "unknot-technique-chooser.h"
#include "unknot-ui-test-util.h"
#include "unknot-library-page.h"
#include "unknot-window.h"

#define ROUTINE_NAME "Widget editor test"

static char              *tmp_home;
static UnknotApplication *app;
static UnknotWindow      *window;
static GtkWidget         *view;
static char              *saved_id;

/* Widgets */

static GtkWidget *
view_child (const char *name)
{
  return test_template_child (view, UNKNOT_TYPE_EDITOR_VIEW, name);
}

static GtkWidget *
step_editor_child (GtkWidget  *step_editor,
                   const char *name)
{
  return test_template_child (step_editor, UNKNOT_TYPE_STEP_EDITOR, name);
}

static UnknotEditor *
editor (void)
{
  UnknotEditor *e = unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view));

  g_assert_nonnull (e);
  return e;
}

static UnknotRoutine *
working_copy (void)
{
  return unknot_editor_get_routine (editor ());
}

static void
activate (GtkWidget  *widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (widget, action, NULL));
}

static UnknotCuePlayer *
player (void)
{
  return unknot_cue_scheduler_get_player (unknot_application_get_scheduler (app));
}

/* The row showing step @index (the list makes rows for what is on screen and near it). */
static GtkWidget *
step_row (guint index)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *row = NULL;

  test_collect_rows (view_child ("steps_list"), rows);
  for (guint i = 0; row == NULL && i < rows->len; i++)
    if (UNKNOT_IS_EDITOR_STEP_ROW (rows->pdata[i])
        && unknot_editor_step_row_get_position (rows->pdata[i]) == (int) index)
      row = rows->pdata[i];
  g_assert_nonnull (row);
  return row;
}

static const char *
row_title (GtkWidget *row)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* A part of step @index's row: "handle", "up_button", "down_button", "duplicate_button"... */
static GtkWidget *
row_child (guint       index,
           const char *name)
{
  g_assert_true (UNKNOT_IS_EDITOR_STEP_ROW (step_row (index)));
  return test_template_child (step_row (index), UNKNOT_TYPE_EDITOR_STEP_ROW, name);
}

/* As an assistive technology presses a button: "clicked", without giving it the focus. */
static void
press_row_button (guint       index,
                  const char *name)
{
  GtkWidget *button = row_child (index, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
step_technique (guint index)
{
  return unknot_step_get_technique (unknot_routine_get_step (working_copy (), index));
}

static gboolean
window_is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Adds a step through the technique chooser (the row of @technique, or "Rest" for NULL) and
 * returns the step editor that opens for it. */
static GtkWidget *
add_step (const char *technique)
{
  GtkWindow *chooser;
  GtkWidget *list;
  GtkWindow *step_editor;

  activate (view, "editor.add-step");
  chooser = unknot_editor_view_get_chooser (UNKNOT_EDITOR_VIEW (view));
  g_assert_true (UNKNOT_IS_TECHNIQUE_CHOOSER (chooser));
  g_assert_true (gtk_window_get_modal (chooser));

  list = test_template_child (GTK_WIDGET (chooser), UNKNOT_TYPE_TECHNIQUE_CHOOSER, "list");
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (!GTK_IS_LIST_BOX_ROW (row)
          || g_strcmp0 (g_object_get_data (G_OBJECT (row), "technique"), technique) != 0)
        continue;
      g_signal_emit_by_name (list, "row-activated", row);
      break;
    }

  g_assert_null (unknot_editor_view_get_chooser (UNKNOT_EDITOR_VIEW (view)));
  step_editor = unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view));
  g_assert_true (UNKNOT_IS_STEP_EDITOR (step_editor));
  return GTK_WIDGET (step_editor);
}

static void
set_duration (GtkWidget *step_editor,
              guint      minutes,
              guint      seconds)
{
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (step_editor_child (step_editor, "minutes_spin")),
                             minutes);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (step_editor_child (step_editor, "seconds_spin")),
                             seconds);
}

static void
close_step_editor (GtkWidget *step_editor)
{
  gpointer weak = step_editor;

  g_object_add_weak_pointer (G_OBJECT (step_editor), &weak);
  gtk_window_close (GTK_WINDOW (step_editor));
  g_assert_true (test_spin_until (window_is_gone, &weak, 20000));
  g_assert_null (unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view)));
}

static gboolean
step_is_first (gpointer step)
{
  return unknot_routine_get_step (working_copy (), 0) == step;
}

/* TRUE once @overlay shows no toast: its only child is the page it covers. */
static gboolean
no_toasts (gpointer overlay)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (overlay));

  return first != NULL && gtk_widget_get_next_sibling (first) == NULL;
}

/* Drops the step at @from on the first row, as the row's GtkDropTarget receives it; the move
 * happens once the drop is over. */
static void
drop_on_first_row (guint from)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (step_row (0));
  UnknotStep *step = unknot_routine_get_step (working_copy (), from);
  GtkDropTarget *target = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; target == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  g_value_init (&value, UNKNOT_TYPE_STEP);
  g_value_set_object (&value, step);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  g_assert_true (test_spin_until (step_is_first, step, 20000));
}

/* The library page's row for @name, and the total it shows. */
static GtkWidget *
library_row (const char *name)
{
  GtkWidget *page = test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "library_page");
  g_autoptr(GPtrArray) rows = NULL;

  /* The person's routines and the bundled ones, two sections of one list. */
  gtk_test_widget_wait_for_draw (page);
  rows = test_library_rows (page);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_title (rows->pdata[i]), name) == 0)
      return rows->pdata[i];
  return NULL;
}

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0
      && gtk_widget_get_visible (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

/* Scenario 1: a new routine, made and saved as a user would */

static void
test_new_routine (void)
{
  UnknotLibrary *library = unknot_application_get_library (app);
  GtkWidget *step_editor;
  GtkWidget *problem;
  UnknotRoutine *saved;
  g_autoptr(UnknotRoutine) from_disk = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  activate (GTK_WIDGET (window), "win.new-routine");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "editor");
  g_assert_true (unknot_editor_is_new (editor ()));
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 0);

  /* An empty routine breaks a rule ("no steps"): it cannot be saved or started, and its
   * buttons say why; no error shows in red before the person has changed anything (issue 12),
   * once a field is touched it does. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (view_child ("problems_revealer"))));
  g_assert_false (gtk_widget_get_visible (view_child ("steps_problem")));
  g_assert_false (gtk_widget_get_sensitive (view_child ("start_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (view_child ("save_button")),
                            "no steps"));
  /* Save can be pressed: it writes nothing and shows what to fix. */
  {
    GListModel *routines = unknot_library_get_routines (unknot_application_get_library (app));
    guint n_routines = g_list_model_get_n_items (routines);

    g_assert_true (gtk_widget_get_sensitive (view_child ("save_button")));
    activate (view, "editor.save");
    g_assert_true (unknot_editor_is_new (editor ()));
    g_assert_cmpstr (unknot_window_get_page (window), ==, "editor");
    g_assert_cmpuint (g_list_model_get_n_items (routines), ==, n_routines);
    g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (
                     view_child ("problems_revealer"))));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (view_child ("problems_label"))),
                              "no steps"));
    g_assert_true (gtk_widget_get_visible (view_child ("steps_problem")));
  }

  gtk_editable_set_text (GTK_EDITABLE (view_child ("name_row")), ROUTINE_NAME);
  g_assert_cmpstr (unknot_routine_get_name (working_copy ()), ==, ROUTINE_NAME);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (view_child ("problems_revealer"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (view_child ("problems_label"))),
                            "no steps"));

  /* First step: kneading, 45 s. */
  step_editor = add_step ("kneading");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 1);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (working_copy (), 0)), ==,
                   "kneading");

  /* A wheel crossing the step's unfocused minutes or seconds leaves its duration as it is. */
  {
    const char *names[] = { "minutes_spin", "seconds_spin" };
    guint before = unknot_step_get_duration (unknot_routine_get_step (working_copy (), 0));

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        GtkWidget *spin = step_editor_child (step_editor, names[i]);

        gtk_root_set_focus (gtk_widget_get_root (spin), NULL);
        g_assert_true (test_scroll_over (spin));
        g_assert_cmpuint (unknot_step_get_duration (unknot_routine_get_step (working_copy (), 0)),
                          ==, before);
      }
  }

  /* A duration of 0:00 breaks the loader's rule: the message shows beside the field. */
  set_duration (step_editor, 0, 0);
  problem = step_editor_child (step_editor, "duration_problem");
  g_assert_true (gtk_widget_get_visible (problem));
  /* In the window's words (a time as "1 s"), not the file's ("expected 1 to 3600 seconds"),
   * which the command line keeps. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), ==, "too short; at least 1 s");
  g_assert_nonnull (strstr (unknot_editor_get_problem (editor (), "steps[0].duration")->message,
                            "expected 1 to 3600 seconds"));
  g_assert_false (gtk_widget_get_sensitive (view_child ("start_button")));
  /* The view names the step (counted from 1) and the field by its label. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child ("problems_label"))), ==,
                   "Step 1, Duration: too short; at least 1 s");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (view_child ("save_button")), ==,
                   "Cannot be saved yet. Step 1, Duration: too short; at least 1 s");

  set_duration (step_editor, 0, 45);
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_cmpuint (unknot_step_get_duration (unknot_routine_get_step (working_copy (), 0)), ==,
                    45);

  /* Preview Cue opens the player (to "fakesink sync=true" here); leaving the editor closes it. */
  activate (step_editor, "step.preview");
  g_assert_true (unknot_cue_player_is_open (player ()));
  close_step_editor (step_editor);

  /* Second step: stretching, 2:00. */
  step_editor = add_step ("stretching");
  set_duration (step_editor, 2, 0);
  close_step_editor (step_editor);
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 2);

  /* The total follows the steps. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child ("total_label"))), ==, "2:45");
  g_assert_true (g_str_has_prefix (row_title (step_row (1)), "2. Stretching"));

  /* Move the second step up by keyboard: focus its row, Alt+Up's action. */
  gtk_widget_grab_focus (step_row (1));
  activate (view, "editor.move-up");
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (working_copy (), 0)), ==,
                   "stretching");
  g_assert_true (g_str_has_prefix (row_title (step_row (0)), "1. Stretching"));
  g_assert_true (g_str_has_prefix (row_title (step_row (1)), "2. Kneading"));
  /* The keyboard stays with the step it moved. */
  g_assert_true (gtk_widget_has_focus (step_row (0)));

  /* Remove a step (Delete's action), then Undo (the toast's action, and Ctrl+Z's). */
  activate (view, "editor.remove-step");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child ("total_label"))), ==, "0:45");
  activate (view, "editor.undo");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 2);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (working_copy (), 0)), ==,
                   "stretching");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child ("total_label"))), ==, "2:45");

  /* Two removals in a row and Undo at once: the first toast goes out as the second comes in,
   * and the second is withdrawn while it still comes in (libadwaita 1.2 freed such a toast and
   * then touched it: a crash). Both steps come back, in their places; the toasts leave. */
  activate (view, "editor.remove-step");
  activate (view, "editor.remove-step");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 0);
  activate (view, "editor.undo");
  activate (view, "editor.undo");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 2);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (working_copy (), 0)), ==,
                   "stretching");
  g_assert_true (test_spin_until (no_toasts, view_child ("toast_overlay"), 20000));

  /* Drag and drop: the first row takes the second step, which goes first; and back. */
  drop_on_first_row (1);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (working_copy (), 0)), ==,
                   "kneading");
  drop_on_first_row (1);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (working_copy (), 0)), ==,
                   "stretching");

  /* The rows' buttons: named, and off where they cannot move the step. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_child (0, "handle")), ==,
                   "Drag to move the step");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_child (0, "up_button")), ==, "Move Up");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_child (0, "down_button")), ==, "Move Down");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_child (0, "duplicate_button")), ==,
                   "Duplicate Step");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row_child (0, "remove_button")), ==,
                   "Remove Step");
  g_assert_false (gtk_widget_is_sensitive (row_child (0, "up_button")));
  g_assert_true (gtk_widget_is_sensitive (row_child (0, "down_button")));
  g_assert_true (gtk_widget_is_sensitive (row_child (1, "up_button")));
  g_assert_false (gtk_widget_is_sensitive (row_child (1, "down_button")));
  g_assert_true (unknot_editor_step_row_get_step (UNKNOT_EDITOR_STEP_ROW (step_row (1)))
                 == unknot_routine_get_step (working_copy (), 1));

  /* Move Up, Move Down: the keyboard goes with the step, to the same button, or to the row
   * where that button is off. */
  press_row_button (1, "up_button");
  g_assert_cmpstr (step_technique (0), ==, "kneading");
  g_assert_true (g_str_has_prefix (row_title (step_row (0)), "1. Kneading"));
  g_assert_true (gtk_widget_has_focus (step_row (0)));
  /* A time in a list row as in a sentence: "1 min", as the routine's page says it. */
  {
    g_autofree char *time = unknot_duration_to_short (
      unknot_step_get_duration (unknot_routine_get_step (working_copy (), 0)));

    g_auto(GStrv) words = g_strsplit (time, " ", -1);

    /* On one line: "1\u00a0min". */
    g_free (time);
    time = g_strjoinv ("\u00a0", words);

    g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (step_row (0))),
                                     time));
    g_assert_null (strchr (adw_action_row_get_subtitle (ADW_ACTION_ROW (step_row (0))), ':'));
  }
  press_row_button (0, "down_button");
  g_assert_cmpstr (step_technique (0), ==, "stretching");
  g_assert_true (gtk_widget_has_focus (step_row (1)));

  /* Duplicate Step: the copy comes next, the keyboard on its Duplicate Step. */
  press_row_button (0, "duplicate_button");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 3);
  g_assert_cmpstr (step_technique (1), ==, "stretching");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child ("total_label"))), ==, "4:45");
  g_assert_true (gtk_widget_has_focus (row_child (1, "duplicate_button")));
  g_assert_true (gtk_widget_is_sensitive (row_child (1, "down_button")));
  g_assert_false (gtk_widget_is_sensitive (row_child (2, "down_button")));

  /* [stretching, stretching, kneading]: the last up, its Move Up keeps the keyboard; then Alt+Down
   * from that button keeps it too. */
  press_row_button (2, "up_button");
  g_assert_cmpstr (step_technique (1), ==, "kneading");
  g_assert_true (gtk_widget_has_focus (row_child (1, "up_button")));
  activate (view, "editor.move-down");
  g_assert_cmpstr (step_technique (2), ==, "kneading");
  g_assert_true (gtk_widget_has_focus (row_child (2, "up_button")));

  /* Remove Step: the copy goes, the keyboard to the row now in its place. */
  press_row_button (1, "remove_button");
  g_assert_cmpuint (unknot_routine_get_n_steps (working_copy ()), ==, 2);
  g_assert_cmpstr (step_technique (0), ==, "stretching");
  g_assert_cmpstr (step_technique (1), ==, "kneading");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child ("total_label"))), ==, "2:45");
  g_assert_true (gtk_widget_has_focus (step_row (1)));

  /* Unsaved: marked. */
  g_assert_true (unknot_editor_get_modified (editor ()));
  g_assert_true (g_str_has_prefix (adw_window_title_get_title (
                                     ADW_WINDOW_TITLE (view_child ("title"))), "• "));
  g_assert_true (gtk_widget_get_sensitive (view_child ("save_button")));

  /* Save: Ctrl+S's action. */
  activate (view, "editor.save");
  g_assert_false (unknot_editor_get_modified (editor ()));
  g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (view_child ("title"))), ==,
                   ROUTINE_NAME);

  saved = unknot_editor_get_original (editor ());
  g_assert_nonnull (saved);
  saved_id = g_strdup (unknot_routine_get_id (saved));
  g_assert_true (unknot_library_lookup (library, saved_id) == saved);
  g_assert_cmpuint (unknot_routine_get_total_duration (saved), ==, 165);
  g_assert_cmpstr (unknot_step_get_technique (unknot_routine_get_step (saved, 0)), ==,
                   "stretching");

  /* On disk, as the loader reads it. */
  from_disk = unknot_routine_load_file (unknot_routine_get_file (saved), NULL,
                                        unknot_application_get_catalogue (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_name (from_disk), ==, ROUTINE_NAME);
  g_assert_cmpuint (unknot_routine_get_total_duration (from_disk), ==, 165);

  /* Back: nothing to ask; the routine's page, then the library page with its row and total. */
  activate (view, "editor.back");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "routine");
  g_assert_null (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view)));
  /* The routine's page keeps the output open, warm for Start (closed in the library). */
  g_assert_true (unknot_cue_player_is_open (player ()));

  row = library_row (ROUTINE_NAME);
  g_assert_nonnull (row);
  g_assert_true (find_label (row, "2 min 45 s"));
}

/* Scenario 2: the file changes on disk under an open editor with no edits: it follows the disk.
 * With edits, the person is asked. */

static gboolean
name_is (gpointer name)
{
  UnknotEditor *e = unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (view));

  return e != NULL && g_strcmp0 (unknot_routine_get_name (unknot_editor_get_routine (e)),
                                 name) == 0;
}

/* The visible message dialog with @heading, or %NULL. */
static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), heading) == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer heading)
{
  return find_dialog (heading) != NULL;
}

static gboolean
step_editor_open (gpointer data)
{
  return unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view)) != NULL;
}

/* As a click on the response's button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_nonnull (dialog);
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  test_spin_for (20);
}

static void
write_on_disk (const char *name)
{
  UnknotLibrary *library = unknot_application_get_library (app);
  UnknotRoutine *current = unknot_library_lookup (library, saved_id);
  g_autoptr(UnknotRoutine) changed = unknot_routine_copy (current);
  g_autoptr(GError) error = NULL;

  /* As another program would: straight to the file. */
  unknot_routine_set_name (changed, name);
  unknot_routine_save (changed, unknot_routine_get_file (current),
                       unknot_application_get_catalogue (app), &error);
  g_assert_no_error (error);
}

static void
test_changed_on_disk (void)
{
  UnknotLibrary *library = unknot_application_get_library (app);
  AdwMessageDialog *dialog;

  unknot_window_show_routine (window, unknot_library_lookup (library, saved_id));
  activate (GTK_WIDGET (window), "win.edit-routine");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "editor");
  g_assert_false (unknot_editor_get_modified (editor ()));

  write_on_disk ("Changed by hand");
  if (!test_spin_until (name_is, (gpointer) "Changed by hand", 10000))
    g_error ("The editor did not follow the file changed on disk");
  g_assert_false (unknot_editor_get_modified (editor ()));

  /* Now with an edit of the person's own: asked, and "Keep My Changes" keeps it. */
  gtk_editable_set_text (GTK_EDITABLE (view_child ("name_row")), "My own edit");
  g_assert_true (unknot_editor_get_modified (editor ()));
  write_on_disk ("Changed again by hand");
  if (!test_spin_until (has_dialog, (gpointer) "Routine Changed on Disk", 10000))
    g_error ("No question when the file changed under unsaved edits");
  dialog = find_dialog ("Routine Changed on Disk");
  respond (dialog, "keep");
  test_spin_for (50);
  g_assert_cmpstr (unknot_routine_get_name (working_copy ()), ==, "My own edit");
  g_assert_true (unknot_editor_get_modified (editor ()));

  /* The edits stay when the window is built again (a change of language), and the step being
   * edited opens again over the new window. */
  {
    UnknotWindow *new_window = unknot_window_new (app);
    GtkWidget *new_view = GTK_WIDGET (unknot_window_get_editor_view (new_window));
    UnknotEditor *kept = editor ();
    UnknotStep *editing = unknot_routine_get_step (working_copy (), 1);

    g_signal_emit_by_name (gtk_widget_get_parent (step_row (1)), "row-activated", step_row (1));
    g_assert_true (unknot_step_editor_get_step (UNKNOT_STEP_EDITOR (
                     unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view)))) == editing);

    unknot_window_adopt (new_window, window);
    g_assert_true (unknot_editor_view_get_editor (UNKNOT_EDITOR_VIEW (new_view)) == kept);
    g_assert_cmpstr (unknot_window_get_page (new_window), ==, "editor");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                       test_template_child (new_view, UNKNOT_TYPE_EDITOR_VIEW, "name_row"))), ==,
                     "My own edit");
    gtk_window_destroy (GTK_WINDOW (window));
    g_object_unref (window);
    window = g_object_ref_sink (new_window);
    view = new_view;
    gtk_window_present (GTK_WINDOW (window));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

    if (!test_spin_until (step_editor_open, NULL, 20000))
      g_error ("The step editor did not open again over the new window");
    g_assert_true (unknot_step_editor_get_step (UNKNOT_STEP_EDITOR (
                     unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view)))) == editing);
    g_assert_true (gtk_window_get_transient_for (unknot_editor_view_get_step_editor (
                     UNKNOT_EDITOR_VIEW (view))) == GTK_WINDOW (window));
    close_step_editor (GTK_WIDGET (unknot_editor_view_get_step_editor (UNKNOT_EDITOR_VIEW (view))));
  }

  /* Leaving asks: Discard drops the edit, and the saved routine is as on disk. */
  activate (view, "editor.back");
  g_assert_true (has_dialog ((gpointer) "Save Changes?"));
  respond (find_dialog ("Save Changes?"), "discard");
  test_spin_for (50);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "routine");
  g_assert_cmpstr (unknot_routine_get_name (unknot_library_lookup (library, saved_id)), ==,
                   "Changed again by hand");
}

/* Scenario 3: closing the window with unsaved edits asks first */

static void
test_close_asks (void)
{
  GtkWidget *step_editor;
  GtkWidget *kind_row;
  UnknotStep *step;

  activate (GTK_WIDGET (window), "win.new-routine");
  gtk_editable_set_text (GTK_EDITABLE (view_child ("name_row")), "Not saved");
  g_assert_true (unknot_editor_get_modified (editor ()));

  /* A rest step: only duration, instructions and cue. Made a massage step, it gets a
   * technique; a rest again, it has none (the loader refuses a rest step with one). */
  step_editor = add_step (NULL);
  step = unknot_routine_get_step (working_copy (), 0);
  kind_row = step_editor_child (step_editor, "kind_row");
  g_assert_true (unknot_step_is_rest (step));
  g_assert_false (gtk_widget_get_visible (step_editor_child (step_editor, "technique_group")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), 0);
  g_assert_false (unknot_step_is_rest (step));
  g_assert_nonnull (unknot_step_get_technique (step));
  g_assert_true (gtk_widget_get_visible (step_editor_child (step_editor, "technique_group")));
  g_assert_true (unknot_editor_is_valid (editor ()));

  /* The rows come from the enumerations: every value in order, shown with the label the rest
   * of the program uses (never the format's name), and they follow the step both ways. */
  {
    AdwComboRow *area_row = ADW_COMBO_ROW (step_editor_child (step_editor, "area_row"));
    AdwComboRow *tool_row = ADW_COMBO_ROW (step_editor_child (step_editor, "tool_row"));
    GListModel *areas = adw_combo_row_get_model (area_row);
    GListModel *kinds = adw_combo_row_get_model (ADW_COMBO_ROW (kind_row));

    g_assert_cmpuint (g_list_model_get_n_items (areas), ==, UNKNOT_N_AREAS);
    for (guint i = 0; i < UNKNOT_N_AREAS; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (areas, i);
        g_auto(GValue) label = G_VALUE_INIT;

        g_assert_true (gtk_expression_evaluate (adw_combo_row_get_expression (area_row), item,
                                                &label));
        g_assert_cmpstr (g_value_get_string (&label), ==, unknot_area_get_label (i));
      }
    g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (kinds, i);
        g_auto(GValue) label = G_VALUE_INIT;

        g_assert_true (gtk_expression_evaluate (
                         adw_combo_row_get_expression (ADW_COMBO_ROW (kind_row)), item, &label));
        g_assert_cmpstr (g_value_get_string (&label), ==, i == 0 ? "Technique" : "Rest");
      }
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (tool_row)), ==,
                      UNKNOT_N_TOOLS);

    unknot_step_set_area (step, UNKNOT_AREA_LOWER_BACK);
    g_assert_cmpuint (adw_combo_row_get_selected (area_row), ==, UNKNOT_AREA_LOWER_BACK);
    adw_combo_row_set_selected (tool_row, UNKNOT_TOOL_FOAM_ROLLER);
    g_assert_cmpint (unknot_step_get_tool (step), ==, UNKNOT_TOOL_FOAM_ROLLER);

    /* A heat pack presses on nothing: no pressure asked of it. */
    {
      GtkWidget *pressure_row = step_editor_child (step_editor, "pressure_row");

      g_assert_true (gtk_widget_get_visible (pressure_row));
      adw_combo_row_set_selected (tool_row, UNKNOT_TOOL_HEAT_PACK);
      g_assert_false (gtk_widget_get_visible (pressure_row));
      adw_combo_row_set_selected (tool_row, UNKNOT_TOOL_FOAM_ROLLER);
      g_assert_true (gtk_widget_get_visible (pressure_row));
    }

    /* Where the body is: every position, named as people say it, both ways. */
    {
      AdwComboRow *position_row = ADW_COMBO_ROW (step_editor_child (step_editor,
                                                                    "position_row"));
      GListModel *positions = adw_combo_row_get_model (position_row);
      const char * const names[] = { "Not said", "Sitting or standing", "Against a wall",
                                     "On the floor" };

      g_assert_cmpuint (g_list_model_get_n_items (positions), ==, G_N_ELEMENTS (names));
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (positions, i);
          g_auto(GValue) label = G_VALUE_INIT;

          g_assert_true (gtk_expression_evaluate (adw_combo_row_get_expression (position_row),
                                                  item, &label));
          g_assert_cmpstr (g_value_get_string (&label), ==, names[i]);
        }
      g_assert_cmpuint (adw_combo_row_get_selected (position_row), ==, UNKNOT_POSITION_ANY);
      adw_combo_row_set_selected (position_row, UNKNOT_POSITION_FLOOR);
      g_assert_cmpint (unknot_step_get_position (step), ==, UNKNOT_POSITION_FLOOR);
      unknot_step_set_position (step, UNKNOT_POSITION_WALL);
      g_assert_cmpuint (adw_combo_row_get_selected (position_row), ==, UNKNOT_POSITION_WALL);
    }
  }

  /* The right side's words: a field of their own on a step on both sides, both ways. */
  {
    GtkWidget *second_group = step_editor_child (step_editor, "second_group");
    GtkTextBuffer *second = gtk_text_view_get_buffer (
                              GTK_TEXT_VIEW (step_editor_child (step_editor, "second_view")));
    GtkSwitch *hold = GTK_SWITCH (step_editor_child (step_editor, "hold_switch"));

    unknot_step_set_side (step, UNKNOT_SIDE_LEFT);
    g_assert_false (gtk_widget_get_visible (second_group));
    unknot_step_set_side (step, UNKNOT_SIDE_BOTH);
    g_assert_true (gtk_widget_get_visible (second_group));
    gtk_text_buffer_set_text (second, "Right hand over.", -1);
    g_assert_cmpstr (unknot_step_get_second_instructions (step), ==, "Right hand over.");
    unknot_step_set_second_instructions (step, "Right arm across.");
    {
      g_autofree char *text = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (second, &start, &end);
      text = gtk_text_buffer_get_text (second, &start, &end, FALSE);
      g_assert_cmpstr (text, ==, "Right arm across.");
    }

    /* "Wait until I am ready": the step's hold, both ways. */
    g_assert_false (gtk_switch_get_active (hold));
    gtk_switch_set_active (hold, TRUE);
    g_assert_true (unknot_step_get_hold (step));
    unknot_step_set_hold (step, FALSE);
    g_assert_false (gtk_switch_get_active (hold));
    gtk_switch_set_active (hold, TRUE);
    g_assert_true (unknot_editor_is_valid (editor ()));
  }

  adw_combo_row_set_selected (ADW_COMBO_ROW (kind_row), 1);
  g_assert_true (unknot_step_is_rest (step));
  g_assert_null (unknot_step_get_technique (step));
  g_assert_true (unknot_editor_is_valid (editor ()));

  /* A sound file of the routine's own is kept, and shown as it is named. */
  {
    AdwComboRow *sound_row = ADW_COMBO_ROW (step_editor_child (step_editor, "sound_row"));

    unknot_step_set_cue_sound (step, "sounds/bowl.ogg");
    g_assert_cmpstr (gtk_string_object_get_string (
                       adw_combo_row_get_selected_item (sound_row)), ==, "sounds/bowl.ogg");
    adw_combo_row_set_selected (sound_row, 1);
    g_assert_cmpstr (unknot_step_get_cue_sound (step), ==, "bell");
  }
  close_step_editor (step_editor);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (has_dialog ((gpointer) "Save Changes?"));
  respond (find_dialog ("Save Changes?"), "cancel");
  test_spin_for (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "editor");
  g_assert_cmpstr (unknot_routine_get_name (working_copy ()), ==, "Not saved");

  /* A new routine, never saved: Discard leaves nothing behind. */
  activate (view, "editor.back");
  respond (find_dialog ("Save Changes?"), "discard");
  test_spin_for (50);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "library");
  g_assert_null (library_row ("Not saved"));
}

/* Scenario 4: import (refused with every problem, or renamed on a clash), duplicate, delete */

static gboolean
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label_containing (child, text))
      return TRUE;
  return FALSE;
}

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (tmp_home, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_import_duplicate_delete (void)
{
  UnknotLibrary *library = unknot_application_get_library (app);
  g_autoptr(GFile) bad = write_file ("bad.json",
                                     "{ \"format\": 1, \"id\": \"bad\", \"name\": \"\",\n"
                                     "  \"description\": \"\", \"steps\": [] }\n");
  g_autofree char *twin_json =
    g_strdup_printf ("{ \"format\": 1, \"id\": \"%s\", \"name\": \"Imported twin\",\n"
                     "  \"description\": \"\", \"steps\": [ { \"technique\": \"kneading\",\n"
                     "  \"area\": \"neck\", \"duration\": 20 } ] }\n", saved_id);
  g_autoptr(GFile) twin = write_file ("twin.json", twin_json);
  AdwMessageDialog *dialog;
  UnknotRoutine *imported;
  UnknotRoutine *copy;
  g_autoptr(GFile) copy_file = NULL;
  guint n = g_list_model_get_n_items (unknot_library_get_routines (library));

  /* Every problem, in full; nothing imported. */
  g_assert_null (unknot_window_import_file (window, bad));
  dialog = find_dialog ("“bad.json” Was Not Imported");
  g_assert_nonnull (dialog);
  g_assert_true (find_label_containing (adw_message_dialog_get_extra_child (dialog), "name"));
  g_assert_true (find_label_containing (adw_message_dialog_get_extra_child (dialog),
                                        "no steps"));
  respond (dialog, "close");
  test_spin_for (50);
  g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (library)), ==, n);

  /* Its id is taken: imported under another, the other routine untouched. */
  imported = unknot_window_import_file (window, twin);
  g_assert_nonnull (imported);
  g_assert_cmpstr (unknot_routine_get_id (imported), !=, saved_id);
  g_assert_cmpstr (unknot_routine_get_name (unknot_library_lookup (library, saved_id)), !=,
                   "Imported twin");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "routine");

  /* Duplicate: a copy of one's own, saved, shown. */
  activate (GTK_WIDGET (window), "win.duplicate-routine");
  g_assert_nonnull (library_row ("Imported twin (copy)"));
  copy = NULL;   /* the library holds it */
  for (guint i = 0; i < g_list_model_get_n_items (unknot_library_get_routines (library)); i++)
    {
      g_autoptr(UnknotRoutine) r = g_list_model_get_item (unknot_library_get_routines (library), i);

      if (g_strcmp0 (unknot_routine_get_name (r), "Imported twin (copy)") == 0)
        copy = r;
    }
  g_assert_nonnull (copy);
  copy_file = g_object_ref (unknot_routine_get_file (copy));
  g_assert_true (g_file_query_exists (copy_file, NULL));

  /* Delete, after asking: the file goes, the row goes. */
  activate (GTK_WIDGET (window), "win.delete-routine");
  dialog = find_dialog ("Delete “Imported twin (copy)”?");
  g_assert_nonnull (dialog);
  respond (dialog, "delete");
  test_spin_for (50);
  g_assert_false (g_file_query_exists (copy_file, NULL));
  g_assert_null (library_row ("Imported twin (copy)"));
  g_assert_cmpstr (unknot_window_get_page (window), ==, "library");

  /* A bundled routine cannot be deleted: the action is off. */
  {
    g_autoptr(UnknotRoutine) first = NULL;
    g_autofree char *heading = NULL;

    for (guint i = 0; first == NULL; i++)
      {
        g_autoptr(UnknotRoutine) r = g_list_model_get_item (unknot_library_get_routines (library),
                                                            i);

        g_assert_nonnull (r);
        if (unknot_routine_get_bundled (r))
          first = g_steal_pointer (&r);
      }
    unknot_window_show_routine (window, first);
    heading = g_strdup_printf ("Delete “%s”?", unknot_routine_get_name (first));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-routine", NULL);
    test_spin_for (50);
    g_assert_false (has_dialog (heading));
    g_assert_nonnull (unknot_library_lookup (library, unknot_routine_get_id (first)));
  }
}

/* Setup */

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_home = test_make_home (g_get_tmp_dir (), "unknot-editor-widget-XXXXXX");

  /* As main() does, before GTK initialises. */
  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  app = test_application_new (NULL);

  window = g_object_ref_sink (unknot_window_new (app));
  view = GTK_WIDGET (unknot_window_get_editor_view (window));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_test_add_func ("/editor-widget/new-routine", test_new_routine);
  g_test_add_func ("/editor-widget/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/editor-widget/close-asks", test_close_asks);
  g_test_add_func ("/editor-widget/import-duplicate-delete", test_import_duplicate_delete);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_free (saved_id);
  test_application_finish (app, tmp_home);

  return status;
}
