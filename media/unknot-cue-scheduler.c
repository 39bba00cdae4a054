/* unknot-cue-scheduler.c
 *
 * Turns a session's cues into sounds and words. The cue the session will give next is placed on
 * the player ahead of time, at its exact boundary, with its announcement rendered in advance;
 * when the session then gives it, nothing more is done. A cue nobody could foresee (a skip, a
 * restart) plays at once.
 *
 * Each cue's words come in forms, longest first (a step's announcement with its instructions,
 * without them, its technique alone); the player says the first that ends before the session's
 * next cue (unknot_session_get_cue_room()), so nothing said is cut or overlapped. The get-ready
 * words are rendered as soon as the session is set, and the countdown is lengthened to hold
 * them (unknot_session_make_room()).
 *
 * A routine's own sound file that cannot be played is said once per session through "error",
 * and the chime plays in its place. The routine's own sounds are loaded by the player in the
 * background as the session is set; a cue whose sound is still loading waits for it (placed
 * ahead, it is placed again once it is there; given already, it plays when the sound comes, if
 * that is within SOUND_LATE_USEC of it).
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
  gboolean         instructions;
  gboolean         ticks;

  gboolean         has_upcoming;
  UnknotCueKind    up_kind;
  int              up_step;
  guint            up_value;
  gint64           up_due;
  guint            up_tag;
  guint            current_tag;
  GHashTable      *failed_sounds;   /* names said to be unplayable during this session */

  /* Cues whose own sound is still loading: the sound's name, or NULL. */
  char            *up_waiting;
  char            *current_waiting;
  UnknotCueKind    current_kind;
  int              current_step;
  guint            current_value;
  gint64           current_given;   /* monotonic time it was given */
  char            *preview_waiting;
  UnknotRoutine   *preview_routine;
  UnknotStep      *preview_step;
};

#define SOUND_LATE_USEC (G_USEC_PER_SEC / 2)   /* a sound later than this after its cue is left out */

G_DEFINE_FINAL_TYPE (UnknotCueScheduler, unknot_cue_scheduler, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SPEAK,
  PROP_INSTRUCTIONS,
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

/* "announcement. words", or NULL without words. */
static char *
with_words (const char *announcement,
            const char *words)
{
  return words != NULL && *words != '\0' ? g_strconcat (announcement, " ", words, NULL) : NULL;
}

static void
take_form (GPtrArray *forms,
           char      *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (forms, text);
  else
    g_free (text);
}

/**
 * unknot_cue_scheduler_describe_cue_forms:
 * @sound: (out): the sound to play, or %NULL
 *
 * Returns: (transfer full) (nullable): the words that may be said, longest first (the first
 *   that fits in the cue's room is said), or %NULL when nothing is said
 */
char **
unknot_cue_scheduler_describe_cue_forms (UnknotCueScheduler *self,
                                         UnknotCueKind       kind,
                                         int                 step_index,
                                         guint               value,
                                         const char        **sound)
{
  UnknotRoutine *routine = unknot_session_get_routine (self->session);
  UnknotStep *step = step_index >= 0 ? unknot_routine_get_step (routine, step_index) : NULL;
  gboolean speak = self->speak && (step == NULL || unknot_step_get_cue_speak (step));
  GPtrArray *forms = g_ptr_array_new_with_free_func (g_free);

  *sound = NULL;

  switch (kind)
    {
    case UNKNOT_CUE_GET_READY:
      *sound = "soft";
      if (speak)
        take_form (forms, unknot_speech_for_get_ready (
                                      routine, unknot_routine_get_step (routine, 0),
                                      self->catalogue));
      break;

    case UNKNOT_CUE_STEP_START:
      {
        UnknotSide side = unknot_step_get_side (step);
        g_autofree char *announcement = NULL;

        if (side == UNKNOT_SIDE_BOTH)
          side = UNKNOT_SIDE_LEFT;
        *sound = unknot_step_get_cue_sound (step);
        if (!speak)
          break;
        announcement = unknot_speech_for_step (routine, step, side, self->catalogue);
        if (self->instructions)
          {
            take_form (forms, with_words (announcement,
                                          unknot_step_get_display_instructions (
                                            step, routine, side, self->catalogue)));
          }
        take_form (forms, g_strdup (announcement));
        take_form (forms, unknot_speech_for_step_short (step, self->catalogue));
        break;
      }

    case UNKNOT_CUE_SWITCH_SIDES:
      {
        g_autofree char *announcement = NULL;

        *sound = "switch";
        if (!speak)
          break;
        announcement = unknot_speech_for_switch (value);
        /* The words again only when the second side has its own. */
        if (self->instructions && *unknot_step_get_second_instructions (step) != '\0')
          take_form (forms, with_words (announcement,
                                                  unknot_step_get_display_instructions (
                                                    step, routine, value, self->catalogue)));
        take_form (forms, g_strdup (announcement));
        break;
      }

    case UNKNOT_CUE_HOLD:
      *sound = unknot_step_get_cue_sound (step);
      if (speak)
        take_form (forms, unknot_speech_for_hold (step, self->catalogue));
      break;

    case UNKNOT_CUE_TICK:
      *sound = self->ticks ? "tick" : NULL;
      break;

    case UNKNOT_CUE_FINISH:
      *sound = "finish";
      if (self->speak)
        take_form (forms, unknot_speech_for_finish (routine));
      break;

    default:
      g_ptr_array_unref (forms);
      g_return_val_if_reached (NULL);
    }

  if (forms->len == 0)
    {
      g_ptr_array_unref (forms);
      return NULL;
    }
  g_ptr_array_set_free_func (forms, NULL);
  g_ptr_array_add (forms, NULL);
  return (char **) g_ptr_array_free (forms, FALSE);
}

/**
 * unknot_cue_scheduler_describe_cue:
 * @sound: (out): the sound to play, or %NULL
 *
 * Returns: (transfer full) (nullable): the longest words the cue may say, or %NULL when nothing
 *   is said
 */
char *
unknot_cue_scheduler_describe_cue (UnknotCueScheduler *self,
                                   UnknotCueKind       kind,
                                   int                 step_index,
                                   guint               value,
                                   const char        **sound)
{
  g_auto(GStrv) forms = unknot_cue_scheduler_describe_cue_forms (self, kind, step_index, value,
                                                                 sound);

  return forms != NULL ? g_strdup (forms[0]) : NULL;
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

/* Plays the cue at @when; when its own sound is still loading, plays nothing yet and returns
 * that sound's name in @waiting. */
static guint
play_cue (UnknotCueScheduler  *self,
          UnknotCueKind        kind,
          int                  step,
          guint                value,
          gint64               when,
          char               **waiting)
{
  g_autoptr(GBytes) pcm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = routine_dir (unknot_session_get_routine (self->session));
  g_auto(GStrv) forms = NULL;
  const char *sound = NULL;
  gint64 room = -1;

  forms = unknot_cue_scheduler_describe_cue_forms (self, kind, step, value, &sound);
  /* One that failed is not decoded again at every cue. */
  if (sound != NULL && !g_hash_table_contains (self->failed_sounds, sound))
    pcm = unknot_cue_player_get_sound (self->player, sound, dir, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      *waiting = g_strdup (sound);
      return 0;
    }
  if (sound != NULL && pcm == NULL
      && (error != NULL || g_hash_table_contains (self->failed_sounds, sound)))
    {
      /* A routine's own sound file that cannot be read: the default chime says it instead. */
      if (error != NULL)
        report_sound_error (self, sound, step, error);
      pcm = unknot_cue_player_get_sound (self->player, "chime", NULL, NULL);
    }

  if (pcm == NULL && forms == NULL)
    return 0;
  /* The get-ready countdown is made long enough for its words instead (make_room). */
  if (kind == UNKNOT_CUE_STEP_START || kind == UNKNOT_CUE_SWITCH_SIDES)
    room = unknot_session_get_cue_room (self->session, kind, step, value, self->ticks);
  return unknot_cue_player_play_fitted (self->player, pcm, (const char * const *) forms, when,
                                        room);
}

static void
prepare_forms (UnknotCueScheduler *self,
               UnknotCueKind       kind,
               int                 step,
               guint               value)
{
  const char *sound;
  g_auto(GStrv) forms = unknot_cue_scheduler_describe_cue_forms (self, kind, step, value, &sound);

  for (guint i = 0; forms != NULL && forms[i] != NULL; i++)
    unknot_cue_player_prepare_speech (self->player, forms[i]);
}

/* Once the get-ready words are rendered, the countdown is made long enough for them. */
static void
fit_get_ready (UnknotCueScheduler *self)
{
  g_auto(GStrv) forms = NULL;
  g_autoptr(GBytes) pcm = NULL;
  const char *sound;
  gint64 end;

  if (self->session == NULL)
    return;
  forms = unknot_cue_scheduler_describe_cue_forms (self, UNKNOT_CUE_GET_READY, -1, 0, &sound);
  if (forms == NULL)
    return;
  pcm = unknot_cue_player_get_sound (self->player, sound, NULL, NULL);
  end = unknot_cue_player_get_words_end (self->player, pcm, forms[0]);
  if (end < 0)
    {
      unknot_cue_player_prepare_speech (self->player, forms[0]);
      return;
    }
  /* With the margin the player keeps before the next cue. */
  unknot_session_make_room (self->session, end + G_USEC_PER_SEC / 10, self->ticks);
}

/* Renders the announcement of step @index ahead of its boundary. */
static void
prepare_step (UnknotCueScheduler *self,
              int                 index)
{
  UnknotRoutine *routine = unknot_session_get_routine (self->session);
  UnknotStep *step;

  if (index < 0 || (guint) index >= unknot_routine_get_n_steps (routine))
    return;

  step = unknot_routine_get_step (routine, index);
  if (unknot_step_get_hold (step))
    prepare_forms (self, UNKNOT_CUE_HOLD, index, 0);
  prepare_forms (self, UNKNOT_CUE_STEP_START, index, 0);
  if (unknot_step_get_side (step) == UNKNOT_SIDE_BOTH && !unknot_step_is_rest (step))
    prepare_forms (self, UNKNOT_CUE_SWITCH_SIDES, index, UNKNOT_SIDE_RIGHT);
}

static void
cancel_upcoming (UnknotCueScheduler *self)
{
  if (self->has_upcoming)
    unknot_cue_player_cancel (self->player, self->up_tag);
  self->has_upcoming = FALSE;
  self->up_tag = 0;
  g_clear_pointer (&self->up_waiting, g_free);
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
  self->up_tag = play_cue (self, kind, step, value, due, &self->up_waiting);
}

/* The cue just given, played now (or once its sound is there). */
static void
play_current (UnknotCueScheduler *self,
              UnknotCueKind       kind,
              int                 step,
              guint               value)
{
  g_clear_pointer (&self->current_waiting, g_free);
  self->current_kind = kind;
  self->current_step = step;
  self->current_value = value;
  self->current_given = g_get_monotonic_time ();
  self->current_tag = play_cue (self, kind, step, value, 0, &self->current_waiting);
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
          /* Still waiting for its sound: it plays when that comes. */
          g_free (self->current_waiting);
          self->current_waiting = g_steal_pointer (&self->up_waiting);
          self->current_kind = kind;
          self->current_step = step;
          self->current_value = value;
          self->current_given = g_get_monotonic_time ();
        }
      self->has_upcoming = FALSE;
      g_clear_pointer (&self->up_waiting, g_free);
    }
  else
    {
      cancel_upcoming (self);
      if (kind != UNKNOT_CUE_TICK)
        {
          /* A new step silences what was still being said about the old one. */
          unknot_cue_player_cancel (self->player, self->current_tag);
          play_current (self, kind, step, value);
        }
      else
        {
          g_autofree char *ignored = NULL;   /* ticks are bundled sounds: never loading */

          play_cue (self, kind, step, value, 0, &ignored);
        }
    }

  if (kind == UNKNOT_CUE_GET_READY)
    prepare_step (self, 0);
  else if (kind == UNKNOT_CUE_STEP_START)
    prepare_step (self, step + 1);
  else if (kind == UNKNOT_CUE_HOLD)
    prepare_step (self, step);   /* its words, for when the person goes on */

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
      g_clear_pointer (&self->current_waiting, g_free);
      break;

    case UNKNOT_SESSION_WAITING:
      /* Nothing comes by itself; what the hold says goes on being said. */
      cancel_upcoming (self);
      break;

    case UNKNOT_SESSION_FINISHED:
    default:
      break;
    }
}

/* A routine's own sound has been read and decoded, or refused: the cues waiting for it play. */
static void
on_sound_loaded (UnknotCueScheduler *self,
                 const char         *name,
                 const char         *base_dir,
                 const GError       *error,
                 UnknotCuePlayer    *player)
{
  if (self->preview_waiting != NULL && g_str_equal (self->preview_waiting, name))
    {
      g_autoptr(UnknotRoutine) routine = g_steal_pointer (&self->preview_routine);
      g_autoptr(UnknotStep) step = g_steal_pointer (&self->preview_step);
      g_autofree char *dir = routine_dir (routine);

      g_clear_pointer (&self->preview_waiting, g_free);
      /* A preview's sound that cannot be played is left out, as before: the words are heard. */
      if (g_strcmp0 (dir, base_dir) == 0)
        {
          if (error != NULL)
            {
              g_autofree char *text = NULL;

              if (self->speak && unknot_step_get_cue_speak (step))
                text = unknot_speech_for_step (routine, step, UNKNOT_SIDE_LEFT, self->catalogue);
              unknot_cue_player_cancel (self->player, self->current_tag);
              self->current_tag = unknot_cue_player_play (self->player, NULL, text, 0);
            }
          else
            unknot_cue_scheduler_preview_step (self, routine, step);
        }
    }

  if (self->session != NULL)
    {
      UnknotRoutine *routine = unknot_session_get_routine (self->session);
      g_autofree char *dir = routine_dir (routine);

      if (g_strcmp0 (dir, base_dir) != 0)
        return;

      if (error != NULL && !g_hash_table_contains (self->failed_sounds, name))
        {
          int first = -1;

          for (guint i = 0; i < unknot_routine_get_n_steps (routine) && first < 0; i++)
            if (g_strcmp0 (unknot_step_get_cue_sound (unknot_routine_get_step (routine, i)),
                           name) == 0)
              first = (int) i;
          if (first >= 0)
            report_sound_error (self, name, first, error);
        }

      if (self->has_upcoming && g_strcmp0 (self->up_waiting, name) == 0)
        schedule_upcoming (self);

      if (g_strcmp0 (self->current_waiting, name) == 0)
        {
          g_clear_pointer (&self->current_waiting, g_free);
          if (g_get_monotonic_time () - self->current_given < SOUND_LATE_USEC)
            play_current (self, self->current_kind, self->current_step, self->current_value);
        }
    }
}

static void
on_speech_ready (UnknotCueScheduler *self,
                 const char         *text,
                 UnknotCuePlayer    *player)
{
  const char *sound;
  g_autofree char *get_ready = NULL;

  if (self->session == NULL)
    return;
  get_ready = unknot_cue_scheduler_describe_cue (self, UNKNOT_CUE_GET_READY, -1, 0, &sound);
  if (g_strcmp0 (text, get_ready) == 0)
    {
      fit_get_ready (self);
      /* A countdown already running moved its end: the cue placed on it moves too. */
      if (self->has_upcoming)
        schedule_upcoming (self);
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
  g_clear_pointer (&self->current_waiting, g_free);

  if (session != NULL)
    {
      UnknotRoutine *routine = unknot_session_get_routine (session);
      g_autofree char *dir = routine_dir (routine);

      /* The routine's own sounds are read and decoded now, in the background, in step order. */
      for (guint i = 0; i < unknot_routine_get_n_steps (routine); i++)
        {
          const char *sound = unknot_step_get_cue_sound (unknot_routine_get_step (routine, i));

          if (sound != NULL && !unknot_cue_sound_is_bundled (sound))
            unknot_cue_player_load_sound (self->player, sound, dir);
        }

      g_signal_connect_object (session, "cue", G_CALLBACK (on_cue), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::state", G_CALLBACK (on_state_changed), self,
                               G_CONNECT_SWAPPED);
      /* The first words are ready before the person presses Start, and the countdown is long
       * enough for its own. */
      fit_get_ready (self);
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

  fit_get_ready (self);
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
  g_autoptr(GError) error = NULL;
  UnknotSide side;

  g_return_if_fail (UNKNOT_IS_CUE_SCHEDULER (self));

  side = unknot_step_get_side (step) == UNKNOT_SIDE_BOTH ? UNKNOT_SIDE_LEFT
                                                         : unknot_step_get_side (step);
  dir = routine_dir (routine);
  g_clear_pointer (&self->preview_waiting, g_free);
  g_clear_object (&self->preview_routine);
  g_clear_object (&self->preview_step);
  pcm = unknot_cue_player_get_sound (self->player, unknot_step_get_cue_sound (step), dir, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      /* Heard once the sound is there (on_sound_loaded). */
      self->preview_waiting = g_strdup (unknot_step_get_cue_sound (step));
      self->preview_routine = g_object_ref (routine);
      self->preview_step = g_object_ref (step);
      return;
    }
  if (self->speak && unknot_step_get_cue_speak (step))
    {
      g_autofree char *announcement = unknot_speech_for_step (routine, step, side,
                                                              self->catalogue);

      text = self->instructions
             ? with_words (announcement, unknot_step_get_display_instructions (step, routine, side,
                                                                               self->catalogue))
             : NULL;
      if (text == NULL)
        text = g_steal_pointer (&announcement);
    }

  unknot_cue_player_cancel (self->player, self->current_tag);
  self->current_tag = unknot_cue_player_play (self->player, pcm, text, 0);
}

static void
unknot_cue_scheduler_dispose (GObject *object)
{
  UnknotCueScheduler *self = (UnknotCueScheduler *) object;

  unknot_cue_scheduler_set_session (self, NULL);
  if (self->player != NULL)
    g_signal_handlers_disconnect_by_data (self->player, self);
  g_clear_object (&self->player);
  g_clear_object (&self->preview_routine);
  g_clear_object (&self->preview_step);
  g_clear_object (&self->catalogue);

  G_OBJECT_CLASS (unknot_cue_scheduler_parent_class)->dispose (object);
}

static void
unknot_cue_scheduler_finalize (GObject *object)
{
  UnknotCueScheduler *self = (UnknotCueScheduler *) object;

  g_hash_table_unref (self->failed_sounds);
  g_free (self->up_waiting);
  g_free (self->current_waiting);
  g_free (self->preview_waiting);

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
    case PROP_INSTRUCTIONS:
      g_value_set_boolean (value, self->instructions);
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
    case PROP_INSTRUCTIONS:
      if (self->instructions != b)
        {
          self->instructions = b;
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
  /* Whether a step's instructions are said after its announcement. */
  properties[PROP_INSTRUCTIONS] = g_param_spec_boolean ("instructions", NULL, NULL, TRUE, rw);
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
  self->instructions = TRUE;
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
  g_signal_connect_object (player, "sound-loaded", G_CALLBACK (on_sound_loaded), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "speech-ready", G_CALLBACK (on_speech_ready), self,
                           G_CONNECT_SWAPPED);
  return self;
}
