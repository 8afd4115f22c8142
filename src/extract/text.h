/* text.h - extraction text helpers: folded ASCII shadow strings with offset maps, case, names */
#ifndef EX_TEXT_H
#define EX_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/buf.h"

/* A piece of text and its folded shadow: lower case ASCII, no diacritics, đ -> d, dashes
 * -> '-', odd spaces -> ' ', other characters -> '~'. map[i] is the byte offset in s of the
 * character that produced fold[i]; map[flen] = n. */
struct ex_fold {
	char *fold;
	size_t flen;
	uint32_t *map;
};

/* Fold s[0..n) into f (fresh or released). Never fails (aborts on out-of-memory). */
void ex_fold_init(struct ex_fold *f, const char *s, size_t n);
void ex_fold_release(struct ex_fold *f);
/* Bytes of memory a fold of a text of n bytes needs (its map, then its chars). */
#define EX_FOLD_SIZE(n) (((n) + 1) * (sizeof(uint32_t) + 1))
/* ex_fold_init in the caller's memory: mem holds EX_FOLD_SIZE(n) bytes, aligned for
 * uint32_t, and outlives f; f is not released (ex_fold_release would free mem). Returns 1
 * when s[0..n) is valid UTF-8 as jv_utf8_valid says, 0 when it is not or not known (a
 * four-byte character): folding decodes every character anyway. */
int ex_fold_init_in(struct ex_fold *f, const char *s, size_t n, void *mem);
/* The fold of a text made of pieces whose folds are known (a paragraph from its lines): folding
 * is per character, so the fold of "A B" is fold(A), ' ', fold(B) with shifted offsets.
 * ex_fold_reserve makes room for a text of at most n bytes (fold n chars at most); then
 * ex_fold_append adds src's fold from byte `from` of its text (a character boundary), that
 * byte placed at byte `base` of the new text; ex_fold_append_space a ' ' at byte pos; and
 * ex_fold_finish ends a text of n bytes. */
void ex_fold_reserve(struct ex_fold *f, size_t n);
void ex_fold_append(struct ex_fold *f, const struct ex_fold *src, size_t from, size_t base);
void ex_fold_append_space(struct ex_fold *f, size_t pos);
void ex_fold_finish(struct ex_fold *f, size_t n);
/* Append the folded form of s[0..n) to out (no map). Returns 0 or -1 (limit). */
int ex_fold_buf(const char *s, size_t n, struct buf *out);
/* What ex_fold_buf appends, into dst (room for n + 1 bytes) with a NUL; returns its length. */
size_t ex_fold_to(char *dst, const char *s, size_t n);
/* 1 when the folded form of s[0..n) (what ex_fold_buf appends) is key[0..klen). */
int ex_fold_equals(const char *s, size_t n, const char *key, size_t klen);

/* Hash of a folded word (n >= 1 bytes) for the first-word look-ups (the gazetteer's
 * indexes, the deadline words): from its length and its first and last two bytes (a
 * one-letter word's letter four times), so that it costs the same for any word. One
 * multiplication: a false hit costs only a comparison. */
static inline __attribute__((always_inline)) uint32_t ex_word_hash(const char *w, size_t n)
{
	uint32_t x;
	if (n > 1) {
		/* the first two bytes and the last two, each pair in one load */
		uint16_t a, b;
		memcpy(&a, w, 2);
		memcpy(&b, w + n - 2, 2);
		x = a | (uint32_t)b << 16;
	} else {
		x = (unsigned char)w[0] * 0x01010101u;
	}
	/* the high half of a 64-bit product: each of its bits depends on every bit of x */
	uint64_t h = (uint64_t)(((uint32_t)n * 0x9E3779B1u) ^ x) * 0x9E3779B97F4A7C15u;
	return (uint32_t)(h >> 32);
}

/* The words of a fold (runs of a-z and 0-9): word k is fold[pos[k] .. pos[k] + len[k]),
 * hash[k] its ex_word_hash (made once, for the topic and the deadline look-ups). */
struct ex_words {
	uint32_t *pos, *len, *hash;
	size_t n, cap;
};
/* Find the words of fold[0..n) (n < 4 GiB; fold[n] readable, as the NUL that ends every
 * ex_fold) into w (zeroed, or used before: its arrays are reused); ex_words_release frees
 * them. */
void ex_words_of(struct ex_words *w, const char *fold, size_t n);
void ex_words_release(struct ex_words *w);

/* Decode one UTF-8 code point at s (n > 0 bytes available); returns its length (>= 1).
 * (ASCII inline: it is called for most characters the extractor looks at.) */
size_t ex_utf8_next_multi(const char *s, size_t n, uint32_t *cp);
static inline size_t ex_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return ex_utf8_next_multi(s, n, cp);
}
/* The upper-case partner of a cased letter, else cp itself (what ex_add_capitalized makes
 * of a first letter). */
uint32_t ex_cp_upper(uint32_t cp);
/* Write cp (< 0x110000, not a surrogate) as UTF-8 into dst (4 bytes of room); its length. */
size_t ex_utf8_put(char *dst, uint32_t cp);
/* Letter case of a code point: 1 upper, -1 lower, 0 not a cased letter. */
int ex_cp_case(uint32_t cp);
/* Folded ASCII letter of a code point (0 when not a Latin/Vietnamese letter or digit). */
int ex_cp_base(uint32_t cp);
/* 1 when the letters of s[0..n) are all upper case and there are at least two of them. */
int ex_is_upper_text(const char *s, size_t n);
/* Number of letters in s[0..n). */
size_t ex_count_letters(const char *s, size_t n);
/* The same, counting no further than max (tests such as "fewer than 3 letters"). */
size_t ex_count_letters_upto(const char *s, size_t n, size_t max);

/* Append s lower-cased / with the first letter upper-cased. */
int ex_add_lower(struct buf *out, const char *s, size_t n);
/* ex_add_lower for s[0..n) that is one character (as ex_utf8_next reads it): no loop. */
int ex_add_lower_char(struct buf *out, const char *s, size_t n);
int ex_add_capitalized(struct buf *out, const char *s, size_t n);
/* Append s with every word capitalized ("QUẢNG NGÃI" -> "Quảng Ngãi"). */
int ex_add_titlecase(struct buf *out, const char *s, size_t n);

/* Append s with runs of white space collapsed and the ends trimmed; markup "**", "__" dropped. */
int ex_add_clean(struct buf *out, const char *s, size_t n);
/* The same into dst, which has room for n + 1 bytes: returns the length (a NUL follows). */
size_t ex_clean_to(char *dst, const char *s, size_t n);

/* 1 when the folded word w[0..n) is a common Vietnamese family name. */
int ex_is_surname(const char *w, size_t n);
/* When folded w[0..n) is one edit away from a family name (an OCR slip such as "Âguyên",
 * "rần"), the canonical spelling of that name, else NULL. */
const char *ex_surname_repair(const char *w, size_t n);

/* snprintf(dst, dsz, "%.*s", prec, s) without the formatting machinery: at most prec bytes
 * of s (all of it when prec < 0), up to its NUL, cut to fit dsz with the NUL. */
void ex_copy(char *dst, size_t dsz, const char *s, int prec);

/* Trim spaces and the characters in `chars` from both ends of s[*b..*e). */
void ex_trim(const char *s, size_t *b, size_t *e, const char *chars);

#endif
