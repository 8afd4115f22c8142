#!/usr/bin/env bash
# report.sh - issue 6: monthly report DOCX with 10,000 tasks in the month, XLSX export of 100,000 tasks.
# usage: bench/report.sh PATH/TO/dondoc   (rows on stdout, progress on stderr; see bench/README.md)
# The databases are built through the store API: `dondoc import --from-json` of generated
# dondoc.extract/1 files (100 tasks per document, deadlines spread over March 2021, some progress,
# done and overdue tasks), cached in the bench folder keyed by the dondoc version and seed.
# Row 1: `dondoc report monthly --month 2021-03 -o r.docx` on 10,000 tasks of the month, one run;
#        reference: pandoc turning the same report (dondoc's Markdown) into DOCX.
# Row 2: `dondoc export tasks --format xlsx` of 100,000 tasks, one run; reference: the sqlite3 shell
#        writing the tasks table as CSV (a floor: no formatting, no zip).
set -u
export LC_ALL=C.UTF-8
DONDOC=${1:-${DONDOC:-}}
[ -n "$DONDOC" ] && [ -x "$DONDOC" ] || { echo "usage: bench/report.sh PATH/TO/dondoc" >&2; exit 2; }
dir=${DONDOC_BENCH_TMP:-${TMPDIR:-/tmp}/dondoc-bench}
seed=${BENCH_SEED:-1}
nmonth=${BENCH_REPORT_TASKS:-10000}
nexport=${BENCH_EXPORT_TASKS:-100000}
mkdir -p "$dir" || exit 1

row() { printf 'ROW\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
say() { echo "report: $*" >&2; }
timeit() { local t0=$EPOCHREALTIME rc; "$@"; rc=$?; T=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'); return $rc; }
have() { "$DONDOC" help "$1" >/dev/null 2>&1; }
human() { awk -v n="$1" 'BEGIN { s = sprintf("%d", n); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }
version=$("$DONDOC" --version | tr -dc '0-9.')

# make_db DB NTASKS: generated extractions imported through the store (cached)
make_db() {
  local db=$1 n=$2 jd="$1.json.d"
  [ -f "$db.complete" ] && return 0
  command -v python3 >/dev/null || { say "python3 is needed to generate the extractions"; return 1; }
  rm -rf "$db" "$db-wal" "$db-shm" "$jd"
  mkdir -p "$jd"
  say "generating $n tasks as extraction files"
  python3 - "$jd" "$n" "$seed" <<'PY' || return 1
import json, random, sys
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(seed)
units = ["Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Xây dựng", "Ban Tổ chức Thành ủy",
         "Văn phòng Thành ủy", "Sở Giáo dục và Đào tạo", "Công an thành phố", None]
verbs = ["Tổ chức triển khai", "Khẩn trương hoàn thành", "Rà soát, đánh giá", "Xây dựng kế hoạch",
         "Tham mưu Ban Thường vụ", "Đẩy nhanh tiến độ", "Chỉ đạo thực hiện", "Tổng hợp báo cáo"]
objs = ["công tác cải cách hành chính", "giải ngân vốn đầu tư công", "phòng, chống dịch bệnh",
        "chuyển đổi số trong cơ quan đảng", "quy hoạch cán bộ nhiệm kỳ 2025 - 2030",
        "bồi thường, giải phóng mặt bằng các dự án trọng điểm", "thu ngân sách nhà nước",
        "xây dựng nông thôn mới nâng cao"]
per = 100
for d in range((n + per - 1) // per):
    tasks = []
    for i in range(min(per, n - d * per)):
        k = rnd.random()
        due, kind = (None, "recurring") if k < 0.05 else ("2021-03-%02d" % rnd.randint(1, 31), "by")
        lead = rnd.choice(units)
        tasks.append({"id": str(i + 1), "label": f"{i + 1}.", "parent": None, "line": i + 1,
                      "text": f"{rnd.choice(verbs)} {rnd.choice(objs)} (văn bản {d + 1}, mục {i + 1}).",
                      "lead_units": [lead] if lead else [], "supporting_units": [], "suggested_units": [],
                      "deadline": {"text": "", "date": due, "kind": kind, "inherited": False}, "topics": []})
    doc = {"schema": "dondoc.extract/1",
           "source": {"path": f"d{d}.txt", "format": "txt", "bytes": 0, "encoding": "utf-8", "repairs": []},
           "type": {"code": "TB", "name": "Thông báo"}, "number": f"{d + 1}-TB/TU", "issuer": "Ban Thường vụ Thành ủy",
           "parent_body": None, "place": "Cần Thơ", "date": "2021-02-%02d" % (d % 28 + 1),
           "subject": "kết luận của Ban Thường vụ Thành ủy", "meeting": {"date": None, "chairs": []},
           "period": None, "tasks": tasks, "recipients": [], "archive": None, "signature": None, "warnings": []}
    json.dump(doc, open(f"{out}/d{d:06d}.json", "w"), ensure_ascii=False)
PY
  say "importing into $db"
  "$DONDOC" --db "$db" --quiet import --from-json "$jd" >"$db.import.out" 2>&1 || { say "import failed: $(tail -n 2 "$db.import.out")"; return 1; }
  # some progress, done and extended tasks so every section of the report has content
  local i
  for i in $(seq 1 97 "$n" | head -n 40); do
    "$DONDOC" --db "$db" --quiet --today 2021-03-10 progress "$i" --percent 50 --note "Đã triển khai, đang hoàn thiện hồ sơ. Dự kiến hoàn thành đúng hạn." >/dev/null 2>&1
    "$DONDOC" --db "$db" --quiet --today 2021-03-12 done "$i" --confirm >/dev/null 2>&1
  done
  rm -rf "$jd"
  touch "$db.complete"
}

# ---- monthly report ----
name="report monthly DOCX, $(human "$nmonth") tasks in the month"
target="≤ 1 s"
db="$dir/report-$version-$seed-$nmonth.db"
if ! have report; then
  row "$name" "n/a: dondoc report not available yet" "-" "-" "$target" "n/a"
elif ! make_db "$db" "$nmonth"; then
  row "$name" "n/a: could not build the database" "-" "-" "$target" "n/a"
else
  rm -f "$dir/r.docx" "$dir/r.md" "$dir/r-ref.docx"
  say "dondoc report monthly"
  timeit "$DONDOC" --db "$db" --quiet --today 2021-03-25 report monthly --month 2021-03 -o "$dir/r.docx" 2>"$dir/r.err"
  rc=$? td=$T
  result=pass
  if [ $rc -ne 0 ]; then result="FAIL (exit $rc: $(head -n 1 "$dir/r.err" | cut -c1-60))"
  elif ! unzip -p "$dir/r.docx" word/document.xml 2>/dev/null | grep -q "Trong tháng có $nmonth nhiệm vụ"; then
    result="FAIL (the report does not count $nmonth tasks)"
  elif awk -v t="$td" 'BEGIN { exit !(t > 1.0) }'; then result="FAIL (slower than target)"
  fi
  ref="-" ratio="-"
  if command -v pandoc >/dev/null; then
    "$DONDOC" --db "$db" --quiet --today 2021-03-25 report monthly --month 2021-03 --format md -o "$dir/r.md" 2>/dev/null
    timeit pandoc -f markdown -t docx -o "$dir/r-ref.docx" "$dir/r.md"
    ref="pandoc md→docx of the same report $T s"
    ratio=$(awk -v a="$T" -v b="$td" 'BEGIN { printf "%.1fx", a / b }')
  fi
  row "$name" "$td s" "$ref" "$ratio" "$target" "$result"
fi

# ---- XLSX export ----
name="export tasks XLSX, $(human "$nexport") tasks"
target="≤ 5 s"
db="$dir/report-$version-$seed-$nexport.db"
if ! have export; then
  row "$name" "n/a: dondoc export not available yet" "-" "-" "$target" "n/a"
elif ! make_db "$db" "$nexport"; then
  row "$name" "n/a: could not build the database" "-" "-" "$target" "n/a"
else
  rm -f "$dir/t.xlsx"
  say "dondoc export tasks --format xlsx"
  timeit "$DONDOC" --db "$db" --quiet --today 2021-03-25 export tasks --format xlsx -o "$dir/t.xlsx" 2>"$dir/x.err"
  rc=$? td=$T
  result=pass
  rows=$(unzip -p "$dir/t.xlsx" xl/worksheets/sheet1.xml 2>/dev/null | grep -o '<row ' | wc -l)
  if [ $rc -ne 0 ]; then result="FAIL (exit $rc: $(head -n 1 "$dir/x.err" | cut -c1-60))"
  elif [ "$rows" -ne $((nexport + 1)) ]; then result="FAIL ($rows rows in the sheet)"
  elif awk -v t="$td" 'BEGIN { exit !(t > 5.0) }'; then result="FAIL (slower than target)"
  fi
  ref="-" ratio="-"
  if command -v sqlite3 >/dev/null; then
    timeit sqlite3 -csv "$db" "SELECT * FROM tasks" >"$dir/t-ref.csv"
    ref="sqlite3 -csv of the tasks table $T s"
    ratio=$(awk -v a="$T" -v b="$td" 'BEGIN { printf "%.2fx", a / b }')
  fi
  row "$name" "$td s" "$ref" "$ratio" "$target" "$result"
fi
exit 0
