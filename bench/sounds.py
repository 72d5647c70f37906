#!/usr/bin/env python3
"""Measures a rendered breath tone: the share of its energy above 200 Hz (what a phone speaker
can play), its pitch travel, and its quietest moment inside the section.

    bench/sounds.py FILE.wav|FILE.f32 [LABEL]

FILE is a WAV (16-bit, 24-bit or float, mono or stereo: the first channel is used) or raw
little-endian float32 mono at 48 kHz. Prints one Markdown table row:
| LABEL | share above 200 Hz | pitch low -> high (Hz) | travel (semitones) | quietest 50 ms (dBFS) |
"""
import struct
import sys
import wave

import numpy as np


def read(path):
    if path.endswith(".f32"):
        return np.fromfile(path, dtype="<f4").astype(np.float64), 48000
    with open(path, "rb") as f:
        data = f.read()
    # A small RIFF reader: Python's wave module knows only integer PCM.
    assert data[:4] == b"RIFF" and data[8:12] == b"WAVE", "not a WAV file"
    pos, fmt, samples = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        body = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            tag, channels, rate = struct.unpack("<HHI", body[:8])
            bits = struct.unpack("<H", body[14:16])[0]
            if tag == 0xFFFE:
                tag = struct.unpack("<H", body[24:26])[0]
            fmt = (tag, channels, rate, bits)
        elif cid == b"data":
            samples = body
        pos += 8 + size + (size & 1)
    tag, channels, rate, bits = fmt
    if tag == 3:
        x = np.frombuffer(samples, dtype="<f4" if bits == 32 else "<f8").astype(np.float64)
    elif bits == 16:
        x = np.frombuffer(samples, dtype="<i2") / 32768.0
    elif bits == 24:
        b = np.frombuffer(samples, dtype=np.uint8).reshape(-1, 3)
        v = (b[:, 0].astype(np.int32) | (b[:, 1].astype(np.int32) << 8) | (b[:, 2].astype(np.int32) << 16))
        x = np.where(v >= 1 << 23, v - (1 << 24), v) / float(1 << 23)
    else:
        raise SystemExit(f"unsupported WAV: format {tag}, {bits} bits")
    return x.reshape(-1, channels)[:, 0], rate


def share_above(x, rate, hertz=200.0):
    power = np.abs(np.fft.rfft(x)) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    return power[freqs > hertz].sum() / power.sum()


def pitch_track(x, rate, window=0.2, hop=0.05, low=80.0, high=1000.0):
    """The strongest spectral peak between low and high Hz in each window (Hann, zero-padded,
    parabolic refinement), with the window's RMS."""
    n, h = int(window * rate), int(hop * rate)
    size = 1 << 16
    w = np.hanning(n)
    freqs = np.fft.rfftfreq(size, 1 / rate)
    band = (freqs >= low) & (freqs <= high)
    first = np.argmax(band)
    track = []
    for start in range(0, len(x) - n, h):
        seg = x[start:start + n]
        rms = np.sqrt(np.mean(seg ** 2))
        mag = np.abs(np.fft.rfft(seg * w, size))
        k = first + int(np.argmax(mag[band]))
        a, b, c = np.log(mag[k - 1] + 1e-30), np.log(mag[k] + 1e-30), np.log(mag[k + 1] + 1e-30)
        d = 0.5 * (a - c) / (a - 2 * b + c) if a - 2 * b + c != 0 else 0
        track.append((start / rate, (k + d) * rate / size, rms))
    return track


def quietest(x, rate, window=0.05, margin=1.0):
    """The quietest 50 ms window (RMS, dBFS) away from the section's first and last `margin` s."""
    n = int(window * rate)
    inner = x[int(margin * rate):len(x) - int(margin * rate)]
    frames = inner[:len(inner) // n * n].reshape(-1, n)
    rms = np.sqrt(np.mean(frames ** 2, axis=1))
    return 20 * np.log10(max(rms.min(), 1e-12))


def main():
    path = sys.argv[1]
    label = sys.argv[2] if len(sys.argv) > 2 else path
    x, rate = read(path)
    nz = np.nonzero(np.abs(x) > 0)[0]
    x = x[nz[0]:nz[-1] + 1] if len(nz) else x
    track = pitch_track(x, rate)
    loud = max(r for _, _, r in track)
    # Where the tone sounds (within 30 dB of its loudest), the 5th and 95th percentile pitch.
    pitches = np.array([f for _, f, r in track if r > loud * 10 ** (-30 / 20)])
    lo, hi = np.percentile(pitches, 5), np.percentile(pitches, 95)
    travel = 12 * np.log2(hi / lo)
    print(f"| {label} | {100 * share_above(x, rate):.0f} % | {lo:.0f} → {hi:.0f} | {travel:.1f} | {quietest(x, rate):.0f} |")


if __name__ == "__main__":
    main()
