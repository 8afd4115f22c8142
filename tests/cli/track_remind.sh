#!/usr/bin/env bash
# track_remind.sh - reminders: one digest per unit, N days before the deadline and repeated
# overdue notices, sent over SMTP to a local sink (smtp-sink.py) and stored as notifications.
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
command -v python3 >/dev/null || { echo "skipped: python3 is needed for the SMTP sink"; exit 77; }
T=$(mktemp -d)
SINK=
trap '[ -n "$SINK" ] && kill "$SINK" 2>/dev/null; rm -rf "$T"' EXIT
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong
unset DONDOC_TODAY
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

"$DONDOC" import --from-json "$DONDOC_SRC/tests/data/track/notice-7tasks.extract.json" >/dev/null
"$DONDOC" units add "Ban Nhắc Việc A" --email a@example.org >/dev/null
"$DONDOC" units add "Ban Nhắc Việc B" >/dev/null
"$DONDOC" assign 1 --lead "ban nhac viec a" --support "ban nhac viec b" >/dev/null
"$DONDOC" assign 2 --lead "ban nhac viec a" --due 2021-04-20 >/dev/null
"$DONDOC" assign 5 --lead "ban nhac viec b" >/dev/null

mkdir "$T/mail"
python3 "$DONDOC_SRC/tests/cli/smtp-sink.py" "$T/mail" "$T/port" &
SINK=$!
for _ in $(seq 1 50); do [ -f "$T/port" ] && break; sleep 0.1; done
[ -f "$T/port" ] || { echo "FAIL - the SMTP sink did not start"; exit 1; }
URL="smtp://127.0.0.1:$(cat "$T/port")"

# 2021-03-29: tasks due 03-31 are within 3 days; task 2 (04-20) is not
out=$("$DONDOC" --today 2021-03-29 remind --json)
check "one digest per unit (A, B and the 3 units the document names)" 5 "$(echo "$out" | jq_ 'len(d["digests"])')"
check "unit A: task 1 only (2 is due later)" "1" \
	"$(echo "$out" | jq_ '",".join(str(i["task_id"]) for g in d["digests"] if g["unit"]=="Ban Nhắc Việc A" for i in g["items"])')"
check "unit B: tasks 1 and 5" "1,5" \
	"$(echo "$out" | jq_ '",".join(str(i["task_id"]) for g in d["digests"] if g["unit"]=="Ban Nhắc Việc B" for i in g["items"])')"
check "listing sends nothing" 0 "$(ls "$T/mail" | wc -l)"

"$DONDOC" --today 2021-03-29 remind --send --smtp "$URL" --from vanphong@example.org >/dev/null
check "send exit code" 0 $?
check "one e-mail (unit B has no address)" 1 "$(ls "$T/mail"/*.eml 2>/dev/null | wc -l)"
grep -q "to a@example.org" "$T/mail/001.env" && ok "envelope recipient" || bad "envelope: $(cat "$T/mail/001.env")"
grep -q "^Subject: =?UTF-8?B?" "$T/mail/001.eml" && ok "encoded subject" || bad "subject header"
grep -q "Kính gửi: Ban Nhắc Việc A" "$T/mail/001.eml" && ok "Vietnamese body" || bad "body"
out=$("$DONDOC" --today 2021-03-29 remind --json)
check "the same day again: nothing due" 0 "$(echo "$out" | jq_ 'len(d["digests"])')"

# overdue notices repeat every 7 days
check "2021-04-02: overdue notices" 5 "$("$DONDOC" --today 2021-04-02 remind --json | jq_ 'len(d["digests"])')"
"$DONDOC" --today 2021-04-02 remind --send --smtp "$URL" --from vanphong@example.org >/dev/null
check "2021-04-05: within the repeat window" 0 "$("$DONDOC" --today 2021-04-05 remind --json | jq_ 'len(d["digests"])')"
out=$("$DONDOC" --today 2021-04-09 remind --json)
check "2021-04-09: repeated" 5 "$(echo "$out" | jq_ 'len(d["digests"])')"
check "days late counted" 9 "$(echo "$out" | jq_ '[i["days"] for g in d["digests"] for i in g["items"] if i["task_id"]==1][0]')"
check "two e-mails so far" 2 "$(ls "$T/mail"/*.eml | wc -l)"

# delivery failure is reported, the notification is stored as failed
kill "$SINK"; wait "$SINK" 2>/dev/null; SINK=
"$DONDOC" --today 2021-04-09 remind --send --smtp "$URL" --from vanphong@example.org >/dev/null 2>"$T/err"
check "failed delivery: exit 1" 1 $?
grep -q "cannot send mail" "$T/err" && ok "failure reported" || bad "failure message: $(cat "$T/err")"
"$DONDOC" --today 2021-04-09 remind --send >/dev/null 2>&1
check "without --smtp: stored as in-app notifications" 0 $?
"$DONDOC" remind --days -1 >/dev/null 2>&1
check "negative days refused" 2 $?
"$DONDOC" --today 2021-04-09 remind --send --smtp "$URL" >/dev/null 2>&1
[ $? -ne 0 ] && ok "--send with --smtp but no --from refused" || bad "no --from accepted"
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
