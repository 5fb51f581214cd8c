#!/usr/bin/env bash
# Compares two builds of `terrace` on the corpus workspace, run by turns so
# that a machine whose speed drifts (a shared host, a busy neighbour) slows
# both alike: each round runs both, in alternating order, and the verdict is
# the median of the rounds' NEW / BASE ratios.
#
# usage: benches/check/compare.sh BASE NEW [ROUNDS] [MODE]
#   BASE, NEW  two `terrace` binaries (see benches/README.md for building the
#              one of an earlier commit in a worktree)
#   ROUNDS     rounds of one run each (default 12)
#   MODE       cold (default: no terrace cache, cache written), no-cache, or
#              rg (NEW is measured against `rg -c --no-ignore sqlx vendor/`,
#              BASE is ignored: the ratio the cold target is stated in)
set -euo pipefail
if [ $# -lt 2 ]; then
    sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="$(realpath -e "$1" 2>/dev/null || echo "$1")"
new="$(realpath -e "$2" 2>/dev/null || echo "$2")"
rounds="${3:-12}"
mode="${4:-cold}"
for b in "$base" "$new"; do
    [ -x "$b" ] || { echo "compare.sh: $b is not an executable" >&2; exit 2; }
done
case "$mode" in cold | no-cache | rg) ;; *) echo "compare.sh: unknown mode $mode" >&2; exit 2 ;; esac
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: ROUNDS must be a positive number, not $rounds" >&2; exit 2; }
corpus="$(bash "$here/make-corpus.sh" "$root/target/bench-corpus")"
config="$here/corpus.toml"
cache="$root/target/bench-compare-cache"

# Wall time of one run of the base (`once base`) or the new build
# (`once new`), in seconds.
once() {
    local bin="$base"
    [ "$1" = new ] && bin="$new"
    local args=(check --manifest-path "$corpus/Cargo.toml" --config "$config" --format json)
    local cmd
    if [ "$mode" = rg ] && [ "$1" = base ]; then
        cmd=(rg -c --no-ignore sqlx "$corpus/vendor")
    elif [ "$mode" = no-cache ]; then
        cmd=("$bin" "${args[@]}" --no-cache)
    else
        # cold, and the new build of the rg mode
        rm -rf "$cache"
        cmd=("$bin" "${args[@]}" --cache-dir "$cache")
    fi
    local start end
    start=$(date +%s.%N)
    "${cmd[@]}" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

# A run of each first, not counted: the page cache holds the corpus.
once base >/dev/null
once new >/dev/null
times=()
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then a=$(once base); b=$(once new); else b=$(once new); a=$(once base); fi
    times+=("$a $b")
done
base_name=$([ "$mode" = rg ] && echo "rg" || echo "$base")
printf '%s\n' "${times[@]}" | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin if l.strip()]
a = [r[0] for r in rows]; b = [r[1] for r in rows]
ratios = sorted(y / x for x, y in rows)
print(f"mode: {sys.argv[1]}, {len(rows)} rounds")
print(f"BASE {sys.argv[2]}: median {statistics.median(a):.3f} s, best {min(a):.3f} s")
print(f"NEW  {sys.argv[3]}: median {statistics.median(b):.3f} s, best {min(b):.3f} s")
q = len(ratios) // 4
print(f"NEW / BASE: median {statistics.median(ratios):.3f} (middle half {ratios[q]:.3f} to {ratios[-q - 1]:.3f})")
' "$mode" "$base_name" "$new"
