/* unknot-speech.c: speaks one announcement into raw sound, in a process of its own
 *
 *   unknot-speech VOICE [LANGUAGE] < text > pcm
 *
 * LANGUAGE is the interface language, for the helper's own messages; the system's if none.
 *
 * The cue player runs this for each announcement it prepares, rather than loading espeak-ng into
 * Unknot itself, for two reasons:
 * - text from a routine someone shared reaches the synthesiser, a C library that has had
 *   memory-safety bugs reachable from its input (espeak-ng 1.51: CVE-2023-49990 to 49994); here
 *   a crash costs one announcement, not the person's session;
 * - the synthesiser, its data and the audio libraries it links (about 5 MiB resident) are only
 *   in memory for the fraction of a second an announcement takes to render.
 *
 * Output: 48 kHz mono signed 16-bit samples in native byte order. Exit status 0, or 1 with the
 * reason on stderr, in the interface language.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-speech"

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <glib/gi18n.h>
#include <unistd.h>

#include "unknot-cue-player.h"
#include "unknot-i18n.h"
#include "unknot-routine-io.h"

#define MAX_TEXT (64 * 1024)

/* All of stdin; past MAX_TEXT, the rest is read and dropped (the caller learns the text was too
 * long from the length, and is never cut off in the middle of writing it). */
static GByteArray *
read_all (int fd)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[4096];

  for (;;)
    {
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_byte_array_unref (buf);
          errno = saved;
          return NULL;
        }
      if (n == 0)
        break;
      if (buf->len <= MAX_TEXT)
        g_byte_array_append (buf, chunk, (guint) MIN ((gsize) n, MAX_TEXT + 1 - buf->len));
    }
  return buf;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GByteArray) text = NULL;
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = NULL;

  /* The interface language is Unknot's, passed on: it may have switched since Unknot started. */
  unknot_i18n_init (argc == 3 ? argv[2] : "");

  if (argc < 2 || argc > 3 || argv[1][0] == '\0')
    {
      g_printerr ("usage: %s VOICE [LANGUAGE] < text > pcm\n", argv[0]);
      return 1;
    }

  text = read_all (STDIN_FILENO);
  if (text == NULL)
    {
      g_printerr ("%s\n", g_strerror (errno));
      return 1;
    }

  utf8 = text->len > 0 ? g_strndup ((const char *) text->data, text->len) : g_strdup ("");
  if (text->len > MAX_TEXT || strlen (utf8) != text->len || !g_utf8_validate (utf8, -1, NULL))
    {
      g_printerr ("%s\n", _("The text to speak is too long or not valid UTF-8"));
      return 1;
    }

  pcm = unknot_cue_player_render_speech (utf8, argv[1], &error);
  if (pcm == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (!unknot_fd_write_all (STDOUT_FILENO, g_bytes_get_data (pcm, NULL), g_bytes_get_size (pcm)))
    return 1;
  return 0;
}
