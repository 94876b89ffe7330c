#!/usr/bin/env bash
# Builds the anonymous follow-up's two on-demand modules (issue 16) into
# OUT/followup/, beside their entry points from public/followup/:
#
# - the screens (crates/followup-place: the receipt's reply code and
#   "Check for a reply", Leptos), which the widget imports only when a
#   person asks for them (public/followup/place.js); built as small as the
#   widget;
# - the worker (crates/followup-worker: the code, Argon2id, age), which the
#   screens start in a dedicated Web Worker (public/followup/worker.js);
#   optimised for speed, not size: Argon2id is the seconds a person waits.
#
# Nothing the first page loads names either, so neither is in the first
# visit (scripts/check-budget.sh follows the references).
# scripts/build-widget.sh runs it, and so does Trunk's post-build hook.
#
#   scripts/build-followup.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
out=${1:?usage: scripts/build-followup.sh OUT}
. scripts/wasm-small.sh
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$out/followup"
cp public/followup/*.js "$out/followup/"

small_build -p lantern-followup-place --lib
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name lantern_followup_place \
  "$built_in/wasm32-unknown-unknown/$profile/lantern_followup_place.wasm"
# Its glue must import nothing else: only followup/ is copied.
[ ! -d "$stage/snippets" ] || { echo "build-followup: the screens' glue has snippets; copy them" >&2; exit 1; }
shrink "$stage/lantern_followup_place_bg.wasm" "$out/followup/lantern_followup_place_bg.wasm"
cp "$stage/lantern_followup_place.js" "$out/followup/"

wasm_cargo build --profile "$profile" -p lantern-followup-worker --lib --quiet
wasm-bindgen --target web --no-typescript --out-dir "$stage" --out-name lantern_followup_worker \
  "$WASM_TARGET_DIR/wasm32-unknown-unknown/$profile/lantern_followup_worker.wasm"
# shellcheck disable=SC2086 # $features is a list of flags
"$WASM_OPT" -O3 $features "$stage/lantern_followup_worker_bg.wasm" \
  -o "$out/followup/lantern_followup_worker_bg.wasm"
cp "$stage/lantern_followup_worker.js" "$out/followup/"
