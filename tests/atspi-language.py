#!/usr/bin/python3
# atspi-language.py: the language chosen in Unknot's own setting holds whatever the locale is
#
# Usage (under tests/headless.sh with NO_AT_BRIDGE=0, wrapped in `timeout`):
#   /usr/bin/python3 atspi-language.py UNKNOT LOGFILE
#
# Starts the real program three times on a private home whose settings (a keyfile) choose the
# interface language, with no LANGUAGE in the environment, as on a bare install:
#   - LANG=C.UTF-8, German chosen;
#   - no locale variable at all, German chosen;
#   - LANG=de_DE.UTF-8 (generated here with localedef into a folder of the test's own, LOCPATH,
#     if the machine lacks it), Arabic chosen.
# Each time, over AT-SPI: the library's rows are the bundled routines' names in the chosen
# language, in the order of those names (the language's collation, case and accents aside); the
# Preferences window's title is in that language; and in the editor's "Add a Step" window a
# technique's how-to is. Expected words come from the build's catalogues.
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import glob
import json
import locale
import os
import subprocess
import sys
import tempfile
import time
import unicodedata

sys.dont_write_bytecode = True   # no __pycache__ beside the sources

import atspi_common as common  # noqa: E402 (this script's folder is first on sys.path)
from atspi_common import Failure, log  # noqa: E402

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY_ESCAPE = 0xff1b
KEY_COMMA = 0x2c
CONTROL_MASK = 1 << 2   # X's ControlMask, latched around a key
TECHNIQUE = 'light-stroking'


class Texts:
    """Unknot's words in one language, from the build's catalogues."""

    def __init__(self, language):
        build_po = os.environ['UNKNOT_LOCALE_DIR']
        self.translation = gettext.translation('unknot', build_po, languages=[language])

    def ui(self, msgid, context=None):
        text = self.translation.pgettext(context, msgid) if context \
            else self.translation.gettext(msgid)
        return text.replace('_', '')   # mnemonics are not part of accessible names


def sort_key(name):
    """As the library sorts: the locale's collation of the case-folded name without marks."""
    bare = ''.join(c for c in unicodedata.normalize('NFD', name)
                   if not unicodedata.category(c).startswith('M'))
    return locale.strxfrm(bare.casefold())


def german_locale(folder):
    """LOCPATH for a de_DE.UTF-8 locale: none if the machine has one, else one made here."""
    have = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.split()
    if 'de_DE.utf8' in have:
        return None
    subprocess.run(['localedef', '-i', 'de_DE', '-f', 'UTF-8',
                    os.path.join(folder, 'de_DE.UTF-8')], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return folder


def write_settings(home, language):
    settings = os.path.join(home, 'config', 'glib-2.0', 'settings')
    os.makedirs(settings, exist_ok=True)
    with open(os.path.join(settings, 'keyfile'), 'w') as f:
        f.write("[io/github/unknot/Unknot]\nsafety-acknowledged=true\nlanguage='%s'\n"
                % language)


def find_window(app):
    def frame():
        for i in range(common.fresh(app).childCount):
            child = app.getChildAtIndex(i)
            if child is not None and child.getRoleName() == 'frame' and common.visible(child):
                return child
        return None
    return common.wait_for('the main window', frame, 30)


def check_library(window, texts, routines):
    expected = sorted((texts.ui(r['name'], 'routine') for r in routines), key=sort_key)

    def names():
        rows = [r.name for r in common.find_all(window, 'list item')]
        return rows if len(rows) >= len(expected) else None
    shown = common.wait_for('the library\'s rows', names, 30)
    shown = [name for name in shown if name in expected or name in
             [r['name'] for r in routines]]
    log('library: %s' % ' | '.join(shown))
    if shown != expected:
        raise Failure('the library shows %s; expected %s' % (shown, expected))


def check_preferences(app, texts):
    title = texts.ui('Preferences')
    registry = common.pyatspi.Registry
    registry.generateKeyboardEvent(CONTROL_MASK, None, common.pyatspi.KEY_LOCKMODIFIERS)
    common.key(KEY_COMMA, 'Ctrl+comma')
    registry.generateKeyboardEvent(CONTROL_MASK, None, common.pyatspi.KEY_UNLOCKMODIFIERS)
    common.wait_for('the Preferences window titled "%s"' % title,
                    lambda: common.find_dialog(app, title), 30)
    log('Preferences is titled "%s"' % title)
    common.key(KEY_ESCAPE, 'Escape')
    common.wait_for('Preferences to close', lambda: common.find_dialog(app, title) is None, 30)


def activate_row(window, name):
    """Opens a library row from the keyboard, as atspi-player.py does."""
    row = common.wait_find(window, 'list item', name, 30)
    for _ in range(10):
        if any(common.focused(r) for r in common.find_all(window, 'list item')):
            break
        common.key(common.KEY_TAB, 'Tab')
        time.sleep(0.2)
    for _ in range(20):
        if common.focused(row):
            break
        common.key(common.KEY_DOWN, 'Down')
        time.sleep(0.2)
    else:
        raise Failure('the row "%s" never got the keyboard focus' % name)
    common.key(common.KEY_RETURN, 'Return')


def check_how_to(app, window, texts, routine, technique):
    activate_row(window, texts.ui(routine['name'], 'routine'))
    common.press(window, texts.ui('Customise'), 30, wait_sensitive=True)
    editor = common.wait_find(window, None, texts.ui('Routine Editor'), 30)
    common.press(editor, texts.ui('Add Step'), 30)
    chooser_title = texts.ui('Add a Step')
    chooser = common.wait_for('the "%s" window' % chooser_title,
                              lambda: common.find_dialog(app, chooser_title), 30)
    how = texts.ui('How to do it: %s') % texts.ui(technique['how'], 'technique')
    common.wait_find(chooser, 'label', how, 30)
    log('the chooser shows the how-to: "%s..."' % how[:40])
    common.key(KEY_ESCAPE, 'Escape')
    common.wait_for('the chooser to close',
                    lambda: common.find_dialog(app, chooser_title) is None, 30)


def run_case(unknot, env, what, language, routines, technique):
    log('--- %s, %s chosen' % (what, language))
    home = tempfile.mkdtemp(prefix='unknot-language-')
    write_settings(home, language)
    app_env = common.app_env(home)
    for name in ('LANG', 'LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'LC_COLLATE', 'LOCPATH'):
        app_env.pop(name, None)
    app_env.update(env)
    app_env['GSETTINGS_BACKEND'] = 'keyfile'

    # The library's order is the app's locale's collation: this process sorts in the same.
    if 'LOCPATH' in env:
        os.environ['LOCPATH'] = env['LOCPATH']
    locale.setlocale(locale.LC_COLLATE, env.get('LANG', 'C.UTF-8'))
    texts = Texts(language)

    process = subprocess.Popen([unknot], env=app_env, stdin=subprocess.DEVNULL,
                               stdout=common.log_file, stderr=common.log_file)
    common.children['unknot'] = process

    def app_up():
        if process.poll() is not None:
            raise Failure('unknot exited with status %d before showing a window'
                          % process.returncode)
        return common.find_app(process.pid)
    app = common.wait_for('the unknot application on the AT-SPI bus', app_up, 30)
    window = find_window(app)
    check_library(window, texts, routines)
    check_preferences(app, texts)
    check_how_to(app, window, texts, routines[0], technique)
    process.kill()
    process.wait()
    del common.children['unknot']


def run(unknot, home):
    routines = []
    for path in sorted(glob.glob(os.path.join(SOURCE_ROOT, 'data', 'routines', '*.json'))):
        with open(path) as f:
            routines.append(json.load(f))
    # A routine whose first step can be added to: the editor of a bundled routine's copy.
    routines.sort(key=lambda r: r['id'] != 'desk-break')
    with open(os.path.join(SOURCE_ROOT, 'data', 'techniques.json')) as f:
        technique = next(t for t in json.load(f)['techniques'] if t['id'] == TECHNIQUE)

    display = common.hold_display()   # noqa: F841 (held until the end)
    common.start_atspi_bus(dict(os.environ))
    try:
        run_case(unknot, {'LANG': 'C.UTF-8'}, 'LANG=C.UTF-8', 'de', routines, technique)
        run_case(unknot, {}, 'no locale at all', 'de', routines, technique)
        locpath = german_locale(home)
        env = {'LANG': 'de_DE.UTF-8'}
        if locpath is not None:
            env['LOCPATH'] = locpath
        run_case(unknot, env, 'LANG=de_DE.UTF-8', 'ar', routines, technique)
    finally:
        common.stop_children()


if __name__ == '__main__':
    sys.exit(common.main('atspi-language.py', 'unknot-atspi-language-', run))
