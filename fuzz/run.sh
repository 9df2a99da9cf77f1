#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) on a stable toolchain, then prints the
# executions and any crash artifacts. Needs `cargo install cargo-fuzz`.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(query_plan query_exec open_bytes); fi
export RUSTC_BOOTSTRAP=1 # cargo-fuzz passes nightly-only flags (sanitizers)
for t in "${targets[@]}"; do cargo fuzz build "$t"; done
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  echo "== $t for ${seconds}s"
  # -rss_limit_mb and -timeout turn memory blow-ups and hangs into findings too.
  cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=65536 2>&1 | tee "artifacts/$t/last-run.log" | grep -E "^#[0-9]+ +DONE|Done [0-9]+ runs|ERROR|SUMMARY" || true
  found=$(find "artifacts/$t" -type f ! -name last-run.log | wc -l)
  echo "$t: $(grep -oE 'Done [0-9]+ runs' "artifacts/$t/last-run.log" | tail -1), findings: $found"
done
