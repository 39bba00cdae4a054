/* unknot-journal-recorder.h: one run of a routine, written into the journal as it goes
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-journal.h"
#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_JOURNAL_RECORDER (unknot_journal_recorder_get_type ())

G_DECLARE_FINAL_TYPE (UnknotJournalRecorder, unknot_journal_recorder, UNKNOT, JOURNAL_RECORDER,
                      GObject)

UnknotJournalRecorder    *unknot_journal_recorder_new            (UnknotJournal         *journal,
                                                                  UnknotSession         *session,
                                                                  UnknotClock           *clock,
                                                                  int                    pain_before);
const UnknotJournalEntry *unknot_journal_recorder_get_entry      (UnknotJournalRecorder *self);
UnknotSession            *unknot_journal_recorder_get_session    (UnknotJournalRecorder *self);
void                      unknot_journal_recorder_set_pain_after (UnknotJournalRecorder *self,
                                                                  int                    pain);
void                      unknot_journal_recorder_set_note       (UnknotJournalRecorder *self,
                                                                  const char            *note);
void                      unknot_journal_recorder_end            (UnknotJournalRecorder *self);

G_END_DECLS
