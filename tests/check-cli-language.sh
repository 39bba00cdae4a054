#!/bin/sh
# `LANGUAGE=de unknot --list` prints the German names of the bundled routines.
# usage: check-cli-language.sh UNKNOT LOCALE_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
unknot=$1
export UNKNOT_LOCALE_DIR=$2 TEXTDOMAINDIR=$2 LC_ALL=C.UTF-8
english="Desk break: neck and shoulders"
german=$(LANGUAGE=de gettext -d unknot -c routine "$english")
[ "$german" != "$english" ] || { echo "no German translation of \"$english\""; exit 1; }
out=$(LANGUAGE=de "$unknot" --list)
echo "$out"
echo "$out" | grep -qF "$german" || { echo "missing: $german"; exit 1; }
if echo "$out" | grep -qF "$english"; then echo "still English: $english"; exit 1; fi
LANGUAGE=en "$unknot" --list | grep -qF "$english"
