#!/usr/bin/python3
# Fails when a catalogue misses a string, or when a bundled routine's or technique's text is
# missing from the template, or when po/data-strings.c is stale. Run with the source root.
# usage: check-translations.py SOURCE_ROOT
# SPDX-License-Identifier: GPL-3.0-or-later
import glob
import json
import os
import re
import subprocess
import sys

root = sys.argv[1]
po_dir = os.path.join(root, "po")
failures = []


def entries(path):
    """(context, msgid) -> translated? for every entry of a .po/.pot file (msgattrib parses)."""
    out = subprocess.run(["msgattrib", "--no-wrap", "--no-obsolete", path], check=True,
                         capture_output=True, text=True).stdout
    result = {}
    ctx = msgid = None
    translated = False
    fuzzy = False
    field = None
    values = {}

    def flush():
        if msgid is not None and msgid != "":
            result[(ctx, msgid)] = translated and not fuzzy

    for line in out.splitlines() + [""]:
        if line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith("msgctxt "):
            flush()
            ctx, msgid, translated, values = eval(line[8:]), None, False, {}
            field = "ctx"
        elif line.startswith("msgid "):
            if field not in ("ctx",):
                flush()
                ctx, translated, values = None, False, {}
            msgid = eval(line[6:])
            field = "id"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            value = eval(line.split(" ", 1)[1])
            key = line.split(" ", 1)[0]
            values[key] = value
            field = key
        elif line.startswith('"'):
            value = eval(line)
            if field == "id":
                msgid += value
            elif field == "ctx":
                ctx += value
            elif field and field.startswith("msgstr"):
                values[field] += value
        elif line == "":
            translated = bool(values) and all(v != "" for v in values.values())
            flush()
            ctx = msgid = None
            fuzzy = False
            field = None
            values = {}
    return result


template = entries(os.path.join(po_dir, "unknot.pot"))

# Every source file with translatable text is in POTFILES.in: a file split off another one (or a
# new template) takes its strings out of the template otherwise.
with open(os.path.join(po_dir, "POTFILES.in"), encoding="utf-8") as f:
    listed = {line.strip() for line in f if line.strip() and not line.startswith("#")}
marks = re.compile(r'\b(?:N?C?_|g_dngettext|g_dpgettext2)\s*\(|translatable="yes"')
for pattern in ("app/**/*.c", "media/*.c", "ui/*.ui"):
    for path in sorted(glob.glob(os.path.join(root, pattern), recursive=True)):
        name = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            if marks.search(f.read()) and name not in listed:
                failures.append(f"po/POTFILES.in lacks {name}, which has translatable text")

# The template is current: xgettext over the sources finds nothing it lacks.
stale = subprocess.run([sys.executable, os.path.join(po_dir, "extract-data.py"), "--check",
                        os.path.join(root, "data"), os.path.join(po_dir, "data-strings.c")],
                       capture_output=True, text=True)
if stale.returncode != 0:
    failures.append(stale.stderr.strip() or stale.stdout.strip())
fresh_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"unknot-fresh-{os.getpid()}.pot")
subprocess.run(["xgettext", "--files-from=" + os.path.join(po_dir, "POTFILES.in"),
                "--directory=" + root, "--from-code=UTF-8", "--add-comments",
                "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
                "--keyword=g_dpgettext2:2c,3", "--output=" + fresh_path], check=True)
fresh = entries(fresh_path)
os.unlink(fresh_path)
for ctx, msgid in sorted(set(fresh) - set(template), key=str)[:10]:
    failures.append(f"po/unknot.pot lacks {msgid[:60]!r}: run `ninja -C _build pot`")

# Every bundled text is in the template, with the context it is translated with at run time.
with open(os.path.join(root, "data", "techniques.json"), encoding="utf-8") as f:
    for t in json.load(f)["techniques"]:
        for key in ("name", "also-known-as", "summary", "how", "cautions"):
            if t.get(key) and ("technique", t[key]) not in template:
                failures.append(f"techniques.json: {t['id']}.{key} is not in po/unknot.pot")
for path in sorted(glob.glob(os.path.join(root, "data", "routines", "*.json"))):
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    texts = [("name", r["name"]), ("description", r["description"])]
    texts += [(f"steps[{i}].instructions", s.get("instructions", ""))
              for i, s in enumerate(r["steps"])]
    texts += [(f"steps[{i}].instructions-second-side", s.get("instructions-second-side", ""))
              for i, s in enumerate(r["steps"])]
    for where, text in texts:
        if text and ("routine", text) not in template:
            failures.append(f"{os.path.basename(path)}: {where} is not in po/unknot.pot")

# Every language has every string, none fuzzy.
with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
    languages = [line.strip() for line in f if line.strip() and not line.startswith("#")]
for lang in languages:
    catalogue = entries(os.path.join(po_dir, lang + ".po"))
    missing = [k for k in template if not catalogue.get(k, False)]
    for ctx, msgid in missing[:10]:
        failures.append(f"{lang}.po: not translated: {(ctx + ' | ') if ctx else ''}{msgid[:70]!r}")
    if len(missing) > 10:
        failures.append(f"{lang}.po: ... {len(missing)} strings not translated in all")

for failure in failures:
    print(failure)
print(f"{len(languages)} languages, {len(template)} strings: "
      f"{'OK' if not failures else str(len(failures)) + ' problems'}")
sys.exit(1 if failures else 0)
