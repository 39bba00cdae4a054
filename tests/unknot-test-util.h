/* unknot-test-util.h: temporary folders, files and main-loop waits shared by the editor's tests
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <fcntl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "unknot-library.h"
#include "unknot-routine-io.h"

static inline UnknotCatalogue *
test_get_catalogue (void)
{
  g_autoptr(GError) error = NULL;
  UnknotCatalogue *catalogue = unknot_catalogue_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

/* How many problems @library has now. */
static inline guint
test_library_n_problems (UnknotLibrary *library)
{
  g_autoptr(GPtrArray) problems = unknot_library_dup_problems (library);

  return problems->len;
}

static inline char *
test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("unknot-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes @path and everything under it (test folders only; symbolic links are not followed). */
static inline void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_assert_cmpint (g_remove (path), ==, 0);
      return;
    }

  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      test_remove_tree (child);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static inline char *
test_write_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The file's bytes, or %NULL when it does not exist. */
static inline char *
test_read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static inline char *
test_routine_json (const char *id,
                   const char *name,
                   guint       duration)
{
  return g_strdup_printf ("{\n"
                          "  \"format\": 1,\n"
                          "  \"id\": \"%s\",\n"
                          "  \"name\": \"%s\",\n"
                          "  \"description\": \"\",\n"
                          "  \"steps\": [\n"
                          "    { \"technique\": \"kneading\", \"area\": \"neck\", "
                          "\"duration\": %u }\n"
                          "  ]\n"
                          "}\n", id, name, duration);
}

static inline int
test_compare_names (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted and joined by spaces ("" for an empty or missing folder). */
static inline char *
test_list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, test_compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* File permissions bind root only without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, and CI runs
 * as root. test_permissions_bind() takes them out of the calling thread's effective set (a
 * thread may always drop its own capabilities) and returns whether a file of mode 000 is now
 * unreadable; test_permissions_restore() puts them back. Use them on the main thread only, with
 * no worker thread started in between: capabilities belong to a thread. */
typedef struct {
  struct __user_cap_header_struct header;
  struct __user_cap_data_struct   data[2];
} TestCaps;

static inline gboolean
test_permissions_bind (TestCaps *saved)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);
  struct __user_cap_data_struct data[2];
  gboolean bound;
  int fd;

  saved->header.version = _LINUX_CAPABILITY_VERSION_3;
  saved->header.pid = 0;
  g_assert_cmpint (syscall (SYS_capget, &saved->header, saved->data), ==, 0);
  memcpy (data, saved->data, sizeof data);
  data[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
  g_assert_cmpint (syscall (SYS_capset, &saved->header, data), ==, 0);

  g_assert_true (g_file_set_contents (probe, "x", 1, NULL));
  g_assert_cmpint (g_chmod (probe, 0), ==, 0);
  fd = open (probe, O_RDONLY | O_CLOEXEC);
  bound = fd < 0;
  if (fd >= 0)
    close (fd);
  g_assert_cmpint (g_remove (probe), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  return bound;
}

static inline void
test_permissions_restore (TestCaps *saved)
{
  g_assert_cmpint (syscall (SYS_capset, &saved->header, saved->data), ==, 0);
}
