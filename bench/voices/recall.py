#!/usr/bin/env python3
"""Word recall of an off-the-shelf recogniser (pocketsphinx 5 with the US English model its
wheel carries) on speech: each sentence decoded as one utterance, reference and hypothesis
normalised (text.words), recall = reference words matched in a minimum-edit-distance
alignment / reference words.
Usage:
  recall.py soothe PASSAGE CUES.json SPEECH16K.wav [DETAIL.tsv]
      one rendered session; sentence i is cut from its speech step's span in the cue sheet,
      from 0.2 s before it starts to 0.6 s after it ends (or just before the next one starts)
  recall.py plain PASSAGE DIR [DETAIL.tsv]
      DIR/001.wav, DIR/002.wav, ...: one file per sentence
Audio must be 16 kHz mono 16-bit. Prints one JSON object; DETAIL gets reference and
hypothesis per sentence."""
import json
import sys
import wave

from pocketsphinx import Decoder

import cues
from text import matched_words, sentences, words


def pcm(path):
    with wave.open(path, "rb") as w:
        if (w.getframerate(), w.getnchannels(), w.getsampwidth()) != (16000, 1, 2):
            sys.exit(f"recall.py: {path} is not 16 kHz mono 16-bit")
        return w.readframes(w.getnframes())


def decode(decoder, raw):
    decoder.start_utt()
    decoder.process_raw(raw, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def main():
    mode, passage = sys.argv[1], sys.argv[2]
    lines = sentences(passage)
    decoder = Decoder(samprate=16000, loglevel="FATAL")
    if mode == "soothe":
        steps = cues.speech_steps(cues.load(sys.argv[3]))
        if len(steps) != len(lines):
            sys.exit(f"recall.py: {len(steps)} spoken steps, {len(lines)} sentences")
        raw = pcm(sys.argv[4])
        detail = sys.argv[5] if len(sys.argv) > 5 else None
        segments = []
        for i, (_, start, end, _) in enumerate(steps):
            stop = end + 0.6
            if i + 1 < len(steps):
                stop = min(stop, steps[i + 1][1] - 0.05)
            a, b = max(0, int((start - 0.2) * 16000)), int(stop * 16000)
            segments.append(raw[a * 2:b * 2])
    elif mode == "plain":
        folder = sys.argv[3]
        detail = sys.argv[4] if len(sys.argv) > 4 else None
        segments = [pcm(f"{folder}/{i + 1:03d}.wav") for i in range(len(lines))]
    else:
        sys.exit("usage: recall.py soothe|plain ...")
    total = hits = edits = 0
    rows = []
    for sentence, segment in zip(lines, segments):
        ref = words(sentence)
        hyp_text = decode(decoder, segment)
        h, e = matched_words(ref, words(hyp_text))
        total, hits, edits = total + len(ref), hits + h, edits + e
        rows.append(f"{h}/{len(ref)}\t{sentence}\t{hyp_text}")
    if detail:
        with open(detail, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
    print(json.dumps({"ref_words": total, "matched": hits, "recall": round(hits / total, 4),
                      "wer": round(edits / total, 4)}))


main()
