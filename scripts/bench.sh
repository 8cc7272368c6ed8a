#!/usr/bin/env bash
# Builds in release and runs every benchmark described in docs/BENCHMARKS.md.
#
#   scripts/bench.sh            full run (about 10 minutes); rewrites the "Latest results" section
#                               of docs/BENCHMARKS.md with the output, the machine and the date
#   scripts/bench.sh --quick    a few seconds per benchmark: proves they still work (CI); the
#                               numbers are not judged and no file is changed
#   scripts/bench.sh --profile  callgrind profile of the extraction path (parse + normalise over
#                               300 synthetic documents); prints the top functions
#   scripts/bench.sh --cost     instructions per request in the server's Health/Check and GetPark
#                               service calls (callgrind): unaffected by a shared machine (~3 min)
#   scripts/bench.sh --wall     where parse + normalise spends its CPU time (perf samples with call
#                               stacks over the 10,000 synthetic documents; needs `perf`): unlike
#                               instruction counts, it shows cache misses and dependent loads
#
# Every benchmark prints plain `key=value` lines. The machine has 2 cores and may be shared:
# ratios are taken against a ceiling measured in the same run, and each benchmark prints the
# load average it started with.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  "") ;;
  --quick) mode=quick ;;
  --profile) mode=profile ;;
  --cost) mode=cost ;;
  --wall) mode=wall ;;
  *) echo "usage: scripts/bench.sh [--quick|--profile|--cost|--wall]" >&2; exit 2 ;;
esac

export CARGO_TERM_COLOR=never
cargo build --release --locked -p parkgraph-bench -p parkgraph-server --bins
bin="${CARGO_TARGET_DIR:-target}/release"

if [[ $mode == profile ]]; then
  out="${TMPDIR:-/tmp}/parkgraph-callgrind.out"
  # Collect only inside the plugins and the normaliser (not corpus generation or set-up).
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    --toggle-collect='parkgraph_normalize::normalize' \
    --toggle-collect='parkgraph_ingest::registry::Registry::parse' \
    "$bin/pgbench" extraction --synthetic 300 --corpus synthetic --stage parse+normalise --duration 0
  echo "== inclusive (callgrind output: $out)"
  callgrind_annotate --inclusive=yes "$out" | grep -E 'parkgraph_|regex_automata::meta::regex|aho_corasick::ahocorasick' | head -40
  echo "== exclusive"
  callgrind_annotate "$out" | sed -n '/^Ir/,$p' | sed -n '3,35p'
  exit 0
fi

if [[ $mode == wall ]]; then
  command -v perf >/dev/null || { echo "bench.sh --wall: perf is not installed" >&2; exit 1; }
  out="${TMPDIR:-/tmp}/parkgraph-perf.data"
  # CPU-clock samples (no hardware counters needed) with DWARF stacks, so inlined frames show.
  perf record -q -F 499 --call-graph dwarf,16384 -o "$out" \
    "$bin/pgbench" extraction --corpus synthetic --stage parse+normalise --duration 8
  # Only the timed loop (`extraction::measure`), not corpus generation or the digest pass.
  perf script -F ip,sym -i "$out" 2>/dev/null |
    python3 scripts/perf_shares.py parkgraph_bench::extraction::measure 3 30
  exit 0
fi

if [[ $mode == cost ]]; then
  # Instructions per request inside the server's handlers (callgrind), which a shared machine
  # cannot disturb: Health/Check's service call against GetPark's (each: request decode and the
  # handler; the reply's encoding and the transport run elsewhere, in the connection tasks).
  # Whole-process totals were tried and rejected: sled's and tokio's background threads add
  # work proportional to time, not to requests (±50 % between identical runs).
  out="${TMPDIR:-/tmp}/parkgraph-cost.out"
  # The 20 preloaded parks by name, so no ListParks discovery runs inside the park service.
  parks=()
  for i in $(seq -f '%04g' 0 19); do parks+=(--park "parks/bench-park-$i"); done
  valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$bin/loadgen" --rpc get-park --no-half --duration 3 --warmup 0 --connections 1 --streams 4 \
    --server-threads 1 --client-threads 1 --preload-docs 100 --preload-parks 20 "${parks[@]}" |
    tee "$out.log"
  # Requests answered (the `ok=` of the peak lines) and inclusive instructions of a function.
  answered() { grep "rpc=$1 mode=peak" "$out.log" | sed 's/.* ok=\([0-9]*\).*/\1/' | awk '{ s += $1 } END { print s }'; }
  inclusive() { callgrind_annotate --inclusive=yes "$out" | grep -F "$1" | head -1 | awk '{ gsub(",", "", $1); print $1 }'; }
  awk -v h="$(inclusive 'HealthServer<T> as tower_service::Service<http::request::Request<B>>>::call::{{closure}}')" \
    -v p="$(inclusive 'ParkServiceServer<T> as tower_service::Service<http::request::Request<B>>>::call::{{closure}}')" \
    -v nh="$(answered Health/Check)" -v ng="$(answered GetPark)" 'BEGIN {
      printf "cost rpc=Health/Check what=service_call instructions/request=%.0f requests=%d\n", h / nh, nh
      printf "cost rpc=GetPark what=service_call instructions/request=%.0f requests=%d\n", p / ng, ng
      printf "cost getpark/health=%.2f\n", (p / ng) / (h / nh)
    }'
  exit 0
fi

quick=()
[[ $mode == quick ]] && quick=(--quick)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

run() {
  echo "\$ $*" | sed "s|$bin/|target/release/|" | tee -a "$log"
  "$@" 2>&1 | tee -a "$log"
}

load_before="$(uptime)"
start=$(date +%s)
run "$bin/pgbench" "${quick[@]}" extraction
run "$bin/pgbench" "${quick[@]}" ingest
run "$bin/loadgen" "${quick[@]}"
# The same server with a core each for it and for the client (as when the client runs elsewhere).
run "$bin/loadgen" "${quick[@]}" --pin --rpc get-park
run "$bin/pgbench" "${quick[@]}" footprint --parkgraph "$bin/parkgraph"
run "$bin/pgbench" "${quick[@]}" scaling
load_after="$(uptime)"
echo "benchmarks took $(( $(date +%s) - start )) s"

if [[ $mode == quick ]]; then
  echo "bench.sh --quick: every benchmark ran"
  exit 0
fi

# Full run: replace the text between the markers in docs/BENCHMARKS.md.
doc=docs/BENCHMARKS.md
if ! grep -q '<!-- bench-results:start -->' "$doc" 2>/dev/null; then
  echo "bench.sh: $doc has no results markers; results are above" >&2
  exit 0
fi
section="$(mktemp)"
{
  echo "Command: \`scripts/bench.sh\` · date: $(date -u '+%Y-%m-%d %H:%M UTC') · commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo
  echo "Machine: nproc=$(nproc), CPU \"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\", $(free -g | awk '/^Mem:/ {print $2}') GiB memory, rustc $(rustc --version | cut -d' ' -f2)"
  echo
  echo "Load: before \`${load_before#*load average: }\`, after \`${load_after#*load average: }\` (1, 5, 15 min; other processes were running when these are above ~0.3)"
  echo
  echo '```text'
  cat "$log"
  echo '```'
} > "$section"
awk -v f="$section" '
  /<!-- bench-results:start -->/ { print; while ((getline line < f) > 0) print line; skip = 1; next }
  /<!-- bench-results:end -->/ { skip = 0 }
  !skip { print }
' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
rm -f "$section"
echo "bench.sh: results written to $doc"
