/* main.c: starts Unknot
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "unknot-application.h"
#include "unknot-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(UnknotApplication) app = NULL;

  /* A helper that ends before it has read everything it was given (the speech helper, see
   * media/unknot-speech.c) is an error to report, not a reason for Unknot to be killed. */
  signal (SIGPIPE, SIG_IGN);

#ifdef __GLIBC__
  /* The threads (GStreamer's, GIO's) share one malloc arena rather than each keeping its own:
   * Unknot allocates little, and an arena per thread holds memory it no longer uses. Set before
   * any thread starts. See also unknot_window's start_session(). */
  mallopt (M_ARENA_MAX, 1);
#endif

  /* Before anything translates and before any thread: the chosen language is set up before GTK
   * initialises, which must leave the locale as Unknot set it (see unknot-i18n.c). */
  gtk_disable_setlocale ();
  unknot_i18n_init (NULL);

  app = unknot_application_new (NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
