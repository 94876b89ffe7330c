#!/usr/bin/env bash
# The widget's byte budget: what a first visit downloads, per asset and in
# total, raw / gzip / brotli, from an already built dist/ (scripts/build-widget.sh).
# Fails (exit 1) when the brotli total exceeds 60 KB (61,440 bytes); the aim
# is 45 KB (46,080 bytes). Bytes are deterministic, so `make test` checks them.
#
#   scripts/check-budget.sh [DIST]        (default: dist)
#
# A first visit downloads index.html, every file it links (style sheet, boot
# module, icons), every module those import, and the .wasm the glue loads.
# The list is followed from the files themselves, not assumed.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-${DIST:-dist}}
budget=61440
aim=46080

[ -f "$dist/index.html" ] || { echo "check-budget: no $dist/index.html (run scripts/build-widget.sh first)" >&2; exit 2; }

# Local names referenced as "./x", 'x', href="x", src="x", module_or_path: './x'.
refs() {
  grep -oE "(href|src)=\"[^\"]+\"|['\"]\./[^'\"]+['\"]|['\"][A-Za-z0-9._-]+\.(js|css|wasm|svg|png|ico|json|woff2)['\"]" "$1" \
    | sed -E 's/^(href|src)=//; s/^["'"'"']//; s/["'"'"']$//; s#^\./##' \
    | grep -vE '^(https?:|data:|mailto:|tel:|sms:|#|//)' | sed 's/[?#].*//' || true
}

declare -A seen=()
queue=(index.html)
assets=()
while [ ${#queue[@]} -gt 0 ]; do
  f=${queue[0]}; queue=("${queue[@]:1}")
  [ -n "${seen[$f]:-}" ] && continue
  seen[$f]=1
  [ -f "$dist/$f" ] || continue
  assets+=("$f")
  case "$f" in
    *.html|*.js|*.css) while read -r r; do [ -n "$r" ] && queue+=("$r"); done < <(refs "$dist/$f") ;;
  esac
done

# Sizes come from the .gz/.br files the build wrote (what the server sends);
# an asset without one is compressed here the same way.
size_of() { stat -c %s "$1"; }
gz_of() { if [ -f "$1.gz" ]; then size_of "$1.gz"; else gzip -9 -c "$1" | wc -c; fi; }
br_of() { if [ -f "$1.br" ]; then size_of "$1.br"; else brotli -q 11 -c "$1" | wc -c; fi; }

printf '%-44s %10s %10s %10s\n' "asset (first visit)" raw gzip brotli
tr=0; tg=0; tb=0
for a in "${assets[@]}"; do
  r=$(size_of "$dist/$a"); g=$(gz_of "$dist/$a"); b=$(br_of "$dist/$a")
  tr=$((tr + r)); tg=$((tg + g)); tb=$((tb + b))
  printf '%-44s %10d %10d %10d\n' "$a" "$r" "$g" "$b"
done
printf '%-44s %10d %10d %10d\n' "total" "$tr" "$tg" "$tb"

margin=$((budget - tb))
aim_margin=$((aim - tb))
printf 'brotli total %d bytes (%.1f KB): budget 61,440 (60 KB), margin %d bytes; aim 46,080 (45 KB), %s %d bytes\n' \
  "$tb" "$(awk -v b="$tb" 'BEGIN{print b/1024}')" "$margin" "$([ $aim_margin -ge 0 ] && echo under by || echo over by)" "${aim_margin#-}"
if [ "$tb" -gt "$budget" ]; then
  echo "check-budget: OVER BUDGET by $((tb - budget)) bytes brotli (see docs/benchmarks.md for what costs bytes)" >&2
  exit 1
fi
echo "check-budget: within budget"
