#!/usr/bin/env bash
# track_flow.sh - task tracking end to end: import, statuses on --today, progress, done/confirm,
# extensions, cancel, history, search, dedupe, refused files, backup and check.
# Uses the hand-written extraction of tests/data/track/notice-7tasks.txt (import --from-json),
# so it runs whether or not the extractor is built in.
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong
unset DONDOC_TODAY
DATA="$DONDOC_SRC/tests/data/track"
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { # check DESCRIPTION EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi
}
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
ntasks() { "$DONDOC" tasks --json --limit 1 "$@" | jq_ 'd["total"]'; }
ndocs() { "$DONDOC" docs --json | jq_ 'd["total"]'; }

# --- import, dedupe, refused files
out=$("$DONDOC" import --from-json "$DATA/notice-7tasks.extract.json")
check "import exit code" 0 $?
case "$out" in *"1 document imported (7 tasks)"*) ok "import summary";; *) bad "import summary: $out";; esac
check "1 document" 1 "$(ndocs)"
check "7 tasks" 7 "$(ntasks)"
check "each due 2021-03-31" "2021-03-31" \
	"$("$DONDOC" tasks --json | jq_ '",".join(sorted(set(t["due"] for t in d["tasks"])))')"
out=$("$DONDOC" import --json --from-json "$DATA/notice-7tasks.extract.json")
check "second import: a duplicate" "0 1" "$(echo "$out" | jq_ 'str(d["documents"])+" "+str(d["duplicates"])')"
check "still 7 tasks" 7 "$(ntasks)"
"$DONDOC" import --from-json "$DATA/broken.extract.json" >"$T/out" 2>&1
check "broken file refused (exit 65)" 65 $?
grep -q "refused" "$T/out" && ok "refusal reported" || bad "refusal not reported: $(cat "$T/out")"
"$DONDOC" import --from-json "$DATA/notice-7tasks.txt" >/dev/null 2>&1
check "non-JSON refused with --from-json" 65 $?
"$DONDOC" import --from-json "$T/missing.json" >/dev/null 2>&1
check "missing file refused" 65 $?
check "nothing added by refused files" "1 7" "$(ndocs) $(ntasks)"
out=$("$DONDOC" import --dry-run --json --from-json "$DATA/notice-7tasks.extract.json")
check "dry run of a duplicate" 1 "$(echo "$out" | jq_ 'd["duplicates"]')"

# --- statuses follow --today
check "all 7 overdue on 2021-04-05" 7 "$(ntasks --today 2021-04-05 --overdue)"
check "none overdue on 2021-03-31" 0 "$(ntasks --today 2021-03-31 --overdue)"
check "7 not started on 2021-03-10" 7 "$(ntasks --today 2021-03-10 --status "chua thuc hien")"
"$DONDOC" tasks --status bogus >/dev/null 2>&1
check "unknown status is a usage error" 2 $?
"$DONDOC" tasks --unit "Không Có Đơn Vị" >/dev/null 2>&1
check "unknown unit is a usage error" 2 $?

# --- units, assign, progress, done
uid=$("$DONDOC" units add "Ban Thử Nghiệm Tỉnh" --short BTN --email btn@example.org | sed 's/unit \([0-9]*\).*/\1/')
"$DONDOC" units alias "ban thu nghiem tinh" "Ban TN" >/dev/null
check "alias added" 0 $?
"$DONDOC" assign 1 --lead "BAN TN" --due 2021-03-31 >/dev/null
check "assign by alias, diacritics ignored" 0 $?
check "unit's tasks" 1 "$(ntasks --unit btn)"
"$DONDOC" --today 2021-03-15 progress 1 --percent 150 --note x >/dev/null 2>&1
check "percent over 100 refused" 2 $?
"$DONDOC" --today 2021-03-15 progress 1 --percent 60 --note "đã tổ chức hội nghị quán triệt" >/dev/null
check "progress recorded" 0 $?
check "in progress on 2021-03-15" "in_progress" \
	"$("$DONDOC" --today 2021-03-15 task 1 --json | jq_ 'd["status"]')"
"$DONDOC" --today 2021-03-18 done 1 --propose >/dev/null
check "still open after a proposal" "in_progress" \
	"$("$DONDOC" --today 2021-03-18 task 1 --json | jq_ 'd["status"]')"
out=$("$DONDOC" --today 2021-03-20 done 1)
case "$out" in *"Hoàn thành đúng hạn"*) ok "confirmed on 2021-03-20: done on time";; *) bad "confirm: $out";; esac
check "done on time seen later" "done_on_time" \
	"$("$DONDOC" --today 2021-04-05 task 1 --json | jq_ 'd["status"]')"
"$DONDOC" --today 2021-04-02 done 2 >/dev/null
check "confirmed after the deadline: done late" "done_late" \
	"$("$DONDOC" --today 2021-04-05 task 2 --json | jq_ 'd["status"]')"
"$DONDOC" done 2 >/dev/null 2>&1
check "done twice refused" 65 $?

# --- extensions, cancel
"$DONDOC" --today 2021-03-25 extend 3 --due 2021-03-01 --reason "x" >/dev/null 2>&1
check "extension to an earlier date refused" 2 $?
"$DONDOC" --today 2021-03-25 extend 3 --due 2021-04-30 --reason "chờ hướng dẫn của Bộ Y tế" >/dev/null
check "extension requested" 0 $?
check "pending request listed" 1 "$("$DONDOC" extend --list --json | jq_ 'len(d)')"
"$DONDOC" --today 2021-03-26 extend --approve 1 --note "đồng ý" >/dev/null
check "extension approved" 0 $?
"$DONDOC" extend --refuse 1 >/dev/null 2>&1
check "deciding twice refused" 65 $?
check "new deadline" "2021-04-30 2021-03-31" \
	"$("$DONDOC" task 3 --json | jq_ 'd["due"]+" "+d["due_orig"]')"
"$DONDOC" cancel 4 >/dev/null 2>&1
check "cancel needs a reason" 2 $?
"$DONDOC" cancel 4 --reason "nhiệm vụ đã chuyển sang kế hoạch năm" >/dev/null
check "cancelled" "cancelled" "$("$DONDOC" task 4 --json | jq_ 'd["status"]')"
"$DONDOC" --today 2021-04-05 progress 4 --percent 10 --note x >/dev/null 2>&1
check "no progress on a cancelled task" 65 $?
check "overdue on 2021-04-05 now (5, 6, 7)" 3 "$(ntasks --today 2021-04-05 --overdue)"
check "csv lists 7 tasks + header" 8 "$("$DONDOC" --today 2021-04-05 tasks --csv | wc -l)"

# --- attachments, originals, merges, listings
printf 'biên bản kiểm tra\n' >"$T/bien-ban.txt"
"$DONDOC" --today 2021-03-26 progress 3 --unit "Sở Y tế" --percent 40 --note "đã kiểm tra" --attach "$T/bien-ban.txt" >/dev/null
check "progress with an attachment" "bien-ban.txt 23" \
	"$("$DONDOC" task 3 --json | jq_ 'd["progress"][-1]["attachment"]+" "+str(d["progress"][-1]["attachment_size"])')"
"$DONDOC" progress 3 --unit "Sở Y tế" --percent 40 --note x --attach "$T/none.txt" >/dev/null 2>&1
check "missing attachment refused" 66 $?
"$DONDOC" progress 3 --unit "Sở Tài chính" --percent 40 --note x >/dev/null 2>&1
check "progress for a unit not on the task refused" 2 $?
"$DONDOC" doc 1 --original >"$T/orig.json"
cmp -s "$T/orig.json" "$DATA/notice-7tasks.extract.json" && ok "original bytes kept" || bad "original bytes differ"
check "doc lists its 7 tasks" 7 "$("$DONDOC" doc 1 --json | jq_ 'len(d["task_list"])')"
"$DONDOC" units add "Ban Sáp Nhập Mới" >/dev/null
"$DONDOC" units merge "BAN TN" "ban sap nhap moi" >/dev/null
check "merge moves the tasks" 1 "$(ntasks --unit "Ban Sáp Nhập Mới")"
check "the old name finds the new unit" 1 "$(ntasks --unit "Ban Thử Nghiệm Tỉnh")"
check "merged unit listed with --all only" "0 1" \
	"$("$DONDOC" units --json | jq_ 'sum(u["name"]=="Ban Thử Nghiệm Tỉnh" for u in d)') $("$DONDOC" units list --all --json | jq_ 'sum(u["name"]=="Ban Thử Nghiệm Tỉnh" for u in d)')"
"$DONDOC" units merge "ban sap nhap moi" "ban sap nhap moi" >/dev/null 2>&1
check "merge into itself refused" 2 $?
check "paging (by deadline, open before done and cancelled: 5 6 7 1 2 4 3)" "2,4 7" "$("$DONDOC" tasks --json --limit 2 --offset 4 | \
	jq_ '",".join(str(t["id"]) for t in d["tasks"])+" "+str(d["total"])')"
"$DONDOC" tasks --limit -5 >/dev/null 2>&1
check "negative limit refused" 2 $?
check "units csv has a header" "id,name,short_name,kind,parent_id,active,merged_into,email,aliases" \
	"$("$DONDOC" units --csv | head -1)"

# --- errors on ids
"$DONDOC" task 999 >/dev/null 2>&1
check "unknown task" 66 $?
"$DONDOC" task abc >/dev/null 2>&1
check "bad task id" 2 $?

# --- history: who, what, before -> after
hist=$("$DONDOC" history 1 --json)
check "history has import, assign, progress, done" "True" "$(echo "$hist" | jq_ \
	'all(any(e["action"]==a for e in d) for a in ["import","assign","progress","update"])')"
check "history says who" "vanphong" "$(echo "$hist" | jq_ '[e["who"] for e in d if e["action"]=="progress"][0]')"
check "history has before -> after of done_date" "None 2021-03-20" "$(echo "$hist" | jq_ \
	'[str(e["before"]["done_date"])+" "+e["after"]["done_date"] for e in d if e["action"]=="update" and "done_date" in (e["after"] or {})][-1]')"

# --- search
out=$("$DONDOC" search --json phong chong dich)
check "search folds diacritics" "True" "$(echo "$out" | jq_ 'any(h["kind"]=="task" and h["id"]==3 for h in d["hits"])')"
check "snippet in the original text" "True" "$(echo "$out" | jq_ 'any("<mark>phòng</mark>" in h["snippet"] for h in d["hits"])')"
out=$("$DONDOC" search --json "TỈNH ỦY")
check "search finds the document" "True" "$(echo "$out" | jq_ 'any(h["kind"]=="document" for h in d["hits"])')"
"$DONDOC" search ",,," >/dev/null 2>&1
check "empty query is a usage error" 2 $?

# --- backup and check
"$DONDOC" backup "$T/backup.db" >/dev/null
check "backup" 0 $?
DONDOC_DB="$T/backup.db" "$DONDOC" check >/dev/null
check "backup passes check" 0 $?
check "backup has the 7 tasks" 7 "$(DONDOC_DB="$T/backup.db" ntasks)"
"$DONDOC" check >/dev/null
check "check" 0 $?
if command -v sqlite3 >/dev/null; then
	cp "$T/backup.db" "$T/broken.db"
	sqlite3 "$T/broken.db" "INSERT INTO reminders(task_id, unit_id, kind, date) VALUES(1, 99999, 'before', '2021-01-01')"
	out=$(DONDOC_DB="$T/broken.db" "$DONDOC" check)
	check "check finds a dangling reference (exit 65)" 65 $?
	case "$out" in *"foreign key"*reminders*) ok "check names the table";; *) bad "check output: $out";; esac
	before=$(sqlite3 "$T/broken.db" "SELECT count(*) FROM audit")
	sqlite3 "$T/broken.db" "DELETE FROM audit" >/dev/null 2>&1 && bad "audit delete accepted"
	check "the audit log refuses deletes" "$before" "$(sqlite3 "$T/broken.db" "SELECT count(*) FROM audit")"
	sqlite3 "$T/broken.db" "UPDATE audit SET who = 'x'" >/dev/null 2>&1 && bad "audit update accepted"
	check "the audit log refuses updates" 0 "$(sqlite3 "$T/broken.db" "SELECT count(*) FROM audit WHERE who = 'x'")"
else
	echo "note: sqlite3 shell not found, damaged-database checks skipped"
fi
printf 'not a database at all, just some text that is long enough to look like a page\n%.0s' $(seq 1 100) >"$T/junk.db"
DONDOC_DB="$T/junk.db" "$DONDOC" tasks >/dev/null 2>&1
[ $? -ne 0 ] && ok "a junk database file is refused" || bad "junk database accepted"

if [ "$fails" -ne 0 ]; then
	echo "$fails check(s) failed"
	exit 1
fi
echo "all checks passed"
