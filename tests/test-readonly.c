/* test-readonly.c: a save that cannot be written fails with a clear error, and the editor keeps
 * every edit (its routine, its modified flag, its Undo) to be saved once the cause is gone
 *
 * Root ignores file permissions, and CI runs as root: the main cases block the save in ways root
 * cannot get past (the routines folder's parent is a regular file; the routine file's place is
 * taken by a folder; a file size limit, standing in for a full disk). The chmod 0555 case runs
 * for root with its permission override dropped (test_permissions_bind()).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-editor.h"
#include "unknot-test-util.h"

typedef struct {
  char          *root;
  char          *user;
  char          *alpha_path;
  UnknotLibrary *library;
  UnknotEditor  *editor;    /* editing alpha, with an edit and a removal made */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const char json[] =
    "{\n"
    "  \"format\": 1, \"id\": \"alpha\", \"name\": \"Alpha\", \"description\": \"\",\n"
    "  \"steps\": [\n"
    "    { \"technique\": \"heat\", \"area\": \"neck\", \"duration\": 120 },\n"
    "    { \"technique\": \"kneading\", \"area\": \"shoulders\", \"duration\": 60 },\n"
    "    { \"technique\": \"stretching\", \"area\": \"whole-back\", \"duration\": 45 }\n"
    "  ]\n"
    "}\n";
  UnknotRoutine *routine;

  f->root = test_make_tmp_dir ();
  f->user = g_build_filename (f->root, "routines", NULL);
  g_assert_cmpint (g_mkdir (f->user, 0700), ==, 0);
  f->alpha_path = test_write_file (f->user, "alpha.json", json);

  f->library = unknot_library_new (test_get_catalogue (), NULL, f->user);
  unknot_library_load (f->library);
  f->editor = unknot_editor_new (f->library, unknot_library_lookup (f->library, "alpha"));

  routine = unknot_editor_get_routine (f->editor);
  unknot_routine_set_name (routine, "Alpha, edited");
  unknot_step_set_duration (unknot_routine_get_step (routine, 0), 90);
  unknot_editor_remove_step (f->editor, 1);
  g_assert_true (unknot_editor_get_modified (f->editor));
  g_assert_true (unknot_editor_is_valid (f->editor));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->editor);
  g_clear_object (&f->library);
  test_remove_tree (f->root);
  g_free (f->root);
  g_free (f->user);
  g_free (f->alpha_path);
}

/* What the editor holds, to compare after a failed save. */
typedef struct {
  UnknotRoutine *routine;   /* the working copy itself */
  UnknotRoutine *copy;      /* and its content */
  UnknotRoutine *original;
  gboolean       modified;
  gboolean       is_new;
  gboolean       can_undo;
  char          *listing;   /* the folder's files */
} Snapshot;

static void
take_snapshot (Snapshot     *s,
               UnknotEditor *editor,
               const char   *dir)
{
  s->routine = unknot_editor_get_routine (editor);
  s->copy = unknot_routine_copy (s->routine);
  s->original = unknot_editor_get_original (editor);
  s->modified = unknot_editor_get_modified (editor);
  s->is_new = unknot_editor_is_new (editor);
  s->can_undo = unknot_editor_can_undo (editor);
  s->listing = dir ? test_list_dir (dir) : NULL;
}

static void
assert_unchanged (Snapshot      *s,
                  UnknotEditor  *editor,
                  UnknotLibrary *library,
                  const char    *dir)
{
  g_assert_true (unknot_editor_get_routine (editor) == s->routine);
  g_assert_true (unknot_routine_equal (s->routine, s->copy));
  g_assert_true (unknot_editor_get_original (editor) == s->original);
  g_assert_cmpint (unknot_editor_get_modified (editor), ==, s->modified);
  g_assert_cmpint (unknot_editor_is_new (editor), ==, s->is_new);
  g_assert_cmpint (unknot_editor_can_undo (editor), ==, s->can_undo);
  if (s->original != NULL)
    g_assert_true (unknot_library_lookup (library, unknot_routine_get_id (s->original))
                   == s->original);
  else
    g_assert_null (unknot_library_lookup (library, unknot_routine_get_id (s->routine)));
  if (dir != NULL)
    {
      /* No file changed name, none was added: no temporary file left behind. */
      g_autofree char *listing = test_list_dir (dir);

      g_assert_cmpstr (listing, ==, s->listing);
    }
}

static void
clear_snapshot (Snapshot *s)
{
  g_clear_object (&s->copy);
  g_clear_pointer (&s->listing, g_free);
}

/* What the window says first is one sentence for the person: no temporary file's name (such as
 * "my-routine.json.L5O6Z3"), no path and not the system's raw text. */
static void
assert_described (const GError *error)
{
  g_autofree char *sentence = unknot_editor_describe_save_error (error);

  g_test_message ("%s", sentence);
  g_assert_nonnull (strstr (sentence, "was not saved."));
  g_assert_true (g_str_has_suffix (sentence, "."));
  g_assert_null (strchr (sentence, '\n'));
  g_assert_null (strchr (sentence, '/'));
  g_assert_null (strstr (sentence, ".json"));
  g_assert_null (strstr (sentence, error->message));
  g_assert_null (strstr (sentence, "directory"));
  g_assert_null (strstr (sentence, "Permission denied"));
}

/* The edits kept through the failure are the ones saved once it is gone. */
static void
assert_saves_now (Fixture    *f,
                  const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnknotRoutine) loaded = NULL;

  g_assert_true (unknot_editor_save (f->editor, &error));
  g_assert_no_error (error);
  g_assert_false (unknot_editor_get_modified (f->editor));
  loaded = unknot_routine_load_file (file, NULL, test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (unknot_routine_equal (loaded, unknot_editor_get_routine (f->editor)));
  g_assert_cmpuint (unknot_routine_get_total_duration (loaded), ==, 90 + 45);
}

/* The routines folder cannot be created: its parent is a regular file (ENOTDIR, root too). */
static void
test_parent_is_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *blocker = g_build_filename (f->root, "blocker", NULL);
  g_autofree char *user = g_build_filename (blocker, "routines", NULL);
  g_autofree char *target = g_build_filename (user, "my-routine.json", NULL);
  g_autoptr(UnknotLibrary) library = NULL;
  g_autoptr(UnknotEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) loaded = NULL;
  g_autoptr(GFile) file = NULL;
  Snapshot s;

  g_free (test_write_file (f->root, "blocker", "a file where a folder should be"));
  library = unknot_library_new (test_get_catalogue (), NULL, user);
  unknot_library_load (library);

  editor = unknot_editor_new (library, NULL);
  unknot_editor_add_step (editor, "heat", -1);
  unknot_editor_add_step (editor, "kneading", -1);
  unknot_editor_remove_step (editor, 0);
  unknot_routine_set_name (unknot_editor_get_routine (editor), "Kept through it all");
  take_snapshot (&s, editor, NULL);

  g_assert_false (unknot_editor_save (editor, &error));
  assert_described (error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  /* Clear: it names the folder and says what is wrong. */
  g_assert_nonnull (strstr (error->message, user));
  g_assert_nonnull (strstr (error->message, "Not a directory"));
  g_test_message ("%s", error->message);
  assert_unchanged (&s, editor, library, NULL);
  g_assert_false (g_file_test (user, G_FILE_TEST_EXISTS));

  /* Once the folder can be made, the very edits are saved. */
  g_assert_cmpint (g_remove (blocker), ==, 0);
  g_clear_error (&error);
  g_assert_true (unknot_editor_save (editor, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (target);
  loaded = unknot_routine_load_file (file, NULL, test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (unknot_routine_equal (loaded, s.copy));
  clear_snapshot (&s);
}

/* The routine's file was replaced by a folder (EISDIR on rename, root too). */
static void
test_file_is_folder (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *inner = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot s;

  g_assert_cmpint (g_remove (f->alpha_path), ==, 0);
  g_assert_cmpint (g_mkdir (f->alpha_path, 0700), ==, 0);
  inner = test_write_file (f->alpha_path, "keep.txt", "someone's file");
  take_snapshot (&s, f->editor, f->user);

  g_assert_false (unknot_editor_save (f->editor, &error));
  assert_described (error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, f->alpha_path));
  g_test_message ("%s", error->message);
  assert_unchanged (&s, f->editor, f->library, f->user);
  g_assert_true (g_file_test (inner, G_FILE_TEST_IS_REGULAR));

  test_remove_tree (f->alpha_path);
  assert_saves_now (f, f->alpha_path);
  clear_snapshot (&s);
}

/* A folder the user may not write to. Root may, so this case runs for other users only. */
static void
test_chmod (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *before = test_read_file (f->alpha_path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  TestCaps caps;
  Snapshot s;

  /* Root writes into a 0555 folder anyway, unless it gives up its override. */
  if (!test_permissions_bind (&caps))
    {
      test_permissions_restore (&caps);
      g_test_skip ("file permissions do not bind this process; the folder-as-file and "
                   "file-as-folder cases cover root");
      return;
    }

  g_assert_cmpint (g_chmod (f->user, 0555), ==, 0);
  take_snapshot (&s, f->editor, f->user);

  g_assert_false (unknot_editor_save (f->editor, &error));
  assert_described (error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, f->alpha_path));
  g_test_message ("%s", error->message);
  assert_unchanged (&s, f->editor, f->library, f->user);
  after = test_read_file (f->alpha_path);
  g_assert_cmpstr (after, ==, before);

  g_assert_cmpint (g_chmod (f->user, 0700), ==, 0);
  assert_saves_now (f, f->alpha_path);
  clear_snapshot (&s);
  test_permissions_restore (&caps);
}

/* A full disk, simulated with a file size limit (RLIMIT_FSIZE binds root too): the write of the
 * temporary file fails part way. Run in a subprocess, which keeps the limit to itself. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 256, 256 };
  Snapshot s;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  before = test_read_file (f->alpha_path);
  g_assert_cmpuint (strlen (before), >, 0);
  take_snapshot (&s, f->editor, f->user);

  /* Past the limit a write fails with EFBIG instead of killing the process. */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (unknot_editor_save (f->editor, &error));
  assert_described (error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, f->alpha_path));
  g_test_message ("%s", error->message);
  assert_unchanged (&s, f->editor, f->library, f->user);
  after = test_read_file (f->alpha_path);
  g_assert_cmpstr (after, ==, before);
  clear_snapshot (&s);
}

/* The file and its folder vanished (deleted by hand): nothing to fail on, the save puts them
 * back with the edits. */
static void
test_vanished (Fixture       *f,
               gconstpointer  data)
{
  test_remove_tree (f->user);
  assert_saves_now (f, f->alpha_path);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* A save keeps the file's permissions: a private routine (0600) stays private, a shared one
 * (0664) keeps its group's write permission whatever the umask. */
static void
test_mode_kept (Fixture       *f,
                gconstpointer  data)
{
  static const guint modes[] = { 0600, 0664, 0640 };
  mode_t umask_before = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_chmod (f->alpha_path, modes[i]), ==, 0);
      unknot_step_set_duration (unknot_routine_get_step (unknot_editor_get_routine (f->editor), 0),
                                90 + i);
      g_assert_true (unknot_editor_save (f->editor, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (f->alpha_path), ==, modes[i]);
    }
  umask (umask_before);

  /* A new file: 0644 less the umask, as before. */
  g_assert_cmpint (g_remove (f->alpha_path), ==, 0);
  unknot_step_set_duration (unknot_routine_get_step (unknot_editor_get_routine (f->editor), 0), 90);
  assert_saves_now (f, f->alpha_path);
  g_assert_cmpuint (file_mode (f->alpha_path), ==, 0644 & ~umask_before);
}

/* A file someone made read-only (0444) is refused, root or not, and not replaced: the folder
 * allows the rename, so only the saver's own check keeps it. */
static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = test_read_file (f->alpha_path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot s;

  g_assert_cmpint (g_chmod (f->alpha_path, 0444), ==, 0);
  take_snapshot (&s, f->editor, f->user);

  g_assert_false (unknot_editor_save (f->editor, &error));
  assert_described (error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, f->alpha_path));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_test_message ("%s", error->message);
  assert_unchanged (&s, f->editor, f->library, f->user);
  after = test_read_file (f->alpha_path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (file_mode (f->alpha_path), ==, 0444);

  g_assert_cmpint (g_chmod (f->alpha_path, 0644), ==, 0);
  assert_saves_now (f, f->alpha_path);
  clear_snapshot (&s);
}

/* A routine that is a symbolic link (into a synced folder, say): the save writes the file the
 * link leads to and keeps the link. A link that leads nowhere is refused, and left as it is. */
static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *elsewhere = g_build_filename (f->root, "synced", NULL);
  g_autofree char *target = g_build_filename (elsewhere, "alpha.json", NULL);
  g_autofree char *link = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  Snapshot s;

  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  g_assert_cmpint (g_rename (f->alpha_path, target), ==, 0);
  g_assert_cmpint (g_chmod (target, 0600), ==, 0);
  g_assert_cmpint (symlink ("../synced/alpha.json", f->alpha_path), ==, 0);

  assert_saves_now (f, target);
  link = g_file_read_link (f->alpha_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (link, ==, "../synced/alpha.json");
  g_assert_cmpuint (file_mode (target), ==, 0600);
  /* Nothing left beside the link or beside the target. */
  listing = test_list_dir (f->user);
  g_assert_cmpstr (listing, ==, "alpha.json");
  g_clear_pointer (&listing, g_free);
  listing = test_list_dir (elsewhere);
  g_assert_cmpstr (listing, ==, "alpha.json");

  /* Dangling: an error that says where the link leads, and the link stays. */
  g_assert_cmpint (g_remove (target), ==, 0);
  unknot_routine_set_name (unknot_editor_get_routine (f->editor), "Alpha, again");
  take_snapshot (&s, f->editor, f->user);
  g_assert_false (unknot_editor_save (f->editor, &error));
  assert_described (error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "../synced/alpha.json"));
  g_test_message ("%s", error->message);
  assert_unchanged (&s, f->editor, f->library, f->user);
  g_assert_true (g_file_test (f->alpha_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  clear_snapshot (&s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/readonly/parent-is-file", test_parent_is_file);
  ADD ("/readonly/file-is-folder", test_file_is_folder);
  ADD ("/readonly/chmod", test_chmod);
  ADD ("/readonly/disk-full", test_disk_full);
  ADD ("/readonly/vanished", test_vanished);
  ADD ("/readonly/mode-kept", test_mode_kept);
  ADD ("/readonly/read-only-file", test_read_only_file);
  ADD ("/readonly/symlink", test_symlink);

#undef ADD

  return g_test_run ();
}
