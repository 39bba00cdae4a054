/* unknot-step-row.h: a step of a routine, as its page lists it
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-catalogue.h"
#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_STEP_ROW (unknot_step_row_get_type ())

G_DECLARE_FINAL_TYPE (UnknotStepRow, unknot_step_row, UNKNOT, STEP_ROW, AdwActionRow)

GtkWidget *unknot_step_row_new (UnknotRoutine   *routine,
                                guint            index,
                                UnknotCatalogue *catalogue);
void       unknot_step_row_set_step (UnknotStepRow   *self,
                                     UnknotRoutine   *routine,
                                     guint            index,
                                     UnknotCatalogue *catalogue);

G_END_DECLS
