#!/usr/bin/python3
# atspi-player.py: drives the real Unknot program through AT-SPI, as assistive technology would
#
# Usage (under tests/headless.sh with NO_AT_BRIDGE=0, wrapped in `timeout`):
#   /usr/bin/python3 atspi-player.py UNKNOT LOGFILE
#
# Starts the program with no arguments on a private home holding a short user routine (three
# steps of two seconds, no get-ready time), then, by role and accessible name only: dismisses the
# safety notice with its "I Understand" button, opens the routine's row in the library from the
# keyboard, presses "Start" (the player shows step 1), "Pause" (which must turn into "Resume"),
# "Resume" (back to "Pause"), waits for the routine to reach step 2 by itself, pauses it and
# presses "Next" (step 3) and "Next" again (the finish page: "Well done"), presses "Done" and
# closes the window; the program must exit with status 0. Any button or label not found within
# its time fails the test, naming it.
#
# The AT-SPI bus launcher is started here, with its output in the log, rather than activated by
# the session bus: the registry daemon it spawns can outlive the test, and must not hold the test
# runner's stdout open. Everything goes to LOGFILE; it is printed at the end.
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
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

ROUTINE_ID = 'atspi-test'
ROUTINE_NAME = 'AT-SPI test'
APP_ID_BASE = 'io.github.unknot.Unknot'

KEY_TAB = 0xff09
KEY_DOWN = 0xff54
KEY_RETURN = 0xff0d

ROUTINE = {
    'format': 1,
    'id': ROUTINE_ID,
    'name': ROUTINE_NAME,
    'description': 'Three steps of two seconds, for the AT-SPI test.',
    'preparation': 0,
    'steps': [
        {'technique': 'light-stroking', 'area': 'upper-back', 'duration': 2},
        {'technique': 'kneading', 'area': 'shoulders', 'duration': 2},
        {'technique': 'stretching', 'area': 'lower-back', 'duration': 2},
    ],
}

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
    error counts as not yet: the tree changes while it is walked (a dialog closing, a page
    built), and an object that went away in between answers "The application no longer
    exists"."""
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


# AT-SPI helpers

def fresh(accessible):
    # Names change under us (Pause becomes Resume): never trust libatspi's cache.
    try:
        accessible.clearCache()
    except Exception:
        pass
    return accessible


def visible(accessible):
    # GTK 4.8 reports no "showing" state for widgets inside a window; "visible" is the widget's
    # own visibility, true on a stack's hidden pages too.
    return fresh(accessible).getState().contains(pyatspi.STATE_VISIBLE)


def find_all(root, role, name=None):
    def match(accessible):
        if accessible is None:
            return False
        fresh(accessible)
        return accessible.getRoleName() == role and (name is None or accessible.name == name)
    return pyatspi.findAllDescendants(fresh(root), match)


def find(root, role, name):
    """The first visible accessible of role and name under root, or None."""
    for accessible in find_all(root, role, name):
        if visible(accessible):
            return accessible
    return None


def wait_find(root, role, name, timeout=10.0):
    return wait_for('a %s named "%s"' % (role, name), lambda: find(root, role, name), timeout)


def press(root, name, timeout=10.0):
    button = wait_find(root, 'push button', name, timeout)
    action = button.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if 'click' not in names:
        raise Failure('button "%s" has no click action (actions: %s)' % (name, names))
    if not action.doAction(names.index('click')):
        raise Failure('button "%s" refused its click action' % name)
    log('pressed "%s"' % name)
    return button


def focused(accessible):
    return fresh(accessible).getState().contains(pyatspi.STATE_FOCUSED)


def key(keysym, name):
    pyatspi.Registry.generateKeyboardEvent(keysym, None, pyatspi.KEY_SYM)
    log('key %s' % name)


def activate_row(window, name):
    """Opens a library row by keyboard, as a screen reader user would: GTK 4.8 gives list rows
    no AT-SPI action and cannot grab focus over AT-SPI, so Tab into the list, arrow down to the
    row and press Return."""
    row = wait_find(window, 'list item', name)
    for _ in range(10):
        if any(focused(r) for r in find_all(window, 'list item')):
            break
        key(KEY_TAB, 'Tab')
        time.sleep(0.15)
    else:
        raise Failure('Tab never reached the routine list')
    for _ in range(20):
        if focused(row):
            break
        key(KEY_DOWN, 'Down')
        time.sleep(0.15)
    else:
        raise Failure('the row "%s" never got the keyboard focus' % name)
    key(KEY_RETURN, 'Return')


def current_step(window):
    """The step the player's progress label shows, "Step N of 3 · 0:04 left"."""
    prefix = 'Step '
    suffix = ' of %d ' % len(ROUTINE['steps'])
    for label in find_all(window, 'label'):
        name = label.name
        if name.startswith(prefix) and suffix in name:
            return int(name[len(prefix):name.index(suffix)])
    raise Failure('no "Step N of %d" label in the player' % len(ROUTINE['steps']))


def wait_step(window, n, timeout):
    """Waits for the player's progress label, "Step N of 3 · 0:04 left"."""
    prefix = 'Step %d of %d ' % (n, len(ROUTINE['steps']))
    wait_for('the player at step %d ("%s…")' % (n, prefix),
             lambda: [a for a in find_all(window, 'label') if a.name.startswith(prefix)], timeout)
    log('player at step %d' % n)


# Processes

def hold_display():
    """Keeps a connection to the X server for the whole test. xvfb-run starts Xvfb without
    -noreset: when its last client leaves (the bus launcher does, once it has set its root window
    property) the server resets, and a program connecting at that moment fails with "cannot open
    display"."""
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
    # The program first, then the bus launcher, which runs in a session (process group) of its
    # own with its bus daemon; the registry daemon leaves when that bus goes.
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


def run(unknot, home):
    data_home = os.path.join(home, 'data')
    routines = os.path.join(data_home, APP_ID_BASE, 'routines')
    os.makedirs(routines)
    with open(os.path.join(routines, ROUTINE_ID + '.json'), 'w') as f:
        json.dump(ROUTINE, f, indent=2)

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

        # First start: the safety notice, dismissed by its button.
        dialog = wait_find(app, 'dialog', 'Before You Start')
        press(dialog, 'I Understand')
        wait_for('the safety notice to close',
                 lambda: find(app, 'dialog', 'Before You Start') is None, 5)
        log('safety notice closed')

        window = wait_find(app, 'frame', 'Unknot')
        activate_row(window, ROUTINE_NAME)

        # The routine's page lists its steps.
        steps = wait_find(window, 'list', 'Steps')
        wait_for('the three steps of "%s" on its page' % ROUTINE_NAME,
                 lambda: fresh(steps).childCount == len(ROUTINE['steps']), 5)
        log('routine page open with %d steps' % steps.childCount)

        # Start: the player shows the first step.
        press(window, 'Start')
        wait_step(window, 1, 5)

        press(window, 'Pause')
        wait_find(window, 'push button', 'Resume', 3)
        log('"Pause" became "Resume"')
        press(window, 'Resume')
        wait_find(window, 'push button', 'Pause', 3)
        log('"Resume" became "Pause"')

        # Running, the routine moves on by itself: a step lasts two seconds.
        wait_step(window, 2, 5)

        # Paused, only "Next" moves it: one step a press, then to the finish page. (Step 2 was
        # seen running; on a busy machine it may have ended before the pause took hold.)
        press(window, 'Pause')
        wait_find(window, 'push button', 'Resume', 3)
        step = current_step(window)
        log('paused at step %d' % step)
        for n in range(step + 1, len(ROUTINE['steps']) + 1):
            press(window, 'Next')
            wait_step(window, n, 3)
        press(window, 'Next')
        wait_find(window, 'label', 'Well done', 3)
        log('finish page: "Well done"')

        press(window, 'Done')

        # Close the window: the program must end cleanly.
        frame_actions = window.queryAction()
        names = [frame_actions.getName(i) for i in range(frame_actions.nActions)]
        if 'window.close' not in names:
            raise Failure('the window has no window.close action (actions: %s)' % names)
        try:
            frame_actions.doAction(names.index('window.close'))
        except GLib.Error as e:
            # The program may end before it has answered: its exit status tells.
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


def main():
    global log_file

    if len(sys.argv) != 3:
        print('usage: atspi-player.py UNKNOT LOGFILE', file=sys.stderr)
        return 2
    unknot, log_path = sys.argv[1], sys.argv[2]

    log_file = open(log_path, 'w')
    home = tempfile.mkdtemp(prefix='unknot-atspi-')

    # `timeout` ends a hung test with SIGTERM: stop what was started and print the log. (Raising
    # from here would be lost if the signal came in the middle of a D-Bus call.)
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


def print_log(path):
    with open(path) as f:
        sys.stdout.write(f.read())
    sys.stdout.flush()


if __name__ == '__main__':
    sys.exit(main())
