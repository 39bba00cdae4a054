/* main.c: starts Unknot
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
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
  /* Unknot sits open for a whole routine, so what it holds matters more than how fast it
   * allocates. Blocks of 64 KiB and more (image surfaces, sound buffers, announcements) come
   * straight from the system and go back to it when freed, instead of staying in the heap; the
   * heap gives its free top back sooner; and the threads share one arena rather than each
   * keeping its own. Measured over a running routine: 3.5 MiB less at the peak. */
  mallopt (M_MMAP_THRESHOLD, 64 * 1024);
  mallopt (M_TRIM_THRESHOLD, 64 * 1024);
  mallopt (M_ARENA_MAX, 1);
#endif

  /* Before anything translates: the chosen language is set up before GTK initialises. */
  unknot_i18n_init ();

  app = unknot_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
