/* unknot-library-page.h: the routines to choose from
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-library.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_LIBRARY_PAGE (unknot_library_page_get_type ())

G_DECLARE_FINAL_TYPE (UnknotLibraryPage, unknot_library_page, UNKNOT, LIBRARY_PAGE, GtkWidget)

void unknot_library_page_set_library (UnknotLibraryPage *self,
                                      UnknotLibrary     *library);
void unknot_library_page_start_search (UnknotLibraryPage *self);
void unknot_library_page_set_key_capture_widget (UnknotLibraryPage *self,
                                                 GtkWidget         *window);
void unknot_library_page_scroll_to_top (UnknotLibraryPage *self);
guint unknot_library_page_get_n_rows_made (UnknotLibraryPage *self);
guint unknot_library_page_get_n_rows_mapped (UnknotLibraryPage *self);

G_END_DECLS
