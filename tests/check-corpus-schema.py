#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the loader's test corpus against the JSON Schema.

  check-corpus-schema.py SCHEMA CORPUS_DIR

Every CORPUS_DIR/good/*.json must pass the schema. Every CORPUS_DIR/bad/*.json must be
refused by Python's strict JSON reader (which here also refuses a key twice in one object)
or by the schema, except the few listed in APP_ONLY below, whose rule only the app can
check; those must pass the schema, so the list stays honest. Prints one line per file; exits 1 on any mismatch.
"""
import json
import os
import sys

from jsonschema import Draft202012Validator

# Bad files the schema cannot judge, and why.
APP_ONLY = {
    "technique-unknown.json": "technique ids live in the catalogue",
    "over-four-hours.json": "the total duration is a sum over the steps",
    "lone-surrogate.json": "Python reads a lone surrogate as a valid string",
    "deep-nesting.json": "the schema allows any value under an unknown key",
}


def unique_keys(pairs):
    """A JSON object whose keys are all different (json.load keeps the last of two)."""
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise ValueError(f"the key {k!r} appears twice")
    return dict(pairs)


def judge(validator, path):
    """None if the file passes the schema, else a short reason."""
    try:
        # utf-8-sig: the app accepts a byte order mark, so the check does too.
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f, object_pairs_hook=unique_keys)
    except (UnicodeDecodeError, ValueError) as e:
        return f"not JSON: {e}"
    errors = list(validator.iter_errors(data))
    if errors:
        return f"{errors[0].json_path}: {errors[0].message[:100]}"
    return None


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return False
    with open(argv[0], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    ok = True
    seen_app_only = set()

    for kind in ("good", "bad"):
        folder = os.path.join(argv[1], kind)
        names = sorted(n for n in os.listdir(folder) if n.endswith(".json"))
        if not names:
            print(f"{folder}: no corpus files")
            ok = False
        for name in names:
            reason = judge(validator, os.path.join(folder, name))
            if kind == "good":
                good = reason is None
                print(f"{'ok' if good else 'FAIL'} good/{name}" + ("" if good else f": {reason}"))
            elif name in APP_ONLY:
                seen_app_only.add(name)
                good = reason is None
                print(f"{'ok' if good else 'FAIL'} bad/{name}: app only ({APP_ONLY[name]})"
                      + ("" if good else f", but the schema refuses it too: {reason}"))
            else:
                good = reason is not None
                print(f"{'ok' if good else 'FAIL'} bad/{name}: "
                      + (reason if good else "the schema accepts it"))
            ok = ok and good

    for name in sorted(set(APP_ONLY) - seen_app_only):
        print(f"FAIL bad/{name}: listed as app only, but not in the corpus")
        ok = False
    return ok


if __name__ == "__main__":
    sys.exit(0 if main(sys.argv[1:]) else 1)
