#!/usr/bin/env python3
"""The passage spoken by the plain `espeak-ng` command, one WAV per sentence:
  espeak-ng -v VOICE -s RATE -p PITCH -g GAP -w OUT/raw/NNN.wav "SENTENCE"
(range cannot be set on espeak-ng's command line: it keeps the voice's own), each converted
to 16 kHz mono 16-bit for the recogniser (OUT/NNN.wav, sox without dither, guarded against
clipping), and the whole passage once more by one call.
Usage: plain.py PASSAGE VOICE RATE PITCH GAP OUT [ESPEAK_DATA_PATH]
Prints one JSON object: wpm = words / the summed length of the clips trimmed at -60 dBFS
(as soothe trims), wpm_gap with 1.5 s between sentences, wpm_paragraph = words / the trimmed
length of the whole passage spoken by one call (espeak-ng's own sentence pauses), crest =
true peak - integrated loudness of the trimmed clips joined end to end."""
import json
import os
import subprocess
import sys

import numpy as np

import audio
from text import sentences, words

passage, voice, rate, pitch, gap, out = sys.argv[1:7]
data_path = sys.argv[7] if len(sys.argv) > 7 else None


def espeak(text, wav):
    """Speaks `text` into `wav`; returns its samples trimmed at -60 dBFS and the sample rate."""
    cmd = ["espeak-ng", "-v", voice, "-s", rate, "-p", pitch, "-g", gap, "-w", wav]
    if data_path:
        cmd.append(f"--path={data_path}")
    subprocess.run(cmd + ["--", text], check=True, stdout=subprocess.DEVNULL)
    x, sr = audio.read_wav(wav)
    a, b = audio.trimmed(x)
    return x[a:b], sr


os.makedirs(f"{out}/raw", exist_ok=True)
lines = sentences(passage)
clips = []
for i, sentence in enumerate(lines, 1):
    raw, wav = f"{out}/raw/{i:03d}.wav", f"{out}/{i:03d}.wav"
    clip, sr = espeak(sentence, raw)
    clips.append(clip)
    subprocess.run(["sox", "-V1", "-G", "-D", raw, "-r", "16000", "-c", "1", "-b", "16", wav], check=True)
seconds = sum(len(c) for c in clips) / sr
paragraph, _ = espeak(" ".join(lines), f"{out}/raw/paragraph.wav")
joined = np.concatenate(clips)
n_words = sum(len(words(s)) for s in lines)
print(json.dumps({
    "sentences": len(lines), "words": n_words, "speech_seconds": round(seconds, 3),
    "wpm": round(60 * n_words / seconds, 1),
    "wpm_gap": round(60 * n_words / (seconds + 1.5 * (len(lines) - 1)), 1),
    "paragraph_seconds": round(len(paragraph) / sr, 3), "wpm_paragraph": round(60 * n_words * sr / len(paragraph), 1),
    "crest": round(audio.db(audio.true_peak(joined)) - audio.integrated_loudness(joined, sr), 2),
}))
