#!/usr/bin/python3
# atspi-player.py: drives the real Unknot program through AT-SPI, as assistive technology would
#
# Usage (under tests/headless.sh with NO_AT_BRIDGE=0, wrapped in `timeout`):
#   /usr/bin/python3 atspi-player.py UNKNOT LOGFILE
#
# Starts the program with no arguments on a private home holding a user routine (a first step of
# 15 seconds, then two of ten minutes, no get-ready time), then, by role and accessible name only:
# dismisses the safety notice with its "I Understand" button, opens the routine's row in the library from the
# keyboard, presses "Start" (the player shows step 1), "Pause" (which must turn into "Resume"),
# "Resume" (back to "Pause"), waits for the routine to reach step 2 by itself, pauses it and
# presses "Next" (step 3) and "Next" again (the finish page: "Well done"), presses "Done" and
# closes the window; the program must exit with status 0. Any button or label not found within
# its deadline fails the test, naming it.
#
# This is the one test of the whole program on the real clock, so it waits only for states, with
# deadlines a loaded one-core machine under the sanitizers meets: step 1 is long enough to be seen
# before it ends, and steps 2 and 3 last long enough that the routine never moves on while the
# test presses its buttons. Step 1 reaching step 2 by itself is the real clock at work.
#
# What the AT-SPI drivers share (the bus launcher, the program, finding and pressing by role and
# name) is in atspi_common.py. Everything goes to LOGFILE; it is printed at the end.
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys
import time

sys.dont_write_bytecode = True   # no __pycache__ beside the sources

from atspi_common import (  # noqa: E402 (this script's folder is first on sys.path)
    KEY_DOWN, KEY_RETURN, KEY_TAB, Failure, find, find_all, focused, fresh, key, log, main,
    press, routines_dir, run_app, wait_find, wait_for)

ROUTINE_ID = 'atspi-test'
ROUTINE_NAME = 'AT-SPI test'

ROUTINE = {
    'format': 1,
    'id': ROUTINE_ID,
    'name': ROUTINE_NAME,
    'description': 'A short step, then two long ones, for the AT-SPI test.',
    'preparation': 0,
    'steps': [
        {'technique': 'light-stroking', 'area': 'upper-back', 'duration': 15},
        {'technique': 'kneading', 'area': 'shoulders', 'duration': 600},
        {'technique': 'stretching', 'area': 'lower-back', 'duration': 600},
    ],
}


# What the first-start notice must name (issue 17): when to see a professional first, when to
# ask first, when to stop, and where never to press.
RED_FLAGS = ['not medical care', 'severe, sudden or lasting', 'at night or at rest',
             'after a fall or an injury', 'weakness in an arm or a leg',
             'between the legs or around the buttocks', 'bladder or bowel', 'fever',
             'weight loss', 'cancer', 'osteoporosis', 'blood thinners', 'bruise easily',
             'pregnant', 'shooting or electric pain', 'dizzy', 'sight changes',
             'the spine itself', 'front or sides of the neck', 'back of the knee',
             'varicose veins', '15 to 20 minutes', 'fall asleep on a heat pack']


# Player helpers (the AT-SPI ones are in atspi_common.py)

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


def wait_step(window, n, timeout):
    """Waits for the player's progress label, "Step N of 3 · 0:04 left"."""
    prefix = 'Step %d of %d ' % (n, len(ROUTINE['steps']))
    wait_for('the player at step %d ("%s…")' % (n, prefix),
             lambda: [a for a in find_all(window, 'label') if a.name.startswith(prefix)], timeout)
    log('player at step %d' % n)


def run(unknot, home):
    routines = routines_dir(home)
    os.makedirs(routines)
    with open(os.path.join(routines, ROUTINE_ID + '.json'), 'w') as f:
        json.dump(ROUTINE, f, indent=2)
    run_app(unknot, home, drive)


def drive(app):
    # First start: the safety notice, with every red flag for self-massage of the back and neck,
    # dismissed by its button.
    dialog = wait_find(app, 'dialog', 'Before You Start')
    said = ' '.join(label.name or '' for label in find_all(dialog, 'label'))
    missing = [flag for flag in RED_FLAGS if flag not in said]
    if missing:
        raise Failure('the safety notice does not mention: %s' % ', '.join(missing))
    log('the safety notice names all %d red flags' % len(RED_FLAGS))
    press(dialog, 'I Understand')
    wait_for('the safety notice to close',
             lambda: find(app, 'dialog', 'Before You Start') is None, 5)
    log('safety notice closed')

    window = wait_find(app, 'frame', 'Unknot')
    activate_row(window, ROUTINE_NAME)

    # The routine's page lists its steps, after its introduction (name, facts, Start).
    steps = wait_find(window, 'list', 'Steps')
    wait_for('the three steps of "%s" on its page' % ROUTINE_NAME,
             lambda: fresh(steps).childCount == 1 + len(ROUTINE['steps']), 5)
    log('routine page open with %d steps' % (steps.childCount - 1))

    # Start: the player shows the first step.
    press(window, 'Start')
    wait_step(window, 1, 15)

    press(window, 'Pause', 30)
    wait_find(window, 'push button', 'Resume', 30)
    log('"Pause" became "Resume"')
    press(window, 'Resume')
    wait_find(window, 'push button', 'Pause', 30)
    log('"Resume" became "Pause"')

    # Running, the routine moves on by itself, on the real clock: step 1 lasts 15 seconds.
    wait_step(window, 2, 60)

    # Paused, only "Next" moves it: one step a press, then to the finish page.
    press(window, 'Pause')
    wait_find(window, 'push button', 'Resume', 30)
    wait_step(window, 2, 30)
    log('paused at step 2')
    press(window, 'Next')
    wait_step(window, 3, 30)
    press(window, 'Next')
    wait_find(window, 'label', 'Well done', 30)
    log('finish page: "Well done"')

    press(window, 'Done')

    # Then the window is closed: the program must end cleanly.
    return window


if __name__ == '__main__':
    sys.exit(main('atspi-player.py', 'unknot-atspi-', run))
