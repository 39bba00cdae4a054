/* unknot-player-layout.c
 *
 * The player is read from two or three metres away, in any window from 360 x 480 to a full
 * screen. Its text is sized from the height left between the header bar and the controls (the
 * "stage"): each text part gets a share of it, so a full screen enlarges everything, and the
 * parts are then fitted into the stage. What does not fit gives way in this order: the figure
 * (it takes only the room left), the instructions' size, the pressure line, every size, and last
 * the instructions' length (clamped with an ellipsis). The technique's cautions are never dropped. The state row ("Paused") is kept whether
 * or not it shows, so pausing moves nothing; the countdown, technique, area, progress and "Next"
 * always stay.
 *
 * The sizes follow the allocation, never the other way round: measure() does not look at the
 * text, so the window can always shrink again; allocate() sets a label's size only when it
 * changes, so the second pass that follows a change finds nothing to do, and it keeps the fit it
 * found for the same words in the same room, so the layout that follows each second of the
 * countdown tries no other sizes on the way.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include "unknot-player-layout.h"

#define DESIGN_STAGE  600.0   /* the stage of the default 720 x 760 window, about */
#define MAX_WIDTH     960.0   /* of the text column at that size; it grows with the text */
#define MARGIN        12      /* around the column, at least */
#define SPACING       10.0    /* between parts, at the design size */
#define STAGE_MIN     240     /* what the essentials need at their smallest sizes */
#define FIGURE_SHARE  0.42    /* of the stage, at most */
#define LINE_EMS      34      /* the instructions' longest line, about 70 characters */

/* A text part's size: a share of the stage's height, and the smallest size it may take. */
typedef struct {
  double share;
  int    min_px;
} FontRule;

static const FontRule font_rules[UNKNOT_PLAYER_N_PARTS] = {
  [UNKNOT_PLAYER_PART_STATE]        = { 0.034, 14 },
  [UNKNOT_PLAYER_PART_TECHNIQUE]    = { 0.055, 18 },
  [UNKNOT_PLAYER_PART_COUNTDOWN]    = { 0.155, 40 },
  [UNKNOT_PLAYER_PART_AREA]         = { 0.040, 15 },
  [UNKNOT_PLAYER_PART_DETAIL]       = { 0.030, 13 },
  [UNKNOT_PLAYER_PART_INSTRUCTIONS] = { 0.040, 13 },
  [UNKNOT_PLAYER_PART_CAUTION]      = { 0.028, 13 },
  [UNKNOT_PLAYER_PART_PROGRESS]     = { 0.025, 12 },
  [UNKNOT_PLAYER_PART_NEXT]         = { 0.030, 14 },
};

/* The ways of fitting, tried in turn: every size times @all, the instructions' times @words
 * too; @detail FALSE drops the pressure line. */
typedef struct {
  double   all;
  double   words;
  gboolean detail;
} Attempt;

static const Attempt attempts[] = {
  { 1.0, 1.0,  TRUE  },
  { 1.0, 0.85, TRUE  },
  { 1.0, 0.72, TRUE  },
  { 1.0, 0.6,  TRUE  },
  { 1.0, 0.6,  FALSE },
  { 0.9, 0.6,  FALSE },
  { 0.8, 0.6,  FALSE },
  { 0.7, 0.6,  FALSE },
  { 0.6, 0.6,  FALSE },
};

struct _UnknotPlayerLayout
{
  GtkLayoutManager  parent_instance;

  GtkWidget        *parts[UNKNOT_PLAYER_N_PARTS];   /* children of the widget laid out */
  int               font_px[UNKNOT_PLAYER_N_PARTS]; /* as set; 0 before the first allocation */
  int               clamped_lines;                  /* of the instructions; 0 when whole */
  guint             fit_key;                        /* what the last fit was for, */
  guint             fit_attempt;                    /* and the attempt it took */
};

G_DEFINE_FINAL_TYPE (UnknotPlayerLayout, unknot_player_layout, GTK_TYPE_LAYOUT_MANAGER)

static gboolean
is_text (UnknotPlayerPart part)
{
  return font_rules[part].share > 0;
}

static void
set_font_size (UnknotPlayerLayout *self,
               UnknotPlayerPart    part,
               int                 px)
{
  PangoAttrList *attrs;

  if (self->parts[part] == NULL || self->font_px[part] == px)
    return;

  self->font_px[part] = px;
  attrs = pango_attr_list_new ();
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute (px * PANGO_SCALE));
  gtk_label_set_attributes (GTK_LABEL (self->parts[part]), attrs);
  pango_attr_list_unref (attrs);
}

/* The instructions whole (@lines 0), or cut to @lines with an ellipsis. */
static void
clamp_instructions (UnknotPlayerLayout *self,
                    int                 lines)
{
  GtkLabel *label = GTK_LABEL (self->parts[UNKNOT_PLAYER_PART_INSTRUCTIONS]);

  if (label == NULL || self->clamped_lines == lines)
    return;

  self->clamped_lines = lines;
  gtk_label_set_ellipsize (label, lines > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  gtk_label_set_lines (label, lines > 0 ? lines : -1);
}

/* The height of one line of @part's text at its size now. */
static int
line_height (UnknotPlayerLayout *self,
             UnknotPlayerPart    part)
{
  GtkWidget *label = self->parts[part];
  PangoLayout *layout;
  int height;

  layout = gtk_widget_create_pango_layout (label, "Ag");
  pango_layout_set_attributes (layout, gtk_label_get_attributes (GTK_LABEL (label)));
  pango_layout_get_pixel_size (layout, NULL, &height);
  g_object_unref (layout);
  return height;
}

/* The biggest countdown that fits @width: the time drawn with zeros, so that it keeps its size
 * from one second to the next. */
static int
countdown_fitting (UnknotPlayerLayout *self,
                   int                 width)
{
  GtkWidget *label = self->parts[UNKNOT_PLAYER_PART_COUNTDOWN];
  g_autofree char *sample = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  PangoLayout *layout;
  int sample_width;

  for (char *c = sample; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      *c = '0';

  layout = gtk_widget_create_pango_layout (label, strlen (sample) > 5 ? sample : "00:00");
  pango_attr_list_insert (attrs, pango_attr_size_new_absolute (100 * PANGO_SCALE));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_get_pixel_size (layout, &sample_width, NULL);
  g_object_unref (layout);

  return sample_width > 0 ? (int) (100.0 * width * 0.92 / sample_width) : G_MAXINT;
}

static void
apply_sizes (UnknotPlayerLayout *self,
             int                 stage,
             int                 width,
             const Attempt      *attempt)
{
  for (UnknotPlayerPart p = 0; p < UNKNOT_PLAYER_N_PARTS; p++)
    {
      double scale = p == UNKNOT_PLAYER_PART_INSTRUCTIONS ? attempt->all * attempt->words
                                                          : attempt->all;
      int px;

      if (!is_text (p) || self->parts[p] == NULL)
        continue;

      px = MAX (font_rules[p].min_px, (int) (font_rules[p].share * stage * scale));
      if (p == UNKNOT_PLAYER_PART_COUNTDOWN)
        px = MAX (font_rules[p].min_px, MIN (px, countdown_fitting (self, width)));
      set_font_size (self, p, px);
    }
}

static gboolean
has_text (GtkWidget *label)
{
  return *gtk_label_get_text (GTK_LABEL (label)) != '\0';
}

/* Whether @part takes a place in the column (the figure's is decided apart). */
static gboolean
takes_place (UnknotPlayerLayout *self,
             UnknotPlayerPart    part,
             gboolean            detail)
{
  GtkWidget *child = self->parts[part];

  if (child == NULL || part == UNKNOT_PLAYER_PART_FIGURE || part == UNKNOT_PLAYER_PART_HEADER
      || part == UNKNOT_PLAYER_PART_CONTROLS)
    return FALSE;
  if (part == UNKNOT_PLAYER_PART_STATE)
    return TRUE;   /* kept, shown or not */
  if (!gtk_widget_get_visible (child))
    return FALSE;
  if (part == UNKNOT_PLAYER_PART_DETAIL && !detail)
    return FALSE;
  return !is_text (part) || has_text (child);
}

/* The width @part is given in a column @width wide: the instructions keep to a line length
 * that reads well (GtkLabel's max-width-chars would follow the theme's font, not the size set). */
static int
part_width (UnknotPlayerLayout *self,
            UnknotPlayerPart    part,
            int                 width)
{
  if (part == UNKNOT_PLAYER_PART_INSTRUCTIONS || part == UNKNOT_PLAYER_PART_CAUTION)
    width = MIN (width, LINE_EMS * self->font_px[part]);
  return MAX (width, 1);
}

/* The heights of the column's parts at their sizes now, into @heights; returns the whole
 * column's, spacing included, the figure left out. */
static int
column_height (UnknotPlayerLayout *self,
               int                 width,
               int                 spacing,
               gboolean            detail,
               int                 heights[UNKNOT_PLAYER_N_PARTS])
{
  int total = 0, n = 0;

  for (UnknotPlayerPart p = 0; p < UNKNOT_PLAYER_N_PARTS; p++)
    {
      heights[p] = 0;
      if (!takes_place (self, p, detail))
        continue;

      if (p == UNKNOT_PLAYER_PART_STATE)
        heights[p] = line_height (self, p);
      else
        gtk_widget_measure (self->parts[p], GTK_ORIENTATION_VERTICAL,
                            part_width (self, p, width), NULL, &heights[p], NULL, NULL);
      total += heights[p];
      n++;
    }
  return total + spacing * MAX (n - 1, 0);
}

/* What decides the fit: the room, and the words that wrap (not the countdown and the progress,
 * which change every second but keep their height). */
static guint
fit_key (UnknotPlayerLayout *self,
         int                 stage,
         int                 width)
{
  const UnknotPlayerPart wrapping[] = {
    UNKNOT_PLAYER_PART_TECHNIQUE, UNKNOT_PLAYER_PART_AREA, UNKNOT_PLAYER_PART_DETAIL,
    UNKNOT_PLAYER_PART_INSTRUCTIONS, UNKNOT_PLAYER_PART_CAUTION, UNKNOT_PLAYER_PART_NEXT,
  };
  guint key = (guint) stage * 7919u + (guint) width;

  for (guint i = 0; i < G_N_ELEMENTS (wrapping); i++)
    {
      GtkWidget *label = self->parts[wrapping[i]];

      if (label != NULL)
        key = key * 31u + g_str_hash (gtk_label_get_text (GTK_LABEL (label)))
              + (gtk_widget_get_visible (label) ? 1u : 0u);
    }
  return key;
}

/* Sets the sizes for a column @width wide in a stage @stage high: the first way of fitting that
 * leaves room for everything but the figure, else the last with the instructions cut to the
 * lines there is room for. Returns the column's height, its parts' in @heights. The same words
 * in the same room get the fit found before at once: the layout runs every second, and each
 * size tried on the way would ask for another. */
static int
fit_column (UnknotPlayerLayout *self,
            int                 stage,
            int                 width,
            int                *spacing,
            int                 heights[UNKNOT_PLAYER_N_PARTS])
{
  guint key = fit_key (self, stage, width);
  guint i = key == self->fit_key ? self->fit_attempt : 0;
  int column = 0;

  for (; i < G_N_ELEMENTS (attempts); i++)
    {
      const Attempt *attempt = &attempts[i];

      *spacing = MAX (4, (int) (SPACING * stage / DESIGN_STAGE * attempt->all));
      apply_sizes (self, stage, width, attempt);
      if (key != self->fit_key || i != self->fit_attempt)
        clamp_instructions (self, 0);
      column = column_height (self, width, *spacing, attempt->detail, heights);
      if (column + 2 * MARGIN <= stage)
        break;
      if (self->clamped_lines > 0 && key == self->fit_key && i == self->fit_attempt)
        break;   /* cut to fit before */
    }

  if (i == G_N_ELEMENTS (attempts))
    {
      const Attempt *last = &attempts[--i];
      int instructions = heights[UNKNOT_PLAYER_PART_INSTRUCTIONS];

      if (instructions > 0)
        {
          int line = MAX (line_height (self, UNKNOT_PLAYER_PART_INSTRUCTIONS), 1);
          int room = stage - 2 * MARGIN - (column - instructions);

          clamp_instructions (self, MAX (room / line, 1));
          column = column_height (self, width, *spacing, last->detail, heights);
        }
    }

  self->fit_key = key;
  self->fit_attempt = i;
  return column;
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height)
{
  gtk_widget_set_child_visible (child, TRUE);
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static int
natural_height (GtkWidget *child,
                int        width)
{
  int natural = 0;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

static void
unknot_player_layout_allocate (GtkLayoutManager *manager,
                               GtkWidget        *widget,
                               int               width,
                               int               height,
                               int               baseline)
{
  UnknotPlayerLayout *self = UNKNOT_PLAYER_LAYOUT (manager);
  GtkWidget *header = self->parts[UNKNOT_PLAYER_PART_HEADER];
  GtkWidget *controls = self->parts[UNKNOT_PLAYER_PART_CONTROLS];
  GtkWidget *figure = self->parts[UNKNOT_PLAYER_PART_FIGURE];
  int heights[UNKNOT_PLAYER_N_PARTS];
  int header_h = natural_height (header, width);
  int controls_h = natural_height (controls, width);
  int top = header_h, stage = MAX (height - header_h - controls_h, 0);
  double grow = MAX (1.0, stage / DESIGN_STAGE);
  int column_w = MIN (width - 2 * MARGIN, (int) (MAX_WIDTH * grow));
  int x = (width - column_w) / 2;
  int spacing = 0, column, figure_h = 0, figure_min = 0, y;

  if (header != NULL && gtk_widget_should_layout (header))
    allocate_child (header, 0, 0, width, header_h);
  if (controls != NULL && gtk_widget_should_layout (controls))
    allocate_child (controls, 0, height - controls_h, width, controls_h);
  column_w = MAX (column_w, 1);

  column = fit_column (self, stage, column_w, &spacing, heights);

  /* The figure in the room left, if there is enough for it to be seen. */
  if (figure != NULL && gtk_widget_get_visible (figure))
    {
      gtk_widget_measure (figure, GTK_ORIENTATION_VERTICAL, -1, &figure_min, NULL, NULL, NULL);
      figure_h = MIN (stage - 2 * MARGIN - column - spacing, (int) (stage * FIGURE_SHARE));
      if (figure_h < MAX (figure_min, (int) (stage * 0.15)))
        figure_h = 0;
    }

  /* The column, with the figure, in the middle of the stage. */
  y = top + MAX (MARGIN, (stage - column - (figure_h > 0 ? figure_h + spacing : 0)) / 2);
  for (UnknotPlayerPart p = 0; p < UNKNOT_PLAYER_N_PARTS; p++)
    {
      GtkWidget *child = self->parts[p];

      if (child == NULL || p == UNKNOT_PLAYER_PART_HEADER || p == UNKNOT_PLAYER_PART_CONTROLS)
        continue;

      if (p == UNKNOT_PLAYER_PART_FIGURE)
        {
          if (figure_h > 0)
            {
              allocate_child (child, x, y, column_w, figure_h);
              y += figure_h + spacing;
            }
          else
            gtk_widget_set_child_visible (child, FALSE);
          continue;
        }

      if (heights[p] == 0)
        {
          gtk_widget_set_child_visible (child, FALSE);
          continue;
        }

      if (gtk_widget_get_visible (child))
        {
          int w = part_width (self, p, column_w);

          allocate_child (child, x + (column_w - w) / 2, y, w, heights[p]);
        }
      y += heights[p] + spacing;
    }
}

/* Independent of the text and its sizes now: what the header, the controls and the essentials
 * at their smallest need. */
static void
unknot_player_layout_measure (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              GtkOrientation    orientation,
                              int               for_size,
                              int              *minimum,
                              int              *natural,
                              int              *minimum_baseline,
                              int              *natural_baseline)
{
  UnknotPlayerLayout *self = UNKNOT_PLAYER_LAYOUT (manager);
  const UnknotPlayerPart bars[] = { UNKNOT_PLAYER_PART_HEADER, UNKNOT_PLAYER_PART_CONTROLS };
  int min = 0, nat = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    {
      GtkWidget *child = self->parts[bars[i]];
      int child_min = 0, child_nat = 0;

      if (child == NULL || !gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size
                                                                                   : -1,
                          &child_min, &child_nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          min += child_min;
          nat += child_nat;
        }
      else
        {
          min = MAX (min, child_min);
          nat = MAX (nat, child_nat);
        }
    }

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      min += STAGE_MIN;
      nat += (int) DESIGN_STAGE;
    }
  else
    nat = MAX (nat, 2 * MARGIN + (int) MAX_WIDTH / 2);

  *minimum = min;
  *natural = MAX (nat, min);
}

static GtkSizeRequestMode
unknot_player_layout_get_request_mode (GtkLayoutManager *manager,
                                       GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
unknot_player_layout_class_init (UnknotPlayerLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = unknot_player_layout_get_request_mode;
  layout_class->measure = unknot_player_layout_measure;
  layout_class->allocate = unknot_player_layout_allocate;
}

static void
unknot_player_layout_init (UnknotPlayerLayout *self)
{
}

GtkLayoutManager *
unknot_player_layout_new (void)
{
  return g_object_new (UNKNOT_TYPE_PLAYER_LAYOUT, NULL);
}

/* @child, a child of the widget laid out, is @part; a text part is a GtkLabel. */
void
unknot_player_layout_set_part (UnknotPlayerLayout *self,
                               UnknotPlayerPart    part,
                               GtkWidget          *child)
{
  g_return_if_fail (UNKNOT_IS_PLAYER_LAYOUT (self));
  g_return_if_fail (part < UNKNOT_PLAYER_N_PARTS);
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));
  g_return_if_fail (child == NULL || !is_text (part) || GTK_IS_LABEL (child));

  self->parts[part] = child;
  self->font_px[part] = 0;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}

/* The size in pixels @part's text was given at the last allocation, 0 before. */
int
unknot_player_layout_get_font_size (UnknotPlayerLayout *self,
                                    UnknotPlayerPart    part)
{
  g_return_val_if_fail (UNKNOT_IS_PLAYER_LAYOUT (self), 0);
  g_return_val_if_fail (part < UNKNOT_PLAYER_N_PARTS, 0);

  return self->font_px[part];
}

/* How many lines the instructions were cut to at the last allocation; 0 when they show whole. */
int
unknot_player_layout_get_clamped_lines (UnknotPlayerLayout *self)
{
  g_return_val_if_fail (UNKNOT_IS_PLAYER_LAYOUT (self), 0);

  return self->clamped_lines;
}
