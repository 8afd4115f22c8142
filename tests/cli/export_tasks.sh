#!/usr/bin/env bash
# export_tasks.sh - `dondoc export tasks` (xlsx, csv, ics) and `dondoc import-tasks` end to end:
# formats, filters, the XLSX package (frozen header, autofilter, dates, colours), the CSV BOM,
# RFC 5545 lines, an edited sheet re-imported (preview, --apply, conflicts), and bad input.
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
command -v python3 >/dev/null || { echo "skip: python3 is needed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong DONDOC_TODAY=2021-03-25
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }

python3 - "$T" <<'PY'
import json, sys
def task(i, text, due, kind="by", lead=None):
    return {"id": str(i), "label": f"{i}.", "parent": None, "line": i, "text": text,
            "lead_units": [lead] if lead else [], "supporting_units": [], "suggested_units": [],
            "deadline": {"text": "", "date": due, "kind": kind, "inherited": False}, "topics": []}
d = {"schema": "dondoc.extract/1", "source": {"path": "a.txt", "format": "txt", "bytes": 0, "encoding": "utf-8", "repairs": []},
     "type": {"code": "TB", "name": "Thông báo"}, "number": "45-TB/TU", "issuer": "Ban Thường vụ Thành ủy",
     "parent_body": None, "place": None, "date": "2021-03-01", "subject": "kết luận", "meeting": {"date": None, "chairs": []},
     "period": None, "recipients": [], "archive": None, "signature": None, "warnings": [],
     "tasks": [task(1, "Tổ chức hội nghị, \"quán triệt\" Nghị quyết; báo cáo kết quả", "2021-03-31", lead="Ban Tổ chức Thành ủy"),
               task(2, "Đẩy nhanh giải ngân vốn đầu tư công năm 2021, phấn đấu đến cuối quý I/2021 giải ngân đạt trên 20% kế hoạch vốn được giao", "2021-03-15", lead="Sở Tài chính"),
               task(3, "Phòng, chống dịch Covid-19", None, "recurring", lead="Sở Y tế"),
               task(4, "-Rà soát tổ chức bộ máy", "2021-04-10", lead="Sở Nội vụ")]}
json.dump(d, open(sys.argv[1] + "/a.json", "w"), ensure_ascii=False)
PY
"$DONDOC" import --from-json "$T/a.json" >/dev/null 2>&1
check "fixture imported" 0 $?

# --- CSV
"$DONDOC" export tasks --format csv -o "$T/t.csv" 2>/dev/null
check "csv exit code" 0 $?
head -c 3 "$T/t.csv" | od -An -tx1 | tr -d ' \n' | grep -q "^efbbbf$" && ok "csv starts with a BOM" || bad "no BOM"
python3 - "$T/t.csv" <<'PY' >"$T/csv.out" 2>&1
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.count(b"\r\n") == 5, "CRLF rows"
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0][:5] == ["Mã", "Văn bản", "Ngày văn bản", "Mục", "Nội dung nhiệm vụ"], rows[0]
assert len(rows) == 5 and all(len(r) == 13 for r in rows)
texts = [r[4] for r in rows[1:]]
assert 'Tổ chức hội nghị, "quán triệt" Nghị quyết; báo cáo kết quả' in texts
assert "'-Rà soát tổ chức bộ máy" in texts   # formula guard
dues = sorted(r[7] for r in rows[1:])
assert dues == ["2021-03-15", "2021-03-31", "2021-04-10", "Thường xuyên"], dues
print("csv ok")
PY
[ $? -eq 0 ] && ok "csv content" || bad "csv: $(cat "$T/csv.out")"
n=$("$DONDOC" export tasks --format csv --unit "Sở Tài chính" | python3 -c "import sys,csv;print(len(list(csv.reader(sys.stdin)))-1)")
check "csv --unit filter (to stdout)" 1 "$n"
n=$("$DONDOC" export tasks --format csv --overdue | python3 -c "import sys,csv;print(len(list(csv.reader(sys.stdin)))-1)")
check "csv --overdue = dondoc tasks --overdue" "$("$DONDOC" tasks --overdue --json | python3 -c 'import json,sys;print(json.load(sys.stdin)["total"])')" "$n"

# --- iCalendar
"$DONDOC" export tasks -o "$T/t.ics" 2>"$T/err"
check "ics from the extension" 0 $?
grep -q "1 without a due date left out" "$T/err" && ok "ics reports tasks without a date" || bad "ics stderr: $(cat "$T/err")"
python3 - "$T/t.ics" <<'PY' >"$T/ics.out" 2>&1
import sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
assert raw.endswith(b"END:VCALENDAR\r\n")
lines = raw.split(b"\r\n")[:-1]
assert all(len(l) <= 75 for l in lines), "line over 75 octets"
assert all(b"\n" not in l for l in lines), "bare LF"
for l in lines:
    l.decode("utf-8")                      # folding never splits a character
unf = raw.replace(b"\r\n ", b"").decode()
assert unf.count("BEGIN:VEVENT") == 3 and unf.count("END:VEVENT") == 3
assert "DTSTART;VALUE=DATE:20210315\r\nDTEND;VALUE=DATE:20210316" in unf
assert "UID:dondoc-task-" in unf and "DTSTAMP:" in unf
assert "hội nghị\\, \"quán triệt\" Nghị quyết\\; báo cáo" in unf, "TEXT escaping"
assert any(len(l) == 75 and lines[i + 1].startswith(b" ") for i, l in enumerate(lines[:-1])), "a long line was folded"
print("ics ok")
PY
[ $? -eq 0 ] && ok "ics is RFC 5545 (CRLF, folding, escaping, all-day dates)" || bad "ics: $(cat "$T/ics.out")"
n=$("$DONDOC" export tasks --format ics --unit "Sở Nội vụ" | grep -c "BEGIN:VEVENT")
check "ics per unit" 1 "$n"

# --- XLSX
"$DONDOC" export tasks --format xlsx -o "$T/t.xlsx" 2>/dev/null
check "xlsx exit code" 0 $?
python3 - "$T/t.xlsx" <<'PY' >"$T/x.out" 2>&1
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
s = z.read("xl/worksheets/sheet1.xml").decode()
assert '<pane ySplit="1"' in s and 'state="frozen"' in s, "frozen header"
assert "<autoFilter" in s, "autofilter"
assert "Nội dung nhiệm vụ" in s and "Đơn vị chủ trì" in s, "Vietnamese headers"
st = z.read("xl/styles.xml").decode()
assert "dd/mm/yyyy" in st, "date format"
assert "E53935" in st.upper(), "overdue colour"
assert re.search(r'<c r="H2" s="\d+"><v>44\d\d\d</v>', s), "due as a real date"
print("xlsx ok")
PY
[ $? -eq 0 ] && ok "xlsx: frozen header, filter, dates, colours" || bad "xlsx: $(cat "$T/x.out")"

# --- import-tasks: preview, apply, conflicts
python3 - "$T" <<'PY'
import csv, sys
t = sys.argv[1]
rows = list(csv.reader(open(t + "/t.csv", encoding="utf-8-sig", newline="")))
for r in rows[1:]:
    if r[4].startswith("Đẩy nhanh"):
        r[7] = "15/04/2021"                     # new deadline
    if r[4].startswith("Tổ chức hội nghị"):
        r[4] = r[4] + " (đã sửa)"             # corrected text
    if r[4].startswith("'-Rà soát"):
        r[5] = "Sở Tài chính"                  # changed in the sheet ...
    if r[4].startswith("Phòng, chống"):
        r[6] = "Công an thành phố"             # supporting units: not imported, said so
with open(t + "/e.csv", "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
PY
sleep 1
rs=$("$DONDOC" tasks --json --limit 50 | python3 -c "import json,sys;print([x['id'] for x in json.load(sys.stdin)['tasks'] if x['text'].startswith('-Rà')][0])")
"$DONDOC" assign "$rs" --due 2021-04-12 >/dev/null                 # ... and in the database
"$DONDOC" import-tasks "$T/e.csv" >"$T/prev" 2>&1
check "preview with a conflict exits 65" 65 $?
grep -q "4 rows: 1 unchanged, 2 changed, 1 conflicts, 1 errors" "$T/prev" && ok "preview summary" || bad "preview: $(cat "$T/prev")"
grep -q "error: line .*column 'Đơn vị phối hợp' is not imported" "$T/prev" && ok "an edited column that is not imported is reported" || bad "support column: $(cat "$T/prev")"
grep -q "nothing written" "$T/prev" && ok "preview writes nothing" || bad "preview text"
check "deadline unchanged after preview" "2021-03-15" "$("$DONDOC" tasks --json --unit 'Sở Tài chính' | python3 -c 'import json,sys;print(json.load(sys.stdin)["tasks"][0]["due"])')"
"$DONDOC" import-tasks --apply --json "$T/e.csv" >"$T/ap" 2>&1
check "apply with a conflict exits 65" 65 $?
check "2 applied" 2 "$(python3 -c "import json;print(json.load(open('$T/ap'))['applied'])")"
check "deadline from the sheet (DD/MM/YYYY)" "2021-04-15" "$("$DONDOC" tasks --json --unit 'Sở Tài chính' | python3 -c 'import json,sys;print(json.load(sys.stdin)["tasks"][0]["due"])')"
lead_due=$("$DONDOC" tasks --json --limit 50 | python3 -c "
import json,sys
t=[x for x in json.load(sys.stdin)['tasks'] if x['id']==$rs][0]
print([u['name'] for u in t['units'] if u['role']=='lead'][0], t['due'])")
check "conflicting row not applied (lead and deadline from the database)" "Sở Nội vụ 2021-04-12" "$lead_due"
"$DONDOC" import-tasks "$T/e.csv" >"$T/again" 2>&1
grep -q "3 unchanged, 0 changed, 1 conflicts" "$T/again" && ok "re-import of the old sheet: applied rows unchanged, the conflict still refused" || bad "again: $(cat "$T/again")"

# XLSX round trip: export, import unchanged
"$DONDOC" export tasks -o "$T/u.xlsx" 2>/dev/null
"$DONDOC" import-tasks "$T/u.xlsx" >"$T/u.out" 2>&1
check "xlsx re-import unchanged exit 0" 0 $?
grep -q "4 rows: 4 unchanged, 0 changed" "$T/u.out" && ok "xlsx read back unchanged" || bad "xlsx reimport: $(cat "$T/u.out")"

# --- bad input
"$DONDOC" export tasks --format pdf -o "$T/x.pdf" >/dev/null 2>&1; check "unknown format (2)" 2 $?
"$DONDOC" export tasks --format xlsx >/dev/null 2>&1; check "xlsx needs -o (2)" 2 $?
"$DONDOC" export docs --format csv >/dev/null 2>&1; check "export docs unknown (2)" 2 $?
"$DONDOC" export tasks --format csv --unit "Không có" >/dev/null 2>&1; check "unknown unit (2)" 2 $?
"$DONDOC" export tasks --format csv --status bogus >/dev/null 2>&1; check "unknown status (2)" 2 $?
"$DONDOC" export tasks --format xlsx -o "$T/no/dir/x.xlsx" >/dev/null 2>&1; check "unwritable xlsx (1)" 1 $?
"$DONDOC" import-tasks "$T/missing.csv" >/dev/null 2>&1; check "missing file (66)" 66 $?
printf 'a,b\r\n1,2\r\n' >"$T/bad.csv"
"$DONDOC" import-tasks "$T/bad.csv" >/dev/null 2>&1; check "not a task sheet (65)" 65 $?
printf 'PK\003\004garbage' >"$T/bad.xlsx"
"$DONDOC" import-tasks "$T/bad.xlsx" >/dev/null 2>&1; check "corrupt xlsx (65)" 65 $?
"$DONDOC" import-tasks >/dev/null 2>&1; check "no file (2)" 2 $?

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all ok"
