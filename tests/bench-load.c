/* bench-load.c: how long the library takes to load N steps of routines
 *
 *   bench-load [N]     (default 10000)
 *
 * Writes N steps as routines of 100 steps each (with text as long as real instructions) into a
 * temporary folder, loads it with UnknotLibrary three times and prints the best time:
 *
 *   load-library: 10000 steps in 123.4 ms (12.3 us/step)
 *
 * The time per step should not grow with N.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "unknot-library.h"
#include "unknot-routine-io.h"

#define STEPS_PER_ROUTINE 100
#define RUNS 3

static const char * const sentences[] = {
  "Sit tall with your feet flat on the floor and let your shoulders drop away from your ears.",
  "Place the ball between your upper back and the wall, just beside the shoulder blade.",
  "Lean in gently and roll slowly up and down, pausing for a breath on any tender spot.",
  "Glide your palms along the muscle with long, even strokes towards the heart.",
  "Press with your fingertips in small circles, moving a little further each time.",
  "Breathe out slowly as you ease into the stretch, and never push into pain.",
  "Lift the warm pack away now and then to check that the skin is not too hot.",
  "Switch sides at the cue and repeat the same movement on the other side.",
};

static UnknotRoutine *
make_routine (UnknotCatalogue *catalogue,
              guint            index,
              guint            n_steps)
{
  g_autofree char *id = g_strdup_printf ("bench-%05u", index);
  g_autofree char *name = g_strdup_printf ("Benchmark routine %u", index);
  UnknotRoutine *routine = unknot_routine_new (id, name);
  guint n_techniques = g_list_model_get_n_items (G_LIST_MODEL (catalogue));

  unknot_routine_set_description (routine, "A generated routine for the load benchmark, about as "
                                           "long as the description of a bundled one.");

  for (guint i = 0; i < n_steps; i++)
    {
      guint k = index * STEPS_PER_ROUTINE + i;
      g_autoptr(UnknotStep) step = NULL;
      g_autofree char *text = g_strconcat (sentences[k % G_N_ELEMENTS (sentences)], " ",
                                           sentences[(k + 3) % G_N_ELEMENTS (sentences)], NULL);

      if (i % 10 == 9)
        step = unknot_step_new_rest (15);
      else
        {
          g_autoptr(UnknotTechnique) technique =
            g_list_model_get_item (G_LIST_MODEL (catalogue), k % n_techniques);

          step = unknot_step_new ();
          unknot_step_set_technique (step, unknot_technique_get_id (technique));
          unknot_step_set_area (step, k % UNKNOT_N_AREAS);
          unknot_step_set_side (step, k % 4);
          unknot_step_set_pressure (step, k % 3);
          unknot_step_set_tool (step, k % UNKNOT_N_TOOLS);
          unknot_step_set_duration (step, 30 + k % 90);
        }
      unknot_step_set_instructions (step, text);
      unknot_step_set_cue_sound (step, k % 7 == 0 ? "bell" : "chime");
      unknot_routine_append_step (routine, step);
    }

  return routine;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotLibrary) library = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *dir = NULL;
  UnknotCatalogue *catalogue;
  guint n_steps = 10000, n_routines, total = 0;
  gint64 best = G_MAXINT64;

  if (argc > 2 || (argc == 2 && (n_steps = strtoul (argv[1], NULL, 10)) == 0))
    {
      g_printerr ("Usage: %s [N-STEPS]\n", argv[0]);
      return 2;
    }

  catalogue = unknot_catalogue_get_default (&error);
  if (catalogue == NULL)
    g_error ("no catalogue: %s", error->message);

  dir = g_dir_make_tmp ("unknot-bench-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  n_routines = (n_steps + STEPS_PER_ROUTINE - 1) / STEPS_PER_ROUTINE;
  for (guint r = 0; r < n_routines; r++)
    {
      guint n = MIN (STEPS_PER_ROUTINE, n_steps - r * STEPS_PER_ROUTINE);
      g_autoptr(UnknotRoutine) routine = make_routine (catalogue, r, n);
      g_autofree char *name = g_strdup_printf ("bench-%05u.json", r);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *json = NULL;
      gsize length;

      json = unknot_routine_to_json (routine, &length);
      if (!g_file_set_contents (path, json, length, &error))
        g_error ("%s", error->message);
    }

  library = unknot_library_new (catalogue, dir, NULL);
  for (guint run = 0; run < RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();

      unknot_library_load (library);
      best = MIN (best, g_get_monotonic_time () - start);
    }

  /* The benchmark only counts if everything loaded. */
  problems = unknot_library_dup_problems (library);
  if (problems->len > 0)
    {
      g_autofree char *text = unknot_problems_to_string (problems);

      g_error ("problems loading the benchmark library:\n%s", text);
    }
  for (guint i = 0; i < g_list_model_get_n_items (unknot_library_get_routines (library)); i++)
    {
      g_autoptr(UnknotRoutine) routine =
        g_list_model_get_item (unknot_library_get_routines (library), i);

      total += unknot_routine_get_n_steps (routine);
    }
  if (total != n_steps)
    g_error ("loaded %u steps, expected %u", total, n_steps);

  g_print ("load-library: %u steps in %.1f ms (%.1f us/step)\n",
           n_steps, best / 1000.0, (double) best / n_steps);

  remove_dir (dir);
  return 0;
}
