#!/usr/bin/env bash
# extract.sh - issue 3: `dondoc extract --jsonl` MB/s on generated notices, and DOCX -> text vs `pandoc -t plain`.
# usage: bench/extract.sh PATH/TO/dondoc   (rows on stdout, progress on stderr; see bench/README.md)
# Row 1: one dondoc process over N generated plain-text documents (one core); the reference is `wc -l`
#        over the same files, a floor that only reads the bytes (not a competitor).
# Row 2: M DOCX files made by pandoc from generated documents; one process per file for each tool
#        (dondoc extract --text, or --json when there is no --text) vs `pandoc -t plain`.
# Row 3: one large DOCX made from many generated documents, one run of each tool (reading speed
#        without process start-up).
set -u
export LC_ALL=C.UTF-8
DONDOC=${1:-${DONDOC:-}}
[ -n "$DONDOC" ] && [ -x "$DONDOC" ] || { echo "usage: bench/extract.sh PATH/TO/dondoc" >&2; exit 2; }
dir=${DONDOC_BENCH_TMP:-${TMPDIR:-/tmp}/dondoc-bench}
ndocs=${BENCH_EXTRACT_DOCS:-20000}
ndocx=${BENCH_DOCX_FILES:-40}
nbig=${BENCH_DOCX_LARGE_DOCS:-300}
seed=${BENCH_SEED:-1}
mkdir -p "$dir" || exit 1

row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
say() { echo "extract: $*" >&2; }
timeit() { local t0=$EPOCHREALTIME rc; "$@"; rc=$?; T=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'); return $rc; }
mbs() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t / 1e6; else print "inf" }'; }

key=$("$DONDOC" gen-corpus --count 3 --seed "$seed" | md5sum | cut -c1-12)
corpus="$dir/extract-$key-$seed-$ndocs"
if [ ! -f "$corpus.complete" ]; then
  say "making $ndocs documents"
  rm -rf "$corpus"
  "$DONDOC" gen-corpus --count "$ndocs" --seed "$seed" --out "$corpus" || { say "gen-corpus failed"; exit 1; }
  touch "$corpus.complete"
fi
bytes=$(cat "$corpus"/doc-*.txt | wc -c)
mb=$(awk -v n="$bytes" 'BEGIN { printf "%.0f", n / 1e6 }')

"$DONDOC" help extract >"$dir/extract.help" 2>&1
have_extract=$?

# ---- plain text: extract --jsonl ----
name="extract --jsonl, $ndocs docs ($mb MB), 1 process"
target="≥ 50 MB/s"
cat "$corpus"/doc-*.txt >/dev/null
timeit wc -l "$corpus"/doc-*.txt >/dev/null
tw=$T
ref="wc -l (read floor) $tw s ($(mbs "$bytes" "$tw") MB/s)"
if [ $have_extract -ne 0 ]; then
  row "$name" "n/a: dondoc extract not available yet" "$ref" "-" "$target" "n/a"
elif ! grep -q -- "--jsonl" "$dir/extract.help"; then
  row "$name" "n/a: dondoc extract has no --jsonl" "$ref" "-" "$target" "n/a"
else
  say "dondoc extract --jsonl over $ndocs files"
  timeit "$DONDOC" extract --jsonl "$corpus"/doc-*.txt >"$dir/extract.out" 2>"$dir/extract.err"
  rc=$? td=$T
  lines=$(wc -l <"$dir/extract.out")
  withtasks=$(grep -c '"tasks":\s*\[\s*{' "$dir/extract.out")
  rate=$(mbs "$bytes" "$td")
  result=pass
  if [ $rc -ne 0 ]; then result="FAIL (exit $rc: $(head -n 1 "$dir/extract.err" | cut -c1-50))"
  elif [ "$lines" -ne "$ndocs" ]; then result="FAIL ($lines JSON lines for $ndocs files)"
  elif [ "$withtasks" -lt $((ndocs * 9 / 10)) ]; then result="FAIL (tasks found in only $withtasks docs)"
  elif [ "$rate" != inf ] && [ "$rate" -lt 50 ]; then result="FAIL (slower than target)"
  fi
  ratio=$(awk -v a="$tw" -v b="$td" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print 0 }')
  row "$name" "$td s ($rate MB/s)" "$ref" "${ratio}x" "$target" "$result"
  rm -f "$dir/extract.out"
fi

# ---- DOCX -> text vs pandoc ----
name="DOCX -> text, $ndocx files, 1 process/file"
target="≥ 20x pandoc"
if ! command -v pandoc >/dev/null; then
  row "$name" "-" "n/a: pandoc not installed" "-" "$target" "n/a"
  exit 0
fi
docx="$dir/docx-$key-$seed-$ndocx-$(pandoc --version | head -n 1 | tr -dc '0-9.')"
if [ ! -f "$docx.complete" ]; then
  say "making $ndocx DOCX files with pandoc (cached for later runs)"
  rm -rf "$docx"
  mkdir -p "$docx"
  i=0
  for f in "$corpus"/doc-*.txt; do
    [ $i -ge "$ndocx" ] && break
    i=$((i + 1))
    # hard line breaks keep the header and signature lines apart; "1." items become Word lists
    pandoc -f markdown+hard_line_breaks -t docx -o "$docx/$(basename "$f" .txt).docx" "$f" || { say "pandoc failed on $f"; exit 1; }
  done
  touch "$docx.complete"
fi
if [ $have_extract -ne 0 ]; then
  row "$name" "n/a: dondoc extract not available yet" "pandoc -t plain" "-" "$target" "n/a"
  exit 0
fi
mode=--json
grep -q -- "--text" "$dir/extract.help" && mode=--text
cat "$docx"/*.docx >/dev/null
say "dondoc extract $mode, one process per DOCX"
fails=0
t0=$EPOCHREALTIME
for f in "$docx"/*.docx; do
  "$DONDOC" extract $mode "$f" >"$dir/docx.out" 2>>"$dir/docx.err" || fails=$((fails + 1))
done
td=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
# the last file's text must be there (a reader that prints nothing is not fast, it is broken)
grep -q "Nơi nhận" "$dir/docx.out"
seen=$?
say "pandoc -t plain, one process per DOCX"
t0=$EPOCHREALTIME
for f in "$docx"/*.docx; do
  pandoc -t plain "$f" >/dev/null
done
tp=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
ratio=$(awk -v a="$tp" -v b="$td" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print 0 }')
result=pass
if [ $fails -ne 0 ]; then result="FAIL ($fails files refused: $(head -n 1 "$dir/docx.err" | cut -c1-50))"
elif [ $seen -ne 0 ]; then result="FAIL (text of the DOCX missing)"
elif awk -v r="$ratio" 'BEGIN { exit !(r < 20) }'; then result="FAIL (slower than target)"
fi
row "$name" "extract $mode $td s" "pandoc -t plain $tp s" "${ratio}x" "$target" "$result"
rm -f "$dir/docx.out" "$dir/docx.err"

# ---- one large DOCX (many documents in one file): reading speed without process start-up ----
big="$docx/large-$nbig.docx"
if [ ! -s "$big" ]; then
  say "making one DOCX of $nbig documents with pandoc"
  ls "$corpus"/doc-*.txt | head -n "$nbig" | xargs cat >"$dir/large.txt"
  pandoc -f markdown+hard_line_breaks -t docx -o "$big" "$dir/large.txt" || { say "pandoc failed"; exit 1; }
  rm -f "$dir/large.txt"
fi
kb=$(( $(wc -c <"$big") / 1024 ))
name="DOCX -> text, 1 file of $nbig docs ($kb KiB)"
cat "$big" >/dev/null
timeit "$DONDOC" extract $mode "$big" >"$dir/docx.out" 2>"$dir/docx.err"
rc=$? td=$T
n_seen=$(grep -c "Nơi nhận" "$dir/docx.out")
timeit pandoc -t plain "$big" >/dev/null
tp=$T
ratio=$(awk -v a="$tp" -v b="$td" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print 0 }')
result=pass
if [ $rc -ne 0 ]; then result="FAIL (exit $rc: $(head -n 1 "$dir/docx.err" | cut -c1-50))"
elif [ "$mode" = --text ] && [ "$n_seen" -lt "$nbig" ]; then result="FAIL (text missing: $n_seen of $nbig)"
elif awk -v r="$ratio" 'BEGIN { exit !(r < 20) }'; then result="FAIL (slower than target)"
fi
row "$name" "extract $mode $td s" "pandoc -t plain $tp s" "${ratio}x" "$target" "$result"
rm -f "$dir/docx.out" "$dir/docx.err"
exit 0
