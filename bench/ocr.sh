#!/usr/bin/env bash
# ocr.sh - issue 7: seconds per scanned page (median), dondoc vs the `tesseract` command-line tool.
# usage: bench/ocr.sh PATH/TO/dondoc   (rows on stdout, progress on stderr; see bench/README.md)
# Pages: the scanned PDFs (no text layer) of $BENCH_OCR_PDFS (default ../shared/corpus-pdf/docs
# when present, else tests/data/ocr/08-scan.pdf) rendered at 300 dpi grey by pdftoppm, at most
# $BENCH_OCR_PAGES (default 8) pages, cached under $DONDOC_BENCH_TMP.
# Row 1: one process per page image for each tool: `dondoc extract --text PAGE.png` (read,
#        OCR, repairs, layout) and `tesseract PAGE.png - -l vie`; median seconds per page.
#        Checked: dondoc's text holds at least 90% of the words tesseract found; a page dondoc
#        finds no text on fails only where tesseract found 20 words of 3+ letters or more.
# Row 2: the scanned PDFs themselves through `dondoc extract --json` (pages rendered and read in
#        parallel, one thread per core) against the sum of the tesseract times of their pages.
set -u
export LC_ALL=C.UTF-8
DONDOC=${1:-${DONDOC:-}}
[ -n "$DONDOC" ] && [ -x "$DONDOC" ] || { echo "usage: bench/ocr.sh PATH/TO/dondoc" >&2; exit 2; }
here=$(dirname "$(realpath "$0")")
src=$(dirname "$here")
dir=${DONDOC_BENCH_TMP:-${TMPDIR:-/tmp}/dondoc-bench}
maxpages=${BENCH_OCR_PAGES:-8}
mkdir -p "$dir" || exit 1

row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
say() { echo "ocr: $*" >&2; }
timeit() { local t0=$EPOCHREALTIME rc; "$@"; rc=$?; T=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'); return $rc; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

name1="OCR seconds/page (median), 1 process per page"
name2="OCR of whole scanned PDFs, s/page, pages in parallel"
target="≤ tesseract CLI + 10%"
for t in tesseract pdftoppm pdfinfo pdftotext; do
  if ! command -v $t >/dev/null; then
    row "$name1" "n/a: '$t' missing (apt-get install tesseract-ocr poppler-utils)" "-" "-" "$target" "n/a"
    exit 0
  fi
done
if ! "$DONDOC" extract --text "$src/tests/data/ocr/08-scan.png" >"$dir/ocr-probe.txt" 2>"$dir/ocr-probe.err"; then
  row "$name1" "n/a: dondoc cannot read images yet ($(head -n 1 "$dir/ocr-probe.err" | cut -c1-60))" "-" "-" "$target" "n/a"
  exit 0
fi

# ---- the page images (cached) ----
if [ -n "${BENCH_OCR_PDFS:-}" ]; then
  pdfs=("$BENCH_OCR_PDFS"/*.pdf)
elif [ -d "$src/../shared/corpus-pdf/docs" ]; then
  pdfs=("$src/../shared/corpus-pdf/docs"/*.pdf)
else
  pdfs=("$src/tests/data/ocr/08-scan.pdf")
fi
# scans only: a PDF with a real text layer is not read by OCR
scans=()
for f in "${pdfs[@]}"; do
  [ "$(pdftotext -l 1 "$f" - 2>/dev/null | wc -c)" -lt 400 ] && scans+=("$f")
done
[ ${#scans[@]} -gt 0 ] || { row "$name1" "n/a: no scanned PDF in ${pdfs[0]%/*}" "-" "-" "$target" "n/a"; exit 0; }
pdfs=("${scans[@]}")
key=$(cat "${pdfs[@]}" | md5sum | cut -c1-12)
pages="$dir/ocr-pages-$key-$maxpages"
if [ ! -f "$pages.complete" ]; then
  say "rendering up to $maxpages pages at 300 dpi"
  rm -rf "$pages"
  mkdir -p "$pages"
  n=0
  for f in "${pdfs[@]}"; do
    np=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    for ((p = 1; p <= ${np:-0} && n < maxpages; p++)); do
      n=$((n + 1))
      pdftoppm -r 300 -gray -png -f "$p" -l "$p" -singlefile "$f" "$pages/$(printf 'page-%03d' "$n")" || exit 1
    done
  done
  touch "$pages.complete"
fi
imgs=("$pages"/page-*.png)
say "${#imgs[@]} page images in $pages"

# ---- row 1: one page per process ----
: >"$dir/ocr-dd.times"
: >"$dir/ocr-tess.times"
words_tess=0 words_found=0 fails=0
for img in "${imgs[@]}"; do
  b=$(basename "$img" .png)
  timeit tesseract "$img" - -l vie >"$dir/ocr-$b.tess" 2>/dev/null
  echo "$T" >>"$dir/ocr-tess.times"
  timeit "$DONDOC" extract --text "$img" >"$dir/ocr-$b.dd" 2>"$dir/ocr-$b.err"
  rc=$?
  echo "$T" >>"$dir/ocr-dd.times"
  # words tesseract found (3+ letters) that dondoc's text holds too
  tr -s ' \t\n' '\n' <"$dir/ocr-$b.tess" | grep -E '^[[:alpha:]]{3,}' | sort -u >"$dir/ocr-$b.tw"
  # "no text" is the right answer for a page tesseract reads only specks on (a seal on a
  # blank page): a failure only where tesseract found 20 words or more
  if [ "$rc" -ne 0 ]; then
    if grep -q 'recognised no text' "$dir/ocr-$b.err" && [ "$(wc -l <"$dir/ocr-$b.tw")" -lt 20 ]; then
      say "$b: no text (tesseract: $(wc -l <"$dir/ocr-$b.tw") words of 3+ letters)"
    else
      fails=$((fails + 1))
    fi
  fi
  tr -s ' \t\n' '\n' <"$dir/ocr-$b.dd" | sort -u >"$dir/ocr-$b.dw"
  words_tess=$((words_tess + $(wc -l <"$dir/ocr-$b.tw")))
  words_found=$((words_found + $(comm -12 "$dir/ocr-$b.tw" "$dir/ocr-$b.dw" | wc -l)))
  say "$b: tesseract $(tail -n 1 "$dir/ocr-tess.times") s, dondoc $T s"
done
md=$(median <"$dir/ocr-dd.times")
mt=$(median <"$dir/ocr-tess.times")
ratio=$(awk -v a="$md" -v b="$mt" 'BEGIN { printf "%.2f", a / b }')
share=$(awk -v a="$words_found" -v b="$words_tess" 'BEGIN { printf "%.0f", (b > 0) ? 100 * a / b : 0 }')
result=pass
if [ "$fails" -ne 0 ]; then result="FAIL ($fails pages failed)"
elif [ "$share" -lt 90 ]; then result="FAIL (only $share% of tesseract's words)"
elif awk -v r="$ratio" 'BEGIN { exit !(r > 1.10) }'; then result="FAIL (slower)"
fi
row "$name1, ${#imgs[@]} pages" "$md s ($share% of its words)" "tesseract $mt s" "$ratio" "$target" "$result"

# ---- row 2: whole PDFs, pages in parallel ----
tot_dd=0 tot_pages=0 fails=0
for f in "${pdfs[@]}"; do
  np=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  [ $((tot_pages + ${np:-0})) -le "$maxpages" ] || break
  timeit "$DONDOC" extract --json "$f" >"$dir/ocr-pdf.json" 2>"$dir/ocr-pdf.err" || fails=$((fails + 1))
  tot_dd=$(awk -v a="$tot_dd" -v b="$T" 'BEGIN { printf "%.3f", a + b }')
  tot_pages=$((tot_pages + np))
done
if [ "$tot_pages" -eq 0 ]; then
  row "$name2" "n/a: no PDF small enough for $maxpages pages" "-" "-" "$target" "n/a"
  exit 0
fi
sum_t=$(head -n "$tot_pages" "$dir/ocr-tess.times" | awk '{ s += $1 } END { printf "%.3f", s }')
pp_dd=$(awk -v a="$tot_dd" -v n="$tot_pages" 'BEGIN { printf "%.2f", a / n }')
pp_t=$(awk -v a="$sum_t" -v n="$tot_pages" 'BEGIN { printf "%.2f", a / n }')
ratio=$(awk -v a="$pp_dd" -v b="$pp_t" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
result=pass
if [ "$fails" -ne 0 ]; then result="FAIL ($fails PDFs failed)"
elif awk -v r="$ratio" 'BEGIN { exit !(r > 1.10) }'; then result="FAIL (slower)"
fi
row "$name2, $tot_pages pages, $(nproc) cores" "$pp_dd s" "tesseract $pp_t s (1 page at a time)" "$ratio" "$target" "$result"
