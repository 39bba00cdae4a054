/* unknot-session.h: one run of a routine, on an exact clock
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-clock.h"
#include "unknot-routine.h"

G_BEGIN_DECLS

typedef enum {
  UNKNOT_SESSION_READY,
  UNKNOT_SESSION_PREPARING,
  UNKNOT_SESSION_RUNNING,
  UNKNOT_SESSION_PAUSED,
  UNKNOT_SESSION_FINISHED,
  UNKNOT_SESSION_WAITING,    /* stopped before a "hold" step until the person goes on */
} UnknotSessionState;

typedef enum {
  UNKNOT_CUE_GET_READY,      /* the get-ready countdown begins */
  UNKNOT_CUE_STEP_START,     /* a step begins (after a boundary or a skip) */
  UNKNOT_CUE_SWITCH_SIDES,   /* midpoint of a "both" step */
  UNKNOT_CUE_TICK,           /* 3, 2, 1 seconds before the end of a step or the countdown */
  UNKNOT_CUE_FINISH,         /* the routine is done */
  UNKNOT_CUE_HOLD,           /* the routine waits before a "hold" step; its start follows */
} UnknotCueKind;

#define UNKNOT_PREVIOUS_RESTARTS_AFTER 3   /* seconds into a step, "previous" restarts it */

#define UNKNOT_TYPE_SESSION (unknot_session_get_type ())

G_DECLARE_FINAL_TYPE (UnknotSession, unknot_session, UNKNOT, SESSION, GObject)

UnknotSession      *unknot_session_new                 (UnknotRoutine *routine,
                                                        UnknotClock   *clock);
UnknotRoutine      *unknot_session_get_routine         (UnknotSession *self);
UnknotSessionState  unknot_session_get_state           (UnknotSession *self);
void                unknot_session_set_preparation     (UnknotSession *self,
                                                        guint          seconds);
guint               unknot_session_get_preparation     (UnknotSession *self);
int                 unknot_session_get_step_index      (UnknotSession *self);
UnknotStep         *unknot_session_get_step            (UnknotSession *self);
UnknotStep         *unknot_session_get_next_step       (UnknotSession *self);
UnknotSide          unknot_session_get_side            (UnknotSession *self);
guint               unknot_session_get_step_remaining  (UnknotSession *self);
guint               unknot_session_get_total_remaining (UnknotSession *self);
gint64              unknot_session_get_position        (UnknotSession *self);
gint64              unknot_session_get_duration        (UnknotSession *self);
gint64              unknot_session_get_step_start_time (UnknotSession *self,
                                                        guint          index);
double              unknot_session_get_step_progress   (UnknotSession *self);
double              unknot_session_get_progress        (UnknotSession *self);
gint64              unknot_session_get_paused_time     (UnknotSession *self);
guint               unknot_session_get_n_skipped       (UnknotSession *self);
gint64              unknot_session_get_active_time     (UnknotSession *self);
guint               unknot_session_get_n_done          (UnknotSession *self);

void                unknot_session_start               (UnknotSession *self);
void                unknot_session_pause               (UnknotSession *self);
void                unknot_session_resume              (UnknotSession *self);
void                unknot_session_toggle_pause        (UnknotSession *self);
void                unknot_session_next                (UnknotSession *self);
void                unknot_session_previous            (UnknotSession *self);
void                unknot_session_restart             (UnknotSession *self);
void                unknot_session_stop                (UnknotSession *self);

gint64              unknot_session_get_cue_room        (UnknotSession *self,
                                                        UnknotCueKind  kind,
                                                        int            step,
                                                        guint          value,
                                                        gboolean       ticks);
void                unknot_session_make_room           (UnknotSession *self,
                                                        gint64         usec,
                                                        gboolean       ticks);

gboolean            unknot_session_peek_next_cue       (UnknotSession *self,
                                                        UnknotCueKind *kind,
                                                        int           *step,
                                                        guint         *value,
                                                        gint64        *due);

const char         *unknot_session_state_to_string     (UnknotSessionState state);

G_END_DECLS
