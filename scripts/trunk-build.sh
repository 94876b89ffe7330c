#!/usr/bin/env bash
# Builds the widget with Trunk, the ordinary way, into dist-trunk/: proof that
# the Trunk layout (index.html, Trunk.toml, src/, style/, public/) keeps
# working. `make run` does not need it (scripts/build-widget.sh makes the same
# dist/ without Trunk, which takes ~20 minutes to install here).
#
#   scripts/trunk-build.sh       installs Trunk when missing, then builds
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/toolchain.sh trunk
. scripts/env.sh
# Trunk finds wasm-opt on PATH (Trunk.toml asks for version_132, npm's binaryen).
export PATH="$LANTERN_TOOLS/node_modules/.bin:$PATH"
if ! rustup_has_wasm32; then
  # Debian's rustc-web with std from source (docs/toolchain.md).
  export RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
  export PATH="/usr/lib/cargo/bin:$PATH" CARGO=/usr/bin/cargo
fi
# Share compiled dependencies with scripts/build-widget.sh.
export CARGO_TARGET_DIR="$WASM_TARGET_DIR"
trunk build --release --offline --dist dist-trunk
