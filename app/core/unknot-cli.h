/* unknot-cli.h: what `unknot --list` and `unknot --validate` print (no display needed)
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "unknot-library.h"
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

G_END_DECLS
