"""The speech cues of a soothe cue sheet (`soothe preview --format json`), one span per
`say:` step: a step's cues (one, or several if soothe splits a step) joined by script line."""
import json


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def speech_steps(sheet):
    """[(line, start, end, spoken seconds)] in order: spoken seconds is the sum of the step's
    speech cues' lengths (what soothe places as speech), start/end the step's outer span."""
    steps = {}
    for cue in sheet["cues"]:
        if cue["kind"] != "speech":
            continue
        s = steps.setdefault(cue["line"], [cue["start"], cue["end"], 0.0])
        s[0], s[1] = min(s[0], cue["start"]), max(s[1], cue["end"])
        s[2] += cue["end"] - cue["start"]
    return sorted(((line, a, b, t) for line, (a, b, t) in steps.items()), key=lambda r: r[1])


def speech_cues(sheet):
    """[(start, end, text)] of every speech cue, in order."""
    return [(c["start"], c["end"], c.get("text", "")) for c in sheet["cues"] if c["kind"] == "speech"]
