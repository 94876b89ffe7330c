#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests on a free loopback port, in a
# temporary directory, and prints its URL. `scripts/pg.sh stop DIR` stops it.
#
# The Debian service is never touched. initdb refuses to run as root, so as
# root the server runs as the `postgres` user (created by Debian's package).
set -euo pipefail
cmd=${1:-start}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "pg.sh: PostgreSQL is not installed (scripts/toolchain.sh test installs it)" >&2; exit 1; }
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    dir=$(mktemp -d /tmp/lantern-pg.XXXXXX)
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_pg "$bindir/initdb" -D "$dir/data" -A trust -U lantern -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U lantern lantern
    echo "$dir" > "$dir/.dir"
    printf 'LANTERN_PG_DIR=%s\nLANTERN_TEST_PG=postgres://lantern@127.0.0.1:%s/lantern\n' "$dir" "$port"
    ;;
  stop)
    dir=${2:?usage: pg.sh stop DIR}
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
