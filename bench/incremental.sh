#!/usr/bin/env bash
# usage: bench/incremental.sh SOOTHE [N]: copies the first N built-in session scripts (default 18)
# into a catalogue folder, renders it with --incremental (22050 Hz mono WAV, --jobs 2), then
# renders it again with nothing changed, then again after editing one script, and prints:
#   SESSIONS FIRST_SECONDS UNCHANGED_SECONDS ONE_CHANGED_SECONDS
set -euo pipefail
soothe=$(realpath "$1")
count=${2:-18}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOOTHE_HOME=${SOOTHE_HOME:-$root}
export SOOTHE_CACHE="$work/cache"
mkdir -p "$work/sessions"
for script in $(ls "$SOOTHE_HOME"/assets/sessions/*.yaml | head -n "$count"); do cp "$script" "$work/sessions/"; done
now() { date +%s.%N; }
run() {
    local t0
    t0=$(now)
    "$soothe" render --catalogue "$work/sessions" -o "$work/out" --sample-rate 22050 --channels 1 --jobs 2 "$@" > "$work/summary.txt"
    echo "$(now) - $t0" | bc -l
}
first=$(run --incremental)
unchanged=$(run)
grep -q "^0 rendered, skipped $count unchanged, 0 failed$" "$work/summary.txt" || { echo "expected all $count unchanged:" >&2; cat "$work/summary.txt" >&2; exit 1; }
one=$(ls "$work/sessions"/*.yaml | head -n 1)
printf '# edited\n' >> "$one"
changed=$(run)
grep -q "^1 rendered, skipped $((count - 1)) unchanged, 0 failed$" "$work/summary.txt" || { echo "expected one rendered:" >&2; cat "$work/summary.txt" >&2; exit 1; }
printf '%d %.2f %.3f %.2f\n' "$count" "$first" "$unchanged" "$changed"
