#!/usr/bin/env bash
# What a listener hears change between two soothe builds: renders built-in sessions with each
# (48 kHz stereo float WAV, normalised as shipped) and measures, per session: length, integrated
# loudness and true peak of the file; the loudness of the speech cues and of everything else
# (chimes, breath tone, bed) over their own spans, and the gap between them; the share of the
# speech's energy at 2-6 kHz (espeak-ng's buzz); the speech's peak over its loudness.
#
# Usage: bench/before-after.sh BEFORE_SOOTHE BEFORE_HOME AFTER_SOOTHE AFTER_HOME [SESSION...]
#   BEFORE_HOME / AFTER_HOME: a checkout holding that build's assets/ and voices/
#   (e.g. `git worktree add /tmp/before be9f101` and its `swift build -c release --product soothe`).
# Default sessions: belly-breathing self-compassion distraction-walk. Prints Markdown.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 4 ] || { sed -n 2,11p "$0" >&2; exit 64; }
before="$1" before_home="$2" after="$3" after_home="$4"
shift 4
[ $# -gt 0 ] || set -- belly-breathing self-compassion distraction-walk
python3 -c 'import numpy, scipy' 2>/dev/null || python3 -m pip install --quiet numpy scipy
work="$(mktemp -d "${TMPDIR:-/tmp}/soothe-before-after.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "| session | build | length | file loudness | true peak | speech loudness | rest loudness | speech over rest | speech 2-6 kHz share | speech peak over its loudness |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for session in "$@"; do
    for side in before after; do
        if [ $side = before ]; then bin="$before" home="$before_home"; else bin="$after" home="$after_home"; fi
        SOOTHE_HOME="$home" SOOTHE_CACHE="$work/cache-$side" SOOTHE_VOICES="" \
            "$bin" render "$session" -o "$work/$side.wav" --bit-depth float -q >/dev/null
        SOOTHE_HOME="$home" SOOTHE_CACHE="$work/cache-$side" SOOTHE_VOICES="" \
            "$bin" preview "$session" --format json > "$work/$side.json"
        python3 "$here/voices/before_after.py" "$work/$side.wav" "$work/$side.json" "$session" "$side"
    done
done
