/* test-speech-voice.c: after a switch to German, a step is announced in German, by the German voice
 *
 * The interface language is switched as the application does it (unknot_i18n_set_language), then:
 * - announcement: the words for a step are the German catalogue's, composed as the English ones
 *   are (and not the English ones), and the espeak voice chosen is "de". Rendered with that voice
 *   to a WAV file, read back, it holds speech (over half a second of it); the espeak element
 *   GStreamer made for it was given the voice "de" and the German words (seen through a tracer
 *   hook, not asked of Unknot), and espeak has such a voice. The voice really changed: the German
 *   voice says the words the same way twice, the English voice measurably differently (loudness
 *   contours compared phrase by phrase). No espeak element is a failure, not a skip.
 * - played: the cue player, given the voice of the interface language as the application gives it,
 *   plays a routine's first step to a WAV file (UNKNOT_AUDIO_SINK); its espeak element had the
 *   voice "de", and after the chime come the German words whose loudness follows the German
 *   voice's phrase by phrase (r > 0.9), and clearly less the English voice's.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-speech-voice"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "unknot-catalogue.h"
#include "unknot-cue-scheduler.h"
#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-routine-io.h"
#include "unknot-session.h"
#include "unknot-test-util.h"
#include "unknot-wav-util.h"

/* A user's routine (its own texts are never translated; the catalogue's and the format's are). */
static const char routine_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"id\": \"speech-test\",\n"
  "  \"name\": \"Speech test\",\n"
  "  \"description\": \"\",\n"
  "  \"preparation\": 0,\n"
  "  \"steps\": [\n"
  "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 60 },\n"
  "    { \"technique\": \"stretching\", \"area\": \"lower-back\", \"side\": \"left\",\n"
  "      \"duration\": 90 }\n"
  "  ]\n"
  "}\n";

static char *tmp_dir;
static char *played_path;    /* what the cue player plays, for /speech-voice/played */

static UnknotRoutine *
load_routine (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                  unknot_problem_free);
  g_autoptr(GError) error = NULL;
  UnknotRoutine *routine = unknot_routine_load_bytes (bytes, "speech-test.json",
                                                      test_get_catalogue (), problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (routine);
  g_assert_cmpuint (problems->len, ==, 0);
  return routine;
}

static char *initial_language_env;

/* Switches the interface language as the application does, and checks it took, with the
 * environment left alone (setenv is not safe once threads exist). */
static void
switch_language (const char *language)
{
  unknot_i18n_set_language (language);
  g_assert_cmpstr (unknot_i18n_get_language (), ==, language);
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, initial_language_env);
}

/* The words, composed here from the catalogues exactly as a step's announcement is: technique,
 * area, duration ("Kneading. Shoulders. 1 minute."), each part translated on its own. */
static char *
expected_words (const char *technique,
                const char *area,
                guint       minutes,
                guint       seconds)
{
  g_autofree char *m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes",
                                                     minutes), minutes);
  g_autofree char *s = NULL;
  g_autofree char *duration = NULL;

  if (seconds > 0)
    {
      s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                           seconds);
      duration = g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "duration", "%s %s"), m, s);
    }
  else
    duration = g_strdup (m);

  return g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s. %s. %s."),
                          g_dpgettext2 (GETTEXT_PACKAGE, "technique", technique),
                          g_dpgettext2 (GETTEXT_PACKAGE, "area", area), duration);
}

/* Loudness */

static double
seconds (GArray *samples)
{
  return samples->len / (double) RATE;
}

/* How well the loudness of @samples, 10 ms at a time from sample @at on, follows the envelope
 * @reference (Pearson's correlation), over the windows @samples has from sample @clean on (before
 * it, other sounds may be mixed in); 0 when fewer than 20 windows overlap. @power holds the
 * running sum of the squares of @samples. */
static double
match_at (GArray       *reference,
          const double *power,
          gint64        n_samples,
          gint64        at,
          gint64        clean)
{
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, d;
  int n = 0;

  for (guint k = 0; k < reference->len; k++)
    {
      gint64 from = at + (gint64) k * WINDOW;
      double x, y;

      if (from < MAX (clean, 0) || from + WINDOW > n_samples)
        continue;
      x = g_array_index (reference, double, k);
      y = sqrt ((power[from + WINDOW] - power[from]) / WINDOW);
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      n++;
    }
  d = (n * sxx - sx * sx) * (n * syy - sy * sy);
  if (n < 20 || d <= 0)
    return 0;
  return (n * sxy - sx * sy) / sqrt (d);
}

typedef struct {
  gint64 start, end;   /* samples */
} Phrase;

/* The phrases in [@from, @to) of @samples: stretches of 10 ms windows above a third of the speech
 * threshold, apart by pauses of 100 ms or more. */
static GArray *
find_phrases (GArray *samples,
              gint64  from,
              gint64  to)
{
  g_autoptr(GArray) env = envelope (samples, from, to);
  GArray *phrases = g_array_new (FALSE, FALSE, sizeof (Phrase));
  Phrase phrase = { -1, -1 };
  guint quiet = 0;

  from = MAX (from, 0);
  for (guint i = 0; i < env->len; i++)
    {
      gint64 at = from + (gint64) i * WINDOW;

      if (g_array_index (env, double, i) > THRESHOLD / 3)
        {
          if (phrase.start < 0)
            phrase.start = at;
          phrase.end = at + WINDOW;
          quiet = 0;
        }
      else if (phrase.start >= 0 && ++quiet >= 10)
        {
          g_array_append_val (phrases, phrase);
          phrase.start = phrase.end = -1;
        }
    }
  if (phrase.start >= 0)
    g_array_append_val (phrases, phrase);
  return phrases;
}

/* How closely the speech in [@from, @to) of @samples follows @words, phrase by phrase: espeak
 * words the same text with pauses a few tens of milliseconds longer or shorter from one render to
 * the next, so each phrase of @words is aligned on its own (within ±150 ms, in steps of 1 ms, as a
 * spiky 10 ms envelope needs) with the phrase of the same rank in @samples, comparing windows from
 * @clean on. The mean of the phrases' correlations; *@n_phrases, *@n_words: how many phrases
 * each has (only as many as both have are compared). */
static double
phrase_match (GArray *words,
              GArray *samples,
              gint64  from,
              gint64  to,
              gint64  clean,
              guint  *n_phrases,
              guint  *n_words)
{
  g_autoptr(GArray) heard = find_phrases (samples, from, to);
  g_autoptr(GArray) said = find_phrases (words, 0, words->len);
  g_autofree double *power = power_sums (samples);
  g_autoptr(GString) detail = g_string_new (NULL);
  double sum = 0;
  guint n = MIN (heard->len, said->len);

  for (guint p = 0; p < n; p++)
    {
      Phrase *h = &g_array_index (heard, Phrase, p);
      Phrase *w = &g_array_index (said, Phrase, p);
      g_autoptr(GArray) reference = envelope (words, w->start, w->end);
      double best = -1;

      for (gint64 at = h->start - RATE * 15 / 100; at <= h->start + RATE * 15 / 100;
           at += RATE / 1000)
        best = MAX (best, match_at (reference, power, samples->len, at, clean));
      g_string_append_printf (detail, " %.3f", best);
      sum += best;
    }
  g_test_message ("    %u phrases heard, %u said; correlations:%s", heard->len, said->len,
                  detail->str);

  *n_phrases = heard->len;
  *n_words = said->len;
  return n > 0 ? sum / n : 0;
}

/* The espeak elements GStreamer makes, seen through a tracer hook: the voice and text each was
 * given. Black-box: nothing in Unknot is asked. */

typedef struct {
  GstTracer parent_instance;
} TestTracer;

typedef struct {
  GstTracerClass parent_class;
} TestTracerClass;

GType test_tracer_get_type (void);
G_DEFINE_TYPE (TestTracer, test_tracer, GST_TYPE_TRACER)

static void
test_tracer_class_init (TestTracerClass *klass)
{
}

static void
test_tracer_init (TestTracer *self)
{
}

static GMutex     seen_lock;
static GPtrArray *seen_voices;   /* "voice\ntext" as each espeak element had them set */

static void
on_espeak_notify (GObject    *element,
                  GParamSpec *pspec,
                  gpointer    data)
{
  g_autofree char *voice = NULL;
  g_autofree char *text = NULL;

  g_object_get (element, "voice", &voice, "text", &text, NULL);
  if (voice == NULL || text == NULL)
    return;
  g_mutex_lock (&seen_lock);
  g_ptr_array_add (seen_voices, g_strconcat (voice, "\n", text, NULL));
  g_mutex_unlock (&seen_lock);
}

static void
on_element_new (GstTracer  *tracer,
                guint64     ts,
                GstElement *element)
{
  GstElementFactory *factory = gst_element_get_factory (element);

  /* Set together by g_object_set(): the notifications come once both are set. */
  if (factory != NULL && g_str_equal (GST_OBJECT_NAME (factory), "espeak"))
    g_signal_connect (element, "notify::text", G_CALLBACK (on_espeak_notify), NULL);
}

static GstTracer *
watch_espeak_elements (void)
{
  static GstTracer *tracer;

  if (tracer == NULL)
    {
      tracer = g_object_new (test_tracer_get_type (), NULL);
      seen_voices = g_ptr_array_new_with_free_func (g_free);
      gst_tracing_register_hook (tracer, "element-new", G_CALLBACK (on_element_new));
    }
  g_mutex_lock (&seen_lock);
  g_ptr_array_set_size (seen_voices, 0);
  g_mutex_unlock (&seen_lock);
  return tracer;
}

/* The voices espeak has, by language code ("de", "en"...). */
static gboolean
espeak_has_voice (const char *code)
{
  g_autoptr(GstElement) espeak = gst_element_factory_make ("espeak", NULL);
  GValueArray *voices = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (espeak);
  g_object_get (espeak, "voices", &voices, NULL);
  g_assert_nonnull (voices);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  for (guint i = 0; i < voices->n_values && !found; i++)
    {
      /* Each is (name, language). */
      GValueArray *voice = g_value_get_boxed (g_value_array_get_nth (voices, i));

      found = voice != NULL && voice->n_values >= 2
              && g_strcmp0 (g_value_get_string (g_value_array_get_nth (voice, 1)), code) == 0;
    }
  g_value_array_free (voices);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return found;
}

static GBytes *
render (const char *text,
        const char *voice)
{
  g_autoptr(GError) error = NULL;
  GBytes *pcm = unknot_cue_player_render_speech (text, voice, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pcm);
  return pcm;
}

/* Test A: the words and the voice, rendered to a WAV file */

static void
test_announcement (void)
{
  g_autoptr(UnknotRoutine) routine = load_routine (routine_json);
  UnknotCatalogue *catalogue = test_get_catalogue ();
  UnknotStep *first = unknot_routine_get_step (routine, 0);
  UnknotStep *second = unknot_routine_get_step (routine, 1);
  g_autofree char *english = NULL;
  g_autofree char *english_side = NULL;
  g_autofree char *german = NULL;
  g_autofree char *german_side = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_side = NULL;
  g_autofree char *wav = g_build_filename (tmp_dir, "announcement-de.wav", NULL);
  g_autofree char *seen = NULL;
  g_autoptr(GBytes) pcm_de = NULL;
  g_autoptr(GBytes) pcm_de_again = NULL;
  g_autoptr(GBytes) pcm_en = NULL;
  g_autoptr(GArray) samples_de = NULL;
  g_autoptr(GArray) samples_de_again = NULL;
  g_autoptr(GArray) samples_en = NULL;
  const char *voice;
  double same, other, voiced, length_change;
  guint n_heard, n_said;

  require_espeak ();

  /* English first: the words as written in the source. */
  switch_language ("en");
  g_assert_cmpstr (unknot_i18n_get_espeak_voice (), ==, "en");
  english = unknot_speech_for_step (routine, first, UNKNOT_SIDE_NONE, catalogue);
  english_side = unknot_speech_for_step (routine, second, UNKNOT_SIDE_LEFT, catalogue);
  g_assert_cmpstr (english, ==, "Kneading. Shoulders. 1 minute.");
  g_assert_cmpstr (english_side, ==, "Stretching. Lower back, left side. 1 minute 30 seconds.");

  /* German, as Preferences switches it. */
  switch_language ("de");
  voice = unknot_i18n_get_espeak_voice ();
  g_assert_cmpstr (voice, ==, "de");
  g_assert_false (unknot_i18n_is_rtl ());

  german = unknot_speech_for_step (routine, first, UNKNOT_SIDE_NONE, catalogue);
  german_side = unknot_speech_for_step (routine, second, UNKNOT_SIDE_LEFT, catalogue);
  expected = expected_words ("Kneading", "Shoulders", 1, 0);
  g_test_message ("announcement in German: \"%s\"; with a side: \"%s\"", german, german_side);
  g_assert_cmpstr (german, ==, expected);
  /* Each part comes from the German catalogue: none is left in English. */
  g_assert_cmpstr (german, !=, english);
  g_assert_null (strstr (german, "Kneading"));
  g_assert_null (strstr (german, "Shoulders"));
  g_assert_null (strstr (german, "minute"));
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "technique", "Kneading"), !=, "Kneading");
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "area", "Shoulders"), !=, "Shoulders");

  /* With a side and a two-part duration: the side's words and the duration's joiner too. */
  {
    g_autofree char *m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                       "%u minutes", 1), 1);
    g_autofree char *s = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second",
                                                       "%u seconds", 30), 30);
    g_autofree char *duration = g_strdup_printf (g_dpgettext2 (GETTEXT_PACKAGE, "duration",
                                                               "%s %s"), m, s);

    expected_side = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%s. %s, %s. %s."),
                                     g_dpgettext2 (GETTEXT_PACKAGE, "technique", "Stretching"),
                                     g_dpgettext2 (GETTEXT_PACKAGE, "area", "Lower back"),
                                     g_dpgettext2 (GETTEXT_PACKAGE, "spoken", "left side"),
                                     duration);
  }
  g_assert_cmpstr (german_side, ==, expected_side);
  g_assert_cmpstr (german_side, !=, english_side);
  g_assert_null (strstr (german_side, "left side"));
  g_assert_null (strstr (german_side, "seconds"));

  /* espeak has a German voice, and the element made for the announcement was given it, with the
   * German words. */
  g_assert_true (espeak_has_voice ("de"));
  watch_espeak_elements ();
  pcm_de = render (german, voice);
  g_mutex_lock (&seen_lock);
  g_assert_cmpuint (seen_voices->len, >=, 1);
  seen = g_strdup (g_ptr_array_index (seen_voices, seen_voices->len - 1));
  g_mutex_unlock (&seen_lock);
  {
    g_autofree char *wanted = g_strconcat ("de\n", german, NULL);

    g_assert_cmpstr (seen, ==, wanted);
  }

  /* Into a WAV file, and read back from it: speech, not silence or a click. */
  write_wav (wav, pcm_de);
  samples_de = read_wav (wav);
  g_assert_cmpuint (samples_de->len * 2, ==, g_bytes_get_size (pcm_de));
  voiced = voiced_seconds (samples_de);
  g_test_message ("German voice: %.3f s rendered, %.3f s of it above 1%% of full scale "
                  "(%s)", seconds (samples_de), voiced, wav);
  g_assert_cmpfloat (seconds (samples_de), >, 1.0);
  g_assert_cmpfloat (seconds (samples_de), <, 6.0);
  g_assert_cmpfloat (voiced, >, 0.5);

  /* The voice changed: the German voice says the words the same way twice (espeak is not exact to
   * the sample from one render to the next, so loudness contours are compared), the English
   * voice measurably differently. */
  pcm_de_again = render (german, "de");
  pcm_en = render (german, "en");
  samples_de_again = bytes_to_samples (pcm_de_again);
  samples_en = bytes_to_samples (pcm_en);
  g_assert_cmpfloat (voiced_seconds (samples_en), >, 0.5);

  length_change = fabs (seconds (samples_en) - seconds (samples_de)) / seconds (samples_de);
  g_test_message ("German voice again: %.3f s; its loudness, phrase by phrase, against the first "
                  "render:", seconds (samples_de_again));
  same = phrase_match (samples_de, samples_de_again, 0, samples_de_again->len, 0, &n_heard,
                       &n_said);
  g_assert_cmpuint (n_heard, ==, n_said);
  g_assert_cmpfloat (same, >, 0.95);
  g_assert_cmpfloat (fabs (seconds (samples_de_again) - seconds (samples_de)), <, 0.1);

  g_test_message ("English voice: %.3f s (%.0f%% longer or shorter); against the German voice:",
                  seconds (samples_en), length_change * 100);
  other = phrase_match (samples_de, samples_en, 0, samples_en->len, 0, &n_heard, &n_said);
  g_test_message ("same words, German voice twice r = %.3f; German and English voices r = %.3f",
                  same, other);
  if (!(other < same - 0.1 || n_heard != n_said))
    g_error ("The English voice says the German words as the German voice does (r = %.3f, "
             "against %.3f for the German voice twice): the voice did not change", other, same);

  g_remove (wav);
  switch_language ("en");
}

/* Test B: the cue player, given the interface language's voice, plays the German words */

typedef struct {
  GMainLoop          *loop;
  UnknotCuePlayer    *player;
  UnknotCueScheduler *scheduler;
  UnknotSession      *session;
  char               *text;
  gint64              due;        /* the first step's start, monotonic */
} Run;

static gboolean
poll_speech_ready (gpointer data)
{
  Run *run = data;

  if (!unknot_cue_player_is_speech_ready (run->player, run->text))
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_loop (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
on_cue (UnknotSession *session,
        UnknotCueKind  kind,
        int            step,
        guint          value,
        gint64         due,
        Run           *run)
{
  if (kind == UNKNOT_CUE_STEP_START && step == 0)
    run->due = due;
}

static void
on_state_changed (UnknotSession *session,
                  GParamSpec    *pspec,
                  Run           *run)
{
  /* The finish sound still has to be written. */
  if (unknot_session_get_state (session) == UNKNOT_SESSION_FINISHED)
    g_timeout_add (300, quit_loop, run->loop);
}

/* Puts a stand-in for the speech helper in @dir, which notes each request (the voice, then the
 * text, one line each) in @log before handing it to the real helper. */
static char *
wrap_speech_helper (const char *dir,
                    const char *log)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  char *path;

  g_assert_nonnull (g_getenv ("UNKNOT_SPEECH_HELPER"));
  path = g_build_filename (dir, "unknot-speech", NULL);
  script = g_strdup_printf ("#!/bin/sh\n"
                            "text=$(cat)\n"
                            "printf '%%s\\n%%s\\n' \"$1\" \"$text\" >> '%s'\n"
                            "printf '%%s' \"$text\" | exec '%s' \"$@\"\n",
                            log, g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static gboolean
on_too_long (gpointer data)
{
  g_error ("%s", (const char *) data);
  return G_SOURCE_REMOVE;
}

static void
test_played (void)
{
  /* One step of four seconds: the chime and the words as it begins, then the finish. */
  static const char short_json[] =
    "{ \"format\": 1, \"id\": \"speech-played\", \"name\": \"Speech played\",\n"
    "  \"description\": \"\", \"preparation\": 0, \"steps\": [\n"
    "  { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 4 } ] }\n";
  g_autoptr(UnknotRoutine) routine = load_routine (short_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) recording = NULL;
  g_autoptr(GBytes) pcm_de = NULL;
  g_autoptr(GBytes) pcm_en = NULL;
  g_autoptr(GArray) words_de = NULL;
  g_autoptr(GArray) words_en = NULL;
  g_autoptr(GBytes) chime = NULL;
  g_autofree char *seen = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *real_helper = g_strdup (g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_autofree char *dir = g_dir_make_tmp ("unknot-speech-XXXXXX", NULL);
  g_autofree char *log = g_build_filename (dir, "asked.txt", NULL);
  g_autofree char *wrapper = NULL;
  Run run = { 0 };
  gint64 boundary, chime_end, step_end, origin;
  double match_de, match_en;
  guint n_heard, n_said;
  guint timeout;

  require_espeak ();
  switch_language ("de");

  run.loop = g_main_loop_new (NULL, FALSE);
  run.player = unknot_cue_player_new ();
  /* As the application does at startup and after each switch. */
  unknot_cue_player_set_voice (run.player, unknot_i18n_get_espeak_voice ());
  g_assert_cmpstr (unknot_cue_player_get_voice (run.player), ==, "de");
  run.scheduler = unknot_cue_scheduler_new (run.player, test_get_catalogue ());
  g_object_set (run.scheduler, "speak", TRUE, "ticks", FALSE, NULL);
  g_assert_true (unknot_cue_player_has_speech (run.player));

  run.text = unknot_speech_for_step (routine, unknot_routine_get_step (routine, 0),
                                     UNKNOT_SIDE_NONE, test_get_catalogue ());
  g_assert_null (strstr (run.text, "Kneading"));
  chime = unknot_cue_player_get_sound (run.player,
                                       unknot_step_get_cue_sound (unknot_routine_get_step (routine,
                                                                                           0)),
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (chime);

  g_assert_true (unknot_cue_player_open (run.player, &error));
  g_assert_no_error (error);
  run.session = unknot_session_new (routine, unknot_clock_get_system ());
  unknot_session_set_preparation (run.session, 0);
  g_signal_connect (run.session, "cue", G_CALLBACK (on_cue), &run);
  g_signal_connect (run.session, "notify::state", G_CALLBACK (on_state_changed), &run);

  /* The words are rendered ahead, by the speech helper, in the player's voice, before Start. */
  wrapper = wrap_speech_helper (dir, log);
  g_setenv ("UNKNOT_SPEECH_HELPER", wrapper, TRUE);
  unknot_cue_scheduler_set_session (run.scheduler, run.session);
  timeout = g_timeout_add_seconds (10, on_too_long, (gpointer) "The German words were not ready "
                                   "10 s after the routine was set up");
  g_timeout_add (10, poll_speech_ready, &run);
  g_main_loop_run (run.loop);
  g_source_remove (timeout);

  g_setenv ("UNKNOT_SPEECH_HELPER", real_helper, TRUE);
  g_file_get_contents (log, &asked, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("the speech helper was asked for (voice, then text):\n%s", asked);
  seen = g_strconcat ("de\n", run.text, "\n", NULL);
  g_assert_nonnull (strstr (asked, seen));

  timeout = g_timeout_add_seconds (12, on_too_long, (gpointer) "The routine did not finish");
  unknot_session_start (run.session);
  g_main_loop_run (run.loop);
  g_source_remove (timeout);
  g_assert_cmpint (run.due, >, 0);
  origin = unknot_cue_player_get_stream_time (run.player, run.due);
  close_and_wait (run.player);

  recording = read_wav (played_path);
  g_test_message ("recording: %.3f s; the step began %.3f s in", seconds (recording),
                  origin / (double) G_USEC_PER_SEC);
  boundary = MAX (origin, 0) * RATE / G_USEC_PER_SEC;

  /* The words come in as the step's sound fades: look for them from halfway through the sound
   * to half a second after its end, comparing loudness only once the sound is over. They follow
   * the German voice's contour closely, and the English voice's saying the same words less. */
  pcm_de = render (run.text, "de");
  pcm_en = render (run.text, "en");
  words_de = bytes_to_samples (pcm_de);
  words_en = bytes_to_samples (pcm_en);
  chime_end = boundary + (gint64) g_bytes_get_size (chime) / 2;
  step_end = boundary + (gint64) unknot_step_get_duration (unknot_routine_get_step (routine, 0))
                        * RATE - RATE / 20;
  g_test_message ("the words after the sound (%.0f ms long), against the German voice:",
                  to_msec (chime_end - boundary));
  match_de = phrase_match (words_de, recording, chime_end, step_end, chime_end, &n_heard,
                           &n_said);
  g_assert_cmpuint (n_heard, ==, n_said);
  g_test_message ("against the English voice:");
  match_en = phrase_match (words_en, recording, chime_end, step_end, chime_end, &n_heard,
                           &n_said);
  g_test_message ("the recording follows the German voice with r = %.3f, the English voice with "
                  "r = %.3f", match_de, match_en);
  {
    g_autoptr(GArray) after = envelope (recording, chime_end, chime_end + RATE * 2);
    guint loud = 0;

    for (guint i = 0; i < after->len; i++)
      if (g_array_index (after, double, i) > THRESHOLD)
        loud++;
    g_test_message ("%u of %u windows of 10 ms in the 2 s after the sound are louder than 1%%",
                    loud, after->len);
    g_assert_cmpuint (loud, >, 50);
  }
  g_assert_cmpfloat (match_de, >, 0.9);
  g_assert_cmpfloat (match_de, >, match_en + 0.1);

  g_clear_object (&run.scheduler);
  g_clear_object (&run.session);
  g_clear_object (&run.player);
  g_main_loop_unref (run.loop);
  g_free (run.text);
  g_remove (played_path);
  g_remove (log);
  g_remove (wrapper);
  g_rmdir (dir);
  switch_language ("en");
}

/* Lists of areas and tools (the library's rows, a routine's page) use the language's own
 * separator: Arabic writes "، ", not ", ". */
static void
test_list_separator (void)
{
  guint mask = (1u << UNKNOT_AREA_NECK) | (1u << UNKNOT_AREA_SHOULDERS);
  g_autofree char *english = NULL;
  g_autofree char *arabic = NULL;
  g_autofree char *expected = NULL;
  const char *separator;

  switch_language ("en");
  english = unknot_areas_to_text (mask);
  g_assert_cmpstr (english, ==, "Neck, Shoulders");

  switch_language ("ar");
  separator = g_dpgettext2 (GETTEXT_PACKAGE, "list separator", ", ");
  g_assert_cmpstr (separator, !=, ", ");
  expected = g_strconcat (unknot_area_get_label (UNKNOT_AREA_NECK), separator,
                          unknot_area_get_label (UNKNOT_AREA_SHOULDERS), NULL);
  arabic = unknot_areas_to_text (mask);
  g_assert_cmpstr (arabic, ==, expected);

  switch_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything translates, as main() does. */
  initial_language_env = g_strdup (g_getenv ("LANGUAGE"));
  unknot_i18n_init (NULL);

  tmp_dir = g_dir_make_tmp ("unknot-speech-XXXXXX", &error);
  g_assert_no_error (error);
  played_path = g_build_filename (tmp_dir, "played.wav", NULL);
  /* Set once, before any thread starts (setenv is not thread-safe). */
  record_to_wav (played_path);

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/speech-voice/list-separator", test_list_separator);
  g_test_add_func ("/speech-voice/announcement", test_announcement);
  g_test_add_func ("/speech-voice/played", test_played);
  status = g_test_run ();

  /* Kept for a look when a test failed (it stops at the failure, before removing its file). */
  g_rmdir (tmp_dir);
  g_free (played_path);
  g_free (tmp_dir);
  return status;
}
