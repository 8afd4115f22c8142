/* body.c - the body: paragraphs, list items -> tasks with units and deadlines, meeting, period */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "table.h"
#include "util/xalloc.h"
#include "vn/date.h"
#include "when.h"

#define MAX_DEPTH 16
#define TASK_TEXT_MAX (64u << 10)

static int is_word(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* w (k bytes) occurs in f at a word start (and ends at a word end); offset or -1. */
static long word_findn(const char *f, size_t n, size_t from, const char *w, size_t k)
{
	while (from + k <= n) {
		/* folds end with a NUL: glibc's strstr is several times faster than memmem */
		const char *hit = f[n] ? memmem(f + from, n - from, w, k) : strstr(f + from, w);
		if (!hit)
			return -1;
		size_t i = (size_t)(hit - f);
		if ((i == 0 || !is_word(f[i - 1])) && (i + k == n || !is_word(f[i + k]) || !is_word(w[k - 1])))
			return (long)i;
		from = i + 1;
	}
	return -1;
}

/* word_findn with the length of w found here: for a literal (most calls) the compiler knows it */
static inline __attribute__((always_inline)) long word_find(const char *f, size_t n, size_t from,
							    const char *w)
{
	return word_findn(f, n, from, w, strlen(w));
}

static inline __attribute__((always_inline)) int starts_with(const char *f, const char *w)
{
	if (f[0] != w[0])
		return 0; /* most calls end here */
	/* strncmp(f, w, strlen(w)) in one pass: f ends with a NUL, which no byte of w matches */
	size_t k = 1;
	while (w[k] && f[k] == w[k])
		k++;
	return !w[k] && !is_word(f[k]);
}

/* Length of the literal w (not empty) when f[p..n) starts with it, else 0: the test of
 * `p + strlen(w) <= n && memcmp(f + p, w, strlen(w)) == 0` without measuring w first. */
static size_t lit_len(const char *f, size_t n, size_t p, const char *w)
{
	size_t k = 0;
	while (w[k] && p + k < n && f[p + k] == w[k])
		k++;
	return w[k] ? 0 : k;
}

static int line_is_page_number(const struct ex_line *l)
{
	if (l->len > 12)
		return 0;
	size_t digits = 0;
	for (size_t i = 0; i < l->len; i++) {
		char c = l->text[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (!strchr(" -/.", c) && strncmp(l->f.fold, "trang", 5) != 0)
			return 0;
	}
	return digits > 0 && digits <= 3;
}

static struct ex_par *par_new(struct ex_doc *d)
{
	XGROW(d->pars, d->npars + 1, d->cappars);
	struct ex_par *p = &d->pars[d->npars++];
	memset(p, 0, sizeof(*p));
	buf_init(&p->text, TASK_TEXT_MAX);
	p->task = -1;
	return p;
}

static int ends_terminal(const struct buf *b)
{
	if (b->len == 0)
		return 1;
	char c = b->ptr[b->len - 1];
	return c == '.' || c == ':' || c == ';' || c == '!' || c == '?';
}

/* A paragraph's fold, put together from the folds of its lines (the text is the lines
 * joined by spaces); folded afresh when the text is not exactly that (over its cap, or a
 * label that ends inside a character). */
static void par_fold(const struct ex_doc *d, struct ex_par *p)
{
	const struct ex_line *l0 = &d->lines[p->line0];
	if (p->off0 > l0->len || (p->off0 < l0->len && ((unsigned char)l0->text[p->off0] & 0xC0) == 0x80)) {
		ex_fold_init(&p->f, buf_str(&p->text), p->text.len);
		return;
	}
	ex_fold_reserve(&p->f, p->text.len);
	size_t pos = l0->len - p->off0;
	if (pos <= p->text.len)
		ex_fold_append(&p->f, &l0->f, p->off0, 0);
	for (size_t i = p->line0 + 1; i <= p->line1 && pos <= p->text.len; i++) {
		const struct ex_line *l = &d->lines[i];
		if (line_is_page_number(l))
			continue;
		if (pos + 1 + l->len > p->text.len) {
			pos = p->text.len + 1; /* the text stopped short: fold it as it is */
			break;
		}
		ex_fold_append_space(&p->f, pos);
		ex_fold_append(&p->f, &l->f, 0, pos + 1);
		pos += 1 + l->len;
	}
	if (pos != p->text.len) {
		ex_fold_release(&p->f);
		ex_fold_init(&p->f, buf_str(&p->text), p->text.len);
		return;
	}
	ex_fold_finish(&p->f, p->text.len);
}

/* Paragraphs of the body: wrapped lines joined, a new one at each list label. */
static void build_pars(struct ex_doc *d)
{
	struct ex_par *cur = NULL;
	unsigned prev_indent = 0;
	/* Word and HTML paragraphs arrive whole: never join them */
	int whole = d->rd->format == RD_DOCX || d->rd->format == RD_HTML;
	/* the longest body line: a wrapped line comes close to it, a heading does not */
	size_t width = 0;
	for (size_t i = d->body_start; i < d->body_end && i < d->nlines; i++)
		if (d->lines[i].len > width)
			width = d->lines[i].len;
	for (size_t i = d->body_start; i < d->body_end && i < d->nlines; i++) {
		const struct ex_line *l = &d->lines[i];
		if (line_is_page_number(l))
			continue;
		char label[24], key[16];
		size_t off;
		enum ex_label kind = ex_label_parse(l->text, l->len, label, sizeof(label), key, sizeof(key), &off);
		uint32_t cp;
		ex_utf8_next(l->text, l->len, &cp);
		int upper = ex_cp_case(cp) > 0 || (cp >= '0' && cp <= '9');
		int fresh = !cur || kind != LB_NONE || whole;
		if (!fresh && l->blank_before && (upper || ends_terminal(&cur->text)))
			fresh = 1;
		if (!fresh && upper && ends_terminal(&cur->text))
			fresh = 1;
		if (!fresh && l->indent > prev_indent + 2 && upper && i > d->body_start)
			fresh = 1;
		/* a heading line ("Điều 3. Tiêu chí ...", "II. NHIỆM VỤ") ends at its line end */
		if (!fresh && upper && (cur->kind == LB_DIEU || cur->kind == LB_ROMAN || cur->kind == LB_PART) &&
		    cur->row == l->row - 1)
			fresh = 1;
		/* so does a short numbered line ("1. Đánh giá chung") before a capital: a wrapped
		 * line would have come close to the width */
		if (!fresh && upper && cur->kind != LB_NONE && cur->line0 + 1 == i && cur->row == l->row - 1 &&
		    cur->text.len * 2 < width && cur->text.len && cur->text.ptr[cur->text.len - 1] != ',')
			fresh = 1;
		prev_indent = l->indent;
		if (fresh) {
			cur = par_new(d);
			cur->kind = kind;
			ex_copy(cur->label, sizeof(cur->label), label, -1);
			ex_copy(cur->key, sizeof(cur->key), key, -1);
			cur->row = l->row;
			cur->line0 = i;
			cur->off0 = off;
			buf_add(&cur->text, l->text + off, l->len - off);
			/* valid text from a character boundary on is valid (the text is whole lines
			 * and spaces: a line over the cap is left out whole) */
			cur->utf8_ok = l->utf8_ok && off <= l->len &&
				       (off == l->len || ((unsigned char)l->text[off] & 0xC0) != 0x80);
		} else {
			/* a word broken by a hyphen at the line end stays broken: keep a space */
			buf_addch(&cur->text, ' ');
			buf_add(&cur->text, l->text, l->len);
			cur->utf8_ok = cur->utf8_ok && l->utf8_ok;
		}
		cur->line1 = i;
	}
	for (size_t i = 0; i < d->npars; i++) {
		struct ex_par *p = &d->pars[i];
		par_fold(d, p);
		p->ends_colon = p->text.len && p->text.ptr[p->text.len - 1] == ':';
	}
}

static int has_str(const struct jv *arr, const char *s)
{
	size_t i;
	struct jv *v;
	jv_array_foreach(arr, i, v)
	{
		if (strcmp(jv_string(v), s) == 0)
			return 1;
	}
	return 0;
}

static void add_unique(struct jv *arr, const char *s)
{
	if (!has_str(arr, s))
		jv_append(arr, jv_str(jv_arena(arr), s));
}

/* add_unique for a string value made before (shared, not copied) */
static void add_unique_v(struct jv *arr, struct jv *v)
{
	if (v && !has_str(arr, jv_string(v)))
		jv_append(arr, v);
}

/* Head words that start a unit's name when the gazetteer does not know it. */
static const char *const unit_heads[] = {
	"so", "cuc", "chi cuc", "tong cuc", "ban", "bo", "cong ty", "tong cong ty", "ngan hang",
	"dai", "bao", "hiep hoi", "hoi", "trung tam", "vien", "truong", "kho bac", "cang vu",
	"ubnd", "uy ban nhan dan", "uy ban", "cong an", "bo chi huy", "van phong", "thanh tra",
	"doan", "lien doan", "phong", "dang uy", "dang doan", "chi bo",
};

static size_t place_suffix(const char *text, const struct ex_fold *f, size_t p);

/* Verbs that follow a unit's name ("... chủ trì", "... đôn đốc"): length of the one at
 * fold[p], or 0. */
static size_t stop_verb_at(const struct ex_fold *f, size_t p)
{
	static const char *const v[] = {
		"chu tri", "phoi hop", "don doc", "huong dan", "tuyen truyen", "to chuc", "thuc hien",
		"kiem tra", "chi dao", "ra soat", "bao cao", "tham muu", "co trach nhiem", "chiu trach nhiem",
		"khan truong", "tiep tuc", "theo doi", "nghien cuu", "bao dam", "dam bao", "trien khai",
		"cap nhat", "bo tri", "lanh dao", "hoan thanh", "quan triet", "gioi thieu", "dinh huong",
		"van dong", "xay dung", "de xuat", "tong hop", "phan dau", "tap trung", "day manh",
		"chu dong", "thong bao", "ket luan", "hop", "co", "la", "va cac", "tai", "trong",
		"tren", "theo", "de", "voi", "cua", "thi", "da", "se", "can", "phai"};
	if (p >= f->flen)
		return 0;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		if (v[i][0] != f->fold[p])
			continue; /* cheap test first */
		size_t k = lit_len(f->fold, f->flen, p, v[i]);
		if (k && (p + k == f->flen || !is_word(f->fold[p + k])))
			return k;
	}
	return 0;
}

/* A project management board, named mostly in lower case: "Ban Quản lý dự án đầu tư xây
 * dựng các công trình dân dụng và công nghiệp tỉnh", "Ban Quản lý dự án đầu tư xây dựng khu
 * vực Ba Tơ", "Ban Quản lý dự án số 2". After "ban quan ly du an" the name takes capitalised
 * words and numbers, and lower-case syllables only from the words such names are made of
 * (what a board builds or serves); a place ("tỉnh", "thành phố Huế") ends it, and so does
 * any other word (a verb: "... giao thông khẩn trương", "... giải ngân"). 1 and the end. */
static int project_board_unit(const char *text, const struct ex_fold *f, size_t p, size_t *endp)
{
	static const char head[] = "ban quan ly du an";
	static const char *const syl[] = {
		"dau", "tu", "xay", "dung", "cac", "cong", "trinh", "dan", "va", "nghiep", "giao", "thong",
		"nong", "phat", "trien", "thon", "thuy", "loi", "khu", "vuc", "quy", "dat", "do", "thi",
		"ha", "tang", "chuyen", "nganh", "so", "van", "hoa", "the", "thao", "lich", "y", "te",
		"duc", "ky", "thuat", "moi", "truong", "kinh", "nha", "o", "ngoai", "vien", "tro", "oda",
		"von", "nuoc", "dien", "hang", "hai", "bien", "dao", "dich", "vu",
	};
	size_t q = lit_len(f->fold, f->flen, p, head);
	if (!q || (p + q < f->flen && is_word(f->fold[p + q])))
		return 0;
	static const char *const place[] = {"thanh pho", "thi xa", "thi tran", "dac khu", "tinh", "xa",
					    "phuong", "huyen", "quan", "tp"};
	q += p;
	size_t last = q;
	int in_place = 0; /* "... huyện Mộ Đức": after a place word, its capitalised name only */
	for (int words = 0; words < 14 && q < f->flen && f->fold[q] == ' '; words++) {
		size_t pl = in_place ? q : place_suffix(text, f, q);
		if (pl != q) {
			last = pl;
			break;
		}
		size_t ws = q + 1, we = ws;
		while (we < f->flen && is_word(f->fold[we]))
			we++;
		if (we == ws)
			break;
		uint32_t cp;
		size_t o = f->map[ws];
		ex_utf8_next(text + o, f->map[f->flen] - o, &cp);
		int ok = ex_cp_case(cp) > 0 || (cp >= '0' && cp <= '9');
		if (!ok && !in_place) {
			/* a place word with a capitalised name after it (place_suffix has said so) */
			for (size_t i = 0; i < sizeof(place) / sizeof(place[0]); i++) {
				size_t k = strlen(place[i]);
				if (ws + k < f->flen && memcmp(f->fold + ws, place[i], k) == 0 && f->fold[ws + k] == ' ') {
					in_place = 1;
					we = ws + k;
					break;
				}
			}
			if (in_place) {
				q = we;
				continue;
			}
		}
		if (in_place && !ok)
			break;
		for (size_t i = 0; i < sizeof(syl) / sizeof(syl[0]) && !ok; i++)
			ok = strlen(syl[i]) == we - ws && memcmp(syl[i], f->fold + ws, we - ws) == 0;
		/* "... và các sở", "... và UBND": a second unit, not part of the name */
		if (we - ws == 2 && memcmp(f->fold + ws, "va", 2) == 0 && we + 1 < f->flen &&
		    (starts_with(f->fold + we + 1, "cac") || stop_verb_at(f, we + 1)))
			ok = 0;
		if (!ok)
			break;
		q = we;
		/* a name does not end with "và" or "các" */
		if (!(we - ws == 2 && memcmp(f->fold + ws, "va", 2) == 0) &&
		    !(we - ws == 3 && memcmp(f->fold + ws, "cac", 3) == 0))
			last = we;
	}
	*endp = last;
	return 1;
}

/* Capitalised words after a head word ("Sở Ngoại vụ", "Ban Quản lý Khu Kinh tế X"). */
static size_t generic_unit(const char *text, const struct ex_fold *f, size_t p, size_t *endp)
{
	if (f->fold[p] == 'b' && project_board_unit(text, f, p, endp)) {
		uint32_t cp;
		size_t ob = f->map[p];
		ex_utf8_next(text + ob, f->map[f->flen] - ob, &cp);
		return ex_cp_case(cp) > 0; /* "ban quản lý dự án" in lower case is not a name */
	}
	for (size_t h = 0; h < sizeof(unit_heads) / sizeof(unit_heads[0]); h++) {
		if (p >= f->flen || unit_heads[h][0] != f->fold[p])
			continue; /* cheap test first: this runs at every word of every task */
		size_t k = lit_len(f->fold, f->flen, p, unit_heads[h]);
		if (!k || p + k >= f->flen || f->fold[p + k] != ' ')
			continue;
		uint32_t cp;
		size_t ob = f->map[p];
		ex_utf8_next(text + ob, f->map[f->flen] - ob, &cp);
		if (ex_cp_case(cp) <= 0)
			return 0; /* "sở" in lower case is not a name */
		size_t q = p + k, words = 0, last = q;
		int pending = 0; /* lower-case words waiting for a capitalised one */
		int prev_cap = 0; /* the word before was capitalised and taken */
		int in_place = 0; /* a place's name: every syllable is capitalised ("Thành Sen") */
		while (q < f->flen && f->fold[q] == ' ') {
			size_t ws = q + 1, we = ws;
			while (we < f->flen && f->fold[we] != ' ' && f->fold[we] != ',' && f->fold[we] != ';' &&
			       f->fold[we] != '.' && f->fold[we] != ':' && f->fold[we] != '(' && f->fold[we] != ')')
				we++;
			if (we == ws)
				break;
			size_t o = f->map[ws];
			ex_utf8_next(text + o, f->map[f->flen] - o, &cp);
			int up = ex_cp_case(cp) > 0 || (cp >= '0' && cp <= '9');
			int conn = (we - ws == 2 && memcmp(f->fold + ws, "va", 2) == 0) ||
				   (we - ws == 1 && f->fold[ws] == '-');
			/* "Quận ủy", "Thành ủy": "ủy" after a name belongs to it; a place word
			 * ends a name ("Ban Quản lý dự án thành phố") */
			int uy = !up && pending == 0 && we - ws == 2 && memcmp(f->fold + ws, "uy", 2) == 0;
			if (uy)
				up = 1;
			if (!up && place_suffix(text, f, q) != q) {
				last = place_suffix(text, f, q);
				words++;
				break;
			}
			if (!up && in_place)
				break; /* a place's name ends at its first lower-case word */
			if (!up && !conn && prev_cap && !stop_verb_at(f, ws)) {
				/* "Bộ Công an", "Sở Ngoại vụ": only the first syllable of a word in a
				 * name is capitalised, the next one belongs to it */
				last = q = we;
				prev_cap = 0;
				continue;
			}
			prev_cap = up && !uy;
			if (!up && !conn && words == 0) {
				/* "UBND phường Thành Sen", "Công an xã Vĩnh Linh": a place word and its
				 * capitalised name */
				static const char *const pw[] = {"thanh pho", "thi xa", "thi tran", "dac khu", "tinh",
								 "xa", "phuong", "huyen", "quan", "tp"};
				size_t pl = 0;
				for (size_t i = 0; i < sizeof(pw) / sizeof(pw[0]) && !pl; i++) {
					size_t k2 = strlen(pw[i]);
					if (ws + k2 + 1 < f->flen && memcmp(f->fold + ws, pw[i], k2) == 0 &&
					    f->fold[ws + k2] == ' ')
						pl = k2;
				}
				if (pl) {
					size_t o2 = f->map[ws + pl + 1];
					uint32_t c2;
					ex_utf8_next(text + o2, f->map[f->flen] - o2, &c2);
					if (ex_cp_case(c2) > 0) {
						q = ws + pl;
						in_place = 1;
						continue;
					}
				}
			}
			if (!up && !conn) {
				/* "Phòng Tài chính - Kế hoạch đôn đốc": lower-case words right before a
				 * verb end the name */
				if (pending < 3 && words > 0 && stop_verb_at(f, ws) == 0 &&
				    we < f->flen && f->fold[we] == ' ' && stop_verb_at(f, we + 1)) {
					last = we;
					q = we;
					pending = 0;
					break;
				}
				if (stop_verb_at(f, ws))
					break;
				/* "Ban Tuyên giáo Quận ủy", "Thoát nước Hải Phòng": a few lower-case
				 * words are part of the name when a capital follows */
				if (++pending > 7 || words == 0)
					break;
				q = we;
				continue;
			}
			q = we;
			if (up) {
				last = we, words++;
				pending = 0;
			}
		}
		if (words == 0)
			return 0;
		*endp = last;
		return 1;
	}
	return 0;
}

/* "các tỉnh ủy, thành ủy", "các cơ quan, đơn vị": a collective the gazetteer does not list. */
static int collective_at(const struct ex_fold *f, size_t p, size_t *endp)
{
	static const char *const heads[] = {"tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy",
					    "cap uy", "chi bo", "dang bo", "so", "ban", "nganh", "co quan",
					    "to chuc dang", "to chuc co so dang", "to chuc chinh tri - xa hoi",
					    "doan the chinh tri - xa hoi", "co so dang",
					    "don vi", "dia phuong", "doan the", "to chuc", "hoi", "phong",
					    "xa", "phuong", "tinh", "thanh pho", "bo", "truong", "chu dau tu",
					    "ban quan ly du an"};
	const char *s = f->fold;
	if (!starts_with(s + p, "cac"))
		return 0;
	size_t q = p + 3, last = 0;
	for (int items = 0; items < 8; items++) {
		while (q < f->flen && (s[q] == ' ' || s[q] == ','))
			q++;
		if (items > 0 && starts_with(s + q, "va")) {
			q += 2;
			while (q < f->flen && s[q] == ' ')
				q++;
		}
		size_t hk = 0;
		for (size_t h = 0; h < sizeof(heads) / sizeof(heads[0]); h++) {
			size_t k = heads[h][0] == s[q] ? lit_len(s, f->flen, q, heads[h]) : 0;
			if (k > hk && (q + k == f->flen || !is_word(s[q + k])))
				hk = k;
		}
		if (!hk)
			break;
		q += hk;
		last = q;
		/* "trực thuộc", "liên quan", "có liên quan", "thành phố" after the list */
		static const char *const tails[] = {" truc thuoc tinh uy", " truc thuoc thanh uy", " truc thuoc dang uy",
						    " truc thuoc", " co lien quan", " lien quan", " thanh pho",
						    " tinh", " tren dia ban", " phuong", " xa"};
		for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
			size_t k = strlen(tails[t]);
			if (q + k <= f->flen && memcmp(s + q, tails[t], k) == 0 && (q + k == f->flen || !is_word(s[q + k]))) {
				q += k;
				last = q;
				break;
			}
		}
		if (q >= f->flen || (s[q] != ',' && !starts_with(s + q + 1, "va")))
			break;
	}
	if (!last)
		return 0;
	*endp = last;
	return 1;
}

/* What narrows a collective down ("UBND các xã ven biển", "các đơn vị có liên quan"): its
 * end, else p. */
static size_t qualifier_suffix(const struct ex_fold *f, size_t p)
{
	static const char *const q[] = {" ven bien", " vung cao", " mien nui", " bien gioi", " vung sau, vung xa",
					" vung sau vung xa", " co lien quan", " lien quan", " trong diem"};
	for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		size_t k = lit_len(f->fold, f->flen, p, q[i]);
		if (k && (p + k == f->flen || !is_word(f->fold[p + k])))
			return p + k;
	}
	return p;
}

/* Skip a place suffix after a unit ("tỉnh", "thành phố") that is not followed by a name. */
static size_t place_suffix(const char *text, const struct ex_fold *f, size_t p)
{
	static const char *const sfx[] = {" tinh", " thanh pho", " tp", " quan", " huyen", " thi xa", " xa", " phuong"};
	if (p + 1 >= f->flen || f->fold[p] != ' ')
		return p; /* every suffix starts with a space and a letter */
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		if (sfx[i][1] != f->fold[p + 1])
			continue;
		size_t k = lit_len(f->fold, f->flen, p, sfx[i]);
		if (k && (p + k == f->flen || !is_word(f->fold[p + k]))) {
			size_t q = p + k;
			/* "trực thuộc Tỉnh ủy": a committee, not the place "tỉnh" */
			if (q + 3 <= f->flen && memcmp(f->fold + q, " uy", 3) == 0 &&
			    (q + 3 == f->flen || !is_word(f->fold[q + 3])))
				return p;
			if (q + 1 < f->flen && f->fold[q] == ' ') {
				uint32_t cp;
				size_t o = f->map[q + 1];
				ex_utf8_next(text + o, f->map[f->flen] - o, &cp);
				if (ex_cp_case(cp) > 0)
					return p;
			}
			return q;
		}
	}
	return p;
}

/* A region after a unit ("Kho bạc Nhà nước khu vực XIII", "Chi cục Thuế khu vực 2"): its end,
 * else p. */
static size_t region_suffix(const struct ex_fold *f, size_t p)
{
	const char *s = f->fold;
	if (p + 10 > f->flen || memcmp(s + p, " khu vuc ", 9) != 0)
		return p;
	size_t q = p + 9, e = q;
	while (e < f->flen && is_word(s[e]))
		e++;
	if (e == q || e - q > 6)
		return p;
	for (size_t i = q; i < e; i++) /* a number, or a Roman one */
		if (!((s[i] >= '0' && s[i] <= '9') || strchr("ivxlc", s[i])))
			return p;
	return e;
}

/* After a unit ending in the abbreviation "TP" ("UBND TP. Cần Thơ"): the end of the place
 * name that follows its full stop (capitalised words), else p. */
static size_t abbrev_place(const char *text, const struct ex_fold *f, size_t p)
{
	const char *s = f->fold;
	if (p < 2 || memcmp(s + p - 2, "tp", 2) != 0 || (p > 2 && is_word(s[p - 3])) || p + 2 >= f->flen ||
	    s[p] != '.' || s[p + 1] != ' ')
		return p;
	size_t q = p + 1, end = p;
	while (q + 1 < f->flen && s[q] == ' ' && is_word(s[q + 1])) {
		uint32_t cp;
		size_t o = f->map[q + 1];
		ex_utf8_next(text + o, f->map[f->flen] - o, &cp);
		if (ex_cp_case(cp) <= 0)
			break;
		q++;
		while (q < f->flen && is_word(s[q]))
			q++;
		end = q;
	}
	return end;
}

/* Add text[fold b..e) to arr with white space collapsed and trailing punctuation dropped. */
/* valid: text is valid UTF-8 (then so is the name, cut at characters and cleaned of ASCII) */
static void add_as_written(struct jv *arr, const char *text, int valid, const struct ex_fold *f, size_t b,
			   size_t e)
{
	size_t ob = f->map[b], oe = f->map[e];
	ex_trim(text, &ob, &oe, ",;:.");
	/* cleaned after 4 free bytes, where a first letter that grows when capitalised fits */
	char small[256];
	size_t room = oe - ob + 5;
	char *mem = room <= sizeof(small) ? small : xmalloc(room);
	char *w = mem + 4;
	size_t n = ex_clean_to(w, text + ob, oe - ob);
	if (n) {
		/* a list item starts with a capital ("các sở, ngành" -> "Các sở, ngành"): what
		 * ex_add_capitalized does to the first character */
		uint32_t cp;
		size_t k = ex_utf8_next(w, n, &cp);
		uint32_t up = ex_cp_upper(cp);
		if (up != cp) {
			char enc[4];
			size_t m = ex_utf8_put(enc, up);
			w = w + k - m;
			memcpy(w, enc, m);
			n = n - k + m;
		}
		if (!has_str(arr, w))
			jv_append(arr,
				  valid ? jv_strn_utf8(jv_arena(arr), w, n) : jv_strn(jv_arena(arr), w, n));
	}
	if (mem != small)
		free(mem);
}

/* ex_units_at, told whether text is valid UTF-8 (its names then need no check) */
static size_t units_at(const struct ex_doc *d, const char *text, int valid, const struct ex_fold *f,
		       size_t pos, struct jv *arr)
{
	size_t p = pos, good = pos;
	int head_so = 0; /* "các Sở: Tài chính, Xây dựng" */
	int sep = 1; /* units after the first are separated: ",", ";", "&", "và" */
	for (int guard = 0; guard < 32; guard++) {
		/* strchr(" ,;&", c), which also says yes for the NUL */
		while (p < f->flen && (f->fold[p] == ' ' || f->fold[p] == ',' || f->fold[p] == ';' ||
				       f->fold[p] == '&' || f->fold[p] == '\0'))
			sep |= f->fold[p] != ' ', p++;
		if (p >= f->flen)
			break;
		if (starts_with(f->fold + p, "va")) {
			p += 2;
			while (p < f->flen && f->fold[p] == ' ')
				p++;
			sep = 1;
		}
		if (!sep)
			break;
		/* a head's title before the unit ("Chánh Văn phòng UBND tỉnh, Giám đốc các sở: Tài
		 * chính, ...; Chủ tịch UBND các xã"): the unit is what follows */
		{
			static const char *const heads[] = {"chanh", "giam doc", "chu tich", "thu truong",
							    "cuc truong", "truong ban"};
			size_t h = 0, hi = 0;
			for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]) && !h; i++)
				if (starts_with(f->fold + p, heads[i]))
					h = strlen(heads[i]), hi = i;
			/* "Chánh" heads only an office or an inspectorate ("Chánh án" is a judge) */
			if (h && (hi != 0 || starts_with(f->fold + p + 6, "van phong") ||
				  starts_with(f->fold + p + 6, "thanh tra"))) {
				size_t e, q = p + h + 1;
				if (q < f->flen && (gz_match_unit(d->gz, f->fold, f->flen, q, &e) >= 0 ||
						    starts_with(f->fold + q, "cac so") ||
						    starts_with(f->fold + q, "ubnd") ||
						    starts_with(f->fold + q, "uy ban"))) {
					p = q;
					continue;
				}
			}
		}
		if (starts_with(f->fold + p, "cac so") || starts_with(f->fold + p, "so")) {
			size_t q = p + (f->fold[p] == 'c' ? 6 : 2);
			if (q < f->flen && f->fold[q] == ':') {
				head_so = 1;
				p = q + 1;
				continue;
			}
		}
		size_t e;
		long u = gz_match_unit(d->gz, f->fold, f->flen, p, &e);
		if (u >= 0) {
			/* the unit as the text names it, not the gazetteer's canonical name: a
			 * merged or renamed body is still the body the document wrote */
			size_t q = abbrev_place(text, f, region_suffix(f, place_suffix(text, f, e)));
			if (strcmp(d->gz->units[u].kind, "group") == 0)
				q = qualifier_suffix(f, q);
			/* "các đảng ủy trực thuộc" + "Tỉnh ủy": the committee they belong to */
			static const char *const above[] = {" tinh uy", " thanh uy", " dang uy"};
			for (size_t k = 0; k < 3 && q >= 10 && memcmp(f->fold + q - 10, "truc thuoc", 10) == 0; k++) {
				size_t kl = strlen(above[k]);
				if (q + kl <= f->flen && memcmp(f->fold + q, above[k], kl) == 0 &&
				    (q + kl == f->flen || !is_word(f->fold[q + kl]))) {
					q += kl;
					break;
				}
			}
			add_as_written(arr, text, valid, f, p, q);
			p = good = q;
			sep = 0;
			continue;
		}
		if (head_so) {
			/* match "so " + the item */
			struct buf t = BUF_INIT;
			buf_addstr(&t, "so ");
			buf_add(&t, f->fold + p, f->flen - p);
			u = gz_match_unit(d->gz, buf_str(&t), t.len, 0, &e);
			buf_release(&t);
			if (u >= 0) {
				/* "Sở" + the item as written ("các Sở: Tài chính, ..." -> "Sở Tài chính") */
				struct buf w = BUF_INIT;
				buf_addstr(&w, "Sở ");
				ex_add_clean(&w, text + f->map[p], f->map[p + (e - 3)] - f->map[p]);
				add_unique(arr, buf_str(&w));
				buf_release(&w);
				p = good = p + (e - 3);
				sep = 0;
				continue;
			}
		}
		if (collective_at(f, p, &e)) {
			size_t ob = f->map[p], oe = f->map[e];
			char *name = xstrndup(text + ob, oe - ob);
			/* as written, with a capital: "Các tỉnh ủy, thành ủy" */
			struct buf c = BUF_INIT;
			ex_add_capitalized(&c, name, oe - ob > 3 ? 3 : oe - ob);
			if (oe - ob > 3)
				buf_addstr(&c, name + 3);
			add_unique(arr, buf_str(&c));
			buf_release(&c);
			free(name);
			p = good = e;
			sep = 0;
			continue;
		}
		if (generic_unit(text, f, p, &e)) {
			char *name = xstrndup(text + f->map[p], f->map[e] - f->map[p]);
			add_unique(arr, name);
			free(name);
			p = good = place_suffix(text, f, e);
			sep = 0;
			continue;
		}
		break;
	}
	return good;
}

size_t ex_units_at(const struct ex_doc *d, const char *text, const struct ex_fold *f, size_t pos,
		   struct jv *arr)
{
	return units_at(d, text, 0, f, pos, arr);
}

/* Units of one task: lead (giao X / X chủ trì / X at the start) and supporting (phối hợp). */
static void task_units(const struct ex_doc *d, const char *text, int valid, const struct ex_fold *f,
		       struct jv *lead, struct jv *supp)
{
	const char *s = f->fold;
	size_t n = f->flen;
	/* a unit at the start, possibly after "Giao", "Đề nghị", "Yêu cầu", a head's title */
	static const char *const openers[] = {"giao cho", "giao", "de nghi", "yeu cau", "chu tich",
					      "giam doc", "thu truong", "lanh dao", "cuc truong", "ban giam doc",
					      "chi dao", "doi voi"};
	size_t p = 0;
	while (p < n && !is_word(s[p]))
		p++;
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof(openers) / sizeof(openers[0]); i++)
			if (s[p] == openers[i][0] && starts_with(s + p, openers[i])) {
				p += strlen(openers[i]);
				while (p < n && s[p] == ' ')
					p++;
				break;
			}
	units_at(d, text, valid, f, p, lead);
	/* "giao X" anywhere (not "Tuyên giáo", "bàn giao", "chuyển giao") */
	long g = word_find(s, n, 0, "giao");
	while (g >= 0) {
		size_t q = (size_t)g + 4;
		if (g >= 4 && (memcmp(s + g - 4, "ban ", 4) == 0 || (g >= 6 && memcmp(s + g - 6, "tuyen ", 6) == 0) ||
			       (g >= 7 && memcmp(s + g - 7, "chuyen ", 7) == 0))) {
			g = word_find(s, n, q, "giao");
			continue;
		}
		if (q < n && starts_with(s + q + 1, "cho"))
			q += 4;
		units_at(d, text, valid, f, q, lead);
		g = word_find(s, n, q, "giao");
	}
	/* "...; yêu cầu X khẩn trương ..." after an opening clause, when nothing named a lead yet */
	for (long y = jv_size(lead) ? -1 : word_find(s, n, 0, "yeu cau"); y >= 0 && jv_size(lead) == 0;
	     y = word_find(s, n, (size_t)y + 7, "yeu cau"))
		units_at(d, text, valid, f, (size_t)y + 7, lead);
	/* "X chủ trì": the units just before it */
	long c = jv_size(lead) ? -1 : word_find(s, n, 0, "chu tri"); /* only looked for with no lead */
	if (c >= 0) {
		size_t b = (size_t)c;
		/* walk back to the clause start */
		while (b > 0 && !strchr(";:.", s[b - 1]))
			b--;
		for (size_t q = b; q < (size_t)c; q++) {
			if (q > 0 && is_word(s[q - 1]))
				continue;
			struct jv *tmp = jv_array(d->jv);
			size_t e = units_at(d, text, valid, f, q, tmp);
			while (e < (size_t)c && strchr(" ,", s[e]))
				e++;
			if (e == (size_t)c && jv_size(tmp)) {
				size_t i;
				struct jv *v;
				jv_array_foreach(tmp, i, v)
				{
					add_unique_v(lead, v);
				}
				break;
			}
		}
	}
	/* "phối hợp (với|cùng) Y, Z" */
	long ph = word_find(s, n, 0, "phoi hop");
	while (ph >= 0) {
		size_t q = (size_t)ph + 8;
		while (q < n && strchr(" ,", s[q]))
			q++;
		if (starts_with(s + q, "voi"))
			q += 3;
		else if (starts_with(s + q, "cung"))
			q += 4;
		else if (starts_with(s + q, "chat che voi"))
			q += 12;
		struct jv *tmp = jv_array(d->jv);
		units_at(d, text, valid, f, q, tmp);
		size_t i;
		struct jv *v;
		jv_array_foreach(tmp, i, v)
		{
			if (!has_str(lead, jv_string(v)))
				add_unique_v(supp, v);
		}
		ph = word_find(s, n, q, "phoi hop");
	}
}

/* The topics seen (the first 256), a bit each: a task has few, and they are visited in
 * order by the set bits alone. */
struct topic_hits {
	uint64_t seen[4];
};

static void topic_hit(size_t topic, void *arg)
{
	struct topic_hits *h = arg;
	if (topic < 256)
		h->seen[topic / 64] |= (uint64_t)1 << (topic % 64);
}

/* Topics whose keywords occur in the task (one pass over its words), in the file's order. */
static void topics_of(const struct ex_doc *d, const struct ex_fold *f, const struct ex_words *ws,
		      struct jv *topics, struct jv *sugg)
{
	struct topic_hits h = {{0}};
	gz_match_topics_words(d->gz, f->fold, f->flen, ws, topic_hit, &h);
	for (size_t b = 0; b < 4; b++)
		for (uint64_t m = h.seen[b]; m; m &= m - 1) {
			size_t t = b * 64 + (size_t)__builtin_ctzll(m);
			if (t >= d->gz->ntopics)
				break;
			const struct gz_topic *tp = &d->gz->topics[t];
			struct jv **tv = d->topic_vals[t];
			if (!tv) {
				/* the id, then the units; NULL for text that is not valid UTF-8 */
				tv = d->topic_vals[t] = arena_alloc(d->jv, (tp->nunits + 1) * sizeof(*tv));
				tv[0] = jv_str(d->jv, tp->id);
				for (size_t u = 0; u < tp->nunits; u++)
					tv[u + 1] = jv_str(d->jv, tp->units[u]);
			}
			add_unique_v(topics, tv[0]);
			for (size_t u = 0; u < tp->nunits; u++)
				add_unique_v(sugg, tv[u + 1]);
		}
}

/* The value of a deadline's kind: the usual ones are constants shared by every tree. */
static struct jv *kind_value(struct arena *a, const char *kind)
{
	static struct jv by = JV_CONST_STR("by"), none = JV_CONST_STR("none"),
			 recurring = JV_CONST_STR("recurring");
	if (strcmp(kind, "by") == 0)
		return &by;
	if (strcmp(kind, "none") == 0)
		return &none;
	if (strcmp(kind, "recurring") == 0)
		return &recurring;
	return jv_lit(a, kind);
}

/* kind: a literal */
static struct jv *deadline_json(const struct ex_doc *d, const char *text, const char *date, const char *kind,
				int inherited, const char *recur)
{
	struct jv *o = jv_object(d->jv);
	jv_set(o, "text", text ? jv_str(d->jv, text) : jv_null());
	jv_set(o, "date", date ? jv_str(d->jv, date) : jv_null());
	jv_set(o, "kind", kind_value(d->jv, kind));
	jv_set(o, "inherited", jv_bool(inherited));
	jv_set(o, "recurrence", recur ? jv_str(d->jv, recur) : jv_null());
	return o;
}

/* The deadline object of a phrase found in the text: recurring, or "by" its last day (iso
 * gets that day, "" when recurring or not a real date). */
static struct jv *when_json(const struct ex_doc *d, const struct ex_when *w, const char *text, char iso[11])
{
	iso[0] = '\0';
	if (w->kind == EXW_RECUR)
		return deadline_json(d, text, NULL, "recurring", 0, w->recur);
	ex_when_iso(w->y, w->m, w->d, iso);
	return deadline_json(d, text, iso[0] ? iso : NULL, "by", 0, NULL);
}

/* "trong 15 ngày kể từ ngày ký", "trong thời hạn 10 ngày làm việc kể từ ngày ban hành": a
 * number of days counted from the issue date `issue` (YYYY-MM-DD; working days skip Saturdays
 * and Sundays, holidays are not known). 0 with the phrase's fold span [*b, *e) and its last
 * day in iso, or -1. Days counted from an event the document does not date ("kể từ ngày nhận
 * được văn bản") give no date. */
static int within_from_issue(const char *text, const struct ex_fold *f, const char *issue, size_t *b,
			     size_t *e, char iso[11])
{
	struct vn_date ctx;
	if (!issue || vn_date_parse_iso(issue, &ctx) < 0)
		return -1;
	for (long k = word_find(f->fold, f->flen, 0, "ke tu ngay"); k >= 0;
	     k = word_find(f->fold, f->flen, (size_t)k + 1, "ke tu ngay")) {
		size_t a = (size_t)k + 11, ae = 0;
		if (a < f->flen && starts_with(f->fold + a, "ky"))
			ae = a + 2;
		else if (a < f->flen && starts_with(f->fold + a, "ban hanh"))
			ae = a + 8;
		if (!ae)
			continue;
		/* the last "trong" in the 40 bytes before it starts the count */
		long t = -1;
		for (long q = word_find(f->fold, f->flen, (size_t)k > 40 ? (size_t)k - 40 : 0, "trong"); q >= 0 && q < k;
		     q = word_find(f->fold, f->flen, (size_t)q + 1, "trong"))
			t = q;
		if (t < 0)
			continue;
		const char *p = text + f->map[t], *end = text + f->map[k];
		struct vn_when w;
		if (vn_when_parse(&p, end, &ctx, &w) != 0 || w.kind != VN_WHEN_WITHIN ||
		    !vn_date_valid(w.to.y, w.to.m, w.to.d))
			continue;
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		if (p != end)
			continue; /* words between the count and "kể từ" */
		vn_date_iso(&w.to, iso);
		*b = (size_t)t;
		*e = ae;
		return 0;
	}
	return -1;
}

/* The deadline a field line gives ("Quý II/2026", "Trước ngày 30/6/2026", "Thường xuyên",
 * "Tháng 12/2026"): 0 and w, or -1. */
static int field_when(const struct ex_doc *d, const struct ex_par *fp, struct ex_when *w)
{
	const char *v = fp->f.fold + fp->field_at;
	size_t n = fp->f.flen - fp->field_at;
	if (ex_deadline_find(v, n, d->year_ctx, w) == 0 || ex_when_at(v, n, 0, d->year_ctx, w) == 0 ||
	    ex_when_find(v, n, 0, d->year_ctx, w) == 0)
		return 0;
	return -1;
}

/* Section headings that hold the operative part ("II. Nhiệm vụ ..."). */
static int operative_heading(const struct ex_fold *f)
{
	/* "I. MỤC ĐÍCH, YÊU CẦU" explains the plan: its "yêu cầu" asks nothing of anyone */
	if (starts_with(f->fold, "muc dich") || starts_with(f->fold, "muc tieu"))
		return 0;
	/* a plan's "II. NỘI DUNG" (or "NỘI DUNG THỰC HIỆN") holds its work; a "content and
	 * results" heading over an assessment does not */
	if (word_find(f->fold, f->flen, 0, "noi dung") >= 0 && word_find(f->fold, f->flen, 0, "danh gia") < 0 &&
	    word_find(f->fold, f->flen, 0, "ket qua") < 0 && word_find(f->fold, f->flen, 0, "tinh hinh") < 0)
		return 1;
	static const char *const w[] = {"nhiem vu", "giai phap", "to chuc thuc hien", "de xuat", "kien nghi",
					"phuong huong", "trach nhiem", "phan cong", "chi dao", "yeu cau",
					"ket luan", "de nghi"};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (word_find(f->fold, f->flen, 0, w[i]) >= 0)
			return 1;
	return 0;
}

/* 1 when p has "giao", "chủ trì" or "yêu cầu". */
static int par_assigns(const struct ex_par *p)
{
	return word_find(p->f.fold, p->f.flen, 0, "giao") >= 0 ||
	       word_find(p->f.fold, p->f.flen, 0, "chu tri") >= 0 ||
	       word_find(p->f.fold, p->f.flen, 0, "yeu cau") >= 0;
}

/* A field line of a plan's item ("Cơ quan chủ trì: ...", "Đơn vị phối hợp: ...", "Thời gian
 * hoàn thành: ...", "Sản phẩm: ..."): EX_FIELD_* and where its value starts, else 0. Only
 * a title followed by ':' is one; "Chủ trì tổ chức hội nghị" is work. */
static int field_line(const struct ex_par *p, size_t *at)
{
	static const struct {
		const char *w;
		int field;
	} titles[] = {
		{"co quan chu tri", EX_FIELD_LEAD},	    {"don vi chu tri", EX_FIELD_LEAD},
		{"chu tri", EX_FIELD_LEAD},		    {"co quan thuc hien", EX_FIELD_LEAD},
		{"don vi thuc hien", EX_FIELD_LEAD},	    {"co quan, don vi chu tri", EX_FIELD_LEAD},
		{"co quan, don vi thuc hien", EX_FIELD_LEAD}, {"don vi phu trach", EX_FIELD_LEAD},
		{"co quan phu trach", EX_FIELD_LEAD},	    {"trach nhiem thuc hien", EX_FIELD_LEAD},
		{"co quan tham muu", EX_FIELD_LEAD},	    {"co quan phoi hop", EX_FIELD_SUPPORT},
		{"don vi phoi hop", EX_FIELD_SUPPORT},	    {"co quan, don vi phoi hop", EX_FIELD_SUPPORT},
		{"phoi hop", EX_FIELD_SUPPORT},		    {"thoi gian hoan thanh", EX_FIELD_DEADLINE},
		{"thoi gian thuc hien", EX_FIELD_DEADLINE}, {"thoi han hoan thanh", EX_FIELD_DEADLINE},
		{"thoi han", EX_FIELD_DEADLINE},	    {"thoi gian", EX_FIELD_DEADLINE},
		{"tien do", EX_FIELD_DEADLINE},	    {"tien do thuc hien", EX_FIELD_DEADLINE},
		{"san pham", EX_FIELD_OTHER},		    {"san pham dau ra", EX_FIELD_OTHER},
		{"ket qua", EX_FIELD_OTHER},		    {"hinh thuc", EX_FIELD_OTHER},
		{"ghi chu", EX_FIELD_OTHER},		    {"kinh phi", EX_FIELD_OTHER},
		{"nguon kinh phi", EX_FIELD_OTHER},
	};
	const char *f = p->f.fold;
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		size_t k = f[0] == titles[i].w[0] ? lit_len(f, p->f.flen, 0, titles[i].w) : 0;
		if (!k)
			continue;
		while (k < p->f.flen && f[k] == ' ')
			k++;
		if (k < p->f.flen && f[k] == ':') {
			k++;
			while (k < p->f.flen && f[k] == ' ')
				k++;
			*at = k;
			return titles[i].field;
		}
	}
	return EX_FIELD_NONE;
}

/* Paragraphs that are never tasks even with a label. */
static int not_a_task(const struct ex_par *p)
{
	static const char *const w[] = {"can cu", "xet de nghi", "theo de nghi", "kinh gui"};
	/* whether it assigns work: found when first needed (-1: not yet) */
	int assigns = -1;
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (starts_with(p->f.fold, w[i]) && !(assigns < 0 ? (assigns = par_assigns(p)) : assigns))
			return 1;
	/* a heading over a part that holds no work ("1. Mục đích, yêu cầu") */
	static const char *const noop[] = {"muc dich", "quan diem", "danh gia", "ket qua", "tinh hinh",
					   "thuc trang", "su can thiet", "pham vi", "doi tuong", "giai thich"};
	char last = p->text.len ? p->text.ptr[p->text.len - 1] : '.';
	if (p->text.len < 100 && last != '.' && last != ';')
		for (size_t i = 0; i < sizeof(noop) / sizeof(noop[0]); i++)
			if (starts_with(p->f.fold, noop[i]))
				return 1;
	if (p->kind == LB_DIEU) {
		/* articles of a decision: only those that assign work are tasks */
		static const char *const op[] = {"trach nhiem", "thi hanh", "to chuc thuc hien", "giao",
						 "chu tri", "nhiem vu", "trien khai", "phan cong"};
		if (word_find(p->f.fold, p->f.flen, 0, "hieu luc") >= 0 && p->f.flen < 200)
			return 1;
		for (size_t i = 0; i < sizeof(op) / sizeof(op[0]); i++)
			if (word_find(p->f.fold, p->f.flen, 0, op[i]) >= 0)
				return 0;
		return 1;
	}
	/* an assessment written as an item ("1. Đến ngày 31/10, tỉnh mới giải ngân được 58,3% ...
	 * Nguyên nhân ..."): an assessment's words (few: each is a scan of every item) and no verb
	 * that asks for work */
	static const char *const assess[] = {"nguyen nhan", "tuy nhien", "han che", "ty le"};
	static const char *const act[] = {
		"tap trung", "chi dao", "trien khai", "thuc hien", "tang cuong", "day manh", "day nhanh",
		"khan truong", "ra soat", "hoan thanh", "bao cao", "chuan bi", "to chuc", "xay dung",
		"nghien cuu", "tham muu", "phoi hop", "kiem tra", "theo doi", "don doc", "quan tam",
		"chu trong", "bao dam", "dam bao", "nang cao", "tiep tuc", "phan dau", "quan triet",
		"lanh dao", "ban hanh", "xu ly", "giai quyet", "de nghi", "can", "phai", "chu dong",
		"huong dan", "cung co", "kien toan", "ho tro", "khac phuc", "sap xep", "bo tri"};
	if (p->kind == LB_NONE || (assigns < 0 ? par_assigns(p) : assigns))
		return 0;
	int assessment = 0;
	for (size_t i = 0; i < sizeof(assess) / sizeof(assess[0]) && !assessment; i++)
		assessment = word_find(p->f.fold, p->f.flen, 0, assess[i]) >= 0;
	if (!assessment)
		return 0;
	for (size_t i = 0; i < sizeof(act) / sizeof(act[0]); i++)
		if (word_find(p->f.fold, p->f.flen, 0, act[i]) >= 0)
			return 0;
	return 1;
}

/* A closing sentence after the list ("Nay, thông báo ...", "Yêu cầu các cơ quan ... triển khai"). */
static int closing_par(const struct ex_par *p)
{
	static const char *const w[] = {"nay,", "nay thong bao", "tren day", "yeu cau", "de nghi", "trong qua trinh",
					"kinh trinh", "kinh de nghi", "noi nhan", "quyet dinh nay", "chi thi nay",
					"nhan duoc"};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strncmp(p->f.fold, w[i], strlen(w[i])) == 0)
			return 1;
	return word_find(p->f.fold, p->f.flen, 0, "thong bao") >= 0 && p->f.flen < 300;
}

/* Start of an assignment in an unlabeled paragraph ("... giao Sở X chủ trì"), or -1. */
static long assignment_start(const struct ex_doc *d, const struct ex_par *p)
{
	const char *s = p->f.fold;
	size_t n = p->f.flen;
	static const char *const closing[] = {"nay,", "nay thong bao", "tren day", "kinh trinh", "kinh de nghi",
					      "trong qua trinh", "can cu", "xet de nghi", "thuc hien",
					      "nhan duoc"};
	for (size_t i = 0; i < sizeof(closing) / sizeof(closing[0]); i++)
		if (strncmp(s, closing[i], strlen(closing[i])) == 0 && word_find(s, n, 0, "giao") < 0)
			return -1;
	long g = word_find(s, n, 0, "giao");
	if (g >= 0) {
		struct jv *tmp = jv_array(d->jv);
		size_t e = units_at(d, buf_str(&p->text), p->utf8_ok, &p->f, (size_t)g + 5, tmp);
		size_t k = jv_size(tmp);
		if (k && e > (size_t)g)
			return g;
	}
	/* a unit at the start that "chủ trì", "có trách nhiệm", ... */
	struct jv *tmp = jv_array(d->jv);
	size_t e = units_at(d, buf_str(&p->text), p->utf8_ok, &p->f, 0, tmp);
	size_t k = jv_size(tmp);
	if (k) {
		while (e < n && strchr(" ,:", s[e]))
			e++;
		static const char *const verbs[] = {"chu tri", "co trach nhiem", "chiu trach nhiem", "phoi hop",
						    "khan truong", "to chuc", "trien khai", "chu dong", "tham muu",
						    "thuc hien", "chi dao", "theo doi"};
		for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
			if (starts_with(s + e, verbs[i]))
				return 0;
	}
	static const char *const asks[] = {"de nghi", "yeu cau"};
	for (size_t i = 0; i < 2; i++) {
		long a = word_find(s, n, 0, asks[i]);
		while (a >= 0) {
			int theo = a >= 5 && (memcmp(s + a - 5, "theo ", 5) == 0 || memcmp(s + a - 4, "xet ", 4) == 0);
			size_t q = (size_t)a + strlen(asks[i]);
			if (!theo && (q >= n || !starts_with(s + q + 1, "cua"))) {
				struct jv *t2 = jv_array(d->jv);
				units_at(d, buf_str(&p->text), p->utf8_ok, &p->f, q, t2);
				size_t k2 = jv_size(t2);
				if (k2)
					return a;
			}
			a = word_find(s, n, q, asks[i]);
		}
	}
	return -1;
}

/* "họp" (not "hợp": folding would confuse them), "hội nghị" or a working session ("buổi làm
 * việc", "làm việc với"): a meeting. */
static int mentions_meeting(const struct ex_par *p)
{
	const char *t = buf_str(&p->text);
	return strstr(t, "họp") || strstr(t, "Họp") || strstr(t, "HỌP") ||
	       word_find(p->f.fold, p->f.flen, 0, "hoi nghi") >= 0 ||
	       word_find(p->f.fold, p->f.flen, 0, "buoi lam viec") >= 0 ||
	       word_find(p->f.fold, p->f.flen, 0, "lam viec voi") >= 0 ||
	       /* a site visit ("đã kiểm tra tiến độ dự án") where the conclusions were given */
	       word_find(p->f.fold, p->f.flen, 0, "buoi kiem tra") >= 0 ||
	       word_find(p->f.fold, p->f.flen, 0, "da kiem tra") >= 0;
}

/* Does s start with a lower-case letter? (Capitalising the first letter changes it.) */
static int starts_lower(const char *s, size_t n)
{
	uint32_t cp;
	size_t k = ex_utf8_next(s, n, &cp);
	struct buf b = BUF_INIT;
	ex_add_capitalized(&b, s, k);
	int lower = k > 0 && (b.len != k || memcmp(b.ptr, s, k) != 0);
	buf_release(&b);
	return lower;
}

/* Titles after a name: ", Ủy viên ..., Bí thư Thành ủy" up to ";" or "chủ trì". */
static struct jv *titles_after(struct arena *a, const char *text, const struct ex_fold *f, size_t p,
			       size_t stop)
{
	struct jv *titles = jv_array(a);
	while (p < stop && (f->fold[p] == ',' || f->fold[p] == ' '))
		p++;
	size_t b = p;
	for (size_t q = p; q <= stop; q++) {
		if (q == stop || f->fold[q] == ',' || f->fold[q] == ';') {
			size_t ob = f->map[b], oe = f->map[q];
			ex_trim(text, &ob, &oe, ",;.");
			/* a title starts with a capital; a part in lower case is the sentence going
			 * on (", nghe báo cáo ...") */
			if (oe > ob && starts_lower(text + ob, oe - ob))
				break;
			if (oe > ob)
				jv_append(titles, jv_strn(a, text + ob, oe - ob));
			if (q == stop || f->fold[q] == ';')
				break;
			b = q + 1;
		}
	}
	return titles;
}

/* A name starting at fold offset p (2-5 capitalised words): its end, or 0. */
static size_t name_at(const char *text, const struct ex_fold *f, size_t p, char **name)
{
	size_t q = p, best = 0;
	*name = NULL;
	for (int w = 0; w < 5 && q < f->flen; w++) {
		size_t we = q;
		while (we < f->flen && is_word(f->fold[we]))
			we++;
		if (we == q)
			break;
		if (w >= 1) {
			char *nm = ex_person_name(text, f->map[p], f->map[we], 0);
			if (nm) {
				free(*name);
				*name = nm;
				best = we;
			}
		}
		if (we >= f->flen || f->fold[we] != ' ')
			break;
		q = we + 1;
	}
	return best;
}

static void meeting_of(struct ex_doc *d, struct jv *out, size_t upto)
{
	struct jv *meeting = jv_object(d->jv);
	struct jv *chairs = jv_array(d->jv);
	char iso[11] = "";
	for (size_t i = 0; i < upto && i < d->npars && i < 6; i++) {
		const struct ex_par *p = &d->pars[i];
		if (!mentions_meeting(p))
			continue;
		struct ex_when w;
		size_t from = 0;
		while (ex_when_find(p->f.fold, p->f.flen, from, d->year_ctx, &w) == 0) {
			if (w.kind == EXW_DATE) {
				ex_when_iso(w.y, w.m, w.d, iso);
				break;
			}
			from = w.end;
		}
		if (!iso[0])
			continue;
		/* the chairs: "chủ trì" in the same paragraph */
		const char *text = buf_str(&p->text);
		const struct ex_fold *f = &p->f;
		long ct = word_find(f->fold, f->flen, 0, "chu tri");
		if (ct >= 0) {
			size_t c = (size_t)ct, s0, s1;
			int after = 0;
			if (c + 8 <= f->flen &&
			    (starts_with(f->fold + c + 8, "cua") || starts_with(f->fold + c + 8, "boi"))) {
				/* "dưới sự chủ trì của đồng chí X, titles; đồng chí Y, ..." */
				after = 1;
				s0 = c + 11;
				s1 = s0;
				while (s1 < f->flen && f->fold[s1] != '.')
					s1++;
			} else {
				s1 = c;
				/* "... đồng chủ trì": "đồng" is not part of the last title */
				if (s1 >= 5 && memcmp(f->fold + s1 - 5, "dong ", 5) == 0 &&
				    (s1 == 5 || !is_word(f->fold[s1 - 6])))
					s1 -= 5;
				s0 = c;
				while (s0 > 0 && f->fold[s0 - 1] != '.')
					s0--;
			}
			int found = 0;
			for (long dc = word_find(f->fold, s1, s0, "dong chi"); dc >= 0;
			     dc = word_find(f->fold, s1, (size_t)dc + 8, "dong chi")) {
				char *name;
				size_t e = name_at(text, f, (size_t)dc + 9, &name);
				if (!e)
					continue;
				size_t stop = e;
				while (stop < s1 && f->fold[stop] != ';')
					stop++;
				/* "đồng chí X, Bí thư Thành ủy và đồng chí Y, ...": X's titles end at Y */
				long next = word_find(f->fold, stop, e, "dong chi");
				if (next >= 0) {
					stop = (size_t)next;
					while (stop > e && f->fold[stop - 1] == ' ')
						stop--;
					if (stop >= e + 3 && memcmp(f->fold + stop - 3, " va", 3) == 0)
						stop -= 3;
				}
				struct jv *chair = jv_object(d->jv);
				jv_set(chair, "name", jv_str(d->jv, name));
				jv_set(chair, "titles", titles_after(d->jv, text, f, e, stop));
				jv_append(chairs, chair);
				free(name);
				found = 1;
			}
			if (!found && !after) {
				/* "Phó Chủ tịch UBND tỉnh Võ Phiên chủ trì": the name just before */
				size_t e = c;
				while (e > s0 && f->fold[e - 1] == ' ')
					e--;
				for (size_t b2 = s0; b2 < e; b2++) {
					if (b2 > 0 && is_word(f->fold[b2 - 1]))
						continue;
					char *nm = ex_person_name(text, f->map[b2], f->map[e], 0);
					if (nm) {
						struct jv *chair = jv_object(d->jv);
						jv_set(chair, "name", jv_str(d->jv, nm));
						struct jv *titles = jv_array(d->jv);
						size_t tb = s0;
						/* skip a leading date clause "Ngày 03/01/2025," */
						for (size_t k = s0; k < b2; k++)
							if (f->fold[k] == ',')
								tb = k + 1;
						size_t ob = f->map[tb], oe = f->map[b2];
						ex_trim(text, &ob, &oe, ",;.");
						if (oe > ob)
							jv_append(titles, jv_strn(d->jv, text + ob, oe - ob));
						jv_set(chair, "titles", titles);
						jv_append(chairs, chair);
						free(nm);
						break;
					}
				}
			}
		}
		break;
	}
	jv_set(meeting, "date", iso[0] ? jv_str(d->jv, iso) : jv_null());
	jv_set(meeting, "chairs", chairs);
	jv_set(out, "meeting", meeting);
	if (!d->year_ctx && iso[0])
		d->year_ctx = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
}

struct period {
	int have;
	char text[160], dtext[200];
	char from[11], to[11];
};

/* "quý II năm 2021" anywhere in the subject of a plan or notice (a year alone is too vague). */
static void period_subject(const char *text, const struct ex_fold *f, struct period *pr)
{
	struct ex_when w;
	size_t from = 0;
	while (ex_when_find(f->fold, f->flen, from, 0, &w) == 0) {
		if (w.kind == EXW_MONTH || w.kind == EXW_QUARTER || w.kind == EXW_HALF) {
			pr->have = 1;
			size_t ob = f->map[w.start], oe = f->map[w.end];
			ex_copy(pr->text, sizeof(pr->text), text + ob, (int)(oe - ob));
			ex_copy(pr->dtext, sizeof(pr->dtext), text + ob, (int)(oe - ob));
			ex_when_iso(w.fy, w.fm, w.fd, pr->from);
			ex_when_iso(w.y, w.m, w.d, pr->to);
			return;
		}
		from = w.end;
	}
}

/* "trong tháng 3 năm 2021" in the lead-in paragraph (or the subject). */
static void period_in(const char *text, const struct ex_fold *f, struct period *pr)
{
	for (long t = word_find(f->fold, f->flen, 0, "trong"); t >= 0;
	     t = word_find(f->fold, f->flen, (size_t)t + 5, "trong")) {
		struct ex_when w;
		size_t q = (size_t)t + 6;
		if (q < f->flen && ex_when_at(f->fold, f->flen, q, 0, &w) == 0 &&
		    (w.kind == EXW_MONTH || w.kind == EXW_QUARTER || w.kind == EXW_HALF || w.kind == EXW_YEAR)) {
			pr->have = 1;
			size_t ob = f->map[q], oe = f->map[w.end];
			ex_copy(pr->text, sizeof(pr->text), text + ob, (int)(oe - ob));
			ex_copy(pr->dtext, sizeof(pr->dtext), text + f->map[t], (int)(oe - f->map[t]));
			ex_when_iso(w.fy, w.fm, w.fd, pr->from);
			ex_when_iso(w.y, w.m, w.d, pr->to);
			return;
		}
	}
}

struct task {
	size_t par;
	long parent;
	int depth;
	char id[64];
	struct jv *deadline_date; /* borrowed: "date" string of this task's deadline or NULL */
	char dl_text[200];
	char dl_date[11];
	int dl_by;
	int nchild; /* unlabeled sub-tasks made so far */
	char key[24];
};

/* snprintf(id, 64, "%.40s.%.20s", parent, key) */
static void id_join(char id[64], const char *parent, const char *parent_key, const char *key)
{
	/* a decimal label repeats its parent's ("2.1." under "2."): the id takes the new part */
	size_t pk = strlen(parent_key);
	if (pk && strncmp(key, parent_key, pk) == 0 && key[pk] == '.' && key[pk + 1])
		key += pk + 1;
	size_t a = strnlen(parent, 40), b = strnlen(key, 20);
	memmove(id, parent, a);
	id[a] = '.';
	memmove(id + a + 1, key, b);
	id[a + 1 + b] = '\0';
}

static int task_id_cmp(const void *a, const void *b)
{
	const struct task *const *x = a, *const *y = b;
	int c = strcmp((*x)->id, (*y)->id);
	return c ? c : ((*x)->par < (*y)->par ? -1 : (*x)->par > (*y)->par);
}

/* Ids are unique: a later list with the same labels gets "-N" (sorting keeps it n log n). */
static void unique_ids(struct task *t, size_t n)
{
	if (n < 2)
		return;
	struct task **v = xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = &t[i];
	qsort(v, n, sizeof(*v), task_id_cmp);
	for (size_t i = 1; i < n; i++) {
		size_t k = 1;
		while (i < n && strcmp(v[i]->id, v[i - k]->id) == 0) {
			size_t l = strlen(v[i]->id);
			char suf[24];
			snprintf(suf, sizeof(suf), "-%zu", k + 1);
			if (l + strlen(suf) < sizeof(v[i]->id))
				memcpy(v[i]->id + l, suf, strlen(suf) + 1);
			i++, k++;
		}
	}
	free(v);
}

/* A task text's fold: its paragraph's fold, then " " and the fold of each paragraph its extra
 * text was made of (from x on, through next); folded afresh when the text starts with an
 * assignment made capital (plain) or is not exactly that (over its cap). */
static void task_fold(const struct ex_doc *d, struct ex_fold *tf, const struct buf *text,
		      const struct ex_par *p, int plain, long x, const long *next)
{
	if (!plain && x < 0 && p->text.len == text->len) {
		/* the paragraph's text as it is: its fold, lent (the caller does not release it) */
		*tf = p->f;
		return;
	}
	if (plain || p->text.len > text->len) {
		ex_fold_init(tf, buf_str(text), text->len);
		return;
	}
	ex_fold_reserve(tf, text->len);
	ex_fold_append(tf, &p->f, 0, 0);
	size_t pos = p->text.len;
	for (; x >= 0; x = next[x]) {
		const struct ex_par *q = &d->pars[x];
		if (pos + 1 + q->text.len > text->len) {
			pos = text->len + 1;
			break;
		}
		ex_fold_append_space(tf, pos);
		ex_fold_append(tf, &q->f, 0, pos + 1);
		pos += 1 + q->text.len;
	}
	if (pos != text->len) {
		ex_fold_release(tf);
		ex_fold_init(tf, buf_str(text), text->len);
		return;
	}
	ex_fold_finish(tf, text->len);
}

/* ---- tasks written as a table (table.c finds them; here they become task objects) ---- */

/* Mark the reader lines of each task table (header, group and task rows, the cells of the
 * last row): from each task row back and forth while the lines stay in one table, i.e. are
 * table lines whose row number does not go back. */
static char *table_marks(const struct rd_doc *rd, const struct ex_table_list *tl)
{
	char *mark = xcalloc(rd->nlines ? rd->nlines : 1, 1);
	for (size_t k = 0; k < tl->n; k++) {
		size_t l = tl->v[k].line;
		if (l >= rd->nlines || mark[l])
			continue;
		size_t a = l, b = l;
		while (a > 0 && (rd->lines[a - 1].flags & RD_TABLE) && rd->lines[a - 1].row <= rd->lines[a].row)
			a--;
		while (b + 1 < rd->nlines && (rd->lines[b + 1].flags & RD_TABLE) &&
		       rd->lines[b + 1].row >= rd->lines[b].row)
			b++;
		memset(mark + a, 1, b - a + 1);
	}
	return mark;
}

/* Drop the paragraphs made of task-table lines: the table gives those tasks, and its rows
 * must neither become list items ("I. LĨNH VỰC KINH TẾ") nor continue a task above. */
static void drop_table_pars(struct ex_doc *d, const char *mark)
{
	size_t w = 0;
	for (size_t i = 0; i < d->npars; i++) {
		struct ex_par *p = &d->pars[i];
		size_t l = p->line0 < d->nlines ? (size_t)d->lines[p->line0].row - 1 : 0;
		if (p->line0 < d->nlines && l < d->rd->nlines && mark[l]) {
			buf_release(&p->text);
			ex_fold_release(&p->f);
			continue;
		}
		if (w != i)
			d->pars[w] = *p;
		w++;
	}
	d->npars = w;
}

/* Units of a "Chủ trì" / "Phối hợp" cell: each "; " piece (table.c joins a cell's separate
 * lines so) is read as a unit list; a piece the list reader does not take whole is a unit as
 * written ("UBND các xã, phường"). */
static void cell_units(const struct ex_doc *d, const char *cell, struct jv *arr, struct jv *except)
{
	const char *s = cell;
	while (*s) {
		const char *e = strstr(s, "; ");
		size_t n = e ? (size_t)(e - s) : strlen(s);
		size_t b = 0, z = n;
		ex_trim(s, &b, &z, " ,;:.-");
		if (z > b) {
			struct ex_fold f;
			struct jv *tmp = jv_array(d->jv);
			ex_fold_init(&f, s + b, z - b);
			size_t end = ex_units_at(d, s + b, &f, 0, tmp);
			while (end < f.flen && strchr(" ,;.", f.fold[end]))
				end++;
			if (end < f.flen || jv_size(tmp) == 0) {
				jv_clear(tmp);
				struct buf c = BUF_INIT;
				uint32_t cp;
				size_t k = ex_utf8_next(s + b, z - b, &cp);
				ex_add_capitalized(&c, s + b, k);
				buf_add(&c, s + b + k, z - b - k);
				jv_append(tmp, jv_str(d->jv, buf_str(&c)));
				buf_release(&c);
			}
			size_t i;
			struct jv *v;
			jv_array_foreach(tmp, i, v)
			{
				if (!except || !has_str(except, jv_string(v)))
					add_unique_v(arr, v);
			}
			ex_fold_release(&f);
		}
		s += n;
		if (*s)
			s += 2;
	}
}

struct ttask {
	char id[64];
	char label[24];
	int table;
	const char *dl_text; /* borrowed from the task list, NULL when none */
	char dl_date[11];
	int dl_by;
};

/* The deadline of a "Thời hạn" cell: a deadline phrase ("Trước ngày 15/5", "Thường xuyên"),
 * else the first date or period in it ("Tháng 4/2025", "Quý III/2025", "30/6/2025"). */
static struct jv *cell_deadline(const struct ex_doc *d, const char *cell, struct ttask *t)
{
	struct ex_fold f;
	struct ex_when w;
	struct jv *dl = NULL;
	ex_fold_init(&f, cell, strlen(cell));
	if (f.flen && (ex_deadline_find(f.fold, f.flen, d->year_ctx, &w) == 0 ||
		       ex_when_find(f.fold, f.flen, 0, d->year_ctx, &w) == 0)) {
		dl = when_json(d, &w, cell, t->dl_date);
		if (w.kind != EXW_RECUR) {
			t->dl_by = 1;
			t->dl_text = cell;
		}
	}
	ex_fold_release(&f);
	return dl;
}

static long ttask_find(const struct ttask *v, size_t n, int table, const char *label)
{
	for (size_t k = n; k-- > 0;)
		if (v[k].table == table && strcmp(v[k].label, label) == 0)
			return (long)k;
	return -1;
}

/* One task object per table row; a numbered heading row ("1" over "1.1", "a") is the parent
 * of the rows under it. Ids are the label path; "PLn." (Phụ lục n) goes before them when the
 * body has tasks of its own or there are several tables; a repeated id gets "-N". */
static struct jv *table_task_objects(const struct ex_doc *d, const struct ex_table_list *tl, int prefix,
				     const struct period *pr)
{
	struct jv *arr = jv_array(d->jv);
	struct ttask *v = xcalloc(tl->n + 1, sizeof(*v));
	int counter = 0, last_table = -1;
	for (size_t k = 0; k < tl->n; k++) {
		const struct ex_table_task *r = &tl->v[k];
		struct ttask *t = &v[k];
		if (r->table != last_table)
			counter = 0, last_table = r->table;
		counter++;
		t->table = r->table;
		if (*r->label)
			ex_copy(t->label, sizeof(t->label), r->label, -1);
		else
			snprintf(t->label, sizeof(t->label), "%d", counter);
		/* the parent is the latest row of this table with the parent's label */
		long par = *r->parent ? ttask_find(v, k, r->table, r->parent) : -1;
		size_t pl = par >= 0 ? strlen(v[par].label) : 0;
		char id[64];
		if (par >= 0 && strncmp(t->label, v[par].label, pl) == 0 && t->label[pl] == '.')
			snprintf(id, sizeof(id), "%.30s%.20s", v[par].id, t->label + pl); /* "1" + ".2" */
		else if (par >= 0)
			snprintf(id, sizeof(id), "%.30s.%.20s", v[par].id, t->label); /* "1" + "a" */
		else {
			/* under a section row ("A", "II"), whose numbering restarts: "A.1", "B.1" */
			char sec[16] = "";
			if (par < 0 && *r->parent && strlen(r->parent) < 8 && !strchr(r->parent, ' '))
				snprintf(sec, sizeof(sec), "%s.", r->parent);
			if (prefix)
				snprintf(id, sizeof(id), "PL%d.%s%.20s", r->table + 1, sec, t->label);
			else
				snprintf(id, sizeof(id), "%s%.20s", sec, t->label);
		}
		char base[64];
		memcpy(base, id, sizeof(id));
		for (int dup = 2; dup < 100000; dup++) {
			size_t j = 0;
			while (j < k && strcmp(v[j].id, id) != 0)
				j++;
			if (j == k)
				break;
			snprintf(id, sizeof(id), "%.50s-%d", base, dup);
		}
		memcpy(t->id, id, sizeof(id));
		struct jv *o = jv_object(d->jv);
		jv_set(o, "id", jv_str(d->jv, t->id));
		jv_set(o, "label", jv_str(d->jv, t->label));
		jv_set(o, "parent", par >= 0 ? jv_str(d->jv, v[par].id) : jv_null());
		jv_set(o, "line", jv_int(d->jv, (long long)r->line + 1));
		jv_set(o, "text", jv_str(d->jv, r->content));
		struct jv *lead = jv_array(d->jv), *supp = jv_array(d->jv), *sugg = jv_array(d->jv),
			  *topics = jv_array(d->jv);
		struct ex_fold tf;
		ex_fold_init(&tf, r->content, strlen(r->content));
		cell_units(d, r->lead, lead, NULL);
		cell_units(d, r->support, supp, lead);
		if (jv_size(lead) == 0 && jv_size(supp) == 0)
			task_units(d, r->content, 0, &tf, lead, supp);
		struct ex_words tw = {0};
		ex_words_of(&tw, tf.fold, tf.flen);
		topics_of(d, &tf, &tw, topics, sugg);
		ex_words_release(&tw);
		ex_fold_release(&tf);
		jv_set(o, "lead_units", lead);
		jv_set(o, "supporting_units", supp);
		jv_set(o, "suggested_units", sugg);
		struct jv *dl = cell_deadline(d, r->deadline, t);
		if (!dl && par >= 0 && v[par].dl_by) {
			dl = deadline_json(d, v[par].dl_text, v[par].dl_date[0] ? v[par].dl_date : NULL, "by",
					   1, NULL);
			t->dl_by = 1;
			t->dl_text = v[par].dl_text;
			memcpy(t->dl_date, v[par].dl_date, sizeof(t->dl_date));
		} else if (!dl && pr->have) {
			dl = deadline_json(d, pr->dtext, pr->to, "by", 1, NULL);
		} else if (!dl) {
			dl = deadline_json(d, NULL, NULL, "none", 0, NULL);
		}
		jv_set(o, "deadline", dl);
		jv_set(o, "topics", topics);
		jv_append(arr, o);
	}
	free(v);
	return arr;
}

/* Items under a unit heading ("1. Sở Tài chính:" over "- Chủ trì ...", "- Rà soát ...") are
 * that unit's work: an item that names no lead unit of its own takes the heading's. */
static void inherit_heading_units(struct jv *arr)
{
	size_t n = jv_size(arr);
	for (size_t k = 0; k < n; k++) {
		struct jv *t = jv_at(arr, k);
		const char *pid = jv_string(jv_get(t, "parent"));
		struct jv *lead = jv_get(t, "lead_units");
		if (!pid || jv_size(lead) > 0)
			continue;
		for (size_t j = k; j-- > 0;) {
			struct jv *p = jv_at(arr, j);
			if (strcmp(jv_string(jv_get(p, "id")), pid) != 0)
				continue;
			const char *pt = jv_string(jv_get(p, "text"));
			size_t pl = pt ? strlen(pt) : 0;
			struct jv *plead = jv_get(p, "lead_units");
			if (pl && pt[pl - 1] == ':' && jv_size(plead) > 0) {
				size_t i;
				struct jv *v;
				jv_array_foreach(plead, i, v)
				{
					add_unique_v(lead, v);
				}
			}
			break;
		}
	}
}

/* Body tasks and table tasks in document order (both lists are in line order). */
static struct jv *merge_by_line(struct jv *a, struct jv *b)
{
	struct jv *out = jv_array(jv_arena(a));
	size_t i = 0, j = 0, na = jv_size(a), nb = jv_size(b);
	while (i < na || j < nb) {
		struct jv *x = i < na ? jv_at(a, i) : NULL, *y = j < nb ? jv_at(b, j) : NULL;
		int take_a = x && (!y || jv_integer(jv_get(x, "line")) <= jv_integer(jv_get(y, "line")));
		jv_append(out, take_a ? x : y);
		take_a ? i++ : j++;
	}
	return out;
}

void ex_body(struct ex_doc *d, struct jv *out)
{
	build_pars(d);
	struct ex_table_list tl;
	ex_table_tasks(d->rd, &tl);
	if (tl.n) {
		char *mark = table_marks(d->rd, &tl);
		drop_table_pars(d, mark);
		free(mark);
	}
	/* nesting depths from the order labels appear in */
	enum ex_label stack[MAX_DEPTH];
	int sd = 0;
	long last_labeled = -1;
	for (size_t i = 0; i < d->npars; i++) {
		struct ex_par *p = &d->pars[i];
		if (p->kind != LB_NONE)
			last_labeled = (long)i;
		if (p->kind == LB_NONE) {
			if (p->ends_colon && sd > 0 && d->pars[i].f.flen > 0) {
				/* a lead-in sentence ("... như sau:") starts a fresh list unless it
				 * belongs to an item above (it then ends in a colon too) */
				int inside = last_labeled >= 0 && d->pars[last_labeled].ends_colon;
				if (!inside) {
					/* keep the enclosing article or section */
					int keep = 0;
					for (int k = 0; k < sd; k++)
						if (stack[k] == LB_DIEU || stack[k] == LB_ROMAN || stack[k] == LB_PART)
							keep = k + 1;
					sd = keep;
				}
			}
			continue;
		}
		int found = -1;
		for (int k = 0; k < sd; k++)
			if (stack[k] == p->kind)
				found = k;
		if (found >= 0) {
			sd = found + 1;
			p->depth = found;
		} else if (sd < MAX_DEPTH) {
			p->depth = sd;
			stack[sd++] = p->kind;
		} else {
			p->depth = MAX_DEPTH - 1;
		}
	}
	/* operative sections: when Roman/Part headings exist and some is operative */
	int any_op = 0, any_sec = 0;
	for (size_t i = 0; i < d->npars; i++)
		if (d->pars[i].kind == LB_ROMAN || d->pars[i].kind == LB_PART) {
			any_sec = 1;
			any_op |= operative_heading(&d->pars[i].f);
		}
	/* candidates */
	size_t *cand = xcalloc(d->npars ? d->npars : 1, sizeof(size_t));
	size_t nc = 0;
	int in_op = !(any_sec && any_op);
	int skip_depth = -1;
	long first_op_sec = -1; /* the first operative section heading ("II. NHIỆM VỤ ...") */
	for (size_t i = 0; i < d->npars; i++) {
		struct ex_par *p = &d->pars[i];
		if (p->kind == LB_NONE)
			continue;
		if (p->kind == LB_ROMAN || p->kind == LB_PART) {
			if (any_sec && any_op)
				in_op = operative_heading(&p->f);
			if (in_op && first_op_sec < 0)
				first_op_sec = (long)i;
			skip_depth = -1;
			continue;
		}
		if (skip_depth >= 0 && p->depth > skip_depth)
			continue;
		skip_depth = -1;
		if (!in_op)
			continue;
		if (not_a_task(p)) {
			skip_depth = p->depth;
			continue;
		}
		/* a field line right under an item (or under its other field lines) tells the
		 * item's units or deadline; it is no task of its own */
		size_t fat;
		int fk;
		if (nc && d->pars[cand[nc - 1]].depth < p->depth && (fk = field_line(p, &fat)) != EX_FIELD_NONE) {
			size_t host = cand[nc - 1], q = host + 1;
			while (q < i && (d->pars[q].field || d->pars[q].kind == LB_NONE))
				q++;
			if (q == i) {
				p->field = fk;
				p->field_of = host;
				p->field_at = fat;
				continue;
			}
		}
		cand[nc++] = i;
	}
	/* top level = the shallowest candidate depth */
	int top = MAX_DEPTH;
	for (size_t k = 0; k < nc; k++)
		if (d->pars[cand[k]].depth < top)
			top = d->pars[cand[k]].depth;
	/* room for every candidate item, or (only when there is none: every candidate becomes a
	 * task) for the up to 64 plain-paragraph assignments below */
	struct task *tasks = xcalloc(nc ? nc : 64, sizeof(*tasks));
	size_t nt = 0;
	long open[MAX_DEPTH + 1];
	int counters[MAX_DEPTH + 1][1];
	for (int k = 0; k <= MAX_DEPTH; k++)
		open[k] = -1, counters[k][0] = 0;
	for (size_t k = 0; k < nc; k++) {
		struct ex_par *p = &d->pars[cand[k]];
		if (p->depth < top)
			continue;
		struct task *t = &tasks[nt];
		t->par = cand[k];
		t->depth = p->depth;
		t->parent = -1;
		for (int up = p->depth - 1; up >= top; up--)
			if (open[up] >= 0) {
				t->parent = open[up];
				break;
			}
		for (int dd = p->depth; dd <= MAX_DEPTH; dd++)
			if (dd > p->depth)
				open[dd] = -1, counters[dd][0] = 0;
		open[p->depth] = (long)nt;
		counters[p->depth][0]++;
		char key[24];
		if (p->key[0])
			ex_copy(key, sizeof(key), p->key, -1);
		else
			snprintf(key, sizeof(key), "%d", counters[p->depth][0]);
		char id[64];
		if (t->parent >= 0)
			id_join(id, tasks[t->parent].id, tasks[t->parent].key, key);
		else
			ex_copy(id, sizeof(id), key, -1);
		memcpy(t->id, id, sizeof(id));
		memcpy(t->key, key, sizeof(key));
		p->task = (long)nt;
		nt++;
	}
	free(cand);
	/* unique ids: top level first, then the children's ids follow their parents' */
	{
		struct task **tops = xcalloc(nt + 1, sizeof(*tops));
		size_t ntop = 0;
		for (size_t k = 0; k < nt; k++)
			if (tasks[k].parent < 0)
				tops[ntop++] = &tasks[k];
		struct task *tt = xcalloc(ntop + 1, sizeof(*tt));
		for (size_t k = 0; k < ntop; k++)
			tt[k] = *tops[k];
		unique_ids(tt, ntop);
		for (size_t k = 0; k < ntop; k++)
			memcpy(tops[k]->id, tt[k].id, sizeof(tt[k].id));
		free(tt);
		free(tops);
		for (size_t k = 0; k < nt; k++)
			if (tasks[k].parent >= 0) {
				char id[64];
				id_join(id, tasks[tasks[k].parent].id, tasks[tasks[k].parent].key, tasks[k].key);
				memcpy(tasks[k].id, id, sizeof(id));
			}
		unique_ids(tasks, nt);
	}
	/* no list items: assignments in plain paragraphs ("giao Sở X chủ trì ...") */
	const char *tcode = NULL;
	struct jv *type = jv_get(out, "type");
	if (jv_is_object(type))
		tcode = jv_string(jv_get(type, "code"));
	int plain_ok = !tcode || !(strcmp(tcode, "TTr") == 0 || strcmp(tcode, "BC") == 0 ||
				   strcmp(tcode, "BB") == 0 || strcmp(tcode, "GM") == 0 || strcmp(tcode, "NĐ") == 0);
	long plain_start[64] = {0};
	if (nt == 0 && plain_ok) {
		for (size_t i = 0; i < d->npars && nt < 64; i++) {
			long a = assignment_start(d, &d->pars[i]);
			if (a < 0)
				continue;
			struct task *t = &tasks[nt];
			t->par = i;
			t->parent = -1;
			snprintf(t->id, sizeof(t->id), "%zu", nt + 1);
			plain_start[nt] = a;
			d->pars[i].task = (long)nt;
			nt++;
		}
	}
	/* continuation paragraphs belong to the item above when another item follows */
	size_t last_task_par = 0;
	for (size_t i = 0; i < d->npars; i++)
		if (d->pars[i].task >= 0)
			last_task_par = i;
	size_t first_task_par = nt ? tasks[0].par : d->npars;
	d->first_task_par = first_task_par;
	for (size_t i = 0; i < d->npars; i++)
		d->pars[i].task = -1;
	for (size_t k = 0; k < nt; k++)
		d->pars[tasks[k].par].task = (long)k;
	/* Unlabeled paragraphs between items: under a heading-like item ("1. Cục Thuế tỉnh")
	 * each is a sub-task; under a sentence item they continue its text. */
	/* every entry below nf is written before it is read: no need to clear them all */
	struct task *fin = xreallocarray(NULL, nt + d->npars + 1, sizeof(*fin));
	long *remap = xcalloc(nt + 1, sizeof(long));
	size_t nf = 0;
	/* per final task: extra text (the paragraphs that continue it) */
	struct buf *extra = xcalloc(nt + d->npars + 1, sizeof(*extra));
	/* per final task, the paragraphs its extra text is made of (for its fold): a list
	 * through xnext (by paragraph), -1 ends it */
	long *xhead = xmalloc((nt + d->npars + 1) * sizeof(long)), *xtail = xmalloc((nt + d->npars + 1) * sizeof(long));
	long *xnext = xmalloc((d->npars + 1) * sizeof(long));
	long curt = -1; /* final index of the item above */
	int labeled = nt && d->pars[tasks[0].par].kind != LB_NONE;
	for (size_t i = 0; i < d->npars; i++) {
		struct ex_par *p = &d->pars[i];
		if (p->task >= 0) {
			struct task *t = &tasks[p->task];
			remap[p->task] = (long)nf;
			fin[nf] = *t;
			fin[nf].parent = t->parent >= 0 ? remap[t->parent] : -1;
			p->task = (long)nf;
			xhead[nf] = xtail[nf] = -1;
			curt = (long)nf++;
			continue;
		}
		if (!labeled || i < first_task_par)
			continue;
		if (p->kind != LB_NONE) {
			curt = -1; /* an item that is not a task (section heading) */
			continue;
		}
		if (curt < 0)
			continue;
		const struct ex_par *cp = &d->pars[fin[curt].par];
		char last = cp->text.len ? cp->text.ptr[cp->text.len - 1] : '.';
		int heading = cp->kind != LB_NONE && cp->text.len < 120 && last != '.' && last != ';';
		/* after the last item only a heading's own paragraphs follow, up to a closing one */
		if (i > last_task_par && (!heading || closing_par(p) || i > last_task_par + 6)) {
			curt = -1;
			continue;
		}
		if (heading) {
			struct task *c = &fin[nf];
			memset(c, 0, sizeof(*c));
			c->par = i;
			c->parent = curt;
			c->depth = fin[curt].depth + 1;
			int nchild = ++fin[curt].nchild;
			char id[64];
			snprintf(id, sizeof(id), "%.40s.%d", fin[curt].id, nchild);
			memcpy(c->id, id, sizeof(id));
			p->task = (long)nf;
			xhead[nf] = xtail[nf] = -1;
			nf++;
			continue;
		}
		xnext[i] = -1;
		if (xtail[curt] >= 0)
			xnext[xtail[curt]] = (long)i;
		else
			xhead[curt] = (long)i;
		xtail[curt] = (long)i;
		/* text that is not valid UTF-8 (a line cut at its cap) is left out */
		if (p->utf8_ok || jv_utf8_valid(buf_str(&p->text), p->text.len)) {
			buf_addch(&extra[curt], ' ');
			buf_add(&extra[curt], buf_str(&p->text), p->text.len);
		}
	}
	free(tasks);
	free(remap);
	tasks = fin;
	nt = nf;
	/* meeting and period from the paragraphs before the tasks */
	meeting_of(d, out, first_task_par ? first_task_par : d->npars);
	struct period pr = {0};
	if (nt && first_task_par > 0) {
		for (size_t back = first_task_par; back-- > 0 && !pr.have;) {
			const struct ex_par *p = &d->pars[back];
			if (p->kind != LB_NONE)
				break;
			period_in(buf_str(&p->text), &p->f, &pr);
			if (first_task_par - back >= 1)
				break;
		}
	}
	if (!pr.have) {
		const char *subj = jv_string(jv_get(out, "subject"));
		if (subj) {
			struct ex_fold sf;
			ex_fold_init(&sf, subj, strlen(subj));
			period_in(subj, &sf, &pr);
			/* a plan's subject names its period ("nhiệm vụ trọng tâm quý II năm 2021") */
			if (!pr.have && (word_find(sf.fold, sf.flen, 0, "nhiem vu") >= 0 ||
					 (tcode && (strcmp(tcode, "KH") == 0 || strcmp(tcode, "CTr") == 0))))
				period_subject(subj, &sf, &pr);
			ex_fold_release(&sf);
		}
	}
	/* the operative section's heading names the period ("II. NHIỆM VỤ TRỌNG TÂM THÁNG 12 NĂM
	 * 2025") */
	if (!pr.have && first_op_sec >= 0 && (size_t)first_op_sec < first_task_par) {
		const struct ex_par *p = &d->pars[first_op_sec];
		if (word_find(p->f.fold, p->f.flen, 0, "nhiem vu") >= 0 ||
		    word_find(p->f.fold, p->f.flen, 0, "phuong huong") >= 0)
			period_subject(buf_str(&p->text), &p->f, &pr);
		if (pr.have && ex_is_upper_text(pr.text, strlen(pr.text))) {
			/* a heading in capitals: "tháng 12 năm 2025" as a deadline's words */
			struct buf lo = BUF_INIT;
			ex_add_lower(&lo, pr.text, strlen(pr.text));
			ex_copy(pr.text, sizeof(pr.text), buf_str(&lo), -1);
			ex_copy(pr.dtext, sizeof(pr.dtext), buf_str(&lo), -1);
			buf_release(&lo);
		}
	}
	/* a heading over tasks names their period ("2. Nhiệm vụ trọng tâm tháng 12 năm 2025:") */
	for (size_t k = 0; k + 1 < nt && !pr.have; k++) {
		const struct ex_par *p = &d->pars[tasks[k].par];
		char last = p->text.len ? p->text.ptr[p->text.len - 1] : '.';
		if (tasks[k + 1].parent != (long)k || p->text.len > 160 || last == '.' || last == ';')
			continue;
		if (word_find(p->f.fold, p->f.flen, 0, "nhiem vu") >= 0 ||
		    word_find(p->f.fold, p->f.flen, 0, "phuong huong") >= 0)
			period_subject(buf_str(&p->text), &p->f, &pr);
	}
	if (pr.have) {
		struct jv *po = jv_object(d->jv);
		jv_set(po, "text", jv_str(d->jv, pr.text));
		jv_set(po, "from", jv_str(d->jv, pr.from));
		jv_set(po, "to", jv_str(d->jv, pr.to));
		jv_set(out, "period", po);
	} else {
		jv_set(out, "period", jv_null());
	}
	/* the earlier of the meeting and issue dates: no deadline comes before it */
	char ref[11] = "";
	const char *issue = d->issue_date[0] ? d->issue_date : NULL;
	{
		const char *dates[2] = {issue,
					jv_string(jv_get(jv_get(out, "meeting"), "date"))};
		for (int i = 0; i < 2; i++)
			if (dates[i] && strlen(dates[i]) == 10 && (!ref[0] || strcmp(dates[i], ref) < 0))
				memcpy(ref, dates[i], 11);
	}
	/* "..., Sở Tài chính đề nghị UBND các xã, phường:" just before the list: the units its top
	 * items are for when they name none themselves */
	struct jv *leadin = NULL;
	if (nt && first_task_par > 0 && d->pars[first_task_par - 1].kind == LB_NONE) {
		const struct ex_par *lp = &d->pars[first_task_par - 1];
		static const char *const asks[] = {"de nghi", "yeu cau", "giao"};
		long at = -1;
		for (size_t i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
			long x = word_find(lp->f.fold, lp->f.flen, 0, asks[i]);
			size_t e = x < 0 ? 0 : (size_t)x + strlen(asks[i]);
			if (x >= 0 && !starts_with(lp->f.fold + e + (e < lp->f.flen), "cua") &&
			    (at < 0 || (size_t)at > e))
				at = (long)e;
		}
		if (at >= 0 && lp->text.len && lp->text.ptr[lp->text.len - 1] == ':') {
			/* only when the units are all it addresses: they end at the colon */
			struct jv *u = jv_array(d->jv);
			size_t e = units_at(d, buf_str(&lp->text), lp->utf8_ok, &lp->f, (size_t)at, u);
			while (e < lp->f.flen && lp->f.fold[e] == ' ')
				e++;
			if (jv_size(u) && e + 1 == lp->f.flen && lp->f.fold[e] == ':')
				leadin = u;
		}
	}
	/* the task objects */
	struct jv *arr = jv_array(d->jv);
	struct ex_words tw = {0};
	struct jv **idv = arena_alloc(d->jv, (nt ? nt : 1) * sizeof(*idv)); /* the tasks' ids */
	for (size_t k = 0; k < nt; k++) {
		struct task *t = &tasks[k];
		struct ex_par *p = &d->pars[t->par];
		struct buf text = BUF_INIT;
		const char *pt = buf_str(&p->text);
		int plain = !labeled && d->pars[t->par].kind == LB_NONE && k < 64 && plain_start[k] > 0;
		/* the paragraph's text as it is is read where it is (text_own 0: not released) */
		int text_own = plain || extra[k].len > 0;
		if (!text_own) {
			text = p->text;
		} else {
			buf_init(&text, TASK_TEXT_MAX);
			if (plain) {
				size_t ob = p->f.map[plain_start[k]];
				ex_add_capitalized(&text, pt + ob,
						   p->text.len - ob > 3 ? 3 : p->text.len - ob);
				if (p->text.len - ob > 3)
					buf_add(&text, pt + ob + 3, p->text.len - ob - 3);
			} else {
				buf_add(&text, pt, p->text.len);
			}
			buf_add(&text, buf_str(&extra[k]), extra[k].len);
		}
		struct ex_fold tf;
		task_fold(d, &tf, &text, p, plain, xhead[k], xnext);
		int tf_lent = tf.map == p->f.map; /* task_fold lent the paragraph's fold */
		struct jv *o = jv_object(d->jv);
		/* a child's "parent" is its parent's "id" value (made before it), shared */
		idv[k] = jv_str(d->jv, t->id);
		jv_set(o, "id", idv[k]);
		jv_set(o, "label", p->label[0] ? jv_str(d->jv, p->label) : jv_null());
		struct jv *parent = t->parent < 0	  ? jv_null()
				    : t->parent < (long)k ? idv[t->parent]
							  : jv_str(d->jv, tasks[t->parent].id);
		jv_set(o, "parent", parent);
		jv_set(o, "line", jv_int(d->jv, p->row));
		/* the paragraph's text (valid when its lines are) and extra text that was checked */
		jv_set(o, "text",
		       !plain && p->utf8_ok ? jv_strn_utf8(d->jv, buf_str(&text), text.len)
					    : jv_str(d->jv, buf_str(&text)));
		struct jv *lead = jv_array(d->jv), *supp = jv_array(d->jv), *sugg = jv_array(d->jv),
			  *topics = jv_array(d->jv);
		task_units(d, buf_str(&text), !plain && p->utf8_ok, &tf, lead, supp);
		/* the item's field lines: their units, and the first deadline field */
		const struct ex_par *dfield = NULL;
		for (size_t q = t->par + 1; q < d->npars && d->pars[q].task < 0; q++) {
			const struct ex_par *fp = &d->pars[q];
			if (!fp->field || fp->field_of != t->par)
				continue;
			if (fp->field == EX_FIELD_LEAD || fp->field == EX_FIELD_SUPPORT)
				units_at(d, buf_str(&fp->text), fp->utf8_ok, &fp->f, fp->field_at,
					 fp->field == EX_FIELD_LEAD ? lead : supp);
			else if (fp->field == EX_FIELD_DEADLINE && !dfield)
				dfield = fp;
		}
		if (t->parent < 0 && jv_size(lead) == 0 && leadin)
			for (size_t u = 0; u < jv_size(leadin); u++)
				jv_append(lead, jv_at(leadin, u));
		ex_words_of(&tw, tf.fold, tf.flen); /* for the topics and the deadline */
		topics_of(d, &tf, &tw, topics, sugg);
		jv_set(o, "lead_units", lead);
		jv_set(o, "supporting_units", supp);
		jv_set(o, "suggested_units", sugg);
		struct ex_when w;
		struct jv *dl;
		size_t wb, we;
		int own = ex_deadline_find_words(tf.fold, tf.flen, &tw, d->year_ctx, &w) == 0;
		if (own && w.kind != EXW_RECUR && ref[0]) {
			char iso[11];
			ex_when_iso(w.y, w.m, w.d, iso);
			if (iso[0] && strcmp(iso, ref) < 0) {
				/* "trước ngày 9/1" in December is next January; a date with its year
				 * before the meeting or the issue is where things stood ("Đến ngày
				 * 31/10/2025, tỉnh mới giải ngân ..."), not a deadline */
				if (w.tet && w.year_ctx) {
					/* "trước Tết" after this year's Tết: the coming one */
					if (ex_tet_eve(w.tet + 1, &w.y, &w.m, &w.d) == 0) {
						w.tet++;
						w.fy = w.y, w.fm = w.m, w.fd = w.d;
					} else {
						own = 0;
					}
				} else if (w.year_ctx && ex_date_valid(w.y + 1, w.m, w.d))
					w.fy++, w.y++;
				else
					own = 0;
			}
		}
		if (own) {
			size_t ob = tf.map[w.start], oe = tf.map[w.end];
			char dtext[200];
			ex_copy(dtext, sizeof(dtext), buf_str(&text) + ob, (int)(oe - ob));
			dl = when_json(d, &w, dtext, t->dl_date);
			if (w.kind != EXW_RECUR) {
				t->dl_by = 1;
				ex_copy(t->dl_text, sizeof(t->dl_text), dtext, -1);
			}
		} else if (dfield && field_when(d, dfield, &w) == 0) {
			/* "Thời gian hoàn thành: Quý II/2026": the field's value as written */
			const char *ft = buf_str(&dfield->text);
			size_t ob = dfield->f.map[dfield->field_at], oe = dfield->text.len;
			while (oe > ob && (ft[oe - 1] == '.' || ft[oe - 1] == ';' || ft[oe - 1] == ','))
				oe--;
			char dtext[200];
			ex_copy(dtext, sizeof(dtext), ft + ob, (int)(oe - ob));
			dl = when_json(d, &w, dtext, t->dl_date);
			if (w.kind != EXW_RECUR) {
				t->dl_by = 1;
				ex_copy(t->dl_text, sizeof(t->dl_text), dtext, -1);
			}
		} else if (within_from_issue(buf_str(&text), &tf, issue, &wb, &we, t->dl_date) == 0) {
			size_t ob = tf.map[wb], oe = tf.map[we];
			ex_copy(t->dl_text, sizeof(t->dl_text), buf_str(&text) + ob, (int)(oe - ob));
			dl = deadline_json(d, t->dl_text, t->dl_date, "by", 0, NULL);
			t->dl_by = 1;
		} else if (t->parent >= 0 && tasks[t->parent].dl_by) {
			struct task *pt2 = &tasks[t->parent];
			dl = deadline_json(d, pt2->dl_text, pt2->dl_date[0] ? pt2->dl_date : NULL, "by", 1,
					   NULL);
			t->dl_by = 1;
			memcpy(t->dl_text, pt2->dl_text, sizeof(t->dl_text));
			memcpy(t->dl_date, pt2->dl_date, sizeof(t->dl_date));
		} else if (pr.have) {
			dl = deadline_json(d, pr.dtext, pr.to, "by", 1, NULL);
		} else {
			dl = deadline_json(d, NULL, NULL, "none", 0, NULL);
		}
		jv_set(o, "deadline", dl);
		jv_set(o, "topics", topics);
		jv_append(arr, o);
		if (!tf_lent)
			ex_fold_release(&tf);
		if (text_own)
			buf_release(&text);
	}
	ex_words_release(&tw);
	free(xhead);
	free(xtail);
	free(xnext);
	for (size_t k = 0; k < nf; k++)
		buf_release(&extra[k]);
	free(extra);
	free(tasks);
	if (tl.n) {
		arr = merge_by_line(arr, table_task_objects(d, &tl, nt > 0 || tl.ntables > 1, &pr));
		if (tl.truncated)
			ex_warn(d, "task table too large: only the first %d tasks were read", EX_TABLE_MAX_TASKS);
	}
	inherit_heading_units(arr);
	jv_set(out, "tasks", arr);
	if (jv_size(arr) == 0)
		ex_warn(d, "no tasks found");
	ex_table_list_release(&tl);
}
