#!/usr/bin/env bash
# Cargo's runner for wasm32 test binaries (.cargo/config.toml): runs
# wasm-bindgen-test-runner with a temp dir of its own, removed afterwards.
# ChromeDriver, as the runner drives it, leaves an 80 MB browser profile in the
# temp dir after each test binary; over a day of test runs that filled a disk.
set -uo pipefail
own_tmp=$(mktemp -d "${TMPDIR:-/tmp}/lantern-wasm-test.XXXXXX") || exit 1
TMPDIR=$own_tmp wasm-bindgen-test-runner "$@"
status=$?
rm -rf "$own_tmp"
exit $status
