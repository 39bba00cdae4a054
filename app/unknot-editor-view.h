/* unknot-editor-view.h: the routine editor page
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-application.h"
#include "unknot-editor.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_EDITOR_VIEW (unknot_editor_view_get_type ())

G_DECLARE_FINAL_TYPE (UnknotEditorView, unknot_editor_view, UNKNOT, EDITOR_VIEW, GtkWidget)

/**
 * UnknotEditorViewLeaveFunc:
 * @can_leave: %TRUE when the edits were saved or discarded (or there were none), %FALSE when
 *   the person cancelled or the save failed
 */
typedef void (*UnknotEditorViewLeaveFunc) (UnknotEditorView *self,
                                           gboolean          can_leave,
                                           gpointer          data);

void          unknot_editor_view_set_application (UnknotEditorView          *self,
                                                  UnknotApplication         *application);
void          unknot_editor_view_set_editor      (UnknotEditorView          *self,
                                                  UnknotEditor              *editor);
UnknotEditor *unknot_editor_view_get_editor      (UnknotEditorView          *self);
void          unknot_editor_view_focus           (UnknotEditorView          *self);
void          unknot_editor_view_confirm_leave   (UnknotEditorView          *self,
                                                  UnknotEditorViewLeaveFunc  func,
                                                  gpointer                   data);
void          unknot_editor_view_leave           (UnknotEditorView          *self);
void          unknot_editor_view_adopt           (UnknotEditorView          *self,
                                                  UnknotEditorView          *old);
GtkWindow    *unknot_editor_view_get_step_editor (UnknotEditorView          *self);
GtkWindow    *unknot_editor_view_get_chooser     (UnknotEditorView          *self);

G_END_DECLS
