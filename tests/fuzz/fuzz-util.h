/* fuzz-util.h: what the libFuzzer targets share
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "unknot-catalogue.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define fuzz_assert(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        g_printerr ("%s:%d: %s: ", __FILE__, __LINE__, #cond); \
        g_printerr (__VA_ARGS__); \
        g_printerr ("\n"); \
        abort (); \
      } \
  } G_STMT_END

/* The technique catalogue from UNKNOT_DATA_DIR (or the source tree); a failed
 * g_return_if_fail() from here on is a bug the fuzzer found. */
static inline UnknotCatalogue *
fuzz_load_catalogue (void)
{
  const char *dir = g_getenv ("UNKNOT_DATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  UnknotCatalogue *catalogue;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  path = g_build_filename (dir && *dir ? dir : SOURCE_DATADIR, "techniques.json", NULL);
  file = g_file_new_for_path (path);
  catalogue = unknot_catalogue_new_from_file (file, &error);
  if (catalogue == NULL)
    g_error ("fuzz: cannot load the catalogue %s: %s", path, error->message);
  return catalogue;
}

/* A folder to work in, in memory where there is a tmpfs: a save's fsync is then nearly free,
 * and the fuzzer fast. */
static inline char *
fuzz_make_work_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_strdup ("/dev/shm/unknot-fuzz-XXXXXX");

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_mkdtemp (dir) != NULL)
    return dir;
  g_free (dir);
  if ((dir = g_dir_make_tmp ("unknot-fuzz-XXXXXX", &error)) == NULL)
    g_error ("fuzz: cannot make a folder to work in: %s", error->message);
  return dir;
}

/* Removes @path and everything under it, links not followed. */
static inline void
fuzz_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR)
      && (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          fuzz_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}
