/* unknot-technique.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include "unknot-technique-private.h"

struct _UnknotTechnique
{
  GObject         parent_instance;

  char           *id;
  char           *name;
  char           *also_known_as;
  char           *summary;
  char           *how;
  char           *cautions;
  UnknotPressure  default_pressure;
  guint           area_mask;
  GArray         *words;   /* of Words, in file order */
};

/* The words for the technique on one area with one tool (the catalogue's "words"). */
typedef struct {
  UnknotArea  area;
  UnknotTool  tool;
  char       *instructions;
  char       *second_side;   /* NULL: the same words for the second side */
} Words;

static void
words_clear (Words *words)
{
  g_free (words->instructions);
  g_free (words->second_side);
}

G_DEFINE_FINAL_TYPE (UnknotTechnique, unknot_technique, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unknot_technique_finalize (GObject *object)
{
  UnknotTechnique *self = (UnknotTechnique *) object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->also_known_as);
  g_free (self->summary);
  g_free (self->how);
  g_free (self->cautions);
  g_array_unref (self->words);

  G_OBJECT_CLASS (unknot_technique_parent_class)->finalize (object);
}

static void
unknot_technique_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  UnknotTechnique *self = UNKNOT_TECHNIQUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_technique_class_init (UnknotTechniqueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = unknot_technique_finalize;
  object_class->get_property = unknot_technique_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
unknot_technique_init (UnknotTechnique *self)
{
  self->words = g_array_new (FALSE, FALSE, sizeof (Words));
  g_array_set_clear_func (self->words, (GDestroyNotify) words_clear);
}

UnknotTechnique *
_unknot_technique_new (const char     *id,
                       const char     *name,
                       const char     *also_known_as,
                       const char     *summary,
                       const char     *how,
                       const char     *cautions,
                       UnknotPressure  default_pressure,
                       guint           area_mask)
{
  UnknotTechnique *self = g_object_new (UNKNOT_TYPE_TECHNIQUE, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->also_known_as = g_strdup (also_known_as ? also_known_as : "");
  self->summary = g_strdup (summary);
  self->how = g_strdup (how);
  self->cautions = g_strdup (cautions ? cautions : "");
  self->default_pressure = default_pressure;
  self->area_mask = area_mask;

  return self;
}

const char *
unknot_technique_get_id (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), NULL);
  return self->id;
}

const char *
unknot_technique_get_name (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), NULL);
  return self->name;
}

const char *
unknot_technique_get_also_known_as (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), NULL);
  return self->also_known_as;
}

const char *
unknot_technique_get_summary (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), NULL);
  return self->summary;
}

const char *
unknot_technique_get_how (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), NULL);
  return self->how;
}

const char *
unknot_technique_get_cautions (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), NULL);
  return self->cautions;
}

UnknotPressure
unknot_technique_get_default_pressure (UnknotTechnique *self)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), UNKNOT_PRESSURE_LIGHT);
  return self->default_pressure;
}

gboolean
unknot_technique_suits_area (UnknotTechnique *self,
                             UnknotArea       area)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), FALSE);
  return (self->area_mask & (1u << area)) != 0;
}

/* The catalogue checked that @area suits the technique and that the pair is new. */
void
_unknot_technique_add_words (UnknotTechnique *self,
                             UnknotArea       area,
                             UnknotTool       tool,
                             const char      *instructions,
                             const char      *second_side)
{
  Words words = { area, tool, g_strdup (instructions),
                  second_side && *second_side ? g_strdup (second_side) : NULL };

  g_array_append_val (self->words, words);
}

/**
 * unknot_technique_get_words:
 * @instructions: (out) (transfer none): the words, untranslated (as the catalogue has them: see
 *   unknot_technique_get_display_text())
 * @second_side: (out) (optional) (transfer none) (nullable): the words for the second side of a
 *   step on both sides, or %NULL when they are the same
 *
 * Returns: whether the catalogue has words for the technique on @area with @tool.
 */
gboolean
unknot_technique_get_words (UnknotTechnique *self,
                            UnknotArea       area,
                            UnknotTool       tool,
                            const char     **instructions,
                            const char     **second_side)
{
  g_return_val_if_fail (UNKNOT_IS_TECHNIQUE (self), FALSE);
  g_return_val_if_fail (instructions != NULL, FALSE);

  for (guint i = 0; i < self->words->len; i++)
    {
      const Words *words = &g_array_index (self->words, Words, i);

      if (words->area == area && words->tool == tool)
        {
          *instructions = words->instructions;
          if (second_side)
            *second_side = words->second_side;
          return TRUE;
        }
    }
  return FALSE;
}
