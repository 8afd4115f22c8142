/* text.c - folding Vietnamese text to ASCII search keys (with offset maps) and case helpers */
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#define TAB_MAX 0x2000 /* code points below this are looked up in the tables */

/* Per code point: folded ASCII char (0 = none) and case; the lower-case partner. */
static unsigned char fold_tab[TAB_MAX];
static signed char case_tab[TAB_MAX];
static uint16_t lower_tab[TAB_MAX];
static uint16_t upper_tab[TAB_MAX];
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

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

size_t ex_utf8_next(const char *s, size_t n, uint32_t *cp)
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

int ex_cp_case(uint32_t cp)
{
	tab_init();
	return cp < TAB_MAX ? case_tab[cp] : 0;
}

void ex_fold_init(struct ex_fold *f, const char *s, size_t n)
{
	tab_init();
	f->fold = xmalloc(n + 1);
	f->map = xmalloc((n + 1) * sizeof(uint32_t));
	size_t o = 0, i = 0;
	while (i < n) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			f->fold[o] = (char)fold_tab[b];
			f->map[o++] = (uint32_t)i;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = ex_utf8_next(s + i, n - i, &cp);
		int c = fold_cp(cp);
		if (c) {
			f->fold[o] = (char)c;
			f->map[o++] = (uint32_t)i;
		}
		i += k;
	}
	f->fold[o] = '\0';
	f->map[o] = (uint32_t)n;
	f->flen = o;
}

void ex_fold_release(struct ex_fold *f)
{
	if (!f)
		return;
	free(f->fold);
	free(f->map);
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

int ex_add_clean(struct buf *out, const char *s, size_t n)
{
	size_t start = out->len, i = 0;
	int space = 0;
	if (buf_grow(out, n + 1) < 0)
		return -1;
	while (i < n) {
		char c = s[i];
		if ((c == '*' || c == '_') && i + 1 < n && s[i + 1] == c) {
			i += 2;
			space = 1; /* markup between words acts as a space */
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
			space = 1;
			i++;
			continue;
		}
		if (space && out->len > start && buf_addch(out, ' ') < 0)
			return -1;
		space = 0;
		/* copy the run up to the next space or markup in one go */
		size_t j = i + 1;
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\r' && s[j] != '\n' && s[j] != '\f' &&
		       s[j] != '\v' && !((s[j] == '*' || s[j] == '_') && j + 1 < n && s[j + 1] == s[j]))
			j++;
		if (buf_add(out, s + i, j - i) < 0)
			return -1;
		i = j;
	}
	return 0;
}

void ex_trim(const char *s, size_t *b, size_t *e, const char *chars)
{
	while (*b < *e && (s[*b] == ' ' || strchr(chars, s[*b])))
		(*b)++;
	while (*e > *b && (s[*e - 1] == ' ' || strchr(chars, s[*e - 1])))
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
