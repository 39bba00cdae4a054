/* unknot-planner.h: a routine composed for the areas that hurt, the time and the tools at hand
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-catalogue.h"
#include "unknot-journal.h"
#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_PLAN_MIN_MINUTES 5
#define UNKNOT_PLAN_MAX_MINUTES 30
#define UNKNOT_PLAN_DEFAULT_MINUTES 10
/* Rated runs (pain before and after) of a technique on an area before the plan prefers it. */
#define UNKNOT_PLAN_MIN_RATED_RUNS 3

typedef enum {
  UNKNOT_FIRMNESS_GENTLE,
  UNKNOT_FIRMNESS_MEDIUM,
  UNKNOT_FIRMNESS_FIRM,
} UnknotFirmness;

typedef struct _UnknotPlanRequest UnknotPlanRequest;

#define UNKNOT_TYPE_PLAN_REQUEST (unknot_plan_request_get_type ())

GType              unknot_plan_request_get_type     (void) G_GNUC_CONST;
UnknotPlanRequest *unknot_plan_request_new          (void);
UnknotPlanRequest *unknot_plan_request_copy         (const UnknotPlanRequest *self);
void               unknot_plan_request_free         (UnknotPlanRequest       *self);
void               unknot_plan_request_set_area     (UnknotPlanRequest       *self,
                                                     UnknotArea               area,
                                                     UnknotSide               side);
UnknotSide         unknot_plan_request_get_area     (const UnknotPlanRequest *self,
                                                     UnknotArea               area);
gboolean           unknot_plan_request_area_has_sides (UnknotArea             area);
void               unknot_plan_request_set_minutes  (UnknotPlanRequest       *self,
                                                     guint                    minutes);
guint              unknot_plan_request_get_minutes  (const UnknotPlanRequest *self);
void               unknot_plan_request_set_tool     (UnknotPlanRequest       *self,
                                                     UnknotTool               tool,
                                                     gboolean                 at_hand);
gboolean           unknot_plan_request_has_tool     (const UnknotPlanRequest *self,
                                                     UnknotTool               tool);
void               unknot_plan_request_set_firmness (UnknotPlanRequest       *self,
                                                     UnknotFirmness           firmness);
UnknotFirmness     unknot_plan_request_get_firmness (const UnknotPlanRequest *self);
gboolean           unknot_plan_request_validate     (const UnknotPlanRequest *self,
                                                     GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnknotPlanRequest, unknot_plan_request_free)

typedef struct _UnknotPlan UnknotPlan;

#define UNKNOT_TYPE_PLAN (unknot_plan_get_type ())

GType          unknot_plan_get_type     (void) G_GNUC_CONST;
UnknotPlan    *unknot_planner_compose   (UnknotCatalogue         *catalogue,
                                         const UnknotPlanRequest *request,
                                         GPtrArray               *journal_entries,
                                         GError                 **error);
UnknotRoutine *unknot_plan_get_routine  (UnknotPlan              *plan);
GPtrArray     *unknot_plan_get_reasons  (UnknotPlan              *plan);
void           unknot_plan_free         (UnknotPlan              *plan);

/* What a run of @routine works, as the journal keeps it (UnknotJournalEntry.worked). */
char          *unknot_plan_describe_worked (UnknotRoutine        *routine);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnknotPlan, unknot_plan_free)

G_END_DECLS
