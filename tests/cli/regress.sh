#!/usr/bin/env bash
# Inputs that once crashed a reader or the extractor (found by the fuzzers): each must now give
# JSON or a clean error (exit 65/66), never a crash; the sanitizer pass of `make test` runs this
# under ASan+UBSan, which is where an overflow would show.
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
: "${DONDOC_SRC:?set DONDOC_SRC to the source tree}"
fail=0
n=0
for f in "$DONDOC_SRC"/tests/data/regress/*.txt; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  "$DONDOC" extract --json "$f" >/dev/null 2>/tmp/regress.err.$$
  rc=$?
  case $rc in
    0|65|66) echo "ok: $(basename "$f") (exit $rc)" ;;
    *) echo "FAIL: $(basename "$f"): exit $rc"; head -c 2000 /tmp/regress.err.$$; fail=1 ;;
  esac
done
rm -f /tmp/regress.err.$$
[ "$n" -gt 0 ] || { echo "FAIL: no regression inputs found"; exit 1; }
exit $fail
