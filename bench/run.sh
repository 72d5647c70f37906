#!/usr/bin/env bash
# soothe's benchmark (make bench): whole-process figures of a release build, each against a
# baseline run side by side, interleaved, medians quoted. Prints a Markdown table and writes it
# to bench/results/latest.md.
#   (a) real-time factor: a 5-minute breathing session to normalised 48 kHz stereo WAV (and, for
#       reference, the same session with an ambience bed: a stereo mix all the way through)
#   (b) the same session made with the espeak-ng command line, sox and ffmpeg loudnorm, and the ratio
#   (c) peak memory for 5-, 30- and 60-minute sessions, and an hour of continuous distinct speech
#   (d) render --all wall time with --jobs 1 and --jobs 2
#   (e) the catalogue in two voices, first render and again, audio minutes per second and cache size
# soothe keeps synthesised speech in a cache between runs (SOOTHE_CACHE): the figures are for a
# render whose words were spoken before (the cache is filled once, untimed), and each table also
# gives the first render (SOOTHE_CACHE=off: espeak-ng speaks every phrase).
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
export SOOTHE_CACHE="$work/speech-cache"
[ -x "$soothe" ] || { echo "build first: swift build -c release" >&2; exit 1; }
# Every command the runs below need, named before any time is spent (make bench installs them).
for tool in espeak-ng sox soxi ffmpeg bc python3 /usr/bin/time free md5sum; do
    command -v "$tool" >/dev/null || { echo "bench: '$tool' is not installed (make bench-deps installs it)" >&2; exit 1; }
done
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

# (a) and (b), interleaved; the speech cache filled first.
"$soothe" render "$session" -o "$work/soothe.wav" -q >/dev/null
: > "$work/soothe.times"
: > "$work/cold.times"
: > "$work/shell.times"
: > "$work/ambience.times"
for _ in $(seq "$runs"); do
    elapsed "$soothe" render "$session" -o "$work/soothe.wav" -q >> "$work/soothe.times"
    SOOTHE_CACHE=off elapsed "$soothe" render "$session" -o "$work/cold.wav" -q >> "$work/cold.times"
    elapsed "$soothe" render "$work/sessions/breathing-5m-ambience.yaml" -o "$work/ambience.wav" -q >> "$work/ambience.times"
    elapsed bash "$here/shell-pipeline.sh" "$work/cues.tsv" "$work/shell.wav" >> "$work/shell.times"
done
cmp -s "$work/soothe.wav" "$work/cold.wav" || { echo "bench: the cached and uncached renders differ" >&2; exit 1; }
soothe_s=$(median < "$work/soothe.times")
cold_s=$(median < "$work/cold.times")
cold_rtf=$(echo "$length / $cold_s" | bc -l)
cold_ratio=$(echo "$(median < "$work/shell.times") / $cold_s" | bc -l)
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
# An hour of continuous speech, 540 distinct sentences (its speech cached by one untimed run).
"$soothe" render "$work/sessions/speech-dense.yaml" -o "$work/m.wav" -q
: > "$work/mem.dense"
for _ in $(seq 3); do
    peak_kb "$soothe" render "$work/sessions/speech-dense.yaml" -o "$work/m.wav" -q >> "$work/mem.dense"
done
memory[dense]=$(median < "$work/mem.dense")
dense_ratio=$(echo "${memory[dense]} / ${memory[5]}" | bc -l)

# (d) the whole catalogue, --jobs 1 against --jobs 2, interleaved. Each run starts as a CI job
# does: an empty output folder, and no write-back left over from the run before (1.5 GB each).
# The catalogue's speech is cached by the first (untimed) run; then a few runs without the cache.
"$soothe" render --all -o "$work/all" --jobs 2 -q >/dev/null
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
: > "$work/cold1.times"
: > "$work/cold2.times"
for _ in $(seq "${BENCH_COLD_RUNS:-3}"); do
    rm -rf "$work/all"; sync
    SOOTHE_CACHE=off elapsed "$soothe" render --all -o "$work/all" --jobs 1 -q >> "$work/cold1.times"
    rm -rf "$work/all"; sync
    SOOTHE_CACHE=off elapsed "$soothe" render --all -o "$work/all" --jobs 2 -q >> "$work/cold2.times"
done
cold1=$(median < "$work/cold1.times")
cold2=$(median < "$work/cold2.times")
cold_speedup=$(echo "$cold1 / $cold2" | bc -l)
cache_mb=$(du -sm "$SOOTHE_CACHE" | cut -f1)
# (e) the catalogue in two voices, --jobs 2, from an empty speech cache and again from the full one.
read -r matrix_minutes matrix_cold matrix_warm matrix_cache < <("$here/matrix.sh" "$soothe" gentle warm)
catalogue=$("$soothe" list --json --exact | python3 -c 'import json,sys; print(round(sum(s["duration"] for s in json.load(sys.stdin)) / 60, 1))')

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
{
    echo "Machine: $cpu, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); medians of $runs interleaved runs."
    echo
    echo "| measure | figure | target |"
    echo "|---|---|---|"
    printf '| (a) render a %.0f s breathing session, 48 kHz stereo WAV, normalised | %.2f s = %.0f× real time (runs: %s) | ≥ 1000× |\n' "$length" "$soothe_s" "$rtf" "$(spread "$work/soothe.times")"
    printf '| (a) the same, first render of its words (no speech cache) | %.2f s = %.0f× real time (runs: %s) | — |\n' "$cold_s" "$cold_rtf" "$(spread "$work/cold.times")"
    printf '| (a) the same session with an ambience bed (stereo mix) | %.2f s = %.0f× real time | — |\n' "$ambience_s" "$ambience_rtf"
    printf '| (b) the same with espeak-ng + sox + ffmpeg loudnorm | %.2f s (runs: %s); soothe is %.1f× faster (%.1f× without its speech cache) | ≥ 25× |\n' "$shell_s" "$(spread "$work/shell.times")" "$ratio" "$cold_ratio"
    printf '| (c) peak memory, 5 / 30 / 60 min sessions | %.1f / %.1f / %.1f MB; 60 min = %.2f× 5 min | ≤ 1.2× |\n' \
        "$(echo "${memory[5]} / 1024" | bc -l)" "$(echo "${memory[30]} / 1024" | bc -l)" "$(echo "${memory[60]} / 1024" | bc -l)" "$mem_ratio"
    printf '| (c) peak memory, an hour of continuous speech (540 distinct sentences) | %.1f MB = %.2f× the 5 min session | ≤ 1.5× |\n' \
        "$(echo "${memory[dense]} / 1024" | bc -l)" "$dense_ratio"
    printf '| (d) render --all (%s min of audio), --jobs 1 / --jobs 2 | %.2f s / %.2f s = %.2f× | ≥ 1.8× on 2 cores |\n' "$catalogue" "$jobs1" "$jobs2" "$speedup"
    printf '| (d) the same, no speech cache (a first render; the cache then holds %s MB) | %.2f s / %.2f s = %.2f× | — |\n' "$cache_mb" "$cold1" "$cold2" "$cold_speedup"
    printf '| (e) the catalogue × 2 voices (%.0f min of audio), --jobs 2: first render / again | %.1f s = %.1f / %.1f s = %.1f audio minutes per second; the cache then holds %.0f MB | — |\n' \
        "$matrix_minutes" "$matrix_cold" "$(echo "$matrix_minutes / $matrix_cold" | bc -l)" "$matrix_warm" "$(echo "$matrix_minutes / $matrix_warm" | bc -l)" "$(echo "$matrix_cache / 1000000" | bc -l)"
} | tee "$results/latest.md"
