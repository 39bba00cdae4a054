#!/usr/bin/python3
# check-plan-cli.py: `unknot --plan` on a private home
#
# A good request prints a routine that `unknot --validate` accepts and the schema too, lasting
# the minutes asked, with only the areas and tools asked; the same request prints the same bytes.
# Each bad request (an unknown area, side or tool, minutes missing, out of range or not a number,
# --plan with --start, --area without --plan) exits 1 with a message on stderr and nothing on
# stdout. With a journal whose rated runs favour trigger points on the shoulders, a plan that
# had no room for them takes them.
#
# usage: check-plan-cli.py UNKNOT SCHEMA
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sqlite3
import os
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator

unknot, schema_path = sys.argv[1], sys.argv[2]
home = tempfile.mkdtemp(prefix='unknot-plan-cli-')
env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, 'data'), LANGUAGE='en')
failures = []


def check(what, ok):
    print('%s %s' % ('ok' if ok else 'FAIL', what))
    if not ok:
        failures.append(what)


def run(*args):
    return subprocess.run([unknot] + list(args), capture_output=True, env=env, timeout=30)


good = ['--plan', '--area', 'lower-back', '--area', 'shoulders:right', '--minutes', '12',
        '--tool', 'ball', '--tool', 'heat-pack', '--firmness', 'firm']
first, second = run(*good), run(*good)
check('exit status 0', first.returncode == 0)
check('nothing on stderr', first.stderr == b'')
check('the same bytes twice', first.stdout == second.stdout and first.stdout != b'')
routine = json.loads(first.stdout)
check('format 1, id plan', routine.get('format') == 1 and routine.get('id') == 'plan')
with open(schema_path, encoding='utf-8') as f:
    errors = list(Draft202012Validator(json.load(f)).iter_errors(routine))
check('valid by the schema %s' % [e.message for e in errors], not errors)
steps = routine['steps']
check('12 minutes', sum(s['duration'] for s in steps) == 12 * 60)
check('only the areas asked',
      {s['area'] for s in steps} <= {'lower-back', 'shoulders', 'whole-back'})
check('only the tools at hand',
      {s.get('tool', 'hands') for s in steps} <= {'hands', 'ball', 'heat-pack', 'none'})
check('heat first', steps[0]['technique'] == 'heat')
check('the right shoulder before the left',
      any(a.get('side') == 'right' and b.get('side') == 'left' and a['area'] == 'shoulders'
          for a, b in zip(steps, steps[1:])))

path = os.path.join(home, 'plan.json')
with open(path, 'wb') as f:
    f.write(first.stdout)
validated = run('--validate', path)
check('--validate accepts it', validated.returncode == 0 and b'OK' in validated.stdout)

bad = {
    'unknown area': (['--plan', '--area', 'knee', '--minutes', '10'], 'no such area'),
    'side of the neck': (['--plan', '--area', 'neck:left', '--minutes', '10'],
                         'no left and right side'),
    'unknown side': (['--plan', '--area', 'glutes:top', '--minutes', '10'], 'left, right or both'),
    'no area': (['--plan', '--minutes', '10'], 'at least one area'),
    'no minutes': (['--plan', '--area', 'neck'], '--minutes N'),
    'minutes not a number': (['--plan', '--area', 'neck', '--minutes', 'ten'],
                             'not a whole number'),
    'minutes too few': (['--plan', '--area', 'neck', '--minutes', '4'], 'choose from 5 to 30'),
    'minutes too many': (['--plan', '--area', 'neck', '--minutes', '31'], 'choose from 5 to 30'),
    'unknown tool': (['--plan', '--area', 'neck', '--minutes', '10', '--tool', 'spoon'],
                     'no such tool'),
    'unknown firmness': (['--plan', '--area', 'neck', '--minutes', '10', '--firmness', 'hard'],
                         'gentle, medium or firm'),
    'with --start': (['--plan', '--area', 'neck', '--minutes', '10', '--start', 'desk-break'],
                     '--plan goes only with'),
    'with --list': (['--plan', '--area', 'neck', '--minutes', '10', '--list'],
                    '--plan goes only with'),
    '--area without --plan': (['--area', 'neck', '--minutes', '10'], 'go with --plan'),
}
for what, (args, message) in bad.items():
    result = run(*args)
    stderr = result.stderr.decode('utf-8')
    check('%s: exit 1, nothing on stdout, "%s" on stderr (%r)' % (what, message, stderr),
          result.returncode == 1 and result.stdout == b'' and message in stderr)

# The journal (version 3, as Unknot writes it) in the default place under XDG_DATA_HOME.
short = ['--plan', '--area', 'shoulders', '--minutes', '5']
plain = json.loads(run(*short).stdout)
check('without a journal: no trigger points on the shoulders',
      not any(s['technique'] == 'trigger-point' for s in plain['steps']))
folder = os.path.join(home, 'data', 'io.github.unknot.Unknot')
os.makedirs(folder)
db = sqlite3.connect(os.path.join(folder, 'journal.sqlite3'))
db.executescript('''
  CREATE TABLE runs (id INTEGER PRIMARY KEY, started INTEGER NOT NULL, ended INTEGER NOT NULL,
    routine_id TEXT NOT NULL, routine_name TEXT NOT NULL,
    steps_done INTEGER NOT NULL DEFAULT 0, steps_skipped INTEGER NOT NULL DEFAULT 0,
    steps_total INTEGER NOT NULL, seconds INTEGER NOT NULL DEFAULT 0,
    pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
    pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
    outcome INTEGER NOT NULL DEFAULT 0 CHECK (outcome IN (0, 1, 2)),
    note TEXT NOT NULL DEFAULT '', worked TEXT NOT NULL DEFAULT '');
  CREATE INDEX runs_by_start ON runs (started);
  PRAGMA user_version = 3;''')
for i, (before, after) in enumerate([(6, 3), (5, 3), (7, 4)]):
    db.execute('INSERT INTO runs (started, ended, routine_id, routine_name, steps_total,'
               ' pain_before, pain_after, outcome, worked)'
               " VALUES (?, ?, 'plan', 'Shoulders', 5, ?, ?, 1,"
               " 'light-stroking@shoulders,trigger-point@shoulders')",
               (1767258000 + i * 86400, 1767258300 + i * 86400, before, after))
db.commit()
db.close()
learned = run(*short)
check('with the journal: exit 0, nothing on stderr (%r)' % learned.stderr,
      learned.returncode == 0 and learned.stderr == b'')
check('with the journal: trigger points on the shoulders',
      any(s['technique'] == 'trigger-point' and s['area'] == 'shoulders'
          for s in json.loads(learned.stdout)['steps']))

if failures:
    sys.exit('%d failed' % len(failures))
