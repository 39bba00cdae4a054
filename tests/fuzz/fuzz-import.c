/* fuzz-import.c: libFuzzer target for importing a routine file into the user's folder
 *
 * The input is a routine file in a folder that also holds a sound (sounds/bowl.wav), a symbolic
 * link to a file outside (link.wav -> /etc/passwd) and a folder (dir.wav). Whatever the bytes,
 * unknot_library_import() must not crash, leak or trip a sanitizer, and either
 *   - refuses the file with a GError and at least one problem, leaving no file in the user's
 *     folder, or
 *   - puts one routine in the library whose file in the user's folder loads back equal, with
 *     nothing in that folder that is a link, or anything but a regular file or a folder.
 *
 *   CC=clang meson setup _fuzz -Dfuzzing=true && ninja -C _fuzz
 *   _fuzz/tests/fuzz/fuzz-import -dict=tests/fuzz/routine.dict /tmp/corpus tests/fuzz/corpus
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "fuzz-util.h"
#include "unknot-library.h"
#include "unknot-routine-archive.h"
#include "unknot-routine-io.h"

static UnknotCatalogue *catalogue;
static char *work_dir;
static char *in_path;      /* source/in.json: the input */
static char *user_dir;     /* user/: the user's folder */

static void
remove_work_dir (void)
{
  fuzz_remove_tree (work_dir);
}

static void
must (gboolean    ok,
      const char *what)
{
  if (!ok)
    g_error ("fuzz-import: cannot set up %s", what);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *source = NULL;
  g_autofree char *sounds = NULL;
  g_autofree char *chime = g_build_filename (SOURCE_DATADIR, "..", "media", "sounds",
                                             "chime.wav", NULL);
  g_autofree char *bowl = NULL;
  g_autofree char *link = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *wav = NULL;
  gsize length;

  catalogue = fuzz_load_catalogue ();
  work_dir = fuzz_make_work_dir ();
  atexit (remove_work_dir);

  source = g_build_filename (work_dir, "source", NULL);
  sounds = g_build_filename (source, "sounds", NULL);
  bowl = g_build_filename (sounds, "bowl.wav", NULL);
  link = g_build_filename (source, "link.wav", NULL);
  dir = g_build_filename (source, "dir.wav", NULL);
  in_path = g_build_filename (source, "in.json", NULL);
  user_dir = g_build_filename (work_dir, "user", NULL);

  must (g_mkdir_with_parents (sounds, 0700) == 0, sounds);
  must (g_mkdir (dir, 0700) == 0, dir);
  must (g_mkdir (user_dir, 0700) == 0, user_dir);
  must (g_file_get_contents (chime, &wav, &length, NULL), chime);
  must (g_file_set_contents (bowl, wav, length, NULL), bowl);
  must (symlink ("/etc/passwd", link) == 0, link);

  return 0;
}

/* Counts what is under @path; aborts on a link or anything but files and folders. */
static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat st;

      fuzz_assert (lstat (child, &st) == 0, "%s vanished", child);
      fuzz_assert (!S_ISLNK (st.st_mode), "a link entered the user's folder: %s", child);
      if (S_ISDIR (st.st_mode))
        n += count_files (child);
      else
        {
          fuzz_assert (S_ISREG (st.st_mode), "not a regular file in the user's folder: %s",
                       child);
          n++;
        }
    }
  return n;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(UnknotLibrary) library = unknot_library_new (catalogue, NULL, user_dir);
  g_autoptr(GFile) source = g_file_new_for_path (in_path);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) again = NULL;
  UnknotRoutine *routine;

  fuzz_assert (g_file_set_contents (in_path, (const char *) data, size, NULL), "cannot write");

  routine = unknot_library_import (library, source, problems, &error);
  if (routine == NULL)
    {
      fuzz_assert (error != NULL, "refused without a GError");
      /* A routine file is refused with its problems; an archive that cannot be unpacked, with
       * the reason in the error, which the window shows as it is. */
      fuzz_assert (unknot_problems_count_errors (problems) > 0 || error->domain != UNKNOT_ERROR ||
                   (unknot_routine_archive_is_archive (source) && *error->message != '\0'),
                   "refused without a problem: %s", error->message);
      fuzz_assert (count_files (user_dir) == 0, "a refused import left files behind");
      return 0;
    }

  fuzz_assert (error == NULL, "imported with a GError: %s", error->message);
  fuzz_assert (unknot_library_lookup (library, unknot_routine_get_id (routine)) == routine,
               "the imported routine is not in the library");
  fuzz_assert (unknot_routine_get_file (routine) != NULL, "the imported routine has no file");
  again = unknot_routine_load_file (unknot_routine_get_file (routine), NULL, catalogue, NULL,
                                    &error);
  fuzz_assert (again != NULL, "the imported file does not load: %s", error->message);
  fuzz_assert (unknot_routine_equal (again, routine), "the imported file loads differently");
  fuzz_assert (count_files (user_dir) >= 1, "no file in the user's folder");

  fuzz_remove_tree (user_dir);
  fuzz_assert (g_mkdir (user_dir, 0700) == 0, "cannot make the user's folder again");
  return 0;
}
