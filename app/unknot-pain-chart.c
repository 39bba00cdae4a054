/* unknot-pain-chart.c: pain before and after, day by day, over the last weeks
 *
 * Drawn with cairo into the snapshot: the 0-10 scale with lines at 0, 5 and 10, and for each
 * day with answers a dot before and a dot after, joined over the days into two lines (a gap of
 * days without answers is bridged). Today is at the end the text reads towards. The colours
 * follow the style (light or dark); the grid takes the text colour. For a screen reader the
 * chart is an image whose name is the summary in words (unknot_journal_stats_describe_chart()).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-pain-chart.h"

#define MARGIN_AXIS 22.0   /* room for the scale's numbers */
#define MARGIN      8.0
#define DOT         3.5

struct _UnknotPainChart
{
  GtkWidget       parent_instance;

  UnknotChartDay *days;
  guint           n_days;
};

G_DEFINE_FINAL_TYPE (UnknotPainChart, unknot_pain_chart, GTK_TYPE_WIDGET)

/* Before: orange; after: blue (GNOME's palette, lighter on dark). */
static void
series_color (gboolean  dark,
              gboolean  after,
              GdkRGBA  *color)
{
  const char *spec = after ? (dark ? "#62a0ea" : "#1c71d8") : (dark ? "#ffa348" : "#c64600");

  gdk_rgba_parse (color, spec);
}

static void
draw_series (cairo_t        *cr,
             UnknotPainChart *self,
             gboolean        after,
             gboolean        dark,
             double          x0,
             double          dx,
             double          y0,
             double          height)
{
  GdkRGBA color;
  gboolean started = FALSE;

  series_color (dark, after, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 2);

  for (guint i = 0; i < self->n_days; i++)
    {
      double value = after ? self->days[i].after : self->days[i].before;
      double x = x0 + dx * i, y = y0 + height - height * value / 10.0;

      if (value < 0)
        continue;
      if (started)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);

  for (guint i = 0; i < self->n_days; i++)
    {
      double value = after ? self->days[i].after : self->days[i].before;

      if (value < 0)
        continue;
      cairo_arc (cr, x0 + dx * i, y0 + height - height * value / 10.0, DOT, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
unknot_pain_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  UnknotPainChart *self = UNKNOT_PAIN_CHART (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double plot_w = width - MARGIN_AXIS - 2 * MARGIN, plot_h = height - 2 * MARGIN;
  double x0 = rtl ? width - MARGIN_AXIS - MARGIN : MARGIN_AXIS + MARGIN;
  double dx = self->n_days > 1 ? plot_w / (self->n_days - 1) : 0;
  GdkRGBA fg;
  cairo_t *cr;

  if (plot_w <= 0 || plot_h <= 0)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* The scale: lines at 0, 5 and 10, and their numbers. */
  for (int v = 0; v <= 10; v += 5)
    {
      g_autofree char *number = g_strdup_printf ("%d", v);
      g_autofree char *text = unknot_i18n_localize_digits (number);
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
      double y = MARGIN + plot_h - plot_h * v / 10.0;
      int tw, th;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, MARGIN + (rtl ? 0 : MARGIN_AXIS), y + 0.5);
      cairo_line_to (cr, width - MARGIN - (rtl ? MARGIN_AXIS : 0), y + 0.5);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      cairo_move_to (cr, rtl ? width - MARGIN - tw : MARGIN + MARGIN_AXIS - 6 - tw, y - th / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  if (rtl)
    dx = -dx;
  draw_series (cr, self, FALSE, dark, x0, dx, MARGIN, plot_h);
  draw_series (cr, self, TRUE, dark, x0, dx, MARGIN, plot_h);
  cairo_destroy (cr);
}

static void
unknot_pain_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 140;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 600 : 180;
}

/* Shows the chart of @stats (copied) and names it for a screen reader. */
void
unknot_pain_chart_set_stats (UnknotPainChart          *self,
                             const UnknotJournalStats *stats)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (UNKNOT_IS_PAIN_CHART (self));
  g_return_if_fail (stats != NULL);

  g_free (self->days);
  self->n_days = stats->n_days;
  self->days = g_memdup2 (stats->days, sizeof (UnknotChartDay) * MAX (stats->n_days, 1));
  summary = unknot_journal_stats_describe_chart (stats);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
unknot_pain_chart_finalize (GObject *object)
{
  g_free (UNKNOT_PAIN_CHART (object)->days);
  G_OBJECT_CLASS (unknot_pain_chart_parent_class)->finalize (object);
}

static void
unknot_pain_chart_class_init (UnknotPainChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = unknot_pain_chart_finalize;
  widget_class->snapshot = unknot_pain_chart_snapshot;
  widget_class->measure = unknot_pain_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "painchart");
}

static void
unknot_pain_chart_init (UnknotPainChart *self)
{
  /* Light to dark and back: drawn again in the new colours. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GtkWidget *
unknot_pain_chart_new (void)
{
  return g_object_new (UNKNOT_TYPE_PAIN_CHART, NULL);
}
