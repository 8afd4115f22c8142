#!/usr/bin/env bash
# dondoc extract end to end: output modes, several files, exit codes and messages on bad input
set -u
: "${DONDOC:?set DONDOC to the dondoc binary}"
tmp=$(mktemp -d /tmp/dondoc-extract.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
have_py=0; command -v python3 >/dev/null 2>&1 && have_py=1

cat >"$tmp/a.txt" <<'DOC'
ỦY BAN NHÂN DÂN                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ CẦN THƠ                        Độc lập - Tự do - Hạnh phúc

Số: 88/TB-UBND                       Cần Thơ, ngày 19 tháng 10 năm 2021

THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân thành phố

Ngày 15/10/2021, Chủ tịch Ủy ban nhân dân thành phố Trương Văn Tâm chủ trì cuộc họp.

1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng bố trí kinh phí trước ngày 30/11/2021.
2. Giao Sở Xây dựng kiểm tra chất lượng công trình; thực hiện thường xuyên.

Nơi nhận:                                       TL. CHỦ TỊCH
- Các Sở: TC, XD;                               CHÁNH VĂN PHÒNG
- Lưu: VT, VX.
                                                Lý Thị Hồng Nhung
DOC
printf 'Chỉ có một dòng chữ.\n' >"$tmp/b.txt"
printf '\x00\x01\x02\x03binary\x00\x00' >"$tmp/bin.txt"
: >"$tmp/empty.txt"

# --json: one object, the schema's keys
"$DONDOC" extract --json "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && ok "--json exit 0" || bad "--json exit $rc: $(cat "$tmp/err")"
if [ $have_py -eq 1 ]; then
  python3 - "$tmp/out" <<'PY' && ok "--json content" || bad "--json content"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
keys = ["schema", "source", "type", "number", "issuer", "parent_body", "place", "date", "subject",
        "meeting", "period", "tasks", "recipients", "archive", "signature", "warnings"]
assert list(d.keys()) == keys, list(d.keys())
assert d["schema"] == "dondoc.extract/1"
assert d["type"]["code"] == "TB" and d["number"] == "88/TB-UBND" and d["date"] == "2021-10-19"
assert d["issuer"] == "Ủy ban nhân dân thành phố Cần Thơ", d["issuer"]
assert d["meeting"]["date"] == "2021-10-15"
assert [t["id"] for t in d["tasks"]] == ["1", "2"]
t1 = d["tasks"][0]
assert t1["lead_units"] == ["Sở Tài chính"] and t1["supporting_units"] == ["Sở Xây dựng"], t1
assert t1["deadline"]["date"] == "2021-11-30" and t1["deadline"]["kind"] == "by"
assert d["tasks"][1]["deadline"]["kind"] == "recurring"
assert d["signature"] == {"authority": "T/L", "on_behalf_of": "Chủ tịch", "title": "Chánh Văn phòng",
                          "name": "Lý Thị Hồng Nhung"}, d["signature"]
assert d["archive"] == "VT, VX" and len(d["recipients"]) == 1
PY
fi

# several files with --json: an array; --jsonl: one object per line
"$DONDOC" extract --json "$tmp/a.txt" "$tmp/b.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && ok "--json two files exit 0" || bad "--json two files exit $rc"
if [ $have_py -eq 1 ]; then
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list) and len(d) == 2' "$tmp/out" \
    && ok "--json two files: an array of 2" || bad "--json two files: not an array of 2"
fi
"$DONDOC" extract --jsonl "$tmp/a.txt" "$tmp/b.txt" "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
lines=$(wc -l <"$tmp/out")
[ $rc -eq 0 ] && [ "$lines" -eq 3 ] && ok "--jsonl: 3 lines" || bad "--jsonl: exit $rc, $lines lines"
if [ $have_py -eq 1 ]; then
  python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$tmp/out" \
    && ok "--jsonl lines are JSON" || bad "--jsonl lines are not JSON"
fi

# the summary for a person
"$DONDOC" extract "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q "Loại văn bản:.*Thông báo" "$tmp/out" && grep -q "88/TB-UBND" "$tmp/out" \
   && grep -q "chủ trì: Sở Tài chính" "$tmp/out" && grep -q "thời hạn: 2021-11-30" "$tmp/out"; then
  ok "summary"
else
  bad "summary: $(head -c 400 "$tmp/out")"
fi
# --text: the reader's lines
"$DONDOC" extract --text "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"
grep -qx "THÔNG BÁO" "$tmp/out" && ok "--text" || bad "--text"

# bad input: one line on stderr naming the file, the right exit code, the others still done
"$DONDOC" extract --json "$tmp/missing.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 66 ] && ok "missing file: exit 66" || bad "missing file: exit $rc"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "^dondoc: $tmp/missing.txt: " "$tmp/err" \
  && ok "missing file: one line naming the file" || bad "missing file message: $(cat "$tmp/err")"
"$DONDOC" extract --json "$tmp/bin.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 65 ] && ok "binary file: exit 65" || bad "binary file: exit $rc: $(cat "$tmp/err")"
"$DONDOC" extract --json "$tmp/empty.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 65 ] && ok "empty file: exit 65" || bad "empty file: exit $rc: $(cat "$tmp/err")"
"$DONDOC" extract --jsonl "$tmp/bin.txt" "$tmp/a.txt" "$tmp/missing.txt" "$tmp/b.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 66 ] && ok "mixed files: worst exit code 66" || bad "mixed files: exit $rc"
[ "$(wc -l <"$tmp/out")" -eq 2 ] && ok "mixed files: the good ones extracted" || bad "mixed files: $(wc -l <"$tmp/out") objects"
[ "$(wc -l <"$tmp/err")" -eq 2 ] && ok "mixed files: one line per bad file" || bad "mixed files stderr: $(cat "$tmp/err")"
"$DONDOC" extract --bogus "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok "unknown option: exit 2" || bad "unknown option: exit $rc"
"$DONDOC" extract >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 2 ] && ok "no file: exit 2" || bad "no file: exit $rc"

# a user's gazetteer replaces the built-in one
mkdir "$tmp/data"
# (suggested units are the gazetteer's names; lead/supporting units stay as the text wrote them)
printf '# units\nQLDT\tPhòng Quản lý đô thị\tdepartment\t\tSở Tài chính\n' >"$tmp/data/units.tsv"
printf '# topics\nbudget\tkinh phí\tPhòng Quản lý đô thị\n' >"$tmp/data/topics.tsv"
"$DONDOC" --data-dir "$tmp/data" extract --json "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -A2 '"suggested_units"' "$tmp/out" | grep -q '"Phòng Quản lý đô thị"' &&
  grep -A2 '"lead_units"' "$tmp/out" | grep -q '"Sở Tài chính"' && ok "--data-dir units.tsv, topics.tsv used" \
  || bad "--data-dir: exit $rc $(cat "$tmp/err")"
rm -f "$tmp/data/topics.tsv"
printf 'broken line without tabs\n' >"$tmp/data/units.tsv"
"$DONDOC" --data-dir "$tmp/data" extract --json "$tmp/a.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc -eq 65 ] && grep -q "units.tsv" "$tmp/err" && ok "broken gazetteer: exit 65 naming the file" \
  || bad "broken gazetteer: exit $rc: $(cat "$tmp/err")"
exit $fail
