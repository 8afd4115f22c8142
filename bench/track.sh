#!/usr/bin/env bash
# track.sh - issue 4: import throughput, search latency and `tasks --overdue` on a 1,000,000-task database.
# usage: bench/track.sh PATH/TO/dondoc   (rows on stdout, progress on stderr; see bench/README.md)
# Row 1: `dondoc --db NEW import DIR` of 10,000 generated notices, one run; the reference is the sqlite3
#        shell inserting the same files' raw text into an FTS5 table (a floor: no parsing at all).
# Row 2: `dondoc search Q`, one process per query, ~200 queries, on a database of 1,000,000 tasks built
#        by importing generated documents; side by side with `rg -i -F -c Q` over the same documents
#        as text files. Median and 99th percentile of the wall time per query.
# Row 3: `dondoc tasks --overdue` on that database, one run.
# The big database takes minutes to build; it is cached in the bench folder, keyed by the dondoc
# version, the generator's output and the seed, and reused by later runs.
set -u
export LC_ALL=C.UTF-8
DONDOC=${1:-${DONDOC:-}}
[ -n "$DONDOC" ] && [ -x "$DONDOC" ] || { echo "usage: bench/track.sh PATH/TO/dondoc" >&2; exit 2; }
dir=${DONDOC_BENCH_TMP:-${TMPDIR:-/tmp}/dondoc-bench}
nimport=${BENCH_IMPORT_DOCS:-10000}
ntasks=${BENCH_TASKS:-1000000}
nqueries=${BENCH_QUERIES:-200}
batch=${BENCH_BATCH_DOCS:-10000}
today=${BENCH_TODAY:-2020-01-01}
budget=${BENCH_BUILD_SECONDS:-480}
# under run-all, also stop building in time for the whole run to end by DONDOC_BENCH_END (epoch s),
# keeping about 2 minutes for the measurements
if [ -n "${DONDOC_BENCH_END:-}" ]; then
  left=$(( DONDOC_BENCH_END - ${EPOCHSECONDS:-$(date +%s)} - 120 ))
  [ "$left" -lt 60 ] && left=60
  [ "$left" -lt "$budget" ] && budget=$left
fi
seed=${BENCH_SEED:-1}
mkdir -p "$dir" || exit 1

row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
say() { echo "track: $*" >&2; }
timeit() { local t0=$EPOCHREALTIME rc; "$@"; rc=$?; T=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'); return $rc; }
# the command exists when `dondoc help NAME` knows it
have() { "$DONDOC" help "$1" >/dev/null 2>&1; }
# a result on a database still being built: a failure, that also says how the timing went
partial() { local r=${1#FAIL (}; r=${r%)}; [ "$1" = pass ] && r="timing within target"; echo "FAIL ($incomplete; $r)"; }
firstline() { head -n 1 "$1" | cut -c1-60; }
human() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }
have_sqlite=0
command -v sqlite3 >/dev/null && have_sqlite=1

key=$("$DONDOC" gen-corpus --count 3 --seed "$seed" | md5sum | cut -c1-12)
version=$("$DONDOC" --version | tr -dc '0-9.')

# ---- import throughput ----
name="import $(human "$nimport") notices (fresh db)"
target="≥ 2000 docs/s"
corpus="$dir/import-$key-$seed-$nimport"
if [ ! -f "$corpus.complete" ]; then
  say "making $nimport documents"
  rm -rf "$corpus"
  "$DONDOC" gen-corpus --count "$nimport" --seed "$seed" --out "$corpus" || { say "gen-corpus failed"; exit 1; }
  touch "$corpus.complete"
fi
ref="-"
if [ $have_sqlite -eq 1 ]; then
  rm -f "$dir/fts-ref.db"
  cat "$corpus"/* >/dev/null
  timeit sqlite3 "$dir/fts-ref.db" "CREATE VIRTUAL TABLE t USING fts5(name, body);
    INSERT INTO t SELECT name, data FROM fsdir('$corpus') WHERE name LIKE '%.txt';"
  tr_=$T
  ref="sqlite3 FTS5 insert of raw text $tr_ s ($(awk -v n="$nimport" -v t="$tr_" 'BEGIN { printf "%.0f", n / t }') docs/s)"
  rm -f "$dir/fts-ref.db"
fi
if ! have import; then
  row "$name" "n/a: dondoc import not available yet" "$ref" "-" "$target" "n/a"
else
  db="$dir/import-bench.db"
  rm -f "$db" "$db-wal" "$db-shm"
  say "dondoc import of $nimport files"
  timeit "$DONDOC" --db "$db" --quiet import "$corpus" >"$dir/import.out" 2>"$dir/import.err"
  rc=$? td=$T
  rate=$(awk -v n="$nimport" -v t="$td" 'BEGIN { printf "%.0f", n / t }')
  result=pass
  ndb=""
  [ $have_sqlite -eq 1 ] && ndb=$(sqlite3 "$db" "SELECT count(*) FROM documents" 2>/dev/null)
  if [ $rc -ne 0 ]; then result="FAIL (exit $rc: $(firstline "$dir/import.err"))"
  elif [ -n "$ndb" ] && [ "$ndb" -ne "$nimport" ]; then result="FAIL ($ndb documents stored)"
  elif [ "$rate" -lt 2000 ]; then result="FAIL (slower than target)"
  fi
  ratio="-"
  [ $have_sqlite -eq 1 ] && ratio=$(awk -v a="$tr_" -v b="$td" 'BEGIN { printf "%.2fx", a / b }')
  row "$name" "$td s ($rate docs/s)" "$ref" "$ratio" "$target" "$result"
  rm -f "$db" "$db-wal" "$db-shm"
fi

# ---- the 1,000,000-task database ----
big="$dir/track-$version-$key-$seed-$ntasks.db"
text="$dir/track-$version-$key-$seed-$ntasks.text"
sname="search, $nqueries queries, $(human "$ntasks") tasks"
oname="tasks --overdue, $(human "$ntasks") tasks"
if ! have import; then
  row "$sname" "n/a: dondoc import not available yet" "rg -i" "-" "p99 ≤ 20 ms" "n/a"
  row "$oname" "n/a: dondoc import not available yet" "-" "-" "≤ 200 ms" "n/a"
  exit 0
fi
# tasks in the database: the tasks table when sqlite3 can read it, else the import summaries
count_tasks() {
  local n=""
  [ -s "$big" ] || { echo 0; return; }
  [ $have_sqlite -eq 1 ] && n=$(sqlite3 "$big" "SELECT count(*) FROM tasks" 2>/dev/null)
  if [ -z "$n" ]; then
    n=$(cat "$text"/import-*.out 2>/dev/null | grep -Eo '[0-9]+ (tasks|nhiệm vụ)' | awk '{ s += $1 } END { print s + 0 }')
  fi
  echo "${n:-0}"
}
# The build resumes where an earlier run stopped ($big.state: batches, documents, seconds so far):
# a batch imported twice adds nothing (files with the same content are skipped).
if [ ! -f "$big.complete" ]; then
  b=0 docs=0 spent=0
  if [ -f "$big.state" ] && [ -f "$big" ]; then
    read -r b docs spent <"$big.state"
    say "resuming the database build after batch $b ($docs documents)"
  else
    rm -rf "$big" "$big-wal" "$big-shm" "$text" "$big.state"
    mkdir -p "$text"
  fi
  say "building a database of $ntasks tasks by importing generated documents (at most $budget s now; cached)"
  have=$(count_tasks) t0=$EPOCHREALTIME
  while [ "$have" -lt "$ntasks" ]; do
    now=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')
    if [ "$now" -ge "$budget" ]; then
      say "build budget of $budget s used up at $have tasks; the next run continues"
      break
    fi
    b=$((b + 1))
    n=$batch
    if [ "$docs" -gt 0 ] && [ "$have" -gt 0 ]; then # aim at the target from the tasks per document so far
      n=$(awk -v need=$((ntasks - have)) -v d="$docs" -v h="$have" -v max="$batch" \
        'BEGIN { n = int(need * d / h * 1.03) + 1; if (n < 200) n = 200; if (n > max) n = max; print n }')
    fi
    if [ $b -gt 500 ]; then say "too many batches"; exit 1; fi
    rm -rf "$dir/batch"
    "$DONDOC" gen-corpus --count "$n" --seed $((seed * 1000 + b)) --out "$dir/batch" || exit 1
    if ! "$DONDOC" --db "$big" --quiet import "$dir/batch" >"$text/import-$b.out" 2>"$dir/import.err"; then
      row "$sname" "FAIL: import of batch $b failed: $(firstline "$dir/import.err")" "rg -i" "-" "p99 ≤ 20 ms" "FAIL"
      row "$oname" "FAIL: no database" "-" "-" "≤ 200 ms" "FAIL"
      rm -rf "$dir/batch"
      exit 0
    fi
    cat "$dir/batch"/doc-*.txt >"$text/batch-$b.txt"
    rm -rf "$dir/batch"
    docs=$((docs + n))
    have=$(count_tasks)
    el=$(awk -v a="$t0" -v b="$EPOCHREALTIME" -v s="$spent" 'BEGIN { printf "%.0f", s + b - a }')
    echo "$b $docs $el" >"$big.state"
    say "batch $b: $docs documents, $have tasks ($el s)"
    if [ "$have" -eq 0 ]; then
      row "$sname" "FAIL: imported documents give no tasks (or they cannot be counted)" "rg -i" "-" "p99 ≤ 20 ms" "FAIL"
      row "$oname" "FAIL: no tasks" "-" "-" "≤ 200 ms" "FAIL"
      exit 0
    fi
  done
  if [ "$have" -ge "$ntasks" ]; then
    read -r b docs el <"$big.state"
    say "built in $el s: $docs documents, $have tasks"
    echo "$docs $have $el" >"$big.complete"
    rm -f "$big.state"
  fi
fi
if [ -f "$big.complete" ]; then
  read -r bdocs btasks bsecs <"$big.complete"
  incomplete=""
  sname="search, $nqueries queries, $(human "$btasks") tasks"
  oname="tasks --overdue, $(human "$btasks") tasks"
elif [ ! -f "$big.state" ]; then
  row "$sname" "FAIL: no database built (BENCH_BUILD_SECONDS=$budget)" "rg -i" "-" "p99 ≤ 20 ms" "FAIL"
  row "$oname" "FAIL: no database" "-" "-" "≤ 200 ms" "FAIL"
  exit 0
else
  read -r _ bdocs bsecs <"$big.state"
  btasks=$(count_tasks)
  incomplete="db not full yet: $(awk -v a="$btasks" -v b="$ntasks" 'BEGIN { printf "%.0f", 100 * a / b }')% of $(human "$ntasks") tasks, next run continues"
  sname="search, $nqueries queries, $(human "$btasks") tasks"
  oname="tasks --overdue, $(human "$btasks") tasks"
fi
say "database: $bdocs documents, $btasks tasks (built in $bsecs s)"

# ---- search latency ----
queries="$dir/track-queries-$key-$nqueries.txt"
if [ ! -s "$queries" ]; then
  # two-word phrases of the generated text, every k-th of the distinct ones (deterministic)
  # (adjacent words of one line, not across punctuation, no numbers)
  head -n 20000 "$text/batch-1.txt" | awk '{
      n = split($0, w, " "); prev = ""
      for (i = 1; i <= n; i++) {
        x = w[i]; stop = x ~ /[.,;:)]$/
        gsub(/^[("]+/, "", x); gsub(/[.,;:)"]+$/, "", x)
        ok = length(x) > 1 && x !~ /[0-9\/*+=-]/
        if (ok && prev != "") print prev " " x
        prev = (ok && !stop) ? x : ""
      } }' | sort -u >"$dir/bigrams.txt"
  awk -v want="$nqueries" -v total="$(wc -l <"$dir/bigrams.txt")" \
    'BEGIN { step = total / want } NR == int(k * step) + 1 && k < want { print; k++ }' "$dir/bigrams.txt" >"$queries"
  rm -f "$dir/bigrams.txt"
fi
nq=$(wc -l <"$queries")
stats() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "- -"; exit } m = a[int((NR + 1) / 2)]; i = int(NR * 0.99); if (i < NR * 0.99) i++; printf "%.1f %.1f\n", m * 1000, a[i] * 1000 }'; }
if ! have search; then
  row "$sname" "n/a: dondoc search not available yet" "rg -i" "-" "p99 ≤ 20 ms" "n/a"
else
  say "dondoc search: $nq queries"
  : >"$dir/search.times"
  empty=0 failed=0
  while IFS= read -r q; do
    t0=$EPOCHREALTIME
    "$DONDOC" --db "$big" search "\"$q\"" >"$dir/search.out" 2>"$dir/search.err" || failed=$((failed + 1))
    awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f\n", b - a }' >>"$dir/search.times"
    [ -s "$dir/search.out" ] || empty=$((empty + 1))
  done <"$queries"
  read -r dmed dp99 < <(stats <"$dir/search.times")
  say "rg -i -F -c: $nq queries over $(du -sh "$text" | cut -f1) of text"
  cat "$text"/batch-*.txt >/dev/null
  : >"$dir/rg.times"
  while IFS= read -r q; do
    t0=$EPOCHREALTIME
    rg -i -F -c -- "$q" "$text"/batch-*.txt >/dev/null 2>&1
    awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.6f\n", b - a }' >>"$dir/rg.times"
  done <"$queries"
  read -r rmed rp99 < <(stats <"$dir/rg.times")
  ratio=$(awk -v a="$rmed" -v b="$dmed" 'BEGIN { if (b <= 0) print "-"; else if (a / b < 10) printf "%.2fx", a / b; else printf "%.0fx", a / b }')
  result=pass
  if [ $failed -ne 0 ]; then result="FAIL ($failed queries failed: $(firstline "$dir/search.err"))"
  elif [ $empty -gt $((nq / 10)) ]; then result="FAIL ($empty of $nq queries found nothing)"
  elif awk -v p="$dp99" 'BEGIN { exit !(p > 20) }'; then result="FAIL (p99 over target)"
  fi
  [ -n "$incomplete" ] && result=$(partial "$result")
  command -v rg >/dev/null || { rmed="n/a"; rp99="(rg not installed)"; ratio="-"; }
  row "$sname" "median $dmed ms, p99 $dp99 ms" "rg -i: median $rmed ms, p99 $rp99 ms" "$ratio" "p99 ≤ 20 ms" "$result"
  rm -f "$dir/search.out" "$dir/search.err" "$dir/search.times" "$dir/rg.times"
fi

# ---- overdue ----
if ! have tasks; then
  row "$oname" "n/a: dondoc tasks not available yet" "-" "-" "≤ 200 ms" "n/a"
else
  "$DONDOC" --db "$big" --today "$today" tasks --overdue >/dev/null 2>&1 # warm the page cache like the search runs
  timeit "$DONDOC" --db "$big" --today "$today" tasks --overdue >"$dir/overdue.out" 2>"$dir/overdue.err"
  rc=$? td=$T
  ms=$(awk -v t="$td" 'BEGIN { printf "%.0f", t * 1000 }')
  lines=$(wc -l <"$dir/overdue.out")
  result=pass
  if [ $rc -ne 0 ]; then result="FAIL (exit $rc: $(firstline "$dir/overdue.err"))"
  elif [ "$lines" -eq 0 ]; then result="FAIL (nothing listed)"
  elif [ "$ms" -gt 200 ]; then result="FAIL (slower than target)"
  fi
  [ -n "$incomplete" ] && result=$(partial "$result")
  row "$oname (--today $today)" "$ms ms, $(human "$lines") lines" "-" "-" "≤ 200 ms" "$result"
  rm -f "$dir/overdue.out" "$dir/overdue.err"
fi
exit 0
