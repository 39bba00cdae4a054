/* unknot-spin-digits.c: spin buttons that show and read the interface language's digits
 *
 * Durations are shown in the language's digits (unknot_i18n_localize_digits()); the fields that
 * edit them show the same, and read what is typed in either those or 0 to 9.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <stdlib.h>

#include "unknot-i18n.h"
#include "unknot-spin-digits.h"

static gboolean
on_output (GtkSpinButton *spin,
           gpointer       data)
{
  guint min_digits = GPOINTER_TO_UINT (data);
  g_autofree char *ascii = g_strdup_printf ("%0*d", (int) min_digits,
                                            gtk_spin_button_get_value_as_int (spin));
  g_autofree char *text = unknot_i18n_localize_digits (ascii);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_input (GtkSpinButton *spin,
          double        *value,
          gpointer       data)
{
  g_autofree char *ascii = unknot_i18n_parse_digits (gtk_editable_get_text (GTK_EDITABLE (spin)));
  g_autofree char *stripped = g_strstrip (g_strdup (ascii));
  char *end = NULL;
  long parsed;

  if (*stripped == '\0')
    return GTK_INPUT_ERROR;
  parsed = strtol (stripped, &end, 10);
  if (end == NULL || *end != '\0')
    return GTK_INPUT_ERROR;
  *value = (double) parsed;
  return TRUE;
}

/* A duration in whole seconds, shown "1:30" as every duration field shows it. */
static gboolean
on_duration_output (GtkSpinButton *spin,
                    gpointer       data)
{
  int seconds = gtk_spin_button_get_value_as_int (spin);
  g_autofree char *ascii = g_strdup_printf ("%d:%02d", seconds / 60, seconds % 60);
  g_autofree char *text = unknot_i18n_localize_digits (ascii);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Reads "1:30", or whole seconds ("90"), in either set of digits. */
static int
on_duration_input (GtkSpinButton *spin,
                   double        *value,
                   gpointer       data)
{
  g_autofree char *ascii = unknot_i18n_parse_digits (gtk_editable_get_text (GTK_EDITABLE (spin)));
  g_auto(GStrv) parts = g_strsplit (g_strstrip (ascii), ":", 3);
  long minutes = 0, seconds;
  char *end = NULL;

  if (g_strv_length (parts) == 0 || g_strv_length (parts) > 2)
    return GTK_INPUT_ERROR;
  if (g_strv_length (parts) == 2)
    {
      minutes = strtol (parts[0], &end, 10);
      if (*parts[0] == '\0' || *end != '\0' || minutes < 0)
        return GTK_INPUT_ERROR;
    }
  seconds = strtol (parts[g_strv_length (parts) - 1], &end, 10);
  if (*parts[g_strv_length (parts) - 1] == '\0' || *end != '\0' || seconds < 0
      || (g_strv_length (parts) == 2 && seconds > 59))
    return GTK_INPUT_ERROR;
  *value = (double) (minutes * 60 + seconds);
  return TRUE;
}

/**
 * unknot_spin_button_show_duration:
 * @spin: a spin button of whole seconds
 *
 * Shows its value as minutes and seconds ("1:30") in the language's digits, and reads that or
 * seconds alone.
 */
void
unknot_spin_button_show_duration (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "output", G_CALLBACK (on_duration_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_duration_input), NULL);
  gtk_spin_button_update (spin);
}

/**
 * unknot_spin_button_use_language_digits:
 * @spin: a spin button of whole numbers
 * @min_digits: at least this many digits are shown ("05" for 2)
 */
void
unknot_spin_button_use_language_digits (GtkSpinButton *spin,
                                        guint          min_digits)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  g_signal_connect (spin, "output", G_CALLBACK (on_output), GUINT_TO_POINTER (min_digits));
  g_signal_connect (spin, "input", G_CALLBACK (on_input), NULL);
  gtk_spin_button_update (spin);
}
