#!/usr/bin/env bash
# Fuzzes Lantern's parsers with cargo-fuzz (libFuzzer): decoding and
# validating a tip, and the Date, Receipt and IdempotencyKey parsers.
#
#   scripts/fuzz.sh                  every target for $FUZZ_SECONDS (default 20) seconds
#   FUZZ_SECONDS=3600 scripts/fuzz.sh tip   one target, for an hour
#
# Needs a nightly toolchain (libFuzzer's instrumentation is nightly-only):
# without one it says so and exits 0. Installs cargo-fuzz when missing.
# A crash leaves its input in fuzz/artifacts/<target>/; copy it into
# fuzz/regressions/<target>/ and `cargo test -p lantern-tip` replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

seconds=${FUZZ_SECONDS:-20}
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: SKIPPED: no nightly Rust toolchain (install one with: rustup toolchain install nightly)"
  exit 0
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  # --locked first; the registry here is a snapshot that may lack a locked version.
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)
fi

failed=()
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  mkdir -p "$corpus"
  dict=()
  [ -f "fuzz/$target.dict" ] && dict=("-dict=fuzz/$target.dict")
  echo "== fuzz $target for ${seconds}s =="
  # No sanitizer: the code under test has no unsafe (the workspace forbids
  # it), so the run is spent on finding panics, not on ASan's bookkeeping.
  # New inputs go to corpus/ (ignored by git); seeds/ only feeds the start.
  if cargo +nightly fuzz run --fuzz-dir fuzz --sanitizer none --debug-assertions "$target" \
      "$corpus" "fuzz/seeds/$target" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 "${dict[@]}"; then
    echo "fuzz $target: no crash in ${seconds}s"
  else
    echo "fuzz $target: FAILED; the input is in fuzz/artifacts/$target/" >&2
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds}s each, no crash"
