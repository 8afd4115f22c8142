/* commands.c - the one table of dondoc subcommands: name, usage, summary, help, handler */
#include "cli.h"

#include <stddef.h>

const struct cli_command cli_commands[] = {
	{"help", "[COMMAND]", "show the list of commands, or the help of one command", NULL, cmd_help},
	{"version", "", "print the version", NULL, cmd_version},
	{"normalize", "[--report] [--max-size N] [FILE|-]",
	 "print a document's text as clean NFC UTF-8, repairing legacy encodings",
	 "Reads FILE (or standard input) in UTF-8, UTF-16 with BOM, TCVN3, VNI-Windows, VIQR,\n"
	 "Windows-1258 or double-encoded UTF-8, and prints it as NFC UTF-8.\n\n"
	 "options:\n"
	 "  --report    list on stderr what was detected and repaired, one line each\n"
	 "  --max-size N  refuse input larger than N bytes; K, M, G suffixes (default 256M)\n\n"
	 "The input is streamed in 1 MiB chunks, so memory stays small for any size or line\n"
	 "length (UTF-16 is converted whole). On bad data one line names the file and the\n"
	 "problem; exit 65 for bad data (empty, binary, invalid UTF-8, too large), 66 when the\n"
	 "file cannot be read. Output written before a late error stays written.\n",
	 cmd_normalize},
	{"gen-corpus", "[--count N] [--size BYTES] [--seed S] [--variant nfc|nfd|tcvn3] [--out DIR|-]",
	 "generate realistic synthetic documents for benchmarks and tests (deterministic)",
	 "options:\n"
	 "  --count N     number of documents (default 10)\n"
	 "  --size BYTES  instead of --count, write whole documents until BYTES are produced\n"
	 "                (suffix K, M or G: binary multiples)\n"
	 "  --seed S      random seed (default 1); the same seed gives the same output\n"
	 "  --variant V   nfc (default), nfd (decomposed Unicode) or tcvn3 (legacy bytes)\n"
	 "  --out DIR     write one file per document into DIR; '-' (default) concatenates on stdout\n",
	 cmd_gen_corpus},
	{"serve", "[--listen HOST:PORT] [OPTIONS]",
	 "run the web application (JSON API + Vietnamese web UI) on the database",
	 "Serves the web UI and the JSON API under /api/v1 (see docs/openapi.yaml) until SIGTERM\n"
	 "or Ctrl-C, then finishes the requests in flight and closes the database.\n"
	 "Sessions live in memory: restarting the server logs everyone out.\n\n"
	 "options (the database is the global --db):\n"
	 "  --listen HOST:PORT    address to listen on (default 127.0.0.1:8080; port 0: any free)\n"
	 "  --threads N           worker threads, one database handle each (default 4)\n"
	 "  --max-connections N   connections at once (default 512)\n"
	 "  --timeout S           seconds a connection may stay idle (default 30)\n"
	 "  --max-header BYTES    request line + headers (default 16384)\n"
	 "  --max-body BYTES      JSON request body (default 262144)\n"
	 "  --max-upload BYTES    uploaded document or attachment (default 20971520)\n"
	 "  --session-idle S      log out after S seconds without a request (default 7200)\n"
	 "  --session-max S       log out S seconds after login at the latest (default 43200)\n"
	 "  --login-max-fail N    failed logins per account before a lock (default 5; x4 per address)\n"
	 "  --login-window S      seconds failures are counted and the lock lasts (default 900)\n"
	 "  --access-log FILE     one line per request: FILE, '-' stdout, 'off' (default stderr)\n"
	 "  --ready-file FILE     write the URL to FILE once listening (for scripts)\n"
	 "  --no-cache            compute every task list and statistics answer (by default they\n"
	 "                        are kept until this server or another process writes)\n",
	 cmd_serve},
	{"user", "add NAME --role ROLE [--unit UNIT] | list | passwd NAME | disable NAME | enable NAME",
	 "manage web accounts (roles admin, office, unit, leader)",
	 "The password is asked twice on the terminal (echo off), or read as one line from\n"
	 "standard input when it is not a terminal. Passwords are stored as argon2id hashes.\n\n"
	 "  add NAME --role ROLE [--unit UNIT] [--display-name TEXT] [--email ADDR]\n"
	 "        ROLE: admin (accounts, units), office (import, assign, confirm), unit (reports\n"
	 "        on its own unit's tasks; needs --unit, an id, name or alias), leader (reads)\n"
	 "  list                 the accounts\n"
	 "  passwd NAME          set a new password (logs the user out of the web UI)\n"
	 "  disable NAME, enable NAME\n",
	 cmd_user},
	{"extract", "[--json|--jsonl|--text] FILE...",
	 "extract type, number, issuer, dates, tasks, units, deadlines and signature from documents",
	 "Reads each FILE (.txt, .md, .html, .docx, .pdf; '-' = standard input) and prints what it\n"
	 "found: a summary in Vietnamese, or JSON in schema dondoc.extract/1 (docs/extract-schema.md).\n"
	 "Several files: all are processed; the exit code is the worst one (65 bad data, 66 unreadable).\n\n"
	 "options:\n"
	 "  --json      one JSON object per file (a JSON array when several files are given)\n"
	 "  --jsonl     one compact JSON object per line\n"
	 "  --text      print the lines the reader produced (for debugging readers)\n"
	 "The gazetteers (data/*.tsv) can be replaced with --data-dir DIR (DIR/units.tsv, ...).\n",
	 cmd_extract},
	{"import", "[--dry-run] [--json] [--from-json] [--as USER] FILE|DIR...",
	 "import documents: extract their tasks and keep them (skips files already imported)",
	 "Each file is read, extracted and stored with its original bytes and extraction in one\n"
	 "transaction: a file that fails leaves nothing behind. Files with the same content (sha256)\n"
	 "as a stored document are skipped. Folders are walked recursively (hidden files skipped).\n"
	 "Exit code 65 when some file was refused; the summary says why.\n\n"
	 "options:\n"
	 "  --dry-run    do everything, report, then keep nothing\n"
	 "  --json       the summary as JSON (documents, tasks, duplicates, refused, files)\n"
	 "  --from-json  the files are 'dondoc extract --json' output (dondoc.extract/1)\n"
	 "  --as USER    who imports (default: $DONDOC_USER or the login name, acting as the office)\n",
	 cmd_import},
	{"docs", "[--limit N] [--offset N] [--json|--csv]", "list imported documents, newest first",
	 NULL, cmd_docs},
	{"doc", "[--json] [--original] ID", "show a document and its tasks",
	 "  --original   write the original file's bytes to standard output\n", cmd_doc},
	{"tasks", "[FILTERS] [--limit N] [--offset N] [--json|--csv]",
	 "list tasks with their status on --today, ordered by deadline",
	 "filters (all must hold):\n"
	 "  --unit UNIT        tasks of a unit (id, name or alias; diacritics ignored)\n"
	 "  --lead             with --unit: only where it is the lead unit\n"
	 "  --status S         not_started, in_progress, overdue, done_on_time, done_late, recurring,\n"
	 "                     cancelled, or the Vietnamese name (\"qua han\")\n"
	 "  --overdue          same as --status overdue\n"
	 "  --due-before DATE  deadline on or before DATE;  --due-from DATE  on or after DATE\n"
	 "  --doc ID           tasks of one document;  --topic CODE  tasks with that topic\n",
	 cmd_tasks},
	{"task", "[--json] ID", "show a task: status, deadline history, units, progress reports", NULL,
	 cmd_task},
	{"assign", "TASK [--lead UNIT] [--support UNIT]... [--due DATE] [--as USER]",
	 "give a task its lead unit, supporting units and deadline (office)", NULL, cmd_assign},
	{"progress", "TASK --percent N --note TEXT [--unit UNIT] [--attach FILE] [--as USER]",
	 "record a unit's progress report on a task (dated --today)",
	 "The unit defaults to the acting user's unit, or the task's lead unit.\n", cmd_progress},
	{"done", "TASK [--propose|--confirm|--reject] [--as USER]",
	 "a unit proposes a task done; the office confirms it (the confirm date decides on time/late)",
	 "Without an option: a unit user proposes, an office user confirms.\n"
	 "  --reject   the office refuses a proposal: the task is open again\n",
	 cmd_done},
	{"extend", "TASK --due DATE --reason TEXT [--unit UNIT] | --approve ID | --refuse ID | --list [TASK]",
	 "ask for a later deadline, or (office) approve or refuse a request",
	 "  --note TEXT   with --approve/--refuse: the decision's note\n"
	 "  --list        pending requests (or all requests of TASK); --json for JSON\n",
	 cmd_extend},
	{"cancel", "TASK --reason TEXT [--as USER]", "stop a task (office), with the reason", NULL,
	 cmd_cancel},
	{"units", "[list [--all]|show UNIT|add NAME|alias UNIT ALIAS|merge FROM INTO|email UNIT ADDR]",
	 "list and edit the units tasks are assigned to",
	 "  list [--all] [--json|--csv]   units (with --all also merged ones)\n"
	 "  add NAME [--short S] [--kind K] [--parent UNIT] [--email ADDR]\n"
	 "  alias UNIT ALIAS              another name the unit is known by\n"
	 "  merge FROM INTO               FROM's tasks move to INTO; FROM's names then find INTO\n"
	 "  email UNIT ADDR               where reminders for the unit go\n",
	 cmd_units},
	{"search", "[--limit N] [--offset N] [--json] QUERY...",
	 "full-text search of documents and tasks (case, diacritics and đ ignored)",
	 "Words are all required; \"a phrase\" in double quotes; word* matches a prefix.\n",
	 cmd_search},
	{"remind", "[--days N] [--repeat N] [--send [--smtp URL] [--from ADDR]] [--json]",
	 "list (or send) reminders: one digest per unit of tasks near or past their deadline",
	 "  --days N     remind N days before the deadline (default 3)\n"
	 "  --repeat N   repeat overdue notices every N days (default 7)\n"
	 "  --send       deliver: e-mail to units with an address (when an SMTP server is given),\n"
	 "               and store every digest as an in-app notification\n"
	 "  --smtp URL   smtp://host:port (default: setting smtp.url);  --from ADDR (smtp.from)\n",
	 cmd_remind},
	{"history", "[--json] TASK", "the audit trail of a task: who changed what, when", NULL,
	 cmd_history},
	{"backup", "FILE", "copy the database to FILE while it is in use (online backup)", NULL,
	 cmd_backup},
	{"check", "", "check the database: integrity, foreign keys, search index", NULL, cmd_check},
	{"settings", "[list|get KEY|set KEY VALUE|unset KEY] [--json] [--as USER]",
	 "show or change the settings kept in the database (status names, mail, report layout)",
	 "  list            every known key with its value, or its default (the default command)\n"
	 "  get KEY         the value (or the default); exit 1 when neither exists\n"
	 "  set KEY VALUE   change a setting (office or admin); the value is checked\n"
	 "  unset KEY       back to the default (office or admin)\n\n"
	 "keys:\n"
	 "  status.CODE     the name shown for a status: status.not_started, status.in_progress,\n"
	 "                  status.overdue, status.done_on_time, status.done_late,\n"
	 "                  status.recurring, status.cancelled (1-100 bytes)\n"
	 "  smtp.url        mail server for 'remind --send': smtp://HOST:PORT or smtps://...\n"
	 "  smtp.from       sender address of the reminders\n"
	 "  report.*        the layout of reports (see 'dondoc report settings')\n"
	 "Exit 2 for an unknown key or a bad value, 77 when the user may not change settings.\n",
	 cmd_settings},
	{"report", "monthly|draft-notice [--month YYYY-MM] [--format docx|html|md] [-o FILE] | settings [KEY VALUE]",
	 "write the monthly report, or a draft conclusion notice, in the official layout",
	 "  monthly        \"Báo cáo kết quả thực hiện nhiệm vụ tháng N và nhiệm vụ trọng tâm\n"
	 "                 tháng N+1\": results per document and unit, overdue tasks with reasons,\n"
	 "                 extensions, carried-over and newly due tasks (statuses on --today)\n"
	 "  draft-notice   a draft \"Thông báo kết luận\" for the month given (default next month)\n"
	 "                 listing the carried-over and newly due tasks, for the office to edit\n\n"
	 "options:\n"
	 "  --month M      YYYY-MM (default: the month of --today)\n"
	 "  --format F     docx (default), html (with SVG charts) or md; also taken from -o's extension\n"
	 "  -o FILE        output file ('-' standard output; default bao-cao-YYYY-MM.docx, or\n"
	 "                 standard output for html and md)\n\n"
	 "  settings [KEY VALUE | --unset KEY]   show or change the layout settings: report.style\n"
	 "                 party|state, report.issuer, report.parent, report.issuer_code, report.body,\n"
	 "                 report.place, report.authority, report.signer_title, report.signer_name,\n"
	 "                 report.recipients (separated by ';'), report.archive\n",
	 cmd_report},
	{"export", "tasks --format xlsx|csv|ics [FILTERS] -o FILE",
	 "export tasks to Excel, CSV (UTF-8 with BOM) or an iCalendar file of deadlines",
	 "FILTERS are those of 'dondoc tasks' (--unit, --lead, --status, --overdue, --due-before,\n"
	 "--due-from, --doc, --topic); all matching tasks are exported. The format is also taken\n"
	 "from -o's extension. CSV and ICS go to standard output without -o.\n"
	 "  xlsx   frozen header row, filters, real dates, coloured status; 'dondoc import-tasks'\n"
	 "         reads it back after editing\n"
	 "  ics    one all-day event per task with a due date (use --unit for one unit's calendar)\n",
	 cmd_export},
	{"import-tasks", "[--apply] [--json] FILE.xlsx|FILE.csv",
	 "read an exported task sheet edited in Excel: preview the changes, apply with --apply",
	 "Editable columns: \"Nội dung nhiệm vụ\", \"Đơn vị chủ trì\", \"Thời hạn\". A row whose task\n"
	 "changed in the database since the export is a conflict and is never applied. Exit status\n"
	 "65 when there are conflicts or bad rows (the other changes are still applied with --apply).\n",
	 cmd_import_tasks},
	{"stats", "[--from DATE] [--to DATE] [--json] [--svg FILE]",
	 "statistics for a period: tasks per official status and on-time rate, per unit and topic",
	 "Tasks due between --from and --to (either may be left open) and tasks without a due\n"
	 "date, with their status on --today.\n"
	 "  --svg FILE   also write an HTML page with the SVG charts to FILE\n",
	 cmd_stats},
	{NULL, NULL, NULL, NULL, NULL},
};
