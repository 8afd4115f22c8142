/* fuzz_extract.c - libFuzzer harness: the extractor on arbitrary text (through the text or HTML reader) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract/jv.h"
#include "extract/jvjson.h"
#include "extract/jvwrite.h"
#include "read/read.h"
#include "util/arena.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gazetteer *gz;
static struct arena mem; /* reset after each input, as `dondoc extract` does */

/* Give the lines OCR words and confidences taken from the input, so source.ocr_fields
 * (extract/confidence.c) is built too: one word per space-separated token, its key length
 * from rd_match_key, sometimes off by one (a repair that changed the letters). */
static void pretend_ocr(struct rd_doc *doc, const uint8_t *data, size_t size)
{
	struct buf tmp = BUF_INIT, key = BUF_INIT;
	size_t k = 0;

	doc->ocr = 1;
	doc->ocr_confidence = data[size / 2] % 101;
	for (size_t i = 0; i < doc->nlines; i++) {
		struct rd_line *l = &doc->lines[i];
		const char *t = l->text;
		size_t nw = 0, cap = 8;
		struct rd_word *w = malloc(cap * sizeof(*w));
		if (!w)
			break;
		while (*t) {
			size_t n = strcspn(t, " ");
			if (n) {
				buf_reset(&key);
				if (rd_match_key(t, n, &tmp, &key) < 0)
					break;
				if (nw == cap) {
					struct rd_word *nwp = realloc(w, 2 * cap * sizeof(*w));
					if (!nwp)
						break;
					w = nwp;
					cap *= 2;
				}
				uint8_t b = data[k++ % size];
				w[nw].keylen = (unsigned)key.len + ((b & 0x80) && (b & 0x40) ? 1u : 0u);
				w[nw].conf = (float)(b % 101);
				nw++;
			}
			t += n;
			t += strspn(t, " ");
		}
		free(l->words);
		l->words = w;
		l->nwords = nw;
		l->conf = nw ? w[0].conf : -1;
	}
	buf_release(&tmp);
	buf_release(&key);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rd_doc doc;
	struct dd_error err;
	struct rd_limits lim = rd_limits_default;

	if (!gz) {
		gz = gazetteer_load(NULL, &err); /* loaded once, like `extract` on many files */
		if (!gz)
			return 0;
		arena_init(&mem, 0);
	}
	lim.max_text = 1u << 20;
	lim.max_lines = 20000;
	memset(&doc, 0, sizeof(doc));
	/* a first byte with bit 1 set reads the input as HTML, so task tables (RD_TABLE lines)
	 * reach the extractor too */
	int html = size && (data[0] & 2);
	if (rd_read_buffer_as(html ? RD_HTML : RD_TXT, html ? "fuzz.html" : "fuzz.txt", data, size, &lim,
			      &doc, &err) == 0) {
		if (size && (data[0] & 1))
			pretend_ocr(&doc, data, size);
		struct jv *v = extract_doc(&doc, gz, &mem, &err);
		if (v) {
			/* the writers write exactly jansson's bytes for the same values */
			json_t *j = jv_to_json(v);
			char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
			char *p = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			struct buf b = BUF_INIT, bp = BUF_INIT;
			if (!s || !p || jv_write_compact(v, &b) < 0 || strcmp(buf_str(&b), s) != 0 ||
			    jv_write_pretty(v, &bp) < 0 || strcmp(buf_str(&bp), p) != 0)
				abort();
			buf_release(&b);
			buf_release(&bp);
			free(s);
			free(p);
			json_decref(j);
		}
		arena_reset(&mem);
	}
	rd_doc_release(&doc);
	return 0;
}
