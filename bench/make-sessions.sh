#!/usr/bin/env bash
# Writes the 30- and 60-minute benchmark sessions beside the 5-minute one (same steps, a longer
# breathing section), and the 5-minute one with a stereo ambience bed (so the mix is stereo all
# the way, not one channel written to both), into the folder given (default: bench/results/sessions).
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
