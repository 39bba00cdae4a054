/* unknot-sound-file.h: a routine's own sound files, opened as data from someone else
 *
 * Copyright 2026 The Unknot developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "unknot-routine.h"

G_BEGIN_DECLS

/* The limits on a routine's own sounds, in one place. A cue is a few seconds long: a longer
 * file is refused, never decoded whole (a two-hour silent FLAC is 195 KB on disk). */
#define UNKNOT_SOUND_MAX_BYTES   (8 * 1024 * 1024)   /* on disk: 10 s of 96 kHz 24-bit stereo fits */
#define UNKNOT_SOUND_MAX_SECONDS 10                  /* decoded */
/* The longest announcement: a longer one is shortened (see unknot-speech.c). */
#define UNKNOT_SPEECH_MAX_SECONDS 8

/**
 * UnknotSoundCheck:
 * @contents: the file's bytes
 * @error: why it cannot be played, in words for the person, without the file's name
 *
 * Decides whether @contents can be played as a cue (the media layer decodes it: the core knows
 * no sound format).
 */
typedef gboolean (*UnknotSoundCheck) (GBytes  *contents,
                                      GError **error);

/**
 * UnknotSoundVisit:
 * @name: the sound as the routine names it
 * @fd: the file, opened and checked; closed after the call (dup() it to keep it)
 */
typedef gboolean (*UnknotSoundVisit) (const char *name,
                                      int         fd,
                                      gpointer    user_data,
                                      GError    **error);

int      unknot_sound_file_open      (const char       *folder,
                                      const char       *name,
                                      GError          **error);
GBytes  *unknot_sound_file_read_fd   (int               fd,
                                      GError          **error);
GBytes  *unknot_sound_file_read      (const char       *folder,
                                      const char       *name,
                                      GError          **error);
gboolean unknot_sound_file_copy_fd   (int               from,
                                      int               to,
                                      GError          **error);
char    *unknot_sound_file_numbered_name (const char   *basename,
                                          guint         n);
gboolean unknot_routine_check_sounds (UnknotRoutine    *routine,
                                      const char       *folder,
                                      const char       *display_name,
                                      UnknotSoundVisit  visit,
                                      gpointer          user_data,
                                      GPtrArray        *problems);

gboolean unknot_routine_check_sound_files (UnknotRoutine    *routine,
                                           const char       *folder,
                                           const char       *display_name,
                                           UnknotSoundCheck  check,
                                           GPtrArray        *problems);
GHashTable *unknot_routine_open_sounds (UnknotRoutine   *routine,
                                        const char      *folder,
                                        const char      *display_name,
                                        GPtrArray       *problems);

G_END_DECLS
