/* normalize.c - any supported input bytes -> NFC UTF-8, with a quick-check fast path */
#include "normalize.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h> /* AVX2, for a function built for it and called when the CPU has it */
#endif
#endif

#include "../util/xalloc.h"
#include "utf8.h"

/* Text-level repairs done while normalizing (internal flags of nfc_run). */
enum {
	F_REPAIR = 1 << 0,  /* space before mark, ð -> đ, U+0340/1 reported */
	F_CRLF = 1 << 1,    /* CRLF and lone CR -> LF */
	F_CONTROL = 1 << 2, /* drop C0 (but tab, LF, FF) and C1 controls, DEL */
	F_NBSP = 1 << 3     /* U+00A0 -> space */
};

/* Longest run of code points normalized in one go; longer runs of marks are split. */
#define SPAN_MAX 64

void vn_report_add(struct vn_report *rep, const char *repair)
{
	if (!rep)
		return;
	/* called once per repaired span: the pointer test is the fast path */
	for (size_t i = 0; i < rep->nrepairs; i++)
		if (rep->repairs[i] == repair || strcmp(rep->repairs[i], repair) == 0)
			return;
	if (rep->nrepairs < VN_MAX_REPAIRS)
		rep->repairs[rep->nrepairs++] = repair;
}

/* 1 when cp cannot interact with its neighbours under NFC (ccc 0, NFC_QC yes), decided
 * without utf8proc for the ranges Vietnamese text lives in; conservative elsewhere. */
static int cp_safe(uint32_t cp)
{
	const utf8proc_property_t *p;

	if (cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF))
		return 1;
	if ((cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
	    (cp >= 0x20A0 && cp <= 0x20C0))
		return 1;
	if ((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3))
		return 0; /* marks; Hangul composes algorithmically */
	p = utf8proc_get_property((utf8proc_int32_t)cp);
	return p->combining_class == 0 && p->decomp_seqindex == UINT16_MAX &&
	       p->comb_index == UINT16_MAX && p->category != UTF8PROC_CATEGORY_MN &&
	       p->category != UTF8PROC_CATEGORY_MC && p->category != UTF8PROC_CATEGORY_ME;
}

static int is_vn_mark(uint32_t cp)
{
	switch (cp) {
	case 0x300: case 0x301: case 0x302: case 0x303: case 0x306: case 0x309:
	case 0x31B: case 0x323: case 0x340: case 0x341:
		return 1;
	default:
		return 0;
	}
}

static int is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
	switch (utf8proc_category((utf8proc_int32_t)cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
		return 1;
	default:
		return 0;
	}
}

/* Start offset of the character that ends right before byte i (i > lo). */
static size_t prev_char(const char *s, size_t lo, size_t i)
{
	size_t j = i - 1;
	while (j > lo && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
		j--;
	return j;
}

/* 1 when the character before byte i (not before lo) is a letter. */
static int letter_before(const char *s, size_t lo, size_t i)
{
	uint32_t cp;
	size_t j;

	if (i <= lo)
		return 0;
	j = prev_char(s, lo, i);
	vn_utf8_next(s + j, i - j, &cp);
	return is_letter(cp);
}

/* Bubble the marks of cps[0..n) into canonical order (runs are short). */
static void canonical_order(utf8proc_int32_t *cps, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		for (size_t j = i; j > 0; j--) {
			int a = utf8proc_get_property(cps[j - 1])->combining_class;
			int b = utf8proc_get_property(cps[j])->combining_class;
			if (b == 0 || a <= b)
				break;
			utf8proc_int32_t t = cps[j - 1];
			cps[j - 1] = cps[j];
			cps[j] = t;
		}
	}
}

/* 1 when the run of combining marks at s[i..n) is not empty and all Vietnamese marks. */
static int vn_marks_at(const char *s, size_t n, size_t i)
{
	int k = 0;
	while (i < n && ((unsigned char)s[i] == 0xCC || (unsigned char)s[i] == 0xCD)) {
		uint32_t cp;
		i += vn_utf8_next(s + i, n - i, &cp);
		if (!is_vn_mark(cp))
			return 0;
		k++;
	}
	if (i < n && (unsigned char)s[i] >= 0x80) {
		uint32_t cp;
		vn_utf8_next(s + i, n - i, &cp);
		if (utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0)
			return 0; /* another kind of mark follows */
	}
	return k > 0;
}

/* When s[i..n) starts with a space or NBSP followed by Vietnamese combining marks only, the
 * length of that space (1 or 2); else 0. */
static size_t space_mark_at(const char *s, size_t n, size_t i)
{
	size_t sp = s[i] == ' ' ? 1 : (i + 1 < n && s[i] == '\xC2' && s[i + 1] == '\xA0') ? 2 : 0;

	return sp && vn_marks_at(s, n, i + sp) ? sp : 0;
}

/* Vietnamese fast path for a span "base letter + marks" (what NFD text is made of): the
 * composed letter in *out, or 0 when the span is anything else and utf8proc must decide.
 * Marks of the same combining class block each other in NFC, so a circumflex or breve
 * after a grave/acute/hook/tilde tone does not compose: left to utf8proc as well. */
static int vn_compose(const char *s, size_t a, size_t b, uint32_t *out)
{
	struct vn_letter_info li;
	uint32_t cp;
	size_t i = a;
	int t230;

	i += vn_utf8_next(s + i, b - i, &cp);
	if (i >= b || !vn_letter_info(cp, &li) || li.vowel > 11)
		return 0;
	t230 = li.tone && li.tone != 5;
	while (i < b) {
		unsigned t = 0;
		i += vn_utf8_next(s + i, b - i, &cp);
		switch (cp) {
		case 0x302:
			if (t230 || !(li.vowel == 0 || li.vowel == 3 || li.vowel == 6))
				return 0;
			li.vowel += li.vowel == 0 ? 2 : 1; /* a -> â, e -> ê, o -> ô */
			continue;
		case 0x306:
			if (t230 || li.vowel != 0)
				return 0;
			li.vowel = 1;
			continue;
		case 0x31B:
			if (li.vowel != 6 && li.vowel != 9)
				return 0;
			li.vowel = li.vowel == 6 ? 8 : 10; /* o -> ơ, u -> ư */
			continue;
		case 0x300: case 0x340: t = 1; break;
		case 0x301: case 0x341: t = 2; break;
		case 0x309: t = 3; break;
		case 0x303: t = 4; break;
		case 0x323: t = 5; break;
		default: return 0;
		}
		if (li.tone)
			return 0;
		li.tone = t;
		t230 = t != 5;
	}
	*out = vn_letter_make(li.vowel, li.tone, li.upper);
	return *out != 0;
}

/* Normalize pre[0..npre) (a letter taken back from the output) followed by the code points
 * of s[a..b) to NFC into out, dropping a space that precedes a Vietnamese mark when glue is
 * set. Returns 0, -1 on limit. *changed is set when the output differs from the input. */
static int nfc_span(const char *pre, size_t npre, const char *s, size_t a, size_t b, int glue,
		    struct buf *out, int *changed)
{
	utf8proc_int32_t stackbuf[SPAN_MAX * 4 + 8];
	utf8proc_int32_t *cps = stackbuf;
	size_t cap = sizeof stackbuf / sizeof stackbuf[0], ncp = 0, start = out->len, i = a;
	utf8proc_ssize_t m;
	int rc = -1;
	size_t p = 0;
	uint32_t one;

	if (!npre && !glue && vn_compose(s, a, b, &one)) {
		*changed = 1; /* a base and at least one mark became one letter */
		return buf_addcp(out, one);
	}

	while (p < npre || i < b) {
		uint32_t cp;
		utf8proc_ssize_t k;
		int lbc = 0;
		if (p < npre) {
			p += vn_utf8_next(pre + p, npre - p, &cp);
		} else if (glue && space_mark_at(s, b, i)) {
			i += space_mark_at(s, b, i);
			continue;
		} else {
			i += vn_utf8_next(s + i, b - i, &cp);
		}
		for (;;) {
			k = utf8proc_decompose_char((utf8proc_int32_t)cp, cps + ncp,
						    (utf8proc_ssize_t)(cap - ncp), UTF8PROC_DECOMPOSE, &lbc);
			if (k < 0)
				k = 0;
			if ((size_t)k <= cap - ncp)
				break;
			/* only for pathological input: grow onto the heap */
			if (cps == stackbuf) {
				cps = xreallocarray(NULL, cap * 2, sizeof *cps);
				memcpy(cps, stackbuf, ncp * sizeof *cps);
			} else {
				cps = xreallocarray(cps, cap * 2, sizeof *cps);
			}
			cap *= 2;
		}
		ncp += (size_t)k;
	}
	canonical_order(cps, ncp);
	m = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)ncp, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	for (utf8proc_ssize_t j = 0; j < m; j++)
		if (buf_addcp(out, (unsigned)cps[j]) < 0)
			goto out;
	if (glue || npre + b - a != out->len - start || memcmp(out->ptr + start, pre, npre) != 0 ||
	    memcmp(out->ptr + start + npre, s + a, b - a) != 0)
		*changed = 1;
	rc = 0;
out:
	if (cps != stackbuf)
		free(cps);
	return rc;
}

/* The normalizer proper: copies safe runs as they are and hands the rare spans that need
 * work to utf8proc. s must be valid UTF-8. */
static int nfc_run(const char *s, size_t n, struct buf *out, unsigned flags, struct vn_report *rep)
{
	size_t i = 0, copied = 0, boundary = 0, out_base = out->len;
	unsigned char special[128] = { 0 };

	if (flags & F_CRLF)
		special['\r'] = 1;
	if (flags & F_CONTROL) {
		for (int c = 0; c < 0x20; c++)
			if (c != '\t' && c != '\n' && c != '\f' && c != '\r')
				special[c] = 1;
		special[0x7F] = 1;
	}

#define FLUSH(to)                                                                    \
	do {                                                                         \
		if ((to) > copied && buf_add(out, s + copied, (to) - copied) < 0)   \
			return -1;                                                   \
		copied = (to);                                                       \
	} while (0)

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp;
		size_t len;

		if (b < 0x80) {
			if (special[b] != 1) {
				boundary = i++;
				continue;
			}
			FLUSH(i);
			if (b == '\r') {
				/* drop the CR of CRLF (the LF is copied later); a lone CR becomes LF */
				if (!(i + 1 < n && s[i + 1] == '\n') && buf_addch(out, '\n') < 0)
					return -1;
				vn_report_add(rep, "crlf-to-lf");
			} else {
				vn_report_add(rep, "control-chars-removed");
			}
			copied = boundary = ++i;
			continue;
		}
		len = vn_utf8_next(s + i, n - i, &cp);
		if (b < 0xCC && !(b == 0xC2 && (flags & (F_CONTROL | F_NBSP))) &&
		    !((b == 0xC3 || b == 0xC6) && (flags & F_REPAIR))) {
			boundary = i;
			i += len;
			continue;
		}
		if ((cp == 0xF0 || cp == 0xD0 || cp == 0x189) && (flags & F_REPAIR)) {
			/* Vietnamese đ starts a syllable; Icelandic ð never starts a word */
			if (!letter_before(s, 0, i) && !(i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')) {
				FLUSH(i);
				if (buf_addcp(out, cp == 0xF0 ? 0x111 : 0x110) < 0)
					return -1;
				vn_report_add(rep, "eth-to-dstroke");
				copied = i + len;
			}
			boundary = i;
			i += len;
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9F && (flags & F_CONTROL)) {
			FLUSH(i);
			vn_report_add(rep, "control-chars-removed");
			copied = boundary = i + len;
			i += len;
			continue;
		}
		if (cp == 0xA0 && (flags & F_NBSP)) {
			FLUSH(i);
			if (buf_addch(out, ' ') < 0)
				return -1;
			vn_report_add(rep, "nbsp-to-space");
			copied = i + len;
			boundary = i;
			i += len;
			continue;
		}
		if (cp_safe(cp)) {
			boundary = i;
			i += len;
			continue;
		}
		{
			/* a span that needs utf8proc: from the last safe starter to the next one */
			size_t start = boundary > copied ? boundary : copied;
			size_t end = i, count = 0, npre = 0;
			int changed = 0, glue = 0;
			char prefix[8];

			while (end < n && count < SPAN_MAX) {
				uint32_t c2;
				size_t l2;
				if ((flags & F_REPAIR) && end > i && space_mark_at(s, n, end)) {
					glue = 1;
					end += space_mark_at(s, n, end);
					continue;
				}
				l2 = vn_utf8_next(s + end, n - end, &c2);
				if (end > i && (c2 < 0x80 || cp_safe(c2)))
					break;
				if ((c2 == 0x340 || c2 == 0x341) && (flags & F_REPAIR))
					vn_report_add(rep, "tone-mark-variants");
				end += l2;
				count++;
			}
			FLUSH(start);
			if (start == i ||
			    ((flags & F_REPAIR) &&
			     ((i - start == 1 && s[start] == ' ') ||
			      (i - start == 2 && s[start] == '\xC2' && s[start + 1] == '\xA0')) &&
			     vn_marks_at(s, n, i))) {
				/* nothing in s to attach the marks to: the letter went to the output
				 * already (its span ended, or control characters were removed in
				 * between); take it back. With a space in between ("Viê ̣t", PDF
				 * extraction debris) glue the marks to the letter before the space */
				size_t L, sp = 0, lp;
				uint32_t lc;
				FLUSH(i);
				L = out->len;
				if ((flags & F_REPAIR) && vn_marks_at(s, n, i))
					sp = L > out_base && out->ptr[L - 1] == ' ' ? 1
					     : L > out_base + 1 && out->ptr[L - 2] == '\xC2' && out->ptr[L - 1] == '\xA0' ? 2 : 0;
				if (L - sp > out_base) {
					lp = prev_char(out->ptr, out_base, L - sp);
					vn_utf8_next(out->ptr + lp, L - sp - lp, &lc);
					if ((!sp || is_letter(lc)) && lc != '\n' && L - sp - lp <= sizeof prefix) {
						npre = L - sp - lp;
						memcpy(prefix, out->ptr + lp, npre);
						buf_truncate(out, lp);
						glue = sp > 0;
					}
				}
				start = i;
			}
			if (glue)
				vn_report_add(rep, "space-before-mark");
			if (nfc_span(prefix, npre, s, start, end, glue, out, &changed) < 0)
				return -1;
			if (changed)
				vn_report_add(rep, "nfd-to-nfc");
			copied = i = end;
			boundary = end;
		}
	}
	FLUSH(n);
#undef FLUSH
	if (!out->ptr && buf_add(out, "", 0) < 0)
		return -1;
	return 0;
}

int vn_nfc(const char *s, size_t n, struct buf *out, int repair, struct vn_report *rep)
{
	return nfc_run(s, n, out, repair ? F_REPAIR : 0, rep);
}

int vn_is_clean_nfc(const char *s, size_t n)
{
	struct buf tmp = BUF_INIT;
	struct vn_report rep = { VN_ENC_UTF8, { NULL }, 0 };
	size_t i = 0;
	int clean;

	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		uint32_t cp;
		size_t len;
		if (b < 0x80) {
			i++;
			continue;
		}
		len = vn_utf8_next(s + i, n - i, &cp);
		if (cp == 0xFFFD && len == 1)
			return 0;
		if (cp == 0xF0 || cp == 0xD0 || cp == 0x189 || !cp_safe(cp))
			break;
		i += len;
	}
	if (i >= n)
		return 1;
	/* something to look at: normalize and see whether anything changed */
	buf_init(&tmp, 0);
	clean = vn_nfc(s, n, &tmp, 1, &rep) == 0 && rep.nrepairs == 0;
	buf_release(&tmp);
	return clean;
}

/* Binary data: any NUL byte, or many control bytes in the first 64 KiB. */
static int looks_binary(const char *s, size_t n)
{
	size_t m = n < 65536 ? n : 65536, ctl = 0;

	if (memchr(s, '\0', n))
		return 1;
	for (size_t i = 0; i < m; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A)
			ctl++;
	}
	return ctl >= 4 && ctl * 20 > m; /* over 5% */
}

int vn_normalize_chunk(enum vn_encoding enc, int as_text, const char *in, size_t n, size_t base_off,
		       struct buf *out, struct vn_report *rep, struct dd_error *err)
{
	struct buf tmp = BUF_INIT;
	const unsigned flags = F_REPAIR | F_CRLF | F_CONTROL | F_NBSP;
	size_t bad;
	int rc = -1;

	if (memchr(in, '\0', n)) {
		size_t off = (size_t)((const char *)memchr(in, '\0', n) - in);
		return dd_error_code(err, DD_ERR_DATA, "binary data (NUL byte at byte %zu)", base_off + off);
	}
	if (as_text || enc == VN_ENC_UTF8 || enc == VN_ENC_ASCII) {
		if (vn_utf8_validate(in, n, &bad) < 0)
			return dd_error_code(err, DD_ERR_DATA, "invalid UTF-8 at byte %zu", base_off + bad);
	}
	if (enc == VN_ENC_UTF8 || enc == VN_ENC_ASCII) {
		if (nfc_run(in, n, out, flags, rep) < 0)
			return dd_error_code(err, DD_ERR_DATA, "text too large (limit %zu bytes)", out->max);
		return 0;
	}
	buf_init(&tmp, out->max ? out->max : 0);
	if ((as_text ? vn_decode_text(enc, in, n, &tmp) : vn_decode(enc, in, n, &tmp)) < 0) {
		dd_error_code(err, DD_ERR_DATA, "text too large (limit %zu bytes)", out->max);
		goto out;
	}
	if (nfc_run(buf_str(&tmp), tmp.len, out, flags, rep) < 0) {
		dd_error_code(err, DD_ERR_DATA, "text too large (limit %zu bytes)", out->max);
		goto out;
	}
	rc = 0;
out:
	buf_release(&tmp);
	return rc;
}

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

size_t vn_chunk_boundary(const char *s, size_t n)
{
	size_t i;

	/* prefer the last line break */
	for (i = n; i > 0; i--)
		if (s[i - 1] == '\n')
			return i;
	/* else a word start: before an ASCII letter or digit nothing composes or attaches
	 * backwards in any supported encoding */
	for (i = n - (n > 0); i > 0; i--)
		if (s[i - 1] == ' ' && ascii_alnum((unsigned char)s[i]))
			return i;
	for (i = n - (n > 0); i > 0; i--)
		if (ascii_alnum((unsigned char)s[i]))
			return i;
	return n;
}

const char *vn_repair_for(enum vn_encoding e)
{
	switch (e) {
	case VN_ENC_UTF16: return "utf16-to-utf8";
	case VN_ENC_TCVN3: return "tcvn3-to-unicode";
	case VN_ENC_VNI: return "vni-to-unicode";
	case VN_ENC_VIQR: return "viqr-to-unicode";
	case VN_ENC_CP1258: return "cp1258-to-unicode";
	case VN_ENC_MOJIBAKE: return "mojibake-repaired";
	default: return NULL;
	}
}

/* Classes for clean_utf8: bit 0 the character may stand in clean text, bit 1 it may start a
 * Windows-1252 reading of UTF-8 (U+00C2..U+00F4), bit 2 Windows-1252 cannot hold it (a
 * Vietnamese letter). Index: the code point below U+0800, or U+1E00..U+1EFF at 0x800+. */
enum { CL_OK = 1, CL_HI = 2, CL_VN = 4 };
static unsigned char clean_class[0x900];
static unsigned char clean_ascii[256]; /* 1 for an ASCII byte clean text may have */
static pthread_once_t clean_once = PTHREAD_ONCE_INIT;
#if defined(__SSE2__) && defined(__x86_64__) && defined(__GNUC__)
#define CLEAN_AVX2 1
/* Set once by clean_class_build: the CPU has AVX2, so clean_utf8 takes 32 bytes at a time
 * where it can (the build itself assumes only SSE2, the x86-64 baseline) */
static int clean_avx2;
static int clean_avx2_off; /* vn_clean_utf8_avx2(0), for tests */
#endif

void vn_clean_utf8_avx2(int on)
{
#if defined(CLEAN_AVX2)
	clean_avx2_off = !on;
#else
	(void)on;
#endif
}

static void clean_class_build(void)
{
#if defined(CLEAN_AVX2)
	__builtin_cpu_init();
	clean_avx2 = __builtin_cpu_supports("avx2");
#endif
	for (uint32_t cp = 0; cp < 0x900; cp++) {
		uint32_t c = cp < 0x800 ? cp : cp - 0x800 + 0x1E00;
		unsigned char k = 0;
		if (c < 0x80)
			k = (c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\f' ? CL_OK : 0;
		else if (!(c <= 0xA0 || c == 0xF0 || c == 0xD0 || c == 0x189) && cp_safe(c))
			k = CL_OK;
		if (k && c >= 0xC2 && c <= 0xF4)
			k |= CL_HI;
		if (k && ((c >= 0x1EA0 && c <= 0x1EF9) || c == 0x102 || c == 0x103 || c == 0x110 ||
			  c == 0x111 || c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0))
			k |= CL_VN;
		clean_class[cp] = k;
		if (cp < 0x80)
			clean_ascii[cp] = k;
	}
}

/* Fast path for the common case: valid UTF-8 that is already NFC with nothing to repair
 * and that every detector would call UTF-8. 1 when s[0..n) is such text: no NUL or control
 * bytes but tab, LF and FF, no CR, no C1 controls, NBSP or ð/Ð/Ɖ, every character safe
 * under NFC, no Windows-1252 reading of a UTF-8 sequence (a letter U+00C2..U+00F4 directly
 * followed by a character up to U+2122), and a Vietnamese letter that Windows-1252 cannot
 * hold early enough that the legacy-text check stops at it. Pure ASCII is left to the
 * detectors (it may be VIQR). Conservative: 0 only means "take the full pipeline".
 * This is the byte-by-byte loop, from s[i] (a character start, the character there not
 * following a CL_HI one) with vn_seen so far; clean_utf8 runs the most of s 16 bytes at a
 * time and this loop on the rest. */
static int clean_utf8_from(const unsigned char *s, size_t i, size_t n, int vn_seen)
{
	unsigned prev_hi = 0; /* the previous character may start a mojibake sequence */

	while (i < n) {
		unsigned char b = s[i], k;
		uint32_t cp;

		if (b < 0x80) {
			if (!clean_ascii[b])
				return 0;
			i++;
			while (i < n && clean_ascii[s[i]])
				i++;
			prev_hi = 0;
			continue;
		}
		if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			cp = ((uint32_t)(b & 0x1F) << 6) | (s[i + 1] & 0x3F);
			k = clean_class[cp];
			i += 2;
		} else if (b >= 0xE0 && b < 0xF0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
			   (s[i + 2] & 0xC0) == 0x80) {
			cp = ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
			if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
				return 0;
			if (cp >= 0x1E00 && cp <= 0x1EFF)
				k = clean_class[cp - 0x1E00 + 0x800];
			else
				k = cp != 0xFFFD && cp_safe(cp) ? CL_OK : 0;
			i += 3;
		} else {
			return 0; /* invalid, or a 4-byte sequence: let the full pipeline decide */
		}
		if (!(k & CL_OK) || (prev_hi && cp <= 0x2122))
			return 0;
		prev_hi = k & CL_HI;
		if ((k & CL_VN) && i + 4 < 65536)
			vn_seen = 1;
	}
	return vn_seen;
}

int vn_clean_utf8_plain(const char *s, size_t n)
{
	pthread_once(&clean_once, clean_class_build);
	return clean_utf8_from((const unsigned char *)s, 0, n, 0);
}

#if defined(__SSE2__)
/* The character that starts with the byte >= 0x80 at s[j] (6 bytes readable from j): its
 * clean_class (CL_OK set) and *end, or 0 when clean_utf8_from would give up on it, also
 * when it may start a Windows-1252 reading and a character up to U+2122 (E2 84 A2) or
 * something invalid (which fails anyway) follows. */
static inline unsigned clean_char(const unsigned char *s, size_t j, size_t *end)
{
	unsigned b = s[j], c1 = s[j + 1], k;
	uint32_t cp;
	size_t e;

	if (b - 0xC2 < 0xE0 - 0xC2) {
		if ((c1 & 0xC0) != 0x80)
			return 0;
		cp = ((b & 0x1Fu) << 6) | (c1 & 0x3F);
		k = clean_class[cp];
		e = j + 2;
	} else if (b - 0xE0 < 0x10) {
		unsigned c2 = s[j + 2];
		if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80)
			return 0;
		cp = ((b & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3F);
		if (cp - 0x1E00 < 0x100)
			k = clean_class[cp - 0x1E00 + 0x800];
		else if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		else
			k = cp != 0xFFFD && cp_safe(cp) ? CL_OK : 0;
		e = j + 3;
	} else {
		return 0;
	}
	if (!(k & CL_OK))
		return 0;
	if (k & CL_HI) {
		unsigned b2 = s[e];
		if (b2 >= 0x80 && (b2 < 0xE2 || (b2 == 0xE2 && (s[e + 1] < 0x84 ||
				  (s[e + 1] == 0x84 && s[e + 2] <= 0xA2)))))
			return 0;
	}
	*end = e;
	return k;
}

/* Bytes of x in lo..hi (unsigned): 0xFF, else 0. */
static inline __m128i bytes_in(__m128i x, unsigned char lo, unsigned char hi)
{
	__m128i d = _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8((char)lo)), _mm_set1_epi8((char)(hi - lo)));
	return _mm_cmpeq_epi8(d, _mm_setzero_si128());
}

static inline __m128i bytes_eq(__m128i x, unsigned char c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c));
}

/* 0 when a byte below 0x20 or DEL in a block (bits in mask) is not tab, LF or FF. */
static inline int controls_ok(const unsigned char *s, unsigned mask)
{
	for (; mask; mask &= mask - 1)
		if (!clean_ascii[s[__builtin_ctz(mask)]])
			return 0;
	return 1;
}

#if defined(CLEAN_AVX2)
/* clean_utf8's second loop (see there) on 32 bytes at a time, from *pi while a character
 * that starts in a block and the three bytes after it are in s; *pi and *pcarry are where
 * it stopped. 0: not clean. */
__attribute__((target("avx2"))) static int clean_blocks32(const unsigned char *s, size_t n, size_t *pi,
							 unsigned *pcarry)
{
	const __m256i zero = _mm256_setzero_si256();
	size_t i = *pi;
	uint64_t carry = *pcarry;
	__m256i k_space = _mm256_set1_epi8(0x20), k_del = _mm256_set1_epi8(0x7E),
		k_c0 = _mm256_set1_epi8((char)0xC0), k_df = _mm256_set1_epi8((char)0xDF),
		k_c3 = _mm256_set1_epi8((char)0xC3), k_c6 = _mm256_set1_epi8((char)0xC6),
		k_e1 = _mm256_set1_epi8((char)0xE1), k_x90 = _mm256_set1_epi8((char)0x90),
		k_x89 = _mm256_set1_epi8((char)0x89), k_xdf = _mm256_set1_epi8((char)0xDF),
		k_xfc = _mm256_set1_epi8((char)0xFC), k_xb8 = _mm256_set1_epi8((char)0xB8),
		k_8 = _mm256_set1_epi8(0xCB - 0xC3);
	/* hide their values: GCC would build each constant again in the loop (too few
	 * registers; ~36 instructions a block); unknown, they stay in memory and the
	 * compares take them from there */
	__asm__("" : "+m"(k_space), "+m"(k_del), "+m"(k_c0), "+m"(k_df), "+m"(k_c3), "+m"(k_c6), "+m"(k_e1));
	__asm__("" : "+m"(k_x90), "+m"(k_x89), "+m"(k_xdf), "+m"(k_xfc), "+m"(k_xb8), "+m"(k_8));

	for (; i + 40 <= n; i += 32) {
		__m256i x0 = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		__m256i x1 = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 1));
		__m256i x2 = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 2));
		unsigned hi = (unsigned)_mm256_movemask_epi8(x0);
		unsigned ctl = (unsigned)_mm256_movemask_epi8(
			_mm256_or_si256(_mm256_cmpgt_epi8(k_space, x0), _mm256_cmpgt_epi8(x0, k_del)));

		if (!controls_ok(s + i, ctl & ~hi))
			return 0;
		if (!(hi | carry))
			continue;
		unsigned cont = (unsigned)_mm256_movemask_epi8(_mm256_cmpgt_epi8(k_c0, x0));
		unsigned lead = hi & ~cont;
		unsigned lead3 = lead & (unsigned)_mm256_movemask_epi8(_mm256_cmpgt_epi8(x0, k_df));
		uint64_t want = ((uint64_t)lead << 1) | ((uint64_t)lead3 << 2) | carry;
		if ((uint32_t)want != cont)
			return 0;
		carry = want >> 32;
		__m256i c3 = _mm256_cmpeq_epi8(x0, k_c3);
		__m256i bad2 = _mm256_or_si256(
			_mm256_and_si256(c3, _mm256_cmpeq_epi8(_mm256_and_si256(x1, k_xdf), k_x90)),
			_mm256_and_si256(_mm256_cmpeq_epi8(x0, k_c6), _mm256_cmpeq_epi8(x1, k_x89)));
		__m256i in2 = _mm256_cmpeq_epi8(_mm256_subs_epu8(_mm256_sub_epi8(x0, k_c3), k_8), zero);
		__m256i quick = _mm256_or_si256(
			_mm256_andnot_si256(bad2, in2),
			_mm256_and_si256(_mm256_cmpeq_epi8(x0, k_e1), _mm256_cmpeq_epi8(_mm256_and_si256(x1, k_xfc), k_xb8)));
		__m256i hi_next = _mm256_and_si256(c3, _mm256_cmpgt_epi8(zero, x2));
		unsigned slow = lead & ~(unsigned)_mm256_movemask_epi8(_mm256_andnot_si256(hi_next, quick));
		for (; slow; slow &= slow - 1) {
			size_t e;
			if (!clean_char(s, i + (size_t)__builtin_ctz(slow), &e))
				return 0;
		}
	}
	*pi = i;
	*pcarry = (unsigned)carry;
	return 1;
}
#endif
#endif

/* clean_utf8_from's answer. Nothing in it depends on where a byte is but vn_seen, so with
 * SSE2 the control bytes of 16 bytes are tested at once. Until the first Vietnamese letter
 * the characters that are not ASCII are looked at one by one (clean_char); after it, where
 * vn_seen can no longer change, the UTF-8 structure of a block is checked on masks (every
 * continuation byte where a lead byte wants one, and nowhere else) and the letters
 * Vietnamese is written with (U+00C3..U+02FF, U+1E00..U+1EFF) are known clean from their
 * bytes; only other characters, and a letter that may start a Windows-1252 reading
 * followed by one that is not ASCII, go one by one. (A run of ASCII between Vietnamese
 * letters is ~4 bytes: too short for a loop over it to pay.) 11.7 -> 5.0 instructions a
 * byte, 2.4 with AVX2 (32 bytes at a time: clean_blocks32). */
static int clean_utf8(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	int vn_seen = 0;

	pthread_once(&clean_once, clean_class_build);
#if defined(__SSE2__)
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7E);
	unsigned carry = 0; /* continuation bytes the last block's characters want in this one */

	/* bytes below 0x20 (bytes >= 0x80 too: signed compare; ~hi leaves them out) and DEL;
	 * most blocks have none, a few a line break */
#define CONTROL_BYTES(x, hi)                                                                   \
	((unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpgt_epi8(x, del))) & ~(hi))

	/* 16 bytes at a time while a character that starts in them and the three bytes after
	 * it are in s; until the first Vietnamese letter, character by character */
	while (!vn_seen && i + 24 <= n) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned hi = (unsigned)_mm_movemask_epi8(x);
		size_t next = i + 16;

		if (!controls_ok(s + i, CONTROL_BYTES(x, hi)))
			return 0;
		while (hi) {
			size_t j = i + (size_t)__builtin_ctz(hi), e = 0;
			unsigned k = clean_char(s, j, &e);
			if (!k)
				return 0;
			if ((k & CL_VN) && e + 4 < 65536)
				vn_seen = 1;
			hi &= ~0u << (e - i); /* e - i <= 18: its bytes are done */
			if (e > next)
				next = e; /* it went on into the next block */
		}
		i = next;
	}
#if defined(CLEAN_AVX2)
	if (clean_avx2 && !clean_avx2_off && !clean_blocks32(s, n, &i, &carry))
		return 0;
#endif
	while (i + 24 <= n) {
		__m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
		__m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
		unsigned hi = (unsigned)_mm_movemask_epi8(x0);

		if (!controls_ok(s + i, CONTROL_BYTES(x0, hi)))
			return 0;
		if (hi | carry) {
			/* 0x80..0xBF, signed below (char)0xC0 */
			unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x0, _mm_set1_epi8((char)0xC0)));
			unsigned lead = hi & ~cont;
			unsigned lead3 = lead & (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x0, _mm_set1_epi8((char)0xDF)));
			unsigned want = (lead << 1) | (lead3 << 2) | carry;
			if ((want & 0xFFFF) != cont)
				return 0;
			carry = want >> 16;
			/* U+00C3..U+02FF but Ð, ð, Ɖ; U+1E00..U+1EFF (E1 B8..BB); not a U+00C0..U+00FF
			 * followed by a byte >= 0x80 (among them the letters that may start a
			 * Windows-1252 reading; Vietnamese has hardly any such pair) */
			__m128i c3 = bytes_eq(x0, 0xC3);
			__m128i bad2 = _mm_or_si128(
				_mm_and_si128(c3, bytes_eq(_mm_and_si128(x1, _mm_set1_epi8((char)0xDF)), 0x90)),
				_mm_and_si128(bytes_eq(x0, 0xC6), bytes_eq(x1, 0x89)));
			__m128i quick = _mm_or_si128(
				_mm_andnot_si128(bad2, bytes_in(x0, 0xC3, 0xCB)),
				_mm_and_si128(bytes_eq(x0, 0xE1), bytes_eq(_mm_and_si128(x1, _mm_set1_epi8((char)0xFC)), 0xB8)));
			__m128i hi_next = _mm_and_si128(c3, _mm_cmplt_epi8(x2, _mm_setzero_si128()));
			unsigned slow = lead & ~(unsigned)_mm_movemask_epi8(_mm_andnot_si128(hi_next, quick));
			while (slow) {
				size_t e;
				if (!clean_char(s, i + (size_t)__builtin_ctz(slow), &e))
					return 0;
				slow &= slow - 1;
			}
		}
		i += 16;
	}
#undef CONTROL_BYTES
	if (carry) {
		/* the last character's continuation bytes, the only ones, as carry is 1 or 3 */
		if ((s[i] & 0xC0) != 0x80 || (carry == 3 && (s[i + 1] & 0xC0) != 0x80))
			return 0;
		i += carry == 3 ? 2 : 1;
	}
#endif
	return clean_utf8_from(s, i, n, vn_seen);
}

int vn_normalize(const char *in, size_t n, struct buf *out, struct vn_report *rep,
		 struct dd_error *err)
{
	struct buf tmp = BUF_INIT;
	enum vn_encoding enc;
	int rc = -1, as_text = 0;
	size_t bad = 0;

	if (rep) {
		rep->encoding = VN_ENC_UNKNOWN;
		rep->nrepairs = 0;
	}
	if (n == 0)
		return dd_error_code(err, DD_ERR_DATA, "empty input");
	if (vn_utf16_bom(in, n)) {
		buf_init(&tmp, out->max && out->max < SIZE_MAX / 4 ? out->max * 2 : 0);
		if (vn_utf16_to_utf8(in, n, &tmp, err) < 0)
			goto out;
		if (rep)
			rep->encoding = VN_ENC_UTF16;
		vn_report_add(rep, "bom-removed");
		vn_report_add(rep, "utf16-to-utf8");
		if (tmp.len == 0) {
			dd_error_code(err, DD_ERR_DATA, "empty input");
			goto out;
		}
		rc = vn_normalize_chunk(VN_ENC_UTF8, 0, tmp.ptr, tmp.len, 0, out, rep, err);
		goto out;
	}
	if (n >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		in += 3;
		n -= 3;
		vn_report_add(rep, "bom-removed");
		if (n == 0)
			return dd_error_code(err, DD_ERR_DATA, "empty input");
	}
	if (clean_utf8(in, n)) {
		/* what the full pipeline would do to such text: nothing */
		if (rep)
			rep->encoding = VN_ENC_UTF8;
		if (buf_add(out, in, n) < 0)
			return dd_error_code(err, DD_ERR_DATA, "text too large (limit %zu bytes)", out->max);
		return 0;
	}
	if (looks_binary(in, n))
		return dd_error_code(err, DD_ERR_DATA, "binary data, not text");
	enc = vn_detect_encoding(in, n);
	if (enc == VN_ENC_UNKNOWN) {
		vn_utf8_validate(in, n, &bad);
		return dd_error_code(err, DD_ERR_DATA, "invalid UTF-8 at byte %zu", bad);
	}
	if (enc == VN_ENC_UTF8 && (enc = vn_detect_legacy_text(in, n)) != VN_ENC_UTF8)
		as_text = 1; /* legacy bytes that were once read as Windows-1252 */
	if (rep)
		rep->encoding = enc;
	if (vn_repair_for(enc))
		vn_report_add(rep, vn_repair_for(enc));
	rc = vn_normalize_chunk(enc, as_text, in, n, 0, out, rep, err);
out:
	buf_release(&tmp);
	return rc;
}

int vn_looks_binary(const char *s, size_t n)
{
	return looks_binary(s, n);
}

int vn_clean_utf8(const char *s, size_t n)
{
	return clean_utf8(s, n);
}
