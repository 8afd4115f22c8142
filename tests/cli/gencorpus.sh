#!/usr/bin/env bash
# gen-corpus end to end: determinism, files vs stdout, --size, variants, document structure, bad options.
set -u
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gencorpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }

# same seed -> identical bytes; other seed -> different bytes
"$DONDOC" gen-corpus --count 20 --seed 7 >"$tmp/a" || bad "gen-corpus --seed 7 failed"
"$DONDOC" gen-corpus --count 20 --seed 7 >"$tmp/b"
"$DONDOC" gen-corpus --count 20 --seed=8 >"$tmp/c"
[ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b" && ok "same seed, same bytes" || bad "same seed gave different output"
cmp -s "$tmp/a" "$tmp/c" && bad "different seeds gave the same output" || ok "different seeds differ"
# a prefix of the corpus does not depend on how many documents follow
"$DONDOC" gen-corpus --count 3 --seed 7 >"$tmp/p"
head -c "$(wc -c <"$tmp/p")" "$tmp/a" | cmp -s - "$tmp/p" && ok "prefix is stable" || bad "first 3 documents change with --count"

# --out DIR: one file per document; joined with blank lines they equal the stdout form
"$DONDOC" gen-corpus --count 20 --seed 7 --out "$tmp/dir" || bad "--out DIR failed"
n=$(find "$tmp/dir" -type f | wc -l)
[ "$n" -eq 20 ] && ok "20 files" || bad "--out wrote $n files, want 20"
[ -f "$tmp/dir/doc-000001.txt" ] && [ -f "$tmp/dir/doc-000020.txt" ] && ok "file names" || bad "file names"
for f in "$tmp"/dir/doc-*.txt; do
  [ "$f" != "$tmp/dir/doc-000001.txt" ] && echo
  cat "$f"
done >"$tmp/joined"
cmp -s "$tmp/joined" "$tmp/a" && ok "files joined = stdout" || bad "files joined differ from stdout output"

# every document has a type line (or a công văn subject), a number, numbered tasks, recipients
for f in "$tmp"/dir/doc-*.txt; do
  grep -Eq '^(THÔNG BÁO|KẾT LUẬN|CHỈ THỊ|KẾ HOẠCH|QUYẾT ĐỊNH)$|^(V/v|về) ' "$f" || bad "$(basename "$f"): no type line"
  grep -Eq '^Số:? [0-9]+(-[A-ZĐ]+/TU|/[A-ZĐ]+-UBND|/UBND-[A-Z]+)' "$f" || bad "$(basename "$f"): no number"
  grep -Eq '^1[.-] ' "$f" && grep -Eq '^2[.-] ' "$f" || bad "$(basename "$f"): no numbered tasks"
  grep -Eq '(giao|Giao|chủ trì|Đề nghị|Yêu cầu|Thủ trưởng|Các cấp ủy) ' "$f" || bad "$(basename "$f"): no assignment"
  grep -q '^Nơi nhận:' "$f" || bad "$(basename "$f"): no Nơi nhận"
done
ok "structure of 20 documents checked"
# both formats and several types over a larger sample
"$DONDOC" gen-corpus --count 200 --seed 3 >"$tmp/many"
for s in 'ĐẢNG CỘNG SẢN VIỆT NAM' 'Độc lập - Tự do - Hạnh phúc' '^THÔNG BÁO$' '^KẾT LUẬN$' '^CHỈ THỊ$' \
         '^KẾ HOẠCH$' '^QUYẾT ĐỊNH$' '^V/v ' 'T/M BAN THƯỜNG VỤ' 'TM. ỦY BAN NHÂN DÂN' '^a\) ' '^\+ ' \
         'trước ngày [0-9]' 'trong quý [IV]+/20[0-9][0-9]' 'thường xuyên' 'trong tháng [0-9]+ năm 20'; do
  grep -Eq "$s" "$tmp/many" || bad "200 documents never contain '$s'"
done
ok "variety"
[ "$(grep -c '^Nơi nhận:' "$tmp/many")" -eq 200 ] && ok "200 documents" || bad "200 documents expected"

# --size: whole documents until at least BYTES
"$DONDOC" gen-corpus --size 100000 >"$tmp/s"
sz=$(wc -c <"$tmp/s")
[ "$sz" -ge 100000 ] && [ "$sz" -lt 130000 ] && ok "--size 100000 -> $sz bytes" || bad "--size 100000 gave $sz bytes"
"$DONDOC" gen-corpus --size 1K | tail -n 1 | grep -Eq '^[[:upper:]]' && ok "--size ends with a whole document" || bad "--size 1K cut a document"

# --count 0: nothing
[ -z "$("$DONDOC" gen-corpus --count 0)" ] && ok "--count 0" || bad "--count 0 wrote something"

# NFD variant: combining marks, no precomposed Vietnamese letters (U+1EA0..U+1EF9 = E1 BA/BB xx)
"$DONDOC" gen-corpus --count 5 --variant nfd >"$tmp/nfd" || bad "--variant nfd failed"
LC_ALL=C grep -q $'\xcc\x81' "$tmp/nfd" && ok "nfd has U+0301" || bad "nfd output has no combining acute"
LC_ALL=C grep -q $'\xe1\xba\|\xe1\xbb' "$tmp/nfd" && bad "nfd output still has precomposed letters" || ok "nfd has no precomposed letters"
LC_ALL=C grep -q $'\xc3[\x80-\xbf]' "$tmp/nfd" && bad "nfd output has precomposed Latin-1 letters" || ok "nfd has no Latin-1 letters"
"$DONDOC" gen-corpus --count 5 >"$tmp/nfc"
[ "$(wc -c <"$tmp/nfd")" -gt "$(wc -c <"$tmp/nfc")" ] && ok "nfd is longer" || bad "nfd not longer than nfc"
if command -v python3 >/dev/null; then
  python3 -c 'import sys,unicodedata as u; a=open(sys.argv[1],encoding="utf-8").read(); b=open(sys.argv[2],encoding="utf-8").read(); sys.exit(0 if u.normalize("NFD",b)==a and u.normalize("NFC",a)==b else 1)' \
    "$tmp/nfd" "$tmp/nfc" && ok "python agrees: NFD of the NFC output" || bad "nfd output is not the NFD of the nfc output"
fi
# TCVN3 variant (legacy bytes): runs and is not longer than the UTF-8 text
"$DONDOC" gen-corpus --count 5 --variant tcvn3 >"$tmp/tcvn3" || bad "--variant tcvn3 failed"
[ -s "$tmp/tcvn3" ] && [ "$(wc -c <"$tmp/tcvn3")" -lt "$(wc -c <"$tmp/nfc")" ] && ok "tcvn3 is shorter" || bad "tcvn3 output size"
LC_ALL=C grep -q $'\xe1\xba\|\xe1\xbb\|\xc6\xb0\|\xc4\x91' "$tmp/tcvn3" && bad "tcvn3 output has UTF-8 letters" || ok "tcvn3 has no UTF-8 letters"
# and dondoc normalize (legacy detection) turns it back into exactly the NFC text
"$DONDOC" normalize "$tmp/tcvn3" 2>/dev/null | cmp -s - "$tmp/nfc" && ok "tcvn3 round trip through normalize" || bad "normalize of the tcvn3 output is not the nfc output"

# bad options: exit 2 and one line on stderr
usage() { # usage DESC ARGS...
  local d=$1; shift
  "$DONDOC" gen-corpus "$@" >/dev/null 2>"$tmp/err"
  local rc=$?
  if [ $rc -ne 2 ]; then bad "$d: exit $rc, want 2"
  elif [ "$(wc -l <"$tmp/err")" -ne 1 ]; then bad "$d: stderr is not one line"
  else ok "$d"; fi
}
usage "--count abc" --count abc
usage "--count -1" --count -1
usage "--count 1x" --count 1x
usage "--count huge" --count 999999999999
usage "--count hex" --count 0x10
usage "--count without value" --count
usage "--size 0" --size 0
usage "--size 5Q" --size 5Q
usage "--seed -3" --seed -3
usage "--seed overflow" --seed 99999999999999999999999
usage "--variant vni" --variant vni
usage "--out empty" --out ""
usage "both --count and --size" --count 3 --size 1000
usage "unknown option" --frobnicate
usage "stray argument" extra
grep -q "gen-corpus" "$tmp/err" && ok "message names the command" || bad "message does not name the command"
# --out onto a regular file: runtime error 1
: >"$tmp/file"
"$DONDOC" gen-corpus --count 1 --out "$tmp/file" 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] && grep -q "not a folder" "$tmp/err" && ok "--out FILE -> 1" || bad "--out onto a file: exit $rc"
"$DONDOC" help gen-corpus | grep -q -- "--variant" && ok "help" || bad "help gen-corpus"

[ $fail -eq 0 ] && echo "gencorpus: all passed"
exit $fail
