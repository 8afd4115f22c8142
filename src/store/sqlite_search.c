/* sqlite_search.c - SQLite backend: FTS5 search over folded text, snippets mapped back to the original */
#include "sqlite_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "vn/fold.h"

#define DD_XSTR(x) #x
#define DD_STR(x) DD_XSTR(x)
#define QUERY_MAX 800
#define MAX_TERMS 16
#define SNIP_BEFORE 60
#define SNIP_AFTER 180
/* Ranking looks at the newest 1000 matches only: bm25's document frequencies cost a scan of every
 * row containing each word, which is too slow for common words in a million tasks. */
#define RANK_WINDOW 1000
#define BM25_K1 1.2
#define BM25_B 0.75

/* ddrank(fts): BM25's term-frequency and length part, without the idf factor (every candidate
 * contains every word of the query, so idf only weighs words against each other). Lower is
 * better, like bm25(). Uses only this row's hits and the index's stored totals. */
static void fn_rank(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx, int argc,
		    sqlite3_value **argv)
{
	int nphrase = api->xPhraseCount(fc), ninst = 0, tf[MAX_TERMS + 1] = {0};
	sqlite3_int64 nrow = 0, total = 0;
	int len = 0;
	double avg, score = 0;

	(void)argc;
	(void)argv;
	if (nphrase > MAX_TERMS + 1)
		nphrase = MAX_TERMS + 1;
	if (api->xInstCount(fc, &ninst) != SQLITE_OK || api->xColumnSize(fc, -1, &len) != SQLITE_OK ||
	    api->xRowCount(fc, &nrow) != SQLITE_OK ||
	    api->xColumnTotalSize(fc, -1, &total) != SQLITE_OK) {
		sqlite3_result_error(ctx, "ddrank failed", -1);
		return;
	}
	for (int i = 0; i < ninst; i++) {
		int ph, col, off;
		if (api->xInst(fc, i, &ph, &col, &off) == SQLITE_OK && ph >= 0 && ph < nphrase)
			tf[ph]++;
	}
	avg = nrow > 0 && total > 0 ? (double)total / (double)nrow : 1.0;
	for (int i = 0; i < nphrase; i++)
		score += tf[i] * (BM25_K1 + 1) / (tf[i] + BM25_K1 * (1 - BM25_B + BM25_B * len / avg));
	sqlite3_result_double(ctx, -score);
}

int sq_register_rank(struct sq *q, struct dd_error *err)
{
	if (!q->fts || q->fts->xCreateFunction(q->fts, "ddrank", NULL, fn_rank, NULL) != SQLITE_OK)
		return sq_fail(q, err, "cannot set up search ranking");
	return 0;
}

/* Turn the user's query into an FTS5 expression of quoted folded words (nothing the user
 * types can reach FTS5 syntax). Words are ANDed; "..." keeps a phrase; word* is a prefix. */
static int build_match(const char *query, struct buf *match, struct dd_error *err)
{
	struct buf f;
	const char *p;
	int nterms = 0, in_phrase = 0, rc = -1;

	buf_init(&f, 4 * QUERY_MAX);
	buf_init(match, 8 * QUERY_MAX);
	if (strlen(query) > QUERY_MAX) {
		dd_error_code(err, DD_ERR_USAGE, "search query longer than %d bytes", QUERY_MAX);
		goto out;
	}
	if (sq_fold(query, &f) < 0) {
		dd_error_code(err, DD_ERR_USAGE, "cannot read the search query");
		goto out;
	}
	p = buf_str(&f);
	while (*p) {
		const char *w;
		if (*p == '"') {
			if (in_phrase)
				buf_addstr(match, "\"");
			else {
				if (match->len)
					buf_addch(match, ' ');
				buf_addstr(match, "\"");
			}
			in_phrase = !in_phrase;
			p++;
			continue;
		}
		/* a word: ASCII letters/digits, or any non-ASCII byte (other scripts) */
		if (!(isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80)) {
			p++;
			continue;
		}
		w = p;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
		if (++nterms > MAX_TERMS) {
			dd_error_code(err, DD_ERR_USAGE, "search query has more than %d words", MAX_TERMS);
			goto out;
		}
		if (in_phrase) {
			if (match->ptr && match->ptr[match->len - 1] != '"')
				buf_addch(match, ' ');
			buf_add(match, w, (size_t)(p - w));
		} else {
			if (match->len)
				buf_addch(match, ' ');
			buf_addch(match, '"');
			buf_add(match, w, (size_t)(p - w));
			buf_addch(match, '"');
			if (*p == '*') {
				buf_addch(match, '*');
				p++;
			}
		}
	}
	if (in_phrase)
		buf_addstr(match, "\"");
	if (nterms == 0) {
		dd_error_code(err, DD_ERR_USAGE, "search query has no word to search for");
		goto out;
	}
	rc = 0;
out:
	buf_release(&f);
	return rc;
}

static size_t utf8_back(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Snippet of orig around the matches of the query (FTS5 expression match) in its folded
 * text, with the matches wrapped in open/close. */
static char *make_snippet(struct sq *q, const char *orig, const char *match, const char *open,
			  const char *close)
{
	struct buf folded = BUF_INIT, out;
	size_t *map = NULL, olen = strlen(orig), nspans = 0;
	size_t (*spans)[2] = NULL;
	size_t from, to, cur;

	buf_init(&out, 0);
	if (vn_fold_map(orig, olen, &folded, &map) < 0)
		goto plain;
	if (sq_fts_spans(q, match, buf_str(&folded), folded.len, &spans, &nspans) < 0)
		nspans = 0;
	/* folded offsets -> original offsets */
	for (size_t i = 0; i < nspans; i++) {
		size_t a = spans[i][0], b = spans[i][1];
		spans[i][0] = a < folded.len ? map[a] : olen;
		spans[i][1] = b < folded.len ? map[b] : olen;
		if (spans[i][1] < spans[i][0])
			spans[i][1] = spans[i][0];
	}
	from = nspans && spans[0][0] > SNIP_BEFORE ? spans[0][0] - SNIP_BEFORE : 0;
	if (nspans && from > 0) { /* start at a word: back to a space at most 20 bytes away */
		size_t b = from, limit = from > 20 ? from - 20 : 0;
		while (b > limit && orig[b - 1] != ' ')
			b--;
		if (b == 0 || orig[b - 1] == ' ')
			from = b;
	}
	from = utf8_back(orig, from);
	to = (nspans ? spans[0][0] : 0) + SNIP_AFTER;
	if (to >= olen)
		to = olen;
	else
		to = utf8_back(orig, to);
	if (from > 0)
		buf_addstr(&out, "…");
	cur = from;
	for (size_t i = 0; i < nspans; i++) {
		size_t a = spans[i][0], b = spans[i][1];
		if (a < cur || a >= to)
			continue;
		if (b > to)
			b = to;
		buf_add(&out, orig + cur, a - cur);
		buf_addstr(&out, open);
		buf_add(&out, orig + a, b - a);
		buf_addstr(&out, close);
		cur = b;
	}
	buf_add(&out, orig + cur, to - cur);
	if (to < olen)
		buf_addstr(&out, "…");
	free(spans);
	free(map);
	buf_release(&folded);
	for (size_t i = 0; i < out.len; i++) /* one line: the document's fields are joined by \n */
		if (out.ptr[i] == '\n' || out.ptr[i] == '\r' || out.ptr[i] == '\t')
			out.ptr[i] = ' ';
	return buf_detach(&out, NULL);
plain:
	free(spans);
	free(map);
	buf_release(&folded);
	buf_add(&out, orig, olen > SNIP_AFTER ? utf8_back(orig, SNIP_AFTER) : olen);
	return buf_detach(&out, NULL);
}

/* The original text of a hit (what was folded into the index) and its title. */
static int hit_source(struct sq *q, struct store_hit *h, struct buf *text, struct dd_error *err)
{
	sqlite3_stmt *st;
	int rc;

	buf_reset(text);
	if (h->kind == 't') {
		st = sq_prep(q, "SELECT t.text, t.doc_id, t.ref, d.number FROM tasks t JOIN documents d"
				" ON d.id = t.doc_id WHERE t.id = ?", err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, h->id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			const char *ref = (const char *)sqlite3_column_text(st, 2);
			const char *num = (const char *)sqlite3_column_text(st, 3);
			buf_addstr(text, (const char *)sqlite3_column_text(st, 0));
			h->doc_id = sqlite3_column_int64(st, 1);
			h->title = xasprintf("%s%s%s", ref ? ref : "", ref && num ? " - " : "",
					     num ? num : "");
		}
	} else {
		st = sq_prep(q, "SELECT type_name, number, issuer, subject FROM documents WHERE id = ?",
			     err);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, h->id);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			for (int i = 0; i < 4; i++) {
				const char *v = (const char *)sqlite3_column_text(st, i);
				if (!v)
					continue;
				if (text->len)
					buf_addch(text, '\n');
				buf_addstr(text, v);
			}
			const char *num = (const char *)sqlite3_column_text(st, 1);
			const char *sub = (const char *)sqlite3_column_text(st, 3);
			h->doc_id = h->id;
			h->title = xasprintf("%s%s%s", num ? num : "", num && sub ? " - " : "",
					     sub ? sub : "");
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sq_fail(q, err, "cannot read search hit");
	return 0;
}

int sq_search(struct store *s, const char *query, int64_t limit, int64_t offset, const char *open,
	      const char *close, struct store_hit_list *out, struct dd_error *err)
{
	struct sq *q = SQ(s);
	struct buf match, text;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc, ret = -1;

	memset(out, 0, sizeof(*out));
	buf_init(&text, 0);
	if (build_match(query, &match, err) < 0)
		goto out;
	if (limit <= 0)
		limit = 20;
	if (limit > 1000)
		limit = 1000;
	st = sq_prep(q, "SELECT r, s FROM (SELECT rowid r, ddrank(fts) s FROM fts WHERE fts MATCH ?"
			" ORDER BY rowid DESC LIMIT " DD_STR(RANK_WINDOW) ") ORDER BY s, r DESC LIMIT ?"
			" OFFSET ?", err);
	if (!st)
		goto out;
	sqlite3_bind_text(st, 1, buf_str(&match), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, limit + 1);
	sqlite3_bind_int64(st, 3, offset < 0 ? 0 : offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_hit *h;
		int64_t rowid = sqlite3_column_int64(st, 0);
		if ((int64_t)out->n == limit) {
			out->more = 1;
			break;
		}
		XGROW(out->items, out->n + 1, cap);
		h = &out->items[out->n++];
		memset(h, 0, sizeof(*h));
		h->kind = (rowid & 1) ? 'd' : 't';
		h->id = rowid / 2;
		h->score = sqlite3_column_double(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		sq_fail(q, err, "search failed");
		goto out;
	}
	/* snippets for this page only, highlighted by tokenizing each hit's text as the index
	 * does (FTS5's highlight() would look each hit up in the index again) */
	for (size_t i = 0; i < out->n; i++) {
		struct store_hit *h = &out->items[i];
		if (hit_source(q, h, &text, err) < 0)
			goto out;
		h->snippet = make_snippet(q, buf_str(&text), buf_str(&match), open ? open : "[",
					  close ? close : "]");
		if (!h->title)
			h->title = xstrdup("");
	}
	ret = 0;
out:
	buf_release(&match);
	buf_release(&text);
	if (ret < 0)
		store_hit_list_release(out);
	return ret;
}
