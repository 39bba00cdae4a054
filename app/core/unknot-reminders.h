/* unknot-reminders.h: when the next reminder is due, on the wall clock, armed one at a time
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "unknot-clock.h"
#include "unknot-wall-clock.h"

G_BEGIN_DECLS

/* A reminder missed (in a suspend, or by a clock set forward) comes late only this late. */
#define UNKNOT_REMINDER_GRACE (30 * 60 * G_USEC_PER_SEC)
#define UNKNOT_REMINDER_SNOOZE (10 * 60 * G_USEC_PER_SEC)

/* Weekdays as in the reminder-days setting's flags: bit (1 << (ISO weekday - 1)), Monday 1. */
#define UNKNOT_WEEKDAY_BIT(iso) (1u << ((iso) - 1))
#define UNKNOT_ALL_WEEKDAYS 0x7fu

#define UNKNOT_TYPE_REMINDERS (unknot_reminders_get_type ())

G_DECLARE_FINAL_TYPE (UnknotReminders, unknot_reminders, UNKNOT, REMINDERS, GObject)

UnknotReminders *unknot_reminders_new         (UnknotClock      *clock,
                                               UnknotWallClock  *wall_clock);
gboolean         unknot_reminders_set_times   (UnknotReminders  *self,
                                               const char *const *times,
                                               GError          **error);
void             unknot_reminders_set_days    (UnknotReminders  *self,
                                               guint             days);
void             unknot_reminders_set_enabled (UnknotReminders  *self,
                                               gboolean          enabled);
gboolean         unknot_reminders_get_enabled (UnknotReminders  *self);
void             unknot_reminders_snooze      (UnknotReminders  *self);
void             unknot_reminders_notify_resumed (UnknotReminders *self);
GDateTime       *unknot_reminders_get_next    (UnknotReminders  *self);
UnknotWallClock *unknot_reminders_get_wall_clock (UnknotReminders *self);

gboolean         unknot_parse_time_of_day     (const char       *text,
                                               int              *hour,
                                               int              *minute,
                                               GError          **error);

G_END_DECLS
