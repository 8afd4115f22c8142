/* text.c - plain text and Markdown reader: normalized lines, indentation, emphasis removed */
#include "read.h"
#include "read_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/buf.h"
#include "util/xalloc.h"

/* Bold state carried across the lines of one paragraph (Markdown emphasis may span lines). */
struct text_state {
	int bold;   /* inside ** ... ** or __ ... __ */
	int italic; /* inside * ... * */
	int markdown;
	int page;
};

/* A segment of a line being built: the text without markup and how much of it was bold. */
struct seg {
	struct buf text;
	size_t nbold, nplain; /* pieces with ink inside / outside bold (only zero or not matters) */
	unsigned indent;
	unsigned flags;
};

/* Code point just before byte offset i of s (0 when i == 0). */
static int32_t cp_before(const char *s, size_t i)
{
	size_t j = i;
	int32_t cp = 0;

	if (i == 0)
		return 0;
	j--;
	while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	if (utf8proc_iterate((const utf8proc_uint8_t *)s + j, (utf8proc_ssize_t)(i - j), &cp) < 0)
		return 0;
	return cp;
}

/* Code point at byte offset i of s[0..n) (0 at the end). */
static int32_t cp_at(const char *s, size_t n, size_t i)
{
	int32_t cp = 0;

	if (i >= n)
		return 0;
	if (utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp) < 0)
		return 0;
	return cp;
}

static int is_upper(int32_t cp)
{
	return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

static int is_lower(int32_t cp)
{
	return cp > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

static int is_space_cp(int32_t cp)
{
	return cp == 0 || cp == ' ' || cp == '\t';
}

static int is_alnum_cp(int32_t cp)
{
	utf8proc_category_t c;

	if (cp <= 0)
		return 0;
	c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
	       (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
	       (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

/* Nonzero when the text so far has letters and none of them is lower-case. */
static int all_upper(const char *s, size_t n)
{
	int letters = 0;
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		utf8proc_ssize_t k =
			utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return 0;
		if (is_lower(cp))
			return 0;
		if (is_upper(cp))
			letters = 1;
		i += (size_t)k;
	}
	return letters;
}

/* The flags of the segment that ends now; *start and *len cut the blanks off both ends of
 * its text t[0..*len). */
static unsigned seg_finish(const struct seg *sg, const char *t, size_t *start, size_t *len)
{
	while (*start < *len && (t[*start] == ' ' || t[*start] == '\t'))
		(*start)++;
	while (*len > *start && (t[*len - 1] == ' ' || t[*len - 1] == '\t'))
		(*len)--;
	return sg->flags | (sg->nbold > 0 && sg->nplain == 0 ? RD_BOLD : 0);
}

static void seg_reset(struct seg *sg)
{
	if (sg->text.len)
		buf_reset(&sg->text);
	sg->nbold = sg->nplain = 0;
	sg->indent = 0;
	sg->flags = 0;
}

/* Add the segment whose text is t[0..len) as a line (a copy) and start a new segment. */
static int seg_emit_text(struct rd_doc *doc, struct seg *sg, const struct text_state *st,
			 const char *t, size_t len, struct dd_error *err)
{
	size_t start = 0;
	unsigned flags = seg_finish(sg, t, &start, &len);

	/* no NUL: vn_normalize refuses input with one and drops other control characters */
	if (rd_doc_add_text(doc, t + start, len - start, sg->indent, flags, st->page, -1, -1) < 0)
		return rd_doc_limit_error(doc, err);
	seg_reset(sg);
	return 0;
}

/* The same for a segment that is all of a line t[0..len) of the normalized text (which
 * the doc keeps): the line gets its text where it is, cut by a NUL over the byte after it
 * (a blank, the line break, the form feed or the text's own NUL: already read). */
static int seg_emit_ref(struct rd_doc *doc, struct seg *sg, const struct text_state *st, char *t,
			size_t len, struct dd_error *err)
{
	size_t start = 0;
	unsigned flags = seg_finish(sg, t, &start, &len);
	struct rd_line *l = rd_line_new(doc, len - start, sg->indent, flags, st->page, -1, -1);

	if (!l)
		return rd_doc_limit_error(doc, err);
	t[len] = '\0';
	l->text = t + start;
	seg_reset(sg);
	return 0;
}

static int seg_emit(struct rd_doc *doc, struct seg *sg, const struct text_state *st,
		    struct dd_error *err)
{
	return seg_emit_text(doc, sg, st, buf_str(&sg->text), sg->text.len, err);
}

/* Find the closing single '*' of an italic span opened at s[i] (or 0). *stop is where the
 * search ended: no opener before it can have a closer either, which keeps lines full of
 * stray asterisks linear. */
static size_t find_italic_close(const char *s, size_t n, size_t i, size_t *stop)
{
	for (size_t j = i + 2; j < n; j++) {
		if (s[j] != '*')
			continue;
		if ((j + 1 < n && s[j + 1] == '*') || s[j - 1] == '*') {
			*stop = j;
			return 0; /* a bold marker comes first: not a simple italic span */
		}
		if (!is_space_cp(cp_before(s, j)) && !is_alnum_cp(cp_at(s, n, j + 1)))
			return j;
	}
	*stop = n;
	return 0;
}

/* Bytes of an ordinary run in do_line: 2 ends it ('*', '_', '\\'), 1 is blank (space,
 * tab), 0 is ink. */
static const unsigned char run_class[256] = {
	[' '] = 1, ['\t'] = 1, ['*'] = 2, ['_'] = 2, ['\\'] = 2,
};

/* Non-zero when one of the 8 bytes of x is '*', '_' or '\\'. */
static uint64_t word_has_marker(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t a = x ^ (ones * '*'), b = x ^ (ones * '_'), c = x ^ (ones * '\\');
	return (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c)) & highs;
}

#if defined(__SSE2__)
/* Bit k set when s[k] is '*', '_' or '\\' (k < 16). */
static inline unsigned marker_mask(const char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('*')),
					      _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))),
				 _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* 0: the plain ways only (rd_text_fast_paths, for tests) */
static int fast_paths = 1;

void rd_text_fast_paths(int on)
{
	fast_paths = on;
}

/* End of the run of ordinary bytes starting at s[i]: the next '*', '_', '\\' or n. */
static size_t run_end(const char *s, size_t n, size_t i)
{
#if defined(__SSE2__)
	if (n >= 16 && fast_paths) {
		/* 16 bytes at a time; the last ones from the 16 that end the line, the bytes
		 * before i shifted out (nothing is read outside s[0..n)) */
		for (; i + 16 <= n; i += 16) {
			unsigned m = marker_mask(s + i);
			if (m)
				return i + (size_t)__builtin_ctz(m);
		}
		if (i < n) {
			unsigned m = marker_mask(s + n - 16) >> (16 - (n - i));
			return m ? i + (size_t)__builtin_ctz(m) : n;
		}
		return n;
	}
#endif
	while (i + 8 <= n) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (word_has_marker(x))
			break;
		i += 8;
	}
	while (i < n && run_class[(unsigned char)s[i]] != 2)
		i++;
	return i;
}

/* 1 when none of the next markup bytes mark[] ('*', '_', '\\'; NULL when none is left)
 * comes before `to`, the end of a line; those that do are looked for again from `to`, so
 * each of them is searched for once over the text. In the plain ways (fast_paths 0) the
 * marks stay at the start of the text and the answer is always 0. */
static int no_markup(const char *mark[3], const char *to, const char *end)
{
	static const char bytes[3] = {'*', '_', '\\'};
	int none = 1;

	if (!fast_paths)
		return 0;
	for (int k = 0; k < 3; k++) {
		if (mark[k] && mark[k] < to) {
			none = 0;
			mark[k] = memchr(to, bytes[k], (size_t)(end - to));
		}
	}
	return none;
}

static int do_markup(struct rd_doc *doc, const char *s, size_t i, size_t n, struct text_state *st,
		     struct seg *sg, struct dd_error *err);

/* Read one line s[0..n) (no newline) into segments, removing emphasis markup. no_markup:
 * the caller knows there is no '*', '_' or '\\' on the line. */
static inline int do_line(struct rd_doc *doc, char *s, size_t n, struct text_state *st,
			  struct seg *sg, int no_markup, struct dd_error *err)
{
	size_t i = 0;
	unsigned indent = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t')) {
		indent = s[i] == '\t' ? (indent / 8 + 1) * 8 : indent + 1;
		i++;
	}
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (i == n) {
		st->bold = st->italic = 0; /* a blank line ends a paragraph and any open emphasis */
		sg->indent = 0;
		if (fast_paths && sg->text.len == 0)
			return seg_emit_ref(doc, sg, st, s + i, 0, err);
		return seg_emit(doc, sg, st, err);
	}
	sg->indent = indent;
	if (st->markdown && s[i] == '#') {
		size_t h = i;
		while (h < n && s[h] == '#')
			h++;
		if (h - i <= 6 && (h == n || s[h] == ' ')) {
			sg->flags |= RD_HEADING;
			i = h;
			while (n > i && s[n - 1] == '#')
				n--;
		}
	}
	if (sg->text.len == 0 && (no_markup || (fast_paths && run_end(s, n, i) == n))) {
		/* no markup on the line (most lines): it is the segment, read where it is */
		size_t ink = 0;
		for (size_t j = i; j < n && !ink; j++)
			ink = run_class[(unsigned char)s[j]] != 1;
		if (st->bold)
			sg->nbold += ink;
		else
			sg->nplain += ink;
		return seg_emit_ref(doc, sg, st, s + i, n - i, err);
	}
	return do_markup(doc, s, i, n, st, sg, err);
}

/* do_line's markup part: the line s[0..n) from s[i] on (indentation and heading done). */
static int do_markup(struct rd_doc *doc, const char *s, size_t i, size_t n, struct text_state *st,
		     struct seg *sg, struct dd_error *err)
{
	size_t italic_close = 0, no_close_before = 0;

	while (i < n) {
		char c = s[i];
		if (st->markdown && c == '\\' && i + 1 < n && strchr("\\`*_{}[]()#+-.!<>|", s[i + 1])) {
			if (buf_addch(&sg->text, s[i + 1]) < 0)
				goto toolong;
			sg->nbold += st->bold;
			sg->nplain += !st->bold;
			i += 2;
			continue;
		}
		if (c == '*' || c == '_') {
			size_t run = i;
			int32_t before, after;
			while (run < n && s[run] == c)
				run++;
			before = cp_before(s, i);
			after = cp_at(s, n, run);
			if ((run - i == 2 || (c == '*' && run - i == 3)) &&
			    (!is_space_cp(before) || !is_space_cp(after)) &&
			    !(c == '_' && is_alnum_cp(before) && is_alnum_cp(after))) {
				/* "THÔNG BÁO**kết luận": the marker separates the upper-case document
				 * type from the lower-case subject, i.e. it stands for a line break */
				if (is_upper(before) && is_lower(after) &&
				    all_upper(buf_str(&sg->text), sg->text.len)) {
					if (seg_emit(doc, sg, st, err) < 0)
						return -1;
				}
				st->bold = !st->bold;
				if (run - i == 3)
					st->italic = !st->italic;
				i = run;
				continue;
			}
			if (c == '*' && run - i == 1) {
				if (italic_close && italic_close == i) {
					italic_close = 0;
					i++;
					continue;
				}
				if (!italic_close && i >= no_close_before && !is_space_cp(after) &&
				    !is_alnum_cp(before)) {
					size_t close = find_italic_close(s, n, i, &no_close_before);
					if (close) {
						italic_close = close;
						i++;
						continue;
					}
				}
			}
			if (buf_add(&sg->text, s + i, run - i) < 0)
				goto toolong;
			sg->nbold += st->bold ? run - i : 0;
			sg->nplain += st->bold ? 0 : run - i;
			i = run;
			continue;
		}
		{
			/* a run of ordinary bytes goes in one piece; whether it has ink is all
			 * the bold bookkeeping needs */
			size_t r = run_end(s, n, i), ink = 0;
			if (r == i)
				r++; /* a backslash that escapes nothing */
			for (size_t j = i; j < r && !ink; j++)
				ink = run_class[(unsigned char)s[j]] != 1;
			if (buf_add(&sg->text, s + i, r - i) < 0)
				goto toolong;
			if (st->bold)
				sg->nbold += ink;
			else
				sg->nplain += ink;
			i = r;
		}
	}
	return seg_emit(doc, sg, st, err);
toolong:
	return dd_error_code(err, DD_ERR_DATA, "too much text (limit %zu bytes)", doc->max_text);
}

/* A pipe table's delimiter row ("|---|:---:|", "--- | ---"): only '|', '-', ':' and spaces,
 * a '-' in every cell; its number of cells, or 0. */
static int delim_cells(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	if (i < n && s[i] == '|')
		i++;
	int cells = 0, dash = 0, any = 0;
	for (; i < n; i++) {
		char c = s[i];
		if (c == '-') {
			dash = any = 1;
		} else if (c == '|') {
			if (!dash)
				return 0;
			cells++;
			dash = any = 0;
		} else if (c != ':' && c != ' ') {
			return 0;
		} else if (c == ':') {
			any = 1;
		}
	}
	if (any && !dash)
		return 0; /* a cell of ':' alone */
	return cells + dash;
}

/* The cells of a pipe table row, cut in place: the '|' between them become NULs, each
 * cell's spaces trimmed; at most max cells (their starts and lengths), the count. */
static int row_cells(char *s, size_t n, char **cell, size_t *len, int max)
{
	size_t b = 0, e = n;
	while (b < e && s[b] == ' ')
		b++;
	while (e > b && s[e - 1] == ' ')
		e--;
	if (b < e && s[b] == '|')
		b++;
	if (e > b && s[e - 1] == '|')
		e--;
	int k = 0;
	while (b <= e && k < max) {
		size_t q = b;
		while (q < e && s[q] != '|')
			q++;
		size_t cb = b, ce = q;
		while (cb < ce && s[cb] == ' ')
			cb++;
		while (ce > cb && s[ce - 1] == ' ')
			ce--;
		cell[k] = s + cb;
		len[k] = ce - cb;
		k++;
		if (q < e)
			s[q] = '\0';
		b = q + 1;
	}
	return k;
}

#define PIPE_MAX_CELLS 32

/* Pipe tables (GitHub Markdown: a header row, a delimiter row "|---|---|", rows until a
 * blank line or a line with no '|'), as a converted document writes its task tables: their
 * cells become table lines (RD_TABLE, row and column set, the delimiter row dropped), as the
 * HTML and DOCX readers give a table. A header row must have the delimiter row's count of
 * cells; anything else stays text. */
static void pipe_tables(struct rd_doc *doc)
{
	size_t first = (size_t)-1;
	for (size_t i = 1; i < doc->nlines && first == (size_t)-1; i++) {
		const struct rd_line *l = &doc->lines[i];
		char c = l->text[0];
		if ((c == '|' || c == '-' || c == ':' || c == ' ') && memchr(l->text, '|', l->len) &&
		    delim_cells(l->text, l->len) >= 2 && memchr(doc->lines[i - 1].text, '|', doc->lines[i - 1].len))
			first = i - 1;
	}
	if (first == (size_t)-1)
		return; /* (nearly every text) */
	struct rd_line *old = doc->lines;
	size_t n = doc->nlines;
	doc->lines = NULL;
	doc->nlines = doc->cap = 0;
	XGROW(doc->lines, n + 16, doc->cap);
	for (size_t i = 0; i < n;) {
		int ncols = 0;
		char *cell[PIPE_MAX_CELLS];
		size_t len[PIPE_MAX_CELLS];
		if (i >= first && i + 1 < n && memchr(old[i].text, '|', old[i].len) &&
		    (ncols = delim_cells(old[i + 1].text, old[i + 1].len)) >= 2) {
			/* the header must have as many cells (counted on a copy: cutting is for
			 * a row that is one) */
			char tmp[512];
			size_t tl = old[i].len < sizeof(tmp) ? old[i].len : sizeof(tmp) - 1;
			memcpy(tmp, old[i].text, tl);
			if (row_cells(tmp, tl, cell, len, PIPE_MAX_CELLS) != ncols || old[i].len >= sizeof(tmp))
				ncols = 0;
		} else {
			ncols = 0;
		}
		if (!ncols) {
			XGROW(doc->lines, doc->nlines + 1, doc->cap);
			doc->lines[doc->nlines++] = old[i++];
			continue;
		}
		/* the header row, then (past the delimiter row) every row up to a blank line or a
		 * line with no '|' */
		int row = 0;
		size_t j = i;
		while (j < n && (j == i || (j > i + 1 && old[j].len && memchr(old[j].text, '|', old[j].len)))) {
			/* the line limit holds for the cells too: past it, the rows stay text */
			if (doc->max_lines && doc->nlines + PIPE_MAX_CELLS + (n - j) > doc->max_lines)
				break;
			int k = row_cells(old[j].text, old[j].len, cell, len, PIPE_MAX_CELLS);
			for (int c = 0; c < k; c++) {
				if (!len[c])
					continue;
				XGROW(doc->lines, doc->nlines + 1, doc->cap);
				struct rd_line *l = &doc->lines[doc->nlines++];
				*l = old[j];
				l->text = cell[c];
				l->len = len[c];
				cell[c][len[c]] = '\0';
				l->indent = 0;
				l->flags = RD_TABLE | (old[j].flags & (RD_BOLD | RD_ITALIC));
				l->col = c;
				l->row = row;
			}
			row++;
			j = j == i ? i + 2 : j + 1;
		}
		if (j == i) {
			/* not even the header fitted: the table stays text */
			XGROW(doc->lines, doc->nlines + 1, doc->cap);
			doc->lines[doc->nlines++] = old[i++];
			continue;
		}
		i = j;
	}
	free(old);
}

int rd_read_text(const char *data, size_t n, int markdown, const struct rd_limits *lim,
		 struct rd_doc *doc, struct dd_error *err)
{
	struct buf norm;
	struct seg sg;
	struct text_state st = {0, 0, markdown, 0};
	char *p, *end, *ff;
	const char *mark[3];
	int rc = -1;

	if (!lim)
		lim = &rd_limits_default;
	buf_init(&norm, lim->max_text);
	buf_init(&sg.text, lim->max_text);
	sg.nbold = sg.nplain = 0;
	sg.indent = sg.flags = 0;
	if (vn_normalize(data, n, &norm, &doc->report, err) < 0) {
		if (norm.max && norm.len + n > norm.max && n > norm.max)
			dd_error_code(err, DD_ERR_DATA, "too much text (limit %zu bytes)", lim->max_text);
		goto out;
	}
	/* the doc keeps the text: the lines without markup are cut out of it in place */
	p = norm.ptr;
	if (!p) {
		rc = 0; /* nothing (vn_normalize gives at least "" when it succeeds) */
		goto out;
	}
	end = p + norm.len;
	{
		/* room for the lines of a typical text (~50 bytes a line) at once, not by
		 * doubling from 8 */
		size_t guess = norm.len / 32 + 16;
		if (doc->max_lines && guess > doc->max_lines)
			guess = doc->max_lines;
		XGROW(doc->lines, guess, doc->cap);
	}
	/* a form feed (pdftotext page break) counts as a page boundary; the next one is
	 * looked for once it is passed, not on every line */
	ff = memchr(p, '\f', norm.len);
	st.page = ff ? 1 : 0;
	/* the next '*', '_' and '\\' (NULL: none left), found once passed like the form feeds:
	 * a line that ends before all three has no markup (most texts have none at all) */
	mark[0] = fast_paths ? memchr(p, '*', norm.len) : p;
	mark[1] = fast_paths ? memchr(p, '_', norm.len) : p;
	mark[2] = fast_paths ? memchr(p, '\\', norm.len) : p;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *eol = nl ? nl : end;
		while (ff && ff < eol) {
			if (do_line(doc, p, (size_t)(ff - p), &st, &sg, no_markup(mark, ff, end), err) < 0)
				goto out;
			st.page++;
			p = ff + 1;
			ff = memchr(p, '\f', (size_t)(end - p));
		}
		if (do_line(doc, p, (size_t)(eol - p), &st, &sg, no_markup(mark, eol, end), err) < 0)
			goto out;
		p = nl ? nl + 1 : end;
	}
	/* drop the blank lines a file starts and ends with */
	{
		size_t lead = 0;
		while (lead < doc->nlines && doc->lines[lead].text[0] == '\0')
			lead++; /* its text stays in the doc until rd_doc_release */
		if (lead) {
			memmove(doc->lines, doc->lines + lead, (doc->nlines - lead) * sizeof(*doc->lines));
			doc->nlines -= lead;
			doc->text_bytes -= lead;
		}
	}
	while (doc->nlines && doc->lines[doc->nlines - 1].text[0] == '\0') {
		doc->nlines--;
		doc->text_bytes -= 1;
	}
	pipe_tables(doc);
	rc = 0;
out:
	/* lines may point into it, also when reading failed half-way (rd_read_* are called
	 * once on a fresh doc) */
	if (doc->text_block)
		BUG("rd_read_text on a doc that has text already");
	doc->text_block = norm.ptr;
	norm.ptr = NULL;
	buf_release(&sg.text);
	return rc;
}
