#!/usr/bin/env bash
# The baseline: the same session made the way a user would without soothe, with the espeak-ng
# command line, sox and ffmpeg's loudnorm filter. Input: a cue list (bench/cues-to-tsv.py);
# output: a loudness-normalised 48 kHz stereo WAV. With a bed (pink-noise, brown-noise, rain or
# ocean, as in the script's `ambience:`), sox's noise, filtered as soothe's bed is, under the mix.
#   bench/shell-pipeline.sh CUES.tsv OUT.wav [AMBIENCE]
set -euo pipefail
cues="$1"
out="$2"
ambience="${3:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rate=22050

duration=$(awk -F'\t' '$1 == "duration" {print $2}' "$cues")
# One track per layer, built by concatenating silence and sounds in time order.
speech_parts=()
breath_parts=()
chime_parts=()
speech_at=0
chime_at=0
n=0
declare -A spoken
while IFS=$'\t' read -r start end kind what; do
    [ "$start" = "duration" ] && continue
    n=$((n + 1))
    case "$kind" in
    speech)
        key=$(printf '%s' "$what" | md5sum | cut -c1-16)
        if [ -z "${spoken[$key]:-}" ]; then
            espeak-ng -v en-us+f3 -s 125 -p 35 -a 100 -g 8 -w "$work/raw-$key.wav" "$what"
            # Trim espeak's leading and trailing silence, as a careful user would.
            sox "$work/raw-$key.wav" "$work/say-$key.wav" silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse
            spoken[$key]=1
        fi
        gap=$(echo "$start - $speech_at" | bc -l)
        if [ "$(echo "$gap > 0" | bc)" = 1 ]; then
            sox -n -r $rate -c 1 "$work/s$n-gap.wav" trim 0 "$gap"
            speech_parts+=("$work/s$n-gap.wav")
        fi
        speech_parts+=("$work/say-$key.wav")
        len=$(soxi -D "$work/say-$key.wav")
        speech_at=$(echo "$start + $len" | bc -l)
        ;;
    breath)
        len=$(echo "$end - $start" | bc -l)
        case "$what" in
        inhale|top-up) sox -n -r $rate -c 1 "$work/b$n.wav" synth "$len" sine 196:247 vol 0.15 fade h 0.3 "$len" 0.3 ;;
        exhale) sox -n -r $rate -c 1 "$work/b$n.wav" synth "$len" sine 247:165 vol 0.15 fade h 0.3 "$len" 0.3 ;;
        *) sox -n -r $rate -c 1 "$work/b$n.wav" trim 0 "$len" ;;
        esac
        breath_parts+=("$work/b$n.wav")
        ;;
    chime)
        gap=$(echo "$start - $chime_at" | bc -l)
        if [ "$(echo "$gap > 0" | bc)" = 1 ]; then
            sox -n -r $rate -c 1 "$work/c$n-gap.wav" trim 0 "$gap"
            chime_parts+=("$work/c$n-gap.wav")
        fi
        len=$(echo "$end - $start" | bc -l)
        sox -n -r $rate -c 1 "$work/c$n.wav" synth "$len" pluck 220 pluck 440 pluck 660 vol 0.3 fade q 0.01 "$len" 2
        chime_parts+=("$work/c$n.wav")
        chime_at=$end
        ;;
    esac
done < "$cues"

# Breath cues start after the intro: the breath track needs a lead-in of silence.
first_breath=$(awk -F'\t' '$3 == "breath" {print $1; exit}' "$cues")
sox -n -r $rate -c 1 "$work/lead.wav" trim 0 "${first_breath:-0}"
sox "${speech_parts[@]}" "$work/speech.wav"
sox "$work/lead.wav" "${breath_parts[@]}" "$work/breath.wav"
sox "${chime_parts[@]}" "$work/chimes.wav"
sox -m "$work/speech.wav" "$work/breath.wav" "$work/chimes.wav" "$work/mix.wav" pad 0 30 trim 0 "$duration"
if [ -n "$ambience" ]; then
    # A stereo bed (each channel its own noise) with 4 s and 6 s fades, about 20 dB under the voice.
    # sox has no stream, wind, fire, music or tone beds: each gets a stand-in of the same cost
    # class (a shaped noise, or tones with a slow swell), so the bench can time every built-in.
    case "$ambience" in
    pink-noise) shape=() ; noise=pinknoise ;;
    brown-noise) shape=() ; noise=brownnoise ;;
    rain) shape=(sinc 500-6000) ; noise=pinknoise ;;
    ocean) shape=(sinc -800 tremolo 0.1 60) ; noise=brownnoise ;;
    stream) shape=(sinc 800-8000 tremolo 3 20) ; noise=pinknoise ;;
    wind) shape=(sinc -1500 tremolo 0.07 50) ; noise=brownnoise ;;
    fire) shape=(sinc 200-4000 tremolo 7 40) ; noise=brownnoise ;;
    music) shape=(tremolo 0.2 30) ; noise="sine 174.61 sine 261.63" ;;
    binaural) shape=() ; noise="sine 200 sine 206" ;;
    isochronic) shape=(tremolo 6 100) ; noise="sine 200 sine 200" ;;
    *) echo "shell-pipeline: unknown ambience $ambience" >&2; exit 64 ;;
    esac
    sox -n -r $rate -c 2 "$work/bed.wav" synth "$duration" $noise "${shape[@]}" vol 0.1 fade h 4 "$duration" 6
    sox "$work/mix.wav" -c 2 "$work/mix-stereo.wav"
    sox -m "$work/mix-stereo.wav" "$work/bed.wav" "$work/mix-bed.wav"
    mv "$work/mix-bed.wav" "$work/mix.wav"
fi
ffmpeg -nostdin -loglevel error -y -i "$work/mix.wav" \
    -af "loudnorm=I=-16:TP=-1:LRA=11,aresample=48000" -ac 2 -ar 48000 -c:a pcm_s16le "$out"
