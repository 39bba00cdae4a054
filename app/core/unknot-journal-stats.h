/* unknot-journal-stats.h: what the History page shows, computed from the journal's runs
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-journal.h"

G_BEGIN_DECLS

#define UNKNOT_CHART_DAYS 28   /* the chart's last weeks */

/* One routine's runs. */
typedef struct {
  char   *routine_id;
  char   *routine_name;   /* as of its latest run */
  gint64  latest;         /* that run's start */
  guint   runs;
  guint   rated;          /* runs with an answer before and after */
  double  mean_change;    /* of the pain, after minus before, over the rated runs */
} UnknotRoutineSummary;

/* One day of the chart: the mean of the day's answers, or -1 for none. */
typedef struct {
  double before;
  double after;
} UnknotChartDay;

typedef struct {
  guint           streak_days;         /* days in a row with a run, up to today */
  guint           minutes_this_week;   /* since Monday */
  guint           n_days;              /* of the chart, the oldest first, today last */
  UnknotChartDay *days;
  guint           rated;               /* runs in the chart with both answers */
  double          mean_before;         /* over the chart's answers, or -1 */
  double          mean_after;
  GPtrArray      *routines;            /* of UnknotRoutineSummary, the most runs first */
} UnknotJournalStats;

UnknotJournalStats *unknot_journal_stats_new            (GPtrArray                *entries,
                                                         GDateTime                *now,
                                                         guint                     n_days);
void                unknot_journal_stats_free           (UnknotJournalStats       *stats);
char               *unknot_journal_stats_describe_chart (const UnknotJournalStats *stats);
char               *unknot_pain_change_to_text          (double                    change);
gint64              unknot_journal_local_day            (gint64                   unix_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UnknotJournalStats, unknot_journal_stats_free)

G_END_DECLS
