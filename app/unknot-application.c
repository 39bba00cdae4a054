/* unknot-application.c
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "unknot-application.h"
#include "unknot-cli.h"
#include "unknot-cue-player.h"
#include "unknot-dirs.h"
#include "unknot-dialogs.h"
#include "unknot-i18n.h"
#include "unknot-preferences.h"
#include "unknot-reminder-service.h"
#include "unknot-run.h"
#include "unknot-window.h"

struct _UnknotApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  UnknotCatalogue    *catalogue;
  UnknotLibrary      *library;
  UnknotClock        *clock;         /* for the run; NULL: the system's */
  UnknotWallClock    *wall_clock;    /* for the reminders; NULL: the system's */
  UnknotRun          *run;
  UnknotReminderService *reminders;
  gboolean            background;    /* --background: the first activation opens no window */
  char               *start_id;
  GtkWindow          *preferences;   /* weak */
  gboolean            library_loaded;
};

G_DEFINE_FINAL_TYPE (UnknotApplication, unknot_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_WALL_CLOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry options[] = {
  { "list", 'l', 0, G_OPTION_ARG_NONE, NULL, N_("List the routines with their durations"), NULL },
  { "validate", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Check routine files and print every problem"),
    NULL },
  { "start", 's', 0, G_OPTION_ARG_STRING, NULL, N_("Open a routine and start it"), N_("ID") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, for the reminders (started at login while they are on)"), NULL },
  { "history", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the journal of your runs"), NULL },
  { "csv", 0, 0, G_OPTION_ARG_NONE, NULL, N_("With --history: print it as CSV"), NULL },
  { "plan", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print a routine planned for --area, --minutes, --tool and --firmness"), NULL },
  { "area", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --plan: an area that hurts, optionally with its side (shoulders:left)"),
    N_("AREA[:SIDE]") },
  { "minutes", 0, 0, G_OPTION_ARG_STRING, NULL, N_("With --plan: the minutes you have, 5 to 30"),
    N_("N") },
  { "tool", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("With --plan: a tool at hand (ball, foam-roller, cane, heat-pack)"), N_("TOOL") },
  { "firmness", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --plan: gentle, medium (the default) or firm"), N_("FIRMNESS") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  /* Its "[FILE…]" is the context's parameter string: given here too, --help showed it twice. */
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static UnknotCatalogue *
load_catalogue (GError **error)
{
  UnknotCatalogue *catalogue = unknot_catalogue_get_default (error);

  return catalogue ? g_object_ref (catalogue) : NULL;
}

static UnknotLibrary *
load_library (UnknotCatalogue *catalogue)
{
  g_autofree char *bundled = unknot_dirs_get_bundled_routines ();
  g_autofree char *user = unknot_dirs_get_user_routines ();
  UnknotLibrary *library = unknot_library_new (catalogue, bundled, user);

  unknot_library_load (library);
  return library;
}

static int
print_result (GString *out,
              GString *err,
              int      status)
{
  g_print ("%s", out->str);
  g_printerr ("%s", err->str);
  return status;
}

/* Each of these options asks for one thing to be done: two of them contradict each other, and
 * the second would be ignored silently. */
static const char *const actions[] = {
  "version", "history", "background", "list", "validate", "start",
};

static gboolean
check_one_action (GVariantDict *dict)
{
  const char *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (!g_variant_dict_contains (dict, actions[i]))
        continue;
      if (first != NULL)
        {
          /* Translators: two options such as "list" and "start"; keep the "--" */
          g_printerr (_("--%s and --%s cannot be used together: choose one\n"), first,
                      actions[i]);
          return FALSE;
        }
      first = actions[i];
    }
  return TRUE;
}

/* --plan goes with its own options only; the routine is printed, no window opens. */
static int
handle_plan (GVariantDict *dict)
{
  static const char * const others[] = {
    "list", "validate", "start", "background", "history", "csv", G_OPTION_REMAINING,
  };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotCatalogue) catalogue = NULL;
  g_autofree const char **areas = NULL;
  g_autofree const char **tools = NULL;
  g_autofree char *journal = unknot_journal_get_default_path ();
  const char *minutes = NULL, *firmness = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    if (g_variant_dict_contains (dict, others[i]))
      {
        g_printerr (_("--plan goes only with --area, --minutes, --tool and --firmness\n"));
        return 1;
      }
  if (!(catalogue = load_catalogue (&error)))
    {
      g_autofree char *shown = unknot_cli_escape_lines (error->message);

      g_printerr (_("The technique catalogue could not be read:\n%s\n"), shown);
      return 1;
    }
  g_variant_dict_lookup (dict, "area", "^a&s", &areas);
  g_variant_dict_lookup (dict, "tool", "^a&s", &tools);
  g_variant_dict_lookup (dict, "minutes", "&s", &minutes);
  g_variant_dict_lookup (dict, "firmness", "&s", &firmness);
  return print_result (out, err, unknot_cli_plan (catalogue, areas, minutes, tools, firmness,
                                                  journal, out, err));
}

static gint
unknot_application_handle_local_options (GApplication *app,
                                         GVariantDict *dict)
{
  UnknotApplication *self = UNKNOT_APPLICATION (app);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(UnknotCatalogue) catalogue = NULL;
  g_autofree const char **files = NULL;
  const char *start = NULL;

  if (!check_one_action (dict))
    return 2;

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("unknot %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (dict, "plan"))
    return handle_plan (dict);
  if (g_variant_dict_contains (dict, "area") || g_variant_dict_contains (dict, "minutes")
      || g_variant_dict_contains (dict, "tool") || g_variant_dict_contains (dict, "firmness"))
    {
      g_printerr (_("--area, --minutes, --tool and --firmness go with --plan\n"));
      return 1;
    }

  /* The journal needs no catalogue, no library and no window; it is read while the app runs. */
  if (g_variant_dict_contains (dict, "history"))
    {
      g_autofree char *path = unknot_journal_get_default_path ();
      gboolean csv = g_variant_dict_contains (dict, "csv");

      return print_result (out, err, unknot_cli_history (path, csv, out, err));
    }
  if (g_variant_dict_contains (dict, "csv"))
    {
      g_printerr (_("--csv goes with --history\n"));
      return 2;
    }

  g_variant_dict_lookup (dict, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (dict, "start", "&s", &start);

  if (g_variant_dict_contains (dict, "background"))
    {
      if (files != NULL || start != NULL || g_variant_dict_contains (dict, "list")
          || g_variant_dict_contains (dict, "validate"))
        {
          g_printerr (_("--background goes alone\n"));
          return 2;
        }
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      /* One instance: the one running already reminds. */
      if (g_application_get_is_remote (app))
        return 0;
      self->background = TRUE;
      return -1;
    }

  if (files != NULL && !g_variant_dict_contains (dict, "validate"))
    {
      g_autofree char *shown = unknot_text_escape (files[0]);

      g_printerr (_("Unexpected argument “%s”; to check routine files use --validate FILE…\n"),
                  shown);
      return 2;
    }

  /* Every routine names its techniques from the catalogue: without it there is nothing to show,
   * and the person is told why here rather than by a crash in the window. (It is read once per
   * process: the window's start below takes the same copy.) */
  if (!(catalogue = load_catalogue (&error)))
    {
      g_autofree char *shown = unknot_cli_escape_lines (error->message);

      g_printerr (_("The technique catalogue could not be read:\n%s\n"), shown);
      return 1;
    }

  if (!g_variant_dict_contains (dict, "list") && !g_variant_dict_contains (dict, "validate")
      && start == NULL)
    return -1;

  if (g_variant_dict_contains (dict, "validate"))
    return print_result (out, err, unknot_cli_validate (catalogue, files,
                                                                unknot_cue_player_check_sound,
                                                                out, err));

  if (g_variant_dict_contains (dict, "list"))
    {
      g_autoptr(UnknotLibrary) library = load_library (catalogue);

      return print_result (out, err, unknot_cli_list (library, out, err));
    }

  /* --start: a clear error for an unknown id, here, before any window opens. */
  {
    g_autoptr(UnknotLibrary) library = load_library (catalogue);

    if (unknot_library_lookup (library, start) == NULL)
      {
        g_autofree char *shown = unknot_text_escape (start);

        g_printerr (_("There is no routine “%s”. `unknot --list` shows the routines.\n"), shown);
        return 1;
      }
  }

  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (g_application_get_is_remote (app))
    {
      g_action_group_activate_action (G_ACTION_GROUP (app), "start-routine",
                                      g_variant_new_string (start));
      return 0;
    }

  g_free (self->start_id);
  self->start_id = g_strdup (start);
  return -1;
}

static UnknotWindow *
get_window (UnknotApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (unknot_window_new (self));
  return UNKNOT_WINDOW (window);
}

static void
unknot_application_activate (GApplication *app)
{
  UnknotApplication *self = UNKNOT_APPLICATION (app);
  UnknotWindow *window;

  /* Started at login for the reminders: no window. Held while reminders are on (see
   * unknot-reminder-service.c); with them off there is nothing to do, and the app ends. */
  if (self->background)
    {
      self->background = FALSE;
      if (!g_settings_get_boolean (self->settings, "reminders-enabled"))
        g_printerr (_("Reminders are off (Preferences, Reminders): Unknot has nothing to do in "
                      "the background.\n"));
      return;
    }

  window = get_window (self);
  gtk_window_present (GTK_WINDOW (window));

  /* --start: once the library has been read (in the background); see on_library_loaded(). */
  if (self->start_id != NULL && self->library_loaded)
    {
      g_autofree char *id = g_steal_pointer (&self->start_id);

      unknot_window_start_routine (window, id);
    }
}

static void
start_routine_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  UnknotApplication *self = data;
  UnknotWindow *window = get_window (self);

  gtk_window_present (GTK_WINDOW (window));
  unknot_window_start_routine (window, g_variant_get_string (parameter, NULL));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (data));

  /* Each window may ask first (a routine running); closing them ends the app. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (l->data);
      l = next;
    }
}

static void
show_preferences (UnknotApplication *self,
                  GtkWindow         *parent)
{
  if (self->preferences != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  self->preferences = GTK_WINDOW (unknot_preferences_new (self, parent));
  g_object_add_weak_pointer (G_OBJECT (self->preferences), (gpointer *) &self->preferences);
  gtk_window_present (self->preferences);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       data)
{
  UnknotApplication *self = data;

  if (self->preferences != NULL)
    gtk_window_present (self->preferences);
  else
    show_preferences (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

/* The language changed in Preferences (or in the settings): everything shown and said switches
 * now. Widgets keep the text they were built with, so each window is built again and takes over
 * the old one's state, which lives in models; the running routine keeps its place. */
static void
apply_language (UnknotApplication *self)
{
  g_autofree char *language = g_settings_get_string (self->settings, "language");
  GList *windows = NULL;
  gboolean had_preferences = self->preferences != NULL;
  UnknotCueScheduler *scheduler = unknot_run_get_scheduler (self->run);

  if (!unknot_i18n_set_language (language))
    return;

  gtk_widget_set_default_direction (unknot_i18n_is_rtl () ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  unknot_cue_player_set_voice (unknot_cue_scheduler_get_player (scheduler),
                               unknot_i18n_get_espeak_voice ());
  unknot_cue_scheduler_refresh_speech (scheduler);

  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);

  /* Held: moving a window's dialogs destroys some windows of the list. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = windows; l != NULL; l = l->next)
    {
      UnknotWindow *old;
      UnknotWindow *window;

      if (!UNKNOT_IS_WINDOW (l->data))
        continue;

      old = l->data;
      window = unknot_window_new (self);
      unknot_window_adopt (window, old);
      gtk_window_present (GTK_WINDOW (window));
      unknot_dialogs_move (GTK_WINDOW (old), GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (old));

      if (had_preferences)
        {
          show_preferences (self, GTK_WINDOW (window));
          had_preferences = FALSE;
        }
    }
  g_list_free_full (windows, g_object_unref);
}

static gboolean
apply_language_idle (gpointer data)
{
  apply_language (data);
  return G_SOURCE_REMOVE;
}

static void
on_language_changed (UnknotApplication *self)
{
  /* Not from inside the handler of the widget that changed it: that widget is rebuilt too. */
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_language_idle, g_object_ref (self),
                   g_object_unref);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       data)
{
  UnknotApplication *self = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Unknot developers", NULL };
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about), window);
  if (window != NULL)
    unknot_dialog_reopen_with (GTK_WINDOW (about), GTK_WIDGET (window), "app.about");
  g_object_set (about,
                         "application-name", _("Unknot"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Unknot developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Guided self-massage for a sore back: timed routines you "
                                       "can follow by ear."),
                         "website", "https://github.com/unknot/unknot",
                         "issue-url", "https://github.com/unknot/unknot/issues",
                         "developers", developers,
                         /* Translators: your names, one per line, for the About window */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 The Unknot developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
help_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       data)
{
  UnknotApplication *self = data;

  unknot_window_show_help (get_window (self));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "help", help_action },
  { "start-routine", start_routine_action, "s" },
};

static void
on_color_scheme_changed (UnknotApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = (guint) g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

typedef struct {
  UnknotApplication *self;
  GAsyncResult      *result;
} LoadedLibrary;

/* Fills the library once the window has drawn: idle priority comes after the frame clock, so
 * the first frame never waits for hundreds of rows. */
static gboolean
apply_library (gpointer data)
{
  LoadedLibrary *loaded = data;
  UnknotApplication *self = loaded->self;
  GtkWindow *window;

  unknot_library_load_finish (self->library, loaded->result, NULL);
  self->library_loaded = TRUE;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (self->start_id != NULL && UNKNOT_IS_WINDOW (window))
    {
      g_autofree char *id = g_steal_pointer (&self->start_id);

      unknot_window_start_routine (UNKNOT_WINDOW (window), id);
    }

  g_object_unref (loaded->result);
  g_object_unref (loaded->self);
  g_free (loaded);
  return G_SOURCE_REMOVE;
}

static void
on_library_loaded (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  LoadedLibrary *loaded = g_new0 (LoadedLibrary, 1);

  loaded->self = data;   /* the reference taken for the load */
  loaded->result = g_object_ref (result);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_library, loaded, NULL);
}

static gboolean
start_loading_library (gpointer data)
{
  UnknotApplication *self = data;

  unknot_library_load_async (self->library, NULL, on_library_loaded, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
unknot_application_startup (GApplication *app)
{
  UnknotApplication *self = UNKNOT_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_dir = unknot_dirs_get_bundled_routines ();
  g_autofree char *user_dir = unknot_dirs_get_user_routines ();
  UnknotCueScheduler *scheduler;
  UnknotCuePlayer *player;

  G_APPLICATION_CLASS (unknot_application_parent_class)->startup (app);
  /* GTK and libadwaita have just bound their catalogues to the desktop's language. */
  unknot_i18n_rebind ();

  g_set_application_name (_("Unknot"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help",
                                         (const char *[]) { "F1", NULL });

  self->settings = g_settings_new (APP_ID_BASE);
  gtk_widget_set_default_direction (unknot_i18n_is_rtl () ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_signal_connect_object (self->settings, "changed::language",
                           G_CALLBACK (on_language_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed), self, G_CONNECT_SWAPPED);
  on_color_scheme_changed (self);

  /* Checked in handle_local_options(), before any window: this is the same copy. */
  self->catalogue = load_catalogue (&error);
  if (self->catalogue == NULL)
    {
      g_autofree char *shown = unknot_cli_escape_lines (error->message);

      g_printerr (_("The technique catalogue could not be read:\n%s\n"), shown);
      exit (1);
    }

  /* The window shows at once; the routines fill in when a worker thread has read them. */
  self->library = unknot_library_new (self->catalogue, bundled_dir, user_dir);
  /* Routines edited by hand or synced from another machine show without a restart. */
  unknot_library_watch (self->library);
  /* Read once the first frame is out: the reading never competes with the window's start. */
  g_idle_add_full (G_PRIORITY_LOW, start_loading_library, g_object_ref (self), g_object_unref);

  /* The running routine belongs to the application, not to a window. */
  self->run = unknot_run_new (GTK_APPLICATION (self), self->catalogue, self->clock);
  scheduler = unknot_run_get_scheduler (self->run);
  player = unknot_cue_scheduler_get_player (scheduler);
  g_settings_bind (self->settings, "get-ready", self->run, "preparation", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "speak", scheduler, "speak", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "speak-instructions", scheduler, "instructions",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "ticks", scheduler, "ticks", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "volume", player, "volume", G_SETTINGS_BIND_GET);
  unknot_cue_player_set_voice (player, unknot_i18n_get_espeak_voice ());

  self->reminders = unknot_reminder_service_new (self, self->clock, self->wall_clock);
}

static void
unknot_application_shutdown (GApplication *app)
{
  UnknotApplication *self = UNKNOT_APPLICATION (app);

  /* Nothing runs or sounds once the application ends. */
  if (self->run != NULL)
    unknot_run_stop (self->run);

  G_APPLICATION_CLASS (unknot_application_parent_class)->shutdown (app);
}

static void
unknot_application_finalize (GObject *object)
{
  UnknotApplication *self = (UnknotApplication *) object;

  /* A Preferences window outliving the app would write into freed memory. */
  g_clear_weak_pointer (&self->preferences);
  g_clear_object (&self->reminders);
  g_clear_object (&self->run);
  g_clear_object (&self->clock);
  g_clear_object (&self->wall_clock);
  g_clear_object (&self->library);
  g_clear_object (&self->catalogue);
  g_clear_object (&self->settings);
  g_free (self->start_id);

  G_OBJECT_CLASS (unknot_application_parent_class)->finalize (object);
}

static void
unknot_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  UnknotApplication *self = UNKNOT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->run ? unknot_run_get_clock (self->run) : self->clock);
      break;
    case PROP_WALL_CLOCK:
      g_value_set_object (value, self->wall_clock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_application_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  UnknotApplication *self = UNKNOT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_WALL_CLOCK:
      self->wall_clock = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_application_class_init (UnknotApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = unknot_application_finalize;
  object_class->get_property = unknot_application_get_property;
  object_class->set_property = unknot_application_set_property;
  app_class->handle_local_options = unknot_application_handle_local_options;
  app_class->startup = unknot_application_startup;
  app_class->shutdown = unknot_application_shutdown;
  app_class->activate = unknot_application_activate;

  /* The clock routines run on: the system's by default; a test's fake one, moved on by hand. */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, UNKNOT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The time of day reminders go by: the system's by default; a test's fake one. */
  properties[PROP_WALL_CLOCK] =
    g_param_spec_object ("wall-clock", NULL, NULL, UNKNOT_TYPE_WALL_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
unknot_application_init (UnknotApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (
    G_APPLICATION (self),
    _("Guided back self-massage. Without options, opens the window."));
}

/**
 * unknot_application_new:
 * @clock: (nullable): the clock routines run on; %NULL for the system's (tests give a fake one)
 */
UnknotApplication *
unknot_application_new (UnknotClock *clock)
{
  return unknot_application_new_full (clock, NULL);
}

/**
 * unknot_application_new_full:
 * @clock: (nullable): the monotonic clock routines and reminders wake on; %NULL for the system's
 * @wall_clock: (nullable): the time of day reminders go by; %NULL for the system's
 */
UnknotApplication *
unknot_application_new_full (UnknotClock     *clock,
                             UnknotWallClock *wall_clock)
{
  g_return_val_if_fail (clock == NULL || UNKNOT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (wall_clock == NULL || UNKNOT_IS_WALL_CLOCK (wall_clock), NULL);

  return g_object_new (UNKNOT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/unknot/Unknot",
                       "clock", clock,
                       "wall-clock", wall_clock,
                       NULL);
}

GSettings *
unknot_application_get_settings (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), NULL);
  return self->settings;
}

UnknotLibrary *
unknot_application_get_library (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), NULL);
  return self->library;
}

UnknotCatalogue *
unknot_application_get_catalogue (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), NULL);
  return self->catalogue;
}

/* TRUE once the routines have been read (they are read in the background at startup). */
gboolean
unknot_application_is_library_loaded (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), FALSE);
  return self->library_loaded;
}

/* The running routine, with its session, cues, inhibition and MPRIS: made at startup. */
UnknotRun *
unknot_application_get_run (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), NULL);
  return self->run;
}

UnknotCueScheduler *
unknot_application_get_scheduler (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), NULL);
  return self->run ? unknot_run_get_scheduler (self->run) : NULL;
}

/* The reminders: made at startup. */
UnknotReminderService *
unknot_application_get_reminders (UnknotApplication *self)
{
  g_return_val_if_fail (UNKNOT_IS_APPLICATION (self), NULL);
  return self->reminders;
}
