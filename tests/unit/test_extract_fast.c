/* test_extract_fast.c - the extractor's fast paths against the plain ways they replace:
 * fold composition vs folding the whole text, white-space cleaning vs a byte-by-byte
 * reference, ex_copy vs snprintf, the gazetteer's first-word index (and its types and titles
 * by first byte) vs scanning every key, the text helpers and the word list of a fold,
 * deadlines with words found first (the JSON values and their writer: test_extract_jv.c) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "extract/doc.h"
#include "extract/extract.h"
#include "extract/gazetteer.h"
#include "extract/jv.h"
#include "extract/text.h"
#include "extract/when.h"
#include "util/buf.h"

#include "randtext.h"


/* A random string from pieces that exercise the paths: spaces, tabs, markup, Vietnamese
 * letters (2 and 3 bytes), ASCII words, control bytes, broken UTF-8. */
static size_t random_text(char *out, size_t cap)
{
	static const char *const pieces[] = {
	    " ",
	    "  ",
	    "\t",
	    "*",
	    "**",
	    "_",
	    "__",
	    "a",
	    "Thành",
	    "ủy",
	    "đ",
	    "Ư",
	    "công tác ",
	    "xyz",
	    "12/2025",
	    "\n",
	    "\r",
	    "\x01",
	    "\"",
	    "\\",
	    "\xe1\xba",
	    "\xc3",
	    "\x80",
	    "-",
	    "abcdefghij",
	    "nhiệm vụ",
	    "\xef\xbb\xbf",
	    "\xed\xa0\x80",
	    "\xf0\x9f\x98\x80",
	    "ḁ",	     /* U+1E01: E1 B8 81, the first block of the three-byte table */
	    "ỹ",	     /* U+1EF9 */
	    "\xe1\xbc\x80", /* U+1F00, just past it */
	    "\xe1\xb8",     /* cut short */
	    "\xc1\xbf",     /* overlong */
	    "\xc2\xa0",     /* no-break space */
	};
	return fill(out, cap, next_rand() % 60, pieces, sizeof(pieces) / sizeof(pieces[0]), NULL, 0);
}

/* The cleaning rule written the obvious way: runs of white space and "**" / "__" between
 * words become one space, none at the ends. */
static void clean_reference(const char *s, size_t n, struct buf *out)
{
	int space = 0, any = 0;
	for (size_t i = 0; i < n;) {
		char c = s[i];
		if ((c == '*' || c == '_') && i + 1 < n && s[i + 1] == c) {
			space = 1;
			i += 2;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
			space = 1;
			i++;
			continue;
		}
		if (space && any)
			buf_addch(out, ' ');
		space = 0;
		any = 1;
		buf_addch(out, c);
		i++;
	}
}

/* Longer text, mostly words and single spaces, so the 16- and 8-byte paths run far before a
 * byte stops them (a space, markup or control byte at every place of a block). */
static size_t random_words(char *out, size_t cap)
{
	static const char *const words[] = {"a", "Thành", "ủy", "công tác ", "xyz", "abcdefghij", "nhiệm vụ", " ", "-", "ĐẢNG"};
	static const char *const odd[] = {"  ", "\t", "*", "**", "_", "__", " \t", "\n", "\x01", " *", " **"};
	return fill(out, cap, next_rand() % 240, words, sizeof(words) / sizeof(words[0]), odd,
		    sizeof(odd) / sizeof(odd[0]));
}

/* ex_copy_clean's yes means the cleaning gives the line back as it is, and it copied it;
 * on random text and on words with single spaces and markup that cleaning keeps (it says
 * yes to most) */
static void test_copy_clean(void **state)
{
	static const char *const words[] = {
	    "Thành", "phố", "ủy", "a", "*", "_", "x_y", "2*3", "-", "12/2025", "nhiệm", "vụ", "(1)",
	    "abcdefghijklmnop", "\x7f", "Đ",
	};
	char s[300], out[310];
	size_t yes = 0;
	(void)state;

	for (int t = 0; t < 40000; t++) {
		size_t n;
		if (t % 2) {
			n = random_text(s, sizeof(s));
		} else {
			n = 0;
			for (size_t k = 0, nw = next_rand() % 30; k < nw; k++) {
				const char *w = words[next_rand() % (sizeof(words) / sizeof(words[0]))];
				size_t wl = strlen(w);
				if (n + wl + 2 >= sizeof(s))
					break;
				if (k)
					s[n++] = next_rand() % 50 ? ' ' : "\t *_"[next_rand() % 4];
				memcpy(s + n, w, wl);
				n += wl;
			}
			s[n] = '\0';
		}
		/* and every prefix of it, so the 16-byte blocks and the tail meet every byte */
		for (size_t cut = n;; cut = cut > 7 ? cut - 7 : 0) {
			char copy[310], narrow[310];
			size_t len = ex_clean_to(out, s, cut);
			memset(copy, 'Z', sizeof(copy));
			memset(narrow, 'Z', sizeof(narrow));
			/* 16-byte blocks only, and 32-byte ones on a CPU with AVX2: the same */
			ex_copy_clean_avx2(0);
			int yes16 = ex_copy_clean(narrow, s, cut);
			ex_copy_clean_avx2(1);
			assert_int_equal(ex_copy_clean(copy, s, cut), yes16);
			if (yes16) {
				assert_memory_equal(narrow, copy, cut + 2);
				yes++;
				assert_int_equal(len, cut);
				assert_memory_equal(out, s, cut);
				assert_memory_equal(copy, s, cut);
				assert_int_equal(copy[cut], '\0');
				assert_int_equal(copy[cut + 1], 'Z'); /* nothing written past the NUL */
			}
			if (!cut)
				break;
		}
	}
	assert_true(yes > 100000);
	/* the ways the cleaning changes a line */
	assert_false(ex_copy_clean(out, " a", 2));
	assert_false(ex_copy_clean(out, "a ", 2));
	assert_false(ex_copy_clean(out, "a  b c d e f g h i j k l m", 26));
	assert_false(ex_copy_clean(out, "a b c d e f g h i j k l m**", 27));
	assert_false(ex_copy_clean(out, "a b c d e f g h i j k l m__n", 28));
	assert_false(ex_copy_clean(out, "a b c d e f g h i\tj k l m", 25));
	assert_true(ex_copy_clean(out, "a b c d e f g h i j k l m*_*", 28));
	assert_true(ex_copy_clean(out, "", 0));
}

static void test_add_clean(void **state)
{
	(void)state;
	char s[256];
	for (int t = 0; t < 20000; t++) {
		size_t n = random_text(s, sizeof(s));
		struct buf got = BUF_INIT, want = BUF_INIT;
		buf_addstr(&got, "pre"); /* appends after what is there */
		buf_addstr(&want, "pre");
		assert_int_equal(ex_add_clean(&got, s, n), 0);
		clean_reference(s, n, &want);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.ptr, want.ptr, got.len + 1);
		buf_release(&got);
		buf_release(&want);
	}
	for (int t = 0; t < 20000; t++) {
		char w[300];
		size_t n = random_words(w, sizeof(w));
		struct buf got = BUF_INIT, want = BUF_INIT;
		assert_int_equal(ex_add_clean(&got, w, n), 0);
		clean_reference(w, n, &want);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(buf_str(&got), buf_str(&want), got.len + 1);
		buf_release(&got);
		buf_release(&want);
	}
	/* a long line of words and single spaces takes the eight-byte path */
	struct buf b = BUF_INIT;
	const char *line = "  công tác   chuẩn bị **năm học** mới_x  ";
	assert_int_equal(ex_add_clean(&b, line, strlen(line)), 0);
	assert_string_equal(buf_str(&b), "công tác chuẩn bị năm học mới_x");
	buf_release(&b);
	/* over the limit: nothing added */
	struct buf capped;
	buf_init(&capped, 4);
	assert_int_equal(ex_add_clean(&capped, "abcdef", 6), -1);
	assert_int_equal(capped.len, 0);
	buf_release(&capped);
}

static void assert_fold_equal(const struct ex_fold *a, const struct ex_fold *b)
{
	assert_int_equal(a->flen, b->flen);
	assert_memory_equal(a->fold, b->fold, a->flen + 1);
	assert_memory_equal(a->map, b->map, (a->flen + 1) * sizeof(uint32_t));
}

static void test_fold_compose(void **state)
{
	(void)state;
	char a[256], b[256], joined[600];
	for (int t = 0; t < 20000; t++) {
		size_t na = random_text(a, sizeof(a)), nb = random_text(b, sizeof(b));
		/* start a inside, at a character boundary (as a list label would end) */
		size_t from = na ? next_rand() % (na + 1) : 0;
		while (from < na && ((unsigned char)a[from] & 0xC0) == 0x80)
			from++;
		size_t n = (na - from) + 1 + nb;
		memcpy(joined, a + from, na - from);
		joined[na - from] = ' ';
		memcpy(joined + na - from + 1, b, nb);
		struct ex_fold fa, fb, whole, parts;
		ex_fold_init(&fa, a, na);
		ex_fold_init(&fb, b, nb);
		ex_fold_init(&whole, joined, n);
		ex_fold_reserve(&parts, n);
		ex_fold_append(&parts, &fa, from, 0);
		ex_fold_append_space(&parts, na - from);
		ex_fold_append(&parts, &fb, 0, na - from + 1);
		ex_fold_finish(&parts, n);
		/* a broken sequence at the end of a piece folds alike whole or in parts only when
		 * the byte after it cannot continue it: a space cannot */
		assert_fold_equal(&parts, &whole);
		ex_fold_release(&fa);
		ex_fold_release(&fb);
		ex_fold_release(&whole);
		ex_fold_release(&parts);
	}
	struct ex_fold f;
	ex_fold_init(&f, "Đảng ủy", strlen("Đảng ủy"));
	assert_string_equal(f.fold, "dang uy");
	assert_int_equal(f.map[5], 8); /* "u" of "ủy" starts at byte 8 */
	assert_int_equal(f.map[f.flen], strlen("Đảng ủy"));
	ex_fold_release(&f);
}

static void test_copy_like_snprintf(void **state)
{
	(void)state;
	const char *src[] = {"", "a", "Điều 1.", "0123456789abcdefghijklmnopqrstuvwxyz"};
	int precs[] = {-1, 0, 1, 3, 7, 20, 100};
	size_t sizes[] = {1, 2, 5, 24, 64};
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++)
			for (size_t z = 0; z < sizeof(sizes) / sizeof(sizes[0]); z++) {
				char got[64], want[64];
				memset(got, 'x', sizeof(got));
				ex_copy(got, sizes[z], src[i], precs[p]);
				if (precs[p] < 0)
					snprintf(want, sizes[z], "%s", src[i]);
				else
					snprintf(want, sizes[z], "%.*s", precs[p], src[i]);
				assert_string_equal(got, want);
			}
}

static void test_when_iso(void **state)
{
	(void)state;
	char iso[11];
	ex_when_iso(2025, 2, 9, iso);
	assert_string_equal(iso, "2025-02-09");
	ex_when_iso(1900, 12, 31, iso);
	assert_string_equal(iso, "1900-12-31");
	ex_when_iso(2024, 2, 29, iso);
	assert_string_equal(iso, "2024-02-29");
	ex_when_iso(2025, 2, 29, iso);
	assert_string_equal(iso, "");
}

/* Gazetteer look-ups through the first-word index against trying every key. */

/* "abxcd" and "abycd" have one hash (length, first and last two bytes): an index with both
 * compares words */
static const char *const gz_vocab[] = {"a",   "ab", "abc", "b",	    "ba",    "bab", "c",
				       "cab", "ca", "d2",  "abxcd", "abycd", "2"};
#define GZ_NVOCAB (sizeof(gz_vocab) / sizeof(gz_vocab[0]))

/* 1..4 random vocabulary words, separated by a space (or "-" now and then). */
static void gz_random_phrase(struct buf *b)
{
	size_t nw = 1 + next_rand() % 4;
	for (size_t w = 0; w < nw; w++) {
		if (w)
			buf_addstr(b, next_rand() % 8 ? " " : "-");
		buf_addstr(b, gz_vocab[next_rand() % GZ_NVOCAB]);
	}
}

/* key at fold[pos] up to a word boundary, pos at the start of a word: the plain way. */
static int gz_ref_at(const char *fold, size_t n, size_t pos, const char *key, size_t *end)
{
	size_t k = strlen(key);
#define WC(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9'))
	if (!k || !WC(key[0]) || pos >= n || !WC(fold[pos]) || (pos > 0 && WC(fold[pos - 1])))
		return 0;
	if (pos + k > n || memcmp(fold + pos, key, k) != 0)
		return 0;
	if (pos + k < n && WC(fold[pos + k]) && WC(key[k - 1]))
		return 0;
#undef WC
	*end = pos + k;
	return 1;
}

/* key at fold[pos] (anywhere) up to a word boundary: what the type and title look-ups test. */
static int gz_ref_key(const char *fold, size_t n, size_t pos, const char *key, size_t *end)
{
	size_t k = strlen(key);
#define WC(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9'))
	if (!k || pos + k > n || memcmp(fold + pos, key, k) != 0)
		return 0;
	if (pos + k < n && WC(fold[pos + k]) && WC(key[k - 1]))
		return 0;
#undef WC
	*end = pos + k;
	return 1;
}

struct gz_counts {
	size_t n[64];
};

static void gz_count_hit(size_t topic, void *arg)
{
	struct gz_counts *c = arg;
	assert_true(topic < 64);
	c->n[topic]++;
}

/* The topics reported, in order (the first 256 calls). */
struct gz_seq {
	size_t n;
	size_t topic[256];
};

static void gz_seq_hit(size_t topic, void *arg)
{
	struct gz_seq *q = arg;
	if (q->n < 256)
		q->topic[q->n] = topic;
	q->n++;
}

static void test_gazetteer_index(void **state)
{
	(void)state;
	size_t titles_hit = 0, types_hit = 0, rounds_same = 0;
	for (int round = 0; round < 40; round++) {
		struct gazetteer *gz = calloc(1, sizeof(*gz));
		struct dd_error err = {0};
		struct buf units = BUF_INIT, topics = BUF_INIT, types = BUF_INIT, titles = BUF_INIT;
		size_t nunits = 1 + next_rand() % 30, ntopics = 1 + next_rand() % 30;
		for (size_t t = next_rand() % 20; t > 0; t--) {
			buf_printf(&types, "T%zu\t", t);
			gz_random_phrase(&types);
			buf_addstr(&types, "\n");
		}
		for (size_t t = next_rand() % 30; t > 0; t--) {
			gz_random_phrase(&titles);
			buf_addstr(&titles, next_rand() % 2 ? "\tbody\n" : "\tperson\n");
		}
		for (size_t u = 0; u < nunits; u++) {
			buf_printf(&units, "U%zu\t", u);
			gz_random_phrase(&units);
			buf_addstr(&units, "\tkind\t\t");
			for (size_t a = next_rand() % 3; a > 0; a--) {
				gz_random_phrase(&units);
				buf_addstr(&units, "|");
			}
			buf_addstr(&units, "\n");
		}
		for (size_t t = 0; t < ntopics; t++) {
			buf_printf(&topics, "T%zu\t", t);
			for (size_t k = 1 + next_rand() % 4; k > 0; k--) {
				gz_random_phrase(&topics);
				buf_addstr(&topics, "|");
			}
			buf_addstr(&topics, "\tU0\n");
		}
		assert_int_equal(gz_parse(gz, "units.tsv", buf_str(&units), units.len, &err), 0);
		assert_int_equal(gz_parse(gz, "topics.tsv", buf_str(&topics), topics.len, &err), 0);
		assert_int_equal(gz_parse(gz, "types.tsv", buf_str(&types), types.len, &err), 0);
		assert_int_equal(gz_parse(gz, "titles.tsv", buf_str(&titles), titles.len, &err), 0);

		/* the index: every key's first word leads to exactly the keys with that word */
		for (size_t i = 0; i < gz->nkws; i++) {
			const struct gz_kw *k = &gz->kws[i];
			const struct gz_wslot *s = gz_ix_find(gz->kw_ix, gz->kw_mask, k->fold, k->word);
			if (!k->word) {
				assert_null(s);
				continue;
			}
			assert_non_null(s);
			assert_true(s->lo <= i && i < s->hi);
			for (size_t j = 0; j < gz->nkws; j++) {
				int same = gz->kws[j].word == k->word && memcmp(gz->kws[j].fold, k->fold, k->word) == 0;
				assert_int_equal(same, j >= s->lo && j < s->hi);
			}
		}
		for (size_t v = 0; v < GZ_NVOCAB; v++) {
			const char *w = gz_vocab[v];
			int any = 0;
			for (size_t i = 0; i < gz->naliases; i++)
				any |= gz->aliases[i].word == strlen(w) && memcmp(gz->aliases[i].fold, w, strlen(w)) == 0;
			assert_int_equal(gz_ix_find(gz->alias_ix, gz->alias_mask, w, strlen(w)) != NULL, any);
		}

		int kw_same = 0, alias_same = 0;
		for (size_t i = 0; i < gz->nkws; i++)
			for (size_t j = 0; j < gz->nkws; j++)
				kw_same |=
				    gz->kws[i].word == 5 && gz->kws[j].word == 5 &&
				    memcmp(gz->kws[i].fold, gz->kws[j].fold, 5) != 0 &&
				    ex_word_hash(gz->kws[i].fold, 5) == ex_word_hash(gz->kws[j].fold, 5);
		for (size_t i = 0; i < gz->naliases; i++)
			for (size_t j = 0; j < gz->naliases; j++)
				alias_same |= gz->aliases[i].word == 5 && gz->aliases[j].word == 5 &&
					      memcmp(gz->aliases[i].fold, gz->aliases[j].fold, 5) != 0;
		assert_int_equal(gz->kw_same, kw_same);
		assert_int_equal(gz->alias_same, alias_same);
		rounds_same += kw_same;
		/* matching random texts at every position; in the second half with the words
		 * compared even when the index needs it not */
		for (int t = 0; t < 200; t++) {
			if (t == 100)
				gz->kw_same = gz->alias_same = 1;
			struct buf text = BUF_INIT;
			for (size_t k = 1 + next_rand() % 5; k > 0; k--) {
				gz_random_phrase(&text);
				buf_addstr(&text, next_rand() % 4 ? " " : ", ");
			}
			const char *f = buf_str(&text);
			size_t n = text.len;
			for (size_t pos = 0; pos <= n; pos++) {
				/* units: the longest key that matches (the first in byte order of
				 * equals, the first in the array of the same) */
				size_t end = 0, want_end = 0, e_ref;
				long want = -1;
				const char *best = NULL;
				for (size_t i = 0; i < gz->naliases; i++) {
					const char *k = gz->aliases[i].fold;
					if (!gz_ref_at(f, n, pos, k, &e_ref))
						continue;
					if (!best || strlen(k) > strlen(best) ||
					    (strlen(k) == strlen(best) && strcmp(k, best) < 0)) {
						best = k;
						want = (long)gz->aliases[i].unit;
						want_end = e_ref;
					}
				}
				long got = gz_match_unit(gz, f, n, pos, &end);
				assert_int_equal(got, want);
				if (got >= 0)
					assert_int_equal(end, want_end);
				/* titles: the first in the array (longest first) that matches */
				const struct gz_title *wt = NULL;
				for (size_t i = 0; i < gz->ntitles && !wt; i++)
					if (gz_ref_key(f, n, pos, gz->titles[i].fold, &want_end))
						wt = &gz->titles[i];
				const struct gz_title *gt = gz_match_title(gz, f, n, pos, &end);
				assert_ptr_equal(gt, wt);
				if (gt)
					assert_int_equal(end, want_end);
				titles_hit += gt != NULL;
				/* types: the longest match, the first of equals */
				const struct gz_type *wy = NULL;
				size_t wy_end = 0, e;
				for (size_t i = 0; i < gz->ntypes; i++)
					if (gz_ref_key(f, n, pos, gz->types[i].fold, &e) && e > wy_end)
						wy = &gz->types[i], wy_end = e;
				const struct gz_type *gy = gz_match_type(gz, f, n, pos, &end);
				assert_ptr_equal(gy, wy);
				if (gy)
					assert_int_equal(end, wy_end);
				types_hit += gy != NULL;
				/* topics: one call per matching keyword */
				struct gz_counts gc, wc;
				memset(&gc, 0, sizeof(gc));
				memset(&wc, 0, sizeof(wc));
				gz_match_topics(gz, f, n, pos, gz_count_hit, &gc);
				for (size_t i = 0; i < gz->nkws; i++)
					if (gz_ref_at(f, n, pos, gz->kws[i].fold, &want_end))
						wc.n[gz->kws[i].topic]++;
				assert_memory_equal(&gc, &wc, sizeof(gc));
			}
			/* the whole text in one pass: the same calls in the same order as one
			 * gz_match_topics at each word start */
			struct gz_seq one, each;
			memset(&one, 0, sizeof(one));
			memset(&each, 0, sizeof(each));
			gz_match_topics_in(gz, f, n, gz_seq_hit, &one);
			for (size_t pos = 0; pos < n; pos++)
				gz_match_topics(gz, f, n, pos, gz_seq_hit, &each);
			assert_memory_equal(&one, &each, sizeof(one));
			/* and with the words found first */
			struct gz_seq words;
			struct ex_words ws = {0};
			memset(&words, 0, sizeof(words));
			ex_words_of(&ws, f, n);
			gz_match_topics_words(gz, f, n, &ws, gz_seq_hit, &words);
			assert_memory_equal(&one, &words, sizeof(one));
			ex_words_release(&ws);
			buf_release(&text);
		}
		buf_release(&units);
		buf_release(&topics);
		buf_release(&types);
		buf_release(&titles);
		gazetteer_free(gz);
	}
	assert_true(titles_hit > 1000 && types_hit > 1000);
	assert_true(rounds_same > 2 && rounds_same < 38);
}

/* The helpers that replace general ones on the hot paths say what those say. */
static void test_text_helpers(void **state)
{
	(void)state;
	int cut_valid = 0;
	char s[256], f[256];
	for (int round = 0; round < 3000; round++) {
		size_t n = random_text(s, sizeof(s));
		/* the fold's UTF-8 verdict: 1 only for valid text, and for all valid text
		 * without four-byte characters (the only ones it leaves unknown) */
		struct ex_fold fo;
		void *mem = malloc(EX_FOLD_SIZE(n));
		int ok = ex_fold_init_in(&fo, s, n, mem);
		int valid = jv_utf8_valid(s, n), four = 0;
		for (size_t i = 0; i < n; i++)
			four |= (unsigned char)s[i] >= 0xF0;
		if (ok)
			assert_true(valid);
		if (!four)
			assert_int_equal(ok, valid);
		/* the words of the fold */
		struct ex_words ws = {0};
		ex_words_of(&ws, fo.fold, fo.flen);
		size_t k = 0;
		for (size_t p = 0; p < fo.flen;) {
			if (!((fo.fold[p] >= 'a' && fo.fold[p] <= 'z') ||
			      (fo.fold[p] >= '0' && fo.fold[p] <= '9'))) {
				p++;
				continue;
			}
			size_t e = p;
			while (e < fo.flen && ((fo.fold[e] >= 'a' && fo.fold[e] <= 'z') ||
					       (fo.fold[e] >= '0' && fo.fold[e] <= '9')))
				e++;
			assert_true(k < ws.n);
			assert_int_equal(ws.pos[k], p);
			assert_int_equal(ws.len[k], e - p);
			assert_int_equal(ws.hash[k], ex_word_hash(fo.fold + p, e - p));
			k++;
			p = e;
		}
		assert_int_equal(k, ws.n);
		ex_words_release(&ws);
		/* the fold's chars are the general fold's (which reads an overlong C0/C1 form
		 * its own way), each mapped to a later byte than the one before */
		int overlong = 0;
		for (size_t i = 0; i < n; i++)
			overlong |= (unsigned char)s[i] == 0xC0 || (unsigned char)s[i] == 0xC1;
		if (!overlong) {
			struct buf gb = BUF_INIT;
			ex_fold_buf(s, n, &gb);
			assert_int_equal(fo.flen, gb.len);
			assert_memory_equal(fo.fold, buf_str(&gb), gb.len + 1);
			buf_release(&gb);
		}
		for (size_t q = 0; q < fo.flen; q++)
			assert_true(fo.map[q] < fo.map[q + 1] && fo.map[q] < n);
		assert_int_equal(fo.map[fo.flen], n);
		/* valid text cut where characters of its fold start, and cleaned, stays valid (unit
		 * names are made so, with no check of their own) */
		if (valid && fo.flen) {
			size_t b = fo.map[next_rand() % (fo.flen + 1)],
			       e = fo.map[next_rand() % (fo.flen + 1)];
			if (b > e) {
				size_t x = b;
				b = e;
				e = x;
			}
			char c[256];
			size_t cn = ex_clean_to(c, s + b, e - b);
			assert_true(jv_utf8_valid(c, cn));
			cut_valid++;
		}
		free(mem);
		/* folding into memory, and comparing with a fold */
		struct buf fb = BUF_INIT;
		ex_fold_buf(s, n, &fb);
		size_t fl = ex_fold_to(f, s, n);
		assert_int_equal(fl, fb.len);
		assert_memory_equal(f, buf_str(&fb), fl + 1);
		assert_true(ex_fold_equals(s, n, buf_str(&fb), fb.len));
		if (fb.len) {
			assert_false(ex_fold_equals(s, n, buf_str(&fb), fb.len - 1));
			f[fl - 1] ^= 1;
			assert_false(ex_fold_equals(s, n, f, fl));
		}
		buf_release(&fb);
		/* letters up to a count */
		size_t all = ex_count_letters(s, n);
		for (size_t max = 0; max < 25; max++)
			assert_int_equal(ex_count_letters_upto(s, n, max), all < max ? all : max);
		/* one character lower-cased, the first one capitalised */
		for (size_t i = 0; i < n;) {
			uint32_t cp;
			size_t len = ex_utf8_next(s + i, n - i, &cp);
			struct buf a = BUF_INIT, b = BUF_INIT;
			ex_add_lower(&a, s + i, len);
			ex_add_lower_char(&b, s + i, len);
			assert_string_equal(buf_str(&a), buf_str(&b));
			buf_release(&a);
			buf_release(&b);
			i += len;
		}
		if (n) {
			uint32_t cp;
			size_t len = ex_utf8_next(s, n, &cp);
			struct buf a = BUF_INIT;
			ex_add_capitalized(&a, s, len);
			char enc[4];
			uint32_t up = ex_cp_upper(cp);
			if (up == cp)
				assert_memory_equal(buf_str(&a), s, len);
			else
				assert_memory_equal(buf_str(&a), enc, ex_utf8_put(enc, up));
			buf_release(&a);
		}
		/* a string value of text known to be valid */
		if (valid) {
			struct arena ar;
			arena_init(&ar, 1024);
			struct jv *x = jv_strn(&ar, s, n), *y = jv_strn_utf8(&ar, s, n);
			assert_non_null(x);
			assert_int_equal(jv_strlen(x), jv_strlen(y));
			assert_memory_equal(jv_string(x), jv_string(y), n);
			assert_int_equal(x->u.str.plain, y->u.str.plain);
			arena_release(&ar);
		}
	}
	assert_true(cut_valid > 100);
}

/* Deadlines found with the words known first (their first words looked up by hash) are the
 * ones found by scanning (the deadline words looked up by their first two letters). */
static void test_deadline_words(void **state)
{
	(void)state;
	static const char *const phrases[] = {
	    "hoàn thành trước ngày 15/3/2025",
	    "hằng tháng",
	    "báo cáo trong quý II/2025",
	    "ngày 5/4",
	    "chậm nhất là ngày 30/6/2024",
	    "trong thời gian 10 ngày",
	    "thường xuyên",
	    "nguồn chi thường xuyên",
	    "trước 20/11",
	    "thời hạn: tháng 12 năm 2025",
	    "xong trong tháng 8",
	    "định kỳ",
	    "đến hết năm 2026",
	    "trình UBND tỉnh",
	    "Sở Tài chính chủ trì",
	    ", ",
	    ". ",
	    "x",
	    "quý",
	    /* words that share the first letters of a deadline word, or its first word only */
	    "hạn chế",
	    "thời gian",
	    "thời",
	    "thành phố",
	    "trọng tâm",
	    "ngày mai",
	    "quyết định",
	    "đến",
	    "hằng",
	    "mọi người",
	    "khó khăn",
	    "không",
	    "thường",
	    "tháng",
	    "trước",
	    "trong",
	    "Hà Nội",
	    "hoàn",
	    "chậm",
	    "xong",
	    "định",
	    "2025",
	};
	int found = 0, none = 0;
	for (int round = 0; round < 20000; round++) {
		struct buf t = BUF_INIT;
		for (size_t k = next_rand() % 8; k > 0; k--) {
			buf_addstr(&t, phrases[next_rand() % (sizeof(phrases) / sizeof(phrases[0]))]);
			buf_addstr(&t, next_rand() % 3 ? " " : "; ");
		}
		struct ex_fold fo;
		ex_fold_init(&fo, buf_str(&t), t.len);
		struct ex_words ws = {0};
		ex_words_of(&ws, fo.fold, fo.flen);
		struct ex_when a, b;
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		int ra = ex_deadline_find(fo.fold, fo.flen, 2025, &a);
		int rb = ex_deadline_find_words(fo.fold, fo.flen, &ws, 2025, &b);
		assert_int_equal(ra, rb);
		found += ra == 0;
		none += ra != 0;
		if (ra == 0) {
			assert_int_equal(a.kind, b.kind);
			assert_int_equal(a.start, b.start);
			assert_int_equal(a.end, b.end);
			assert_int_equal(a.y, b.y);
			assert_int_equal(a.m, b.m);
			assert_int_equal(a.d, b.d);
			assert_int_equal(a.before, b.before);
			assert_ptr_equal(a.recur, b.recur);
		}
		ex_words_release(&ws);
		ex_fold_release(&fo);
		buf_release(&t);
	}
	/* both outcomes were tried often */
	assert_true(found > 2000 && none > 2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_add_clean),	       cmocka_unit_test(test_fold_compose),
	    cmocka_unit_test(test_copy_clean),
	    cmocka_unit_test(test_copy_like_snprintf), cmocka_unit_test(test_when_iso),
	    cmocka_unit_test(test_gazetteer_index),    cmocka_unit_test(test_text_helpers),
	    cmocka_unit_test(test_deadline_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
