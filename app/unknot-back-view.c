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
#include "unknot-planner.h"

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

  /* Choosing (unknot_back_view_set_choosing()): the areas chosen, each on its sides, and a toggle
   * over each: one per half where the area has sides, one over both halves elsewhere. */
  gboolean    choosing;
  UnknotSide  chosen[UNKNOT_N_AREAS];
  GtkWidget  *toggles[UNKNOT_N_AREAS][2];  /* [area][0] the left half or both, [1] the right */
  gboolean    syncing;                     /* the toggles follow unknot_back_view_set_chosen() */

  /* A figure (unknot_back_view_set_areas()): a small picture of the areas a routine works, one
   * bit per #UnknotArea, both halves each, nothing to choose. */
  guint       areas;
};

G_DEFINE_FINAL_TYPE (UnknotBackView, unknot_back_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AREA,
  PROP_SIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHOSEN_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Where each area's toggle lies, in the design space: the left half's box (x from the centre
 * line, negative to the left); the right half's is its mirror image. An area without sides has
 * one box over both halves. The whole back is the strip over the spine, between the halves of
 * the upper, mid and lower back: choosing it highlights all three. */
typedef struct {
  double x0, y0, x1, y1;
} Box;

static const Box toggle_boxes[UNKNOT_N_AREAS] = {
  [UNKNOT_AREA_NECK]       = { -28, 66, 28, 110 },
  [UNKNOT_AREA_SHOULDERS]  = { -104, 104, -30, 134 },
  [UNKNOT_AREA_UPPER_BACK] = { -82, 136, -13, 200 },
  [UNKNOT_AREA_MID_BACK]   = { -82, 202, -13, 264 },
  [UNKNOT_AREA_LOWER_BACK] = { -82, 266, -13, 326 },
  [UNKNOT_AREA_GLUTES]     = { -100, 330, -3, 398 },
  [UNKNOT_AREA_WHOLE_BACK] = { -12, 136, 12, 326 },
};

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

/* The highlight of an area on @side (NONE and BOTH: both halves).
 * Seen from behind, the person's left side is on the viewer's left. */
static void
draw_area_sides (cairo_t    *cr,
                 UnknotArea  area,
                 UnknotSide  side)
{
  if (side != UNKNOT_SIDE_RIGHT)
    draw_area_half (cr, area, -1);
  if (side != UNKNOT_SIDE_LEFT)
    draw_area_half (cr, area, 1);
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

  if (self->area >= 0 || self->choosing || self->areas != 0)
    {
      cairo_push_group (cr);
      cairo_set_source_rgba (cr, accent->red, accent->green, accent->blue, accent->alpha);
      if (self->choosing)
        {
          for (guint area = 0; area < UNKNOT_N_AREAS; area++)
            if (self->chosen[area] != UNKNOT_SIDE_NONE)
              draw_area_sides (cr, area, self->chosen[area]);
        }
      else if (self->areas != 0)
        {
          for (guint area = 0; area < UNKNOT_N_AREAS; area++)
            if (self->areas & (1u << area))
              draw_area_sides (cr, area, UNKNOT_SIDE_BOTH);
        }
      else
        draw_area_sides (cr, self->area, self->side);

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

  /* The spine, dotted: it is shown so that nobody presses on it. A figure as small as a row's
   * has no room for dots. */
  if (self->areas == 0)
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

/* The scale and the offset that fit the design space into @width x @height, centred. */
static double
fit_design (int     width,
            int     height,
            double *dx,
            double *dy)
{
  double scale = MIN (width / DESIGN_W, height / DESIGN_H);

  *dx = (width - DESIGN_W * scale) / 2;
  *dy = (height - DESIGN_H * scale) / 2;
  return scale;
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

  {
    double dx, dy;

    scale = fit_design (width, height, &dx, &dy);
    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
    cairo_translate (cr, dx, dy);
    cairo_scale (cr, scale, scale);
  }

  draw_figure (self, cr, &fg, &accent, scale);

  cairo_destroy (cr);

  /* The toggles draw only their hover and focus: the drawing shows what is chosen. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_snapshot_child (widget, child, snapshot);
}

static void
unknot_back_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  UnknotBackView *self = UNKNOT_BACK_VIEW (widget);
  double dx, dy;
  double scale = fit_design (width, height, &dx, &dy);

  if (!self->choosing)
    return;
  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    for (guint half = 0; half < 2; half++)
      {
        GtkWidget *toggle = self->toggles[area][half];
        const Box *box = &toggle_boxes[area];
        double x0 = half == 0 ? box->x0 : -box->x1;
        double x1 = half == 0 ? box->x1 : -box->x0;
        int min_w, min_h;
        GtkAllocation alloc;

        if (toggle == NULL)
          continue;
        gtk_widget_measure (toggle, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
        gtk_widget_measure (toggle, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
        alloc.x = (int) (dx + (CX + x0) * scale + 0.5);
        alloc.y = (int) (dy + box->y0 * scale + 0.5);
        alloc.width = MAX (min_w, (int) ((x1 - x0) * scale + 0.5));
        alloc.height = MAX (min_h, (int) ((box->y1 - box->y0) * scale + 0.5));
        gtk_widget_size_allocate (toggle, &alloc, -1);
      }
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
  UnknotBackView *self = UNKNOT_BACK_VIEW (widget);

  /* A figure beside a row's words is the size of an icon: two lines of text high. */
  if (self->areas != 0)
    {
      *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 30 : 40;
      return;
    }

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
unknot_back_view_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unknot_back_view_parent_class)->dispose (object);
}

static void
unknot_back_view_class_init (UnknotBackViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = unknot_back_view_get_property;
  object_class->set_property = unknot_back_view_set_property;

  object_class->dispose = unknot_back_view_dispose;
  widget_class->snapshot = unknot_back_view_snapshot;
  widget_class->measure = unknot_back_view_measure;
  widget_class->size_allocate = unknot_back_view_size_allocate;
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

  /**
   * UnknotBackView::chosen-changed:
   * @area: the #UnknotArea whose side was chosen again
   *
   * Emitted when a toggle on the drawing changes what is chosen (not for
   * unknot_back_view_set_chosen()).
   */
  signals[SIGNAL_CHOSEN_CHANGED] =
    g_signal_new ("chosen-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);

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

/* The side the toggles of @area say: both halves, one, or none. */
static UnknotSide
side_of_toggles (UnknotBackView *self,
                 UnknotArea      area)
{
  gboolean first = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->toggles[area][0]));
  gboolean right;

  if (self->toggles[area][1] == NULL)
    return first ? UNKNOT_SIDE_BOTH : UNKNOT_SIDE_NONE;
  right = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->toggles[area][1]));
  if (first && right)
    return UNKNOT_SIDE_BOTH;
  return first ? UNKNOT_SIDE_LEFT : right ? UNKNOT_SIDE_RIGHT : UNKNOT_SIDE_NONE;
}

static void
on_toggle_toggled (GtkToggleButton *toggle,
                   UnknotBackView  *self)
{
  UnknotArea area = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "unknot-area"));

  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (toggle), -1);
  if (self->syncing)
    return;
  self->chosen[area] = side_of_toggles (self, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_CHOSEN_CHANGED], 0, (int) area);
}

/* A toggle over one half (@side LEFT or RIGHT) or over all of @area (@side BOTH), named for what
 * it chooses and a check box to assistive technologies: checked is chosen. */
static GtkWidget *
new_toggle (UnknotBackView *self,
            UnknotArea      area,
            UnknotSide      side)
{
  GtkWidget *toggle = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_CHECKBOX, NULL);
  g_autofree char *name = NULL;

  if (side == UNKNOT_SIDE_BOTH)
    name = g_strdup (unknot_area_get_label (area));
  else
    /* Translators: a toggle on the drawing of the back, e.g. "Shoulders, Left side" */
    name = g_strdup_printf (C_("area and side", "%s, %s"), unknot_area_get_label (area),
                            unknot_side_get_label (side));
  gtk_widget_add_css_class (toggle, "area");
  gtk_widget_set_tooltip_text (toggle, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_CHECKED, FALSE, -1);
  g_object_set_data (G_OBJECT (toggle), "unknot-area", GUINT_TO_POINTER (area));
  g_signal_connect_object (toggle, "toggled", G_CALLBACK (on_toggle_toggled), self, 0);
  gtk_widget_set_parent (toggle, GTK_WIDGET (self));
  return toggle;
}

/**
 * unknot_back_view_set_choosing:
 * @self: a #UnknotBackView
 *
 * Makes every area of the drawing a toggle (a click, a tap, Space or Enter), one on each half
 * where the area has sides (unknot_plan_request_area_has_sides()); the drawing then shows the
 * areas chosen rather than the one of unknot_back_view_set_area(). Nothing is chosen at first.
 */
void
unknot_back_view_set_choosing (UnknotBackView *self)
{
  g_return_if_fail (UNKNOT_IS_BACK_VIEW (self));

  if (self->choosing)
    return;
  self->choosing = TRUE;
  /* In the order a person reads the drawing, top to bottom and left to right. */
  for (guint area = 0; area < UNKNOT_N_AREAS; area++)
    {
      if (unknot_plan_request_area_has_sides (area))
        {
          self->toggles[area][0] = new_toggle (self, area, UNKNOT_SIDE_LEFT);
          self->toggles[area][1] = new_toggle (self, area, UNKNOT_SIDE_RIGHT);
        }
      else
        self->toggles[area][0] = new_toggle (self, area, UNKNOT_SIDE_BOTH);
    }
  /* The whole back's strip lies between the halves of three areas: Tab reaches it last. */
  gtk_widget_insert_before (self->toggles[UNKNOT_AREA_WHOLE_BACK][0], GTK_WIDGET (self), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the accessible name of the drawing of the
                                   * back whose areas are toggles */
                                  _("Where does it hurt? Choose on the back"), -1);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * unknot_back_view_set_chosen:
 * @self: a #UnknotBackView choosing
 * @area: an #UnknotArea
 * @side: %UNKNOT_SIDE_NONE for not chosen; LEFT, RIGHT or BOTH (taken as BOTH where the area has
 *   no sides)
 *
 * Chooses @area on @side, without emitting #UnknotBackView::chosen-changed.
 */
void
unknot_back_view_set_chosen (UnknotBackView *self,
                             UnknotArea      area,
                             UnknotSide      side)
{
  g_return_if_fail (UNKNOT_IS_BACK_VIEW (self));
  g_return_if_fail (self->choosing);
  g_return_if_fail (area < UNKNOT_N_AREAS && side <= UNKNOT_SIDE_BOTH);

  self->syncing = TRUE;
  if (self->toggles[area][1] == NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[area][0]),
                                  side != UNKNOT_SIDE_NONE);
  else
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[area][0]),
                                    side == UNKNOT_SIDE_LEFT || side == UNKNOT_SIDE_BOTH);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->toggles[area][1]),
                                    side == UNKNOT_SIDE_RIGHT || side == UNKNOT_SIDE_BOTH);
    }
  self->syncing = FALSE;
  self->chosen[area] = side_of_toggles (self, area);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Returns: the side @area is chosen on, %UNKNOT_SIDE_NONE where it is not chosen. */
UnknotSide
unknot_back_view_get_chosen (UnknotBackView *self,
                             UnknotArea      area)
{
  g_return_val_if_fail (UNKNOT_IS_BACK_VIEW (self), UNKNOT_SIDE_NONE);
  g_return_val_if_fail (area < UNKNOT_N_AREAS, UNKNOT_SIDE_NONE);
  return self->chosen[area];
}

/**
 * unknot_back_view_get_toggle:
 * @side: LEFT or RIGHT for a half of an area with sides, BOTH for an area without
 *
 * Returns: (transfer none) (nullable): the toggle over @area on @side, NULL where there is none
 */
GtkWidget *
unknot_back_view_get_toggle (UnknotBackView *self,
                             UnknotArea      area,
                             UnknotSide      side)
{
  g_return_val_if_fail (UNKNOT_IS_BACK_VIEW (self), NULL);
  g_return_val_if_fail (area < UNKNOT_N_AREAS, NULL);

  if (self->toggles[area][1] == NULL)
    return side == UNKNOT_SIDE_BOTH ? self->toggles[area][0] : NULL;
  if (side == UNKNOT_SIDE_LEFT || side == UNKNOT_SIDE_RIGHT)
    return self->toggles[area][side == UNKNOT_SIDE_RIGHT];
  return NULL;
}

/**
 * unknot_back_view_set_areas:
 * @self: a #UnknotBackView
 * @areas: the areas to show, one bit (`1 << area`) for each #UnknotArea; 0 for none
 *
 * Makes the drawing a small figure of the areas a routine works, each on both halves, as beside
 * a routine's name in the library. Nothing on it can be chosen, and it asks for the room of an
 * icon two lines of text high. With @areas 0 it is the plain drawing again.
 */
void
unknot_back_view_set_areas (UnknotBackView *self,
                            guint           areas)
{
  g_return_if_fail (UNKNOT_IS_BACK_VIEW (self));
  g_return_if_fail (!self->choosing);

  areas &= (1u << UNKNOT_N_AREAS) - 1;
  if (self->areas == areas)
    return;

  if ((self->areas == 0) != (areas == 0))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  self->areas = areas;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * unknot_back_view_get_areas:
 * @self: a #UnknotBackView
 *
 * Returns: the areas set with unknot_back_view_set_areas(), one bit for each #UnknotArea
 */
guint
unknot_back_view_get_areas (UnknotBackView *self)
{
  g_return_val_if_fail (UNKNOT_IS_BACK_VIEW (self), 0);

  return self->areas;
}
