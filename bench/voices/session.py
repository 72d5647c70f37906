#!/usr/bin/env python3
"""Writes a soothe session script that speaks a passage: one `say:` per line of the passage,
each followed by a fixed pause (`after:`), no chime, no ambience.
Usage: session.py PASSAGE TITLE GAP_SECONDS > script.yaml"""
import json
import sys

from text import sentences

passage, title, gap = sys.argv[1], sys.argv[2], float(sys.argv[3])
print(f"title: {json.dumps(title, ensure_ascii=False)}")
print("steps:")
for s in sentences(passage):
    print(f"  - say: {json.dumps(s, ensure_ascii=False)}")
    if gap > 0:
        print(f"    after: {gap:g}s")
