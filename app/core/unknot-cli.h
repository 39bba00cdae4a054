/* unknot-cli.h: what `unknot --list`, `--validate` and `--history` print (no display needed)
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-journal.h"
#include "unknot-library.h"
#include "unknot-planner.h"
#include "unknot-sound-file.h"

G_BEGIN_DECLS

int unknot_cli_list     (UnknotLibrary    *library,
                         GString          *out,
                         GString          *err);
int unknot_cli_validate (UnknotCatalogue  *catalogue,
                         const char      **files,
                         UnknotSoundCheck  check,
                         GString          *out,
                         GString          *err);

int unknot_cli_history  (const char       *journal_path,
                         gboolean          csv,
                         GString          *out,
                         GString          *err);
int unknot_cli_plan     (UnknotCatalogue    *catalogue,
                         const char * const *areas,
                         const char         *minutes,
                         const char * const *tools,
                         const char         *firmness,
                         const char         *journal_path,
                         GString            *out,
                         GString            *err);
char *unknot_cli_pain_cell (const UnknotJournalEntry *entry);
char *unknot_cli_escape_lines (const char *text);

G_END_DECLS
