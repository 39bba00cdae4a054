# atspi_common.py: what the AT-SPI drivers (atspi-player.py, atspi-editor.py) share
#
# Logging to the driver's LOGFILE, waiting with a deadline, finding and pressing accessibles by
# role and name, starting the AT-SPI bus launcher and the program on a private home, holding the
# X display, closing the window and stopping what was started, and the driver's main().
#
# The AT-SPI bus launcher is started here, with its output in the log, rather than activated by
# the session bus: the registry daemon it spawns can outlive the test, and must not hold the test
# runner's stdout open.
#
# Imported from the driver's own folder (Python puts a script's folder first on sys.path).
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# The program under test runs with G_DEBUG=fatal-warnings; the drivers do not: a warning of the
# AT-SPI client library (pyatspi's dbind) is not the program's fault. Taken out before pyatspi is
# imported, and given back to the program in app_env().
APP_G_DEBUG = os.environ.pop('G_DEBUG', None)

import pyatspi  # noqa: E402
from gi.repository import Gio, GLib  # noqa: E402

APP_ID_BASE = 'io.github.unknot.Unknot'

KEY_TAB = 0xff09
KEY_DOWN = 0xff54
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


# AT-SPI helpers. GTK 4.8 reports no "showing" state inside a window, and the pages of a stack
# that are not shown are in the tree too: a name is looked for under the part of the window that
# holds it (a page's own group, a dialog).

def fresh(accessible):
    # Names change under us (Pause becomes Resume): never trust libatspi's cache.
    try:
        accessible.clearCache()
    except Exception:
        pass
    return accessible


def visible(accessible):
    # "visible" is the widget's own visibility, true on a stack's hidden pages too.
    return fresh(accessible).getState().contains(pyatspi.STATE_VISIBLE)


def find_all(root, role, name=None):
    """The accessibles under root of role (any for None) and name (any for None)."""
    def match(accessible):
        if accessible is None:
            return False
        fresh(accessible)
        return (role is None or accessible.getRoleName() == role) \
            and (name is None or accessible.name == name)
    # Our own walk rather than pyatspi.findAllDescendants(), which stops with a TypeError when
    # a child goes away under it (the routine page lets its rows go as the player shows).
    found = []

    def walk(accessible):
        try:
            n = accessible.childCount
        except Exception:
            return
        for i in range(n):
            try:
                child = accessible.getChildAtIndex(i)
            except Exception:
                continue
            if child is None:
                continue
            if match(child):
                found.append(child)
            walk(child)

    walk(fresh(root))
    return found


def find(root, role, name):
    """The first visible accessible of role and name under root, or None."""
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


def press(root, name, timeout=10.0, wait_sensitive=False):
    """Clicks the visible button named name under root, through its AT-SPI action; with
    wait_sensitive, once it is sensitive (within 30 s: a deadline for a loaded machine)."""
    button = wait_find(root, 'push button', name, timeout)
    action = button.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    if 'click' not in names:
        raise Failure('button "%s" has no click action (actions: %s)' % (name, names))
    if wait_sensitive:
        wait_for('button "%s" to be sensitive' % name,
                 lambda: fresh(button).getState().contains(pyatspi.STATE_SENSITIVE), 30)
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


def data_home(home):
    return os.path.join(home, 'data')


def routines_dir(home):
    """Where the program finds the user's routines on the private home."""
    return os.path.join(data_home(home), APP_ID_BASE, 'routines')


def app_env(home):
    """The program's environment: this one, its G_DEBUG back, the private home's XDG folders and
    the AT-SPI bridge on."""
    env = dict(os.environ)
    if APP_G_DEBUG is not None:
        env['G_DEBUG'] = APP_G_DEBUG
    env.update({
        'XDG_DATA_HOME': data_home(home),
        'XDG_CONFIG_HOME': os.path.join(home, 'config'),
        'XDG_CACHE_HOME': os.path.join(home, 'cache'),
        'NO_AT_BRIDGE': '0',
    })
    env.pop('GTK_A11Y', None)
    return env


def close_window(window, app_process):
    """Closes the window through its window.close action: the program must end cleanly."""
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


def run_app(unknot, home, drive):
    """Starts unknot on home under an AT-SPI bus of its own, waits for it on the bus and hands
    the application's accessible to drive, which returns the main window's; then closes that
    window (the program must exit with status 0). Whatever happens, what was started is
    stopped."""
    env = app_env(home)
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

        close_window(drive(app), app_process)
    finally:
        stop_children()


# The driver's main()

def print_log(path):
    with open(path) as f:
        sys.stdout.write(f.read())
    sys.stdout.flush()


def main(script, home_prefix, run):
    """Usage: script UNKNOT LOGFILE. Calls run(unknot, home) on a fresh private home, logs PASS
    or FAIL, prints the log and returns the exit status."""
    global log_file

    if len(sys.argv) != 3:
        print('usage: %s UNKNOT LOGFILE' % script, file=sys.stderr)
        return 2
    unknot, log_path = sys.argv[1], sys.argv[2]

    log_file = open(log_path, 'w')
    home = tempfile.mkdtemp(prefix=home_prefix)

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
