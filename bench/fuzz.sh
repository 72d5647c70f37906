#!/usr/bin/env bash
# Fuzzes check and preview in-process: SOOTHE_FUZZ_COUNT seeded scripts (default 10,000) through
# the parser, the timeline builder and every preview format, in a release build.
#   bash bench/fuzz.sh                 10,000 inputs, the default seed
#   COUNT=50000 SEED=0x1234 bash bench/fuzz.sh
# Prints the fuzzer's summary: inputs, accepted, rejected, failed, the slowest input, the seed.
# Exits non-zero if any input crashed, hung past the 2 s bound or broke a property.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SCRATCH=${SCRATCH:-.build}
export SOOTHE_FUZZ_COUNT=${COUNT:-10000}
[ -n "${SEED:-}" ] && export SOOTHE_FUZZ_SEED=$SEED
log=$(mktemp)
trap 'rm -f "$log"' EXIT
start=$(date +%s)
status=0
"$SWIFT" test -c release --scratch-path "$SCRATCH" --filter 'FuzzTests' >"$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))
grep -E '^fuzz:' "$log" || true
if [ "$status" -ne 0 ]; then
    grep -E '✘|error:|Fatal' "$log" | head -40 || true
    echo "fuzz: FAILED (exit $status) after ${elapsed} s; full log kept in $log.keep"
    cp "$log" "$log.keep"
    exit "$status"
fi
echo "fuzz: passed in ${elapsed} s (build included)"
