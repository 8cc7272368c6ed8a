#!/usr/bin/env bash
# Runs every test of the project: unit, plugin fixture/snapshot, gold-score and end-to-end tests.
# Tests that read ../shared/corpus skip cleanly when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --locked "$@"
