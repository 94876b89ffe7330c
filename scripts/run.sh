#!/usr/bin/env bash
# `make run`: builds the release widget and the intake service, makes a
# development key pair on first start, and serves everything on $LISTEN.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
LISTEN=${LISTEN:-127.0.0.1:8080}

scripts/toolchain.sh build
scripts/build-widget.sh
cargo build --profile server -p lantern-intake --quiet
bin=target/server/lantern-intake

mkdir -p data
chmod 700 data
if [ ! -f data/dev-identity.txt ]; then
  # A development key only: in production the hotline keeps the identity
  # (private key) offline and gives the service just the recipient.
  "$bin" keygen --output data/dev-identity.txt > data/dev-recipient.txt
  echo "Made a development key pair: data/dev-identity.txt (private), data/dev-recipient.txt (public)."
fi

cat <<MSG

  Lantern is starting on http://$LISTEN/
    widget:   http://$LISTEN/
    API:      http://$LISTEN/v1/tips   (contract: http://$LISTEN/v1/openapi.json)
    tips:     data/lantern.db (SQLite), each sealed to data/dev-recipient.txt
    read them: $bin export --database sqlite://data/lantern.db --identity data/dev-identity.txt
  Stop with Ctrl-C.

MSG
exec "$bin" serve --listen "$LISTEN" --database "sqlite://data/lantern.db" \
  --recipient "$(cat data/dev-recipient.txt)" --widget-dir dist
