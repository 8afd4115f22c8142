#!/usr/bin/env bash
# track_settings.sh - `dondoc settings` (list/get/set/unset, validation of known keys) and the
# "not allowed" exit code 77 for users whose role may not act.
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

# --- list and defaults
out=$("$DONDOC" settings list)
check "list exit code" 0 $?
case "$out" in *"status.overdue"*"Quá hạn"*"smtp.url"*"(not set)"*) ok "list shows keys and defaults";;
	*) bad "list: $out";; esac
check "bare 'settings' lists" "$out" "$("$DONDOC" settings)"
check "list --json has every status" 7 \
	"$("$DONDOC" settings list --json | jq_ 'len([s for s in d if s["key"].startswith("status.")])')"
check "get default" "Quá hạn" "$("$DONDOC" settings get status.overdue)"
"$DONDOC" settings get smtp.url >"$T/out" 2>&1
check "get of an unset key without default exits 1" 1 $?
check "and prints nothing" "" "$(cat "$T/out")"

# --- set, get, unset
"$DONDOC" settings set status.overdue "Trễ hạn" >/dev/null
check "set exit code" 0 $?
check "get after set" "Trễ hạn" "$("$DONDOC" settings get status.overdue)"
"$DONDOC" import --quiet --from-json "$DATA/notice-7tasks.extract.json" >/dev/null
check "task listing uses the new name" "Trễ hạn" \
	"$("$DONDOC" --today 2021-04-05 tasks --json --limit 1 | jq_ 'd["tasks"][0]["status_name"]')"
"$DONDOC" settings set smtp.url smtp://127.0.0.1:2525 >/dev/null
check "set smtp.url" "smtp://127.0.0.1:2525" "$("$DONDOC" settings get smtp.url)"
"$DONDOC" settings set smtp.from vanphong@tinhuy.vn >/dev/null
check "set smtp.from" "vanphong@tinhuy.vn" "$("$DONDOC" settings get smtp.from)"
"$DONDOC" settings unset status.overdue >/dev/null
check "unset goes back to the default" "Quá hạn" "$("$DONDOC" settings get status.overdue)"
check "history of settings is audited" "True" \
	"$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(\"select count(*) from audit where entity='setting'\").fetchone()[0] >= 4)" "$DONDOC_DB")"

# --- validation
"$DONDOC" settings set nosuch.key x 2>/dev/null
check "unknown key refused" 2 $?
"$DONDOC" settings get status.nosuch 2>/dev/null
check "unknown status key refused" 2 $?
"$DONDOC" settings set smtp.url http://example.org 2>/dev/null
check "smtp.url must be smtp:// or smtps://" 2 $?
"$DONDOC" settings set smtp.from "not an address" 2>/dev/null
check "smtp.from must be an address" 2 $?
"$DONDOC" settings set status.overdue "" 2>/dev/null
check "empty status name refused" 2 $?
"$DONDOC" settings set status.overdue "$(printf 'a\tb')" 2>/dev/null
check "control characters refused" 2 $?
"$DONDOC" settings set status.overdue 2>/dev/null
check "set without a value is a usage error" 2 $?
check "nothing changed by refused values" "smtp://127.0.0.1:2525" "$("$DONDOC" settings get smtp.url)"

# --- not allowed: exit 77 (EX_NOPERM)
echo "mat-khau-dai-12345" | "$DONDOC" user add lanhdao --role leader >/dev/null
"$DONDOC" settings set status.overdue "X" --as lanhdao 2>"$T/err"
check "a leader may not change settings (77)" 77 $?
case "$(cat "$T/err")" in *"may not change settings"*) ok "message says why";; *) bad "message: $(cat "$T/err")";; esac
"$DONDOC" --today 2021-03-20 done 1 --as lanhdao 2>/dev/null
check "a leader may not mark a task done (77)" 77 $?
"$DONDOC" cancel 1 --reason "thử" --as lanhdao 2>/dev/null
check "a leader may not cancel (77)" 77 $?
"$DONDOC" units add "Đơn vị thử" --as lanhdao 2>/dev/null
check "a leader may not add units (77)" 77 $?
"$DONDOC" settings get status.overdue --as lanhdao >/dev/null
check "a leader may read settings" 0 $?

[ "$fails" -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
