/* unknot-journal-stats.c: what the History page shows, computed from the journal's runs
 *
 * Days are the person's local calendar days. A run counts for the streak and the week's minutes
 * when at least one of its steps was done; for the chart and the routines' pain, when it has the
 * answers asked for.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-journal-stats.h"

static gint64
day_of (GDateTime *time)
{
  GDate date;
  int y, m, d;

  g_date_time_get_ymd (time, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_get_julian (&date);
}

#define JULIAN_1970 719163   /* GDate's day number of 1 January 1970 */

/* The day of @unix_time in @tz: a lookup in the zone's table, no GDateTime (a journal of years
 * has many runs to place). */
static gint64
day_in (GTimeZone *tz,
        gint64     unix_time)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint64 local = unix_time + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);

  return (local >= 0 ? local / 86400 : (local - 86399) / 86400) + JULIAN_1970;
}

/* The local calendar day of @unix_time, as a day number (days since 1 January of year 1). */
gint64
unknot_journal_local_day (gint64 unix_time)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  return day_in (tz, unix_time);
}

static void
routine_summary_free (UnknotRoutineSummary *summary)
{
  g_free (summary->routine_id);
  g_free (summary->routine_name);
  g_free (summary);
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  const UnknotRoutineSummary *x = *(UnknotRoutineSummary * const *) a;
  const UnknotRoutineSummary *y = *(UnknotRoutineSummary * const *) b;

  if (x->runs != y->runs)
    return x->runs > y->runs ? -1 : 1;
  return g_utf8_collate (x->routine_name, y->routine_name);
}

static gboolean
was_done (const UnknotJournalEntry *entry)
{
  return entry->steps_done > 0;
}

static guint
count_streak (GHashTable *days_done,
              gint64      today)
{
  gint64 day = today;
  guint streak = 0;

  /* Nothing yet today keeps yesterday's streak: the day is not over. */
  if (!g_hash_table_contains (days_done, &day))
    day--;
  while (g_hash_table_contains (days_done, &day))
    {
      streak++;
      day--;
    }
  return streak;
}

/**
 * unknot_journal_stats_new:
 * @entries: (element-type UnknotJournalEntry): the journal's runs, in any order
 * @now: the time to count from (its time zone is the person's)
 * @n_days: the chart's length, today included
 */
UnknotJournalStats *
unknot_journal_stats_new (GPtrArray *entries,
                          GDateTime *now,
                          guint      n_days)
{
  UnknotJournalStats *stats = g_new0 (UnknotJournalStats, 1);
  g_autoptr(GHashTable) days_done = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           NULL);
  g_autoptr(GHashTable) by_routine = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree double *sums = g_new0 (double, 2 * (gsize) MAX (n_days, 1));
  g_autofree guint *counts = g_new0 (guint, 2 * (gsize) MAX (n_days, 1));
  gint64 today = day_of (now);
  gint64 first = today - (gint64) n_days + 1;
  gint64 week_start = today - (g_date_time_get_day_of_week (now) - 1);   /* Monday */
  guint64 week_seconds = 0;
  double sum_before = 0, sum_after = 0;
  guint n_before = 0, n_after = 0;

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  stats->n_days = n_days;
  stats->days = g_new0 (UnknotChartDay, MAX (n_days, 1));
  stats->routines = g_ptr_array_new_with_free_func ((GDestroyNotify) routine_summary_free);

  for (guint i = 0; i < entries->len; i++)
    {
      const UnknotJournalEntry *e = g_ptr_array_index (entries, i);
      gint64 day = day_in (tz, e->started);
      UnknotRoutineSummary *summary = g_hash_table_lookup (by_routine, e->routine_id);
      gboolean rated = e->pain_before >= 0 && e->pain_after >= 0;

      if (summary == NULL)
        {
          summary = g_new0 (UnknotRoutineSummary, 1);
          summary->routine_id = g_strdup (e->routine_id);
          summary->routine_name = g_strdup (e->routine_name);
          summary->latest = e->started;
          g_hash_table_insert (by_routine, summary->routine_id, summary);
          g_ptr_array_add (stats->routines, summary);
        }
      else if (e->started > summary->latest)
        {
          g_free (summary->routine_name);
          summary->routine_name = g_strdup (e->routine_name);
          summary->latest = e->started;
        }
      summary->runs++;
      if (rated)
        {
          summary->rated++;
          summary->mean_change += (e->pain_after - e->pain_before - summary->mean_change)
                                  / summary->rated;
        }

      if (was_done (e))
        {
          g_hash_table_add (days_done, g_memdup2 (&day, sizeof day));
          if (day >= week_start && day <= today)
            week_seconds += e->seconds;
        }

      if (day >= first && day <= today)
        {
          gsize at = (gsize) (day - first);

          if (e->pain_before >= 0)
            {
              sums[2 * at] += e->pain_before;
              counts[2 * at]++;
              sum_before += e->pain_before;
              n_before++;
            }
          if (e->pain_after >= 0)
            {
              sums[2 * at + 1] += e->pain_after;
              counts[2 * at + 1]++;
              sum_after += e->pain_after;
              n_after++;
            }
          stats->rated += rated;
        }
    }

  g_ptr_array_sort (stats->routines, compare_summaries);

  for (guint i = 0; i < n_days; i++)
    {
      stats->days[i].before = counts[2 * i] ? sums[2 * i] / counts[2 * i] : -1;
      stats->days[i].after = counts[2 * i + 1] ? sums[2 * i + 1] / counts[2 * i + 1] : -1;
    }
  stats->mean_before = n_before ? sum_before / n_before : -1;
  stats->mean_after = n_after ? sum_after / n_after : -1;
  stats->streak_days = count_streak (days_done, today);
  stats->minutes_this_week = (guint) ((week_seconds + 30) / 60);
  return stats;
}

void
unknot_journal_stats_free (UnknotJournalStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->days);
  g_ptr_array_unref (stats->routines);
  g_free (stats);
}

/* "2.5 lower", "1.0 higher", "no change": a mean change of pain, in words. */
char *
unknot_pain_change_to_text (double change)
{
  if (change <= -0.05)
    /* Translators: pain after a routine compared with before it, as in "2.5 lower" */
    return g_strdup_printf (_("%.1f lower"), -change);
  if (change >= 0.05)
    /* Translators: pain after a routine compared with before it, as in "1.0 higher" */
    return g_strdup_printf (_("%.1f higher"), change);
  return g_strdup (_("no change"));
}

/* Takes @text: its words with the language's own digits. */
static char *
localized (GString *text)
{
  g_autofree char *ascii = g_string_free (text, FALSE);

  return unknot_i18n_localize_digits (ascii);
}

/* The chart in words, for a screen reader and for anyone who prefers it, in the language's
 * digits. */
char *
unknot_journal_stats_describe_chart (const UnknotJournalStats *stats)
{
  GString *text = g_string_new (NULL);
  guint weeks = (stats->n_days + 6) / 7;

  g_return_val_if_fail (stats != NULL, NULL);

  if (stats->mean_before < 0 && stats->mean_after < 0)
    {
      g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                          "No answers about pain in the last week.",
                                          "No answers about pain in the last %u weeks.", weeks),
                       weeks);
      return localized (text);
    }

  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "Pain on the scale of 0 to 10, the last week.",
                                      "Pain on the scale of 0 to 10, the last %u weeks.", weeks),
                   weeks);
  if (stats->mean_before >= 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Before a routine: %.1f on average."), stats->mean_before);
    }
  if (stats->mean_after >= 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("After: %.1f on average."), stats->mean_after);
    }
  if (stats->rated > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u run with both answers.",
                                                 "%u runs with both answers.", stats->rated),
                              stats->rated);
    }
  return localized (text);
}
