/* unknot-window-actions.c: the window's actions on routines: new, edit, import, export,
 * duplicate and delete (with Undo)
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-a11y.h"
#include "unknot-dialogs.h"
#include "unknot-labels.h"
#include "unknot-routine-archive.h"
#include "unknot-routine-io.h"
#include "unknot-window-private.h"

/* New and edit */

static void
new_routine_action (GtkWidget  *widget,
                    const char *action,
                    GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  g_autoptr(UnknotEditor) editor =
    unknot_editor_new (unknot_application_get_library (self->application), NULL);

  _unknot_window_show_editor (self, editor);
}

static void
edit_routine_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  g_autoptr(UnknotEditor) editor = NULL;

  if (self->routine == NULL)
    return;

  /* A bundled routine gives a copy of the person's own ("My …"), new until saved. */
  editor = unknot_editor_new (unknot_application_get_library (self->application), self->routine);
  _unknot_window_show_editor (self, editor);
}

/* Each action where it makes sense: making and importing while browsing, the rest for the
 * routine on its page (deleting only the person's own). */
void
_unknot_window_update_actions (UnknotWindow *self)
{
  const char *page = unknot_window_get_page (self);
  gboolean browsing = g_strcmp0 (page, "library") == 0 || g_strcmp0 (page, "routine") == 0;
  gboolean routine = g_strcmp0 (page, "routine") == 0 && self->routine != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-routine", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-routine", browsing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-routine", routine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.duplicate-routine", routine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-routine", routine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-routine",
                                 routine && !unknot_routine_get_bundled (self->routine));
}

static UnknotMessage *
message_copy (const UnknotMessage *message)
{
  UnknotMessage *copy = g_new0 (UnknotMessage, 1);

  copy->heading = g_strdup (message->heading);
  copy->heading_arg = g_strdup (message->heading_arg);
  copy->body = g_strdup (message->body);
  copy->text = g_strdup (message->text);
  copy->details = g_strdup (message->details);
  return copy;
}

static void
message_free (UnknotMessage *message)
{
  g_free ((char *) message->heading);
  g_free ((char *) message->heading_arg);
  g_free ((char *) message->body);
  g_free ((char *) message->text);
  g_free ((char *) message->details);
  g_free (message);
}

static void
show_message_again (GtkWindow     *window,
                    UnknotMessage *message)
{
  _unknot_window_show_message (UNKNOT_WINDOW (window), message);
}

/* A message dialog; its details (plain text: file names, messages) in a scrolled card. After a
 * language switch it is shown again, translated anew. */
void
_unknot_window_show_message (UnknotWindow        *self,
                             const UnknotMessage *message)
{
  AdwMessageDialog *dialog;
  g_auto(GStrv) parts = NULL;
  g_autofree char *heading = NULL;
  const char *details = message->details;

  /* Not a printf format: the heading's one %s is replaced as text. */
  parts = g_strsplit (gettext (message->heading), "%s", 2);
  heading = g_strjoinv (message->heading_arg != NULL ? message->heading_arg : "", parts);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       message->body != NULL
                                                       ? gettext (message->body)
                                                       : message->text));
  if (details != NULL && *details != '\0')
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *label = gtk_label_new (details);   /* plain text: file names, messages */

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_add_css_class (label, "problems");
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Problems"), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_label_set_width_chars (GTK_LABEL (label), 40);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 72);
      gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_widget_add_css_class (scrolled, "card");
      adw_message_dialog_set_extra_child (dialog, scrolled);
    }
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  unknot_dialog_reopen_by (GTK_WINDOW (dialog), G_CALLBACK (show_message_again),
                           message_copy (message), (GDestroyNotify) message_free);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import */

/**
 * unknot_window_import_file:
 *
 * Imports a routine file into the person's routines (validated first: on any error every problem
 * is shown and nothing is imported) and shows it. Returns: (transfer none) (nullable): the
 * imported routine.
 */
UnknotRoutine *
unknot_window_import_file (UnknotWindow *self,
                           GFile        *file)
{
  UnknotLibrary *library;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotRoutine) as_read = NULL;
  g_autofree char *name = NULL;
  UnknotRoutine *routine;

  g_return_val_if_fail (UNKNOT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  library = unknot_application_get_library (self->application);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) unknot_problem_free);
  name = g_file_get_basename (file);

  routine = unknot_library_import (library, file, problems, &error);
  if (routine == NULL)
    {
      g_autofree char *details = problems->len > 0 ? unknot_problems_to_string (problems)
                                                   : g_strdup (error->message);
      UnknotMessage message = {
        .heading = N_("“%s” Was Not Imported"),
        .heading_arg = name,
        .body = N_("The file breaks the rules of the routine format. Nothing was imported; "
                   "these are all the problems found:"),
        .details = details,
      };

      _unknot_window_show_message (self, &message);
      return NULL;
    }

  unknot_window_show_routine (self, routine);

  /* Its id was taken: it was given another one, never written over the other routine. */
  as_read = unknot_routine_load_file (file, NULL, unknot_application_get_catalogue (
                                        self->application), NULL, NULL);
  if (as_read != NULL
      && g_strcmp0 (unknot_routine_get_id (as_read), unknot_routine_get_id (routine)) != 0)
    {
      g_autofree char *text =
        /* Translators: the first %s is the routine's name, then its old and new ids */
        g_strdup_printf (_("Imported “%s”. Another routine already had the id “%s”, so this one "
                           "is now “%s”."),
                         unknot_routine_get_display_name (routine),
                         unknot_routine_get_id (as_read), unknot_routine_get_id (routine));

      unknot_window_add_toast (self, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Imported “%s”"),
                                               unknot_routine_get_display_name (routine));

      unknot_window_add_toast (self, text);
    }

  return routine;
}

static void
on_import_response (GtkNativeDialog *native,
                    int              response,
                    UnknotWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        unknot_window_import_file (self, file);
    }
  g_object_unref (native);
}

static GtkFileFilter *
json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Routine files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

/* What Export writes: the routine and its own sounds in one file (unknot-routine-archive.c). */
static GtkFileFilter *
archive_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Routines with their sounds (.unknot)"));
  gtk_file_filter_add_pattern (filter, "*" UNKNOT_ARCHIVE_SUFFIX);
  return filter;
}

static GtkFileFilter *
routine_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Routines"));
  gtk_file_filter_add_pattern (filter, "*" UNKNOT_ARCHIVE_SUFFIX);
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
import_routine_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = routine_filter ();
  g_autoptr(GtkFileFilter) archives = archive_filter ();
  g_autoptr(GtkFileFilter) json = json_filter ();

  native = gtk_file_chooser_native_new (_("Import a Routine"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), archives);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), json);
  /* Owned by itself until it answers. */
  g_signal_connect_object (native, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Export */

static void
on_export_response (GtkNativeDialog *native,
                    int              response,
                    UnknotWindow    *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (native), "routine");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  if (file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      UnknotCatalogue *catalogue = unknot_application_get_catalogue (self->application);
      gboolean done;

      /* A name ending in .json asks for the routine's text alone, as before; anything else gets
       * the routine with its own sounds, one file to send. */
      if (g_str_has_suffix (name, ".json"))
        done = unknot_routine_save (routine, file, catalogue, &error);
      else
        done = unknot_routine_export (routine, file, catalogue, &error);

      if (done)
        {
          g_autofree char *text = g_strdup_printf (_("Exported to %s"), name);

          unknot_window_add_toast (self, text);
        }
      else
        _unknot_window_show_message (self, &(UnknotMessage) {
                                       .heading = N_("The Routine Was Not Exported"),
                                       .text = error->message });
    }
  g_object_unref (native);
}

static void
export_routine_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = archive_filter ();
  g_autoptr(GtkFileFilter) json = json_filter ();
  g_autofree char *name = NULL;

  if (self->routine == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Export the Routine"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), json);
  name = g_strconcat (unknot_routine_get_id (self->routine), UNKNOT_ARCHIVE_SUFFIX, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_object_set_data_full (G_OBJECT (native), "routine", g_object_ref (self->routine),
                          g_object_unref);
  g_signal_connect_object (native, "response", G_CALLBACK (on_export_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Duplicate */

static void
duplicate_routine_action (GtkWidget  *widget,
                          const char *action,
                          GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  g_autoptr(UnknotRoutine) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->routine == NULL)
    return;

  /* "My …" for a bundled routine, "… (copy)" for one of the person's own. */
  copy = unknot_library_duplicate (unknot_application_get_library (self->application),
                                   self->routine, &error);
  if (copy == NULL)
    {
      _unknot_window_show_message (self, &(UnknotMessage) {
                                     .heading = N_("The Routine Was Not Duplicated"),
                                     .text = error->message });
      return;
    }

  unknot_window_show_routine (self, copy);
  text = g_strdup_printf (_("Made “%s”"), unknot_routine_get_display_name (copy));
  unknot_window_add_toast (self, text);
}

/* Delete, with Undo */

static void
on_restore_clicked (AdwToast     *toast,
                    UnknotWindow *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (toast), "routine");
  g_autoptr(GError) error = NULL;

  if (!unknot_library_restore (unknot_application_get_library (self->application), routine,
                               &error))
    unknot_window_add_toast (self, error->message);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    UnknotWindow     *self)
{
  UnknotRoutine *routine = g_object_get_data (G_OBJECT (dialog), "routine");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (!g_str_equal (response, "delete"))
    return;

  if (!unknot_library_delete (unknot_application_get_library (self->application), routine,
                              &error))
    {
      _unknot_window_show_message (self, &(UnknotMessage) {
                                     .heading = N_("The Routine Was Not Deleted"),
                                     .text = error->message });
      return;
    }

  if (self->routine == routine)
    _unknot_window_show_library (self);

  title = g_strdup_printf (_("Deleted “%s”"), unknot_routine_get_display_name (routine));
  escaped = g_markup_escape_text (title, -1);   /* toast titles are markup */
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "routine", g_object_ref (routine), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_restore_clicked), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_routine_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  UnknotWindow *self = UNKNOT_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->routine == NULL || unknot_routine_get_bundled (self->routine))
    return;

  heading = g_strdup_printf (_("Delete “%s”?"), unknot_routine_get_display_name (self->routine));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
                                 GTK_WINDOW (self), heading,
                                 _("Its file is removed from your routines folder. You can undo "
                                   "this right after.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  unknot_a11y_fix_mnemonic_names (GTK_WIDGET (dialog));
  g_object_set_data_full (G_OBJECT (dialog), "routine", g_object_ref (self->routine),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  unknot_dialog_reopen_with (GTK_WINDOW (dialog), widget, "win.delete-routine");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_unknot_window_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-routine", NULL, new_routine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-routine", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-routine", NULL,
                                   import_routine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-routine", NULL);
  gtk_widget_class_install_action (widget_class, "win.edit-routine", NULL, edit_routine_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-routine", NULL);
  gtk_widget_class_install_action (widget_class, "win.duplicate-routine", NULL,
                                   duplicate_routine_action);
  gtk_widget_class_install_action (widget_class, "win.export-routine", NULL,
                                   export_routine_action);
  gtk_widget_class_install_action (widget_class, "win.delete-routine", NULL,
                                   delete_routine_action);
}
