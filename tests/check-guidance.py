#!/usr/bin/python3
# Reads the bundled routines and the technique catalogue as a physiotherapist would, and fails on
# guidance that is unsafe or incomplete:
#  - no step's words, and no technique text, put pressure on the spine, the front or sides of the
#    neck (the throat), the sciatic notch or the middle of the buttock, or the back of the knee;
#    a sentence that warns ("never on the spine", "stay away from the front of the neck") passes;
#  - every ball, cane and foam-roller step comes with a caution the person is given: its own
#    words say what to avoid or when to stop, or its technique's cautions (shown with the step)
#    do;
#  - a step on both sides whose words name a side (left or right) has words of its own for the
#    second side (`instructions-second-side`), not the first side's again;
# It checks itself first on bad and good examples, so that it cannot pass by accepting anything.
# usage: check-guidance.py DATA_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import json
import os
import re
import sys

# Places pressure must never go, as words would name them.
FORBIDDEN = [
    r"on (?:to )?(?:your|the) spine", r"on (?:your|the) backbone", r"on (?:your|the) vertebra",
    r"front of (?:your|the) neck", r"sides? of (?:your|the) throat", r"throat",
    r"sciatic", r"middle of (?:your|the) (?:left |right )?buttock",
    r"centre of (?:your|the) (?:left |right )?buttock", r"back of (?:your|the) knee",
]
# A sentence with one of these warns about the place rather than sending pressure there.
NEGATIONS = re.compile(r"\b(?:never|not|no|avoid|away from|off|stay off|keep off|instead of|"
                       r"beside|next to)\b", re.IGNORECASE)
# Words that tell the person what to avoid or when to stop.
CAUTION = re.compile(r"\b(?:never|avoid|away from|stay off|keep off|stop|ease off|move off|"
                     r"move out|move the ball|tingl\w*|numb\w*|sharp|shooting)\b", re.IGNORECASE)
PRESSURE_TOOLS = {"ball", "cane", "foam-roller"}
SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)


def side_problems(step):
    """What is missing for the second side of STEP, or None."""
    if step.get("kind", "work") == "rest" or step.get("side") != "both":
        return None
    first = step.get("instructions", "")
    second = step.get("instructions-second-side", "")
    if not SIDE_WORD.search(first):
        return None
    if not second:
        return "the words name a side and the second side has no words of its own"
    if second.strip() == first.strip():
        return "the second side's words are the first side's again"
    return None


def unsafe_sentences(text):
    """The sentences of TEXT that name a forbidden place without warning about it."""
    bad = []
    for sentence in re.split(r"(?<=[.!?:;])\s+", text or ""):
        for pattern in FORBIDDEN:
            if re.search(pattern, sentence, re.IGNORECASE) and not NEGATIONS.search(sentence):
                bad.append(sentence)
                break
    return bad


def self_test():
    bad = ["Sit with the ball under the middle of your left buttock.",
           "Press the ball on your spine and roll.", "Press gently on the front of the neck.",
           "Roll over the sciatic notch."]
    good = ["Never press on the spine.", "Stay away from the front of the neck.",
            "Put the ball on the muscle beside your spine.",
            "Keep the ball off the middle of your buttock."]
    for text in bad:
        assert unsafe_sentences(text), "the check accepts bad text: " + text
    for text in good:
        assert not unsafe_sentences(text), "the check refuses a warning: " + text
    assert side_problems({"side": "both", "instructions": "Right ear to the right shoulder."})
    assert side_problems({"side": "both", "instructions": "Left hand.",
                          "instructions-second-side": "Left hand."})
    assert not side_problems({"side": "both", "instructions": "Right ear down.",
                              "instructions-second-side": "Left ear down."})
    assert not side_problems({"side": "both", "instructions": "Tilt your head."})
    assert not side_problems({"kind": "rest", "instructions": "Rest your left hand."})
    assert CAUTION.search("Ease off if it gets sharp.")
    assert not CAUTION.search("Roll in small, slow movements.")


def main(data_dir):
    self_test()
    errors = []
    with open(os.path.join(data_dir, "techniques.json"), encoding="utf-8") as f:
        techniques = {t["id"]: t for t in json.load(f)["techniques"]}
    for tid, t in techniques.items():
        for key in ("summary", "how", "cautions"):
            for s in unsafe_sentences(t.get(key)):
                errors.append(f"techniques.json: {tid}: {key}: pressure on an unsafe place: “{s}”")
    for path in sorted(glob.glob(os.path.join(data_dir, "routines", "*.json"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            routine = json.load(f)
        for n, step in enumerate(routine["steps"], 1):
            where = f"{name}: step {n}"
            words = step.get("instructions", "")
            for key in ("instructions", "instructions-second-side"):
                for s in unsafe_sentences(step.get(key)):
                    errors.append(f"{where}: {key}: pressure on an unsafe place: “{s}”")
            missing = side_problems(step)
            if missing:
                errors.append(f"{where}: {missing}")
            if step.get("tool") in PRESSURE_TOOLS:
                technique = techniques.get(step.get("technique"), {})
                if not CAUTION.search(words) and not CAUTION.search(technique.get("cautions", "")):
                    errors.append(f"{where}: a {step['tool']} step with no caution in its words "
                                  "or its technique's cautions")
    for e in errors:
        print(e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
