/* unknot-wall-clock.h: the time of day in the person's time zone, injectable for tests
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "unknot-clock.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_WALL_CLOCK (unknot_wall_clock_get_type ())

G_DECLARE_DERIVABLE_TYPE (UnknotWallClock, unknot_wall_clock, UNKNOT, WALL_CLOCK, GObject)

struct _UnknotWallClockClass
{
  GObjectClass parent_class;

  gint64     (*now_real)     (UnknotWallClock *self);
  GTimeZone *(*get_timezone) (UnknotWallClock *self);
};

gint64       unknot_wall_clock_now_real     (UnknotWallClock *self);
GTimeZone   *unknot_wall_clock_get_timezone (UnknotWallClock *self);
GDateTime   *unknot_wall_clock_now          (UnknotWallClock *self);
void         unknot_wall_clock_emit_changed (UnknotWallClock *self);
UnknotWallClock *unknot_wall_clock_get_system (void);
UnknotWallClock *unknot_system_wall_clock_new (const char *localtime_path);

#define UNKNOT_TYPE_FAKE_WALL_CLOCK (unknot_fake_wall_clock_get_type ())

G_DECLARE_FINAL_TYPE (UnknotFakeWallClock, unknot_fake_wall_clock, UNKNOT, FAKE_WALL_CLOCK,
                      UnknotWallClock)

UnknotWallClock *unknot_fake_wall_clock_new      (UnknotFakeClock     *monotonic,
                                                  GDateTime           *start);
void             unknot_fake_wall_clock_jump     (UnknotFakeWallClock *self,
                                                  gint64               usec);
void             unknot_fake_wall_clock_set_timezone (UnknotFakeWallClock *self,
                                                  GTimeZone           *tz);

G_END_DECLS
