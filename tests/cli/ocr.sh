#!/usr/bin/env bash
# scanned documents through the real binary: an image-only PDF, a PNG and a JPEG are read by OCR
# and extracted like text; bad images and PDFs give one clear line and exit 65
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
: "${DONDOC_SRC:?set DONDOC_SRC to the source tree}"
data=$DONDOC_SRC/tests/data/ocr
if ! ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 && [ -z "${TESSDATA_PREFIX:-}" ]; then
  echo "skipped: no Vietnamese OCR data (apt-get install tesseract-ocr-vie)"; exit 77
fi
command -v python3 >/dev/null || { echo "skipped: python3 is needed to read the JSON"; exit 77; }
tmp=$(mktemp -d /tmp/dondoc-ocr.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

# check FILE: extract --json must succeed with the values of examples/08-tb-ubnd.pdf
check() {
  local file=$1
  if ! "$DONDOC" extract --json "$file" >"$tmp/out.json" 2>"$tmp/err"; then
    echo "FAIL: $file: exit $?: $(head -c 300 "$tmp/err")"; fail=1; return
  fi
  if [ -s "$tmp/err" ]; then
    echo "FAIL: $file: unexpected output on stderr: $(head -c 300 "$tmp/err")"; fail=1
  fi
  python3 - "$tmp/out.json" "$file" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
name = sys.argv[2].rsplit("/", 1)[-1]
want = {
    "number": (d.get("number") or "").replace(" ", ""), "type": (d.get("type") or {}).get("code"),
    "date": d.get("date"), "signer": ((d.get("signature") or {}).get("name") or ""),
}
expect = {"number": "64/TB-UBND", "type": "TB", "date": "2021-04-22", "signer": "Nguyễn Thị Hồng Vân"}
bad = [f"{k}: want {v!r} have {want[k]!r}" for k, v in expect.items() if want[k] != v]
tasks = d.get("tasks") or []
top = [t for t in tasks if t.get("parent") in (None, "")]
if len(top) != 3:
    bad.append(f"tasks: want 3 top-level tasks, have {len(top)}")
elif not top[0].get("text", "").startswith("Giao Sở Nông nghiệp"):
    bad.append(f"task 1: {top[0].get('text')!r}")
text = json.dumps(d, ensure_ascii=False)
for junk in ("Ký bởi", "Thời gian ký"):
    if junk in json.dumps(tasks, ensure_ascii=False):
        bad.append(f"stamp text {junk!r} in the tasks")
src = d.get("source") or {}
if "ocr" in src and src["ocr"] is not True:
    bad.append(f"source.ocr: {src['ocr']!r}")
if bad:
    print(f"FAIL: {name}: " + "; ".join(bad))
    sys.exit(1)
print(f"ok: {name}: {want['type']} {want['number']} {want['date']}, {len(top)} tasks, signed {want['signer']}")
PY
}

check "$data/08-scan.pdf"
# the same scan as a signing tool issues it, its number drawn again by a widget over the
# scan and a stamp widget at the top: still a scan (OCR), the widgets do not make it text
if python3 "$DONDOC_SRC/scripts/stamp-pdf" "$data/08-scan.pdf" "$tmp/08-scan-signed.pdf" "@120,110=64" \
  --stamp "VAN PHONG UBND TINH" --stamp "22.04.2021 16:05:31 +07:00" 2>"$tmp/stamp.err"; then
  check "$tmp/08-scan-signed.pdf"
else
  echo "FAIL: scripts/stamp-pdf: $(cat "$tmp/stamp.err")"; fail=1
fi
check "$data/08-scan.png"
check "$data/08-scan.jpg"

# --text shows the OCR lines: the header columns apart
if "$DONDOC" extract --text "$data/08-scan.png" >"$tmp/text" 2>&1; then
  grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$tmp/text" || { echo "FAIL: --text: motto line missing or merged"; fail=1; }
  if grep -q "DÂN.*CỘNG HÒA" "$tmp/text"; then echo "FAIL: --text: header columns merged"; fail=1; fi
else
  echo "FAIL: --text on the PNG: $(head -c 300 "$tmp/text")"; fail=1
fi

# expect FILE PATTERN: exit 65, one stderr line naming FILE and matching PATTERN, no output
expect() {
  local file=$1 pattern=$2 rc
  "$DONDOC" extract --json "$file" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  if [ "$rc" -ne 65 ]; then
    echo "FAIL: $file: exit $rc, want 65: $(head -c 300 "$tmp/err")"; fail=1; return
  fi
  if [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q -- "$file" "$tmp/err" || ! grep -Eq -- "$pattern" "$tmp/err"; then
    echo "FAIL: $file: stderr should be one line naming the file and matching /$pattern/, got:"
    cat "$tmp/err"; fail=1; return
  fi
  [ -s "$tmp/out" ] && { echo "FAIL: $file: output written despite the error"; fail=1; return; }
  echo "ok: $(basename "$file"): $(cat "$tmp/err")"
}

# a truncated PNG and JPEG, an image-only PDF cut in half
head -c 5000 "$data/08-scan.png" >"$tmp/truncated.png"
expect "$tmp/truncated.png" 'corrupt|truncated'
head -c 5000 "$data/08-scan.jpg" >"$tmp/truncated.jpg"
expect "$tmp/truncated.jpg" 'corrupt|truncated|no text'
head -c 120000 "$data/08-scan.pdf" >"$tmp/truncated.pdf"
expect "$tmp/truncated.pdf" 'corrupt|truncated|no text|PDF'
# a PNG header claiming 20000x20000 pixels: refused before decoding
printf '\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x4e\x20\0\0\x4e\x20\x08\0\0\0\0\0\0\0\0\0\0\0\0IEND\xae\x42\x60\x82' >"$tmp/huge.png"
expect "$tmp/huge.png" 'too large'
# a blank page
python3 - "$tmp/blank.pdf" <<'PY'
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
out, offs = bytearray(b"%PDF-1.4\n"), []
for n, o in enumerate(objs, 1):
    offs.append(len(out)); out += b"%d 0 obj\n" % n + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
open(sys.argv[1], "wb").write(out)
PY
expect "$tmp/blank.pdf" 'no text'

exit $fail
