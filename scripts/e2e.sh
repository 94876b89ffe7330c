#!/usr/bin/env bash
# The end-to-end browser suite (crates/e2e): the built widget and the real
# intake service, driven through Debian's Chromium and ChromeDriver.
#
#   scripts/e2e.sh                      # every end-to-end test
#   scripts/e2e.sh --test quick_exit    # one area (a file in crates/e2e/tests)
#
# Builds the widget, the console and the intake service first when they are missing.
# Two test threads: each runs a Chromium, and this machine has two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
export LANTERN_DIST=${LANTERN_DIST:-$PWD/dist}
export LANTERN_CONSOLE_DIST=${LANTERN_CONSOLE_DIST:-$PWD/dist-console}
export LANTERN_INTAKE_BIN=${LANTERN_INTAKE_BIN:-$PWD/target/debug/lantern-intake}
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export AXE_JS
[ -f "$LANTERN_DIST/index.html" ] || scripts/build-widget.sh
[ -f "$LANTERN_CONSOLE_DIST/index.html" ] || CONSOLE_DIST="$LANTERN_CONSOLE_DIST" scripts/build-console.sh
[ -x "$LANTERN_INTAKE_BIN" ] || cargo build -p lantern-intake --quiet
exec scripts/own-tmp.sh cargo test -p lantern-e2e --no-fail-fast "$@" -- --test-threads=2
