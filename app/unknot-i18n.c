/* unknot-i18n.c
 *
 * Unknot switches its language while it runs. The traps, as verified on Debian 12:
 * - LANGUAGE is ignored in the plain C locale, so at least C.UTF-8 is set;
 * - glibc caches catalogues: after changing LANGUAGE, textdomain() is called again;
 * - GLib's g_dgettext() decides once per process whether to translate at all, so the process
 *   starts with LANGUAGE=<chosen or system>:en and an "en" catalogue is shipped.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "unknot-dirs.h"
#include "unknot-i18n.h"

static char *current_language;   /* the first language in LANGUAGE, e.g. "de" or "pt_BR" */

/* The desktop's language as a LANGUAGE entry: "de_DE.UTF-8" becomes "de_DE"; C is English. */
static char *
system_language (void)
{
  const char * const *names = g_get_language_names ();
  const char *first = names[0] != NULL ? names[0] : "en";

  if (g_str_equal (first, "C") || g_str_equal (first, "POSIX"))
    return g_strdup ("en");
  return g_strndup (first, strcspn (first, ".@"));
}

static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  return schema ? g_settings_new (APP_ID_BASE) : NULL;
}

static void
apply_language_env (const char *language)
{
  g_autofree char *value = NULL;

  if (language == NULL || *language == '\0')
    {
      const char *env = g_getenv ("UNKNOT_SYSTEM_LANGUAGE");

      /* The language the desktop asked for, kept from before Unknot first changed LANGUAGE. */
      language = env != NULL ? env : NULL;
    }

  if (language != NULL && *language != '\0')
    value = g_str_equal (language, "en") ? g_strdup ("en") : g_strconcat (language, ":en", NULL);
  else
    value = g_strdup ("en");

  g_setenv ("LANGUAGE", value, TRUE);

  g_free (current_language);
  current_language = g_strndup (value, strcspn (value, ":"));
}

void
unknot_i18n_init (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *chosen = NULL;

  unknot_dirs_init_gettext ();

  /* Remember what the desktop asked for, so "System" can go back to it later. */
  if (g_getenv ("UNKNOT_SYSTEM_LANGUAGE") == NULL)
    {
      const char *env = g_getenv ("LANGUAGE");
      g_autofree char *first = NULL;

      if (env != NULL && *env != '\0')
        first = g_strndup (env, strcspn (env, ":"));
      else
        first = system_language ();
      g_setenv ("UNKNOT_SYSTEM_LANGUAGE", first, TRUE);
    }

  settings = open_settings ();
  if (settings != NULL)
    chosen = g_settings_get_string (settings, "language");

  apply_language_env (chosen);
  /* glibc caches the catalogue it found: asking for the text domain again drops the cache. */
  textdomain (GETTEXT_PACKAGE);
}

/* Switches the language of everything translated from now on; the caller rebuilds its widgets.
 * @language: a code such as "de", or "" for the system's. */
gboolean
unknot_i18n_set_language (const char *language)
{
  g_autofree char *before = g_strdup (current_language);

  apply_language_env (language);
  /* glibc caches the catalogue it found: asking for the text domain again drops the cache. */
  textdomain (GETTEXT_PACKAGE);

  return g_strcmp0 (before, current_language) != 0;
}

const char *
unknot_i18n_get_language (void)
{
  return current_language ? current_language : "en";
}

/* The espeak voice that speaks the interface language. */
const char *
unknot_i18n_get_espeak_voice (void)
{
  static const struct { const char *language; const char *voice; } voices[] = {
    { "de", "de" }, { "fr", "fr" }, { "es", "es" }, { "it", "it" }, { "pt_BR", "pt-br" },
    { "pt", "pt" }, { "ar", "ar" }, { "en", "en" },
  };
  const char *language = unknot_i18n_get_language ();

  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    if (g_str_has_prefix (language, voices[i].language))
      return voices[i].voice;
  return "en";
}

gboolean
unknot_i18n_is_rtl (void)
{
  /* Translators: the direction your language is written in: "rtl" for right to left (Arabic,
   * Hebrew...), otherwise "ltr". Only these two values are understood. */
  return g_str_equal (C_("text direction", "ltr"), "rtl");
}

/* The languages Unknot speaks, each named in itself; "" is the system's. */
const UnknotLanguage *
unknot_i18n_get_languages (guint *n)
{
  static const UnknotLanguage languages[] = {
    { "", NULL },
    { "en", "English" },
    { "de", "Deutsch" },
    { "fr", "Français" },
    { "es", "Español" },
    { "it", "Italiano" },
    { "pt_BR", "Português (Brasil)" },
    { "ar", "العربية" },
  };

  *n = G_N_ELEMENTS (languages);
  return languages;
}
