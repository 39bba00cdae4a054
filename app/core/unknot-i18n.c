/* unknot-i18n.c
 *
 * The one owner of the interface language, for the program, its command line and its speech
 * helper. Unknot switches its language while it runs, whatever the process locale is (C, C.UTF-8,
 * POSIX, unset, or another language's), with no setenv() (not safe once threads exist) and with
 * no need for the chosen language's locale to be generated. How, as verified on Debian 12:
 *
 * - In the C or POSIX locale glibc translates nothing: the process runs in its environment's
 *   locale, or in C.UTF-8 (always there) where that is C, POSIX, missing or not UTF-8. GTK would
 *   set the environment's locale again at its initialisation: the program disables that.
 * - glibc finds a catalogue as DIR/NAME/LC_MESSAGES/DOMAIN.mo, NAME being the first entry of
 *   LANGUAGE or else the locale's name, neither of which changes here. So each language has a
 *   folder of symbolic links of its own, LANGUAGE-FOLDER/NAME/LC_MESSAGES/DOMAIN.mo pointing to
 *   that language's catalogue, and a switch binds Unknot's, GTK's, libadwaita's and GLib's
 *   domains to the chosen language's folder. bindtextdomain() takes glibc's lock and drops its
 *   cache of translations, so threads translating meanwhile are safe.
 * - GLib decides once per process, at its first g_dgettext(), whether to translate at all: it
 *   does if Unknot's catalogue has a header then. English is a catalogue of its own ("en"), and a
 *   language Unknot has no catalogue for uses it.
 *
 * The folders are made under the user's runtime folder (or cache, or temporary folder), owned by
 * the user and closed to others; their name is a digest of the catalogues' folders, so builds and
 * installed copies never share one.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-core"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <langinfo.h>
#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unknot-i18n.h"

/* The domains whose words a person meets in Unknot: its own, and those of the libraries that
 * draw its dialogs (GTK, libadwaita) and word its errors (GLib). */
static const char * const domains[] = { GETTEXT_PACKAGE, "gtk40", "libadwaita", "glib20" };
#define N_DOMAINS G_N_ELEMENTS (domains)

static struct {
  gboolean initialised;
  char    *system;             /* the desktop's language, as a catalogue name: "de_AT", "ja" */
  char    *current;            /* the language Unknot speaks: one of languages[] but "" */
  char    *source[N_DOMAINS];  /* where each domain's catalogues really are */
  char    *folder;             /* the folders of links, one per language; NULL if none could be made */
  GStrv    names;              /* the NAMEs glibc looks for, most specific first */
} i18n;

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

/* The languages Unknot speaks, each named in itself; "" is the system's. */
const UnknotLanguage *
unknot_i18n_get_languages (guint *n)
{
  *n = G_N_ELEMENTS (languages);
  return languages;
}

static gboolean
is_c_locale (const char *name)
{
  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX");
}

/* A UTF-8 locale for the messages and the characters: the environment's, or C.UTF-8. The other
 * categories (collation, numbers) stay the environment's where it has them. */
static void
init_locale (void)
{
  const char *all = setlocale (LC_ALL, "");
  const char *messages = setlocale (LC_MESSAGES, NULL);
  const char *codeset = nl_langinfo (CODESET);

  if (all == NULL || is_c_locale (messages) || g_ascii_strcasecmp (codeset, "UTF-8") != 0)
    {
      if (all == NULL || is_c_locale (setlocale (LC_ALL, NULL)))
        setlocale (LC_ALL, "C.UTF-8");
      else
        {
          setlocale (LC_CTYPE, "C.UTF-8");
          setlocale (LC_MESSAGES, "C.UTF-8");
        }
    }
}

/* The NAME glibc looks catalogues up by (see guess_category_value() in glibc's intl/dcigettext.c):
 * LANGUAGE's first entry, as the locale is not C, or else the messages locale's name. */
static char *
lookup_name (void)
{
  const char *language = g_getenv ("LANGUAGE");

  if (language != NULL)
    {
      g_auto(GStrv) entries = g_strsplit (language, ":", -1);

      for (guint i = 0; entries[i] != NULL; i++)
        if (*entries[i] != '\0')
          return g_strdup (entries[i]);
    }
  return g_strdup (setlocale (LC_MESSAGES, NULL));
}

/* glibc's spelling of a codeset in file names: "UTF-8" is "utf8". */
static char *
normalize_codeset (const char *codeset,
                   gsize       len)
{
  GString *s = g_string_new (NULL);
  gboolean only_digits = TRUE;

  for (gsize i = 0; i < len; i++)
    if (g_ascii_isalnum (codeset[i]))
      {
        only_digits = only_digits && g_ascii_isdigit (codeset[i]);
        g_string_append_c (s, g_ascii_tolower (codeset[i]));
      }
  if (only_digits)
    g_string_prepend (s, "iso");
  return g_string_free (s, FALSE);
}

/* Every spelling of @name glibc may try, so that whichever it tries first is there. */
static GStrv
name_variants (const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) variants = g_get_locale_variants (name);
  const char *dot = strchr (name, '.');

  g_strv_builder_addv (builder, (const char **) variants);
  if (dot != NULL)
    {
      const char *end = dot + 1 + strcspn (dot + 1, "@");
      g_autofree char *codeset = normalize_codeset (dot + 1, end - (dot + 1));
      g_autofree char *normal = g_strdup_printf ("%.*s.%s%s", (int) (dot - name), name, codeset,
                                                 end);

      g_strv_builder_add (builder, normal);
    }
  return g_strv_builder_end (builder);
}

/* The desktop's language, from the environment (even if its locale is not generated): "de_AT",
 * "en" for C. */
static char *
system_language (void)
{
  const char * const *names = g_get_language_names ();
  const char *first = names[0] != NULL ? names[0] : "C";
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *from_language = NULL;

  /* g_get_language_names() heeds LANGUAGE even in C; glibc does not, nor does Unknot in C
   * otherwise, but the person who set LANGUAGE meant it. */
  if (language != NULL && *language != '\0')
    {
      from_language = g_strndup (language, strcspn (language, ":"));
      if (*from_language != '\0')
        first = from_language;
    }
  if (is_c_locale (first) || g_str_has_prefix (first, "C."))
    return g_strdup ("en");
  return g_strndup (first, strcspn (first, ".@"));
}

/* The supported language closest to @wanted ("de_AT" is "de", "pt_PT" is "pt_BR"), or NULL. */
static const char *
closest_language (const char *wanted)
{
  gsize base = strcspn (wanted, "_");

  for (guint i = 1; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, wanted))
      return languages[i].code;
  for (guint i = 1; i < G_N_ELEMENTS (languages); i++)
    if (strncmp (languages[i].code, wanted, base) == 0 && strcspn (languages[i].code, "_") == base)
      return languages[i].code;
  return NULL;
}

/* A folder for the links, the user's alone; NULL if there is none. */
static char *
make_folder (void)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *digest = NULL;
  const char *bases[] = { g_get_user_runtime_dir (), g_get_user_cache_dir (), g_get_tmp_dir () };

  for (guint i = 0; i < N_DOMAINS; i++)
    g_string_append_printf (key, "%s\n", i18n.source[i]);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key->str, -1);

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autofree char *name = g_strdup_printf ("unknot-locale-%u-%.16s", (guint) getuid (), digest);
      g_autofree char *folder = g_build_filename (bases[i], name, NULL);
      struct stat st;

      if (g_mkdir (folder, 0700) != 0 && errno != EEXIST)
        continue;
      /* Somebody else's folder, or a link to one, would decide what Unknot says. */
      if (g_lstat (folder, &st) != 0 || !S_ISDIR (st.st_mode) || st.st_uid != getuid () ||
          (st.st_mode & 022) != 0)
        continue;
      return g_steal_pointer (&folder);
    }
  g_warning ("No folder for the interface language's catalogues could be made: "
             "the language cannot be switched");
  return NULL;
}

/* @link points to @target, or is gone if @target is NULL. Links are replaced whole (rename), so
 * another Unknot reading the folder meanwhile sees the old link or the new one. */
static void
set_link (const char *link,
          const char *target)
{
  g_autofree char *now = g_file_read_link (link, NULL);
  g_autofree char *parent = NULL;
  g_autofree char *temporary = NULL;

  if (g_strcmp0 (now, target) == 0)
    return;
  if (target == NULL)
    {
      g_unlink (link);
      return;
    }

  parent = g_path_get_dirname (link);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    return;
  temporary = g_strdup_printf ("%s.%d.tmp", link, (int) getpid ());
  g_unlink (temporary);
  if (symlink (target, temporary) != 0 || g_rename (temporary, link) != 0)
    {
      g_warning ("Cannot link %s: %s", link, g_strerror (errno));
      g_unlink (temporary);
    }
}

/* Where domain @i's catalogue for @language is, or NULL. */
static char *
find_catalogue (guint       i,
                const char *language)
{
  g_auto(GStrv) variants = g_get_locale_variants (language);
  g_autofree char *file = g_strconcat (domains[i], ".mo", NULL);

  for (guint v = 0; variants[v] != NULL; v++)
    {
      g_autofree char *path = g_build_filename (i18n.source[i], variants[v], "LC_MESSAGES", file,
                                                NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* Binds every domain to @language's folder of links, made or brought up to date first. */
static void
bind_language (const char *language)
{
  g_autofree char *folder = NULL;

  if (i18n.folder == NULL)
    return;

  folder = g_build_filename (i18n.folder, language, NULL);
  for (guint i = 0; i < N_DOMAINS; i++)
    {
      g_autofree char *target = find_catalogue (i, language);
      g_autofree char *file = g_strconcat (domains[i], ".mo", NULL);

      /* Unknot's own words must have a catalogue: English, where it has none for @language. */
      if (target == NULL && i == 0)
        target = find_catalogue (0, "en");
      for (guint n = 0; i18n.names[n] != NULL; n++)
        {
          g_autofree char *link = g_build_filename (folder, i18n.names[n], "LC_MESSAGES", file,
                                                    NULL);
          set_link (link, target);
        }
      bindtextdomain (domains[i], folder);
      bind_textdomain_codeset (domains[i], "UTF-8");
    }
}

/* Learns where each domain's catalogues are: GTK and libadwaita bind theirs when they start. */
static void
find_sources (void)
{
  const char *dir = g_getenv ("UNKNOT_LOCALE_DIR");

  for (guint i = 0; i < N_DOMAINS; i++)
    {
      const char *bound;

      if (i == 0)
        bound = dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
      else
        bound = bindtextdomain (domains[i], NULL);
      /* Once bound to a folder of links, a domain's source is the one learnt before. */
      if (bound == NULL || (i18n.folder != NULL && g_str_has_prefix (bound, i18n.folder)))
        continue;
      g_free (i18n.source[i]);
      i18n.source[i] = g_canonicalize_filename (bound, NULL);
    }
}

/* "" or NULL is the desktop's language, else a code of languages[]; a language Unknot does not
 * know is English. */
static const char *
resolve (const char *language)
{
  const char *code = NULL;

  if (language == NULL || *language == '\0')
    {
      code = closest_language (i18n.system);
      return code != NULL ? code : "en";
    }
  code = closest_language (language);
  return code != NULL ? code : "en";
}

static char *
setting_language (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID_BASE, TRUE);
  if (schema == NULL)
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, "language");
}

/**
 * unknot_i18n_init:
 * @language: (nullable): a code such as "de", "" for the desktop's language, or %NULL for the
 *   "language" setting's
 *
 * Sets up the locale and the catalogues, before anything translates and before any thread
 * starts (it sets the process locale). The program calls it first thing, the speech helper with
 * the language it was given.
 */
void
unknot_i18n_init (const char *language)
{
  g_autofree char *chosen = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (!i18n.initialised);
  i18n.initialised = TRUE;

  init_locale ();
  /* GLib binds its own catalogue when it first translates: now, so that it is bound before
   * Unknot binds it again, not after. */
  g_free (g_format_size (0));
  i18n.system = system_language ();
  name = lookup_name ();
  i18n.names = name_variants (name);

  find_sources ();
  i18n.folder = make_folder ();

  /* Bound before GSettings can translate anything, so GLib decides to translate. */
  i18n.current = g_strdup (resolve (""));
  bind_language (i18n.current);
  textdomain (GETTEXT_PACKAGE);

  if (language == NULL)
    chosen = setting_language ();
  unknot_i18n_set_language (language != NULL ? language : chosen);
}

/**
 * unknot_i18n_rebind:
 *
 * Binds the libraries' domains to the chosen language again: GTK and libadwaita bind their own
 * when they initialise, after unknot_i18n_init(). Nothing to do in a process that never called
 * unknot_i18n_init() (a test of widgets alone): it keeps gettext as it was.
 */
void
unknot_i18n_rebind (void)
{
  if (!i18n.initialised)
    return;

  find_sources ();
  bind_language (i18n.current);
}

/**
 * unknot_i18n_set_language:
 * @language: (nullable): a code such as "de", or "" for the system's
 *
 * Switches the language of everything translated from now on; the caller relabels its widgets.
 * Safe while other threads translate.
 *
 * Returns: whether the language Unknot speaks changed
 */
gboolean
unknot_i18n_set_language (const char *language)
{
  const char *code;

  g_return_val_if_fail (i18n.initialised, FALSE);

  code = resolve (language);
  if (g_strcmp0 (code, i18n.current) == 0)
    return FALSE;

  g_free (i18n.current);
  i18n.current = g_strdup (code);
  bind_language (i18n.current);
  return TRUE;
}

/* The language Unknot speaks: "de", "pt_BR", "en"... */
const char *
unknot_i18n_get_language (void)
{
  return i18n.current != NULL ? i18n.current : "en";
}

/* The espeak voice that speaks the interface language. */
const char *
unknot_i18n_get_espeak_voice (void)
{
  static const struct { const char *language; const char *voice; } voices[] = {
    { "de", "de" }, { "fr", "fr" }, { "es", "es" }, { "it", "it" }, { "pt_BR", "pt-br" },
    { "ar", "ar" }, { "en", "en" },
  };
  const char *language = unknot_i18n_get_language ();

  for (guint i = 0; i < G_N_ELEMENTS (voices); i++)
    if (g_str_equal (language, voices[i].language))
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

/**
 * unknot_i18n_sort_text:
 * @text: a name as shown
 *
 * @text without its accents and other marks, for the language's collation (GtkStringSorter or
 * g_utf8_collate_key() on its case-folded form) to sort names as a reader expects: "Ärmel" beside
 * "Arm", not after "Zeh", which also holds in C.UTF-8, whose collation alone is by code point.
 *
 * Returns: (transfer full): the text to sort by
 */
char *
unknot_i18n_sort_text (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text != NULL ? text : "", -1,
                                                  G_NORMALIZE_NFD);
  GString *bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
          type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (bare, c);
    }
  return g_string_free (bare, FALSE);
}

/* The digits the interface language writes numbers with, as its translators chose them. */
static const char *
get_digits (void)
{
  /* Translators: the ten digits your language writes numbers with, 0 to 9 in this order: for
   * example "٠١٢٣٤٥٦٧٨٩". Keep "0123456789" if your language writes those. */
  const char *digits = C_("digits", "0123456789");

  if (!g_utf8_validate (digits, -1, NULL) || g_utf8_strlen (digits, -1) != 10)
    return "0123456789";
  return digits;
}

/**
 * unknot_i18n_localize_digits:
 * @text: a text Unknot made, with numbers in the digits 0 to 9
 *
 * @text in the interface language's digits (Arabic: "٢:٢٨" for "2:28"). Only for texts with no
 * words of a routine's or a person's in them: their digits stay as written.
 *
 * Returns: (transfer full): the text to show
 */
char *
unknot_i18n_localize_digits (const char *text)
{
  const char *digits = get_digits ();
  GString *shown;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_equal (digits, "0123456789"))
    return g_strdup (text);

  shown = g_string_sized_new (strlen (text) * 2);
  /* ASCII bytes never occur inside a multi-byte UTF-8 character. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          const char *digit = g_utf8_offset_to_pointer (digits, *p - '0');

          g_string_append_len (shown, digit, g_utf8_next_char (digit) - digit);
        }
      else
        g_string_append_c (shown, *p);
    }
  return g_string_free (shown, FALSE);
}

/**
 * unknot_i18n_parse_digits:
 * @text: what a person typed: digits 0 to 9 or the interface language's
 *
 * Returns: (transfer full): @text with the language's digits as 0 to 9, for parsing
 */
char *
unknot_i18n_parse_digits (const char *text)
{
  const char *digits = get_digits ();
  GString *ascii;

  g_return_val_if_fail (text != NULL, NULL);

  ascii = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);
      const char *found = NULL;

      for (const char *d = digits; *d != '\0' && found == NULL; d = g_utf8_next_char (d))
        if (g_utf8_get_char (d) == c)
          found = d;
      if (found != NULL)
        g_string_append_c (ascii, (char) ('0' + g_utf8_pointer_to_offset (digits, found)));
      else if (value >= 0)
        g_string_append_c (ascii, (char) ('0' + value));
      else
        g_string_append_unichar (ascii, c);
    }
  return g_string_free (ascii, FALSE);
}
