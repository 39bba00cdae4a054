/* test-i18n.c: the interface language's owner, in the core
 *
 * Started as the test environment gives it (LC_ALL=C.UTF-8, LANGUAGE=en): the language set here
 * reaches the bundled data's texts (g_dpgettext2, whose will to translate GLib decides once per
 * process) in every language and back, with the environment left as it was; digits follow the
 * language and are read back; names sort without case and accents.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "unknot-i18n.h"

#define ROUTINE "Quick reset"

static void
test_switch (void)
{
  struct { const char *setting; const char *language; gboolean translated; } switches[] = {
    { "de", "de", TRUE }, { "ar", "ar", TRUE }, { "pt_BR", "pt_BR", TRUE }, { "en", "en", FALSE },
    { "de_AT", "de", TRUE }, { "", "en", FALSE }, { "xx", "en", FALSE },
  };
  g_autofree char *german = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      const char *name;

      unknot_i18n_set_language (switches[i].setting);
      g_assert_cmpstr (unknot_i18n_get_language (), ==, switches[i].language);
      name = g_dpgettext2 (GETTEXT_PACKAGE, "routine", ROUTINE);
      g_test_message ("%s: “%s”", switches[i].setting, name);
      if (switches[i].translated)
        g_assert_cmpstr (name, !=, ROUTINE);
      else
        g_assert_cmpstr (name, ==, ROUTINE);
      if (g_str_equal (switches[i].language, "de"))
        {
          if (german == NULL)
            german = g_strdup (name);
          g_assert_cmpstr (name, ==, german);   /* "de_AT" is German */
        }
      /* No setenv: the environment is as the test started it, the locale UTF-8. */
      g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
      g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "C.UTF-8");
    }
}

static void
test_digits (void)
{
  g_autofree char *arabic = NULL;
  g_autofree char *read = NULL;
  g_autofree char *english = NULL;
  g_autofree char *mixed = NULL;

  unknot_i18n_set_language ("ar");
  arabic = unknot_i18n_localize_digits ("2:08 · 10");
  g_assert_cmpstr (arabic, ==, "٢:٠٨ · ١٠");
  read = unknot_i18n_parse_digits (arabic);
  g_assert_cmpstr (read, ==, "2:08 · 10");
  mixed = unknot_i18n_parse_digits ("1٥");
  g_assert_cmpstr (mixed, ==, "15");

  unknot_i18n_set_language ("de");
  english = unknot_i18n_localize_digits ("2:08");
  g_assert_cmpstr (english, ==, "2:08");
  unknot_i18n_set_language ("en");
}

static void
test_sort_text (void)
{
  static const struct { const char *name; const char *bare; } cases[] = {
    { "Ärmel", "Armel" }, { "Wärme", "Warme" }, { "Épaule", "Epaule" },
    { "إنعاش", "انعاش" }, { "Zeh", "Zeh" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bare = unknot_i18n_sort_text (cases[i].name);

      g_assert_cmpstr (bare, ==, cases[i].bare);
    }
}

int
main (int   argc,
      char *argv[])
{
  unknot_i18n_init ("");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/switch", test_switch);
  g_test_add_func ("/i18n/digits", test_digits);
  g_test_add_func ("/i18n/sort-text", test_sort_text);
  return g_test_run ();
}
