/* unknot-scroll-guard.c: value widgets that a wheel passing over them does not change
 *
 * A person scrolling a page of fields must not change a duration because the pointer crossed
 * its spin button on the way: spin buttons and drop-downs take the wheel only once focused.
 * Unfocused, the wheel scrolls the page they are on, as it would anywhere else.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <math.h>

#include "unknot-scroll-guard.h"

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scrolled;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkAdjustment *adjustment;
  double step;

  /* The window's focus, not the focus state: that one is only set while the window is active. */
  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    return FALSE;   /* focused: the widget's own wheel handling */

  /* Stopped here, the event would not reach the page either: scroll it as its own wheel would
   * (GtkScrolledWindow's step for a wheel notch). */
  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL && dy != 0)
    {
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
             ? pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0) : 1.0;
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
    }
  return TRUE;
}

/**
 * unknot_widget_ignore_scroll_unless_focused:
 * @widget: a spin button, a drop-down or a combo row
 *
 * Makes @widget ignore the scroll wheel while the focus is not in it: a capture-phase scroll
 * controller, which sees the event before the widget's own, stops it and scrolls the page
 * instead.
 */
void
unknot_widget_ignore_scroll_unless_focused (GtkWidget *widget)
{
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "unknot-scroll-guard");
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), NULL);
  gtk_widget_add_controller (widget, controller);
}
