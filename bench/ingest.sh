#!/bin/sh
# Measures `pilcrow ingest` over the bundled seeds with the real CLI
# (release build), whole process included (start-up, regex and automaton
# builds, decode, clean, structure, recognise, render, hash, write):
#   - first run into an empty content dir (everything written), best and
#     median of N runs, each into a fresh dir;
#   - re-run over unchanged input (nothing to write), best and median.
# The machine is shared and noisy: look at the best figure, and for
# repeatable numbers count instructions (CALLGRIND=1 runs callgrind once
# on a first run and prints the total).
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin pilcrow
bin=${CARGO_TARGET_DIR:-target}/release/pilcrow
n=${REPEAT:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ms() { # runs "$@" and prints its wall time in ms (1 decimal)
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 100000 ))" | sed 's/\(.\)$/.\1/'
}
summary() { # best and median of the numbers on stdin
    sort -n | awk '{a[NR]=$1} END {printf "best %s ms, median %s ms (%d runs)\n", a[1], a[int((NR+1)/2)], NR}'
}

"$bin" ingest --seeds seeds --content "$tmp/warm/content" >/dev/null # warm the page cache
echo "first run (writes everything):"
i=0
while [ $i -lt "$n" ]; do
    ms "$bin" ingest --seeds seeds --content "$tmp/first$i/content"
    rm -rf "$tmp/first$i"
    i=$((i + 1))
done | summary
echo "re-run (nothing changes):"
i=0
while [ $i -lt "$n" ]; do
    ms "$bin" ingest --seeds seeds --content "$tmp/warm/content"
    i=$((i + 1))
done | summary
if [ "${CALLGRIND:-}" = 1 ]; then
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
        "$bin" ingest --seeds seeds --content "$tmp/cg-content" 2>&1 >/dev/null |
        sed -n 's/.*I *refs: *\(.*\)/instructions (first run): \1/p'
fi
