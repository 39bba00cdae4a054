/* unknot-window-private.h: what unknot-window.c and unknot-window-actions.c share
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-editor-view.h"
#include "unknot-finish-page.h"
#include "unknot-history-page.h"
#include "unknot-library-page.h"
#include "unknot-planner-page.h"
#include "unknot-player-view.h"
#include "unknot-routine-page.h"
#include "unknot-run.h"
#include "unknot-window.h"

G_BEGIN_DECLS

struct _UnknotWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  UnknotLibraryPage    *library_page;
  UnknotRoutinePage    *routine_page;
  UnknotEditorView     *editor_view;     /* built when first needed */
  UnknotPlayerView     *player_view;
  UnknotFinishPage     *finish_page;
  UnknotHistoryPage    *history_page;    /* built when first needed */
  char                 *history_back_to; /* the page History was opened from */
  UnknotPlannerPage    *planner_page;    /* built when first needed */

  UnknotApplication    *application;
  UnknotRun            *run;             /* the application's: this window shows it */
  UnknotRoutine        *routine;         /* on the routine page, or the one running */
  gboolean              close_confirmed; /* unsaved edits were saved or discarded */
};

/* unknot-window.c */
UnknotEditorView *_unknot_window_ensure_editor_view (UnknotWindow *self);
void              _unknot_window_show_editor        (UnknotWindow *self,
                                                     UnknotEditor *editor);
void              _unknot_window_show_library       (UnknotWindow *self);
UnknotHistoryPage *_unknot_window_ensure_history_page (UnknotWindow *self);
UnknotPlannerPage *_unknot_window_ensure_planner_page (UnknotWindow *self);

/* unknot-window-actions.c: new, edit, import, export, duplicate and delete */
void              _unknot_window_class_add_actions  (GtkWidgetClass *widget_class);
void              _unknot_window_update_actions     (UnknotWindow   *self);
/* A message for the person, in words that follow a language switch. */
typedef struct {
  const char *heading;      /* a msgid marked with N_(), with one %s for heading_arg if any */
  const char *heading_arg;
  const char *body;         /* a msgid marked with N_(), or NULL for text */
  const char *text;         /* the body if body is NULL: an error's message, as it is */
  const char *details;      /* plain text (file names, problems) in a card */
} UnknotMessage;

void              _unknot_window_show_message       (UnknotWindow        *self,
                                                     const UnknotMessage *message);

G_END_DECLS
