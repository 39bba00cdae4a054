/* unknot-history-page.h: the journal's runs, what they add up to, and pain before and after
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-journal.h"

G_BEGIN_DECLS

#define UNKNOT_HISTORY_PAGE_RUNS 20   /* runs shown at first, and added by Show More */

#define UNKNOT_TYPE_HISTORY_PAGE (unknot_history_page_get_type ())

G_DECLARE_FINAL_TYPE (UnknotHistoryPage, unknot_history_page, UNKNOT, HISTORY_PAGE, GtkWidget)

void           unknot_history_page_set_journal (UnknotHistoryPage *self,
                                                UnknotJournal     *journal);
UnknotJournal *unknot_history_page_get_journal (UnknotHistoryPage *self);
void           unknot_history_page_reload      (UnknotHistoryPage *self);
guint          unknot_history_page_get_n_shown (UnknotHistoryPage *self);

G_END_DECLS
