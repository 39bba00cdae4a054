#!/usr/bin/python3
# Time from launch to the first frame drawn, and resident memory then, over several launches.
# Run under tests/headless.sh (an X server of its own). Each program is started with
# UNKNOT_BENCH_FIRST_FRAME=1, prints "first-frame-usec N" (monotonic) and "rss-kib N", and quits.
# usage: bench-startup.py [--runs N] NAME=COMMAND [NAME=COMMAND...]
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import statistics
import subprocess
import sys
import time


def launch(command):
    env = dict(os.environ, UNKNOT_BENCH_FIRST_FRAME="1")
    start = time.monotonic_ns() // 1000
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    values = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    if "first-frame-usec" not in values:
        raise SystemExit(f"{command[0]}: no first frame reported (exit {out.returncode}):\n"
                         f"{out.stderr[-2000:]}")
    return (int(values["first-frame-usec"]) - start) / 1000.0, int(values.get("rss-kib", 0))


def main():
    args = sys.argv[1:]
    runs = 10
    if args[:1] == ["--runs"]:
        runs = int(args[1])
        args = args[2:]
    results = {}
    for spec in args:
        name, command = spec.split("=", 1)
        launch(command.split())   # warm the caches once; not counted
        times, rss = [], []
        for _ in range(runs):
            t, r = launch(command.split())
            times.append(t)
            rss.append(r)
        results[name] = (statistics.median(times), statistics.median(rss))
        print(f"{name}: first frame {results[name][0]:.1f} ms (median of {runs}, "
              f"min {min(times):.1f}, max {max(times):.1f}), "
              f"RSS at first frame {results[name][1] / 1024:.1f} MiB")
    names = list(results)
    for other in names[1:]:
        print(f"ratio {other}/{names[0]}: first frame "
              f"{results[other][0] / results[names[0]][0]:.2f}x, "
              f"RSS {results[other][1] / results[names[0]][1]:.2f}x")


main()
