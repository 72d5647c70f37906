#!/usr/bin/env python3
"""Rewrites the "measured" column of the table in docs/sessions.md from `soothe list --json
--exact` (espeak-ng's real timing, the voice profiles in voices/), so the lengths shown are the
program's. Run from the repository root after building: python3 bench/sessions-table.py"""
import json, os, re, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
soothe = os.environ.get("SOOTHE", os.path.join(root, ".build/release/soothe"))
env = dict(os.environ, SOOTHE_HOME=root)
listing = json.loads(subprocess.run([soothe, "list", "--json", "--exact"], env=env, check=True,
                                    capture_output=True, text=True).stdout)
lengths = {s["id"]: s["length"] for s in listing}
path = os.path.join(root, "docs/sessions.md")
row = re.compile(r"^\| `([a-z0-9-]+)` \| ([^|]+) \| ([^|]+) \|")
out, seen = [], set()
for line in open(path, encoding="utf-8").read().split("\n"):
    m = row.match(line)
    if m and m.group(1) in lengths:
        seen.add(m.group(1))
        line = line[:m.start(3)] + lengths[m.group(1)] + line[m.end(3):]
    out.append(line)
missing = sorted(set(lengths) - seen)
if missing:
    sys.exit("docs/sessions.md has no row for: " + ", ".join(missing))
open(path, "w", encoding="utf-8").write("\n".join(out))
