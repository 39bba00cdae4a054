#!/usr/bin/python3
# The bundled routines' guidance, read as a person following it would: a step on both sides
# whose words name a side (left or right) has words of its own for the second side, and they are
# not the first side's words again. Run with the routine files; --self-test first checks that the
# check finds a bad step, so it cannot pass by finding nothing.
# usage: check-guidance.py [--self-test] ROUTINE.json...
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import re
import sys

SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)


def problems(name, routine):
    """Every problem of @routine, each as "NAME, step N: what"."""
    found = []
    for n, step in enumerate(routine.get("steps", []), 1):
        if step.get("kind", "work") == "rest" or step.get("side") != "both":
            continue
        first = step.get("instructions", "")
        second = step.get("instructions-second-side", "")
        if SIDE_WORD.search(first):
            if not second:
                found.append("%s, step %d: the words name a side (“%s”) and the second side has "
                             "no words of its own" % (name, n, first[:60]))
            elif second.strip() == first.strip():
                found.append("%s, step %d: the second side's words are the first side's again"
                             % (name, n))
    return found


def self_test():
    bad = {"steps": [
        {"technique": "stretching", "area": "neck", "side": "both", "duration": 60,
         "instructions": "Tilt your right ear to your right shoulder."},
        {"technique": "stretching", "area": "neck", "side": "both", "duration": 60,
         "instructions": "Left hand on the left shoulder.",
         "instructions-second-side": "Left hand on the left shoulder."},
    ]}
    good = {"steps": [
        {"technique": "stretching", "area": "neck", "side": "both", "duration": 60,
         "instructions": "Tilt your right ear to your right shoulder.",
         "instructions-second-side": "Tilt your left ear to your left shoulder."},
        {"technique": "stretching", "area": "neck", "side": "both", "duration": 60,
         "instructions": "Tilt your head, slowly."},
        {"kind": "rest", "duration": 20, "instructions": "Rest your left hand."},
    ]}
    assert len(problems("bad", bad)) == 2, problems("bad", bad)
    assert problems("good", good) == [], problems("good", good)
    print("self-test: the check finds both bad steps and passes the good ones")


def main(args):
    if args and args[0] == "--self-test":
        self_test()
        args = args[1:]
    failures = []
    for path in args:
        with open(path, encoding="utf-8") as f:
            failures += problems(path.rsplit("/", 1)[-1], json.load(f))
    for failure in failures:
        print(failure)
    print("%d routines, %d problems" % (len(args), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
