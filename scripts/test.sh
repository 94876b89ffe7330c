#!/usr/bin/env bash
# `make test`: every test Lantern has, against real parts: lint, host unit
# tests, the widget in headless Chromium, the intake service against SQLite
# and a throwaway PostgreSQL, and the end-to-end browser tests. Ends with one
# line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
logs=.tmp/test-logs
rm -rf "$logs"; mkdir -p "$logs"

scripts/toolchain.sh test || { echo "toolchain set-up failed"; exit 1; }

# A clean run writes about 6.5 GB (target/ 5.8 GB, fuzz/ 0.5 GB). Say so
# plainly now rather than fail later with "No space left on device".
need_gb=7
free_gb=$(df -Pk . | awk 'NR==2 { print int($4 / 1048576) }')
if [ "$free_gb" -lt "$need_gb" ]; then
  echo "warning: $free_gb GB free on this disk; a clean make test needs about $need_gb GB." >&2
  echo "         'cargo clean' or removing old checkouts frees space." >&2
fi

# Everything this run's tools put in a temp dir goes into one directory that
# is removed at the end, so a run leaves nothing behind even if a tool does
# (ChromeDriver's browser profiles once filled a disk: see
# scripts/own-tmp.sh).
run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/lantern-test.XXXXXX")
export TMPDIR=$run_tmp

failed_stages=()
stage() {  # stage NAME COMMAND...: runs, shows output, keeps a log to count.
  local name=$1; shift
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  if "$@" 2>&1 | tee "$logs/$name.log"; then :; else failed_stages+=("$name"); fi
}

pg_env=$(scripts/pg.sh start) || { echo "could not start PostgreSQL"; rm -rf "$run_tmp"; exit 1; }
eval "$pg_env"
export LANTERN_TEST_PG
trap 'scripts/pg.sh stop "$LANTERN_PG_DIR"; rm -rf "$run_tmp"' EXIT

stage fmt cargo fmt --all --check
stage widget-build scripts/build-widget.sh
stage console-build scripts/build-console.sh
# The partners' loader against the rules it shares with the tip crate
# (crates/tip/tests/vectors/rules.json): its source, a fresh terser build of
# it and the dist/embed.js just built (Node's own test runner).
stage embed-js node --test embed/
# The byte budget (issue 7) is reported, not yet enforced: the widget is over
# it today, and a red build would stop every other fix from landing. Set
# LANTERN_ENFORCE_BUDGET=1 to make it fail the run.
if [ -n "${LANTERN_ENFORCE_BUDGET:-}" ]; then
  stage widget-budget scripts/check-budget.sh
else
  # Exit 1 is the 60 KB budget, reported only, loudly. Exit 3 is issue 18's
  # limit on an English first visit (main before the five languages + 1 KB):
  # met since the follow-up's offers moved to one attribute (148,900 against
  # 149,151 on 2026-12-02, docs/benchmarks.md), so it fails the run, as any
  # other failure does (no dist/, a bad asset).
  stage widget-budget-report sh -c 'scripts/check-budget.sh; rc=$?; case $rc in 1) echo "widget budget: OVER 60 KB (reported only; LANTERN_ENFORCE_BUDGET=1 enforces it)";; *) exit $rc;; esac'
fi
stage intake-build cargo build -p lantern-intake --quiet
stage clippy cargo clippy --workspace --all-targets --quiet -- -D warnings
# The console's browser-only code (crates/console/src/ui, passkey.rs) is
# compiled for wasm32 only, so the host clippy above never reads it. Where
# rustup has the wasm32 target (Debian's cargo-web carries no clippy).
if rustup_has_wasm32; then
  stage console-clippy env CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
    cargo clippy -p lantern-console --target wasm32-unknown-unknown --quiet -- -D warnings
fi
# The fault tests (crates/intake/tests/faults*.rs) mount small filesystems
# to fill; as root they must run, not skip.
[ "$(id -u)" -eq 0 ] && export LANTERN_FAULTS=require
export LANTERN_DIST=$PWD/dist
export LANTERN_INTAKE_BIN=$PWD/target/debug/lantern-intake
export CHROMEDRIVER=/usr/bin/chromedriver
export AXE_JS
# Unit and integration tests of every crate, the intake service against SQLite
# and the PostgreSQL above; the browser suites follow as their own stages.
stage host-tests cargo test --workspace --exclude lantern-e2e --no-fail-fast
export WASM_BINDGEN_TEST_TIMEOUT=120
# --tests: doc tests run on the host (rustdoc here is not the rustc that built
# the wasm std).
stage widget-browser-tests wasm_cargo test -p lantern -p lantern-followup-place --tests --no-fail-fast
stage end-to-end scripts/e2e.sh
stage api-contract scripts/schemathesis.sh
FUZZ_SECONDS=${FUZZ_SECONDS:-10} stage fuzz scripts/fuzz.sh

passed=0; failed=0
while read -r p f; do passed=$((passed + p)); failed=$((failed + f)); done < <(
  cat "$logs"/*.log | sed -nE 's/.*test result: [A-Za-z]+\. ([0-9]+) passed; ([0-9]+) failed.*/\1 \2/p'
  # node --test's closing lines: "# pass N", "# fail N".
  sed -nE 's/^# pass ([0-9]+)$/\1 0/p; s/^# fail ([0-9]+)$/0 \1/p' "$logs/embed-js.log" 2>/dev/null)
echo
if [ ${#failed_stages[@]} -gt 0 ]; then
  echo "failed stages: ${failed_stages[*]}"
  [ "$failed" -gt 0 ] || failed=${#failed_stages[@]}
fi
echo "$passed passed, $failed failed"
[ ${#failed_stages[@]} -eq 0 ] && [ "$failed" -eq 0 ]
