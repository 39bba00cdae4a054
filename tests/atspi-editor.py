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
# What the AT-SPI drivers share (the bus launcher, the program, finding and pressing by role and
# name) is in atspi_common.py. Everything goes to LOGFILE; it is printed at the end.
#
# Copyright 2026 The Unknot developers
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import sys
import time

sys.dont_write_bytecode = True   # no __pycache__ beside the sources

from atspi_common import (  # noqa: E402 (this script's folder is first on sys.path)
    KEY_RETURN, Failure, find_all, find_dialog, focused, fresh, key, log, main, routines_dir,
    run_app, type_text, wait_find, wait_for)
from atspi_common import press as press_now  # noqa: E402

ROUTINE_NAME = 'Made over AT-SPI'


# Editor helpers (the AT-SPI ones are in atspi_common.py)

def press(root, name, timeout=10.0):
    """Presses the button once it is sensitive: the editor's Save and Start wait for a valid
    routine."""
    return press_now(root, name, timeout, wait_sensitive=True)


def set_spin(root, name, value):
    spin = wait_find(root, 'spin button', name)
    spin.queryValue().currentValue = float(value)
    wait_for('the spin button "%s" to read %s' % (name, value),
             lambda: fresh(spin).queryValue().currentValue == float(value), 30)
    log('set "%s" to %s' % (name, value))


def saved_routines(folder):
    found = []
    for path in sorted(glob.glob(os.path.join(folder, '*.json'))):
        with open(path) as f:
            found.append(json.load(f))
    return found


def run(unknot, home):
    run_app(unknot, home, lambda app: drive(app, routines_dir(home)))


def drive(app, routines):
    dialog = wait_for('the safety notice', lambda: find_dialog(app, 'Before You Start'))
    press(dialog, 'I Understand')
    wait_for('the safety notice to close',
             lambda: find_dialog(app, 'Before You Start') is None, 30)
    log('safety notice closed')

    window = wait_find(app, 'frame', 'Unknot')

    # A new routine: the editor opens with the keyboard in the name field, its text
    # selected, so typing replaces it.
    press(window, 'New Routine')
    editor = wait_find(window, None, 'Routine Editor', 30)
    wait_find(editor, 'text', 'Name', 30)
    time.sleep(0.5)   # GTK 4.8 does not tell AT-SPI which text field has the focus
    type_text(ROUTINE_NAME)
    wait_find(editor, 'label', '• ' + ROUTINE_NAME, 30)
    log('the editor\'s title shows "• %s"' % ROUTINE_NAME)

    # A step: the chooser opens with the keyboard on its first technique; Return adds it.
    press(editor, 'Add Step')
    chooser = wait_for('the technique chooser', lambda: find_dialog(app, 'Add a Step'), 30)
    wait_for('a technique row with the keyboard focus',
             lambda: any(focused(r) for r in find_all(chooser, 'list item')), 30)
    key(KEY_RETURN, 'Return')

    # The step editor opens on the new step: three seconds.
    step_editor = wait_for('the step editor', lambda: find_dialog(app, 'Edit Step'), 30)
    set_spin(step_editor, 'Minutes', 0)
    set_spin(step_editor, 'Seconds', 3)
    press(step_editor, 'Done')
    wait_for('the step editor to close', lambda: find_dialog(app, 'Edit Step') is None, 30)
    wait_find(editor, 'label', '0:03', 30)
    log('the total shows 0:03')

    # Save: the file on disk holds what was made.
    press(editor, 'Save')
    wait_find(editor, 'label', ROUTINE_NAME, 30)
    saved = wait_for('the routine file on disk', lambda: saved_routines(routines), 30)
    if len(saved) != 1 or saved[0]['name'] != ROUTINE_NAME \
            or [s['duration'] for s in saved[0]['steps']] != [3]:
        raise Failure('the saved routine is not the one made: %s' % saved)
    log('saved as %s.json' % saved[0]['id'])

    # Run it from the editor, to the finish page.
    # The routine is one step of three seconds on the real clock: "Next" ends it at once, and on
    # a machine slow enough for the step to end first, it ends by itself. Either way the finish
    # page must come; nothing here depends on how fast the machine is.
    press(editor, 'Start')
    wait_find(window, 'push button', 'Pause', 30)
    try:
        press_now(window, 'Next', 30)
        log('pressed "Next"')
    except Failure as e:
        log('"Next" not pressed (%s): the step may have ended by itself' % e)
    wait_find(window, 'label', 'Well done', 30)
    log('finish page')

    # Done: back in the editor; Back: the saved routine's page, with its one step.
    press(window, 'Done')
    press(editor, 'Back')
    wait_for('the routine\'s page ("3 s · 1 step")',
             lambda: [a for a in find_all(window, 'label')
                      if a.name.startswith('3 s · 1 step')], 30)
    log('on the routine\'s page')

    # Then the window is closed: the program must end cleanly.
    return window


if __name__ == '__main__':
    sys.exit(main('atspi-editor.py', 'unknot-atspi-editor-', run))
