#!/usr/bin/env bash
# scripts/run-demo (make run): seeds the database once, prints a first admin password once, serves.
set -u
command -v curl >/dev/null || { echo "skipped: curl not installed"; exit 77; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail=0
db="$tmp/run/demo.db"

start() { # start run-demo, wait for the server's URL; sets pid and url
  "$DONDOC_SRC/scripts/run-demo" "$DONDOC" "$db" 127.0.0.1:0 >"$tmp/out$1" 2>"$tmp/err$1" &
  pid=$!
  url=
  for _ in $(seq 1 1200); do
    url=$(sed -n 's/^dondoc: serving \(http[^ ]*\)$/\1/p' "$tmp/out$1")
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "FAIL: run-demo did not start the server"; cat "$tmp/out$1" "$tmp/err$1"; exit 1; }
}
stop() { kill -TERM "$pid"; wait "$pid"; local rc=$?; pid=; [ $rc -eq 0 ] || { echo "FAIL: server exit $rc"; fail=1; }; }

start 1
pw=$(sed -n 's/^ *mật khẩu \/ password: *//p' "$tmp/out1")
[ -n "$pw" ] && echo "ok: first run prints an admin password" || { echo "FAIL: no password printed"; fail=1; }
grep -q "user passwd admin" "$tmp/out1" && echo "ok: and says how to reset it" || { echo "FAIL: no reset hint"; fail=1; }
grep -q "imported [1-9][0-9]* documents" "$tmp/out1" && echo "ok: sample documents imported" || { echo "FAIL: nothing imported"; cat "$tmp/out1"; fail=1; }
code=$(curl -s -o "$tmp/login" -w '%{http_code}' -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$pw\"}" "${url}api/v1/session")
[ "$code" = 200 ] && echo "ok: the printed password logs in" || { echo "FAIL: login with the printed password: $code"; fail=1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$code" = 200 ] && echo "ok: the UI is served" || { echo "FAIL: GET / -> $code"; fail=1; }
stop
if command -v sqlite3 >/dev/null; then
  h=$(sqlite3 "$db" "SELECT password_hash FROM users WHERE username = 'admin'")
  case "$h" in
    '$argon2id$'*) echo "ok: only an argon2id hash is stored" ;;
    *) echo "FAIL: stored password is not an argon2id hash"; fail=1 ;;
  esac
  [ "${h#*$pw}" = "$h" ] || { echo "FAIL: password stored in clear"; fail=1; }
fi

start 2
if grep -q "password:" "$tmp/out2"; then echo "FAIL: second run printed a password again"; fail=1; else echo "ok: the password is printed only once"; fi
grep -q "creating" "$tmp/out2" && { echo "FAIL: second run re-created the database"; fail=1; } || echo "ok: the database is reused"
stop
[ $fail -eq 0 ] && echo "run_demo: all passed"
exit $fail
