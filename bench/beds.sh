#!/bin/sh
# What each ambience bed costs: nanoseconds of CPU per stereo frame at 48 kHz, against the
# budget of 15 ns (docs/sounds.md, "Beds"). Exits 1 when a bed is over it.
#
# A bed is timed where it runs, in the process: `AmbienceBed.render` over 60 s of frames in
# 1024-frame blocks, as the mixer calls it, best of SOOTHE_DSP_REPEATS runs (default 9: the
# best is the run least disturbed by other work on the machine). It runs through
# bench/dsp/run.sh (the DSP benchmark in its own small package, SOOTHE_DSP_BENCH=ambience).
# Timing `soothe sound NAME` as a whole would bury a bed's 5–15 ns under the limiter's ~300.
# Usage: bench/beds.sh   (SOOTHE_BENCH_SCRATCH=.build-NAME: own scratch path)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
budget=15
out=$(SOOTHE_DSP_BENCH=ambience SOOTHE_DSP_REPEATS=${SOOTHE_DSP_REPEATS:-9} sh "$root/bench/dsp/run.sh")
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bed            ns/stereo frame   budget $budget"
echo "$out" | sed -n '/^now:/,$p' | grep 'ambience' | awk -v budget="$budget" '
    { name = $2; ns = $4; verdict = (ns + 0 <= budget) ? "ok" : "OVER"; if (verdict == "OVER") over = 1
      printf "%-14s %8.2f          %s\n", name, ns, verdict }
    END { exit over }'
