/* fuzz_extract.c - libFuzzer harness: the extractor on arbitrary text (through the text reader) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/jsonl.h"
#include "read/read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gazetteer *gz;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;

	if (!gz) {
		gz = gazetteer_load(NULL, &err); /* loaded once, like `extract` on many files */
		if (!gz)
			return 0;
	}
	lim.max_text = 1u << 20;
	lim.max_lines = 20000;
	memset(&doc, 0, sizeof(doc));
	if (rd_read_buffer_as(RD_TXT, "fuzz.txt", data, size, &lim, &doc, &err) == 0) {
		json_t *j = extract_doc(&doc, gz, &err);
		if (j) {
			char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
			struct buf b = BUF_INIT;
			/* the --jsonl writer writes exactly jansson's bytes */
			if (s && ex_json_compact(j, &b) == 0 && strcmp(buf_str(&b), s) != 0)
				abort();
			buf_release(&b);
			free(s);
			json_decref(j);
		}
	}
	rd_doc_release(&doc);
	return 0;
}
