/* fuzz-routine.c: libFuzzer target for the routine loader, its checks and the saver
 *
 * Whatever the bytes, the loader must not crash, leak or trip a sanitizer; it refuses them with at
 * least one problem that says the same as the GError, or it returns a routine that keeps every
 * rule, saves as valid UTF-8 and loads back equal, with the same bytes when saved again. The same
 * bytes read from a file give the same answer, and a routine saved to a file with the real saver
 * (load -> save -> load -> save) gives the very bytes of unknot_routine_to_json() both times and
 * leaves no temporary file.
 *
 *   CC=clang meson setup _fuzz -Dfuzzing=true && ninja -C _fuzz
 *   cp -r tests/fuzz/corpus /tmp/corpus
 *   _fuzz/tests/fuzz/fuzz-routine -dict=tests/fuzz/routine.dict -max_len=65536 /tmp/corpus
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-util.h"
#include "unknot-routine-io.h"

static UnknotCatalogue *catalogue;
static char *work_dir;    /* in.json (the input), out.json (what the saver wrote) */
static char *in_path;
static char *out_path;

static void
remove_work_dir (void)
{
  fuzz_remove_tree (work_dir);
}

static char *
file_bytes (const char *path,
            gsize      *length)
{
  char *contents = NULL;

  fuzz_assert (g_file_get_contents (path, &contents, length, NULL), "cannot read %s", path);
  return contents;
}

/* The input from a file: the answer unknot_routine_load_bytes() gave (@from_bytes, @problems),
 * and when it loads, the saver's round trip through out.json. */
static void
check_file_round (const uint8_t *data,
                  size_t         size,
                  UnknotRoutine *from_bytes,
                  GPtrArray     *problems,
                  const char    *json,
                  gsize          length)
{
  g_autoptr(GFile) in = g_file_new_for_path (in_path);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GPtrArray) file_problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(UnknotRoutine) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *want = unknot_problems_to_string (problems);
  g_autofree char *got = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GDir) dir = NULL;
  gsize first_length, second_length;
  guint n_files = 0;

  fuzz_assert (g_file_set_contents (in_path, (const char *) data, size, NULL), "cannot write");
  routine = unknot_routine_load_file (in, "fuzz.json", catalogue, file_problems, &error);
  got = unknot_problems_to_string (file_problems);
  fuzz_assert (g_str_equal (got, want), "from a file '%s', from bytes '%s'", got, want);
  fuzz_assert ((routine == NULL) == (from_bytes == NULL), "file and bytes disagree");
  if (routine == NULL)
    return;
  fuzz_assert (unknot_routine_equal (routine, from_bytes), "file and bytes load differently");

  /* load -> save -> load -> save: the same bytes each time, those of to_json(). */
  fuzz_assert (unknot_routine_save (routine, out, catalogue, &error), "save failed: %s",
               error->message);
  first = file_bytes (out_path, &first_length);
  fuzz_assert (first_length == length && memcmp (first, json, length) == 0,
               "the saver wrote other bytes than to_json()");
  saved = unknot_routine_load_file (out, "out.json", catalogue, NULL, &error);
  fuzz_assert (saved != NULL, "the saved file does not load: %s", error->message);
  fuzz_assert (unknot_routine_equal (saved, routine), "the saved file loads differently");
  fuzz_assert (unknot_routine_save (saved, out, catalogue, &error), "second save failed: %s",
               error->message);
  second = file_bytes (out_path, &second_length);
  fuzz_assert (second_length == first_length && memcmp (first, second, first_length) == 0,
               "saving a load of a save gives other bytes");

  dir = g_dir_open (work_dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  fuzz_assert (n_files == 2, "the saver left a file behind");
  g_unlink (out_path);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  catalogue = fuzz_load_catalogue ();
  work_dir = fuzz_make_work_dir ();
  in_path = g_build_filename (work_dir, "in.json", NULL);
  out_path = g_build_filename (work_dir, "out.json", NULL);
  atexit (remove_work_dir);

  return 0;
}

static char *
error_lines (GPtrArray *problems)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new ();

  for (guint i = 0; i < problems->len; i++)
    if (!((UnknotProblem *) g_ptr_array_index (problems, i))->warning)
      g_ptr_array_add (errors, g_ptr_array_index (problems, i));
  return unknot_problems_to_string (errors);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems =
    g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  g_autoptr(GPtrArray) check = NULL;
  g_autoptr(GPtrArray) again_problems = NULL;
  g_autoptr(UnknotRoutine) routine = NULL;
  g_autoptr(UnknotRoutine) again = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  gsize length, length_again;

  routine = unknot_routine_load_bytes (bytes, "fuzz.json", catalogue, problems, &error);

  /* Messages are shown to people: always valid UTF-8, always naming the file. */
  all = unknot_problems_to_string (problems);
  fuzz_assert (g_utf8_validate (all, -1, NULL), "problems not UTF-8");
  for (guint i = 0; i < problems->len; i++)
    fuzz_assert (g_str_equal (((UnknotProblem *) g_ptr_array_index (problems, i))->file,
                              "fuzz.json"), "problem without the file name");

  if (routine == NULL)
    {
      g_autofree char *errors = error_lines (problems);

      fuzz_assert (error != NULL, "refused without a GError");
      fuzz_assert (unknot_problems_count_errors (problems) > 0, "refused without a problem");
      fuzz_assert (g_str_equal (error->message, errors), "GError '%s' != problems '%s'",
                   error->message, errors);
      check_file_round (data, size, NULL, problems, NULL, 0);
      return 0;
    }

  fuzz_assert (error == NULL, "loaded with a GError: %s", error->message);
  fuzz_assert (unknot_problems_count_errors (problems) == 0, "loaded with errors: %s", all);

  /* What loads keeps every rule the editor and the saver check. */
  check = unknot_routine_check (routine, catalogue, "fuzz.json");
  if (check->len > 0)
    {
      g_autofree char *text = unknot_problems_to_string (check);

      fuzz_assert (FALSE, "loaded but breaks the rules: %s", text);
    }

  json = unknot_routine_to_json (routine, &length);
  fuzz_assert (g_utf8_validate (json, length, NULL), "to_json wrote invalid UTF-8");

  json_bytes = g_bytes_new_static (json, length);
  again_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  again = unknot_routine_load_bytes (json_bytes, "fuzz.json", catalogue, again_problems, &error);
  fuzz_assert (again != NULL, "saved JSON does not load: %s\n%s", error->message, json);
  /* Saving adds no problem. The one warning a save keeps is for words the model keeps on
   * purpose (the second side's, on a step that is not on both sides: the person may set "both"
   * again); it was said at the first load too, at the same place. */
  for (guint i = 0; i < again_problems->len; i++)
    {
      const UnknotProblem *p = g_ptr_array_index (again_problems, i);
      gboolean said_before = FALSE;

      for (guint j = 0; j < problems->len && !said_before; j++)
        {
          const UnknotProblem *q = g_ptr_array_index (problems, j);

          said_before = q->warning && g_strcmp0 (p->path, q->path) == 0
                        && g_strcmp0 (p->message, q->message) == 0;
        }
      fuzz_assert (p->warning && said_before, "saved JSON has a new problem: %s: %s",
                   p->path ? p->path : "", p->message);
    }
  fuzz_assert (unknot_routine_equal (routine, again), "reloaded routine differs:\n%s", json);

  json_again = unknot_routine_to_json (again, &length_again);
  fuzz_assert (length == length_again && memcmp (json, json_again, length) == 0,
               "saving twice gives different bytes");

  check_file_round (data, size, routine, problems, json, length);
  return 0;
}
