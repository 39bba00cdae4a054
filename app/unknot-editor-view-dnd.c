/* unknot-editor-view-dnd.c: reordering the routine editor's steps by drag and drop
 *
 * The handle of a step's row drags the step (a GdkContentProvider of the UnknotStep); every row
 * takes a step dropped on it to its own place. The move goes through the editor, like the
 * buttons' and the keyboard's, so Undo and the problems follow.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include "unknot-editor-view-private.h"

typedef struct {
  UnknotEditorView *view;
  UnknotStep       *step;
  guint             to;
} PendingMove;

static UnknotEditorView *
row_get_view (GtkWidget *row)
{
  return UNKNOT_EDITOR_VIEW (gtk_widget_get_ancestor (row, UNKNOT_TYPE_EDITOR_VIEW));
}

static gboolean
move_later (gpointer data)
{
  PendingMove *move = data;
  UnknotEditorView *self = move->view;
  guint from;

  /* The rows may show other steps since the drop: find the step where it is now. */
  if (self->editor != NULL
      && g_list_store_find (G_LIST_STORE (unknot_routine_get_steps (self->routine)), move->step,
                            &from))
    _unknot_editor_view_move_step (self, from,
                                   MIN (move->to, unknot_routine_get_n_steps (self->routine) - 1),
                                   NULL);

  g_object_unref (move->view);
  g_object_unref (move->step);
  g_free (move);
  return G_SOURCE_REMOVE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource       *source,
                 double               x,
                 double               y,
                 UnknotEditorStepRow *row)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  UnknotEditorView *self = row_get_view (GTK_WIDGET (row));
  double row_x = x, row_y = y;

  /* Where the row was taken, so the row follows the pointer from that point. */
  gtk_widget_translate_coordinates (handle, GTK_WIDGET (row), x, y, &row_x, &row_y);
  if (self != NULL)
    {
      self->drag_x = row_x;
      self->drag_y = row_y;
    }
  return gdk_content_provider_new_typed (UNKNOT_TYPE_STEP, unknot_editor_step_row_get_step (row));
}

/* What is dragged: a copy of the row in a list of its own, so it has the list's background. */
static void
on_drag_begin (GtkDragSource       *source,
               GdkDrag             *drag,
               UnknotEditorStepRow *row)
{
  UnknotEditorView *self = row_get_view (GTK_WIDGET (row));
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *copy = adw_action_row_new ();

  gtk_widget_set_size_request (list, gtk_widget_get_width (GTK_WIDGET (row)),
                               gtk_widget_get_height (GTK_WIDGET (row)));
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (copy), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (copy),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (copy),
                               adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  adw_action_row_add_prefix (ADW_ACTION_ROW (copy),
                             gtk_image_new_from_icon_name ("list-drag-handle-symbolic"));
  gtk_list_box_append (GTK_LIST_BOX (list), copy);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), list);
  if (self != NULL)
    gdk_drag_set_hotspot (drag, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (row), "dragged");
}

static void
on_drag_end (GtkDragSource       *source,
             GdkDrag             *drag,
             gboolean             delete_data,
             UnknotEditorStepRow *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "dragged");
}

static gboolean
on_drop (GtkDropTarget       *target,
         const GValue        *value,
         double               x,
         double               y,
         UnknotEditorStepRow *row)
{
  UnknotEditorView *self = row_get_view (GTK_WIDGET (row));
  UnknotStep *step = g_value_get_object (value);
  int to = unknot_editor_step_row_get_position (row);
  PendingMove *move;

  if (self == NULL || self->editor == NULL || step == NULL || to < 0
      || step == unknot_editor_step_row_get_step (row))
    return FALSE;

  /* Not from inside the drop: moving binds the rows, this one included, again. */
  move = g_new0 (PendingMove, 1);
  move->view = g_object_ref (self);
  move->step = g_object_ref (step);
  move->to = (guint) to;
  g_idle_add (move_later, move);
  return TRUE;
}

/* Gives @row, a row of @self's step list, its drag source (on the handle) and drop target. */
void
_unknot_editor_view_add_row_dnd (UnknotEditorView    *self,
                                 UnknotEditorStepRow *row)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (UNKNOT_TYPE_STEP, GDK_ACTION_MOVE);

  g_assert (UNKNOT_IS_EDITOR_VIEW (self));
  g_assert (UNKNOT_IS_EDITOR_STEP_ROW (row));

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), row);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin), row);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), row);
  gtk_widget_add_controller (unknot_editor_step_row_get_handle (row),
                             GTK_EVENT_CONTROLLER (source));

  g_signal_connect (target, "drop", G_CALLBACK (on_drop), row);
  gtk_widget_add_controller (GTK_WIDGET (row), GTK_EVENT_CONTROLLER (target));
}
