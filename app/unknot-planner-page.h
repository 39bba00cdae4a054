/* unknot-planner-page.h: "Plan a Routine": where it hurts, the time and tools, and a preview
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "unknot-catalogue.h"
#include "unknot-planner.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_PLANNER_PAGE (unknot_planner_page_get_type ())

G_DECLARE_FINAL_TYPE (UnknotPlannerPage, unknot_planner_page, UNKNOT, PLANNER_PAGE, GtkWidget)

void                     unknot_planner_page_set_context (UnknotPlannerPage *self,
                                                          UnknotCatalogue   *catalogue,
                                                          GPtrArray         *journal_entries);
const UnknotPlanRequest *unknot_planner_page_get_request (UnknotPlannerPage *self);
UnknotRoutine           *unknot_planner_page_get_routine (UnknotPlannerPage *self);

G_END_DECLS
