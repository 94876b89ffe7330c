# Sourced by scripts/build-widget.sh and scripts/build-followup.sh (after
# scripts/env.sh): how the widget's Leptos modules are built small.
#
#   small_build CARGO-ARGS...   cargo build (wasm32, $profile) into $built_in
#   shrink IN OUT               wasm-metadce, then wasm-opt -Oz --gufa -Oz
profile=${PROFILE:-release}

# A panic in the widget is a bug with nowhere to go: nothing shows a wasm32
# panic message. So, where the compiler can rebuild std (rust-src, and
# -Cpanic=immediate-abort, Rust 1.91 or later), a panic traps at once instead
# of formatting a message no one sees; that drops core's formatting and
# panic paths: 10.7 KB brotli (142,491 -> 131,804 on 2026-11-29). Its own
# target dir, so these flags never invalidate the test builds'. Elsewhere
# (Trunk, older compilers) the Cargo.toml profile's panic=abort applies.
rc=$(wasm_rustc)
if [ -d "$($rc --print sysroot)/lib/rustlib/src/rust/library" ] &&
   RUSTC_BOOTSTRAP=1 $rc -Zunstable-options -Cpanic=immediate-abort \
     --target wasm32-unknown-unknown --print cfg >/dev/null 2>&1; then
  built_in="$WASM_TARGET_DIR/immediate-abort"
  small_build() {
    WASM_TARGET_DIR="$built_in" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
      RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
      wasm_cargo build --profile "$profile" --quiet "$@"
  }
else
  echo "std cannot be rebuilt with -Cpanic=immediate-abort here; using panic=abort" >&2
  built_in="$WASM_TARGET_DIR"
  small_build() { wasm_cargo build --profile "$profile" --quiet "$@"; }
fi

features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
binaryen=$(dirname "$WASM_OPT")
# Leptos always links server_fn, whose wasm-streams dependency exports JS
# stream classes (IntoUnderlying{Source,ByteSource,Sink}) that nothing in the
# widget uses; rustc keeps every exported symbol, and with them ~5 KB of code
# (their futures, promise glue). wasm-metadce drops those exports and what
# only they reach; every other export stays a root. The glue's unused
# classes then never call into the module.
# Feature flags: what rustc emits by default, but not --all-features, whose
# compact imports Chromium rejects (docs/toolchain.md). `--gufa -Oz` after the
# first -Oz (whole-program type flow, then clean up) saves ~0.4 KB brotli;
# --converge and -O4 were measured and do not pay.
shrink() {
  "$binaryen/wasm-dis" "$1" | sed -n 's/^ (export "\([^"]*\)".*/\1/p' |
    awk 'BEGIN { printf "[" }
         { root = ($0 ~ /^(__wbg_)?intounderlying/) ? "" : ",\"root\":true"
           printf "%s{\"name\":\"e%d\",\"export\":\"%s\"%s}", (NR > 1 ? "," : ""), NR, $0, root }
         END { print "]" }' > "$1.graph.json"
  # shellcheck disable=SC2086 # $features is a list of flags
  "$binaryen/wasm-metadce" $features -f "$1.graph.json" "$1" -o "$1.dce.wasm" >/dev/null
  # shellcheck disable=SC2086
  "$WASM_OPT" -Oz --gufa -Oz $features "$1.dce.wasm" -o "$2"
  rm -f "$1.graph.json" "$1.dce.wasm"
}
