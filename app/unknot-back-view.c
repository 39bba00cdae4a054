/* unknot-back-view.c
 *
 * A flat silhouette of a person seen from behind (head, neck, shoulders, arm stumps, torso,
 * hips) with the spine as a dotted line, and one body area highlighted on one or both sides.
 * The highlight always leaves a gap over the spine: pressure goes beside it, never on it.
 *
 * The figure is drawn with cairo in a 300 x 400 design space, scaled to fit the allocation and
 * centred. Colours come from the theme (the foreground colour and the accent), so it follows the
 * light and dark styles. Nothing animates: an idle window must not wake up.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-back-view.h"
#include "unknot-labels.h"

/* The design space; every coordinate below is in it, x as an offset from the centre line. */
#define DESIGN_W      300.0
#define DESIGN_H      400.0
#define CX            (DESIGN_W / 2)

#define SPINE_GAP     7.0    /* half the width of the unhighlighted strip over the spine */
#define NECK_GAP      4.0    /* the same on the narrow neck */
#define SPINE_TOP     88.0
#define SPINE_BOTTOM  334.0

#define FILL_ALPHA      0.13
#define OUTLINE_ALPHA   0.50
#define SPINE_ALPHA     0.55
#define HIGHLIGHT_ALPHA 0.75

struct _UnknotBackView
{
  GtkWidget   parent_instance;

  int         area;    /* -1 for none, else an UnknotArea */
  UnknotSide  side;
};

G_DEFINE_FINAL_TYPE (UnknotBackView, unknot_back_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AREA,
  PROP_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One cubic Bézier segment: two control points and the end point, x from the centre line. */
typedef struct {
  double x1, y1, x2, y2, x, y;
} Segment;

/* The right half of the trunk (neck, trapezius slope, side, waist, hip, buttock), from the top
 * of the neck (hidden under the head) down to the cleft between the buttocks. The left half is
 * its mirror image. */
static const double trunk_start_x = 18, trunk_start_y = 62;
static const Segment trunk_segments[] = {
  { 18,  80,  18,  92,  19, 100 },   /* side of the neck */
  { 32, 110,  60, 112,  86, 124 },   /* trapezius down to the shoulder */
  { 96, 132,  84, 150,  78, 172 },   /* under the deltoid into the armpit */
  { 74, 215,  65, 245,  64, 272 },   /* flank, tapering to the waist */
  { 63, 300,  78, 310,  78, 338 },   /* waist out to the hip */
  { 78, 372,  66, 392,  40, 392 },   /* round of the buttock */
  { 18, 392,   4, 390,   0, 380 },   /* up into the cleft */
};

static void
path_trunk (cairo_t *cr)
{
  cairo_move_to (cr, CX + trunk_start_x, trunk_start_y);

  for (guint i = 0; i < G_N_ELEMENTS (trunk_segments); i++)
    {
      const Segment *s = &trunk_segments[i];

      cairo_curve_to (cr, CX + s->x1, s->y1, CX + s->x2, s->y2, CX + s->x, s->y);
    }

  /* Back up the left side: the same segments reversed and mirrored, each ending where the
   * one before it started. */
  for (guint i = G_N_ELEMENTS (trunk_segments); i-- > 0;)
    {
      const Segment *s = &trunk_segments[i];
      double x = i > 0 ? trunk_segments[i - 1].x : trunk_start_x;
      double y = i > 0 ? trunk_segments[i - 1].y : trunk_start_y;

      cairo_curve_to (cr, CX - s->x2, s->y2, CX - s->x1, s->y1, CX - x, y);
    }

  cairo_close_path (cr);
}

static void
path_ellipse (cairo_t *cr,
              double   x,
              double   y,
              double   rx,
              double   ry)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, rx, ry);
  cairo_new_sub_path (cr);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_close_path (cr);
  cairo_restore (cr);
}

static void
path_head (cairo_t *cr)
{
  path_ellipse (cr, CX, 42, 31, 37);
}

static void
path_ears (cairo_t *cr)
{
  path_ellipse (cr, CX - 30, 46, 6, 11);
  path_ellipse (cr, CX + 30, 46, 6, 11);
}

/* An upper arm cut off above the elbow; sign is -1 for the viewer's left, 1 for the right. */
static void
path_arm (cairo_t *cr,
          double   sign)
{
  cairo_move_to (cr, CX + sign * 70, 120);
  cairo_curve_to (cr, CX + sign * 90, 114, CX + sign * 106, 126, CX + sign * 109, 148);
  cairo_curve_to (cr, CX + sign * 112, 180, CX + sign * 113, 210, CX + sign * 113, 232);
  cairo_curve_to (cr, CX + sign * 113, 246, CX + sign * 91, 248, CX + sign * 90, 234);
  cairo_curve_to (cr, CX + sign * 88, 212, CX + sign * 84, 190, CX + sign * 81, 168);
  cairo_line_to (cr, CX + sign * 70, 150);
  cairo_close_path (cr);
}

/* Every part of the silhouette, each filled on its own so that their union is what shows. */
static void
fill_body (cairo_t *cr)
{
  path_trunk (cr);
  cairo_fill (cr);
  path_arm (cr, -1);
  cairo_fill (cr);
  path_arm (cr, 1);
  cairo_fill (cr);
  path_ears (cr);
  cairo_fill (cr);
  path_head (cr);
  cairo_fill (cr);
}

static void
stroke_body (cairo_t *cr)
{
  path_trunk (cr);
  cairo_stroke (cr);
  path_arm (cr, -1);
  cairo_stroke (cr);
  path_arm (cr, 1);
  cairo_stroke (cr);
  path_ears (cr);
  cairo_stroke (cr);
  path_head (cr);
  cairo_stroke (cr);
}

/* A band across one half of the back, from beside the spine outwards; the body's outline
 * clips it afterwards, so its outer end only has to reach past the flank. */
static void
path_band (cairo_t *cr,
           double   sign,
           double   gap,
           double   outer,
           double   top,
           double   bottom,
           double   radius)
{
  double x0 = sign < 0 ? CX - outer : CX + gap;
  double x1 = sign < 0 ? CX - gap : CX + outer;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - radius, top + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x1 - radius, bottom - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x0 + radius, bottom - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + radius, top + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The highlight of one area on one half of the back. */
static void
draw_area_half (cairo_t    *cr,
                UnknotArea  area,
                double      sign)
{
  switch (area)
    {
    case UNKNOT_AREA_NECK:
      path_band (cr, sign, NECK_GAP, 30, 72, 120, 7);
      cairo_fill (cr);
      break;

    case UNKNOT_AREA_SHOULDERS:
      /* The top of the trapezius, from the side of the neck out to the shoulder. */
      cairo_move_to (cr, CX + sign * 30, 114);
      cairo_curve_to (cr, CX + sign * 44, 120, CX + sign * 66, 122, CX + sign * 92, 136);
      cairo_set_line_width (cr, 30);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      break;

    case UNKNOT_AREA_UPPER_BACK:
      path_band (cr, sign, SPINE_GAP, 79, 134, 200, 14);
      cairo_fill (cr);
      break;

    case UNKNOT_AREA_MID_BACK:
      path_band (cr, sign, SPINE_GAP, 79, 204, 262, 14);
      cairo_fill (cr);
      break;

    case UNKNOT_AREA_LOWER_BACK:
      path_band (cr, sign, SPINE_GAP, 79, 266, 324, 14);
      cairo_fill (cr);
      break;

    case UNKNOT_AREA_GLUTES:
      path_band (cr, sign, SPINE_GAP, 96, 330, 400, 18);
      cairo_fill (cr);
      break;

    case UNKNOT_AREA_WHOLE_BACK:
      path_band (cr, sign, SPINE_GAP, 79, 134, 324, 14);
      cairo_fill (cr);
      break;

    case UNKNOT_N_AREAS:
    default:
      g_assert_not_reached ();
    }
}

static void
draw_figure (UnknotBackView *self,
             cairo_t        *cr,
             const GdkRGBA  *fg,
             const GdkRGBA  *accent,
             double          scale)
{
  cairo_pattern_t *body;
  cairo_pattern_t *outline;
  /* Keep lines visible on a small widget without growing heavy on a large one. */
  double line_width = MAX (3.0, 1.25 / scale);

  /* The silhouette as a mask: the union of its parts, painted once so overlaps do not darken. */
  cairo_push_group_with_content (cr, CAIRO_CONTENT_ALPHA);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  fill_body (cr);
  body = cairo_pop_group (cr);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * FILL_ALPHA);
  cairo_mask (cr, body);

  if (self->area >= 0)
    {
      /* Seen from behind, the person's left side is on the viewer's left. */
      gboolean left = self->side != UNKNOT_SIDE_RIGHT;
      gboolean right = self->side != UNKNOT_SIDE_LEFT;

      cairo_push_group (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, accent->alpha);
      if (left)
        draw_area_half (cr, self->area, -1);
      if (right)
        draw_area_half (cr, self->area, 1);

      /* Keep the highlight inside the silhouette. */
      cairo_set_operator (cr, CAIRO_OPERATOR_DEST_IN);
      cairo_set_source (cr, body);
      cairo_paint (cr);

      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, HIGHLIGHT_ALPHA);
    }

  /* The outline: a wide stroke of every part with the silhouette cut out of it, which leaves a
   * line just outside the union and none where the parts overlap. */
  cairo_push_group_with_content (cr, CAIRO_CONTENT_ALPHA);
  cairo_set_source_rgba (cr, 0, 0, 0, 1);
  cairo_set_line_width (cr, 2 * line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  stroke_body (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  fill_body (cr);
  outline = cairo_pop_group (cr);

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * OUTLINE_ALPHA);
  cairo_mask (cr, outline);

  /* The cleft between the buttocks, drawn like the outline. */
  cairo_move_to (cr, CX, 346);
  cairo_line_to (cr, CX, 382);
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);

  /* The spine, dotted: it is shown so that nobody presses on it. */
  {
    const double dashes[] = { 0, 12 };

    cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * SPINE_ALPHA);
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    cairo_set_line_width (cr, 1.6 * line_width);
    cairo_move_to (cr, CX, SPINE_TOP);
    cairo_line_to (cr, CX, SPINE_BOTTOM);
    cairo_stroke (cr);
  }

  cairo_pattern_destroy (outline);
  cairo_pattern_destroy (body);
}

static void
unknot_back_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  UnknotBackView *self = UNKNOT_BACK_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  GdkRGBA accent;
  double scale;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  scale = MIN (width / DESIGN_W, height / DESIGN_H);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, (width - DESIGN_W * scale) / 2, (height - DESIGN_H * scale) / 2);
  cairo_scale (cr, scale, scale);

  draw_figure (self, cr, &fg, &accent, scale);

  cairo_destroy (cr);
}

static void
unknot_back_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Small at least: the player gives it the room its words leave, or none. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 170;
    }
  else
    {
      *minimum = 80;
      *natural = 220;
    }
}

static void
unknot_back_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (unknot_back_view_parent_class)->css_changed (widget, change);

  /* The colours come from the style: a switch to the dark style must repaint. */
  gtk_widget_queue_draw (widget);
}

static void
update_accessible_label (UnknotBackView *self)
{
  g_autofree char *label = NULL;

  if (self->area < 0)
    {
      /* Translators: the accessible description of the picture of a back, nothing highlighted */
      label = g_strdup (_("Back diagram"));
    }
  else if (self->side == UNKNOT_SIDE_NONE)
    {
      /* Translators: the accessible description of the picture of a back; %s is a body area,
       * like "Shoulders" */
      label = g_strdup_printf (_("Back diagram: %s highlighted"),
                               unknot_area_get_label (self->area));
    }
  else
    {
      /* Translators: the accessible description of the picture of a back; the first %s is a
       * body area, like "Shoulders", the second a side, like "Left side" */
      label = g_strdup_printf (_("Back diagram: %s, %s highlighted"),
                               unknot_area_get_label (self->area),
                               unknot_side_get_label (self->side));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
unknot_back_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UnknotBackView *self = UNKNOT_BACK_VIEW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      g_value_set_int (value, self->area);
      break;

    case PROP_SIDE:
      g_value_set_uint (value, self->side);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_back_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  UnknotBackView *self = UNKNOT_BACK_VIEW (object);

  switch (prop_id)
    {
    case PROP_AREA:
      unknot_back_view_set_area (self, g_value_get_int (value), self->side);
      break;

    case PROP_SIDE:
      unknot_back_view_set_area (self, self->area, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_back_view_class_init (UnknotBackViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = unknot_back_view_get_property;
  object_class->set_property = unknot_back_view_set_property;

  widget_class->snapshot = unknot_back_view_snapshot;
  widget_class->measure = unknot_back_view_measure;
  widget_class->css_changed = unknot_back_view_css_changed;

  /**
   * UnknotBackView:area:
   *
   * The highlighted body area, an #UnknotArea, or -1 for none.
   */
  properties[PROP_AREA] =
    g_param_spec_int ("area", NULL, NULL,
                      -1, UNKNOT_N_AREAS - 1, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * UnknotBackView:side:
   *
   * The highlighted side, an #UnknotSide; %UNKNOT_SIDE_NONE and %UNKNOT_SIDE_BOTH highlight
   * both halves.
   */
  properties[PROP_SIDE] =
    g_param_spec_uint ("side", NULL, NULL,
                       UNKNOT_SIDE_NONE, UNKNOT_SIDE_BOTH, UNKNOT_SIDE_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "backview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
unknot_back_view_init (UnknotBackView *self)
{
  self->area = -1;
  self->side = UNKNOT_SIDE_NONE;

  update_accessible_label (self);
}

GtkWidget *
unknot_back_view_new (void)
{
  return g_object_new (UNKNOT_TYPE_BACK_VIEW, NULL);
}

/**
 * unknot_back_view_set_area:
 * @self: a #UnknotBackView
 * @area: an #UnknotArea, or -1 to highlight nothing
 * @side: the side to highlight; %UNKNOT_SIDE_NONE and %UNKNOT_SIDE_BOTH mean both halves
 *
 * Sets what the drawing highlights.
 */
void
unknot_back_view_set_area (UnknotBackView *self,
                           int             area,
                           UnknotSide      side)
{
  gboolean area_changed;
  gboolean side_changed;

  g_return_if_fail (UNKNOT_IS_BACK_VIEW (self));
  g_return_if_fail (area >= -1 && area < UNKNOT_N_AREAS);
  g_return_if_fail (side <= UNKNOT_SIDE_BOTH);

  area_changed = self->area != area;
  side_changed = self->side != side;

  if (!area_changed && !side_changed)
    return;

  self->area = area;
  self->side = side;

  update_accessible_label (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (area_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA]);
  if (side_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDE]);
}

int
unknot_back_view_get_area (UnknotBackView *self)
{
  g_return_val_if_fail (UNKNOT_IS_BACK_VIEW (self), -1);

  return self->area;
}

UnknotSide
unknot_back_view_get_side (UnknotBackView *self)
{
  g_return_val_if_fail (UNKNOT_IS_BACK_VIEW (self), UNKNOT_SIDE_NONE);

  return self->side;
}
