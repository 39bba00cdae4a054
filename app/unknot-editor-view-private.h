/* unknot-editor-view-private.h: what unknot-editor-view.c and unknot-editor-view-dnd.c share
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-editor-step-row.h"
#include "unknot-editor-view.h"

G_BEGIN_DECLS

struct _UnknotEditorView
{
  GtkWidget          parent_instance;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *title;
  GtkLabel          *short_title;   /* the title on narrow widths: the unsaved mark alone */
  GtkWidget         *save_button;
  GtkWidget         *start_button;
  GtkRevealer       *problems_revealer;
  GtkLabel          *problems_label;
  AdwEntryRow       *name_row;
  GtkWidget         *name_icon;
  GtkLabel          *name_problem;
  AdwEntryRow       *description_row;
  GtkWidget         *description_icon;
  GtkLabel          *description_problem;
  GtkSpinButton     *preparation_spin;
  GtkLabel          *preparation_problem;
  GtkLabel          *total_label;
  GtkGridView       *steps_list;    /* the form, a row a step, the notes: recycled rows */
  GtkWidget         *intro;         /* the form: the list's first row */
  GtkWidget         *outro;         /* the notes under the steps: its last */
  GtkBox            *holder;        /* where both wait while no row shows them */
  GtkWidget         *placeholder;   /* "No steps yet", in the notes */
  GtkLabel          *steps_problem;
  GtkWidget         *add_step_button;
  GListStore        *parts;         /* of GListModel: the list's items, flattened: the form's
                                     * item, the steps, the notes' item */
  GListStore        *no_steps;      /* the steps while no routine is bound */
  GPtrArray         *bound_rows;    /* of EditorRow: the step rows showing a step now */

  UnknotApplication *application;   /* not owned: it outlives every window */
  UnknotEditor      *editor;
  UnknotRoutine     *routine;       /* the editor's working copy, as bound */
  GPtrArray         *bindings;      /* of GBinding, to the working copy */
  GtkWindow         *step_editor;   /* weak */
  GtkWindow         *chooser;       /* weak */
  GtkWindow         *disk_dialog;   /* weak */
  AdwToast          *undo_toast;    /* weak */
  gint64             undo_toast_added;   /* monotonic time it was added, in µs */
  gboolean           touched;       /* problems shown: a new routine's wait for the first edit */
  char              *rows_problems; /* what the step rows show of the problems: see
                                     * update_problems() */
  double             drag_x;        /* where the row being dragged was taken, in the row */
  double             drag_y;
};

/* A row of the step list: one widget serves the form, a step and the notes in turn. */
typedef struct {
  GtkWidget           *box;
  GtkWidget           *list;      /* a boxed list of the one row, for its looks and focus */
  UnknotEditorStepRow *row;
  GtkListItem         *item;      /* not owned: it owns the box */
  UnknotStep          *step;      /* the step bound, watched for changes */
  gulong               notify_id;
} EditorRow;

/* unknot-editor-view.c */
gboolean _unknot_editor_view_save_copy (UnknotEditorView  *self,
                                        GFile             *file,
                                        gboolean           archive,
                                        GError           **error);
void _unknot_editor_view_move_step   (UnknotEditorView    *self,
                                      guint                from,
                                      guint                to,
                                      const char          *refocus);

/* unknot-editor-view-dnd.c: the handle drags its step; any row takes it at its own place */
void _unknot_editor_view_add_row_dnd (UnknotEditorView    *self,
                                      UnknotEditorStepRow *row);

G_END_DECLS
