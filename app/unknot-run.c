/* unknot-run.c: the routine that runs, owned by the application, shown by windows
 *
 * One object holds everything that belongs to a running routine and not to a window: the
 * session (on the clock it was given: the system's, or a test's fake one), the cue scheduler and
 * player it drives, the screen-lock inhibition, the notification at the end, MPRIS and the
 * journal's record of the run (so a run with no window is recorded too). Windows
 * follow its "session" property and its signals; a window can be destroyed and built again (a
 * change of language) while the routine runs on untouched.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "unknot-journal-recorder.h"
#include "unknot-labels.h"
#include "unknot-mpris.h"
#include "unknot-run.h"

struct _UnknotRun
{
  GObject             parent_instance;

  GtkApplication     *application;    /* not referenced: it owns this object */
  UnknotCatalogue    *catalogue;
  UnknotClock        *clock;
  UnknotCueScheduler *scheduler;
  UnknotMpris        *mpris;
  UnknotSession      *session;
  int                 preparation;    /* seconds of get-ready; -1: the routine's own */
  UnknotJournal      *journal;        /* opened when first needed */
  UnknotJournalRecorder *recorder;    /* the session's record, to its end or the next start */
  int                 pain_before;    /* for the next start, or UNKNOT_PAIN_NONE */
  gboolean            said_journal_error;

  guint               inhibit_cookie;
  guint               close_player_id;   /* on self->clock */
  gboolean            preview_opened;    /* the player was opened for a preview */
  gboolean            warm;              /* the player is kept open for a Start to come */
  gboolean            said_player_error;
  guint               notify_watch[2];
  gboolean            notify_owned[2];
};

G_DEFINE_FINAL_TYPE (UnknotRun, unknot_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_CATALOGUE,
  PROP_CLOCK,
  PROP_SESSION,
  PROP_PREPARATION,
  N_PROPS
};

enum {
  FINISHED,
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The desktop's notification services: the end of a routine is told only when one is there
 * (GLib warns when it sends to none). Watched from the start, so the finish asks nothing of the
 * bus. */
static const char * const notification_services[] = {
  "org.gtk.Notifications", "org.freedesktop.Notifications",
};

static void
report_error (UnknotRun  *self,
              const char *message)
{
  g_signal_emit (self, signals[ERROR], 0, message);
}

static void
release_inhibit (UnknotRun *self)
{
  if (self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (self->application, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

static void
cancel_close_player (UnknotRun *self)
{
  if (self->close_player_id != 0)
    {
      unknot_clock_cancel (self->clock, self->close_player_id);
      self->close_player_id = 0;
    }
}

static void
close_player_cb (gpointer data)
{
  UnknotRun *self = data;

  self->close_player_id = 0;
  if (self->session == NULL || unknot_session_get_state (self->session) == UNKNOT_SESSION_FINISHED)
    {
      unknot_cue_scheduler_set_session (self->scheduler, NULL);
      unknot_cue_player_close (unknot_cue_scheduler_get_player (self->scheduler));
    }
}

/* Whether a notification service is there to send to (GLib warns when there is none). */
gboolean
unknot_run_can_notify (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (self->notify_owned); i++)
    if (self->notify_owned[i])
      return TRUE;
  return FALSE;
}

static void
notify_finished (UnknotRun *self)
{
  GtkWindow *window = gtk_application_get_active_window (self->application);
  g_autoptr(GNotification) notification = NULL;
  UnknotRoutine *routine = unknot_session_get_routine (self->session);

  /* A person looking at the window sees the finish page; one away from it is told. */
  if ((window != NULL && gtk_window_is_active (window)) || !unknot_run_can_notify (self))
    return;

  notification = g_notification_new (_("Routine complete"));
  g_notification_set_body (notification, unknot_routine_get_display_name (routine));
  g_application_send_notification (G_APPLICATION (self->application), "routine-finished",
                                   notification);
}

static void
on_session_state_changed (UnknotRun     *self,
                          GParamSpec    *pspec,
                          UnknotSession *session)
{
  switch (unknot_session_get_state (session))
    {
    case UNKNOT_SESSION_PREPARING:
    case UNKNOT_SESSION_RUNNING:
    case UNKNOT_SESSION_PAUSED:
    case UNKNOT_SESSION_WAITING:
      if (self->inhibit_cookie == 0)
        self->inhibit_cookie =
          gtk_application_inhibit (self->application,
                                   gtk_application_get_active_window (self->application),
                                   GTK_APPLICATION_INHIBIT_IDLE | GTK_APPLICATION_INHIBIT_SUSPEND,
                                   _("A massage routine is running"));
      break;

    case UNKNOT_SESSION_FINISHED:
      release_inhibit (self);
      g_signal_emit (self, signals[FINISHED], 0, session);
      notify_finished (self);
      cancel_close_player (self);
      self->close_player_id =
        unknot_clock_schedule (self->clock,
                               unknot_clock_now (self->clock)
                               + UNKNOT_CLOSE_PLAYER_AFTER * G_USEC_PER_SEC,
                               close_player_cb, self);
      break;

    case UNKNOT_SESSION_READY:
    default:
      release_inhibit (self);
      break;
    }
}

/* Once a routine runs, Unknot stays open for its length and redraws every second. From then on,
 * blocks of 64 KiB and more (the image surfaces of each redraw, sound buffers, announcements)
 * come straight from the system and go back to it when freed, instead of staying in the heap,
 * and the heap gives its free top back sooner: 3.5 MiB less at the peak of a routine. Not from
 * the start, where the extra system calls cost the first frame a few milliseconds. */
static void
settle_malloc_for_routine (void)
{
#ifdef __GLIBC__
  static gsize done;

  if (g_once_init_enter (&done))
    {
      mallopt (M_MMAP_THRESHOLD, 64 * 1024);
      mallopt (M_TRIM_THRESHOLD, 64 * 1024);
      g_once_init_leave (&done, 1);
    }
#endif
}

/* Opens the cue player if it is not; a failure is said once, and the routine runs on silent, to
 * be followed by eye. */
static gboolean
ensure_player (UnknotRun *self)
{
  UnknotCuePlayer *player = unknot_cue_scheduler_get_player (self->scheduler);
  g_autoptr(GError) error = NULL;

  if (unknot_cue_player_is_open (player) || unknot_cue_player_open (player, &error))
    return TRUE;

  if (!self->said_player_error)
    {
      self->said_player_error = TRUE;
      report_error (self, error->message);
    }
  return FALSE;
}

/* A journal that cannot be opened or written is said once; the routine goes on. */
static void
report_journal_error (UnknotRun    *self,
                      const GError *error)
{
  g_autofree char *message = NULL;

  g_message ("%s", error->message);
  if (self->said_journal_error)
    return;
  self->said_journal_error = TRUE;
  /* Translators: %s says why, such as "The journal “…” could not be written: disk is full" */
  message = g_strdup_printf (_("%s. The routine goes on, but it may be missing from your "
                               "history."), error->message);
  report_error (self, message);
}

static void
on_recorder_error (UnknotRun             *self,
                   const GError          *error,
                   UnknotJournalRecorder *recorder)
{
  report_journal_error (self, error);
}

/**
 * unknot_run_get_journal:
 *
 * The person's journal, opened the first time it is asked for (a journal that could not be read
 * is moved aside then, and the person told through the "error" signal).
 *
 * Returns: (transfer none) (nullable): the journal, or %NULL when it cannot be opened (said
 * once)
 */
UnknotJournal *
unknot_run_get_journal (UnknotRun *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *moved = NULL;

  g_return_val_if_fail (UNKNOT_IS_RUN (self), NULL);

  if (self->journal != NULL)
    return self->journal;

  path = unknot_journal_get_default_path ();
  self->journal = unknot_journal_open (path, UNKNOT_JOURNAL_OPEN_DEFAULT, &error);
  if (self->journal == NULL)
    report_journal_error (self, error);
  else if ((moved = unknot_journal_describe_moved_aside (self->journal)) != NULL)
    report_error (self, moved);
  return self->journal;
}

/* Starts the journal's record of the session that has just started. */
static void
start_record (UnknotRun *self)
{
  UnknotJournal *journal = unknot_run_get_journal (self);

  if (journal == NULL)
    return;
  self->recorder = unknot_journal_recorder_new (journal, self->session, self->clock,
                                                self->pain_before);
  g_signal_connect_object (self->recorder, "error", G_CALLBACK (on_recorder_error), self,
                           G_CONNECT_SWAPPED);
}

static void
end_record (UnknotRun *self)
{
  if (self->recorder == NULL)
    return;
  unknot_journal_recorder_end (self->recorder);
  g_signal_handlers_disconnect_by_data (self->recorder, self);
  g_clear_object (&self->recorder);
}

/* Ends the session, if any; @close_player: the player too (not when another routine starts at
 * once: it would be opened again). */
static void
end_session (UnknotRun *self,
             gboolean   close_player)
{
  g_autoptr(UnknotSession) session = g_steal_pointer (&self->session);

  cancel_close_player (self);
  release_inhibit (self);
  end_record (self);
  if (session == NULL)
    return;

  g_signal_handlers_disconnect_by_data (session, self);
  unknot_session_stop (session);
  unknot_cue_scheduler_set_session (self->scheduler, NULL);
  if (close_player)
    {
      unknot_cue_player_close (unknot_cue_scheduler_get_player (self->scheduler));
      self->preview_opened = FALSE;
    }
  if (self->mpris != NULL)
    unknot_mpris_set_session (self->mpris, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * unknot_run_start:
 *
 * Starts @routine, ending whatever ran before. The "session" property changes before the session
 * starts, so windows show the player before the first cue.
 */
void
unknot_run_start (UnknotRun     *self,
                  UnknotRoutine *routine)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));

  /* One change of "session", from the old one to the new. */
  g_object_freeze_notify (G_OBJECT (self));
  end_session (self, FALSE);
  settle_malloc_for_routine ();

  self->session = unknot_session_new (routine, self->clock);
  if (self->preparation >= 0)
    unknot_session_set_preparation (self->session, (guint) self->preparation);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_state_changed),
                           self, G_CONNECT_SWAPPED);

  ensure_player (self);
  unknot_cue_scheduler_set_session (self->scheduler, self->session);
  if (self->mpris != NULL)
    unknot_mpris_set_session (self->mpris, self->session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  g_object_thaw_notify (G_OBJECT (self));

  unknot_session_start (self->session);
  /* After the start, so the first cue is on its way before the journal is written. */
  start_record (self);
  self->pain_before = UNKNOT_PAIN_NONE;
}

/* The answer to "How does your back feel?" before the next start (0-10, or UNKNOT_PAIN_NONE). */
void
unknot_run_set_pain_before (UnknotRun *self,
                            int        pain)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));
  self->pain_before = CLAMP (pain, UNKNOT_PAIN_NONE, UNKNOT_PAIN_MAX);
}

/* The answer after the run, kept with the session's record (from the finish page). */
void
unknot_run_set_pain_after (UnknotRun *self,
                           int        pain)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));
  if (self->recorder != NULL)
    unknot_journal_recorder_set_pain_after (self->recorder, pain);
}

void
unknot_run_set_note (UnknotRun  *self,
                     const char *note)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));
  if (self->recorder != NULL)
    unknot_journal_recorder_set_note (self->recorder, note);
}

/**
 * unknot_run_get_journal_entry:
 *
 * Returns: (transfer none) (nullable): the journal's record of the current session as last
 * written, or %NULL when there is none (no session, or no journal)
 */
const UnknotJournalEntry *
unknot_run_get_journal_entry (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), NULL);
  return self->recorder != NULL ? unknot_journal_recorder_get_entry (self->recorder) : NULL;
}

/* Stops the routine and closes the player: nothing runs or sounds afterwards. */
void
unknot_run_stop (UnknotRun *self)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));
  end_session (self, TRUE);
}

/**
 * unknot_run_preview_step:
 *
 * Plays how @step of @routine (the editor's, edits and all) will sound. The player is opened for
 * it when no routine has it open, and closed by unknot_run_end_preview().
 */
void
unknot_run_preview_step (UnknotRun     *self,
                         UnknotRoutine *routine,
                         UnknotStep    *step)
{
  UnknotCuePlayer *player;

  g_return_if_fail (UNKNOT_IS_RUN (self));
  g_return_if_fail (UNKNOT_IS_ROUTINE (routine));
  g_return_if_fail (UNKNOT_IS_STEP (step));

  player = unknot_cue_scheduler_get_player (self->scheduler);
  if (!unknot_cue_player_is_open (player))
    {
      if (!ensure_player (self))
        return;
      self->preview_opened = TRUE;
    }
  unknot_cue_scheduler_preview_step (self->scheduler, routine, step);
}

/* The editor is left: a player opened for previews is closed, unless a routine now uses it. */
void
unknot_run_end_preview (UnknotRun *self)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));

  if (self->preview_opened && self->session == NULL && !self->warm)
    unknot_cue_player_close (unknot_cue_scheduler_get_player (self->scheduler));
  self->preview_opened = FALSE;
}

/* While a routine's page is shown (@warm TRUE), the player is kept open, so Start sounds at once
 * instead of waiting for a new output to start; leaving for the library (@warm FALSE) closes it
 * unless a routine is running, so an idle window costs no audio thread. */
void
unknot_run_warm_player (UnknotRun *self,
                        gboolean   warm)
{
  UnknotCuePlayer *player;

  g_return_if_fail (UNKNOT_IS_RUN (self));

  player = unknot_cue_scheduler_get_player (self->scheduler);
  if (warm)
    {
      /* Said once like any failure to open, and Start tries again. */
      self->warm = unknot_cue_player_is_open (player) || ensure_player (self);
      return;
    }
  if (self->warm && self->session == NULL)
    {
      unknot_cue_player_close (player);
      self->preview_opened = FALSE;
    }
  self->warm = FALSE;
}

/* Whether the player is open and kept so for a Start to come. */
gboolean
unknot_run_is_player_warm (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), FALSE);
  return self->warm && unknot_cue_player_is_open (unknot_cue_scheduler_get_player (self->scheduler));
}

UnknotSession *
unknot_run_get_session (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), NULL);
  return self->session;
}

UnknotClock *
unknot_run_get_clock (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), NULL);
  return self->clock;
}

UnknotCueScheduler *
unknot_run_get_scheduler (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), NULL);
  return self->scheduler;
}

/* TRUE while a routine runs, is paused, waits before a step or counts down to its start (not once it finished). */
gboolean
unknot_run_is_active (UnknotRun *self)
{
  UnknotSessionState state;

  g_return_val_if_fail (UNKNOT_IS_RUN (self), FALSE);

  if (self->session == NULL)
    return FALSE;
  state = unknot_session_get_state (self->session);
  return state == UNKNOT_SESSION_PREPARING || state == UNKNOT_SESSION_RUNNING
         || state == UNKNOT_SESSION_PAUSED || state == UNKNOT_SESSION_WAITING;
}

/* The get-ready time given to routines started from now on; -1: each routine's own. */
void
unknot_run_set_preparation (UnknotRun *self,
                            int        seconds)
{
  g_return_if_fail (UNKNOT_IS_RUN (self));

  seconds = MAX (seconds, -1);
  if (self->preparation == seconds)
    return;
  self->preparation = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARATION]);
}

int
unknot_run_get_preparation (UnknotRun *self)
{
  g_return_val_if_fail (UNKNOT_IS_RUN (self), -1);
  return self->preparation;
}

static void
on_notification_service_appeared (GDBusConnection *connection,
                                  const char      *name,
                                  const char      *owner,
                                  gpointer         data)
{
  UnknotRun *self = data;

  for (guint i = 0; i < G_N_ELEMENTS (notification_services); i++)
    if (g_str_equal (name, notification_services[i]))
      self->notify_owned[i] = TRUE;
}

static void
on_notification_service_vanished (GDBusConnection *connection,
                                  const char      *name,
                                  gpointer         data)
{
  UnknotRun *self = data;

  for (guint i = 0; i < G_N_ELEMENTS (notification_services); i++)
    if (g_str_equal (name, notification_services[i]))
      self->notify_owned[i] = FALSE;
}

static void
on_player_error (UnknotRun *self,
                 GError    *error,
                 GObject   *source)
{
  report_error (self, error->message);
}

static void
unknot_run_constructed (GObject *object)
{
  UnknotRun *self = (UnknotRun *) object;
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self->application));
  g_autoptr(UnknotCuePlayer) player = unknot_cue_player_new ();

  G_OBJECT_CLASS (unknot_run_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = g_object_ref (unknot_clock_get_system ());
  self->scheduler = unknot_cue_scheduler_new (player, self->catalogue);
  g_signal_connect_object (player, "error", G_CALLBACK (on_player_error), self,
                           G_CONNECT_SWAPPED);
  /* A routine's own sound that cannot be played (said once a session; the chime plays). */
  g_signal_connect_object (self->scheduler, "error", G_CALLBACK (on_player_error), self,
                           G_CONNECT_SWAPPED);

  if (bus != NULL)
    {
      self->mpris = unknot_mpris_new (bus, self->catalogue, G_APPLICATION (self->application));
      for (guint i = 0; i < G_N_ELEMENTS (notification_services); i++)
        self->notify_watch[i] =
          g_bus_watch_name_on_connection (bus, notification_services[i],
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          on_notification_service_appeared,
                                          on_notification_service_vanished, self, NULL);
    }
}

static void
unknot_run_dispose (GObject *object)
{
  UnknotRun *self = (UnknotRun *) object;

  if (self->scheduler != NULL)
    end_session (self, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (self->notify_watch); i++)
    g_clear_handle_id (&self->notify_watch[i], g_bus_unwatch_name);
  end_record (self);
  g_clear_object (&self->journal);
  g_clear_object (&self->mpris);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (unknot_run_parent_class)->dispose (object);
}

static void
unknot_run_finalize (GObject *object)
{
  UnknotRun *self = (UnknotRun *) object;

  g_clear_object (&self->catalogue);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (unknot_run_parent_class)->finalize (object);
}

static void
unknot_run_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  UnknotRun *self = UNKNOT_RUN (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_CATALOGUE:
      g_value_set_object (value, self->catalogue);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PREPARATION:
      g_value_set_int (value, self->preparation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_run_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  UnknotRun *self = UNKNOT_RUN (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_get_object (value);
      break;
    case PROP_CATALOGUE:
      self->catalogue = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_PREPARATION:
      unknot_run_set_preparation (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_run_class_init (UnknotRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = unknot_run_constructed;
  object_class->dispose = unknot_run_dispose;
  object_class->finalize = unknot_run_finalize;
  object_class->get_property = unknot_run_get_property;
  object_class->set_property = unknot_run_set_property;

  properties[PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, GTK_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATALOGUE] =
    g_param_spec_object ("catalogue", NULL, NULL, UNKNOT_TYPE_CATALOGUE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The system's clock by default; tests give a fake one and move it on themselves. */
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, UNKNOT_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UNKNOT_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREPARATION] =
    g_param_spec_int ("preparation", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UnknotRun::finished:
   *
   * The running routine has just reached its end (once per session: not for a window that shows
   * a session that had already finished).
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, UNKNOT_TYPE_SESSION);

  /**
   * UnknotRun::error:
   *
   * Something the person should know, in words for them: the sound could not be opened (said
   * once; the routine runs on silent), a routine's sound could not be played.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
unknot_run_init (UnknotRun *self)
{
  self->preparation = -1;
  self->pain_before = UNKNOT_PAIN_NONE;
}

UnknotRun *
unknot_run_new (GtkApplication  *application,
                UnknotCatalogue *catalogue,
                UnknotClock     *clock)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (UNKNOT_IS_CATALOGUE (catalogue), NULL);
  g_return_val_if_fail (clock == NULL || UNKNOT_IS_CLOCK (clock), NULL);

  return g_object_new (UNKNOT_TYPE_RUN,
                       "application", application,
                       "catalogue", catalogue,
                       "clock", clock,
                       NULL);
}
