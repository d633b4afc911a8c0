#!/usr/bin/env bash
# Extraction benchmark: pilcrow's web-page cleaner beside Rust main-content
# extractors, on the dev sets in devset/. See README.md here.
#
#   bench/extract-eval/run.sh [--no-pilcrow] [--no-peers] [eval.py options...]
#
# Builds the release pilcrow of this checkout and the peers binary
# (bench/extract-eval/peers, own workspace and target dir; cargo rebuilds
# nothing that is up to date), then runs eval.py, which prints one table per
# dev set. eval.py options pass through, e.g. --worst 15, --keep DIR,
# --devset OTHER.tar.xz, --systems pilcrow,dom_smoothie.
# PILCROW_BIN / PEERS_BIN: use these binaries instead of building.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
pilcrow=1
peers=1
args=()
for a in "$@"; do
  case "$a" in
    --no-pilcrow) pilcrow=0 ;;
    --no-peers) peers=0 ;;
    *) args+=("$a") ;;
  esac
done

tmp=$(mktemp -d -t extract-eval-bin.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
eval_args=()

if [[ $pilcrow == 1 ]]; then
  if [[ -n "${PILCROW_BIN:-}" ]]; then
    bin=$PILCROW_BIN
  else
    echo "building pilcrow (release)..." >&2
    # The executable path comes from cargo itself, so a shared
    # CARGO_TARGET_DIR works; the binary is copied at once so that another
    # build in the same target dir cannot swap it mid-run.
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
  eval_args+=(--pilcrow "$tmp/pilcrow")
fi

if [[ $peers == 1 ]]; then
  if [[ -n "${PEERS_BIN:-}" ]]; then
    pbin=$PEERS_BIN
  else
    echo "building extract-peers (release; first build takes minutes)..." >&2
    cargo build --release --quiet --manifest-path "$here/peers/Cargo.toml" \
      --target-dir "$here/peers/target"
    pbin=$here/peers/target/release/extract-peers
  fi
  eval_args+=(--peers "$pbin")
fi

python3 "$here/eval.py" "${eval_args[@]}" "${args[@]}"
