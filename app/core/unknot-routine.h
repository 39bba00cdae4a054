/* unknot-routine.h: a routine, its steps, and the rules it must keep
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-catalogue.h"
#include "unknot-step.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_ROUTINE (unknot_routine_get_type ())

G_DECLARE_FINAL_TYPE (UnknotRoutine, unknot_routine, UNKNOT, ROUTINE, GObject)

UnknotRoutine *unknot_routine_new                (const char     *id,
                                                  const char     *name);
UnknotRoutine *unknot_routine_copy               (UnknotRoutine  *self);
gboolean       unknot_routine_equal              (UnknotRoutine  *a,
                                                  UnknotRoutine  *b);

const char    *unknot_routine_get_id             (UnknotRoutine  *self);
void           unknot_routine_set_id             (UnknotRoutine  *self,
                                                  const char     *id);
const char    *unknot_routine_get_name           (UnknotRoutine  *self);
void           unknot_routine_set_name           (UnknotRoutine  *self,
                                                  const char     *name);
const char    *unknot_routine_get_description    (UnknotRoutine  *self);
void           unknot_routine_set_description    (UnknotRoutine  *self,
                                                  const char     *description);
guint          unknot_routine_get_preparation    (UnknotRoutine  *self);
void           unknot_routine_set_preparation    (UnknotRoutine  *self,
                                                  guint           preparation);
gboolean       unknot_routine_get_bundled        (UnknotRoutine  *self);
void           unknot_routine_set_bundled        (UnknotRoutine  *self,
                                                  gboolean        bundled);
GFile         *unknot_routine_get_file           (UnknotRoutine  *self);
void           unknot_routine_set_file           (UnknotRoutine  *self,
                                                  GFile          *file);

GListModel    *unknot_routine_get_steps          (UnknotRoutine  *self);
guint          unknot_routine_get_n_steps        (UnknotRoutine  *self);
UnknotStep    *unknot_routine_get_step           (UnknotRoutine  *self,
                                                  guint           position);
void           unknot_routine_append_step        (UnknotRoutine  *self,
                                                  UnknotStep     *step);
void           unknot_routine_insert_step        (UnknotRoutine  *self,
                                                  guint           position,
                                                  UnknotStep     *step);
void           unknot_routine_remove_step        (UnknotRoutine  *self,
                                                  guint           position);
void           unknot_routine_move_step          (UnknotRoutine  *self,
                                                  guint           from,
                                                  guint           to);
guint          unknot_routine_get_total_duration (UnknotRoutine  *self);
guint          unknot_routine_get_areas          (UnknotRoutine  *self);
guint          unknot_routine_get_tools          (UnknotRoutine  *self);
char         **unknot_routine_dup_techniques     (UnknotRoutine  *self,
                                                  gboolean       *has_rest);
void           unknot_routine_release_steps      (UnknotRoutine  *self,
                                                  UnknotCatalogue *catalogue);
gboolean       unknot_routine_get_steps_released (UnknotRoutine  *self);

GPtrArray     *unknot_routine_check              (UnknotRoutine  *self,
                                                  UnknotCatalogue *catalogue,
                                                  const char     *display_name);
/* For the loader: @skip holds _UNKNOT_FIELD_KEY()s of fields it already reported. */
void           _unknot_routine_check_into        (UnknotRoutine  *self,
                                                  UnknotCatalogue *catalogue,
                                                  const char     *display_name,
                                                  GHashTable     *skip,
                                                  GPtrArray      *problems);
#define _UNKNOT_FIELD_KEY(step, field) GINT_TO_POINTER (((step) + 1) * UNKNOT_N_FIELDS + (field))

G_END_DECLS
