#!/usr/bin/env bash
# Builds the analysts' console (crates/console) into dist-console/, which
# lantern-intake serves under /console/ (--console-dir):
#
#   cargo (wasm32, `console` profile) -> wasm-bindgen --target web -> wasm-opt -O2
#   -> content-hashed names -> dist-console/index.html -> .br and .gz beside each
#
# The page loads its style sheet and an external boot module (no inline
# script or style), so its Content-Security-Policy allows 'self' and
# 'wasm-unsafe-eval' and nothing inline. Built for an analyst's desktop,
# not a phone: fast (age, scrypt) rather than small.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
profile=${PROFILE:-console}
out=${CONSOLE_DIST:-dist-console}

wasm_cargo build --profile "$profile" -p lantern-console --bin lantern-console --quiet
raw="$WASM_TARGET_DIR/wasm32-unknown-unknown/$profile/lantern-console.wasm"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name console "$raw"
# The flags rustc's output uses, and no more (docs/toolchain.md: the
# compact imports of --all-features are refused by Chromium).
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
# shellcheck disable=SC2086 # $features is a list of flags
"$WASM_OPT" -O2 $features "$stage/console_bg.wasm" -o "$stage/console_bg.opt.wasm"

rm -rf "$out"; mkdir -p "$out"
hash() { sha256sum "$1" | cut -c1-16; }
wasm_name="console-$(hash "$stage/console_bg.opt.wasm")_bg.wasm"
cp "$stage/console_bg.opt.wasm" "$out/$wasm_name"
js_name="console-$(hash "$stage/console.js").js"
cp "$stage/console.js" "$out/$js_name"
css_name="console-$(hash crates/console/style/console.css).css"
cp crates/console/style/console.css "$out/$css_name"
printf "import init from '/console/%s';\ninit({ module_or_path: '/console/%s' });\n" \
  "$js_name" "$wasm_name" > "$stage/boot.js"
boot_name="boot-$(hash "$stage/boot.js").js"
cp "$stage/boot.js" "$out/$boot_name"
assets="<link rel=\"stylesheet\" href=\"/console/$css_name\">
  <link rel=\"modulepreload\" href=\"/console/$js_name\">
  <link rel=\"preload\" href=\"/console/$wasm_name\" as=\"fetch\" type=\"application/wasm\" crossorigin>
  <script type=\"module\" src=\"/console/$boot_name\"></script>"
ASSETS="$assets" perl -pe 's#<!-- lantern:console-assets -->#$ENV{ASSETS}#' \
  crates/console/index.html > "$out/index.html"
grep -q "$boot_name" "$out/index.html" || { echo "build-console: index.html has no asset marker" >&2; exit 1; }

find "$out" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \) |
while read -r f; do
  gzip -9 -k -f "$f"
  brotli -q 11 -f -k "$f"
done
echo "console built into $out/ ($(du -sh --apparent-size "$out/$wasm_name" | cut -f1) wasm)" >&2
