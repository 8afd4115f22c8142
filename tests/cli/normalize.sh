#!/usr/bin/env bash
# dondoc normalize end to end: encodings in, NFC UTF-8 out, --report, and every kind of bad input
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
tmp=$(mktemp -d /tmp/dondoc-normalize.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

# run NAME WANT_RC ARGS... : stdout -> $tmp/out, stderr -> $tmp/err
run() {
  local desc=$1 want=$2; shift 2
  "$DONDOC" normalize "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -ne "$want" ]; then bad "$desc: exit $rc, want $want: $(head -c 300 "$tmp/err")"; return 1; fi
  ok "$desc"
}
# expect_out DESC TEXT : stdout must be exactly TEXT
expect_out() {
  if [ "$(cat "$tmp/out")" = "$2" ]; then ok "$1 output"; else bad "$1 output: got '$(head -c 200 "$tmp/out")'"; fi
}
# one_error DESC PATTERN : exactly one line on stderr, matching PATTERN
one_error() {
  local n; n=$(wc -l <"$tmp/err")
  if [ "$n" -ne 1 ]; then bad "$1: $n lines on stderr"; cat "$tmp/err"; return; fi
  if grep -Eq -- "$2" "$tmp/err"; then ok "$1 message"; else bad "$1: message '$(cat "$tmp/err")' does not match '$2'"; fi
}

# --- good input -------------------------------------------------------------------------
printf 'Đảng ủy Thành phố Cần Thơ\n' >"$tmp/nfc.txt"
run "NFC passes through" 0 "$tmp/nfc.txt" && expect_out "NFC" "Đảng ủy Thành phố Cần Thơ"
cmp -s "$tmp/out" "$tmp/nfc.txt" || bad "NFC output is not byte-identical"
[ -s "$tmp/err" ] && bad "no --report but stderr not empty"

printf 'Vie\xcc\x82\xcc\xa3t Nam ho\xcd\x80a\r\nVi\xc3\xaa \xcc\xa3t \xc3\x90\xe1\xba\xa3ng\r\n' >"$tmp/nfd.txt"
run "NFD + repairs" 0 --report "$tmp/nfd.txt" && expect_out "NFD" "$(printf 'Việt Nam hòa\nViệt Đảng')"
for r in "encoding: utf-8" "repaired: nfd-to-nfc" "repaired: crlf-to-lf" "repaired: space-before-mark" \
         "repaired: eth-to-dstroke" "repaired: tone-mark-variants"; do
  grep -qx "$r" "$tmp/err" || bad "--report lacks '$r'"
done

run "stdin with -" 0 - <"$tmp/nfd.txt"
run "stdin without a file" 0 <"$tmp/nfc.txt" && expect_out "stdin" "Đảng ủy Thành phố Cần Thơ"

printf '\xef\xbb\xbfXin ch\xc3\xa0o\n' >"$tmp/bom.txt"
run "UTF-8 BOM" 0 --report "$tmp/bom.txt" && expect_out "UTF-8 BOM" "Xin chào"
grep -qx "repaired: bom-removed" "$tmp/err" || bad "bom-removed not reported"

printf '\xff\xfeV\0i\0\xc7\x1et\0 \0N\0a\0m\0\n\0' >"$tmp/u16le.txt"
run "UTF-16LE" 0 --report "$tmp/u16le.txt" && expect_out "UTF-16LE" "Việt Nam"
grep -qx "encoding: utf-16" "$tmp/err" || bad "utf-16 not reported"
printf '\xfe\xff\0V\0i\x1e\xc7\0t' >"$tmp/u16be.txt"
run "UTF-16BE" 0 "$tmp/u16be.txt" && expect_out "UTF-16BE" "Việt"

# legacy encodings (vectors from ../shared/FORMAT-NOTES.md §4)
printf '\xa7\xb6ng C\xe9ng s\xb6n Vi\xd6t Nam. Th\xad\xeang v\xf4 U\xfb ban nh\xa9n d\xa9n\n' >"$tmp/tcvn3.txt"
run "TCVN3" 0 --report "$tmp/tcvn3.txt" && expect_out "TCVN3" "Đảng Cộng sản Việt Nam. Thường vụ Uỷ ban nhân dân"
grep -qx "encoding: tcvn3" "$tmp/err" || bad "tcvn3 not reported"
grep -qx "repaired: tcvn3-to-unicode" "$tmp/err" || bad "tcvn3-to-unicode not reported"

printf '\xd1a\xfbng Co\xe4ng sa\xfbn Vie\xe4t Nam, Th\xf6\xf4\xf8ng vu\xef\n' >"$tmp/vni.txt"
run "VNI" 0 --report "$tmp/vni.txt" && expect_out "VNI" "Đảng Cộng sản Việt Nam, Thường vụ"
grep -qx "encoding: vni" "$tmp/err" || bad "vni not reported"

printf 'DDa?ng Co^.ng sa?n Vie^.t Nam, Thu+o+`ng vu. Tha`nh u?y\n' >"$tmp/viqr.txt"
run "VIQR" 0 --report "$tmp/viqr.txt" && expect_out "VIQR" "Đảng Cộng sản Việt Nam, Thường vụ Thành ủy"
grep -qx "encoding: viqr" "$tmp/err" || bad "viqr not reported"

printf '\xd0a\xd2ng C\xf4\xf2ng sa\xd2n Vi\xea\xf2t Nam, Th\xfd\xf5\xccng v\x75\xf2\n' >"$tmp/cp1258.txt"
run "CP1258" 0 --report "$tmp/cp1258.txt" && expect_out "CP1258" "Đảng Cộng sản Việt Nam, Thường vụ"
grep -qx "encoding: cp1258" "$tmp/err" || bad "cp1258 not reported"

printf '\xc3\x84\xc2\x90\xc3\xa1\xc2\xba\xc2\xa3ng C\xc3\xa1\xc2\xbb\xc2\x99ng s\xc3\xa1\xc2\xba\xc2\xa3n Vi\xc3\xa1\xc2\xbb\xe2\x80\xa1t Nam\n' >"$tmp/moji.txt"
run "mojibake" 0 --report "$tmp/moji.txt" && expect_out "mojibake" "Đảng Cộng sản Việt Nam"
grep -qx "repaired: mojibake-repaired" "$tmp/err" || bad "mojibake not reported"

# TCVN3 bytes that were once read as Latin-1 and saved as UTF-8 (pasted from a .VnTime document)
printf '\xc2\xa7\xc2\xb6ng C\xc3\xa9ng s\xc2\xb6n Vi\xc3\x96t Nam\n' >"$tmp/tcvn3u.txt"
run "TCVN3 saved as UTF-8" 0 --report "$tmp/tcvn3u.txt" && expect_out "TCVN3 as UTF-8" "Đảng Cộng sản Việt Nam"
grep -qx "encoding: tcvn3" "$tmp/err" || bad "tcvn3 (as UTF-8) not reported"

# ordinary text must not be "repaired"
printf 'The quick brown fox? Yes. if (a^b) x = data(i);\nCopyright \xc2\xa9 2021 \xe2\x80\x94 ok\n' >"$tmp/plain.txt"
run "plain text untouched" 0 --report "$tmp/plain.txt"
cmp -s "$tmp/out" "$tmp/plain.txt" || bad "plain text changed"
grep -Eq "encoding: (utf-8|ascii)" "$tmp/err" || bad "plain text encoding: $(cat "$tmp/err")"
grep -q "repaired:" "$tmp/err" && bad "plain text reported a repair"

# several chunks: 3 MB of NFD without any space or line break, and a long multi-line file
printf 'Vie\xcc\x82\xcc\xa3t%.0s' $(seq 1 1000) >"$tmp/unit.txt"
for i in $(seq 1 400); do cat "$tmp/unit.txt"; done >"$tmp/word.txt"     # 3.6 MB, one "word"
printf 'Việt%.0s' $(seq 1 1000) >"$tmp/unit.nfc"
for i in $(seq 1 400); do cat "$tmp/unit.nfc"; done >"$tmp/word.nfc"
run "3.6 MB single NFD word (chunked)" 0 "$tmp/word.txt"
cmp -s "$tmp/out" "$tmp/word.nfc" || bad "chunked NFD word differs from NFC"

# the sample documents in examples/: the TCVN3 and NFD ones give their UTF-8 sources back
ex="${DONDOC_SRC:-}/examples"
if [ -f "$ex/15-tb-tcvn3.txt" ] && [ -f "$ex/src/15-tb-tcvn3.txt" ]; then
  run "examples: TCVN3 notice" 0 --report "$ex/15-tb-tcvn3.txt"
  cmp -s "$tmp/out" "$ex/src/15-tb-tcvn3.txt" || bad "examples/15-tb-tcvn3.txt does not give its source back"
  grep -qx "encoding: tcvn3" "$tmp/err" || bad "examples/15: tcvn3 not detected"
  run "examples: NFD notice" 0 "$ex/09-tb-nfd.txt"
  cmp -s "$tmp/out" "$ex/src/09-tb-nfd.txt" || bad "examples/09-tb-nfd.txt does not give its source back"
else
  echo "skip: examples/ not found (DONDOC_SRC unset?)"
fi

# real documents (../shared/corpus, when present): UTF-8, no legacy encoding may be "detected"
corpus="${DONDOC_SRC:-.}/../shared/corpus/docs"
if [ -d "$corpus" ]; then
  n=0
  for f in "$corpus"/*.txt; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    "$DONDOC" normalize --report "$f" >/dev/null 2>"$tmp/err" || { bad "corpus $(basename "$f"): exit $?"; continue; }
    grep -qx "encoding: utf-8" "$tmp/err" || bad "corpus $(basename "$f"): $(head -n 1 "$tmp/err")"
    grep -Eq "to-unicode|mojibake" "$tmp/err" && bad "corpus $(basename "$f"): a legacy repair on Unicode text"
  done
  ok "corpus: $n documents read as UTF-8"
else
  echo "skip: ../shared/corpus not present, corpus check not run"
fi

# a legacy file of several chunks (3 MB of TCVN3): detected once, decoded chunk by chunk
yes "$(head -n 1 "$tmp/tcvn3.txt")" | head -n 40000 >"$tmp/tcvn3big.txt"
if [ "$(wc -l <"$tmp/tcvn3big.txt")" -eq 40000 ]; then
  run "3 MB TCVN3 (chunked)" 0 "$tmp/tcvn3big.txt"
  if [ "$(sort -u "$tmp/out")" = "Đảng Cộng sản Việt Nam. Thường vụ Uỷ ban nhân dân" ] && [ "$(wc -l <"$tmp/out")" -eq 40000 ]; then
    ok "3 MB TCVN3 output"
  else
    bad "3 MB TCVN3 output: $(sort -u "$tmp/out" | head -c 200)"
  fi
else
  bad "could not make the TCVN3 test file"
fi

# --- bad input ----------------------------------------------------------------------------
: >"$tmp/empty.txt"
run "empty file" 65 "$tmp/empty.txt"; one_error "empty file" "empty\.txt.*empty input"
run "empty stdin" 65 - </dev/null; one_error "empty stdin" "<stdin>.*empty input"
printf '\xef\xbb\xbf' >"$tmp/bomonly.txt"
run "BOM only" 65 "$tmp/bomonly.txt"; one_error "BOM only" "empty input"

head -c 4096 /dev/urandom >"$tmp/random.bin"; printf '\0\0\0' >>"$tmp/random.bin"
run "binary file" 65 "$tmp/random.bin"; one_error "binary file" "random\.bin.*binary"
if [ -r "$DONDOC" ]; then
  run "the dondoc binary itself" 65 "$DONDOC"; one_error "dondoc binary" "binary"
fi

printf 'Xin ch\xc3\xa0o \xff\xfe ok, caf\xe9\n' >"$tmp/invalid.txt"
run "invalid UTF-8" 65 "$tmp/invalid.txt"; one_error "invalid UTF-8" "invalid\.txt.*invalid UTF-8 at byte 10"
printf 'Le caf\xe9 est tr\xe8s bon\n' >"$tmp/latin1.txt"
run "Latin-1 French (no Vietnamese encoding)" 65 "$tmp/latin1.txt"; one_error "Latin-1" "invalid UTF-8 at byte 6"
printf '\xff\xfe\x3d\xd8' >"$tmp/badu16.txt"
run "UTF-16 with an unpaired surrogate" 65 "$tmp/badu16.txt"; one_error "bad UTF-16" "badu16\.txt.*surrogate"

# invalid UTF-8 far into a file (a later chunk): the offset is counted from the file start
{ cat "$tmp/word.nfc"; printf ' ok \xc3('; } >"$tmp/late.txt"
off=$(( $(stat -c %s "$tmp/word.nfc") + 4 ))
run "invalid UTF-8 after 3.6 MB" 65 "$tmp/late.txt"; one_error "late invalid UTF-8" "late\.txt.*invalid UTF-8 at byte $off\b"

run "missing file" 66 "$tmp/nope.txt"; one_error "missing file" "cannot open .*nope\.txt"
run "a directory" 66 "$tmp"; one_error "directory" "directory"
if [ "$(id -u)" -ne 0 ]; then
  printf 'x' >"$tmp/noread.txt"; chmod 000 "$tmp/noread.txt"
  run "unreadable file" 66 "$tmp/noread.txt"; one_error "unreadable" "cannot open"
fi
run "unknown option" 2 --frobnicate; one_error "unknown option" "unknown option"
run "two files" 2 "$tmp/nfc.txt" "$tmp/nfc.txt"
run "bad --max-size" 2 --max-size lots "$tmp/nfc.txt"
run "--max-size exceeded (file)" 65 --max-size 10 "$tmp/nfc.txt"; one_error "max-size file" "nfc\.txt.*too large"
run "--max-size exceeded (stdin)" 65 --max-size 2K - <"$tmp/word.txt"; one_error "max-size stdin" "<stdin>.*too large"

# a 200 MB single line: streamed in chunks, memory stays small, output is the same bytes
big="$tmp/big.txt"
head -c 200000000 < <(yes 'Việt Nam ' | tr -d '\n') >"$big"
size=$(stat -c %s "$big")
if [ "$size" -ne 200000000 ]; then
  bad "could not make the 200 MB input ($size bytes)"
else
  rss=""
  if [ -x /usr/bin/time ] && [ -z "${DONDOC_SANITIZED:-}" ]; then
    /usr/bin/time -f '%M' -o "$tmp/rss" "$DONDOC" normalize "$big" >"$tmp/bigout" 2>"$tmp/err"
    rc=$?; rss=$(tail -n 1 "$tmp/rss")
  else
    "$DONDOC" normalize "$big" >"$tmp/bigout" 2>"$tmp/err"; rc=$?
  fi
  if [ "$rc" -ne 0 ]; then bad "200 MB line: exit $rc: $(cat "$tmp/err")"; else ok "200 MB line"; fi
  [ "$(stat -c %s "$tmp/bigout")" -eq 200000000 ] || bad "200 MB line: output size $(stat -c %s "$tmp/bigout")"
  cmp -s "$big" "$tmp/bigout" || bad "200 MB line: output differs"
  if [ -n "$rss" ]; then
    if [ "$rss" -lt 65536 ]; then ok "200 MB line: max RSS ${rss} KiB"; else bad "200 MB line: max RSS ${rss} KiB (want < 64 MiB)"; fi
  else
    echo "skip: memory check (no /usr/bin/time or sanitized build)"
  fi
  rm -f "$tmp/bigout"
  run "200 MB line over --max-size 100M" 65 --max-size 100M "$big"; one_error "200 MB over limit" "big\.txt.*too large"
  run "200 MB line on stdin over --max-size 100M" 65 --max-size 100M - <"$big"; one_error "200 MB stdin over limit" "too large"
fi
rm -f "$big"

[ $fail -eq 0 ] && echo "normalize: all passed"
exit $fail
