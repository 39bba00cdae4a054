/* unknot-application.h
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-cue-scheduler.h"
#include "unknot-library.h"
#include "unknot-reminder-service.h"
#include "unknot-run.h"
#include "unknot-wall-clock.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_APPLICATION (unknot_application_get_type ())

G_DECLARE_FINAL_TYPE (UnknotApplication, unknot_application, UNKNOT, APPLICATION,
                      AdwApplication)

UnknotApplication  *unknot_application_new           (UnknotClock       *clock);
UnknotApplication  *unknot_application_new_full      (UnknotClock       *clock,
                                                      UnknotWallClock   *wall_clock);
GSettings          *unknot_application_get_settings  (UnknotApplication *self);
UnknotLibrary      *unknot_application_get_library   (UnknotApplication *self);
UnknotCatalogue    *unknot_application_get_catalogue (UnknotApplication *self);
UnknotCueScheduler *unknot_application_get_scheduler (UnknotApplication *self);
UnknotRun          *unknot_application_get_run       (UnknotApplication *self);
gboolean            unknot_application_is_library_loaded (UnknotApplication *self);
UnknotReminderService *unknot_application_get_reminders (UnknotApplication *self);

G_END_DECLS
