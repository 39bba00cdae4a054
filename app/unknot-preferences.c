/* unknot-preferences.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-preferences.h"
#include "unknot-reminder-page.h"

struct _UnknotPreferences
{
  AdwPreferencesWindow  parent_instance;

  GtkSwitch            *speak_switch;
  GtkSwitch            *instructions_switch;
  GtkSwitch            *ticks_switch;
  GtkScale             *volume_scale;
  AdwComboRow          *get_ready_row;
  AdwComboRow          *style_row;
  AdwComboRow          *language_row;
  UnknotReminderPage   *reminder_page;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (UnknotPreferences, unknot_preferences, ADW_TYPE_PREFERENCES_WINDOW)

/* The get-ready choices, in the order of the combo row; -1 is "as the routine says". */
static const int get_ready_values[] = { -1, 0, 3, 5, 10, 15, 30 };

static void
on_get_ready_selected (UnknotPreferences *self)
{
  guint i = adw_combo_row_get_selected (self->get_ready_row);

  if (i < G_N_ELEMENTS (get_ready_values))
    g_settings_set_int (self->settings, "get-ready", get_ready_values[i]);
}

static void
on_style_selected (UnknotPreferences *self)
{
  g_settings_set_enum (self->settings, "color-scheme",
                       (int) adw_combo_row_get_selected (self->style_row));
}

static void
on_language_selected (UnknotPreferences *self)
{
  guint n;
  const UnknotLanguage *languages = unknot_i18n_get_languages (&n);
  guint i = adw_combo_row_get_selected (self->language_row);

  if (i < n)
    g_settings_set_string (self->settings, "language", languages[i].code);
}

static void
unknot_preferences_dispose (GObject *object)
{
  UnknotPreferences *self = (UnknotPreferences *) object;

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_PREFERENCES);

  G_OBJECT_CLASS (unknot_preferences_parent_class)->dispose (object);
}

static void
unknot_preferences_class_init (UnknotPreferencesClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = unknot_preferences_dispose;

  g_type_ensure (UNKNOT_TYPE_REMINDER_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, speak_switch);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, instructions_switch);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, ticks_switch);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, volume_scale);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, get_ready_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, style_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, language_row);
  gtk_widget_class_bind_template_child (widget_class, UnknotPreferences, reminder_page);
}

static void
unknot_preferences_init (UnknotPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static char *
get_ready_label (int seconds)
{
  if (seconds < 0)
    return g_strdup (_("As the routine says"));
  if (seconds == 0)
    return g_strdup (_("No countdown"));
  /* A time to choose, as the editor's field shows it: "0:10". */
  return unknot_format_duration ((guint) seconds);
}

GtkWidget *
unknot_preferences_new (UnknotApplication *application,
                        GtkWindow         *parent)
{
  UnknotPreferences *self = g_object_new (UNKNOT_TYPE_PREFERENCES, "transient-for", parent,
                                          "modal", TRUE, NULL);
  g_autoptr(GtkStringList) get_ready = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) language_names = gtk_string_list_new (NULL);
  g_autofree char *language = NULL;
  const UnknotLanguage *languages;
  guint n_languages, selected_language = 0;
  int current;

  self->settings = g_object_ref (unknot_application_get_settings (application));
  unknot_reminder_page_set_application (self->reminder_page, application);

  g_settings_bind (self->settings, "speak", self->speak_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "speak-instructions", self->instructions_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  /* Instructions are only said when announcements are. */
  g_object_bind_property (self->speak_switch, "active", self->instructions_switch, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_settings_bind (self->settings, "ticks", self->ticks_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "volume", gtk_range_get_adjustment (GTK_RANGE (self->volume_scale)),
                   "value", G_SETTINGS_BIND_DEFAULT);

  current = g_settings_get_int (self->settings, "get-ready");
  for (guint i = 0; i < G_N_ELEMENTS (get_ready_values); i++)
    {
      g_autofree char *label = get_ready_label (get_ready_values[i]);

      gtk_string_list_append (get_ready, label);
      if (get_ready_values[i] == current)
        current = -1000 - (int) i;   /* found: remember the index */
    }
  adw_combo_row_set_model (self->get_ready_row, G_LIST_MODEL (get_ready));
  adw_combo_row_set_selected (self->get_ready_row, current <= -1000 ? (guint) (-1000 - current)
                                                                    : 0);
  g_signal_connect_object (self->get_ready_row, "notify::selected",
                           G_CALLBACK (on_get_ready_selected), self, G_CONNECT_SWAPPED);

  adw_combo_row_set_selected (self->style_row,
                              (guint) g_settings_get_enum (self->settings, "color-scheme"));
  g_signal_connect_object (self->style_row, "notify::selected", G_CALLBACK (on_style_selected),
                           self, G_CONNECT_SWAPPED);

  language = g_settings_get_string (self->settings, "language");
  languages = unknot_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      /* Each language is named in itself, so anyone can find their own. */
      gtk_string_list_append (language_names,
                              languages[i].name ? languages[i].name : C_("language", "System"));
      if (g_str_equal (languages[i].code, language))
        selected_language = i;
    }
  adw_combo_row_set_model (self->language_row, G_LIST_MODEL (language_names));
  adw_combo_row_set_selected (self->language_row, selected_language);
  g_signal_connect_object (self->language_row, "notify::selected",
                           G_CALLBACK (on_language_selected), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}
