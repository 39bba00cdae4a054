/* unknot-editor-step-row.h: a step of the routine being edited, with its handle and buttons
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-catalogue.h"
#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_EDITOR_STEP_ROW (unknot_editor_step_row_get_type ())

G_DECLARE_FINAL_TYPE (UnknotEditorStepRow, unknot_editor_step_row, UNKNOT, EDITOR_STEP_ROW,
                      AdwActionRow)

GtkWidget  *unknot_editor_step_row_new        (UnknotStep          *step);
UnknotStep *unknot_editor_step_row_get_step   (UnknotEditorStepRow *self);
void        unknot_editor_step_row_set_step   (UnknotEditorStepRow *self,
                                               UnknotStep          *step,
                                               int                  position);
int         unknot_editor_step_row_get_position (UnknotEditorStepRow *self);
GtkWidget  *unknot_editor_step_row_get_handle (UnknotEditorStepRow *self);
GtkWidget  *unknot_editor_step_row_get_button (UnknotEditorStepRow *self,
                                               const char          *action_name);
void        unknot_editor_step_row_update     (UnknotEditorStepRow *self,
                                               UnknotCatalogue     *catalogue,
                                               guint                n_steps,
                                               const char          *problems);

G_END_DECLS
