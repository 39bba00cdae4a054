/* unknot-preferences.h
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-application.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_PREFERENCES (unknot_preferences_get_type ())

G_DECLARE_FINAL_TYPE (UnknotPreferences, unknot_preferences, UNKNOT, PREFERENCES,
                      AdwPreferencesWindow)

GtkWidget *unknot_preferences_new (UnknotApplication *application,
                                   GtkWindow         *parent);

G_END_DECLS
