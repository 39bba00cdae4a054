/* test-sound-file.c: a routine's own sound files are data from someone else
 *
 * The player reads and decodes them off the main thread, from a descriptor opened with
 * O_NOFOLLOW below the routine's folder, with caps on the file's size and the decoded length:
 * a FIFO never hangs it, a two-hour silent FLAC is refused without being decoded whole, a link
 * out of the folder is refused. `unknot --validate` (unknot_cli_validate() with the player's
 * check) reports the same sounds, with their JSON path, and a missing one, with exit status 1.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gst/gst.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-cli.h"
#include "unknot-cue-player.h"
#include "unknot-sound-file.h"
#include "unknot-test-util.h"

#define DEADLINE_SECONDS 60   /* a test that hangs (on a FIFO) ends here, failed */

typedef struct {
  char *root;
  char *folder;    /* the routine's */
  char *outside;   /* a folder beside it */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->root = test_make_tmp_dir ();
  f->folder = g_build_filename (f->root, "routine", NULL);
  f->outside = g_build_filename (f->root, "private", NULL);
  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->outside, 0700), ==, 0);
  alarm (DEADLINE_SECONDS);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  alarm (0);
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->folder);
  g_free (f->outside);
}

/* A WAV of @seconds of a quiet tone: 22.05 kHz mono 16 bit, so the player resamples it. */
static char *
write_wav (const char *dir,
           const char *name,
           double      seconds)
{
  const guint32 rate = 22050;
  guint32 n = (guint32) (seconds * rate);
  g_autoptr(GByteArray) wav = g_byte_array_new ();
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  guint32 u32;
  guint16 u16;

#define PUT32(v) (u32 = GUINT32_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u16, 2))
  g_byte_array_append (wav, (guint8 *) "RIFF", 4);
  PUT32 (36 + n * 2);
  g_byte_array_append (wav, (guint8 *) "WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1);
  PUT16 (1);
  PUT32 (rate);
  PUT32 (rate * 2);
  PUT16 (2);
  PUT16 (16);
  g_byte_array_append (wav, (guint8 *) "data", 4);
  PUT32 (n * 2);
  for (guint32 i = 0; i < n; i++)
    PUT16 ((guint16) (gint16) (3000 * ((i / 25) % 2 ? 1 : -1)));
#undef PUT32
#undef PUT16

  g_file_set_contents (path, (const char *) wav->data, wav->len, &error);
  g_assert_no_error (error);
  return path;
}

/* Two hours of silence as FLAC: about 160 KB on disk, 660 MB once decoded to the player's
 * format. Made with GStreamer, as a person could. */
static char *
write_silent_flac (const char *dir)
{
  char *path = g_build_filename (dir, "silence.flac", NULL);
  g_autofree char *description =
    g_strdup_printf ("audiotestsrc wave=silence samplesperbuffer=8000 num-buffers=7200 ! "
                     "audio/x-raw,rate=8000,channels=1,format=S16LE ! flacenc blocksize=4608 ! "
                     "filesink location=\"%s\"", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  struct stat st;

  g_assert_no_error (error);
  bus = gst_element_get_bus (pipeline);
  gst_element_set_state (pipeline, GST_STATE_PLAYING);
  message = gst_bus_timed_pop_filtered (bus, 50 * GST_SECOND, GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
  g_assert_nonnull (message);
  g_assert_cmpint (GST_MESSAGE_TYPE (message), ==, GST_MESSAGE_EOS);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 1024 * 1024);
  return path;
}

typedef struct {
  gboolean  done;
  GError   *error;
} Loaded;

static void
on_sound_loaded (UnknotCuePlayer *player,
                 const char      *name,
                 const char      *base_dir,
                 const GError    *error,
                 Loaded          *loaded)
{
  loaded->done = TRUE;
  g_clear_error (&loaded->error);
  loaded->error = error ? g_error_copy (error) : NULL;
}

/* Iterates the main context until the load is done, at most @seconds. */
static gboolean
wait_loaded (Loaded *loaded,
             guint   seconds)
{
  gint64 until = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!loaded->done && g_get_monotonic_time () < until)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return loaded->done;
}

/* What the player makes of the sound @name in @folder: asked for on the main thread, which
 * must not block (the load runs on a thread of the player's); then the samples, or NULL with
 * @error. */
static GBytes *
player_load (const char  *folder,
             const char  *name,
             GError     **error)
{
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();
  g_autoptr(GError) pending = NULL;
  Loaded loaded = { FALSE, NULL };
  gint64 asked;
  GBytes *pcm;

  g_signal_connect (player, "sound-loaded", G_CALLBACK (on_sound_loaded), &loaded);
  asked = g_get_monotonic_time ();
  pcm = unknot_cue_player_get_sound (player, name, folder, &pending);
  /* Asking returned at once, whatever the file is. */
  g_assert_cmpint (g_get_monotonic_time () - asked, <, G_USEC_PER_SEC);
  g_assert_null (pcm);
  g_assert_error (pending, G_IO_ERROR, G_IO_ERROR_PENDING);

  g_assert_true (wait_loaded (&loaded, 50));
  if (loaded.error != NULL)
    {
      g_propagate_error (error, loaded.error);
      return NULL;
    }
  pcm = unknot_cue_player_get_sound (player, name, folder, error);
  g_assert_nonnull (pcm);
  return pcm;
}

static glong
max_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static void
test_good_sound (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sounds = g_build_filename (f->folder, "sounds", NULL);
  g_autofree char *wav = NULL;
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sounds, 0700), ==, 0);
  wav = write_wav (sounds, "bowl.wav", 1.0);
  pcm = player_load (f->folder, "sounds/bowl.wav", &error);
  g_assert_no_error (error);
  /* One second at 48 kHz, 16-bit mono, give or take the resampler's edges. */
  g_assert_cmpuint (g_bytes_get_size (pcm), >, 95000);
  g_assert_cmpuint (g_bytes_get_size (pcm), <, 97000);
}

static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->folder, "bowl.wav", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* Nothing writes to it: an open that waited would wait for ever (the alarm ends the test). */
  fd = unknot_sound_file_open (f->folder, "bowl.wav", &error);
  g_assert_cmpint (fd, ==, -1);
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a sound file"));
  g_clear_error (&error);

  g_assert_null (player_load (f->folder, "bowl.wav", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not a sound file"));
}

static void
test_long_silence (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *flac = write_silent_flac (f->folder);
  g_autoptr(GError) error = NULL;
  glong before = max_rss_kib ();
  glong after;

  g_assert_true (g_file_test (flac, G_FILE_TEST_IS_REGULAR));
  g_assert_null (player_load (f->folder, "silence.flac", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "longer than 10 s"));

  /* Refused at ten seconds (under 1 MB of samples), not decoded whole (660 MB). */
  after = max_rss_kib ();
  g_test_message ("peak resident memory: %ld KiB before, %ld KiB after", before, after);
  g_assert_cmpint (after - before, <, 64 * 1024);
}

static void
test_too_long (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *ok = write_wav (f->folder, "nine.wav", 9.5);
  g_autofree char *long_one = write_wav (f->folder, "eleven.wav", 11);
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (ok, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (long_one, G_FILE_TEST_IS_REGULAR));
  /* Up to the cap is a cue; past it is not. */
  pcm = player_load (f->folder, "nine.wav", &error);
  g_assert_no_error (error);
  g_assert_null (player_load (f->folder, "eleven.wav", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "longer than 10 s"));
}

static void
test_not_sound (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *text = test_write_file (f->folder, "notes.ogg", "not a sound at all\n");
  g_autofree char *big = g_build_filename (f->folder, "huge.wav", NULL);
  g_autofree char *dir = g_build_filename (f->folder, "folder.wav", NULL);
  g_autoptr(GError) error = NULL;
  FILE *file;

  g_assert_true (g_file_test (text, G_FILE_TEST_IS_REGULAR));
  g_assert_null (player_load (f->folder, "notes.ogg", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "it is not a sound file that can be played");
  g_clear_error (&error);

  /* 500 MB that take no disk (sparse): refused by its size, never read. */
  file = fopen (big, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 500 * 1024 * 1024), ==, 0);
  fclose (file);
  g_assert_null (player_load (f->folder, "huge.wav", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "larger than 8 MB"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_null (player_load (f->folder, "folder.wav", &error));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);

  g_assert_null (player_load (f->folder, "gone.wav", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "it was not found beside the routine");
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *secret = write_wav (f->outside, "secret.wav", 0.5);
  g_autofree char *inside = write_wav (f->folder, "real.wav", 0.5);
  g_autofree char *link_out = g_build_filename (f->folder, "bowl.wav", NULL);
  g_autofree char *link_in = g_build_filename (f->folder, "alias.wav", NULL);
  g_autofree char *link_dir = g_build_filename (f->folder, "sounds", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (symlink (secret, link_out), ==, 0);
  g_assert_cmpint (symlink ("real.wav", link_in), ==, 0);
  g_assert_cmpint (symlink (f->outside, link_dir), ==, 0);

  /* A playable file, but outside: refused, saying so. */
  g_assert_null (player_load (f->folder, "bowl.wav", &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "it is a symbolic link to a file outside the routine's folder");
  g_clear_error (&error);

  /* A folder on the way that is a link out. */
  g_assert_null (player_load (f->folder, "sounds/secret.wav", &error));
  g_assert_cmpstr (error->message, ==,
                   "it is a symbolic link to a file outside the routine's folder");
  g_clear_error (&error);

  /* A link inside is not followed either: the file itself is named, never a link to it. */
  g_assert_null (player_load (f->folder, "alias.wav", &error));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);

  /* The routine's folder itself may be reached through a link. */
  {
    g_autofree char *via = g_build_filename (f->root, "via-link", NULL);
    g_autoptr(GBytes) pcm = NULL;

    g_assert_cmpint (symlink (f->folder, via), ==, 0);
    pcm = player_load (via, "real.wav", &error);
    g_assert_no_error (error);
  }
}

/* --validate */

static int
validate (const char  *path,
          char       **out_text,
          char       **err_text)
{
  const char *files[] = { path, NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  int status = unknot_cli_validate (test_get_catalogue (), files, unknot_cue_player_check_sound,
                                    out, err);

  g_test_message ("%s%s", out->str, err->str);
  *out_text = g_strdup (out->str);
  *err_text = g_strdup (err->str);
  return status;
}

static char *
write_routine (const char         *folder,
               const char * const *sounds)
{
  g_autoptr(GString) json = g_string_new ("{ \"format\": 1, \"id\": \"sounds\", \"name\": \"S\", "
                                          "\"description\": \"\", \"steps\": [\n");

  for (guint i = 0; sounds[i] != NULL; i++)
    g_string_append_printf (json, "%s{ \"technique\": \"heat\", \"area\": \"neck\", "
                            "\"duration\": 30, \"cue\": { \"sound\": \"%s\" } }\n",
                            i > 0 ? "," : "", sounds[i]);
  g_string_append (json, "] }\n");
  return test_write_file (folder, "routine.json", json->str);
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  const char *good[] = { "chime", "ok.wav", "ok.wav", NULL };
  const char *bad[] = { "ok.wav", "gone.wav", "pipe.wav", "out.wav", "long.wav", "text.ogg",
                        "gone.wav", NULL };
  g_autofree char *ok = write_wav (f->folder, "ok.wav", 0.3);
  g_autofree char *long_one = write_wav (f->folder, "long.wav", 12);
  g_autofree char *secret = write_wav (f->outside, "secret.wav", 0.3);
  g_autofree char *fifo = g_build_filename (f->folder, "pipe.wav", NULL);
  g_autofree char *link = g_build_filename (f->folder, "out.wav", NULL);
  g_autofree char *text = test_write_file (f->folder, "text.ogg", "hello");
  g_autofree char *path = write_routine (f->folder, good);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_test (ok, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (long_one, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (text, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink (secret, link), ==, 0);

  g_assert_cmpint (validate (path, &out, &err), ==, 0);
  expected = g_strdup_printf ("%s: OK\n", path);
  g_assert_cmpstr (out, ==, expected);
  g_assert_cmpstr (err, ==, "");
  g_free (out);
  g_free (err);
  g_free (path);

  /* Each bad sound once, at the first step naming it, with its path and why. */
  path = write_routine (f->folder, bad);
  g_assert_cmpint (validate (path, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
#define LINE(step, name, why) \
  G_STMT_START { \
    g_autofree char *line = g_strdup_printf ("%s: steps[%d].cue.sound: the sound file “%s” " \
                                             "cannot be used: %s\n", path, step, name, why); \
    g_assert_nonnull (strstr (err, line)); \
  } G_STMT_END
  LINE (1, "gone.wav", "it was not found beside the routine");
  LINE (2, "pipe.wav", "it is not a sound file but a folder, a pipe or a device (not a regular "
                       "file)");
  LINE (3, "out.wav", "it is a symbolic link to a file outside the routine's folder");
  LINE (4, "long.wav", "it is longer than 10 s");
  LINE (5, "text.ogg", "it is not a sound file that can be played");
#undef LINE
  g_assert_null (strstr (err, "steps[0]"));
  g_assert_null (strstr (err, "steps[6]"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sound-file/good", test_good_sound);
  ADD ("/sound-file/fifo", test_fifo);
  ADD ("/sound-file/long-silence", test_long_silence);
  ADD ("/sound-file/too-long", test_too_long);
  ADD ("/sound-file/not-sound", test_not_sound);
  ADD ("/sound-file/links", test_links);
  ADD ("/sound-file/validate", test_validate);
#undef ADD

  return g_test_run ();
}
