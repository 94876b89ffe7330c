#!/usr/bin/env bash
# `make bench-widget`: the widget's bytes and its page-load timing.
#
#  1. builds the release widget into dist/ (scripts/build-widget.sh);
#  2. prints what a first visit downloads, raw / gzip / brotli, against the
#     60 KB brotli budget (scripts/check-budget.sh; reported, not fatal here);
#  3. loads the widget and a static hotline-only baseline in headless Debian
#     Chromium under Lighthouse's mobile conditions, served by the real
#     lantern-intake on loopback, and prints medians and ratios.
#
# Environment: RUNS (loads per page, default 5), SKIP_BUILD=1 (use dist/ as is),
# BENCH_SERVER=static (serve with a plain file server instead of the intake).
# The report is also written to target/bench/widget-<UTC time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
runs=${RUNS:-5}
mkdir -p target/bench
out="target/bench/widget-$(date -u +%Y%m%dT%H%M%SZ).md"

if [ -z "${SKIP_BUILD:-}" ]; then
  scripts/toolchain.sh build
  scripts/build-widget.sh
fi
cargo build --profile server -p lantern-intake -p lantern-bench --quiet

{
  echo "## Widget ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GB memory; uptime: $(uptime)"
  echo
  echo "### Bytes of a first visit"
  echo
  echo '```'
  scripts/check-budget.sh dist || true
  echo '```'
  echo
  echo "### Page load under mobile conditions"
  echo
  intake_flag=(--intake-bin target/server/lantern-intake)
  [ "${BENCH_SERVER:-intake}" = static ] && intake_flag=()
  target/server/lantern-bench widget --dist dist "${intake_flag[@]}" --runs "$runs"
} | tee "$out"
echo "report written to $out" >&2
