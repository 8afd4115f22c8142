#!/usr/bin/env bash
# dondoc extract on the sample documents of examples/: each output must match its expected JSON
# in tests/data/expected/NAME.json field by field (source.path aside)
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
: "${DONDOC_SRC:?set DONDOC_SRC to the source tree}"
if ! command -v python3 >/dev/null 2>&1; then
  echo "skipped: python3 is needed to compare JSON"; exit 77
fi
exp="$DONDOC_SRC/tests/data/expected"
ex="$DONDOC_SRC/examples"
tmp=$(mktemp -d /tmp/dondoc-extract-ex.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
for want in "$exp"/*.json; do
  name=$(basename "$want" .json)
  doc=$(ls "$ex/$name".* 2>/dev/null | head -n 1)
  if [ -z "$doc" ]; then echo "FAIL: $name: no document examples/$name.*"; fail=1; continue; fi
  if ! "$DONDOC" extract --json "$doc" >"$tmp/out.json" 2>"$tmp/err"; then
    echo "FAIL: $name: exit $?: $(head -c 300 "$tmp/err")"; fail=1; continue
  fi
  n=$((n + 1))
  python3 - "$want" "$tmp/out.json" "$name" <<'PY' || fail=1
import json, sys
want = json.load(open(sys.argv[1], encoding="utf-8"))
have = json.load(open(sys.argv[2], encoding="utf-8"))
name = sys.argv[3]
diffs = []
def walk(w, h, path):
    if path == "source.path":
        return
    if isinstance(w, dict):
        if not isinstance(h, dict):
            diffs.append(f"{path}: want an object, have {h!r}"); return
        for k in w:
            if k not in h:
                diffs.append(f"{path}.{k}: missing"); continue
            walk(w[k], h[k], f"{path}.{k}" if path else k)
        for k in h:
            if k not in w:
                diffs.append(f"{path}.{k}: unexpected key")
    elif isinstance(w, list):
        if not isinstance(h, list) or len(w) != len(h):
            diffs.append(f"{path}: want {len(w)} items, have {len(h) if isinstance(h, list) else h!r}")
            return
        for i, (a, b) in enumerate(zip(w, h)):
            walk(a, b, f"{path}[{i}]")
    elif w != h:
        diffs.append(f"{path}: want {w!r}, have {h!r}")
walk(want, have, "")
for d in diffs[:15]:
    print(f"FAIL: {name}: {d}")
if diffs:
    sys.exit(1)
print(f"ok: {name}")
PY
done
if [ "$n" -lt 12 ]; then echo "FAIL: only $n sample documents checked (want at least 12)"; fail=1; fi
exit $fail
