/* test-run.c: the running routine belongs to the application, not to a window
 *
 * Runs the real UnknotApplication under Xvfb (tests/headless.sh), with no window at all, on a
 * fake clock the test moves on itself, and a stand-in notification service on the test's bus.
 * UnknotRun starts, stops and previews routines: its "session" changes before a session starts;
 * the end of a routine is signalled once and, with no window to show it, notified once; the cue
 * player stays open for the last words and closes UNKNOT_CLOSE_PLAYER_AFTER seconds after the
 * finish, on the run's clock; a preview opens the player only when nothing else has it open;
 * the "get-ready" setting reaches the session; an output that cannot be opened is said once, and
 * the routine runs on silent; a routine's own sound that cannot be played is said once, naming the
 * step and the file. The journal is fed by the run, window or not: a run recorded with its
 * answers, a garbage journal moved aside and said once, a full disk said once while the routine
 * goes on.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-run"

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-i18n.h"
#include "unknot-run.h"
#include "unknot-ui-test-util.h"

#define ROUTINE_ID "run-test"

/* Three steps of a second. */
static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"Run test\",\n"
  "  \"description\": \"Three one-second steps.\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"light-stroking\", \"area\": \"upper-back\", \"duration\": 1 },\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 1 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"lower-back\", \"duration\": 1 }\n"
  "  ]\n"
  "}\n";

/* Two steps whose sound, beside the routine, is not there. */
#define SOUNDLESS_ID "run-test-soundless"
static const char soundless_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" SOUNDLESS_ID "\",\n"
  "  \"name\": \"Run test without its sound\",\n"
  "  \"description\": \"\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 1,\n"
  "      \"cue\": { \"sound\": \"gone.wav\" } },\n"
  "    { \"technique\": \"stretching\", \"area\": \"neck\", \"duration\": 1,\n"
  "      \"cue\": { \"sound\": \"gone.wav\" } }\n"
  "  ]\n"
  "}\n";

/* Three steps whose sounds beside the routine are a FIFO nothing writes to, a link to a file
 * outside the routine's folder, and twelve seconds long. */
#define TRAPS_ID "run-test-traps"
static const char traps_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" TRAPS_ID "\",\n"
  "  \"name\": \"Run test with sounds that are refused\",\n"
  "  \"description\": \"\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 1,\n"
  "      \"cue\": { \"sound\": \"pipe.wav\" } },\n"
  "    { \"technique\": \"kneading\", \"area\": \"neck\", \"duration\": 1,\n"
  "      \"cue\": { \"sound\": \"outside.wav\" } },\n"
  "    { \"technique\": \"stretching\", \"area\": \"neck\", \"duration\": 1,\n"
  "      \"cue\": { \"sound\": \"long.wav\" } }\n"
  "  ]\n"
  "}\n";

static UnknotApplication *app;
static UnknotFakeClock   *fake_clock;
static UnknotRun         *run;

typedef struct {
  guint              n_session_changes;
  UnknotSessionState state_at_change;   /* of the new session, when "session" changed */
  guint              n_finished;
  GPtrArray         *errors;
} Seen;

static void
on_session_changed (UnknotRun  *r,
                    GParamSpec *pspec,
                    Seen       *seen)
{
  UnknotSession *session = unknot_run_get_session (r);

  seen->n_session_changes++;
  seen->state_at_change = session ? unknot_session_get_state (session) : UNKNOT_SESSION_READY;
}

static void
on_finished (UnknotRun     *r,
             UnknotSession *session,
             Seen          *seen)
{
  g_assert_true (session == unknot_run_get_session (r));
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);
  seen->n_finished++;
}

static void
on_error (UnknotRun  *r,
          const char *message,
          Seen       *seen)
{
  g_test_message ("error: %s", message);
  g_ptr_array_add (seen->errors, g_strdup (message));
}

static void
watch (Seen *seen)
{
  seen->errors = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (run, "notify::session", G_CALLBACK (on_session_changed), seen);
  g_signal_connect (run, "finished", G_CALLBACK (on_finished), seen);
  g_signal_connect (run, "error", G_CALLBACK (on_error), seen);
}

static void
unwatch (Seen *seen)
{
  g_signal_handlers_disconnect_by_data (run, seen);
  g_ptr_array_unref (seen->errors);
}

static UnknotRoutine *
routine (void)
{
  UnknotRoutine *r = unknot_library_lookup (unknot_application_get_library (app), ROUTINE_ID);

  g_assert_nonnull (r);
  return r;
}

static UnknotCuePlayer *
player (void)
{
  return unknot_cue_scheduler_get_player (unknot_run_get_scheduler (run));
}

static gint64
now (void)
{
  return unknot_clock_now (UNKNOT_CLOCK (fake_clock));
}

/* Start to finish: the session, the end signalled and notified once, the player closed later */

static void
test_start_finish (void)
{
  Seen seen = { 0 };
  UnknotSession *session;
  gint64 start;
  guint n_before = test_n_notifications;

  watch (&seen);
  g_assert_null (unknot_run_get_session (run));
  g_assert_false (unknot_run_is_active (run));

  start = now ();
  unknot_run_start (run, routine ());
  session = unknot_run_get_session (run);
  g_assert_nonnull (session);
  /* Told before the session started, so a window shows the player before the first cue. */
  g_assert_cmpuint (seen.n_session_changes, ==, 1);
  g_assert_cmpint (seen.state_at_change, ==, UNKNOT_SESSION_READY);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_RUNNING);
  g_assert_true (unknot_run_is_active (run));
  g_assert_true (unknot_session_get_routine (session) == routine ());
  g_assert_true (unknot_cue_scheduler_get_session (unknot_run_get_scheduler (run)) == session);
  g_assert_true (unknot_cue_player_is_open (player ()));

  /* On the run's clock: a microsecond before the end it runs, at the end it has finished. */
  test_clock_advance (fake_clock, start + MSEC (3000) - 1 - now ());
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_RUNNING);
  g_assert_cmpint (unknot_session_get_step_index (session), ==, 2);
  g_assert_cmpuint (seen.n_finished, ==, 0);
  test_clock_advance (fake_clock, 1);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (seen.n_finished, ==, 1);
  g_assert_false (unknot_run_is_active (run));
  /* The finished session stays the run's, for a window to show its summary. */
  g_assert_true (unknot_run_get_session (run) == session);

  /* No window has the focus: the desktop is told, once. */
  if (!test_spin_until (test_notified, GUINT_TO_POINTER (n_before + 1), 30000))
    g_error ("The end of a routine with no window was not notified");
  test_spin_for (200);
  g_assert_cmpuint (test_n_notifications, ==, n_before + 1);

  /* The player stays open for the last words, then closes, on the run's clock. */
  test_clock_advance (fake_clock, UNKNOT_CLOSE_PLAYER_AFTER * G_USEC_PER_SEC - 1);
  g_assert_true (unknot_cue_player_is_open (player ()));
  test_clock_advance (fake_clock, 1);
  g_assert_false (unknot_cue_player_is_open (player ()));
  g_assert_null (unknot_cue_scheduler_get_session (unknot_run_get_scheduler (run)));
  g_assert_cmpuint (seen.n_finished, ==, 1);

  unknot_run_stop (run);
  g_assert_null (unknot_run_get_session (run));
  g_assert_cmpuint (seen.n_session_changes, ==, 2);
  g_assert_cmpuint (seen.errors->len, ==, 0);
  unwatch (&seen);
}

/* Stop and start again: nothing of the old session is left running */

static void
test_stop_restart (void)
{
  Seen seen = { 0 };
  UnknotSession *first, *second;
  guint n_before = test_n_notifications;

  watch (&seen);
  unknot_run_start (run, routine ());
  first = unknot_run_get_session (run);
  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  test_clock_advance (fake_clock, MSEC (500));
  g_assert_cmpint (unknot_session_get_position (first), ==, MSEC (500));

  /* Starting again replaces the session; the first one is stopped and let go. */
  unknot_run_start (run, routine ());
  second = unknot_run_get_session (run);
  g_assert_true (second != first);
  g_assert_null (first);
  g_assert_cmpint (unknot_session_get_position (second), ==, 0);
  g_assert_true (unknot_cue_player_is_open (player ()));
  g_assert_cmpuint (seen.n_session_changes, ==, 2);

  /* Stopped: no session, no sound, nothing that wakes up on the clock any more. */
  g_object_add_weak_pointer (G_OBJECT (second), (gpointer *) &second);
  unknot_run_stop (run);
  g_assert_null (unknot_run_get_session (run));
  g_assert_null (second);
  g_assert_false (unknot_cue_player_is_open (player ()));
  g_assert_cmpuint (unknot_fake_clock_get_n_pending (fake_clock), ==, 0);
  test_clock_advance (fake_clock, MSEC (10000));
  g_assert_cmpuint (seen.n_finished, ==, 0);
  test_spin_for (200);
  g_assert_cmpuint (test_n_notifications, ==, n_before);
  unwatch (&seen);
}

/* Previews open the player only for themselves */

static void
test_preview (void)
{
  UnknotRoutine *r = routine ();
  UnknotStep *step = unknot_routine_get_step (r, 1);

  g_assert_false (unknot_cue_player_is_open (player ()));
  unknot_run_preview_step (run, r, step);
  g_assert_true (unknot_cue_player_is_open (player ()));
  g_assert_null (unknot_run_get_session (run));
  unknot_run_end_preview (run);
  g_assert_false (unknot_cue_player_is_open (player ()));

  /* With a routine running, the player is the routine's: leaving the editor keeps it open. */
  unknot_run_start (run, routine ());
  unknot_run_preview_step (run, r, step);
  unknot_run_end_preview (run);
  g_assert_true (unknot_cue_player_is_open (player ()));
  unknot_run_stop (run);
  g_assert_false (unknot_cue_player_is_open (player ()));
}

/* The "get-ready" setting reaches the next session */

static void
test_preparation (void)
{
  GSettings *settings = unknot_application_get_settings (app);
  UnknotSession *session;

  /* Without words: spoken, the countdown would be lengthened for them (test-cues-wav). */
  g_settings_set_boolean (settings, "speak", FALSE);
  g_settings_set_int (settings, "get-ready", 5);
  g_assert_cmpint (unknot_run_get_preparation (run), ==, 5);
  unknot_run_start (run, routine ());
  session = unknot_run_get_session (run);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_PREPARING);
  g_assert_true (unknot_run_is_active (run));
  test_clock_advance (fake_clock, MSEC (5000) - 1);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_PREPARING);
  test_clock_advance (fake_clock, 1);
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_RUNNING);
  unknot_run_stop (run);

  /* -1: the routine's own (none here). */
  g_settings_set_int (settings, "get-ready", -1);
  g_assert_cmpint (unknot_run_get_preparation (run), ==, -1);
  unknot_run_start (run, routine ());
  g_assert_cmpint (unknot_session_get_state (unknot_run_get_session (run)), ==,
                   UNKNOT_SESSION_RUNNING);
  unknot_run_stop (run);
  g_settings_reset (settings, "speak");
}

/* No sound output: said once, and the routine runs on */

static void
test_no_output (void)
{
  Seen seen = { 0 };
  g_autofree char *sink = g_strdup (g_getenv ("UNKNOT_AUDIO_SINK"));
  UnknotSession *session;

  watch (&seen);
  g_setenv ("UNKNOT_AUDIO_SINK", "no-such-element-in-gstreamer", TRUE);

  unknot_run_start (run, routine ());
  session = unknot_run_get_session (run);
  g_assert_false (unknot_cue_player_is_open (player ()));
  g_assert_cmpuint (seen.errors->len, ==, 1);
  test_clock_advance (fake_clock, MSEC (1500));
  g_assert_cmpint (unknot_session_get_step_index (session), ==, 1);

  /* A second routine is not told again. */
  unknot_run_start (run, routine ());
  g_assert_cmpuint (seen.errors->len, ==, 1);
  unknot_run_stop (run);

  if (sink != NULL)
    g_setenv ("UNKNOT_AUDIO_SINK", sink, TRUE);
  else
    g_unsetenv ("UNKNOT_AUDIO_SINK");
  unwatch (&seen);
}

/* A routine's own sound that cannot be played: said once, in words for the person */

static guint errors_wanted = 1;

static gboolean
has_errors (gpointer data)
{
  return ((Seen *) data)->errors->len >= errors_wanted;
}

/* A WAV of @seconds of silence, 48 kHz mono 16 bit. */
static void
write_silent_wav (const char *path,
                  guint       seconds)
{
  guint32 n = seconds * 48000;
  gsize size = 44 + (gsize) n * 2;
  g_autofree guint8 *wav = g_malloc0 (size);
  g_autoptr(GError) error = NULL;
  static const guint8 header[] = {
    'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0,
    1, 0, 0x80, 0xbb, 0, 0, 0, 0x77, 1, 0, 2, 0, 16, 0, 'd', 'a', 't', 'a'
  };
  guint32 riff = GUINT32_TO_LE ((guint32) size - 8);
  guint32 data = GUINT32_TO_LE (n * 2);

  memcpy (wav, header, sizeof header);
  memcpy (wav + 4, &riff, 4);
  memcpy (wav + 40, &data, 4);
  g_file_set_contents (path, (const char *) wav, (gssize) size, &error);
  g_assert_no_error (error);
}

/* Sounds that are refused (a FIFO, a link out of the folder, too long): never a hang, each
 * said once through the run's "error" (a toast in the window) with the file's name and why,
 * and the routine runs on to its end with the chime. */
static void
test_refused_sounds (void)
{
  Seen seen = { 0 };
  UnknotRoutine *r = unknot_library_lookup (unknot_application_get_library (app), TRAPS_ID);
  static const char *expected[] = {
    "Step 1: the sound “pipe.wav” could not be played: it is not a sound file",
    "Step 2: the sound “outside.wav” could not be played: it is a symbolic link to a file "
    "outside the routine's folder; the chime plays instead",
    "Step 3: the sound “long.wav” could not be played: it is longer than 10 s; the chime "
    "plays instead",
  };

  g_assert_nonnull (r);
  alarm (60);   /* a FIFO opened on the main thread would block it for good */
  watch (&seen);
  unknot_run_start (run, r);
  errors_wanted = G_N_ELEMENTS (expected);
  g_assert_true (test_spin_until (has_errors, &seen, 30000));
  for (guint i = 0; i < 6; i++)
    test_clock_advance (fake_clock, MSEC (500));
  g_assert_cmpint (unknot_session_get_state (unknot_run_get_session (run)), ==,
                   UNKNOT_SESSION_FINISHED);

  test_spin_for (200);
  g_assert_cmpuint (seen.errors->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < seen.errors->len; j++)
        found |= g_str_has_prefix (g_ptr_array_index (seen.errors, j), expected[i]);
      g_assert_true (found);
    }
  errors_wanted = 1;
  unknot_run_stop (run);
  unwatch (&seen);
  alarm (0);
}

static void
test_missing_sound (void)
{
  Seen seen = { 0 };
  UnknotRoutine *r = unknot_library_lookup (unknot_application_get_library (app), SOUNDLESS_ID);
  const char *message;

  g_assert_nonnull (r);
  watch (&seen);
  unknot_run_start (run, r);
  test_clock_advance (fake_clock, MSEC (2500));
  g_assert_cmpint (unknot_session_get_state (unknot_run_get_session (run)), ==,
                   UNKNOT_SESSION_FINISHED);
  /* Both steps name it; it is said once (when the player's thread has looked for it). */
  g_assert_true (test_spin_until (has_errors, &seen, 30000));
  test_spin_for (200);
  g_assert_cmpuint (seen.errors->len, ==, 1);
  message = g_ptr_array_index (seen.errors, 0);
  g_assert_nonnull (strstr (message, "gone.wav"));
  g_assert_nonnull (strstr (message, "Step 1"));
  unknot_run_stop (run);
  unwatch (&seen);
}

/* The journal */

static UnknotJournalEntry *
newest_entry (void)
{
  g_autofree char *path = unknot_journal_get_default_path ();
  g_autoptr(UnknotJournal) journal = unknot_journal_open (path, UNKNOT_JOURNAL_OPEN_NO_CREATE,
                                                          NULL);
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_nonnull (journal);
  entries = unknot_journal_list (journal, NULL);
  g_assert_nonnull (entries);
  g_assert_cmpuint (entries->len, >, 0);
  return unknot_journal_entry_copy (g_ptr_array_index (entries, 0));
}

/* The first start finds garbage where the journal is: kept aside whole, said once, and the run
 * is recorded in a new journal. (The first test: the run opens its journal once.) */
/* Not a database, with bytes no text has. */
static const char garbage[] = "GARBAGE\0\1\2 not a database";

static void
test_journal_garbage (void)
{
  Seen seen = { 0 };
  g_autofree char *path = unknot_journal_get_default_path ();
  g_autofree char *kept = NULL;
  g_autoptr(UnknotJournalEntry) e = NULL;
  const char *aside;
  gsize length;
  guint n_before = test_n_notifications;

  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage - 1, NULL));
  watch (&seen);
  unknot_run_start (run, routine ());
  g_assert_cmpuint (seen.errors->len, ==, 1);
  aside = unknot_journal_get_moved_aside (unknot_run_get_journal (run));
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (g_ptr_array_index (seen.errors, 0), aside));
  g_assert_true (g_file_get_contents (aside, &kept, &length, NULL));
  g_assert_cmpmem (kept, length, garbage, sizeof garbage - 1);

  /* To its end: the end is notified (no window), on the bus, so the next test's count starts
   * after it, not while it is on its way. */
  test_clock_advance (fake_clock, MSEC (3000));
  if (!test_spin_until (test_notified, GUINT_TO_POINTER (n_before + 1), 30000))
    g_error ("The end of a routine with no window was not notified");
  unknot_run_stop (run);
  unknot_run_start (run, routine ());
  unknot_run_stop (run);
  g_assert_cmpuint (seen.errors->len, ==, 1);
  e = newest_entry ();
  g_assert_cmpstr (e->routine_id, ==, ROUTINE_ID);
  unwatch (&seen);
}

/* A run with no window, followed to its end: its counts, time and answers in the journal; the
 * answer before is for one start only. */
static void
test_journal_run (void)
{
  Seen seen = { 0 };
  g_autoptr(UnknotJournalEntry) e = NULL;
  g_autoptr(UnknotJournalEntry) second = NULL;

  watch (&seen);
  unknot_run_set_pain_before (run, 7);
  unknot_run_start (run, routine ());
  test_clock_advance (fake_clock, MSEC (1000));
  unknot_session_next (unknot_run_get_session (run));   /* step 2 skipped */
  test_clock_advance (fake_clock, MSEC (1000));
  g_assert_cmpint (unknot_session_get_state (unknot_run_get_session (run)), ==,
                   UNKNOT_SESSION_FINISHED);
  unknot_run_set_pain_after (run, 4);
  unknot_run_set_note (run, "Shoulders, looser");
  g_assert_cmpint (unknot_run_get_journal_entry (run)->pain_after, ==, 4);

  e = newest_entry ();
  g_assert_cmpstr (e->routine_id, ==, ROUTINE_ID);
  g_assert_cmpstr (e->routine_name, ==, "Run test");
  g_assert_cmpuint (e->steps_done, ==, 2);
  g_assert_cmpuint (e->steps_skipped, ==, 1);
  g_assert_cmpuint (e->steps_total, ==, 3);
  g_assert_cmpuint (e->seconds, ==, 2);
  g_assert_cmpint (e->pain_before, ==, 7);
  g_assert_cmpint (e->pain_after, ==, 4);
  g_assert_cmpstr (e->note, ==, "Shoulders, looser");
  g_assert_cmpint (e->outcome, ==, UNKNOT_OUTCOME_FINISHED);

  /* Again, stopped half-way, asked nothing. */
  unknot_run_start (run, routine ());
  test_clock_advance (fake_clock, MSEC (1500));
  unknot_run_stop (run);
  g_assert_null (unknot_run_get_journal_entry (run));
  second = newest_entry ();
  g_assert_cmpint (second->id, >, e->id);
  g_assert_cmpint (second->pain_before, ==, UNKNOT_PAIN_NONE);
  g_assert_cmpint (second->outcome, ==, UNKNOT_OUTCOME_STOPPED);
  g_assert_cmpuint (second->steps_done, ==, 1);
  g_assert_cmpuint (seen.errors->len, ==, 0);
  unwatch (&seen);
}

/* A full disk (a file size limit, which root cannot get past): the routine runs to its end, and
 * the person is told once, not at every step. */
static void
test_journal_full (void)
{
  Seen seen = { 0 };
  g_autofree char *path = unknot_journal_get_default_path ();
  struct rlimit old, limit;
  void (*old_handler) (int);

  watch (&seen);
  unknot_run_start (run, routine ());
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  limit = old;
  limit.rlim_cur = 1;   /* no file grows, and a WAL started again from its beginning cannot */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  test_clock_advance (fake_clock, MSEC (3000));
  unknot_run_start (run, routine ());
  test_clock_advance (fake_clock, MSEC (3000));

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);
  g_assert_cmpint (unknot_session_get_state (unknot_run_get_session (run)), ==,
                   UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (seen.errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (seen.errors, 0), path));
  unknot_run_stop (run);
  unwatch (&seen);
}

/* Setup */

static void
on_watched_name (GDBusConnection *connection,
                 const char      *name,
                 const char      *owner,
                 gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  gboolean seen_service = FALSE;
  guint watch_id;
  int status;

  tmp_home = test_make_home (test_build_dir (), "home-run-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);
  test_write_user_routine (tmp_home, SOUNDLESS_ID, soundless_json);
  test_write_user_routine (tmp_home, TRAPS_ID, traps_json);
  {
    g_autofree char *dir = g_build_filename (tmp_home, "data", APP_ID_BASE, "routines", NULL);
    g_autofree char *fifo = g_build_filename (dir, "pipe.wav", NULL);
    g_autofree char *secret = g_build_filename (tmp_home, "secret.wav", NULL);
    g_autofree char *link = g_build_filename (dir, "outside.wav", NULL);
    g_autofree char *long_sound = g_build_filename (dir, "long.wav", NULL);

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    write_silent_wav (secret, 1);
    g_assert_cmpint (symlink (secret, link), ==, 0);
    write_silent_wav (long_sound, 12);
  }

  /* As main() does, before GTK initialises. */
  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);
  test_serve_notifications ();

  fake_clock = test_clock_new ();
  app = test_application_new (UNKNOT_CLOCK (fake_clock));
  g_settings_set_int (unknot_application_get_settings (app), "get-ready", -1);
  run = unknot_application_get_run (app);
  g_assert_true (UNKNOT_IS_RUN (run));
  g_assert_true (unknot_run_get_clock (run) == UNKNOT_CLOCK (fake_clock));

  /* The run watches for the notification service on the application's connection from its start;
   * a watch set on that connection after it sees the service only after the run's has (replies
   * on one connection come in order). */
  watch_id = g_bus_watch_name_on_connection (
    g_application_get_dbus_connection (G_APPLICATION (app)), "org.freedesktop.Notifications",
    G_BUS_NAME_WATCHER_FLAGS_NONE, on_watched_name, NULL, &seen_service, NULL);
  g_assert_true (test_spin_until (is_true, &seen_service, 30000));
  g_bus_unwatch_name (watch_id);

  g_test_add_func ("/run/journal-garbage", test_journal_garbage);
  g_test_add_func ("/run/start-finish", test_start_finish);
  g_test_add_func ("/run/stop-restart", test_stop_restart);
  g_test_add_func ("/run/preview", test_preview);
  g_test_add_func ("/run/preparation", test_preparation);
  g_test_add_func ("/run/no-output", test_no_output);
  g_test_add_func ("/run/missing-sound", test_missing_sound);
  g_test_add_func ("/run/journal-run", test_journal_run);
  g_test_add_func ("/run/journal-full", test_journal_full);
  g_test_add_func ("/run/refused-sounds", test_refused_sounds);
  status = g_test_run ();

  test_application_finish (app, tmp_home);
  g_object_unref (fake_clock);

  return status;
}
