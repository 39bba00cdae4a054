/* unknot-run.h: the routine that runs, owned by the application, shown by windows
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "unknot-catalogue.h"
#include "unknot-clock.h"
#include "unknot-cue-scheduler.h"
#include "unknot-journal.h"
#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_CLOSE_PLAYER_AFTER 8   /* seconds after the finish: the last words have been said */

#define UNKNOT_TYPE_RUN (unknot_run_get_type ())

G_DECLARE_FINAL_TYPE (UnknotRun, unknot_run, UNKNOT, RUN, GObject)

UnknotRun          *unknot_run_new            (GtkApplication *application,
                                               UnknotCatalogue *catalogue,
                                               UnknotClock    *clock);
UnknotSession      *unknot_run_get_session    (UnknotRun      *self);
UnknotClock        *unknot_run_get_clock      (UnknotRun      *self);
UnknotCueScheduler *unknot_run_get_scheduler  (UnknotRun      *self);
void                unknot_run_set_preparation (UnknotRun     *self,
                                               int             seconds);
int                 unknot_run_get_preparation (UnknotRun     *self);
gboolean            unknot_run_is_active      (UnknotRun      *self);
gboolean            unknot_run_can_notify     (UnknotRun      *self);

void                unknot_run_start          (UnknotRun      *self,
                                               UnknotRoutine  *routine);
void                unknot_run_stop           (UnknotRun      *self);
void                unknot_run_preview_step   (UnknotRun      *self,
                                               UnknotRoutine  *routine,
                                               UnknotStep     *step);
void                unknot_run_end_preview    (UnknotRun      *self);
void                unknot_run_warm_player    (UnknotRun      *self,
                                               gboolean        warm);
gboolean            unknot_run_is_player_warm (UnknotRun      *self);

UnknotJournal      *unknot_run_get_journal    (UnknotRun      *self);
const UnknotJournalEntry *unknot_run_get_journal_entry (UnknotRun *self);
void                unknot_run_set_pain_before (UnknotRun     *self,
                                               int             pain);
void                unknot_run_set_pain_after (UnknotRun      *self,
                                               int             pain);
void                unknot_run_set_note       (UnknotRun      *self,
                                               const char     *note);

G_END_DECLS
