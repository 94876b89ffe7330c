#!/usr/bin/env bash
# `make bench-intake`: lantern-intake on loopback under load, beside its cost
# floor, on SQLite and on a throwaway PostgreSQL, with the disk's fsync latency.
#
# Environment: RATES (default 500,1000,2000 tips/s), SECONDS_EACH (default 10),
# CONNECTIONS (saturation run, default 64), MAX_SECONDS (default 10),
# NO_PG=1 to skip PostgreSQL. Uses dist/ when built (the service needs a widget
# directory), otherwise a one-file stand-in. The report is also written to
# target/bench/intake-<UTC time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
mkdir -p target/bench
out="target/bench/intake-$(date -u +%Y%m%dT%H%M%SZ).md"

cargo build --profile server -p lantern-intake -p lantern-bench --quiet

widget_dir=dist
scratch=$(mktemp -d /tmp/lantern-bench-intake.XXXXXX)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && scripts/pg.sh stop "$pg_dir"
  rm -rf "$scratch"
}
trap cleanup EXIT
if [ ! -f dist/index.html ]; then
  widget_dir=$scratch/widget
  mkdir -p "$widget_dir"
  echo '<!doctype html><title>Lantern</title><p>Call 1-888-373-7888</p>' > "$widget_dir/index.html"
fi

pg_args=()
if [ -z "${NO_PG:-}" ]; then
  pg_env=$(scripts/pg.sh start)
  eval "$pg_env"
  pg_dir=$LANTERN_PG_DIR
  pg_args=(--postgres "$LANTERN_TEST_PG" --pg-dir "$LANTERN_PG_DIR/data")
fi

{
  echo "## Intake ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GB memory, disk $(df --output=source,fstype / | tail -1 | tr -s ' '); uptime: $(uptime)"
  echo "PostgreSQL: $( [ -n "$pg_dir" ] && ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1 | grep -oE '[0-9]+' | head -1 || echo skipped)"
  echo
  target/server/lantern-bench intake --intake-bin target/server/lantern-intake \
    --widget-dir "$widget_dir" "${pg_args[@]}" \
    --rates "${RATES:-500,1000,2000}" --seconds "${SECONDS_EACH:-10}" \
    --connections "${CONNECTIONS:-64}" --max-seconds "${MAX_SECONDS:-10}"
  echo "uptime after: $(uptime)"
} | tee "$out"
echo "report written to $out" >&2
