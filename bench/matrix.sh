#!/usr/bin/env bash
# usage: bench/matrix.sh SOOTHE [VOICE...]: renders the whole built-in catalogue in each voice
# profile given (default: gentle warm) with --jobs 2, first from an empty speech cache and then
# again from the filled one, each into an empty folder, and prints one line:
#   AUDIO_MINUTES COLD_SECONDS WARM_SECONDS CACHE_BYTES
set -euo pipefail
soothe=$(realpath "$1"); shift
voices=("$@")
[ $# -eq 0 ] && voices=(gentle warm)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOOTHE_CACHE="$work/cache"
now() { date +%s.%N; }
pass() {
    local t0 total=0
    for voice in "${voices[@]}"; do
        rm -rf "$work/out"; sync
        t0=$(now)
        "$soothe" render --all --voice "$voice" --jobs 2 -o "$work/out/$voice" -q > /dev/null
        total=$(echo "$total + $(now) - $t0" | bc -l)
    done
    echo "$total"
}
cold=$(pass)
warm=$(pass)
# Audio rendered: each session's length in each voice, from the (now warm) cue sheets.
minutes=$(python3 - "$soothe" "${voices[@]}" <<'PY'
import json, subprocess, sys
soothe, voices = sys.argv[1], sys.argv[2:]
ids = [s["id"] for s in json.loads(subprocess.run([soothe, "list", "--json"], capture_output=True, text=True).stdout)]
total = 0.0
for voice in voices:
    for id in ids:
        run = subprocess.run([soothe, "preview", id, "--voice", voice, "--format", "json"], capture_output=True, text=True)
        total += json.loads(run.stdout)["duration"]
print(total / 60)
PY
)
echo "$minutes $cold $warm $(du -sb "$work/cache" | cut -f1)"
