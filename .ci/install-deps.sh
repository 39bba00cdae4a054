#!/bin/sh
# Installs the Debian 12 packages Unknot needs to build, run and test, when they are missing.
# As root it runs apt-get; otherwise it prints the command to run and fails.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

build="libgtk-4-dev libadwaita-1-dev libjson-glib-dev libgstreamer1.0-dev
libgstreamer-plugins-base1.0-dev libarchive-dev libsqlite3-dev meson ninja-build pkg-config gettext gcc make"
run="gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-espeak espeak-ng"
test="xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi python3-gi desktop-file-utils
appstream libglib2.0-bin python3-jsonschema python3-dbusmock playerctl sox imagemagick clang
libclang-rt-14-dev locales gstreamer1.0-tools x11-utils xdotool"

case "${1:-all}" in
  run) wanted="$build $run" ;;
  *) wanted="$build $run $test" ;;
esac

missing=""
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing missing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "Unknot needs these Debian packages:$missing" >&2
  echo "Install them with:  sudo apt-get install$missing" >&2
  exit 1
fi
