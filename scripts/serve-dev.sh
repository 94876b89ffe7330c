#!/usr/bin/env bash
# Serves a built Lantern for development: what `make run` ends with.
#
#   scripts/serve-dev.sh [INTAKE_BIN]     (default: target/server/lantern-intake)
#
# - lantern-intake on $LISTEN (default 127.0.0.1:8080), the widget from
#   $WIDGET_DIR (dist), tips in $DATA_DIR/lantern.db (data), sealed to a
#   development key pair made there on first start;
# - the demo partner pages (public/demo/) on a second origin,
#   http://localhost:$DEMO_PORT (default 8081), and that origin on the
#   service's allow-list, so the embedding try-out in docs/embedding.md
#   works as it stands. (`localhost` and `127.0.0.1` are two sites to the
#   browser, as a partner's site and Lantern's are; http://127.0.0.1:8081
#   stays off the list, to show a refused frame.) DEMO_PORT=0 serves no demo.
#
# Only here: lantern-intake itself allows no framing without --allow-origin
# (frame-ancestors 'none'), and production passes its own partners' origins.
set -euo pipefail
cd "$(dirname "$0")/.."
LISTEN=${LISTEN:-127.0.0.1:8080}
DEMO_PORT=${DEMO_PORT:-8081}
WIDGET_DIR=${WIDGET_DIR:-dist}
CONSOLE_DIR=${CONSOLE_DIR:-dist-console}
# The analysts' console is opened at localhost (browsers allow passkeys on
# plain http there only), on the service's port.
CONSOLE_ORIGIN="http://localhost:${LISTEN##*:}"
DATA_DIR=${DATA_DIR:-data}
bin=${1:-target/server/lantern-intake}

mkdir -p "$DATA_DIR"
chmod 700 "$DATA_DIR"
if [ ! -f "$DATA_DIR/dev-identity.txt" ]; then
  # A development key only: in production the hotline keeps the identity
  # (private key) offline and gives the service just the recipient.
  "$bin" keygen --output "$DATA_DIR/dev-identity.txt" > "$DATA_DIR/dev-recipient.txt"
  echo "Made a development key pair: $DATA_DIR/dev-identity.txt (private), $DATA_DIR/dev-recipient.txt (public)."
fi

origins=${LANTERN_ALLOW_ORIGIN:-}
demo_note="  demo:     none (DEMO_PORT=0)"
if [ "$DEMO_PORT" != 0 ]; then
  if command -v python3 >/dev/null; then
    demo_origin=http://localhost:$DEMO_PORT
    origins=$demo_origin${origins:+,$origins}
    # The pages name make run's address for the widget; point them at $LISTEN.
    demo=$(mktemp -d "${TMPDIR:-/tmp}/lantern-demo.XXXXXX")
    for page in public/demo/*; do
      sed "s#http://127\.0\.0\.1:8080#http://$LISTEN#g" "$page" > "$demo/$(basename "$page")"
    done
    python3 -m http.server "$DEMO_PORT" --bind 127.0.0.1 --directory "$demo" >/dev/null 2>&1 &
    demo_pid=$!
    stop_demo() { kill "$demo_pid" 2>/dev/null || true; rm -rf "$demo"; }
    trap stop_demo EXIT
    trap 'exit 130' INT TERM
    demo_note="  demo:     $demo_origin/city-en.html (a partner page on another origin; docs/embedding.md)"
  else
    demo_note="  demo:     not served (no python3); see docs/embedding.md"
  fi
fi

cat <<MSG

  Lantern is starting on http://$LISTEN/
    widget:   http://$LISTEN/
    API:      http://$LISTEN/v1/tips   (contract: http://$LISTEN/v1/openapi.json)
  $demo_note
    tips:     $DATA_DIR/lantern.db (SQLite), each sealed to $DATA_DIR/dev-recipient.txt
    read them: $bin export --database sqlite://$DATA_DIR/lantern.db --identity $DATA_DIR/dev-identity.txt
    console:  $CONSOLE_ORIGIN/console/   (add yourself first:
              $bin analyst add NAME --database sqlite://$DATA_DIR/lantern.db --console-origin $CONSOLE_ORIGIN
              then open the link it prints, and open $DATA_DIR/dev-identity.txt in the console)
  Stop with Ctrl-C.

MSG
args=(serve --listen "$LISTEN" --database "sqlite://$DATA_DIR/lantern.db"
  --recipient "$(cat "$DATA_DIR/dev-recipient.txt")" --widget-dir "$WIDGET_DIR"
  --console-dir "$CONSOLE_DIR" --console-origin "$CONSOLE_ORIGIN")
[ -n "$origins" ] && args+=(--allow-origin "$origins")
# Not exec: the demo server is stopped (trap) when the service stops.
"$bin" "${args[@]}"
