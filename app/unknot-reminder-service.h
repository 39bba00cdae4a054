/* unknot-reminder-service.h: the reminders as the person gets them: settings, notification,
 * its actions, the start at login, the wake from a suspend
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "unknot-clock.h"
#include "unknot-reminders.h"
#include "unknot-wall-clock.h"

G_BEGIN_DECLS

#define UNKNOT_REMINDER_NOTIFICATION "reminder"

#define UNKNOT_TYPE_REMINDER_SERVICE (unknot_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (UnknotReminderService, unknot_reminder_service, UNKNOT, REMINDER_SERVICE,
                      GObject)

typedef struct _UnknotApplication UnknotApplication;

UnknotReminderService *unknot_reminder_service_new     (UnknotApplication     *application,
                                                        UnknotClock           *clock,
                                                        UnknotWallClock       *wall_clock);
UnknotReminders       *unknot_reminder_service_get_reminders (UnknotReminderService *self);
char                  *unknot_reminder_service_get_title (UnknotReminderService *self);
const char            *unknot_reminder_service_get_start_problem (UnknotReminderService *self);

G_END_DECLS
