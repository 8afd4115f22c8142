#!/usr/bin/env bash
# report_monthly.sh - `dondoc report monthly` and `report draft-notice` end to end: a database built
# from hand-written extractions (import --from-json), the DOCX checked as a package (zip, content
# types, well-formed XML, headings, tables, figures equal to `dondoc tasks`), HTML and Markdown,
# bad input, and the DOCX opened by LibreOffice (converted to PDF; every task in pdftotext).
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
command -v python3 >/dev/null || { echo "skip: python3 is needed to check the package"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong
unset DONDOC_TODAY
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }

# --- two documents: March tasks, a recurring one, one without a date, one due in April
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
def task(i, text, due=None, kind="by", lead=None):
    return {"id": str(i), "label": f"{i}.", "parent": None, "line": 10 + i, "text": text,
            "lead_units": [lead] if lead else [], "supporting_units": [], "suggested_units": [],
            "deadline": {"text": due or "", "date": due, "kind": kind, "inherited": False},
            "topics": ["budget"] if "vốn" in text else []}
def doc(name, number, date, tasks):
    return {"schema": "dondoc.extract/1",
            "source": {"path": name, "format": "txt", "bytes": 0, "encoding": "utf-8", "repairs": []},
            "type": {"code": "TB", "name": "Thông báo"}, "number": number,
            "issuer": "Ban Thường vụ Thành ủy", "parent_body": None, "place": "Cần Thơ", "date": date,
            "subject": "kết luận của Ban Thường vụ Thành ủy tại cuộc họp thường kỳ",
            "meeting": {"date": date, "chairs": []},
            "period": {"text": "tháng 3 năm 2021", "from": "2021-03-01", "to": "2021-03-31"},
            "tasks": tasks, "recipients": [], "archive": None, "signature": None, "warnings": []}
a = doc("a.txt", "45-TB/TU", "2021-03-01", [
    task(1, "Tổ chức hội nghị quán triệt Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII", "2021-03-31", lead="Ban Tổ chức Thành ủy"),
    task(2, "Đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2021 <đạt trên 20%> & báo cáo", "2021-03-15", lead="Sở Tài chính"),
    task(3, "Thực hiện nghiêm các biện pháp phòng, chống dịch Covid-19", None, "recurring", lead="Sở Y tế"),
    task(4, "Xây dựng kế hoạch kiểm tra, giám sát năm 2021 trình Ban Thường vụ", "2021-03-20"),
])
b = doc("b.txt", "47-TB/TU", "2021-03-05", [
    task(1, "Rà soát, sắp xếp tổ chức bộ máy các cơ quan chuyên môn", "2021-03-25", lead="Sở Nội vụ"),
    task(2, "Chuẩn bị tổng kết công tác bầu cử đại biểu Hội đồng nhân dân", "2021-04-20", lead="Sở Nội vụ"),
    task(3, "Nghiên cứu đề án phát triển kinh tế số", None, "none"),
])
c = doc("c.txt", "40-TB/TU", "2021-02-01", [
    task(1, "Hoàn thành quy hoạch mạng lưới trường học", "2021-02-20", lead="Sở Tài chính"),
])
for n, d in (("a", a), ("b", b), ("c", c)):
    json.dump(d, open(f"{t}/{n}.json", "w"), ensure_ascii=False)
PY
"$DONDOC" import --from-json "$T/a.json" "$T/b.json" "$T/c.json" >/dev/null 2>&1
check "fixtures imported" 0 $?
"$DONDOC" progress 1 --today 2021-03-10 --percent 60 --note "Đã xây dựng kế hoạch. Dự kiến tổ chức ngày 20/3/2021." >/dev/null
"$DONDOC" done 1 --today 2021-03-20 --confirm >/dev/null
"$DONDOC" progress 2 --today 2021-03-14 --percent 10 --note "Vướng giải phóng mặt bằng ở 3 dự án trọng điểm." >/dev/null
"$DONDOC" extend 5 --today 2021-03-12 --due 2021-03-28 --reason "Chờ hướng dẫn của Bộ Nội vụ" >/dev/null
"$DONDOC" extend --approve 1 --today 2021-03-13 >/dev/null
"$DONDOC" done 5 --today 2021-03-29 --confirm >/dev/null
check "fixture actions" 6 "$("$DONDOC" history 5 2>/dev/null | wc -l | awk '{print ($1>0)?6:0}')"

export DONDOC_TODAY=2021-03-30
"$DONDOC" report monthly --month 2021-03 -o "$T/r.docx" 2>"$T/err"
check "report monthly exit code" 0 $?
[ -s "$T/r.docx" ] && ok "docx written" || bad "no docx: $(cat "$T/err")"

# --- the package and the figures
"$DONDOC" tasks --json --limit 10000 >"$T/tasks.json"
python3 - "$T" <<'PY' >"$T/pkg.out" 2>&1
import json, re, sys, zipfile
import xml.dom.minidom as md
t = sys.argv[1]
z = zipfile.ZipFile(f"{t}/r.docx")
assert z.testzip() is None, "bad CRC"
names = z.namelist()
for p in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"]:
    assert p in names, "missing " + p
for p in names:
    if p.endswith(".xml") or p.endswith(".rels"):
        md.parseString(z.read(p))          # well-formed
ct = z.read("[Content_Types].xml").decode()
assert "wordprocessingml.document.main+xml" in ct
doc = z.read("word/document.xml").decode()
text = re.sub(r"<[^>]+>", "", doc.replace("</w:p>", "\n"))
import html; text = html.unescape(text)
for s in ["ĐẢNG CỘNG SẢN VIỆT NAM", "THÀNH ỦY CẦN THƠ", "BÁO CÁO", "Số       -BC/TU",
          "kết quả thực hiện nhiệm vụ tháng 3 và nhiệm vụ trọng tâm tháng 4 năm 2021",
          "I- KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3 NĂM 2021", "II- HẠN CHẾ, TỒN TẠI",
          "III- NHIỆM VỤ TRỌNG TÂM THÁNG 4 NĂM 2021", "Nơi nhận:", "T/M BAN THƯỜNG VỤ",
          "Vướng giải phóng mặt bằng", "25/03/2021 → 28/03/2021"]:
    assert s in text, "missing text: " + s
# A4, margins 20/20/30/15 mm, Times New Roman 14
assert '<w:pgSz w:w="11906" w:h="16838"/>' in doc
assert 'w:top="1134" w:right="850" w:bottom="1134" w:left="1701"' in doc
assert "Times New Roman" in z.read("word/styles.xml").decode()
# tables: header, 2 documents of March, units, overdue, carried, next, signature
ntbl = doc.count("<w:tbl>")
assert ntbl == 8, f"{ntbl} tables"
# figures agree with `dondoc tasks` for the month (due in March, or no due date)
tasks = json.load(open(f"{t}/tasks.json"))["tasks"]
month = [x for x in tasks if not x.get("due") or "2021-03-01" <= x["due"] <= "2021-03-31"]
counts = {}
for x in month:
    counts[x["status_name"]] = counts.get(x["status_name"], 0) + 1
m = re.search(r"Trong tháng có (\d+) nhiệm vụ phải thực hiện", text)
assert m and int(m.group(1)) == len(month), f"total {m and m.group(1)} != {len(month)}"
for name, n in counts.items():
    assert re.search(r"- %s: %d nhiệm vụ" % (re.escape(name), n), text), f"count of {name} != {n}"
for x in tasks:   # every task of the month, plus the older overdue one and the one due in April
    assert x["text"] in text, "task missing: " + x["text"]
print("package ok", len(month), "tasks in the month", counts)
PY
if [ $? -eq 0 ]; then ok "$(cat "$T/pkg.out")"; else bad "package: $(cat "$T/pkg.out")"; fi

# --- figures equal to stats and to `dondoc tasks --status overdue` within the month
n_over=$(python3 -c "import json;d=json.load(open('$T/tasks.json'));print(sum(1 for x in d['tasks'] if x['status']=='overdue' and x.get('due','')>='2021-03-01'))")
stats_over=$("$DONDOC" stats --from 2021-03-01 --to 2021-03-31 --json | python3 -c "import json,sys;print(json.load(sys.stdin)['total']['counts']['overdue'])")
check "stats overdue = tasks overdue in March" "$n_over" "$stats_over"

# --- HTML and Markdown
"$DONDOC" report monthly --month 2021-03 --format html >"$T/r.html"
check "html exit code" 0 $?
grep -q "<svg" "$T/r.html" && ok "html has an SVG chart" || bad "no svg in html"
grep -q "<script" "$T/r.html" && bad "html has JavaScript" || ok "html without JavaScript"
grep -q "&lt;đạt trên 20%&gt; &amp; báo cáo" "$T/r.html" && ok "html escapes task text" || bad "html escaping"
"$DONDOC" report monthly --month 2021-03 -o "$T/r.md" 2>/dev/null
grep -q "^## II. HẠN CHẾ, TỒN TẠI" "$T/r.md" && ok "markdown from -o extension" || bad "markdown: $(head -5 "$T/r.md")"
grep -q "Tổ chức hội nghị quán triệt" "$T/r.md" && ok "markdown lists tasks" || bad "markdown tasks"

# --- draft notice
"$DONDOC" report draft-notice --month 2021-04 -o "$T/n.docx" 2>/dev/null
check "draft-notice exit code" 0 $?
python3 - "$T" <<'PY' >"$T/n.out" 2>&1
import re, sys, zipfile, html
z = zipfile.ZipFile(sys.argv[1] + "/n.docx")
d = html.unescape(re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode()))
for s in ["THÔNG BÁO", "Dự thảo lần 1", "Số       -TB/TU", "ngày      tháng      năm 2021",
          "nhiệm vụ trọng tâm tháng 4 năm 2021", "Đẩy nhanh tiến độ giải ngân",
          "Hoàn thành quy hoạch mạng lưới trường học", "Chuẩn bị tổng kết công tác bầu cử",
          "quá hạn từ ngày 15/03/2021"]:
    assert s in d, "missing " + s
assert "Tổ chức hội nghị quán triệt" not in d, "a task done on time is carried over"
print("notice ok")
PY
if [ $? -eq 0 ]; then ok "draft notice content"; else bad "draft notice: $(cat "$T/n.out")"; fi

# the draft notice is itself a conclusion notice dondoc can read back (once numbered and signed)
if "$DONDOC" extract --json "$T/n.docx" >"$T/n.json" 2>/dev/null; then
	python3 - "$T" <<'PY' >"$T/nx.out" 2>&1
import json, re, sys, zipfile, html
t = sys.argv[1]
x = json.load(open(t + "/n.json"))
d = html.unescape(re.sub(r"<[^>]+>", "", zipfile.ZipFile(t + "/n.docx").read("word/document.xml").decode().replace("</w:p>", "\n")))
items = len(re.findall(r"^2\.\d+\. ", d, re.M))
assert x["type"]["code"] == "TB", x["type"]
assert x["signature"]["authority"] == "T/M", x["signature"]
assert len(x["tasks"]) >= items > 0, (len(x["tasks"]), items)
print("extract ok", items)
PY
	[ $? -eq 0 ] && ok "dondoc extract reads the draft notice back" || bad "extract of the notice: $(cat "$T/nx.out")"
else
	echo "skip - dondoc extract not available"
fi

# --- State style from the settings
"$DONDOC" report settings report.style state >/dev/null && "$DONDOC" report settings report.issuer "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ TIÊN" >/dev/null &&
	"$DONDOC" report settings report.place "Hà Tiên" >/dev/null
check "report settings set" 0 $?
"$DONDOC" report settings | grep -q "^report.place *Hà Tiên" && ok "report settings lists values" || bad "report settings list: $("$DONDOC" report settings)"
"$DONDOC" report monthly --month 2021-03 -o "$T/s.docx" 2>/dev/null
unzip -p "$T/s.docx" word/document.xml >"$T/s.xml"
grep -q "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "$T/s.xml" && grep -q "Hà Tiên, ngày 30 tháng 3 năm 2021" "$T/s.xml" &&
	grep -q "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ TIÊN" "$T/s.xml" && grep -q "Số:        /BC-UBND" "$T/s.xml" &&
	! grep -q "ĐẢNG CỘNG SẢN" "$T/s.xml" && ok "state style from settings" || bad "state style"
"$DONDOC" report settings report.style royal >/dev/null 2>&1
check "bad report.style refused by settings (2)" 2 $?
"$DONDOC" report settings report.colour red >/dev/null 2>&1
check "unknown setting refused (2)" 2 $?
"$DONDOC" report settings --unset report.style >/dev/null && "$DONDOC" report settings --unset report.issuer >/dev/null &&
	"$DONDOC" report settings --unset report.place >/dev/null
"$DONDOC" report monthly --month 2021-03 -o "$T/p.docx" 2>/dev/null
unzip -p "$T/p.docx" word/document.xml | grep -q "ĐẢNG CỘNG SẢN VIỆT NAM" && ok "--unset restores the Party default" || bad "unset"

# --- bad input
"$DONDOC" report monthly --month 2021-13 -o "$T/x.docx" >/dev/null 2>&1; check "bad month (2)" 2 $?
"$DONDOC" report monthly --month march -o "$T/x.docx" >/dev/null 2>&1; check "bad month text (2)" 2 $?
"$DONDOC" report monthly --format pdf -o "$T/x.pdf" >/dev/null 2>&1; check "unknown format (2)" 2 $?
"$DONDOC" report yearly >/dev/null 2>&1; check "unknown report (2)" 2 $?
"$DONDOC" report >/dev/null 2>&1; check "no report named (2)" 2 $?
"$DONDOC" report draft-notice --format html >/dev/null 2>&1; check "draft notice only docx (2)" 2 $?
"$DONDOC" report monthly --month 2021-03 -o "$T/no/such/dir/r.docx" >/dev/null 2>&1; check "unwritable output (1)" 1 $?
[ -e "$T/x.docx" ] && bad "a refused run wrote a file" || ok "refused runs write nothing"
"$DONDOC" report monthly --month 2020-01 -o "$T/empty.docx" 2>/dev/null
unzip -p "$T/empty.docx" word/document.xml | grep -q "Không có nhiệm vụ quá hạn\|quá hạn chưa hoàn thành" && ok "report for a month without tasks" || bad "empty month"

# --- LibreOffice opens it: PDF with the title and every task
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
	(cd "$T" && HOME="$T" timeout 120 soffice --headless --convert-to pdf r.docx >/dev/null 2>&1)
	if [ -s "$T/r.pdf" ]; then
		ok "libreoffice converted the docx to pdf"
		pdftotext "$T/r.pdf" "$T/r.txt"
		python3 - "$T" <<'PY' >"$T/pdf.out" 2>&1
import json, sys
t = sys.argv[1]
flat = lambda s: "".join(s.split())
raw = open(f"{t}/r.txt").read()
pdf = flat(raw)
words = raw.split()
assert flat("BÁO CÁO") in pdf and flat("kết quả thực hiện nhiệm vụ tháng 3") in pdf, "title"
def found(text):
    # table cells wrap, and pdftotext interleaves the lines of neighbouring cells: the task's
    # words must appear in order, within a short stretch of the page text
    tw = text.split()
    for start, w in enumerate(words):
        if w != tw[0]:
            continue
        k, i = 1, start + 1
        while k < len(tw) and i < len(words) and i < start + 8 * len(tw) + 40:
            if words[i] == tw[k]:
                k += 1
            i += 1
        if k == len(tw):
            return True
    return False
for x in json.load(open(f"{t}/tasks.json"))["tasks"]:
    assert found(x["text"]), "task not in pdf: " + x["text"]
print("pdf ok")
PY
		if [ $? -eq 0 ]; then ok "pdf has the title and every task"; else bad "pdf text: $(cat "$T/pdf.out")"; fi
	else
		bad "libreoffice could not convert the report"
	fi
else
	echo "skip - libreoffice not installed: the docx was not opened (scripts/install-deps test installs it)"
fi

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all ok"
