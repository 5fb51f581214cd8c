#!/usr/bin/env bash
# Benchmark of `terrace check` on the corpus workspace (about 580 real crates,
# 19,000 .rs files), next to ripgrep over the same tree in the same run.
# usage: benches/check/run.sh [RUNS]      (see benches/README.md)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-5}"
cd "$root"
corpus="$(bash "$here/make-corpus.sh" "$root/target/bench-corpus")"
cargo build --release --quiet -p terrace-cli
terrace="$root/target/release/terrace"
config="$here/corpus.toml"

files=$(find "$corpus/vendor" -name '*.rs' | wc -l)
lines=$(find "$corpus/vendor" -name '*.rs' -print0 | xargs -0 cat | wc -l)
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "corpus:  $corpus ($files .rs files, $lines lines)"

# best wall time of N runs of a command, in seconds
best() {
    local best=""
    for _ in $(seq "$runs"); do
        local start end t
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    done
    printf '%.3f' "$best"
}

# peak resident memory of one run, in MB
peak() {
    { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.0f", $1 / 1024}'
}

check=("$terrace" check --manifest-path "$corpus/Cargo.toml" --config "$config" --format json)
rg_t=$(best rg -c --no-ignore sqlx "$corpus/vendor")
check_t=$(best "${check[@]}")
check_mb=$(peak "${check[@]}")
scanned=$({ "${check[@]}" || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["files"])')

printf '\n%-34s %9s %12s %9s\n' "command" "wall (s)" "files/s" "peak MB"
printf '%-34s %9s %12s %9s\n' "rg -c sqlx vendor/" "$rg_t" "$(echo "$files / $rg_t" | bc)" "-"
printf '%-34s %9s %12s %9s\n' "terrace check (corpus.toml)" "$check_t" "$(echo "$scanned / $check_t" | bc)" "$check_mb"
printf '\nterrace / rg: %.1fx\n' "$(echo "$check_t / $rg_t" | bc -l)"
