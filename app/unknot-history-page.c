/* unknot-history-page.c: the journal's runs, what they add up to, and pain before and after
 *
 * Days in a row and minutes this week; the chart of pain before and after over the last four
 * weeks, with the same in words; per routine, how often and the mean change in pain; the runs
 * by day with their notes, the newest first, UNKNOT_HISTORY_PAGE_RUNS at a time (a journal of
 * years opens as fast as one of a week). A run can be deleted (with Undo), the whole journal too
 * (asked first), and it can be exported as CSV.
 *
 * The page reads the journal again when it changes, while it is on screen, or when it is next
 * shown.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-cli.h"
#include "unknot-history-page.h"
#include "unknot-i18n.h"
#include "unknot-journal-stats.h"
#include "unknot-labels.h"
#include "unknot-pain-chart.h"

struct _UnknotHistoryPage
{
  GtkWidget           parent_instance;

  GtkStack           *content_stack;
  AdwStatusPage      *empty_status;
  GtkLabel           *streak_value;
  GtkLabel           *streak_label;
  GtkLabel           *minutes_value;
  GtkLabel           *minutes_label;
  UnknotPainChart    *chart;
  GtkLabel           *chart_summary;
  GtkListBox         *routines_list;
  GtkBox             *runs_box;
  GtkButton          *more_button;

  UnknotJournal      *journal;
  GPtrArray          *entries;       /* the newest first */
  guint               n_shown;
  gint64              last_day;      /* of the last run shown */
  GtkListBox         *last_list;     /* its day's list */
  gboolean            dirty;
  guint               reload_idle;
  UnknotJournalEntry *deleted;       /* for Undo */
};

G_DEFINE_FINAL_TYPE (UnknotHistoryPage, unknot_history_page, GTK_TYPE_WIDGET)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_toast (UnknotHistoryPage *self,
           AdwToast          *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
say (UnknotHistoryPage *self,
     const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);   /* toast titles are markup */
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  add_toast (self, toast);
}

/* @wrap: on as many lines as it takes (a note); else on one line, ellipsized: a list of
 * wrapping labels is measured for every width, which costs the page's opening most. */
static GtkWidget *
plain_label (const char *text,
             const char *style,
             gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (wrap)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, text);
    }
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* @n in the language's own digits. */
static char *
number_text (guint n)
{
  g_autofree char *ascii = g_strdup_printf ("%u", n);

  return unknot_i18n_localize_digits (ascii);
}

/* "08:15 · 5 of 7 steps, 1 skipped · 4 min · pain 6 → 3 · Stopped" */
static char *
describe_run (const UnknotJournalEntry *e)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_local (e->started);
  GString *text = g_string_new (NULL);
  g_autofree char *time = g_date_time_format (started, C_("time of a run", "%H:%M"));
  g_autofree char *spent = unknot_duration_to_short (e->seconds);
  g_autofree char *pain = unknot_cli_pain_cell (e);

  g_string_append (text, time);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u step", "%u of %u steps",
                                             e->steps_total), e->steps_done, e->steps_total);
  if (e->steps_skipped > 0)
    {
      g_string_append (text, ", ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped",
                                                 e->steps_skipped), e->steps_skipped);
    }
  g_string_append (text, " · ");
  g_string_append (text, spent);
  if (*pain != '\0')
    {
      g_string_append (text, " · ");
      /* Translators: %s is the pain before and after, as in "6 → 3" */
      g_string_append_printf (text, _("pain %s"), pain);
    }
  if (e->outcome != UNKNOT_OUTCOME_FINISHED)
    {
      g_string_append (text, " · ");
      g_string_append (text, unknot_outcome_to_label (e->outcome));
    }
  /* All of it is Unknot's words: the language's own digits throughout. */
  {
    g_autofree char *ascii = g_string_free (text, FALSE);

    return unknot_i18n_localize_digits (ascii);
  }
}

static GtkWidget *
run_row_new (const UnknotJournalEntry *e)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *details = describe_run (e);
  g_autofree char *delete_name = NULL;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), plain_label (e->routine_name, NULL, FALSE));
  gtk_box_append (GTK_BOX (text), plain_label (details, "dim-label", FALSE));
  if (e->note[0] != '\0')
    gtk_box_append (GTK_BOX (text), plain_label (e->note, "caption", TRUE));
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (delete, "flat");
  gtk_widget_set_tooltip_text (delete, _("Delete Run"));
  /* Translators: the accessible name of a run's delete button; %s is the run, as shown */
  delete_name = g_strdup_printf (_("Delete run: %s, %s"), e->routine_name, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  delete_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "history.delete-run");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "x", e->id);
  gtk_box_append (GTK_BOX (box), delete);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static char *
day_title (gint64 day,
           gint64 unix_time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);
  gint64 today = unknot_journal_local_day (g_date_time_to_unix (now));

  if (day == today)
    return g_strdup (_("Today"));
  if (day == today - 1)
    return g_strdup (_("Yesterday"));
  /* Translators: a day in the list of runs (GDateTime format) */
  return g_date_time_format (time, C_("history day", "%A, %e %B %Y"));
}

/* The next runs, each under its day's heading. */
static void
append_runs (UnknotHistoryPage *self,
             guint              n)
{
  guint end = MIN (self->n_shown + n, self->entries->len);

  for (; self->n_shown < end; self->n_shown++)
    {
      const UnknotJournalEntry *e = g_ptr_array_index (self->entries, self->n_shown);
      gint64 day = unknot_journal_local_day (e->started);

      if (self->last_list == NULL || day != self->last_day)
        {
          g_autofree char *title = day_title (day, e->started);
          g_autofree char *escaped = g_markup_escape_text (title, -1);
          GtkWidget *group = adw_preferences_group_new ();

          self->last_list = GTK_LIST_BOX (gtk_list_box_new ());
          gtk_list_box_set_selection_mode (self->last_list, GTK_SELECTION_NONE);
          gtk_widget_add_css_class (GTK_WIDGET (self->last_list), "boxed-list");
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->last_list),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                     GTK_WIDGET (self->last_list));
          gtk_box_append (self->runs_box, group);
          self->last_day = day;
        }
      gtk_list_box_append (self->last_list, run_row_new (e));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->n_shown < self->entries->len);
}

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static void
show_routines (UnknotHistoryPage        *self,
               const UnknotJournalStats *stats)
{
  remove_children (GTK_WIDGET (self->routines_list));
  for (guint i = 0; i < stats->routines->len; i++)
    {
      const UnknotRoutineSummary *r = g_ptr_array_index (stats->routines, i);
      GtkWidget *row = adw_action_row_new ();
      GString *subtitle = g_string_new (NULL);
      g_autofree char *shown = NULL;

      g_string_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", r->runs),
                       r->runs);
      if (r->rated > 0)
        {
          g_autofree char *change = unknot_pain_change_to_text (r->mean_change);

          g_string_append (subtitle, " · ");
          /* Translators: %s is a change such as "2.5 lower" or "no change" */
          g_string_append_printf (subtitle, _("pain afterwards: %s on average"), change);
        }
      /* The name is the person's own text: no markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->routine_name);
      shown = unknot_i18n_localize_digits (subtitle->str);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
      g_string_free (subtitle, TRUE);
      gtk_list_box_append (self->routines_list, row);
    }
}

/* Reads the journal and shows it. */
void
unknot_history_page_reload (UnknotHistoryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(UnknotJournalStats) stats = NULL;
  g_autofree char *streak = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *summary = NULL;

  g_return_if_fail (UNKNOT_IS_HISTORY_PAGE (self));

  self->dirty = FALSE;
  g_clear_handle_id (&self->reload_idle, g_source_remove);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (self->journal != NULL)
    self->entries = unknot_journal_list (self->journal, &error);
  if (self->entries == NULL)
    {
      self->entries = g_ptr_array_new ();
      adw_status_page_set_description (self->empty_status,
                                       error != NULL ? error->message
                                                     : _("The journal could not be opened."));
    }

  remove_children (GTK_WIDGET (self->runs_box));
  self->n_shown = 0;
  self->last_list = NULL;
  if (self->entries->len == 0)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->content_stack, "runs");

  stats = unknot_journal_stats_new (self->entries, now, UNKNOT_CHART_DAYS);
  streak = number_text (stats->streak_days);
  gtk_label_set_text (self->streak_value, streak);
  gtk_label_set_text (self->streak_label, g_dngettext (GETTEXT_PACKAGE, "day in a row",
                                                       "days in a row", stats->streak_days));
  minutes = number_text (stats->minutes_this_week);
  gtk_label_set_text (self->minutes_value, minutes);
  gtk_label_set_text (self->minutes_label, g_dngettext (GETTEXT_PACKAGE, "minute this week",
                                                        "minutes this week",
                                                        stats->minutes_this_week));
  unknot_pain_chart_set_stats (self->chart, stats);
  summary = unknot_journal_stats_describe_chart (stats);
  gtk_label_set_text (self->chart_summary, summary);
  show_routines (self, stats);
  append_runs (self, UNKNOT_HISTORY_PAGE_RUNS);
}

static gboolean
reload_idle_cb (gpointer data)
{
  UnknotHistoryPage *self = data;

  self->reload_idle = 0;
  unknot_history_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* A change while the page is on screen shows soon (changes in a burst, once); else when it is
 * next shown. */
static void
on_journal_changed (UnknotHistoryPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_idle == 0)
    /* Default priority: an idle one waits behind every frame of a toast's animation. */
    self->reload_idle = g_idle_add_full (G_PRIORITY_DEFAULT, reload_idle_cb, self, NULL);
}

void
unknot_history_page_set_journal (UnknotHistoryPage *self,
                                 UnknotJournal     *journal)
{
  g_return_if_fail (UNKNOT_IS_HISTORY_PAGE (self));
  g_return_if_fail (journal == NULL || UNKNOT_IS_JOURNAL (journal));

  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_set_object (&self->journal, journal);
  if (journal != NULL)
    g_signal_connect_object (journal, "changed", G_CALLBACK (on_journal_changed), self,
                             G_CONNECT_SWAPPED);
  unknot_history_page_reload (self);
}

UnknotJournal *
unknot_history_page_get_journal (UnknotHistoryPage *self)
{
  g_return_val_if_fail (UNKNOT_IS_HISTORY_PAGE (self), NULL);
  return self->journal;
}

/* How many runs the list shows now: for tests. */
guint
unknot_history_page_get_n_shown (UnknotHistoryPage *self)
{
  g_return_val_if_fail (UNKNOT_IS_HISTORY_PAGE (self), 0);
  return self->n_shown;
}

static void
on_more_clicked (UnknotHistoryPage *self)
{
  append_runs (self, UNKNOT_HISTORY_PAGE_RUNS);
}

static void
on_back_clicked (UnknotHistoryPage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

/* Delete one run, with Undo */

static void
on_undo_delete (AdwToast          *toast,
                UnknotHistoryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->deleted == NULL || self->journal == NULL)
    return;
  if (!unknot_journal_add (self->journal, self->deleted, &error))
    say (self, error->message);
  g_clear_pointer (&self->deleted, unknot_journal_entry_free);
}

static void
delete_run_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  UnknotHistoryPage *self = UNKNOT_HISTORY_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  for (guint i = 0; i < self->entries->len; i++)
    if (((UnknotJournalEntry *) g_ptr_array_index (self->entries, i))->id == id)
      {
        g_clear_pointer (&self->deleted, unknot_journal_entry_free);
        self->deleted = unknot_journal_entry_copy (g_ptr_array_index (self->entries, i));
      }
  if (self->deleted == NULL || self->deleted->id != id)
    return;

  if (!unknot_journal_delete (self->journal, id, &error))
    {
      say (self, error->message);
      return;
    }
  toast = adw_toast_new (_("Run deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_delete), self, 0);
  add_toast (self, toast);
}

/* Delete every run, asked first */

static void
on_delete_all_response (AdwMessageDialog  *dialog,
                        const char        *response,
                        UnknotHistoryPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") && self->journal != NULL
      && !unknot_journal_delete_all (self->journal, &error))
    say (self, error->message);
}

static void
delete_all_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  UnknotHistoryPage *self = UNKNOT_HISTORY_PAGE (widget);
  GtkWidget *dialog;

  if (self->journal == NULL || self->entries->len == 0)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Delete All Runs?"),
                                   _("Every run in your journal will be deleted, with its pain "
                                     "answers and notes. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete All"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_all_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export as CSV */

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(UnknotHistoryPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (G_FILE (source));
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    /* Translators: the first %s is a file name, the second what went wrong */
    message = g_strdup_printf (_("The journal could not be exported to “%s”: %s"), name,
                               error->message);
  else
    /* Translators: %s is a file name */
    message = g_strdup_printf (_("The journal was exported to “%s”"), name);
  say (self, message);
}

static void
on_export_response (GtkNativeDialog   *chooser,
                    int                response,
                    UnknotHistoryPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL && self->journal != NULL)
    {
      if ((entries = unknot_journal_list (self->journal, &error)) == NULL)
        say (self, error->message);
      else
        {
          csv = unknot_journal_entries_to_csv (entries);
          bytes = g_bytes_new_take (csv, strlen (csv));
          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                               G_FILE_CREATE_PRIVATE, NULL, on_exported,
                                               g_object_ref (self));
        }
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Journal"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  /* Translators: the suggested name of an exported journal; keep the .csv */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("unknot-journal.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* The page may be rebuilt (a language switch) while the chooser is open. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
unknot_history_page_map (GtkWidget *widget)
{
  UnknotHistoryPage *self = UNKNOT_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (unknot_history_page_parent_class)->map (widget);
  if (self->dirty)
    unknot_history_page_reload (self);
}

static void
unknot_history_page_dispose (GObject *object)
{
  UnknotHistoryPage *self = (UnknotHistoryPage *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->reload_idle, g_source_remove);
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);
  g_clear_object (&self->journal);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, unknot_journal_entry_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_HISTORY_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unknot_history_page_parent_class)->dispose (object);
}

static void
unknot_history_page_class_init (UnknotHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_history_page_dispose;
  widget_class->map = unknot_history_page_map;

  /* Back to where the page was opened from. */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (UNKNOT_TYPE_PAIN_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, streak_value);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, streak_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, minutes_value);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, minutes_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, chart);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, chart_summary);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, routines_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, runs_box);
  gtk_widget_class_bind_template_child (widget_class, UnknotHistoryPage, more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_more_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "history.delete-run", "x", delete_run_action);
  gtk_widget_class_install_action (widget_class, "history.delete-all", NULL, delete_all_action);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);
}

static void
unknot_history_page_init (UnknotHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new ();
}
