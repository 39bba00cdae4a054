/* unknot-reminder-page.c
 *
 * Everything here reads and writes the settings, and follows them: the background service goes
 * by the same keys, so the two agree live.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-reminder-page.h"
#include "unknot-reminders.h"

struct _UnknotReminderPage
{
  AdwPreferencesPage  parent_instance;

  AdwActionRow       *enabled_row;
  GtkSwitch          *enabled_switch;
  AdwComboRow        *routine_row;
  AdwActionRow       *days_row;
  GtkBox             *days_box;
  AdwPreferencesGroup *times_group;
  AdwEntryRow        *time_entry;
  GtkLabel           *time_error;

  GtkToggleButton    *day_buttons[7];   /* Monday first */
  GPtrArray          *time_rows;
  GSettings          *settings;
  UnknotReminders    *reminders;
  GtkSortListModel   *routines;
  gboolean            updating;
};

G_DEFINE_FINAL_TYPE (UnknotReminderPage, unknot_reminder_page, ADW_TYPE_PREFERENCES_PAGE)

static const char *
weekday_name (int iso)
{
  static const char *names[] = {
    NC_("weekday", "Monday"), NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
    NC_("weekday", "Thursday"), NC_("weekday", "Friday"), NC_("weekday", "Saturday"),
    NC_("weekday", "Sunday"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", names[iso - 1]);
}

static const char *
weekday_short_name (int iso)
{
  /* Translators: the weekdays, as short as your language writes them on a calendar's buttons */
  static const char *names[] = {
    NC_("weekday", "Mon"), NC_("weekday", "Tue"), NC_("weekday", "Wed"), NC_("weekday", "Thu"),
    NC_("weekday", "Fri"), NC_("weekday", "Sat"), NC_("weekday", "Sun"),
  };

  return g_dpgettext2 (GETTEXT_PACKAGE, "weekday", names[iso - 1]);
}

static char *
format_time (int hour,
             int minute)
{
  g_autofree char *text = g_strdup_printf ("%02d:%02d", hour, minute);

  return unknot_i18n_localize_digits (text);
}

/* The switch's subtitle: when the next reminder comes. */
static void
update_next (UnknotReminderPage *self)
{
  GDateTime *next = self->reminders != NULL ? unknot_reminders_get_next (self->reminders) : NULL;
  g_autofree char *time = NULL;
  g_autofree char *text = NULL;

  if (!g_settings_get_boolean (self->settings, "reminders-enabled"))
    {
      adw_action_row_set_subtitle (self->enabled_row, _("Off"));
      return;
    }
  if (next == NULL)
    {
      adw_action_row_set_subtitle (self->enabled_row,
                                   _("No reminder will come: choose a time and a day"));
      return;
    }
  time = format_time (g_date_time_get_hour (next), g_date_time_get_minute (next));
  /* Translators: %s is a weekday, %s a time such as 11:00 */
  text = g_strdup_printf (_("Next: %s, %s"), weekday_name (g_date_time_get_day_of_week (next)),
                          time);
  adw_action_row_set_subtitle (self->enabled_row, text);
}

/* Days */

static void
update_days (UnknotReminderPage *self)
{
  guint days = g_settings_get_flags (self->settings, "reminder-days");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *summary = NULL;

  self->updating = TRUE;
  for (int i = 0; i < 7; i++)
    {
      gboolean on = (days & UNKNOT_WEEKDAY_BIT (i + 1)) != 0;

      gtk_toggle_button_set_active (self->day_buttons[i], on);
      if (on)
        g_ptr_array_add (names, (char *) weekday_name (i + 1));
    }
  self->updating = FALSE;

  if (days == UNKNOT_ALL_WEEKDAYS)
    summary = g_strdup (_("Every day"));
  else if (days == 0x1f)
    summary = g_strdup (_("Monday to Friday"));
  else if (names->len == 0)
    summary = g_strdup (_("No day chosen"));
  else
    summary = unknot_join_labels (names);
  adw_action_row_set_subtitle (self->days_row, summary);
}

static void
on_day_toggled (UnknotReminderPage *self)
{
  guint days = 0;

  if (self->updating)
    return;
  for (int i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->day_buttons[i]))
      days |= UNKNOT_WEEKDAY_BIT (i + 1);
  g_settings_set_flags (self->settings, "reminder-days", days);
}

/* Times */

static char **
get_times (UnknotReminderPage *self)
{
  return g_settings_get_strv (self->settings, "reminder-times");
}

static void
on_remove_time (GtkButton          *button,
                UnknotReminderPage *self)
{
  const char *time = g_object_get_data (G_OBJECT (button), "time");
  g_auto(GStrv) times = get_times (self);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;

  for (guint i = 0; times[i] != NULL; i++)
    if (!g_str_equal (times[i], time))
      g_strv_builder_add (kept, times[i]);
  result = g_strv_builder_end (kept);
  g_settings_set_strv (self->settings, "reminder-times", (const char *const *) result);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

/* One row per time, sorted, above the entry for a new one. */
static void
update_times (UnknotReminderPage *self)
{
  g_auto(GStrv) times = get_times (self);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < self->time_rows->len; i++)
    adw_preferences_group_remove (self->times_group, g_ptr_array_index (self->time_rows, i));
  g_ptr_array_set_size (self->time_rows, 0);

  for (guint i = 0; times[i] != NULL; i++)
    g_ptr_array_add (sorted, times[i]);
  g_ptr_array_sort (sorted, compare_times);

  g_object_ref (self->time_entry);
  adw_preferences_group_remove (self->times_group, GTK_WIDGET (self->time_entry));
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *time = g_ptr_array_index (sorted, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *shown = unknot_i18n_localize_digits (time);
      /* Translators: a button's tooltip; %s is a reminder time such as 11:00 */
      g_autofree char *tooltip = g_strdup_printf (_("Remove %s"), shown);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip, -1);
      g_object_set_data_full (G_OBJECT (remove), "time", g_strdup (time), g_free);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_time), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_preferences_group_add (self->times_group, row);
      g_ptr_array_add (self->time_rows, row);
    }
  adw_preferences_group_add (self->times_group, GTK_WIDGET (self->time_entry));
  g_object_unref (self->time_entry);
}

static void
show_time_error (UnknotReminderPage *self,
                 const char         *message)
{
  gtk_label_set_text (self->time_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->time_error), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->time_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_entry), "error");
}

static void
on_time_changed (UnknotReminderPage *self)
{
  show_time_error (self, NULL);
}

/* Adds the time typed, or says what is wrong with it, under the entry. */
static void
on_time_entered (UnknotReminderPage *self)
{
  g_autofree char *text = unknot_i18n_parse_digits (gtk_editable_get_text (GTK_EDITABLE (self->time_entry)));
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_auto(GStrv) times = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) result = NULL;
  int hour, minute;

  g_strstrip (text);
  if (!unknot_parse_time_of_day (text, &hour, &minute, &error))
    {
      show_time_error (self, error->message);
      return;
    }
  time = g_strdup_printf ("%02d:%02d", hour, minute);
  times = get_times (self);
  if (g_strv_contains ((const char *const *) times, time))
    {
      g_autofree char *shown = unknot_i18n_localize_digits (time);
      /* Translators: %s is a reminder time such as 11:00 */
      g_autofree char *message = g_strdup_printf (_("%s is in the list already"), shown);

      show_time_error (self, message);
      return;
    }

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) times);
  g_strv_builder_add (builder, time);
  result = g_strv_builder_end (builder);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), "");
  show_time_error (self, NULL);
  g_settings_set_strv (self->settings, "reminder-times", (const char *const *) result);
  gtk_widget_grab_focus (GTK_WIDGET (self->time_entry));
}

/* The routine */

static char *
routine_name (UnknotRoutine *routine)
{
  return g_strdup (unknot_routine_get_display_name (routine));
}

static char *
routine_sort_text (UnknotRoutine *routine)
{
  return unknot_i18n_sort_text (unknot_routine_get_display_name (routine));
}

static void
update_routine (UnknotReminderPage *self)
{
  g_autofree char *id = g_settings_get_string (self->settings, "reminder-routine");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->routines));
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && selected == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(UnknotRoutine) routine = g_list_model_get_item (G_LIST_MODEL (self->routines), i);

      if (g_str_equal (unknot_routine_get_id (routine), id))
        selected = i;
    }
  self->updating = TRUE;
  adw_combo_row_set_selected (self->routine_row, selected);
  self->updating = FALSE;
}

/* The library changed: the combo row moves its selection by itself, which is not the person's
 * choice. Around it: set before the combo row's own handler, reset after. */
static void
on_routines_changing (UnknotReminderPage *self)
{
  self->updating = TRUE;
}

static void
on_routines_changed (UnknotReminderPage *self)
{
  self->updating = FALSE;
  update_routine (self);
}

static void
on_routine_selected (UnknotReminderPage *self)
{
  g_autoptr(UnknotRoutine) routine = NULL;
  guint i = adw_combo_row_get_selected (self->routine_row);

  if (self->updating || i == GTK_INVALID_LIST_POSITION)
    return;
  routine = g_list_model_get_item (G_LIST_MODEL (self->routines), i);
  if (routine != NULL)
    g_settings_set_string (self->settings, "reminder-routine", unknot_routine_get_id (routine));
}

static void
on_settings_changed (UnknotReminderPage *self,
                     const char         *key)
{
  if (g_str_equal (key, "reminder-times"))
    update_times (self);
  else if (g_str_equal (key, "reminder-days"))
    update_days (self);
  else if (g_str_equal (key, "reminder-routine"))
    update_routine (self);
  else if (!g_str_equal (key, "reminders-enabled"))
    return;
  update_next (self);
}

static void
unknot_reminder_page_dispose (GObject *object)
{
  UnknotReminderPage *self = (UnknotReminderPage *) object;

  if (self->reminders != NULL)
    g_signal_handlers_disconnect_by_data (self->reminders, self);
  g_clear_object (&self->reminders);
  g_clear_object (&self->routines);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->time_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_REMINDER_PAGE);

  G_OBJECT_CLASS (unknot_reminder_page_parent_class)->dispose (object);
}

static void
unknot_reminder_page_class_init (UnknotReminderPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = unknot_reminder_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-reminder-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, enabled_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, routine_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, days_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, days_box);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, times_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, time_entry);
  gtk_widget_class_bind_template_child (widget_class, UnknotReminderPage, time_error);
  gtk_widget_class_bind_template_callback (widget_class, on_time_entered);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed);
}

static void
unknot_reminder_page_init (UnknotReminderPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->time_rows = g_ptr_array_new ();

  for (int i = 0; i < 7; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (weekday_short_name (i + 1));

      gtk_widget_set_tooltip_text (button, weekday_name (i + 1));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      weekday_name (i + 1), -1);
      gtk_widget_add_css_class (button, "circular");
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_day_toggled), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (self->days_box, button);
      self->day_buttons[i] = GTK_TOGGLE_BUTTON (button);
    }
}

/* Fills the page from @application's settings, library and reminders, and follows them. */
void
unknot_reminder_page_set_application (UnknotReminderPage *self,
                                      UnknotApplication  *application)
{
  UnknotReminderService *service;
  GtkStringSorter *sorter;

  g_return_if_fail (UNKNOT_IS_REMINDER_PAGE (self));
  g_return_if_fail (UNKNOT_IS_APPLICATION (application));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (unknot_application_get_settings (application));
  service = unknot_application_get_reminders (application);
  if (service != NULL)
    {
      self->reminders = g_object_ref (unknot_reminder_service_get_reminders (service));
      g_signal_connect_object (self->reminders, "notify::next", G_CALLBACK (update_next), self,
                               G_CONNECT_SWAPPED);
    }

  g_settings_bind (self->settings, "reminders-enabled", self->enabled_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  /* Bundled and own routines, by their names as shown, as in the library. */
  sorter = gtk_string_sorter_new (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                               G_CALLBACK (routine_sort_text),
                                                               NULL, NULL));
  self->routines = gtk_sort_list_model_new (
    g_object_ref (unknot_library_get_routines (unknot_application_get_library (application))),
    GTK_SORTER (sorter));
  adw_combo_row_set_expression (self->routine_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (routine_name), NULL,
                                                             NULL));
  g_signal_connect_object (self->routines, "items-changed", G_CALLBACK (on_routines_changing),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->routines, "items-changed", G_CALLBACK (on_routines_changed),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  adw_combo_row_set_model (self->routine_row, G_LIST_MODEL (self->routines));
  g_signal_connect_object (self->routine_row, "notify::selected",
                           G_CALLBACK (on_routine_selected), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  update_routine (self);
  update_days (self);
  update_times (self);
  update_next (self);
}
