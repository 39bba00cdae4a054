/* test-save-sync.c: a save flushes the new data to disk before the rename that makes it the file,
 * and flushes the folder after it
 *
 * A kill leaves the page cache intact, so test-save-crash cannot see a missing fsync; a power cut
 * would. This program runs itself again with tests/sync-shim.c preloaded (UNKNOT_SYNC_SHIM), which
 * records every fsync and rename in order; the child saves a new routine, saves it again over
 * itself, and restores a deleted one (the library's own write). For each rename onto a routine
 * file the temporary file must have been fsynced before it, after its last write, and the folder
 * after it.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "unknot-test-util.h"

/* The child: three writes into @dir, with the shim recording. */
static int
save_three (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "synced.json", NULL);
  g_autofree char *json = test_routine_json ("synced", "Synced", 60);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(UnknotLibrary) library = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
  g_autoptr(GError) error = NULL;
  UnknotRoutine *loaded;

  routine = unknot_routine_load_bytes (bytes, "synced.json", test_get_catalogue (), NULL, &error);
  g_assert_no_error (error);
  if (!unknot_routine_save (routine, file, test_get_catalogue (), &error))
    g_error ("first save: %s", error->message);
  unknot_routine_set_name (routine, "Synced again");
  if (!unknot_routine_save (routine, file, test_get_catalogue (), &error))
    g_error ("second save: %s", error->message);

  library = unknot_library_new (test_get_catalogue (), NULL, dir);
  unknot_library_load (library);
  loaded = unknot_library_lookup (library, "synced");
  g_assert_nonnull (loaded);
  g_object_ref (loaded);
  if (!unknot_library_delete (library, loaded, &error)
      || !unknot_library_restore (library, loaded, &error))
    g_error ("delete and restore: %s", error->message);
  g_object_unref (loaded);
  return 0;
}

static void
test_fsync_before_rename (void)
{
  const char *shim = g_getenv ("UNKNOT_SYNC_SHIM");
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *log = g_build_filename (dir, "calls.log", NULL);
  g_autofree char *target = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *asan = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self, "--save-three", dir, NULL };
  guint renames = 0;
  int status;

  g_assert_nonnull (shim);
  g_assert_true (g_file_test (shim, G_FILE_TEST_IS_REGULAR));
  target = g_build_filename (real_dir, "synced.json", NULL);

  envp = g_environ_setenv (envp, "LD_PRELOAD", shim, TRUE);
  envp = g_environ_setenv (envp, "UNKNOT_SYNC_LOG", log, TRUE);
  /* In a sanitizer build the runtime is not first in the preload list then: let it be. */
  asan = g_strconcat (g_environ_getenv (envp, "ASAN_OPTIONS") ?: "",
                      ":verify_asan_link_order=0", NULL);
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", asan, TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  g_test_message ("calls:\n%s", contents);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) call = g_strsplit (lines[i], " ", 3);
      gboolean data_synced = FALSE, folder_synced = FALSE;

      if (g_strv_length (call) != 3 || !g_str_equal (call[0], "rename")
          || !g_str_equal (call[2], target))
        continue;
      renames++;

      /* Before the rename, since the previous rename onto the target: the temporary file. */
      for (guint j = i; j-- > 0 && !g_str_has_prefix (lines[j], "rename ");)
        if (g_str_has_prefix (lines[j], "fsync ") && g_str_equal (lines[j] + 6, call[1]))
          data_synced = TRUE;
      /* After it, before anything else is renamed: the folder. */
      for (guint j = i + 1; lines[j] != NULL && !g_str_has_prefix (lines[j], "rename "); j++)
        if (g_str_has_prefix (lines[j], "fsync ") && g_str_equal (lines[j] + 6, real_dir))
          folder_synced = TRUE;

      if (!data_synced)
        g_error ("%s was renamed over %s without an fsync of it first", call[1], call[2]);
      if (!folder_synced)
        g_error ("the folder %s was not flushed after the rename of %s", real_dir, call[1]);
    }

  /* The shim saw the three writes: a test that records nothing proves nothing. */
  g_assert_cmpuint (renames, ==, 3);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--save-three"))
    return save_three (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/save/fsync-before-rename", test_fsync_before_rename);

  return g_test_run ();
}
