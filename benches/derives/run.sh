#!/usr/bin/env bash
# Compile-time cost of the derives: a crate of N aggregates deriving
# Aggregate + Repository (and a unit of work over ten of them), next to the
# same structs deriving only serde, built in the same run.
# usage: benches/derives/run.sh [N [RUNS]]   (see benches/README.md)
# The crate-only rebuild is the best of RUNS (default 3).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-50}"
runs="${2:-3}"
uow=$(( n < 10 ? n : 10 )) # the unit of work spans the first ten (or all, if fewer)
work="$root/target/bench-derives"
rm -rf "$work"
mkdir -p "$work"

gen() { # gen NAME DERIVES
    local name=$1 derived=$2 dir="$work/$1"
    mkdir -p "$dir/src"
    cat > "$dir/Cargo.toml" <<TOML
[package]
name = "$name"
version = "0.0.0"
edition = "2024"
rust-version = "1.95"
publish = false

[dependencies]
terrace = { path = "$root" }
serde = { version = "1", features = ["derive"] }

[workspace]
TOML
    cp "$root/Cargo.lock" "$dir/Cargo.lock"
    {
        echo "#![allow(dead_code)]"
        echo "use serde::{Deserialize, Serialize};"
        [ "$derived" = 1 ] && echo "use terrace::{Aggregate, Repository, UnitOfWork};"
        for i in $(seq 1 "$n"); do
            echo "#[derive(Clone, Debug, Serialize, Deserialize)]"
            echo "pub struct Line$i { pub reference: String, pub qty: u32 }"
            if [ "$derived" = 1 ]; then
                echo "#[derive(Aggregate, Repository, Clone, Debug, Serialize, Deserialize)]"
                echo "#[repository(find_by(code = \"code\"), find_all_by(line = \"lines[].reference\"))]"
            else
                echo "#[derive(Clone, Debug, Serialize, Deserialize)]"
            fi
            echo "pub struct Agg$i {"
            [ "$derived" = 1 ] && echo "    #[aggregate(id)]"
            echo "    pub id: u64,"
            [ "$derived" = 1 ] && echo "    #[aggregate(version)]"
            echo "    pub version: i64,"
            echo "    pub code: String,"
            echo "    pub lines: Vec<Line$i>,"
            [ "$derived" = 1 ] && echo "    #[aggregate(events)]"
            echo "    #[serde(skip)]"
            echo "    pub events: Vec<String>,"
            echo "}"
        done
        if [ "$derived" = 1 ]; then
            echo "#[derive(UnitOfWork)]"
            echo "#[unit_of_work(aggregates($(seq -s, -f 'Agg%g' 1 "$uow")))]"
            echo "pub struct Shop;"
        fi
    } > "$dir/src/lib.rs"
}

gen derived 1
gen serde_only 0

seconds() { # seconds DIR CMD...; a failed command stops the script with its output
    local dir=$1; shift
    local start end
    start=$(date +%s.%N)
    if ! (cd "$dir" && "$@" >"$work/last.log" 2>&1); then
        echo "failed in $dir: $*" >&2
        cat "$work/last.log" >&2
        return 1
    fi
    end=$(date +%s.%N)
    printf '%.2f' "$(echo "$end - $start" | bc)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $n aggregates; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n%-12s %16s %18s\n' "crate" "clean build (s)" "crate only (s)"
for name in serde_only derived; do
    dir="$work/$name"
    export CARGO_TARGET_DIR="$dir/target"
    clean=$(seconds "$dir" cargo build --quiet)
    crate=
    for _ in $(seq 1 "$runs"); do
        touch "$dir/src/lib.rs"
        t=$(seconds "$dir" cargo build --quiet)
        if [ -z "$crate" ] || [ "$(echo "$t < $crate" | bc)" = 1 ]; then crate=$t; fi
    done
    printf '%-12s %16s %18s\n' "$name" "$clean" "$crate"
done
