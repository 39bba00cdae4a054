/* unknot-pain-scale.c: "How does your back feel?", 0 to 10, one tap
 *
 * The scale clinicians use (0 no pain, 10 the worst imaginable), as eleven toggle buttons: one
 * tap answers, a tap on the answer takes it back (the question is optional). With the focus in
 * it, the digit keys answer too, "1" then "0" for 10, and Backspace or Delete takes the answer
 * back.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-journal.h"
#include "unknot-pain-scale.h"

#define TEN_AFTER_ONE_MS 1500   /* "1" then "0" within this long is 10 */

struct _UnknotPainScale
{
  GtkWidget        parent_instance;

  GtkLabel        *heading_label;
  GtkBox          *buttons;
  GtkToggleButton *button[UNKNOT_PAIN_MAX + 1];

  int              value;
  gboolean         syncing;
  guint            one_pending;   /* a timeout while "1" may become 10 */
};

G_DEFINE_FINAL_TYPE (UnknotPainScale, unknot_pain_scale, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_HEADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

int
unknot_pain_scale_get_value (UnknotPainScale *self)
{
  g_return_val_if_fail (UNKNOT_IS_PAIN_SCALE (self), UNKNOT_PAIN_NONE);
  return self->value;
}

/* 0-10, or UNKNOT_PAIN_NONE for no answer. */
void
unknot_pain_scale_set_value (UnknotPainScale *self,
                             int              value)
{
  g_return_if_fail (UNKNOT_IS_PAIN_SCALE (self));

  value = CLAMP (value, UNKNOT_PAIN_NONE, UNKNOT_PAIN_MAX);
  if (self->value == value)
    return;
  self->value = value;

  self->syncing = TRUE;
  for (int i = 0; i <= UNKNOT_PAIN_MAX; i++)
    gtk_toggle_button_set_active (self->button[i], i == value);
  self->syncing = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
unknot_pain_scale_get_heading (UnknotPainScale *self)
{
  g_return_val_if_fail (UNKNOT_IS_PAIN_SCALE (self), NULL);
  return gtk_label_get_text (self->heading_label);
}

void
unknot_pain_scale_set_heading (UnknotPainScale *self,
                               const char      *heading)
{
  g_return_if_fail (UNKNOT_IS_PAIN_SCALE (self));

  if (g_strcmp0 (heading, gtk_label_get_text (self->heading_label)) == 0)
    return;
  gtk_label_set_text (self->heading_label, heading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, heading,
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADING]);
}

/* Returns: (transfer none): the button of @value (0-10): for tests. */
GtkWidget *
unknot_pain_scale_get_button (UnknotPainScale *self,
                              int              value)
{
  g_return_val_if_fail (UNKNOT_IS_PAIN_SCALE (self), NULL);
  g_return_val_if_fail (value >= 0 && value <= UNKNOT_PAIN_MAX, NULL);
  return GTK_WIDGET (self->button[value]);
}

static void
on_button_toggled (GtkToggleButton *button,
                   UnknotPainScale *self)
{
  int value = UNKNOT_PAIN_NONE;

  if (self->syncing)
    return;
  for (int i = 0; i <= UNKNOT_PAIN_MAX; i++)
    if (self->button[i] == button)
      value = i;

  if (gtk_toggle_button_get_active (button))
    unknot_pain_scale_set_value (self, value);
  else if (self->value == value)
    unknot_pain_scale_set_value (self, UNKNOT_PAIN_NONE);
}

static gboolean
on_one_expired (gpointer data)
{
  UNKNOT_PAIN_SCALE (data)->one_pending = 0;
  return G_SOURCE_REMOVE;
}

static int
digit_of (guint keyval)
{
  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_0);
  if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_0);
  return -1;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                UnknotPainScale       *self)
{
  int digit = digit_of (keyval);
  gboolean ten = digit == 0 && self->one_pending != 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  g_clear_handle_id (&self->one_pending, g_source_remove);

  if (keyval == GDK_KEY_BackSpace || keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete)
    {
      unknot_pain_scale_set_value (self, UNKNOT_PAIN_NONE);
      return TRUE;
    }
  if (digit < 0)
    return FALSE;

  unknot_pain_scale_set_value (self, ten ? 10 : digit);
  gtk_widget_grab_focus (GTK_WIDGET (self->button[self->value]));
  if (digit == 1)
    self->one_pending = g_timeout_add (TEN_AFTER_ONE_MS, on_one_expired, self);
  return TRUE;
}

static void
unknot_pain_scale_dispose (GObject *object)
{
  UnknotPainScale *self = (UnknotPainScale *) object;
  GtkWidget *child;

  g_clear_handle_id (&self->one_pending, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_PAIN_SCALE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (unknot_pain_scale_parent_class)->dispose (object);
}

static void
unknot_pain_scale_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  UnknotPainScale *self = UNKNOT_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    case PROP_HEADING:
      g_value_set_string (value, unknot_pain_scale_get_heading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_pain_scale_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  UnknotPainScale *self = UNKNOT_PAIN_SCALE (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      unknot_pain_scale_set_value (self, g_value_get_int (value));
      break;
    case PROP_HEADING:
      unknot_pain_scale_set_heading (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_pain_scale_class_init (UnknotPainScaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_pain_scale_dispose;
  object_class->get_property = unknot_pain_scale_get_property;
  object_class->set_property = unknot_pain_scale_set_property;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, UNKNOT_PAIN_NONE, UNKNOT_PAIN_MAX, UNKNOT_PAIN_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-pain-scale.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotPainScale, heading_label);
  gtk_widget_class_bind_template_child (widget_class, UnknotPainScale, buttons);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "painscale");
}

static void
unknot_pain_scale_init (UnknotPainScale *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->value = UNKNOT_PAIN_NONE;

  for (int i = 0; i <= UNKNOT_PAIN_MAX; i++)
    {
      g_autofree char *number = g_strdup_printf ("%d", i);
      g_autofree char *label = unknot_i18n_localize_digits (number);
      g_autofree char *words = NULL;
      g_autofree char *name = NULL;

      if (i == 0)
        /* Translators: the accessible name of the 0 on the pain scale */
        words = g_strdup (_("0 of 10, no pain"));
      else if (i == UNKNOT_PAIN_MAX)
        /* Translators: the accessible name of the 10 on the pain scale */
        words = g_strdup (_("10 of 10, the worst pain imaginable"));
      else
        /* Translators: the accessible name of a value on the pain scale, as in "3 of 10" */
        words = g_strdup_printf (_("%d of 10"), i);
      /* The language's own digits, as on the buttons. */
      name = unknot_i18n_localize_digits (words);

      self->button[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (label));
      gtk_widget_add_css_class (GTK_WIDGET (self->button[i]), "circular");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->button[i]), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_signal_connect (self->button[i], "toggled", G_CALLBACK (on_button_toggled), self);
      gtk_box_append (self->buttons, GTK_WIDGET (self->button[i]));
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
