#!/usr/bin/env bash
# soothe's benchmark (make bench): whole-process figures of a release build, each against a
# baseline run side by side, interleaved, medians quoted. Prints one Markdown table, with the
# machine it ran on, and writes it to bench/results/latest.md.
#   (a) real time: the 5-minute bench session, the same with a bed (a stereo mix all the way),
#       and the slowest built-in (found by rendering every one), each to normalised 48 kHz stereo
#       WAV beside the same made with the espeak-ng command line, sox and ffmpeg loudnorm
#       (bench/shell-pipeline.sh), interleaved, and the ratio
#   (b) the speech cache: the catalogue's size on disk, and `list` on an empty cache
#   (c) peak memory for 5-, 30- and 60-minute sessions, and an hour of continuous distinct speech
#   (d) render --all wall time with --jobs 1 and --jobs 2
#   (e) the catalogue in two voices, first render and again, audio minutes per second and cache size
# soothe keeps synthesised speech in a cache between runs (SOOTHE_CACHE): the figures are for a
# render whose words were spoken before (the cache is filled once, untimed), and the table also
# gives first renders (SOOTHE_CACHE=off: espeak-ng speaks every phrase). A render with a warm
# cache is one thread (it starts no other thread or process): its real time is one core's.
set -euo pipefail
# Nine runs: this 2-core VM's speed drifts by a third from minute to minute; medians of nine hold.
runs="${BENCH_RUNS:-9}"
. "$(dirname "$0")/lib.sh"
# Every command the runs below need, named before any time is spent.
bench_need espeak-ng sox soxi ffmpeg bc python3 /usr/bin/time free md5sum

now() { date +%s.%N; }
# "lowest–highest" of a file of times, for the spread behind a median.
spread() { sort -g "$1" | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.2f–%.2f s", lo, hi}'; }
# A command that fails ends the bench, saying what it was and what it printed on stderr.
failed() {  # STATUS COMMAND...
    local status=$1
    shift
    echo "bench: '$*' failed with status $status:" >&2
    cat "$work/stderr" >&2
    exit "$status"
}
elapsed() { local t0; t0=$(now); "$@" >/dev/null 2>"$work/stderr" || failed $? "$@"; echo "$(now) - $t0" | bc -l; }
peak_kb() { /usr/bin/time -o "$work/peak" -f "%M" "$@" >/dev/null 2>"$work/stderr" || failed $? "$@"; cat "$work/peak"; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# A session's length (seconds) and its bed (from `ambience:`, empty without one).
length_of() { "$soothe" preview "$1" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["duration"])'; }
bed_of() { sed -n 's/^ambience: *{\{0,1\} *\(sound: *\)\{0,1\}\([a-z-]*\).*/\2/p' "$1"; }
cues_of() { "$soothe" preview "$1" --format json | python3 "$here/cues-to-tsv.py" > "$2"; }

# The speech cache: the catalogue's first (the size of its clips), then the bench sessions'.
"$soothe" render --all -o "$work/fill" --jobs 2 -q >/dev/null
cache_bytes=$(du -sb "$SOOTHE_CACHE" | cut -f1)
rm -rf "$work/fill"
session="$work/sessions/breathing-5m.yaml"
bed_session="$work/sessions/breathing-5m-ambience.yaml"
"$soothe" render "$session" -o "$work/soothe.wav" -q >/dev/null
"$soothe" render "$bed_session" -o "$work/bed.wav" -q >/dev/null

# Every built-in once a run, three runs: the lowest real-time factor names the slowest (the
# shortest sessions carry their start-up too).
ids=$("$soothe" list --json | python3 -c 'import json,sys; print("\n".join(s["id"] for s in json.load(sys.stdin)))')
: > "$work/builtins.tsv"
for id in $ids; do
    file="$root/assets/sessions/$id.yaml"
    : > "$work/one.times"
    for _ in 1 2 3; do elapsed "$soothe" render "$file" -o "$work/one.wav" -q >> "$work/one.times"; done
    printf '%s\t%s\n' "$id" "$(echo "$(length_of "$file") / $(median < "$work/one.times")" | bc -l)" >> "$work/builtins.tsv"
done
read -r slowest slowest_rtf < <(sort -t$'\t' -k2 -g "$work/builtins.tsv" | head -1)
read -r fastest fastest_rtf < <(sort -t$'\t' -k2 -g "$work/builtins.tsv" | tail -1)
over=$(awk -F'\t' '$2 >= 1000' "$work/builtins.tsv" | wc -l)
count=$(wc -l < "$work/builtins.tsv")
slowest_file="$root/assets/sessions/$slowest.yaml"

# (a) interleaved: each soothe render beside the shell pipeline making the same session.
length=$(length_of "$session")
bed_length=$(length_of "$bed_session")
slowest_length=$(length_of "$slowest_file")
cues_of "$session" "$work/cues.tsv"
cues_of "$bed_session" "$work/bed-cues.tsv"
cues_of "$slowest_file" "$work/slowest-cues.tsv"
bed=$(bed_of "$bed_session")
slowest_bed=$(bed_of "$slowest_file")
for name in soothe cold bed slowest shell shell-bed shell-slowest; do : > "$work/$name.times"; done
for _ in $(seq "$runs"); do
    elapsed "$soothe" render "$session" -o "$work/soothe.wav" -q >> "$work/soothe.times"
    elapsed bash "$here/shell-pipeline.sh" "$work/cues.tsv" "$work/shell.wav" >> "$work/shell.times"
    SOOTHE_CACHE=off elapsed "$soothe" render "$session" -o "$work/cold.wav" -q >> "$work/cold.times"
    elapsed "$soothe" render "$bed_session" -o "$work/bed.wav" -q >> "$work/bed.times"
    elapsed bash "$here/shell-pipeline.sh" "$work/bed-cues.tsv" "$work/shell-bed.wav" "$bed" >> "$work/shell-bed.times"
    elapsed "$soothe" render "$slowest_file" -o "$work/slowest.wav" -q >> "$work/slowest.times"
    elapsed bash "$here/shell-pipeline.sh" "$work/slowest-cues.tsv" "$work/shell-slowest.wav" $slowest_bed >> "$work/shell-slowest.times"
done
cmp -s "$work/soothe.wav" "$work/cold.wav" || { echo "bench: the cached and uncached renders differ" >&2; exit 1; }
# "S s = R× real time (runs lo–hi s)" for soothe's times, then "; the shell pipeline S s: R× faster".
row() {  # TIMES LENGTH SHELL_TIMES
    local s shell
    s=$(median < "$work/$1.times")
    printf '%.2f s = **%.0f× real time** (runs %s)' "$s" "$(echo "$2 / $s" | bc -l)" "$(spread "$work/$1.times")"
    if [ -n "${3:-}" ]; then
        shell=$(median < "$work/$3.times")
        printf '; the shell pipeline %.2f s (runs %s): soothe is **%.1f× faster**' "$shell" "$(spread "$work/$3.times")" "$(echo "$shell / $s" | bc -l)"
    fi
}

# (b) `list` with an empty speech cache: lengths estimated from the words, nothing spoken.
: > "$work/list.times"
: > "$work/list-json.times"
for _ in $(seq "$runs"); do
    rm -rf "$work/empty-cache"
    SOOTHE_CACHE="$work/empty-cache" elapsed "$soothe" list >> "$work/list.times"
    rm -rf "$work/empty-cache"
    SOOTHE_CACHE="$work/empty-cache" elapsed "$soothe" list --json >> "$work/list-json.times"
done

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
# One untimed run first (the catalogue's speech is in the cache since (b)); then a few runs without the cache.
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
# (e) the catalogue in two voices, --jobs 2, from an empty speech cache and again from the full one.
read -r matrix_minutes matrix_cold matrix_warm matrix_cache < <("$here/matrix.sh" "$soothe" gentle warm)
catalogue=$("$soothe" list --json --exact | python3 -c 'import json,sys; print(round(sum(s["duration"] for s in json.load(sys.stdin)) / 60, 1))')

cpu=$(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "Machine: $cpu, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"); $(date -u '+%Y-%m-%d %H:%M UTC'); load average (1, 5, 15 min) $load_start at the start, $load_end at the end; medians of $runs interleaved runs."
    echo
    echo "| measure | figure | target |"
    echo "|---|---|---|"
    printf '| (a) the %.0f s bench session, normalised 48 kHz stereo WAV | %s | ≥ 1000×, ≥ 25× |\n' "$length" "$(row soothe "$length" shell)"
    printf '| (a) the same, first render of its words (no speech cache) | %s | — |\n' "$(row cold "$length" shell)"
    printf '| (a) the same with a %s bed (a stereo mix all the way) | %s | ≥ 1000× |\n' "$bed" "$(row bed "$bed_length" shell-bed)"
    printf '| (a) the slowest built-in, %s (%.0f s%s) | %s | ≥ 1000× |\n' "$slowest" "$slowest_length" "${slowest_bed:+, $slowest_bed bed}" "$(row slowest "$slowest_length" shell-slowest)"
    printf '| (a) every built-in, medians of 3 | %s of %s at ≥ 1000×: from %.0f× (%s) to %.0f× (%s) | all ≥ 1000× |\n' "$over" "$count" "$slowest_rtf" "$slowest" "$fastest_rtf" "$fastest"
    # Clips at the output rate, uncompressed, took 468.7 MB for the 18-session catalogue of 127.0
    # audio minutes (measured before the cache was compressed); scaled to this catalogue's minutes.
    before_mb=$(echo "468.7 * $catalogue / 127.0" | bc -l)
    printf '| (b) the speech cache after rendering the catalogue (espeak-ng'"'"'s clips, compressed) | %.1f MB = %.1f %% of the %.0f MB its clips would take at 48 kHz, uncompressed (468.7 MB for the 127.0 min catalogue of 18 sessions, scaled to %.1f min) | ≤ 25 %% |\n' \
        "$(echo "$cache_bytes / 1000000" | bc -l)" "$(echo "$cache_bytes / 10000 / $before_mb" | bc -l)" "$before_mb" "$catalogue"
    printf '| (b) `list` / `list --json` with an empty speech cache (%s sessions) | %.3f s / %.3f s | well under 1 s |\n' "$count" "$(median < "$work/list.times")" "$(median < "$work/list-json.times")"
    printf '| (c) peak memory, 5 / 30 / 60 min sessions | %.1f / %.1f / %.1f MiB; 60 min = %.2f× 5 min | ≤ 1.2× |\n' \
        "$(echo "${memory[5]} / 1024" | bc -l)" "$(echo "${memory[30]} / 1024" | bc -l)" "$(echo "${memory[60]} / 1024" | bc -l)" "$mem_ratio"
    printf '| (c) peak memory, an hour of continuous speech (540 distinct sentences) | %.1f MiB = %.2f× the 5 min session | ≤ 1.5× |\n' \
        "$(echo "${memory[dense]} / 1024" | bc -l)" "$dense_ratio"
    printf '| (d) render --all (%s min of audio), --jobs 1 / --jobs 2 | %.2f s / %.2f s = %.2f× | ≥ 1.8× on 2 cores |\n' "$catalogue" "$jobs1" "$jobs2" "$speedup"
    printf '| (d) the same, no speech cache (a first render) | %.2f s / %.2f s = %.2f× | — |\n' "$cold1" "$cold2" "$cold_speedup"
    printf '| (e) the catalogue × 2 voices (%.0f min of audio), --jobs 2: first render / again | %.1f s = %.1f / %.1f s = %.1f audio minutes per second; the cache then holds %.1f MB | — |\n' \
        "$matrix_minutes" "$matrix_cold" "$(echo "$matrix_minutes / $matrix_cold" | bc -l)" "$matrix_warm" "$(echo "$matrix_minutes / $matrix_warm" | bc -l)" "$(echo "$matrix_cache / 1000000" | bc -l)"
} | tee "$results/latest.md"
