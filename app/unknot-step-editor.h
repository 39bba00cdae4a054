/* unknot-step-editor.h: every field of one step, edited in place
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-editor.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_STEP_EDITOR (unknot_step_editor_get_type ())

G_DECLARE_FINAL_TYPE (UnknotStepEditor, unknot_step_editor, UNKNOT, STEP_EDITOR, AdwWindow)

UnknotStepEditor *unknot_step_editor_new      (GtkWindow        *parent,
                                               UnknotEditor     *editor,
                                               UnknotCatalogue  *catalogue,
                                               UnknotStep       *step);
UnknotStep       *unknot_step_editor_get_step (UnknotStepEditor *self);

G_END_DECLS
