/* unknot-catalogue.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-catalogue.h"
#include "unknot-dirs.h"
#include "unknot-json-private.h"
#include "unknot-technique-private.h"

struct _UnknotCatalogue
{
  GObject     parent_instance;

  GPtrArray  *techniques;   /* of UnknotTechnique, in file order */
  GHashTable *by_id;        /* id -> UnknotTechnique (borrowed) */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (UnknotCatalogue, unknot_catalogue, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return UNKNOT_TYPE_TECHNIQUE;
}

static guint
get_n_items (GListModel *model)
{
  return UNKNOT_CATALOGUE (model)->techniques->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  UnknotCatalogue *self = UNKNOT_CATALOGUE (model);

  if (position >= self->techniques->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->techniques, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
unknot_catalogue_finalize (GObject *object)
{
  UnknotCatalogue *self = (UnknotCatalogue *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->techniques, g_ptr_array_unref);

  G_OBJECT_CLASS (unknot_catalogue_parent_class)->finalize (object);
}

static void
unknot_catalogue_class_init (UnknotCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = unknot_catalogue_finalize;
}

static void
unknot_catalogue_init (UnknotCatalogue *self)
{
  self->techniques = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

static const char * const technique_keys[] = {
  "id", "name", "also-known-as", "summary", "how", "cautions", "default-pressure", "areas", "words",
  NULL
};

static const char * const words_keys[] = {
  "area", "tool", "instructions", "instructions-second-side", NULL
};

/* One entry of techniques[N].words, its strings borrowed from the JSON. */
typedef struct {
  int         area;
  int         tool;
  const char *instructions;
  const char *second_side;
} WordsRead;

/* techniques[N].words: the words for the technique on an area with a tool, each pair once, on an
 * area the technique suits. */
static void
read_words (UnknotJsonContext     *ctx,
            const UnknotJsonScope *scope,
            JsonObject            *object,
            guint                  area_mask,
            GArray                *out)
{
  JsonNode *node = json_object_get_member (object, "words");
  JsonArray *array;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      unknot_json_error (ctx, scope, "words", _("%s; expected an array of words"),
                         unknot_json_type_name (node));
      return;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s.words[%u]", scope->path, i);
      const UnknotJsonScope item_scope = { path, -1, UNKNOT_FIELD_NONE };
      WordsRead words = { -1, -1, NULL, NULL };
      JsonObject *member;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          unknot_json_error (ctx, &item_scope, NULL,
                             _("%s; expected an object with an area, a tool and instructions"),
                             unknot_json_type_name (item));
          continue;
        }
      member = json_node_get_object (item);
      if (unknot_json_get_enum (ctx, member, &item_scope, "area", UNKNOT_TYPE_AREA, TRUE,
                                &words.area)
          && !(area_mask & (1u << words.area)))
        unknot_json_error (ctx, &item_scope, "area",
                           _("\"%s\" is not one of the technique's areas"),
                           unknot_enum_to_nick (UNKNOT_TYPE_AREA, words.area));
      unknot_json_get_enum (ctx, member, &item_scope, "tool", UNKNOT_TYPE_TOOL, TRUE, &words.tool);
      unknot_json_get_string (ctx, member, &item_scope, "instructions", TRUE, 1,
                              UNKNOT_MAX_TEXT_LENGTH, TRUE, &words.instructions);
      unknot_json_get_string (ctx, member, &item_scope, "instructions-second-side", FALSE, 0,
                              UNKNOT_MAX_TEXT_LENGTH, TRUE, &words.second_side);
      unknot_json_warn_unknown (ctx, member, &item_scope, words_keys);
      for (guint k = 0; k < out->len && words.area >= 0 && words.tool >= 0; k++)
        {
          const WordsRead *before = &g_array_index (out, WordsRead, k);

          if (before->area == words.area && before->tool == words.tool)
            unknot_json_error (ctx, &item_scope, NULL,
                               _("the words for \"%s\" with \"%s\" are given twice"),
                               unknot_enum_to_nick (UNKNOT_TYPE_AREA, words.area),
                               unknot_enum_to_nick (UNKNOT_TYPE_TOOL, words.tool));
        }
      g_array_append_val (out, words);
    }
}

static void
read_technique (UnknotCatalogue   *self,
                UnknotJsonContext *ctx,
                JsonNode          *node,
                guint              index)
{
  g_autofree char *path = g_strdup_printf ("techniques[%u]", index);
  const UnknotJsonScope technique_scope = { path, -1, UNKNOT_FIELD_NONE };
  const UnknotJsonScope *scope = &technique_scope;
  const char *id = NULL, *name = NULL, *aka = NULL, *summary = NULL, *how = NULL;
  const char *cautions = NULL;
  int pressure = UNKNOT_PRESSURE_LIGHT;
  guint errors = unknot_problems_count_errors (ctx->problems);
  guint area_mask = 0;
  JsonObject *object;
  JsonNode *areas;
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (WordsRead));

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      unknot_json_error (ctx, scope, NULL, _("%s; expected a technique object"),
                         unknot_json_type_name (node));
      return;
    }
  object = json_node_get_object (node);

  if (unknot_json_get_string (ctx, object, scope, "id", TRUE, 1, UNKNOT_MAX_ID_LENGTH, FALSE, &id)
      && !unknot_id_is_valid (id))
    unknot_json_error (ctx, scope, NULL, _("\"%s\" is not a valid id; use a-z, 0-9 and \"-\""),
                       id);
  unknot_json_get_string (ctx, object, scope, "name", TRUE, 1, UNKNOT_MAX_NAME_LENGTH, FALSE,
                          &name);
  unknot_json_get_string (ctx, object, scope, "also-known-as", FALSE, 0, UNKNOT_MAX_NAME_LENGTH,
                          FALSE, &aka);
  unknot_json_get_string (ctx, object, scope, "summary", TRUE, 1, UNKNOT_MAX_TEXT_LENGTH, TRUE,
                          &summary);
  unknot_json_get_string (ctx, object, scope, "how", TRUE, 1, UNKNOT_MAX_TEXT_LENGTH, TRUE, &how);
  unknot_json_get_string (ctx, object, scope, "cautions", FALSE, 0, UNKNOT_MAX_TEXT_LENGTH, TRUE,
                          &cautions);
  unknot_json_get_enum (ctx, object, scope, "default-pressure", UNKNOT_TYPE_PRESSURE, TRUE,
                        &pressure);
  unknot_json_warn_unknown (ctx, object, scope, technique_keys);

  areas = json_object_get_member (object, "areas");
  if (areas == NULL || !JSON_NODE_HOLDS_ARRAY (areas))
    unknot_json_error (ctx, scope, "areas", _("%s; expected an array of areas"),
                       areas ? unknot_json_type_name (areas) : _("missing"));
  else
    {
      JsonArray *array = json_node_get_array (areas);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *area = json_array_get_element (array, i);
          int value = -1;

          if (JSON_NODE_HOLDS_VALUE (area) && json_node_get_value_type (area) == G_TYPE_STRING)
            value = unknot_enum_from_nick (UNKNOT_TYPE_AREA, json_node_get_string (area));
          if (value < 0)
            unknot_json_error (ctx, scope, "areas", _("item %u is not a known area"), i);
          else
            area_mask |= 1u << value;
        }
    }

  read_words (ctx, scope, object, area_mask, words);

  if (id != NULL && g_hash_table_contains (self->by_id, id))
    unknot_json_error (ctx, scope, NULL, _("the id \"%s\" is used twice"), id);

  if (unknot_problems_count_errors (ctx->problems) == errors)
    {
      UnknotTechnique *technique =
        _unknot_technique_new (id, name, aka, summary, how, cautions, pressure, area_mask);

      for (guint i = 0; i < words->len; i++)
        {
          const WordsRead *w = &g_array_index (words, WordsRead, i);

          _unknot_technique_add_words (technique, w->area, w->tool, w->instructions,
                                       w->second_side);
        }

      g_ptr_array_add (self->techniques, technique);
      g_hash_table_insert (self->by_id, (char *) unknot_technique_get_id (technique), technique);
    }
}

UnknotCatalogue *
unknot_catalogue_new_from_bytes (GBytes      *bytes,
                                 const char  *display_name,
                                 GError     **error)
{
  g_autoptr(UnknotCatalogue) self = g_object_new (UNKNOT_TYPE_CATALOGUE, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  UnknotJsonContext ctx = { display_name, problems };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *list;
  gint64 format = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  if ((root = unknot_json_parse (&ctx, bytes)) != NULL
      && (object = unknot_json_root_object (&ctx, root, _("a technique catalogue"))) != NULL)
    {
      if (unknot_json_get_int (&ctx, object, NULL, "format", TRUE, 1, G_MAXINT64, NULL, &format)
          && format > UNKNOT_FORMAT_VERSION)
        unknot_json_error (&ctx, NULL, "format", _("format %lld was made by a newer Unknot"),
                           (long long) format);

      list = json_object_get_member (object, "techniques");
      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        unknot_json_error (&ctx, NULL, "techniques", _("%s; expected an array of techniques"),
                           list ? unknot_json_type_name (list) : _("missing"));
      else
        {
          JsonArray *array = json_node_get_array (list);

          for (guint i = 0; i < json_array_get_length (array); i++)
            read_technique (self, &ctx, json_array_get_element (array, i), i);
        }
    }

  if (unknot_problems_count_errors (problems) > 0)
    {
      g_autofree char *message = unknot_problems_to_string (problems);

      g_set_error_literal (error, UNKNOT_ERROR, UNKNOT_ERROR_INVALID, message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

UnknotCatalogue *
unknot_catalogue_new_from_file (GFile   *file,
                                GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!(bytes = g_file_load_bytes (file, NULL, NULL, error)))
    return NULL;

  name = g_file_get_parse_name (file);
  return unknot_catalogue_new_from_bytes (bytes, name, error);
}

/* The catalogue in the data dir, loaded once and kept for the life of the process. */
UnknotCatalogue *
unknot_catalogue_get_default (GError **error)
{
  static UnknotCatalogue *catalogue;

  if (catalogue == NULL)
    {
      g_autofree char *path = g_build_filename (unknot_dirs_get_data_dir (), "techniques.json",
                                                NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      catalogue = unknot_catalogue_new_from_file (file, error);
    }

  return catalogue;
}

UnknotTechnique *
unknot_catalogue_lookup (UnknotCatalogue *self,
                         const char      *id)
{
  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (self), NULL);

  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

char *
unknot_catalogue_list_ids (UnknotCatalogue *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (self), NULL);

  for (guint i = 0; i < self->techniques->len; i++)
    g_strv_builder_add (builder, unknot_technique_get_id (g_ptr_array_index (self->techniques, i)));
  ids = g_strv_builder_end (builder);

  return unknot_enum_list ((const char * const *) ids);
}
