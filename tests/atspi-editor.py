#!/usr/bin/python3
# atspi-editor.py: makes a routine through the real Unknot program's UI over AT-SPI, and runs it
#
# Usage (under tests/headless.sh with NO_AT_BRIDGE=0, wrapped in `timeout`):
#   /usr/bin/python3 atspi-editor.py UNKNOT LOGFILE
#
# Starts the program on an empty private home, then, by role and accessible name only, as
# assistive technology would: dismisses the safety notice, presses "New Routine", types a name
# into the focused name field, presses "Add Step", picks the technique focused in the chooser
# with Return, sets the step's duration to 0:03 through the "Minutes" and "Seconds" spin buttons
# (AT-SPI Value), presses "Done", "Save" and "Start", then "Next" until the finish page says
# "Well done", "Done" (back in the editor), "Back" (the routine's page) and closes the window;
# the program must exit with status 0. The saved file is checked on disk: the name typed, one
# step of three seconds.
#
# The AT-SPI bus launcher is started here, with its output in the log (see atspi-player.py).
# Everything goes to LOGFILE; it is printed at the end.
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# The program under test runs with G_DEBUG=fatal-warnings; this driver does not: a warning of
# the AT-SPI client library (pyatspi's dbind) is not the program's fault.
APP_G_DEBUG = os.environ.pop('G_DEBUG', None)

import pyatspi
from gi.repository import Gio, GLib

APP_ID_BASE = 'io.github.unknot.Unknot'
ROUTINE_NAME = 'Made over AT-SPI'

KEY_RETURN = 0xff0d

started = time.monotonic()
log_file = None
children = {}   # what: Popen, stopped at the end whatever happens


class Failure(Exception):
    pass


def log(message):
    log_file.write('%7.3f  %s\n' % (time.monotonic() - started, message))
    log_file.flush()


def wait_for(what, predicate, timeout=10.0, interval=0.1):
    """Polls predicate until it returns something true; fails with what after timeout. An AT-SPI
    error counts as not yet: the tree changes while it is walked."""
    deadline = time.monotonic() + timeout
    error = None
    while True:
        try:
            result = predicate()
            if result:
                return result
        except GLib.Error as e:
            error = e
        if time.monotonic() > deadline:
            raise Failure('timed out after %.0f s waiting for %s%s'
                          % (timeout, what, ' (last AT-SPI error: %s)' % error.message
                             if error else ''))
        time.sleep(interval)


# AT-SPI helpers. GTK 4.8 reports no "showing" state inside a window, and the pages of a stack
# that are not shown are in the tree too: a name is looked for under the part of the window that
# holds it (the editor's own group, a dialog).

def fresh(accessible):
    try:
        accessible.clearCache()
    except Exception:
        pass
    return accessible


def visible(accessible):
    return fresh(accessible).getState().contains(pyatspi.STATE_VISIBLE)


def find_all(root, role, name=None):
    def match(accessible):
        if accessible is None:
            return False
        fresh(accessible)
        return (role is None or accessible.getRoleName() == role) \
            and (name is None or accessible.name == name)
    return pyatspi.findAllDescendants(fresh(root), match)


def find(root, role, name):
    for accessible in find_all(root, role, name):
        if visible(accessible):
            return accessible
    return None


def wait_find(root, role, name, timeout=10.0):
    return wait_for('a %s named "%s"' % (role or 'widget', name),
                    lambda: find(root, role, name), timeout)


def find_dialog(app, title):
    """A window of the application by its title. GTK 4.8 gives a modal AdwWindow the role
    "filler" rather than "dialog": the title is what tells."""
    for i in range(fresh(app).childCount):
        accessible = app.getChildAtIndex(i)
        if accessible is not None and fresh(accessible).name == title and visible(accessible):
            return accessible
    return None


def press(root, name, timeout=10.0):
    button = wait_find(root, 'push button', name, timeout)
    action = button.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if 'click' not in names:
        raise Failure('button "%s" has no click action (actions: %s)' % (name, names))
    wait_for('button "%s" to be sensitive' % name,
             lambda: fresh(button).getState().contains(pyatspi.STATE_SENSITIVE), 5)
    if not action.doAction(names.index('click')):
        raise Failure('button "%s" refused its click action' % name)
    log('pressed "%s"' % name)
    return button


def focused(accessible):
    return fresh(accessible).getState().contains(pyatspi.STATE_FOCUSED)


def key(keysym, name):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    log('key %s' % name)


def type_text(text):
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)
    log('typed "%s"' % text)


def set_spin(root, name, value):
    spin = wait_find(root, 'spin button', name)
    spin.queryValue().currentValue = float(value)
    wait_for('the spin button "%s" to read %s' % (name, value),
             lambda: fresh(spin).queryValue().currentValue == float(value), 3)
    log('set "%s" to %s' % (name, value))


# Processes

def hold_display():
    """Keeps a connection to the X server for the whole test, so it does not reset when the bus
    launcher leaves it (see atspi-player.py)."""
    libx11 = ctypes.CDLL('libX11.so.6')
    libx11.XOpenDisplay.restype = ctypes.c_void_p
    libx11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    display = libx11.XOpenDisplay(None)
    if not display:
        raise Failure('cannot open the X display %s' % os.environ.get('DISPLAY'))
    return display


def start_atspi_bus(env):
    launcher = subprocess.Popen(['/usr/libexec/at-spi-bus-launcher', '--launch-immediately'],
                                env=env, stdin=subprocess.DEVNULL, stdout=log_file,
                                stderr=log_file, start_new_session=True)
    children['the AT-SPI bus launcher'] = launcher
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

    def owned():
        reply = bus.call_sync('org.freedesktop.DBus', '/org/freedesktop/DBus',
                              'org.freedesktop.DBus', 'NameHasOwner',
                              GLib.Variant('(s)', ('org.a11y.Bus',)), GLib.VariantType('(b)'),
                              Gio.DBusCallFlags.NONE, 1000, None)
        return reply.unpack()[0] or launcher.poll() is not None
    wait_for('the AT-SPI bus', owned, 10)
    if launcher.poll() is not None:
        raise Failure('at-spi-bus-launcher exited with status %d' % launcher.returncode)
    log('AT-SPI bus launcher running, pid %d' % launcher.pid)
    return launcher


def stop_children():
    # The program first, then the bus launcher with its process group (bus daemon, registry).
    app = children.pop('unknot', None)
    if app is not None and app.poll() is None:
        app.kill()
        app.wait()
        log('killed unknot')
    launcher = children.pop('the AT-SPI bus launcher', None)
    if launcher is not None and launcher.poll() is None:
        try:
            os.killpg(launcher.pid, signal.SIGTERM)
            launcher.wait(5)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            launcher.wait()
        log('stopped the AT-SPI bus launcher')


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        try:
            if app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def saved_routines(routines_dir):
    found = []
    for path in sorted(glob.glob(os.path.join(routines_dir, '*.json'))):
        with open(path) as f:
            found.append(json.load(f))
    return found


def run(unknot, home):
    data_home = os.path.join(home, 'data')
    routines_dir = os.path.join(data_home, APP_ID_BASE, 'routines')

    env = dict(os.environ)
    if APP_G_DEBUG is not None:
        env['G_DEBUG'] = APP_G_DEBUG
    env.update({
        'XDG_DATA_HOME': data_home,
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'NO_AT_BRIDGE': '0',
    })
    env.pop('GTK_A11Y', None)

    display = hold_display()   # noqa: F841 (held until the end)
    start_atspi_bus(env)
    try:
        log('starting %s' % unknot)
        app_process = subprocess.Popen([unknot], env=env, stdin=subprocess.DEVNULL,
                                       stdout=log_file, stderr=log_file)
        children['unknot'] = app_process

        def app_up():
            if app_process.poll() is not None:
                raise Failure('unknot exited with status %d before showing a window'
                              % app_process.returncode)
            return find_app(app_process.pid)
        app = wait_for('the unknot application on the AT-SPI bus', app_up, 15)
        log('application "%s" on the bus' % app.name)

        dialog = wait_for('the safety notice', lambda: find_dialog(app, 'Before You Start'))
        press(dialog, 'I Understand')
        wait_for('the safety notice to close',
                 lambda: find_dialog(app, 'Before You Start') is None, 5)
        log('safety notice closed')

        window = wait_find(app, 'frame', 'Unknot')

        # A new routine: the editor opens with the keyboard in the name field, its text
        # selected, so typing replaces it.
        press(window, 'New Routine')
        editor = wait_find(window, None, 'Routine Editor', 5)
        wait_find(editor, 'text', 'Name', 5)
        time.sleep(0.5)   # GTK 4.8 does not tell AT-SPI which text field has the focus
        type_text(ROUTINE_NAME)
        wait_find(editor, 'label', '• ' + ROUTINE_NAME, 5)
        log('the editor\'s title shows "• %s"' % ROUTINE_NAME)

        # A step: the chooser opens with the keyboard on its first technique; Return adds it.
        press(editor, 'Add Step')
        chooser = wait_for('the technique chooser', lambda: find_dialog(app, 'Add a Step'), 5)
        wait_for('a technique row with the keyboard focus',
                 lambda: any(focused(r) for r in find_all(chooser, 'list item')), 5)
        key(KEY_RETURN, 'Return')

        # The step editor opens on the new step: three seconds.
        step_editor = wait_for('the step editor', lambda: find_dialog(app, 'Edit Step'), 5)
        set_spin(step_editor, 'Minutes', 0)
        set_spin(step_editor, 'Seconds', 3)
        press(step_editor, 'Done')
        wait_for('the step editor to close', lambda: find_dialog(app, 'Edit Step') is None, 5)
        wait_find(editor, 'label', '0:03', 5)
        log('the total shows 0:03')

        # Save: the file on disk holds what was made.
        press(editor, 'Save')
        wait_find(editor, 'label', ROUTINE_NAME, 5)
        routines = wait_for('the routine file on disk', lambda: saved_routines(routines_dir), 5)
        if len(routines) != 1 or routines[0]['name'] != ROUTINE_NAME \
                or [s['duration'] for s in routines[0]['steps']] != [3]:
            raise Failure('the saved routine is not the one made: %s' % routines)
        log('saved as %s.json' % routines[0]['id'])

        # Run it from the editor, to the finish page.
        press(editor, 'Start')
        wait_find(window, 'push button', 'Pause', 5)
        for presses in range(1, 8):
            press(window, 'Next')
            try:
                wait_find(window, 'label', 'Well done', 1.0)
                break
            except Failure:
                continue
        else:
            raise Failure('no finish page ("Well done") after %d presses of "Next"' % presses)
        log('finish page after %d presses of "Next"' % presses)

        # Done: back in the editor; Back: the saved routine's page, with its one step.
        press(window, 'Done')
        press(editor, 'Back')
        wait_for('the routine\'s page ("3 s · 1 step")',
                 lambda: [a for a in find_all(window, 'label')
                          if a.name.startswith('3 s · 1 step')], 5)
        log('on the routine\'s page')

        frame_actions = window.queryAction()
        names = [frame_actions.getName(i) for i in range(frame_actions.nActions)]
        if 'window.close' not in names:
            raise Failure('the window has no window.close action (actions: %s)' % names)
        try:
            frame_actions.doAction(names.index('window.close'))
        except GLib.Error as e:
            log('no answer to window.close: %s' % e.message)
        log('closed the window')
        try:
            status = app_process.wait(10)
        except subprocess.TimeoutExpired:
            raise Failure('unknot still running 10 s after its window was closed')
        if status != 0:
            raise Failure('unknot exited with status %d' % status)
        log('unknot exited with status 0')
    finally:
        stop_children()


def print_log(path):
    with open(path) as f:
        sys.stdout.write(f.read())
    sys.stdout.flush()


def main():
    global log_file

    if len(sys.argv) != 3:
        print('usage: atspi-editor.py UNKNOT LOGFILE', file=sys.stderr)
        return 2
    unknot, log_path = sys.argv[1], sys.argv[2]

    log_file = open(log_path, 'w')
    home = tempfile.mkdtemp(prefix='unknot-atspi-editor-')

    # `timeout` ends a hung test with SIGTERM: stop what was started and print the log.
    def on_sigterm(signum, frame):
        log('FAIL: timed out (SIGTERM)')
        stop_children()
        shutil.rmtree(home, ignore_errors=True)
        log_file.close()
        print_log(log_path)
        os._exit(1)
    signal.signal(signal.SIGTERM, on_sigterm)

    status = 1
    try:
        run(unknot, home)
        log('PASS')
        status = 0
    except Failure as e:
        log('FAIL: %s' % e)
    except Exception as e:
        log('FAIL: %s: %s' % (type(e).__name__, e))
    finally:
        shutil.rmtree(home, ignore_errors=True)
        log_file.close()

    print_log(log_path)
    return status


if __name__ == '__main__':
    sys.exit(main())
