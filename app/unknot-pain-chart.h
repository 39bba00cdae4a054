/* unknot-pain-chart.h: pain before and after, day by day, over the last weeks
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "unknot-journal-stats.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_PAIN_CHART (unknot_pain_chart_get_type ())

G_DECLARE_FINAL_TYPE (UnknotPainChart, unknot_pain_chart, UNKNOT, PAIN_CHART, GtkWidget)

GtkWidget *unknot_pain_chart_new       (void);
void       unknot_pain_chart_set_stats (UnknotPainChart          *self,
                                        const UnknotJournalStats *stats);

G_END_DECLS
