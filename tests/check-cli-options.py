#!/usr/bin/python3
# check-cli-options.py: unknot refuses options that contradict each other
#
# Two actions at once (--list --start x, --validate with --list, --history --list...) exit with
# status 2 and a sentence naming both, before any routine is read or any window opens; a file
# without --validate and --csv without --history too. `--help` shows "[FILE…]" once.
#
# usage: check-cli-options.py UNKNOT
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import shutil
import subprocess
import sys
import tempfile

unknot = sys.argv[1]
home = tempfile.mkdtemp(prefix='unknot-cli-options-')
env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, 'data'),
           XDG_CONFIG_HOME=os.path.join(home, 'config'), LANGUAGE='en', LC_ALL='C.UTF-8')
env.pop('DISPLAY', None)
env.pop('WAYLAND_DISPLAY', None)
failures = []


def check(what, ok):
    print('%s %s' % ('ok' if ok else 'FAIL', what))
    if not ok:
        failures.append(what)


def run(*args):
    return subprocess.run([unknot] + list(args), capture_output=True, env=env, timeout=30)


routine = os.path.join(home, 'r.json')
with open(routine, 'w') as f:
    f.write('{"format": 1, "id": "r", "name": "R", "description": "",'
            ' "steps": [{"technique": "heat", "area": "neck", "duration": 60}]}\n')

for args, first, second in [
        (['--list', '--start', 'x'], 'list', 'start'),
        (['--start', 'x', '--list'], 'list', 'start'),
        (['--validate', '--list', routine], 'list', 'validate'),
        (['--history', '--list'], 'history', 'list'),
        (['--background', '--start', 'x'], 'background', 'start'),
        (['--version', '--validate', routine], 'version', 'validate')]:
    result = run(*args)
    err = result.stderr.decode('utf-8')
    name = ' '.join(a if a != routine else 'FILE' for a in args)
    check('%s exits with 2 (got %d)' % (name, result.returncode), result.returncode == 2)
    check('%s says "--%s and --%s cannot be used together" (got %r)' % (name, first, second, err),
          '--%s and --%s cannot be used together' % (first, second) in err)
    check('%s prints nothing on stdout' % name, result.stdout == b'')

result = run(routine)
check('a file without --validate is refused',
      result.returncode == 2 and '--validate' in result.stderr.decode('utf-8'))
result = run('--csv')
check('--csv without --history is refused',
      result.returncode == 2 and '--history' in result.stderr.decode('utf-8'))

# One action still works as before.
result = run('--validate', routine)
check('--validate FILE alone exits 0', result.returncode == 0)
result = run('--list')
check('--list alone exits 0', result.returncode == 0)

help_text = run('--help').stdout.decode('utf-8')
usage = [line for line in help_text.splitlines() if 'FILE' in line and 'OPTION' in line]
check('--help usage line names [FILE…] once (got %r)' % usage,
      len(usage) == 1 and usage[0].count('FILE') == 1)

shutil.rmtree(home)
if failures:
    print('%d failed' % len(failures))
    sys.exit(1)
