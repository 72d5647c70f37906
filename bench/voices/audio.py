"""Reading WAV files and measuring them, independently of soothe's own code: BS.1770-4
integrated loudness (K-weighting as libebur128 derives it for any rate, 400 ms blocks,
-70 LUFS absolute and -10 LU relative gates), 4x-oversampled true peak, sample peak."""
import math
import struct

import numpy as np
from scipy import signal


def read_wav(path):
    """(samples as float64 [frames, channels], sample rate). PCM 16/24/32-bit or 32/64-bit float."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] not in (b"RIFF", b"RF64") or data[8:12] != b"WAVE":
        raise ValueError(f"{path}: not a WAV file")
    pos, fmt, body = 12, None, None
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"data" and size == 0xFFFFFFFF:
            size = len(data) - pos - 8
        chunk = data[pos + 8:pos + 8 + size]
        if cid == b"fmt ":
            fmt = chunk
        elif cid == b"data":
            body = chunk
        pos += 8 + size + (size & 1)
    if fmt is None or body is None:
        raise ValueError(f"{path}: no fmt or data chunk")
    tag, channels, rate = struct.unpack("<HHI", fmt[:8])
    bits = struct.unpack("<H", fmt[14:16])[0]
    if tag == 0xFFFE:
        tag = struct.unpack("<H", fmt[24:26])[0]
    if tag == 3:
        x = np.frombuffer(body, dtype="<f4" if bits == 32 else "<f8").astype(np.float64)
    elif tag == 1 and bits == 16:
        x = np.frombuffer(body, dtype="<i2") / 32768.0
    elif tag == 1 and bits == 24:
        b = np.frombuffer(body[:len(body) // 3 * 3], dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        x = np.where(v >= 1 << 23, v - (1 << 24), v) / float(1 << 23)
    elif tag == 1 and bits == 32:
        x = np.frombuffer(body, dtype="<i4") / 2147483648.0
    else:
        raise ValueError(f"{path}: unsupported WAV format {tag}/{bits}")
    frames = len(x) // channels
    return x[:frames * channels].reshape(frames, channels), rate


def k_weighting_sos(rate):
    """The BS.1770 K-weighting filter (shelf, then high-pass) for any sample rate, as libebur128 computes it."""
    f0, gain, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain / 20)
    vb = vh ** 0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf_b = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0]
    shelf_a = [1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    d = 1 + k / q + k * k
    hp_b = [1, -2, 1]
    hp_a = [1, 2 * (k * k - 1) / d, (1 - k / q + k * k) / d]
    return np.array([shelf_b + shelf_a, hp_b + hp_a])


def block_powers(x, rate, block=0.4, step=0.1):
    """Mean-square K-weighted power of each gating block, summed over channels (a mono signal
    counts as dual mono, as soothe and libebur128's dual-mono mode read it)."""
    y = signal.sosfilt(k_weighting_sos(rate), x, axis=0)
    sq = y * y
    csum = np.concatenate([np.zeros((1, sq.shape[1])), np.cumsum(sq, axis=0)])
    n, hop = int(round(block * rate)), int(round(step * rate))
    if len(x) < n:
        return np.zeros(0)
    starts = np.arange(0, len(x) - n + 1, hop)
    z = (csum[starts + n] - csum[starts]) / n
    total = z.sum(axis=1)
    return total * 2 if x.shape[1] == 1 else total


def integrated_loudness(x, rate):
    """BS.1770-4 gated integrated loudness in LUFS (-inf for silence)."""
    z = block_powers(x, rate)
    z = z[-0.691 + 10 * np.log10(np.maximum(z, 1e-300)) > -70]
    if len(z) == 0:
        return -math.inf
    relative = -0.691 + 10 * math.log10(z.mean()) - 10
    z = z[-0.691 + 10 * np.log10(z) > relative]
    return -0.691 + 10 * math.log10(z.mean())


def db(v):
    return 20 * math.log10(v) if v > 0 else -math.inf


def sample_peak(x):
    return float(np.max(np.abs(x))) if x.size else 0.0


def true_peak(x):
    """Largest magnitude of the signal 4x oversampled (polyphase Kaiser-windowed sinc), any channel."""
    if not x.size:
        return 0.0
    up = signal.resample_poly(x, 4, 1, axis=0)
    return max(float(np.max(np.abs(up))), sample_peak(x))


def span_true_peak(x, first, last, pad=256):
    """True peak of frames [first, last), with `pad` frames of context either side so the
    interpolation filter sees the real neighbours, then only the span's own points kept."""
    lo, hi = max(0, first - pad), min(len(x), last + pad)
    up = signal.resample_poly(x[lo:hi], 4, 1, axis=0)
    seg = up[(first - lo) * 4:(last - lo) * 4]
    return max(float(np.max(np.abs(seg))) if seg.size else 0.0, sample_peak(x[first:last]))


def trimmed(x, threshold_db=-60.0):
    """Frames [first, last) between the first and last sample above threshold (soothe trims at -60 dBFS)."""
    level = np.max(np.abs(x), axis=1)
    loud = np.nonzero(level > 10 ** (threshold_db / 20))[0]
    if len(loud) == 0:
        return 0, 0
    return int(loud[0]), int(loud[-1]) + 1
