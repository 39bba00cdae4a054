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

/* The page's large check mark, drawn rather than loaded: at the status page's size the icon
 * theme only has it as SVG, and the SVG loader (librsvg) would stay mapped in the running app,
 * several megabytes for one picture. Symbolic, so it takes the page's colours, light or dark. */
#define UNKNOT_TYPE_CHECK_PAINTABLE (unknot_check_paintable_get_type ())
G_DECLARE_FINAL_TYPE (UnknotCheckPaintable, unknot_check_paintable, UNKNOT, CHECK_PAINTABLE,
                      GObject)

struct _UnknotCheckPaintable
{
  GObject parent_instance;
};

static void
unknot_check_paintable_snapshot_symbolic (GtkSymbolicPaintable *paintable,
                                          GdkSnapshot          *snapshot,
                                          double                width,
                                          double                height,
                                          const GdkRGBA        *colors,
                                          gsize                 n_colors)
{
  double size = MIN (width, height);
  cairo_t *cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot),
                                           &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The stroke of Adwaita's emblem-ok-symbolic, on its 16-unit grid. */
  cairo_translate (cr, (width - size) / 2, (height - size) / 2);
  cairo_scale (cr, size / 16, size / 16);
  cairo_move_to (cr, 3.05, 9.3);
  cairo_line_to (cr, 6.05, 12.15);
  cairo_line_to (cr, 13, 3.95);
  cairo_set_line_width (cr, 2);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &colors[0]);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
unknot_check_paintable_snapshot (GdkPaintable *paintable,
                                 GdkSnapshot  *snapshot,
                                 double        width,
                                 double        height)
{
  GdkRGBA black = { 0, 0, 0, 1 };

  unknot_check_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot,
                                            width, height, &black, 1);
}

static GdkPaintableFlags
unknot_check_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_CONTENTS | GDK_PAINTABLE_STATIC_SIZE;
}

static void
unknot_check_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = unknot_check_paintable_snapshot;
  iface->get_flags = unknot_check_paintable_get_flags;
}

static void
unknot_check_paintable_symbolic_init (GtkSymbolicPaintableInterface *iface)
{
  iface->snapshot_symbolic = unknot_check_paintable_snapshot_symbolic;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (UnknotCheckPaintable, unknot_check_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      unknot_check_paintable_paintable_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SYMBOLIC_PAINTABLE,
                                                      unknot_check_paintable_symbolic_init))

static void
unknot_check_paintable_class_init (UnknotCheckPaintableClass *klass)
{
}

static void
unknot_check_paintable_init (UnknotCheckPaintable *self)
{
}

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
  /* A time in a sentence: "3 min 40 s" (README, "Words"). */
  spent = unknot_duration_to_short ((guint) active);

  if (adw_status_page_get_paintable (self->finish_status) == NULL)
    {
      g_autoptr(UnknotCheckPaintable) check = g_object_new (UNKNOT_TYPE_CHECK_PAINTABLE, NULL);

      adw_status_page_set_paintable (self->finish_status, GDK_PAINTABLE (check));
    }
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
  /* The time the steps ran, e.g. "3 min 40 s" */
  g_string_append (summary, " · ");
  g_string_append (summary, spent);
  if (paused > 0)
    {
      g_autofree char *p = unknot_duration_to_short ((guint) paused);

      g_string_append_c (summary, '\n');
      /* Translators: %s is a duration such as "2 min 10 s" */
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
