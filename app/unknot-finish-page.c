/* unknot-finish-page.c: the page a routine ends on: what was done, Again and Done
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-finish-page.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-pain-scale.h"

struct _UnknotFinishPage
{
  GtkWidget      parent_instance;

  AdwStatusPage *finish_status;
  GtkLabel      *finish_summary;
  GtkWidget     *done_button;
  UnknotPainScale *pain_after;
  GtkEntry      *note_entry;
  gboolean       setting_answers;
};

G_DEFINE_FINAL_TYPE (UnknotFinishPage, unknot_finish_page, GTK_TYPE_WIDGET)

enum {
  AGAIN,
  DONE,
  PAIN_AFTER_CHANGED,
  NOTE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The answers for the journal as they are (after a change of language: the new page shows
 * what was answered on the old one), without telling them as changes. */
void
unknot_finish_page_set_answers (UnknotFinishPage *self,
                                int               pain_after,
                                const char       *note)
{
  g_return_if_fail (UNKNOT_IS_FINISH_PAGE (self));

  self->setting_answers = TRUE;
  unknot_pain_scale_set_value (self->pain_after, pain_after);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note != NULL ? note : "");
  self->setting_answers = FALSE;
}

static void
on_pain_after_changed (UnknotFinishPage *self)
{
  if (!self->setting_answers)
    g_signal_emit (self, signals[PAIN_AFTER_CHANGED], 0,
                   unknot_pain_scale_get_value (self->pain_after));
}

static void
on_note_changed (UnknotFinishPage *self)
{
  if (!self->setting_answers)
    g_signal_emit (self, signals[NOTE_CHANGED], 0,
                   gtk_editable_get_text (GTK_EDITABLE (self->note_entry)));
}

/* What @session, which has ended, did: the steps run to their end and those skipped, the time the
 * steps ran (not the routine's length: a step skipped after ten seconds gave ten seconds), and
 * the pauses. */
void
unknot_finish_page_show_session (UnknotFinishPage *self,
                                 UnknotSession    *session)
{
  UnknotRoutine *routine;
  gint64 paused, active;
  guint steps, done;
  g_autofree char *spent = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_if_fail (UNKNOT_IS_FINISH_PAGE (self));
  g_return_if_fail (UNKNOT_IS_SESSION (session));

  unknot_finish_page_set_answers (self, -1, "");
  routine = unknot_session_get_routine (session);
  paused = unknot_session_get_paused_time (session) / G_USEC_PER_SEC;
  active = (unknot_session_get_active_time (session) + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;
  steps = unknot_routine_get_n_steps (routine);
  done = MIN (unknot_session_get_n_done (session), steps);
  spent = unknot_duration_to_words ((guint) active);

  /* Set here, not in the template: this large icon exists only as SVG, and loading the SVG
   * renderer costs the running app several megabytes before anyone finishes a routine. */
  adw_status_page_set_icon_name (self->finish_status, "emblem-ok-symbolic");
  adw_status_page_set_title (self->finish_status, _("Well done"));
  /* The status page's description is markup; the name is the person's own text. */
  escaped = g_markup_escape_text (unknot_routine_get_display_name (routine), -1);
  adw_status_page_set_description (self->finish_status, escaped);

  /* Translators: "5 of 7 steps done"; the plural follows the second number */
  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u of %u step done",
                                                "%u of %u steps done", steps),
                          done, steps);
  if (done < steps)
    {
      g_string_append (summary, " · ");
      /* Translators: steps skipped, after "5 of 7 steps done · " */
      g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped",
                                                    steps - done), steps - done);
    }
  /* The time the steps ran, e.g. "3 minutes 40 seconds" */
  g_string_append (summary, " · ");
  g_string_append (summary, spent);
  if (paused > 0)
    {
      g_autofree char *p = unknot_duration_to_words ((guint) paused);

      g_string_append_c (summary, '\n');
      /* Translators: %s is a duration such as "2 minutes 10 seconds" */
      g_string_append_printf (summary, _("Paused for %s"), p);
    }
  g_string_append_c (summary, '\n');
  g_string_append (summary, _("Mild soreness tomorrow can happen. If pain is sharp or lasts, "
                               "see a doctor or physiotherapist."));
  /* The counts and the time in the language's own digits, as everywhere else. */
  shown = unknot_i18n_localize_digits (summary->str);
  gtk_label_set_text (self->finish_summary, shown);
}

static void
on_again_clicked (UnknotFinishPage *self)
{
  g_signal_emit (self, signals[AGAIN], 0);
}

static void
on_done_clicked (UnknotFinishPage *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

/* The focus goes to Done, never to Again: Enter or Space after a routine must not start it
 * over. */
static gboolean
unknot_finish_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (UNKNOT_FINISH_PAGE (widget)->done_button);
}

static void
unknot_finish_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), UNKNOT_TYPE_FINISH_PAGE);
  /* The page's box is not a bound child: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unknot_finish_page_parent_class)->dispose (object);
}

static void
unknot_finish_page_class_init (UnknotFinishPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_finish_page_dispose;
  widget_class->grab_focus = unknot_finish_page_grab_focus;

  /* Again: the same routine from the start. Done: back to the routines. */
  signals[AGAIN] = g_signal_new ("again", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 0);

  /* The answers for the journal: the pain after the run (0-10, or -1 for none), a note. */
  signals[PAIN_AFTER_CHANGED] = g_signal_new ("pain-after-changed", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, G_TYPE_INT);
  signals[NOTE_CHANGED] = g_signal_new ("note-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_STRING);

  g_type_ensure (UNKNOT_TYPE_PAIN_SCALE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-finish-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotFinishPage, finish_status);
  gtk_widget_class_bind_template_child (widget_class, UnknotFinishPage, finish_summary);
  gtk_widget_class_bind_template_child (widget_class, UnknotFinishPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, UnknotFinishPage, pain_after);
  gtk_widget_class_bind_template_child (widget_class, UnknotFinishPage, note_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_pain_after_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_note_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_again_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
unknot_finish_page_init (UnknotFinishPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
