/* unknot-routine-page.h: one routine, before it starts
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-catalogue.h"
#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_ROUTINE_PAGE (unknot_routine_page_get_type ())

G_DECLARE_FINAL_TYPE (UnknotRoutinePage, unknot_routine_page, UNKNOT, ROUTINE_PAGE, GtkWidget)

void           unknot_routine_page_set_routine    (UnknotRoutinePage *self,
                                                   UnknotRoutine     *routine,
                                                   UnknotCatalogue   *catalogue);
UnknotRoutine *unknot_routine_page_get_routine    (UnknotRoutinePage *self);
void           unknot_routine_page_release_steps  (UnknotRoutinePage *self);
int            unknot_routine_page_take_pain_before (UnknotRoutinePage *self);

G_END_DECLS
