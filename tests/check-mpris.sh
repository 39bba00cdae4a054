#!/bin/sh
# playerctl, a real MPRIS client, pauses, resumes and skips a running routine.
# Run under tests/headless.sh (its own session bus and X server).
# usage: check-mpris.sh UNKNOT
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
unknot=$1
home=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
mkdir -p "$home/data/io.github.unknot.Unknot/routines" "$home/config/glib-2.0/settings"
printf '[io/github/unknot/Unknot]\nsafety-acknowledged=true\n' \
  > "$home/config/glib-2.0/settings/keyfile"
cat > "$home/data/io.github.unknot.Unknot/routines/mpris-test.json" <<'JSON'
{ "format": 1, "id": "mpris-test", "name": "Media keys test", "description": "",
  "preparation": 0,
  "steps": [
    { "technique": "kneading", "area": "neck", "duration": 600 },
    { "technique": "stretching", "area": "shoulders", "duration": 600 },
    { "technique": "light-stroking", "area": "lower-back", "duration": 600 } ] }
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

ctl="playerctl --player=unknot"
wait_for "playing" "Playing" $ctl status
wait_for "album" "Media keys test" $ctl metadata xesam:album
wait_for "first step" "Kneading — Neck" $ctl metadata xesam:title
$ctl pause
wait_for "paused" "Paused" $ctl status
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
$ctl previous
wait_for "previous step" "Kneading — Neck" $ctl metadata xesam:title
echo "all MPRIS checks passed"
