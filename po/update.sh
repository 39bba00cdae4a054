#!/bin/sh
# Regenerates the translation template and merges it into every catalogue:
#   1. the bundled data's texts into po/data-strings.c (extract-data.py),
#   2. po/unknot.pot from every file in POTFILES.in (meson's unknot-pot target),
#   3. every po/LANG.po updated (meson's unknot-update-po); en.po is the template itself
#      (English msgstr = msgid), which GLib needs to translate at all after a language switch.
# Run through `ninja -C _build pot`.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
source_root=$1
build_root=$2
cd "$source_root"
/usr/bin/python3 po/extract-data.py data po/data-strings.c
ninja -C "$build_root" unknot-pot
ninja -C "$build_root" unknot-update-po
msgen --no-wrap -o po/en.po.new po/unknot.pot
sed -e 's/^"Language: \\n"/"Language: en\\n"/' \
    -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
    -e 's/^"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
    po/en.po.new | sed '0,/^#, fuzzy$/{/^#, fuzzy$/d}' > po/en.po
rm -f po/en.po.new
