/* confidence.c - per-value OCR confidence: each extracted value traced back to the OCR words
 * (or lines) it was taken from, and given the confidence of the weakest of them */
#include "confidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xalloc.h"

/* Cap of one key: a value longer than this (a very long task) is matched by its start. */
#define KEY_MAX 4096

/* The keys of all lines one after another, with the line and the confidence of the word
 * each byte came from. */
struct conf_text {
	const struct rd_doc *rd;
	struct buf all;
	size_t *line;  /* line index of each byte of all */
	float *conf;   /* confidence of each byte of all: its word's, else its line's (-1: none) */
	size_t *start; /* offset in all where line i starts; nlines + 1 entries */
	struct buf tmp, key;
	struct jv *fields, *check;
};

static int text_init(struct conf_text *ct, const struct rd_doc *rd)
{
	size_t cap = 0, ccap = 0;

	memset(ct, 0, sizeof(*ct));
	ct->rd = rd;
	buf_init(&ct->all, 0); /* bounded by the reader's text limit */
	buf_init(&ct->tmp, 0);
	buf_init(&ct->key, KEY_MAX);
	ct->start = xcalloc(rd->nlines + 1, sizeof(*ct->start));
	for (size_t i = 0; i < rd->nlines; i++) {
		size_t before = ct->all.len;
		ct->start[i] = before;
		const struct rd_line *l = &rd->lines[i];
		size_t sum = 0;
		/* the key (rd_match_key) is the one the OCR words were measured with */
		if (rd_match_key(l->text, strlen(l->text), &ct->tmp, &ct->all) < 0)
			return -1;
		if (ct->all.len > before) {
			XGROW(ct->line, ct->all.len, cap);
			XGROW(ct->conf, ct->all.len, ccap);
		}
		for (size_t k = before; k < ct->all.len; k++) {
			ct->line[k] = i;
			ct->conf[k] = l->conf;
		}
		/* each word's own confidence, when the words still add up to the line (a repair
		 * that changed the letters' count leaves the line's lowest) */
		for (size_t w = 0; w < l->nwords; w++)
			sum += l->words[w].keylen;
		if (l->nwords && sum == ct->all.len - before) {
			size_t k = before;
			for (size_t w = 0; w < l->nwords; w++)
				for (unsigned b = 0; b < l->words[w].keylen; b++)
					ct->conf[k++] = l->words[w].conf;
		}
	}
	ct->start[rd->nlines] = ct->all.len;
	return 0;
}

static void text_release(struct conf_text *ct)
{
	buf_release(&ct->all);
	buf_release(&ct->tmp);
	buf_release(&ct->key);
	free(ct->line);
	free(ct->conf);
	free(ct->start);
}

/* The lowest confidence of the OCR words (or lines) that key bytes [p, p + len) come from;
 * -1 when none was recognised by OCR. */
static double span_conf(const struct conf_text *ct, size_t p, size_t len)
{
	double c = -1;

	for (size_t i = p; i < p + len; i++) {
		double bc = ct->conf[i];
		if (bc >= 0 && (c < 0 || bc < c))
			c = bc;
	}
	return c;
}

/* Where ct->key first (or last) occurs within lines [from, to): its confidence, or -1;
 * *at (may be NULL) is set to the line where the match starts. */
static double find_conf(const struct conf_text *ct, size_t from, size_t to, int last, size_t *at)
{
	const char *k = buf_str(&ct->key);
	size_t klen = ct->key.len, lo, hi;
	const char *hit = NULL;

	if (to > ct->rd->nlines)
		to = ct->rd->nlines;
	if (klen < 2 || from >= to)
		return -1;
	lo = ct->start[from];
	hi = ct->start[to];
	for (size_t p = lo; p + klen <= hi;) {
		const char *h = memmem(ct->all.ptr + p, hi - p, k, klen);
		if (!h)
			break;
		hit = h;
		if (!last)
			break;
		p = (size_t)(h - ct->all.ptr) + 1;
	}
	if (!hit)
		return -1;
	if (at)
		*at = ct->line[hit - ct->all.ptr];
	return span_conf(ct, (size_t)(hit - ct->all.ptr), klen);
}

static void add_field(struct conf_text *ct, const char *path, double c)
{
	if (c < 0)
		return;
	jv_set_copy(ct->fields, path, jv_real(jv_arena(ct->fields), (double)(long)(c * 10.0 + 0.5) / 10.0));
	if (c < EX_CONF_CHECK_BELOW)
		jv_append(ct->check, jv_str(jv_arena(ct->check), path));
}

/* A text value: looked for in lines [from, to), then (when fall is set) anywhere. */
static void text_value(struct conf_text *ct, const char *path, const struct jv *v, size_t from, size_t to,
		       int last, int fall)
{
	const char *s = jv_string(v);
	double c;

	if (!s)
		return;
	buf_reset(&ct->key);
	/* a key over KEY_MAX keeps what fitted: the start of the value is matched */
	(void)rd_match_key(s, strlen(s), &ct->tmp, &ct->key);
	c = find_conf(ct, from, to, last, NULL);
	if (c < 0 && fall)
		c = find_conf(ct, 0, ct->rd->nlines, last, NULL);
	add_field(ct, path, c);
}

/* The issue date: written "ngày 15 tháng 3 năm 2021" (day and month with or without a
 * leading zero) or "15/3/2021". The line it was found on, or (size_t)-1. */
static size_t date_value(struct conf_text *ct, const char *path, const struct jv *v, size_t to)
{
	const char *s = jv_string(v);
	int y, m, d;
	char k[64];
	double c = -1;
	size_t at = (size_t)-1;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return at;
	y = (int)strtol(s, NULL, 10);
	m = (int)strtol(s + 5, NULL, 10);
	d = (int)strtol(s + 8, NULL, 10);
	for (int form = 0; form < 2 && c < 0; form++) {
		for (int pad = 0; pad < 4 && c < 0; pad++) {
			char dd[8], mm[8];
			if (pad & 1)
				snprintf(dd, sizeof(dd), "%02d", d % 100);
			else
				snprintf(dd, sizeof(dd), "%d", d % 100);
			if (pad & 2)
				snprintf(mm, sizeof(mm), "%02d", m % 100);
			else
				snprintf(mm, sizeof(mm), "%d", m % 100);
			if (form == 0)
				snprintf(k, sizeof(k), "ngay%sthang%snam%d", dd, mm, y % 10000);
			else
				snprintf(k, sizeof(k), "%s%s%d", dd, mm, y % 10000);
			buf_reset(&ct->key);
			buf_addstr(&ct->key, k);
			c = find_conf(ct, 0, to, 0, &at);
		}
	}
	add_field(ct, path, c);
	return c < 0 ? (size_t)-1 : at;
}

static size_t task_line(const struct jv *t)
{
	long long line = jv_integer(jv_get(t, "line"));

	return line > 0 ? (size_t)line - 1 : 0;
}

static void tasks_values(struct conf_text *ct, const struct jv *tasks)
{
	size_t n = ct->rd->nlines, i;
	const struct jv *t;
	char path[96];

	jv_array_foreach(tasks, i, t)
	{
		size_t from = task_line(t);
		const struct jv *dl = jv_get(t, "deadline"), *u;
		size_t j;
		snprintf(path, sizeof(path), "tasks[%zu].text", i);
		text_value(ct, path, jv_get(t, "text"), from, n, 0, 0);
		jv_array_foreach(jv_get(t, "lead_units"), j, u)
		{
			snprintf(path, sizeof(path), "tasks[%zu].lead_units[%zu]", i, j);
			text_value(ct, path, u, from, n, 0, 0);
		}
		/* an inherited deadline is the enclosing task's: it has its own entry there */
		if (jv_is_object(dl) && !jv_is_true(jv_get(dl, "inherited"))) {
			snprintf(path, sizeof(path), "tasks[%zu].deadline", i);
			text_value(ct, path, jv_get(dl, "text"), from, n, 0, 0);
		}
	}
}

void ex_confidence(struct jv *out, const struct rd_doc *rd)
{
	struct jv *src = jv_get(out, "source"), *tasks = jv_get(out, "tasks");
	const struct jv *sig = jv_get(out, "signature");
	struct conf_text ct;
	size_t hdr, dline;

	if (!rd || !rd->ocr || !jv_is_object(src))
		return;
	if (text_init(&ct, rd) < 0) {
		text_release(&ct);
		return;
	}
	ct.fields = jv_object(jv_arena(src));
	ct.check = jv_array(jv_arena(src));
	/* the header ends where the first task starts */
	hdr = jv_size(tasks) ? task_line(jv_at(tasks, 0)) : rd->nlines;
	if (hdr == 0)
		hdr = rd->nlines;
	text_value(&ct, "type", jv_get(jv_get(out, "type"), "name"), 0, hdr, 0, 0);
	text_value(&ct, "number", jv_get(out, "number"), 0, hdr, 0, 1);
	text_value(&ct, "issuer", jv_get(out, "issuer"), 0, hdr, 0, 1);
	text_value(&ct, "parent_body", jv_get(out, "parent_body"), 0, hdr, 0, 0);
	/* the place is written on the date line ("Quảng Ngãi, ngày ..."), not in the issuer */
	dline = date_value(&ct, "date", jv_get(out, "date"), hdr);
	if (dline != (size_t)-1)
		text_value(&ct, "place", jv_get(out, "place"), dline, dline + 1, 0, 0);
	else
		text_value(&ct, "place", jv_get(out, "place"), 0, hdr, 0, 0);
	text_value(&ct, "subject", jv_get(out, "subject"), 0, hdr, 0, 1);
	tasks_values(&ct, tasks);
	/* the signature block is at the end: the last occurrence of the name */
	text_value(&ct, "signature.title", jv_get(sig, "title"), 0, rd->nlines, 1, 0);
	text_value(&ct, "signature.name", jv_get(sig, "name"), 0, rd->nlines, 1, 0);
	jv_set(src, "ocr_fields", ct.fields);
	jv_set(src, "ocr_check", ct.check);
	text_release(&ct);
}
