#!/usr/bin/env bash
# lazy_libs.sh - the heavy libraries (poppler, cairo, Tesseract, leptonica, libcurl,
# libmicrohttpd, libxlsxwriter, libxml2, libzip, expat, minizip, qpdf) are not linked and not loaded by commands that
# do not need them; a command that needs one that cannot be loaded fails with one clear line naming the
# Debian package, exit 69 (the DONDOC_SONAME_* variables are a test-only override).
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
: "${DONDOC_SRC:?set DONDOC_SRC to the source tree}"
T=$(mktemp -d /tmp/dondoc-lazy.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fail=1; }
HEAVY='poppler|qpdf|cairo|tesseract|lept|curl|microhttpd|xlsxwriter|gnutls|glib-2|gobject-2|gio-2|fontconfig|freetype'
# what reading a DOCX needs (expat, minizip with zlib), and nothing else should load
DOCXLIBS='libexpat|libminizip'
# what HTML and the XLSX/DOCX writers need (libxml2, libzip and what they bring); reading a
# DOCX must not load them (libstdc++ only where no sanitizer runtime brings it anyway)
XMLZIP='libxml2|libzip|libcrypto|libicu'
if readelf -d "$DONDOC" 2>/dev/null | grep -Eq 'libasan|libubsan'; then
  DOCXNOT="$XMLZIP"
else
  DOCXNOT="$XMLZIP|libstdc\+\+"
fi

# 1. none of them is a NEEDED entry of the binary
if command -v readelf >/dev/null; then
  needed=$(readelf -d "$DONDOC" | grep NEEDED)
  [ -n "$needed" ] || bad "readelf -d shows no NEEDED entry at all"
  if echo "$needed" | grep -Eq "$HEAVY|$DOCXLIBS|$XMLZIP"; then
    bad "linked against a heavy library: $(echo "$needed" | grep -E "$HEAVY|$DOCXLIBS|$XMLZIP" | tr -s ' ' | tr '\n' ' ')"
  else
    ok "no heavy library among the NEEDED entries"
  fi
fi

# loaded FILE...: the shared objects the run "$@" mapped, from the dynamic loader's log
loaded() {
  rm -f "$T"/ld.*
  LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld" "$@" >"$T/out" 2>"$T/err"
  local rc=$?
  sed -n 's/.*file=\([^ ]*\).*/\1/p' "$T"/ld.* 2>/dev/null | sort -u >"$T/libs"
  return $rc
}
# not_loaded DESC PATTERN CMD...: the command succeeds and maps no library matching PATTERN
not_loaded() {
  local desc=$1 pat=$2; shift 2
  if ! loaded "$@"; then
    bad "$desc: exit $?: $(head -c 300 "$T/err")"; return
  fi
  if [ ! -s "$T/libs" ]; then
    bad "$desc: the loader log is empty (LD_DEBUG not honoured?)"; return
  fi
  if grep -Eq "$pat" "$T/libs"; then
    bad "$desc: loaded $(grep -E "$pat" "$T/libs" | tr '\n' ' ')"
  else
    ok "$desc: $(wc -l <"$T/libs") objects, none of $pat"
  fi
}

# 2. short commands do not map them
not_loaded "--version" "$HEAVY|$DOCXLIBS|$XMLZIP" "$DONDOC" --version
# start-up maps libc, libm and libsodium (more only under a sanitizer: its runtime and what it needs)
if ! readelf -d "$DONDOC" 2>/dev/null | grep -Eq 'libasan|libubsan'; then
  nstart=$(grep -Evc 'ld-linux|vdso' "$T/libs")
  [ "$nstart" -le 3 ] && ok "--version maps $nstart shared objects" ||
    bad "--version maps $nstart shared objects, want at most 3: $(tr '\n' ' ' <"$T/libs")"
fi
not_loaded "extract --text DOCX" "$HEAVY|$DOCXNOT" "$DONDOC" extract --text "$DONDOC_SRC/examples/07-kh-ubnd.docx"
grep -q 'libexpat' "$T/libs" && grep -q 'libminizip' "$T/libs" && ok "a DOCX loads expat and minizip" ||
  bad "DOCX: expat or minizip not in the loader log"
not_loaded "extract --json DOCX" "$HEAVY|$DOCXNOT" "$DONDOC" extract --json "$DONDOC_SRC/examples/07-kh-ubnd.docx"
not_loaded "extract --json text" "$HEAVY|$DOCXLIBS|$XMLZIP" "$DONDOC" extract --json "$DONDOC_SRC/examples/02-tb-ubnd.txt"
# an HTML page still reads through libxml2, and does not need expat or minizip
not_loaded "extract --text HTML" "$HEAVY|$DOCXLIBS" "$DONDOC" extract --text "$DONDOC_SRC/examples/06-cv-ubnd.html"
grep -q 'libxml2' "$T/libs" && ok "HTML loads libxml2" || bad "HTML: libxml2 not in the loader log"
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong
"$DONDOC" import "$DONDOC_SRC/examples/02-tb-ubnd.txt" >/dev/null 2>&1 || bad "import a text document"
not_loaded "search" "$HEAVY|$DOCXLIBS|$XMLZIP" "$DONDOC" search "ủy ban"
not_loaded "tasks" "$HEAVY|$DOCXLIBS|$XMLZIP" "$DONDOC" tasks

# 3. the check can fail: a PDF does load poppler (and only poppler's side, not Tesseract)
if loaded "$DONDOC" extract --text "$DONDOC_SRC/examples/08-tb-ubnd.pdf"; then
  if grep -q 'libpoppler-glib' "$T/libs"; then ok "a text PDF loads poppler-glib"; else bad "PDF: poppler not in the loader log"; fi
  if grep -Eq 'tesseract|lept' "$T/libs"; then bad "a text PDF loaded the OCR libraries"; else ok "a text PDF does not load Tesseract"; fi
  if grep -q 'libqpdf' "$T/libs"; then bad "a PDF without annotations loaded libqpdf"; else ok "a PDF without annotations does not load libqpdf"; fi
else
  bad "extract a text PDF: $(head -c 300 "$T/err")"
fi
# a PDF whose number a signing tool stamped in form widgets is flattened by libqpdf
if loaded "$DONDOC" extract --text "$DONDOC_SRC/examples/34-tb-ky-so-van-thu.pdf"; then
  if grep -q 'libqpdf' "$T/libs"; then ok "a PDF with widget text loads libqpdf"; else bad "PDF with widgets: libqpdf not in the loader log"; fi
else
  bad "extract a PDF with widgets: $(head -c 300 "$T/err")"
fi

# 4. a library that cannot be loaded: one line naming the package, exit 69, no crash
# unavailable DESC ENVVAR PACKAGE_PREFIX CMD...
unavailable() {
  local desc=$1 var=$2 pkg=$3; shift 3
  env "$var=libdondoc-not-there.so.0" "$@" >"$T/out" 2>"$T/err"
  local rc=$?
  if [ "$rc" -ne 69 ]; then
    bad "$desc: exit $rc, want 69: $(head -c 300 "$T/err")"; return
  fi
  if ! grep -q "needs $pkg.* (apt install $pkg" "$T/err"; then
    bad "$desc: message does not name the package: $(cat "$T/err")"; return
  fi
  grep -q 'libdondoc-not-there.so.0' "$T/err" || { bad "$desc: the loader's reason is missing: $(cat "$T/err")"; return; }
  [ "$(wc -l <"$T/err")" -eq 1 ] || { bad "$desc: not one line: $(cat "$T/err")"; return; }
  ok "$desc: exit 69, $(cat "$T/err")"
}
unavailable "DOCX without expat" DONDOC_SONAME_EXPAT libexpat \
  "$DONDOC" extract --text "$DONDOC_SRC/examples/07-kh-ubnd.docx"
unavailable "DOCX without minizip" DONDOC_SONAME_MINIZIP libminizip \
  "$DONDOC" extract --text "$DONDOC_SRC/examples/07-kh-ubnd.docx"
# and reading a DOCX does not need libxml2 or libzip at all
if DONDOC_SONAME_XML2=libdondoc-not-there.so.0 DONDOC_SONAME_ZIP=libdondoc-not-there.so.0 \
  "$DONDOC" extract --text "$DONDOC_SRC/examples/07-kh-ubnd.docx" >"$T/out" 2>"$T/err" && [ -s "$T/out" ]; then
  ok "DOCX read without libxml2 and libzip"
else
  bad "DOCX without libxml2 and libzip: $(head -c 300 "$T/err")"
fi
unavailable "HTML without libxml2" DONDOC_SONAME_XML2 libxml2 \
  "$DONDOC" extract --text "$DONDOC_SRC/examples/06-cv-ubnd.html"
unavailable "PDF without poppler" DONDOC_SONAME_POPPLER libpoppler-glib \
  "$DONDOC" extract --text "$DONDOC_SRC/examples/08-tb-ubnd.pdf"
# without libqpdf a signed PDF is still read, without the stamped text, and says so
DONDOC_SONAME_QPDF=libdondoc-not-there.so.0 "$DONDOC" extract --json \
  "$DONDOC_SRC/examples/34-tb-ky-so-van-thu.pdf" >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" -eq 0 ] && grep -q '"number": null' "$T/out" &&
   grep -q 'annotations (form fields, stamps) not read: .*needs libqpdf.* (apt install libqpdf' "$T/out"; then
  ok "signed PDF without libqpdf: read, number null, a warning names the package"
else
  bad "signed PDF without libqpdf: exit $rc: $(head -c 300 "$T/err") $(grep -c number "$T/out")"
fi
unavailable "image without Tesseract" DONDOC_SONAME_TESSERACT libtesseract \
  "$DONDOC" extract --text "$DONDOC_SRC/tests/data/ocr/08-scan.png"
unavailable "image without leptonica" DONDOC_SONAME_LEPT liblept \
  "$DONDOC" extract --text "$DONDOC_SRC/tests/data/ocr/08-scan.png"
unavailable "xlsx export without libxlsxwriter" DONDOC_SONAME_XLSXWRITER libxlsxwriter \
  "$DONDOC" export tasks --format xlsx -o "$T/t.xlsx"
[ -e "$T/t.xlsx" ] && bad "xlsx export left a file behind"
unavailable "serve without libmicrohttpd" DONDOC_SONAME_MHD libmicrohttpd \
  "$DONDOC" serve --listen 127.0.0.1:0
# the override only names another library: the real one still works when it is unset
if "$DONDOC" export tasks --format xlsx -o "$T/t.xlsx" 2>"$T/err" && [ -s "$T/t.xlsx" ]; then
  ok "xlsx export with libxlsxwriter"
else
  bad "xlsx export: $(head -c 300 "$T/err")"
fi

# sending mail without libcurl: the failure is reported per message, nothing else breaks
"$DONDOC" units add "Ban Thử Thư" --email a@example.org >/dev/null || bad "units add"
"$DONDOC" assign 1 --lead "ban thu thu" --due 2021-03-31 >/dev/null || bad "assign"
DONDOC_SONAME_CURL=libdondoc-not-there.so.0 "$DONDOC" --today 2021-03-29 remind --send \
  --smtp smtp://127.0.0.1:9 --from vanphong@example.org >"$T/out" 2>"$T/err"
if grep -q 'sending mail needs libcurl.* (apt install libcurl' "$T/err"; then
  ok "remind --send without libcurl: $(head -1 "$T/err")"
else
  bad "remind --send without libcurl: $(head -c 300 "$T/err")"
fi

[ $fail -eq 0 ] && echo "lazy_libs: all passed"
exit $fail
