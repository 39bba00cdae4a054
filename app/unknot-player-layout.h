/* unknot-player-layout.h: the player's parts, sized from the window and fitted into it
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The parts, top to bottom. The text parts are GtkLabels. */
typedef enum {
  UNKNOT_PLAYER_PART_HEADER,
  UNKNOT_PLAYER_PART_STATE,          /* "Paused": a row kept for it, shown or not */
  UNKNOT_PLAYER_PART_FIGURE,         /* the back, in the room the words leave */
  UNKNOT_PLAYER_PART_TECHNIQUE,
  UNKNOT_PLAYER_PART_COUNTDOWN,
  UNKNOT_PLAYER_PART_STEP_PROGRESS,  /* under the countdown it belongs to */
  UNKNOT_PLAYER_PART_AREA,
  UNKNOT_PLAYER_PART_DETAIL,         /* pressure and tool: the first words to go */
  UNKNOT_PLAYER_PART_INSTRUCTIONS,   /* any text: smaller, then clamped, to fit */
  UNKNOT_PLAYER_PART_CAUTION,        /* the technique's cautions: kept, sized with the rest */
  UNKNOT_PLAYER_PART_PROGRESS,        /* "Step 3 of 12 · 8:20 left", over the routine's bar */
  UNKNOT_PLAYER_PART_TOTAL_PROGRESS,  /* hidden for a routine of one step */
  UNKNOT_PLAYER_PART_NEXT,
  UNKNOT_PLAYER_PART_CONTROLS,
  UNKNOT_PLAYER_N_PARTS
} UnknotPlayerPart;

#define UNKNOT_TYPE_PLAYER_LAYOUT (unknot_player_layout_get_type ())

G_DECLARE_FINAL_TYPE (UnknotPlayerLayout, unknot_player_layout, UNKNOT, PLAYER_LAYOUT,
                      GtkLayoutManager)

GtkLayoutManager *unknot_player_layout_new            (void);
void              unknot_player_layout_set_part       (UnknotPlayerLayout *self,
                                                       UnknotPlayerPart    part,
                                                       GtkWidget          *child);
int               unknot_player_layout_get_font_size  (UnknotPlayerLayout *self,
                                                       UnknotPlayerPart    part);
int               unknot_player_layout_get_clamped_lines (UnknotPlayerLayout *self);

G_END_DECLS
