#!/bin/sh
# Builds soothe in release mode and runs the SootheDSP benchmark (a test that only runs when
# SOOTHE_DSP_BENCH is set), printing nanoseconds per frame for every generator and the
# limiter, next to the figures measured before the speed work (bench/dsp/baseline.txt).
# Usage: bench/dsp/run.sh            (from anywhere; uses the .build-perf-rel scratch path)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
SOOTHE_DSP_BENCH=1 swift test -c release --scratch-path .build-perf-rel \
    --filter 'SootheDSPTests.DSPBenchmark' >"$out" 2>&1 || { cat "$out"; exit 1; }
echo "before (bench/dsp/baseline.txt):"
sed 's/^/  /' bench/dsp/baseline.txt
echo "now:"
grep '^BENCH' "$out" | sed 's/^BENCH/ /'
