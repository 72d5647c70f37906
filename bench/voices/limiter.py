#!/usr/bin/env python3
"""What soothe's final limiter took off each speech peak, measured from outside.

soothe reaches its loudness target with one constant gain, and at a low target (-30 LUFS)
its true-peak limiter has nothing to do. So the quiet render times a constant is the loud
render as it would be without a limiter, and inside each speech cue's span the peak of that
copy minus the peak of the actual loud render, in dB, is what the limiter took off that phrase
(sample peak, and 4x-oversampled true peak). Two constants are used:
  cut        the gain that gives the quiet render the loud render's integrated loudness: the
             loud render against an ideal, unlimited render at the same loudness
  reduction  the constant gain soothe actually applied, read from the samples (the most common
             loud/quiet ratio: every sample the limiter did not touch has exactly that ratio):
             the limiter's own gain reduction at the phrase's peak. It is the cut plus the
             loudness the limiter took away, which soothe's final gain gave back to every sample.
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


def constant_gain(loud, quiet):
    """The most common loud/quiet ratio in dB over samples above -80 dBFS in the quiet render,
    refined as the mean of the ratios within 0.001 dB of it."""
    q, l = np.abs(quiet).ravel(), np.abs(loud).ravel()
    keep = q > 1e-4
    r = 20 * np.log10(l[keep] / q[keep])
    values, counts = np.unique(np.round(r, 3), return_counts=True)
    mode = values[np.argmax(counts)]
    near = np.abs(r - mode) <= 0.001
    return float(r[near].mean()), float(near.mean())


def measure(loud, quiet, rate, sheet):
    l_loud, l_quiet = audio.integrated_loudness(loud, rate), audio.integrated_loudness(quiet, rate)
    gain_db = l_loud - l_quiet
    sample_gain_db, untouched = constant_gain(loud, quiet)
    tp_quiet = audio.db(chunked_true_peak(quiet))
    rows = []
    for a, b, text in phrase_spans(sheet, rate, len(loud)):
        ref_sp, act_sp = audio.db(audio.sample_peak(quiet[a:b])), audio.db(audio.sample_peak(loud[a:b]))
        ref_tp, act_tp = audio.db(audio.span_true_peak(quiet, a, b)), audio.db(audio.span_true_peak(loud, a, b))
        rows.append({"start": round(a / rate, 3), "text": text,
                     "true_peak_cut": ref_tp + gain_db - act_tp, "sample_peak_cut": ref_sp + gain_db - act_sp,
                     "true_peak_reduction": ref_tp + sample_gain_db - act_tp,
                     "sample_peak_reduction": ref_sp + sample_gain_db - act_sp})

    def stats(key):
        v = np.array([r[key] for r in rows])
        return round(float(v.max()), 2), round(float(np.percentile(v, 95)), 2)

    worst = max(rows, key=lambda r: r["true_peak_reduction"])
    summary = {
        "phrases": len(rows),
        "loudness_loud": round(l_loud, 2), "loudness_quiet": round(l_quiet, 2),
        "gain_db": round(gain_db, 3), "gain_db_from_samples": round(sample_gain_db, 3),
        "untouched_fraction": round(untouched, 3),
        "true_peak_loud": round(audio.db(chunked_true_peak(loud)), 2), "true_peak_quiet": round(tp_quiet, 2),
        "crest_quiet": round(tp_quiet - l_quiet, 2),
        "phrases_reduced_over_1db": sum(r["true_peak_reduction"] > 1.0 for r in rows),
        "worst": {"start": worst["start"], "text": worst["text"][:60], "reduction": round(worst["true_peak_reduction"], 2)},
    }
    for name, key in (("tp_cut", "true_peak_cut"), ("sp_cut", "sample_peak_cut"),
                      ("tp_reduction", "true_peak_reduction"), ("sp_reduction", "sample_peak_reduction")):
        summary[name + "_max"], summary[name + "_p95"] = stats(key)
    return summary, rows


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
    # The reduction, against the constant gain read from the samples, has no such offset.
    offset = summary["gain_db"] - (14 + correction)
    others = [r for i, r in enumerate(rows) if i not in (3, 7)]
    checks = [
        ("constant gain read from the samples", summary["gain_db_from_samples"], 14 + correction),
        ("phrase 4 turned down 3 dB: reduction, sample peak", rows[3]["sample_peak_reduction"], 3.0),
        ("phrase 4 turned down 3 dB: reduction, true peak", rows[3]["true_peak_reduction"], 3.0),
        ("phrase 4 turned down 3 dB: loudness-matched cut", rows[3]["true_peak_cut"], 3.0 + offset),
        ("phrase 8 clipped 2 dB under its peak: reduction, sample peak", rows[7]["sample_peak_reduction"], 2.0),
        ("phrase 8 clipped 2 dB under its peak: loudness-matched cut", rows[7]["sample_peak_cut"], 2.0 + offset),
        ("untouched phrases: largest reduction, true peak", max(r["true_peak_reduction"] for r in others), 0.0),
        ("untouched phrases: smallest reduction, true peak", min(r["true_peak_reduction"] for r in others), 0.0),
        ("untouched phrases: largest loudness-matched cut", max(r["true_peak_cut"] for r in others), offset),
    ]
    ok = True
    for name, got, want in checks:
        good = abs(got - want) <= 0.01
        ok &= good
        print(f"self-check {'ok  ' if good else 'FAIL'} {name}: measured {got:+.3f} dB, expected {want:+.3f} dB")
    print(f"self-check: loudness matching shifts every phrase by {offset:+.3f} dB here; "
          f"the clipped phrase's true-peak reduction is {rows[7]['true_peak_reduction']:.2f} dB")
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
