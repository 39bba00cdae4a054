#!/usr/bin/python3
# Wake-ups between cues: Unknot runs a routine of long steps (--start), and the voluntary context
# switches of all its threads, and of its speech helper if one runs then, are counted over 10 s
# of the first 90 s step after its announcement, with the busiest thread named. Run under
# tests/headless.sh (meson test --benchmark silence).
# usage: bench-silence.py UNKNOT
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

unknot = sys.argv[1]
home = tempfile.mkdtemp(prefix="unknot-bench-")
settings = os.path.join(home, "config", "glib-2.0", "settings")
os.makedirs(settings)
with open(os.path.join(settings, "keyfile"), "w") as f:
    f.write("[io/github/unknot/Unknot]\nsafety-acknowledged=true\n")
routines = os.path.join(home, "data", "io.github.unknot.Unknot", "routines")
os.makedirs(routines)
steps = [{"technique": "kneading", "area": "shoulders", "side": "none", "duration": 90,
          "cue": {"sound": "chime", "speak": True}} for _ in range(2)]
with open(os.path.join(routines, "bench.json"), "w") as f:
    json.dump({"format": 1, "id": "bench", "name": "Benchmark", "description": "",
               "preparation": 0, "steps": steps}, f)
env = dict(os.environ, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(home, "config"),
           XDG_DATA_HOME=os.path.join(home, "data"))
env.setdefault("UNKNOT_AUDIO_SINK", "fakesink sync=true")


def threads(pid):
    """{thread id: (name, voluntary context switches)} of @pid and its children."""
    result = {}
    pids = [pid]
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(path) as f:
                pids += [int(p) for p in f.read().split()]
        except FileNotFoundError:
            pass
    for p in pids:
        for status in glob.glob(f"/proc/{p}/task/*/status"):
            try:
                with open(status) as f:
                    fields = dict(line.split(":", 1) for line in f if ":" in line)
                result[(p, status)] = (fields["Name"].strip(),
                                       int(fields["voluntary_ctxt_switches"]))
            except (FileNotFoundError, KeyError, ValueError):
                pass
    return result


app = subprocess.Popen([unknot, "--start", "bench"], env=env)
time.sleep(30)   # launch, Start, the first announcement (with its how-to: long) said
t0, before = time.monotonic(), threads(app.pid)
time.sleep(10)
t1, after = time.monotonic(), threads(app.pid)
app.terminate()
app.wait()

seconds = t1 - t0
rates = {key: (name, (n - before.get(key, (name, 0))[1]) / seconds)
         for key, (name, n) in after.items()}
total = sum(rate for _, rate in rates.values())
name, busiest = max(rates.values(), key=lambda r: r[1])
print(f"between cues, {seconds:.1f} s: {total:.1f} wake-ups/s, app and helper, all threads "
      f"(goal < 20); busiest thread '{name}' {busiest:.1f}/s")
