#!/usr/bin/env bash
# normalize.sh - issue 2: `dondoc normalize` on 100 MB of Vietnamese text (NFC and NFD) vs ICU `uconv -x nfc`.
# usage: bench/normalize.sh PATH/TO/dondoc   (rows on stdout, progress on stderr; see bench/README.md)
# One timed run of each tool on the same file; the ratio is uconv's time / dondoc's time. The two
# outputs must be identical byte for byte, or the row fails whatever the speed.
set -u
export LC_ALL=C.UTF-8
DONDOC=${1:-${DONDOC:-}}
[ -n "$DONDOC" ] && [ -x "$DONDOC" ] || { echo "usage: bench/normalize.sh PATH/TO/dondoc" >&2; exit 2; }
dir=${DONDOC_BENCH_TMP:-${TMPDIR:-/tmp}/dondoc-bench}
size=${BENCH_NORMALIZE_BYTES:-100000000}
seed=${BENCH_SEED:-1}
mkdir -p "$dir" || exit 1

row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
say() { echo "normalize: $*" >&2; }
# timeit CMD... : run once, wall time in seconds in $T, exit status returned
timeit() { local t0=$EPOCHREALTIME rc; "$@"; rc=$?; T=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'); return $rc; }
mbs() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t / 1e6; else print "inf" }'; }
mb=$(awk -v n="$size" 'BEGIN { printf "%.0f", n / 1e6 }')

# inputs, cached by what the generator makes (a change to the generator makes new files)
key=$("$DONDOC" gen-corpus --count 3 --seed "$seed" | md5sum | cut -c1-12)
[ -n "$key" ] || { say "gen-corpus does not work"; exit 1; }
for v in nfc nfd; do
  f="$dir/normalize-$key-$seed-$size.$v.txt"
  if [ ! -s "$f" ]; then
    say "making $mb MB of $v text"
    "$DONDOC" gen-corpus --size "$size" --seed "$seed" --variant "$v" >"$f.tmp" && mv "$f.tmp" "$f" || { rm -f "$f.tmp"; say "gen-corpus failed"; exit 1; }
  fi
done

# is the command there yet?
probe="$dir/normalize-probe.txt"
"$DONDOC" gen-corpus --count 1 --seed "$seed" >"$probe"
"$DONDOC" normalize "$probe" >/dev/null 2>"$dir/normalize.err"
prc=$?
have_dd=1 why=""
if [ $prc -ne 0 ]; then
  if grep -q "unknown command" "$dir/normalize.err"; then have_dd=0; why="dondoc normalize not available yet"
  else have_dd=-1; why="fails on a generated document (exit $prc: $(head -n 1 "$dir/normalize.err" | cut -c1-60))"; fi
fi
have_icu=1
command -v uconv >/dev/null || have_icu=0

for v in nfc nfd; do
  f="$dir/normalize-$key-$seed-$size.$v.txt"
  target=$([ $v = nfc ] && echo 2 || echo 1)
  name="normalize $mb MB $(echo $v | tr a-z A-Z) text"
  if [ $have_dd -eq 0 ]; then
    row "$name" "n/a: $why" "uconv -x nfc" "-" "≥ ${target}x" "n/a"
    continue
  elif [ $have_dd -lt 0 ]; then
    row "$name" "$why" "uconv -x nfc" "-" "≥ ${target}x" "FAIL"
    continue
  fi
  cat "$f" >/dev/null # same page-cache state for both tools
  say "$v: dondoc normalize"
  timeit "$DONDOC" normalize "$f" >"$dir/normalize.out.dd" 2>"$dir/normalize.err"
  drc=$? td=$T
  if [ $have_icu -eq 0 ]; then
    row "$name" "$td s ($(mbs "$size" "$td") MB/s)" "n/a: uconv not installed (icu-devtools)" "-" "≥ ${target}x" "n/a"
    continue
  fi
  say "$v: uconv -x nfc"
  timeit uconv -f utf-8 -t utf-8 -x nfc "$f" >"$dir/normalize.out.icu"
  tu=$T
  ratio=$(awk -v a="$tu" -v b="$td" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print 0 }')
  result=pass
  if [ $drc -ne 0 ]; then result="FAIL (exit $drc)"
  elif ! cmp -s "$dir/normalize.out.dd" "$dir/normalize.out.icu"; then result="FAIL (output differs from uconv)"
  elif awk -v r="$ratio" -v t="$target" 'BEGIN { exit !(r < t) }'; then result="FAIL (slower than target)"
  fi
  row "$name" "$td s ($(mbs "$size" "$td") MB/s)" "uconv -x nfc $tu s ($(mbs "$size" "$tu") MB/s)" "${ratio}x" "≥ ${target}x" "$result"
done
rm -f "$dir/normalize.out.dd" "$dir/normalize.out.icu" "$probe"
exit 0
