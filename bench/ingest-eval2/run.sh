#!/usr/bin/env bash
# Held-out ingest benchmark (second dev set) on real documents: title, date, language, symbol,
# resolutions and countries that `pilcrow ingest` writes, against what a
# careful reader gives (expected.json), and whether `pilcrow build` accepts
# the result. See README.md here.
#
#   bench/ingest-eval2/run.sh [eval.py options...]      e.g. --keep out/ --json r.json
#
# PILCROW_BIN=path uses that binary; otherwise the release pilcrow of this
# checkout is built (CARGO_TARGET_DIR is honoured). The binary is copied
# first, so that another build in a shared target dir cannot swap it
# mid-run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d -t ingest-eval-bin.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

if [[ -n "${PILCROW_BIN:-}" ]]; then
  bin=$PILCROW_BIN
else
  echo "building pilcrow (release)..." >&2
  bin=$(cargo build --release --manifest-path "$root/Cargo.toml" --bin pilcrow \
          --message-format=json-render-diagnostics |
        python3 -c 'import json,sys
for l in sys.stdin:
    try: m = json.loads(l)
    except ValueError: continue
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "pilcrow":
        print(m["executable"])')
  [[ -n "$bin" ]] || { echo "run.sh: cargo build did not report the pilcrow binary" >&2; exit 1; }
fi
cp "$bin" "$tmp/pilcrow"
echo "pilcrow: $bin (sha256 $(sha256sum "$tmp/pilcrow" | cut -c1-12))" >&2
python3 "$here/eval.py" --pilcrow "$tmp/pilcrow" "$@"
