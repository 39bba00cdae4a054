#!/usr/bin/python3
# Time from launch to the first frame drawn and to the routines' rows on screen, and resident
# memory, over several launches. Run under tests/headless.sh (an X server of its own). Each
# program is started with UNKNOT_BENCH_FIRST_FRAME=1 and UNKNOT_BENCH_ROUTINES=N, and prints
# "first-frame-usec T" (monotonic) and "rss-kib K"; Unknot prints "own-visible-usec T" and
# "rss-own-kib K" at the first frame that drew rows with routines of the user's in the list (it
# fills in as it is read), goes on until its library is loaded and a frame has drawn rows of it
# (with all N routines of the user's in it), prints "routines-visible-usec T" and
# "rss-visible-kib K", and two seconds later "rss-settled-kib K" (a minimal window prints the
# first two only and quits).
# Launches of the programs are interleaved, so a busy moment of the machine hits them alike.
# usage: bench-startup.py [--runs N] [--routines N[,N...]] NAME=COMMAND [NAME=COMMAND...]
#   --routines N,M: also measure the last program with N, then M routines of the user's
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


def launch(command, home, n_routines):
    env = dict(os.environ, UNKNOT_BENCH_FIRST_FRAME="1", UNKNOT_BENCH_ROUTINES=str(n_routines),
               GSETTINGS_BACKEND="keyfile",
               XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"))
    start = time.monotonic_ns() // 1000
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    values = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    if "first-frame-usec" not in values:
        raise SystemExit(f"{command[0]}: no first frame reported (exit {out.returncode}):\n"
                         f"{out.stderr[-2000:]}")
    sample = {"first": (int(values["first-frame-usec"]) - start) / 1000.0,
              "rss": int(values.get("rss-kib", 0))}
    if "routines-visible-usec" in values:
        sample["visible"] = (int(values["routines-visible-usec"]) - start) / 1000.0
        sample["after-first"] = sample["visible"] - sample["first"]
        sample["rss-visible"] = int(values["rss-visible-kib"])
        sample["rss-settled"] = int(values["rss-settled-kib"])
    if "own-visible-usec" in values:
        sample["own-after-first"] = ((int(values["own-visible-usec"]) - start) / 1000.0
                                     - sample["first"])
    return sample


def describe(name, samples, runs):
    def med(key):
        return statistics.median(s[key] for s in samples)
    text = (f"{name}: first frame {med('first'):.1f} ms (median of {runs}, "
            f"min {min(s['first'] for s in samples):.1f}, "
            f"max {max(s['first'] for s in samples):.1f}), RSS then {med('rss') / 1024:.1f} MiB")
    if "own-after-first" in samples[0]:
        text += (f"; the first of the user's routines on screen "
                 f"{med('own-after-first'):.1f} ms after the first frame "
                 f"(max {max(s['own-after-first'] for s in samples):.1f})")
    if "visible" in samples[0]:
        text += (f"; all routines on screen {med('visible'):.1f} ms "
                 f"({med('after-first'):.1f} ms after the first frame, "
                 f"max {max(s['after-first'] for s in samples):.1f}), "
                 f"RSS then {med('rss-visible') / 1024:.1f} MiB, "
                 f"2 s later {med('rss-settled') / 1024:.1f} MiB")
    return text


def main():
    args = sys.argv[1:]
    runs, counts = 10, []
    while args and args[0].startswith("--"):
        if args[0] == "--runs":
            runs = int(args[1])
        elif args[0] == "--routines":
            counts = [int(n) for n in args[1].split(",")]
        args = args[2:]

    programs = [(spec.split("=", 1)[0], spec.split("=", 1)[1].split(), 0) for spec in args]
    homes = {0: make_home(0)}
    last = programs[-1]
    for n in counts:
        programs.append((f"{last[0]}+{n}routines", last[1], n))
        homes[n] = make_home(n)

    samples = {name: [] for name, _, _ in programs}
    for name, command, n in programs:
        launch(command, homes[n], n)          # warm the caches once; not counted
    for _ in range(runs):
        for name, command, n in programs:
            samples[name].append(launch(command, homes[n], n))

    for name, _, _ in programs:
        print(describe(name, samples[name], runs))

    def med(name, key):
        return statistics.median(s[key] for s in samples[name])
    base = programs[0][0]
    for name, _, _ in programs[1:]:
        print(f"ratio {name}/{base}: first frame {med(name, 'first') / med(base, 'first'):.2f}x, "
              f"RSS at first frame {med(name, 'rss') / med(base, 'rss'):.2f}x")
    # The same window with none of the user's routines, against itself with many.
    unknot = [p for p in programs if "visible" in samples[p[0]][0]]
    if len(unknot) > 1:
        empty = unknot[0][0]
        for name, _, _ in unknot[1:]:
            if "own-after-first" in samples[name][0]:
                print(f"{name}: the first rows of the user's routines "
                      f"{med(name, 'own-after-first'):.1f} ms after the first frame "
                      f"(goal: within 300 ms)")
            print(f"ratio {name}/{empty}: all routines on screen "
                  f"{med(name, 'visible') / med(empty, 'visible'):.2f}x, "
                  f"RSS settled {med(name, 'rss-settled') / med(empty, 'rss-settled'):.2f}x "
                  f"(goal: RSS within 1.15x)")


main()
