/* main.c: starts Unknot
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>

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

  /* Before anything translates: the chosen language is set up before GTK initialises. */
  unknot_i18n_init ();

  app = unknot_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
