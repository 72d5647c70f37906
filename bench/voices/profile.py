#!/usr/bin/env python3
"""Reads a soothe voice profile for the bench: prints one tab-separated line
  ESPEAK  LANGUAGE  RATE  PITCH  RANGE  WORD_GAP  VARIANT_FILE
LANGUAGE is the espeak-ng name's language (`en-us+f3` -> en); WORD_GAP is 0 when the profile
has none. VARIANT_FILE is "-" unless the name's +variant is not one espeak-ng ships but a file
of that name sits in the profile's folder (or below it): then the plain espeak-ng command needs
it in a data overlay to speak the same voice.
Usage: profile.py PROFILE.yaml ESPEAK_DATA_DIR"""
import os
import sys

import yaml

path, data_dir = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as f:
    profile = yaml.safe_load(f)
espeak = str(profile["espeak"])
voice, _, variant = espeak.partition("+")
language = voice.split("-")[0].split("/")[-1]
variant_file = "-"
if variant and not os.path.exists(os.path.join(data_dir, "voices", "!v", variant)):
    folder = os.path.dirname(os.path.abspath(path))
    for base, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if (name == variant or os.path.splitext(name)[0] == variant) and not name.endswith((".yaml", ".yml")):
                variant_file = os.path.join(base, name)
                break
        if variant_file != "-":
            break
print("\t".join([espeak, language, str(profile.get("rate", 175)), str(profile.get("pitch", 50)),
                 str(profile.get("range", "-")),
                 str(profile.get("word-gap", 0)), variant_file]))
