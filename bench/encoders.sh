#!/usr/bin/env bash
# What a compressed render costs beside the encoder alone (make bench-encoders). For each
# format, the 5-minute bench session rendered by soothe (mix, loudness, limiter, encode) is
# timed beside the format's own command-line encoder encoding soothe's WAV of the same session
# at the same settings (flac -5, oggenc -q 4, opusenc --bitrate 64, lame -b 128 --cbr), runs
# interleaved, medians quoted, wall and CPU (user + system). Then `render --all` to Opus with
# --jobs 1 and 2: wall time and the cores it kept busy (CPU time over wall time).
# Prints one Markdown table and writes it to bench/results/encoders.md.
set -euo pipefail
runs="${BENCH_RUNS:-7}"
. "$(dirname "$0")/lib.sh"
bench_need flac oggenc opusenc lame soxi python3 /usr/bin/time
session="$work/sessions/breathing-5m.yaml"
# "wall cpu" in seconds of one command, its output thrown away.
timed() { /usr/bin/time -f "%e %U %S" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%s %.2f\n", $1, $2 + $3}'; }

# The speech is spoken once, untimed: the figures are for renders whose words are cached.
"$soothe" render "$session" -o "$work/session.wav" -q >/dev/null
length=$(soxi -D "$work/session.wav")
encoder() {
    case "$1" in
        flac) echo "flac -f -s -5 -o $work/alone.flac $work/session.wav" ;;
        ogg) echo "oggenc -Q -q 4 -o $work/alone.ogg $work/session.wav" ;;
        opus) echo "opusenc --quiet --bitrate 64 $work/session.wav $work/alone.opus" ;;
        mp3) echo "lame --quiet -b 128 --cbr $work/session.wav $work/alone.mp3" ;;
    esac
}
label() {
    case "$1" in flac) echo "flac -5" ;; ogg) echo "oggenc -q 4" ;; opus) echo "opusenc --bitrate 64" ;; mp3) echo "lame -b 128 --cbr" ;; esac
}
for format in wav flac ogg opus mp3; do
    : > "$work/$format.soothe"; : > "$work/$format.alone"
done
for _ in $(seq "$runs"); do
    for format in wav flac ogg opus mp3; do
        timed "$soothe" render "$session" -o "$work/soothe.$format" -q >> "$work/$format.soothe"
        [ "$format" = wav ] || timed bash -c "$(encoder "$format")" >> "$work/$format.alone"
    done
done
col() { awk -v c="$2" '{print $c}' "$1" | median; }
bytes() { stat -c %s "$1"; }
mb() { python3 -c "print(f'{$1 / 1e6:.1f}')"; }
kbps() { python3 -c "print(f'{$1 * 8 / $length / 1000:.0f}')"; }

table="$work/table.md"
{
    echo "Encoders on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); medians of $runs interleaved runs, the $(printf '%.0f' "$length") s bench session, 48 kHz stereo, speech cached."
    echo
    echo "| format | soothe wall / CPU | encoder alone | wall / CPU | soothe ÷ encoder (wall, CPU) | size soothe / encoder |"
    echo "|---|---|---|---|---|---|"
    for format in wav flac ogg opus mp3; do
        sw=$(col "$work/$format.soothe" 1); sc=$(col "$work/$format.soothe" 2)
        size=$(bytes "$work/soothe.$format")
        if [ "$format" = wav ]; then
            printf '| wav | %.2f / %.2f s | — | — | — | %s MB |\n' "$sw" "$sc" "$(mb "$size")"
            continue
        fi
        aw=$(col "$work/$format.alone" 1); ac=$(col "$work/$format.alone" 2)
        alone=$(bytes "$work/alone.$format")
        printf '| %s | %.2f / %.2f s | `%s` | %.2f / %.2f s | %.2f×, %.2f× | %s / %s MB (%s / %s kb/s) |\n' \
            "$format" "$sw" "$sc" "$(label "$format")" "$aw" "$ac" \
            "$(echo "$sw / $aw" | bc -l)" "$(echo "$sc / $ac" | bc -l)" \
            "$(mb "$size")" "$(mb "$alone")" "$(kbps "$size")" "$(kbps "$alone")"
    done
    echo
    # The catalogue to Opus (its words spoken first, untimed): one job, then two; the CPU time
    # over the wall time says how many cores were busy.
    "$soothe" render --all -o "$work/fill" --jobs 2 -q >/dev/null
    for jobs in 1 2; do
        read -r wall cpu < <(timed "$soothe" render --all -o "$work/all-$jobs" --format opus --jobs "$jobs" -q)
        printf -- '- `render --all --format opus --jobs %s`: %.1f s wall, %.1f s CPU, %.2f cores busy\n' "$jobs" "$wall" "$cpu" "$(echo "$cpu / $wall" | bc -l)"
    done
} > "$table"
cat "$table"
cp "$table" "$results/encoders.md"
