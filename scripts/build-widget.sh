#!/usr/bin/env bash
# Builds the release widget into dist/: the same output Trunk makes from
# index.html, without needing Trunk (which takes ~20 minutes to install here).
#
#   cargo (wasm32, size profile) -> wasm-bindgen --target web -> wasm-opt -Oz --gufa -Oz
#   -> content-hashed names -> dist/index.html (+ the static copy: static/<tag>.html)
#   -> .br and .gz beside each asset
#
# The page starts the app from an external module (boot-*.js), not an inline
# script, so the Content-Security-Policy needs no 'unsafe-inline'.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
profile=${PROFILE:-release}
out=${DIST:-dist}

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
  WASM_TARGET_DIR="$built_in" RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
    wasm_cargo build --profile "$profile" -p lantern --bin lantern --no-default-features --quiet
else
  echo "build-widget: std cannot be rebuilt with -Cpanic=immediate-abort here; using panic=abort" >&2
  built_in="$WASM_TARGET_DIR"
  wasm_cargo build --profile "$profile" -p lantern --bin lantern --no-default-features --quiet
fi
raw="$built_in/wasm32-unknown-unknown/$profile/lantern.wasm"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name lantern "$raw"
# Kept with its names, for scripts/wasm-sizes.py (what costs the bytes).
cp "$stage/lantern_bg.wasm" "$WASM_TARGET_DIR/lantern_bg.named.wasm"
features="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue"
# Leptos always links server_fn, whose wasm-streams dependency exports JS
# stream classes (IntoUnderlying{Source,ByteSource,Sink}) that nothing in the
# widget uses; rustc keeps every exported symbol, and with them ~5 KB of code
# (their futures, promise glue). wasm-metadce drops those exports and what
# only they reach; every other export stays a root. The glue's unused
# classes then never call into the module.
binaryen=$(dirname "$WASM_OPT")
"$binaryen/wasm-dis" "$stage/lantern_bg.wasm" | sed -n 's/^ (export "\([^"]*\)".*/\1/p' |
  awk 'BEGIN { printf "[" }
       { root = ($0 ~ /^(__wbg_)?intounderlying/) ? "" : ",\"root\":true"
         printf "%s{\"name\":\"e%d\",\"export\":\"%s\"%s}", (NR > 1 ? "," : ""), NR, $0, root }
       END { print "]" }' > "$stage/graph.json"
# shellcheck disable=SC2086 # $features is a list of flags
"$binaryen/wasm-metadce" $features -f "$stage/graph.json" \
  "$stage/lantern_bg.wasm" -o "$stage/lantern_bg.dce.wasm" >/dev/null
# Feature flags: what rustc emits by default, but not --all-features, whose
# compact imports Chromium rejects (docs/toolchain.md). `--gufa -Oz` after the
# first -Oz (whole-program type flow, then clean up) saves ~0.4 KB brotli;
# --converge and -O4 were measured and do not pay.
# shellcheck disable=SC2086
"$WASM_OPT" -Oz --gufa -Oz $features "$stage/lantern_bg.dce.wasm" -o "$stage/lantern_bg.opt.wasm"

rm -rf "$out"; mkdir -p "$out"
hash() { sha256sum "$1" | cut -c1-16; }
wasm_name="lantern-$(hash "$stage/lantern_bg.opt.wasm")_bg.wasm"
cp "$stage/lantern_bg.opt.wasm" "$out/$wasm_name"
# wasm-bindgen's glue comes out as readable source, comments and all; the
# phone downloads it before the app can start. terser (as for embed.js)
# takes 55,310 bytes to 24,717, 7,352 to 5,889 brotli (2026-12-01). Names
# the Wasm imports by are property names, which terser leaves alone.
"$TERSER" "$stage/lantern.js" --module --compress --mangle -o "$stage/lantern.min.js"
js_name="lantern-$(hash "$stage/lantern.min.js").js"
cp "$stage/lantern.min.js" "$out/$js_name"
# Comments and runs of white space go: they are for whoever edits the
# source, and the page is parsed on a slow phone before the hotline paints.
# (Only comments and white space: nothing in a rule is rewritten.)
# The sheets go in the order index.html links them, as Trunk does, so both
# builds cascade alike.
css_files=$(sed -nE 's#.*<link data-trunk rel="css" href="([^"]+)".*#\1#p' index.html)
[ -n "$css_files" ] || { echo "build-widget: index.html links no style sheet" >&2; exit 1; }
# shellcheck disable=SC2086 # one path per word
cat $css_files | perl -0pe 's#/\*.*?\*/##gs; s#\s+# #g; s#\s*([{};])\s*#$1#g' > "$stage/lantern.css"
printf "import init from './%s';\ninit({ module_or_path: './%s' });\n" "$js_name" "$wasm_name" > "$stage/boot.js"
boot_name="boot-$(hash "$stage/boot.js").js"
cp "$stage/boot.js" "$out/$boot_name"
[ -d public ] && cp -r public/. "$out/"
# The partners' loader, minified from its readable source (terser, from
# npm: scripts/toolchain.sh); the /*! */ banner stays.
"$TERSER" embed/embed.js --compress --mangle --comments some -o "$out/embed.js"

# The follow-up worker (issue 16): a module of its own (the code, Argon2id,
# age), started by the page in a dedicated Web Worker only when a person
# opens "Check for a reply", so none of it is in the first visit (nothing
# the page loads names it; scripts/check-budget.sh follows the references).
# Optimised for speed, not size: Argon2id is the seconds a person waits.
# public/followup/worker.js, copied above, is its entry point.
wasm_cargo build --profile "$profile" -p lantern-followup-worker --lib --quiet
mkdir -p "$stage/followup" "$out/followup"
wasm-bindgen --target web --no-typescript --out-dir "$stage/followup" --out-name lantern_followup_worker \
  "$WASM_TARGET_DIR/wasm32-unknown-unknown/$profile/lantern_followup_worker.wasm"
# shellcheck disable=SC2086 # $features is a list of flags
"$WASM_OPT" -O3 $features "$stage/followup/lantern_followup_worker_bg.wasm" \
  -o "$out/followup/lantern_followup_worker_bg.wasm"
cp "$stage/followup/lantern_followup_worker.js" "$out/followup/"

# index.html carries Trunk's directives; swap them for the built assets:
# - the style sheet goes inline: it is small, and a linked one would hold
#   back the first paint (the hotline) by a round trip on a slow network.
#   lantern-intake puts its hash in the Content-Security-Policy.
# - the glue module and the Wasm are preloaded from the head, so they
#   download beside the boot module instead of one after the other.
# - the boot module is `async`: it runs in a task of its own when it
#   arrives, not in the parser's last task beside the page's first layout
#   (together they made one 60-70 ms task on a slow phone; issue 7).
LANTERN_CSS="$stage/lantern.css" perl -pe '
  BEGIN { local $/; open my $f, "<", $ENV{LANTERN_CSS} or die; $css = <$f>; }
  # The first style link becomes all the sheets; sed deletes the rest.
  $done = 1 if !$done && s#<link data-trunk rel="css"[^>]*>#<style>\n$css</style>#;
' index.html |
sed -e "s#<link data-trunk rel=\"rust\"[^>]*>#<link rel=\"modulepreload\" href=\"$js_name\">\n  <link rel=\"preload\" href=\"$wasm_name\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n  <script type=\"module\" async src=\"$boot_name\"></script>#" \
    -e "/<link data-trunk /d" |
# The page's comments go too, except the marker for the static copy.
perl -0pe 's#<!--(?! lantern:static -->).*?-->##gs; s#\n\s*\n#\n#g' > "$out/index.html"
# The static copy (hotline and exit, before the Wasm and without
# JavaScript), written from the locale tables: the default language's into
# index.html at the marker, every language's into static/<tag>.html for
# lantern-intake (src/static_copy.rs); and each language's words, which the
# Wasm (built above without the `builtin-words` feature) does not hold, into
# words/<tag>.txt, each copy carrying its own language's inline. A host
# build of the widget's library.
cargo run --quiet -p lantern --bin lantern-static-copy -- "$out"

find "$out" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' -o -name '*.svg' -o -name '*.json' -o -name '*.txt' \) |
while read -r f; do
  gzip -9 -k -f "$f"
  brotli -q 11 -f -k "$f"
done
echo "widget built into $out/ ($(du -sh --apparent-size "$out/$wasm_name" | cut -f1) wasm)" >&2
