/* unknot-library-private.h: what the library's files share
 *
 * The library is one class in four files, split by role: the store and loading
 * (unknot-library.c), watching the user's folder (unknot-library-watch.c), importing
 * (unknot-library-import.c), and deleting with Undo (unknot-library-delete.c).
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-library.h"

G_BEGIN_DECLS

struct _UnknotLibrary
{
  GObject          parent_instance;

  UnknotCatalogue *catalogue;
  char            *bundled_dir;
  char            *user_dir;
  GListStore      *routines;
  GHashTable      *by_id;      /* id -> UnknotRoutine (borrowed from routines) */
  GPtrArray       *problems;   /* of UnknotProblem, from the last load and the watch since */

  GFileMonitor    *monitor;
  GMainContext    *context;    /* where the monitor reports, and the reloads run */
  GHashTable      *pending;    /* path -> Pending: files to read again once they are quiet */
  GHashTable      *conflicts;  /* path -> the id it wants, taken by another routine's file */
  GHashTable      *deleted;    /* routine -> its file's bytes: deleted, kept for restore */
  guint            loading;    /* unknot_library_load_async() calls not finished yet */
  guint            loads_started;   /* numbers the loads: the newest one's part-loads show */
  guint            loads_finished;  /* loads_started when a load last finished: parts of the loads
                                     * started until then are out of date */
  guint            parts_applied;   /* the newest load's part-loads shown so far */
  gboolean         changed_while_loading;  /* a routine put or removed: no more part-loads */
  GHashTable      *deferred;   /* paths the watch reads again once those loads are finished */
};

/* unknot-library.c */
gboolean   _unknot_library_is_routine_file_name    (const char    *name);
GPtrArray *_unknot_library_take_problems           (UnknotLibrary *self,
                                                    const char    *name);
gboolean   _unknot_library_same_content            (UnknotRoutine *a,
                                                    UnknotRoutine *b);
void       _unknot_library_emit_problems_changed   (UnknotLibrary *self);
void       _unknot_library_emit_routine_changed    (UnknotLibrary *self,
                                                    UnknotRoutine *routine,
                                                    const char    *id,
                                                    GFile         *file);

/* unknot-library-watch.c */
void       _unknot_library_watch_init              (UnknotLibrary *self);
void       _unknot_library_watch_dispose           (UnknotLibrary *self);
void       _unknot_library_reload_file             (UnknotLibrary *self,
                                                    const char    *path);
void       _unknot_library_release_id              (UnknotLibrary *self,
                                                    const char    *id);

G_END_DECLS
