/* sync-shim.c: an LD_PRELOAD library that records the order of fsync() and rename() calls
 *
 * Killing a process (tests/test-save-crash.c) leaves the page cache intact, so it cannot show
 * that a save flushes its data before the rename that makes it the file. This shim, preloaded
 * into a process that saves, appends one line per call to the file named by UNKNOT_SYNC_LOG:
 *
 *   fsync PATH            (fsync or fdatasync of a descriptor, PATH from /proc/self/fd)
 *   rename FROM TO        (rename, renameat or renameat2)
 *
 * and then makes the real call. tests/test-save-sync.c reads the lines.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int fsync (int fd);
int fdatasync (int fd);
int rename (const char *from, const char *to);
int renameat (int from_dir, const char *from, int to_dir, const char *to);
int renameat2 (int from_dir, const char *from, int to_dir, const char *to, unsigned int flags);

static void record (const char *format, ...) __attribute__ ((format (printf, 1, 2)));

static void
record (const char *format,
        ...)
{
  const char *log = getenv ("UNKNOT_SYNC_LOG");
  char line[5 * PATH_MAX];
  va_list args;
  int fd, n;

  if (log == NULL)
    return;

  va_start (args, format);
  n = vsnprintf (line, sizeof line - 1, format, args);
  va_end (args);
  if (n < 0 || n >= (int) sizeof line - 1)
    return;
  line[n++] = '\n';

  /* One write of one line, appended: the order is the order of the calls. */
  fd = open (log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  if (write (fd, line, n) != n)
    abort ();
  close (fd);
}

static void
fd_path (int   fd,
         char *path,
         int   size)
{
  char link[64];
  ssize_t n;

  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  n = readlink (link, path, size - 1);
  path[n < 0 ? 0 : n] = '\0';
}

/* A path relative to @dir_fd, made absolute for the record ("" if it does not fit). */
static void
at_path (int         dir_fd,
         const char *name,
         char       *path,
         int         size)
{
  char dir[PATH_MAX];
  int n;

  if (name[0] == '/')
    n = snprintf (path, size, "%s", name);
  else
    {
      if (dir_fd == AT_FDCWD)
        {
          if (getcwd (dir, sizeof dir) == NULL)
            dir[0] = '\0';
        }
      else
        fd_path (dir_fd, dir, sizeof dir);
      n = snprintf (path, size, "%s/%s", dir, name);
    }
  if (n < 0 || n >= size)
    path[0] = '\0';
}

/* The next definition of @name: libc's. */
#define REAL(name) \
  static __typeof__ (&name) real; \
  if (real == NULL) \
    real = (__typeof__ (&name)) dlsym (RTLD_NEXT, #name)

int
fsync (int fd)
{
  char path[PATH_MAX];
  REAL (fsync);

  fd_path (fd, path, sizeof path);
  record ("fsync %s", path);
  return real (fd);
}

int
fdatasync (int fd)
{
  char path[PATH_MAX];
  REAL (fdatasync);

  fd_path (fd, path, sizeof path);
  record ("fsync %s", path);
  return real (fd);
}

int
rename (const char *from,
        const char *to)
{
  char a[2 * PATH_MAX], b[2 * PATH_MAX];
  REAL (rename);

  at_path (AT_FDCWD, from, a, sizeof a);
  at_path (AT_FDCWD, to, b, sizeof b);
  record ("rename %s %s", a, b);
  return real (from, to);
}

int
renameat (int         from_dir,
          const char *from,
          int         to_dir,
          const char *to)
{
  char a[2 * PATH_MAX], b[2 * PATH_MAX];
  REAL (renameat);

  at_path (from_dir, from, a, sizeof a);
  at_path (to_dir, to, b, sizeof b);
  record ("rename %s %s", a, b);
  return real (from_dir, from, to_dir, to);
}

int
renameat2 (int           from_dir,
           const char   *from,
           int           to_dir,
           const char   *to,
           unsigned int  flags)
{
  char a[2 * PATH_MAX], b[2 * PATH_MAX];
  REAL (renameat2);

  at_path (from_dir, from, a, sizeof a);
  at_path (to_dir, to, b, sizeof b);
  record ("rename %s %s", a, b);
  return real (from_dir, from, to_dir, to, flags);
}
