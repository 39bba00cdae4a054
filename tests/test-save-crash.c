/* test-save-crash.c: a save killed at any moment leaves the old routine or the new one, never a
 * mix and never an empty file
 *
 * A child process (this program, run with --save-loop FILE) saves two routines, A and B, with
 * the same id and different steps, into one file in turns, for ever. The parent kills it with
 * SIGKILL at a random moment, 200 times, starting it again each time, and after every kill the
 * file must load as A or as B.
 *
 * A save writes a temporary file beside the target ("routine.json.XXXXXX"), flushes it and
 * renames it over the target; killed between the two, the temporary file stays behind. Those are
 * counted and removed here, and the library is shown to ignore them: it reads "*.json" only.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
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

/* Removes the temporary files a killed save left in @dir; returns how many there were. */
static guint
remove_leftovers (const char *dir,
                  const char *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;

      if (g_str_equal (name, keep))
        continue;
      /* Nothing else may ever appear: only the saver's own temporary files. */
      g_assert_true (g_str_has_prefix (name, "routine.json."));
      g_assert_cmpuint (strlen (name), ==, strlen ("routine.json.XXXXXX"));
      path = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
      n++;
    }
  return n;
}

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
  g_autoptr(UnknotLibrary) library = NULL;
  UnknotCatalogue *catalogue = test_get_catalogue ();
  guint seen_a = 0, seen_b = 0, saves = 0, leftovers = 0, leftover_runs = 0;
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

      /* A few temporary files are left in place until the end, to show the library below
       * ignores them; the rest are removed at once. */
      if (leftover_runs < 3 && g_test_rand_bit ())
        {
          g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
          guint n = 0;

          while (g_dir_read_name (d) != NULL)
            n++;
          if (n > 1)
            {
              leftover_runs++;
              continue;
            }
        }
      left = remove_leftovers (dir, "routine.json");
      leftovers += left;
    }

  /* A leftover, made by hand if no kill left one, must not show in the library. */
  if (leftover_runs == 0)
    {
      g_autofree char *tmp = g_build_filename (dir, "routine.json.Q7ZK2C", NULL);

      g_assert_true (g_file_set_contents (tmp, json_b, strlen (json_b) / 2, NULL));
    }
  library = unknot_library_new (catalogue, NULL, dir);
  unknot_library_load (library);
  g_assert_cmpuint (g_list_model_get_n_items (unknot_library_get_routines (library)), ==, 1);
  g_assert_cmpuint (test_library_n_problems (library), ==, 0);
  g_assert_nonnull (unknot_library_lookup (library, "crash"));
  leftovers += remove_leftovers (dir, "routine.json");

  g_test_message ("%u kills in %.1f s: %u saves completed in all; the file held A %u times and "
                  "B %u times; %u temporary files were left by kills", N_KILLS,
                  (g_get_monotonic_time () - start) / 1e6, saves, seen_a, seen_b, leftovers);

  /* Each kill came in the middle of a loop of saves, and both routines were caught. */
  g_assert_cmpuint (saves, >, N_KILLS);
  g_assert_cmpuint (seen_a, >, 0);
  g_assert_cmpuint (seen_b, >, 0);

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

  return g_test_run ();
}
