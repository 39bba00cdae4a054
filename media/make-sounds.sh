#!/bin/sh
# Makes Unknot's cue sounds with sox: soft, short, never louder than -14 dBFS, with gentle fades
# so nothing clicks. The WAV files in sounds/ are what this script wrote; run it again after a
# change here and commit both. Needs sox and bc (developer tools only; the app never runs it).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/sounds"

rate=48000
fmt="-r $rate -c 1 -b 16 -e signed-integer"

# tone NAME FREQ SECONDS: a sine with a soft attack and a long exponential-ish decay
tone() {
  sox -n $fmt "$1" synth "$3" sine "$2" fade q 0.01 "$3" "$(echo "$3 * 0.85" | bc -l)"
}

# chime: two notes a fifth apart, the second overlapping the first (step start, the default)
tone /tmp/unknot-a.wav 784 0.45
tone /tmp/unknot-b.wav 1175 0.6
sox /tmp/unknot-b.wav /tmp/unknot-b2.wav pad 0.12 0
sox -m /tmp/unknot-a.wav /tmp/unknot-b2.wav chime.wav norm -14

# bell: one note with a quiet overtone, longer ring
sox -n $fmt /tmp/unknot-c.wav synth 1.2 sine 660 fade q 0.005 1.2 1.1
sox -n $fmt /tmp/unknot-d.wav synth 1.2 sine 1650 fade q 0.005 1.2 1.15 vol 0.25
sox -m /tmp/unknot-c.wav /tmp/unknot-d.wav bell.wav norm -14

# wood: a short, dry knock (filtered noise burst plus a low thump)
sox -n $fmt /tmp/unknot-e.wav synth 0.08 pinknoise fade q 0.001 0.08 0.07 bandpass 900 2q
sox -n $fmt /tmp/unknot-f.wav synth 0.12 sine 220 fade q 0.002 0.12 0.11
sox -m /tmp/unknot-e.wav /tmp/unknot-f.wav wood.wav norm -14

# soft: one low, round note for calm routines
sox -n $fmt soft.wav synth 0.7 sine 523 fade h 0.08 0.7 0.55 norm -18

# switch: two quick notes going down then up (turn to the other side)
tone /tmp/unknot-g.wav 988 0.18
tone /tmp/unknot-h.wav 740 0.25
sox /tmp/unknot-g.wav /tmp/unknot-h.wav switch.wav norm -14

# tick: a very short, quiet blip for the last three seconds
sox -n $fmt tick.wav synth 0.05 sine 1320 fade q 0.003 0.05 0.04 norm -22

# finish: three rising notes
tone /tmp/unknot-i.wav 523 0.35
tone /tmp/unknot-j.wav 659 0.35
tone /tmp/unknot-k.wav 784 0.9
sox /tmp/unknot-i.wav /tmp/unknot-j.wav /tmp/unknot-k.wav finish.wav norm -14

rm -f /tmp/unknot-[a-k].wav /tmp/unknot-b2.wav
