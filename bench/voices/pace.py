#!/usr/bin/env python3
"""Pace of a passage as soothe places it: words / the summed length of its speech cues.
Usage: pace.py PASSAGE CUES.json GAP_SECONDS PARAGRAPH_CUES.json  -> one JSON object on stdout
  wpm            words per minute of speech (the cues' own lengths: soothe's phrase pauses
                 inside a cue count, the gap between sentences does not)
  wpm_gap        the same with GAP_SECONDS between consecutive sentences counted as well
  wpm_paragraph  words / the speech length of the passage spoken as one paragraph (one `say:`,
                 PARAGRAPH_CUES.json): the voice's own pauses between sentences count"""
import json
import sys

import cues
from text import sentences, words

passage, sheet_path, gap, paragraph_path = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
lines = sentences(passage)
sheet = cues.load(sheet_path)
steps = cues.speech_steps(sheet)
if len(steps) != len(lines):
    sys.exit(f"pace.py: {len(steps)} spoken steps in the cue sheet, {len(lines)} sentences in {passage}")
n_words = sum(len(words(s)) for s in lines)
speech = sum(t for _, _, _, t in steps)
paragraph = sum(t for _, _, _, t in cues.speech_steps(cues.load(paragraph_path)))
print(json.dumps({
    "sentences": len(lines), "words": n_words, "speech_seconds": round(speech, 3),
    "wpm": round(60 * n_words / speech, 1),
    "wpm_gap": round(60 * n_words / (speech + gap * (len(lines) - 1)), 1),
    "paragraph_seconds": round(paragraph, 3), "wpm_paragraph": round(60 * n_words / paragraph, 1),
    "session_seconds": sheet["duration"],
}))
