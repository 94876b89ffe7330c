# Sourced by the other scripts: tool locations and the wasm32 build environment.
# shellcheck shell=bash

# Tools from npm live outside the checkout so a clean clone reuses them.
export LANTERN_TOOLS=${LANTERN_TOOLS:-$HOME/.cache/lantern-tools}
export BINARYEN_VERSION=132.0.0
export AXE_VERSION=4.11.0
export TERSER_VERSION=5.51.4
export PATH="$HOME/.cargo/bin:$PATH"
export WASM_OPT="$LANTERN_TOOLS/node_modules/.bin/wasm-opt"
export AXE_JS="$LANTERN_TOOLS/node_modules/axe-core/axe.min.js"
# Minifies the partners' loader (embed/embed.js -> embed.js in the build).
export TERSER="$LANTERN_TOOLS/node_modules/.bin/terser"

# `wasm_cargo ARGS…` runs cargo for wasm32-unknown-unknown, the ordinary way when
# rustup has the target, otherwise with Debian's rustc-web and std built from
# source. Wasm output goes to its own target dir so host and wasm builds (two
# different compilers here) never wait on each other's lock.
export WASM_TARGET_DIR=${WASM_TARGET_DIR:-$PWD/target/wasm}
# Whether rustup has the wasm32 target: the ordinary way, used when it can be.
rustup_has_wasm32() {
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
wasm_rustc() {
  if rustup_has_wasm32; then
    echo rustc
  else
    echo /usr/bin/rustc
  fi
}
wasm_cargo() {
  if rustup_has_wasm32; then
    CARGO_TARGET_DIR="$WASM_TARGET_DIR" cargo "$@" --target wasm32-unknown-unknown
  else
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 \
    RUSTDOCFLAGS="${RUSTDOCFLAGS:-}" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19 \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_TARGET_DIR="$WASM_TARGET_DIR" \
      /usr/bin/cargo "$@" --target wasm32-unknown-unknown
  fi
}
