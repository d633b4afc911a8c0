#!/usr/bin/env bash
# How `pilcrow build` scales with the number of documents, beside Hugo and
# Zola on the same generated corpus, in one run (so the figures share the
# machine's load of the moment).
#
#   bench/build-scale.sh                      # 1,000 and 10,000 documents
#   BENCH_100K=1 bench/build-scale.sh         # and 100,000
#   SIZES="1000" REPEAT=3 bench/build-scale.sh
#
# Corpus: ../shared/bench/gen_corpus.py (GEN_CORPUS=path to override) writes
# the same N documents as a pilcrow, a Hugo and a Zola site; generated in
# a temporary directory (TMPDIR; tmpfs such as /dev/shm keeps the disk out
# of the figures), never committed.
#
# Per size, each build is run REPEAT times (default 1) and the median is
# printed: wall time, CPU time (user+sys, steadier than wall on a shared
# machine), peak memory (GNU time's maximum RSS) and files written, for
#   pilcrow            release build, default features (search on), clean
#   pilcrow no-op      the same build again over its own output
#   pilcrow edit text  one document's body text edited (a sentence added
#                      to one of its paragraphs), then built over the output
#   pilcrow edit link  one document given a new link to an entity page
#                      (a mention: the entity's page, its lists), then built
#   pilcrow-nosearch   `--no-default-features` (no search index), clean
#   pilcrow-nosearch no-op
#   hugo               Debian's package (installed with apt-get when
#                      missing and run as root), clean
#   zola               when on PATH, clean
# then ratios: pilcrow to Hugo, the search index (pilcrow − pilcrow-nosearch)
# to the rest of the build, a no-op and a one-document edit to the clean
# build, files written per page.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

sizes=${SIZES:-1000 10000}
if [ "${BENCH_100K:-0}" = 1 ]; then sizes="$sizes 100000"; fi
repeat=${REPEAT:-1}
gen=${GEN_CORPUS:-$repo/../shared/bench/gen_corpus.py}
if [ ! -f "$gen" ]; then
  echo "build-scale: no corpus generator at $gen (set GEN_CORPUS)" >&2
  exit 1
fi
if [ ! -x /usr/bin/time ]; then
  echo "build-scale: needs GNU time (/usr/bin/time; apt-get install time)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/build-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Two pilcrow binaries: with and without the search feature.
target=${CARGO_TARGET_DIR:-target}
case $target in /*) ;; *) target=$repo/$target ;; esac
echo "build-scale: building pilcrow (release, with and without search)" >&2
cargo build --release --quiet --bin pilcrow
cp "$target/release/pilcrow" "$tmp/pilcrow"
cargo build --release --quiet --bin pilcrow --no-default-features
cp "$target/release/pilcrow" "$tmp/pilcrow-nosearch"

if ! command -v hugo >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "build-scale: installing hugo (apt-get)" >&2
  apt-get install -y -qq hugo >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hugo >/dev/null 2>&1; } || true
fi
have_hugo=$(command -v hugo >/dev/null 2>&1 && echo 1 || echo 0)
have_zola=$(command -v zola >/dev/null 2>&1 && echo 1 || echo 0)

# measure LABEL OUT CLEAN CMD...: runs CMD REPEAT times (removing OUT first
# when CLEAN=1), records the median wall/cpu/peak and the files written by
# the last run in $tmp/results.
measure() {
  local label=$1 out=$2 clean=$3
  shift 3
  local runs=()
  for _ in $(seq "$repeat"); do
    if [ "$clean" = 1 ]; then rm -rf "$out"; fi
    if [ -n "${prep:-}" ]; then eval "$prep"; fi
    touch "$tmp/stamp"
    sleep 0.01
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >"$tmp/log" 2>&1 || {
      echo "build-scale: $label failed:" >&2
      tail -5 "$tmp/log" >&2
      return 1
    }
    t1=$(date +%s%N)
    local files
    files=$(find "$out" -type f -newer "$tmp/stamp" | wc -l)
    runs+=("$(awk -v t0="$t0" -v t1="$t1" -v f="$files" '{printf "%.3f %.2f %.0f %d\n", (t1 - t0) / 1e9, $1 + $2, $3 / 1024, f}' "$tmp/time")")
  done
  # Median by wall time.
  printf '%s\n' "${runs[@]}" | sort -n | awk -v l="$label" -v n="$repeat" 'NR == int((n + 1) / 2) {print l, $0}' >>"$tmp/results"
}

# edit MODE SITE: one edit of one document, different each time it runs
# (text: a sentence added to a paragraph in its middle; link: a paragraph
# with a link to an entity page added).
cat >"$tmp/edit.py" <<'PY'
import os, sys
mode, site = sys.argv[1], sys.argv[2]
docs = os.path.join(site, "content", "documents")
path = os.path.join(docs, sorted(f for f in os.listdir(docs) if f != "_index.md")[len(os.listdir(docs)) // 2])
text = open(path, encoding="utf-8").read()
n = text.count("Edited")
if mode == "text":
    lines = text.split("\n")
    prose = [i for i, l in enumerate(lines) if l[:1].isalpha() and ":" not in l[:20]]
    i = prose[len(prose) // 2]
    lines[i] += " Edited %d." % n
    text = "\n".join(lines)
else:
    ents = os.path.join(site, "content", "countries")
    ent = sorted(f for f in os.listdir(ents) if f != "_index.md")[n % 50]
    text += "\nEdited %d: see [%s](../countries/%s).\n" % (n, ent[:-3], ent)
open(path, "w", encoding="utf-8").write(text)
PY

printf '%-8s %-24s %9s %8s %9s %9s\n' docs build "wall s" "cpu s" "peak MiB" files
for n in $sizes; do
  corpus=$tmp/c$n
  rm -rf "$corpus" "$tmp/out" "$tmp/results"
  python3 "$gen" "$n" "$corpus" >/dev/null
  site=$corpus/pilcrow
  pages=0
  measure "pilcrow" "$tmp/out/p" 1 "$tmp/pilcrow" build --root "$site" --output "$tmp/out/p"
  pages=$(find "$tmp/out/p" -name '*.html' | wc -l)
  measure "pilcrow_no-op" "$tmp/out/p" 0 "$tmp/pilcrow" build --root "$site" --output "$tmp/out/p"
  prep="python3 '$tmp/edit.py' text '$site'"
  measure "pilcrow_edit-text" "$tmp/out/p" 0 "$tmp/pilcrow" build --root "$site" --output "$tmp/out/p"
  prep="python3 '$tmp/edit.py' link '$site'"
  measure "pilcrow_edit-link" "$tmp/out/p" 0 "$tmp/pilcrow" build --root "$site" --output "$tmp/out/p"
  prep=""
  rm -rf "$tmp/out/p" "$site/.pilcrow-cache"
  measure "pilcrow-nosearch" "$tmp/out/n" 1 "$tmp/pilcrow-nosearch" build --root "$site" --output "$tmp/out/n"
  measure "pilcrow-nosearch_no-op" "$tmp/out/n" 0 "$tmp/pilcrow-nosearch" build --root "$site" --output "$tmp/out/n"
  prep="python3 '$tmp/edit.py' text '$site'"
  measure "pilcrow-nosearch_edit-text" "$tmp/out/n" 0 "$tmp/pilcrow-nosearch" build --root "$site" --output "$tmp/out/n"
  prep=""
  rm -rf "$tmp/out/n" "$site/.pilcrow-cache"
  if [ "$have_hugo" = 1 ]; then
    measure "hugo" "$tmp/out/h" 1 hugo --quiet --source "$corpus/hugo" --destination "$tmp/out/h"
    rm -rf "$tmp/out/h"
  fi
  if [ "$have_zola" = 1 ]; then
    measure "zola" "$tmp/out/z" 1 zola --root "$corpus/zola" build --output-dir "$tmp/out/z"
    rm -rf "$tmp/out/z"
  fi
  while read -r label wall cpu peak files; do
    printf '%-8s %-24s %9s %8s %9s %9s\n' "$n" "${label//_/ }" "$wall" "$cpu" "$peak" "$files"
  done <"$tmp/results"
  awk -v n="$n" -v pages="$pages" '
    { wall[$1] = $2; cpu[$1] = $3; peak[$1] = $4; files[$1] = $5 }
    function r(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
    END {
      p = "pilcrow"; q = "pilcrow-nosearch"
      printf "%-8s ratios: index/rest wall %s cpu %s peak %s (index = %s − %s)\n", n,
        r(wall[p] - wall[q], wall[q]), r(cpu[p] - cpu[q], cpu[q]), r(peak[p] - peak[q], peak[q]), p, q
      printf "%-8s ratios: no-op/clean wall %s (search) %s (no search); files per page %s (%d pages)\n", n,
        r(wall[p "_no-op"], wall[p]), r(wall[q "_no-op"], wall[q]), r(files[p], pages), pages
      printf "%-8s ratios: one edit/clean wall %s text, %s link (search); %s text (no search); files written %d, %d\n", n,
        r(wall[p "_edit-text"], wall[p]), r(wall[p "_edit-link"], wall[p]), r(wall[q "_edit-text"], wall[q]),
        files[p "_edit-text"], files[p "_edit-link"]
      if ("hugo" in wall)
        printf "%-8s ratios: to hugo wall %s cpu %s peak %s (search); wall %s peak %s (no search)\n", n,
          r(wall[p], wall["hugo"]), r(cpu[p], cpu["hugo"]), r(peak[p], peak["hugo"]),
          r(wall[q], wall["hugo"]), r(peak[q], peak["hugo"])
      if ("zola" in wall)
        printf "%-8s ratios: to zola wall %s (search) %s (no search)\n", n,
          r(wall[p], wall["zola"]), r(wall[q], wall["zola"])
    }' "$tmp/results"
done
