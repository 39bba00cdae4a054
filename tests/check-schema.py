#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check Unknot data files.

  check-schema.py SCHEMA FILE...
      Validate each JSON FILE against the JSON Schema (draft 2020-12) SCHEMA.
  check-schema.py --coverage TECHNIQUES_JSON ROUTINE...
      Check what the schema cannot: technique ids are unique and every id a
      routine uses exists, each routine's id matches its file name and lasts
      at most 4 hours, and the routines together cover every technique and
      every area. Run it on files that already pass the schema check.

  check-schema.py --sequence SCHEMA FILE
      Validate each JSON text of FILE, a JSON text sequence (RFC 7464: each text
      after an RS character, 0x1E), against SCHEMA: many routines in one file,
      checked on every CPU.

Prints "OK path" per good file, or one line per error; exits 1 on any error.
"""
import json
import multiprocessing
import os
import sys

from jsonschema import Draft202012Validator

AREAS = ["neck", "shoulders", "upper-back", "mid-back", "lower-back", "glutes", "whole-back"]
MAX_TOTAL = 4 * 60 * 60


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_schema(schema_path, paths):
    schema = load(schema_path)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    ok = True
    for path in paths:
        try:
            errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        except (OSError, ValueError) as e:
            errors, ok = [], False
            print(f"{path}: {e}")
            continue
        for e in errors:
            msg = e.message if len(e.message) <= 200 else e.message[:120] + " ... " + e.message[-60:]
            print(f"{path}: {e.json_path}: {msg}")
        ok = ok and not errors
        if not errors:
            print(f"OK {path}")
    return ok


_validator = None


def _init_worker(schema):
    global _validator
    _validator = Draft202012Validator(schema)


def _errors_of(item):
    number, text = item
    try:
        document = json.loads(text)
    except ValueError as e:
        return number, [f"not JSON: {e}"]
    return number, [f"{e.json_path}: {e.message[:200]}"
                    for e in sorted(_validator.iter_errors(document), key=lambda e: list(e.path))]


def check_sequence(schema_path, path):
    schema = load(schema_path)
    Draft202012Validator.check_schema(schema)
    with open(path, encoding="utf-8") as f:
        texts = [t for t in f.read().split("\x1e") if t.strip()]
    if not texts:
        print(f"{path}: no JSON texts")
        return False
    with multiprocessing.Pool(os.cpu_count() or 1, _init_worker, (schema,)) as pool:
        results = pool.map(_errors_of, enumerate(texts, 1), chunksize=256)
    bad = 0
    for number, errors in results:
        for e in errors:
            print(f"{path}: text {number}: {e}")
        bad += 1 if errors else 0
    if bad == 0:
        print(f"OK {path}: all {len(texts)} routines")
    return bad == 0


def check_coverage(techniques_path, paths):
    errors = []
    ids = [t["id"] for t in load(techniques_path)["techniques"]]
    errors += [f"{techniques_path}: duplicate technique id '{i}'"
               for i in sorted({i for i in ids if ids.count(i) > 1})]
    used_techniques, used_areas = set(), set()
    for path in paths:
        routine = load(path)
        steps = routine["steps"]
        name = os.path.splitext(os.path.basename(path))[0]
        if routine["id"] != name:
            errors.append(f"{path}: id '{routine['id']}' does not match the file name")
        total = sum(s["duration"] for s in steps)
        if total > MAX_TOTAL:
            errors.append(f"{path}: total {total} s is over 4 hours")
        for n, step in enumerate(steps):
            if step.get("kind", "work") != "work":
                continue
            used_techniques.add(step["technique"])
            used_areas.add(step["area"])
            if step["technique"] not in ids:
                errors.append(f"{path}: $.steps[{n}].technique: unknown technique '{step['technique']}'")
        if not any(e.startswith(path + ":") for e in errors):
            print(f"OK {path} ({len(steps)} steps, {total} s)")
    errors += [f"no routine uses technique '{i}'" for i in ids if i not in used_techniques]
    errors += [f"no routine covers area '{a}'" for a in AREAS if a not in used_areas]
    for e in errors:
        print(e)
    return not errors


def main(argv):
    if len(argv) >= 3 and argv[0] == "--coverage":
        return check_coverage(argv[1], argv[2:])
    if len(argv) == 3 and argv[0] == "--sequence":
        return check_sequence(argv[1], argv[2])
    if len(argv) >= 2 and not argv[0].startswith("-"):
        return check_schema(argv[0], argv[1:])
    print(__doc__.strip(), file=sys.stderr)
    return False


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1:]) else 1)
