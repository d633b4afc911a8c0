#!/usr/bin/env bash
# Held-out ingest benchmark (fifteenth dev set): the first set's runner and
# scorer (bench/ingest-eval/run.sh, eval.py) on this directory's devset/
# and expected.json.
#
#   bench/ingest-eval15/run.sh [eval.py options...]      e.g. --keep out/ --json r.json
#
# PILCROW_BIN=path uses that binary; otherwise the release pilcrow of this
# checkout is built (CARGO_TARGET_DIR is honoured).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../ingest-eval/run.sh" --devset "$here/devset" --expected "$here/expected.json" "$@"
