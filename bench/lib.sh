# Sourced by bench/run.sh and bench/encoders.sh after setting `runs`: the release build, a
# scratch folder removed at exit holding the bench sessions (make-sessions.sh), soothe's home
# and a speech cache of the run's own, and `median`. `bench_need TOOL...` names every command a
# run needs before any time is spent (make bench-deps installs them).
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
soothe="$root/.build/release/soothe"
results="$here/results"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOOTHE_HOME="$root"
export SOOTHE_CACHE="$work/speech-cache"
[ -x "$soothe" ] || { echo "build first: swift build -c release" >&2; exit 1; }

bench_need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "bench: '$tool' is not installed (make bench-deps installs it)" >&2; exit 1; }
    done
    mkdir -p "$results"
    "$here/make-sessions.sh" "$work/sessions"
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
