/* unknot-clock.h: monotonic time and wake-ups, injectable so tests run hours in milliseconds
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef void (*UnknotClockFunc) (gpointer user_data);

#define UNKNOT_TYPE_CLOCK (unknot_clock_get_type ())

G_DECLARE_DERIVABLE_TYPE (UnknotClock, unknot_clock, UNKNOT, CLOCK, GObject)

struct _UnknotClockClass
{
  GObjectClass parent_class;

  gint64 (*now)      (UnknotClock     *self);
  guint  (*schedule) (UnknotClock     *self,
                      gint64           deadline,
                      UnknotClockFunc  func,
                      gpointer         user_data);
  void   (*cancel)   (UnknotClock     *self,
                      guint            id);
};

gint64       unknot_clock_now        (UnknotClock     *self);
guint        unknot_clock_schedule   (UnknotClock     *self,
                                      gint64           deadline,
                                      UnknotClockFunc  func,
                                      gpointer         user_data);
void         unknot_clock_cancel     (UnknotClock     *self,
                                      guint            id);
void         unknot_clock_emit_suspended (UnknotClock *self);
UnknotClock *unknot_clock_get_system (void);

#define UNKNOT_TYPE_FAKE_CLOCK (unknot_fake_clock_get_type ())

G_DECLARE_FINAL_TYPE (UnknotFakeClock, unknot_fake_clock, UNKNOT, FAKE_CLOCK, UnknotClock)

UnknotClock *unknot_fake_clock_new        (gint64           start);
void         unknot_fake_clock_advance    (UnknotFakeClock *self,
                                           gint64           usec);
gint64       unknot_fake_clock_next_wakeup (UnknotFakeClock *self);
guint        unknot_fake_clock_get_n_wakeups (UnknotFakeClock *self);
guint        unknot_fake_clock_get_n_pending (UnknotFakeClock *self);

G_END_DECLS
