#!/usr/bin/env bash
# `make run`: builds the release widget and the intake service, then serves
# them with scripts/serve-dev.sh: the service on $LISTEN (a development key
# pair made on first start), and the demo partner pages on a second origin
# that may embed the widget (DEMO_PORT, 8081).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh

scripts/toolchain.sh build
scripts/build-widget.sh
scripts/build-console.sh
cargo build --profile server -p lantern-intake --quiet
exec scripts/serve-dev.sh target/server/lantern-intake
