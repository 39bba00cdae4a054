#!/usr/bin/python3
# What Unknot costs while it runs: CPU of a routine with the player on screen, peak memory
# against the minimal libadwaita window's, and wake-ups while no routine runs. CPU includes the
# speech helper's (the announcements are rendered in a process of their own), and the helper's
# own cost per announcement is measured apart. Run under tests/headless.sh.
# usage: bench-running.py UNKNOT [SECONDS [MINIMAL_WINDOW]]   (default 60 s of routine, 10 s idle)
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
minimal = sys.argv[3] if len(sys.argv) > 3 else None
ticks = os.sysconf("SC_CLK_TCK")

home = tempfile.mkdtemp(prefix="unknot-bench-")
settings = os.path.join(home, "config", "glib-2.0", "settings")
os.makedirs(settings)
with open(os.path.join(settings, "keyfile"), "w") as f:
    f.write("[io/github/unknot/Unknot]\nsafety-acknowledged=true\n")
routines = os.path.join(home, "data", "io.github.unknot.Unknot", "routines")
os.makedirs(routines)
# Steps that differ (technique, area, side, length), so that nearly every announcement is new
# and rendered by the speech helper, as in a real routine.
techniques = ["light-stroking", "swedish-strokes", "kneading", "stretching"]
areas = ["shoulders", "upper-back", "mid-back", "lower-back", "glutes"]
sides = ["both", "left", "right"]
steps = [{"technique": techniques[i % 4], "area": areas[i % 5], "side": sides[i % 3],
          "duration": 15 + i % 11, "instructions": "Slow and steady.",
          "cue": {"sound": "chime", "speak": True}}
         for i in range(60)]
with open(os.path.join(routines, "bench.json"), "w") as f:
    json.dump({"format": 1, "id": "bench", "name": "Benchmark", "description": "",
               "preparation": 0, "steps": steps}, f)
env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(home, "config"),
           XDG_DATA_HOME=os.path.join(home, "data"))


def cpu_seconds(pid, children=True):
    """utime + stime, and with @children those of the children it has waited for (the helper)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    own = int(fields[11]) + int(fields[12])
    waited = int(fields[13]) + int(fields[14]) if children else 0
    return (own + waited) / ticks


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
h0 = c0 - cpu_seconds(app.pid, children=False)
time.sleep(seconds)
c1, t1, w1 = cpu_seconds(app.pid), time.monotonic(), wakeups(app.pid)
h1 = c1 - cpu_seconds(app.pid, children=False)
print(f"routine running, player visible, {seconds:.0f} s: CPU {100 * (c1 - c0) / (t1 - t0):.2f}% "
      f"of one core, of which the speech helper {100 * (h1 - h0) / (t1 - t0):.2f}%; "
      f"{(w1 - w0) / (t1 - t0):.1f} wake-ups/s (all threads, audio included)")
peak = status_kib(app.pid, "VmHWM:") / 1024
print(f"memory: RSS now {status_kib(app.pid, 'VmRSS:') / 1024:.1f} MiB, peak {peak:.1f} MiB")
app.terminate()
app.wait()

# The speech helper, once, as the player runs it for an announcement: its time and peak memory.
helper = env.get("UNKNOT_SPEECH_HELPER")
if helper:
    t0 = time.monotonic()
    speak = subprocess.Popen([helper, "en"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             env=env)
    speak.stdin.write(b"Kneading. Shoulders, left side. 20 seconds.")
    speak.stdin.close()
    out = speak.stdout.read()
    _, status, usage = os.wait4(speak.pid, 0)   # this child's own resource use
    speak.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - t0
    print(f"speech helper, one announcement: {wall * 1000:.0f} ms, CPU "
          f"{(usage.ru_utime + usage.ru_stime) * 1000:.0f} ms, {len(out) / 2 / 48000:.2f} s of "
          f"sound, exit {speak.returncode}, peak RSS {usage.ru_maxrss / 1024:.1f} MiB, then it exits")

# The floor: the minimal libadwaita window, same X server and renderer, left open a while.
if minimal:
    floor = subprocess.Popen([minimal], env=env)
    time.sleep(4 + min(seconds, 10))
    floor_rss = status_kib(floor.pid, "VmRSS:") / 1024
    floor_peak = status_kib(floor.pid, "VmHWM:") / 1024
    floor.terminate()
    floor.wait()
    print(f"minimal window: RSS {floor_rss:.1f} MiB, peak {floor_peak:.1f} MiB")
    print(f"Unknot's peak over the routine / the minimal window's RSS: {peak / floor_rss:.3f}x "
          f"(target <= 1.15x); / its peak: {peak / floor_peak:.3f}x")
