#!/usr/bin/env bash
# soothe's benchmark (make bench): whole-process figures of a release build, each against a
# baseline run side by side, interleaved, medians quoted. Prints a Markdown table and writes it
# to bench/results/latest.md.
#   (a) real-time factor: a 5-minute breathing session to normalised 48 kHz stereo WAV (and, for
#       reference, the same session with an ambience bed: a stereo mix all the way through)
#   (b) the same session made with the espeak-ng command line, sox and ffmpeg loudnorm, and the ratio
#   (c) peak memory for 5-, 30- and 60-minute sessions
#   (d) render --all wall time with --jobs 1 and --jobs 2
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
soothe="$root/.build/release/soothe"
# Nine runs: this 2-core VM's speed drifts by a third from minute to minute; medians of nine hold.
runs="${BENCH_RUNS:-9}"
results="$here/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOOTHE_HOME="$root"
[ -x "$soothe" ] || { echo "build first: swift build -c release" >&2; exit 1; }
mkdir -p "$results"
"$here/make-sessions.sh" "$work/sessions"

now() { date +%s.%N; }
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# "lowest–highest" of a file of times, for the spread behind a median.
spread() { sort -g "$1" | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f–%.2f s", lo, hi}'; }
elapsed() { local t0; t0=$(now); "$@" >/dev/null 2>&1; echo "$(now) - $t0" | bc -l; }
peak_kb() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

session="$work/sessions/breathing-5m.yaml"
"$soothe" preview "$session" --format json | python3 "$here/cues-to-tsv.py" > "$work/cues.tsv"
length=$(awk -F'\t' '$1 == "duration" {print $2}' "$work/cues.tsv")

# (a) and (b), interleaved.
: > "$work/soothe.times"
: > "$work/shell.times"
: > "$work/ambience.times"
for _ in $(seq "$runs"); do
    elapsed "$soothe" render "$session" -o "$work/soothe.wav" -q >> "$work/soothe.times"
    elapsed "$soothe" render "$work/sessions/breathing-5m-ambience.yaml" -o "$work/ambience.wav" -q >> "$work/ambience.times"
    elapsed bash "$here/shell-pipeline.sh" "$work/cues.tsv" "$work/shell.wav" >> "$work/shell.times"
done
soothe_s=$(median < "$work/soothe.times")
shell_s=$(median < "$work/shell.times")
rtf=$(echo "$length / $soothe_s" | bc -l)
ambience_s=$(median < "$work/ambience.times")
ambience_rtf=$(echo "$length / $ambience_s" | bc -l)
ratio=$(echo "$shell_s / $soothe_s" | bc -l)

# (c) peak memory, each length against the 5-minute one.
declare -A memory
for minutes in 5 30 60; do
    : > "$work/mem.$minutes"
    for _ in $(seq 3); do
        peak_kb "$soothe" render "$work/sessions/breathing-${minutes}m.yaml" -o "$work/m.wav" -q >> "$work/mem.$minutes"
    done
    memory[$minutes]=$(median < "$work/mem.$minutes")
done
mem_ratio=$(echo "${memory[60]} / ${memory[5]}" | bc -l)

# (d) the whole catalogue, --jobs 1 against --jobs 2, interleaved. Each run starts as a CI job
# does: an empty output folder, and no write-back left over from the run before (1.5 GB each).
: > "$work/jobs1.times"
: > "$work/jobs2.times"
for _ in $(seq "${BENCH_ALL_RUNS:-5}"); do
    rm -rf "$work/all"; sync
    elapsed "$soothe" render --all -o "$work/all" --jobs 1 -q >> "$work/jobs1.times"
    rm -rf "$work/all"; sync
    elapsed "$soothe" render --all -o "$work/all" --jobs 2 -q >> "$work/jobs2.times"
done
jobs1=$(median < "$work/jobs1.times")
jobs2=$(median < "$work/jobs2.times")
speedup=$(echo "$jobs1 / $jobs2" | bc -l)
catalogue=$("$soothe" list --json | python3 -c 'import json,sys; print(round(sum(s["duration"] for s in json.load(sys.stdin)) / 60, 1))')

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
{
    echo "Machine: $cpu, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); medians of $runs interleaved runs."
    echo
    echo "| measure | figure | target |"
    echo "|---|---|---|"
    printf '| (a) render a %.0f s breathing session, 48 kHz stereo WAV, normalised | %.2f s = %.0f× real time (runs: %s) | ≥ 1000× |\n' "$length" "$soothe_s" "$rtf" "$(spread "$work/soothe.times")"
    printf '| (a) the same session with an ambience bed (stereo mix) | %.2f s = %.0f× real time | — |\n' "$ambience_s" "$ambience_rtf"
    printf '| (b) the same with espeak-ng + sox + ffmpeg loudnorm | %.2f s (runs: %s); soothe is %.1f× faster | ≥ 25× |\n' "$shell_s" "$(spread "$work/shell.times")" "$ratio"
    printf '| (c) peak memory, 5 / 30 / 60 min sessions | %.1f / %.1f / %.1f MB; 60 min = %.2f× 5 min | ≤ 1.2× |\n' \
        "$(echo "${memory[5]} / 1024" | bc -l)" "$(echo "${memory[30]} / 1024" | bc -l)" "$(echo "${memory[60]} / 1024" | bc -l)" "$mem_ratio"
    printf '| (d) render --all (%s min of audio), --jobs 1 / --jobs 2 | %.2f s / %.2f s = %.2f× | ≥ 1.8× on 2 cores |\n' "$catalogue" "$jobs1" "$jobs2" "$speedup"
} | tee "$results/latest.md"
