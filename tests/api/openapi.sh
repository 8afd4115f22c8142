#!/usr/bin/env bash
# docs/openapi.yaml describes every route of the table in src/web/router.c, and no others.
set -u
spec="$DONDOC_SRC/docs/openapi.yaml"
routes="$DONDOC_SRC/src/web/router.c"
fail=0
n=0
while read -r method path; do
  n=$((n + 1))
  p=${path#/api/v1}
  # the path block, up to the next path, must hold the method
  if ! awk -v p="  $p:" -v m="    $(echo "$method" | tr A-Z a-z):" '
      $0 == p { inside = 1; next }
      inside && /^  \// { inside = 0 }
      inside && $0 == m { found = 1 }
      END { exit !found }' "$spec"; then
    echo "FAIL: $method $path is not in docs/openapi.yaml"; fail=1
  fi
done < <(grep -oE '^\s*\{"(GET|POST|DELETE|PUT|PATCH)", "/api/v1[^"]*"' "$routes" | sed -E 's/^\s*\{"//; s/", "/ /; s/"$//')
[ "$n" -ge 20 ] || { echo "FAIL: found only $n routes in router.c"; fail=1; }
for p in $(grep -E '^  /' "$spec" | tr -d ' :'); do
  grep -q "\"/api/v1$p\"" "$routes" || { echo "FAIL: $p documented but not routed"; fail=1; }
done
[ $fail -eq 0 ] && echo "openapi: all $n routes documented"
exit $fail
