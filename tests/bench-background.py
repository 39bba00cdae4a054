#!/usr/bin/python3
# bench-background.py: what `unknot --background` costs while it waits for the next reminder
#
# Under tests/headless.sh, on a private home with reminders on (the next one about 23 hours
# away, so none falls in the measurement). After it has settled (the library read), prints its
# resident memory (RSS and PSS) and its wake-ups over SECONDS (60 by default), counted as the
# context switches of all its threads (/proc/PID/task/*/status: a thread that sleeps in poll()
# and wakes switches once each time), per thread and per hour.
# usage: bench-background.py UNKNOT [SECONDS]
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True

SETTLE = 10


def switches(pid):
    per_thread = {}
    for status in glob.glob('/proc/%d/task/*/status' % pid):
        try:
            with open(status) as f:
                fields = dict(line.split(':', 1) for line in f if ':' in line)
        except OSError:
            continue
        name = fields['Name'].strip()
        tid = status.split('/')[4]
        per_thread[(tid, name)] = (int(fields['voluntary_ctxt_switches'])
                                   + int(fields['nonvoluntary_ctxt_switches']))
    return per_thread


def memory(pid):
    with open('/proc/%d/status' % pid) as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith('VmRSS:'))
    with open('/proc/%d/smaps_rollup' % pid) as f:
        pss = next(int(line.split()[1]) for line in f if line.startswith('Pss:'))
    return rss, pss


def main():
    unknot = sys.argv[1]
    seconds = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    home = tempfile.mkdtemp(prefix='unknot-bench-background-')
    soon = (datetime.datetime.now() - datetime.timedelta(hours=1)).strftime('%H:%M')
    try:
        settings_dir = os.path.join(home, 'config', 'glib-2.0', 'settings')
        os.makedirs(settings_dir)
        with open(os.path.join(settings_dir, 'keyfile'), 'w') as f:
            f.write('[io/github/unknot/Unknot]\nsafety-acknowledged=true\n'
                    'reminders-enabled=true\nreminder-times=[\'%s\']\n'
                    'reminder-days=[\'monday\', \'tuesday\', \'wednesday\', \'thursday\', '
                    '\'friday\', \'saturday\', \'sunday\']\n' % soon)
        env = dict(os.environ, XDG_DATA_HOME=os.path.join(home, 'data'),
                   XDG_CONFIG_HOME=os.path.join(home, 'config'),
                   XDG_CACHE_HOME=os.path.join(home, 'cache'), GSETTINGS_BACKEND='keyfile')
        service = subprocess.Popen([unknot, '--background'], env=env)
        try:
            time.sleep(SETTLE)
            if service.poll() is not None:
                sys.exit('FAIL: the service ended (status %d)' % service.returncode)
            before = switches(service.pid)
            time.sleep(seconds)
            after = switches(service.pid)
            rss, pss = memory(service.pid)
        finally:
            service.terminate()
            service.wait()

        total = 0
        for key in sorted(after):
            n = after[key] - before.get(key, 0)
            total += n
            print('  thread %s (%s): %d wake-ups in %d s' % (key[0], key[1], n, seconds))
        print('background service, idle: RSS %.1f MiB, PSS %.1f MiB, %d threads' %
              (rss / 1024, pss / 1024, len(after)))
        print('background service, idle: %d wake-ups in %d s = %.0f an hour' %
              (total, seconds, total * 3600 / seconds))
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == '__main__':
    main()
