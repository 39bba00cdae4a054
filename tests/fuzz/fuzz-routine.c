/* fuzz-routine.c: libFuzzer target for the routine loader
 *
 * Whatever the bytes, the loader must not crash, leak or trip a sanitizer; it refuses them with at
 * least one problem that says the same as the GError, or it returns a routine that keeps every
 * rule, saves as valid UTF-8 and loads back equal, with the same bytes when saved again.
 *
 *   CC=clang meson setup _fuzz -Dfuzzing=true && ninja -C _fuzz
 *   cp -r tests/fuzz/corpus /tmp/corpus
 *   _fuzz/tests/fuzz/fuzz-routine -dict=tests/fuzz/routine.dict -max_len=65536 /tmp/corpus
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "unknot-routine-io.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static UnknotCatalogue *catalogue;

#define fuzz_assert(cond, ...) \
  G_STMT_START { \
    if (G_UNLIKELY (!(cond))) \
      { \
        g_printerr ("fuzz-routine: %s:%d: %s: ", __FILE__, __LINE__, #cond); \
        g_printerr (__VA_ARGS__); \
        g_printerr ("\n"); \
        abort (); \
      } \
  } G_STMT_END

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = g_getenv ("UNKNOT_DATA_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  /* A failed g_return_if_fail() is a bug the fuzzer found. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  path = g_build_filename (dir && *dir ? dir : SOURCE_DATADIR, "techniques.json", NULL);
  file = g_file_new_for_path (path);
  catalogue = unknot_catalogue_new_from_file (file, &error);
  if (catalogue == NULL)
    g_error ("fuzz-routine: cannot load the catalogue %s: %s", path, error->message);

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
  fuzz_assert (again_problems->len == 0, "saved JSON has problems");
  fuzz_assert (unknot_routine_equal (routine, again), "reloaded routine differs:\n%s", json);

  json_again = unknot_routine_to_json (again, &length_again);
  fuzz_assert (length == length_again && memcmp (json, json_again, length) == 0,
               "saving twice gives different bytes");

  return 0;
}
