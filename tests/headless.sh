#!/bin/sh
# Runs a command with a private D-Bus session and an X server of its own, as GUI tests need on a
# machine with no display: dbus-run-session + xvfb-run, GTK on X11 with the cairo renderer.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
export GDK_BACKEND=x11
export GSK_RENDERER=cairo
# GTK 4 ignores NO_AT_BRIDGE: GTK_A11Y=none keeps accessibility off unless a test wants it.
export GTK_A11Y="${GTK_A11Y:-none}"
# -noreset: the server stays up between clients, so a program starting as another leaves
# never finds it resetting. UNKNOT_HEADLESS_SCREEN chooses another screen (WIDTHxHEIGHTxDEPTH), for
# a window as big as a full HD screen.
exec dbus-run-session -- xvfb-run -a \
  -s "-screen 0 ${UNKNOT_HEADLESS_SCREEN:-1280x1024x24} -noreset" "$@"
