/* unknot-labels.h: the words a person sees and hears for the format's values
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-catalogue.h"
#include "unknot-routine.h"

G_BEGIN_DECLS

const char *unknot_kind_get_label       (UnknotKind      kind);
const char *unknot_area_get_label       (UnknotArea      area);
const char *unknot_side_get_label       (UnknotSide      side);
const char *unknot_pressure_get_label   (UnknotPressure  pressure);
const char *unknot_pressure_get_description (UnknotPressure pressure);
const char *unknot_tool_get_label       (UnknotTool      tool);
const char *unknot_position_get_label   (UnknotPosition  position);
const char *unknot_cue_sound_get_label  (const char     *sound);

const char *unknot_technique_get_display_name (UnknotTechnique *technique);
const char *unknot_technique_get_display_text (UnknotTechnique *technique,
                                               const char      *text);
const char *unknot_routine_get_display_name   (UnknotRoutine   *routine);
const char *unknot_routine_get_display_description (UnknotRoutine *routine);
const char *unknot_routine_get_display_text   (UnknotRoutine   *routine,
                                               const char      *text);

char       *unknot_step_get_title        (UnknotStep      *step,
                                          UnknotCatalogue *catalogue);
char       *unknot_step_get_summary      (UnknotStep      *step);
const char *unknot_step_get_feel         (UnknotStep      *step);
char       *unknot_duration_to_words     (guint            seconds);
char       *unknot_join_labels           (GPtrArray       *labels);
char       *unknot_areas_to_text         (guint            mask);
char       *unknot_tools_to_text         (guint            mask);
char       *unknot_duration_to_short     (guint            seconds);
char       *unknot_problem_describe      (const UnknotProblem *problem);
char       *unknot_problem_describe_reason (const UnknotProblem *problem);
char       *unknot_routine_get_search_text (UnknotRoutine   *routine,
                                          UnknotCatalogue *catalogue);

const char *unknot_step_get_display_instructions (UnknotStep      *step,
                                               UnknotRoutine   *routine,
                                               UnknotSide       side,
                                               UnknotCatalogue *catalogue);

char       *unknot_speech_for_step       (UnknotRoutine   *routine,
                                          UnknotStep      *step,
                                          UnknotSide       side,
                                          UnknotCatalogue *catalogue);
char       *unknot_speech_for_get_ready  (UnknotRoutine   *routine,
                                          UnknotStep      *first,
                                          UnknotCatalogue *catalogue);
char       *unknot_speech_for_step_short (UnknotStep      *step,
                                          UnknotCatalogue *catalogue);
char       *unknot_speech_for_hold       (UnknotStep      *step,
                                          UnknotCatalogue *catalogue);
char       *unknot_speech_for_switch     (UnknotSide       side);
char       *unknot_speech_for_finish     (UnknotRoutine   *routine);

G_END_DECLS
