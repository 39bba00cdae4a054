/* test-save-crash.c: a save killed at any moment leaves the old routine or the new one, never a
 * mix and never an empty file
 *
 * A child process (this program, run with --save-loop FILE) saves two routines, A and B, with
 * the same id and different steps, into one file in turns, for ever. The parent kills it with
 * SIGKILL at a random moment, 200 times, starting it again each time, and after every kill the
 * file must load as A or as B.
 *
 * A save writes a temporary file beside the target (".routine.json.unknot-XXXXXX"), flushes it
 * and renames it over the target; killed between the two, the temporary file stays behind. Those
 * are counted; the library ignores them (it reads "*.json" only) and, at the next start, removes
 * the ones more than a minute old: after a "restart" with the leftovers made older, the folder
 * holds the routine and nothing else.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <utime.h>
#include <unistd.h>

#include "unknot-test-util.h"

#define N_KILLS      200
#define MAX_DELAY_US 20000

/* A: three short steps. B: many long ones, so a file cut short or half of each would show. */
static UnknotRoutine *
make_routine (gboolean b)
{
  UnknotRoutine *routine = unknot_routine_new ("crash", b ? "Routine B" : "Routine A");
  guint n = b ? 60 : 3;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UnknotStep) step = unknot_step_new ();
      g_autofree char *text = g_strnfill (b ? 400 : 20, b ? 'b' : 'a');

      unknot_step_set_technique (step, b ? "kneading" : "heat");
      unknot_step_set_duration (step, 10 + i);
      unknot_step_set_instructions (step, text);
      unknot_routine_append_step (routine, step);
    }
  return routine;
}

/* The child: saves A, B, A, B... and writes one byte to stdout after each save. */
static int
save_loop (const char *path)
{
  g_autoptr(UnknotRoutine) a = make_routine (FALSE);
  g_autoptr(UnknotRoutine) b = make_routine (TRUE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  UnknotCatalogue *catalogue = test_get_catalogue ();

  for (guint64 i = 0;; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!unknot_routine_save (i % 2 ? b : a, file, catalogue, &error))
        g_error ("save failed: %s", error->message);
      if (write (STDOUT_FILENO, "s", 1) != 1)
        return 1;
    }
}

static gboolean
read_byte (int  fd,
           int  timeout_ms)
{
  GPollFD pfd = { fd, G_IO_IN | G_IO_HUP, 0 };
  char c;

  if (g_poll (&pfd, 1, timeout_ms) != 1)
    return FALSE;
  return read (fd, &c, 1) == 1;
}

static guint
drain (int fd)
{
  char buffer[4096];
  guint n = 0;
  gssize got;

  while ((got = read (fd, buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR))
    if (got > 0)
      n += got;
  return n;
}

/* Counts the temporary files a killed save left in @dir, and makes them @age older. */
static guint
count_leftovers (const char *dir,
                 const char *keep,
                 GTimeSpan   age)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      struct utimbuf times;

      if (g_str_equal (name, keep))
        continue;
      /* Nothing else may ever appear: only the saver's own temporary files. */
      g_assert_true (g_str_has_prefix (name, ".routine.json.unknot-"));
      g_assert_cmpuint (strlen (name), ==, strlen (".routine.json.unknot-XXXXXX"));
      g_assert_true (unknot_is_temporary_file_name (name));
      path = g_build_filename (dir, name, NULL);
      times.actime = times.modtime = (g_get_real_time () - age) / G_USEC_PER_SEC;
      g_assert_cmpint (g_utime (path, &times), ==, 0);
      n++;
    }
  return n;
}

/* Unknot starting again: the library's load, which cleans the folder first. */
static void
restart (const char *dir)
{
  g_autoptr(UnknotLibrary) library = unknot_library_new (test_get_catalogue (), NULL, dir);

  unknot_library_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (library)), ==, 1);
  g_assert_cmpuint (test_library_n_problems (library), ==, 0);
  g_assert_nonnull (unknot_library_lookup (library, "crash"));
}

#define CRASH_AGO (2 * G_TIME_SPAN_MINUTE)

static void
test_kill (void)
{
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "routine.json", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(UnknotRoutine) a = make_routine (FALSE);
  g_autoptr(UnknotRoutine) b = make_routine (TRUE);
  g_autofree char *json_a = unknot_routine_to_json (a, NULL);
  g_autofree char *json_b = unknot_routine_to_json (b, NULL);
  g_autoptr(GError) error = NULL;
  UnknotCatalogue *catalogue = test_get_catalogue ();
  guint seen_a = 0, seen_b = 0, saves = 0, leftovers = 0, leftover_runs = 0, kept = 0;
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (self);
  g_assert_cmpstr (json_a, !=, json_b);
  g_assert_true (unknot_routine_save (a, file, catalogue, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_KILLS; i++)
    {
      const char *argv[] = { self, "--save-loop", path, NULL };
      g_autoptr(UnknotRoutine) loaded = NULL;
      g_autofree char *contents = NULL;
      GPid pid;
      int out, status;
      guint left;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, NULL, &out, NULL, &error);
      g_assert_no_error (error);

      /* Killed while saving, not while starting: wait for its first save. */
      g_assert_true (read_byte (out, 5000));
      g_usleep (g_test_rand_int_range (0, MAX_DELAY_US + 1));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      saves += 1 + drain (out);
      close (out);
      g_spawn_close_pid (pid);

      /* Old or new, whole. */
      contents = test_read_file (path);
      g_assert_nonnull (contents);
      if (g_str_equal (contents, json_a))
        seen_a++;
      else if (g_str_equal (contents, json_b))
        seen_b++;
      else
        g_error ("after kill %u the file is neither A nor B (%zu bytes)", i, strlen (contents));

      loaded = unknot_routine_load_file (file, NULL, catalogue, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (unknot_routine_equal (loaded, a) || unknot_routine_equal (loaded, b));

      /* A few times the temporary files are left in place, fresh, through the next kills, to
       * show a start keeps what may be another Unknot's save under way; otherwise they are made
       * older, and the next start removes them. */
      left = count_leftovers (dir, "routine.json", 0);
      leftovers += left - kept;
      if (left > 0 && leftover_runs < 3 && g_test_rand_bit ())
        {
          leftover_runs++;
          kept = left;
          continue;
        }
      kept = 0;
      if (left > 0)
        {
          g_autofree char *listing = NULL;

          count_leftovers (dir, "routine.json", CRASH_AGO);
          restart (dir);
          listing = test_list_dir (dir);
          g_assert_cmpstr (listing, ==, "routine.json");
        }
    }

  /* A leftover, made by hand if no kill left one at the end, must not show in the library, and
   * is kept while it is fresh. */
  if (count_leftovers (dir, "routine.json", 0) == 0)
    {
      g_autofree char *tmp = g_build_filename (dir, ".routine.json.unknot-Q7ZK2C", NULL);

      g_assert_true (g_file_set_contents (tmp, json_b, strlen (json_b) / 2, NULL));
    }
  restart (dir);
  g_assert_cmpuint (count_leftovers (dir, "routine.json", CRASH_AGO), >, 0);

  /* A minute later, the next start leaves the routine alone in its folder. */
  restart (dir);
  {
    g_autofree char *listing = test_list_dir (dir);

    g_assert_cmpstr (listing, ==, "routine.json");
  }

  g_test_message ("%u kills in %.1f s: %u saves completed in all; the file held A %u times and "
                  "B %u times; %u temporary files were left by kills", N_KILLS,
                  (g_get_monotonic_time () - start) / 1e6, saves, seen_a, seen_b, leftovers);

  /* Each kill came in the middle of a loop of saves, and both routines were caught. */
  g_assert_cmpuint (saves, >, N_KILLS);
  g_assert_cmpuint (seen_a, >, 0);
  g_assert_cmpuint (seen_b, >, 0);

  test_remove_tree (dir);
}

/* The clean-up at start removes only the saver's temporary files, only regular ones, only those
 * more than a minute old: never a person's file, never a save under way. */
static void
test_stale_cleanup (void)
{
  static const struct {
    const char *name;
    gboolean    ours;
  } files[] = {
    { ".alpha.json.unknot-Ab12Cd", TRUE },
    { ".My routine.json.unknot-000000", TRUE },
    { "alpha.json.Ab12Cd", FALSE },              /* GLib's pattern: could be anyone's */
    { "alpha.json", FALSE },
    { "notes.unknot-Ab12Cd", FALSE },            /* not hidden */
    { ".alpha.json.unknot-Ab12C", FALSE },       /* five letters */
    { ".alpha.json.unknot-Ab12Cde", FALSE },     /* seven */
    { ".alpha.json.unknot-Ab_2Cd", FALSE },
    { ".unknot-Ab12Cd", FALSE },                 /* no file's name */
    { ".alpha.json.unknot-Ab12Cd~", FALSE },
  };
  g_autofree char *dir = test_make_tmp_dir ();
  g_autofree char *fresh = NULL;
  g_autofree char *link = g_build_filename (dir, ".link.json.unknot-Zz9Zz9", NULL);
  g_autofree char *folder = g_build_filename (dir, ".folder.json.unknot-Yy8Yy8", NULL);
  g_autofree char *listing = NULL;
  GString *expected = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = test_write_file (dir, files[i].name, "x");
      struct utimbuf times;

      g_assert_cmpint (unknot_is_temporary_file_name (files[i].name), ==, files[i].ours);
      times.actime = times.modtime = (g_get_real_time () - CRASH_AGO) / G_USEC_PER_SEC;
      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }
  fresh = test_write_file (dir, ".beta.json.unknot-Fr35h1", "a save under way");
  g_assert_cmpint (symlink ("alpha.json", link), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  g_assert_cmpuint (unknot_clean_temporary_files (dir, UNKNOT_STALE_TEMPORARY_AGE), ==, 2);

  g_string_append (expected, ".beta.json.unknot-Fr35h1 .folder.json.unknot-Yy8Yy8 "
                   ".link.json.unknot-Zz9Zz9 .unknot-Ab12Cd .alpha.json.unknot-Ab12C "
                   ".alpha.json.unknot-Ab12Cd~ .alpha.json.unknot-Ab12Cde "
                   ".alpha.json.unknot-Ab_2Cd alpha.json alpha.json.Ab12Cd notes.unknot-Ab12Cd");
  listing = test_list_dir (dir);
  {
    /* The same names, whatever the sort order of the locale. */
    g_auto(GStrv) got = g_strsplit (listing, " ", -1);
    g_auto(GStrv) want = g_strsplit (expected->str, " ", -1);

    qsort (got, g_strv_length (got), sizeof (char *), test_compare_names);
    qsort (want, g_strv_length (want), sizeof (char *), test_compare_names);
    g_assert_true (g_strv_equal ((const char * const *) got, (const char * const *) want));
  }
  g_string_free (expected, TRUE);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--save-loop"))
    return save_loop (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/save/killed", test_kill);
  g_test_add_func ("/save/stale-cleanup", test_stale_cleanup);

  return g_test_run ();
}
