#!/bin/bash
# usage: bench/same-bytes.sh SOOTHE OUTDIR > sums: renders every built-in (all formats it checks, captions,
# chapters, HTML, every preview format) and prints the sha256 of each file written. Run it with a binary
# from before and after a change, then diff the two sums: a refactor must leave them identical.
S=$(realpath "$1"); O=$2; rm -rf $O; mkdir -p $O/wav
export SOOTHE_HOME="$(cd "$(dirname "$0")/.." && pwd)" SOOTHE_CACHE="${SOOTHE_CACHE:-/tmp/soothe-same-bytes-cache}"
$S render --all -q -o $O/wav/ --captions --chapters --html >/dev/null || echo RENDER-ALL-FAILED
for id in belly-breathing box-breathing; do $S render $id -q -o $O/$id.mp3 >/dev/null; $S render $id -q -o $O/$id.flac >/dev/null; $S render $id -q -o $O/$id.ogg >/dev/null; done
$S breathe -q --pattern box --count --ambience rain -o $O/breathe.wav >/dev/null 2>&1 || echo BREATHE-FAILED
for id in $($S list --json | python3 -c 'import json,sys; print("\n".join(s["id"] for s in json.load(sys.stdin)))'); do for f in table json vtt srt html; do $S preview $id -f $f > $O/$id.preview.$f 2>&1; done; done
$S list > $O/list.txt; $S voices > $O/voices.txt
cd $O; find . -type f | sort | xargs sha256sum
