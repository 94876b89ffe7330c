#!/usr/bin/env bash
# Checks the sample nginx configuration in docs/operations.md against the real
# service: takes the ```nginx block out of the document as it is, changes only
# the certificate (a self-signed one), the ports and the upstream's port, runs
# nginx and `lantern-intake serve` with the flags the document gives, and
# checks what the document promises: HTTPS with HSTS, HTTP redirected, /metrics
# refused, tips stored, and one rate-limit bucket per client address (not one
# for the proxy). Needs nginx (Debian's nginx-core), openssl and curl, and a
# built target/debug/lantern-intake and dist/. Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for tool in nginx openssl curl python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
bin=${LANTERN_INTAKE_BIN:-$root/target/debug/lantern-intake}
[ -x "$bin" ] || { echo "build it first: cargo build -p lantern-intake" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_port=$(free_port)
https_port=$(free_port)
intake_port=$(free_port)
metrics_port=$(free_port)

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=tips.example.org \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

python3 - "$root/docs/operations.md" "$work" "$http_port" "$https_port" "$intake_port" <<'EOF'
import re, sys
doc, work, http_port, https_port, intake_port = sys.argv[1:]
sample = re.search(r"```nginx\n(.*?)```", open(doc).read(), re.S).group(1)
changes = [
    ("/etc/letsencrypt/live/tips.example.org/fullchain.pem", f"{work}/cert.pem"),
    ("/etc/letsencrypt/live/tips.example.org/privkey.pem", f"{work}/key.pem"),
    ("/var/log/nginx/lantern-error.log", f"{work}/error.log"),
    ("server 127.0.0.1:8080;", f"server 127.0.0.1:{intake_port};"),
    ("listen 80;", f"listen 127.0.0.1:{http_port};"),
    ("listen [::]:80;", ""),
    ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
    ("listen [::]:443 ssl http2;", ""),
]
for old, new in changes:
    assert old in sample, f"the sample no longer has {old!r}"
    sample = sample.replace(old, new)
with open(f"{work}/nginx.conf", "w") as out:
    out.write(f"""daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
{sample}
}}
""")
EOF

nginx -t -q -c "$work/nginx.conf" -p "$work"
nginx -c "$work/nginx.conf" -p "$work" &
pids+=($!)

key=$("$bin" keygen --output "$work/identity.txt")
# The flags the document gives, on this run's ports, with a burst of 1 so
# that a shared bucket shows at the second tip.
"$bin" serve --listen "127.0.0.1:$intake_port" --database "sqlite://$work/lantern.db" \
  --recipient "$key" --widget-dir "$root/dist" \
  --client-ip-header X-Forwarded-For --trusted-proxy 127.0.0.1 \
  --metrics-listen "127.0.0.1:$metrics_port" \
  --rate-limit-burst 1 --rate-limit-per-minute 1 2>"$work/intake.log" &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$intake_port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

failed=0
check() { # name, expected, actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAILED: $1 (expected $2, got $3)"; failed=1; fi
}
https=(curl -sk --resolve "tips.example.org:$https_port:127.0.0.1")
site="https://tips.example.org:$https_port"

check "the widget over HTTPS" 200 "$("${https[@]}" -o /dev/null -w '%{http_code}' "$site/")"
hsts=$("${https[@]}" -D - -o /dev/null "$site/" | tr -d '\r' | awk -F': ' 'tolower($1)=="strict-transport-security"{print $2}')
check "HSTS" "max-age=63072000; includeSubDomains" "$hsts"
check "HTTP redirects to HTTPS" 301 "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: tips.example.org' "http://127.0.0.1:$http_port/")"
check "/metrics is refused at the proxy" 404 "$("${https[@]}" -o /dev/null -w '%{http_code}' "$site/metrics")"
check "/metrics on its own listener" 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$metrics_port/metrics")"

tip() { # source address
  "${https[@]}" --interface "$1" -o /dev/null -w '%{http_code}' -X POST "$site/v1/tips" \
    -H 'content-type: application/json' -H "idempotency-key: $(openssl rand -hex 16)" \
    -H 'x-forwarded-for: 203.0.113.9' \
    --data '{"version": 1, "narrative": "Checking the sample proxy configuration."}'
}
check "a tip from one address" 201 "$(tip 127.0.0.2)"
check "its second tip waits" 429 "$(tip 127.0.0.2)"
check "another address has its own bucket" 201 "$(tip 127.0.0.3)"
check "nginx wrote no access log" 0 "$(find "$work" -name 'access.log' | wc -l)"
exit $failed
