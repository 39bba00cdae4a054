/* test-speech-helper.c: announcements are rendered in a process of their own
 *
 * The helper (media/unknot-speech.c) turns a text into sound; the cue player runs it once per
 * announcement. These tests run the real helper, and stand-ins that crash or are missing, and
 * check that a failure is said once and costs only the words: Unknot itself carries on. A
 * stand-in that holds its answers checks what the player keeps when the voice changes while
 * renders are running.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gst/gst.h>
#include <signal.h>
#include <unistd.h>

#include "unknot-cue-player.h"
#include "unknot-sound-file.h"
#include "unknot-test-util.h"
#include "unknot-wav-util.h"

typedef struct {
  GBytes *out;
  char   *err;
  int     status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_bytes_unref);
  g_clear_pointer (&run->err, g_free);
}

/* Runs the real helper with @argv_tail, @input on its stdin. The input comes from a file, not a
 * pipe: a helper that refuses its input may exit before reading it, and writing the rest into
 * a pipe nobody reads would fail, or kill the test, however slow the machine happens to be. */
static void
run_helper (const char  *input,
            gsize        input_len,
            const char **argv_tail,
            Run         *run)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_path = NULL;
  int fd;

  fd = g_file_open_tmp ("unknot-speech-input-XXXXXX", &in_path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (in_path, input, (gssize) input_len, &error);
  g_assert_no_error (error);
  g_subprocess_launcher_set_stdin_file_path (launcher, in_path);

  g_ptr_array_add (argv, (gpointer) g_getenv ("UNKNOT_SPEECH_HELPER"));
  for (guint i = 0; argv_tail[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) argv_tail[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &run->out, &err, &error);
  g_assert_no_error (error);
  g_unlink (in_path);
  run->status = g_subprocess_get_exit_status (process);
  run->err = g_bytes_get_size (err) > 0
             ? g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err))
             : g_strdup ("");
}

static void
test_renders (void)
{
  static const char *english[] = { "en", NULL };
  static const char text[] = "Kneading. Shoulders. 1 minute.";
  g_autoptr(GArray) samples = NULL;
  Run run = { 0 };

  require_espeak ();

  /* Words in, 48 kHz mono samples out: over a second of speech. */
  run_helper (text, strlen (text), english, &run);
  g_assert_cmpint (run.status, ==, 0);
  /* (LeakSanitizer may list the suppressions it used, in the sanitized build.) */
  g_assert_null (strstr (run.err, "WARNING"));
  g_assert_null (strstr (run.err, "CRITICAL"));
  g_assert_cmpuint (g_bytes_get_size (run.out) % 2, ==, 0);
  samples = bytes_to_samples (run.out);
  g_test_message ("%.2f s rendered, %.2f s voiced", samples->len / (double) RATE,
                  voiced_seconds (samples));
  g_assert_cmpfloat (voiced_seconds (samples), >, 1.0);
  run_clear (&run);

  /* Nothing to say is no sound, not a crash (the espeak element dies on an empty text). */
  run_helper ("", 0, english, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
  run_clear (&run);
  run_helper (" \n\t", 3, english, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
  run_clear (&run);
}

/* A routine's 80-character name in a script the voice lacks (Ethiopic: espeak spells it sign by
 * sign) would take over a minute to say; the announcement ends at the limit, fading out. */
static void
test_time_limit (void)
{
  static const char *english[] = { "en", NULL };
  g_autoptr(GString) text = g_string_new ("Get ready for ");
  g_autoptr(GArray) samples = NULL;
  double seconds;
  Run run = { 0 };

  require_espeak ();

  while (g_utf8_strlen (text->str, -1) < 14 + 80)
    g_string_append (text, "ሰላም ዓለም ");
  g_string_append (text, ". First: Kneading.");
  run_helper (text->str, text->len, english, &run);
  g_assert_cmpint (run.status, ==, 0);
  samples = bytes_to_samples (run.out);
  seconds = samples->len / (double) RATE;
  g_test_message ("%.2f s rendered", seconds);
  g_assert_cmpfloat (seconds, <=, UNKNOT_SPEECH_MAX_SECONDS);
  g_assert_cmpfloat (seconds, >, UNKNOT_SPEECH_MAX_SECONDS - 1);
  /* It ends in silence, not in the middle of a sound. */
  g_assert_cmpint (ABS (g_array_index (samples, gint16, samples->len - 1)), <, 64);
  run_clear (&run);
}

static void
test_bad_input (void)
{
  static const char *english[] = { "en", NULL };
  static const char *none[] = { NULL };
  static const char nul[] = "Knead\0ing";
  static const char invalid[] = "Kn\xff\xfe ading";
  g_autofree char *long_text = g_strnfill (64 * 1024 + 1, 'a');
  Run run = { 0 };

  /* A NUL byte, bytes that are not UTF-8, too long a text: refused, with the reason. */
  run_helper (nul, sizeof nul - 1, english, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (run.out), ==, 0);
  g_assert_nonnull (strstr (run.err, "not valid UTF-8"));
  run_clear (&run);

  run_helper (invalid, sizeof invalid - 1, english, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not valid UTF-8"));
  run_clear (&run);

  run_helper (long_text, strlen (long_text), english, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "too long"));
  run_clear (&run);

  /* No voice: how to call it. */
  run_helper ("Hello", 5, none, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "usage:"));
  run_clear (&run);
}

typedef struct {
  GMainLoop *loop;
  GError    *error;
  guint      n_errors;
} Watch;

static void
on_error (UnknotCuePlayer *player,
          GError          *error,
          Watch           *watch)
{
  watch->n_errors++;
  g_clear_error (&watch->error);
  watch->error = g_error_copy (error);
  g_main_loop_quit (watch->loop);
}

static gboolean
on_timeout (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Asks @player for @text and waits up to @seconds for an error. */
static void
prepare_and_wait (UnknotCuePlayer *player,
                  const char      *text,
                  Watch           *watch,
                  guint            seconds)
{
  guint timeout = g_timeout_add_seconds (seconds, on_timeout, watch->loop);

  unknot_cue_player_prepare_speech (player, text);
  if (watch->n_errors == 0)
    g_main_loop_run (watch->loop);
  g_source_remove (timeout);
}

static void
test_helper_crashes (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *crasher = g_build_filename (dir, "unknot-speech", NULL);
  g_autofree char *marker = g_build_filename (dir, "ran", NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\ncat > /dev/null\necho x >> '%s'\n"
                                             "kill -SEGV $$\n", marker);
  g_autofree char *real = g_strdup (g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_autofree char *ran = NULL;
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();
  g_autoptr(GError) error = NULL;
  Watch watch = { g_main_loop_new (NULL, FALSE), NULL, 0 };

  g_file_set_contents (crasher, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (crasher, 0755), ==, 0);
  g_setenv ("UNKNOT_SPEECH_HELPER", crasher, TRUE);
  g_signal_connect (player, "error", G_CALLBACK (on_error), &watch);

  /* The synthesiser dies on a text: this process lives on and says so, once. */
  prepare_and_wait (player, "Kneading. Shoulders.", &watch, 10);
  g_assert_cmpuint (watch.n_errors, ==, 1);
  g_test_message ("%s", watch.error->message);
  g_assert_nonnull (strstr (watch.error->message, "Spoken announcements are off"));
  g_assert_nonnull (strstr (watch.error->message, "signal 11"));
  g_assert_false (unknot_cue_player_is_speech_ready (player, "Kneading. Shoulders."));

  /* Speech stays off for this player: no further helper runs, nothing more is said. */
  prepare_and_wait (player, "Stretching. Lower back.", &watch, 1);
  g_assert_cmpuint (watch.n_errors, ==, 1);
  g_file_get_contents (marker, &ran, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ran, ==, "x\n");

  g_setenv ("UNKNOT_SPEECH_HELPER", real, TRUE);
  g_clear_error (&watch.error);
  g_main_loop_unref (watch.loop);
  test_remove_tree (dir);
}

static void
test_helper_missing (void)
{
  g_autofree char *real = g_strdup (g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();
  Watch watch = { g_main_loop_new (NULL, FALSE), NULL, 0 };

  /* An installation without the helper: one clear message, and the sounds go on. */
  g_setenv ("UNKNOT_SPEECH_HELPER", "/nonexistent/unknot-speech", TRUE);
  g_signal_connect (player, "error", G_CALLBACK (on_error), &watch);
  prepare_and_wait (player, "Kneading. Shoulders.", &watch, 5);
  g_assert_cmpuint (watch.n_errors, ==, 1);
  g_test_message ("%s", watch.error->message);
  g_assert_nonnull (strstr (watch.error->message, "Spoken announcements are off"));
  g_assert_nonnull (strstr (watch.error->message, "/nonexistent/unknot-speech"));

  g_setenv ("UNKNOT_SPEECH_HELPER", real, TRUE);
  g_clear_error (&watch.error);
  g_main_loop_unref (watch.loop);
}

static void
test_player_uses_helper (void)
{
  static const char text[] = "Light stroking. Neck.";
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();
  Watch watch = { g_main_loop_new (NULL, FALSE), NULL, 0 };
  gint64 until;

  require_espeak ();

  /* Prepared in the background, ready well within a second or two, no error. */
  g_signal_connect (player, "error", G_CALLBACK (on_error), &watch);
  unknot_cue_player_prepare_speech (player, text);
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!unknot_cue_player_is_speech_ready (player, text) && watch.n_errors == 0
         && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (watch.n_errors, ==, 0);
  g_assert_true (unknot_cue_player_is_speech_ready (player, text));

  /* Only the UNKNOT_SPEECH_CACHE_SIZE newest renderings are kept (a few hundred KB each): one
   * more pushes the oldest out, and asking for it again renders it again. */
  for (guint i = 0; i < UNKNOT_SPEECH_CACHE_SIZE; i++)
    g_ptr_array_add (others, g_strdup_printf ("Kneading. Shoulders. %u minutes.", i + 2));
  for (guint i = 0; i < others->len; i++)
    {
      const char *other = others->pdata[i];

      unknot_cue_player_prepare_speech (player, other);
      until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while (!unknot_cue_player_is_speech_ready (player, other) && watch.n_errors == 0
             && g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (unknot_cue_player_is_speech_ready (player, other));
      /* Until one more than the cache holds, the first is still there. */
      if (i + 2 <= UNKNOT_SPEECH_CACHE_SIZE)
        g_assert_true (unknot_cue_player_is_speech_ready (player, text));
    }
  g_assert_false (unknot_cue_player_is_speech_ready (player, text));
  g_assert_true (unknot_cue_player_is_speech_ready (player, others->pdata[0]));
  unknot_cue_player_prepare_speech (player, text);
  until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!unknot_cue_player_is_speech_ready (player, text) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (unknot_cue_player_is_speech_ready (player, text));
  g_assert_false (unknot_cue_player_is_speech_ready (player, others->pdata[0]));
  g_assert_cmpuint (watch.n_errors, ==, 0);

  g_main_loop_unref (watch.loop);
}

/* Stand-ins that answer at once, or hold their answers */

/* Puts a stand-in for the helper in @dir: it gives back the words it was given as its "samples"
 * (the player never looks into them here), at once, except for a voice whose file "hold-VOICE"
 * is in @dir: that one answers once the file is gone. Renders in flight, for as long as a test
 * needs them to be. */
static char *
holding_helper (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  char *path = g_build_filename (dir, "unknot-speech", NULL);

  script = g_strdup_printf ("#!/bin/sh\n"
                            "text=$(cat)\n"
                            "while [ -e '%s/hold-'\"$1\" ]; do sleep 0.01; done\n"
                            "printf '%%s' \"$text\"\n", dir);
  g_file_set_contents (path, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return path;
}

static void
hold_voice (const char *dir,
            const char *voice,
            gboolean    hold)
{
  g_autofree char *name = g_strconcat ("hold-", voice, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (hold)
    {
      g_file_set_contents (path, "", 0, &error);
      g_assert_no_error (error);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until the player renders nothing more, for at most 10 s. */
static void
wait_for_renders (UnknotCuePlayer *player)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint timer = g_timeout_add (10, wake_up, NULL);

  while (unknot_cue_player_is_rendering (player) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);
  g_assert_false (unknot_cue_player_is_rendering (player));
}

static void
prepare_all (UnknotCuePlayer    *player,
             const char * const *texts)
{
  for (guint i = 0; texts[i] != NULL; i++)
    unknot_cue_player_prepare_speech (player, texts[i]);
}

static void
assert_all_ready (UnknotCuePlayer    *player,
                  const char * const *texts,
                  gboolean            ready)
{
  g_autofree char *described = unknot_cue_player_describe_speech (player);

  g_test_message ("%s", described);
  for (guint i = 0; texts[i] != NULL; i++)
    if (unknot_cue_player_is_speech_ready (player, texts[i]) != ready)
      g_error ("“%s” is %s", texts[i], ready ? "not ready" : "still kept");
}

/* What the scheduler asks for as a language is switched on the first of a routine's steps: the
 * get-ready words, and the next step's in their three forms (with its instructions, without,
 * its technique alone). */
static const char * const english[] = {
  "Get ready for Test. First: Kneading.",
  "Light stroking. Upper back. 1 minute. Glide slowly.",
  "Light stroking. Upper back. 1 minute.",
  "Light stroking.",
  NULL
};
static const char * const german[] = {
  "Gleich geht es los: Test. Zuerst: Kneten.",
  "Leichtes Streichen. Oberer Rücken. 1 Minute. Langsam gleiten.",
  "Leichtes Streichen. Oberer Rücken. 1 Minute.",
  "Leichtes Streichen.",
  NULL
};
static const char * const arabic[] = {
  "استعد لبدء Test. أولًا: العجن.",
  "التمسيد الخفيف. أعلى الظهر. دقيقة واحدة. انزلق ببطء.",
  "التمسيد الخفيف. أعلى الظهر. دقيقة واحدة.",
  "التمسيد الخفيف.",
  NULL
};

/* English, German, Arabic and back to English in quick succession, on a loaded machine: the
 * German and Arabic words are still being rendered when English is back (test-language-switch
 * once waited 30 s in vain for the English words here). English finds its words still kept
 * from the first time; the German and Arabic ones that come in after that are for voices no
 * longer spoken, and must not push the English ones out of the cache: nobody would ask for them
 * again. */
static void
test_voice_switch_late (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *helper = holding_helper (dir);
  g_autofree char *real = g_strdup (g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_autoptr(UnknotCuePlayer) player = NULL;

  g_setenv ("UNKNOT_SPEECH_HELPER", helper, TRUE);
  player = unknot_cue_player_new ();
  g_assert_cmpstr (unknot_cue_player_get_voice (player), ==, "en");
  prepare_all (player, english);
  wait_for_renders (player);
  assert_all_ready (player, english, TRUE);

  /* German and Arabic asked for, their renders still running as English comes back. */
  hold_voice (dir, "de", TRUE);
  hold_voice (dir, "ar", TRUE);
  unknot_cue_player_set_voice (player, "de");
  prepare_all (player, german);
  unknot_cue_player_set_voice (player, "ar");
  prepare_all (player, arabic);
  unknot_cue_player_set_voice (player, "en");
  prepare_all (player, english);
  assert_all_ready (player, english, TRUE);
  g_assert_true (unknot_cue_player_is_rendering (player));

  /* They come in: the English words are still there. */
  hold_voice (dir, "de", FALSE);
  hold_voice (dir, "ar", FALSE);
  wait_for_renders (player);
  assert_all_ready (player, english, TRUE);

  /* The German ones were not kept; asked for again in German, they are rendered again. */
  unknot_cue_player_set_voice (player, "de");
  assert_all_ready (player, german, FALSE);
  prepare_all (player, german);
  wait_for_renders (player);
  assert_all_ready (player, german, TRUE);

  g_setenv ("UNKNOT_SPEECH_HELPER", real, TRUE);
  g_clear_object (&player);
  test_remove_tree (dir);
}

/* Words asked for again while kept count as new: the renderings that follow for the same cues do
 * not push them out. Back on a language used before, the next step's words may be kept from
 * then, the oldest of the cache; the scheduler asks for them again with the forms not kept, and
 * they must still be there when those are rendered. */
static void
test_asked_again_kept (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *helper = holding_helper (dir);
  g_autofree char *real = g_strdup (g_getenv ("UNKNOT_SPEECH_HELPER"));
  g_autoptr(UnknotCuePlayer) player = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  const char *next = english[2];
  const char *fresh = english[1];

  g_setenv ("UNKNOT_SPEECH_HELPER", helper, TRUE);
  player = unknot_cue_player_new ();
  unknot_cue_player_prepare_speech (player, next);
  wait_for_renders (player);
  g_assert_true (unknot_cue_player_is_speech_ready (player, next));

  /* The cache full, @next the oldest in it, then the others in order (one at a time: renders
   * running together come in in any order). */
  for (guint i = 1; i < UNKNOT_SPEECH_CACHE_SIZE; i++)
    {
      g_ptr_array_add (others, g_strdup_printf ("Kneading. Shoulders. %u minutes.", i + 1));
      unknot_cue_player_prepare_speech (player, others->pdata[i - 1]);
      wait_for_renders (player);
    }
  g_assert_true (unknot_cue_player_is_speech_ready (player, next));

  /* Asked for again, with a form not kept: nothing to render for it, and once the other is
   * rendered it is still there; the oldest of the others made room. */
  unknot_cue_player_prepare_speech (player, next);
  g_assert_false (unknot_cue_player_is_rendering (player));
  unknot_cue_player_prepare_speech (player, fresh);
  wait_for_renders (player);
  g_assert_true (unknot_cue_player_is_speech_ready (player, fresh));
  g_assert_true (unknot_cue_player_is_speech_ready (player, next));
  g_assert_false (unknot_cue_player_is_speech_ready (player, others->pdata[0]));
  g_assert_true (unknot_cue_player_is_speech_ready (player, others->pdata[1]));

  g_setenv ("UNKNOT_SPEECH_HELPER", real, TRUE);
  g_clear_object (&player);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* As Unknot's main() does: a helper that ends before reading what the cue player writes to it
   * is an error the player reports, not a signal that ends the program. */
  signal (SIGPIPE, SIG_IGN);

  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

  g_test_add_func ("/speech-helper/renders", test_renders);
  g_test_add_func ("/speech-helper/bad-input", test_bad_input);
  g_test_add_func ("/speech-helper/time-limit", test_time_limit);
  g_test_add_func ("/speech-helper/player-uses-helper", test_player_uses_helper);
  g_test_add_func ("/speech-helper/crashes", test_helper_crashes);
  g_test_add_func ("/speech-helper/missing", test_helper_missing);
  g_test_add_func ("/speech-helper/voice-switch-late", test_voice_switch_late);
  g_test_add_func ("/speech-helper/asked-again-kept", test_asked_again_kept);

  return g_test_run ();
}
