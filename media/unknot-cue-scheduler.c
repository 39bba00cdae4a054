/* unknot-cue-scheduler.c
 *
 * Turns a session's cues into sounds and words. The cue the session will give next is placed on
 * the player ahead of time, at its exact boundary, with its announcement rendered in advance;
 * when the session then gives it, nothing more is done. A cue nobody could foresee (a skip, a
 * restart) plays at once.
 *
 * A routine's own sound file that cannot be played is said once per session through "error",
 * and the chime plays in its place.
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "unknot-media"

#include "config.h"

#include <glib/gi18n.h>

#include "unknot-cue-scheduler.h"
#include "unknot-labels.h"

struct _UnknotCueScheduler
{
  GObject          parent_instance;

  UnknotCuePlayer *player;
  UnknotCatalogue *catalogue;
  UnknotSession   *session;
  gboolean         speak;
  gboolean         ticks;

  gboolean         has_upcoming;
  UnknotCueKind    up_kind;
  int              up_step;
  guint            up_value;
  gint64           up_due;
  guint            up_tag;
  guint            current_tag;
  GHashTable      *failed_sounds;   /* names said to be unplayable during this session */
};

G_DEFINE_FINAL_TYPE (UnknotCueScheduler, unknot_cue_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SPEAK,
  PROP_TICKS,
  N_PROPS
};

enum {
  ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
routine_dir (UnknotRoutine *routine)
{
  GFile *file = unknot_routine_get_file (routine);
  g_autoptr(GFile) parent = file ? g_file_get_parent (file) : NULL;

  return parent ? g_file_get_path (parent) : NULL;
}

/**
 * unknot_cue_scheduler_describe_cue:
 * @sound: (out): the sound to play, or %NULL
 *
 * Returns: (transfer full) (nullable): the words to speak, or %NULL when nothing is said
 */
char *
unknot_cue_scheduler_describe_cue (UnknotCueScheduler *self,
                                   UnknotCueKind       kind,
                                   int                 step_index,
                                   guint               value,
                                   const char        **sound)
{
  UnknotRoutine *routine = unknot_session_get_routine (self->session);
  UnknotStep *step = step_index >= 0 ? unknot_routine_get_step (routine, step_index) : NULL;
  gboolean speak = self->speak && (step == NULL || unknot_step_get_cue_speak (step));

  *sound = NULL;

  switch (kind)
    {
    case UNKNOT_CUE_GET_READY:
      *sound = "soft";
      return speak ? unknot_speech_for_get_ready (routine, unknot_routine_get_step (routine, 0),
                                                  self->catalogue)
                   : NULL;

    case UNKNOT_CUE_STEP_START:
      {
        UnknotSide side = unknot_step_get_side (step);

        if (side == UNKNOT_SIDE_BOTH)
          side = UNKNOT_SIDE_LEFT;
        *sound = unknot_step_get_cue_sound (step);
        return speak ? unknot_speech_for_step (routine, step, side, self->catalogue) : NULL;
      }

    case UNKNOT_CUE_SWITCH_SIDES:
      *sound = "switch";
      return speak ? unknot_speech_for_switch (value) : NULL;

    case UNKNOT_CUE_TICK:
      *sound = self->ticks ? "tick" : NULL;
      return NULL;

    case UNKNOT_CUE_FINISH:
      *sound = "finish";
      return self->speak ? unknot_speech_for_finish (routine) : NULL;

    default:
      g_return_val_if_reached (NULL);
    }
}

/* Said once per sound and session: the person can do something about it (the file), and every
 * cue after that plays the chime without a word. */
static void
report_sound_error (UnknotCueScheduler *self,
                    const char         *sound,
                    int                 step,
                    const GError       *error)
{
  g_autoptr(GError) report = NULL;
  g_autofree char *reason = g_strdup (error->message);
  gsize len;

  g_hash_table_add (self->failed_sounds, g_strdup (sound));

  /* The reason goes in the middle of a sentence: without its own full stop. */
  g_strchomp (reason);
  len = strlen (reason);
  if (len > 0 && reason[len - 1] == '.')
    reason[len - 1] = '\0';

  if (step >= 0)
    report = g_error_new (UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                          /* Translators: "Step 3: the sound “gong.ogg” could not be played:
                           * Resource not found; the chime plays instead" */
                          _("Step %d: the sound “%s” could not be played: %s; the chime plays "
                            "instead"), step + 1, sound, reason);
  else
    report = g_error_new (UNKNOT_ERROR, UNKNOT_ERROR_FAILED,
                          /* Translators: the first %s is a file name, the second says why */
                          _("The sound “%s” could not be played: %s; the chime plays instead"),
                          sound, reason);
  g_message ("%s", report->message);
  g_signal_emit (self, signals[ERROR], 0, report);
}

static guint
play_cue (UnknotCueScheduler *self,
          UnknotCueKind       kind,
          int                 step,
          guint               value,
          gint64              when)
{
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = routine_dir (unknot_session_get_routine (self->session));
  g_autofree char *text = NULL;
  const char *sound = NULL;

  text = unknot_cue_scheduler_describe_cue (self, kind, step, value, &sound);
  /* One that failed is not decoded again at every cue. */
  if (sound != NULL && !g_hash_table_contains (self->failed_sounds, sound))
    pcm = unknot_cue_player_get_sound (self->player, sound, dir, &error);
  if (sound != NULL && pcm == NULL
      && (error != NULL || g_hash_table_contains (self->failed_sounds, sound)))
    {
      /* A routine's own sound file that cannot be read: the default chime says it instead. */
      if (error != NULL)
        report_sound_error (self, sound, step, error);
      pcm = unknot_cue_player_get_sound (self->player, "chime", NULL, NULL);
    }

  if (pcm == NULL && text == NULL)
    return 0;
  return unknot_cue_player_play (self->player, pcm, text, when);
}

/* Renders the announcement of step @index ahead of its boundary. */
static void
prepare_step (UnknotCueScheduler *self,
              int                 index)
{
  UnknotRoutine *routine = unknot_session_get_routine (self->session);
  g_autofree char *text = NULL;
  const char *sound;

  if (index < 0 || (guint) index >= unknot_routine_get_n_steps (routine))
    return;

  text = unknot_cue_scheduler_describe_cue (self, UNKNOT_CUE_STEP_START, index, 0, &sound);
  if (text != NULL)
    unknot_cue_player_prepare_speech (self->player, text);
}

static void
cancel_upcoming (UnknotCueScheduler *self)
{
  if (self->has_upcoming)
    unknot_cue_player_cancel (self->player, self->up_tag);
  self->has_upcoming = FALSE;
  self->up_tag = 0;
}

static void
schedule_upcoming (UnknotCueScheduler *self)
{
  UnknotCueKind kind;
  int step;
  guint value;
  gint64 due;

  cancel_upcoming (self);

  if (!unknot_session_peek_next_cue (self->session, &kind, &step, &value, &due))
    return;

  self->has_upcoming = TRUE;
  self->up_kind = kind;
  self->up_step = step;
  self->up_value = value;
  self->up_due = due;
  self->up_tag = play_cue (self, kind, step, value, due);
}

static void
on_cue (UnknotCueScheduler *self,
        UnknotCueKind       kind,
        int                 step,
        guint               value,
        gint64              due,
        UnknotSession      *session)
{
  if (self->has_upcoming && self->up_kind == kind && self->up_step == step
      && self->up_value == value && self->up_due == due)
    {
      /* Already placed on its boundary. What was still being said about the old step stops, as
       * below; forgetting its tag would also leave it sounding through a pause. */
      if (kind != UNKNOT_CUE_TICK)
        {
          if (self->current_tag != self->up_tag)
            unknot_cue_player_cancel (self->player, self->current_tag);
          self->current_tag = self->up_tag;
        }
      self->has_upcoming = FALSE;
    }
  else
    {
      cancel_upcoming (self);
      if (kind != UNKNOT_CUE_TICK)
        {
          /* A new step silences what was still being said about the old one. */
          unknot_cue_player_cancel (self->player, self->current_tag);
          self->current_tag = play_cue (self, kind, step, value, 0);
        }
      else
        play_cue (self, kind, step, value, 0);
    }

  if (kind == UNKNOT_CUE_GET_READY)
    prepare_step (self, 0);
  else if (kind == UNKNOT_CUE_STEP_START)
    prepare_step (self, step + 1);

  schedule_upcoming (self);
}

static void
on_state_changed (UnknotCueScheduler *self,
                  GParamSpec         *pspec,
                  UnknotSession      *session)
{
  switch (unknot_session_get_state (session))
    {
    case UNKNOT_SESSION_RUNNING:
    case UNKNOT_SESSION_PREPARING:
      schedule_upcoming (self);
      break;

    case UNKNOT_SESSION_PAUSED:
    case UNKNOT_SESSION_READY:
      /* Quiet at once when the person pauses or stops. */
      cancel_upcoming (self);
      unknot_cue_player_cancel (self->player, self->current_tag);
      self->current_tag = 0;
      break;

    case UNKNOT_SESSION_FINISHED:
    default:
      break;
    }
}

void
unknot_cue_scheduler_set_session (UnknotCueScheduler *self,
                                  UnknotSession      *session)
{
  g_return_if_fail (UNKNOT_IS_CUE_SCHEDULER (self));
  g_return_if_fail (session == NULL || UNKNOT_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      cancel_upcoming (self);
      unknot_cue_player_cancel_all (self->player);
    }

  g_set_object (&self->session, session);
  /* A file fixed since the last run gets its chance again. */
  g_hash_table_remove_all (self->failed_sounds);

  if (session != NULL)
    {
      g_signal_connect_object (session, "cue", G_CALLBACK (on_cue), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::state", G_CALLBACK (on_state_changed), self,
                               G_CONNECT_SWAPPED);
      /* The first words are ready before the person presses Start. */
      prepare_step (self, 0);
      schedule_upcoming (self);
    }
}

UnknotSession *
unknot_cue_scheduler_get_session (UnknotCueScheduler *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_SCHEDULER (self), NULL);
  return self->session;
}

UnknotCuePlayer *
unknot_cue_scheduler_get_player (UnknotCueScheduler *self)
{
  g_return_val_if_fail (UNKNOT_IS_CUE_SCHEDULER (self), NULL);
  return self->player;
}

/* After a change of language or voice: the cue placed ahead is said again in the new words. */
void
unknot_cue_scheduler_refresh_speech (UnknotCueScheduler *self)
{
  g_return_if_fail (UNKNOT_IS_CUE_SCHEDULER (self));

  if (self->session == NULL)
    return;

  prepare_step (self, MAX (unknot_session_get_step_index (self->session) + 1, 0));
  schedule_upcoming (self);
}

/* The editor's preview: the step's sound and announcement, now. */
void
unknot_cue_scheduler_preview_step (UnknotCueScheduler *self,
                                   UnknotRoutine      *routine,
                                   UnknotStep         *step)
{
  g_autoptr(GBytes) pcm = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = NULL;
  UnknotSide side;

  g_return_if_fail (UNKNOT_IS_CUE_SCHEDULER (self));

  side = unknot_step_get_side (step) == UNKNOT_SIDE_BOTH ? UNKNOT_SIDE_LEFT
                                                         : unknot_step_get_side (step);
  dir = routine_dir (routine);
  pcm = unknot_cue_player_get_sound (self->player, unknot_step_get_cue_sound (step), dir, NULL);
  if (self->speak && unknot_step_get_cue_speak (step))
    text = unknot_speech_for_step (routine, step, side, self->catalogue);

  unknot_cue_player_cancel (self->player, self->current_tag);
  self->current_tag = unknot_cue_player_play (self->player, pcm, text, 0);
}

static void
unknot_cue_scheduler_dispose (GObject *object)
{
  UnknotCueScheduler *self = (UnknotCueScheduler *) object;

  unknot_cue_scheduler_set_session (self, NULL);
  g_clear_object (&self->player);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (unknot_cue_scheduler_parent_class)->dispose (object);
}

static void
unknot_cue_scheduler_finalize (GObject *object)
{
  UnknotCueScheduler *self = (UnknotCueScheduler *) object;

  g_hash_table_unref (self->failed_sounds);

  G_OBJECT_CLASS (unknot_cue_scheduler_parent_class)->finalize (object);
}

static void
unknot_cue_scheduler_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  UnknotCueScheduler *self = UNKNOT_CUE_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_SPEAK:
      g_value_set_boolean (value, self->speak);
      break;
    case PROP_TICKS:
      g_value_set_boolean (value, self->ticks);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_cue_scheduler_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  UnknotCueScheduler *self = UNKNOT_CUE_SCHEDULER (object);
  gboolean b = g_value_get_boolean (value);

  switch (prop_id)
    {
    case PROP_SPEAK:
      if (self->speak != b)
        {
          self->speak = b;
          g_object_notify_by_pspec (object, pspec);
          if (self->session != NULL)
            schedule_upcoming (self);
        }
      break;
    case PROP_TICKS:
      if (self->ticks != b)
        {
          self->ticks = b;
          g_object_notify_by_pspec (object, pspec);
          if (self->session != NULL)
            schedule_upcoming (self);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
unknot_cue_scheduler_class_init (UnknotCueSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = unknot_cue_scheduler_dispose;
  object_class->finalize = unknot_cue_scheduler_finalize;
  object_class->get_property = unknot_cue_scheduler_get_property;
  object_class->set_property = unknot_cue_scheduler_set_property;

  properties[PROP_SPEAK] = g_param_spec_boolean ("speak", NULL, NULL, TRUE, rw);
  properties[PROP_TICKS] = g_param_spec_boolean ("ticks", NULL, NULL, TRUE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UnknotCueScheduler::error:
   * @error: what will not be heard, and what is heard instead, in words for the person
   *
   * A routine's own cue sound cannot be played (the chime plays instead). Emitted once per
   * sound in a session.
   */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
unknot_cue_scheduler_init (UnknotCueScheduler *self)
{
  self->speak = TRUE;
  self->ticks = TRUE;
  self->failed_sounds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

UnknotCueScheduler *
unknot_cue_scheduler_new (UnknotCuePlayer *player,
                          UnknotCatalogue *catalogue)
{
  UnknotCueScheduler *self;

  g_return_val_if_fail (UNKNOT_IS_CUE_PLAYER (player), NULL);
  g_return_val_if_fail (catalogue == NULL || UNKNOT_IS_CATALOGUE (catalogue), NULL);

  self = g_object_new (UNKNOT_TYPE_CUE_SCHEDULER, NULL);
  self->player = g_object_ref (player);
  self->catalogue = catalogue ? g_object_ref (catalogue) : NULL;
  return self;
}
