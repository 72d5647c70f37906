#!/usr/bin/env python3
"""Prints the bench's results (JSON lines from voices.sh) as Markdown: the main table, then
the limiter's details.
Usage: table.py RESULTS.jsonl"""
import json
import sys


def minutes(seconds):
    s = int(round(seconds))
    return f"{s // 60}:{s % 60:02d}"


def pair(lim, name):
    return f"{lim[name + '_max']:.2f} / {lim[name + '_p95']:.2f}" if lim else "—"


rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print("| voice | espeak-ng settings | pace, speech (wpm) | pace, paragraph (wpm) | pace with 1.5 s gaps (wpm) | recall | "
      "limiter, passage: max / p95 (dB) | limiter, session: max / p95 (dB) | crest (dB) | passage length |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    settings = f"`{r['espeak']}` -s {r['rate']} -p {r['pitch']} -g {r['gap']}"
    if r.get("range") is not None:
        settings += f", range {r['range']}"
    pace = r["pace"]
    recall = r.get("recall")
    # ± one binomial standard error: differences smaller than about twice it are noise.
    recall_text = (f"{100 * recall['recall']:.1f} % ± {100 * (recall['recall'] * (1 - recall['recall']) / recall['ref_words']) ** 0.5:.1f}"
                   if recall else "—")
    session = r.get("session_limiter")
    session_text = f"{pair(session, 'tp_reduction')} ({r['session']})" if session else "—"
    length = pace.get("session_seconds", pace["speech_seconds"] + 1.5 * pace["sentences"])
    print(f"| {r['row']} | {settings} | {pace['wpm']:.1f} | {pace['wpm_paragraph']:.1f} | {pace['wpm_gap']:.1f} | {recall_text} | "
          f"{pair(r.get('passage_limiter'), 'tp_reduction')} | {session_text} | {r['crest']:.1f} | {minutes(length)} |")

print()
print("Limiter details. 'reduction': each speech cue's peak in the -30 LUFS render times the constant gain soothe "
      "applied (read from the samples: the share of samples at exactly that ratio is 'untouched') minus its peak in "
      "the -16 LUFS render: the limiter's own gain reduction there. 'cut': the same against the -30 render scaled to "
      "the -16 render's integrated loudness, i.e. against an ideal unlimited render at the same loudness; it is the "
      "reduction minus the loudness the limiter took away (gain, samples - gain, loudness).")
print()
print("| voice | render | phrases | reduction, true peak | reduction, sample peak | cut, true peak | cut, sample peak | "
      "phrases reduced > 1 dB | gain, loudness / samples (dB) | untouched | true peak at -30 / -16 LUFS (dBTP) | most reduced |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    for what, lim in (("passage", r.get("passage_limiter")), (r.get("session"), r.get("session_limiter"))):
        if not lim:
            continue
        print(f"| {r['row']} | {what} | {lim['phrases']} | {pair(lim, 'tp_reduction')} | {pair(lim, 'sp_reduction')} | "
              f"{pair(lim, 'tp_cut')} | {pair(lim, 'sp_cut')} | {lim['phrases_reduced_over_1db']} | "
              f"{lim['gain_db']:.2f} / {lim['gain_db_from_samples']:.2f} | {100 * lim['untouched_fraction']:.0f} % | "
              f"{lim['true_peak_quiet']:.1f} / {lim['true_peak_loud']:.1f} | "
              f"{lim['worst']['reduction']:.2f} dB at {lim['worst']['start']:.1f} s: \"{lim['worst']['text']}\" |")
