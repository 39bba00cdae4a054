/* unknot-dialogs.c: dialogs that follow a switch of the interface language
 *
 * A language switch builds each window again (see unknot-application.c): widgets keep the words
 * they were made with. A dialog open over the old window is asked again over the new one, in the
 * new language, by what opened it: the action (Stop the Routine?, Delete?, Save Changes?, the
 * help, the shortcuts, About), or a function of its own (a message that reports a result), then
 * the old dialog goes. A message dialog that says neither is closed (its answer would reach the
 * old window); another window (a file chooser) moves over to the new window as it is.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <adwaita.h>

#include "unknot-dialogs.h"

typedef void (*ReopenFunc) (GtkWindow *window,
                            gpointer   data);

typedef struct {
  GType       owner_type;   /* the widget of the new window that has the action */
  char       *action;
  ReopenFunc  func;         /* or this, with data */
  gpointer    data;
  GDestroyNotify destroy;
} Reopen;

static GQuark
reopen_quark (void)
{
  return g_quark_from_static_string ("unknot-dialog-reopen");
}

static void
reopen_free (Reopen *reopen)
{
  if (reopen->destroy != NULL)
    reopen->destroy (reopen->data);
  g_free (reopen->action);
  g_free (reopen);
}

/**
 * unknot_dialog_reopen_with:
 * @dialog: a dialog over a window
 * @owner: the widget whose @action opened @dialog: the window, or a widget of it
 * @action: a detailed action name such as "player.stop"
 *
 * After a language switch, the new window's widget of @owner's type activates @action, which
 * asks again in the new language.
 */
void
unknot_dialog_reopen_with (GtkWindow  *dialog,
                           GtkWidget  *owner,
                           const char *action)
{
  Reopen *reopen = g_new0 (Reopen, 1);

  g_return_if_fail (GTK_IS_WINDOW (dialog));
  g_return_if_fail (GTK_IS_WIDGET (owner));

  reopen->owner_type = G_OBJECT_TYPE (owner);
  reopen->action = g_strdup (action);
  g_object_set_qdata_full (G_OBJECT (dialog), reopen_quark (), reopen,
                           (GDestroyNotify) reopen_free);
}

/**
 * unknot_dialog_reopen_by:
 * @dialog: a dialog over a window
 * @func: (nullable): a `void (*) (GtkWindow *new_window, gpointer data)` that shows @dialog
 *   again; %NULL if the new window opens it again itself (the step editor, with the editor)
 * @data: for @func
 * @destroy: (nullable): frees @data with @dialog
 */
void
unknot_dialog_reopen_by (GtkWindow      *dialog,
                         GCallback       func,
                         gpointer        data,
                         GDestroyNotify  destroy)
{
  Reopen *reopen = g_new0 (Reopen, 1);

  g_return_if_fail (GTK_IS_WINDOW (dialog));

  reopen->func = (ReopenFunc) func;
  reopen->data = data;
  reopen->destroy = destroy;
  g_object_set_qdata_full (G_OBJECT (dialog), reopen_quark (), reopen,
                           (GDestroyNotify) reopen_free);
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * unknot_dialogs_move:
 * @from: the window built for the language before
 * @to: the window built for the new language, which took over @from's state
 *
 * Asks every dialog open over @from again over @to, and closes the old ones.
 */
void
unknot_dialogs_move (GtkWindow *from,
                     GtkWindow *to)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == from)
        g_ptr_array_add (dialogs, g_steal_pointer (&window));
    }

  for (guint i = 0; i < dialogs->len; i++)
    {
      GtkWindow *dialog = dialogs->pdata[i];
      Reopen *reopen = g_object_get_qdata (G_OBJECT (dialog), reopen_quark ());

      if (reopen == NULL && !ADW_IS_MESSAGE_DIALOG (dialog))
        {
          gtk_window_set_transient_for (dialog, to);
          continue;
        }

      if (reopen != NULL && reopen->func != NULL)
        reopen->func (to, reopen->data);
      else if (reopen != NULL && reopen->action != NULL)
        {
          GtkWidget *owner = find_of_type (GTK_WIDGET (to), reopen->owner_type);

          if (owner == NULL || !gtk_widget_activate_action (owner, reopen->action, NULL))
            g_debug ("No %s to ask again after the language switch", reopen->action);
        }
      gtk_window_destroy (dialog);
    }
}
