/* unknot-wav-util.h: WAV files and loudness, shared by the tests that listen to what is played
 *
 * Everything is 48 kHz mono 16-bit (UNKNOT_CUE_RATE), as the cue player renders and wavenc
 * writes it.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gst/gst.h>
#include <math.h>
#include <string.h>

#include "unknot-cue-player.h"

#define RATE      UNKNOT_CUE_RATE
#define WINDOW    (RATE / 100)            /* 10 ms, for loudness envelopes */
#define THRESHOLD (G_MAXINT16 / 100)      /* 1% of full scale: sound above, silence below */

/* A declared dependency (gstreamer1.0-espeak): its absence is a failure, not a skip. GStreamer
 * must be initialised. */
static inline void
require_espeak (void)
{
  g_autoptr(GstElementFactory) espeak = gst_element_factory_find ("espeak");

  if (espeak == NULL)
    g_error ("The GStreamer espeak element is missing: install gstreamer1.0-espeak");
}

/* WAV files */

/* Has the cue player write what it plays to a WAV file at @path (UNKNOT_AUDIO_SINK). Set once,
 * before any thread starts: setenv is not thread-safe. */
static inline void
record_to_wav (const char *path)
{
  g_autofree char *sink = g_strdup_printf ("wavenc ! filesink location=\"%s\"", path);

  g_setenv ("UNKNOT_AUDIO_SINK", sink, TRUE);
}

/* Closes @player and runs the main context until its output has played out and stopped (close
 * does not wait), so the WAV file it wrote is complete. */
static inline void
close_and_wait (UnknotCuePlayer *player)
{
  unknot_cue_player_close (player);
  g_assert_false (unknot_cue_player_is_open (player));
  while (unknot_cue_player_is_closing (player))
    g_main_context_iteration (NULL, TRUE);
}

/* Writes @pcm (samples as the cue player renders them) to @path as a WAV file. */
static inline void
write_wav (const char *path,
           GBytes     *pcm)
{
  gsize n_bytes;
  const guint8 *data = g_bytes_get_data (pcm, &n_bytes);
  g_autoptr(GByteArray) file = g_byte_array_sized_new (44 + n_bytes);
  g_autoptr(GError) error = NULL;
  guint32 u32;
  guint16 u16;

#define PUT(bytes, n) g_byte_array_append (file, (const guint8 *) (bytes), n)
#define PUT32(v) (u32 = GUINT32_TO_LE (v), PUT (&u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), PUT (&u16, 2))
  PUT ("RIFF", 4);
  PUT32 (36 + n_bytes);
  PUT ("WAVE", 4);
  PUT ("fmt ", 4);
  PUT32 (16);
  PUT16 (1);              /* PCM */
  PUT16 (1);              /* mono */
  PUT32 (RATE);
  PUT32 (RATE * 2);       /* bytes per second */
  PUT16 (2);              /* bytes per frame */
  PUT16 (16);
  PUT ("data", 4);
  PUT32 (n_bytes);
  PUT (data, n_bytes);
#undef PUT16
#undef PUT32
#undef PUT

  g_file_set_contents (path, (const char *) file->data, file->len, &error);
  g_assert_no_error (error);
}

/* The samples of a 48 kHz mono 16-bit WAV file, read from its RIFF chunks. */
static inline GArray *
read_wav (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const guint8 *data;
  gsize len, pos = 12;
  gboolean format_ok = FALSE;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  data = (const guint8 *) contents;

  g_assert_cmpuint (len, >=, 44);
  g_assert_cmpmem (data, 4, "RIFF", 4);
  g_assert_cmpmem (data + 8, 4, "WAVE", 4);

  while (pos + 8 <= len)
    {
      guint32 size;

      memcpy (&size, data + pos + 4, 4);
      size = GUINT32_FROM_LE (size);

      if (memcmp (data + pos, "fmt ", 4) == 0)
        {
          guint16 format, channels, bits;
          guint32 rate;

          g_assert_cmpuint (size, >=, 16);
          memcpy (&format, data + pos + 8, 2);
          memcpy (&channels, data + pos + 10, 2);
          memcpy (&rate, data + pos + 12, 4);
          memcpy (&bits, data + pos + 22, 2);
          g_assert_cmpuint (GUINT16_FROM_LE (format), ==, 1);
          g_assert_cmpuint (GUINT16_FROM_LE (channels), ==, 1);
          g_assert_cmpuint (GUINT32_FROM_LE (rate), ==, RATE);
          g_assert_cmpuint (GUINT16_FROM_LE (bits), ==, 16);
          format_ok = TRUE;
        }
      else if (memcmp (data + pos, "data", 4) == 0)
        {
          gsize n_bytes = MIN ((gsize) size, len - pos - 8);
          GArray *samples = g_array_sized_new (FALSE, FALSE, sizeof (gint16), n_bytes / 2);

          g_assert_true (format_ok);
          /* wavenc writes the real size when the stream ends: a closed player wrote it all. */
          g_assert_cmpuint (size, ==, len - pos - 8);
          for (gsize i = 0; i + 1 < n_bytes; i += 2)
            {
              gint16 s = (gint16) GUINT16_FROM_LE (data[pos + 8 + i] | data[pos + 9 + i] << 8);

              g_array_append_val (samples, s);
            }
          return samples;
        }

      pos += 8 + size + (size & 1);
    }

  g_assert_not_reached ();
  return NULL;
}

/* The samples of @pcm, as the cue player renders them. */
static inline GArray *
bytes_to_samples (GBytes *pcm)
{
  gsize n_bytes;
  const gint16 *data = g_bytes_get_data (pcm, &n_bytes);
  GArray *samples = g_array_sized_new (FALSE, FALSE, sizeof (gint16), n_bytes / 2);

  g_array_append_vals (samples, data, n_bytes / 2);
  return samples;
}

/* Loudness */

static inline double
to_msec (gint64 samples)
{
  return samples * 1000.0 / RATE;
}

/* The RMS of [@from, @to), in sample units. */
static inline double
rms (GArray *samples,
     gint64  from,
     gint64  to)
{
  double sum = 0;

  from = MAX (from, 0);
  to = MIN (to, (gint64) samples->len);
  if (to <= from)
    return 0;
  for (gint64 i = from; i < to; i++)
    {
      double x = g_array_index (samples, gint16, i);

      sum += x * x;
    }
  return sqrt (sum / (to - from));
}

/* The running sum of the squares of @samples: element i holds that of the first i samples, so
 * the power of [a, b) is power[b] - power[a]. Free with g_free(). */
static inline double *
power_sums (GArray *samples)
{
  double *power = g_new (double, samples->len + 1);

  power[0] = 0;
  for (guint i = 0; i < samples->len; i++)
    {
      double x = g_array_index (samples, gint16, i);

      power[i + 1] = power[i] + x * x;
    }
  return power;
}

/* The RMS of each 10 ms of @samples from @from to @to (sample indices, clamped). */
static inline GArray *
envelope (GArray *samples,
          gint64  from,
          gint64  to)
{
  GArray *env = g_array_new (FALSE, FALSE, sizeof (double));

  from = MAX (from, 0);
  to = MIN (to, (gint64) samples->len);
  for (gint64 at = from; at + WINDOW <= to; at += WINDOW)
    {
      double r = rms (samples, at, at + WINDOW);

      g_array_append_val (env, r);
    }
  return env;
}

/* Seconds of @samples that are louder than 1% of full scale, 10 ms at a time. */
static inline double
voiced_seconds (GArray *samples)
{
  g_autoptr(GArray) env = envelope (samples, 0, samples->len);
  guint voiced = 0;

  for (guint i = 0; i < env->len; i++)
    if (g_array_index (env, double, i) > THRESHOLD)
      voiced++;
  return voiced * WINDOW / (double) RATE;
}
