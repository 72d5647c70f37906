#!/usr/bin/env bash
# Voice profile figures (issue 15): for every profile in voices/ (or the profiles named), a
# passage of 40 guided sentences from the built-in sessions (bench/voices/passage-LANG.txt, one
# sentence a line; the Spanish one translates the English) spoken as a session, one `say:` per
# sentence with 1.5 s after each, no chime, no ambience, and measured from outside:
#   pace     words / the summed length of the speech cues in `soothe preview --format json`
#            (what soothe places as speech; the 1.5 s gaps not counted), and with the gaps;
#            and words / the speech length of the whole passage as one `say:` (a paragraph:
#            the voice's own pauses between sentences count)
#   recall   pocketsphinx 5 (the US English model in its wheel) on the rendered session at
#            16 kHz mono, sentence by sentence: reference words matched in a minimum-edit-
#            distance alignment / reference words (English profiles only)
#   limiter  the session rendered as float WAV at --loudness -16 and at -30 (where the limiter
#            has nothing to do); inside each speech cue, the true peak (4x oversampled) of the
#            -30 render times soothe's constant gain (read from the samples) minus the -16
#            render's: what the limiter took off that phrase, max and 95th percentile over the
#            phrases; for the passage and for a built-in session with a chime and the breath
#            tone. The details table also gives it against the -30 render scaled to the -16
#            render's integrated loudness, and sample peaks (bench/voices/limiter.py)
#   crest    true peak minus integrated loudness of the passage (the -30 render: unlimited)
#   length   the passage session's length (speech + 1.5 s after each sentence)
# and the same passage spoken by the plain espeak-ng command (one call per sentence), with the
# profile's voice, rate and pitch, once with no word gap and once with the profile's word gap
# (espeak-ng's command line cannot set the pitch range: those rows keep the voice's own).
# The limiter method is checked first on a synthetic case (bench/voices/limiter.py --self-check).
#
# Usage: bench/voices.sh [PROFILE...]   Prints Markdown on stdout (the table, then the limiter's
# details); progress on stderr. On a shared 2-core machine: 2 to 6 minutes an English profile
# (the recogniser takes most of it), about 1 a Spanish one; 15 to 24 minutes for all of voices/.
#   SOOTHE       the soothe binary (default .build/release/soothe)
#   SOOTHE_HOME  where voices/ and assets/ are (default: this repository)
#   VOICES_KEEP  a folder to keep the raw results in (results.jsonl, recogniser output per sentence)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
soothe="${SOOTHE:-$root/.build/release/soothe}"
export SOOTHE_HOME="${SOOTHE_HOME:-$root}"
# Only the profiles in $SOOTHE_HOME/voices (the files read here): none from $SOOTHE_VOICES or
# ~/.config/soothe/voices shadows them.
export SOOTHE_VOICES=""
py="$here/voices"
export PYTHONDONTWRITEBYTECODE=1
gap=1.5
[ -x "$soothe" ] || { echo "voices.sh: no soothe binary at $soothe (build it, or set SOOTHE)" >&2; exit 1; }

# Tools: espeak-ng (the command) and sox from Debian, pocketsphinx (with its model), numpy,
# scipy and PyYAML from PyPI.
command -v espeak-ng >/dev/null && command -v sox >/dev/null || bash "$root/.ci/install-deps" espeak-ng sox
python3 -c 'import numpy, scipy, yaml' 2>/dev/null || python3 -m pip install --quiet numpy scipy pyyaml
python3 -c 'import pocketsphinx' 2>/dev/null || python3 -m pip install --quiet pocketsphinx

work="$(mktemp -d "${TMPDIR:-/tmp}/soothe-voices.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export SOOTHE_CACHE="$work/speech-cache"
espeak_data="$(espeak-ng --version | sed -n 's/.*Data at: //p')"
results="$work/results.jsonl"
: > "$results"
started=$(date +%s)
say() { echo "[$(( $(date +%s) - started ))s] $*" >&2; }

if [ $# -eq 0 ]; then
    set -- $(for f in "$SOOTHE_HOME"/voices/*.yaml; do basename "$f" .yaml; done)
fi

# The built-in session with a chime and the breath tone, per language.
real_session() { case "$1" in en) echo belly-breathing ;; es) echo respiracion-abdominal ;; *) echo "" ;; esac; }

# render SCRIPT PROFILE LOUDNESS OUT: 48 kHz stereo 32-bit float, as the default render but float.
render() { "$soothe" render "$1" --voice "$2" --loudness "$3" --bit-depth float -q -o "$4" >/dev/null; }

self_checked=""
for profile in "$@"; do
    file="$SOOTHE_HOME/voices/$profile.yaml"
    [ -f "$file" ] || { echo "voices.sh: no profile $file" >&2; exit 1; }
    IFS=$'\t' read -r espeak lang rate pitch range wgap variant < <(python3 "$py/profile.py" "$file" "$espeak_data")
    passage="$py/passage-$lang.txt"
    if [ ! -f "$passage" ]; then
        say "$profile: no passage for language '$lang' (bench/voices/passage-$lang.txt): skipped"
        continue
    fi
    script="$work/passage-$lang.yaml"
    [ -f "$script" ] || python3 "$py/session.py" "$passage" "Voice bench passage ($lang)" "$gap" > "$script"
    paragraph="$work/paragraph-$lang.yaml"
    [ -f "$paragraph" ] || python3 "$py/session.py" "$passage" "Voice bench paragraph ($lang)" 0 paragraph > "$paragraph"

    say "$profile: pace"
    "$soothe" preview "$script" --voice "$profile" --format json > "$work/$profile.passage.cues.json"
    "$soothe" preview "$paragraph" --voice "$profile" --format json > "$work/$profile.paragraph.cues.json"
    pace=$(python3 "$py/pace.py" "$passage" "$work/$profile.passage.cues.json" "$gap" "$work/$profile.paragraph.cues.json")

    say "$profile: limiter and crest on the passage"
    cues="$work/$profile.passage.cues.json"
    render "$script" "$profile" -16 "$work/loud.wav"
    render "$script" "$profile" -30 "$work/quiet.wav"
    if [ -z "$self_checked" ]; then
        python3 "$py/limiter.py" --self-check "$work/quiet.wav" "$cues" >&2
        self_checked=1
    fi
    passage_limiter=$(python3 "$py/limiter.py" "$work/loud.wav" "$work/quiet.wav" "$cues")
    recall=null
    if [ "$lang" = en ]; then
        say "$profile: recall"
        sox -V1 -D "$work/loud.wav" -r 16000 -c 1 -b 16 "$work/speech16k.wav"
        recall=$(python3 "$py/recall.py" soothe "$passage" "$cues" "$work/speech16k.wav" "$work/$profile.recall.tsv")
    fi
    rm -f "$work/loud.wav" "$work/quiet.wav" "$work/speech16k.wav"

    session=$(real_session "$lang")
    session_limiter=null
    if [ -n "$session" ]; then
        say "$profile: limiter on $session"
        "$soothe" preview "$session" --voice "$profile" --format json > "$work/session.cues.json"
        render "$session" "$profile" -16 "$work/loud.wav"
        render "$session" "$profile" -30 "$work/quiet.wav"
        session_limiter=$(python3 "$py/limiter.py" "$work/loud.wav" "$work/quiet.wav" "$work/session.cues.json")
        rm -f "$work/loud.wav" "$work/quiet.wav"
    fi
    python3 - "$profile" "$espeak" "$rate" "$pitch" "$range" "$wgap" "$pace" "$recall" "$passage_limiter" "$session" "$session_limiter" >> "$results" <<'EOF'
import json, sys
name, espeak, rate, pitch, rng, wgap, pace, recall, plim, session, slim = sys.argv[1:]
plim = json.loads(plim)
for key, lim in (("passage", plim), ("session", json.loads(slim))):
    if lim and lim["true_peak_quiet"] > -6:
        sys.exit(f"voices.sh: {name}'s -30 LUFS {key} render peaks at {lim['true_peak_quiet']} dBTP: too close to the limiter to stand for the unlimited mix")
print(json.dumps({"row": name, "kind": "soothe", "espeak": espeak, "rate": rate, "pitch": pitch,
                  "range": None if rng == "-" else rng, "gap": wgap, "pace": json.loads(pace),
                  "recall": json.loads(recall), "passage_limiter": plim, "crest": plim["crest_quiet"],
                  "session": session, "session_limiter": json.loads(slim)}))
EOF

    # The plain espeak-ng command with the same voice, rate and pitch: no word gap, then the
    # profile's word gap (the old profiles' way of slowing down).
    path_arg=()
    plain_voice="$espeak"
    if [ "$variant" != - ]; then
        overlay="$work/espeak-$profile"
        mkdir -p "$overlay"
        cp -R "$espeak_data" "$overlay/espeak-ng-data"
        cp "$variant" "$overlay/espeak-ng-data/voices/!v/${espeak#*+}"
        path_arg=("$overlay")
    fi
    gaps=(0)
    [ "$wgap" = 0 ] || gaps+=("$wgap")
    for g in "${gaps[@]}"; do
        key="$plain_voice-$rate-$pitch-$g"
        if grep -q "\"key\": \"$key\"" "$results"; then continue; fi
        say "$profile: plain espeak-ng -g $g"
        dir="$work/plain-$profile-$g"
        plain=$(python3 "$py/plain.py" "$passage" "$plain_voice" "$rate" "$pitch" "$g" "$dir" "${path_arg[@]}")
        precall=null
        if [ "$lang" = en ]; then
            precall=$(python3 "$py/recall.py" plain "$passage" "$dir" "$work/plain-$profile-$g.recall.tsv")
        fi
        rm -rf "$dir"
        python3 - "$profile" "$plain_voice" "$rate" "$pitch" "$g" "$plain" "$precall" "$key" >> "$results" <<'EOF'
import json, sys
name, voice, rate, pitch, g, plain, recall, key = sys.argv[1:]
plain = json.loads(plain)
label = f"espeak-ng, {name}'s voice, " + ("no word gap" if g == "0" else f"{name}'s word gap")
print(json.dumps({"row": label, "kind": "plain", "key": key, "espeak": voice, "rate": rate, "pitch": pitch,
                  "range": None, "gap": g, "pace": plain, "recall": json.loads(recall), "crest": plain["crest"]}))
EOF
    done
done

python3 "$py/table.py" "$results"
say "done in $(( $(date +%s) - started )) s"
if [ -n "${VOICES_KEEP:-}" ]; then
    mkdir -p "$VOICES_KEEP"
    cp "$results" "$work"/*.tsv "$VOICES_KEEP"/ 2>/dev/null || true
fi
