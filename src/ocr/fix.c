/* fix.c - safe repairs of typical OCR damage in one recognised line (digits, debris, hyphens) */
#include "ocr.h"

#include <stdint.h>
#include <string.h>

#include "util/buf.h"
#include "vn/utf8.h"

#define TOKEN_MAX 256 /* code points; longer tokens are copied as they are */

enum cls { C_OTHER, C_DIGIT, C_LOOKALIKE, C_SEP };

static int is_letter(unsigned cp);

/* The digit a character is commonly misread for, or -1. */
static int lookalike_digit(unsigned cp)
{
	switch (cp) {
	case 'O': case 'o': case 0xD8: /* Ø */ case 0xF8: /* ø */ case 0x2205: /* ∅ */
		return '0';
	case 'l': case 'I': case '|':
		return '1';
	default:
		return -1;
	}
}

static enum cls classify(unsigned cp)
{
	if (cp >= '0' && cp <= '9')
		return C_DIGIT;
	if (lookalike_digit(cp) >= 0)
		return C_LOOKALIKE;
	if (cp == '/' || cp == '.' || cp == '-' || cp == ':' || cp == ',' || cp == ')' || cp == '(')
		return C_SEP;
	return C_OTHER;
}

/* Decode s[0..n) into cps (at most max); the count, or -1 when invalid or too long. */
static long decode(const char *s, size_t n, unsigned *cps, size_t max)
{
	size_t i = 0, k = 0;

	while (i < n) {
		uint32_t cp;
		size_t len = vn_utf8_next(s + i, n - i, &cp);
		if (cp == 0xFFFD || k >= max)
			return -1;
		cps[k++] = cp;
		i += len;
	}
	return (long)k;
}

/* Inside a run of digits and look-alikes bounded by separators or the token's ends, with at
 * least one real digit, the look-alikes become digits: "2Ø25" -> "2025", "O8/TB" -> "08/TB". */
static void fix_digit_runs(unsigned *cps, size_t n, int date_ctx)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i;
		int digits = 0;
		enum cls c = classify(cps[i]);
		if (c != C_DIGIT && c != C_LOOKALIKE) {
			i++;
			continue;
		}
		while (j < n && ((c = classify(cps[j])) == C_DIGIT || c == C_LOOKALIKE)) {
			digits += c == C_DIGIT;
			j++;
		}
		/* the run must stand alone: letters around it mean a word ("Sở", "lO" in text) */
		if ((digits || (date_ctx && i == 0 && j == n && n <= 4)) && (i == 0 || classify(cps[i - 1]) == C_SEP) &&
		    (j == n || classify(cps[j]) == C_SEP)) {
			for (size_t k = i; k < j; k++)
				if (classify(cps[k]) == C_LOOKALIKE)
					cps[k] = (unsigned)lookalike_digit(cps[k]);
		}
		i = j;
	}
}

static int is_speck(unsigned cp)
{
	return cp == '\'' || cp == '`' || cp == ',' || cp == '.' || cp == 0x2018 || cp == 0x2019 ||
	       cp == 0x201A || cp == 0xB4;
}

/* Latin letters, Vietnamese included. */
static int is_letter(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

/* "II/⁄2021": a fraction slash is a slash, and a doubled slash (not after ':') one slash.
 * Returns the new length. */
static size_t fix_slashes(unsigned *cps, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned cp = cps[i] == 0x2044 || cps[i] == 0x2215 ? '/' : cps[i];
		if (cp == '/' && k > 0 && cps[k - 1] == '/' && !(k > 1 && cps[k - 2] == ':'))
			continue;
		cps[k++] = cp;
	}
	return k;
}

static int is_debris(const unsigned *cps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cps[i] != '|' && cps[i] != '_' && cps[i] != '~' && cps[i] != 0x2014 && cps[i] != '`' &&
		    cps[i] != 0xA6)
			return 0;
	return 1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Where a date word and a number run together ("04tháng", "ngày04"), the offset to put a
 * space at, or 0. */
static size_t glued_date_word(const char *s, size_t n)
{
	static const char *const words[] = {"ngày", "tháng", "năm"};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t k = strlen(words[i]);
		if (n > k && memcmp(s, words[i], k) == 0 &&
		    (is_digit(s[k]) || strchr("{}[]()|.,;:_'\"", s[k])))
			return k;
		if (n > k && memcmp(s + n - k, words[i], k) == 0 && is_digit(s[n - k - 1]))
			return n - k;
	}
	return 0;
}

static int fix_tokens(const char *s, size_t n, struct buf *out);

static int is_upper_start(const char *s)
{
	uint32_t cp;

	if (!*s)
		return 0;
	vn_utf8_next(s, strlen(s), &cp);
	return is_letter(cp) && !((cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF) ||
				  cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169 || cp == 0x1A1 ||
				  cp == 0x1B0 || (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1)));
}

/* A letter of the Vietnamese alphabet (with its marks). */
static int is_vn_letter(uint32_t cp)
{
	static const char latin1[] = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";
	static const uint32_t more[] = {0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0};

	if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0x1EA0 && cp <= 0x1EF9))
		return 1;
	for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		if (cp == more[i])
			return 1;
	if (cp >= 0xC0 && cp <= 0xFF) {
		for (size_t i = 0; latin1[i];) {
			uint32_t c;
			i += vn_utf8_next(latin1 + i, sizeof(latin1) - 1 - i, &c);
			if (c == cp)
				return 1;
		}
	}
	return 0;
}

/* "\\Œ việc ...": the bold "Về" of the subject line read as one to three marks that are no
 * Vietnamese letters or digits, before "việc". */
static int junk_ve(const char *s, size_t n)
{
	size_t i = 0, cps = 0;

	while (i < n) {
		uint32_t cp;
		i += vn_utf8_next(s + i, n - i, &cp);
		if (is_vn_letter(cp) || (cp >= '0' && cp <= '9'))
			return 0;
		cps++;
	}
	return cps >= 1 && cps <= 3;
}

/* Put word in place of b's first word, whose end is sp (the space after it). */
static void replace_first_word(struct buf *b, const char *sp, const char *word)
{
	struct buf t;

	buf_init(&t, b->max);
	buf_addstr(&t, word);
	buf_addstr(&t, sp);
	buf_reset(b);
	buf_add(b, t.ptr, t.len);
	buf_release(&t);
}

/* The start of a line: "bói nhận:" (the italic N of "Nơi nhận:" misread) is "Nơi nhận:",
 * marks before "việc" are "Về" ("\\Œ việc" for "Về việc", the subject's opening), and an item
 * number read with a comma or an underscore ("2, Tiếp tục", "5_ Yêu cầu") has its full stop
 * back. */
static void fix_line_start(struct buf *b)
{
	const char *s = buf_str(b);
	const char *sp = strchr(s, ' ');
	size_t d = 0;

	if (sp && sp > s && strncmp(sp + 1, "việc ", strlen("việc ")) == 0 && junk_ve(s, (size_t)(sp - s))) {
		replace_first_word(b, sp, "Về");
		return;
	}
	if (sp && sp - s <= 6 && sp > s && strncmp(sp + 1, "nhận:", strlen("nhận:")) == 0 &&
	    strncmp(s, "Nơi", strlen("Nơi")) != 0) {
		replace_first_word(b, sp, "Nơi");
		return;
	}
	while (d < 2 && is_digit(s[d]))
		d++;
	if (d && (s[d] == ',' || s[d] == '_') && s[d + 1] == ' ' && is_upper_start(s + d + 2))
		b->ptr[d] = '.';
}

static int is_date_word(const char *s, size_t n)
{
	return (n == strlen("ngày") && memcmp(s, "ngày", n) == 0) ||
	       (n == strlen("tháng") && memcmp(s, "tháng", n) == 0) ||
	       (n == strlen("năm") && memcmp(s, "năm", n) == 0);
}

/* Words of the official header and signature formats that OCR of bold capitals often gives
 * without their marks. Capitals without marks are never right in these documents, so in a
 * line of capitals the marks are put back; pairs first, as "PHO" is PHÓ alone but PHỐ after
 * THÀNH. Nothing else is touched. */
static const struct {
	const char *from, *to;
} caps_words[] = {
	{"THANH PHO", "THÀNH PHỐ"}, {"UY BAN", "ỦY BAN"},     {"NHAN DAN", "NHÂN DÂN"},
	{"CHU TICH", "CHỦ TỊCH"},   {"VAN PHONG", "VĂN PHÒNG"}, {"CONG HOA", "CỘNG HÒA"},
	{"XA HOI", "XÃ HỘI"},       {"CHU NGHIA", "CHỦ NGHĨA"}, {"VIET NAM", "VIỆT NAM"},
	{"THONG BAO", "THÔNG BÁO"}, {"KET LUAN", "KẾT LUẬN"},   {"QUYET DINH", "QUYẾT ĐỊNH"},
	{"CHI THI", "CHỈ THỊ"},     {"KE HOACH", "KẾ HOẠCH"},   {"HOI DONG", "HỘI ĐỒNG"},
	{"THUONG VU", "THƯỜNG VỤ"}, {"THUONG TRUC", "THƯỜNG TRỰC"}, {"TINH UY", "TỈNH ỦY"},
	{"THANH UY", "THÀNH ỦY"},   {"DANG UY", "ĐẢNG ỦY"},     {"CONG SAN", "CỘNG SẢN"},
	{"TINH", "TỈNH"},           {"HUYEN", "HUYỆN"},         {"PHO", "PHÓ"},
	{"CHANH", "CHÁNH"},         {"DANG", "ĐẢNG"},           {"TICH", "TỊCH"},
	{"TO TRINH", "TỜ TRÌNH"},   {"BAO CAO", "BÁO CÁO"},     {"NGHI QUYET", "NGHỊ QUYẾT"},
	/* the space lost between the two words of a title */
	{"TỜTRÌNH", "TỜ TRÌNH"},    {"THÔNGBÁO", "THÔNG BÁO"},   {"KẾTLUẬN", "KẾT LUẬN"},
	{"QUYẾTĐỊNH", "QUYẾT ĐỊNH"}, {"CHỈTHỊ", "CHỈ THỊ"},     {"KẾHOẠCH", "KẾ HOẠCH"},
	{"BÁOCÁO", "BÁO CÁO"},      {"NGHỊQUYẾT", "NGHỊ QUYẾT"},
};

/* Nonzero when s has letters and none of them is lower case. */
static int all_caps(const char *s, size_t n)
{
	size_t letters = 0;

	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += vn_utf8_next(s + i, n - i, &cp);
		if (!is_letter(cp))
			continue;
		letters++;
		if ((cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
		    cp == 0x103 || cp == 0x111 || cp == 0x129 || cp == 0x169 || cp == 0x1A1 || cp == 0x1B0 ||
		    (cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1)))
			return 0;
	}
	return letters >= 2;
}

/* Length of word w (up to a space or the end). */
static size_t word_len(const char *w)
{
	const char *sp = strchr(w, ' ');

	return sp ? (size_t)(sp - w) : strlen(w);
}

/* The table entry whose words start s (whole words, each either without marks or already
 * right, at least one without), or -1; *len the bytes matched. */
static int caps_match(const char *s, size_t n, size_t *len)
{
	for (size_t k = 0; k < sizeof(caps_words) / sizeof(caps_words[0]); k++) {
		const char *f = caps_words[k].from, *t = caps_words[k].to;
		size_t i = 0;
		int fixed = 0, ok = 1;
		while (ok) {
			size_t fl = word_len(f), tl = word_len(t);
			if (i + fl <= n && memcmp(s + i, f, fl) == 0) {
				i += fl;
				fixed = 1;
			} else if (i + tl <= n && memcmp(s + i, t, tl) == 0) {
				i += tl;
			} else {
				ok = 0;
				break;
			}
			if (i < n && s[i] != ' ' && s[i] != ',' && s[i] != ';')
				ok = 0;
			if (!f[fl])
				break;
			if (i >= n || s[i] != ' ')
				ok = 0;
			i++;
			f += fl + 1;
			t += tl + 1;
		}
		if (ok && fixed) {
			*len = i;
			return (int)k;
		}
	}
	return -1;
}

static int restore_caps(const char *s, size_t n, struct buf *out)
{
	size_t i = 0;

	/* "TỈNH QUẢNG NGÃI" read "TĨNH ...": at the start of a header line it is TỈNH (the
	 * province HÀ TĨNH never starts one) */
	if (n > strlen("TĨNH ") && memcmp(s, "TĨNH ", strlen("TĨNH ")) == 0) {
		if (buf_addstr(out, "TỈNH") < 0)
			return -1;
		i = strlen("TĨNH");
	}

	while (i < n) {
		size_t len = 0;
		int k = (i == 0 || s[i - 1] == ' ') ? caps_match(s + i, n - i, &len) : -1;
		if (k >= 0) {
			if (buf_addstr(out, caps_words[k].to) < 0)
				return -1;
			i += len;
			continue;
		}
		if (buf_addch(out, s[i++]) < 0)
			return -1;
	}
	return 0;
}

int ocr_fix_line(const char *s, size_t n, struct buf *out)
{
	struct buf tmp;
	size_t i = 0;
	int rc;

	/* first split date words glued to numbers, so that each is a token of its own */
	buf_init(&tmp, 2 * n + 16);
	while (i < n) {
		size_t start = i, cut;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		cut = glued_date_word(s + start, i - start);
		if (cut) {
			buf_add(&tmp, s + start, cut);
			buf_addch(&tmp, ' ');
			buf_add(&tmp, s + start + cut, i - start - cut);
		} else {
			buf_add(&tmp, s + start, i - start);
		}
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			buf_addch(&tmp, s[i++]);
	}
	fix_line_start(&tmp);
	if (!all_caps(buf_str(&tmp), tmp.len)) {
		rc = fix_tokens(buf_str(&tmp), tmp.len, out);
	} else {
		struct buf fixed;
		buf_init(&fixed, out->max);
		rc = fix_tokens(buf_str(&tmp), tmp.len, &fixed);
		if (rc == 0)
			rc = restore_caps(buf_str(&fixed), fixed.len, out);
		buf_release(&fixed);
	}
	buf_release(&tmp);
	return rc;
}

static int fix_tokens(const char *s, size_t n, struct buf *out)
{
	unsigned cps[TOKEN_MAX];
	size_t i = 0;
	int first = 1, glue = 0; /* glue: no space before the next token */
	int date_ctx = 0, next_ctx = 0; /* the token follows "ngày", "tháng" or "năm" */

	while (i < n) {
		size_t start, end;
		long k;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		start = i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		end = i;
		if (start == end)
			break;
		k = decode(s + start, end - start, cps, TOKEN_MAX);
		if (k < 0) {
			/* too long or not UTF-8: as it is */
			if ((!first && !glue && buf_addch(out, ' ') < 0) || buf_add(out, s + start, end - start) < 0)
				return -1;
			first = glue = 0;
			continue;
		}
		if (is_debris(cps, (size_t)k))
			continue;
		date_ctx = next_ctx;
		next_ctx = is_date_word(s + start, end - start);
		/* "Ủ Y BAN": the hook of Ủ read as a word of its own */
		if (k == 1 && cps[0] == 0x1EE6 && i + 1 < n && s[i] == ' ' && s[i + 1] == 'Y') {
			if ((!first && !glue && buf_addch(out, ' ') < 0) || buf_addcp(out, cps[0]) < 0)
				return -1;
			first = 0;
			glue = 1;
			continue;
		}
		{
			size_t a = 0, b = (size_t)k;
			/* a vertical bar glued to a word is a rule line or a scanner edge */
			while (a < b && cps[a] == '|')
				a++;
			while (b > a && cps[b - 1] == '|')
				b--;
			/* a speck before the first word of a line ("'Văn phòng") */
			while (first && a + 1 < b && is_speck(cps[a]) && is_letter(cps[a + 1]))
				a++;
			b = a + fix_slashes(cps + a, b - a);
			fix_digit_runs(cps + a, b - a, date_ctx);
			if (a >= b)
				continue;
			if (!first && !glue && buf_addch(out, ' ') < 0)
				return -1;
			for (size_t m = a; m < b; m++)
				if (buf_addcp(out, cps[m]) < 0)
					return -1;
			first = glue = 0;
		}
	}
	if (!out->ptr && buf_add(out, "", 0) < 0)
		return -1;
	return 0;
}

/* A lower-case letter: ASCII or a Vietnamese lower-case letter (Latin-1 and Latin Extended
 * ranges, where lower case differs from upper case by being the odd/second form). */
static int starts_lower(const char *s)
{
	uint32_t cp;

	if (!*s)
		return 0;
	vn_utf8_next(s, strlen(s), &cp);
	if (cp >= 'a' && cp <= 'z')
		return 1;
	if (cp >= 0xE0 && cp <= 0xFF && cp != 0xF7)
		return 1;
	if (cp == 0x111 || cp == 0x103 || cp == 0x129 || cp == 0x169 || cp == 0x1A1 || cp == 0x1B0)
		return 1;
	return cp >= 0x1EA0 && cp <= 0x1EF9 && (cp & 1);
}

int ocr_is_hyphen_break(const char *prev, const char *next)
{
	size_t n = strlen(prev);
	unsigned char c;

	if (n < 3 || prev[n - 1] != '-' || prev[n - 2] == ' ' || prev[n - 2] == '-')
		return 0;
	c = (unsigned char)prev[n - 2];
	/* a letter before the hyphen (ASCII or the last byte of a multi-byte letter) */
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80))
		return 0;
	return starts_lower(next);
}
