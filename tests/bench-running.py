#!/usr/bin/python3
# What Unknot costs while it runs: CPU of a routine with the player on screen, peak memory,
# and wake-ups while no routine runs. Run under tests/headless.sh.
# usage: bench-running.py UNKNOT [SECONDS]   (default 60 s of routine, 10 s idle)
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

unknot = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0
ticks = os.sysconf("SC_CLK_TCK")

home = tempfile.mkdtemp(prefix="unknot-bench-")
settings = os.path.join(home, "config", "glib-2.0", "settings")
os.makedirs(settings)
with open(os.path.join(settings, "keyfile"), "w") as f:
    f.write("[io/github/unknot/Unknot]\nsafety-acknowledged=true\n")
routines = os.path.join(home, "data", "io.github.unknot.Unknot", "routines")
os.makedirs(routines)
steps = [{"technique": "kneading", "area": "shoulders", "side": "both", "duration": 20,
          "instructions": "Squeeze and roll the muscle.", "cue": {"sound": "chime", "speak": True}}
         for _ in range(60)]
with open(os.path.join(routines, "bench.json"), "w") as f:
    json.dump({"format": 1, "id": "bench", "name": "Benchmark", "description": "",
               "preparation": 0, "steps": steps}, f)
env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(home, "config"),
           XDG_DATA_HOME=os.path.join(home, "data"))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks


def wakeups(pid):
    """Context switches of every thread: each is a wake-up of the process."""
    total = 0
    for status in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            with open(status) as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key):
                return int(line.split()[1])
    return 0


# Idle: the library on screen, no routine.
app = subprocess.Popen([unknot], env=env)
time.sleep(4)
w0, c0, t0 = wakeups(app.pid), cpu_seconds(app.pid), time.monotonic()
time.sleep(10)
w1, c1, t1 = wakeups(app.pid), cpu_seconds(app.pid), time.monotonic()
print(f"idle (no routine): {(w1 - w0) / (t1 - t0):.2f} wake-ups/s, "
      f"CPU {100 * (c1 - c0) / (t1 - t0):.2f}% of one core")
app.terminate()
app.wait()

# A routine running, the player on screen, voice and ticks on.
app = subprocess.Popen([unknot, "--start", "bench"], env=env)
time.sleep(4)
c0, t0, w0 = cpu_seconds(app.pid), time.monotonic(), wakeups(app.pid)
time.sleep(seconds)
c1, t1, w1 = cpu_seconds(app.pid), time.monotonic(), wakeups(app.pid)
print(f"routine running, player visible, {seconds:.0f} s: CPU {100 * (c1 - c0) / (t1 - t0):.2f}% "
      f"of one core, {(w1 - w0) / (t1 - t0):.1f} wake-ups/s (all threads, audio included)")
print(f"memory: RSS now {status_kib(app.pid, 'VmRSS:') / 1024:.1f} MiB, "
      f"peak {status_kib(app.pid, 'VmHWM:') / 1024:.1f} MiB")
app.terminate()
app.wait()
