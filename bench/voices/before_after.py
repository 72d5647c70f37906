#!/usr/bin/env python3
"""One row of bench/before-after.sh: before_after.py WAV CUES.json SESSION BUILD."""
import json
import subprocess
import sys

import numpy as np
from scipy.signal import lfilter, resample_poly

wav, cues_path, session, build = sys.argv[1:5]
raw = subprocess.run(["sox", wav, "-t", "f32", "-c", "2", "-r", "48000", "-"], capture_output=True, check=True).stdout
x = np.frombuffer(raw, dtype=np.float32).reshape(-1, 2).astype(np.float64)
rate = 48000

def k_weight(s):
    # BS.1770 K-weighting at 48 kHz (the standard's coefficients).
    s = lfilter([1.53512485958697, -2.69169618940638, 1.19839281085285], [1, -1.69065929318241, 0.73248077421585], s, axis=0)
    return lfilter([1, -2, 1], [1, -1.99004745483398, 0.99007225036621], s, axis=0)

def loudness(seg):
    """Gated integrated loudness (400 ms blocks, 75 % overlap) of a stereo segment."""
    if len(seg) < rate * 0.4:
        return float("nan")
    k = k_weight(seg)
    size, hop = int(0.4 * rate), int(0.1 * rate)
    blocks = np.array([np.mean(k[i:i + size] ** 2, axis=0).sum() for i in range(0, len(k) - size + 1, hop)])
    blocks = blocks[blocks > 10 ** ((-70 + 0.691) / 10)]
    if len(blocks) == 0:
        return float("nan")
    rel = 10 * np.log10(blocks.mean()) - 0.691 - 10
    blocks = blocks[10 * np.log10(blocks) - 0.691 > rel]
    return 10 * np.log10(blocks.mean()) - 0.691

def true_peak(seg):
    return 20 * np.log10(max(np.abs(resample_poly(seg, 4, 1, axis=0)).max(), 1e-12))

sheet = json.load(open(cues_path))
speech = np.zeros(len(x), dtype=bool)
for cue in sheet["cues"]:
    if cue["kind"] == "speech":
        speech[int(cue["start"] * rate):int(cue["end"] * rate)] = True
sp, rest = x[speech], x[~speech]
spectrum = np.abs(np.fft.rfft(sp.mean(axis=1)[: len(sp) // 4096 * 4096].reshape(-1, 4096) * np.hanning(4096), axis=1)) ** 2
freqs = np.fft.rfftfreq(4096, 1 / rate)
total = spectrum[:, freqs >= 50].sum()
buzz = spectrum[:, (freqs >= 2000) & (freqs <= 6000)].sum()
ls, lr = loudness(sp), loudness(rest)
length = len(x) / rate
print(f"| {session} | {build} | {int(length // 60)}:{int(length % 60):02d} | {loudness(x):.1f} LUFS | {true_peak(x):.1f} dBTP "
      f"| {ls:.1f} LUFS | {lr:.1f} LUFS | {ls - lr:+.1f} LU | {100 * buzz / total:.1f} % | {true_peak(sp) - ls:.1f} dB |")
