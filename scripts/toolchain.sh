#!/usr/bin/env bash
# Makes this machine ready to build and test Lantern, and does nothing that is
# already done. Safe to run on every `make run` / `make test`.
#
# It never downloads from outside the package registries (Debian, crates.io,
# npm). See docs/toolchain.md for why each step is the way it is.
#
# Usage: scripts/toolchain.sh [build|test|trunk|all]   (default: all)
#   build: what `make run` needs (wasm32 toolchain, wasm-bindgen, wasm-opt)
#   test:  build + Chromium, ChromeDriver, PostgreSQL, axe-core
#   trunk: build + Trunk (for scripts/trunk-build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

want=${1:-all}
say() { printf '\033[1mtoolchain:\033[0m %s\n' "$*" >&2; }

# Another package install (unattended-upgrades, a second `make`, another
# terminal) may hold apt's locks: wait for it rather than fail at once.
# apt-get install waits by itself with DPkg::Lock::Timeout; apt-get update
# takes a different lock (the package lists') that the option does not
# cover, so it is retried while that lock is held.
APT_LOCK_WAIT=${APT_LOCK_WAIT:-600}
sudo_apt() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
apt_get() {
  # LC_ALL=C: the lock message below is matched in English.
  sudo_apt env DEBIAN_FRONTEND=noninteractive LC_ALL=C \
    apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_WAIT" "$@"
}
apt_update() {
  local started=$SECONDS errors
  errors=$(mktemp)
  while ! apt_get update -qq 2>"$errors"; do
    if ! grep -q 'Could not get lock' "$errors" || [ $((SECONDS - started)) -ge "$APT_LOCK_WAIT" ]; then
      cat "$errors" >&2
      rm -f "$errors"
      return 1
    fi
    [ -n "${apt_waiting:-}" ] || say "waiting for another package install to finish (apt's package lists are locked)"
    apt_waiting=1
    sleep 3
  done
  rm -f "$errors"
}

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated -eq 0 ]; then
    say "apt-get update"
    apt_update
    apt_updated=1
  fi
  say "installing Debian packages: ${missing[*]}"
  apt_get install -y -qq "${missing[@]}" >/dev/null
}

# --- the wasm32 target ------------------------------------------------------
# Prefer rustup's target (the ordinary way). Where rustup cannot fetch it (no
# internet), use Debian's rustc-web and build std from source; scripts/env.sh
# picks whichever is present.
wasm_target() {
  if rustup_has_wasm32; then
    rust_src
    return 0
  fi
  if [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] && command -v wasm-ld-19 >/dev/null; then
    return 0
  fi
  if command -v rustup >/dev/null && [ -z "${LANTERN_OFFLINE_TOOLCHAIN:-}" ]; then
    say "trying rustup target add wasm32-unknown-unknown (60 s at most)"
    if timeout 60 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
      rust_src
      return 0
    fi
    say "rustup cannot add the target here; using Debian's rustc-web"
  fi
  apt_install rustc-web cargo-web rust-web-src lld-19
}

# rustup's std source, so the release widget can rebuild std with
# -Cpanic=immediate-abort (scripts/build-widget.sh). Optional: without it the
# build uses the prebuilt std and is ~11 KB brotli larger.
rust_src() {
  if [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ] ||
     [ -n "${LANTERN_OFFLINE_TOOLCHAIN:-}" ]; then
    return 0
  fi
  say "trying rustup component add rust-src (60 s at most)"
  timeout 60 rustup component add rust-src >/dev/null 2>&1 ||
    say "no rust-src: the widget builds with the prebuilt std"
}

# --- wasm-bindgen CLI, exactly the version in Cargo.lock --------------------
wasm_bindgen_cli() {
  local v
  v=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
  [ -n "$v" ] || { say "no wasm-bindgen in Cargo.lock"; exit 1; }
  if command -v wasm-bindgen >/dev/null && [ "$(wasm-bindgen --version | awk '{print $2}')" = "$v" ]; then
    return 0
  fi
  say "installing wasm-bindgen-cli $v (takes several minutes, once)"
  # Not --locked: the registry here is a snapshot and may lack a version its
  # own lock file names.
  cargo +stable install wasm-bindgen-cli --version "$v" --quiet
}

# --- wasm-opt: npm's binaryen (Debian's is too old for current rustc output) -
wasm_opt() {
  if [ -x "$LANTERN_TOOLS/node_modules/.bin/wasm-opt" ]; then return 0; fi
  say "installing binaryen@$BINARYEN_VERSION and axe-core from npm into $LANTERN_TOOLS"
  mkdir -p "$LANTERN_TOOLS"
  npm install --prefix "$LANTERN_TOOLS" --no-audit --no-fund --silent \
    "binaryen@$BINARYEN_VERSION" "axe-core@$AXE_VERSION" >/dev/null
}

# --- terser: minifies the partners' loader (embed/embed.js) ----------------
# Pure JavaScript, run by the node that npm brings. Pinned, like binaryen.
terser_cli() {
  if [ -x "$TERSER" ] && [ "$("$TERSER" --version | awk '{print $2}')" = "$TERSER_VERSION" ]; then
    return 0
  fi
  say "installing terser@$TERSER_VERSION from npm into $LANTERN_TOOLS"
  mkdir -p "$LANTERN_TOOLS"
  npm install --prefix "$LANTERN_TOOLS" --no-audit --no-fund --silent "terser@$TERSER_VERSION" >/dev/null
}

# --- what the intake service itself links against ---------------------------
# webauthn-rs (the analysts' console's passkeys, crates/intake/src/console/)
# uses OpenSSL: its headers and pkg-config to find them, for every build of
# the intake.
intake_deps() {
  apt_install pkg-config libssl-dev
}

# --- browsers and databases for the tests ----------------------------------
test_deps() {
  # e2fsprogs, mount, util-linux: the storage fault tests make and mount
  # small file systems (crates/intake/tests/common/fs.rs).
  # fonts-noto-core (Latin with Vietnamese, Arabic) and fonts-noto-cjk
  # (Chinese, Hangul): the browser tests render every language with the
  # fonts a phone would have, not boxes (docs/translations.md; the widget
  # itself downloads no font).
  apt_install chromium chromium-driver postgresql sqlite3 age e2fsprogs mount util-linux \
    fonts-noto-core fonts-noto-cjk
  [ -f "$LANTERN_TOOLS/node_modules/axe-core/axe.min.js" ] || {
    npm install --prefix "$LANTERN_TOOLS" --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >/dev/null; }
}

# --- Trunk, for building the ordinary way (scripts/trunk-build.sh) ----------
# Not needed by `make run` or `make test`. 0.21.x: 0.22 needs rustc >= 1.96.1.
trunk_cli() {
  if command -v trunk >/dev/null && trunk --version | grep -q '^trunk 0\.21\.'; then return 0; fi
  say "installing trunk 0.21.14 (about 20 minutes, once)"
  cargo +stable install trunk --version 0.21.14 --locked --quiet
}

# Sourced (scripts/test-toolchain-locks.sh): the functions only.
if [ "${BASH_SOURCE[0]}" != "$0" ]; then return 0; fi

case "$want" in
  build) intake_deps; wasm_target; wasm_bindgen_cli; wasm_opt; terser_cli; apt_install brotli ;;
  test) intake_deps; wasm_target; wasm_bindgen_cli; wasm_opt; terser_cli; apt_install brotli; test_deps ;;
  all) intake_deps; wasm_target; wasm_bindgen_cli; wasm_opt; terser_cli; apt_install brotli; test_deps; trunk_cli ;;
  trunk) wasm_target; wasm_bindgen_cli; wasm_opt; terser_cli; trunk_cli ;;
  *) echo "usage: $0 [build|test|trunk|all]" >&2; exit 2 ;;
esac
