/* unknot-reminder-page.h: Preferences, Reminders: on or off, the routine, the days, the times
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-application.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_REMINDER_PAGE (unknot_reminder_page_get_type ())

G_DECLARE_FINAL_TYPE (UnknotReminderPage, unknot_reminder_page, UNKNOT, REMINDER_PAGE,
                      AdwPreferencesPage)

void unknot_reminder_page_set_application (UnknotReminderPage *self,
                                           UnknotApplication  *application);

G_END_DECLS
