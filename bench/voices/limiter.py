#!/usr/bin/env python3
"""What soothe's final limiter took off each speech peak, measured from outside.

soothe reaches its loudness target with one constant gain, and at a low target (-30 LUFS)
its true-peak limiter has nothing to do. So the quiet render, scaled by the gain that gives it
the loud render's integrated loudness, is the loud render as it would be without a limiter;
inside each speech cue's span, the peak of that scaled copy minus the peak of the actual loud
render, in dB, is what the limiter took off that phrase (sample peak, and 4x-oversampled true
peak).
Usage:
  limiter.py LOUD.wav QUIET.wav CUES.json    -> one JSON object
  limiter.py --self-check QUIET.wav CUES.json
      builds a "loud" file from the quiet one with known reductions (one phrase turned down
      by exactly 3 dB, one hard-clipped 2 dB under its sample peak, loudness matched to
      -16 LUFS afterwards) and checks the method finds them; exit 1 if not."""
import json
import sys

import numpy as np

import audio
import cues


def chunked_true_peak(x, chunk=1 << 20):
    return max(audio.span_true_peak(x, a, min(len(x), a + chunk)) for a in range(0, len(x), chunk))


def phrase_spans(sheet, rate, frames):
    spans = []
    for start, end, text in cues.speech_cues(sheet):
        a, b = int(round(start * rate)), min(frames, int(round(end * rate)))
        if b > a:
            spans.append((a, b, text))
    return spans


def measure(loud, quiet, rate, sheet):
    l_loud, l_quiet = audio.integrated_loudness(loud, rate), audio.integrated_loudness(quiet, rate)
    gain_db = l_loud - l_quiet
    scale = 10 ** (gain_db / 20)
    tp_quiet = audio.db(chunked_true_peak(quiet))
    # The constant gain read from the samples themselves (the loud/quiet ratio where the quiet
    # render is well under its peak), for comparison with the loudness-matched gain.
    q, l = np.abs(quiet).ravel(), np.abs(loud).ravel()
    keep = (q > 10 ** ((tp_quiet - 30) / 20)) & (q < 10 ** ((tp_quiet - 12) / 20))
    sample_gain_db = float(np.median(20 * np.log10(l[keep] / q[keep]))) if keep.any() else float("nan")
    rows = []
    for a, b, text in phrase_spans(sheet, rate, len(loud)):
        ref_sp, act_sp = audio.sample_peak(quiet[a:b]) * scale, audio.sample_peak(loud[a:b])
        ref_tp, act_tp = audio.span_true_peak(quiet, a, b) * scale, audio.span_true_peak(loud, a, b)
        rows.append({"start": round(a / rate, 3), "text": text,
                     "true_peak_cut": audio.db(ref_tp) - audio.db(act_tp),
                     "sample_peak_cut": audio.db(ref_sp) - audio.db(act_sp),
                     "true_peak": audio.db(act_tp)})
    tp = np.array([r["true_peak_cut"] for r in rows])
    sp = np.array([r["sample_peak_cut"] for r in rows])
    worst = rows[int(np.argmax(tp))]
    return {
        "phrases": len(rows),
        "loudness_loud": round(l_loud, 2), "loudness_quiet": round(l_quiet, 2),
        "gain_db": round(gain_db, 3), "gain_db_from_samples": round(sample_gain_db, 3),
        "true_peak_loud": round(audio.db(chunked_true_peak(loud)), 2), "true_peak_quiet": round(tp_quiet, 2),
        "crest_quiet": round(tp_quiet - l_quiet, 2),
        "tp_cut_max": round(float(tp.max()), 2), "tp_cut_p95": round(float(np.percentile(tp, 95)), 2),
        "sp_cut_max": round(float(sp.max()), 2), "sp_cut_p95": round(float(np.percentile(sp, 95)), 2),
        "phrases_cut_over_1db": int((tp > 1.0).sum()),
        "worst": {"start": worst["start"], "text": worst["text"][:60], "cut": round(worst["true_peak_cut"], 2)},
    }, rows


def self_check(quiet, rate, sheet):
    spans = phrase_spans(sheet, rate, len(quiet))
    if len(spans) < 8:
        sys.exit("limiter.py: the self-check needs at least 8 speech cues")
    loud = quiet * 10 ** (14 / 20)
    a, b, _ = spans[3]
    loud[a:b] *= 10 ** (-3 / 20)
    a, b, _ = spans[7]
    ceiling = audio.sample_peak(loud[a:b]) * 10 ** (-2 / 20)
    np.clip(loud[a:b], -ceiling, ceiling, out=loud[a:b])
    # Like soothe, bring the limited mix to the target with one more constant gain.
    correction = -16 - audio.integrated_loudness(loud, rate)
    loud *= 10 ** (correction / 20)
    summary, rows = measure(loud, quiet, rate, sheet)
    # Loudness matching compares with the quiet render brought to -16 LUFS, while the samples
    # nothing touched were raised by 14 dB + correction: that difference shows on every phrase.
    offset = summary["gain_db"] - (14 + correction)
    others = [r["true_peak_cut"] for i, r in enumerate(rows) if i not in (3, 7)]
    checks = [
        ("phrase 4 turned down 3 dB (sample peak)", rows[3]["sample_peak_cut"], 3.0 + offset),
        ("phrase 4 turned down 3 dB (true peak)", rows[3]["true_peak_cut"], 3.0 + offset),
        ("phrase 8 clipped 2 dB under its peak (sample peak)", rows[7]["sample_peak_cut"], 2.0 + offset),
        ("untouched phrases, largest (true peak)", max(others), offset),
        ("untouched phrases, smallest (true peak)", min(others), offset),
    ]
    ok = True
    for name, got, want in checks:
        good = abs(got - want) <= 0.01
        ok &= good
        print(f"self-check {'ok  ' if good else 'FAIL'} {name}: measured {got:+.3f} dB, expected {want:+.3f} dB")
    print(f"self-check: loudness matching shifts every phrase by {offset:+.3f} dB here; "
          f"the clipped phrase's true-peak cut is {rows[7]['true_peak_cut']:.2f} dB")
    sys.exit(0 if ok else 1)


def main():
    if sys.argv[1] == "--self-check":
        quiet, rate = audio.read_wav(sys.argv[2])
        self_check(quiet, rate, cues.load(sys.argv[3]))
    loud, rate = audio.read_wav(sys.argv[1])
    quiet, rate_q = audio.read_wav(sys.argv[2])
    if rate != rate_q or loud.shape != quiet.shape:
        sys.exit("limiter.py: the two renders differ in rate or length")
    summary, _ = measure(loud, quiet, rate, cues.load(sys.argv[3]))
    print(json.dumps(summary, ensure_ascii=False))


main()
