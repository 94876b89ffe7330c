#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): what scripts/build-widget.sh does
# beside Trunk's own work, in Trunk's staging directory.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
staging=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
cargo run --quiet -p lantern --bin lantern-static-copy -- "$staging"
"$TERSER" embed/embed.js --compress --mangle --comments some -o "$staging/embed.js"
# The follow-up's screens and worker (issue 16), loaded only on demand, so
# not Trunk assets (a rel="rust" link would load them with the page).
scripts/build-followup.sh "$staging"
