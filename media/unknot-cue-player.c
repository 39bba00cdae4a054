/* unknot-cue-player.c
 *
 * One output pipeline runs while a routine is open:
 *
 *   appsrc ! audioconvert ! audioresample ! <sink>
 *
 * The appsrc's streaming thread asks for a continuous stream, 10 ms at a time: every cue whose
 * time has come is mixed in, and silence between them. Between cues it sleeps: with nothing due
 * in the next half second it waits (woken by a new cue, or half a second before the next one),
 * then hands on the silence it skipped in one go, late, so a recording stays continuous and a
 * sound card drops it, and mixes 10 ms at a time again. The pipeline runs on the monotonic system clock,
 * so a cue due at a monotonic time lands on the sample that the sink plays at that time: a cue
 * scheduled ahead of its boundary starts exactly on it, whatever the sink's buffering. Sounds are
 * decoded ahead of time, into memory; announcements are rendered ahead of time by the speech
 * helper (unknot-speech, espeak in a process of its own) and kept as samples.
 *
 * Requests come in through the public methods on the main thread; "cue-started" and "error"
 * come back on it. A failing pipeline is reported once and never stops the routine.
 *
 * Closing never waits: the output is asked for its end of stream and handed to a drain, which
 * stops it when that end has been played (a WAV file then gets its header), on an error, or after
 * two seconds, from the main context. Meanwhile the player is closed ("closing" is TRUE); opening
 * it again stops the drain at once and starts a new output.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-media"

#include "config.h"

#include <glib/gi18n.h>
#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "unknot-cue-player.h"
#include "unknot-i18n.h"
#include "unknot-sound-file.h"
#include "unknot-types.h"

#define CHUNK_SAMPLES (UNKNOT_CUE_RATE / 100)   /* 10 ms */
#define SPEECH_GAP    (UNKNOT_CUE_RATE / 10)    /* a breath between the sound and the voice */
#define SPEECH_MARGIN (UNKNOT_CUE_RATE / 10)   /* words end this long before the next cue */
#define SPEECH_LATE_USEC (3 * G_USEC_PER_SEC)  /* speech ready later than this is dropped */
#define PCM_CAPS      "audio/x-raw,format=S16LE,rate=48000,channels=1,layout=interleaved"
#define SOUNDS_PATH   "/io/github/unknot/Unknot/sounds/"
#define SOUND_MAX_PCM_BYTES  ((gsize) UNKNOT_SOUND_MAX_SECONDS * UNKNOT_CUE_RATE * 2)
#define SPEECH_MAX_PCM_BYTES ((gsize) UNKNOT_SPEECH_MAX_SECONDS * UNKNOT_CUE_RATE * 2)
#define SPEECH_FADE_SAMPLES  (UNKNOT_CUE_RATE / 4)
#define DRAIN_TIMEOUT_MSEC 2000   /* a closed output that has not ended by then is stopped */
#define IDLE_LEAD     (UNKNOT_CUE_RATE / 2)    /* mixing resumes this long before the next voice */

/* The silence handed on after a sleep, in pieces of a second: shared, never written. */
static const gint16 silence[UNKNOT_CUE_RATE];

typedef struct {
  guint    tag;
  GBytes  *pcm;
  gint64   when;      /* monotonic microseconds it belongs at; 0: as soon as possible */
  gint64   delay;     /* samples after that */
  gint64   start;     /* sample index in the output stream; -1 until the base time is known */
  gboolean reported;
} Voice;

/* A routine's own sound file to read and decode, on a thread. */
typedef struct {
  char *name;
  char *folder;
} SoundLoad;

/* A closed output, until its end of stream has been played. */
typedef struct {
  GstElement *pipeline;
  GstBus     *bus;
  guint       watch;
  guint       timeout;
} Drain;

/* Words waiting for their rendering: the first of @forms (longest first) that fits in @room
 * samples after the cue's start is said; the forms before @next are known not to fit. */
typedef struct {
  guint   tag;
  gint64  when;       /* where the speech belongs, as for a Voice (0: at once) */
  gint64  delay;
  gint64  room;       /* samples from the cue's start to the next cue; -1: no limit */
  gint64  anchor;     /* the sample the cue starts on, or -1 while the stream has no place */
  char  **forms;
  guint   next;
} PendingSpeech;

struct _UnknotCuePlayer
{
  GObject      parent_instance;

  GstElement  *pipeline;
  GstElement  *appsrc;       /* written with the lock held: the streaming threads read it */
  guint        bus_watch;
  gboolean     broken;       /* reported once; cues are dropped until the next open */
  GstClockTime base_time;    /* GST_CLOCK_TIME_NONE until PLAYING */
  GstClockTime latency;

  GMutex       lock;         /* guards voices, produced, volume, wake; and base_time's writes */
  GCond        wake_cond;    /* wakes the streaming thread sleeping between cues */
  gboolean     wake;
  GList       *voices;       /* of Voice */
  gint64       produced;     /* the next sample to be mixed */
  double       volume;

  char        *voice;        /* espeak voice, e.g. "en", "de" */
  gboolean     speech_missing;
  GHashTable  *sounds;       /* name or path -> GBytes */
  GHashTable  *speech;       /* voice + text -> GBytes */
  GQueue      *speech_order; /* keys of speech, oldest first */
  GHashTable  *rendering;    /* voice + text, while a render runs */
  GPtrArray   *helpers;      /* of GSubprocess: the renders running */
  GList       *pending;      /* of PendingSpeech */
  guint        last_tag;
  GCancellable *cancellable;

  Drain       *drain;        /* a closed output playing out its last chunks */

  GQueue      *sound_queue;  /* of SoundLoad: own sound files to read and decode */
  SoundLoad   *loading;      /* the one on the thread, or NULL */
};

G_DEFINE_FINAL_TYPE (UnknotCuePlayer, unknot_cue_player, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VOLUME,
  PROP_VOICE,
  PROP_CLOSING,
  N_PROPS
};

enum {
  ERROR,
  CUE_STARTED,
  SPEECH_READY,
  SOUND_LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
voice_free (Voice *voice)
{
  g_bytes_unref (voice->pcm);
  g_free (voice);
}

static void
pending_free (PendingSpeech *pending)
{
  g_strfreev (pending->forms);
  g_free (pending);
}

/* GStreamer is started when the first cue is needed, not with the app: the window shows sooner
 * and an app that only lists routines never loads a plugin. */
static gboolean
ensure_gst (GError **error)
{
  return gst_is_initialized () || gst_init_check (NULL, NULL, error);
}

static void
report_error (UnknotCuePlayer *self,
              GError          *error)
{
  g_message ("%s", error->message);   /* said to the user once, as a toast */
  g_signal_emit (self, signals[ERROR], 0, error);
}

/* Reads a WAV of the player's own format (48 kHz, mono, 16 bit): the bundled sounds. */
static GBytes *
parse_wav (GBytes  *wav,
           GError **error)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (wav, &len);
  gsize pos = 12;
  gboolean format_ok = FALSE;

  if (len < 12 || memcmp (data, "RIFF", 4) != 0 || memcmp (data + 8, "WAVE", 4) != 0)
    goto bad;

  while (pos + 8 <= len)
    {
      guint32 size = GUINT32_FROM_LE (*(guint32 *) (data + pos + 4));

      if (memcmp (data + pos, "fmt ", 4) == 0 && size >= 16 && pos + 8 + 16 <= len)
        {
          const guint8 *f = data + pos + 8;

          format_ok = GUINT16_FROM_LE (*(guint16 *) f) == 1
                      && GUINT16_FROM_LE (*(guint16 *) (f + 2)) == 1
                      && GUINT32_FROM_LE (*(guint32 *) (f + 4)) == UNKNOT_CUE_RATE
                      && GUINT16_FROM_LE (*(guint16 *) (f + 14)) == 16;
        }
      else if (memcmp (data + pos, "data", 4) == 0 && format_ok)
        return g_bytes_new_from_bytes (wav, pos + 8, MIN (size, len - pos - 8) & ~1u);

      pos += 8 + size + (size & 1);
    }

bad:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "not a 48 kHz mono 16-bit WAV file");
  return NULL;
}

/* Runs @pipeline (ending in an appsink named "sink") to its end and returns all it produced:
 * at most @max_bytes. As soon as it makes more, it is stopped (the rest is never decoded: the
 * sink holds a few buffers, so the decoder waits for each pull) and, with @cut, its first
 * @max_bytes are returned and *@cut is set; without, it fails with
 * G_IO_ERROR_MESSAGE_TOO_LARGE. Any other failure is G_IO_ERROR_INVALID_DATA with the reason. */
static GBytes *
run_to_pcm (GstElement  *pipeline,
            gsize        max_bytes,
            gboolean    *cut,
            GError     **error)
{
  g_autoptr(GstElement) sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GstMessage) message = NULL;
  gboolean too_long = FALSE;
  GstSample *sample;

  g_object_set (sink, "max-buffers", 4, "drop", FALSE, NULL);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      goto failed;
    }

  /* A failing pipeline never reaches the sink's end: its error is looked for between samples,
   * so a file that is no sound fails at once instead of after the whole timeout. */
  for (guint idle = 0; idle < 50 && !too_long; )
    {
      GstBuffer *buffer;
      GstMapInfo map;

      sample = gst_app_sink_try_pull_sample (GST_APP_SINK (sink), GST_SECOND / 10);
      if (sample == NULL)
        {
          if (gst_app_sink_is_eos (GST_APP_SINK (sink))
              || (message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR)) != NULL)
            break;
          idle++;
          continue;
        }

      idle = 0;
      buffer = gst_sample_get_buffer (sample);
      if (gst_buffer_map (buffer, &map, GST_MAP_READ))
        {
          too_long = out->len + map.size > max_bytes;
          g_byte_array_append (out, map.data, MIN (map.size, max_bytes - out->len));
          gst_buffer_unmap (buffer, &map);
        }
      gst_sample_unref (sample);
    }

  if (too_long)
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      if (cut != NULL)
        {
          *cut = TRUE;
          return g_byte_array_free_to_bytes (g_steal_pointer (&out));
        }
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, "too long");
      return NULL;
    }

  if (message == NULL)
    message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
  if (message != NULL || !gst_app_sink_is_eos (GST_APP_SINK (sink)))
    goto failed;

  gst_element_set_state (pipeline, GST_STATE_NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));

failed:
  {
    g_autoptr(GError) gst_error = NULL;

    if (message != NULL)
      gst_message_parse_error (message, &gst_error, NULL);
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         gst_error ? gst_error->message : _("it took too long"));
    gst_element_set_state (pipeline, GST_STATE_NULL);
    return NULL;
  }
}


/**
 * unknot_cue_player_decode_sound:
 * @contents: a sound file's bytes (unknot_sound_file_read())
 *
 * Decodes @contents into the player's format, from memory: any format GStreamer can play, at
 * most %UNKNOT_SOUND_MAX_SECONDS long; a longer sound is refused as soon as the decoder gets
 * there, never decoded whole. Blocking: the player calls it on a thread of its own.
 *
 * Returns: (transfer full) (nullable): the samples, or %NULL with @error saying why in words for
 *   the person ("it is longer than 10 seconds"), without the file's name
 */
GBytes *
unknot_cue_player_decode_sound (GBytes  *contents,
                                GError **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *pcm;

  g_return_val_if_fail (contents != NULL, NULL);

  if (!ensure_gst (error))
    return NULL;

  pipeline = gst_parse_launch ("giostreamsrc name=src ! decodebin ! audioconvert ! audioresample"
                               " ! " PCM_CAPS " ! appsink name=sink sync=false", error);
  if (pipeline == NULL)
    return NULL;

  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  stream = g_memory_input_stream_new_from_bytes (contents);
  g_object_set (src, "stream", stream, NULL);
  pcm = run_to_pcm (pipeline, SOUND_MAX_PCM_BYTES, NULL, &local_error);
  if (pcm != NULL && g_bytes_get_size (pcm) == 0)
    g_clear_pointer (&pcm, g_bytes_unref);

  if (pcm == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
        g_set_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                     /* Translators: %d is a number of seconds, like 10; "s" as in "1 min 30 s" */
                     _("it is longer than %d s"), UNKNOT_SOUND_MAX_SECONDS);
      else
        {
          g_debug ("not decoded: %s", local_error ? local_error->message : "no sound");
          g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID,
                               _("it is not a sound file that can be played"));
        }
    }
  return pcm;
}

/**
 * unknot_cue_player_check_sound:
 *
 * An #UnknotSoundCheck: whether @contents decodes as a cue (unknot_cue_player_decode_sound()),
 * for `unknot --validate`.
 */
gboolean
unknot_cue_player_check_sound (GBytes  *contents,
                               GError **error)
{
  g_autoptr(GBytes) pcm = unknot_cue_player_decode_sound (contents, error);

  return pcm != NULL;
}

/**
 * unknot_cue_player_render_speech:
 *
 * Speaks @text with the espeak element into memory (48 kHz mono S16), at most
 * %UNKNOT_SPEECH_MAX_SECONDS of it: a text that would take longer to say (a long name, or one in
 * a script the voice spells out sign by sign) is cut there with a short fade, and never rendered
 * further. Blocking. Unknot itself never calls this: the speech helper (unknot-speech.c) does,
 * in a process of its own. Needs the gstreamer1.0-espeak package.
 */
GBytes *
unknot_cue_player_render_speech (const char  *text,
                                 const char  *voice,
                                 GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElementFactory) factory = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean cut = FALSE;
  gsize n_bytes;
  GBytes *pcm;

  /* Nothing to say is no sound; the espeak element crashes on an empty text. */
  while (text != NULL && g_ascii_isspace (*text))
    text++;
  if (text == NULL || *text == '\0')
    return g_bytes_new (NULL, 0);

  if (!ensure_gst (error))
    return NULL;

  factory = gst_element_factory_find ("espeak");
  if (factory == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Spoken announcements are off: the GStreamer espeak plugin is "
                             "missing (install gstreamer1.0-espeak)"));
      return NULL;
    }

  pipeline = gst_parse_launch ("espeak name=src ! audioconvert ! audioresample ! " PCM_CAPS
                               " ! appsink name=sink sync=false", error);
  if (pipeline == NULL)
    return NULL;

  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  g_object_set (src, "text", text, "voice", voice ? voice : "en", NULL);
  pcm = run_to_pcm (pipeline, SPEECH_MAX_PCM_BYTES, &cut, &local_error);
  if (pcm == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not decode %s: %s"), "speech",
                   local_error->message);
      return NULL;
    }
  if (cut)
    {
      /* Words that would go on past the limit end there, fading out rather than breaking off. */
      gsize n = g_bytes_get_size (pcm) / 2;
      gint16 *samples = g_bytes_unref_to_data (pcm, &n_bytes);
      gsize fade = MIN (n, (gsize) SPEECH_FADE_SAMPLES);

      for (gsize i = 0; i < fade; i++)
        samples[n - fade + i] = (gint16) (samples[n - fade + i] * (double) (fade - i) / fade);
      pcm = g_bytes_new_take (samples, n * 2);
    }
  return pcm;
}

/* 10 ms of the stream: the sum of every voice sounding then, or silence. */
static void
mix_chunk (UnknotCuePlayer *self,
           gint16          *out,
           gint64           first,
           GArray          *started)
{
  int acc[CHUNK_SAMPLES] = { 0 };
  gint64 end = first + CHUNK_SAMPLES;
  GList *l = self->voices;

  while (l != NULL)
    {
      Voice *v = l->data;
      GList *next = l->next;
      gsize n_bytes;
      const gint16 *pcm = g_bytes_get_data (v->pcm, &n_bytes);
      gint64 n = n_bytes / 2;

      if (v->start >= 0 && v->start < end)
        {
          gint64 from = MAX (first, v->start);
          gint64 to = MIN (end, v->start + n);

          for (gint64 s = from; s < to; s++)
            acc[s - first] += pcm[s - v->start];

          if (!v->reported)
            {
              gint64 tag = v->tag;   /* the array holds gint64s: never copy from a guint */
              gint64 at = from;

              v->reported = TRUE;
              g_array_append_val (started, tag);
              g_array_append_val (started, at);
            }

          if (v->start + n <= end)
            {
              voice_free (v);
              self->voices = g_list_delete_link (self->voices, l);
            }
        }
      l = next;
    }

  for (guint i = 0; i < CHUNK_SAMPLES; i++)
    out[i] = (gint16) CLAMP ((int) (acc[i] * self->volume), G_MININT16, G_MAXINT16);
}

typedef struct {
  UnknotCuePlayer *self;
  GArray          *started;   /* pairs: tag, sample */
} StartedReport;

static gint64 sample_to_monotonic (UnknotCuePlayer *self,
                                   gint64           sample);

static gboolean
emit_started (gpointer data)
{
  StartedReport *report = data;

  for (guint i = 0; i + 1 < report->started->len; i += 2)
    {
      guint tag = (guint) g_array_index (report->started, gint64, i);
      gint64 sample = g_array_index (report->started, gint64, i + 1);

      g_signal_emit (report->self, signals[CUE_STARTED], 0, tag,
                     sample_to_monotonic (report->self, sample));
    }

  g_object_unref (report->self);
  g_array_unref (report->started);
  g_free (report);
  return G_SOURCE_REMOVE;
}

static gint64 monotonic_to_sample (UnknotCuePlayer *self,
                                   gint64           when);

/* The first sample that can still be heard if mixed now: what is produced, or after a sleep
 * one chunk ahead of the clock. Called with the lock held. */
static gint64
live_sample (UnknotCuePlayer *self)
{
  if (!GST_CLOCK_TIME_IS_VALID (self->base_time))
    return self->produced;
  return MAX (monotonic_to_sample (self, g_get_monotonic_time ()) + CHUNK_SAMPLES,
              self->produced);
}

/* After a sleep: the silence from what was produced up to what can still be heard, pushed at
 * once (a file sink writes it, late as it is; a sound card skips it), never past a voice's
 * start. Called with the lock held. */
static void
catch_up (UnknotCuePlayer *self,
          GstAppSrc       *appsrc)
{
  gint64 target = live_sample (self);

  for (GList *l = self->voices; l != NULL; l = l->next)
    if (((Voice *) l->data)->start >= 0)
      target = MIN (target, ((Voice *) l->data)->start);

  while (self->produced < target)
    {
      gint64 n = MIN (target - self->produced, (gint64) G_N_ELEMENTS (silence));
      GstBuffer *buffer = gst_buffer_new_wrapped_full (GST_MEMORY_FLAG_READONLY,
                                                       (gpointer) silence, sizeof silence, 0,
                                                       n * 2, NULL, NULL);

      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale_int (self->produced, GST_SECOND,
                                                           UNKNOT_CUE_RATE);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale_int (n, GST_SECOND, UNKNOT_CUE_RATE);
      self->produced += n;
      gst_app_src_push_buffer (appsrc, buffer);
    }
}

/* When the streaming thread may sleep: the monotonic time to wake at (G_MAXINT64: only when
 * woken), or 0 while a voice is due within IDLE_LEAD or the stream has no base time yet.
 * Called with the lock held. */
static gint64
idle_until (UnknotCuePlayer *self)
{
  gint64 next = G_MAXINT64;

  if (!GST_CLOCK_TIME_IS_VALID (self->base_time))
    return 0;

  for (GList *l = self->voices; l != NULL; l = l->next)
    {
      Voice *v = l->data;

      if (v->start < 0 || v->start < self->produced + IDLE_LEAD)
        return 0;
      next = MIN (next, v->start);
    }

  if (next == G_MAXINT64)
    return G_MAXINT64;
  return sample_to_monotonic (self, next - IDLE_LEAD);
}

/* appsrc asks for more whenever its queue (one chunk) runs dry: the next 10 ms are mixed right
 * there, on the streaming thread, which then hands them to the sink and waits on the clock. One
 * thread and one wake-up per chunk while cues sound, and the stream is never more than a chunk
 * or two ahead; between cues the thread sleeps (see idle_until()). */
static void
on_need_data (GstAppSrc *appsrc,
              guint      length,
              gpointer   data)
{
  UnknotCuePlayer *self = data;
  g_autoptr(GArray) started = NULL;
  GstBuffer *buffer;
  GstMapInfo map;
  gint64 first;
  gint64 until;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      /* A closed output (draining, or replaced by a new one) gets nothing more: its end of
       * stream follows what it already has. */
      if ((GstElement *) appsrc != self->appsrc)
        {
          g_mutex_unlock (&self->lock);
          return;
        }
      catch_up (self, appsrc);
      until = idle_until (self);
      if (until == 0)
        break;

      self->wake = FALSE;
      while (!self->wake && (GstElement *) appsrc == self->appsrc)
        {
          if (until == G_MAXINT64)
            g_cond_wait (&self->wake_cond, &self->lock);
          else if (!g_cond_wait_until (&self->wake_cond, &self->lock, until))
            break;
        }
    }

  started = g_array_new (FALSE, FALSE, sizeof (gint64));
  buffer = gst_buffer_new_allocate (NULL, CHUNK_SAMPLES * 2, NULL);
  gst_buffer_map (buffer, &map, GST_MAP_WRITE);
  first = self->produced;
  mix_chunk (self, (gint16 *) map.data, first, started);
  self->produced += CHUNK_SAMPLES;
  g_mutex_unlock (&self->lock);
  gst_buffer_unmap (buffer, &map);

  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale_int (first, GST_SECOND, UNKNOT_CUE_RATE);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale_int (CHUNK_SAMPLES, GST_SECOND,
                                                            UNKNOT_CUE_RATE);

  if (started->len > 0)
    {
      StartedReport *report = g_new0 (StartedReport, 1);

      report->self = g_object_ref (self);
      report->started = g_steal_pointer (&started);
      /* Always through the main context: g_main_context_invoke() would run it right here, on
       * this thread, whenever the main thread is not iterating at that moment. */
      g_idle_add_full (G_PRIORITY_DEFAULT, emit_started, report, NULL);
    }

  gst_app_src_push_buffer (appsrc, buffer);
}

/* Monotonic microseconds <-> output samples, through the pipeline's base time and latency. */
static gint64
monotonic_to_sample (UnknotCuePlayer *self,
                     gint64           when)
{
  gint64 running;

  if (!GST_CLOCK_TIME_IS_VALID (self->base_time))
    return -1;

  running = when * 1000 - (gint64) self->base_time - (gint64) self->latency;
  return running < 0 ? 0 : gst_util_uint64_scale_int (running, UNKNOT_CUE_RATE, GST_SECOND);
}

static gint64
sample_to_monotonic (UnknotCuePlayer *self,
                     gint64           sample)
{
  if (!GST_CLOCK_TIME_IS_VALID (self->base_time))
    return g_get_monotonic_time ();

  return ((gint64) self->base_time + (gint64) self->latency
          + (gint64) gst_util_uint64_scale_int (sample, GST_SECOND, UNKNOT_CUE_RATE)) / 1000;
}

/* The sample where something due at monotonic time @when (0: at once) goes in the stream: never
 * before what is already produced; -1 until the pipeline runs and its base time is known.
 * Called with the lock held. */
static gint64
anchor_of (UnknotCuePlayer *self,
           gint64           when)
{
  /* After a sleep what was produced lies in the past: nothing goes before what can be heard. */
  gint64 live = live_sample (self);

  if (when <= 0)
    return live;
  if (GST_CLOCK_TIME_IS_VALID (self->base_time))
    return MAX (monotonic_to_sample (self, when), live);
  return -1;
}

/* Where a voice starts in the stream. Called with the lock held. */
static void
place_voice (UnknotCuePlayer *self,
             Voice           *voice)
{
  gint64 anchor = anchor_of (self, voice->when);

  /* -1: placed when the pipeline runs and its base time is known */
  voice->start = anchor < 0 ? -1 : anchor + voice->delay;
}

/* The pipeline has started: cues scheduled before that get their place in the stream. */
static void
resolve_voices (UnknotCuePlayer *self,
                GstClockTime     base_time)
{
  g_mutex_lock (&self->lock);
  self->base_time = base_time;   /* under the lock: the streaming thread reads it */
  for (GList *l = self->voices; l != NULL; l = l->next)
    if (((Voice *) l->data)->start < 0)
      place_voice (self, l->data);
  g_mutex_unlock (&self->lock);
}

static gboolean
on_bus_message (GstBus     *bus,
                GstMessage *message,
                gpointer    data)
{
  UnknotCuePlayer *self = data;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *debug = NULL;

        gst_message_parse_error (message, &gst_error, &debug);
        g_debug ("%s", debug ? debug : "");
        error = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("Cues are silent: the sound output failed (%s)"),
                             gst_error->message);
        self->bus_watch = 0;   /* removed by returning G_SOURCE_REMOVE */
        self->broken = TRUE;   /* before closing: a failed output will never reach its end */
        unknot_cue_player_close (self);
        report_error (self, error);
        return G_SOURCE_REMOVE;
      }

    case GST_MESSAGE_ASYNC_DONE:
      {
        g_autoptr(GstQuery) query = gst_query_new_latency ();
        GstClockTime min_latency = 0;

        if (gst_element_query (self->pipeline, query))
          gst_query_parse_latency (query, NULL, &min_latency, NULL);
        self->latency = GST_CLOCK_TIME_IS_VALID (min_latency) ? min_latency : 0;
        /* Prerolled, usually still PAUSED: the base time is only chosen on the way to PLAYING
         * (until then it reads 0, and a cue placed on it would land hours late). The
         * state-changed message takes it then, unless PLAYING was reached already. */
        if (GST_STATE (self->pipeline) == GST_STATE_PLAYING)
          {
            resolve_voices (self, gst_element_get_base_time (self->pipeline));
          }
        break;
      }

    case GST_MESSAGE_STATE_CHANGED:
      if (GST_MESSAGE_SRC (message) == GST_OBJECT (self->pipeline))
        {
          GstState new_state;

          gst_message_parse_state_changed (message, NULL, &new_state, NULL);
          if (new_state == GST_STATE_PLAYING)
            {
              resolve_voices (self, gst_element_get_base_time (self->pipeline));
            }
        }
      break;

    case GST_MESSAGE_WARNING:
      {
        g_autoptr(GError) warning = NULL;

        gst_message_parse_warning (message, &warning, NULL);
        g_debug ("GStreamer warning: %s", warning->message);
        break;
      }

    default:
      break;
    }

  return G_SOURCE_CONTINUE;
}

/* A sink that plays in real time: the sink must sync to the clock, or a file sink would write the
 * whole routine's silence at once. Short device buffers keep cues tight. */
static void
tune_sink (GstElement *element)
{
  if (GST_IS_BASE_SINK (element))
    gst_base_sink_set_sync (GST_BASE_SINK (element), TRUE);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (element), "buffer-time") != NULL)
    g_object_set (element, "buffer-time", (gint64) 40000, "latency-time", (gint64) 10000, NULL);
}

static void
on_deep_element_added (GstBin     *bin,
                       GstBin     *sub_bin,
                       GstElement *element,
                       gpointer    data)
{
  tune_sink (element);
}

static GstElement *
make_sink (GError **error)
{
  const char *description = g_getenv ("UNKNOT_AUDIO_SINK");
  GstElement *sink;

  if (description != NULL && *description != '\0')
    {
      g_autoptr(GError) parse_error = NULL;
      GstIterator *it;
      GValue item = G_VALUE_INIT;

      sink = gst_parse_bin_from_description (description, TRUE, &parse_error);
      if (sink == NULL)
        {
          /* Said like every other failure of the output, not as GStreamer's bare parse error. */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cues are silent: the sound output failed (%s)"), parse_error->message);
          return NULL;
        }

      it = gst_bin_iterate_recurse (GST_BIN (sink));
      while (gst_iterator_next (it, &item) == GST_ITERATOR_OK)
        {
          tune_sink (g_value_get_object (&item));
          g_value_reset (&item);
        }
      g_value_unset (&item);
      gst_iterator_free (it);
      return sink;
    }

  sink = gst_element_factory_make ("autoaudiosink", NULL);
  if (sink == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Cues are silent: GStreamer's autoaudiosink is missing "
                             "(install gstreamer1.0-plugins-good)"));
      return NULL;
    }
  g_signal_connect (sink, "deep-element-added", G_CALLBACK (on_deep_element_added), NULL);
  return sink;
}

/* Stops the closed output now, whatever it still had to play. */
static void
drain_stop (UnknotCuePlayer *self,
            gboolean         notify)
{
  Drain *drain = g_steal_pointer (&self->drain);

  if (drain == NULL)
    return;

  g_clear_handle_id (&drain->watch, g_source_remove);
  g_clear_handle_id (&drain->timeout, g_source_remove);
  gst_element_set_state (drain->pipeline, GST_STATE_NULL);
  gst_object_unref (drain->pipeline);
  gst_object_unref (drain->bus);
  g_free (drain);

  if (notify)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSING]);
}

static gboolean
on_drain_message (GstBus     *bus,
                  GstMessage *message,
                  gpointer    data)
{
  UnknotCuePlayer *self = data;

  g_assert (self->drain != NULL && self->drain->bus == bus);

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ERROR:
      {
        g_autoptr(GError) gst_error = NULL;

        /* Nothing more will be heard from it anyway: not worth telling the person. */
        gst_message_parse_error (message, &gst_error, NULL);
        g_debug ("The closed sound output failed: %s", gst_error->message);
      }
      G_GNUC_FALLTHROUGH;
    case GST_MESSAGE_EOS:
      self->drain->watch = 0;   /* removed by returning G_SOURCE_REMOVE */
      drain_stop (self, TRUE);
      return G_SOURCE_REMOVE;

    default:
      return G_SOURCE_CONTINUE;
    }
}

static gboolean
on_drain_timeout (gpointer data)
{
  UnknotCuePlayer *self = data;

  g_debug ("The closed sound output did not end in %d ms: stopped", DRAIN_TIMEOUT_MSEC);
  self->drain->timeout = 0;
  drain_stop (self, TRUE);
  return G_SOURCE_REMOVE;
}

/**
 * unknot_cue_player_open:
 *
 * Starts the output (silence until a cue is played). The sink is autoaudiosink, or the
 * gst-launch description in UNKNOT_AUDIO_SINK (e.g. "wavenc ! filesink location=out.wav").
 * An output still closing is stopped first: one output at a time (the same device, or file).
 */
gboolean
unknot_cue_player_open (UnknotCuePlayer  *self,
                        GError          **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstClock) clock = NULL;
  GstElement *appsrc, *convert, *resample, *sink;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), FALSE);

  if (self->pipeline != NULL)
    return TRUE;

  /* What the closed output still had to play is silence after the routine's last sound, or the
   * end of it: the new routine's first cue matters more. */
  drain_stop (self, TRUE);

  if (!ensure_gst (error))
    return FALSE;

  self->broken = FALSE;
  sink = make_sink (error);
  if (sink == NULL)
    {
      self->broken = TRUE;
      return FALSE;
    }

  pipeline = gst_object_ref_sink (gst_pipeline_new ("unknot-cues"));
  appsrc = gst_element_factory_make ("appsrc", "cues");
  convert = gst_element_factory_make ("audioconvert", NULL);
  resample = gst_element_factory_make ("audioresample", NULL);
  if (appsrc == NULL || convert == NULL || resample == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("Cues are silent: GStreamer's base plugins are missing "
                             "(install gstreamer1.0-plugins-base)"));
      gst_object_unref (sink);
      g_clear_object (&appsrc);
      g_clear_object (&convert);
      g_clear_object (&resample);
      self->broken = TRUE;
      return FALSE;
    }

  caps = gst_caps_from_string (PCM_CAPS);
  g_object_set (appsrc,
                "caps", caps,
                "format", GST_FORMAT_TIME,
                "is-live", FALSE,
                "max-bytes", (guint64) CHUNK_SAMPLES * 2,
                NULL);
  gst_app_src_set_callbacks (GST_APP_SRC (appsrc),
                             &(GstAppSrcCallbacks) { .need_data = on_need_data }, self, NULL);

  gst_bin_add_many (GST_BIN (pipeline), appsrc, convert, resample, sink, NULL);
  if (!gst_element_link_many (appsrc, convert, resample, sink, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("Cues are silent: the sound output could not be linked"));
      self->broken = TRUE;
      return FALSE;
    }

  /* The session's boundaries are monotonic times: so is this pipeline's clock. */
  clock = gst_system_clock_obtain ();
  g_object_set (clock, "clock-type", GST_CLOCK_TYPE_MONOTONIC, NULL);
  gst_pipeline_use_clock (GST_PIPELINE (pipeline), clock);

  bus = gst_element_get_bus (pipeline);
  self->bus_watch = gst_bus_add_watch (bus, on_bus_message, self);

  self->pipeline = g_steal_pointer (&pipeline);
  self->base_time = GST_CLOCK_TIME_NONE;
  self->latency = 0;
  g_mutex_lock (&self->lock);
  self->appsrc = appsrc;
  self->produced = 0;
  g_mutex_unlock (&self->lock);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_autoptr(GstMessage) message = gst_bus_pop_filtered (bus, GST_MESSAGE_ERROR);
      g_autoptr(GError) gst_error = NULL;

      if (message != NULL)
        gst_message_parse_error (message, &gst_error, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cues are silent: the sound output failed (%s)"),
                   gst_error ? gst_error->message : _("no audio device"));
      self->broken = TRUE;   /* before closing: a failed output has nothing to play out */
      unknot_cue_player_close (self);
      return FALSE;
    }

  return TRUE;
}

/**
 * unknot_cue_player_get_stream_time:
 *
 * Where monotonic time @when (microseconds) falls in the output stream, in microseconds from
 * its first sample; -1 while the output is not running yet. For tests that check a recording.
 */
gint64
unknot_cue_player_get_stream_time (UnknotCuePlayer *self,
                                   gint64           when)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), -1);

  if (!GST_CLOCK_TIME_IS_VALID (self->base_time))
    return -1;
  return when - ((gint64) self->base_time + (gint64) self->latency) / 1000;
}

/**
 * unknot_cue_player_close:
 *
 * Ends the output without waiting for it: cues still to come are dropped, and what the output
 * already has is played out to its end of stream (a WAV file gets its header) before it is
 * stopped, on the main context. The player is closed at once; #UnknotCuePlayer:closing is %TRUE
 * until the output has stopped.
 */
void
unknot_cue_player_close (UnknotCuePlayer *self)
{
  g_autoptr(GstElement) pipeline = NULL;
  GstElement *appsrc;
  Drain *drain;

  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  if (self->pipeline == NULL)
    return;

  /* Only one output is open at a time, and open() stops a drain before making one. */
  g_assert (self->drain == NULL);

  g_mutex_lock (&self->lock);
  appsrc = g_steal_pointer (&self->appsrc);   /* no more chunks are mixed for it */
  g_list_free_full (g_steal_pointer (&self->voices), (GDestroyNotify) voice_free);
  self->base_time = GST_CLOCK_TIME_NONE;
  g_cond_signal (&self->wake_cond);   /* a sleeping streaming thread lets go of the output */
  g_mutex_unlock (&self->lock);
  g_list_free_full (g_steal_pointer (&self->pending), (GDestroyNotify) pending_free);

  pipeline = g_steal_pointer (&self->pipeline);
  g_clear_handle_id (&self->bus_watch, g_source_remove);
  gst_app_src_end_of_stream (GST_APP_SRC (appsrc));

  /* Only while it plays does the stream reach its end; a failed one has nothing to finish. */
  if (self->broken || GST_STATE (pipeline) != GST_STATE_PLAYING)
    {
      gst_element_set_state (pipeline, GST_STATE_NULL);
      return;
    }

  drain = g_new0 (Drain, 1);
  drain->pipeline = g_steal_pointer (&pipeline);
  drain->bus = gst_element_get_bus (drain->pipeline);
  /* The bus's own watch is gone with its source; a bus takes one watch at a time. */
  drain->watch = gst_bus_add_watch (drain->bus, on_drain_message, self);
  drain->timeout = g_timeout_add (DRAIN_TIMEOUT_MSEC, on_drain_timeout, self);
  self->drain = drain;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSING]);
}

/**
 * unknot_cue_player_is_closing:
 *
 * Returns: %TRUE while a closed output still plays out what it had (the player is not open then)
 */
gboolean
unknot_cue_player_is_closing (UnknotCuePlayer *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), FALSE);
  return self->drain != NULL;
}

gboolean
unknot_cue_player_is_open (UnknotCuePlayer *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), FALSE);
  return self->pipeline != NULL;
}

/* Called with the lock held. */
static void
append_voice (UnknotCuePlayer *self,
              Voice           *voice)
{
  self->voices = g_list_append (self->voices, voice);
  self->wake = TRUE;   /* the streaming thread, if asleep, sees whether it is due soon */
  g_cond_signal (&self->wake_cond);
}

/* Queues @pcm @delay samples after monotonic time @when (0: as soon as possible). */
static void
add_voice (UnknotCuePlayer *self,
           guint            tag,
           GBytes          *pcm,
           gint64           when,
           gint64           delay)
{
  Voice *voice;

  if (self->pipeline == NULL || pcm == NULL || g_bytes_get_size (pcm) == 0)
    return;

  voice = g_new0 (Voice, 1);
  voice->tag = tag;
  voice->pcm = g_bytes_ref (pcm);
  voice->when = when;
  voice->delay = delay;

  g_mutex_lock (&self->lock);
  place_voice (self, voice);
  append_voice (self, voice);
  g_mutex_unlock (&self->lock);
}

static char *
speech_key (UnknotCuePlayer *self,
            const char      *text)
{
  return g_strconcat (self->voice ? self->voice : "en", "\n", text, NULL);
}

typedef struct {
  GWeakRef     player;
  GSubprocess *process;
  char        *text;
  char        *voice;
} SpeechJob;

static void
speech_job_free (SpeechJob *job)
{
  g_weak_ref_clear (&job->player);
  g_clear_object (&job->process);
  g_free (job->text);
  g_free (job->voice);
  g_free (job);
}

/* Announcements are rendered by a helper program, one process per text (see unknot-speech.c);
 * UNKNOT_SPEECH_HELPER points to it in the build tree. */
static const char *
speech_helper_path (void)
{
  const char *path = g_getenv ("UNKNOT_SPEECH_HELPER");

  return path != NULL && *path != '\0' ? path : LIBEXECDIR "/unknot-speech";
}

/* What went wrong in the helper, as one message for the person. */
static GError *
speech_helper_error (GSubprocess *process,
                     GBytes      *err)
{
  g_autofree char *said = NULL;

  /* Its last line: the reason, after any warnings the libraries printed on the way. */
  if (err != NULL && g_bytes_get_size (err) > 0)
    {
      g_autofree char *all = g_utf8_make_valid (g_bytes_get_data (err, NULL),
                                                (gssize) g_bytes_get_size (err));
      char *last;

      g_strstrip (all);
      last = strrchr (all, '\n');
      said = g_strdup (last != NULL ? last + 1 : all);
    }

  if (g_subprocess_get_if_exited (process) && said != NULL && *said != '\0')
    return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, said);

  if (g_subprocess_get_if_signaled (process))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                        /* Translators: %d is a number, like 11 */
                        _("Spoken announcements are off: the speech synthesiser stopped "
                          "(signal %d)"), g_subprocess_get_term_sig (process));

  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                      _("Spoken announcements are off: the speech synthesiser failed"));
}

/* Places @pcm, words for @p's cue, if they fit in its room from where they can really start:
 * after the sound as planned, or, rendered late (a loaded machine), from the next sample still to
 * be produced. Whether they were placed. */
static gboolean
place_words (UnknotCuePlayer *self,
             PendingSpeech   *p,
             GBytes          *pcm)
{
  gint64 length = (gint64) g_bytes_get_size (pcm) / 2;
  gint64 start = -1, offset = p->delay;
  Voice *voice;

  if (self->pipeline == NULL || length == 0)
    return FALSE;

  g_mutex_lock (&self->lock);
  if (p->anchor >= 0)
    {
      start = MAX (p->anchor + p->delay, live_sample (self));
      offset = start - p->anchor;
    }
  if (p->room >= 0 && offset + length + SPEECH_MARGIN > p->room)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  voice = g_new0 (Voice, 1);
  voice->tag = p->tag;
  voice->pcm = g_bytes_ref (pcm);
  voice->when = p->when;
  voice->delay = p->delay;
  if (start >= 0)
    voice->start = start;
  else
    place_voice (self, voice);   /* no place in the stream yet: as planned, once there is */
  append_voice (self, voice);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* Places the first of @p's forms that fits, once the lengths it depends on are known. Returns
 * FALSE while it still waits for a rendering (which it has asked for). */
static gboolean
resolve_pending (UnknotCuePlayer *self,
                 PendingSpeech   *p)
{
  for (; p->forms[p->next] != NULL; p->next++)
    {
      g_autofree char *key = speech_key (self, p->forms[p->next]);
      GBytes *pcm = g_hash_table_lookup (self->speech, key);

      if (pcm == NULL)
        {
          unknot_cue_player_prepare_speech (self, p->forms[p->next]);
          return self->speech_missing;   /* no words will come */
        }
      if (place_words (self, p, pcm))
        return TRUE;
    }
  return TRUE;   /* none fits: the sound alone */
}

static void
on_speech_rendered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  SpeechJob *job = data;
  g_autoptr(UnknotCuePlayer) self = g_weak_ref_get (&job->player);
  g_autofree char *key = g_strconcat (job->voice, "\n", job->text, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GBytes) err = NULL;
  gboolean stale;

  if (!g_subprocess_communicate_finish (job->process, result, &pcm, &err, &error))
    g_clear_pointer (&pcm, g_bytes_unref);
  else if (!g_subprocess_get_successful (job->process) || pcm == NULL)
    {
      error = speech_helper_error (job->process, err);
      g_clear_pointer (&pcm, g_bytes_unref);
    }

  if (self == NULL)
    {
      speech_job_free (job);
      return;
    }

  g_ptr_array_remove (self->helpers, job->process);
  g_hash_table_remove (self->rendering, key);
  /* Asked for before the voice changed (a language switched while it rendered): nothing says
   * it now, and kept it would push out of the cache what the new voice has just rendered for
   * the next cues, which nobody asks for again. It is dropped; a cue still waiting for its words
   * asks for them in the new voice below. */
  stale = g_strcmp0 (job->voice, self->voice ? self->voice : "en") != 0;

  if (pcm == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->speech_missing)
        {
          /* Said once; the routine goes on with sounds only. */
          self->speech_missing = TRUE;
          report_error (self, error);
        }
      speech_job_free (job);
      return;
    }

  /* Only the eight newest renderings are kept, each a few seconds of sound (about 100 KB a
   * second): what the next boundaries will say, in their long and short forms (the step's words
   * with its instructions, without, the technique alone), and the current step's "other side".
   * Words being said hold their own reference until they end. Anything older is
   * rendered again if it is needed (Previous); that takes about 50 ms, less than the cue sound
   * the words follow. */
  if (!stale)
    {
      g_queue_push_tail (self->speech_order, g_strdup (key));
      g_hash_table_insert (self->speech, g_steal_pointer (&key), g_bytes_ref (pcm));
      while (g_queue_get_length (self->speech_order) > UNKNOT_SPEECH_CACHE_SIZE)
        {
          g_autofree char *oldest = g_queue_pop_head (self->speech_order);

          g_hash_table_remove (self->speech, oldest);
        }
    }

  for (GList *l = self->pending; l != NULL;)
    {
      PendingSpeech *p = l->data;
      GList *next = l->next;

      if (g_str_equal (p->forms[p->next], job->text))
        {
          gint64 late = p->when > 0 ? g_get_monotonic_time () - p->when : 0;

          /* Words that come too late to belong to their cue are left unsaid. */
          if (late >= SPEECH_LATE_USEC || resolve_pending (self, p))
            {
              pending_free (p);
              self->pending = g_list_delete_link (self->pending, l);
            }
        }
      l = next;
    }

  if (!stale)
    g_signal_emit (self, signals[SPEECH_READY], 0, job->text);
  speech_job_free (job);
}

/* Renders @text in the background so it is ready before its boundary. */
void
unknot_cue_player_prepare_speech (UnknotCuePlayer *self,
                                  const char      *text)
{
  g_autofree char *key = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GError) error = NULL;
  SpeechJob *job;

  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  if (text == NULL || *text == '\0' || self->speech_missing)
    return;

  key = speech_key (self, text);
  if (g_hash_table_contains (self->speech, key))
    {
      GList *link = g_queue_find_custom (self->speech_order, key, (GCompareFunc) strcmp);

      /* Needed again: it counts as the newest, so the renderings that follow for the same
       * cues do not push it out (back on a language used before, the next step's words may
       * still be kept from then, the oldest of all). */
      g_queue_unlink (self->speech_order, link);
      g_queue_push_tail_link (self->speech_order, link);
      return;
    }
  if (g_hash_table_contains (self->rendering, key))
    return;

  job = g_new0 (SpeechJob, 1);
  g_weak_ref_init (&job->player, self);
  job->text = g_strdup (text);
  job->voice = g_strdup (self->voice ? self->voice : "en");
  job->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                   | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                                   speech_helper_path (), job->voice,
                                   unknot_i18n_get_language (), NULL);
  if (job->process == NULL)
    {
      g_autoptr(GError) report = NULL;

      speech_job_free (job);
      self->speech_missing = TRUE;
      report = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                            /* Translators: %s says why, like "No such file or directory" */
                            _("Spoken announcements are off: %s"), error->message);
      report_error (self, report);
      return;
    }

  g_hash_table_add (self->rendering, g_steal_pointer (&key));
  g_ptr_array_add (self->helpers, g_object_ref (job->process));
  input = g_bytes_new (text, strlen (text));
  g_subprocess_communicate_async (job->process, input, self->cancellable, on_speech_rendered, job);
}

gboolean
unknot_cue_player_is_speech_ready (UnknotCuePlayer *self,
                                   const char      *text)
{
  g_autofree char *key = speech_key (self, text);

  return g_hash_table_contains (self->speech, key);
}

/**
 * unknot_cue_player_is_rendering:
 *
 * Returns: whether the speech helper is rendering any words, in any voice
 */
gboolean
unknot_cue_player_is_rendering (UnknotCuePlayer *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), FALSE);
  return self->helpers->len > 0;
}

/**
 * unknot_cue_player_describe_speech:
 *
 * For a test that waited in vain: the voice, the renderings kept (oldest first) and those
 * running, each as its voice and words.
 *
 * Returns: (transfer full): one line
 */
char *
unknot_cue_player_describe_speech (UnknotCuePlayer *self)
{
  GString *out;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "voice %s%s; kept:", self->voice ? self->voice : "en",
                          self->speech_missing ? " (speech off)" : "");
  for (GList *l = self->speech_order->head; l != NULL; l = l->next)
    g_string_append_printf (out, " [%s]", (const char *) l->data);
  g_string_append (out, "; rendering:");
  g_hash_table_iter_init (&iter, self->rendering);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_string_append_printf (out, " [%s]", (const char *) key);
  /* The keys are "voice\nwords": on one line, "voice: words". */
  g_strdelimit (out->str, "\n", ':');
  return g_string_free (out, FALSE);
}

/* Where words said after @sound end, counted from the sound's start. */
static gint64
words_end (GBytes *sound,
           GBytes *pcm)
{
  gint64 delay = sound ? (gint64) g_bytes_get_size (sound) / 2 * 3 / 4 + SPEECH_GAP : 0;

  return delay + (gint64) g_bytes_get_size (pcm) / 2;
}

/**
 * unknot_cue_player_get_words_end:
 * @sound: (nullable): the sound the words follow
 *
 * Returns: how long after the start of @sound the rendered words @text end, in microseconds,
 *   or -1 while they are not rendered (unknot_cue_player_prepare_speech(), then
 *   #UnknotCuePlayer::speech-ready).
 */
gint64
unknot_cue_player_get_words_end (UnknotCuePlayer *self,
                                 GBytes          *sound,
                                 const char      *text)
{
  g_autofree char *key = NULL;
  GBytes *pcm;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), -1);

  key = speech_key (self, text);
  pcm = g_hash_table_lookup (self->speech, key);
  return pcm != NULL ? words_end (sound, pcm) * G_USEC_PER_SEC / UNKNOT_CUE_RATE : -1;
}

gboolean
unknot_cue_player_has_speech (UnknotCuePlayer *self)
{
  g_autoptr(GstElementFactory) factory = NULL;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), FALSE);

  if (self->speech_missing)
    return FALSE;
  if (!ensure_gst (NULL))
    return FALSE;
  factory = gst_element_factory_find ("espeak");
  return factory != NULL;
}

/* A routine's own sound, read and decoded on a thread of the player's: one at a time, in the
 * order asked for (the next cue's sound first), never on the main thread. */

static void
sound_load_free (SoundLoad *load)
{
  g_free (load->name);
  g_free (load->folder);
  g_free (load);
}

static char *
sound_key (const char *name,
           const char *folder)
{
  return g_build_filename (folder, name, NULL);
}

static void
load_sound_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  SoundLoad *load = data;
  g_autoptr(GBytes) contents = NULL;
  GError *error = NULL;
  GBytes *pcm = NULL;

  contents = unknot_sound_file_read (load->folder, load->name, &error);
  if (contents != NULL)
    pcm = unknot_cue_player_decode_sound (contents, &error);
  if (pcm != NULL)
    g_task_return_pointer (task, pcm, (GDestroyNotify) g_bytes_unref);
  else
    g_task_return_error (task, error);
}

static void load_next_sound (UnknotCuePlayer *self);

static void
on_sound_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  UnknotCuePlayer *self = UNKNOT_CUE_PLAYER (source);
  SoundLoad *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pcm = g_task_propagate_pointer (G_TASK (result), &error);

  self->loading = NULL;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (pcm != NULL)
    g_hash_table_insert (self->sounds, sound_key (load->name, load->folder), g_bytes_ref (pcm));
  g_signal_emit (self, signals[SOUND_LOADED], 0, load->name, load->folder, error);
  load_next_sound (self);
}

static void
load_next_sound (UnknotCuePlayer *self)
{
  g_autoptr(GTask) task = NULL;
  SoundLoad *load;

  if (self->loading != NULL || (load = g_queue_pop_head (self->sound_queue)) == NULL)
    return;

  task = g_task_new (self, self->cancellable, on_sound_loaded, NULL);
  g_task_set_task_data (task, load, (GDestroyNotify) sound_load_free);
  self->loading = load;
  g_task_run_in_thread (task, load_sound_thread);
}

static gboolean
is_queued (UnknotCuePlayer *self,
           const char      *name,
           const char      *folder)
{
  if (self->loading != NULL && g_str_equal (self->loading->name, name)
      && g_str_equal (self->loading->folder, folder))
    return TRUE;
  for (GList *l = self->sound_queue->head; l != NULL; l = l->next)
    {
      SoundLoad *load = l->data;

      if (g_str_equal (load->name, name) && g_str_equal (load->folder, folder))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_own_sound (const char *name,
              const char *base_dir)
{
  return strchr (name, '.') != NULL && base_dir != NULL;
}

/**
 * unknot_cue_player_load_sound:
 * @name: a sound file's name relative to @base_dir, as a cue names it
 * @base_dir: the routine's folder
 *
 * Reads and decodes the sound file in the background, with the checks of
 * unknot_sound_file_open() and unknot_cue_player_decode_sound(), unless it is loaded or on the
 * way. "sound-loaded" says when it is done; then unknot_cue_player_get_sound() has it.
 */
void
unknot_cue_player_load_sound (UnknotCuePlayer *self,
                              const char      *name,
                              const char      *base_dir)
{
  g_autofree char *key = NULL;
  SoundLoad *load;

  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  if (name == NULL || !is_own_sound (name, base_dir))
    return;
  key = sound_key (name, base_dir);
  if (g_hash_table_contains (self->sounds, key) || is_queued (self, name, base_dir))
    return;

  load = g_new0 (SoundLoad, 1);
  load->name = g_strdup (name);
  load->folder = g_strdup (base_dir);
  g_queue_push_tail (self->sound_queue, load);
  load_next_sound (self);
}

/**
 * unknot_cue_player_get_sound:
 * @name: a bundled sound ("chime", "tick"...) or a file name relative to @base_dir
 * @base_dir: (nullable): the routine's folder, for its own sound files
 *
 * A bundled sound comes at once. A routine's own sound file comes once it is loaded: until then
 * this starts its load (unknot_cue_player_load_sound()) and fails with G_IO_ERROR_PENDING, and
 * "sound-loaded" says when to ask again (a file that cannot be played says why there).
 *
 * Returns: (transfer full) (nullable): the decoded sound; %NULL for "none" or on error.
 */
GBytes *
unknot_cue_player_get_sound (UnknotCuePlayer  *self,
                             const char       *name,
                             const char       *base_dir,
                             GError          **error)
{
  g_autofree char *resource = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GBytes) wav = NULL;
  GBytes *pcm;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), NULL);

  if (name == NULL || g_str_equal (name, "none"))
    return NULL;

  key = is_own_sound (name, base_dir) ? sound_key (name, base_dir) : g_strdup (name);
  if ((pcm = g_hash_table_lookup (self->sounds, key)) != NULL)
    return g_bytes_ref (pcm);

  if (is_own_sound (name, base_dir))
    {
      unknot_cue_player_load_sound (self, name, base_dir);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING, "loading");
      return NULL;
    }

  resource = g_strconcat (SOUNDS_PATH, name, ".wav", NULL);
  wav = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  pcm = wav ? parse_wav (wav, error) : NULL;
  if (pcm != NULL)
    g_hash_table_insert (self->sounds, g_steal_pointer (&key), g_bytes_ref (pcm));
  return pcm;
}

/**
 * unknot_cue_player_play:
 * @sound: (nullable): decoded PCM to start at @when
 * @speech: (nullable): text to speak after the sound, rendered now if not prepared
 * @when: monotonic microseconds; 0 or a past time plays as soon as possible
 *
 * Returns: a tag for unknot_cue_player_cancel()
 */
guint
unknot_cue_player_play (UnknotCuePlayer *self,
                        GBytes          *sound,
                        const char      *speech,
                        gint64           when)
{
  const char *forms[] = { speech, NULL };

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), 0);

  return unknot_cue_player_play_fitted (self, sound, speech ? forms : NULL, when, -1);
}

/**
 * unknot_cue_player_play_fitted:
 * @sound: (nullable): decoded PCM to start at @when
 * @forms: (nullable) (array zero-terminated=1): the words to say after the sound, longest first
 * @when: monotonic microseconds; 0 or a past time plays as soon as possible
 * @room: microseconds from @when to the next cue, or -1 for no limit
 *
 * Plays @sound, then says the first of @forms that ends (as rendered) at least 0.1 s before
 * @room is over: the words are never cut or overlapped by the next cue. None fits: the sound
 * alone. Forms not rendered yet are rendered now, and the choice waits for them.
 *
 * Returns: a tag for unknot_cue_player_cancel()
 */
guint
unknot_cue_player_play_fitted (UnknotCuePlayer    *self,
                               GBytes             *sound,
                               const char * const *forms,
                               gint64              when,
                               gint64              room)
{
  guint tag;
  gint64 speech_delay;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), 0);

  tag = ++self->last_tag;
  if (self->pipeline == NULL)
    return tag;

  if (when <= g_get_monotonic_time ())
    when = 0;
  add_voice (self, tag, sound, when, 0);

  /* The voice comes in as the sound fades, after a breath. */
  speech_delay = sound ? (gint64) g_bytes_get_size (sound) / 2 * 3 / 4 + SPEECH_GAP : 0;

  if (forms != NULL && forms[0] != NULL && !self->speech_missing)
    {
      PendingSpeech *p = g_new0 (PendingSpeech, 1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      /* Empty words are no form at all. */
      for (guint i = 0; forms[i] != NULL; i++)
        if (*forms[i] != '\0')
          g_strv_builder_add (builder, forms[i]);
      p->tag = tag;
      p->when = when;
      p->delay = speech_delay;
      p->room = room < 0 ? -1 : room * UNKNOT_CUE_RATE / G_USEC_PER_SEC;
      g_mutex_lock (&self->lock);
      p->anchor = anchor_of (self, when);
      g_mutex_unlock (&self->lock);
      p->forms = g_strv_builder_end (builder);
      /* All are asked for at once: the choice needs the lengths of the longer ones. */
      for (guint i = 0; p->forms[i] != NULL; i++)
        unknot_cue_player_prepare_speech (self, p->forms[i]);
      if (resolve_pending (self, p))
        pending_free (p);
      else
        self->pending = g_list_append (self->pending, p);
    }

  return tag;
}

/* Silences the cue @tag: a sound still to come is dropped, one sounding is cut. */
void
unknot_cue_player_cancel (UnknotCuePlayer *self,
                          guint            tag)
{
  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  g_mutex_lock (&self->lock);
  for (GList *l = self->voices; l != NULL;)
    {
      GList *next = l->next;

      if (((Voice *) l->data)->tag == tag)
        {
          voice_free (l->data);
          self->voices = g_list_delete_link (self->voices, l);
        }
      l = next;
    }
  g_mutex_unlock (&self->lock);

  for (GList *l = self->pending; l != NULL;)
    {
      GList *next = l->next;

      if (((PendingSpeech *) l->data)->tag == tag)
        {
          pending_free (l->data);
          self->pending = g_list_delete_link (self->pending, l);
        }
      l = next;
    }
}

void
unknot_cue_player_cancel_all (UnknotCuePlayer *self)
{
  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  g_mutex_lock (&self->lock);
  g_list_free_full (g_steal_pointer (&self->voices), (GDestroyNotify) voice_free);
  g_mutex_unlock (&self->lock);
  g_list_free_full (g_steal_pointer (&self->pending), (GDestroyNotify) pending_free);
}

void
unknot_cue_player_set_volume (UnknotCuePlayer *self,
                              double           volume)
{
  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  volume = CLAMP (volume, 0.0, 1.0);
  g_mutex_lock (&self->lock);
  if (self->volume == volume)
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  self->volume = volume;
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

double
unknot_cue_player_get_volume (UnknotCuePlayer *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), 0);
  return self->volume;
}

/* The espeak voice for announcements ("en", "de", "pt-br"...). Prepared speech is per voice;
 * renders still running for the previous one are not kept when they come in. */
void
unknot_cue_player_set_voice (UnknotCuePlayer *self,
                             const char      *voice)
{
  g_return_if_fail (UNKNOT_IS_CUE_PLAYER (self));

  if (g_strcmp0 (self->voice, voice) == 0)
    return;
  g_free (self->voice);
  self->voice = g_strdup (voice);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOICE]);
}

const char *
unknot_cue_player_get_voice (UnknotCuePlayer *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (self), NULL);
  return self->voice;
}

static void
unknot_cue_player_dispose (GObject *object)
{
  UnknotCuePlayer *self = (UnknotCuePlayer *) object;

  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < self->helpers->len; i++)
    g_subprocess_force_exit (g_ptr_array_index (self->helpers, i));
  g_ptr_array_set_size (self->helpers, 0);
  unknot_cue_player_close (self);
  /* Its sources point to this player: the output stops now, its last chunks unplayed. */
  drain_stop (self, FALSE);

  G_OBJECT_CLASS (unknot_cue_player_parent_class)->dispose (object);
}

static void
unknot_cue_player_finalize (GObject *object)
{
  UnknotCuePlayer *self = (UnknotCuePlayer *) object;

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->sounds);
  g_hash_table_unref (self->speech);
  g_queue_free_full (self->speech_order, g_free);
  g_queue_free_full (self->sound_queue, (GDestroyNotify) sound_load_free);
  g_hash_table_unref (self->rendering);
  g_ptr_array_unref (self->helpers);
  g_free (self->voice);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->wake_cond);

  G_OBJECT_CLASS (unknot_cue_player_parent_class)->finalize (object);
}

static void
unknot_cue_player_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  UnknotCuePlayer *self = UNKNOT_CUE_PLAYER (object);

  switch (prop_id)
    {
    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;
    case PROP_VOICE:
      g_value_set_string (value, self->voice);
      break;
    case PROP_CLOSING:
      g_value_set_boolean (value, self->drain != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_cue_player_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  UnknotCuePlayer *self = UNKNOT_CUE_PLAYER (object);

  switch (prop_id)
    {
    case PROP_VOLUME:
      unknot_cue_player_set_volume (self, g_value_get_double (value));
      break;
    case PROP_VOICE:
      unknot_cue_player_set_voice (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_cue_player_class_init (UnknotCuePlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = unknot_cue_player_dispose;
  object_class->finalize = unknot_cue_player_finalize;
  object_class->get_property = unknot_cue_player_get_property;
  object_class->set_property = unknot_cue_player_set_property;

  properties[PROP_VOLUME] = g_param_spec_double ("volume", NULL, NULL, 0, 1, 0.8, rw);
  properties[PROP_VOICE] = g_param_spec_string ("voice", NULL, NULL, "en", rw);
  /**
   * UnknotCuePlayer:closing:
   *
   * A closed output is still playing out its last chunks (see unknot_cue_player_close()).
   */
  properties[PROP_CLOSING] = g_param_spec_boolean ("closing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                   | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UnknotCuePlayer::error:
   *
   * Something will not be heard (no audio device, no espeak plugin). Emitted once per cause;
   * the caller carries on.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * UnknotCuePlayer::cue-started:
   * @tag: the cue
   * @at: the monotonic time, in microseconds, its first sample is played
   */
  /**
   * UnknotCuePlayer::speech-ready:
   * @text: words now rendered (unknot_cue_player_get_words_end() knows their length)
   */
  signals[SPEECH_READY] = g_signal_new ("speech-ready", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                        G_TYPE_STRING);

  /**
   * UnknotCuePlayer::sound-loaded:
   * @name: the sound file, as the cue names it
   * @base_dir: the routine's folder
   * @error: (nullable): why it cannot be played, in words for the person, without the file's
   *   name; %NULL when unknot_cue_player_get_sound() now has it
   *
   * A load of unknot_cue_player_load_sound() is done.
   */
  signals[SOUND_LOADED] = g_signal_new ("sound-loaded", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                        G_TYPE_STRING, G_TYPE_STRING, G_TYPE_ERROR);

  signals[CUE_STARTED] = g_signal_new ("cue-started", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_UINT, G_TYPE_INT64);
}

static void
unknot_cue_player_init (UnknotCuePlayer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->wake_cond);
  self->volume = 0.8;
  self->voice = g_strdup ("en");
  self->base_time = GST_CLOCK_TIME_NONE;
  self->cancellable = g_cancellable_new ();
  self->sounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
  self->speech = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
  self->rendering = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->helpers = g_ptr_array_new_with_free_func (g_object_unref);
  self->speech_order = g_queue_new ();
  self->sound_queue = g_queue_new ();
}

UnknotCuePlayer *
unknot_cue_player_new (void)
{
  return g_object_new (UNKNOT_TYPE_CUE_PLAYER, NULL);
}
