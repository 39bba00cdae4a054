/* unknot-journal.c: the pain journal in SQLite
 *
 * One file, mode 0600 (it is health data), in WAL mode so that `unknot --history` reads it while
 * the app writes. Every write is one statement, so one transaction; with synchronous=NORMAL a
 * commit is a write() into the WAL, which a killed process cannot undo (only a power cut can lose
 * the last ones). The WAL is checkpointed at open and when a run ends, never at a step boundary:
 * a checkpoint syncs the disk, and a step boundary is when a cue and the countdown matter.
 *
 * Every statement is a constant with bound parameters. The schema's history is the list of
 * migrations below, each a constant that ends by setting user_version; a journal is brought from
 * its version to the newest in one transaction per step.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "unknot-journal.h"
#include "unknot-types.h"

/* migrations[i] takes a journal from version i to version i + 1. */
static const char * const migrations[UNKNOT_JOURNAL_VERSION] = {
  /* 1: the runs and their numbers. */
  "CREATE TABLE runs ("
  "  id            INTEGER PRIMARY KEY,"
  "  started       INTEGER NOT NULL,"
  "  ended         INTEGER NOT NULL,"
  "  routine_id    TEXT NOT NULL,"
  "  routine_name  TEXT NOT NULL,"
  "  steps_done    INTEGER NOT NULL DEFAULT 0,"
  "  steps_skipped INTEGER NOT NULL DEFAULT 0,"
  "  steps_total   INTEGER NOT NULL,"
  "  seconds       INTEGER NOT NULL DEFAULT 0,"
  "  pain_before   INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
  "  pain_after    INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
  "  outcome       INTEGER NOT NULL DEFAULT 0 CHECK (outcome IN (0, 1, 2))"
  ");"
  "CREATE INDEX runs_by_start ON runs (started);"
  "PRAGMA user_version = 1;",

  /* 2: a note of the person's own on each run. */
  "ALTER TABLE runs ADD COLUMN note TEXT NOT NULL DEFAULT '';"
  "PRAGMA user_version = 2;",

  /* 3: what each run worked ("technique@area", for the planner), as of the run. */
  "ALTER TABLE runs ADD COLUMN worked TEXT NOT NULL DEFAULT '';"
  "PRAGMA user_version = 3;",
};

#define COLUMNS "id, started, ended, routine_id, routine_name, steps_done, steps_skipped, " \
                "steps_total, seconds, pain_before, pain_after, note, outcome, worked"

enum {
  STMT_INSERT,
  STMT_INSERT_WITH_ID,
  STMT_UPDATE,
  STMT_DELETE,
  STMT_DELETE_ALL,
  STMT_LIST,
  N_STMTS
};

static const char * const statements[N_STMTS] = {
  [STMT_INSERT] =
    "INSERT INTO runs (started, ended, routine_id, routine_name, steps_done, steps_skipped,"
    " steps_total, seconds, pain_before, pain_after, note, outcome, worked)"
    " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  [STMT_INSERT_WITH_ID] =
    "INSERT INTO runs (" COLUMNS ")"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
  [STMT_UPDATE] =
    "UPDATE runs SET started = ?2, ended = ?3, routine_id = ?4, routine_name = ?5,"
    " steps_done = ?6, steps_skipped = ?7, steps_total = ?8, seconds = ?9, pain_before = ?10,"
    " pain_after = ?11, note = ?12, outcome = ?13, worked = ?14 WHERE id = ?1",
  [STMT_DELETE] = "DELETE FROM runs WHERE id = ?1",
  [STMT_DELETE_ALL] = "DELETE FROM runs",
  [STMT_LIST] = "SELECT " COLUMNS " FROM runs ORDER BY started DESC, id DESC",
};

struct _UnknotJournal
{
  GObject       parent_instance;

  char         *path;
  char         *moved_aside;    /* where an unreadable journal was put, or NULL */
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
};

G_DEFINE_FINAL_TYPE (UnknotJournal, unknot_journal, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Entries */

UnknotJournalEntry *
unknot_journal_entry_new (void)
{
  UnknotJournalEntry *entry = g_new0 (UnknotJournalEntry, 1);

  entry->routine_id = g_strdup ("");
  entry->routine_name = g_strdup ("");
  entry->note = g_strdup ("");
  entry->worked = g_strdup ("");
  entry->pain_before = UNKNOT_PAIN_NONE;
  entry->pain_after = UNKNOT_PAIN_NONE;
  return entry;
}

UnknotJournalEntry *
unknot_journal_entry_copy (const UnknotJournalEntry *entry)
{
  UnknotJournalEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->routine_id = g_strdup (entry->routine_id);
  copy->routine_name = g_strdup (entry->routine_name);
  copy->note = g_strdup (entry->note);
  copy->worked = g_strdup (entry->worked);
  return copy;
}

void
unknot_journal_entry_free (UnknotJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->routine_id);
  g_free (entry->routine_name);
  g_free (entry->note);
  g_free (entry->worked);
  g_free (entry);
}

G_DEFINE_BOXED_TYPE (UnknotJournalEntry, unknot_journal_entry, unknot_journal_entry_copy,
                     unknot_journal_entry_free)

/* The outcome's name in the CSV export. */
const char *
unknot_outcome_to_string (UnknotOutcome outcome)
{
  switch (outcome)
    {
    case UNKNOT_OUTCOME_FINISHED:
      return "finished";
    case UNKNOT_OUTCOME_STOPPED:
      return "stopped";
    case UNKNOT_OUTCOME_RUNNING:
    default:
      return "unfinished";
    }
}

/* The outcome in words for people. */
const char *
unknot_outcome_to_label (UnknotOutcome outcome)
{
  switch (outcome)
    {
    case UNKNOT_OUTCOME_FINISHED:
      return C_("run", "Finished");
    case UNKNOT_OUTCOME_STOPPED:
      return C_("run", "Stopped");
    case UNKNOT_OUTCOME_RUNNING:
    default:
      /* Translators: a run still going, or cut short by a crash */
      return C_("run", "Unfinished");
    }
}

/* Errors */

static gboolean
set_error (GError    **error,
           const char *path,
           sqlite3    *db,
           int         rc)
{
  g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
               /* Translators: the first %s is a file name, the second what went wrong */
               _("The journal “%s” could not be written: %s"), path,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

/* Not a database (or a damaged one): the person's file is kept aside, and a new one is made. */
static gboolean
is_unreadable (int rc)
{
  rc &= 0xff;   /* the primary code */
  return rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT;
}

/* Opening */

char *
unknot_journal_get_default_path (void)
{
  /* Beside the person's routines (the base id: a .Devel build shares them). */
  return g_build_filename (g_get_user_data_dir (), APP_ID_BASE, "journal.sqlite3", NULL);
}

static int
exec_one (sqlite3    *db,
          const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* user_version, or a negative SQLite code. */
static int
read_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  int version;

  if (rc != SQLITE_OK)
    return -rc;
  rc = sqlite3_step (stmt);
  version = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : -rc;
  sqlite3_finalize (stmt);
  return version;
}

/* The settings of every connection, then the migrations from its version to the newest. Returns
 * an SQLite code; *@too_new for a journal from a newer Unknot. */
static int
prepare_schema (sqlite3  *db,
                gboolean *too_new)
{
  int version, rc;

  *too_new = FALSE;
  sqlite3_busy_timeout (db, 50);
  /* journal_mode answers with a row: run it through exec, which steps it to the end. */
  if ((rc = exec_one (db, "PRAGMA journal_mode = WAL")) != SQLITE_OK
      || (rc = exec_one (db, "PRAGMA synchronous = NORMAL")) != SQLITE_OK
      || (rc = exec_one (db, "PRAGMA wal_autocheckpoint = 0")) != SQLITE_OK)
    return rc;

  if ((version = read_version (db)) < 0)
    return -version;
  if (version > UNKNOT_JOURNAL_VERSION)
    {
      *too_new = TRUE;
      return SQLITE_ERROR;
    }

  for (int v = version; v < UNKNOT_JOURNAL_VERSION; v++)
    {
      if ((rc = exec_one (db, "BEGIN IMMEDIATE")) != SQLITE_OK)
        return rc;
      if ((rc = exec_one (db, migrations[v])) != SQLITE_OK)
        {
          exec_one (db, "ROLLBACK");
          return rc;
        }
      if ((rc = exec_one (db, "COMMIT")) != SQLITE_OK)
        return rc;
    }
  return SQLITE_OK;
}

/* A name beside @path for an unreadable journal, dated, that no file has. */
static char *
name_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *base = g_str_has_suffix (path, ".sqlite3")
                          ? g_strndup (path, strlen (path) - strlen (".sqlite3"))
                          : g_strdup (path);

  for (guint i = 1;; i++)
    {
      g_autofree char *name = i == 1
        ? g_strdup_printf ("%s-unreadable-%s.sqlite3", base, stamp)
        : g_strdup_printf ("%s-unreadable-%s-%u.sqlite3", base, stamp, i);

      if (!g_file_test (name, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

/* Moves @path, with its WAL and shared-memory files, whole to a dated name. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  g_autofree char *aside = name_aside (path);

  if (g_rename (path, aside) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: the first %s is a file name, the second what went wrong */
                   _("The journal “%s” cannot be read, and could not be moved aside: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (aside, suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  return g_steal_pointer (&aside);
}

/* Opens @path into @self->db: TRUE, or FALSE with *@unreadable set when it is not a journal. */
static gboolean
open_db (UnknotJournal           *self,
         UnknotJournalOpenFlags   flags,
         gboolean                *unreadable,
         GError                 **error)
{
  int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  gboolean too_new;
  int rc;

  *unreadable = FALSE;
  if (!(flags & UNKNOT_JOURNAL_OPEN_NO_CREATE))
    {
      /* Made here with mode 0600, so it never exists with a wider one; SQLite gives its WAL and
       * shared-memory files the database's mode. */
      int fd = g_open (self->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("The journal “%s” could not be written: %s"), self->path,
                       g_strerror (saved));
          return FALSE;
        }
      g_close (fd, NULL);
    }
  g_chmod (self->path, 0600);

  rc = sqlite3_open_v2 (self->path, &self->db, open_flags, NULL);
  if (rc == SQLITE_OK)
    rc = prepare_schema (self->db, &too_new);
  else
    too_new = FALSE;
  for (guint i = 0; rc == SQLITE_OK && i < N_STMTS; i++)
    rc = sqlite3_prepare_v3 (self->db, statements[i], -1, SQLITE_PREPARE_PERSISTENT,
                             &self->stmts[i], NULL);
  if (rc == SQLITE_OK)
    {
      exec_one (self->db, "PRAGMA wal_checkpoint(PASSIVE)");
      return TRUE;
    }

  if (too_new)
    g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_TOO_NEW,
                 _("The journal “%s” was made by a newer version of Unknot"), self->path);
  else if (is_unreadable (rc) || rc == SQLITE_ERROR)
    /* SQLITE_ERROR here: a database whose schema is not a journal's (a statement found no
     * table or column it needs). */
    *unreadable = TRUE;
  else
    set_error (error, self->path, self->db, rc);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  return FALSE;
}

/**
 * unknot_journal_open:
 *
 * Opens the journal at @path, making it (and its folder) unless @flags say not to, and brings an
 * older schema up to date. A file that is not a journal is moved aside whole, under a dated name
 * (unknot_journal_get_moved_aside()), and a new journal starts in its place.
 *
 * Returns: (transfer full): the journal, or %NULL with @error set: the folder or file cannot be
 * written, a journal from a newer Unknot (%UNKNOT_ERROR_TOO_NEW), none there and
 * %UNKNOT_JOURNAL_OPEN_NO_CREATE (%G_IO_ERROR_NOT_FOUND).
 */
UnknotJournal *
unknot_journal_open (const char              *path,
                     UnknotJournalOpenFlags   flags,
                     GError                 **error)
{
  g_autoptr(UnknotJournal) self = NULL;
  g_autofree char *dir = NULL;
  gboolean unreadable;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((flags & UNKNOT_JOURNAL_OPEN_NO_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no journal yet"));
      return NULL;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The journal “%s” could not be written: %s"), path, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (UNKNOT_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);

  if (open_db (self, flags, &unreadable, error))
    return g_steal_pointer (&self);
  if (!unreadable)
    return NULL;

  if ((self->moved_aside = move_aside (path, error)) == NULL)
    return NULL;
  if (!open_db (self, flags & ~UNKNOT_JOURNAL_OPEN_NO_CREATE, &unreadable, error))
    {
      if (unreadable)
        set_error (error, path, NULL, SQLITE_CORRUPT);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
unknot_journal_get_path (UnknotJournal *self)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), NULL);
  return self->path;
}

/* Where the file found at the journal's place was moved when it could not be read, or NULL. */
const char *
unknot_journal_get_moved_aside (UnknotJournal *self)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), NULL);
  return self->moved_aside;
}

/* What to tell the person once about a journal moved aside, or NULL. */
char *
unknot_journal_describe_moved_aside (UnknotJournal *self)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), NULL);

  if (self->moved_aside == NULL)
    return NULL;
  /* Translators: %s is a file name */
  return g_strdup_printf (_("Your journal could not be read. It was kept as “%s”, and a new "
                            "journal has started."), self->moved_aside);
}

/* Writing */

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_STATIC);
}

static void
bind_pain (sqlite3_stmt *stmt,
           int           index,
           int           pain)
{
  if (pain >= 0 && pain <= UNKNOT_PAIN_MAX)
    sqlite3_bind_int (stmt, index, pain);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_entry (sqlite3_stmt             *stmt,
            const UnknotJournalEntry *entry)
{
  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_int64 (stmt, 2, entry->started);
  sqlite3_bind_int64 (stmt, 3, entry->ended);
  bind_text (stmt, 4, entry->routine_id);
  bind_text (stmt, 5, entry->routine_name);
  sqlite3_bind_int (stmt, 6, (int) entry->steps_done);
  sqlite3_bind_int (stmt, 7, (int) entry->steps_skipped);
  sqlite3_bind_int (stmt, 8, (int) entry->steps_total);
  sqlite3_bind_int64 (stmt, 9, entry->seconds);
  bind_pain (stmt, 10, entry->pain_before);
  bind_pain (stmt, 11, entry->pain_after);
  bind_text (stmt, 12, entry->note);
  sqlite3_bind_int (stmt, 13, entry->outcome);
  bind_text (stmt, 14, entry->worked);
}

/* Runs @stmt to its end and resets it; one statement is one transaction. */
static gboolean
run_stmt (UnknotJournal  *self,
          sqlite3_stmt   *stmt,
          GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return set_error (error, self->path, self->db, rc);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* Adds @entry and sets its id; an entry with an id already (a deleted one, put back by Undo)
 * keeps it. */
gboolean
unknot_journal_add (UnknotJournal       *self,
                    UnknotJournalEntry  *entry,
                    GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  stmt = self->stmts[entry->id > 0 ? STMT_INSERT_WITH_ID : STMT_INSERT];
  bind_entry (stmt, entry);   /* without an id, ?1 is bound but not in the statement */
  if (!run_stmt (self, stmt, error))
    return FALSE;
  entry->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/* Writes every field of @entry over the run of the same id. */
gboolean
unknot_journal_update (UnknotJournal             *self,
                       const UnknotJournalEntry  *entry,
                       GError                   **error)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->id > 0, FALSE);

  bind_entry (self->stmts[STMT_UPDATE], entry);
  return run_stmt (self, self->stmts[STMT_UPDATE], error);
}

gboolean
unknot_journal_delete (UnknotJournal  *self,
                       gint64          id,
                       GError        **error)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), FALSE);

  sqlite3_bind_int64 (self->stmts[STMT_DELETE], 1, id);
  return run_stmt (self, self->stmts[STMT_DELETE], error);
}

gboolean
unknot_journal_delete_all (UnknotJournal  *self,
                           GError        **error)
{
  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), FALSE);

  if (!run_stmt (self, self->stmts[STMT_DELETE_ALL], error))
    return FALSE;
  /* Nothing of it left in the WAL either. */
  exec_one (self->db, "PRAGMA wal_checkpoint(TRUNCATE)");
  return TRUE;
}

/* Settles the WAL into the database; when a run has ended, not at its step boundaries. */
void
unknot_journal_checkpoint (UnknotJournal *self)
{
  g_return_if_fail (UNKNOT_IS_JOURNAL (self));
  exec_one (self->db, "PRAGMA wal_checkpoint(PASSIVE)");
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? (const char *) text : "");
}

static int
column_pain (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? UNKNOT_PAIN_NONE
                                                           : sqlite3_column_int (stmt, column);
}

/**
 * unknot_journal_list:
 *
 * Returns: (transfer container) (element-type UnknotJournalEntry): every run, the newest first,
 * or %NULL with @error set.
 */
GPtrArray *
unknot_journal_list (UnknotJournal  *self,
                     GError        **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (UNKNOT_IS_JOURNAL (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_journal_entry_free);
  stmt = self->stmts[STMT_LIST];
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UnknotJournalEntry *entry = g_new0 (UnknotJournalEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->started = sqlite3_column_int64 (stmt, 1);
      entry->ended = sqlite3_column_int64 (stmt, 2);
      entry->routine_id = column_text (stmt, 3);
      entry->routine_name = column_text (stmt, 4);
      entry->steps_done = (guint) MAX (sqlite3_column_int (stmt, 5), 0);
      entry->steps_skipped = (guint) MAX (sqlite3_column_int (stmt, 6), 0);
      entry->steps_total = (guint) MAX (sqlite3_column_int (stmt, 7), 0);
      entry->seconds = (guint) MAX (sqlite3_column_int64 (stmt, 8), 0);
      entry->pain_before = column_pain (stmt, 9);
      entry->pain_after = column_pain (stmt, 10);
      entry->note = column_text (stmt, 11);
      entry->outcome = CLAMP (sqlite3_column_int (stmt, 12), UNKNOT_OUTCOME_RUNNING,
                              UNKNOT_OUTCOME_STOPPED);
      entry->worked = column_text (stmt, 13);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                   /* Translators: the first %s is a file name, the second what went wrong */
                   _("The journal “%s” could not be read: %s"), self->path,
                   sqlite3_errmsg (self->db));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* CSV */

/* RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
static void
append_field (GString    *out,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_time (GString *out,
             gint64   unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("");

  g_string_append (out, text);
}

static void
append_pain (GString *out,
             int      pain)
{
  if (pain >= 0)
    g_string_append_printf (out, "%d", pain);
}

/* @entries as RFC 4180 CSV (CRLF line ends) with a header row; times in ISO 8601, local. */
char *
unknot_journal_entries_to_csv (GPtrArray *entries)
{
  GString *out = g_string_new ("started,ended,routine_id,routine_name,steps_done,"
                               "steps_skipped,steps_total,seconds,pain_before,pain_after,"
                               "outcome,note\r\n");

  g_return_val_if_fail (entries != NULL, NULL);

  for (guint i = 0; i < entries->len; i++)
    {
      const UnknotJournalEntry *e = g_ptr_array_index (entries, i);

      append_time (out, e->started);
      g_string_append_c (out, ',');
      append_time (out, e->ended);
      g_string_append_c (out, ',');
      append_field (out, e->routine_id);
      g_string_append_c (out, ',');
      append_field (out, e->routine_name);
      g_string_append_printf (out, ",%u,%u,%u,%u,", e->steps_done, e->steps_skipped,
                              e->steps_total, e->seconds);
      append_pain (out, e->pain_before);
      g_string_append_c (out, ',');
      append_pain (out, e->pain_after);
      g_string_append_printf (out, ",%s,", unknot_outcome_to_string (e->outcome));
      append_field (out, e->note);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* GObject */

static void
unknot_journal_finalize (GObject *object)
{
  UnknotJournal *self = (UnknotJournal *) object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (self->db != NULL)
    {
      exec_one (self->db, "PRAGMA wal_checkpoint(PASSIVE)");
      sqlite3_close (self->db);
    }
  g_free (self->path);
  g_free (self->moved_aside);

  G_OBJECT_CLASS (unknot_journal_parent_class)->finalize (object);
}

static void
unknot_journal_class_init (UnknotJournalClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = unknot_journal_finalize;

  /**
   * UnknotJournal::changed:
   *
   * A run was added, updated or deleted.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
unknot_journal_init (UnknotJournal *self)
{
}
