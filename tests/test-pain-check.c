/* test-pain-check.c: "How does your back feel?", from the keys to the journal
 *
 * The pain scale as a person answers it: a tap on a value, or a digit key (0-9, the keypad's too,
 * "1" then "0" for 10, Backspace to take the answer back), the focus following the answer, every
 * value named for a screen reader. Then the window's wiring: the answer given on a routine's page
 * is kept from routine to routine until Start takes it into the run's record, and the page asks
 * afresh; the answer after and the note on the finish page go into the same record, in the
 * journal on disk. The application runs on a fake clock.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pain-check"

#include "config.h"

#include "unknot-finish-page.h"
#include "unknot-i18n.h"
#include "unknot-pain-scale.h"
#include "unknot-routine-page.h"
#include "unknot-run.h"
#include "unknot-ui-test-util.h"
#include "unknot-window.h"

#define ROUTINE_ID "pain-check-test"
#define OTHER_ID   "desk-break"   /* a bundled routine */

/* Two one-second steps. */
static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"" ROUTINE_ID "\",\n"
  "  \"name\": \"Pain check test\",\n"
  "  \"description\": \"Two one-second steps.\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"light-stroking\", \"area\": \"upper-back\", \"duration\": 1 },\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 1 }\n"
  "  ]\n"
  "}\n";

static UnknotApplication *app;
static UnknotFakeClock   *fake_clock;
static UnknotWindow      *window;

static GtkWidget *
routine_page (void)
{
  return test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "routine_page");
}

static GtkWidget *
finish_page (void)
{
  return test_template_child (GTK_WIDGET (window), UNKNOT_TYPE_WINDOW, "finish_page");
}

static UnknotPainScale *
scale_before (void)
{
  return UNKNOT_PAIN_SCALE (test_template_child (routine_page (), UNKNOT_TYPE_ROUTINE_PAGE,
                                                 "pain_before"));
}

static UnknotPainScale *
scale_after (void)
{
  return UNKNOT_PAIN_SCALE (test_template_child (finish_page (), UNKNOT_TYPE_FINISH_PAGE,
                                                 "pain_after"));
}

static void
show_routine (const char *id)
{
  UnknotRoutine *routine = unknot_library_lookup (unknot_application_get_library (app), id);

  g_assert_nonnull (routine);
  unknot_window_show_routine (window, routine);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "routine");
}

/* A key press on the scale, as its key controller gets it from the keyboard; whether the scale
 * took it. */
static gboolean
press (UnknotPainScale *scale,
       guint            keyval,
       GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (scale));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller))
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      return handled;
    }
  g_assert_not_reached ();
}

/* @scale answers @value, and the focus is on that value's button. */
static void
assert_answer (UnknotPainScale *scale,
               int              value)
{
  g_assert_cmpint (unknot_pain_scale_get_value (scale), ==, value);
  if (value >= 0)
    {
      GtkWidget *button = unknot_pain_scale_get_button (scale, value);

      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
      g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == button);
    }
  for (int i = 0; i <= UNKNOT_PAIN_MAX; i++)
    if (i != value)
      g_assert_false (gtk_toggle_button_get_active (
        GTK_TOGGLE_BUTTON (unknot_pain_scale_get_button (scale, i))));
}

static void
test_keys (void)
{
  UnknotPainScale *scale;

  show_routine (ROUTINE_ID);
  scale = scale_before ();
  g_assert_cmpint (unknot_pain_scale_get_value (scale), ==, UNKNOT_PAIN_NONE);

  /* Each digit is its value; a digit after "1" other than "0" is itself. */
  for (guint d = 0; d <= 9; d++)
    {
      g_assert_true (press (scale, GDK_KEY_0 + d, 0));
      assert_answer (scale, (int) d);
    }
  /* "1" then "0": 10, not 0. */
  g_assert_true (press (scale, GDK_KEY_1, 0));
  assert_answer (scale, 1);
  g_assert_true (press (scale, GDK_KEY_0, 0));
  assert_answer (scale, 10);
  /* ...and "0" on its own again is 0. */
  g_assert_true (press (scale, GDK_KEY_0, 0));
  assert_answer (scale, 0);
  /* The keypad's digits, and its "1" "0". */
  g_assert_true (press (scale, GDK_KEY_KP_7, 0));
  assert_answer (scale, 7);
  g_assert_true (press (scale, GDK_KEY_KP_1, 0));
  g_assert_true (press (scale, GDK_KEY_KP_0, 0));
  assert_answer (scale, 10);
  /* A shortcut is not an answer: Ctrl+3 and Alt+3 go on to the window. */
  g_assert_false (press (scale, GDK_KEY_3, GDK_CONTROL_MASK));
  g_assert_false (press (scale, GDK_KEY_3, GDK_ALT_MASK));
  assert_answer (scale, 10);
  /* Other keys are left to the rest of the window. */
  g_assert_false (press (scale, GDK_KEY_a, 0));
  assert_answer (scale, 10);
  /* Backspace and Delete take the answer back. */
  g_assert_true (press (scale, GDK_KEY_BackSpace, 0));
  assert_answer (scale, UNKNOT_PAIN_NONE);
  g_assert_true (press (scale, GDK_KEY_5, 0));
  g_assert_true (press (scale, GDK_KEY_Delete, 0));
  assert_answer (scale, UNKNOT_PAIN_NONE);

  /* A tap on a value answers it; a tap on the answer takes it back. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (unknot_pain_scale_get_button (scale, 6)), TRUE);
  g_assert_cmpint (unknot_pain_scale_get_value (scale), ==, 6);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (unknot_pain_scale_get_button (scale, 2)), TRUE);
  g_assert_cmpint (unknot_pain_scale_get_value (scale), ==, 2);
  g_assert_false (gtk_toggle_button_get_active (
    GTK_TOGGLE_BUTTON (unknot_pain_scale_get_button (scale, 6))));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (unknot_pain_scale_get_button (scale, 2)), FALSE);
  g_assert_cmpint (unknot_pain_scale_get_value (scale), ==, UNKNOT_PAIN_NONE);

  /* Every value says what it means (the tooltip carries the accessible name's words). */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (unknot_pain_scale_get_button (scale, 0)), ==,
                   "0 of 10, no pain");
  for (int i = 1; i < UNKNOT_PAIN_MAX; i++)
    {
      g_autofree char *name = g_strdup_printf ("%d of 10", i);

      g_assert_cmpstr (gtk_widget_get_tooltip_text (unknot_pain_scale_get_button (scale, i)), ==,
                       name);
    }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (unknot_pain_scale_get_button (scale, 10)), ==,
                   "10 of 10, the worst pain imaginable");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (unknot_pain_scale_get_button (scale, 7))),
                   ==, "7");

  /* In Arabic, the language's own digits, on the buttons and in their names. */
  g_assert_true (unknot_i18n_set_language ("ar"));
  {
    UnknotPainScale *arabic = g_object_ref_sink (g_object_new (UNKNOT_TYPE_PAIN_SCALE, NULL));

    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (unknot_pain_scale_get_button (arabic, 7))),
                     ==, "٧");
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (unknot_pain_scale_get_button (arabic, 10))),
                     ==, "١٠");
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (unknot_pain_scale_get_button (arabic,
                                                                                        3)),
                              "٣"));
    g_assert_null (strpbrk (gtk_widget_get_tooltip_text (unknot_pain_scale_get_button (arabic, 3)),
                            "0123456789"));
    g_object_unref (arabic);
  }
  g_assert_true (unknot_i18n_set_language ("en"));
}

typedef struct {
  int         pain_before;
  int         pain_after;
  const char *note;
} Expected;

/* The newest run in the journal on disk, or NULL. */
static UnknotJournalEntry *
newest_on_disk (void)
{
  g_autofree char *path = unknot_journal_get_default_path ();
  g_autoptr(UnknotJournal) journal = unknot_journal_open (path, UNKNOT_JOURNAL_OPEN_NO_CREATE,
                                                          NULL);
  g_autoptr(GPtrArray) entries = NULL;

  if (journal == NULL)
    return NULL;
  entries = unknot_journal_list (journal, NULL);
  if (entries == NULL || entries->len == 0)
    return NULL;
  return unknot_journal_entry_copy (g_ptr_array_index (entries, 0));
}

static gboolean
on_disk_is (gpointer data)
{
  const Expected *want = data;
  g_autoptr(UnknotJournalEntry) e = newest_on_disk ();

  return e != NULL && e->pain_before == want->pain_before && e->pain_after == want->pain_after
         && g_strcmp0 (e->note, want->note) == 0;
}

static void
test_journal (void)
{
  UnknotRun *run = unknot_application_get_run (app);
  GtkWidget *start = test_find_button (routine_page (), "_Start");
  GtkWidget *note = test_template_child (finish_page (), UNKNOT_TYPE_FINISH_PAGE, "note_entry");
  const UnknotJournalEntry *entry;
  Expected want = { 4, 10, "Eased after the kneading" };

  /* Answered on one routine's page, still the answer on another's: it is about the back. */
  show_routine (ROUTINE_ID);
  g_assert_true (press (scale_before (), GDK_KEY_4, 0));
  show_routine (OTHER_ID);
  g_assert_cmpint (unknot_pain_scale_get_value (scale_before ()), ==, 4);
  show_routine (ROUTINE_ID);
  g_assert_cmpint (unknot_pain_scale_get_value (scale_before ()), ==, 4);

  /* Start (the page's own button) takes it into the run's record, and the page asks afresh next time. */
  g_assert_nonnull (start);
  g_signal_emit_by_name (start, "clicked");
  g_assert_cmpstr (unknot_window_get_page (window), ==, "player");
  entry = unknot_run_get_journal_entry (run);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->routine_id, ==, ROUTINE_ID);
  g_assert_cmpint (entry->pain_before, ==, 4);
  g_assert_cmpint (entry->pain_after, ==, UNKNOT_PAIN_NONE);
  g_assert_cmpint (unknot_pain_scale_get_value (scale_before ()), ==, UNKNOT_PAIN_NONE);

  /* To the end: the finish page asks for after, empty, and its answers join the record. */
  test_clock_advance (fake_clock, 2 * G_USEC_PER_SEC + 1000);
  g_assert_cmpstr (unknot_window_get_page (window), ==, "finish");
  g_assert_cmpint (unknot_pain_scale_get_value (scale_after ()), ==, UNKNOT_PAIN_NONE);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (note)), ==, "");
  g_assert_true (press (scale_after (), GDK_KEY_1, 0));
  g_assert_true (press (scale_after (), GDK_KEY_0, 0));
  gtk_editable_set_text (GTK_EDITABLE (note), want.note);
  entry = unknot_run_get_journal_entry (run);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->pain_before, ==, 4);
  g_assert_cmpint (entry->pain_after, ==, 10);
  g_assert_cmpstr (entry->note, ==, want.note);
  g_assert_cmpint (entry->outcome, ==, UNKNOT_OUTCOME_FINISHED);
  g_assert_cmpuint (entry->steps_done, ==, 2);

  /* The finish page's counts in the language's own digits (shown again in Arabic). */
  {
    UnknotSession *session = unknot_run_get_session (run);
    GtkWidget *page;
    const char *summary;

    g_assert_nonnull (session);
    g_assert_true (unknot_i18n_set_language ("ar"));
    page = g_object_ref_sink (g_object_new (UNKNOT_TYPE_FINISH_PAGE, NULL));
    unknot_finish_page_show_session (UNKNOT_FINISH_PAGE (page), session);
    summary = gtk_label_get_text (GTK_LABEL (test_template_child (page, UNKNOT_TYPE_FINISH_PAGE,
                                                                  "finish_summary")));
    g_test_message ("Arabic summary: %s", summary);
    g_assert_nonnull (strstr (summary, "٢"));                  /* 2 of 2 steps */
    g_assert_null (strpbrk (summary, "0123456789"));
    g_object_unref (page);
    g_assert_true (unknot_i18n_set_language ("en"));
  }

  /* ...and in the journal on disk, where History and `unknot --history` read it. */
  if (!test_spin_until (on_disk_is, &want, 30000))
    g_error ("The journal on disk does not hold the run's answers (4, 10, the note)");

  /* Changed on the finish page: changed in the journal. */
  g_assert_true (press (scale_after (), GDK_KEY_BackSpace, 0));
  want.pain_after = UNKNOT_PAIN_NONE;
  if (!test_spin_until (on_disk_is, &want, 30000))
    g_error ("The journal on disk kept an answer taken back");
}

int
main (int   argc,
      char *argv[])
{
  char *tmp_home;
  int status;

  tmp_home = test_make_home (test_build_dir (), "home-pain-check-XXXXXX");
  test_write_user_routine (tmp_home, ROUTINE_ID, routine_json);

  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);
  gtk_test_init (&argc, &argv, NULL);

  fake_clock = test_clock_new ();
  app = test_application_new (UNKNOT_CLOCK (fake_clock));
  g_settings_set_int (unknot_application_get_settings (app), "get-ready", -1);

  window = g_object_ref_sink (unknot_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_test_add_func ("/pain-check/keys", test_keys);
  g_test_add_func ("/pain-check/journal", test_journal);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  test_application_finish (app, tmp_home);
  g_object_unref (fake_clock);
  return status;
}
