#!/usr/bin/python3
# check-history-cli.py: `unknot --history` and `unknot --history --csv` on a private home
#
# No journal: a sentence, and no journal made. A journal of runs whose names and notes have
# commas, quotes and line breaks (written by journal-helper tricky): the CSV export parsed by
# Python's own RFC 4180 reader gives back every field as written. The export reads the journal
# while another connection holds a write transaction open (the app running, in WAL mode). The
# table in German has German headings and outcomes.
#
# usage: check-history-cli.py UNKNOT JOURNAL-HELPER
# SPDX-License-Identifier: GPL-3.0-or-later
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

unknot, helper = sys.argv[1], sys.argv[2]
home = tempfile.mkdtemp(prefix='unknot-history-cli-')
env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, 'data'), LANGUAGE='en')
journal = os.path.join(home, 'data', 'io.github.unknot.Unknot', 'journal.sqlite3')
failures = []


def check(what, ok):
    print('%s %s' % ('ok' if ok else 'FAIL', what))
    if not ok:
        failures.append(what)


def history(*args, language='en'):
    result = subprocess.run([unknot, '--history'] + list(args), capture_output=True,
                            env=dict(env, LANGUAGE=language), timeout=30)
    check('exit status 0 for --history %s' % ' '.join(args), result.returncode == 0)
    return result.stdout.decode('utf-8')


try:
    out = history()
    check('no journal: says so', out == 'No runs in the journal yet.\n')
    check('no journal: none made', not os.path.exists(journal))

    expected = [json.loads(line) for line in
                subprocess.run([helper, 'tricky', journal], capture_output=True, check=True,
                               text=True).stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(history('--csv'), newline='')))
    check('one row a run, and a header', len(rows) == len(expected))
    by_id = {row['routine_id']: row for row in rows}
    for e in expected:
        row = by_id.get(e['routine_id'], {})
        check('%s: name %r' % (e['routine_id'], e['routine_name']),
              row.get('routine_name') == e['routine_name'])
        check('%s: note %r' % (e['routine_id'], e['note']), row.get('note') == e['note'])
        check('%s: seconds' % e['routine_id'], row.get('seconds') == str(e['seconds']))
        check('%s: pain' % e['routine_id'],
              row.get('pain_before') == ('' if e['pain_before'] < 0 else str(e['pain_before']))
              and row.get('pain_after') == str(e['pain_after']))
        started = datetime.datetime.fromisoformat(row.get('started', '1970-01-01T00:00:00+00'))
        check('%s: start time' % e['routine_id'], int(started.timestamp()) == e['started'])
        check('%s: finished' % e['routine_id'], row.get('outcome') == 'finished')

    # Read while another writer is in the middle of a transaction.
    holder = subprocess.Popen([helper, 'hold', journal], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    check('the other writer holds its transaction', holder.stdout.readline() == 'ready\n')
    rows = list(csv.DictReader(io.StringIO(history('--csv'), newline='')))
    check('read while written: every committed run', len(rows) == len(expected))
    holder.stdin.close()
    holder.wait(timeout=30)

    table = history(language='de')
    lines = table.splitlines()
    check('German table: headings', lines[0].startswith('Datum') and 'Schmerz' in lines[0])
    check('German table: outcome', 'Beendet' in table)
    check('table: a line a run, names on one line', len(lines) == 1 + len(expected)
          and any('Two lines' in line for line in lines))
finally:
    shutil.rmtree(home, ignore_errors=True)

sys.exit(1 if failures else 0)
