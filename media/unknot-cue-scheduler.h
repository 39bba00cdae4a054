/* unknot-cue-scheduler.h: what a session should sound like, and when
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-catalogue.h"
#include "unknot-cue-player.h"
#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_CUE_SCHEDULER (unknot_cue_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (UnknotCueScheduler, unknot_cue_scheduler, UNKNOT, CUE_SCHEDULER, GObject)

UnknotCueScheduler *unknot_cue_scheduler_new           (UnknotCuePlayer    *player,
                                                        UnknotCatalogue    *catalogue);
void                unknot_cue_scheduler_set_session   (UnknotCueScheduler *self,
                                                        UnknotSession      *session);
UnknotSession      *unknot_cue_scheduler_get_session   (UnknotCueScheduler *self);
UnknotCuePlayer    *unknot_cue_scheduler_get_player    (UnknotCueScheduler *self);
void                unknot_cue_scheduler_refresh_speech (UnknotCueScheduler *self);
char              **unknot_cue_scheduler_describe_cue_forms (UnknotCueScheduler *self,
                                                             UnknotCueKind       kind,
                                                             int                 step,
                                                             guint               value,
                                                             const char        **sound);
char               *unknot_cue_scheduler_describe_cue  (UnknotCueScheduler *self,
                                                        UnknotCueKind       kind,
                                                        int                 step,
                                                        guint               value,
                                                        const char        **sound);
void                unknot_cue_scheduler_preview_step  (UnknotCueScheduler *self,
                                                        UnknotRoutine      *routine,
                                                        UnknotStep         *step);

G_END_DECLS
