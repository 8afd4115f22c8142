#!/usr/bin/env bash
# track_import.sh - import real documents through the extractor: our sample notice (and the
# seed notice of ../shared/corpus when present): 1 document, 7 tasks due 2021-03-31, all
# overdue on 2021-04-05, one confirmed on 2021-03-20 is done on time; re-import and broken
# files change nothing. Skips (77) when this dondoc has no extractor.
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DONDOC_USER=vanphong
unset DONDOC_TODAY
DATA="$DONDOC_SRC/tests/data/track"
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

if ! "$DONDOC" extract --json "$DATA/notice-7tasks.txt" >/dev/null 2>&1; then
	echo "skipped: 'dondoc extract' is not available in this build"
	exit 77
fi

run_seed() { # run_seed NAME FILE
	local name=$1 file=$2
	export DONDOC_DB="$T/$name.db"
	out=$("$DONDOC" import --json "$file")
	check "$name: import" "1 7" "$(echo "$out" | jq_ 'str(d["documents"])+" "+str(d["tasks"])')"
	check "$name: each task due 2021-03-31" "2021-03-31" \
		"$("$DONDOC" tasks --json | jq_ '",".join(sorted(set(str(t["due"]) for t in d["tasks"])))')"
	check "$name: 7 overdue on 2021-04-05" 7 \
		"$("$DONDOC" --today 2021-04-05 tasks --overdue --json | jq_ 'd["total"]')"
	out=$("$DONDOC" import --json "$file")
	check "$name: second import creates nothing" "0 1" \
		"$(echo "$out" | jq_ 'str(d["documents"])+" "+str(d["duplicates"])')"
	"$DONDOC" import "$DATA/broken.docx" >/dev/null 2>&1
	check "$name: broken file refused" 65 $?
	check "$name: still 1 document, 7 tasks" "1 7" "$("$DONDOC" docs --json | jq_ 'd["total"]') $("$DONDOC" tasks --json | jq_ 'd["total"]')"
	first=$("$DONDOC" tasks --json | jq_ 'd["tasks"][0]["id"]')
	"$DONDOC" --today 2021-03-15 progress "$first" --percent 80 --note "báo cáo của đơn vị" >/dev/null
	check "$name: unit reports" 0 $?
	"$DONDOC" --today 2021-03-20 done "$first" >/dev/null
	check "$name: office confirms on 2021-03-20" 0 $?
	check "$name: done on time" "done_on_time" \
		"$("$DONDOC" --today 2021-04-05 task "$first" --json | jq_ 'd["status"]')"
	check "$name: 6 still overdue" 6 "$("$DONDOC" --today 2021-04-05 tasks --overdue --json | jq_ 'd["total"]')"
}

run_seed sample "$DATA/notice-7tasks.txt"
SEED="$DONDOC_SRC/../shared/corpus/docs/000_5f7430f3bc3f699a.txt"
if [ -f "$SEED" ]; then
	run_seed seed "$SEED"
else
	echo "note: ../shared/corpus not present, seed notice not run"
fi
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
