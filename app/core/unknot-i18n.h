/* unknot-i18n.h: the interface language, chosen in the app, whatever the locale
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  const char *code;    /* for the "language" setting; "" is the system's */
  const char *name;    /* in the language itself; NULL for the system's */
} UnknotLanguage;

void        unknot_i18n_init            (const char *language);
void        unknot_i18n_rebind          (void);
const UnknotLanguage *unknot_i18n_get_languages (guint *n);
gboolean    unknot_i18n_set_language    (const char *language);
const char *unknot_i18n_get_language    (void);
const char *unknot_i18n_get_espeak_voice (void);
gboolean    unknot_i18n_is_rtl          (void);
char       *unknot_i18n_sort_text       (const char *text);
char       *unknot_i18n_localize_digits (const char *text);
char       *unknot_i18n_parse_digits    (const char *text);

G_END_DECLS
