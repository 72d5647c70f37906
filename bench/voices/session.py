#!/usr/bin/env python3
"""Writes a soothe session script that speaks a passage, no chime, no ambience:
  session.py PASSAGE TITLE GAP_SECONDS            one `say:` per line of the passage, each
                                                  followed by GAP_SECONDS (`after:`)
  session.py PASSAGE TITLE 0 paragraph            the whole passage as one `say:` (the voice's
                                                  own pauses between sentences)"""
import json
import sys

from text import sentences

passage, title, gap = sys.argv[1], sys.argv[2], float(sys.argv[3])
paragraph = len(sys.argv) > 4 and sys.argv[4] == "paragraph"
lines = sentences(passage)
print(f"title: {json.dumps(title, ensure_ascii=False)}")
print("steps:")
for s in [" ".join(lines)] if paragraph else lines:
    print(f"  - say: {json.dumps(s, ensure_ascii=False)}")
    if gap > 0:
        print(f"    after: {gap:g}s")
