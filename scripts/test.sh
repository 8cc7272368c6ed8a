#!/usr/bin/env bash
# Runs every test of the project:
#   1. Rust: unit, plugin fixture/snapshot, gold-score, fuzz (short pass), crash, hostile-input
#      and end-to-end tests (cargo test --workspace);
#   2. API clients: buf lint/breaking, grpcurl (README commands), Python and Node suites against
#      the real server (scripts/test-clients.sh; tools come from PyPI and npm);
#   3. benchmarks in quick mode, proving they still run (numbers are not judged here).
# Tests that read ../shared/corpus skip cleanly when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== cargo test --workspace"
cargo test --workspace --locked
echo "== API client suites"
scripts/test-clients.sh
if [[ -x scripts/bench.sh ]]; then
  echo "== benchmarks (quick mode)"
  scripts/bench.sh --quick
fi
