#!/usr/bin/env bash
# track_concurrent.sh - processes importing and updating the same database at once lose nothing:
# two importers of the same 40 documents (dedupe under the write lock) and a stream of progress
# reports run together; afterwards every document is there once and every report counted.
set -u
: "${DONDOC:?}" "${DONDOC_SRC:?}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DONDOC_DB="$T/t.db" DONDOC_USER=vanphong
unset DONDOC_TODAY
fails=0
ok() { echo "ok - $1"; }
bad() { echo "FAIL - $1"; fails=$((fails + 1)); }
check() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }
jq_() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

"$DONDOC" import --from-json "$DONDOC_SRC/tests/data/track/notice-7tasks.extract.json" >/dev/null ||
	{ echo "FAIL - first import"; exit 1; }
mkdir "$T/docs"
python3 - "$DONDOC_SRC/tests/data/track/notice-7tasks.extract.json" "$T/docs" <<'PY'
import json, sys
base = json.load(open(sys.argv[1], encoding="utf-8"))
for i in range(40):
    base["number"] = "%d-TB/TU" % (100 + i)
    for t in base["tasks"]:
        t["text"] = t["text"].split(" [")[0] + " [bản %d]" % i
    json.dump(base, open("%s/doc%02d.json" % (sys.argv[2], i), "w", encoding="utf-8"), ensure_ascii=False)
PY
N=30
("$DONDOC" import --quiet --from-json "$T/docs" >"$T/imp1" 2>&1; echo $? >"$T/rc1") &
("$DONDOC" import --quiet --from-json "$T/docs" >"$T/imp2" 2>&1; echo $? >"$T/rc2") &
(for i in $(seq 1 $N); do
	"$DONDOC" --today 2021-03-15 progress 1 --percent $((i * 3)) --note "lần $i" >/dev/null 2>>"$T/prog.err" ||
		echo "progress $i failed" >>"$T/prog.err"
done) &
wait
check "importer 1 exit code" 0 "$(cat "$T/rc1")"
check "importer 2 exit code" 0 "$(cat "$T/rc2")"
check "no failed progress report" "" "$(cat "$T/prog.err" 2>/dev/null)"
check "each document once" 41 "$("$DONDOC" docs --json | jq_ 'd["total"]')"
check "tasks of 41 documents" 287 "$("$DONDOC" tasks --json --limit 1 | jq_ 'd["total"]')"
check "every progress report counted" "$N $((N * 3))" \
	"$("$DONDOC" task 1 --json | jq_ 'str(d["progress_reports"])+" "+str(d["percent"])')"
check "all reports stored" $N "$("$DONDOC" task 1 --json | jq_ 'len(d["progress"])')"
imported=$(cat "$T/imp1" "$T/imp2" | sed -n 's/^\([0-9]*\) document.*/\1/p' | awk '{s+=$1} END {print s+0}')
check "the two importers created 40 documents between them" 40 "$imported"
"$DONDOC" check >/dev/null
check "database consistent" 0 $?

# an import killed half-way leaves only whole documents behind
mkdir "$T/more"
python3 - "$DONDOC_SRC/tests/data/track/notice-7tasks.extract.json" "$T/more" <<'PY'
import json, sys
base = json.load(open(sys.argv[1], encoding="utf-8"))
for i in range(2000):
    base["number"] = "%d-TB/VP" % i
    json.dump(base, open("%s/m%04d.json" % (sys.argv[2], i), "w", encoding="utf-8"), ensure_ascii=False)
PY
"$DONDOC" import --quiet --from-json "$T/more" >/dev/null 2>&1 &
pid=$!
# killed once some of its batches are committed, so the database holds part of the import
for _ in $(seq 1 400); do
	n=$("$DONDOC" docs --json --limit 1 2>/dev/null | sed -n 's/^ *"total": \([0-9]*\).*/\1/p')
	[ "${n:-0}" -gt 41 ] && break
	sleep 0.02
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
"$DONDOC" check >/dev/null
check "consistent after a killed import" 0 $?
check "every stored document has all its tasks" "True" "$("$DONDOC" docs --json --limit 10000 | jq_ \
	'all(x["tasks"] == 7 for x in d["documents"])')"
docs=$("$DONDOC" docs --json | jq_ 'd["total"]')
check "tasks = 7 x documents" $((docs * 7)) "$("$DONDOC" tasks --json --limit 1 | jq_ 'd["total"]')"
echo "note: $((docs - 41)) of 2000 documents were imported before the kill"
check "the kill came half-way" 1 "$([ "$docs" -gt 41 ] && [ "$docs" -lt 2041 ] && echo 1)"
out=$("$DONDOC" import --json --from-json "$T/more")
check "importing again after the kill stores the rest" "$((2041 - docs)) $((docs - 41))" \
	"$(echo "$out" | jq_ 'str(d["documents"])+" "+str(d["duplicates"])')"
check "then 2000 whole documents more" "2041 $((2041 * 7))" \
	"$("$DONDOC" docs --json | jq_ 'd["total"]') $("$DONDOC" tasks --json --limit 1 | jq_ 'd["total"]')"
check "search finds the last document" 1 "$("$DONDOC" search --json '1999-TB/VP' | jq_ \
	'len([h for h in d["hits"] if h["kind"] == "document"])')"

# documents are stored in batches (a transaction each, a savepoint per document): a document
# refused half-way (its document row written, its 5th task's parent unknown) leaves nothing,
# its neighbours in the batch stay, a copy in the same batch is a duplicate, search finds all
export DONDOC_DB="$T/batch.db"
mkdir "$T/batch"
python3 - "$DONDOC_SRC/tests/data/track/notice-7tasks.extract.json" "$T/batch" <<'PY'
import json, shutil, sys
base = json.load(open(sys.argv[1], encoding="utf-8"))
for i in range(20):
    d = json.loads(json.dumps(base))
    d["number"] = "%d-TB/LO" % (500 + i)
    for t in d["tasks"]:
        t["text"] = t["text"] + " lô%d" % i
    if i == 10:
        d["tasks"][4]["parent"] = "nope"
    json.dump(d, open("%s/b%02d.json" % (sys.argv[2], i), "w", encoding="utf-8"), ensure_ascii=False)
shutil.copy("%s/b03.json" % sys.argv[2], "%s/b15x.json" % sys.argv[2])
PY
out=$("$DONDOC" import --json --from-json "$T/batch")
check "batch: exit code of an import with a refused file" 65 $?
check "batch: 19 imported, 1 duplicate, 1 refused" "19 1 1 b10.json" "$(echo "$out" | jq_ \
	'"%d %d %d %s" % (d["documents"], d["duplicates"], len(d["refused"]), d["refused"][0]["file"].split("/")[-1])')"
check "batch: nothing of the refused document" "19 $((19 * 7)) 0" \
	"$("$DONDOC" docs --json | jq_ 'd["total"]') $("$DONDOC" tasks --json --limit 1 | jq_ 'd["total"]') $("$DONDOC" search --json lô10 | jq_ 'len(d["hits"])')"
check "batch: search finds every stored document's tasks" "7 7 7 7" \
	"$(for i in 0 9 11 19; do "$DONDOC" search --json --limit 50 "lô$i" | jq_ 'len(d["hits"])'; done | tr '\n' ' ' | sed 's/ $//')"
"$DONDOC" check >/dev/null
check "batch: database consistent" 0 $?
[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
