/* unknot-editor.h: editing a routine of one's own, with undo, validation and safe saving
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-library.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_EDITOR (unknot_editor_get_type ())

G_DECLARE_FINAL_TYPE (UnknotEditor, unknot_editor, UNKNOT, EDITOR, GObject)

UnknotEditor  *unknot_editor_new              (UnknotLibrary  *library,
                                               UnknotRoutine  *original);
UnknotRoutine *unknot_editor_get_routine      (UnknotEditor   *self);
UnknotRoutine *unknot_editor_get_original     (UnknotEditor   *self);
void           unknot_editor_set_original     (UnknotEditor   *self,
                                               UnknotRoutine  *original);
gboolean       unknot_editor_get_modified     (UnknotEditor   *self);
gboolean       unknot_editor_is_new           (UnknotEditor   *self);
GPtrArray     *unknot_editor_get_problems     (UnknotEditor   *self);
const UnknotProblem *unknot_editor_get_problem (UnknotEditor   *self,
                                               const char     *path);
const UnknotProblem *unknot_editor_get_field_problem (UnknotEditor  *self,
                                                int            step,
                                                UnknotField    field);
gboolean       unknot_editor_is_valid         (UnknotEditor   *self);
guint          unknot_editor_add_step         (UnknotEditor   *self,
                                               const char     *technique,
                                               int             position);
guint          unknot_editor_add_rest         (UnknotEditor   *self,
                                               int             position);
void           unknot_editor_remove_step      (UnknotEditor   *self,
                                               guint           position);
void           unknot_editor_duplicate_step   (UnknotEditor   *self,
                                               guint           position);
gboolean       unknot_editor_move_step        (UnknotEditor   *self,
                                               guint           from,
                                               guint           to);
gboolean       unknot_editor_can_undo         (UnknotEditor   *self);
gboolean       unknot_editor_undo             (UnknotEditor   *self);
gboolean       unknot_editor_save             (UnknotEditor   *self,
                                               GError        **error);
void           unknot_editor_revert           (UnknotEditor   *self);
char          *unknot_editor_describe_save_error (const GError *error);

G_END_DECLS
