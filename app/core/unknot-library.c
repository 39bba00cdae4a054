/* unknot-library.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-library.h"
#include "unknot-routine-io.h"

struct _UnknotLibrary
{
  GObject          parent_instance;

  UnknotCatalogue *catalogue;
  char            *bundled_dir;
  char            *user_dir;
  GListStore      *routines;
  GHashTable      *by_id;      /* id -> UnknotRoutine (borrowed from routines) */
  GPtrArray       *problems;   /* of UnknotProblem, from the last load */
};

G_DEFINE_FINAL_TYPE (UnknotLibrary, unknot_library, G_TYPE_OBJECT)

static void
unknot_library_finalize (GObject *object)
{
  UnknotLibrary *self = (UnknotLibrary *) object;

  g_clear_object (&self->catalogue);
  g_clear_object (&self->routines);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->bundled_dir);
  g_free (self->user_dir);

  G_OBJECT_CLASS (unknot_library_parent_class)->finalize (object);
}

static void
unknot_library_class_init (UnknotLibraryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = unknot_library_finalize;
}

static void
unknot_library_init (UnknotLibrary *self)
{
  self->routines = g_list_store_new (UNKNOT_TYPE_ROUTINE);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
}

/**
 * unknot_library_new:
 * @bundled_dir: (nullable): the read-only routines installed with Unknot
 * @user_dir: (nullable): the user's own routines
 */
UnknotLibrary *
unknot_library_new (UnknotCatalogue *catalogue,
                    const char      *bundled_dir,
                    const char      *user_dir)
{
  UnknotLibrary *self;

  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (catalogue), NULL);

  self = g_object_new (UNKNOT_TYPE_LIBRARY, NULL);
  self->catalogue = g_object_ref (catalogue);
  self->bundled_dir = g_strdup (bundled_dir);
  self->user_dir = g_strdup (user_dir);

  return self;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The *.json files of @dir in name order, so every load sees them in the same order. */
static GPtrArray *
list_routine_files (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || !(d = g_dir_open (dir, 0, NULL)))
    return names;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, ".json") && name[0] != '.')
      g_ptr_array_add (names, g_build_filename (dir, name, NULL));

  g_ptr_array_sort (names, compare_strings);
  return names;
}

static void
load_dir (UnknotLibrary *self,
          const char    *dir,
          gboolean       bundled,
          GPtrArray     *loaded)
{
  g_autoptr(GPtrArray) files = list_routine_files (dir);

  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, i));
      g_autoptr(GError) error = NULL;
      g_autoptr(UnknotRoutine) routine = NULL;
      guint before = self->problems->len;
      UnknotRoutine *other;

      routine = unknot_routine_load_file (file, NULL, self->catalogue, self->problems, &error);
      if (routine == NULL)
        {
          /* One bad file is reported and skipped; the others still load. An I/O error has no
           * problem entry yet: add one. */
          if (self->problems->len == before)
            g_ptr_array_add (self->problems,
                             unknot_problem_new (NULL, 0, 0, NULL, FALSE, error->message));
          continue;
        }

      other = g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine));
      if (other != NULL)
        {
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *other_name = g_file_get_parse_name (unknot_routine_get_file (other));
          g_autofree char *message =
            g_strdup_printf (_("the id \"%s\" is already used by %s; this routine is skipped"),
                             unknot_routine_get_id (routine), other_name);

          g_ptr_array_add (self->problems,
                           unknot_problem_new (name, 0, 0, "id", FALSE, message));
          continue;
        }

      unknot_routine_set_bundled (routine, bundled);
      g_hash_table_insert (self->by_id, (char *) unknot_routine_get_id (routine), routine);
      g_ptr_array_add (loaded, g_steal_pointer (&routine));
    }
}

static int
compare_routines (gconstpointer a,
                  gconstpointer b)
{
  UnknotRoutine *ra = *(UnknotRoutine **) a;
  UnknotRoutine *rb = *(UnknotRoutine **) b;

  return g_utf8_collate (unknot_routine_get_name (ra), unknot_routine_get_name (rb));
}

/* Reads both folders again. Problems from the previous load are forgotten. */
void
unknot_library_load (UnknotLibrary *self)
{
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));

  g_ptr_array_set_size (self->problems, 0);
  g_hash_table_remove_all (self->by_id);

  load_dir (self, self->bundled_dir, TRUE, loaded);
  load_dir (self, self->user_dir, FALSE, loaded);
  g_ptr_array_sort (loaded, compare_routines);

  g_list_store_splice (self->routines, 0, g_list_model_get_n_items (G_LIST_MODEL (self->routines)),
                       loaded->pdata, loaded->len);
}

GListModel *
unknot_library_get_routines (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return G_LIST_MODEL (self->routines);
}

/* Returns: (transfer none) (element-type UnknotProblem): what the last load found. */
GPtrArray *
unknot_library_get_problems (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return self->problems;
}

UnknotRoutine *
unknot_library_lookup (UnknotLibrary *self,
                       const char    *id)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

UnknotCatalogue *
unknot_library_get_catalogue (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return self->catalogue;
}

const char *
unknot_library_get_user_dir (UnknotLibrary *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);
  return self->user_dir;
}

/* An id no routine in the library has, and no file in the user's folder: @base, or @base-2... */
char *
unknot_library_make_unique_id (UnknotLibrary *self,
                               const char    *base)
{
  g_autofree char *clean = NULL;
  GString *id;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);

  /* Keep what an id may hold; the rest becomes "-". */
  clean = g_ascii_strdown (base && *base ? base : "routine", -1);
  for (char *p = clean; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
      *p = '-';
  g_strstrip (clean);
  if (strlen (clean) > UNKNOT_MAX_ID_LENGTH - 4)
    clean[UNKNOT_MAX_ID_LENGTH - 4] = '\0';
  while (clean[0] == '-')
    memmove (clean, clean + 1, strlen (clean));
  if (clean[0] == '\0')
    {
      g_free (clean);
      clean = g_strdup ("routine");
    }

  id = g_string_new (clean);
  for (guint n = 2;; n++)
    {
      g_autoptr(GFile) file = unknot_library_get_user_file (self, id->str);

      if (g_hash_table_lookup (self->by_id, id->str) == NULL
          && (file == NULL || !g_file_query_exists (file, NULL)))
        break;
      g_string_printf (id, "%s-%u", clean, n);
    }

  return g_string_free (id, FALSE);
}

/* Where the user's routine @id is kept. */
GFile *
unknot_library_get_user_file (UnknotLibrary *self,
                              const char    *id)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY (self), NULL);

  if (self->user_dir == NULL)
    return NULL;

  name = g_strconcat (id, ".json", NULL);
  path = g_build_filename (self->user_dir, name, NULL);
  return g_file_new_for_path (path);
}

static guint
find_position (UnknotLibrary *self,
               UnknotRoutine *routine)
{
  guint position;

  if (g_list_store_find (self->routines, routine, &position))
    return position;
  return G_MAXUINT;
}

/* Adds @routine, or replaces the routine that has its id, keeping the list in name order. */
void
unknot_library_put (UnknotLibrary *self,
                    UnknotRoutine *routine)
{
  UnknotRoutine *old;
  guint n, position = 0;

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  old = g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine));
  if (old == routine)
    return;
  if (old != NULL)
    unknot_library_remove (self, old);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->routines));
  while (position < n)
    {
      g_autoptr(UnknotRoutine) other = g_list_model_get_item (G_LIST_MODEL (self->routines),
                                                              position);

      if (g_utf8_collate (unknot_routine_get_name (routine), unknot_routine_get_name (other)) < 0)
        break;
      position++;
    }

  g_hash_table_insert (self->by_id, (char *) unknot_routine_get_id (routine), routine);
  g_list_store_insert (self->routines, position, routine);
}

void
unknot_library_remove (UnknotLibrary *self,
                       UnknotRoutine *routine)
{
  guint position;

  g_return_if_fail (UNKNOT_IS_LIBRARY (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  position = find_position (self, routine);
  if (position == G_MAXUINT)
    return;

  if (g_hash_table_lookup (self->by_id, unknot_routine_get_id (routine)) == routine)
    g_hash_table_remove (self->by_id, unknot_routine_get_id (routine));
  g_list_store_remove (self->routines, position);
}
