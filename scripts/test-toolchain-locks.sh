#!/usr/bin/env bash
# Checks that scripts/toolchain.sh waits for another package install instead
# of failing: it holds apt's two locks (the dpkg frontend lock, then the
# package lists' lock) for a few seconds, as a running apt-get would, and runs
# toolchain.sh's own apt-get calls meanwhile. Needs root and apt; runs a real
# `apt-get update`. Not part of `make test` (it holds the machine's apt locks).
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 2; }
. scripts/toolchain.sh

hold_for=5
# apt takes its locks with fcntl(F_SETLK); Python's lockf is the same lock.
hold() {
  python3 -c 'import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.lockf(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(float(sys.argv[2]))' "$1" "$hold_for" &
  holder=$!
  # Wait until the lock is really held.
  sleep 1
}

failed=0
check() { # name, command...
  local name=$1 started=$SECONDS
  shift
  if "$@" >/dev/null 2>&1 && [ $((SECONDS - started)) -ge $((hold_for - 2)) ]; then
    echo "ok: $name (waited $((SECONDS - started)) s for the lock)"
  else
    echo "FAILED: $name (after $((SECONDS - started)) s)"
    failed=1
  fi
  wait "$holder" 2>/dev/null || true
}

hold /var/lib/dpkg/lock-frontend
check "apt-get install waits for the dpkg lock" apt_get install -y -qq coreutils
hold /var/lib/apt/lists/lock
check "apt-get update waits for the package lists' lock" apt_update
exit $failed
