/* sqlite_fts.c - SQLite backend: the search index's tokenizer (words and word pairs) and the
 * highlighting of a hit's text */
#include "sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Tokenizer "ddfold": the unicode61 tokens (remove_diacritics 2) of the folded text and, in
 * documents, every pair of adjacent words as one more token at the first word's position
 * (FTS5_TOKEN_COLOCATED: it neither moves positions nor counts in a row's size). A query
 * phrase "a b c" becomes the pairs "a b", "b c" at consecutive positions, so FTS5 reads the
 * short doclists of word pairs instead of intersecting the long ones of two common words
 * (a phrase of common words found nowhere read every row holding both). Pair tokens start
 * with PAIR_MARK: a prefix query "ab*" then matches no pair. */
#define PAIR_MARK '\x01'
#define WORD_MAX 128 /* longer words are indexed alone, never in a pair */
#define QUERY_WORDS 64

struct ddtok {
	fts5_tokenizer inner_api;
	Fts5Tokenizer *inner;
};

typedef int (*token_fn)(void *, int, const char *, int, int, int);

/* a document: each word, preceded by the pair of it and the previous word (colocated with
 * that word) */
struct docrun {
	void *ctx;
	token_fn emit;
	char pair[2 * WORD_MAX + 2]; /* PAIR_MARK previous ' ' current */
	int nprev, prev_start;       /* the previous word (in pair + 1); 0: none or too long */
};

static int on_doc_token(void *arg, int tflags, const char *tok, int n, int start, int end)
{
	struct docrun *r = arg;
	int rc;

	(void)tflags;
	if (n < WORD_MAX && r->nprev > 0) {
		memcpy(r->pair + 2 + r->nprev, tok, (size_t)n);
		rc = r->emit(r->ctx, FTS5_TOKEN_COLOCATED, r->pair, 2 + r->nprev + n, r->prev_start,
			     end);
		if (rc != SQLITE_OK)
			return rc;
	}
	rc = r->emit(r->ctx, 0, tok, n, start, end);
	r->nprev = 0;
	if (n < WORD_MAX) {
		memcpy(r->pair + 1, tok, (size_t)n);
		r->pair[1 + n] = ' ';
		r->nprev = n;
		r->prev_start = start;
	}
	return rc;
}

/* a query phrase: its words, emitted as pairs once all are known */
struct queryrun {
	struct {
		int off, len, start, end;
	} w[QUERY_WORDS];
	int nw, single; /* single: a word too long to pair, or too many: emit the words */
	char buf[QUERY_WORDS * WORD_MAX];
	int nbuf;
};

static int on_query_token(void *arg, int tflags, const char *tok, int n, int start, int end)
{
	struct queryrun *r = arg;

	(void)tflags;
	if (r->nw == QUERY_WORDS || n >= WORD_MAX) {
		r->single = 1;
		return SQLITE_OK;
	}
	memcpy(r->buf + r->nbuf, tok, (size_t)n);
	r->w[r->nw].off = r->nbuf;
	r->w[r->nw].len = n;
	r->w[r->nw].start = start;
	r->w[r->nw].end = end;
	r->nbuf += n;
	r->nw++;
	return SQLITE_OK;
}

static int tok_create(void *api_ptr, const char **argv, int argc, Fts5Tokenizer **out)
{
	fts5_api *api = api_ptr;
	struct ddtok *t = xcalloc(1, sizeof(*t));
	void *ud = NULL;
	const char *args[] = {"remove_diacritics", "2"};
	int rc;

	(void)argv;
	(void)argc;
	rc = api->xFindTokenizer(api, "unicode61", &ud, &t->inner_api);
	if (rc == SQLITE_OK)
		rc = t->inner_api.xCreate(ud, args, 2, &t->inner);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *p)
{
	struct ddtok *t = (struct ddtok *)p;
	if (!t)
		return;
	t->inner_api.xDelete(t->inner);
	free(t);
}

static int tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			token_fn emit)
{
	struct ddtok *t = (struct ddtok *)p;
	struct queryrun *r;
	char pair[2 * WORD_MAX + 2];
	int rc;

	/* highlight()/snippet() positions (FTS5_TOKENIZE_AUX) need the words only */
	if (flags & FTS5_TOKENIZE_AUX)
		return t->inner_api.xTokenize(t->inner, ctx, flags, text, n, emit);
	if (!(flags & FTS5_TOKENIZE_QUERY)) {
		struct docrun d = {.ctx = ctx, .emit = emit};
		d.pair[0] = PAIR_MARK;
		return t->inner_api.xTokenize(t->inner, &d, flags, text, n, on_doc_token);
	}
	r = xcalloc(1, sizeof(*r));
	rc = t->inner_api.xTokenize(t->inner, r, flags, text, n, on_query_token);
	if (rc == SQLITE_OK && (r->nw < 2 || r->single)) {
		free(r);
		return t->inner_api.xTokenize(t->inner, ctx, flags, text, n, emit);
	}
	pair[0] = PAIR_MARK;
	for (int i = 1; rc == SQLITE_OK && i < r->nw; i++) {
		int a = r->w[i - 1].len, b = r->w[i].len;
		memcpy(pair + 1, r->buf + r->w[i - 1].off, (size_t)a);
		pair[1 + a] = ' ';
		memcpy(pair + 2 + a, r->buf + r->w[i].off, (size_t)b);
		rc = emit(ctx, 0, pair, 2 + a + b, r->w[i - 1].start, r->w[i].end);
	}
	free(r);
	return rc;
}

int sq_register_fts(struct sq *q, struct dd_error *err)
{
	static fts5_tokenizer tok = {tok_create, tok_delete, tok_tokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(q->db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return sq_fail(q, err, "full-text search is not available");
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (!api || api->iVersion < 2)
		return dd_error(err, "full-text search (fts5) is not available");
	q->fts = api;
	if (api->xCreateTokenizer(api, "ddfold", api, &tok, NULL) != SQLITE_OK)
		return sq_fail(q, err, "cannot set up the search tokenizer");
	return 0;
}

/* ---- highlighting ---- */

struct word {
	char *text;
	int len, start, end;
};

struct words {
	struct word *w;
	size_t n, cap;
};

static int collect(void *arg, int tflags, const char *tok, int n, int start, int end)
{
	struct words *ws = arg;
	(void)tflags;
	XGROW(ws->w, ws->n + 1, ws->cap);
	ws->w[ws->n].text = xstrndup(tok, (size_t)n);
	ws->w[ws->n].len = n;
	ws->w[ws->n].start = start;
	ws->w[ws->n].end = end;
	ws->n++;
	return SQLITE_OK;
}

static void words_release(struct words *ws)
{
	for (size_t i = 0; i < ws->n; i++)
		free(ws->w[i].text);
	free(ws->w);
	memset(ws, 0, sizeof(*ws));
}

struct phrase {
	struct words terms;
	int prefix;
};

int sq_fts_spans(struct sq *q, const char *match, const char *text, size_t n,
		 size_t (**spans)[2], size_t *nspans)
{
	fts5_tokenizer api;
	Fts5Tokenizer *tk = NULL;
	void *ud = NULL;
	const char *args[] = {"remove_diacritics", "2"};
	struct phrase *ph = NULL;
	struct words doc = {0};
	size_t nph = 0, phcap = 0, cap = 0;
	int ret = -1;

	*spans = NULL;
	*nspans = 0;
	if (!q->fts || q->fts->xFindTokenizer(q->fts, "unicode61", &ud, &api) != SQLITE_OK ||
	    api.xCreate(ud, args, 2, &tk) != SQLITE_OK)
		return -1;
	/* the phrases of the FTS5 expression build_match made: "..." or "..."* */
	for (const char *p = match; (p = strchr(p, '"')) != NULL;) {
		const char *e = strchr(p + 1, '"');
		struct phrase *f;
		if (!e)
			break;
		XGROW(ph, nph + 1, phcap);
		f = &ph[nph++];
		memset(f, 0, sizeof(*f));
		f->prefix = e[1] == '*';
		if (api.xTokenize(tk, &f->terms, FTS5_TOKENIZE_QUERY, p + 1, (int)(e - p - 1),
				  collect) != SQLITE_OK)
			goto out;
		p = e + 1;
	}
	if (n > 0x7fffffff ||
	    api.xTokenize(tk, &doc, FTS5_TOKENIZE_DOCUMENT, text, (int)n, collect) != SQLITE_OK)
		goto out;
	/* every occurrence of every phrase, as word ranges; overlapping ones merge (as FTS5's
	 * highlight() does) */
	{
		size_t open_from = 0, open_to = 0;
		int open = 0;
		for (size_t i = 0; i < doc.n; i++) {
			size_t last = i;
			int found = 0;
			for (size_t k = 0; k < nph; k++) {
				const struct words *t = &ph[k].terms;
				size_t j;
				if (t->n == 0 || i + t->n > doc.n)
					continue;
				for (j = 0; j < t->n; j++) {
					const struct word *d = &doc.w[i + j], *w = &t->w[j];
					int pre = ph[k].prefix && j + 1 == t->n;
					if (pre ? d->len < w->len || memcmp(d->text, w->text, (size_t)w->len)
						: d->len != w->len || memcmp(d->text, w->text, (size_t)w->len))
						break;
				}
				if (j == t->n) {
					found = 1;
					if (i + t->n - 1 > last)
						last = i + t->n - 1;
				}
			}
			if (!found)
				continue;
			if (open && i <= open_to) {
				if (last > open_to)
					open_to = last;
				continue;
			}
			if (open) {
				XGROW(*spans, *nspans + 1, cap);
				(*spans)[*nspans][0] = (size_t)doc.w[open_from].start;
				(*spans)[(*nspans)++][1] = (size_t)doc.w[open_to].end;
			}
			open = 1;
			open_from = i;
			open_to = last;
		}
		if (open) {
			XGROW(*spans, *nspans + 1, cap);
			(*spans)[*nspans][0] = (size_t)doc.w[open_from].start;
			(*spans)[(*nspans)++][1] = (size_t)doc.w[open_to].end;
		}
	}
	ret = 0;
out:
	for (size_t k = 0; k < nph; k++)
		words_release(&ph[k].terms);
	free(ph);
	words_release(&doc);
	api.xDelete(tk);
	if (ret < 0) {
		free(*spans);
		*spans = NULL;
		*nspans = 0;
	}
	return ret;
}
