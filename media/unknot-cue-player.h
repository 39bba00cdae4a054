/* unknot-cue-player.h: plays cue sounds and spoken announcements, placed on the exact boundary
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UNKNOT_CUE_RATE 48000   /* the player's sample rate: mono, signed 16 bit */
#define UNKNOT_SPEECH_CACHE_SIZE 8   /* renderings kept: the next cues' words, long and short */

#define UNKNOT_TYPE_CUE_PLAYER (unknot_cue_player_get_type ())

G_DECLARE_FINAL_TYPE (UnknotCuePlayer, unknot_cue_player, UNKNOT, CUE_PLAYER, GObject)

UnknotCuePlayer *unknot_cue_player_new             (void);
gboolean         unknot_cue_player_open            (UnknotCuePlayer *self,
                                                    GError         **error);
void             unknot_cue_player_close           (UnknotCuePlayer *self);
gint64           unknot_cue_player_get_stream_time (UnknotCuePlayer *self,
                                                    gint64           when);
gboolean         unknot_cue_player_is_open         (UnknotCuePlayer *self);
gboolean         unknot_cue_player_is_closing      (UnknotCuePlayer *self);
void             unknot_cue_player_set_volume      (UnknotCuePlayer *self,
                                                    double           volume);
double           unknot_cue_player_get_volume      (UnknotCuePlayer *self);
void             unknot_cue_player_set_voice       (UnknotCuePlayer *self,
                                                    const char      *voice);
const char      *unknot_cue_player_get_voice       (UnknotCuePlayer *self);
gboolean         unknot_cue_player_has_speech      (UnknotCuePlayer *self);
GBytes          *unknot_cue_player_get_sound       (UnknotCuePlayer *self,
                                                    const char      *name,
                                                    const char      *base_dir,
                                                    GError         **error);
void             unknot_cue_player_load_sound      (UnknotCuePlayer *self,
                                                    const char      *name,
                                                    const char      *base_dir);
void             unknot_cue_player_prepare_speech  (UnknotCuePlayer *self,
                                                    const char      *text);
gboolean         unknot_cue_player_is_speech_ready (UnknotCuePlayer *self,
                                                    const char      *text);
gboolean         unknot_cue_player_is_rendering    (UnknotCuePlayer *self);
char            *unknot_cue_player_describe_speech (UnknotCuePlayer *self);
guint            unknot_cue_player_play            (UnknotCuePlayer *self,
                                                    GBytes          *sound,
                                                    const char      *speech,
                                                    gint64           when);
guint            unknot_cue_player_play_fitted     (UnknotCuePlayer    *self,
                                                    GBytes             *sound,
                                                    const char * const *forms,
                                                    gint64              when,
                                                    gint64              room);
gint64           unknot_cue_player_get_words_end   (UnknotCuePlayer *self,
                                                    GBytes          *sound,
                                                    const char      *text);
void             unknot_cue_player_cancel          (UnknotCuePlayer *self,
                                                    guint            tag);
void             unknot_cue_player_cancel_all      (UnknotCuePlayer *self);
GBytes          *unknot_cue_player_decode_sound    (GBytes          *contents,
                                                    GError         **error);
gboolean         unknot_cue_player_check_sound     (GBytes          *contents,
                                                    GError         **error);
GBytes          *unknot_cue_player_render_speech   (const char      *text,
                                                    const char      *voice,
                                                    GError         **error);

G_END_DECLS
