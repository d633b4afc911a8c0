#!/bin/sh
# How `pilcrow ingest` scales with input size (release build, whole
# process, one run each into a fresh content dir). Inputs are generated
# in a temp dir, never committed:
#   - one file of N short lines, N = 25k, 50k, 100k, 200k, in four shapes:
#       lines  "Line 123 of a report."      (a paragraph each)
#       share  "Share"                      (one chrome word, repeated)
#       paras  "12. Text of paragraph 12…"  (numbered paragraphs)
#       han    "会员国…第123行"              (unspaced text, no full stop:
#                                            all lines join into one paragraph)
#       oneline  N times "France and Germany see https://example.org/p123 and "
#                on a single line (mentions and addresses in one paragraph)
#   - COPIES (default 200) copies of each seed under distinct names (the
#     bundled seeds: 200 copies ≈ 52 MB).
# Needs GNU time (/usr/bin/time) and, for CALLGRIND=1, valgrind.
# Prints per input: lines, MB, wall s, CPU s (user+sys), MB/s per CPU
# second, and the CPU time per byte relative to the smallest run of the
# same shape (1.0 = linear; a quadratic step doubles it at each size).
# The machine may be shared and noisy: CALLGRIND=1 also counts
# instructions with callgrind (slow: minutes for the big inputs; SIZES
# and COPIES narrow the run), and the instructions-per-line ratio is the
# repeatable one.
#   SIZES="25000 50000" COPIES=20 CALLGRIND=1 bench/ingest-scale.sh
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin pilcrow
bin=${CARGO_TARGET_DIR:-target}/release/pilcrow
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
sizes=${SIZES:-25000 50000 100000 200000}
shapes=${SHAPES:-lines share paras han oneline}
copies=${COPIES:-200}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gen() { # gen SHAPE N FILE
    awk -v n="$2" -v k="$1" 'BEGIN {
        for (i = 1; i <= n; i++) {
            if (k == "lines") printf "Line %d of a report.\n", i
            else if (k == "share") print "Share"
            else if (k == "paras") printf "%d. Text of paragraph %d of the report, which says what the States reported.\n", i, i
            else if (k == "han") printf "会员国在打击为犯罪目的使用信息和通信技术行为方面面临挑战第%d行\n", i
            else printf "France and Germany see https://example.org/p%d and ", i
        }
        if (k == "oneline") print ""
    }' >"$3"
}

# run NAME DIR [BASE_CPU_PER_BYTE BASE_IR_PER_BYTE]: one ingest, one
# line of figures; sets cpu, ir and bytes for the caller.
run() {
    name=$1 dir=$2
    bytes=$(cat "$dir"/seeds/* | wc -c)
    nlines=$(cat "$dir"/seeds/* | wc -l)
    rm -rf "$dir/content"
    t0=$(date +%s%N)
    /usr/bin/env time -f "%U %S" -o "$tmp/time" "$bin" ingest --seeds "$dir/seeds" --content "$dir/content" >/dev/null
    t1=$(date +%s%N)
    wall=$(echo "$t0 $t1" | awk '{printf "%.2f", ($2 - $1) / 1e9}')
    cpu=$(awk '{printf "%.2f", $1 + $2}' "$tmp/time")
    ir=""
    if [ "${CALLGRIND:-}" = 1 ]; then
        ir=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" \
            "$bin" ingest --seeds "$dir/seeds" --content "$dir/cg-content" 2>&1 >/dev/null |
            sed -n 's/.*I *refs: *//p' | tr -d ,)
        rm -rf "$dir/cg-content" "$tmp/cg"
    fi
    echo "$name $nlines $bytes $wall $cpu ${ir:--} ${3:-} ${4:-}" | awk '{
        mb = $3 / 1e6
        rate = ($5 > 0) ? mb / $5 : 0
        line = sprintf("%-14s %8d lines %7.1f MB  wall %6.2f s  cpu %6.2f s  %6.1f MB/s/cpu", $1, $2, mb, $4, $5, rate)
        if ($6 != "-") line = line sprintf("  %14.0f instr (%5.0f /byte)", $6, $6 / $3)
        if ($7 != "" && $7 > 0) line = line sprintf("  cpu/byte x%.2f", ($5 / $3) / $7)
        if ($8 != "" && $8 > 0 && $6 != "-") line = line sprintf("  instr/byte x%.2f", ($6 / $3) / $8)
        print line
    }'
    rm -rf "$dir/content"
}

for shape in $shapes; do
    base_cpu="" base_ir=""
    for n in $sizes; do
        d="$tmp/$shape-$n"
        mkdir -p "$d/seeds"
        gen "$shape" "$n" "$d/seeds/input.txt"
        run "$shape-$n" "$d" "$base_cpu" "$base_ir"
        if [ -z "$base_cpu" ]; then
            base_cpu=$(awk -v c="$cpu" -v n="$bytes" 'BEGIN {printf "%.15f", c / n}')
            [ -n "$ir" ] && base_ir=$(awk -v c="$ir" -v n="$bytes" 'BEGIN {printf "%.6f", c / n}')
        fi
        rm -rf "$d"
    done
done

if [ "$copies" -gt 0 ]; then
    d="$tmp/copies"
    mkdir -p "$d/seeds"
    i=0
    while [ $i -lt "$copies" ]; do
        for f in seeds/*; do
            [ -f "$f" ] && cp "$f" "$d/seeds/c${i}_$(basename "$f")"
        done
        i=$((i + 1))
    done
    run "seeds-x$copies" "$d"
fi
