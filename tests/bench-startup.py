#!/usr/bin/python3
# Time from launch to the first frame drawn, and resident memory then, over several launches.
# Run under tests/headless.sh (an X server of its own). Each program is started with
# UNKNOT_BENCH_FIRST_FRAME=1, prints "first-frame-usec N" (monotonic) and "rss-kib N", and quits.
# Launches of the programs are interleaved, so a busy moment of the machine hits them alike.
# usage: bench-startup.py [--runs N] [--routines N] NAME=COMMAND [NAME=COMMAND...]
#   --routines N: also measure the last program with N routines of the user's in its library
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def make_home(n_routines):
    """A private home: settings as after the first start, and n_routines routines of the user's."""
    home = tempfile.mkdtemp(prefix="unknot-bench-")
    settings = os.path.join(home, "config", "glib-2.0", "settings")
    os.makedirs(settings)
    with open(os.path.join(settings, "keyfile"), "w") as f:
        f.write("[io/github/unknot/Unknot]\nsafety-acknowledged=true\n")
    routines = os.path.join(home, "data", "io.github.unknot.Unknot", "routines")
    os.makedirs(routines)
    for i in range(n_routines):
        steps = [{"technique": "kneading", "area": "shoulders", "side": "both",
                  "pressure": "medium", "tool": "hands", "duration": 60,
                  "instructions": f"Step {j + 1}: squeeze and roll the muscle slowly.",
                  "cue": {"sound": "chime", "speak": True}} for j in range(10)]
        with open(os.path.join(routines, f"routine-{i:04d}.json"), "w") as f:
            json.dump({"format": 1, "id": f"routine-{i:04d}", "name": f"Routine {i:04d}",
                       "description": "A generated routine.", "steps": steps}, f)
    return home


def launch(command, home):
    env = dict(os.environ, UNKNOT_BENCH_FIRST_FRAME="1", GSETTINGS_BACKEND="keyfile",
               XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"))
    start = time.monotonic_ns() // 1000
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    values = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    if "first-frame-usec" not in values:
        raise SystemExit(f"{command[0]}: no first frame reported (exit {out.returncode}):\n"
                         f"{out.stderr[-2000:]}")
    return (int(values["first-frame-usec"]) - start) / 1000.0, int(values.get("rss-kib", 0))


def main():
    args = sys.argv[1:]
    runs, routines = 10, 0
    while args and args[0].startswith("--"):
        if args[0] == "--runs":
            runs = int(args[1])
        elif args[0] == "--routines":
            routines = int(args[1])
        args = args[2:]

    programs = [(spec.split("=", 1)[0], spec.split("=", 1)[1].split()) for spec in args]
    empty = make_home(0)
    if routines:
        programs.append((f"{programs[-1][0]}+{routines}routines", programs[-1][1]))
        full = make_home(routines)
    homes = {name: (full if "+" in name else empty) for name, _ in programs}

    samples = {name: ([], []) for name, _ in programs}
    for name, command in programs:
        launch(command, homes[name])          # warm the caches once; not counted
    for _ in range(runs):
        for name, command in programs:
            t, r = launch(command, homes[name])
            samples[name][0].append(t)
            samples[name][1].append(r)

    medians = {}
    for name, _ in programs:
        times, rss = samples[name]
        medians[name] = (statistics.median(times), statistics.median(rss))
        print(f"{name}: first frame {medians[name][0]:.1f} ms (median of {runs}, "
              f"min {min(times):.1f}, max {max(times):.1f}), "
              f"RSS at first frame {medians[name][1] / 1024:.1f} MiB")
    base = programs[0][0]
    for name, _ in programs[1:]:
        print(f"ratio {name}/{base}: first frame {medians[name][0] / medians[base][0]:.2f}x, "
              f"RSS {medians[name][1] / medians[base][1]:.2f}x")


main()
