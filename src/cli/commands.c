/* commands.c - the one table of dondoc subcommands: name, usage, summary, help, handler */
#include "cli.h"

#include <stddef.h>

const struct cli_command cli_commands[] = {
	{"help", "[COMMAND]", "show the list of commands, or the help of one command", NULL, cmd_help},
	{"version", "", "print the version", NULL, cmd_version},
	{"normalize", "[--report] [FILE|-]",
	 "print a document's text as clean NFC UTF-8, repairing legacy encodings",
	 "Reads FILE (or standard input) in UTF-8, UTF-16 with BOM, TCVN3, VNI-Windows, VIQR,\n"
	 "Windows-1258 or double-encoded UTF-8, and prints it as NFC UTF-8.\n\n"
	 "options:\n"
	 "  --report    list on stderr what was detected and repaired, one line each\n"
	 "  --max-size N  refuse input larger than N bytes (default 256 MiB)\n",
	 cmd_normalize},
	{"gen-corpus", "[--count N] [--size BYTES] [--seed S] [--variant nfc|nfd|tcvn3] [--out DIR|-]",
	 "generate realistic synthetic documents for benchmarks and tests (deterministic)",
	 "options:\n"
	 "  --count N     number of documents (default 10)\n"
	 "  --size BYTES  instead of --count, write documents until BYTES are produced\n"
	 "  --seed S      random seed (default 1); the same seed gives the same output\n"
	 "  --variant V   nfc (default), nfd (decomposed Unicode) or tcvn3 (legacy bytes)\n"
	 "  --out DIR     write one file per document into DIR; '-' (default) concatenates on stdout\n",
	 cmd_gen_corpus},
	{NULL, NULL, NULL, NULL, NULL},
};
