/* unknot-finish-page.h: the page a routine ends on
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "unknot-session.h"

G_BEGIN_DECLS

#define UNKNOT_TYPE_FINISH_PAGE (unknot_finish_page_get_type ())

G_DECLARE_FINAL_TYPE (UnknotFinishPage, unknot_finish_page, UNKNOT, FINISH_PAGE, GtkWidget)

void unknot_finish_page_show_session (UnknotFinishPage *self,
                                      UnknotSession    *session);
void unknot_finish_page_set_answers  (UnknotFinishPage *self,
                                      int               pain_after,
                                      const char       *note);

G_END_DECLS
