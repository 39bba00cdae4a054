#!/usr/bin/python3
# check-background.py: `unknot --background`, the real program, as the session starts it at login
#
# Under tests/headless.sh (its own session bus and X server), on a private home with the settings
# in a keyfile, so that `gsettings` in another process changes them as the desktop would:
#   - reminders off: it says so and ends at once;
#   - reminders on: it stays, with no window, writes the autostart entry, and owns the bus name;
#     a second `unknot --background` ends at once (one instance);
#   - `unknot` then opens the window in that same process; app.quit closes it and the process
#     stays (the reminders' hold);
#   - reminders turned off with gsettings: the process ends by itself, the entry is gone.
# Deadlines are generous (a loaded machine, the sanitizers); nothing here is timed.
# usage: check-background.py UNKNOT
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True

APP_ID = 'io.github.unknot.Unknot'
OBJECT_PATH = '/io/github/unknot/Unknot'
DEADLINE = 60


def wait_for(what, predicate):
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        if predicate():
            print('ok: ' + what)
            return
        time.sleep(0.1)
    sys.exit('FAIL: ' + what)


def gdbus(*args):
    return subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID] + list(args),
                          capture_output=True, text=True)


def n_windows():
    # GtkApplication exports each window under OBJECT_PATH/window/N.
    out = subprocess.run(['gdbus', 'introspect', '--session', '--dest', APP_ID, '--object-path',
                          OBJECT_PATH + '/window'], capture_output=True, text=True).stdout
    # The first line is that node itself; its children are indented.
    return sum(1 for line in out.splitlines()[1:] if line.strip().startswith('node '))


def name_owned():
    out = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                          '--object-path', '/org/freedesktop/DBus', '--method',
                          'org.freedesktop.DBus.NameHasOwner', APP_ID],
                         capture_output=True, text=True).stdout
    return 'true' in out


def main():
    unknot = sys.argv[1]
    home = tempfile.mkdtemp(prefix='unknot-background-')
    procs = []
    try:
        settings_dir = os.path.join(home, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings_dir)
        keyfile = os.path.join(settings_dir, 'keyfile')
        with open(keyfile, 'w') as f:
            f.write('[io/github/unknot/Unknot]\nsafety-acknowledged=true\n')
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, 'data'),
                   XDG_CONFIG_HOME=os.path.join(home, 'config'),
                   XDG_CACHE_HOME=os.path.join(home, 'cache'), GSETTINGS_BACKEND='keyfile')
        autostart = os.path.join(home, 'config', 'autostart', APP_ID + '.desktop')

        # Off: nothing to do.
        off = subprocess.run([unknot, '--background'], env=env, capture_output=True, text=True,
                             timeout=DEADLINE)
        if off.returncode != 0 or 'Reminders are off' not in off.stderr:
            sys.exit('FAIL: --background with reminders off: %d %r' % (off.returncode, off.stderr))
        print('ok: reminders off: it ends at once, saying why')
        if os.path.exists(autostart):
            sys.exit('FAIL: an autostart entry with reminders off')

        with open(keyfile, 'a') as f:
            f.write('reminders-enabled=true\n')
        service = subprocess.Popen([unknot, '--background'], env=env)
        procs.append(service)
        wait_for('reminders on: the service owns %s' % APP_ID, name_owned)
        wait_for('the autostart entry is written', lambda: os.path.exists(autostart))
        with open(autostart) as f:
            if 'Exec=unknot --background\n' not in f.read():
                sys.exit('FAIL: the autostart entry does not start unknot --background')
        time.sleep(1)
        if service.poll() is not None or n_windows() != 0:
            sys.exit('FAIL: the service ended or opened a window')
        print('ok: it stays, with no window')

        second = subprocess.run([unknot, '--background'], env=env, timeout=DEADLINE)
        if second.returncode != 0 or service.poll() is not None:
            sys.exit('FAIL: a second --background: %d' % second.returncode)
        print('ok: a second --background ends at once; one instance')

        subprocess.run([unknot], env=env, timeout=DEADLINE)
        wait_for('`unknot` opens the window in the service', lambda: n_windows() == 1)
        gdbus('--object-path', OBJECT_PATH, '--method', 'org.gtk.Actions.Activate', 'quit', '[]',
              '{}')
        wait_for('app.quit closes it', lambda: n_windows() == 0)
        time.sleep(1)
        if service.poll() is not None:
            sys.exit('FAIL: closing the window ended the reminders')
        print('ok: the service stays once the window is closed')

        subprocess.run(['gsettings', 'set', APP_ID, 'reminders-enabled', 'false'], env=env,
                       check=True)
        wait_for('reminders turned off elsewhere: the service ends',
                 lambda: service.poll() is not None)
        if service.returncode != 0:
            sys.exit('FAIL: the service ended with status %d' % service.returncode)
        wait_for('the autostart entry is removed', lambda: not os.path.exists(autostart))
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == '__main__':
    main()
