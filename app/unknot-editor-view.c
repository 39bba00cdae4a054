/* unknot-editor-view.c
 *
 * The page that edits a routine. Everything edited lives in the UnknotEditor model (its working
 * copy, its undo, its problems): the view only shows it and asks it to change, so a new view (a
 * window rebuilt for another language) can take the same editor over and lose nothing.
 *
 * The page is one recycled list (a one-column GtkGridView: GTK 4.8's GtkListView makes up to 200
 * rows whatever it shows): the form as its first item, then a row a step, then the notes under
 * the steps. Each step row is an UnknotEditorStepRow, bound to one step after another as the
 * list scrolls, whose buttons activate this view's editor.move-step, editor.duplicate-step and
 * editor.remove-step-at; drag and drop is in unknot-editor-view-dnd.c, sharing
 * unknot-editor-view-private.h.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-a11y.h"
#include "unknot-dialogs.h"
#include "unknot-editor-view-private.h"
#include "unknot-labels.h"
#include "unknot-routine-archive.h"
#include "unknot-routine-io.h"
#include "unknot-scroll-guard.h"
#include "unknot-spin-digits.h"
#include "unknot-step-editor.h"
#include "unknot-technique-chooser.h"

G_DEFINE_FINAL_TYPE (UnknotEditorView, unknot_editor_view, GTK_TYPE_WIDGET)

enum {
  DONE,
  START,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void open_step_editor (UnknotEditorView *self,
                              UnknotStep       *step);

static UnknotCatalogue *
get_catalogue (UnknotEditorView *self)
{
  return unknot_application_get_catalogue (self->application);
}

static GtkWindow *
get_window (UnknotEditorView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* In the window's overlay when there is one, so the toast stays in sight when the editor goes;
 * only the Undo toast, whose action is the editor's, lives in the view's own. */
static void
add_toast (UnknotEditorView *self,
           const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);   /* toast titles are markup */
  AdwToast *toast = adw_toast_new (escaped);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *overlay = parent ? gtk_widget_get_ancestor (parent, ADW_TYPE_TOAST_OVERLAY) : NULL;

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (overlay ? ADW_TOAST_OVERLAY (overlay) : self->toast_overlay, toast);
}

/* libadwaita 1.2 frees a toast dismissed while it is still coming in (it comes in for 500 ms when
 * it replaces one going out) and touches it again when that animation ends: a crash, found by
 * the editor test under load and fixed in libadwaita 1.3. So the Undo toast is withdrawn at once
 * (its button taken away, and the editor forgets it) but dismissed only once it has been in
 * sight for a second. */
#define UNDO_TOAST_SETTLE_US G_USEC_PER_SEC

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static gboolean
dismiss_toast_later (gpointer data)
{
  g_autoptr(AdwToast) toast = g_weak_ref_get (data);

  if (toast != NULL)
    adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

static void
withdraw_undo_toast (UnknotEditorView *self)
{
  AdwToast *toast = self->undo_toast;
  gint64 age = g_get_monotonic_time () - self->undo_toast_added;
  GWeakRef *ref;

  if (toast == NULL)
    return;
  g_clear_weak_pointer (&self->undo_toast);
  if (age >= UNDO_TOAST_SETTLE_US)
    {
      adw_toast_dismiss (toast);
      return;
    }

  adw_toast_set_button_label (toast, NULL);
  adw_toast_set_action_name (toast, NULL);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, toast);
  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((UNDO_TOAST_SETTLE_US - age) / 1000) + 1,
                      dismiss_toast_later, ref, free_weak_ref);
}

static const char *
routine_name (UnknotRoutine *routine)
{
  const char *name = unknot_routine_get_name (routine);

  return name != NULL && *name != '\0' ? name : _("Untitled Routine");
}

/* Whether the routine's problems are shown: an empty new routine breaks rules (no steps) before
 * the person did anything, and is not told off in red for that until it has been changed or
 * Save was pressed. */
static gboolean
problems_shown (UnknotEditorView *self)
{
  if (unknot_editor_get_modified (self->editor))
    self->touched = TRUE;
  return self->touched;
}

static char *
step_problems_text (UnknotEditorView *self,
                    guint             index)
{
  GPtrArray *problems = unknot_editor_get_problems (self->editor);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean quiet;

  quiet = !problems_shown (self);

  for (guint i = 0; !quiet && i < problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = NULL;

      if (problem->warning || problem->step != (int) index)
        continue;
      line = unknot_problem_describe (problem);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Step rows: the list makes as many as fill the screen, and binds them again to other items as
 * it scrolls. Item 0 is the form, item i + 1 step i, the last item the notes under the steps;
 * one row widget serves any of them. The rows bound to a step are in bound_rows. */

static void
set_css_class (GtkWidget  *widget,
               const char *name,
               gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* Puts @part (the form or the notes) into @to, a row's box or the holder. */
static void
move_part (GtkWidget *part,
           GtkWidget *to)
{
  GtkWidget *parent = gtk_widget_get_parent (part);

  if (parent == to)
    return;
  g_object_ref (part);
  if (parent != NULL)
    gtk_box_remove (GTK_BOX (parent), part);
  gtk_box_prepend (GTK_BOX (to), part);
  g_object_unref (part);
}

/* Where @row's step is in the routine now: its item's place, checked against the steps. */
static int
row_index (UnknotEditorView *self,
           EditorRow        *row)
{
  GListModel *steps = unknot_routine_get_steps (self->routine);
  guint position = gtk_list_item_get_position (row->item);
  guint found;

  if (position != GTK_INVALID_LIST_POSITION && position > 0
      && position - 1 < g_list_model_get_n_items (steps)
      && unknot_routine_get_step (self->routine, position - 1) == row->step)
    return (int) position - 1;
  if (g_list_store_find (G_LIST_STORE (steps), row->step, &found))
    return (int) found;
  return -1;
}

static void
refresh_row (UnknotEditorView *self,
             EditorRow        *row)
{
  g_autofree char *problems = NULL;
  guint n_steps;
  int index;

  if (self->routine == NULL || row->step == NULL || (index = row_index (self, row)) < 0)
    return;

  n_steps = unknot_routine_get_n_steps (self->routine);
  problems = step_problems_text (self, (guint) index);
  unknot_editor_step_row_set_step (row->row, row->step, index);
  unknot_editor_step_row_update (row->row, get_catalogue (self), n_steps, problems);
  /* The rows' lists join into one boxed list, rounded at its ends (style.css). */
  set_css_class (row->list, "first", index == 0);
  set_css_class (row->list, "last", (guint) index + 1 == n_steps);
}

/* What the step rows show of the problems: each step's, and whether they are shown at all. */
static char *
rows_problems_key (UnknotEditorView *self)
{
  GPtrArray *problems = unknot_editor_get_problems (self->editor);
  GString *key = g_string_new (problems_shown (self) ? "shown" : "quiet");

  for (guint i = 0; i < problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = NULL;

      if (problem->warning || problem->step < 0)
        continue;
      line = unknot_problem_describe (problem);
      g_string_append_printf (key, "\n%d %s", problem->step, line);
    }
  return g_string_free (key, FALSE);
}

/* The rows bound to a step: those on screen and around it, not one a step. */
static void
refresh_rows (UnknotEditorView *self)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    refresh_row (self, g_ptr_array_index (self->bound_rows, i));
}

static void
on_step_notify (EditorRow *row)
{
  GtkWidget *view = gtk_widget_get_ancestor (row->box, UNKNOT_TYPE_EDITOR_VIEW);

  if (view != NULL)
    refresh_row (UNKNOT_EDITOR_VIEW (view), row);
}

/* Up and Down go on past a row's own list, to the next row of the page's. */
static gboolean
on_row_keynav_failed (GtkWidget        *list,
                      GtkDirectionType  direction,
                      UnknotEditorView *self)
{
  return gtk_widget_child_focus (GTK_WIDGET (self->steps_list),
                                 direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                         : GTK_DIR_TAB_FORWARD);
}

static void
on_step_activated (UnknotEditorView *self,
                   GtkListBoxRow    *row)
{
  UnknotStep *step = UNKNOT_IS_EDITOR_STEP_ROW (row)
                     ? unknot_editor_step_row_get_step (UNKNOT_EDITOR_STEP_ROW (row)) : NULL;

  if (step != NULL)
    open_step_editor (self, step);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           UnknotEditorView         *self)
{
  EditorRow *row = g_new0 (EditorRow, 1);

  row->item = item;
  row->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  row->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (row->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (row->list, "boxed-list");
  g_signal_connect_object (row->list, "keynav-failed", G_CALLBACK (on_row_keynav_failed), self,
                           0);
  g_signal_connect_object (row->list, "row-activated", G_CALLBACK (on_step_activated), self,
                           G_CONNECT_SWAPPED);
  row->row = UNKNOT_EDITOR_STEP_ROW (unknot_editor_step_row_new (NULL));
  _unknot_editor_view_add_row_dnd (self, row->row);
  gtk_list_box_append (GTK_LIST_BOX (row->list), GTK_WIDGET (row->row));
  gtk_box_append (GTK_BOX (row->box), row->list);
  g_object_set_data_full (G_OBJECT (row->box), "unknot-editor-row", row, g_free);
  gtk_list_item_set_child (item, row->box);
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          UnknotEditorView         *self)
{
  EditorRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)),
                                      "unknot-editor-row");
  gpointer object = gtk_list_item_get_item (item);

  gtk_widget_set_visible (row->list, UNKNOT_IS_STEP (object));
  if (GTK_IS_STRING_OBJECT (object))
    {
      gboolean intro = g_str_equal (gtk_string_object_get_string (object), "intro");

      move_part (intro ? self->intro : self->outro, row->box);
      return;
    }

  row->step = g_object_ref (object);
  row->notify_id = g_signal_connect_swapped (object, "notify", G_CALLBACK (on_step_notify), row);
  g_ptr_array_add (self->bound_rows, row);
  refresh_row (self, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            UnknotEditorView         *self)
{
  EditorRow *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)),
                                      "unknot-editor-row");

  if (gtk_widget_get_parent (self->intro) == row->box)
    move_part (self->intro, GTK_WIDGET (self->holder));
  if (gtk_widget_get_parent (self->outro) == row->box)
    move_part (self->outro, GTK_WIDGET (self->holder));
  if (row->step != NULL)
    {
      g_clear_signal_handler (&row->notify_id, row->step);
      g_clear_object (&row->step);
      g_ptr_array_remove_fast (self->bound_rows, row);
      unknot_editor_step_row_set_step (row->row, NULL, -1);
      gtk_widget_remove_css_class (GTK_WIDGET (row->row), "dragged");
    }
}

/* The form, @steps (the routine's, or none), the notes. The list's model stays: the form's and
 * the notes' rows stay with it, and only the steps' rows are made again. */
static void
set_steps (UnknotEditorView *self,
           GListModel       *steps)
{
  gpointer models[] = { steps != NULL ? steps : G_LIST_MODEL (self->no_steps) };

  g_list_store_splice (self->parts, 1, 1, models, 1);
}

/* Step @index's row in sight (made, when it was not). */
static void
scroll_to_step (UnknotEditorView *self,
                guint             index)
{
  gtk_widget_activate_action (GTK_WIDGET (self->steps_list), "list.scroll-to-item", "u",
                              index + 1);
}

/* Step @index's row, when the list made one for it (it is on screen or near). */
static GtkWidget *
find_row (UnknotEditorView *self,
          guint             index)
{
  for (guint i = 0; i < self->bound_rows->len; i++)
    {
      EditorRow *row = g_ptr_array_index (self->bound_rows, i);

      if (unknot_editor_step_row_get_position (row->row) == (int) index)
        return GTK_WIDGET (row->row);
    }
  return NULL;
}

/* The keyboard to step @index's row: to its button for the action @button (e.g.
 * "row.move-up") when there is one and it can be pressed, else to the row. */
static void
focus_row (UnknotEditorView *self,
           guint             index,
           const char        *button)
{
  GtkWidget *row = find_row (self, index);
  GtkWidget *widget = NULL;

  if (row == NULL && self->routine != NULL && index < unknot_routine_get_n_steps (self->routine))
    {
      scroll_to_step (self, index);
      row = find_row (self, index);
    }
  if (row == NULL)
    {
      gtk_widget_grab_focus (self->add_step_button);
      return;
    }
  if (button != NULL && UNKNOT_IS_EDITOR_STEP_ROW (row))
    widget = unknot_editor_step_row_get_button (UNKNOT_EDITOR_STEP_ROW (row), button);
  if (widget != NULL && gtk_widget_is_sensitive (widget))
    gtk_widget_grab_focus (widget);
  else
    gtk_widget_grab_focus (row);
}

/* The row holding the keyboard focus, or that a focused control of it belongs to. */
static GtkWidget *
current_row (UnknotEditorView *self)
{
  GtkWindow *window = get_window (self);
  GtkWidget *widget = window ? gtk_window_get_focus (window) : NULL;

  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (UNKNOT_IS_EDITOR_STEP_ROW (widget)
        && unknot_editor_step_row_get_position (UNKNOT_EDITOR_STEP_ROW (widget)) >= 0
        && gtk_widget_is_ancestor (widget, GTK_WIDGET (self->steps_list)))
      return widget;
  return NULL;
}

/* The button of @row with the keyboard focus, by its action ("row.move-up"); %NULL when the
 * focus is on the row itself or elsewhere. Interned: the row may be made again before use. */
static const char *
focused_button (UnknotEditorView *self,
                GtkWidget        *row)
{
  GtkWindow *window = get_window (self);
  GtkWidget *focus = window ? gtk_window_get_focus (window) : NULL;

  if (row == NULL || focus == NULL || focus == row || !GTK_IS_ACTIONABLE (focus)
      || !gtk_widget_is_ancestor (focus, row))
    return NULL;
  return g_intern_string (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)));
}

/* Moves a step, the keyboard with it: to @refocus, a button of its row (see focus_row()). */
void
_unknot_editor_view_move_step (UnknotEditorView *self,
                               guint             from,
                               guint             to,
                               const char       *refocus)
{
  if (unknot_editor_move_step (self->editor, from, to))
    focus_row (self, to, refocus);
}

static void
remove_step (UnknotEditorView *self,
             guint             index)
{
  guint n;
  AdwToast *toast;

  unknot_editor_remove_step (self->editor, index);

  withdraw_undo_toast (self);
  toast = adw_toast_new (_("Step removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "editor.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->undo_toast, toast);
  self->undo_toast_added = g_get_monotonic_time ();
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  n = unknot_routine_get_n_steps (self->routine);
  if (n > 0)
    focus_row (self, MIN (index, n - 1), NULL);
  else
    gtk_widget_grab_focus (self->add_step_button);
}

/* The step editor and the technique chooser */

static void
on_step_editor_destroyed (UnknotEditorView *self,
                          GtkWidget        *window)
{
  UnknotStep *step = unknot_step_editor_get_step (UNKNOT_STEP_EDITOR (window));
  guint position;

  /* Back to the step's row, for the keyboard. */
  if (self->routine != NULL && step != NULL
      && g_list_store_find (G_LIST_STORE (unknot_routine_get_steps (self->routine)), step,
                            &position)
      && gtk_widget_get_mapped (GTK_WIDGET (self)))
    focus_row (self, position, NULL);
}

static void
on_preview (UnknotEditorView *self,
            UnknotStepEditor *step_editor)
{
  UnknotRoutine *original = unknot_editor_get_original (self->editor);
  g_autoptr(UnknotRoutine) context = NULL;

  /* A sound file beside the routine is found from the routine's file: the saved one's. The run
   * opens the player for it (a failure comes back as its "error", shown by the window). */
  context = unknot_routine_copy (self->routine);
  if (original != NULL)
    unknot_routine_set_file (context, unknot_routine_get_file (original));
  unknot_run_preview_step (unknot_application_get_run (self->application), context,
                           unknot_step_editor_get_step (step_editor));
}

static void
open_step_editor (UnknotEditorView *self,
                  UnknotStep       *step)
{
  UnknotStepEditor *window;

  if (self->step_editor != NULL)
    gtk_window_destroy (self->step_editor);

  window = unknot_step_editor_new (get_window (self), self->editor, get_catalogue (self), step);
  g_set_weak_pointer (&self->step_editor, GTK_WINDOW (window));
  /* unknot_editor_view_adopt() opens it again after a language switch. */
  unknot_dialog_reopen_by (GTK_WINDOW (window), NULL, NULL, NULL);
  g_signal_connect_object (window, "preview", G_CALLBACK (on_preview), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_step_editor_destroyed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
on_technique_chosen (UnknotEditorView *self,
                     const char       *technique)
{
  guint position;

  if (self->editor == NULL)
    return;

  if (technique != NULL)
    position = unknot_editor_add_step (self->editor, technique, -1);
  else
    position = unknot_editor_add_rest (self->editor, -1);

  /* The new step's row in sight, behind the step editor and after it. */
  scroll_to_step (self, position);
  open_step_editor (self, unknot_routine_get_step (self->routine, position));
}

/* Showing the editor's state */

static void
show_field_problem (GtkWidget  *row,
                    GtkWidget  *icon,
                    GtkLabel   *label,
                    const char *field,
                    const char *message)
{
  g_autofree char *text = message ? g_strdup_printf ("%s: %s", field, message) : NULL;

  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (icon != NULL)
    {
      gtk_widget_set_visible (icon, message != NULL);
      gtk_widget_set_tooltip_text (icon, message);
    }
  if (row != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (row, "error");
      else
        gtk_widget_remove_css_class (row, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      message ? message : "", -1);
    }
}

static void
update_title (UnknotEditorView *self)
{
  gboolean modified = unknot_editor_get_modified (self->editor);
  g_autofree char *title = NULL;

  /* The mark of unsaved changes, as GNOME's editors show it. */
  title = modified ? g_strdup_printf ("• %s", routine_name (self->routine))
                   : g_strdup (routine_name (self->routine));
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, modified ? _("Unsaved changes") : NULL);
  gtk_label_set_text (self->short_title, modified ? "•" : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->short_title),
                               modified ? _("Unsaved changes") : NULL);
}

static void
update_actions (UnknotEditorView *self)
{
  gboolean valid = unknot_editor_is_valid (self->editor);
  gboolean modified = unknot_editor_get_modified (self->editor);
  /* Save stays pressable while the routine breaks a rule: pressing it shows what to fix. */
  gboolean can_save = modified || unknot_editor_is_new (self->editor);
  g_autofree char *save_tip = NULL;
  const char *start_tip;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.start", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo",
                                 unknot_editor_can_undo (self->editor));

  if (!valid)
    {
      GPtrArray *problems = unknot_editor_get_problems (self->editor);
      g_autofree char *first = NULL;

      for (guint i = 0; first == NULL && i < problems->len; i++)
        if (!((UnknotProblem *) g_ptr_array_index (problems, i))->warning)
          first = unknot_problem_describe (g_ptr_array_index (problems, i));
      /* Translators: the Save button's tooltip when the routine breaks a rule; %s says which */
      save_tip = g_strdup_printf (_("Cannot be saved yet. %s"), first ? first : "");
      start_tip = _("Cannot start until the problems are fixed");
    }
  else if (!can_save)
    {
      save_tip = g_strdup (_("No changes to save"));
      start_tip = _("Start this routine");
    }
  else
    {
      save_tip = g_strdup (_("Save the routine (Ctrl+S)"));
      start_tip = _("Start this routine");
    }

  gtk_widget_set_tooltip_text (self->save_button, save_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, save_tip, -1);
  gtk_widget_set_tooltip_text (self->start_button, start_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, start_tip, -1);
}

/* Returns: (nullable) (transfer full): what is wrong with the field at @path, in words. */
static char *
field_problem (UnknotEditorView *self,
               gboolean          quiet,
               const char       *path)
{
  const UnknotProblem *problem = quiet ? NULL : unknot_editor_get_problem (self->editor, path);

  return problem != NULL ? unknot_problem_describe_reason (problem) : NULL;
}

static void
update_problems (UnknotEditorView *self)
{
  GPtrArray *problems = unknot_editor_get_problems (self->editor);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *preparation = NULL;
  g_autofree char *steps = NULL;
  gboolean quiet;

  quiet = !problems_shown (self);

  for (guint i = 0; !quiet && i < problems->len; i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *line = NULL;

      if (problem->warning)
        continue;
      line = unknot_problem_describe (problem);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  gtk_label_set_text (self->problems_label, text->str);
  /* Hidden once closed, so it leaves no gap; shown before it opens. */
  if (text->len > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->problems_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->problems_revealer, text->len > 0);

  name = field_problem (self, quiet, "name");
  description = field_problem (self, quiet, "description");
  preparation = field_problem (self, quiet, "preparation");
  steps = field_problem (self, quiet, "steps");
  show_field_problem (GTK_WIDGET (self->name_row), self->name_icon, self->name_problem,
                      unknot_field_get_label (UNKNOT_FIELD_NAME), name);
  show_field_problem (GTK_WIDGET (self->description_row), self->description_icon,
                      self->description_problem, unknot_field_get_label (UNKNOT_FIELD_DESCRIPTION),
                      description);
  show_field_problem (NULL, NULL, self->preparation_problem,
                      unknot_field_get_label (UNKNOT_FIELD_PREPARATION), preparation);
  show_field_problem (NULL, NULL, self->steps_problem,
                      unknot_field_get_label (UNKNOT_FIELD_STEPS), steps);

  /* Each row follows its own step (on_step_notify()) and the list's changes
   * (on_steps_changed()); here only what the problems change of them. A keystroke in the name
   * changes none, and refreshing 200 rows was most of its cost. */
  key = rows_problems_key (self);
  if (g_strcmp0 (key, self->rows_problems) != 0)
    {
      refresh_rows (self);
      g_free (self->rows_problems);
      self->rows_problems = g_steal_pointer (&key);
    }
  update_title (self);
  update_actions (self);
}

static void
on_problems_revealed (UnknotEditorView *self)
{
  if (!gtk_revealer_get_child_revealed (self->problems_revealer)
      && !gtk_revealer_get_reveal_child (self->problems_revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->problems_revealer), FALSE);
}

static gboolean
total_to_text (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  guint total = g_value_get_uint (from);

  g_value_take_string (to, unknot_format_duration (total));
  return TRUE;
}

static void
on_steps_changed (UnknotEditorView *self)
{
  /* The rows keep their steps: their numbers and first/last buttons change. */
  refresh_rows (self);
  gtk_widget_set_visible (self->placeholder, unknot_routine_get_n_steps (self->routine) == 0);
}

static void
unbind_routine (UnknotEditorView *self)
{
  if (self->routine == NULL)
    return;

  for (guint i = 0; i < self->bindings->len; i++)
    g_binding_unbind (g_ptr_array_index (self->bindings, i));
  g_ptr_array_set_size (self->bindings, 0);
  g_signal_handlers_disconnect_by_data (unknot_routine_get_steps (self->routine), self);
  set_steps (self, NULL);
  g_clear_object (&self->routine);
}

static void
bind_routine (UnknotEditorView *self)
{
  UnknotRoutine *routine = unknot_editor_get_routine (self->editor);
  GListModel *steps = unknot_routine_get_steps (routine);

  unbind_routine (self);
  self->routine = g_object_ref (routine);

  /* g_object_bind_property() keeps the binding alive as long as both objects live; the
   * array only remembers them to unbind. */
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (routine, "name", self->name_row, "text",
                                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (routine, "description", self->description_row, "text",
                                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property (routine, "preparation",
                                           gtk_spin_button_get_adjustment (self->preparation_spin),
                                           "value",
                                           G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE));
  g_ptr_array_add (self->bindings,
                   g_object_bind_property_full (routine, "total-duration", self->total_label,
                                                "label", G_BINDING_SYNC_CREATE, total_to_text,
                                                NULL, NULL, NULL));

  /* New rows: refreshed whatever the problems are. */
  g_clear_pointer (&self->rows_problems, g_free);
  set_steps (self, steps);
  /* After the list's own handler (the flattened model's, connected by the splice): the list's
   * rows follow the change when this runs. */
  g_signal_connect_object (steps, "items-changed", G_CALLBACK (on_steps_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (self->placeholder, g_list_model_get_n_items (steps) == 0);
  /* Each routine opens at its top: the list anchored at its first item, the form (setting the
   * adjustment before the new rows are laid out would ask for a height they do not have yet;
   * and the list would keep its anchor on the notes, after the last step). */
  gtk_widget_activate_action (GTK_WIDGET (self->steps_list), "list.scroll-to-item", "u", 0);
  update_problems (self);
}

static void
on_editor_routine_changed (UnknotEditorView *self)
{
  /* A revert: the step being edited belongs to the routine that was dropped. */
  if (self->step_editor != NULL)
    gtk_window_destroy (self->step_editor);
  bind_routine (self);
}

/* Saving and leaving */

static void
show_error_dialog (UnknotEditorView *self,
                   const char       *heading,
                   const char       *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Save As... and Export after a failed save: the working copy, edits and all, written where the
 * person chooses. The editor keeps its edits and its unsaved mark: the routines folder still
 * does not hold them. */
static void
on_save_copy_response (GtkNativeDialog  *native,
                       int               response,
                       UnknotEditorView *self)
{
  gboolean archive = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (native), "archive"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->editor != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);

      if (_unknot_editor_view_save_copy (self, file, archive, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Saved a copy as %s"), name);

          add_toast (self, text);
        }
      else
        {
          g_autofree char *body = unknot_editor_describe_save_error (error);

          show_error_dialog (self, _("The Copy Was Not Saved"), body);
        }
    }
  g_object_unref (native);
}

static void
choose_copy_file (UnknotEditorView *self,
                  gboolean          archive)
{
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  native = gtk_file_chooser_native_new (archive ? _("Export the Routine") : _("Save the Routine As"),
                                        get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        archive ? _("_Export") : _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  name = g_strconcat (unknot_id_is_valid (unknot_routine_get_id (self->routine))
                      ? unknot_routine_get_id (self->routine) : "routine",
                      archive ? UNKNOT_ARCHIVE_SUFFIX : ".json", NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data (G_OBJECT (native), "archive", GINT_TO_POINTER (archive));
  /* Owned by itself until it answers. */
  g_signal_connect_object (native, "response", G_CALLBACK (on_save_copy_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
on_save_failed_response (AdwMessageDialog *dialog,
                         const char       *response,
                         UnknotEditorView *self)
{
  if (g_str_equal (response, "save-as"))
    choose_copy_file (self, FALSE);
  else if (g_str_equal (response, "export"))
    choose_copy_file (self, TRUE);
}

/**
 * _unknot_editor_view_save_copy:
 * @archive: %TRUE for a routine archive (with its sounds), %FALSE for the routine's JSON
 *
 * Writes the working copy to @file, outside the routines folder; the editor is left as it was.
 */
gboolean
_unknot_editor_view_save_copy (UnknotEditorView  *self,
                               GFile             *file,
                               gboolean           archive,
                               GError           **error)
{
  if (archive)
    return unknot_routine_export (self->routine, file, get_catalogue (self), error);
  return unknot_routine_save (self->routine, file, get_catalogue (self), error);
}

static gboolean
save (UnknotEditorView *self)
{
  g_autoptr(GError) error = NULL;

  if (!unknot_editor_save (self->editor, &error))
    {
      g_autofree char *sentence = unknot_editor_describe_save_error (error);
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      /* The saver's message (temporary file, raw system text) goes to the log only. */
      g_message ("Save failed: %s", error->message);
      /* Translators: %s is one sentence saying why, e.g. "The disk is full, so the routine was
       * not saved." */
      body = g_strdup_printf (_("%s Every change is still here in the editor: you can save a "
                                "copy elsewhere, or export it."), sentence);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self),
                                                           _("The Routine Could Not Be Saved"),
                                                           body));
      adw_message_dialog_add_responses (dialog, "close", _("_Close"), "export", _("_Export…"),
                                        "save-as", _("Save _As…"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "save-as", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "save-as");
      adw_message_dialog_set_close_response (dialog, "close");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_failed_response), self, 0);
      unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
      gtk_window_present (GTK_WINDOW (dialog));
      return FALSE;
    }

  {
    g_autofree char *text = g_strdup_printf (_("Saved “%s”"), routine_name (self->routine));

    add_toast (self, text);
  }
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);

  if (self->editor == NULL)
    return;

  if (unknot_editor_is_valid (self->editor))
    save (self);
  else
    {
      /* Nothing is written: the problems show, even on a new routine not yet touched. */
      self->touched = TRUE;
      update_problems (self);
    }
}

typedef struct {
  UnknotEditorView          *view;   /* the closure is watched: it goes with the view */
  UnknotEditorViewLeaveFunc  func;
  gpointer                   data;
} LeaveRequest;

static void
leave_request_free (gpointer  data,
                    GClosure *closure)
{
  g_free (data);
}

static void
on_leave_response (AdwMessageDialog *dialog,
                   const char       *response,
                   LeaveRequest     *request)
{
  UnknotEditorView *self = request->view;
  gboolean can_leave = FALSE;

  if (g_str_equal (response, "save"))
    can_leave = self->editor == NULL || save (self);
  else if (g_str_equal (response, "discard"))
    can_leave = TRUE;

  request->func (self, can_leave, request->data);
}

/**
 * unknot_editor_view_confirm_leave:
 * @func: called once: with %TRUE at once when there is nothing to lose, else after the person
 *   chose to save (and the save succeeded) or to discard; with %FALSE on cancel
 *
 * Asks what to do with unsaved changes before the editor goes away.
 */
void
unknot_editor_view_confirm_leave (UnknotEditorView          *self,
                                  UnknotEditorViewLeaveFunc  func,
                                  gpointer                   data)
{
  AdwMessageDialog *dialog;
  LeaveRequest *request;
  GClosure *closure;
  g_autofree char *body = NULL;
  gboolean valid;

  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (self));
  g_return_if_fail (func != NULL);

  if (self->editor == NULL || !unknot_editor_get_modified (self->editor))
    {
      func (self, TRUE, data);
      return;
    }

  valid = unknot_editor_is_valid (self->editor);
  if (valid)
    body = g_strdup_printf (_("“%s” has changes that are not saved. Save them before you "
                              "leave, or discard them?"), routine_name (self->routine));
  else
    body = g_strdup_printf (_("“%s” has changes that are not saved, and cannot be saved until "
                              "the problems shown are fixed. Discard them?"),
                            routine_name (self->routine));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self), _("Save Changes?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "discard", _("_Discard"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", valid);
  adw_message_dialog_set_default_response (dialog, valid ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  unknot_dialog_reopen_with (GTK_WINDOW (dialog), GTK_WIDGET (self), "editor.back");

  request = g_new0 (LeaveRequest, 1);
  request->view = self;
  request->func = func;
  request->data = data;
  closure = g_cclosure_new (G_CALLBACK (on_leave_response), request, leave_request_free);
  g_object_watch_closure (G_OBJECT (self), closure);
  g_signal_connect_closure (dialog, "response", closure, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * unknot_editor_view_leave:
 *
 * Closes the editor without asking (see unknot_editor_view_confirm_leave()) and emits "done"
 * with the routine to show: the saved one, or %NULL when there is none.
 */
void
unknot_editor_view_leave (UnknotEditorView *self)
{
  g_autoptr(UnknotRoutine) saved = NULL;

  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (self));

  if (self->editor != NULL && unknot_editor_get_original (self->editor) != NULL)
    saved = g_object_ref (unknot_editor_get_original (self->editor));

  /* A player opened for previews closes, unless a routine now uses it. */
  unknot_run_end_preview (unknot_application_get_run (self->application));

  unknot_editor_view_set_editor (self, NULL);
  g_signal_emit (self, signals[DONE], 0, saved);
}

static void
on_back_confirmed (UnknotEditorView *self,
                   gboolean          can_leave,
                   gpointer          data)
{
  if (can_leave)
    unknot_editor_view_leave (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  unknot_editor_view_confirm_leave (UNKNOT_EDITOR_VIEW (widget), on_back_confirmed, NULL);
}

static void
start_action (GtkWidget  *widget,
              const char *action,
              GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  UnknotRoutine *original;
  g_autoptr(UnknotRoutine) snapshot = NULL;

  if (self->editor == NULL || !unknot_editor_is_valid (self->editor))
    return;

  /* The routine as it is now, edits and all; editing on later does not change the session. */
  snapshot = unknot_routine_copy (self->routine);
  original = unknot_editor_get_original (self->editor);
  if (original != NULL)
    unknot_routine_set_file (snapshot, unknot_routine_get_file (original));
  g_signal_emit (self, signals[START], 0, snapshot);
}

/* Steps, by keyboard and buttons */

static void
add_step_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  UnknotTechniqueChooser *chooser;

  if (self->editor == NULL)
    return;

  if (self->chooser != NULL)
    gtk_window_destroy (self->chooser);
  chooser = unknot_technique_chooser_new (get_window (self), get_catalogue (self));
  g_set_weak_pointer (&self->chooser, GTK_WINDOW (chooser));
  unknot_dialog_reopen_with (GTK_WINDOW (chooser), GTK_WIDGET (self), "editor.add-step");
  g_signal_connect_object (chooser, "chosen", G_CALLBACK (on_technique_chosen), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
move_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  GtkWidget *row = current_row (self);
  const char *button;
  int index;

  if (self->editor == NULL || row == NULL)
    return;

  index = unknot_editor_step_row_get_position (UNKNOT_EDITOR_STEP_ROW (row));
  /* Keep the focus on the same control of the row, wherever the row goes. */
  button = focused_button (self, row);

  if (g_str_equal (action, "editor.move-up") && index > 0)
    _unknot_editor_view_move_step (self, (guint) index, (guint) index - 1, button);
  else if (g_str_equal (action, "editor.move-down"))
    _unknot_editor_view_move_step (self, (guint) index, (guint) index + 1, button);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  GtkWidget *row = current_row (self);

  if (self->editor != NULL && row != NULL)
    remove_step (self, (guint) unknot_editor_step_row_get_position (UNKNOT_EDITOR_STEP_ROW (row)));
}

/* The step rows' buttons: the same, for the step at a position ("u"; from and to, "(uu)"). The
 * keyboard stays on the control of the row that has it. */

static void
move_step_action (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  guint from, to;

  g_variant_get (parameter, "(uu)", &from, &to);
  if (self->editor != NULL)
    _unknot_editor_view_move_step (self, from, to, focused_button (self, find_row (self, from)));
}

static void
duplicate_step_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);
  const char *button;

  if (self->editor == NULL || index >= unknot_routine_get_n_steps (self->routine))
    return;

  button = focused_button (self, find_row (self, index));
  unknot_editor_duplicate_step (self->editor, index);
  focus_row (self, index + 1, button);
}

static void
remove_step_at_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->editor != NULL && index < unknot_routine_get_n_steps (self->routine))
    remove_step (self, index);
}

static void
note_added (GListModel *steps,
            guint       position,
            guint       removed,
            guint       added,
            guint      *added_at)
{
  if (added > 0)
    *added_at = position;
}

static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  UnknotEditorView *self = UNKNOT_EDITOR_VIEW (widget);
  GListModel *steps;
  guint added_at = G_MAXUINT;
  gulong handler;

  if (self->editor == NULL)
    return;

  steps = unknot_routine_get_steps (self->routine);
  handler = g_signal_connect (steps, "items-changed", G_CALLBACK (note_added), &added_at);
  unknot_editor_undo (self->editor);
  g_signal_handler_disconnect (steps, handler);

  withdraw_undo_toast (self);
  /* The keyboard goes to the step that came back. */
  if (added_at != G_MAXUINT)
    focus_row (self, added_at, NULL);
}

/* Changed on disk */

static void
on_disk_response (AdwMessageDialog *dialog,
                  const char       *response,
                  UnknotEditorView *self)
{
  if (self->editor == NULL)
    return;

  if (g_str_equal (response, "load"))
    {
      unknot_editor_revert (self->editor);
      add_toast (self, _("Loaded the routine from disk"));
    }
  else if (g_str_equal (response, "discard"))
    unknot_editor_view_leave (self);
}

static void
ask_about_disk (UnknotEditorView *self,
                gboolean          removed)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->disk_dialog != NULL)
    return;   /* the question already asked covers the newest change too */

  if (removed)
    body = g_strdup_printf (_("The file of “%s” was removed outside Unknot while you were "
                              "editing it. Keep your changes (saving writes the file again), or "
                              "discard them?"), routine_name (self->routine));
  else
    body = g_strdup_printf (_("The file of “%s” was changed outside Unknot while you were "
                              "editing it. Keep your changes, or load the routine as it is on "
                              "disk now and lose them?"), routine_name (self->routine));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_window (self),
                                                       removed ? _("Routine File Removed")
                                                               : _("Routine Changed on Disk"),
                                                       body));
  adw_message_dialog_add_response (dialog, "keep", _("_Keep My Changes"));
  if (removed)
    {
      adw_message_dialog_add_response (dialog, "discard", _("_Discard"));
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_add_response (dialog, "load", _("_Load From Disk"));
      adw_message_dialog_set_response_appearance (dialog, "load", ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_disk_response), self, 0);
  g_set_weak_pointer (&self->disk_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_routine_changed_on_disk (UnknotEditorView *self,
                            UnknotRoutine    *routine,
                            const char       *id,
                            GFile            *file,
                            UnknotLibrary    *library)
{
  UnknotRoutine *original;
  GFile *original_file;

  if (self->editor == NULL)
    return;

  /* A routine never saved has no file to change under it. */
  original = unknot_editor_get_original (self->editor);
  if (original == NULL)
    return;
  original_file = unknot_routine_get_file (original);
  if (g_strcmp0 (id, unknot_routine_get_id (original)) != 0
      && !(file != NULL && original_file != NULL && g_file_equal (file, original_file)))
    return;

  if (routine != NULL)
    {
      /* Saves now replace what the library holds, and "Load From Disk" loads it. */
      unknot_editor_set_original (self->editor, routine);
      if (unknot_routine_equal (routine, self->routine))
        return;   /* the disk says what the editor says: nothing to choose */
    }

  if (unknot_editor_get_modified (self->editor))
    {
      ask_about_disk (self, routine == NULL);
      return;
    }

  /* Nothing of the person's own would be lost: follow the disk. */
  if (routine == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” was removed from your routines folder"),
                                               routine_name (self->routine));

      unknot_editor_view_leave (self);
      add_toast (self, text);
    }
  else
    {
      unknot_editor_revert (self->editor);
      add_toast (self, _("The routine changed on disk and was loaded again"));
    }
}

/* Life */

static void
unknot_editor_view_dispose (GObject *object)
{
  UnknotEditorView *self = (UnknotEditorView *) object;

  if (self->step_editor != NULL)
    gtk_window_destroy (self->step_editor);
  if (self->chooser != NULL)
    gtk_window_destroy (self->chooser);
  unknot_editor_view_set_editor (self, NULL);
  g_clear_weak_pointer (&self->step_editor);
  g_clear_weak_pointer (&self->chooser);
  g_clear_weak_pointer (&self->disk_dialog);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_pointer (&self->rows_problems, g_free);
  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  /* The rows first: those showing the form and the notes give them back to the holder. */
  if (self->steps_list != NULL)
    gtk_grid_view_set_model (self->steps_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_EDITOR_VIEW);

  g_clear_pointer (&self->bound_rows, g_ptr_array_unref);
  g_clear_object (&self->parts);
  g_clear_object (&self->no_steps);

  G_OBJECT_CLASS (unknot_editor_view_parent_class)->dispose (object);
}

static void
unknot_editor_view_class_init (UnknotEditorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_editor_view_dispose;

  /**
   * UnknotEditorView::done:
   * @routine: (nullable): the saved routine to show, %NULL when there is none
   *
   * The editor was left (saved, discarded or with nothing to save).
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_ROUTINE);

  /**
   * UnknotEditorView::start:
   * @routine: a copy of the routine as edited, to run
   */
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_ROUTINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-editor-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "editorview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, title);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, save_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, short_title);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, start_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, problems_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, name_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, name_icon);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, name_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, description_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, description_icon);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, description_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, preparation_spin);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, preparation_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, total_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, intro);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, outro);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, holder);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, placeholder);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, steps_problem);
  gtk_widget_class_bind_template_child (widget_class, UnknotEditorView, add_step_button);
  gtk_widget_class_bind_template_callback (widget_class, on_problems_revealed);

  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "editor.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "editor.add-step", NULL, add_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "editor.add-step", NULL);
  gtk_widget_class_install_action (widget_class, "editor.move-up", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "editor.move-up",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "editor.move-down", NULL, move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "editor.move-down", NULL);
  gtk_widget_class_install_action (widget_class, "editor.remove-step", NULL, remove_step_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "editor.remove-step",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "editor.remove-step",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "editor.move-step", "(uu)", move_step_action);
  gtk_widget_class_install_action (widget_class, "editor.duplicate-step", "u",
                                   duplicate_step_action);
  gtk_widget_class_install_action (widget_class, "editor.remove-step-at", "u",
                                   remove_step_at_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo",
                                       NULL);
}

static void
unknot_editor_view_init (UnknotEditorView *self)
{
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;
  GListStore *part;
  GtkStringObject *item;

  gtk_widget_init_template (GTK_WIDGET (self));
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Routine Editor"), -1);
  unknot_spin_button_show_duration (self->preparation_spin);
  unknot_widget_ignore_scroll_unless_focused (GTK_WIDGET (self->preparation_spin));
  self->bindings = g_ptr_array_new ();

  /* The name and description are the person's own text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->name_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->description_row), FALSE);

  self->bound_rows = g_ptr_array_new ();
  /* The list: the form, the steps (none yet), the notes. */
  self->parts = g_list_store_new (G_TYPE_LIST_MODEL);
  self->no_steps = g_list_store_new (UNKNOT_TYPE_STEP);
  part = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  item = gtk_string_object_new ("intro");
  g_list_store_append (part, item);
  g_list_store_append (self->parts, part);
  g_object_unref (item);
  g_object_unref (part);
  g_list_store_append (self->parts, self->no_steps);
  part = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  item = gtk_string_object_new ("outro");
  g_list_store_append (part, item);
  g_list_store_append (self->parts, part);
  g_object_unref (item);
  g_object_unref (part);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  gtk_grid_view_set_factory (self->steps_list, factory);
  g_object_unref (factory);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (
    gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->parts))))));
  gtk_grid_view_set_model (self->steps_list, selection);
  g_object_unref (selection);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.start", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.undo", FALSE);
}

void
unknot_editor_view_set_application (UnknotEditorView  *self,
                                    UnknotApplication *application)
{
  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (self));
  g_return_if_fail (UNKNOT_IS_APPLICATION (application));

  self->application = application;
  g_signal_connect_object (unknot_application_get_library (application), "routine-changed",
                           G_CALLBACK (on_routine_changed_on_disk), self, G_CONNECT_SWAPPED);
}

/**
 * unknot_editor_view_set_editor:
 * @editor: (nullable): what to edit; %NULL empties the view
 */
void
unknot_editor_view_set_editor (UnknotEditorView *self,
                               UnknotEditor     *editor)
{
  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (self));
  g_return_if_fail (editor == NULL || UNKNOT_IS_EDITOR (editor));

  if (self->editor == editor)
    return;

  if (self->editor != NULL)
    {
      if (self->step_editor != NULL)
        gtk_window_destroy (self->step_editor);
      if (self->chooser != NULL)
        gtk_window_destroy (self->chooser);
      if (self->disk_dialog != NULL)
        gtk_window_destroy (self->disk_dialog);
      withdraw_undo_toast (self);
      g_signal_handlers_disconnect_by_data (self->editor, self);
      unbind_routine (self);
    }

  g_set_object (&self->editor, editor);
  if (editor == NULL)
    return;

  self->touched = !unknot_editor_is_new (editor) || unknot_editor_get_modified (editor);
  g_signal_connect_object (editor, "problems-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "notify::modified", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "notify::can-undo", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "notify::routine", G_CALLBACK (on_editor_routine_changed),
                           self, G_CONNECT_SWAPPED);
  bind_routine (self);
}

UnknotEditor *
unknot_editor_view_get_editor (UnknotEditorView *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR_VIEW (self), NULL);
  return self->editor;
}

/* The keyboard starts on the name: what a new routine needs first. */
void
unknot_editor_view_focus (UnknotEditorView *self)
{
  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

typedef struct {
  UnknotEditorView *view;
  UnknotStep       *step;
} Reopen;

static gboolean
reopen_step_editor (gpointer data)
{
  Reopen *reopen = data;

  if (reopen->view->editor != NULL && reopen->view->routine != NULL
      && g_list_store_find (G_LIST_STORE (unknot_routine_get_steps (reopen->view->routine)),
                            reopen->step, NULL)
      && gtk_widget_get_mapped (GTK_WIDGET (reopen->view)))
    open_step_editor (reopen->view, reopen->step);

  g_object_unref (reopen->view);
  g_object_unref (reopen->step);
  g_free (reopen);
  return G_SOURCE_REMOVE;
}

/* A new window takes over: the same editor (the edits, the undo) and the step being edited, which opens again over the new window once it shows. */
void
unknot_editor_view_adopt (UnknotEditorView *self,
                          UnknotEditorView *old)
{
  g_autoptr(UnknotEditor) editor = NULL;
  UnknotStep *step = NULL;

  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (self));
  g_return_if_fail (UNKNOT_IS_EDITOR_VIEW (old));

  if (old->editor == NULL)
    return;

  editor = g_object_ref (old->editor);
  if (old->step_editor != NULL)
    step = g_object_ref (unknot_step_editor_get_step (UNKNOT_STEP_EDITOR (old->step_editor)));

  unknot_editor_view_set_editor (old, NULL);
  unknot_editor_view_set_editor (self, editor);

  if (step != NULL)
    {
      Reopen *reopen = g_new0 (Reopen, 1);

      reopen->view = g_object_ref (self);
      reopen->step = step;
      g_idle_add (reopen_step_editor, reopen);
    }
}

/* For tests: the open step editor or technique chooser, or %NULL. */
GtkWindow *
unknot_editor_view_get_step_editor (UnknotEditorView *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR_VIEW (self), NULL);
  return self->step_editor;
}

GtkWindow *
unknot_editor_view_get_chooser (UnknotEditorView *self)
{
  g_return_val_if_fail (UNKNOT_IS_EDITOR_VIEW (self), NULL);
  return self->chooser;
}
