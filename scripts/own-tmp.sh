#!/usr/bin/env bash
# own-tmp.sh COMMAND [ARG...]: runs COMMAND with a temp dir of its own and
# removes it afterwards, whatever COMMAND left there. The browser tests need
# it: ChromeDriver, as wasm-bindgen-test-runner drives it, leaves an 80 MB
# browser profile in the temp dir after each test binary, and Chromium leaves
# small directories after each end-to-end session; over a day of test runs
# that filled a disk. (.cargo/config.toml runs the wasm tests through it;
# scripts/e2e.sh the end-to-end tests.)
set -uo pipefail
own_tmp=$(mktemp -d "${TMPDIR:-/tmp}/lantern.XXXXXX") || exit 1
TMPDIR=$own_tmp "$@"
status=$?
rm -rf "$own_tmp"
exit $status
