/* test-history-widget.c: the History page on a known journal, in English, German and Arabic
 *
 * The journal is written before the application starts: two runs today, one on each of the two
 * days before (days in a row: 3) and 116 older ones. The page is opened with win.show-history
 * (Ctrl+H, the main menu), shows the days in a row, this week's minutes, the chart's summary,
 * the routines and the first runs, more on Show More; a run deleted leaves the journal, and the
 * toast's Undo brings it back. After a
 * change of language the rebuilt window is on the History page again, in German, then in Arabic
 * (right to left).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-history-widget"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "unknot-history-page.h"
#include "unknot-i18n.h"
#include "unknot-journal-stats.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define N_OLD 116

static UnknotApplication *app;
static GSettings         *settings;

static void
add_run (UnknotJournal *journal,
         gint64         started,
         const char    *routine,
         guint          seconds,
         int            before,
         int            after)
{
  g_autoptr(UnknotJournalEntry) e = unknot_journal_entry_new ();

  e->started = started;
  e->ended = started + seconds;
  g_free (e->routine_id);
  e->routine_id = g_strdup (routine);
  g_free (e->routine_name);
  e->routine_name = g_strdup (routine);
  e->steps_total = 4;
  e->steps_done = 4;
  e->seconds = seconds;
  e->pain_before = before;
  e->pain_after = after;
  e->outcome = UNKNOT_OUTCOME_FINISHED;
  g_assert_true (unknot_journal_add (journal, e, NULL));
}

static void
seed (void)
{
  g_autofree char *path = unknot_journal_get_default_path ();
  g_autoptr(UnknotJournal) journal = unknot_journal_open (path, 0, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  gint64 midnight = g_date_time_to_unix (today);

  g_assert_nonnull (journal);
  add_run (journal, midnight + 60, "Desk break", 600, 6, 2);
  add_run (journal, midnight + 120, "Desk break", 300, 4, UNKNOT_PAIN_NONE);
  add_run (journal, midnight - 12 * 3600, "Ball work", 0, UNKNOT_PAIN_NONE, UNKNOT_PAIN_NONE);
  add_run (journal, midnight - 36 * 3600, "Ball work", 0, 8, 8);
  for (guint i = 0; i < N_OLD; i++)
    add_run (journal, midnight - (10 + i) * 86400 + 3600, "Old", 60, UNKNOT_PAIN_NONE,
             UNKNOT_PAIN_NONE);
}

static UnknotWindow *
active_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (UNKNOT_IS_WINDOW (window));
  return UNKNOT_WINDOW (window);
}

static const char *
page_label (UnknotHistoryPage *page,
            const char        *name)
{
  return gtk_label_get_text (GTK_LABEL (test_template_child (GTK_WIDGET (page),
                                                             UNKNOT_TYPE_HISTORY_PAGE, name)));
}

typedef struct {
  UnknotHistoryPage *page;
  const char        *name;
  const char        *text;
} LabelWait;

static gboolean
label_is (gpointer data)
{
  LabelWait *w = data;

  return g_strcmp0 (page_label (w->page, w->name), w->text) == 0;
}

/* The page is read again in an idle after a change: waits for the label to say @text. */
static void
wait_label (UnknotHistoryPage *page,
            const char        *name,
            const char        *text)
{
  LabelWait w = { page, name, text };

  if (!test_spin_until (label_is, &w, 30000))
    g_error ("%s says “%s”, not “%s”", name, page_label (page, name), text);
}

static gboolean
window_replaced (gpointer old)
{
  return (gpointer) gtk_application_get_active_window (GTK_APPLICATION (app)) != old;
}

static UnknotWindow *
switch_language (UnknotWindow *old,
                 const char   *language)
{
  UnknotWindow *window;

  g_settings_set_string (settings, "language", language);
  if (!test_spin_until (window_replaced, old, 30000))
    g_error ("The window was not built again after the language was set to “%s”", language);
  window = active_window ();
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* What the page says in the current language, each checked against the catalogue and, out of
 * English, against the English words. */
static void
check_texts (UnknotWindow *window,
             gboolean      translated)
{
  UnknotHistoryPage *page = unknot_window_get_history_page (window);
  const char *streak = g_dngettext (GETTEXT_PACKAGE, "day in a row", "days in a row", 3);
  const char *minutes = g_dngettext (GETTEXT_PACKAGE, "minute this week", "minutes this week",
                                     15);
  const char *summary = page_label (page, "chart_summary");
  const char *english_start = "Pain on the scale";

  g_autofree char *three = unknot_i18n_localize_digits ("3");
  g_autofree char *fifteen = unknot_i18n_localize_digits ("15");

  g_assert_cmpstr (unknot_window_get_page (window), ==, "history");
  /* The figures in the language's own digits (Arabic-Indic in Arabic), the summary too. */
  g_assert_cmpstr (page_label (page, "streak_value"), ==, three);
  if (g_str_equal (unknot_i18n_get_language (), "ar"))
    {
      g_assert_cmpstr (three, ==, "٣");
      g_assert_null (strpbrk (summary, "0123456789"));
    }
  g_assert_cmpstr (page_label (page, "streak_label"), ==, streak);
  g_assert_cmpstr (page_label (page, "minutes_value"), ==, fifteen);
  g_assert_cmpstr (page_label (page, "minutes_label"), ==, minutes);
  g_test_message ("%s · %s · %s", streak, minutes, summary);
  if (translated)
    {
      g_assert_cmpstr (streak, !=, "days in a row");
      g_assert_cmpstr (minutes, !=, "minutes this week");
      g_assert_false (g_str_has_prefix (summary, english_start));
    }
  else
    g_assert_true (g_str_has_prefix (summary, english_start));
  /* The chart is named for a screen reader by the same words. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (test_template_child (GTK_WIDGET (page),
                                                                     UNKNOT_TYPE_HISTORY_PAGE,
                                                                     "chart")), ==, summary);
}

static void
test_page (void)
{
  UnknotWindow *window = active_window ();
  UnknotHistoryPage *page;
  UnknotJournal *journal;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(UnknotJournalEntry) deleted = NULL;
  UnknotJournalEntry *restored;
  GtkWidget *more, *undo;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-history", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  page = unknot_window_get_history_page (window);
  check_texts (window, FALSE);

  g_assert_cmpuint (unknot_history_page_get_n_shown (page), ==, UNKNOT_HISTORY_PAGE_RUNS);
  more = test_template_child (GTK_WIDGET (page), UNKNOT_TYPE_HISTORY_PAGE, "more_button");
  g_assert_true (gtk_widget_get_visible (more));
  g_signal_emit_by_name (more, "clicked");
  g_assert_cmpuint (unknot_history_page_get_n_shown (page), ==, 2 * UNKNOT_HISTORY_PAGE_RUNS);
  for (guint shown = 2 * UNKNOT_HISTORY_PAGE_RUNS; shown < 4 + N_OLD;
       shown += UNKNOT_HISTORY_PAGE_RUNS)
    {
      g_assert_true (gtk_widget_get_visible (more));
      g_signal_emit_by_name (more, "clicked");
    }
  g_assert_cmpuint (unknot_history_page_get_n_shown (page), ==, 4 + N_OLD);
  g_assert_false (gtk_widget_get_visible (more));

  /* The newest run deleted: out of the journal, and the page read again. */
  journal = unknot_history_page_get_journal (page);
  entries = unknot_journal_list (journal, NULL);
  deleted = unknot_journal_entry_copy (g_ptr_array_index (entries, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "history.delete-run", "x",
                                             deleted->id));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = unknot_journal_list (journal, NULL);
  g_assert_cmpuint (entries->len, ==, 3 + N_OLD);
  wait_label (page, "minutes_value", "10");

  /* The toast's Undo, pressed as a person does: the same run back, under its own id. */
  undo = test_find_button (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))), "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = unknot_journal_list (journal, NULL);
  g_assert_cmpuint (entries->len, ==, 4 + N_OLD);
  restored = g_ptr_array_index (entries, 0);
  g_assert_cmpint (restored->id, ==, deleted->id);
  g_assert_cmpint (restored->started, ==, deleted->started);
  g_assert_cmpint (restored->pain_before, ==, deleted->pain_before);
  g_assert_cmpint (restored->pain_after, ==, deleted->pain_after);
  g_assert_cmpuint (restored->seconds, ==, deleted->seconds);
  g_assert_cmpstr (restored->routine_name, ==, deleted->routine_name);
  wait_label (page, "minutes_value", "15");
}

static void
test_languages (void)
{
  UnknotWindow *window = active_window ();

  window = switch_language (window, "de");
  check_texts (window, TRUE);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "History"), ==, "Verlauf");

  window = switch_language (window, "ar");
  check_texts (window, TRUE);
  g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);

  window = switch_language (window, "");
  check_texts (window, FALSE);
}

/* The first visible top-level window that @match accepts, or NULL. */
static GtkWindow *
find_toplevel (gboolean  (*match) (GtkWindow *window, gconstpointer data),
               gconstpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (GTK_WIDGET (w)) && match (w, data))
        return w;
    }
  return NULL;
}

static gboolean
is_file_chooser (GtkWindow     *window,
                 gconstpointer  data)
{
  return GTK_IS_FILE_CHOOSER_DIALOG (window);
}

static gboolean
is_message (GtkWindow     *window,
            gconstpointer  heading)
{
  return ADW_IS_MESSAGE_DIALOG (window)
         && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_toplevel (is_file_chooser, NULL) != NULL;
}

/* The chooser reads its folder in the background: the file is chosen once it says so. */
static gboolean
chooser_has_file (gpointer chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autoptr(GFile) parent = file != NULL ? g_file_get_parent (file) : NULL;

  return parent != NULL && g_str_has_suffix (g_file_peek_path (parent), "/exported");
}

static gboolean
message_shown (gpointer heading)
{
  return find_toplevel (is_message, heading) != NULL;
}

static gboolean
message_gone (gpointer heading)
{
  return find_toplevel (is_message, heading) == NULL;
}

static gboolean
page_empty (gpointer page)
{
  GtkStack *stack = GTK_STACK (test_template_child (page, UNKNOT_TYPE_HISTORY_PAGE,
                                                    "content_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

typedef struct {
  const char *path;
  const char *text;
} FileWait;

static gboolean
file_holds (gpointer data)
{
  FileWait *w = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (w->path, &contents, NULL, NULL)
         && g_strcmp0 (contents, w->text) == 0;
}

static guint
n_runs (UnknotJournal *journal)
{
  g_autoptr(GPtrArray) entries = unknot_journal_list (journal, NULL);

  g_assert_nonnull (entries);
  return entries->len;
}

/* Answers "Delete All Runs?" with @response, as its button does. */
static void
answer_delete_all (UnknotHistoryPage *page,
                   const char        *response)
{
  const char *heading = "Delete All Runs?";
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "history.delete-all", NULL));
  g_assert_true (test_spin_until (message_shown, (gpointer) heading, 30000));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (is_message, heading));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (test_spin_until (message_gone, (gpointer) heading, 30000));
}

/* Export as CSV through the file chooser, then Delete All: asked, Cancel keeps every run. */
static void
test_export_delete_all (void)
{
  UnknotWindow *window = active_window ();
  UnknotHistoryPage *page = unknot_window_get_history_page (window);
  UnknotJournal *journal = unknot_history_page_get_journal (page);
  g_autoptr(GPtrArray) entries = unknot_journal_list (journal, NULL);
  g_autofree char *expected = unknot_journal_entries_to_csv (entries);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "exported", NULL);
  g_autofree char *path = g_build_filename (folder, "runs.csv", NULL);
  g_autofree char *written = NULL;
  g_autoptr(GFile) path_file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  struct stat st;

  g_assert_cmpstr (unknot_window_get_page (window), ==, "history");
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  /* Export: the chooser suggests a name; the file is the journal's CSV, private. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "history.export", NULL));
  g_assert_true (test_spin_until (chooser_shown, NULL, 30000));
  chooser = GTK_FILE_CHOOSER (find_toplevel (is_file_chooser, NULL));
  g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "unknot-journal.csv");
  g_assert_true (gtk_file_chooser_set_file (chooser, path_file, &error));
  g_assert_no_error (error);
  {
    GtkWidget *export = test_find_button (GTK_WIDGET (chooser), "_Export");

    g_assert_nonnull (export);
    g_assert_true (test_spin_until (chooser_has_file, chooser, 30000));
    /* Typed as a whole path, as a person may: the name field reads it whatever folder shows. */
    gtk_file_chooser_set_current_name (chooser, path);
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (chooser);

      g_assert_cmpstr (g_file_peek_path (chosen), ==, path);
    }
    g_signal_emit_by_name (export, "clicked");
  }
  {
    FileWait w = { path, expected };

    /* Written in the background: complete once it holds all of it. */
    if (!test_spin_until (file_holds, &w, 30000))
      {
        g_file_get_contents (path, &written, NULL, NULL);
        g_error ("The export holds “%s”, not the journal's CSV", written ? written : "(nothing)");
      }
  }
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Delete All: asked first; Cancel deletes nothing. */
  g_assert_cmpuint (n_runs (journal), ==, 4 + N_OLD);
  answer_delete_all (page, "cancel");
  g_assert_cmpuint (n_runs (journal), ==, 4 + N_OLD);
  answer_delete_all (page, "delete");
  g_assert_cmpuint (n_runs (journal), ==, 0);
  /* The page says there is nothing yet. */
  if (!test_spin_until (page_empty, page, 30000))
    g_error ("History still shows runs after Delete All");
}

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  int status;

  tmp_home = test_make_home (test_build_dir (), "home-history-XXXXXX");
  seed ();

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  app = test_application_new (NULL);
  settings = unknot_application_get_settings (app);
  g_application_activate (G_APPLICATION (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (active_window ()));

  g_test_add_func ("/history/page", test_page);
  g_test_add_func ("/history/languages", test_languages);
  g_test_add_func ("/history/export-delete-all", test_export_delete_all);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (active_window ()));
  test_application_finish (app, tmp_home);
  return status;
}
