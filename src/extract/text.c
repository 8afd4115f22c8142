/* text.c - folding Vietnamese text to ASCII search keys (with offset maps) and case helpers */
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "util/xalloc.h"

#define TAB_MAX 0x2000 /* code points below this are looked up in the tables */

/* Per code point: folded ASCII char (0 = none) and case; the lower-case partner. */
static unsigned char fold_tab[TAB_MAX];
static signed char case_tab[TAB_MAX];
static uint16_t lower_tab[TAB_MAX];
static uint16_t upper_tab[TAB_MAX];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;
/* fold_cp's answer for U+0000..U+07FF (every two-byte character) and for U+1E00..U+1EFF
 * (the Vietnamese letters with two marks, three bytes E1 B8..BB xx): one look-up each */
static unsigned char fold_2b[0x800];
static unsigned char fold_1e[0x100];
static int fold_cp(uint32_t cp);

/* Lower-case and upper-case letters in the same order, grouped by base letter. */
static const struct {
	char base;
	const char *lower, *upper;
} letters[] = {
	{'a', "àáảãạăằắẳẵặâầấẩẫậäåæ", "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅÆ"},
	{'e', "èéẻẽẹêềếểễệë", "ÈÉẺẼẸÊỀẾỂỄỆË"},
	{'i', "ìíỉĩịîï", "ÌÍỈĨỊÎÏ"},
	{'o', "òóỏõọôồốổỗộơờớởỡợöø", "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØ"},
	{'u', "ùúủũụưừứửữựûü", "ÙÚỦŨỤƯỪỨỬỮỰÛÜ"},
	{'y', "ỳýỷỹỵÿ", "ỲÝỶỸỴŸ"},
	{'d', "đð", "ĐÐ"},
	{'c', "ç", "Ç"},
	{'n', "ñ", "Ñ"},
};

size_t ex_utf8_next_multi(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t len;
	uint32_t c;
	if ((u[0] & 0xE0) == 0xC0) {
		len = 2;
		c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3;
		c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return len;
}

static void tab_build(void)
{
	for (unsigned c = 0; c < 0x80; c++) {
		if (c >= 'A' && c <= 'Z') {
			fold_tab[c] = (unsigned char)(c + 32);
			case_tab[c] = 1;
			lower_tab[c] = (uint16_t)(c + 32);
		} else if (c >= 'a' && c <= 'z') {
			fold_tab[c] = (unsigned char)c;
			case_tab[c] = -1;
			upper_tab[c] = (uint16_t)(c - 32);
		} else {
			fold_tab[c] = (unsigned char)c;
		}
	}
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++) {
		const char *lo = letters[i].lower, *up = letters[i].upper;
		size_t ln = strlen(lo), un = strlen(up);
		while (ln > 0 && un > 0) {
			uint32_t a, b;
			size_t k = ex_utf8_next(lo, ln, &a), j = ex_utf8_next(up, un, &b);
			lo += k, ln -= k, up += j, un -= j;
			if (a < TAB_MAX && b < TAB_MAX) {
				fold_tab[a] = (unsigned char)letters[i].base;
				fold_tab[b] = (unsigned char)letters[i].base;
				case_tab[a] = -1;
				case_tab[b] = 1;
				upper_tab[a] = (uint16_t)b;
				lower_tab[b] = (uint16_t)a;
			}
		}
	}
	fold_tab[0xA0] = ' ';
	for (unsigned c = 0x2000; c < 0x200B && c < TAB_MAX; c++)
		fold_tab[c] = ' ';
	for (uint32_t c = 0; c < 0x800; c++)
		fold_2b[c] = (unsigned char)fold_cp(c);
	for (uint32_t c = 0; c < 0x100; c++)
		fold_1e[c] = (unsigned char)fold_cp(0x1E00 + c);
}

static void tab_init(void)
{
	pthread_once(&tab_once, tab_build);
}

/* Folded byte for cp: a char, 0 to drop it. */
static int fold_cp(uint32_t cp)
{
	if (cp < TAB_MAX && fold_tab[cp])
		return fold_tab[cp];
	if (cp >= 0x0300 && cp <= 0x036F)
		return 0; /* combining mark left over from NFD */
	if (cp == 0x200B || cp == 0xFEFF || cp == 0x00AD || cp == 0x200C || cp == 0x200D)
		return 0;
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x2043)
		return '-';
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A)
		return '\'';
	if (cp == 0x201C || cp == 0x201D || cp == 0x201E)
		return '"';
	if (cp == 0x202F || cp == 0x3000 || cp == 0x2009)
		return ' ';
	if (cp == 0x2026)
		return '.';
	return '~';
}

int ex_cp_base(uint32_t cp)
{
	tab_init();
	if (cp < TAB_MAX && fold_tab[cp]) {
		int c = fold_tab[cp];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			return c;
	}
	return 0;
}

uint32_t ex_cp_upper(uint32_t cp)
{
	tab_init();
	return cp < TAB_MAX && case_tab[cp] && upper_tab[cp] ? upper_tab[cp] : cp;
}

size_t ex_utf8_put(char *dst, uint32_t cp)
{
	unsigned char *u = (unsigned char *)dst;
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | (cp >> 18));
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int ex_cp_case(uint32_t cp)
{
	tab_init();
	return cp < TAB_MAX ? case_tab[cp] : 0;
}

static int fold_into(struct ex_fold *f, const char *s, size_t n);
static int add_mapped(struct buf *out, const char *s, size_t n, int mode);

void ex_fold_init(struct ex_fold *f, const char *s, size_t n)
{
	ex_fold_reserve(f, n);
	fold_into(f, s, n);
}

int ex_fold_init_in(struct ex_fold *f, const char *s, size_t n, void *mem)
{
	f->map = mem;
	f->fold = (char *)(f->map + n + 1);
	f->flen = 0;
	return fold_into(f, s, n);
}

/* Fold s[0..n) into f's memory (room for n chars and the map). Returns 1 when s is valid
 * UTF-8 by jv_utf8_valid's rules, 0 when it is not or has a character this loop does not
 * decode itself (four bytes: not known). */
static int fold_into(struct ex_fold *f, const char *s, size_t n)
{
	tab_init();
	/* restrict: the stores to fold and map cannot change the text, so the loop keeps its
	 * values in registers; k counts the folded chars */
	const unsigned char *restrict u = (const unsigned char *)s;
	char *restrict fo = f->fold;
	uint32_t *restrict mp = f->map;
	size_t i = 0, k = 0;
	unsigned bad = 0; /* non-zero once a sequence is not valid (or not known to be) */
	while (i < n) {
		unsigned b = u[i];
		if (b < 0x80) {
			/* the rest of an ASCII run in a loop of its own */
			do {
				fo[k] = (char)fold_tab[b];
				mp[k] = (uint32_t)i;
				k++;
				i++;
			} while (i < n && (b = u[i]) < 0x80);
			continue;
		}
		/* two- and three-byte sequences decoded here (all of Vietnamese); the rest, and
		 * broken sequences, the way ex_utf8_next does */
		uint32_t cp;
		size_t len;
		int c;
		if (b == 0xE1 && i + 2 < n && (u[i + 1] & 0xFC) == 0xB8 && (u[i + 2] & 0xC0) == 0x80) {
			/* U+1E00..U+1EFF: "ế", "ộ", "ữ" ... */
			c = fold_1e[((u[i + 1] & 3u) << 6) | (u[i + 2] & 0x3Fu)];
			len = 3;
			goto put;
		}
		if ((b & 0xE0) == 0xC0 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
			c = fold_2b[((b & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu)];
			len = 2;
			bad |= b < 0xC2; /* overlong */
			goto put;
		} else if ((b & 0xF0) == 0xE0 && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
			   (u[i + 2] & 0xC0) == 0x80) {
			cp = ((b & 0x0Fu) << 12) | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu);
			len = 3;
			/* overlong, or a surrogate */
			if (b == 0xE0 || b == 0xED)
				bad |= (b == 0xE0 && u[i + 1] < 0xA0) || (b == 0xED && u[i + 1] >= 0xA0);
		} else {
			len = ex_utf8_next(s + i, n - i, &cp);
			bad = 1;
		}
		c = cp < TAB_MAX && fold_tab[cp] ? fold_tab[cp] : fold_cp(cp);
	put:
		if (c) {
			fo[k] = (char)c;
			mp[k] = (uint32_t)i;
			k++;
		}
		i += len;
	}
	fo[k] = '\0';
	mp[k] = (uint32_t)n;
	f->flen = k;
	return !bad;
}

void ex_fold_reserve(struct ex_fold *f, size_t n)
{
	/* one allocation: the map, then the folded chars (freed through map) */
	f->map = xmalloc((n + 1) * (sizeof(uint32_t) + 1));
	f->fold = (char *)(f->map + n + 1);
	f->flen = 0;
}

void ex_fold_append(struct ex_fold *f, const struct ex_fold *src, size_t from, size_t base)
{
	size_t k = 0;
	while (k < src->flen && src->map[k] < from)
		k++;
	size_t m = src->flen - k;
	memcpy(f->fold + f->flen, src->fold + k, m);
	uint32_t *restrict mp = f->map + f->flen;
	const uint32_t *restrict sm = src->map + k;
	uint32_t shift = (uint32_t)base - (uint32_t)from;
	size_t j = 0;
	for (; j + 4 <= m; j += 4) { /* four at a time: a quarter of the loop overhead */
		mp[j] = sm[j] + shift;
		mp[j + 1] = sm[j + 1] + shift;
		mp[j + 2] = sm[j + 2] + shift;
		mp[j + 3] = sm[j + 3] + shift;
	}
	for (; j < m; j++)
		mp[j] = sm[j] + shift;
	f->flen += m;
}

void ex_fold_append_space(struct ex_fold *f, size_t pos)
{
	f->fold[f->flen] = ' ';
	f->map[f->flen++] = (uint32_t)pos;
}

void ex_fold_finish(struct ex_fold *f, size_t n)
{
	f->fold[f->flen] = '\0';
	f->map[f->flen] = (uint32_t)n;
}

void ex_fold_release(struct ex_fold *f)
{
	if (!f)
		return;
	free(f->map); /* the folded chars are in the same block */
	f->fold = NULL;
	f->map = NULL;
	f->flen = 0;
}

int ex_fold_buf(const char *s, size_t n, struct buf *out)
{
	tab_init();
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = ex_utf8_next(s + i, n - i, &cp);
		int c = cp < 0x80 ? fold_tab[cp] : fold_cp(cp);
		if (c && buf_addch(out, (char)c) < 0)
			return -1;
		i += k;
	}
	return 0;
}

size_t ex_fold_to(char *dst, const char *s, size_t n)
{
	tab_init();
	size_t i = 0, k = 0;
	while (i < n) {
		uint32_t cp;
		size_t len = ex_utf8_next(s + i, n - i, &cp);
		int c = cp < 0x80 ? fold_tab[cp] : fold_cp(cp);
		if (c)
			dst[k++] = (char)c;
		i += len;
	}
	dst[k] = '\0';
	return k;
}

int ex_fold_equals(const char *s, size_t n, const char *key, size_t klen)
{
	tab_init();
	size_t i = 0, j = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = ex_utf8_next(s + i, n - i, &cp);
		int c = cp < 0x80 ? fold_tab[cp] : fold_cp(cp);
		if (c && (j >= klen || key[j++] != (char)c))
			return 0;
		i += k;
	}
	return j == klen;
}

int ex_add_lower_char(struct buf *out, const char *s, size_t n)
{
	tab_init();
	uint32_t cp;
	size_t k = ex_utf8_next(s, n, &cp);
	if (k != n)
		return add_mapped(out, s, n, 0); /* not one character: the general way */
	if (cp < TAB_MAX && case_tab[cp] && lower_tab[cp] && lower_tab[cp] != cp)
		return buf_addcp(out, lower_tab[cp]);
	return buf_add(out, s, n);
}

/* 1 for the bytes of a folded word: a-z and 0-9 */
static const unsigned char word_byte[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
    ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1,
    ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* The word loop of ex_words_of; ended (a constant where it is called): the byte after the
 * text ends every word (the NUL of an ex_fold), so the loop over a word's bytes needs no bound
 * check. Returns the number of words. */
static inline __attribute__((always_inline)) size_t words_loop(const char *fold, size_t n, int ended,
							       uint32_t *restrict pos, uint32_t *restrict len,
							       uint32_t *restrict hash)
{
	const unsigned char *u = (const unsigned char *)fold;
	size_t k = 0, p = 0;
	while (p < n) {
		if (!word_byte[u[p]]) {
			p++;
			continue;
		}
		size_t e = p + 1;
		if (ended)
			while (word_byte[u[e]])
				e++;
		else
			while (e < n && word_byte[u[e]])
				e++;
		pos[k] = (uint32_t)p;
		len[k] = (uint32_t)(e - p);
		hash[k] = ex_word_hash(fold + p, e - p);
		k++;
		p = e;
	}
	return k;
}

void ex_words_of(struct ex_words *w, const char *fold, size_t n)
{
	/* at most one word in every two bytes, rounded up */
	size_t most = n / 2 + 1;
	if (most > w->cap) {
		free(w->pos);
		w->pos = xreallocarray(NULL, 3 * most, sizeof(uint32_t));
		w->len = w->pos + most;
		w->hash = w->len + most;
		w->cap = most;
	}
	/* the arrays passed as locals: stores through them cannot change w's pointers then */
	if (!word_byte[(unsigned char)fold[n]])
		w->n = words_loop(fold, n, 1, w->pos, w->len, w->hash);
	else
		w->n = words_loop(fold, n, 0, w->pos, w->len, w->hash);
}

void ex_words_release(struct ex_words *w)
{
	if (!w)
		return;
	free(w->pos); /* the lengths and hashes are in the same block */
	memset(w, 0, sizeof(*w));
}

int ex_is_upper_text(const char *s, size_t n)
{
	tab_init();
	size_t i = 0, up = 0;
	while (i < n) {
		uint32_t cp;
		i += ex_utf8_next(s + i, n - i, &cp);
		int c = cp < TAB_MAX ? case_tab[cp] : 0;
		if (c < 0)
			return 0;
		if (c > 0)
			up++;
	}
	return up >= 2;
}

size_t ex_count_letters(const char *s, size_t n)
{
	tab_init();
	size_t i = 0, k = 0;
	while (i < n) {
		uint32_t cp;
		i += ex_utf8_next(s + i, n - i, &cp);
		if (cp < TAB_MAX && case_tab[cp])
			k++;
	}
	return k;
}

size_t ex_count_letters_upto(const char *s, size_t n, size_t max)
{
	tab_init();
	size_t i = 0, k = 0;
	while (i < n && k < max) {
		uint32_t cp;
		i += ex_utf8_next(s + i, n - i, &cp);
		if (cp < TAB_MAX && case_tab[cp])
			k++;
	}
	return k;
}

static int add_mapped(struct buf *out, const char *s, size_t n, int mode)
{
	tab_init();
	size_t i = 0;
	int start = 1; /* at the start of a word */
	while (i < n) {
		uint32_t cp;
		size_t k = ex_utf8_next(s + i, n - i, &cp);
		uint32_t r = cp;
		int cased = cp < TAB_MAX && case_tab[cp];
		if (cased) {
			int want_upper = (mode == 1 && start) || (mode == 2 && start);
			if (want_upper && upper_tab[cp])
				r = upper_tab[cp];
			else if (!want_upper && lower_tab[cp])
				r = lower_tab[cp];
			if (mode == 1)
				mode = 0; /* capitalize only the first letter */
		}
		if (r == cp) {
			if (buf_add(out, s + i, k) < 0)
				return -1;
		} else if (buf_addcp(out, r) < 0) {
			return -1;
		}
		if (cased || (cp >= '0' && cp <= '9'))
			start = 0;
		else if (cp == ' ' || cp == '-' || cp == '(' || cp == '/' || cp == '"')
			start = 1;
		i += k;
	}
	return 0;
}

int ex_add_lower(struct buf *out, const char *s, size_t n)
{
	return add_mapped(out, s, n, 0);
}

int ex_add_capitalized(struct buf *out, const char *s, size_t n)
{
	return add_mapped(out, s, n, 1);
}

int ex_add_titlecase(struct buf *out, const char *s, size_t n)
{
	return add_mapped(out, s, n, 2);
}

/* Bytes ex_add_clean looks at: 1 white space, 2 a markup character ('*', '_'), 0 others. */
static const unsigned char clean_class[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, ['*'] = 2, ['_'] = 2,
};

/* Zero when the 8 bytes of x can be copied as they are in the middle of a word run: no
 * control character, '*' or '_', and every space followed by another byte of x that is not
 * a space (the state machine below would write such a space as it is). Non-zero may be a
 * false alarm: callers then look at each byte. */
static uint64_t clean_block_stop(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	uint64_t star = x ^ (ones * '*'), under = x ^ (ones * '_'), blank = x ^ (ones * ' ');
	uint64_t ctl = (x - ones * 0x20) & ~x;
	uint64_t st = (star - ones) & ~star;
	uint64_t un = (under - ones) & ~under;
	uint64_t sp = (blank - ones) & ~blank & highs; /* high bit at (at least) each space */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* a space followed by a space, or a space as the last byte (the highest) */
	uint64_t bad_sp = (sp & (sp >> 8)) | (sp & 0x8000000000000000ull);
#else
	uint64_t bad_sp = sp; /* byte order unknown: stop at every space */
#endif
	return ((ctl | st | un) & highs) | bad_sp;
}

int ex_add_clean(struct buf *out, const char *s, size_t n)
{
	/* the result is never longer than s: write it in place */
	if (buf_grow(out, n + 1) < 0)
		return -1;
	out->len += ex_clean_to(out->ptr + out->len, s, n);
	return 0;
}

size_t ex_clean_to(char *dst, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int space = 0;
	char *start = dst, *o = start;
	while (i < n) {
		unsigned char c = u[i];
		unsigned cls = clean_class[c];
		if (cls) {
			if (cls == 1) {
				space = 1;
				i++;
				continue;
			}
			if (i + 1 < n && u[i + 1] == c) {
				space = 1; /* markup between words acts as a space */
				i += 2;
				continue;
			}
		}
		if (space) {
			if (o > start)
				*o++ = ' ';
			space = 0;
		}
		*o++ = (char)c;
		i++;
#ifdef __SSE2__
		/* sixteen bytes at a time: copied whole, kept up to the first byte the state
		 * machine must see (a control character, '*', '_', the first of two spaces) and
		 * not including a space just before it, whose fate depends on what follows; a
		 * block without such a byte is kept whole but for a last space. o never runs ahead
		 * of s + i, so the copy stays inside dst's room for n bytes. */
		while (i + 16 <= n) {
			__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
			__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1F)), x);
			__m128i mark = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('*')),
						    _mm_cmpeq_epi8(x, _mm_set1_epi8('_')));
			unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, mark));
			unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
			stop |= sp & (sp >> 1);
			_mm_storeu_si128((__m128i *)(void *)o, x);
			unsigned r = stop ? (unsigned)__builtin_ctz(stop) : 16u;
			if (r && ((sp >> (r - 1)) & 1u))
				r--;
			o += r;
			i += r;
			if (stop)
				break;
		}
#endif
		/* the rest of the run: eight bytes at a time (single spaces between words kept as
		 * they are) */
		while (i + 8 <= n) {
			uint64_t x;
			memcpy(&x, u + i, 8);
			if (clean_block_stop(x))
				break;
			memcpy(o, &x, 8);
			o += 8;
			i += 8;
		}
		while (i < n && !clean_class[u[i]])
			*o++ = (char)u[i++];
	}
	*o = '\0';
	return (size_t)(o - start);
}

void ex_copy(char *dst, size_t dsz, const char *s, int prec)
{
	if (!dsz)
		return;
	size_t n = prec < 0 ? strlen(s) : strnlen(s, (size_t)prec);
	if (n > dsz - 1)
		n = dsz - 1;
	memmove(dst, s, n);
	dst[n] = '\0';
}

/* strchr(chars, c) != NULL (which the NUL matches too) without the call */
static int in_chars(const char *chars, char c)
{
	if (!c)
		return 1;
	for (; *chars; chars++)
		if (*chars == c)
			return 1;
	return 0;
}

void ex_trim(const char *s, size_t *b, size_t *e, const char *chars)
{
	while (*b < *e && (s[*b] == ' ' || in_chars(chars, s[*b])))
		(*b)++;
	while (*e > *b && (s[*e - 1] == ' ' || in_chars(chars, s[*e - 1])))
		(*e)--;
}

/* Folded family names, and how they are written. */
static const struct {
	const char *fold, *name;
} surnames[] = {
	{"nguyen", "Nguyễn"}, {"tran", "Trần"},   {"le", "Lê"},       {"pham", "Phạm"},
	{"hoang", "Hoàng"},   {"huynh", "Huỳnh"}, {"phan", "Phan"},   {"vu", "Vũ"},
	{"vo", "Võ"},         {"dang", "Đặng"},   {"bui", "Bùi"},     {"do", "Đỗ"},
	{"ho", "Hồ"},         {"ngo", "Ngô"},     {"duong", "Dương"}, {"ly", "Lý"},
	{"dinh", "Đinh"},     {"lam", "Lâm"},     {"mai", "Mai"},     {"trinh", "Trịnh"},
	{"truong", "Trương"}, {"luong", "Lương"}, {"cao", "Cao"},     {"ha", "Hà"},
	{"doan", "Đoàn"},     {"luu", "Lưu"},     {"la", "La"},       {"lo", "Lò"},
	{"ta", "Tạ"},         {"chu", "Chu"},     {"kieu", "Kiều"},   {"thai", "Thái"},
	{"tong", "Tống"},     {"quach", "Quách"}, {"to", "Tô"},
	{"tieu", "Tiêu"},     {"vuong", "Vương"}, {"trieu", "Triệu"}, {"khuc", "Khúc"},
	{"au", "Âu"},         {"chau", "Châu"},   {"diep", "Diệp"},   {"giang", "Giang"},
	{"hua", "Hứa"},       {"lai", "Lại"},     {"mac", "Mạc"},     {"nong", "Nông"},
	{"ong", "Ông"},       {"quan", "Quan"},   {"thach", "Thạch"}, {"thieu", "Thiều"},
	{"trang", "Trang"},   {"tu", "Từ"},       {"vi", "Vi"},       {"y", "Y"},
	{"cu", "Cù"},         {"dao", "Đào"},     {"kim", "Kim"},     {"lang", "Lăng"},
	{"nghiem", "Nghiêm"}, {"phung", "Phùng"}, {"son", "Sơn"},     {"tang", "Tăng"},
	{"ton", "Tôn"},       {"ung", "Ưng"},     {"dong", "Đồng"},   {"hau", "Hầu"},
	{"khong", "Khổng"},   {"lieu", "Liễu"},   {"than", "Thân"},
};

int ex_is_surname(const char *w, size_t n)
{
	for (size_t i = 0; i < sizeof(surnames) / sizeof(surnames[0]); i++)
		if (strlen(surnames[i].fold) == n && memcmp(surnames[i].fold, w, n) == 0)
			return 1;
	return 0;
}

/* 1 when a and b are at most one insertion, deletion or substitution apart. */
static int one_edit(const char *a, size_t an, const char *b, size_t bn)
{
	if (an > bn + 1 || bn > an + 1)
		return 0;
	size_t i = 0;
	while (i < an && i < bn && a[i] == b[i])
		i++;
	if (an == bn)
		return i == an || memcmp(a + i + 1, b + i + 1, an - i - 1) == 0;
	if (an > bn)
		return memcmp(a + i + 1, b + i, an - i - 1) == 0;
	return memcmp(a + i, b + i + 1, bn - i - 1) == 0;
}

const char *ex_surname_repair(const char *w, size_t n)
{
	if (n < 3 || ex_is_surname(w, n))
		return NULL;
	for (size_t i = 0; i < sizeof(surnames) / sizeof(surnames[0]); i++) {
		size_t sn = strlen(surnames[i].fold);
		if (sn >= 4 && one_edit(w, n, surnames[i].fold, sn))
			return surnames[i].name;
	}
	return NULL;
}
