#!/usr/bin/env bash
# report_stats.sh - `dondoc stats`: per-unit and per-topic counts for a period agree with
# `dondoc tasks`; JSON shape; the SVG page; bad periods refused.
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
command -v python3 >/dev/null || { echo "skip: python3 is needed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong DONDOC_TODAY=2021-04-05
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }

python3 - "$T" <<'PY'
import json, sys
def task(i, due, lead, topics, kind="by"):
    return {"id": str(i), "label": f"{i}.", "parent": None, "line": i, "text": f"Nhiệm vụ số {i}",
            "lead_units": [lead] if lead else [], "supporting_units": [], "suggested_units": [],
            "deadline": {"text": "", "date": due, "kind": kind, "inherited": False}, "topics": topics}
tasks = [task(1, "2021-03-10", "Sở Tài chính", ["budget"]), task(2, "2021-03-20", "Sở Tài chính", ["budget", "investment"]),
         task(3, "2021-03-31", "Sở Y tế", ["health"]), task(4, "2021-05-10", "Sở Y tế", ["health"]),
         task(5, None, "Sở Nội vụ", [], "recurring"), task(6, "2021-02-01", None, [])]
d = {"schema": "dondoc.extract/1", "source": {"path": "s.txt", "format": "txt", "bytes": 0, "encoding": "utf-8", "repairs": []},
     "type": {"code": "TB", "name": "Thông báo"}, "number": "1-TB/TU", "issuer": None, "parent_body": None, "place": None,
     "date": "2021-03-01", "subject": None, "meeting": {"date": None, "chairs": []}, "period": None, "tasks": tasks,
     "recipients": [], "archive": None, "signature": None, "warnings": []}
json.dump(d, open(sys.argv[1] + "/s.json", "w"), ensure_ascii=False)
PY
"$DONDOC" import --from-json "$T/s.json" >/dev/null 2>&1 || bad "import"
"$DONDOC" done 1 --today 2021-03-08 --confirm >/dev/null
"$DONDOC" done 2 --today 2021-03-25 --confirm >/dev/null

"$DONDOC" stats --from 2021-03-01 --to 2021-03-31 --json --svg "$T/s.html" >"$T/s.json.out"
check "stats exit code" 0 $?
"$DONDOC" tasks --json --limit 100 >"$T/tasks.json"
python3 - "$T" <<'PY' >"$T/py.out" 2>&1
import json, sys
t = sys.argv[1]
s = json.load(open(t + "/s.json.out"))
tasks = json.load(open(t + "/tasks.json"))["tasks"]
month = [x for x in tasks if not x.get("due") or "2021-03-01" <= x["due"] <= "2021-03-31"]
assert s["from"] == "2021-03-01" and s["to"] == "2021-03-31" and s["today"] == "2021-04-05"
assert [x["code"] for x in s["statuses"]] == ["not_started", "in_progress", "overdue", "done_on_time", "done_late", "recurring", "cancelled"]
assert s["total"]["total"] == len(month) == 4, (s["total"], len(month))
for code in ("overdue", "done_on_time", "done_late", "recurring"):
    assert s["total"]["counts"][code] == sum(1 for x in month if x["status"] == code), code
# on time 1 of (1 on time + 1 late + 1 overdue)
assert abs(s["total"]["on_time_rate"] - 33.3) < 0.05, s["total"]["on_time_rate"]
units = {u["name"]: u for u in s["units"]}
assert units["Sở Tài chính"]["total"] == 2 and units["Sở Tài chính"]["on_time_rate"] == 50.0
assert units["Sở Nội vụ"]["on_time_rate"] is None
assert sum(u["total"] for u in s["units"]) == s["total"]["total"]
topics = {x["key"]: x for x in s["topics"]}
assert topics["budget"]["total"] == 2 and topics["investment"]["total"] == 1 and topics["health"]["total"] == 1
assert topics["-"]["total"] == 1     # the recurring task without a topic
print("ok")
PY
[ $? -eq 0 ] && ok "stats figures = dondoc tasks for the period" || bad "stats: $(cat "$T/py.out")"
grep -q "<svg" "$T/s.html" && ! grep -q "<script" "$T/s.html" && ok "svg page without JavaScript" || bad "svg page"
"$DONDOC" stats --from 2021-03-01 --to 2021-03-31 >"$T/s.txt"
grep -q "^Sở Tài chính .* 50,0%$" "$T/s.txt" && ok "text table with the rate" || bad "text: $(cat "$T/s.txt")"
n=$("$DONDOC" stats --json | python3 -c "import json,sys;print(json.load(sys.stdin)['total']['total'])")
check "open period: every task" 6 "$n"

"$DONDOC" stats --from 2021-04-01 --to 2021-03-01 >/dev/null 2>&1; check "period ending before it starts (2)" 2 $?
"$DONDOC" stats --from 2021-02-30 >/dev/null 2>&1; check "impossible date (2)" 2 $?
"$DONDOC" stats --from 01/03/2021 >/dev/null 2>&1; check "non-ISO date (2)" 2 $?
"$DONDOC" stats --bogus >/dev/null 2>&1; check "unknown option (2)" 2 $?
"$DONDOC" stats --svg "$T/no/dir/x.html" >/dev/null 2>&1; check "unwritable svg file (1)" 1 $?

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all ok"
