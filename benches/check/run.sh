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

cache="$root/target/bench-cache"
check=("$terrace" check --manifest-path "$corpus/Cargo.toml" --config "$config" --format json --cache-dir "$cache")
# Cold: no terrace cache (the OS page cache is warm), writing the cache included.
cold() { rm -rf "$cache"; "${check[@]}"; }
# Warm: the cache of the previous run, with one file changed: a comment
# (the file's summary is unchanged, the last report stands) or an import
# (the model is rebuilt from the cached summaries of the other files).
changed="$corpus/vendor/$(ls "$corpus/vendor" | grep '^serde-1' | head -1)/src/lib.rs"
cp "$changed" "$changed.orig"
trap 'mv "$changed.orig" "$changed"' EXIT
warm() { cp "$changed.orig" "$changed"; echo "// $RANDOM$RANDOM" >> "$changed"; "${check[@]}"; }
# Alternates between two imports so that every run sees a changed one.
edited=0
warm_import() {
    cp "$changed.orig" "$changed"
    edited=$((1 - edited))
    if [ "$edited" = 1 ]; then echo "use core::fmt::Write as _;" >> "$changed"; else echo "use core::ops::Add as _;" >> "$changed"; fi
    "${check[@]}"
}

rg_t=$(best rg -c --no-ignore sqlx "$corpus/vendor")
cold_t=$(best cold)
cold_mb=$(rm -rf "$cache"; peak "${check[@]}")
warm_t=$(best warm)
warm_mb=$(peak "${check[@]}")
import_t=$(best warm_import)
nocache_t=$(best "$terrace" check --manifest-path "$corpus/Cargo.toml" --config "$config" --format json --no-cache)
scanned=$({ "${check[@]}" || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["files"])')

printf '\n%-40s %9s %12s %9s\n' "command" "wall (s)" "files/s" "peak MB"
printf '%-40s %9s %12s %9s\n' "rg -c sqlx vendor/" "$rg_t" "$(echo "$files / $rg_t" | bc)" "-"
printf '%-40s %9s %12s %9s\n' "terrace check, cold (cache written)" "$cold_t" "$(echo "$scanned / $cold_t" | bc)" "$cold_mb"
printf '%-40s %9s %12s %9s\n' "terrace check --no-cache" "$nocache_t" "$(echo "$scanned / $nocache_t" | bc)" "-"
printf '%-40s %9s %12s %9s\n' "terrace check, warm, one file changed" "$warm_t" "$(echo "$scanned / $warm_t" | bc)" "$warm_mb"
printf '%-40s %9s %12s %9s\n' "terrace check, warm, one import changed" "$import_t" "$(echo "$scanned / $import_t" | bc)" "-"
printf '\ncold terrace / rg: %.1fx\n' "$(echo "$cold_t / $rg_t" | bc -l)"
