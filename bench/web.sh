#!/usr/bin/env bash
# web.sh - issue 5: `wrk` on GET /api/v1/tasks?limit=50 (logged in) against a database of 100,000 tasks,
# beside nginx serving a static file of the same size from the same machine (the ceiling).
# usage: bench/web.sh PATH/TO/dondoc   (rows on stdout, progress on stderr; see bench/README.md)
# One run each (wrk, BENCH_WEB_SECONDS long, BENCH_WEB_CONNECTIONS connections, 2 threads), back to
# back; the row also reports errors (non-2xx, socket errors) and the server's RSS at the end.
# The database is built by importing generated documents until it holds BENCH_WEB_TASKS tasks; it is
# cached in the bench folder, keyed by the dondoc version, the generator's output and the seed.
set -u
export LC_ALL=C.UTF-8
DONDOC=${1:-${DONDOC:-}}
[ -n "$DONDOC" ] && [ -x "$DONDOC" ] || { echo "usage: bench/web.sh PATH/TO/dondoc" >&2; exit 2; }
dir=${DONDOC_BENCH_TMP:-${TMPDIR:-/tmp}/dondoc-bench}
ntasks=${BENCH_WEB_TASKS:-100000}
secs=${BENCH_WEB_SECONDS:-10}
conns=${BENCH_WEB_CONNECTIONS:-64}
threads=${BENCH_WEB_THREADS:-2}
seed=${BENCH_SEED:-1}
target_rps=20000
mkdir -p "$dir" || exit 1

row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
say() { echo "web: $*" >&2; }
human() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }
name="GET /api/v1/tasks?limit=50, $(human "$ntasks") tasks"
target="≥ $(human $target_rps) req/s, 0 errors"
na() { row "$name" "n/a: $1" "nginx static file" "-" "$target" "n/a"; exit 0; }
fail() { row "$name" "FAIL: $1" "nginx static file" "-" "$target" "FAIL"; exit 1; }

"$DONDOC" help serve >/dev/null 2>&1 || na "dondoc serve not available yet"
command -v wrk >/dev/null || na "wrk not installed (scripts/install-deps bench)"
command -v curl >/dev/null || na "curl not installed"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || na "nginx not installed (scripts/install-deps bench)"

# ---- the database: generated documents imported until it holds ntasks tasks ----
key=$("$DONDOC" gen-corpus --count 3 --seed "$seed" | md5sum | cut -c1-12)
version=$("$DONDOC" --version | tr -dc '0-9.')
db="$dir/web-$version-$key-$seed-$ntasks.db"
count_tasks() { sqlite3 "$1" 'SELECT count(*) FROM tasks' 2>/dev/null || echo 0; }
if [ ! -f "$db.complete" ]; then
  command -v sqlite3 >/dev/null || na "sqlite3 not installed (needed to count the tasks)"
  say "building a database of $ntasks tasks (cached for later runs)"
  rm -f "$db" "$db"-*
  b=0
  while [ "$(count_tasks "$db")" -lt "$ntasks" ]; do
    b=$((b + 1))
    [ $b -le 40 ] || fail "the imports stopped short of $ntasks tasks"
    docs="$dir/web-docs-$seed-$b"
    rm -rf "$docs"
    "$DONDOC" gen-corpus --count 2000 --seed $((seed * 1000 + b)) --out "$docs" >/dev/null || fail "gen-corpus failed"
    "$DONDOC" --db "$db" --quiet import "$docs" >/dev/null 2>"$dir/web-import.err" ||
      fail "import failed: $(head -1 "$dir/web-import.err" | cut -c1-60)"
    rm -rf "$docs"
    say "batch $b: $(count_tasks "$db") tasks"
  done
  echo "bench-web-pass-1" | "$DONDOC" --db "$db" user add bench --role office >/dev/null 2>&1 ||
    fail "cannot create the bench account"
  touch "$db.complete"
fi
have=$(count_tasks "$db")
name="GET /api/v1/tasks?limit=50, $(human "$have") tasks"

# ---- dondoc serve ----
work=$(mktemp -d)
chmod 755 "$work" # nginx workers may run as another user
server= ngx=
cleanup() {
  [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null
  [ -n "$ngx" ] && kill -QUIT "$ngx" 2>/dev/null && wait "$ngx" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
"$DONDOC" --db "$db" serve --listen 127.0.0.1:0 --ready-file "$work/ready" --access-log off \
  --threads 2 --max-connections 1024 2>"$work/server.err" >/dev/null &
server=$!
for _ in $(seq 1 200); do [ -s "$work/ready" ] && break; sleep 0.05; done
[ -s "$work/ready" ] || fail "server did not start: $(head -1 "$work/server.err")"
url=$(cat "$work/ready")
curl -s -c "$work/jar" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-web-pass-1"}' "${url}api/v1/session" >/dev/null
cookie=$(awk '$6 == "dd_session" { print $7 }' "$work/jar")
[ -n "$cookie" ] || fail "cannot log in"
path="api/v1/tasks?limit=50"
curl -s -H "Cookie: dd_session=$cookie" -o "$work/body.json" -w '%{http_code}' "$url$path" >"$work/code"
[ "$(cat "$work/code")" = 200 ] || fail "GET /$path answered $(cat "$work/code")"
size=$(stat -c %s "$work/body.json")
items=$(grep -o '"doc_id"' "$work/body.json" | wc -l)
[ "$items" -eq 50 ] || fail "the response holds $items tasks, not 50"

# wrk: requests/s and errors from its summary
runwrk() { # URL [header] -> "RPS ERRORS"
  local out
  if [ -n "${2:-}" ]; then out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" -H "$2" "$1" 2>&1)
  else out=$(wrk -t"$threads" -c"$conns" -d"${secs}s" "$1" 2>&1); fi
  echo "$out" >&2
  awk '/Requests\/sec/ { rps = $2 }
       /Non-2xx or 3xx responses/ { err += $NF }
       /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
       END { printf "%.0f %d\n", rps, err }' <<<"$out"
}
say "wrk on dondoc: $have tasks, response $size bytes"
read -r rps errs < <(runwrk "$url$path" "Cookie: dd_session=$cookie")
rss=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status")
kill -TERM "$server"; wait "$server"; src=$?; server=

# ---- nginx: a static file of the same size ----
mkdir -p "$work/www" "$work/ngx"
cp "$work/body.json" "$work/www/tasks.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 18089)
cat >"$work/ngx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 2;
pid $work/ngx/nginx.pid;
error_log $work/ngx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=16 inactive=60s;
  keepalive_requests 1000000;
  client_body_temp_path $work/ngx;
  proxy_temp_path $work/ngx;
  fastcgi_temp_path $work/ngx;
  uwsgi_temp_path $work/ngx;
  scgi_temp_path $work/ngx;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    default_type application/json;
  }
}
EOF
"$nginx" -c "$work/ngx/nginx.conf" -p "$work/ngx" 2>"$work/ngx/start.err" &
ngx=$!
for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/tasks.json" && break; sleep 0.05; done
curl -s -o /dev/null "http://127.0.0.1:$port/tasks.json" ||
  { row "$name" "$(human "$rps") req/s, $errs errors" "FAIL: nginx did not start: $(head -1 "$work/ngx/start.err" "$work/ngx/error.log" 2>/dev/null | grep -v '^==' | head -1 | cut -c1-80)" "-" "$target" "FAIL"; exit 1; }
say "wrk on nginx: static file of $size bytes"
read -r nrps nerrs < <(runwrk "http://127.0.0.1:$port/tasks.json")

ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
result=pass
[ "$rps" -ge $target_rps ] && [ "$errs" -eq 0 ] && [ $src -eq 0 ] || result=FAIL
row "$name" "$(human "$rps") req/s, $errs errors, RSS ${rss} MB (peak ${hwm} MB)" \
  "nginx static ${size} B: $(human "$nrps") req/s, $nerrs errors" "${ratio}x" "$target" "$result"
[ "$result" = pass ]
