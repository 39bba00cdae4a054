/* test-archive.c: Export writes one file carrying a routine and its own sounds; Import reads it
 * back whole, with the same checks, and refuses an archive that is not what Export writes
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include "unknot-routine-archive.h"
#include "unknot-test-util.h"

typedef struct {
  char          *root;
  char          *bundled;
  char          *user;
  char          *outside;
  UnknotLibrary *library;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->root = test_make_tmp_dir ();
  f->bundled = g_build_filename (f->root, "bundled", NULL);
  f->user = g_build_filename (f->root, "user", NULL);
  f->outside = g_build_filename (f->root, "downloads", NULL);
  g_assert_cmpint (g_mkdir (f->bundled, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->user, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (f->outside, 0700), ==, 0);
  f->library = unknot_library_new (test_get_catalogue (), f->bundled, f->user);
  unknot_library_load (f->library);
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

/* How many folders an import may have left in the temporary folder. */
static guint
n_unpacked (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "unknot-import-");
  return n;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_free (test_write_file (dir, name, contents));
}

/* The names of @path's entries, in order, joined by spaces. */
static char *
list_archive (const char *path)
{
  struct archive *a = archive_read_new ();
  struct archive_entry *entry;
  g_autoptr(GString) names = g_string_new (NULL);

  archive_read_support_format_zip (a);
  g_assert_cmpint (archive_read_open_filename (a, path, 4096), ==, ARCHIVE_OK);
  while (archive_read_next_header (a, &entry) == ARCHIVE_OK)
    g_string_append_printf (names, "%s%s", names->len ? " " : "", archive_entry_pathname (entry));
  archive_read_free (a);
  return g_strdup (names->str);
}

/* The person's routine "mine", whose sounds are in sounds-mine/ beside it (as an import leaves
 * them), exported, then imported back: as the issue found, the sounds used to be left out. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  static const char json[] =
    "{ \"format\": 1, \"id\": \"mine\", \"name\": \"Mine\", \"description\": \"Bowls\",\n"
    "  \"steps\": [\n"
    "    { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"sounds-mine/bowl.wav\" } },\n"
    "    { \"technique\": \"kneading\", \"area\": \"neck\", \"duration\": 20,\n"
    "      \"cue\": { \"sound\": \"bell\" } },\n"
    "    { \"technique\": \"heat\", \"area\": \"shoulders\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"other/bowl.wav\" } },\n"
    "    { \"technique\": \"heat\", \"area\": \"mid-back\", \"duration\": 30,\n"
    "      \"cue\": { \"sound\": \"sounds-mine/bowl.wav\" } }\n"
    "  ]\n"
    "}\n";
  g_autofree char *sounds = g_build_filename (f->user, "sounds-mine", NULL);
  g_autofree char *other = g_build_filename (f->user, "other", NULL);
  g_autofree char *archive = g_build_filename (f->outside, "mine" UNKNOT_ARCHIVE_SUFFIX, NULL);
  g_autofree char *entries = NULL;
  g_autoptr(GFile) archive_file = g_file_new_for_path (archive);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotLibrary) elsewhere = NULL;
  g_autofree char *elsewhere_user = g_build_filename (f->root, "friend", NULL);
  UnknotRoutine *mine;
  UnknotRoutine *imported;
  guint unpacked = n_unpacked ();

  g_assert_cmpint (g_mkdir (sounds, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (other, 0700), ==, 0);
  write_file (sounds, "bowl.wav", "RIFF my bowl");
  write_file (other, "bowl.wav", "RIFF another bowl");
  write_file (f->user, "mine.json", json);
  g_clear_object (&f->library);
  f->library = unknot_library_new (test_get_catalogue (), f->bundled, f->user);
  unknot_library_load (f->library);
  mine = unknot_library_lookup (f->library, "mine");
  g_assert_nonnull (mine);

  g_assert_true (unknot_routine_export (mine, archive_file, test_get_catalogue (), &error));
  g_assert_no_error (error);
  /* One file: the routine, then each sound once, numbered when two share a name. */
  entries = list_archive (archive);
  g_assert_cmpstr (entries, ==, "routine.json sounds/bowl.wav sounds/bowl-2.wav");
  /* The routine itself is unchanged. */
  g_assert_cmpstr (unknot_step_get_cue_sound (unknot_routine_get_step (mine, 0)), ==,
                   "sounds-mine/bowl.wav");

  /* A friend imports it: the same routine, with its sounds. */
  g_assert_cmpint (g_mkdir (elsewhere_user, 0700), ==, 0);
  elsewhere = unknot_library_new (test_get_catalogue (), f->bundled, elsewhere_user);
  unknot_library_load (elsewhere);
  imported = unknot_library_import (elsewhere, archive_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpstr (unknot_routine_get_id (imported), ==, "mine");
  g_assert_cmpstr (unknot_routine_get_description (imported), ==, "Bowls");
#define CUE(i) unknot_step_get_cue_sound (unknot_routine_get_step (imported, i))
  g_assert_cmpstr (CUE (0), ==, "sounds-mine/bowl.wav");
  g_assert_cmpstr (CUE (1), ==, "bell");
  g_assert_cmpstr (CUE (2), ==, "sounds-mine/bowl-2.wav");
  g_assert_cmpstr (CUE (3), ==, "sounds-mine/bowl.wav");
#undef CUE
  {
    g_autofree char *a = g_build_filename (elsewhere_user, "sounds-mine", "bowl.wav", NULL);
    g_autofree char *b = g_build_filename (elsewhere_user, "sounds-mine", "bowl-2.wav", NULL);
    g_autofree char *ca = test_read_file (a);
    g_autofree char *cb = test_read_file (b);

    g_assert_cmpstr (ca, ==, "RIFF my bowl");
    g_assert_cmpstr (cb, ==, "RIFF another bowl");
  }

  /* Imported back where it came from: beside the original, under a new id, nothing over it. */
  imported = unknot_library_import (f->library, archive_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknot_routine_get_id (imported), ==, "mine-2");
  g_assert_cmpstr (unknot_step_get_cue_sound (unknot_routine_get_step (imported, 0)), ==,
                   "sounds-mine-2/bowl.wav");

  /* What was unpacked is gone. */
  g_assert_cmpuint (n_unpacked (), ==, unpacked);
}

/* A routine whose sound is a link out of its folder is not exported (with it). */
static void
test_export_refused (Fixture       *f,
                     gconstpointer  data)
{
  static const char json[] =
    "{ \"format\": 1, \"id\": \"linked\", \"name\": \"Linked\", \"description\": \"\",\n"
    "  \"steps\": [ { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30,\n"
    "                 \"cue\": { \"sound\": \"bowl.wav\" } } ] }\n";
  g_autofree char *secret = test_write_file (f->root, "secret.wav", "private");
  g_autofree char *link = g_build_filename (f->user, "bowl.wav", NULL);
  g_autofree char *archive = g_build_filename (f->outside, "linked.unknot", NULL);
  g_autoptr(GFile) archive_file = g_file_new_for_path (archive);
  g_autoptr(GError) error = NULL;

  write_file (f->user, "linked.json", json);
  g_assert_cmpint (symlink (secret, link), ==, 0);
  g_clear_object (&f->library);
  f->library = unknot_library_new (test_get_catalogue (), f->bundled, f->user);
  unknot_library_load (f->library);

  g_assert_false (unknot_routine_export (unknot_library_lookup (f->library, "linked"),
                                         archive_file, test_get_catalogue (), &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "steps[0].cue.sound: the sound file “bowl.wav” "
                                            "cannot be used: it is a symbolic link"));
  g_assert_false (g_file_test (archive, G_FILE_TEST_EXISTS));
}

typedef struct {
  const char *name;
  mode_t      type;       /* AE_IFREG, AE_IFDIR, AE_IFLNK */
  gsize       size;       /* bytes written */
  gint64      declared;   /* the size in the header; -1: the real one */
  const char *link;       /* a symlink's target (a zip has no hard links) */
} Entry;

static const char routine_json[] =
  "{ \"format\": 1, \"id\": \"packed\", \"name\": \"Packed\", \"description\": \"\",\n"
  "  \"steps\": [ { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 30,\n"
  "                 \"cue\": { \"sound\": \"sounds/bowl.wav\" } } ] }\n";

/* A zip of @entries; "routine.json" gets a valid routine, every other file @size bytes. */
static char *
write_zip (Fixture     *f,
           const Entry *entries,
           guint        n)
{
  char *path = g_build_filename (f->outside, "packed.unknot", NULL);
  struct archive *a = archive_write_new ();

  archive_write_set_format_zip (a);
  g_assert_cmpint (archive_write_open_filename (a, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gboolean routine = g_str_equal (entries[i].name, "routine.json");
      gsize size = routine ? strlen (routine_json) : entries[i].size;
      g_autofree char *data = routine ? g_strdup (routine_json) : g_malloc0 (size + 1);

      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, entries[i].type ? entries[i].type : AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      if (entries[i].link != NULL)
        archive_entry_set_symlink (entry, entries[i].link);
      if (entries[i].type == 0 || entries[i].type == AE_IFREG)
        archive_entry_set_size (entry, entries[i].declared >= 0 ? entries[i].declared
                                                                : (gint64) size);
      g_assert_cmpint (archive_write_header (a, entry), ==, ARCHIVE_OK);
      if (entries[i].type == 0 || entries[i].type == AE_IFREG)
        archive_write_data (a, data, size);
      archive_entry_free (entry);
    }
  archive_write_close (a);
  archive_write_free (a);
  return path;
}

static void
expect_refused (Fixture     *f,
                const Entry *entries,
                guint        n,
                const char  *why)
{
  g_autofree char *path = write_zip (f, entries, n);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = test_list_dir (f->user);
  g_autofree char *listing_after = NULL;
  g_autofree char *expected = g_strdup_printf ("“%s” cannot be imported: %s", path, why);
  guint unpacked = n_unpacked ();

  g_assert_null (unknot_library_import (f->library, file, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, expected);
  listing_after = test_list_dir (f->user);
  g_assert_cmpstr (listing_after, ==, listing);
  g_assert_cmpuint (n_unpacked (), ==, unpacked);
  g_assert_null (unknot_library_lookup (f->library, "packed"));
  g_assert_cmpint (g_remove (path), ==, 0);
}

#define MB (1024 * 1024)

static void
test_import_refused (Fixture       *f,
                     gconstpointer  data)
{
  const Entry good[] = { { "routine.json", 0, 0, -1 }, { "sounds/bowl.wav", 0, 10, -1 } };
  g_autofree Entry *many = g_new0 (Entry, UNKNOT_ARCHIVE_MAX_ENTRIES + 1);
  g_autofree char **names = g_new0 (char *, UNKNOT_ARCHIVE_MAX_ENTRIES + 1);

#define REFUSED(why, ...) \
  G_STMT_START { \
    const Entry e[] = { __VA_ARGS__ }; \
    expect_refused (f, e, G_N_ELEMENTS (e), why); \
  } G_STMT_END
  REFUSED ("the entry “/etc/bowl.wav” is an absolute path",
           { "routine.json", 0, 0, -1 }, { "/etc/bowl.wav", 0, 10, -1 });
  REFUSED ("the entry “sounds/../../bowl.wav” leads out of the archive (“..”)",
           { "routine.json", 0, 0, -1 }, { "sounds/../../bowl.wav", 0, 10, -1 });
  REFUSED ("the entry “../routine.json” leads out of the archive (“..”)",
           { "../routine.json", 0, 10, -1 });
  REFUSED ("the entry “sounds/bowl.wav” is a link",
           { "routine.json", 0, 0, -1 }, { "sounds/bowl.wav", AE_IFLNK, 0, -1, "/etc/passwd" });
  REFUSED ("the entry “sounds/bowl.wav” is a link",
           { "routine.json", 0, 0, -1 }, { "sounds/x.wav", 0, 10, -1 },
           { "sounds/bowl.wav", AE_IFLNK, 0, -1, "x.wav" });
  REFUSED ("the entry “.profile” is not part of a routine (only routine.json and files in "
           "sounds/)", { "routine.json", 0, 0, -1 }, { ".profile", 0, 10, -1 });
  REFUSED ("the entry “sounds/deep/bowl.wav” is not part of a routine (only routine.json and "
           "files in sounds/)", { "routine.json", 0, 0, -1 }, { "sounds/deep/bowl.wav", 0, 1, -1 });
  REFUSED ("it holds no routine.json", { "sounds/bowl.wav", 0, 10, -1 });
  REFUSED ("the entry “routine.json” is there twice",
           { "routine.json", 0, 0, -1 }, { "routine.json", 0, 0, -1 });
  /* Too large: one entry (9 MB of zeros, a few KB packed), and all of them together. */
  REFUSED ("the entry “sounds/bowl.wav” is larger than 8 MB",
           { "routine.json", 0, 0, -1 }, { "sounds/bowl.wav", 0, 9 * MB, -1 });
  REFUSED ("it holds more than 64 MB",
           { "routine.json", 0, 0, -1 }, { "sounds/1.wav", 0, 8 * MB, -1 },
           { "sounds/2.wav", 0, 8 * MB, -1 }, { "sounds/3.wav", 0, 8 * MB, -1 },
           { "sounds/4.wav", 0, 8 * MB, -1 }, { "sounds/5.wav", 0, 8 * MB, -1 },
           { "sounds/6.wav", 0, 8 * MB, -1 }, { "sounds/7.wav", 0, 8 * MB, -1 },
           { "sounds/8.wav", 0, 8 * MB, -1 }, { "sounds/9.wav", 0, 8 * MB, -1 });
#undef REFUSED

  /* Too many entries. */
  many[0] = (Entry) { "routine.json", 0, 0, -1 };
  for (guint i = 1; i <= UNKNOT_ARCHIVE_MAX_ENTRIES; i++)
    {
      names[i] = g_strdup_printf ("sounds/%u.wav", i);
      many[i] = (Entry) { names[i], 0, 1, -1 };
    }
  expect_refused (f, many, UNKNOT_ARCHIVE_MAX_ENTRIES + 1, "it holds more than 256 entries");
  for (guint i = 1; i <= UNKNOT_ARCHIVE_MAX_ENTRIES; i++)
    g_free (names[i]);

  /* The same layout done right imports. */
  {
    g_autofree char *path = write_zip (f, good, G_N_ELEMENTS (good));
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    UnknotRoutine *imported = unknot_library_import (f->library, file, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (unknot_step_get_cue_sound (unknot_routine_get_step (imported, 0)), ==,
                     "sounds-packed/bowl.wav");
  }
}

/* A file that starts like a zip and is not one. */
static void
test_not_archive (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = test_write_file (f->outside, "broken.unknot", "PK\003\004 broken");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint unpacked = n_unpacked ();

  g_assert_null (unknot_library_import (f->library, file, NULL, &error));
  g_assert_error (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "“"));
  g_assert_cmpuint (n_unpacked (), ==, unpacked);
  g_assert_null (unknot_library_lookup (f->library, "packed"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/archive/round-trip", test_round_trip);
  ADD ("/archive/export-refused", test_export_refused);
  ADD ("/archive/import-refused", test_import_refused);
  ADD ("/archive/not-archive", test_not_archive);
#undef ADD

  return g_test_run ();
}
