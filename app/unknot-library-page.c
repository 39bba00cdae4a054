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
#include "unknot-back-view.h"
#include "unknot-library-page.h"
#include "unknot-scroll-guard.h"

struct _UnknotLibraryPage
{
  GtkWidget         parent_instance;

  GtkScrolledWindow *scrolled;
  GtkSearchBar      *search_bar;
  GtkEditable       *search_entry;
  GtkDropDown       *area_filter;
  GtkDropDown       *tool_filter;
  GtkDropDown       *length_filter;
  GtkGridView       *routine_list;
  GtkWidget         *no_match;
  GtkWidget         *problems_group;
  GtkListBox        *problems_list;

  UnknotLibrary     *library;
  GtkSortListModel  *sorted;   /* the library's routines by their names as shown */
  /* The person's routines, then the bundled ones, as the search and the area, tool and length
   * chosen filter them. */
  GtkFilterListModel *own;
  GtkFilterListModel *bundled;
  /* Each section's header, an item while the section has routines: "own", "bundled". */
  GListStore        *own_header;
  GListStore        *bundled_header;
  /* Keeping the list at its top after a change (on_list_changed). */
  guint              top_tick;
  guint              top_frames;
  guint              n_rows_made; /* row widgets the list view asked for: for tests */
  GPtrArray         *problems; /* of UnknotProblem, as shown */
};

G_DEFINE_FINAL_TYPE (UnknotLibraryPage, unknot_library_page, GTK_TYPE_WIDGET)

enum {
  ROUTINE_ACTIVATED,
  SHOW_DETAILS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The length filter's choices, in seconds: up to the first bound, between, over the last. */
enum {
  LENGTH_ANY,
  LENGTH_SHORT,
  LENGTH_MEDIUM,
  LENGTH_LONG,
};
#define SHORT_MAX  (10 * 60)
#define MEDIUM_MAX (20 * 60)

/* Rows: the list view makes as many as fill the screen and binds them again to other items
 * as it scrolls. One row widget serves both a section's header and a routine. */

typedef struct {
  GtkWidget *header;
  GtkWidget *list;      /* a boxed list of the one row, for its looks and focus */
  GtkWidget *row;       /* an AdwActionRow */
  GtkWidget *figure;    /* an UnknotBackView: the areas the routine works */
  GtkWidget *duration;
  UnknotRoutine *routine;  /* bound, not held */
} RowWidgets;

/* Up and Down go on past a row's own list, to the next row of the page's. */
static gboolean
on_row_keynav_failed (GtkWidget         *list,
                      GtkDirectionType   direction,
                      UnknotLibraryPage *self)
{
  return gtk_widget_child_focus (GTK_WIDGET (self->routine_list),
                                 direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD
                                                         : GTK_DIR_TAB_FORWARD);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           UnknotLibraryPage        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  RowWidgets *widgets = g_new0 (RowWidgets, 1);

  widgets->header = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widgets->header), 0);
  gtk_widget_add_css_class (widgets->header, "heading");
  gtk_widget_set_margin_top (widgets->header, 18);
  gtk_widget_set_margin_bottom (widgets->header, 12);
  widgets->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (widgets->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (widgets->list, "boxed-list");
  gtk_widget_set_margin_bottom (widgets->list, 6);
  g_signal_connect_object (widgets->list, "keynav-failed", G_CALLBACK (on_row_keynav_failed),
                           self, 0);
  widgets->row = adw_action_row_new ();
  /* Text from files is plain text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widgets->row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (widgets->row), 2);
  /* Shown as activatable; the list view's item is what activates it, by click or Return. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widgets->row), TRUE);
  /* The subtitle names the areas in words: the figure says nothing more to a screen reader. */
  widgets->figure = g_object_new (UNKNOT_TYPE_BACK_VIEW,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "valign", GTK_ALIGN_CENTER,
                                  NULL);
  adw_action_row_add_prefix (ADW_ACTION_ROW (widgets->row), widgets->figure);
  widgets->duration = gtk_label_new (NULL);
  gtk_widget_add_css_class (widgets->duration, "dim-label");
  gtk_widget_add_css_class (widgets->duration, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (widgets->row), widgets->duration);
  adw_action_row_add_suffix (ADW_ACTION_ROW (widgets->row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_box_append (GTK_BOX (box), widgets->header);
  gtk_list_box_append (GTK_LIST_BOX (widgets->list), widgets->row);
  gtk_box_append (GTK_BOX (box), widgets->list);
  g_object_set_data_full (G_OBJECT (box), "unknot-row-widgets", widgets, g_free);
  gtk_list_item_set_child (item, box);
  self->n_rows_made++;
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          UnknotLibraryPage        *self)
{
  RowWidgets *widgets =
    g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "unknot-row-widgets");
  gpointer object = gtk_list_item_get_item (item);
  UnknotRoutine *routine;
  g_autofree char *total = NULL;
  g_autofree char *areas = NULL;
  g_autofree char *tools = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (widgets->header, GTK_IS_STRING_OBJECT (object));
  gtk_widget_set_visible (widgets->list, UNKNOT_IS_ROUTINE (object));
  widgets->routine = UNKNOT_IS_ROUTINE (object) ? object : NULL;
  gtk_list_item_set_activatable (item, UNKNOT_IS_ROUTINE (object));
  gtk_list_item_set_selectable (item, FALSE);
  if (GTK_IS_STRING_OBJECT (object))
    {
      /* Looked up as bound: the words follow the language. */
      const char *section = gtk_string_object_get_string (object);

      gtk_label_set_text (GTK_LABEL (widgets->header),
                          g_str_equal (section, "own") ? _("My Routines") : _("Bundled"));
      return;
    }

  routine = object;
  total = unknot_duration_to_short (unknot_routine_get_total_duration (routine));
  areas = unknot_areas_to_text (unknot_routine_get_areas (routine));
  tools = unknot_tools_to_text (unknot_routine_get_tools (routine));
  subtitle = tools[0] ? g_strdup_printf ("%s · %s", areas, tools) : g_strdup (areas);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widgets->row),
                                 unknot_routine_get_display_name (routine));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (widgets->row), subtitle);
  gtk_label_set_text (GTK_LABEL (widgets->duration), total);
  unknot_back_view_set_areas (UNKNOT_BACK_VIEW (widgets->figure),
                              unknot_routine_get_areas (routine));
  gtk_widget_set_visible (widgets->figure, unknot_routine_get_areas (routine) != 0);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            UnknotLibraryPage        *self)
{
  RowWidgets *widgets =
    g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "unknot-row-widgets");

  widgets->routine = NULL;
}

/* Search and filters */

static gboolean
routine_matches (gpointer item,
                 gpointer data)
{
  UnknotRoutine *routine = item;
  UnknotLibraryPage *self = data;
  const char *query = gtk_editable_get_text (self->search_entry);
  guint area = gtk_drop_down_get_selected (self->area_filter);
  guint tool = gtk_drop_down_get_selected (self->tool_filter);
  guint total = unknot_routine_get_total_duration (routine);

  /* The first choice of the area and tool filters is "all"; then one per value. */
  if (area > 0 && area != GTK_INVALID_LIST_POSITION
      && !(unknot_routine_get_areas (routine) & (1u << (area - 1))))
    return FALSE;
  if (tool > 0 && tool != GTK_INVALID_LIST_POSITION
      && !(unknot_routine_get_tools (routine) & (1u << (tool - 1))))
    return FALSE;
  switch (gtk_drop_down_get_selected (self->length_filter))
    {
    case LENGTH_SHORT:
      if (total > SHORT_MAX)
        return FALSE;
      break;
    case LENGTH_MEDIUM:
      if (total <= SHORT_MAX || total > MEDIUM_MAX)
        return FALSE;
      break;
    case LENGTH_LONG:
      if (total <= MEDIUM_MAX)
        return FALSE;
      break;
    default:
      break;
    }

  if (query != NULL && *query != '\0')
    {
      g_autofree char *text =
        unknot_routine_get_search_text (routine, unknot_library_get_catalogue (self->library));

      /* Each word of the search begins a word of the text, accents aside. */
      return g_str_match_string (query, text, TRUE);
    }
  return TRUE;
}

static gboolean
is_own (gpointer item,
        gpointer data)
{
  return !unknot_routine_get_bundled (item) && routine_matches (item, data);
}

static gboolean
is_bundled (gpointer item,
            gpointer data)
{
  return unknot_routine_get_bundled (item) && routine_matches (item, data);
}

static void
set_header (GListStore *header,
            const char *section,
            gboolean    shown)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (header));

  if (shown && n == 0)
    {
      g_autoptr(GtkStringObject) item = gtk_string_object_new (section);

      g_list_store_append (header, item);
    }
  else if (!shown && n > 0)
    g_list_store_remove_all (header);
}

/* A section shows only with routines in it; with none anywhere, a word on why. */
static void
update_sections (UnknotLibraryPage *self)
{
  guint n_own = g_list_model_get_n_items (G_LIST_MODEL (self->own));
  guint n_bundled = g_list_model_get_n_items (G_LIST_MODEL (self->bundled));

  set_header (self->own_header, "own", n_own > 0);
  set_header (self->bundled_header, "bundled", n_bundled > 0);
  gtk_widget_set_visible (self->no_match, n_own + n_bundled == 0
                          && g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scrolled), !gtk_widget_get_visible (self->no_match));
}

/* The list view keeps the item at its top in place as items come before it: routines of the
 * person's landing after the bundled ones would push "My Routines" out above. A list nobody had
 * scrolled (its value still 0 when the items change) is put back at its top once the list view
 * has laid the change out, within a few frames. */
#define TOP_KEEP_FRAMES 3

/* The list at its first item, by anchoring the list view there. Setting the adjustment's value
 * instead asks the list view which row lies at that height, and between a change of items and
 * its layout (tick callbacks run before it) the new rows have no height yet: GTK 4.8 warns that
 * it "failed to scroll to given position". */
static void
show_first_item (UnknotLibraryPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (gtk_adjustment_get_value (adjustment) == 0
      || g_list_model_get_n_items (G_LIST_MODEL (gtk_grid_view_get_model (self->routine_list))) == 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self->routine_list), "list.scroll-to-item", "u", 0);
}

static gboolean
keep_top (GtkWidget     *list,
          GdkFrameClock *clock,
          gpointer       data)
{
  UnknotLibraryPage *self = data;

  show_first_item (self);
  if (--self->top_frames > 0)
    return G_SOURCE_CONTINUE;
  self->top_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
on_list_changed (UnknotLibraryPage *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (gtk_adjustment_get_value (adjustment) != 0 && self->top_tick == 0)
    return;
  self->top_frames = TOP_KEEP_FRAMES;
  if (self->top_tick == 0)
    self->top_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->routine_list), keep_top,
                                                   self, NULL);
}

static void
refilter (UnknotLibraryPage *self)
{
  if (self->own == NULL)
    return;
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->own), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->bundled),
                      GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_changed (UnknotLibraryPage *self)
{
  refilter (self);
}

static void
on_filter_changed (UnknotLibraryPage *self)
{
  refilter (self);
}

static void
set_choices (GtkDropDown  *drop_down,
             const char   *all,
             guint         n,
             const char *(*label) (int value))
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, all);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (choices, label ((int) i));
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (drop_down, 0);
  unknot_widget_ignore_scroll_unless_focused (GTK_WIDGET (drop_down));
}

static const char *
area_label (int value)
{
  return unknot_area_get_label (value);
}

static const char *
tool_label (int value)
{
  return unknot_tool_get_label (value);
}

static const char *
length_label (int value)
{
  switch (value)
    {
    case 0:
      return _("Up to 10 min");
    case 1:
      return _("10 to 20 min");
    default:
      return _("Over 20 min");
    }
}

/* Problems: one row per file, in words a person reads */

static GtkWidget *
problem_button (const char *label,
                const char *action,
                const char *file)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", file);
  return button;
}

/* The row of the problems of @file, from @first to before @end in self->problems: the file's
 * name and how many problems it has, folded, so that the routines keep the page; unfolded, each
 * problem in words and what can be done about the file. */
static GtkWidget *
create_problem_row (UnknotLibraryPage *self,
                    const char        *file,
                    guint              first,
                    guint              end)
{
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *count = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *inner = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *lines;
  GtkWidget *buttons = gtk_flow_box_new ();

  for (guint i = first; i < end; i++)
    {
      g_autofree char *line = unknot_problem_describe (g_ptr_array_index (self->problems, i));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }
  lines = gtk_label_new (text->str);

  /* Plain text: a file's name is no markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  /* Translators: under a routine file's name in the library, when it could not be loaded */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem", "%u problems", end - first),
                           end - first);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), count);
  gtk_widget_add_css_class (icon, "warning");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (inner), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (lines), 0);
  gtk_label_set_wrap (GTK_LABEL (lines), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (lines), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (lines), TRUE);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (buttons), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (buttons), 3);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (buttons), 6);
  gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                       problem_button (_("Open _Folder"), "library.open-folder", file));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                       problem_button (_("Show _Details"), "library.show-details", file));
  gtk_flow_box_append (GTK_FLOW_BOX (buttons),
                       problem_button (_("_Remove"), "library.remove-file", file));
  gtk_box_append (GTK_BOX (box), lines);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (inner), box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), inner);
  return row;
}

static void
update_problems (UnknotLibraryPage *self)
{
  g_autoptr(GPtrArray) problems = unknot_library_dup_problems (self->library);
  GtkWidget *child;

  g_ptr_array_set_size (self->problems, 0);
  for (guint i = 0; i < problems->len; i++)
    if (!((UnknotProblem *) g_ptr_array_index (problems, i))->warning)
      g_ptr_array_add (self->problems,
                       unknot_problem_copy (g_ptr_array_index (problems, i)));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  gtk_widget_set_visible (self->problems_group, self->problems->len > 0);

  /* The library keeps one file's problems together. */
  for (guint first = 0, end; first < self->problems->len; first = end)
    {
      const char *file = ((UnknotProblem *) g_ptr_array_index (self->problems, first))->file;

      for (end = first + 1; end < self->problems->len
           && g_strcmp0 (((UnknotProblem *) g_ptr_array_index (self->problems, end))->file,
                         file) == 0; end++)
        ;
      gtk_list_box_append (self->problems_list,
                           create_problem_row (self, file ? file : "", first, end));
    }
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = folder ? g_file_get_uri (folder) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  UnknotLibraryPage *self = UNKNOT_LIBRARY_PAGE (widget);
  const char *file = g_variant_get_string (parameter, NULL);
  g_autoptr(GPtrArray) mine = g_ptr_array_new ();
  g_autofree char *name = g_path_get_basename (file);
  g_autofree char *details = NULL;

  for (guint i = 0; i < self->problems->len; i++)
    if (g_strcmp0 (((UnknotProblem *) g_ptr_array_index (self->problems, i))->file, file) == 0)
      g_ptr_array_add (mine, g_ptr_array_index (self->problems, i));
  /* The exact messages, with the file's path and JSON paths, for the person editing it. */
  details = unknot_problems_to_string (mine);
  g_signal_emit (self, signals[SHOW_DETAILS], 0, name, details);
}

static void
on_trashed (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(UnknotLibraryPage) self = data;
  g_autoptr(GError) error = NULL;

  if (!g_file_trash_finish (G_FILE (source), result, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));
      g_autofree char *details = g_strdup (error->message);

      g_signal_emit (self, signals[SHOW_DETAILS], 0, name, details);
    }
  /* Gone, the watch of the folder takes its problems away. */
}

static void
remove_file_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_path (g_variant_get_string (parameter, NULL));

  /* To the trash, not deleted: the person may want it back. */
  g_file_trash_async (file, G_PRIORITY_DEFAULT, NULL, on_trashed, g_object_ref (widget));
}

static char *
sort_text (UnknotRoutine *routine)
{
  return unknot_i18n_sort_text (unknot_routine_get_display_name (routine));
}

static GtkFilterListModel *
section_model (UnknotLibraryPage  *self,
               GtkCustomFilterFunc func)
{
  GtkFilterListModel *model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                               GTK_FILTER (gtk_custom_filter_new (func, self, NULL)));

  /* After the list of sections has followed the change, so that a header's coming or going is
   * a change of its own. */
  g_signal_connect_object (model, "items-changed", G_CALLBACK (update_sections), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  return model;
}

/* Shows the routines of @library, and follows it, in the order of their names as shown: the
 * language's collation, without case and accents; the person's own first, then the bundled. The
 * page is built again when the language changes. */
void
unknot_library_page_set_library (UnknotLibraryPage *self,
                                 UnknotLibrary     *library)
{
  GtkStringSorter *sorter;
  GListStore *sections;
  GtkListItemFactory *factory;
  GtkSelectionModel *selection;
  GListModel *flat;

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
  self->own = section_model (self, is_own);
  self->bundled = section_model (self, is_bundled);

  /* The own header, the own routines, the bundled header, the bundled routines. */
  sections = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (sections, self->own_header);
  g_list_store_append (sections, self->own);
  g_list_store_append (sections, self->bundled_header);
  g_list_store_append (sections, self->bundled);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row), self, 0);
  gtk_grid_view_set_factory (self->routine_list, factory);
  g_object_unref (factory);
  flat = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (sections)));
  /* After the list view has followed the change. */
  g_signal_connect_object (flat, "items-changed", G_CALLBACK (on_list_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (flat));
  gtk_grid_view_set_model (self->routine_list, selection);
  g_object_unref (selection);
  update_sections (self);
  g_signal_connect_object (library, "problems-changed", G_CALLBACK (update_problems), self,
                           G_CONNECT_SWAPPED);
  update_problems (self);
}

/**
 * unknot_library_page_start_search:
 *
 * Opens the search bar and puts the focus in its entry (Ctrl+F).
 */
void
unknot_library_page_start_search (UnknotLibraryPage *self)
{
  g_return_if_fail (UNKNOT_IS_LIBRARY_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Typing anywhere in @window while the library shows searches it. */
void
unknot_library_page_set_key_capture_widget (UnknotLibraryPage *self,
                                            GtkWidget         *window)
{
  g_return_if_fail (UNKNOT_IS_LIBRARY_PAGE (self));

  gtk_search_bar_set_key_capture_widget (self->search_bar, window);
}

/* The page shown anew: at its top. */
void
unknot_library_page_scroll_to_top (UnknotLibraryPage *self)
{
  g_return_if_fail (UNKNOT_IS_LIBRARY_PAGE (self));

  show_first_item (self);
}

static void
on_routine_activated (UnknotLibraryPage *self,
                      guint              position)
{
  g_autoptr(GObject) item =
    g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (self->routine_list)), position);

  if (UNKNOT_IS_ROUTINE (item))
    g_signal_emit (self, signals[ROUTINE_ACTIVATED], 0, item);
}

/**
 * unknot_library_page_get_n_rows_mapped:
 *
 * Returns: how many rows of routines are on the screen (mapped) now: for benchmarks.
 */
guint
unknot_library_page_get_n_rows_mapped (UnknotLibraryPage *self)
{
  guint n = 0;

  g_return_val_if_fail (UNKNOT_IS_LIBRARY_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->routine_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      RowWidgets *widgets = box ? g_object_get_data (G_OBJECT (box), "unknot-row-widgets") : NULL;

      n += widgets != NULL && gtk_widget_get_mapped (widgets->row) ? 1 : 0;
    }
  return n;
}

/**
 * unknot_library_page_get_n_rows_made:
 *
 * Returns: how many row widgets the routines' list has made so far (they are recycled as it
 * scrolls and as the library changes): for tests.
 */
guint
unknot_library_page_get_n_rows_made (UnknotLibraryPage *self)
{
  g_return_val_if_fail (UNKNOT_IS_LIBRARY_PAGE (self), 0);
  return self->n_rows_made;
}

static void
unknot_library_page_dispose (GObject *object)
{
  GtkWidget *child;
  UnknotLibraryPage *self = (UnknotLibraryPage *) object;

  if (self->top_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->routine_list), self->top_tick);
      self->top_tick = 0;
    }
  /* The filters look at the page's entry and drop-downs: not once they are gone. */
  if (self->own != NULL)
    {
      gtk_custom_filter_set_filter_func (
        GTK_CUSTOM_FILTER (gtk_filter_list_model_get_filter (self->own)), NULL, NULL, NULL);
      gtk_custom_filter_set_filter_func (
        GTK_CUSTOM_FILTER (gtk_filter_list_model_get_filter (self->bundled)), NULL, NULL, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), UNKNOT_TYPE_LIBRARY_PAGE);
  /* The page's box is not a bound child: let it go too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->own);
  g_clear_object (&self->bundled);
  g_clear_object (&self->own_header);
  g_clear_object (&self->bundled_header);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
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

  /**
   * UnknotLibraryPage::show-details:
   * @name: the file's name
   * @details: the exact messages, for a person who edits the file
   */
  signals[SHOW_DETAILS] =
    g_signal_new ("show-details", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/unknot/Unknot/unknot-library-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, tool_filter);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, length_filter);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, routine_list);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, no_match);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, UnknotLibraryPage, problems_list);
  gtk_widget_class_bind_template_callback (widget_class, on_routine_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);

  gtk_widget_class_install_action (widget_class, "library.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "library.show-details", "s",
                                   show_details_action);
  gtk_widget_class_install_action (widget_class, "library.remove-file", "s", remove_file_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
unknot_library_page_init (UnknotLibraryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->own_header = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->bundled_header = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  set_choices (self->area_filter, _("All Areas"), UNKNOT_N_AREAS, area_label);
  set_choices (self->tool_filter, _("Any Tool"), UNKNOT_N_TOOLS, tool_label);
  set_choices (self->length_filter, _("Any Length"), 3, length_label);
  /* The flow box's places are not stops for Tab: the filters in them are. */
  for (GtkWidget *child = gtk_widget_get_parent (GTK_WIDGET (self->area_filter));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}
