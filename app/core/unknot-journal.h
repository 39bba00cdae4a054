/* unknot-journal.h: the pain journal, one SQLite file of the runs a person made
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The schema this Unknot writes (PRAGMA user_version); older ones are migrated on open. */
#define UNKNOT_JOURNAL_VERSION 3

#define UNKNOT_PAIN_NONE (-1)   /* no answer to "How does your back feel?" */
#define UNKNOT_PAIN_MAX  10     /* the clinicians' 0-10 scale: 10 is the worst imaginable */

typedef enum {
  UNKNOT_OUTCOME_RUNNING,    /* still running, or ended by a crash: as of its last step */
  UNKNOT_OUTCOME_FINISHED,
  UNKNOT_OUTCOME_STOPPED,
} UnknotOutcome;

/* One run of a routine, as the journal keeps it. */
typedef struct {
  gint64         id;             /* the journal's; 0 until recorded */
  gint64         started;        /* Unix time, seconds */
  gint64         ended;          /* as of the last write */
  char          *routine_id;
  char          *routine_name;   /* at the time of the run */
  guint          steps_done;
  guint          steps_skipped;
  guint          steps_total;
  guint          seconds;        /* spent in the routine, pauses not counted */
  int            pain_before;    /* 0-10 or UNKNOT_PAIN_NONE */
  int            pain_after;
  char          *note;           /* never NULL */
  UnknotOutcome  outcome;
  char          *worked;         /* what the routine worked when it ran, for the planner:
                                  * unknot_plan_describe_worked(); "" before version 3 */
} UnknotJournalEntry;

#define UNKNOT_TYPE_JOURNAL_ENTRY (unknot_journal_entry_get_type ())

GType               unknot_journal_entry_get_type (void) G_GNUC_CONST;
UnknotJournalEntry *unknot_journal_entry_new      (void);
UnknotJournalEntry *unknot_journal_entry_copy     (const UnknotJournalEntry *entry);
void                unknot_journal_entry_free     (UnknotJournalEntry       *entry);
const char         *unknot_outcome_to_string      (UnknotOutcome             outcome);
const char         *unknot_outcome_to_label       (UnknotOutcome             outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnknotJournalEntry, unknot_journal_entry_free)

typedef enum {
  UNKNOT_JOURNAL_OPEN_DEFAULT   = 0,
  UNKNOT_JOURNAL_OPEN_NO_CREATE = 1 << 0,   /* G_IO_ERROR_NOT_FOUND if there is none yet */
} UnknotJournalOpenFlags;

#define UNKNOT_TYPE_JOURNAL (unknot_journal_get_type ())

G_DECLARE_FINAL_TYPE (UnknotJournal, unknot_journal, UNKNOT, JOURNAL, GObject)

char          *unknot_journal_get_default_path (void);
UnknotJournal *unknot_journal_open             (const char             *path,
                                                UnknotJournalOpenFlags  flags,
                                                GError                **error);
const char    *unknot_journal_get_path         (UnknotJournal          *self);
const char    *unknot_journal_get_moved_aside  (UnknotJournal          *self);
char          *unknot_journal_describe_moved_aside (UnknotJournal      *self);

gboolean       unknot_journal_add              (UnknotJournal          *self,
                                                UnknotJournalEntry     *entry,
                                                GError                **error);
gboolean       unknot_journal_update           (UnknotJournal          *self,
                                                const UnknotJournalEntry *entry,
                                                GError                **error);
gboolean       unknot_journal_delete           (UnknotJournal          *self,
                                                gint64                  id,
                                                GError                **error);
gboolean       unknot_journal_delete_all       (UnknotJournal          *self,
                                                GError                **error);
void           unknot_journal_checkpoint       (UnknotJournal          *self);
GPtrArray     *unknot_journal_list             (UnknotJournal          *self,
                                                GError                **error);

char          *unknot_journal_entries_to_csv   (GPtrArray              *entries);

G_END_DECLS
