/* fold.c - search and matching keys: lower case, diacritics removed, canonical tone place */
#include "fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "../util/xalloc.h"
#include "legacy.h"
#include "utf8.h"

/* Folded form of one code point appended to out (possibly nothing, for a stray mark). */
static int fold_cp(uint32_t cp, struct buf *out)
{
	struct vn_letter_info li;
	utf8proc_int32_t dec[8];
	utf8proc_ssize_t k;
	int lbc = 0;

	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			cp += 32;
		return buf_addch(out, (char)cp);
	}
	if (vn_letter_info(cp, &li))
		return buf_addch(out, vn_vowel_ascii(li.vowel));
	switch (cp) {
	case 0x110: case 0x111: case 0xD0: case 0xF0: case 0x189:
		return buf_addch(out, 'd');
	default:
		break;
	}
	/* other scripts and Latin letters: lower case, then drop the marks */
	cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
	k = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 8, UTF8PROC_DECOMPOSE, &lbc);
	if (k <= 0 || k > 8)
		return buf_addcp(out, cp);
	for (utf8proc_ssize_t i = 0; i < k; i++) {
		if (utf8proc_get_property(dec[i])->combining_class != 0)
			continue;
		if (buf_addcp(out, (unsigned)dec[i]) < 0)
			return -1;
	}
	return 0;
}

int vn_fold(const char *s, size_t n, struct buf *out)
{
	return vn_fold_map(s, n, out, NULL);
}

int vn_fold_map(const char *s, size_t n, struct buf *out, size_t **map)
{
	size_t i = 0, start = out->len, cap = 0;
	size_t *m = NULL;

	if (map)
		*map = NULL;
	if (buf_add(out, "", 0) < 0)
		return -1;
	while (i < n) {
		uint32_t cp;
		size_t len, before = out->len;

		if ((unsigned char)s[i] < 0x80) {
			cp = (unsigned char)s[i];
			len = 1;
		} else {
			len = vn_utf8_next(s + i, n - i, &cp);
		}
		if (fold_cp(cp, out) < 0) {
			free(m);
			buf_truncate(out, start);
			return -1;
		}
		if (map) {
			XGROW(m, out->len - start, cap);
			for (size_t j = before; j < out->len; j++)
				m[j - start] = i;
		}
		i += len;
	}
	if (map)
		*map = m ? m : xcalloc(1, sizeof *m);
	return 0;
}

int vn_lower(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	if (buf_add(out, "", 0) < 0)
		return -1;
	while (i < n) {
		uint32_t cp;
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (buf_addch(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c)) < 0)
				return -1;
			i++;
			continue;
		}
		i += vn_utf8_next(s + i, n - i, &cp);
		if (buf_addcp(out, (unsigned)utf8proc_tolower((utf8proc_int32_t)cp)) < 0)
			return -1;
	}
	return 0;
}

static int is_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
		return 1;
	default:
		return 0;
	}
}

/* Longest word handled by the tone rule; longer ones cannot be a syllable. */
#define WORD_MAX 12

/* Move the tone of an open "oa", "oe", "uy" nucleus to its first vowel in w[0..n). */
static void canon_word(uint32_t *w, size_t n)
{
	struct vn_letter_info li[WORD_MAX];
	size_t v0, v1;
	unsigned tone = 0;
	int ntones = 0;

	for (size_t i = 0; i < n; i++)
		if (!vn_letter_info(w[i], &li[i]))
			li[i].vowel = 99; /* a consonant */
	/* the nucleus: first vowel run; "qu" and "gi" + vowel belong to the initial */
	v0 = 0;
	while (v0 < n && li[v0].vowel == 99)
		v0++;
	if (v0 == 1 && (w[0] | 0x20) == 'q' && li[v0].vowel == 9 && li[v0].tone == 0)
		v0++;
	if (v0 == 1 && (w[0] | 0x20) == 'g' && li[v0].vowel == 5 && li[v0].tone == 0 && v0 + 1 < n &&
	    li[v0 + 1].vowel != 99)
		v0++;
	v1 = v0;
	while (v1 < n && li[v1].vowel != 99)
		v1++;
	/* open syllable of exactly two vowels: oa, oe, uy */
	if (v1 != n || v1 - v0 != 2)
		return;
	{
		unsigned a = li[v0].vowel, b = li[v0 + 1].vowel;
		if (!((a == 6 && (b == 0 || b == 3)) || (a == 9 && b == 11)))
			return;
	}
	for (size_t i = v0; i < v1; i++)
		if (li[i].tone) {
			tone = li[i].tone;
			ntones++;
		}
	if (ntones != 1 || li[v0].tone)
		return;
	w[v0] = vn_letter_make(li[v0].vowel, tone, li[v0].upper);
	w[v0 + 1] = vn_letter_make(li[v0 + 1].vowel, 0, li[v0 + 1].upper);
}

int vn_tone_canon(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	if (buf_add(out, "", 0) < 0)
		return -1;
	while (i < n) {
		uint32_t w[WORD_MAX];
		size_t nw = 0, j = i, wstart = i;
		int too_long = 0;

		/* collect one word */
		while (j < n) {
			uint32_t cp;
			size_t len = vn_utf8_next(s + j, n - j, &cp);
			if (!is_word_char(cp))
				break;
			if (nw < WORD_MAX)
				w[nw++] = cp;
			else
				too_long = 1;
			j += len;
		}
		if (j == wstart) {
			/* not a word character: copy it */
			uint32_t cp;
			size_t len = vn_utf8_next(s + i, n - i, &cp);
			if (buf_add(out, s + i, len) < 0)
				return -1;
			i += len;
			continue;
		}
		if (too_long) {
			if (buf_add(out, s + wstart, j - wstart) < 0)
				return -1;
		} else {
			canon_word(w, nw);
			for (size_t k = 0; k < nw; k++)
				if (buf_addcp(out, w[k]) < 0)
					return -1;
		}
		i = j;
	}
	return 0;
}

int vn_match_key(const char *s, size_t n, struct buf *out)
{
	struct buf tmp = BUF_INIT;
	int rc;

	buf_init(&tmp, out->max);
	rc = vn_tone_canon(s, n, &tmp);
	if (rc == 0)
		rc = vn_lower(buf_str(&tmp), tmp.len, out);
	buf_release(&tmp);
	return rc;
}
