/* unknot-library-page.c: the routines to choose from, bundled and the person's own, and the
 * files that could not be read
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-i18n.h"
#include "unknot-labels.h"
#include "unknot-library-page.h"

struct _UnknotLibraryPage
{
  GtkWidget      parent_instance;

  GtkListBox    *routine_list;
  GtkWidget     *problems_group;
  GtkLabel      *problems_label;

  UnknotLibrary *library;
  GtkSortListModel *sorted;   /* the library's routines by their names as shown */
};

G_DEFINE_FINAL_TYPE (UnknotLibraryPage, unknot_library_page, GTK_TYPE_WIDGET)

enum {
  ROUTINE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_routine_row (gpointer item,
                    gpointer data)
{
  UnknotRoutine *routine = item;
  g_autofree char *total = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
  g_autofree char *areas = unknot_areas_to_text (unknot_routine_get_areas (routine));
  g_autofree char *tools = unknot_tools_to_text (unknot_routine_get_tools (routine));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *duration = gtk_label_new (total);
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Text from files is plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 unknot_routine_get_display_name (routine));
  subtitle = tools[0] ? g_strdup_printf ("%s · %s", areas, tools) : g_strdup (areas);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (duration, "dim-label");
  gtk_widget_add_css_class (duration, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), duration);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

static void
update_problems (UnknotLibraryPage *self)
{
  g_autoptr(GPtrArray) problems = unknot_library_dup_problems (self->library);
  g_autoptr(GPtrArray) errors = g_ptr_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < problems->len; i++)
    if (!((UnknotProblem *) g_ptr_array_index (problems, i))->warning)
      g_ptr_array_add (errors, g_ptr_array_index (problems, i));

  gtk_widget_set_visible (self->problems_group, errors->len > 0);
  if (errors->len == 0)
    return;

  text = unknot_problems_to_string (errors);
  gtk_label_set_text (self->problems_label, text);
}

static char *
sort_text (UnknotRoutine *routine)
{
  return unknot_i18n_sort_text (unknot_routine_get_display_name (routine));
}

/* Shows the routines of @library, and follows it, in the order of their names as shown: the
 * language's collation, without case and accents. The page is built again when the language
 * changes. */
void
unknot_library_page_set_library (UnknotLibraryPage *self,
                                 UnknotLibrary     *library)
{
  GtkStringSorter *sorter;

  g_return_if_fail (UNKNOT_IS_LIBRARY_PAGE (self));
  g_return_if_fail (UNKNOT_IS_LIBRARY (library));
  g_return_if_fail (self->library == NULL);

  self->library = g_object_ref (library);
  sorter = gtk_string_sorter_new (gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                               G_CALLBACK (sort_text),
                                                               NULL, NULL));
  gtk_string_sorter_set_ignore_case (sorter, TRUE);
  self->sorted = gtk_sort_list_model_new (g_object_ref (unknot_library_get_routines (library)),
                                          GTK_SORTER (sorter));
  gtk_list_box_bind_model (self->routine_list, G_LIST_MODEL (self->sorted),
                           create_routine_row, self, NULL);
  g_signal_connect_object (library, "problems-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  update_problems (self);
}

/* The rows are the sorted model, in order. */
static void
on_routine_activated (GtkListBox        *box,
                      GtkListBoxRow     *row,
                      UnknotLibraryPage *self)
{
  g_autoptr(UnknotRoutine) routine =
    g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) gtk_list_box_row_get_index (row));

  if (routine != NULL)
    g_signal_emit (self, signals[ROUTINE_ACTIVATED], 0, routine);
}

static void
unknot_library_page_dispose (GObject *object)
{
  GtkWidget *child;
  UnknotLibraryPage *self = (UnknotLibraryPage *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_LIBRARY_PAGE);
  /* The page's box is not a bound child: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->sorted);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (unknot_library_page_parent_class)->dispose (object);
}

static void
unknot_library_page_class_init (UnknotLibraryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = unknot_library_page_dispose;

  /**
   * UnknotLibraryPage::routine-activated:
   * @routine: the routine whose row was activated
   */
  signals[ROUTINE_ACTIVATED] =
    g_signal_new ("routine-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_ROUTINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, routine_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, on_routine_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
unknot_library_page_init (UnknotLibraryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
