#!/usr/bin/env bash
# Writes the 30- and 60-minute benchmark sessions beside the 5-minute one (same steps, a longer
# breathing section), the 5-minute one with a stereo ambience bed (so the mix is stereo all the
# way, not one channel written to both), and a speech-dense session (about an hour of continuous
# speech, 540 distinct sentences) into the folder given (default: bench/results/sessions).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/results/sessions}"
mkdir -p "$out"
cp "$here/sessions/breathing-5m.yaml" "$out/breathing-5m.yaml"
for minutes in 30 60; do
    sed -e "s/duration: 4m/duration: $((minutes - 1))m/" -e "s/Five minutes/$minutes minutes/" \
        "$here/sessions/breathing-5m.yaml" > "$out/breathing-${minutes}m.yaml"
done
sed -e "s/^voice: gentle$/voice: gentle\nambience: pink-noise/" \
    "$here/sessions/breathing-5m.yaml" > "$out/breathing-5m-ambience.yaml"

# 12 × 5 × 9 distinct sentences, one after another: memory must not grow with distinct speech.
parts=(shoulders hands jaw breath chest belly feet back neck face arms legs)
qualities=(heavy warm soft steady loose)
actions=("breathe out slowly" "rest for a moment" "let the day go" "listen to the room"
    "sit a little longer" "let your eyes soften" "feel the floor below you" "count one slow breath"
    "let the thoughts drift by")
{
    echo "title: Speech Dense"
    echo "summary: About an hour of continuous speech, every sentence different."
    echo "steps:"
    for part in "${parts[@]}"; do
        for quality in "${qualities[@]}"; do
            for action in "${actions[@]}"; do
                echo "  - say: Notice how your $part can feel $quality as you $action."
            done
        done
    done
} > "$out/speech-dense.yaml"
