/* unknot-library.h: the routines a person can choose from, bundled and their own
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-routine.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_LIBRARY (unknot_library_get_type ())

G_DECLARE_FINAL_TYPE (UnknotLibrary, unknot_library, UNKNOT, LIBRARY, GObject)

UnknotLibrary   *unknot_library_new            (UnknotCatalogue *catalogue,
                                                const char      *bundled_dir,
                                                const char      *user_dir);
void             unknot_library_load           (UnknotLibrary   *self);
void             unknot_library_load_async     (UnknotLibrary   *self,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
gboolean         unknot_library_load_finish    (UnknotLibrary   *self,
                                                GAsyncResult    *result,
                                                GError         **error);
GListModel      *unknot_library_get_routines   (UnknotLibrary   *self);
GPtrArray       *unknot_library_dup_problems   (UnknotLibrary   *self);
UnknotRoutine   *unknot_library_lookup         (UnknotLibrary   *self,
                                                const char      *id);
UnknotCatalogue *unknot_library_get_catalogue  (UnknotLibrary   *self);
const char      *unknot_library_get_user_dir   (UnknotLibrary   *self);
char            *unknot_library_make_unique_id (UnknotLibrary   *self,
                                                const char      *base);
GFile           *unknot_library_get_user_file  (UnknotLibrary   *self,
                                                const char      *id);
void             unknot_library_put            (UnknotLibrary   *self,
                                                UnknotRoutine   *routine);
void             unknot_library_remove         (UnknotLibrary   *self,
                                                UnknotRoutine   *routine);
UnknotRoutine   *unknot_library_copy_as_own    (UnknotLibrary   *self,
                                                UnknotRoutine   *routine);
UnknotRoutine   *unknot_library_duplicate      (UnknotLibrary   *self,
                                                UnknotRoutine   *routine,
                                                GError         **error);

/* Implemented for the editor issue (see the comments in unknot-library-watch.c, -import.c and
 * -delete.c):
 *
 * unknot_library_watch: watch the user's folder with a GFileMonitor; a file created, changed
 *   or deleted there (edited by hand, synced from another machine) is loaded again, shown or
 *   removed without a restart. Emits "routine-changed" (UnknotRoutine *new_or_NULL,
 *   const char *id, GFile *file) after the library changed because of the disk, and
 *   "problems-changed" when the list of problems changed.
 *
 * unknot_library_import: validates @source with the loader's rules (every problem goes to
 *   @problems, and the import fails on any error), gives it a new id when its id is taken
 *   (never overwriting), copies the sound files its cues name into the user's folder, saves it
 *   there atomically and adds it. Returns the routine as it is now in the library.
 *
 * unknot_library_delete: removes the user's routine file (never a bundled one: that is an
 *   UNKNOT_ERROR_READ_ONLY error) and the routine from the library; the routine object stays
 *   valid, so unknot_library_restore() can save it back (Undo).
 */
void           unknot_library_watch   (UnknotLibrary  *self);
UnknotRoutine *unknot_library_import  (UnknotLibrary  *self,
                                       GFile          *source,
                                       GPtrArray      *problems,
                                       GError        **error);
gboolean       unknot_library_delete  (UnknotLibrary  *self,
                                       UnknotRoutine  *routine,
                                       GError        **error);
gboolean       unknot_library_restore (UnknotLibrary  *self,
                                       UnknotRoutine  *routine,
                                       GError        **error);

G_END_DECLS
