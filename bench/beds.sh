#!/bin/sh
# What each ambience bed costs, in nanoseconds of CPU time per stereo frame (release build,
# 48 kHz, 60 s of each bed in 1024-frame blocks, best of SOOTHE_DSP_REPEATS runs, default 9: the
# best is the run least disturbed by other work on the machine): the bed part of the DSP benchmark
# (bench/dsp/run.sh, SOOTHE_DSP_BENCH=ambience). Writes the figures into docs/sounds.md between
# its <!-- beds.sh --> markers. Fails when a bed costs more than the limit (15 ns, or
# $SOOTHE_BED_LIMIT_NS) and more than the costliest of the noise beds (brown-noise, pink-noise,
# rain, ocean) in the same run: other work on the machine slows every bed alike, and a bed as
# fast as those is as fast as the beds soothe had.
# Timing `soothe sounds NAME` as a whole would bury a bed's 5-15 ns under the limiter's ~300.
# Usage: bench/beds.sh   (SOOTHE_BENCH_SCRATCH=.build-NAME: own scratch path)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
limit=${SOOTHE_BED_LIMIT_NS:-15}
out=$(mktemp)
trap 'rm -f "$out" "$out.md"' EXIT
SOOTHE_DSP_BENCH=ambience SOOTHE_DSP_REPEATS=${SOOTHE_DSP_REPEATS:-9} sh "$root/bench/dsp/run.sh" | sed -n '/^now:/,$p' | grep 'ambience' >"$out"
cat "$out"
{
    echo '| bed | ns per stereo frame |'
    echo '|---|---|'
    sed -E 's/^ *ambience (.*) \(stereo\) +([0-9.]+) ns\/stereo frame$/| \1 | \2 |/' "$out"
    echo
    echo "Measured on $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo 'unknown CPU'), $(date -u +%Y-%m-%d)."
} >"$out.md"
awk -v table="$out.md" '
    /<!-- beds.sh -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /<!-- \/beds.sh -->/ { skip = 0 }
    !skip { print }
' "$root/docs/sounds.md" >"$root/docs/sounds.md.new" && mv "$root/docs/sounds.md.new" "$root/docs/sounds.md"
awk -v limit="$limit" '
    { name[NR] = $0; ns[NR] = $(NF - 2) + 0 }
    /ambience (brown-noise|pink-noise|rain|ocean) / { if (ns[NR] > noise) noise = ns[NR] }
    END {
        for (i = 1; i <= NR; i++) if (ns[i] > limit && ns[i] > noise) { print "over " limit " ns and over the noise beds (" noise "):" name[i]; bad = 1 }
        exit bad
    }' "$out"
