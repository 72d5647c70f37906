#!/bin/sh
# Measures every breath tone style as `soothe sounds tone:STYLE` renders it (four cycles of
# 4-4-4-4 box breathing, mono float WAV, at its mix level): the share of its energy above
# 200 Hz, its pitch range and travel in semitones, and its quietest 50 ms inside the section.
# Prints a Markdown table (docs/sounds.md holds the last one).
#
#   bench/sounds.sh                 # uses .build/release/soothe
#   SOOTHE=path/to/soothe OLD_SOOTHE=path/to/older/soothe bench/sounds.sh
#
# OLD_SOOTHE, an older build (one that has `soothe sound breath:PATTERN`), adds a row for its
# tone for contrast. Needs python3 with numpy.
set -eu
cd "$(dirname "$0")/.."
SOOTHE=${SOOTHE:-.build/release/soothe}
export SOOTHE_HOME=${SOOTHE_HOME:-$PWD}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| tone | energy above 200 Hz | pitch (Hz, 5th → 95th percentile) | travel (semitones) | quietest 50 ms (dBFS) |"
echo "|---|---|---|---|---|"
if [ -n "${OLD_SOOTHE:-}" ]; then
    "$OLD_SOOTHE" sound breath:4-4-4-4 -o "$work/old.wav" --channels 1 --bit-depth float >/dev/null 2>&1
    python3 bench/sounds.py "$work/old.wav" "old ($OLD_SOOTHE)"
fi
for style in $("$SOOTHE" sounds | sed -n 's/^  tone:\([a-z-]*\).*/\1/p'); do
    [ "$style" = none ] && continue
    "$SOOTHE" sounds "tone:$style" -o "$work/$style.wav" --channels 1 --bit-depth float >/dev/null 2>&1
    python3 bench/sounds.py "$work/$style.wav" "$style"
done
