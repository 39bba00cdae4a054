/* unknot-journal-recorder.c: one run of a routine, written into the journal as it goes
 *
 * The run is recorded when it starts and written again at every step boundary, at its finish or
 * stop, and when the person answers after it: a run cut short by a crash or SIGKILL is in the
 * journal as of its last boundary. A step is done when the routine moved past it on its own (or
 * finished in it), skipped when Next left it before that; going back and doing a skipped step
 * makes it done.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include "unknot-journal-recorder.h"
#include "unknot-labels.h"
#include "unknot-planner.h"

typedef enum {
  STEP_NOT_YET,
  STEP_SKIPPED,
  STEP_DONE,
} StepMark;

struct _UnknotJournalRecorder
{
  GObject             parent_instance;

  UnknotJournal      *journal;
  UnknotSession      *session;
  UnknotClock        *clock;
  UnknotJournalEntry *entry;
  guint8             *marks;          /* a StepMark for each step */
  gint64              start_time;     /* on @clock */
  int                 last_step;
  guint               last_skipped;   /* the session's count of Next presses, as last seen */
  gboolean            ended;
};

G_DEFINE_FINAL_TYPE (UnknotJournalRecorder, unknot_journal_recorder, G_TYPE_OBJECT)

enum {
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
count_steps (UnknotJournalRecorder *self)
{
  self->entry->steps_done = 0;
  self->entry->steps_skipped = 0;
  for (guint i = 0; i < self->entry->steps_total; i++)
    {
      self->entry->steps_done += self->marks[i] == STEP_DONE;
      self->entry->steps_skipped += self->marks[i] == STEP_SKIPPED;
    }
}

/* The entry written: added the first time (or until adding works), updated after; @now: with
 * its counts and times as of now (not once the run has ended). */
static void
write_entry (UnknotJournalRecorder *self,
             gboolean               now)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (now)
    {
      gint64 elapsed = unknot_clock_now (self->clock) - self->start_time;
      gint64 active = elapsed - unknot_session_get_paused_time (self->session);

      count_steps (self);
      self->entry->ended = self->entry->started + elapsed / G_USEC_PER_SEC;
      self->entry->seconds = (guint) (MAX (active, 0) / G_USEC_PER_SEC);
    }

  if (self->entry->id > 0)
    ok = unknot_journal_update (self->journal, self->entry, &error);
  else
    ok = unknot_journal_add (self->journal, self->entry, &error);
  if (!ok)
    g_signal_emit (self, signals[ERROR], 0, error);
}

static void
mark (UnknotJournalRecorder *self,
      int                    step,
      StepMark               how)
{
  if (step >= 0 && (guint) step < self->entry->steps_total && self->marks[step] != STEP_DONE)
    self->marks[step] = how;
}

/* What became of the step the session was in: skipped if Next was pressed since, else done if
 * the session went forward (several steps at once after a late wake-up). */
static void
settle_last_step (UnknotJournalRecorder *self,
                  int                    now_step,
                  gboolean               finished)
{
  guint skipped = unknot_session_get_n_skipped (self->session);

  if (skipped != self->last_skipped)
    mark (self, self->last_step, STEP_SKIPPED);
  else if (finished)
    mark (self, self->last_step, STEP_DONE);
  else if (self->last_step >= 0)
    for (int i = self->last_step; i < now_step; i++)
      mark (self, i, STEP_DONE);

  self->last_skipped = skipped;
  self->last_step = now_step;
}

static void
on_step_index (UnknotJournalRecorder *self)
{
  int step = unknot_session_get_step_index (self->session);
  UnknotSessionState state = unknot_session_get_state (self->session);

  if (self->ended || step == self->last_step || state == UNKNOT_SESSION_READY
      || state == UNKNOT_SESSION_FINISHED)
    return;
  settle_last_step (self, step, FALSE);
  write_entry (self, TRUE);
}

static void
end (UnknotJournalRecorder *self,
     UnknotOutcome          outcome)
{
  if (self->ended)
    return;
  self->ended = TRUE;
  g_signal_handlers_disconnect_by_data (self->session, self);
  self->entry->outcome = outcome;
  write_entry (self, TRUE);
  unknot_journal_checkpoint (self->journal);
}

static void
on_state (UnknotJournalRecorder *self)
{
  switch (unknot_session_get_state (self->session))
    {
    case UNKNOT_SESSION_FINISHED:
      settle_last_step (self, -1, TRUE);
      end (self, UNKNOT_OUTCOME_FINISHED);
      break;
    case UNKNOT_SESSION_READY:
      end (self, UNKNOT_OUTCOME_STOPPED);
      break;
    case UNKNOT_SESSION_PREPARING:
    case UNKNOT_SESSION_RUNNING:
    case UNKNOT_SESSION_PAUSED:
    default:
      break;
    }
}

/**
 * unknot_journal_recorder_new:
 * @journal: where to write
 * @session: a session that has just started
 * @clock: the session's clock
 * @pain_before: the answer to "How does your back feel?" before the start, or %UNKNOT_PAIN_NONE
 *
 * Records @session in @journal from now to its finish or stop. A write that fails is emitted as
 * the "error" signal; the next boundary tries again.
 */
UnknotJournalRecorder *
unknot_journal_recorder_new (UnknotJournal *journal,
                             UnknotSession *session,
                             UnknotClock   *clock,
                             int            pain_before)
{
  UnknotJournalRecorder *self;
  UnknotRoutine *routine;

  g_return_val_if_fail (UNKNOT_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (UNKNOT_IS_SESSION (session), NULL);
  g_return_val_if_fail (UNKNOT_IS_CLOCK (clock), NULL);

  self = g_object_new (UNKNOT_TYPE_JOURNAL_RECORDER, NULL);
  self->journal = g_object_ref (journal);
  self->session = g_object_ref (session);
  self->clock = g_object_ref (clock);
  self->start_time = unknot_clock_now (clock);
  self->last_step = unknot_session_get_step_index (session);
  self->last_skipped = unknot_session_get_n_skipped (session);

  routine = unknot_session_get_routine (session);
  self->entry = unknot_journal_entry_new ();
  self->entry->started = g_get_real_time () / G_USEC_PER_SEC;
  g_free (self->entry->routine_id);
  self->entry->routine_id = g_strdup (unknot_routine_get_id (routine));
  g_free (self->entry->routine_name);
  self->entry->routine_name = g_strdup (unknot_routine_get_display_name (routine));
  self->entry->steps_total = unknot_routine_get_n_steps (routine);
  g_free (self->entry->worked);
  self->entry->worked = unknot_plan_describe_worked (routine);
  self->entry->pain_before = CLAMP (pain_before, UNKNOT_PAIN_NONE, UNKNOT_PAIN_MAX);
  self->marks = g_new0 (guint8, MAX (self->entry->steps_total, 1));

  g_signal_connect_object (session, "notify::step-index", G_CALLBACK (on_step_index), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (on_state), self,
                           G_CONNECT_SWAPPED);
  write_entry (self, TRUE);
  if (unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED)
    on_state (self);   /* a routine of no length */
  return self;
}

/* The run as last written (its id is 0 while the journal could not take it). */
const UnknotJournalEntry *
unknot_journal_recorder_get_entry (UnknotJournalRecorder *self)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL_RECORDER (self), NULL);
  return self->entry;
}

UnknotSession *
unknot_journal_recorder_get_session (UnknotJournalRecorder *self)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL_RECORDER (self), NULL);
  return self->session;
}

/* The answer after the run (on the finish page); the run's times stay as they were. */
void
unknot_journal_recorder_set_pain_after (UnknotJournalRecorder *self,
                                        int                    pain)
{
  g_return_if_fail (UNKNOT_IS_JOURNAL_RECORDER (self));

  pain = CLAMP (pain, UNKNOT_PAIN_NONE, UNKNOT_PAIN_MAX);
  if (self->entry->pain_after == pain)
    return;
  self->entry->pain_after = pain;
  write_entry (self, !self->ended);
}

void
unknot_journal_recorder_set_note (UnknotJournalRecorder *self,
                                  const char            *note)
{
  g_return_if_fail (UNKNOT_IS_JOURNAL_RECORDER (self));

  if (note == NULL)
    note = "";
  if (g_strcmp0 (self->entry->note, note) == 0)
    return;
  g_free (self->entry->note);
  self->entry->note = g_strdup (note);
  write_entry (self, !self->ended);
}

/* The run is over for the journal: stopped, unless it finished. */
void
unknot_journal_recorder_end (UnknotJournalRecorder *self)
{
  g_return_if_fail (UNKNOT_IS_JOURNAL_RECORDER (self));
  end (self, UNKNOT_OUTCOME_STOPPED);
}

static void
unknot_journal_recorder_dispose (GObject *object)
{
  UnknotJournalRecorder *self = (UnknotJournalRecorder *) object;

  if (self->session != NULL)
    end (self, UNKNOT_OUTCOME_STOPPED);
  g_clear_object (&self->session);
  g_clear_object (&self->journal);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (unknot_journal_recorder_parent_class)->dispose (object);
}

static void
unknot_journal_recorder_finalize (GObject *object)
{
  UnknotJournalRecorder *self = (UnknotJournalRecorder *) object;

  unknot_journal_entry_free (self->entry);
  g_free (self->marks);

  G_OBJECT_CLASS (unknot_journal_recorder_parent_class)->finalize (object);
}

static void
unknot_journal_recorder_class_init (UnknotJournalRecorderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = unknot_journal_recorder_dispose;
  object_class->finalize = unknot_journal_recorder_finalize;

  /**
   * UnknotJournalRecorder::error:
   *
   * A write failed (a read-only or full disk, a locked journal); the run goes on.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
unknot_journal_recorder_init (UnknotJournalRecorder *self)
{
}
