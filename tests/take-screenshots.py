#!/usr/bin/python3
# take-screenshots.py: pictures of the real program's pages, for a person to look at
#
# A developer's tool, not a test (it asserts nothing a picture shows). From the source tree, after
# a build in _build:
#   tests/take-screenshots.py [--build _build] [--out /tmp/shots] [--routine desk-break]
#                             [--width 720 --height 760] [--fullscreen] [--dark]
#                             [--language de|ar|...] [--system-language de] [--journal N]
#                             [--screen 1930x1090]
# It starts itself again under tests/headless.sh (a private D-Bus session and X server, the
# AT-SPI bridge on), starts _build/app/unknot on a private home (the environment `meson devenv`
# gives, sound to a fake sink, settings in a keyfile: the window's size, the style, the
# interface language, the safety notice already read) under LANG=C.UTF-8 with no LANGUAGE, and
# drives it over AT-SPI as atspi-player.py does: the library, the routine's page, the player a
# few seconds into the routine, the player waiting before a hold step when the routine has one,
# the finish page (Next until it ends), and the editor (the
# routine's Customise or Edit button). Each picture is OUT/PAGE-VARIANT.png, the variant naming
# the size, style and language ("library-720x760.png", "player-360x760-dark-ar.png"); the log is
# OUT/VARIANT.log. --fullscreen also presses F11 (win.fullscreen) on the player (with no window
# manager under Xvfb the window keeps its size: give --width 1280 --height 1024 too, or a bigger
# --screen (the X server's, 1280x1024 by default) and a window as big; the window then still
# draws its 5-pixel frame, which a real full screen has not: a 1920x1080 full screen is a
# 1930x1090 window on a 1930x1090 screen, its picture shaved, `convert P -shave 5x5 P`).
# --system-language sets LANGUAGE for the program, as a desktop session may. --journal N seeds
# the journal with N runs over the weeks before (tests/journal-helper seed), answers the pain
# check before the start and on the finish page, and ends on the History page:
# "history-VARIANT.png".
#
# Button and label names are looked up in the build's catalogues, so the same walk works in every
# language; the bundled routine's name is translated from its "routine" context.
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import gettext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True   # no __pycache__ beside the sources

SOURCE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADLESS_MARK = 'UNKNOT_SHOTS_HEADLESS'
KEY_F11 = 0xffc8


def parse_args():
    parser = argparse.ArgumentParser(description='Screenshots of the Unknot window\'s pages.')
    parser.add_argument('--build', default=os.path.join(SOURCE_ROOT, '_build'))
    parser.add_argument('--out', default='/tmp/shots')
    parser.add_argument('--routine', default='desk-break', help='a bundled routine\'s id')
    parser.add_argument('--width', type=int, default=720)
    parser.add_argument('--height', type=int, default=760)
    parser.add_argument('--fullscreen', action='store_true', help='F11 on the player')
    parser.add_argument('--dark', action='store_true')
    parser.add_argument('--screen', default=None,
                        help='the X server\'s screen, WIDTHxHEIGHT (default 1280x1024)')
    parser.add_argument('--language', default='', help='the "language" setting: de, ar…')
    parser.add_argument('--journal', type=int, default=0,
                        help='seed the journal with N runs, answer the pain checks, show History')
    parser.add_argument('--system-language', default=None,
                        help='LANGUAGE for the program (default: unset, as on a desktop)')
    parser.add_argument('--planner', action='store_true',
                        help='the planner only: Plan a Routine, two areas chosen on the drawing')
    return parser.parse_args()


def variant_name(args):
    parts = ['%dx%d' % (args.width, args.height)]
    if args.fullscreen:
        parts.append('fullscreen')
    if args.dark:
        parts.append('dark')
    if args.language:
        parts.append(args.language)
    if args.system_language is not None:
        parts.append('LANGUAGE=' + args.system_language)
    return '-'.join(parts)


def reexec_headless(args):
    """Runs this script again under tests/headless.sh, with the AT-SPI bridge on."""
    env = dict(os.environ)
    env[HEADLESS_MARK] = '1'
    env['NO_AT_BRIDGE'] = '0'
    if args.screen:
        env['UNKNOT_HEADLESS_SCREEN'] = args.screen + 'x24'
    command = [os.path.join(SOURCE_ROOT, 'tests', 'headless.sh'), 'timeout', '-k', '5', '240',
               '/usr/bin/python3', os.path.abspath(__file__)] + sys.argv[1:]
    return subprocess.call(command, env=env)


def program_env(args, home):
    """What `meson devenv` sets, sound to a fake sink, settings in the home's keyfile, and the
    locale as a person without LANGUAGE has it: the language comes from the setting only."""
    build = os.path.abspath(args.build)
    os.environ.update({
        'UNKNOT_DATA_DIR': os.path.join(SOURCE_ROOT, 'data'),
        'GSETTINGS_SCHEMA_DIR': os.path.join(build, 'data'),
        'UNKNOT_LOCALE_DIR': os.path.join(build, 'po'),
        'UNKNOT_SPEECH_HELPER': os.path.join(build, 'media', 'unknot-speech'),
        'UNKNOT_AUDIO_SINK': 'fakesink sync=true',
        'GSETTINGS_BACKEND': 'keyfile',
        'LANG': 'C.UTF-8',
    })
    for name in ('LANGUAGE', 'LC_ALL', 'LC_MESSAGES', 'G_DEBUG'):
        os.environ.pop(name, None)
    if args.system_language is not None:
        os.environ['LANGUAGE'] = args.system_language

    settings = os.path.join(home, 'config', 'glib-2.0', 'settings')
    os.makedirs(settings)
    with open(os.path.join(settings, 'keyfile'), 'w') as f:
        f.write('[io/github/unknot/Unknot]\n'
                'safety-acknowledged=true\n'
                'window-width=%d\n'
                'window-height=%d\n'
                "color-scheme='%s'\n"
                "language='%s'\n"
                % (args.width, args.height, 'dark' if args.dark else 'default', args.language))


class Texts:
    """The program's texts in the language shown, from the build's catalogues."""

    def __init__(self, build, language):
        self.translation = gettext.NullTranslations()
        if language:
            self.translation = gettext.translation('unknot', os.path.join(build, 'po'),
                                                   languages=[language], fallback=True)

    def ui(self, msgid, context=None):
        # Mnemonic underlines are not part of an accessible name (unknot_a11y_fix_mnemonic_names).
        text = self.translation.pgettext(context, msgid) if context \
            else self.translation.gettext(msgid)
        return text.replace('_', '')

    def digits(self, text):
        """@text in the language's own digits, as unknot_i18n_localize_digits() writes them."""
        own = self.translation.pgettext('digits', '0123456789')
        if len(own) != 10:
            return text
        return text.translate(str.maketrans('0123456789', own))

    def pattern(self, msgid):
        """A regular expression for a printf format's translation: "Step %d of %u · %s left"."""
        text = self.translation.gettext(msgid)
        pieces = re.split(r'(%(?:\d+\$)?[dus])', text)
        return re.compile(''.join('.+?' if re.fullmatch(r'%(?:\d+\$)?[dus]', p) else re.escape(p)
                                  for p in pieces))


# The window on the X server

def window_geometry(pid):
    """The biggest mapped top-level window of process pid: (width, height, x, y)."""
    found = biggest_window(pid)
    return found[1] if found else None


def biggest_window(pid):
    """The biggest mapped top-level window of process pid: (its X id, (width, height, x, y))."""
    tree = subprocess.run(['xwininfo', '-root', '-children'], capture_output=True, text=True,
                          check=True).stdout
    best = None
    for window in re.findall(r'^\s+(0x[0-9a-f]+) ', tree, re.M):
        prop = subprocess.run(['xprop', '-id', window, '_NET_WM_PID'], capture_output=True,
                              text=True).stdout
        if not prop.strip().endswith(' %d' % pid):
            continue
        info = subprocess.run(['xwininfo', '-id', window], capture_output=True, text=True).stdout
        if 'IsViewable' not in info:
            continue
        values = {key: int(re.search(r'%s:\s+(-?\d+)' % key, info).group(1))
                  for key in ('Absolute upper-left X', 'Absolute upper-left Y', 'Width',
                              'Height')}
        geometry = (values['Width'], values['Height'], values['Absolute upper-left X'],
                    values['Absolute upper-left Y'])
        if best is None or geometry[0] * geometry[1] > best[1][0] * best[1][1]:
            best = (window, geometry)
    return best


class Camera:
    def __init__(self, out, variant, pid_of_app):
        self.out = out
        self.variant = variant
        self.pid_of_app = pid_of_app
        self.taken = []

    def shoot(self, page):
        time.sleep(1.0)   # the page's transition (a slide) and its first frames
        path = os.path.join(self.out, '%s-%s.png' % (page, self.variant))
        whole = path + '.root.png'
        subprocess.run(['import', '-window', 'root', whole], check=True)
        geometry = window_geometry(self.pid_of_app())
        if geometry is None:
            os.replace(whole, path)
        else:
            subprocess.run(['convert', whole, '-crop', '%dx%d+%d+%d' % geometry, '+repage', path],
                           check=True)
            os.unlink(whole)
        common.log('took %s (window %s)' % (path, 'x'.join(map(str, geometry or ()))))
        self.taken.append(path)


# The walk through the pages

def activate_row(window, name):
    """Opens a library row from the keyboard, as atspi-player.py does (GTK 4.8 gives list rows
    no AT-SPI action): Tab into the list, arrow down to the row, Return."""
    row = common.wait_find(window, 'list item', name)
    for _ in range(10):
        if any(common.focused(r) for r in common.find_all(window, 'list item')):
            break
        common.key(common.KEY_TAB, 'Tab')
        time.sleep(0.15)
    else:
        raise common.Failure('Tab never reached the routine list')
    for _ in range(20):
        if common.focused(row):
            break
        common.key(common.KEY_DOWN, 'Down')
        time.sleep(0.15)
    else:
        raise common.Failure('the row "%s" never got the keyboard focus' % name)
    common.key(common.KEY_RETURN, 'Return')


def press_on_page(window, name, last):
    """Clicks the button named name on the routine's page (the first of that name) or the finish
    page (the last): both have a pain scale, and AT-SPI tells no page out of sight here."""
    buttons = common.wait_for('buttons "%s"' % name,
                              lambda: common.find_all(window, 'push button', name), 10)
    click(buttons[-1] if last else buttons[0], name)


def click(accessible, name):
    """Its click action, or that of the first of its descendants that has one (a menu button's
    inner toggle)."""
    for candidate in [accessible] + common.find_all(accessible, None):
        try:
            if candidate.queryAction().nActions > 0:
                accessible = candidate
                break
        except NotImplementedError:
            continue
    action = accessible.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index('click') if 'click' in names else 0)
    common.log('clicked %s "%s"' % (accessible.getRoleName(), name))


def open_history(app, window, texts):
    """The main menu's History (the AT-SPI keyboard events reach no Ctrl+H here)."""
    heading = texts.ui('Pain Before and After')
    menu = common.wait_find(window, None, texts.ui('Main Menu'))
    click(menu, 'Main Menu')
    item = common.wait_for('the History menu item',
                           lambda: next((a for a in common.find_all(app, None, texts.ui('_History'))
                                         if common.visible(a)), None), 10)
    click(item, 'History')
    common.wait_find(window, 'label', heading, 10)


def find_label(window, pattern):
    return [a for a in common.find_all(window, 'label') if pattern.fullmatch(a.name or '')]


def find_window(app):
    def frame():
        for i in range(common.fresh(app).childCount):
            child = app.getChildAtIndex(i)
            if child is not None and child.getRoleName() == 'frame' and common.visible(child):
                return child
        return None
    return common.wait_for('the main window', frame, 15)


def plan(app, args, window, texts, camera):
    """The library's Plan a Routine button, then the right shoulder and both halves of the lower
    back toggled on the drawing (by their accessible names, as a screen reader would)."""
    common.press(window, texts.ui('_Plan a Routine…'))
    common.wait_find(window, 'check box', texts.ui('Neck', 'area'))
    # The library is wider than 360 px at least (its three filters) and a window keeps its size
    # when its page changes: on the planner, the window is given the size asked again.
    window_id = biggest_window(common.children['unknot'].pid)[0]
    subprocess.run(['xdotool', 'windowsize', window_id, str(args.width), str(args.height)],
                   check=True)
    both = texts.ui('%s, %s', 'area and side')
    for area, side in (('Shoulders', 'Right side'), ('Lower back', 'Left side'),
                       ('Lower back', 'Right side')):
        name = both.replace('%s', texts.ui(area, 'area'), 1).replace('%s', texts.ui(side, 'side'), 1)
        click(common.wait_find(window, 'check box', name), name)
    start = common.wait_find(window, 'push button', texts.ui('_Start'))
    common.wait_for('Start to be sensitive',
                    lambda: common.fresh(start).getState().contains(common.pyatspi.STATE_SENSITIVE),
                    30)
    camera.shoot('planner')
    return window


def drive(app, args, texts, camera, routine):
    try:
        if args.planner:
            window = find_window(app)
            common.wait_for('the library\'s rows', lambda: common.find_all(window, 'list item'), 15)
            return plan(app, args, window, texts, camera)
        return walk(app, args, texts, camera, routine)
    except Exception:
        camera.shoot('failure')   # what the window showed when the walk went wrong
        raise


def routine_holds(routine):
    return any(step.get('hold', False) for step in routine['steps'])


def walk(app, args, texts, camera, routine):
    window = find_window(app)
    # The pointer away from the window: Xvfb starts it in the middle of the screen, where it
    # would hover a button and show its tooltip.
    screen_w, screen_h = map(int, (args.screen or '1280x1024').split('x')[:2])
    common.pyatspi.Registry.generateMouseEvent(screen_w - 1, screen_h - 1,
                                               common.pyatspi.MOUSE_ABS)
    name = texts.ui(routine['name'], 'routine')

    common.wait_for('the library\'s rows', lambda: common.find_all(window, 'list item'), 15)
    camera.shoot('library')
    if common.find(window, 'list item', name) is None \
            and common.find(window, 'list item', routine['name']) is not None:
        # Worth seeing the other pages all the same.
        common.log('NOTE: the routine\'s row is named "%s", not "%s": its name is not '
                   'translated' % (routine['name'], name))
        name = routine['name']

    activate_row(window, name)
    steps = common.wait_find(window, 'list', texts.ui('Steps'))
    common.wait_for('the steps on the routine\'s page',
                    lambda: common.fresh(steps).childCount == 1 + len(routine['steps']), 5)
    if args.journal:
        press_on_page(window, texts.digits(texts.ui('%d of 10').replace('%d', '6')), False)
    camera.shoot('routine')

    common.press(window, texts.ui('_Start'))
    progress = texts.pattern('Step %d of %u · %s left')
    common.wait_for('the player on step 1',
                    lambda: [a for a in find_label(window, progress)
                             if int(re.search(r'\d+', a.name).group()) == 1],
                    routine.get('preparation', 0) + 20)
    time.sleep(2.0)   # a few seconds into the step (camera.shoot waits one more)
    if args.fullscreen:
        common.key(KEY_F11, 'F11')
        time.sleep(1.0)
    camera.shoot('player')
    if args.fullscreen:
        common.key(KEY_F11, 'F11')
        time.sleep(1.0)

    well_done = texts.ui('Well done')
    waiting = texts.ui('Tap anywhere or press Space when you are in position')
    shot_hold = False
    # Twice the steps: Next at a hold step first goes on from its wait.
    for presses in range(1, 2 * len(routine['steps']) + 3):
        common.press(window, texts.ui('Next'))
        if not shot_hold and routine_holds(routine):
            try:
                common.wait_find(window, 'label', waiting, 1.0)
                camera.shoot('player-hold')   # the routine waits before a hold step
                shot_hold = True
            except common.Failure:
                pass
        try:
            common.wait_find(window, 'label', well_done, 1.5)
            break
        except common.Failure:
            continue
    else:
        raise common.Failure('no finish page ("%s") after %d presses of Next'
                             % (well_done, presses))
    if args.journal:
        press_on_page(window, texts.digits(texts.ui('%d of 10').replace('%d', '3')), True)
    camera.shoot('finish')

    # Done leads back to the library: the routine's page again, then its Customise button.
    common.press(window, texts.ui('_Done'))
    activate_row(window, name)
    common.wait_for('the steps on the routine\'s page again',
                    lambda: common.fresh(steps).childCount == 1 + len(routine['steps']), 5)
    customise = texts.ui('Customise') if routine.get('bundled', True) else texts.ui('Edit')
    common.press(window, customise, wait_sensitive=True)
    editor = common.wait_find(window, None, texts.ui('Routine Editor'), 5)
    camera.shoot('editor')

    # Back to the routine's page, so the window closes with nothing to ask.
    common.press(editor, texts.ui('Back'))
    dialog = None
    try:
        dialog = common.wait_for('a "Save Changes?" dialog',
                                 lambda: common.find_dialog(app, texts.ui('Save Changes?')), 2)
    except common.Failure:
        pass
    if dialog is not None:
        camera.shoot('editor-leave')
        common.press(dialog, texts.ui('_Discard'))
        common.wait_for('the dialog to close',
                        lambda: common.find_dialog(app, texts.ui('Save Changes?')) is None, 5)
    time.sleep(1.0)   # the slide back to the routine's page
    if args.journal:
        open_history(app, window, texts)
        camera.shoot('history')
        common.press(window, texts.ui('Back'))
        time.sleep(1.0)
    return window


def main():
    global common
    args = parse_args()
    if os.environ.get(HEADLESS_MARK) is None:
        return reexec_headless(args)

    import atspi_common as common   # here: it talks to the AT-SPI bus of headless.sh's session

    os.makedirs(args.out, exist_ok=True)
    variant = variant_name(args)
    log_path = os.path.join(args.out, variant + '.log')
    common.log_file = open(log_path, 'w')
    home = tempfile.mkdtemp(prefix='unknot-shots-')
    program_env(args, home)

    with open(os.path.join(SOURCE_ROOT, 'data', 'routines', args.routine + '.json')) as f:
        routine = json.load(f)
    # The language shown: the setting's, else the first of LANGUAGE's.
    texts = Texts(os.path.abspath(args.build),
                  args.language or (args.system_language or '').split(':')[0])
    camera = Camera(args.out, variant,
                    lambda: common.children['unknot'].pid)

    if args.journal:
        journal = os.path.join(common.data_home(home), 'io.github.unknot.Unknot',
                               'journal.sqlite3')
        subprocess.run([os.path.join(os.path.abspath(args.build), 'tests', 'journal-helper'),
                        'seed', journal, str(args.journal)], check=True)

    status = 1
    try:
        common.run_app(os.path.join(os.path.abspath(args.build), 'app', 'unknot'), home,
                       lambda app: drive(app, args, texts, camera, routine))
        common.log('PASS')
        status = 0
    except common.Failure as e:
        common.log('FAIL: %s' % e)
    except Exception as e:
        common.log('FAIL: %s: %s' % (type(e).__name__, e))
    finally:
        shutil.rmtree(home, ignore_errors=True)
        common.log_file.close()

    with open(log_path) as f:
        for line in f:
            if any(w in line for w in ('took ', 'FAIL', 'PASS', 'NOTE', 'WARNING', 'CRITICAL')):
                sys.stdout.write(line)
    return status


common = None

if __name__ == '__main__':
    sys.exit(main())
