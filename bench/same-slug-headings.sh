#!/bin/sh
# `pilcrow check` on one page of N headings that share one slug (`## A`)
# and on N empty `#` headings (slug `section`): heading ids are handed out
# by markdown::anchors::IdSet, which must stay linear in N (the time per
# heading should not grow with N). Inputs are generated in a temp dir.
#   SIZES="10000 20000" BIN=target/debug/pilcrow bench/same-slug-headings.sh
set -eu
cd "$(dirname "$0")/.."
if [ -z "${BIN:-}" ]; then
  cargo build --release --quiet --bin pilcrow
  BIN=${CARGO_TARGET_DIR:-target}/release/pilcrow
fi
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in ${SIZES:-5000 10000 20000 40000}; do
  for shape in same empty; do
    site=$tmp/$shape-$n
    mkdir -p "$site/content"
    echo 'title = "T"' > "$site/site.toml"
    {
      printf -- '---\ntitle: T\n---\n'
      i=0
      while [ $i -lt "$n" ]; do
        if [ $shape = same ]; then printf '## A\n\n'; else printf '#\n'; fi
        i=$((i + 1))
      done
    } > "$site/content/a.md"
    /usr/bin/time -f "$shape N=$n: %e s" "$BIN" check --root "$site" > /dev/null
  done
done
