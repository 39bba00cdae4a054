/* unknot-step.h: one step of a routine
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-types.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_STEP (unknot_step_get_type ())

G_DECLARE_FINAL_TYPE (UnknotStep, unknot_step, UNKNOT, STEP, GObject)

UnknotStep     *unknot_step_new              (void);
UnknotStep     *unknot_step_new_rest         (guint           duration);
UnknotStep     *unknot_step_copy             (UnknotStep     *self);
gboolean        unknot_step_equal            (UnknotStep     *a,
                                              UnknotStep     *b);

UnknotKind      unknot_step_get_kind         (UnknotStep     *self);
void            unknot_step_set_kind         (UnknotStep     *self,
                                              UnknotKind      kind);
gboolean        unknot_step_is_rest          (UnknotStep     *self);
const char     *unknot_step_get_technique    (UnknotStep     *self);
void            unknot_step_set_technique    (UnknotStep     *self,
                                              const char     *technique);
UnknotArea      unknot_step_get_area         (UnknotStep     *self);
void            unknot_step_set_area         (UnknotStep     *self,
                                              UnknotArea      area);
UnknotSide      unknot_step_get_side         (UnknotStep     *self);
void            unknot_step_set_side         (UnknotStep     *self,
                                              UnknotSide      side);
UnknotPressure  unknot_step_get_pressure     (UnknotStep     *self);
void            unknot_step_set_pressure     (UnknotStep     *self,
                                              UnknotPressure  pressure);
UnknotTool      unknot_step_get_tool         (UnknotStep     *self);
void            unknot_step_set_tool         (UnknotStep     *self,
                                              UnknotTool      tool);
guint           unknot_step_get_duration     (UnknotStep     *self);
void            unknot_step_set_duration     (UnknotStep     *self,
                                              guint           duration);
const char     *unknot_step_get_instructions (UnknotStep     *self);
void            unknot_step_set_instructions (UnknotStep     *self,
                                              const char     *instructions);
const char     *unknot_step_get_second_instructions (UnknotStep *self);
void            unknot_step_set_second_instructions (UnknotStep *self,
                                                     const char *instructions);
const char     *unknot_step_get_instructions_for_side (UnknotStep *self,
                                                       UnknotSide  side);
gboolean        unknot_step_get_hold         (UnknotStep     *self);
void            unknot_step_set_hold         (UnknotStep     *self,
                                              gboolean        hold);
UnknotPosition  unknot_step_get_position     (UnknotStep     *self);
void            unknot_step_set_position     (UnknotStep     *self,
                                              UnknotPosition  position);
const char     *unknot_step_get_cue_sound    (UnknotStep     *self);
void            unknot_step_set_cue_sound    (UnknotStep     *self,
                                              const char     *cue_sound);
gboolean        unknot_step_get_cue_speak    (UnknotStep     *self);
void            unknot_step_set_cue_speak    (UnknotStep     *self,
                                              gboolean        cue_speak);

G_END_DECLS
