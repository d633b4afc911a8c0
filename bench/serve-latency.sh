#!/usr/bin/env bash
# Save → updated page served by `pilcrow serve`: the bundled site (needs
# content/, from `pilcrow ingest`) and a generated 10,000-document site.
# Release build; figures depend on the machine, run it on a quiet one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${RUNS:-30}"
if [ -d content ]; then
  cargo bench --bench serve_latency -- --runs "$runs"
else
  echo "no content/ here: skipping the bundled site (run pilcrow ingest first)" >&2
fi
cargo bench --bench serve_latency -- --docs "${DOCS:-10000}" --runs "$runs"
