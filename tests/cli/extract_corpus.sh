#!/usr/bin/env bash
# dondoc extract scored on the real-document corpus (../shared/corpus): fails below 95% of checks
# and when any check on the seed document is wrong; skipped when the corpus is not there
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
: "${DONDOC_SRC:?set DONDOC_SRC to the source tree}"
shared="$DONDOC_SRC/../shared"
if [ ! -d "$shared/corpus/docs" ] || [ ! -x "$shared/tools/score-extraction" ]; then
  echo "skipped: ../shared/corpus not present"; exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "skipped: python3 is needed by score-extraction"; exit 77
fi
out=$("$shared/tools/score-extraction" --dondoc "$DONDOC" --corpus "$shared/corpus" --min 95 -v 2>&1)
rc=$?
echo "$out"
if [ $rc -ne 0 ]; then echo "FAIL: corpus score below 95%"; exit 1; fi
seed=000_5f7430f3bc3f699a
if echo "$out" | grep -q "^  $seed:"; then echo "FAIL: a check on the seed document is wrong"; exit 1; fi
echo "ok: corpus score at least 95%, seed document all right"
