#!/usr/bin/env bash
# The web UI in headless chromium: office imports and assigns, a unit reports, the office confirms.
# Needs chromium, node and npm (scripts/install-deps test); playwright-core comes from npm ci.
set -u
skip() { echo "skipped: $*"; exit 77; }
[ -x /usr/bin/chromium ] || skip "/usr/bin/chromium is not installed (scripts/install-deps test)"
command -v node >/dev/null || skip "node is not installed"
command -v npm >/dev/null || skip "npm is not installed"
dir="$DONDOC_SRC/tests/browser"
if [ ! -d "$dir/node_modules/playwright-core" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
    skip "npm ci of playwright-core failed (no access to the npm registry?)"
fi

tmp=$(mktemp -d)
shots="${DONDOC_BUILD:-$tmp}/screenshots"
mkdir -p "$shots"
rm -f "$shots"/*.png
db="$tmp/b.db"
server=
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

echo admin-pass-1 | "$DONDOC" --db "$db" user add admin1 --role admin >/dev/null || exit 1
echo office-pass-1 | "$DONDOC" --db "$db" user add office1 --role office --display-name "Nguyễn Thị Văn Phòng" >/dev/null || exit 1
echo unit-pass-1 | "$DONDOC" --db "$db" user add unit1 --role unit --unit "Sở Tài chính" >/dev/null || exit 1

"$DONDOC" --db "$db" --today 2021-03-20 serve --listen 127.0.0.1:0 --ready-file "$tmp/ready" \
  --access-log "$tmp/access.log" 2>"$tmp/server.err" &
server=$!
for _ in $(seq 1 200); do [ -s "$tmp/ready" ] && break; sleep 0.05; done
[ -s "$tmp/ready" ] || { echo "FAIL: server did not start"; cat "$tmp/server.err"; exit 1; }
url=$(cat "$tmp/ready")

# a scanned page too, when the Vietnamese OCR data is installed
scan=
if ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || [ -n "${TESSDATA_PREFIX:-}" ]; then
  scan="$DONDOC_SRC/tests/data/ocr/08-scan-weak.png" # the number faded: scripts/make-weak-scan
else
  echo "note: no Vietnamese OCR data, the scanned-upload checks are left out"
fi
timeout 480 node "$dir/flow.js" "$url" "$DONDOC_SRC/examples/01-tb-thanh-uy.txt" "$shots" $scan
rc=$?
kill -TERM "$server"
wait "$server"
src=$?
server=
[ $src -eq 0 ] || { echo "FAIL: server exit status $src after SIGTERM"; cat "$tmp/server.err"; rc=1; }
grep -q "stopped" "$tmp/server.err" || { echo "FAIL: no clean stop message"; rc=1; }
if grep -Eq "Sanitizer|runtime error" "$tmp/server.err"; then echo "FAIL: sanitizer report from the server"; rc=1; fi
[ $rc -eq 0 ] || tail -20 "$tmp/server.err"
echo "screenshots in $shots"
exit $rc
