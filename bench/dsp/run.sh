#!/bin/sh
# Builds SootheDSP in release mode and runs its benchmark (a test that only runs when
# SOOTHE_DSP_BENCH is set), printing nanoseconds per frame for every generator and the
# limiter, after the figures measured before the speed work (bench/dsp/baseline.txt).
#
# The benchmark runs in a throwaway package (under the scratch path $SOOTHE_BENCH_SCRATCH,
# default .build-perf-rel, so that engineers working at once need not share one) that
# links the real Sources/SootheModel, Sources/SootheDSP and Tests/SootheDSPTests and nothing else, so work in
# progress in other targets cannot stop it: `swift test` would build every test target.
# Usage: bench/dsp/run.sh   (SOOTHE_BENCH_SCRATCH=.build-NAME: own scratch path;
# SOOTHE_DSP_BENCH=breath: only the parts whose names contain "breath")
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch="$root/${SOOTHE_BENCH_SCRATCH:-.build-perf-rel}"
pkg="$scratch/bench-package"
mkdir -p "$pkg/Sources" "$pkg/Tests"
ln -sfn "$root/Sources/SootheModel" "$pkg/Sources/SootheModel"
ln -sfn "$root/Sources/SootheDSP" "$pkg/Sources/SootheDSP"
ln -sfn "$root/Tests/SootheDSPTests" "$pkg/Tests/SootheDSPTests"
cat >"$pkg/Package.swift" <<'SWIFT'
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "soothe-dsp-bench",
    targets: [
        .target(name: "SootheModel"),
        .target(name: "SootheDSP", dependencies: ["SootheModel"]),
        .testTarget(name: "SootheDSPTests", dependencies: ["SootheDSP", "SootheModel"]),
    ],
    swiftLanguageModes: [.v6])
SWIFT
out=$(mktemp)
trap 'rm -f "$out"' EXIT
SOOTHE_DSP_BENCH=${SOOTHE_DSP_BENCH:-1} swift test -c release --package-path "$pkg" --scratch-path "$scratch/bench" \
    --filter 'SootheDSPTests.DSPBenchmark' >"$out" 2>&1 || { cat "$out"; exit 1; }
echo "before (bench/dsp/baseline.txt):"
sed 's/^/  /' "$root/bench/dsp/baseline.txt"
echo "now:"
grep '^BENCH' "$out" | sed 's/^BENCH/ /'
