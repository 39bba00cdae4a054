/* unknot-step-row.c: a step of a routine, as its page lists it: "2. Kneading — Shoulders", how
 * (the pressure, the tool, the instructions) and how long
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-step-row.h"

struct _UnknotStepRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *duration_label;
};

G_DEFINE_FINAL_TYPE (UnknotStepRow, unknot_step_row, ADW_TYPE_ACTION_ROW)

static void
unknot_step_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), UNKNOT_TYPE_STEP_ROW);

  G_OBJECT_CLASS (unknot_step_row_parent_class)->dispose (object);
}

static void
unknot_step_row_class_init (UnknotStepRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = unknot_step_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotStepRow, duration_label);
}

static void
unknot_step_row_init (UnknotStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Shows step @index of @routine in @self: a row is bound again to another step as a list
 * scrolls. Texts from files are plain text, never markup. */
void
unknot_step_row_set_step (UnknotStepRow   *self,
                          UnknotRoutine   *routine,
                          guint            index,
                          UnknotCatalogue *catalogue)
{
  UnknotStep *step;
  g_autofree char *title = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *shown_title = NULL;
  g_autofree char *full_title = NULL;
  g_autofree char *subtitle = NULL;
  const char *instructions;

  g_return_if_fail (UNKNOT_IS_STEP_ROW (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));
  g_return_if_fail (index < unknot_routine_get_n_steps (routine));

  step = unknot_routine_get_step (routine, index);
  title = unknot_step_get_title (step, catalogue);
  duration = unknot_duration_to_short (unknot_step_get_duration (step));
  instructions = unknot_routine_get_display_text (routine, unknot_step_get_instructions (step));

  if (unknot_step_is_rest (step))
    full_title = g_strdup_printf ("%u. %s", index + 1, title);
  else
    full_title = g_strdup_printf ("%u. %s — %s", index + 1, title,
                                  unknot_area_get_label (unknot_step_get_area (step)));
  /* The number in the language's digits (the catalogue's names have none). */
  shown_title = unknot_i18n_localize_digits (full_title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), shown_title);

  if (!unknot_step_is_rest (step))
    {
      g_autofree char *summary = unknot_step_get_summary (step);

      if (instructions != NULL && *instructions != '\0')
        subtitle = g_strdup_printf ("%s\n%s", summary, instructions);
      else
        subtitle = g_steal_pointer (&summary);
    }
  else
    subtitle = g_strdup (instructions);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");
  gtk_label_set_text (self->duration_label, duration);
}

/* The row of step @index of @routine. */
GtkWidget *
unknot_step_row_new (UnknotRoutine   *routine,
                     guint            index,
                     UnknotCatalogue *catalogue)
{
  UnknotStepRow *self = g_object_new (UNKNOT_TYPE_STEP_ROW, NULL);

  unknot_step_row_set_step (self, routine, index, catalogue);
  return GTK_WIDGET (self);
}
