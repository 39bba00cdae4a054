/* test-import.c: importing a routine file (validated first, renamed rather than overwriting, its
 * own sound files copied, nothing outside its folder), deleting a routine and Undo
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-dirs.h"
#include "unknot-sound-file.h"
#include "unknot-test-util.h"

typedef struct {
  char          *root;
  char          *bundled;
  char          *user;
  char          *outside;    /* where imported files come from */
  UnknotLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *source = g_build_filename (unknot_dirs_get_data_dir (), "routines",
                                              "quick-reset.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *alpha = test_routine_json ("alpha", "Alpha", 90);
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autoptr(GError) error = NULL;

  f->root = test_make_tmp_dir ();
  f->bundled = g_build_filename (f->root, "bundled", NULL);
  f->user = g_build_filename (f->root, "user", NULL);
  f->outside = g_build_filename (f->root, "downloads", NULL);
  g_assert_cmpint (g_mkdir (f->bundled, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->user, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->outside, 0700), ==, 0);

  g_file_get_contents (source, &contents, NULL, &error);
  g_assert_no_error (error);
  p1 = test_write_file (f->bundled, "quick-reset.json", contents);
  p2 = test_write_file (f->user, "alpha.json", alpha);

  f->library = unknot_library_new (test_get_catalogue (), f->bundled, f->user);
  unknot_library_load (f->library);
  g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (f->library)), ==, 2);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->library);
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->bundled);
  g_free (f->user);
  g_free (f->outside);
}

static guint
n_routines (Fixture *f)
{
  return g_list_model_get_n_items (unknot_library_get_routines (f->library));
}

/* A routine file in the outside folder whose one step has the cue @sound. */
static GFile *
write_with_sound (Fixture    *f,
                  const char *name,
                  const char *id,
                  const char *sound)
{
  g_autofree char *json =
    g_strdup_printf ("{\n"
                     "  \"format\": 1, \"id\": \"%s\", \"name\": \"With a sound\",\n"
                     "  \"description\": \"\",\n"
                     "  \"steps\": [\n"
                     "    { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30,\n"
                     "      \"cue\": { \"sound\": \"%s\", \"speak\": false } }\n"
                     "  ]\n"
                     "}\n", id, sound);
  g_autofree char *path = test_write_file (f->outside, name, json);

  return g_file_new_for_path (path);
}

static void
test_clash (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *alpha_path = g_build_filename (f->user, "alpha.json", NULL);
  g_autofree char *alpha_before = test_read_file (alpha_path);
  g_autofree char *alpha_after = NULL;
  g_autofree char *json = test_routine_json ("alpha", "Alpha from elsewhere", 300);
  g_autofree char *source_path = test_write_file (f->outside, "alpha.json", json);
  g_autofree char *bundled_json = test_routine_json ("quick-reset", "Not the bundled one", 20);
  g_autofree char *bundled_source = test_write_file (f->outside, "qr.json", bundled_json);
  g_autofree char *listing = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (source_path);
  g_autoptr(GFile) source2 = g_file_new_for_path (bundled_source);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) reloaded = NULL;
  g_autoptr(GFile) expected = NULL;
  UnknotRoutine *alpha = unknot_library_lookup (f->library, "alpha");
  UnknotRoutine *imported;

  imported = unknot_library_import (f->library, source, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Renamed, never overwritten: the routine already there is as it was. */
  g_assert_cmpstr (unknot_routine_get_id (imported), ==, "alpha-2");
  g_assert_cmpstr (unknot_routine_get_name (imported), ==, "Alpha from elsewhere");
  g_assert_true (unknot_library_lookup (f->library, "alpha-2") == imported);
  g_assert_true (unknot_library_lookup (f->library, "alpha") == alpha);
  g_assert_cmpuint (unknot_routine_get_total_duration (alpha), ==, 90);
  alpha_after = test_read_file (alpha_path);
  g_assert_cmpstr (alpha_after, ==, alpha_before);
  g_assert_false (unknot_routine_get_bundled (imported));
  expected = unknot_library_get_user_file (f->library, "alpha-2");
  g_assert_true (g_file_equal (unknot_routine_get_file (imported), expected));

  /* Saved as it is now, and loaded back equal. */
  reloaded = unknot_routine_load_file (expected, NULL, test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (unknot_routine_equal (reloaded, imported));

  /* A bundled routine's id is taken too. */
  imported = unknot_library_import (f->library, source2, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (imported), ==, "quick-reset-2");
  g_assert_true (unknot_routine_get_bundled (unknot_library_lookup (f->library, "quick-reset")));

  listing = test_list_dir (f->user);
  g_assert_cmpstr (listing, ==, "alpha-2.json alpha.json quick-reset-2.json");
  g_assert_cmpuint (n_routines (f), ==, 4);

  /* A file in the user's folder that is not loaded (broken) still holds its name. */
  g_free (test_write_file (f->user, "beta.json", "{ broken"));
  g_free (json);
  json = test_routine_json ("beta", "Beta", 10);
  g_free (source_path);
  source_path = test_write_file (f->outside, "beta.json", json);
  g_clear_object (&source);
  source = g_file_new_for_path (source_path);
  imported = unknot_library_import (f->library, source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (imported), ==, "beta-2");
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  static const char json[] =
    "{\n"
    "  \"format\": 1, \"id\": \"bad\", \"name\": \"\", \"description\": \"\",\n"
    "  \"steps\": [\n"
    "    { \"technique\": \"tickling\", \"area\": \"neck\", \"duration\": 30 },\n"
    "    { \"technique\": \"heat\", \"area\": \"knees\", \"duration\": 0 }\n"
    "  ]\n"
    "}\n";
  static const char * const paths[] = {
    "name", "steps[0].technique", "steps[1].area", "steps[1].duration",
  };
  g_autofree char *path = test_write_file (f->outside, "bad.json", json);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = test_list_dir (f->user);
  g_autofree char *listing_after = NULL;

  g_assert_null (unknot_library_import (f->library, source, problems, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("refused:\n%s", error->message);

  /* Every problem, each at its place, in the error too. */
  g_assert_cmpuint (unknot_problems_count_errors (problems), ==, G_N_ELEMENTS (paths));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      UnknotProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->path, ==, paths[i]);
      g_assert_cmpstr (problem->file, ==, path);
      g_assert_nonnull (strstr (error->message, paths[i]));
    }

  /* Nothing imported, nothing written. */
  listing_after = test_list_dir (f->user);
  g_assert_cmpstr (listing_after, ==, listing);
  g_assert_cmpuint (n_routines (f), ==, 2);
  g_assert_null (unknot_library_lookup (f->library, "bad"));

  /* Not a routine at all, and no file at all. */
  g_clear_error (&error);
  g_free (path);
  path = test_write_file (f->outside, "notes.json", "Shopping: milk");
  g_clear_object (&source);
  source = g_file_new_for_path (path);
  g_assert_null (unknot_library_import (f->library, source, NULL, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&source);
  source = g_file_new_build_filename (f->outside, "missing.json", NULL);
  g_assert_null (unknot_library_import (f->library, source, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_routines (f), ==, 2);
}

static void
test_bad_cues (Fixture       *f,
               gconstpointer  data)
{
  static const char * const cues[] = {
    "../x.ogg", "sounds/../../x.ogg", "/etc/passwd", "file:///x.wav", "http://example.com/x.ogg",
    "~/x.ogg", "C:\\\\x.wav",
  };
  g_autofree char *listing = test_list_dir (f->user);

  for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
    {
      g_autoptr(GFile) source = write_with_sound (f, "cue.json", "cue", cues[i]);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                        (GDestroyNotify) unknot_problem_free);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing_after = NULL;

      g_assert_null (unknot_library_import (f->library, source, problems, &error));
      g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "steps[0].cue.sound"));
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_cmpstr (((UnknotProblem *) g_ptr_array_index (problems, 0))->path, ==,
                       "steps[0].cue.sound");
      g_test_message ("%s: %s", cues[i], error->message);

      listing_after = test_list_dir (f->user);
      g_assert_cmpstr (listing_after, ==, listing);
      g_assert_null (unknot_library_lookup (f->library, "cue"));
    }
}

static void
write_bytes (const char *path,
             const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_sounds_copied (Fixture       *f,
                    gconstpointer  data)
{
  static const char json[] =
    "{\n"
    "  \"format\": 1, \"id\": \"alpha\", \"name\": \"Bowls\", \"description\": \"\",\n"
    "  \"steps\": [\n"
    "    { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"sounds/bowl.ogg\", \"speak\": false } },\n"
    "    { \"technique\": \"kneading\", \"area\": \"neck\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"ding.wav\", \"speak\": true } },\n"
    "    { \"technique\": \"heat\", \"area\": \"shoulders\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"sounds/bowl.ogg\", \"speak\": true } },\n"
    "    { \"technique\": \"heat\", \"area\": \"mid-back\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"other/ding.wav\", \"speak\": true } },\n"
    "    { \"kind\": \"rest\", \"duration\": 10, \"cue\": { \"sound\": \"bell\", "
    "\"speak\": true } }\n"
    "  ]\n"
    "}\n";
  g_autofree char *sounds = g_build_filename (f->outside, "sounds", NULL);
  g_autofree char *other = g_build_filename (f->outside, "other", NULL);
  g_autofree char *bowl = g_build_filename (sounds, "bowl.ogg", NULL);
  g_autofree char *ding = g_build_filename (f->outside, "ding.wav", NULL);
  g_autofree char *other_ding = g_build_filename (other, "ding.wav", NULL);
  g_autofree char *path = test_write_file (f->outside, "bowls.json", json);
  g_autofree char *copied_dir = g_build_filename (f->user, "sounds-alpha-2", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_path = g_build_filename (f->user, "alpha-2.json", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotLibrary) again = NULL;
  UnknotRoutine *imported;

  g_assert_cmpint (g_mkdir (sounds, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  write_bytes (bowl, "OggS bowl");
  write_bytes (ding, "RIFF ding");
  write_bytes (other_ding, "RIFF another ding");

  imported = unknot_library_import (f->library, source, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpstr (unknot_routine_get_id (imported), ==, "alpha-2");

  /* Copied once each into sounds-<id>/, the cues pointing at the copies; two files of one name
   * both kept. */
  listing = test_list_dir (copied_dir);
  g_assert_cmpstr (listing, ==, "bowl.ogg ding-2.wav ding.wav");
#define CUE(i) unknot_step_get_cue_sound (unknot_routine_get_step (imported, i))
  g_assert_cmpstr (CUE (0), ==, "sounds-alpha-2/bowl.ogg");
  g_assert_cmpstr (CUE (1), ==, "sounds-alpha-2/ding.wav");
  g_assert_cmpstr (CUE (2), ==, "sounds-alpha-2/bowl.ogg");
  g_assert_cmpstr (CUE (3), ==, "sounds-alpha-2/ding-2.wav");
  g_assert_cmpstr (CUE (4), ==, "bell");
#undef CUE
  {
    g_autofree char *a = g_build_filename (copied_dir, "bowl.ogg", NULL);
    g_autofree char *b = g_build_filename (copied_dir, "ding-2.wav", NULL);
    g_autofree char *ca = test_read_file (a);
    g_autofree char *cb = test_read_file (b);

    g_assert_cmpstr (ca, ==, "OggS bowl");
    g_assert_cmpstr (cb, ==, "RIFF another ding");
  }

  saved = test_read_file (saved_path);
  g_assert_nonnull (strstr (saved, "\"sound\" : \"sounds-alpha-2/bowl.ogg\""));

  /* The copy is a routine like any other: a new library loads it without a problem. */
  again = unknot_library_new (test_get_catalogue (), f->bundled, f->user);
  unknot_library_load (again);
  g_assert_cmpuint (test_library_n_problems (again), ==, 0);
  g_assert_true (unknot_routine_equal (unknot_library_lookup (again, "alpha-2"), imported));
}

static void
test_sound_missing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) source = write_with_sound (f, "lost.json", "lost", "sounds/lost.ogg");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = test_list_dir (f->user);
  g_autofree char *listing_after = NULL;
  g_autofree char *dir = g_build_filename (f->outside, "sounds", NULL);

  g_assert_null (unknot_library_import (f->library, source, problems, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "steps[0].cue.sound: "));
  g_assert_nonnull (strstr (error->message, "not found beside the routine"));
  g_assert_cmpuint (problems->len, ==, 1);
  g_test_message ("%s", error->message);

  /* A folder where the file should be is not a sound either. */
  g_clear_error (&error);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  {
    g_autofree char *folder = g_build_filename (dir, "lost.ogg", NULL);

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  }
  g_assert_null (unknot_library_import (f->library, source, NULL, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not a regular file"));

  listing_after = test_list_dir (f->user);
  g_assert_cmpstr (listing_after, ==, listing);
}

static void
test_sound_symlink (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *secret_dir = g_build_filename (f->root, "private", NULL);
  g_autofree char *secret = g_build_filename (secret_dir, "secret.ogg", NULL);
  g_autofree char *link = g_build_filename (f->outside, "bowl.ogg", NULL);
  g_autofree char *link_dir = g_build_filename (f->outside, "sounds", NULL);
  g_autofree char *listing = test_list_dir (f->user);

  g_assert_cmpint (g_mkdir (secret_dir, 0700), ==, 0);
  write_bytes (secret, "private data");
  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_assert_cmpint (symlink (secret_dir, link_dir), ==, 0);

  /* A link as the file, and a link as a folder on the way to it. */
  for (guint i = 0; i < 2; i++)
    {
      const char *sound = i == 0 ? "bowl.ogg" : "sounds/secret.ogg";
      g_autoptr(GFile) source = write_with_sound (f, "linked.json", "linked", sound);
      g_autoptr(GError) error = NULL;
      g_autofree char *listing_after = NULL;

      g_assert_null (unknot_library_import (f->library, source, NULL, &error));
      g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "steps[0].cue.sound: "));
      g_assert_nonnull (strstr (error->message, "symbolic link"));
      g_test_message ("%s", error->message);

      listing_after = test_list_dir (f->user);
      g_assert_cmpstr (listing_after, ==, listing);
      g_assert_null (unknot_library_lookup (f->library, "linked"));
    }
}

/* A sound that is a FIFO nothing writes to: refused at once, never waited on. */
static void
test_sound_fifo (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->outside, "bowl.wav", NULL);
  g_autoptr(GFile) source = write_with_sound (f, "piped.json", "piped", "bowl.wav");
  g_autofree char *listing = test_list_dir (f->user);
  g_autofree char *listing_after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  alarm (30);
  g_assert_null (unknot_library_import (f->library, source, NULL, &error));
  alarm (0);
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "steps[0].cue.sound: "));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  listing_after = test_list_dir (f->user);
  g_assert_cmpstr (listing_after, ==, listing);
}

/* A "sound" of 500 MB that takes no disk (a sparse file): refused by its size, nothing copied
 * (it used to be copied as 501 MB of real disk). */
static void
test_sound_sparse (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->outside, "bowl.wav", NULL);
  g_autoptr(GFile) source = write_with_sound (f, "sparse.json", "sparse", "bowl.wav");
  g_autofree char *listing = test_list_dir (f->user);
  g_autofree char *listing_after = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_open (big, O_WRONLY | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 500 * 1024 * 1024), ==, 0);
  close (fd);

  g_assert_null (unknot_library_import (f->library, source, NULL, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "steps[0].cue.sound: the sound file “bowl.wav” "
                                            "cannot be used: it is larger than 8 MB"));
  listing_after = test_list_dir (f->user);
  g_assert_cmpstr (listing_after, ==, listing);
}

/* What is copied is the file that was checked, through its descriptor: a sound swapped for a
 * link to a private file after the check still copies the checked file, never the link's. */
static void
test_sound_swapped (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *secret_dir = g_build_filename (f->root, "private", NULL);
  g_autofree char *secret = g_build_filename (secret_dir, "secret.ogg", NULL);
  g_autofree char *sound = g_build_filename (f->outside, "bowl.ogg", NULL);
  g_autofree char *moved = g_build_filename (f->outside, "moved.ogg", NULL);
  g_autofree char *copy = g_build_filename (f->root, "copy.ogg", NULL);
  g_autofree char *copied = NULL;
  g_autoptr(GFile) source = write_with_sound (f, "swapped.json", "swapped", "bowl.ogg");
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GHashTable) fds = NULL;
  g_autoptr(GError) error = NULL;
  int *fd;
  int to;

  g_assert_cmpint (g_mkdir (secret_dir, 0700), ==, 0);
  write_bytes (secret, "private data");
  write_bytes (sound, "OggS the checked bowl");
  routine = unknot_routine_load_file (source, NULL, test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);

  fds = unknot_routine_open_sounds (routine, f->outside, "swapped.json", NULL);
  g_assert_nonnull (fds);
  fd = g_hash_table_lookup (fds, "bowl.ogg");
  g_assert_nonnull (fd);

  /* The swap, between the check and the copy. */
  g_assert_cmpint (g_rename (sound, moved), ==, 0);
  g_assert_cmpint (symlink (secret, sound), ==, 0);

  to = g_open (copy, O_WRONLY | O_CREAT | O_EXCL, 0600);
  g_assert_cmpint (to, >=, 0);
  g_assert_true (unknot_sound_file_copy_fd (*fd, to, &error));
  g_assert_no_error (error);
  close (to);
  copied = test_read_file (copy);
  g_assert_cmpstr (copied, ==, "OggS the checked bowl");

  /* And an import now, with the link in place, copies nothing. */
  {
    g_autofree char *listing = test_list_dir (f->user);
    g_autofree char *listing_after = NULL;

    g_clear_error (&error);
    g_assert_null (unknot_library_import (f->library, source, NULL, &error));
    g_assert_nonnull (strstr (error->message, "symbolic link to a file outside the routine's "
                                              "folder"));
    listing_after = test_list_dir (f->user);
    g_assert_cmpstr (listing_after, ==, listing);
  }
}

/* Warnings (an unknown key) do not stop an import; they are handed over. */
static void
test_warnings (Fixture       *f,
               gconstpointer  data)
{
  static const char json[] =
    "{ \"format\": 1, \"id\": \"warned\", \"name\": \"Warned\", \"description\": \"\",\n"
    "  \"colour\": \"blue\",\n"
    "  \"steps\": [ { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30 } ] }\n";
  g_autofree char *path = test_write_file (f->outside, "warned.json", json);
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (
                                    (GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (unknot_library_import (f->library, source, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (((UnknotProblem *) g_ptr_array_index (problems, 0))->warning);
  g_assert_nonnull (unknot_library_lookup (f->library, "warned"));
}

/* A routine directory the import cannot write to: nothing half done is left. */
static void
test_import_unwritable (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->root, "blocker", NULL);
  g_autofree char *user = g_build_filename (blocker, "routines", NULL);
  g_autoptr(UnknotLibrary) library = NULL;
  g_autoptr(GFile) source = write_with_sound (f, "x.json", "x", "bell");
  g_autoptr(GError) error = NULL;

  write_bytes (blocker, "a file where a folder should be");
  library = unknot_library_new (test_get_catalogue (), f->bundled, user);
  unknot_library_load (library);

  g_assert_null (unknot_library_import (library, source, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_null (unknot_library_lookup (library, "x"));
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->user, "alpha.json", NULL);
  g_autofree char *before = test_read_file (path);
  g_autofree char *after = NULL;
  g_autofree char *json = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  UnknotRoutine *alpha = unknot_library_lookup (f->library, "alpha");
  UnknotRoutine *bundled = unknot_library_lookup (f->library, "quick-reset");
  GWeakRef weak;

  /* The library keeps the deleted routine alive for Undo: the caller needs no reference. */
  g_weak_ref_init (&weak, alpha);
  g_assert_true (unknot_library_delete (f->library, alpha, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (unknot_library_lookup (f->library, "alpha"));
  g_assert_cmpuint (n_routines (f), ==, 1);
  {
    g_autoptr(UnknotRoutine) still = g_weak_ref_get (&weak);

    g_assert_true (still == alpha);
  }

  g_assert_true (unknot_library_restore (f->library, alpha, &error));
  g_assert_no_error (error);
  after = test_read_file (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (unknot_library_lookup (f->library, "alpha") == alpha);
  g_assert_cmpuint (n_routines (f), ==, 2);
  /* Restoring what is there is nothing to do. */
  g_assert_true (unknot_library_restore (f->library, alpha, &error));
  g_assert_cmpuint (n_routines (f), ==, 2);

  /* A file that vanished already is no error. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_true (unknot_library_delete (f->library, alpha, &error));
  g_assert_no_error (error);

  /* Its id taken in the meantime (another file now there): back under a new id, the other
   * file untouched. */
  json = test_routine_json ("alpha", "The new alpha", 45);
  g_free (test_write_file (f->user, "alpha.json", json));
  g_assert_true (unknot_library_restore (f->library, alpha, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (alpha), ==, "alpha-2");
  g_free (after);
  after = test_read_file (path);
  g_assert_cmpstr (after, ==, json);
  listing = test_list_dir (f->user);
  g_assert_cmpstr (listing, ==, "alpha-2.json alpha.json");
  g_assert_true (unknot_library_lookup (f->library, "alpha-2") == alpha);

  /* Bundled routines are not the user's to delete. */
  g_assert_false (unknot_library_delete (f->library, bundled, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (unknot_library_lookup (f->library, "quick-reset") == bundled);
  g_weak_ref_clear (&weak);
}

/* A routine whose file is outside the user's folder is never deleted by the library. */
static void
test_delete_outside (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *json = test_routine_json ("elsewhere", "Elsewhere", 30);
  g_autofree char *path = test_write_file (f->outside, "elsewhere.json", json);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(GError) error = NULL;

  routine = unknot_routine_load_file (file, NULL, test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);
  unknot_library_put (f->library, routine);

  g_assert_false (unknot_library_delete (f->library, routine, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_READ_ONLY);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (unknot_library_lookup (f->library, "elsewhere") == routine);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/clash", test_clash);
  ADD ("/import/invalid", test_invalid);
  ADD ("/import/bad-cues", test_bad_cues);
  ADD ("/import/sounds-copied", test_sounds_copied);
  ADD ("/import/sound-missing", test_sound_missing);
  ADD ("/import/sound-symlink", test_sound_symlink);
  ADD ("/import/sound-fifo", test_sound_fifo);
  ADD ("/import/sound-sparse", test_sound_sparse);
  ADD ("/import/sound-swapped", test_sound_swapped);
  ADD ("/import/warnings", test_warnings);
  ADD ("/import/unwritable", test_import_unwritable);
  ADD ("/library/delete-restore", test_delete_restore);
  ADD ("/library/delete-outside", test_delete_outside);

#undef ADD

  return g_test_run ();
}
