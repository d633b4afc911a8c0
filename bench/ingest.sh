#!/bin/sh
# Measures `ingest` over the bundled seeds (release build): the first run
# into an empty content dir (everything written), then the best of 20
# re-runs (nothing to write: decode, clean, structure, recognise, render,
# hash). The machine is noisy; for repeatable numbers use
#   valgrind --tool=callgrind target/release/examples/ingest_seeds seeds "$tmp/content"
set -eu
cd "$(dirname "$0")/.."
cargo build --release --quiet --example ingest_seeds
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "first run (writes everything):"
target/release/examples/ingest_seeds seeds "$tmp/content"
echo "re-runs (nothing changes):"
target/release/examples/ingest_seeds seeds "$tmp/content" --repeat "${REPEAT:-20}"
