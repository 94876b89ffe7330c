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
out=${DIST:-dist}

# The size flags and the two build steps of a Leptos module (small_build,
# shrink): scripts/wasm-small.sh, shared with the follow-up's screens.
. scripts/wasm-small.sh
small_build -p lantern --bin lantern --no-default-features
raw="$built_in/wasm32-unknown-unknown/$profile/lantern.wasm"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name lantern "$raw"
# Kept with its names, for scripts/wasm-sizes.py (what costs the bytes).
cp "$stage/lantern_bg.wasm" "$WASM_TARGET_DIR/lantern_bg.named.wasm"
shrink "$stage/lantern_bg.wasm" "$stage/lantern_bg.opt.wasm"

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
# wasm-bindgen's snippets: the glue imports them (src/followup_offer.js,
# which loads the follow-up's screens when asked), so the first visit counts
# them; minified like the glue (readable source, comments and all).
if [ -d "$stage/snippets" ]; then
  find "$stage/snippets" -name '*.js' | while read -r f; do
    "$TERSER" "$f" --module --compress --mangle -o "$f.min" && mv "$f.min" "$f"
  done
  cp -r "$stage/snippets" "$out/"
fi
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

# The follow-up's screens and worker (issue 16), loaded only on demand,
# into followup/ (scripts/build-followup.sh).
scripts/build-followup.sh "$out"

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
