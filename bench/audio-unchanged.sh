#!/usr/bin/env bash
# What a listener hears, before and after a change: renders built-ins with two soothe binaries
# and compares the decoded samples (metadata such as chapters and tags may differ; the audio
# should not unless the change meant it to), then `breathe --minutes 5` with both, giving each
# file's length, integrated loudness and true peak (ffmpeg's ebur128).
#   bench/audio-unchanged.sh OLD_SOOTHE OLD_HOME [SESSION...]   (default: three built-ins)
# e.g. git worktree add /tmp/before REV && (cd /tmp/before && swift build -c release --product soothe)
#      bench/audio-unchanged.sh /tmp/before/.build/release/soothe /tmp/before
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
new="$root/.build/release/soothe"
old="$1"; old_home="$2"; shift 2
sessions=("${@:-belly-breathing self-compassion alone-at-night}")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOOTHE_CACHE="$work/cache"
samples() { ffmpeg -v error -i "$1" -f s16le - | md5sum | cut -c1-16; }
levels() { ffmpeg -v info -i "$1" -af ebur128=peak=true -f null - 2>&1 | awk '/^ +I:/ {i=$2} /^ +Peak:/ {p=$2} END {printf "%s LUFS, %s dBTP", i, p}'; }
for id in ${sessions[*]}; do
    SOOTHE_HOME="$old_home" "$old" render "$id" -o "$work/old-$id.wav" -q >/dev/null
    SOOTHE_HOME="$root" "$new" render "$id" -o "$work/new-$id.wav" -q >/dev/null
    a=$(samples "$work/old-$id.wav"); b=$(samples "$work/new-$id.wav")
    printf '%s: samples %s (%s / %s)\n' "$id" "$([ "$a" = "$b" ] && echo identical || echo DIFFER)" "$a" "$b"
done
SOOTHE_HOME="$old_home" "$old" breathe --minutes 5 -o "$work/old-breathe.wav" -q >/dev/null 2>&1
SOOTHE_HOME="$root" "$new" breathe --minutes 5 -o "$work/new-breathe.wav" -q >/dev/null 2>&1
for which in old new; do
    printf 'breathe --minutes 5, %s: %s s, %s\n' "$which" "$(soxi -D "$work/$which-breathe.wav")" "$(levels "$work/$which-breathe.wav")"
done
