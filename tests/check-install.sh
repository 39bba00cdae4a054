#!/bin/sh
# `meson install` into a fresh prefix gives a working Unknot: it finds its data, routines,
# schema and translations there, with none of the variables an uninstalled run uses.
# Run under tests/headless.sh (the last check opens the window).
# usage: check-install.sh SOURCE_ROOT
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
src=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

meson setup "$tmp/build" "$src" --prefix="$prefix" -Dbuildtype=release >"$tmp/setup.log" 2>&1 ||
  { cat "$tmp/setup.log"; exit 1; }
ninja -C "$tmp/build" install >"$tmp/install.log" 2>&1 || { tail -30 "$tmp/install.log"; exit 1; }

for f in bin/unknot libexec/unknot-speech share/unknot/techniques.json share/unknot/routine.schema.json \
         share/unknot/routines/desk-break.json share/glib-2.0/schemas/gschemas.compiled \
         share/locale/de/LC_MESSAGES/unknot.mo share/locale/ar/LC_MESSAGES/unknot.mo \
         share/applications/io.github.unknot.Unknot.desktop \
         share/metainfo/io.github.unknot.Unknot.metainfo.xml \
         share/icons/hicolor/scalable/apps/io.github.unknot.Unknot.svg \
         share/icons/hicolor/symbolic/apps/io.github.unknot.Unknot-symbolic.svg; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
echo "ok: every file installed"

# Nothing from the build tree: the program finds everything under its prefix.
unset UNKNOT_DATA_DIR UNKNOT_LOCALE_DIR GSETTINGS_SCHEMA_DIR UNKNOT_SPEECH_HELPER
export XDG_DATA_DIRS="$prefix/share:/usr/share" XDG_DATA_HOME="$tmp/home/data"
export XDG_CONFIG_HOME="$tmp/home/config" GSETTINGS_BACKEND=memory LC_ALL=C.UTF-8

n=$(LANGUAGE=en "$prefix/bin/unknot" --list | wc -l)
[ "$n" -ge 6 ] || { echo "--list shows $n routines"; exit 1; }
echo "ok: --list shows $n routines"

german=$(TEXTDOMAINDIR="$prefix/share/locale" LANGUAGE=de gettext -d unknot -c routine \
         "Desk break: neck and shoulders")
LANGUAGE=de "$prefix/bin/unknot" --list | grep -qF "$german" ||
  { echo "no German routine names from the installed catalogues"; exit 1; }
echo "ok: installed translations ($german)"

"$prefix/bin/unknot" --validate "$prefix/share/unknot/routines/"*.json >/dev/null
echo "ok: installed routines validate"

# The window: its schema comes from the prefix (XDG_DATA_DIRS), its sounds from its resources.
out=$(UNKNOT_BENCH_FIRST_FRAME=1 UNKNOT_AUDIO_SINK=fakesink timeout 30 "$prefix/bin/unknot")
echo "$out" | grep -q '^first-frame-usec ' || { echo "the installed window did not draw"; exit 1; }
echo "ok: the installed window draws"

# Announcements: the installed program finds its speech helper under the prefix, and the helper
# speaks (when the espeak element is there, as .ci/install-deps.sh installs it).
strings "$prefix/bin/unknot" | grep -qxF "$prefix/libexec/unknot-speech" ||
  { echo "the program does not look for its speech helper under the prefix"; exit 1; }
if gst-inspect-1.0 espeak >/dev/null 2>&1; then
  bytes=$(printf 'Kneading. Shoulders.' | "$prefix/libexec/unknot-speech" en | wc -c)
  [ "$bytes" -gt 48000 ] || { echo "the installed speech helper made $bytes bytes"; exit 1; }
  echo "ok: the installed speech helper speaks ($bytes bytes)"
fi
