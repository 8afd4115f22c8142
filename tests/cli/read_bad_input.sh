#!/usr/bin/env bash
# bad documents through the real binary: one clear line naming the file, exit 65/66, no crash
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
: "${DONDOC_SRC:?set DONDOC_SRC to the source tree}"
if ! "$DONDOC" help 2>/dev/null | grep -q '^  extract '; then
  echo "skipped: this dondoc has no extract command"; exit 77
fi
tmp=$(mktemp -d /tmp/dondoc-read-bad.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect FILE CODE PATTERN: extract FILE must exit CODE with one stderr line naming FILE and
# matching PATTERN (extended regex)
expect() {
  local file=$1 code=$2 pattern=$3 rc lines
  "$DONDOC" extract --json "$file" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  lines=$(wc -l <"$tmp/err")
  if [ "$rc" -ne "$code" ]; then
    echo "FAIL: $file: exit $rc, want $code: $(head -c 300 "$tmp/err")"; fail=1; return
  fi
  if [ "$lines" -ne 1 ] || ! grep -q -- "$file" "$tmp/err" || ! grep -Eq -- "$pattern" "$tmp/err"; then
    echo "FAIL: $file: stderr should be one line naming the file and matching /$pattern/, got:"
    cat "$tmp/err"; fail=1; return
  fi
  if [ -s "$tmp/out" ]; then
    echo "FAIL: $file: output written despite the error"; fail=1; return
  fi
  echo "ok: $(basename "$file"): $(cat "$tmp/err")"
}

# random bytes with a .docx name
head -c 4096 /dev/urandom >"$tmp/random.docx"
expect "$tmp/random.docx" 65 'not a DOCX file'
# truncated DOCX and PDF (cut from the committed samples)
head -c 3000 "$DONDOC_SRC/examples/07-kh-ubnd.docx" >"$tmp/truncated.docx"
expect "$tmp/truncated.docx" 65 'corrupt or truncated DOCX'
head -c 2000 "$DONDOC_SRC/examples/08-tb-ubnd.pdf" >"$tmp/truncated.pdf"
expect "$tmp/truncated.pdf" 65 'PDF'
# a PDF without a text layer: a page with a drawing only
body='0 0 1 rg 100 100 200 200 re f'
{
  printf '%%PDF-1.4\n'
  printf '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
  printf '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n'
  printf '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n'
  printf '4 0 obj << /Length %d >> stream\n%s\nendstream endobj\n' $((${#body} + 1)) "$body"
  printf 'trailer << /Root 1 0 R >>\n%%%%EOF\n'
} >"$tmp/scan.pdf"
expect "$tmp/scan.pdf" 65 'no text layer'
# password-protected: the standard security handler with an unknown user password
{
  printf '%%PDF-1.4\n'
  printf '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n'
  printf '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n'
  printf '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n'
  printf '5 0 obj << /Filter /Standard /V 1 /R 2 /P -44 /O <%s> /U <%s> >> endobj\n' \
    a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90 \
    0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0
  printf 'trailer << /Root 1 0 R /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n%%%%EOF\n'
} >"$tmp/locked.pdf"
expect "$tmp/locked.pdf" 65 'password-protected PDF'
# an image
printf '\x89PNG\r\n\x1a\n0000' >"$tmp/scan.png"
expect "$tmp/scan.png" 65 'OCR'
# an old Word file
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' >"$tmp/old.doc"
expect "$tmp/old.doc" 65 'save it as .docx'
# binary bytes named .txt, and an empty file
printf 'ab\0\0\0\0cd' >"$tmp/bin.txt"
expect "$tmp/bin.txt" 65 '.'
: >"$tmp/empty.txt"
expect "$tmp/empty.txt" 65 '.'
# missing file, a directory
expect "$tmp/missing.txt" 66 'cannot read'
mkdir "$tmp/dir.docx"
expect "$tmp/dir.docx" 66 'directory'
# a zip bomb: one highly compressible 80 MiB part (past the 64 MiB limit)
if command -v python3 >/dev/null 2>&1; then
  python3 - "$tmp/bomb.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w") as f:
        chunk = b" " * (1 << 20)
        for _ in range(80):
            f.write(chunk)
PY
  expect "$tmp/bomb.docx" 65 'too large|zip bomb'
else
  echo "note: python3 missing, zip-bomb case skipped"
fi
exit $fail
