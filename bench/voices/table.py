#!/usr/bin/env python3
"""Prints the bench's results (JSON lines from voices.sh) as one Markdown table.
Usage: table.py RESULTS.jsonl"""
import json
import sys


def minutes(seconds):
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def cut(lim):
    if not lim:
        return "—"
    return f"{lim['tp_cut_max']:.2f} / {lim['tp_cut_p95']:.2f}"


rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print("| voice | espeak-ng settings | pace, speech (wpm) | pace with 1.5 s gaps (wpm) | recall | "
      "limiter cut, passage: max / p95 (dB) | limiter cut, session: max / p95 (dB) | crest (dB) | passage length |")
print("|---|---|---|---|---|---|---|---|---|")
for r in rows:
    settings = f"`{r['espeak']}` -s {r['rate']} -p {r['pitch']} -g {r['gap']}"
    if r.get("range") is not None:
        settings += f", range {r['range']}"
    pace = r["pace"]
    recall = r.get("recall")
    recall_text = f"{100 * recall['recall']:.1f} % ({recall['matched']}/{recall['ref_words']})" if recall else "—"
    session = r.get("session_limiter")
    session_text = f"{cut(session)} ({r['session']})" if session else "—"
    length = pace.get("session_seconds", pace["speech_seconds"] + 1.5 * pace["sentences"])
    print(f"| {r['row']} | {settings} | {pace['wpm']:.1f} | {pace['wpm_gap']:.1f} | {recall_text} | "
          f"{cut(r.get('passage_limiter'))} | {session_text} | {r['crest']:.1f} | {minutes(length)} |")
