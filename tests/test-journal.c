/* test-journal.c: the pain journal: a run recorded on a fake clock, runs killed with SIGKILL at a
 * random step, a garbage journal kept aside byte for byte, migration from every earlier schema,
 * a disk that fills up, the CSV export's quoting and the History page's figures for a known
 * journal
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "unknot-journal-recorder.h"
#include "unknot-journal-stats.h"
#include "unknot-test-util.h"

#define SEC(s) ((gint64) (s) * G_USEC_PER_SEC)

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "journal.sqlite3", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static UnknotJournal *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  UnknotJournal *journal = unknot_journal_open (path, UNKNOT_JOURNAL_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_nonnull (journal);
  return journal;
}

static GPtrArray *
list_ok (UnknotJournal *journal)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = unknot_journal_list (journal, &error);

  g_assert_no_error (error);
  return entries;
}

/* The one run in the journal at @path, read by a journal of its own (as another process
 * would). */
static UnknotJournalEntry *
read_only_entry (const char *path)
{
  g_autoptr(UnknotJournal) journal = open_ok (path);
  g_autoptr(GPtrArray) entries = list_ok (journal);

  g_assert_cmpuint (entries->len, ==, 1);
  return unknot_journal_entry_copy (g_ptr_array_index (entries, 0));
}

static int
sql_int (const char *path,
         const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
sql_text (const char *path,
          const char *query)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static UnknotRoutine *
make_routine (guint preparation,
              guint n_steps,
              guint seconds)
{
  UnknotRoutine *routine = unknot_routine_new ("test-routine", "Test, \"routine\"");

  unknot_routine_set_preparation (routine, preparation);
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(UnknotStep) step = unknot_step_new ();

      unknot_step_set_technique (step, "kneading");
      unknot_step_set_duration (step, seconds * (i + 1));
      unknot_routine_append_step (routine, step);
    }
  return routine;
}

/* A new journal: mode 0600 with its WAL, the newest schema, WAL mode. */
static void
test_new (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(UnknotJournal) journal = open_ok (f->path);
  g_autoptr(UnknotJournalEntry) entry = unknot_journal_entry_new ();
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *mode = NULL;

  g_assert_true (unknot_journal_add (journal, entry, NULL));
  g_assert_cmpint (entry->id, >, 0);
  g_assert_null (unknot_journal_get_moved_aside (journal));
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, UNKNOT_JOURNAL_VERSION);
  mode = sql_text (f->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");

  /* A file someone made readable to others is closed again. */
  g_clear_object (&journal);
  g_chmod (f->path, 0644);
  journal = open_ok (f->path);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
}

/* A run followed to its end on a fake clock: written at each boundary, with the right counts and
 * seconds at the end (a pause does not count; a skipped step counts as skipped). */
static void
test_run_to_end (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(UnknotJournal) journal = open_ok (f->path);
  g_autoptr(UnknotClock) clock = unknot_fake_clock_new (SEC (5000));
  UnknotFakeClock *fake = UNKNOT_FAKE_CLOCK (clock);
  g_autoptr(UnknotRoutine) routine = make_routine (5, 4, 10);   /* 10, 20, 30, 40 s */
  g_autoptr(UnknotSession) session = unknot_session_new (routine, clock);
  g_autoptr(UnknotJournalRecorder) recorder = NULL;
  g_autoptr(UnknotJournalEntry) e = NULL;
  gint64 wall = g_get_real_time () / G_USEC_PER_SEC;

  unknot_session_start (session);
  recorder = unknot_journal_recorder_new (journal, session, clock, 7);
  e = read_only_entry (f->path);
  g_assert_cmpstr (e->routine_id, ==, "test-routine");
  g_assert_cmpstr (e->routine_name, ==, "Test, \"routine\"");
  /* What the run works, kept as of the run for the planner (version 3). */
  g_assert_cmpstr (e->worked, ==, "kneading@neck");
  g_assert_cmpint (e->outcome, ==, UNKNOT_OUTCOME_RUNNING);
  g_assert_cmpuint (e->steps_total, ==, 4);
  g_assert_cmpuint (e->steps_done, ==, 0);
  g_assert_cmpint (e->pain_before, ==, 7);
  g_assert_cmpint (e->pain_after, ==, UNKNOT_PAIN_NONE);
  g_assert_cmpint (e->started, >=, wall - 1);
  g_assert_cmpint (e->started, <=, wall + 1);
  g_clear_pointer (&e, unknot_journal_entry_free);

  unknot_fake_clock_advance (fake, SEC (5 + 10));   /* the countdown and step 1 */
  e = read_only_entry (f->path);
  g_assert_cmpuint (e->steps_done, ==, 1);
  g_assert_cmpuint (e->seconds, ==, 15);
  g_clear_pointer (&e, unknot_journal_entry_free);

  unknot_fake_clock_advance (fake, SEC (8));
  unknot_session_pause (session);
  unknot_fake_clock_advance (fake, SEC (60));        /* paused: not spent */
  unknot_session_resume (session);
  unknot_fake_clock_advance (fake, SEC (12));        /* the end of step 2 */
  e = read_only_entry (f->path);
  g_assert_cmpuint (e->steps_done, ==, 2);
  g_assert_cmpuint (e->seconds, ==, 35);
  g_clear_pointer (&e, unknot_journal_entry_free);

  unknot_fake_clock_advance (fake, SEC (4));
  unknot_session_next (session);                     /* step 3 skipped after 4 s */
  e = read_only_entry (f->path);
  g_assert_cmpuint (e->steps_done, ==, 2);
  g_assert_cmpuint (e->steps_skipped, ==, 1);
  g_assert_cmpuint (e->seconds, ==, 39);
  g_clear_pointer (&e, unknot_journal_entry_free);

  unknot_fake_clock_advance (fake, SEC (40));
  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);
  unknot_journal_recorder_set_pain_after (recorder, 3);
  unknot_journal_recorder_set_note (recorder, "Better, \"much\"\nbetter");

  e = read_only_entry (f->path);
  g_assert_cmpint (e->outcome, ==, UNKNOT_OUTCOME_FINISHED);
  g_assert_cmpuint (e->steps_done, ==, 3);
  g_assert_cmpuint (e->steps_skipped, ==, 1);
  g_assert_cmpuint (e->steps_total, ==, 4);
  g_assert_cmpuint (e->seconds, ==, 5 + 10 + 20 + 4 + 40);
  g_assert_cmpint (e->ended - e->started, ==, 5 + 10 + 20 + 4 + 40 + 60);
  g_assert_cmpint (e->pain_before, ==, 7);
  g_assert_cmpint (e->pain_after, ==, 3);
  g_assert_cmpstr (e->note, ==, "Better, \"much\"\nbetter");
}

/* Stopped half-way, and a skipped step gone back to and done. */
static void
test_run_stopped (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(UnknotJournal) journal = open_ok (f->path);
  g_autoptr(UnknotClock) clock = unknot_fake_clock_new (SEC (5000));
  UnknotFakeClock *fake = UNKNOT_FAKE_CLOCK (clock);
  g_autoptr(UnknotRoutine) routine = make_routine (0, 5, 10);   /* 10 ... 50 s */
  g_autoptr(UnknotSession) session = unknot_session_new (routine, clock);
  g_autoptr(UnknotJournalRecorder) recorder = NULL;
  g_autoptr(UnknotJournalEntry) e = NULL;

  unknot_session_start (session);
  recorder = unknot_journal_recorder_new (journal, session, clock, UNKNOT_PAIN_NONE);
  unknot_session_next (session);                     /* step 1 skipped */
  unknot_session_previous (session);                 /* back to it */
  unknot_fake_clock_advance (fake, SEC (10));        /* done after all */
  unknot_fake_clock_advance (fake, SEC (20));        /* step 2 done */
  unknot_fake_clock_advance (fake, SEC (5));
  unknot_journal_recorder_end (recorder);

  e = read_only_entry (f->path);
  g_assert_cmpint (e->outcome, ==, UNKNOT_OUTCOME_STOPPED);
  g_assert_cmpuint (e->steps_done, ==, 2);
  g_assert_cmpuint (e->steps_skipped, ==, 0);
  g_assert_cmpuint (e->seconds, ==, 35);
  g_assert_cmpint (e->pain_before, ==, UNKNOT_PAIN_NONE);
}

/* The helper records a 12-step run (every fourth step skipped) and stops after each boundary;
 * killed there with SIGKILL, its journal shows exactly the steps done and skipped so far. */
static void
test_sigkill (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "journal-helper", NULL);

  for (guint round = 0; round < 50; round++)
    {
      const char *argv[] = { helper, "crash", f->path, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(UnknotJournal) journal = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      const UnknotJournalEntry *e;
      guint kill_at = (guint) g_test_rand_int_range (1, 13);   /* after 1 to 12 boundaries */
      guint done = 0, skipped = 0;
      int in_fd, out_fd, status;
      GPid pid;
      FILE *out;

      g_remove (f->path);
      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                               &in_fd, &out_fd, NULL, &error));
      g_assert_no_error (error);
      out = fdopen (out_fd, "r");
      for (guint b = 1; b <= kill_at; b++)
        {
          guint expect_skipped = 0;

          g_assert_cmpint (fscanf (out, "%u %u", &done, &skipped), ==, 2);
          for (guint i = 0; i < b; i++)
            expect_skipped += i % 4 == 3;
          g_assert_cmpuint (skipped, ==, expect_skipped);
          g_assert_cmpuint (done, ==, b - expect_skipped);
          if (b < kill_at)
            g_assert_cmpint (write (in_fd, "\n", 1), ==, 1);
        }
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      fclose (out);
      close (in_fd);
      g_spawn_close_pid (pid);

      journal = open_ok (f->path);
      entries = list_ok (journal);
      g_assert_cmpuint (entries->len, ==, 1);
      e = g_ptr_array_index (entries, 0);
      g_assert_cmpuint (e->steps_done, ==, done);
      g_assert_cmpuint (e->steps_skipped, ==, skipped);
      g_assert_cmpuint (e->steps_total, ==, 12);
      g_assert_cmpuint (e->seconds, ==, 10 * done);
      g_assert_cmpint (e->pain_before, ==, 6);
      g_assert_cmpint (e->outcome, ==, kill_at == 12 ? UNKNOT_OUTCOME_FINISHED
                                                     : UNKNOT_OUTCOME_RUNNING);
    }
}

static void
check_kept_aside (Fixture    *f,
                  const char *garbage,
                  gsize       length)
{
  g_autoptr(UnknotJournal) journal = NULL;
  g_autoptr(UnknotJournalEntry) entry = unknot_journal_entry_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *message = NULL;
  g_autofree char *base = NULL;
  gsize kept_length;

  g_assert_true (g_file_set_contents (f->path, garbage, (gssize) length, NULL));
  journal = open_ok (f->path);

  g_assert_nonnull (unknot_journal_get_moved_aside (journal));
  base = g_path_get_basename (unknot_journal_get_moved_aside (journal));
  g_assert_true (g_str_has_prefix (base, "journal-unreadable-"));
  g_assert_true (g_str_has_suffix (base, ".sqlite3"));
  g_assert_true (g_file_get_contents (unknot_journal_get_moved_aside (journal), &kept,
                                      &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, garbage, length);
  message = unknot_journal_describe_moved_aside (journal);
  g_assert_nonnull (strstr (message, unknot_journal_get_moved_aside (journal)));

  /* The new one works. */
  g_assert_true (unknot_journal_add (journal, entry, NULL));
  entries = list_ok (journal);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpuint (file_mode (f->path), ==, 0600);
  g_remove (unknot_journal_get_moved_aside (journal));
}

/* Random bytes, a text file and a damaged database: each kept aside whole, a new journal made. */
static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *random = g_malloc (10000);
  g_autofree char *real = NULL;
  gsize real_length;

  for (guint i = 0; i < 10000; i++)
    random[i] = (char) g_test_rand_int_range (0, 256);
  check_kept_aside (f, random, 10000);
  check_kept_aside (f, "not a journal\n", 14);

  /* A real journal with its header overwritten. */
  {
    g_autoptr(UnknotJournal) journal = open_ok (f->path);
    g_autoptr(UnknotJournalEntry) entry = unknot_journal_entry_new ();

    g_assert_true (unknot_journal_add (journal, entry, NULL));
  }
  g_assert_true (g_file_get_contents (f->path, &real, &real_length, NULL));
  g_assert_cmpuint (real_length, >, 100);
  memcpy (real, "garbage header!!", 16);
  g_remove (f->path);
  check_kept_aside (f, real, real_length);
}

/* Version 0 (an empty file), version 1 (a journal before notes) and version 2 (before what a
 * run worked) become the newest, with every run kept. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "journal", "schema-v1.sql",
                                                    NULL);
  g_autofree char *sql = NULL;
  g_autoptr(UnknotJournal) journal = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  UnknotJournalEntry *e;
  sqlite3 *db = NULL;

  /* 0 */
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  journal = open_ok (f->path);
  g_assert_null (unknot_journal_get_moved_aside (journal));
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, UNKNOT_JOURNAL_VERSION);
  g_clear_object (&journal);
  g_remove (f->path);

  /* 1 */
  g_assert_true (g_file_get_contents (fixture, &sql, NULL, NULL));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 1);

  journal = open_ok (f->path);
  g_assert_null (unknot_journal_get_moved_aside (journal));
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, UNKNOT_JOURNAL_VERSION);
  entries = list_ok (journal);
  g_assert_cmpuint (entries->len, ==, 3);
  e = g_ptr_array_index (entries, 2);   /* the oldest */
  g_assert_cmpint (e->id, ==, 1);
  g_assert_cmpint (e->started, ==, 1767258000);
  g_assert_cmpint (e->ended, ==, 1767258330);
  g_assert_cmpstr (e->routine_id, ==, "desk-break");
  g_assert_cmpstr (e->routine_name, ==, "Desk break");
  g_assert_cmpuint (e->steps_done, ==, 7);
  g_assert_cmpuint (e->seconds, ==, 300);
  g_assert_cmpint (e->pain_before, ==, 6);
  g_assert_cmpint (e->pain_after, ==, 3);
  g_assert_cmpint (e->outcome, ==, UNKNOT_OUTCOME_FINISHED);
  g_assert_cmpstr (e->note, ==, "");
  e = g_ptr_array_index (entries, 1);
  g_assert_cmpuint (e->steps_skipped, ==, 1);
  g_assert_cmpint (e->pain_before, ==, UNKNOT_PAIN_NONE);
  g_assert_cmpint (e->outcome, ==, UNKNOT_OUTCOME_STOPPED);

  /* The new column takes a note. */
  g_free (e->note);
  e->note = g_strdup ("kept");
  g_assert_true (unknot_journal_update (journal, e, NULL));
  g_clear_object (&journal);
  journal = open_ok (f->path);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_ok (journal);
  g_assert_cmpstr (((UnknotJournalEntry *) g_ptr_array_index (entries, 1))->note, ==, "kept");
  g_assert_cmpstr (((UnknotJournalEntry *) g_ptr_array_index (entries, 1))->worked, ==, "");
  g_clear_object (&journal);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_remove (f->path);

  /* 2: version 1 with the note column, as Unknot wrote it before version 3. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT '';"
                                     "UPDATE runs SET note = 'old' WHERE id = 1;"
                                     "PRAGMA user_version = 2;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 2);
  journal = open_ok (f->path);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, UNKNOT_JOURNAL_VERSION);
  entries = list_ok (journal);
  g_assert_cmpuint (entries->len, ==, 3);
  e = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (e->note, ==, "old");
  g_assert_cmpstr (e->worked, ==, "");
  g_assert_cmpint (e->pain_before, ==, 6);

  /* The new column takes what a run worked. */
  g_free (e->worked);
  e->worked = g_strdup ("kneading@shoulders");
  g_assert_true (unknot_journal_update (journal, e, NULL));
  g_clear_object (&journal);
  journal = open_ok (f->path);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = list_ok (journal);
  g_assert_cmpstr (((UnknotJournalEntry *) g_ptr_array_index (entries, 2))->worked, ==,
                   "kneading@shoulders");
}

/* A journal from a newer Unknot is refused, and left alone. */
static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotJournal) journal = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE runs (id INTEGER PRIMARY KEY, future TEXT);"
                                     "PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  journal = unknot_journal_open (f->path, UNKNOT_JOURNAL_OPEN_DEFAULT, &error);
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_TOO_NEW);
  g_assert_null (journal);
  g_assert_cmpint (sql_int (f->path, "PRAGMA user_version"), ==, 4);
}

/* A journal where none can be written (its folder's place is a file: root cannot get past that
 * either), and none made where none is asked for. */
static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "unknot", "journal.sqlite3", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotJournal) journal = NULL;

  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  journal = unknot_journal_open (path, UNKNOT_JOURNAL_OPEN_DEFAULT, &error);
  g_assert_null (journal);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  journal = unknot_journal_open (f->path, UNKNOT_JOURNAL_OPEN_NO_CREATE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
count_error (UnknotJournalRecorder *recorder,
             const GError          *error,
             guint                 *n)
{
  (*n)++;
}

/* A full disk (a file size limit, which root cannot get past): the writes fail and say so, the
 * routine runs to its end, and the journal takes writes again once there is room. */
static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(UnknotJournal) journal = open_ok (f->path);
  g_autoptr(UnknotClock) clock = unknot_fake_clock_new (SEC (5000));
  g_autoptr(UnknotRoutine) routine = make_routine (0, 30, 1);
  g_autoptr(UnknotSession) session = unknot_session_new (routine, clock);
  g_autoptr(UnknotJournalRecorder) recorder = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  struct rlimit old, limit;
  void (*old_handler) (int);
  GStatBuf st;
  guint errors = 0;

  unknot_session_start (session);
  recorder = unknot_journal_recorder_new (journal, session, clock, 5);
  g_signal_connect (recorder, "error", G_CALLBACK (count_error), &errors);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);

  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  limit = old;
  limit.rlim_cur = (rlim_t) st.st_size;   /* the WAL cannot grow */
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  for (guint i = 0; i < 30; i++)
    unknot_fake_clock_advance (UNKNOT_FAKE_CLOCK (clock), SEC (i + 1));

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_cmpint (unknot_session_get_state (session), ==, UNKNOT_SESSION_FINISHED);
  g_assert_cmpuint (errors, >, 0);

  unknot_journal_recorder_set_note (recorder, "room again");
  entries = list_ok (journal);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (((UnknotJournalEntry *) g_ptr_array_index (entries, 0))->note, ==,
                   "room again");
  g_assert_cmpuint (((UnknotJournalEntry *) g_ptr_array_index (entries, 0))->steps_done, ==, 30);
}

/* RFC 4180: a header row, CRLF, quotes around fields with commas, quotes or line breaks. */
static void
test_csv (void)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_journal_entry_free);
  UnknotJournalEntry *e = unknot_journal_entry_new ();
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  e->started = 1767225600;
  e->ended = 1767225900;
  g_free (e->routine_name);
  e->routine_name = g_strdup ("Neck, \"shoulders\"\nback");
  g_free (e->routine_id);
  e->routine_id = g_strdup ("plain");
  e->steps_done = 3;
  e->steps_total = 4;
  e->seconds = 290;
  e->pain_before = 8;
  e->outcome = UNKNOT_OUTCOME_STOPPED;
  g_ptr_array_add (entries, e);

  csv = unknot_journal_entries_to_csv (entries);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "started,ended,routine_id,routine_name,steps_done,"
                   "steps_skipped,steps_total,seconds,pain_before,pain_after,outcome,note");
  g_assert_true (g_str_has_suffix (lines[1],
                                   ",plain,\"Neck, \"\"shoulders\"\"\nback\",3,0,4,290,8,,"
                                   "stopped,"));
  g_assert_cmpstr (lines[2], ==, "");
  g_assert_null (lines[3]);
}

static UnknotJournalEntry *
entry_at (const char *iso,
          const char *routine,
          guint       seconds,
          int         before,
          int         after)
{
  UnknotJournalEntry *e = unknot_journal_entry_new ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  e->started = g_date_time_to_unix (time);
  e->ended = e->started + seconds;
  g_free (e->routine_id);
  e->routine_id = g_strdup (routine);
  g_free (e->routine_name);
  e->routine_name = g_strdup (routine);
  e->steps_total = 5;
  e->steps_done = seconds > 0 ? 5 : 0;
  e->seconds = seconds;
  e->pain_before = before;
  e->pain_after = after;
  e->outcome = UNKNOT_OUTCOME_FINISHED;
  return e;
}

/* A known journal (in UTC): the streak, the week's minutes, each day of the chart, the
 * routines. */
static void
test_stats (void)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_journal_entry_free);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-03-04T12:00:00Z", NULL);
  g_autoptr(GDateTime) thursday = g_date_time_new_from_iso8601 ("2026-03-05T12:00:00Z", NULL);
  g_autoptr(UnknotJournalStats) stats = NULL;
  g_autoptr(UnknotJournalStats) later = NULL;
  g_autofree char *summary = NULL;
  UnknotRoutineSummary *r;

  /* Wednesday 4 March 2026 is today. */
  g_ptr_array_add (entries, entry_at ("2026-03-04T08:00:00Z", "desk", 900, 6, 3));
  g_ptr_array_add (entries, entry_at ("2026-03-03T08:00:00Z", "desk", 300, 4, 2));
  g_ptr_array_add (entries, entry_at ("2026-03-03T20:00:00Z", "ball", 0, 6, UNKNOT_PAIN_NONE));
  g_ptr_array_add (entries, entry_at ("2026-03-02T07:00:00Z", "ball", 600, UNKNOT_PAIN_NONE, 1));
  g_ptr_array_add (entries, entry_at ("2026-03-01T07:00:00Z", "desk", 1200, 9, 9));
  g_ptr_array_add (entries, entry_at ("2026-02-27T07:00:00Z", "desk", 60, UNKNOT_PAIN_NONE,
                                      UNKNOT_PAIN_NONE));
  g_ptr_array_add (entries, entry_at ("2025-12-01T07:00:00Z", "old", 60, 10, 0));   /* before */

  stats = unknot_journal_stats_new (entries, now, UNKNOT_CHART_DAYS);
  g_assert_cmpuint (stats->streak_days, ==, 4);   /* 1 to 4 March (3 March's second has no steps) */
  g_assert_cmpuint (stats->minutes_this_week, ==, (900 + 300 + 600 + 30) / 60);   /* from Monday */
  g_assert_cmpuint (stats->n_days, ==, 28);
  g_assert_cmpfloat (stats->days[27].before, ==, 6);
  g_assert_cmpfloat (stats->days[27].after, ==, 3);
  g_assert_cmpfloat (stats->days[26].before, ==, 5);   /* 4 and 6 */
  g_assert_cmpfloat (stats->days[26].after, ==, 2);
  g_assert_cmpfloat (stats->days[25].before, ==, -1);
  g_assert_cmpfloat (stats->days[25].after, ==, 1);
  g_assert_cmpfloat (stats->days[24].before, ==, 9);
  g_assert_cmpfloat (stats->days[23].before, ==, -1);
  g_assert_cmpfloat (stats->days[22].before, ==, -1);
  g_assert_cmpfloat (stats->days[0].before, ==, -1);
  g_assert_cmpuint (stats->rated, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats->mean_before, (6 + 4 + 6 + 9) / 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (stats->mean_after, (3 + 2 + 1 + 9) / 4.0, 1e-9);

  g_assert_cmpuint (stats->routines->len, ==, 3);
  r = g_ptr_array_index (stats->routines, 0);
  g_assert_cmpstr (r->routine_id, ==, "desk");
  g_assert_cmpuint (r->runs, ==, 4);
  g_assert_cmpuint (r->rated, ==, 3);
  g_assert_cmpfloat_with_epsilon (r->mean_change, (-3 - 2 + 0) / 3.0, 1e-9);
  r = g_ptr_array_index (stats->routines, 1);
  g_assert_cmpstr (r->routine_id, ==, "ball");
  g_assert_cmpuint (r->runs, ==, 2);
  g_assert_cmpuint (r->rated, ==, 0);
  r = g_ptr_array_index (stats->routines, 2);
  g_assert_cmpstr (r->routine_id, ==, "old");
  g_assert_cmpfloat (r->mean_change, ==, -10);

  summary = unknot_journal_stats_describe_chart (stats);
  g_assert_cmpstr (summary, ==, "Pain on the scale of 0 to 10, the last 4 weeks. Before a "
                   "routine: 6.2 on average. After: 3.8 on average. 3 runs with both answers.");

  /* Nothing yet on Thursday: Wednesday's streak still stands. */
  later = unknot_journal_stats_new (entries, thursday, 7);
  g_assert_cmpuint (later->streak_days, ==, 4);
  g_assert_cmpfloat (later->days[5].before, ==, 6);
  g_assert_cmpfloat (later->days[6].before, ==, -1);
}

static void
test_change_text (void)
{
  g_autofree char *lower = unknot_pain_change_to_text (-2.46);
  g_autofree char *higher = unknot_pain_change_to_text (1);
  g_autofree char *none = unknot_pain_change_to_text (0.01);

  g_assert_cmpstr (lower, ==, "2.5 lower");
  g_assert_cmpstr (higher, ==, "1.0 higher");
  g_assert_cmpstr (none, ==, "no change");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/journal/new", Fixture, NULL, fixture_set_up, test_new, fixture_tear_down);
  g_test_add ("/journal/run-to-end", Fixture, NULL, fixture_set_up, test_run_to_end,
              fixture_tear_down);
  g_test_add ("/journal/run-stopped", Fixture, NULL, fixture_set_up, test_run_stopped,
              fixture_tear_down);
  g_test_add ("/journal/sigkill", Fixture, NULL, fixture_set_up, test_sigkill, fixture_tear_down);
  g_test_add ("/journal/garbage", Fixture, NULL, fixture_set_up, test_garbage, fixture_tear_down);
  g_test_add ("/journal/migrate", Fixture, NULL, fixture_set_up, test_migrate, fixture_tear_down);
  g_test_add ("/journal/too-new", Fixture, NULL, fixture_set_up, test_too_new, fixture_tear_down);
  g_test_add ("/journal/unwritable", Fixture, NULL, fixture_set_up, test_unwritable,
              fixture_tear_down);
  g_test_add ("/journal/full", Fixture, NULL, fixture_set_up, test_full, fixture_tear_down);
  g_test_add_func ("/journal/csv", test_csv);
  g_test_add_func ("/journal/stats", test_stats);
  g_test_add_func ("/journal/change-text", test_change_text);

  return g_test_run ();
}
