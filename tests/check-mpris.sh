#!/bin/sh
# playerctl, a real MPRIS client, pauses, resumes and skips a running routine; what it is told
# of the routine (status, title, album, length, position) follows, read and announced
# (PropertiesChanged, as `playerctl --follow` hears it). gdbus reads the rest of the interfaces.
# Run under tests/headless.sh (its own session bus and X server).
# usage: check-mpris.sh UNKNOT
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
unknot=$1
home=$(mktemp -d)
follow=
trap 'kill "$pid" $follow 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
mkdir -p "$home/data/io.github.unknot.Unknot/routines" "$home/config/glib-2.0/settings"
printf '[io/github/unknot/Unknot]\nsafety-acknowledged=true\n' \
  > "$home/config/glib-2.0/settings/keyfile"
cat > "$home/data/io.github.unknot.Unknot/routines/mpris-test.json" <<'JSON'
{ "format": 1, "id": "mpris-test", "name": "Media keys test", "description": "",
  "preparation": 0,
  "steps": [
    { "technique": "kneading", "area": "neck", "duration": 600 },
    { "technique": "stretching", "area": "shoulders", "duration": 600 },
    { "technique": "light-stroking", "area": "lower-back", "duration": 600 },
    { "technique": "deep-pressure", "area": "upper-back", "duration": 600, "hold": true } ] }
JSON
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" GSETTINGS_BACKEND=keyfile

"$unknot" --start mpris-test &
pid=$!

# wait_for WHAT EXPECTED COMMAND...: retry until COMMAND prints EXPECTED, for up to 60 s (a
# deadline for a loaded machine under the sanitizers, not a measure of speed).
wait_for () {
  what=$1 expected=$2
  shift 2
  for _ in $(seq 600); do
    got=$("$@" 2>/dev/null || true)
    if [ "$got" = "$expected" ]; then
      echo "ok: $what: $got"
      return 0
    fi
    sleep 0.1
  done
  echo "FAIL: $what: expected \"$expected\", got \"$got\""
  exit 1
}

# get INTERFACE PROPERTY: the value as gdbus prints it, e.g. <true>
get () {
  gdbus call --session --dest org.mpris.MediaPlayer2.unknot --object-path /org/mpris/MediaPlayer2 \
    --method org.freedesktop.DBus.Properties.Get "org.mpris.MediaPlayer2$1" "$2" \
    | sed -e 's/^(//' -e 's/,)$//'
}

# call METHOD ARGS...: a method of org.mpris.MediaPlayer2(.Player), which must succeed
call () {
  gdbus call --session --dest org.mpris.MediaPlayer2.unknot --object-path /org/mpris/MediaPlayer2 \
    --method "org.mpris.MediaPlayer2.$@"
}

# announced LINE: `playerctl --follow` has printed LINE (status|title), from a change signal.
announced () {
  if grep -qxF "$1" "$home/follow"; then echo yes; else echo no; fi
}

ctl="playerctl --player=unknot"
wait_for "playing" "Playing" $ctl status
wait_for "album" "Media keys test" $ctl metadata xesam:album
wait_for "first step" "Kneading — Neck" $ctl metadata xesam:title
$ctl --follow metadata --format '{{status}}|{{xesam:title}}' > "$home/follow" 2>/dev/null &
follow=$!
wait_for "length" "600000000" $ctl metadata mpris:length
wait_for "identity" "<'Unknot'>" get "" Identity
wait_for "desktop entry" "<'io.github.unknot.Unknot'>" get "" DesktopEntry
wait_for "can raise" "<true>" get "" CanRaise
wait_for "can go next" "<true>" get .Player CanGoNext
wait_for "can pause" "<true>" get .Player CanPause
wait_for "can control" "<true>" get .Player CanControl
wait_for "cannot seek" "<false>" get .Player CanSeek
wait_for "rate" "<1.0>" get .Player Rate
wait_for "position within the step" "yes" \
  sh -c "$ctl position | awk '{ print (\$1 > 0 && \$1 < 600) ? \"yes\" : \$1 }'"
wait_for "raise" "()" call Raise
wait_for "seek, refused quietly" "()" call Player.Seek 5000000
$ctl pause
wait_for "paused" "Paused" $ctl status
wait_for "pause announced" "yes" announced "Paused|Kneading — Neck"
wait_for "paused, the title stays" "Kneading — Neck" $ctl metadata xesam:title
$ctl play
wait_for "resumed" "Playing" $ctl status
$ctl play-pause
wait_for "play-pause pauses" "Paused" $ctl status
$ctl play-pause
wait_for "play-pause resumes" "Playing" $ctl status
# Paused for next and previous: "previous" goes back a step only in a step's first seconds, and
# paused, no time passes however slow the machine is.
$ctl pause
wait_for "paused again" "Paused" $ctl status
$ctl next
wait_for "next step" "Stretching — Shoulders" $ctl metadata xesam:title
wait_for "next step announced" "yes" announced "Paused|Stretching — Shoulders"
wait_for "position at the step's start" "yes" \
  sh -c "$ctl position | awk '{ print (\$1 == 0) ? \"yes\" : \$1 }'"
$ctl previous
wait_for "previous step" "Kneading — Neck" $ctl metadata xesam:title
$ctl stop
wait_for "stop pauses (stopping is asked in the window)" "Paused" $ctl status
$ctl play
wait_for "resumed after stop" "Playing" $ctl status
# A hold step: the routine waits before it (Paused, at its start, however long), and a media
# key goes on: Play, Play/Pause or Next (a headset's button sends either).
$ctl next
wait_for "second step" "Stretching — Shoulders" $ctl metadata xesam:title
$ctl next
wait_for "third step" "Light stroking — Lower back" $ctl metadata xesam:title
$ctl next
wait_for "hold step" "Deep pressure — Upper back" $ctl metadata xesam:title
wait_for "waits before it" "Paused" $ctl status
sleep 1
wait_for "no time passes while waiting" "yes" \
  sh -c "$ctl position | awk '{ print (\$1 == 0) ? \"yes\" : \$1 }'"
$ctl play
wait_for "Play goes on" "Playing" $ctl status
$ctl previous
wait_for "back before the hold" "Light stroking — Lower back" $ctl metadata xesam:title
$ctl next
wait_for "waits again" "Paused" $ctl status
$ctl play-pause
wait_for "Play/Pause goes on" "Playing" $ctl status
$ctl previous
wait_for "back again" "Light stroking — Lower back" $ctl metadata xesam:title
$ctl next
wait_for "waits once more" "Paused" $ctl status
$ctl next
wait_for "Next goes on" "Playing" $ctl status
wait_for "on the hold step" "Deep pressure — Upper back" $ctl metadata xesam:title
echo "all MPRIS checks passed"
