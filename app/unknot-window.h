/* unknot-window.h
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-application.h"
#include "unknot-editor-view.h"
#include "unknot-history-page.h"
#include "unknot-planner-page.h"
#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_WINDOW (unknot_window_get_type ())

G_DECLARE_FINAL_TYPE (UnknotWindow, unknot_window, UNKNOT, WINDOW, AdwApplicationWindow)

UnknotWindow  *unknot_window_new            (UnknotApplication *application);
gboolean       unknot_window_start_routine  (UnknotWindow      *self,
                                             const char        *id);
void           unknot_window_show_routine   (UnknotWindow      *self,
                                             UnknotRoutine     *routine);
UnknotSession *unknot_window_get_session    (UnknotWindow      *self);
void           unknot_window_show_help      (UnknotWindow      *self);
void           unknot_window_add_toast      (UnknotWindow      *self,
                                             const char        *message);
void           unknot_window_adopt          (UnknotWindow      *self,
                                             UnknotWindow      *old);
const char    *unknot_window_get_page       (UnknotWindow      *self);
UnknotEditorView *unknot_window_get_editor_view (UnknotWindow *self);
UnknotHistoryPage *unknot_window_get_history_page (UnknotWindow *self);
UnknotPlannerPage *unknot_window_get_planner_page (UnknotWindow *self);
UnknotRoutine *unknot_window_import_file    (UnknotWindow      *self,
                                             GFile             *file);

G_END_DECLS
