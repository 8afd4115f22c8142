/* doc.c - the extractor's working copy: cleaned lines, pieces of two-column lines, labels, names */
#include "doc.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "util/xalloc.h"

#define EX_MAX_LINE (64u << 10) /* longer lines are cut: nothing useful is that long */

void ex_warn(struct ex_doc *d, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t n = jv_size(d->warnings);
	for (size_t i = 0; i < n; i++)
		if (strcmp(jv_string(jv_at(d->warnings, i)), msg) == 0)
			return;
	jv_append(d->warnings, jv_str(d->jv, msg));
}

#if defined(__SSE2__)
/* Copy the 16 bytes at s to dst; non-zero when one of them is below 0x20, or equal to the
 * byte after it and ' ', '*' or '_' (reads 17 bytes). */
static inline int copy16_unclean(char *dst, const unsigned char *s)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
	__m128i ctl = _mm_and_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)), _mm_cmpgt_epi8(x, _mm_set1_epi8(-1)));
	__m128i pair = _mm_and_si128(_mm_cmpeq_epi8(x, y),
				     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
							       _mm_cmpeq_epi8(x, _mm_set1_epi8('*'))),
						  _mm_cmpeq_epi8(x, _mm_set1_epi8('_'))));
	_mm_storeu_si128((__m128i *)(void *)dst, x);
	return _mm_movemask_epi8(_mm_or_si128(ctl, pair));
}
#endif

#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define COPY_AVX2 1
/* ex_copy_clean's blocks 32 bytes at a time, for a line of n >= 33 bytes (a function built
 * for AVX2, called when the CPU has it; the build assumes only SSE2) */
__attribute__((target("avx2"))) static int copy_clean32(char *dst, const unsigned char *s, size_t n)
{
	size_t i = 0;
	for (;; i += 32) {
		if (i + 33 > n)
			i = n - 33; /* the last block overlaps the one before */
		__m256i x = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		__m256i y = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 1));
		__m256i ctl = _mm256_and_si256(_mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), x),
					       _mm256_cmpgt_epi8(x, _mm256_set1_epi8(-1)));
		__m256i pair = _mm256_and_si256(
			_mm256_cmpeq_epi8(x, y),
			_mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(x, _mm256_set1_epi8(' ')),
							_mm256_cmpeq_epi8(x, _mm256_set1_epi8('*'))),
					_mm256_cmpeq_epi8(x, _mm256_set1_epi8('_'))));
		_mm256_storeu_si256((__m256i *)(void *)(dst + i), x);
		if (_mm256_movemask_epi8(_mm256_or_si256(ctl, pair)))
			return 0;
		if (i + 33 >= n)
			return 1;
	}
}

static pthread_once_t copy_once = PTHREAD_ONCE_INIT;
static int copy_avx2;     /* the CPU has AVX2 */
static int copy_avx2_off; /* ex_copy_clean_avx2(0), for tests */

static void copy_avx2_check(void)
{
	__builtin_cpu_init();
	copy_avx2 = __builtin_cpu_supports("avx2");
}
#endif

void ex_copy_clean_avx2(int on)
{
#if defined(COPY_AVX2)
	copy_avx2_off = !on;
#else
	(void)on;
#endif
}

int ex_copy_clean(char *dst, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	dst[n] = '\0';
	if (!n)
		return 1;
	if (s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] < 0x20)
		return 0;
	dst[n - 1] = (char)s[n - 1];
#if defined(COPY_AVX2)
	if (n >= 33) {
		pthread_once(&copy_once, copy_avx2_check);
		if (copy_avx2 && !copy_avx2_off)
			return copy_clean32(dst, s, n);
	}
#endif
#if defined(__SSE2__)
	if (n >= 17) {
		/* the pairs and the bytes up to s[n - 2]; the last block overlaps the one before */
		for (; i + 17 <= n; i += 16)
			if (copy16_unclean(dst + i, s + i))
				return 0;
		return i == n - 1 || !copy16_unclean(dst + n - 17, s + n - 17);
	}
#endif
	for (; i < n; i++) {
		unsigned char c = s[i];
		if (c < 0x20 || ((c == ' ' || c == '*' || c == '_') && i + 1 < n && s[i + 1] == c))
			return 0;
		dst[i] = (char)c;
	}
	return 1;
}

/* Bytes of the line block one line of at most rawlen bytes takes: its fold's memory, its
 * text and NUL, rounded up to keep the next fold's map aligned. */
static size_t line_chunk(size_t rawlen)
{
	size_t n = EX_FOLD_SIZE(rawlen) + rawlen + 1;
	return (n + 7) & ~(size_t)7;
}

void ex_doc_init(struct ex_doc *d, const struct rd_doc *rd, const struct gazetteer *gz, struct arena *jv)
{
	memset(d, 0, sizeof(*d));
	d->rd = rd;
	d->gz = gz;
	d->jv = jv;
	d->warnings = jv_array(jv);
	size_t nt = gz->ntopics < 256 ? gz->ntopics : 256;
	d->topic_vals = arena_alloc(jv, (nt ? nt : 1) * sizeof(*d->topic_vals));
	memset(d->topic_vals, 0, (nt ? nt : 1) * sizeof(*d->topic_vals));
	d->type_line = (size_t)-1;
	/* every slot below d->nlines is written whole below, the rest cleared at the end */
	d->lines = xreallocarray(NULL, rd->nlines ? rd->nlines : 1, sizeof(*d->lines));
	/* every line's fold, then its cleaned text, in one block: cleaning never lengthens */
	size_t total = 0;
	for (size_t i = 0; i < rd->nlines; i++) {
		size_t rawlen = rd->lines[i].len;
		if (rawlen > EX_MAX_LINE)
			rawlen = EX_MAX_LINE;
		d->lines[i].rawlen = rawlen; /* for the loop below, which rewrites it */
		total += line_chunk(rawlen);
	}
	d->line_mem = xmalloc(total ? total : 1);
	char *mem = d->line_mem;
	int blank = 0;
	for (size_t i = 0; i < rd->nlines; i++) {
		const struct rd_line *rl = &rd->lines[i];
		size_t rawlen = d->lines[i].rawlen;
		struct ex_line *l = &d->lines[d->nlines];
		l->text = mem + EX_FOLD_SIZE(rawlen);
		/* most lines are clean already: a copy (ex_clean_to is ~7 instructions a byte) */
		if (ex_copy_clean(l->text, rl->text, rawlen))
			l->len = rawlen;
		else
			l->len = ex_clean_to(l->text, rl->text, rawlen);
		/* lines with no letter or digit at all (rules, stray marks) count as blank */
		int has_alnum = 0;
		for (size_t k = 0; k < l->len && !has_alnum; k++) {
			unsigned char c = (unsigned char)l->text[k];
			has_alnum = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
		}
		if (l->len == 0 || (!has_alnum && !(l->len == 1 && l->text[0] == '*'))) {
			/* rules ("-------") and stray marks are dropped; only empty lines separate */
			l->text = NULL;
			if (l->len == 0)
				blank = 1;
			continue;
		}
		l->raw = rl->text;
		l->rawlen = rawlen;
		l->indent = rl->indent;
		l->row = (int)i + 1;
		l->blank_before = blank;
		blank = 0;
		l->utf8_ok = ex_fold_init_in(&l->f, l->text, l->len, mem);
		mem += line_chunk(rawlen);
		d->nlines++;
	}
	/* the slots past the last line cleared (at least one, as xcalloc left them before) */
	memset(d->lines + d->nlines, 0, ((rd->nlines ? rd->nlines : 1) - d->nlines) * sizeof(*d->lines));
}

void ex_doc_release(struct ex_doc *d)
{
	if (!d)
		return;
	free(d->line_mem); /* the lines' texts and folds */
	free(d->lines);
	for (size_t i = 0; i < d->npars; i++) {
		buf_release(&d->pars[i].text);
		ex_fold_release(&d->pars[i].f);
	}
	free(d->pars);
	memset(d, 0, sizeof(*d));
}

void ex_seg_set(struct ex_seg *s, const char *text, size_t len, unsigned col, size_t line)
{
	if (len > EX_MAX_LINE + 1)
		len = 0; /* over the cap of a line: nothing (pieces come from lines) */
	/* the fold's memory, then the text */
	char *mem = xmalloc(EX_FOLD_SIZE(len) + len + 1);
	s->mem = mem;
	s->text = mem + EX_FOLD_SIZE(len);
	s->len = ex_clean_to(s->text, text, len);
	ex_fold_init_in(&s->f, s->text, s->len, mem);
	s->col = col;
	s->line = line;
}

void ex_segs_free(struct ex_seg *s, size_t n)
{
	if (!s)
		return;
	for (size_t i = 0; i < n; i++)
		ex_seg_release(&s[i]);
	free(s);
}

void ex_seg_release(struct ex_seg *s)
{
	if (!s)
		return;
	free(s->mem); /* text and fold, unless they are a line's */
	s->mem = NULL;
	s->text = NULL;
	s->f.map = NULL;
	s->f.fold = NULL;
	s->f.flen = 0;
}

static size_t count_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

int ex_line_one_piece(const struct ex_line *l)
{
	/* no tab and no run of three spaces (most lines): no column gap */
	if (memchr(l->raw, '\t', l->rawlen))
		return 0;
	/* cleaning adds nothing and collapses every run of white space: a line it left as long
	 * as it was has no run of spaces, unless the line was cut (raw goes on after rawlen) */
	if (l->len == l->rawlen && l->raw[l->rawlen] == '\0')
		return 1;
	return !strstr(l->raw, "   ");
}

struct ex_seg *ex_line_segments(const struct ex_line *l, size_t line, size_t *count)
{
	struct ex_seg *v = NULL;
	size_t n = 0, cap = 0, i = 0;
	const char *r = l->raw;
	/* no column gap: the line is one piece from its first to its last ink, as the loop
	 * below would find */
	if (ex_line_one_piece(l)) {
		size_t b = 0, e = l->rawlen;
		while (b < e && r[b] == ' ')
			b++;
		while (e > b && r[e - 1] == ' ')
			e--;
		if (e > b) {
			v = xmalloc(sizeof(*v));
			v[0] = (struct ex_seg){.text = l->text,
					       .len = l->len,
					       .f = l->f,
					       .col = l->indent + (unsigned)count_chars(r, b),
					       .line = line};
			n = 1;
		}
		*count = n;
		return v;
	}
	while (i < l->rawlen) {
		while (i < l->rawlen && (r[i] == ' ' || r[i] == '\t'))
			i++;
		size_t b = i, e = i;
		while (i < l->rawlen) {
			if (r[i] == ' ' || r[i] == '\t') {
				size_t k = i;
				while (k < l->rawlen && (r[k] == ' ' || r[k] == '\t'))
					k++;
				/* a column gap: three spaces or a tab, the next piece far enough right;
				 * not inside a number ("Số: 24      /2025/QĐ-UBND") */
				if ((k - i >= 3 || r[i] == '\t') && l->indent + count_chars(r, k) >= 24 &&
				    k < l->rawlen && r[k] != '/' && r[k] != '-')
					break;
				i = k;
				continue;
			}
			i++;
			e = i;
		}
		if (e > b && n == 0 && i >= l->rawlen) {
			/* the whole line is one piece: its cleaned text and fold are the line's */
			XGROW(v, n + 1, cap);
			v[n] = (struct ex_seg){.text = l->text, .len = l->len, .f = l->f,
					       .col = l->indent + (unsigned)count_chars(r, b), .line = line};
			n++;
		} else if (e > b) {
			XGROW(v, n + 1, cap);
			ex_seg_set(&v[n], r + b, e - b, l->indent + (unsigned)count_chars(r, b), line);
			if (v[n].len == 0) {
				ex_seg_release(&v[n]);
			} else {
				n++;
			}
		}
	}
	*count = n;
	return v;
}

/* Words whose written form is known: the longest match decides the case of a capitalised
 * name. Units and titles from the gazetteer come first, these after. */
static const char *const case_words[] = {
	"Ủy ban nhân dân", "Hội đồng nhân dân", "Chính phủ", "Thủ tướng", "Trung ương", "Quốc hội",
	"Ban Chấp hành", "Đảng bộ", "Đảng ủy", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Quận ủy",
	"Thị ủy", "Chi bộ", "Ban Thường vụ", "Văn phòng", "Bộ Chính trị", "Ban Bí thư", "Việt Nam",
	"Mặt trận Tổ quốc", "Đảng Cộng sản Việt Nam", "Ban cán sự đảng", "Đảng đoàn", "Đảng",
	"Nhà nước", "Nhân dân", "Chủ tịch nước", "Tổng Bí thư", "Hồ Chí Minh", "Thành đoàn",
	"Tỉnh đoàn", "Ban Tổ chức", "Ban Tuyên giáo", "Ban Dân vận", "Ban Nội chính",
	"Ban Tuyên giáo và Dân vận",
	"Ủy ban Kiểm tra", "Bộ", "Sở", "Ban", "Cục", "Tổng cục", "Vụ", "Viện", "Tòa án",
};

#define NCASE (sizeof(case_words) / sizeof(case_words[0]))
static char case_folds[NCASE][64];
static size_t case_flens[NCASE]; /* their lengths */
static pthread_once_t case_once = PTHREAD_ONCE_INIT;

static void case_fold_init(void)
{
	for (size_t i = 0; i < NCASE; i++) {
		struct buf k = BUF_INIT;
		ex_fold_buf(case_words[i], strlen(case_words[i]), &k);
		ex_copy(case_folds[i], sizeof(case_folds[i]), buf_str(&k), -1);
		case_flens[i] = strlen(case_folds[i]);
		buf_release(&k);
	}
}

static const char *const place_words[] = {
	"tinh", "thanh pho", "tp", "huyen", "quan", "thi xa", "thi tran", "xa", "phuong", "dac khu",
};

/* Length of the place word at fold[p] (0 when none). */
static size_t place_word_at(const char *f, size_t n, size_t p)
{
	if (p >= n)
		return 0;
	for (size_t i = 0; i < sizeof(place_words) / sizeof(place_words[0]); i++) {
		if (place_words[i][0] != f[p])
			continue; /* cheap test first */
		size_t k = strlen(place_words[i]);
		if (p + k <= n && memcmp(f + p, place_words[i], k) == 0 &&
		    (p + k == n || f[p + k] == ' ' || f[p + k] == '.'))
			return k;
	}
	return 0;
}

/* Longest known spelling whose key starts at fold[p] at a word boundary; its text. */
static const char *known_at(const struct gazetteer *gz, const char *f, size_t n, size_t p,
			    size_t *end)
{
	const char *best = NULL;
	size_t bend = 0, e;
	const struct gz_title *t = gz ? gz_match_title(gz, f, n, p, &e) : NULL;
	if (t)
		best = t->title, bend = e;
	long u = gz ? gz_match_unit(gz, f, n, p, &e) : -1;
	if (u >= 0 && e > bend) {
		/* only when the unit's own name is what was matched */
		if (ex_fold_equals(gz->units[u].name, strlen(gz->units[u].name), f + p, e - p))
			best = gz->units[u].name, bend = e;
	}
	pthread_once(&case_once, case_fold_init);
	for (size_t i = 0; i < NCASE; i++) {
		const char *k = case_folds[i];
		if (f[p] != k[0])
			continue; /* cheap test first */
		size_t kl = case_flens[i];
		if (p + kl <= n && memcmp(f + p, k, kl) == 0 &&
		    (p + kl == n || f[p + kl] == ' ' || f[p + kl] == ',')) {
			if (!best || p + kl > bend)
				best = case_words[i], bend = p + kl;
		}
	}
	if (best)
		*end = bend;
	return best;
}

char *ex_name_case(const struct gazetteer *gz, const char *s, size_t n)
{
	if (!ex_is_upper_text(s, n))
		return xstrndup(s, n);
	struct ex_fold f;
	ex_fold_init(&f, s, n);
	struct buf out = BUF_INIT;
	size_t p = 0;
	int proper = 0; /* after a place word: names are capitalized */
	int placed = 0; /* a place word was seen: "Tĩnh" in "Hà Tĩnh" is not another */
	int first = 1;
	while (p < f.flen) {
		if (f.fold[p] == ' ') {
			buf_addch(&out, ' ');
			p++;
			continue;
		}
		size_t e = p;
		const char *known = proper ? NULL : known_at(gz, f.fold, f.flen, p, &e);
		size_t ob = f.map[p];
		if (known) {
			size_t oe = f.map[e];
			/* keep the document's letters (OCR may differ), take the known case */
			struct ex_fold kf;
			size_t klen = strlen(known);
			ex_fold_init(&kf, known, klen);
			size_t kp = 0, i = ob;
			while (i < oe) {
				uint32_t cp;
				size_t len = ex_utf8_next(s + i, oe - i, &cp);
				int upper = 0;
				if (kp < kf.flen) {
					uint32_t kc;
					ex_utf8_next(known + kf.map[kp], klen - kf.map[kp], &kc);
					upper = ex_cp_case(kc) > 0;
					kp++;
				}
				if (upper || (first && out.len == 0))
					buf_add(&out, s + i, len);
				else
					ex_add_lower_char(&out, s + i, len);
				i += len;
			}
			ex_fold_release(&kf);
			/* a known name ending in a place word ("Ủy ban nhân dân thành phố"): what
			 * follows is the place's name */
			for (size_t q = p; q < e; q++)
				if ((q == p || f.fold[q - 1] == ' ') && place_word_at(f.fold, e, q) == e - q)
					proper = 1;
			/* "Thành ủy Huế": a committee's name is followed by its place */
			if (e - p >= 3 && memcmp(f.fold + e - 3, " uy", 3) == 0)
				proper = 1;
			p = e;
			first = 0;
			continue;
		}
		/* a place word ("tỉnh", "thành phố") starts a place's name; after that, a name's
		 * word that folds the same ("Hà Tĩnh") is part of the name */
		size_t pw = placed ? 0 : place_word_at(f.fold, f.flen, p);
		if (pw && !first) {
			ex_add_lower(&out, s + ob, f.map[p + pw] - ob);
			p += pw;
			proper = placed = 1;
			continue;
		}
		while (e < f.flen && f.fold[e] != ' ')
			e++;
		/* abbreviations stay in capitals ("UBND TỈNH BẮC NINH" -> "UBND tỉnh Bắc Ninh") */
		static const char *const abbrev[] = {"ubnd", "hdnd", "mttq", "ubmttq", "tp", "bchqs", "bhxh",
						     "kbnn", "tand", "vksnd", "thcs", "thpt"};
		int ab = 0;
		for (size_t a = 0; a < sizeof(abbrev) / sizeof(abbrev[0]) && !ab; a++)
			ab = e - p == strlen(abbrev[a]) && memcmp(f.fold + p, abbrev[a], e - p) == 0;
		if (ab) {
			buf_add(&out, s + ob, f.map[e] - ob);
			first = 0;
			p = e;
			continue;
		}
		if (proper || first)
			ex_add_titlecase(&out, s + ob, f.map[e] - ob);
		else
			ex_add_lower(&out, s + ob, f.map[e] - ob);
		first = 0;
		p = e;
	}
	ex_fold_release(&f);
	return buf_detach(&out, NULL);
}

/* Roman numeral value of s[0..n) (I..XX), 0 when not one. */
static int roman_value(const char *s, size_t n)
{
	static const char *const r[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
					"XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"};
	for (int i = 0; i < 20; i++)
		if (strlen(r[i]) == n && memcmp(r[i], s, n) == 0)
			return i + 1;
	return 0;
}

static int is_upper_start(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	uint32_t cp;
	ex_utf8_next(s, n, &cp);
	return ex_cp_case(cp) > 0 || (cp >= '0' && cp <= '9') || cp == '"' || cp == 0x201C;
}

static int is_letter_start(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	uint32_t cp;
	ex_utf8_next(s, n, &cp);
	return ex_cp_case(cp) != 0 || cp == '"' || cp == 0x201C || cp == '(' || cp == '\'';
}

/* Length of the literal w when s[i..n) starts with it, else 0. */
static size_t starts(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);
	return i + k <= n && memcmp(s + i, w, k) == 0 ? k : 0;
}

static const char *const ordinals[] = {"mot la", "hai la", "ba la", "bon la", "nam la",
				       "sau la", "bay la", "tam la", "chin la", "muoi la",
				       "thu nhat", "thu hai", "thu ba", "thu tu", "thu nam",
				       "thu sau", "thu bay", "thu tam", "thu chin", "thu muoi"};

enum ex_label ex_label_parse(const char *s, size_t n, char *label, size_t lsz, char *key,
			     size_t ksz, size_t *text_off)
{
	size_t i = 0;
	label[0] = key[0] = '\0';
	/* OCR leaves stray dots, colons and quotes before a label: "._8. ", ": - " */
	while (i < n && i < 3 && strchr("._:'`,", s[i]))
		i++;
	while (i < n && s[i] == ' ')
		i++;
	size_t b = i;
	const unsigned char *u = (const unsigned char *)s;
	enum ex_label kind = LB_NONE;
	size_t e = i; /* end of the label */
	/* Điều N */
	size_t pl;
	if ((pl = starts(s, n, i, "Điều ")) || (pl = starts(s, n, i, "ĐIỀU "))) {
		size_t k = i + pl;
		while (k < n && s[k] >= '0' && s[k] <= '9')
			k++;
		if (k > i + pl && k - (i + pl) <= 3) {
			ex_copy(key, ksz, s + i + pl, (int)(k - i - pl));
			if (k < n && (s[k] == '.' || s[k] == ':'))
				k++;
			kind = LB_DIEU;
			e = k;
		}
	}
	/* Phần / Chương */
	if (!kind && ((pl = starts(s, n, i, "Phần ")) || (pl = starts(s, n, i, "PHẦN ")) ||
		      (pl = starts(s, n, i, "Chương ")) || (pl = starts(s, n, i, "CHƯƠNG ")))) {
		size_t k = i + pl;
		size_t r = k;
		while (r < n && strchr("IVXL", s[r]))
			r++;
		if (r > k && (r == n || s[r] == ' ' || s[r] == '.' || s[r] == ':')) {
			kind = LB_PART;
			ex_copy(key, ksz, s + k, (int)(r - k));
			e = r;
			if (e < n && (s[e] == '.' || s[e] == ':'))
				e++;
		}
	}
	if (!kind && i < n && s[i] >= '0' && s[i] <= '9') {
		size_t k = i;
		while (k < n && s[k] >= '0' && s[k] <= '9' && k - i < 2)
			k++;
		if (k < n && s[k] >= '0' && s[k] <= '9')
			goto none;
		/* multi-level 1.1. / 2.3.1 */
		size_t m = k;
		int levels = 0;
		while (m + 1 < n && s[m] == '.' && s[m + 1] >= '0' && s[m + 1] <= '9') {
			size_t q = m + 1;
			while (q < n && s[q] >= '0' && s[q] <= '9' && q - m <= 2)
				q++;
			if (q < n && s[q] >= '0' && s[q] <= '9')
				break;
			m = q;
			levels++;
		}
		if (levels > 0 && levels <= 3) {
			size_t q = m;
			if (q < n && (s[q] == '.' || s[q] == ')'))
				q++;
			if (q < n && s[q] == ' ') {
				kind = LB_MULTI;
				ex_copy(key, ksz, s + i, (int)(m - i));
				e = q;
			}
		} else if (k < n && (s[k] == '.' || s[k] == ')' || s[k] == '-' || s[k] == '/')) {
			size_t q = k + 1;
			size_t sp = q;
			while (sp < n && s[sp] == ' ')
				sp++;
			/* "1.846 tổ chức", "2/7/2024": not labels */
			if (sp < n && !(s[sp] >= '0' && s[sp] <= '9') &&
			    (sp > q || s[k] == '.' || s[k] == ')') && is_letter_start(s + sp, n - sp)) {
				kind = LB_NUM;
				ex_copy(key, ksz, s + i, (int)(k - i));
				e = q;
			}
		}
	}
	if (!kind && i < n && strchr("IVXL", s[i])) {
		size_t k = i;
		while (k < n && strchr("IVXL", s[k]))
			k++;
		int v = roman_value(s + i, k - i);
		size_t q = k;
		while (q < n && s[q] == ' ')
			q++;
		if (v && q < n && (s[q] == '.' || s[q] == '-' || s[q] == ')' || s[q] == '/' ||
				   (q + 3 <= n && memcmp(s + q, "–", 3) == 0))) {
			q += (unsigned char)s[q] == 0xE2 ? 3 : 1;
			size_t sp = q;
			while (sp < n && s[sp] == ' ')
				sp++;
			if (sp < n && is_upper_start(s + sp, n - sp)) {
				kind = LB_ROMAN;
				ex_copy(key, ksz, s + i, (int)(k - i));
				e = q;
			}
		}
	}
	if (!kind && i + 1 < n) {
		/* a) b. đ) */
		size_t k = i, len = 0;
		if (s[i] >= 'a' && s[i] <= 'z' && s[i] != 'f' && s[i] != 'j' && s[i] != 'w' && s[i] != 'z')
			len = 1;
		else if (n - i >= 2 && u[i] == 0xC4 && u[i + 1] == 0x91) /* đ */
			len = 2;
		k = i + len;
		if (len && k < n && (s[k] == ')' || (s[k] == '.' && k + 1 < n && s[k + 1] == ' '))) {
			size_t sp = k + 1;
			while (sp < n && s[sp] == ' ')
				sp++;
			if (sp < n && is_letter_start(s + sp, n - sp)) {
				kind = LB_LETTER;
				ex_copy(key, ksz, s + i, (int)len);
				e = k + 1;
			}
		}
	}
	if (!kind && i < n) {
		size_t k = 0;
		enum ex_label bk = LB_NONE;
		if (s[i] == '-')
			k = 1, bk = LB_DASH;
		else if (n - i >= 3 && u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0x93 || u[i + 2] == 0x94))
			k = 3, bk = LB_DASH;
		else if (s[i] == '+')
			k = 1, bk = LB_PLUS;
		else if (s[i] == '*' || (n - i >= 3 && u[i] == 0xE2 && u[i + 1] == 0x80 && u[i + 2] == 0xA2) ||
			 (n - i >= 3 && u[i] == 0xE2 && u[i + 1] == 0x96 && (u[i + 2] == 0xAA || u[i + 2] == 0xA0)))
			k = s[i] == '*' ? 1 : 3, bk = LB_BULLET;
		if (k) {
			size_t sp = i + k;
			while (sp < n && s[sp] == ' ')
				sp++;
			if (sp < n && s[sp] != '-' && is_letter_start(s + sp, n - sp)) {
				kind = bk;
				e = i + k;
			}
		}
	}
	if (!kind) {
		/* Một là, Thứ nhất, */
		char f[17];
		size_t flen = ex_fold_to(f, s + i, n - i > 16 ? 16 : n - i);
		for (size_t o = 0; o < sizeof(ordinals) / sizeof(ordinals[0]); o++) {
			if (ordinals[o][0] != f[0])
				continue; /* cheap test first */
			size_t k = strlen(ordinals[o]);
			if (flen > k && memcmp(f, ordinals[o], k) == 0 && (f[k] == ',' || f[k] == ':') &&
			    is_upper_start(s + i, n - i)) {
				/* find the comma in the original */
				const char *c = memchr(s + i, f[k], n - i);
				if (c) {
					kind = LB_ORD;
					snprintf(key, ksz, "%zu", o % 10 + 1);
					e = (size_t)(c - s) + 1;
				}
				break;
			}
		}
	}
	if (!kind)
		goto none;
	ex_copy(label, lsz, s + b, (int)(e - b));
	while (e < n && s[e] == ' ')
		e++;
	*text_off = e;
	return kind;
none:
	label[0] = key[0] = '\0';
	*text_off = 0;
	return LB_NONE;
}

/* Ranks and degrees written before a signer's name. */
static const char *const name_prefixes[] = {
	"Đại tướng ", "Thượng tướng ", "Trung tướng ", "Thiếu tướng ", "Đại tá ", "Thượng tá ",
	"Trung tá ", "Thiếu tá ", "PGS.TS. ", "GS.TS. ", "PGS. TS. ", "GS. TS. ", "PGS. ", "GS. ",
	"TS. ", "ThS. ", "BS. ", "PGS.TS ", "TS ", "ThS ",
};

char *ex_person_name(const char *s, size_t b, size_t e, int repair)
{
	ex_trim(s, &b, &e, ".,;:*");
	for (size_t i = 0; repair && i < sizeof(name_prefixes) / sizeof(name_prefixes[0]); i++) {
		size_t k = strlen(name_prefixes[i]);
		if (e - b > k && memcmp(s + b, name_prefixes[i], k) == 0) {
			b += k;
			break;
		}
	}
	if (e <= b || e - b > 80)
		return NULL;
	struct buf out = BUF_INIT;
	size_t i = b, words = 0;
	while (i < e) {
		size_t w = i;
		while (w < e && s[w] != ' ')
			w++;
		/* a word: an upper-case letter, then lower-case letters */
		struct ex_fold f;
		ex_fold_init(&f, s + i, w - i);
		int ok = f.flen >= 1 && f.flen <= 7;
		for (size_t k = 0; ok && k < f.flen; k++)
			ok = f.fold[k] >= 'a' && f.fold[k] <= 'z';
		uint32_t cp;
		size_t cl = ex_utf8_next(s + i, w - i, &cp);
		int up = ex_cp_case(cp) > 0;
		for (size_t k = i + cl; ok && k < w;) {
			uint32_t c2;
			k += ex_utf8_next(s + k, w - k, &c2);
			if (ex_cp_case(c2) > 0)
				ok = 0;
		}
		if (ok && words == 0) {
			if (!ex_is_surname(f.fold, f.flen) || !up) {
				const char *fix = repair ? ex_surname_repair(f.fold, f.flen) : NULL;
				if (!fix && !(up && ex_is_surname(f.fold, f.flen)))
					ok = 0;
				else if (fix) {
					buf_addstr(&out, fix);
					ex_fold_release(&f);
					words++;
					i = w;
					while (i < e && s[i] == ' ')
						i++;
					continue;
				}
			}
		} else if (ok && !up) {
			ok = 0;
		}
		ex_fold_release(&f);
		if (!ok) {
			buf_release(&out);
			return NULL;
		}
		if (words)
			buf_addch(&out, ' ');
		buf_add(&out, s + i, w - i);
		words++;
		i = w;
		while (i < e && s[i] == ' ')
			i++;
	}
	if (words < 2 || words > 5) {
		buf_release(&out);
		return NULL;
	}
	return buf_detach(&out, NULL);
}

const struct gz_type *ex_line_type(const struct gazetteer *gz, const struct ex_line *l, size_t s0, size_t *e)
{
	const struct gz_type *t = gz_match_type(gz, l->f.fold, l->f.flen, s0, e);
	size_t i, cut = 0, last_upper = 0;

	if (t)
		return t;
	/* the fold offset of the first lower-case letter right after a capital: the type may
	 * end there */
	for (i = s0; i < l->f.flen; i++) {
		size_t ob = l->f.map[i];
		uint32_t cp;
		int c;
		if (l->f.fold[i] < 'a' || l->f.fold[i] > 'z') {
			if (l->f.fold[i] != ' ')
				return NULL;
			last_upper = 0;
			continue;
		}
		ex_utf8_next(l->text + ob, l->len - ob, &cp);
		c = ex_cp_case(cp);
		if (c < 0 && last_upper) {
			cut = i;
			break;
		}
		if (c < 0)
			return NULL; /* lower case from the start of a word: no glued capitals */
		last_upper = c > 0;
	}
	if (!cut)
		return NULL;
	t = gz_match_type(gz, l->f.fold, cut, s0, e);
	return t && *e == cut ? t : NULL;
}
