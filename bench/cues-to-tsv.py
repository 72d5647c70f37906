#!/usr/bin/env python3
"""Turns a soothe cue sheet (preview --format json) into the plain cue list the shell pipeline
reads: one line per cue, tab-separated: start, end, kind, text|name|phase. Not timed: it stands
for the timing a user would work out by hand."""
import json
import sys

sheet = json.load(sys.stdin)
print(f"duration\t{sheet['duration']}")
for cue in sheet["cues"]:
    what = cue.get("text") or cue.get("name") or cue.get("phase") or ""
    print(f"{cue['start']}\t{cue['end']}\t{cue['kind']}\t{what}")
