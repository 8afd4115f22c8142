/* header.c - the document's header: type, number, issuer, place, date, subject */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util/xalloc.h"
#include "when.h"

#define HDR_SCAN 60 /* the header is in the first lines */

static int has(const struct ex_fold *f, const char *w)
{
	return strstr(f->fold, w) != NULL;
}

/* Where a national-motto or Party title anchor starts in the folded piece, or -1. */
static long anchor_at(const struct ex_fold *f)
{
	static const char *const anchors[] = {"cong hoa xa hoi chu nghia", "doc lap - tu do",
					      "doc lap-tu do", "dang cong san viet nam", "doc lap -",
					      "con hoa xa hoi", "cong hoa xa hoi"};
	long best = -1;
	for (size_t i = 0; i < sizeof(anchors) / sizeof(anchors[0]); i++) {
		const char *p = strstr(f->fold, anchors[i]);
		if (p && (best < 0 || p - f->fold < best))
			best = p - f->fold;
	}
	return best;
}

/* Position in the folded piece where "PLACE, ngày" starts (the place), or -1; *ngay gets
 * the offset of "ngay". */
static long place_date_at(const char *text, const struct ex_fold *f, size_t *ngay)
{
	const char *p = f->fold;
	for (;;) {
		const char *q = strstr(p, "ngay");
		if (!q)
			return -1;
		size_t k = (size_t)(q - f->fold);
		/* ", ngay" with a month after it */
		size_t c = k;
		while (c > 0 && f->fold[c - 1] == ' ')
			c--;
		if (c > 0 && f->fold[c - 1] == ',' && strstr(q, "thang")) {
			/* the place: the capitalized words before the comma */
			size_t end = c - 1, b = end;
			size_t words = 0;
			while (b > 0 && words < 6) {
				size_t we = b;
				while (we > 0 && f->fold[we - 1] == ' ')
					we--;
				size_t ws = we;
				while (ws > 0 && f->fold[ws - 1] != ' ')
					ws--;
				if (ws == we)
					break;
				uint32_t cp;
				size_t ob = f->map[ws];
				ex_utf8_next(text + ob, strlen(text + ob), &cp);
				int upper = ex_cp_case(cp) > 0;
				/* "Thành phố Hồ Chí Minh": a lower-case "phố" after "Thành" */
				int connector = (we - ws == 3 && memcmp(f->fold + ws, "pho", 3) == 0) ||
						(we - ws == 1 && f->fold[ws] == '-');
				int letters = 1;
				for (size_t i = ws; i < we; i++)
					if (!((f->fold[i] >= 'a' && f->fold[i] <= 'z') || f->fold[i] == '.' || f->fold[i] == '-'))
						letters = 0;
				if (!letters || (!upper && !connector))
					break;
				b = ws;
				words++;
			}
			if (words > 0) {
				*ngay = k;
				return (long)b;
			}
			*ngay = k;
			return (long)c - 1; /* no readable place */
		}
		p = q + 4;
	}
}

/* Parse the date after "ngay" in a date line; 0 ok. */
static int header_date(const struct ex_fold *f, size_t ngay, int *y, int *m, int *d)
{
	struct ex_when w;
	if (ex_when_at(f->fold, f->flen, ngay, 0, &w) == 0 && w.kind == EXW_DATE) {
		*y = w.y, *m = w.m, *d = w.d;
		return 0;
	}
	return -1;
}

/* Compact a number written with spaces ("11 /TB-UBND"); NULL when it is not readable. */
static char *number_clean(const char *s, size_t n, int *blank, char *code, size_t csz)
{
	struct buf b = BUF_INIT;
	code[0] = '\0';
	*blank = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == ' ')
			continue;
		if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x93 || (unsigned char)s[i + 2] == 0x90)) {
			buf_addch(&b, '-');
			i += 2;
			continue;
		}
		buf_addch(&b, s[i]);
	}
	char *t = buf_detach(&b, NULL);
	size_t len = strlen(t);
	while (len > 0 && strchr(".,;:", t[len - 1]))
		t[--len] = '\0';
	size_t i = 0;
	while (i < len && t[i] >= '0' && t[i] <= '9')
		i++;
	if (i == 0) {
		/* "Số: /TB-UBND", "Số    -TB/TU": left blank for a draft */
		*blank = len > 0 && (t[0] == '/' || t[0] == '-' || t[0] == '.');
		free(t);
		return NULL;
	}
	if (i >= len || (t[i] != '/' && t[i] != '-')) {
		free(t);
		return NULL;
	}
	/* the codes: letters (any script letters allowed), digits, & . - / */
	size_t j = i + 1, letters = 0;
	for (size_t k = j; k < len; k++) {
		unsigned char c = (unsigned char)t[k];
		if (c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z'))
			letters++;
		else if (!(c >= '0' && c <= '9') && !strchr("&./-()", c)) {
			free(t);
			return NULL;
		}
	}
	if (letters == 0) {
		free(t);
		return NULL;
	}
	/* the type code: State "12/2025/QĐ-UBND" -> QĐ; Party "45-TB/TU" -> TB */
	const char *c = t + i + 1;
	if (t[i] == '/') {
		const char *y = c;
		while (*y >= '0' && *y <= '9')
			y++;
		if (y > c && *y == '/')
			c = y + 1;
		size_t cl = strcspn(c, "-/");
		snprintf(code, csz, "%.*s", (int)cl, c);
	} else {
		size_t cl = strcspn(c, "/-");
		snprintf(code, csz, "%.*s", (int)cl, c);
	}
	return t;
}

/* Start of "Số" in a folded piece (start of the piece, or after big spaces), or -1. */
static long number_at(const struct ex_fold *f)
{
	const char *s = f->fold;
	size_t i = 0;
	while (s[i] == ' ' || s[i] == '~')
		i++;
	if (strncmp(s + i, "so", 2) != 0)
		return -1;
	size_t k = i + 2;
	while (s[k] == ' ')
		k++;
	if (s[k] == ':')
		return (long)i;
	/* Party: "Số 45-TB/TU" */
	if (s[k] >= '0' && s[k] <= '9' && k > i + 2)
		return (long)i;
	if ((s[k] == '/' || s[k] == '-') && strchr(s + k, '/'))
		return (long)i;
	return -1;
}

/* A header line naming a body: in capitals, or (legacy fonts lose the case) a short line
 * that starts with a known body, title or place word. */
static int issuer_like(const struct gazetteer *gz, const char *t, size_t n)
{
	if (ex_is_upper_text(t, n))
		return 1;
	if (n > 60)
		return 0;
	struct ex_fold f;
	ex_fold_init(&f, t, n);
	size_t e;
	static const char *const lead[] = {"uy ban", "hoi dong", "dang bo", "huyen ", "tinh ", "thanh pho ",
					   "xa ", "phuong ", "quan ", "so ", "ban "};
	int ok = gz_match_unit(gz, f.fold, f.flen, 0, &e) >= 0;
	for (size_t i = 0; !ok && i < sizeof(lead) / sizeof(lead[0]); i++)
		ok = strncmp(f.fold, lead[i], strlen(lead[i])) == 0;
	ex_fold_release(&f);
	return ok;
}

struct hdr_piece {
	char *text;
	size_t line;
	unsigned col;
};

static void set_str(struct jv *o, const char *k, const char *v)
{
	jv_set(o, k, v ? jv_str(jv_arena(o), v) : jv_null());
}

/* Subject lines after the type line: stops at the body. */
static int subject_stop(const struct ex_line *l)
{
	static const char *const body_starts[] = {
		"can cu", "thuc hien", "theo de nghi", "xet de nghi", "kinh gui", "ngay ", "nham ",
		"qua xem xet", "tai cuoc hop", "sau khi", "hien nay", "thoi gian qua", "trong thoi gian",
		"tren co so", "de thuc hien", "chieu ngay", "sang ngay", "vua qua", "noi nhan",
		"tai hoi nghi", "tai phien hop", "tai buoi", "tai ky hop",
	};
	for (size_t i = 0; i < sizeof(body_starts) / sizeof(body_starts[0]); i++)
		if (strncmp(l->f.fold, body_starts[i], strlen(body_starts[i])) == 0)
			return 1;
	return 0;
}

static int is_separator(const struct ex_line *l)
{
	return l->len <= 40 && ex_count_letters_upto(l->text, l->len, 2) <= 1;
}

/* Remove OCR junk before "Về việc" and fix "Vêviệc", "và việc" at the start. */
/* A document code broken at its hyphen at the end of a line and joined back with a space
 * ("Nghị quyết số 24/2013/NQ- HĐND"): the space goes when the token before it has a "/" and
 * capitals follow. */
static void unwrap_codes(struct buf *s)
{
	char *t = s->ptr;
	size_t n = s->len, w = 0, tok = 0; /* w: the text kept so far; tok: its last token */

	for (size_t i = 0; i < n; i++) {
		/* t[0..w) is the output, t[i..n) the input still to read (w <= i) */
		if (t[i] == ' ' && w >= 2 && t[w - 1] == '-' && t[w - 2] >= 'A' && t[w - 2] <= 'Z' && i + 1 < n &&
		    memchr(t + tok, '/', w - tok)) {
			size_t e = i + 1;
			while (e < n && t[e] != ' ')
				e++;
			if (ex_is_upper_text(t + i + 1, e - i - 1))
				continue;
		}
		t[w++] = t[i];
		if (t[i] == ' ')
			tok = w;
	}
	s->len = w;
	t[w] = '\0';
}

static void subject_fix(struct buf *s)
{
	struct ex_fold f;
	ex_fold_init(&f, buf_str(s), s->len);
	const char *p = strstr(f.fold, "ve viec");
	size_t cut = 0;
	if (p && p > f.fold) {
		size_t k = (size_t)(p - f.fold);
		uint32_t cp;
		ex_utf8_next(buf_str(s) + f.map[k], s->len - f.map[k], &cp);
		if (cp == 'V' && k < 60)
			cut = f.map[k];
	}
	if (!cut) {
		size_t k = 0;
		while (k < f.flen && strchr(",.;:'\"`~-_ ", f.fold[k]))
			k++;
		cut = f.map[k];
	}
	struct buf out = BUF_INIT;
	const char *t = buf_str(s) + cut;
	struct ex_fold g;
	ex_fold_init(&g, t, strlen(t));
	if (strncmp(g.fold, "veviec", 6) == 0) {
		buf_addstr(&out, "Về việc");
		buf_addstr(&out, t + g.map[6]);
	} else if (strncmp(g.fold, "va viec ", 8) == 0) {
		buf_addstr(&out, "Về việc");
		buf_addstr(&out, t + g.map[7]);
	} else {
		buf_addstr(&out, t);
	}
	ex_fold_release(&g);
	ex_fold_release(&f);
	buf_release(s);
	*s = out;
	unwrap_codes(s);
}

/* Without a type line: the header ends at "Kính gửi", else after the date line. */
static size_t header_end_guess(const struct ex_doc *d)
{
	size_t date_line = (size_t)-1;
	for (size_t i = 0; i < d->nlines && i < HDR_SCAN; i++) {
		if (strncmp(d->lines[i].f.fold, "kinh gui", 8) == 0)
			return i;
		size_t ngay;
		if (date_line == (size_t)-1 && place_date_at(d->lines[i].text, &d->lines[i].f, &ngay) >= 0)
			date_line = i;
	}
	if (date_line == (size_t)-1)
		return 0;
	/* the "V/v" block under the number belongs to the header */
	size_t i = date_line + 1;
	if (i < d->nlines && strncmp(d->lines[i].f.fold, "v/v", 3) == 0) {
		i++;
		while (i < d->nlines && !d->lines[i].blank_before && d->lines[i].len < 60)
			i++;
	}
	return i;
}

/* Skip the "Kính gửi" block (one line, or a list of "- ..." lines) starting at line b. */
static size_t skip_kinh_gui(const struct ex_doc *d, size_t b)
{
	if (b >= d->nlines || strncmp(d->lines[b].f.fold, "kinh gui", 8) != 0)
		return b;
	const struct ex_line *head = &d->lines[b], *prev = head;
	size_t i = b + 1;
	while (i < d->nlines) {
		const struct ex_line *l = &d->lines[i];
		uint32_t cp;
		ex_utf8_next(l->text, l->len, &cp);
		char last = prev->text[prev->len - 1];
		if (cp == '-' || cp == '+' || cp == 0x2013) {
			/* a list of addressees */
		} else if ((ex_cp_case(cp) < 0 || cp == '(') && last != '.') {
			/* the addressee continued ("(Địa chỉ: ...") */
		} else if (prev == head && last == ':' && l->len < 80) {
			/* "Kính gửi:" with the one addressee on the next line */
		} else {
			break;
		}
		prev = l;
		i++;
	}
	return i;
}

void ex_header(struct ex_doc *d, struct jv *out)
{
	const struct gazetteer *gz = d->gz;
	size_t hend = d->type_line != (size_t)-1 ? d->type_line : header_end_guess(d);
	if (hend > HDR_SCAN)
		hend = HDR_SCAN;
	char *number = NULL, code[32] = "", *place = NULL;
	int number_seen = 0, number_blank = 0, date_seen = 0;
	int dy = 0, dm = 0, dd = 0;
	size_t number_line = (size_t)-1, anchor_line = (size_t)-1;
	struct hdr_piece left[16];
	size_t nleft = 0;
	int vv = 0;
	struct buf vvsub = BUF_INIT;
	for (size_t i = 0; i < hend && i < d->nlines; i++) {
		size_t ns;
		struct ex_seg *segs = ex_line_segments(&d->lines[i], i, &ns);
		for (size_t s = 0; s < ns; s++) {
			struct ex_seg *g = &segs[s];
			/* cut the piece at anchors that start the right column */
			size_t b = 0, e = g->f.flen;
			long a = anchor_at(&g->f);
			size_t ngay = 0;
			long pd = place_date_at(g->text, &g->f, &ngay);
			if (a >= 0) {
				if (anchor_line == (size_t)-1)
					anchor_line = i;
				e = (size_t)a;
			}
			if (pd >= 0 && (size_t)pd < e) {
				e = (size_t)pd;
				if (!date_seen) {
					date_seen = 1;
					size_t pb = g->f.map[pd], pe = g->f.map[ngay];
					ex_trim(g->text, &pb, &pe, ",");
					if (pe > pb)
						place = xstrndup(g->text + pb, pe - pb);
					if (header_date(&g->f, ngay, &dy, &dm, &dd) < 0)
						dy = -1;
				}
			}
			if (e <= b)
				continue;
			size_t ob = g->f.map[b], oe = g->f.map[e];
			ex_trim(g->text, &ob, &oe, "");
			if (oe <= ob)
				continue;
			/* the whole piece: its own fold (the same bytes folded), lent */
			struct ex_fold pf;
			int pf_lent = ob == 0 && oe == g->len;
			if (pf_lent)
				pf = g->f;
			else
				ex_fold_init(&pf, g->text + ob, oe - ob);
			long so = number_at(&pf);
			if (so >= 0 && !number_seen) {
				number_seen = 1;
				number_line = i;
				size_t k = (size_t)so + 2;
				while (k < pf.flen && (pf.fold[k] == ' ' || pf.fold[k] == ':'))
					k++;
				size_t nb = ob + pf.map[k];
				number = number_clean(g->text + nb, oe - nb, &number_blank, code, sizeof(code));
			} else if (strncmp(pf.fold, "v/v", 3) == 0 || strncmp(pf.fold, "v/ v", 4) == 0 ||
				   (vv == 1 && g->col < 40)) {
				size_t k = 0;
				if (vv != 1) {
					k = pf.fold[2] == 'v' ? 3 : 4; /* "v/v" or "v/ v" */
					if (k > pf.flen)
						k = pf.flen;
					while (k < pf.flen && pf.fold[k] == ' ')
						k++;
					vv = 1;
				}
				if (vvsub.len)
					buf_addch(&vvsub, ' ');
				buf_add(&vvsub, g->text + ob + pf.map[k], oe - ob - pf.map[k]);
			} else if (!has(&pf, "ky boi") && !has(&pf, "thoi gian ky") && !has(&pf, "@") &&
				   nleft < 16) {
				left[nleft].text = xstrndup(g->text + ob, oe - ob);
				left[nleft].line = i;
				left[nleft].col = g->col;
				nleft++;
			}
			if (!pf_lent)
				ex_fold_release(&pf);
		}
		ex_segs_free(segs, ns);
		if (vv == 1 && i + 1 < hend && d->lines[i + 1].blank_before)
			vv = 2;
	}
	/* issuer: the capitalised left-column lines just above the number (or the type line);
	 * motto lines and rules in between are passed over */
	struct buf issuer = BUF_INIT, parent = BUF_INIT;
	{
		size_t lim = number_line != (size_t)-1 ? number_line : hend;
		const char *names[8];
		size_t nn = 0;
		size_t k = nleft;
		while (k > 0 && left[k - 1].line >= lim)
			k--;
		size_t line = lim;
		while (k > 0 && nn < 8) {
			const struct hdr_piece *h = &left[k - 1];
			/* lines between with no left piece must be motto lines (or rules) */
			int gap_ok = 1;
			for (size_t g = h->line + 1; g < line; g++) {
				int own = 0;
				for (size_t q = 0; q < nleft; q++)
					own |= left[q].line == g;
				const struct ex_line *gl = &d->lines[g];
				if (!own && anchor_at(&gl->f) < 0 &&
				    ex_count_letters_upto(gl->text, gl->len, 20) >= 20)
					gap_ok = 0;
			}
			const char *t = h->text;
			size_t tl = strlen(t);
			if (gap_ok && ex_count_letters_upto(t, tl, 1) == 0) {
				/* the Party "*" under the issuer, rules */
				line = h->line;
				k--;
				continue;
			}
			if (gap_ok && anchor_line != (size_t)-1 && h->line > anchor_line &&
			    !ex_is_upper_text(t, tl) && ex_count_letters_upto(t, tl, 15) < 15) {
				/* OCR debris between the motto and the number */
				line = h->line;
				k--;
				continue;
			}
			if (!gap_ok || !issuer_like(gz, t, tl) || ex_count_letters_upto(t, tl, 3) < 3 ||
			    h->col >= 40)
				break;
			names[nn++] = t;
			line = h->line;
			k--;
		}
		/* names were collected bottom-up */
		for (size_t a2 = 0; a2 < nn / 2; a2++) {
			const char *tmp = names[a2];
			names[a2] = names[nn - 1 - a2];
			names[nn - 1 - a2] = tmp;
		}
		if (nn > 0) {
			/* "ỦY BAN NHÂN DÂN" + "TỈNH QUẢNG NGÃI": one name across two lines */
			size_t last = nn - 1;
			struct ex_fold lf;
			ex_fold_init(&lf, names[last], strlen(names[last]));
			static const char *const cont[] = {"tinh ", "thanh pho ", "tp ", "tp.", "huyen ", "xa ",
							   "phuong ", "quan ", "thi xa ", "dac khu ", "thi tran "};
			int joined = 0;
			for (size_t c = 0; c < sizeof(cont) / sizeof(cont[0]); c++)
				if (strncmp(lf.fold, cont[c], strlen(cont[c])) == 0)
					joined = 1;
			/* "TỈNH ỦY", "THÀNH ỦY CẦN THƠ" are committees, not a place */
			if (strncmp(lf.fold, "tinh uy", 7) == 0 || strncmp(lf.fold, "thanh uy", 8) == 0 ||
			    strncmp(lf.fold, "huyen uy", 8) == 0 || strncmp(lf.fold, "quan uy", 7) == 0 ||
			    strncmp(lf.fold, "thi uy", 6) == 0 || strncmp(lf.fold, "tinh doan", 9) == 0 ||
			    strncmp(lf.fold, "thanh doan", 10) == 0)
				joined = 0;
			/* ... unless the committee ends the name of one of its bodies: "BAN TUYÊN GIÁO
			 * VÀ DÂN VẬN" + "TỈNH ỦY", "VĂN PHÒNG" + "THÀNH ỦY" */
			static const char *const bare_committee[] = {"tinh uy", "thanh uy", "huyen uy", "quan uy",
								     "dang uy", "thi uy"};
			for (size_t c = 0; c < sizeof(bare_committee) / sizeof(bare_committee[0]) && last > 0; c++) {
				if (strcmp(lf.fold, bare_committee[c]) != 0)
					continue;
				struct ex_fold pf;
				ex_fold_init(&pf, names[last - 1], strlen(names[last - 1]));
				if (strncmp(pf.fold, "ban ", 4) == 0 || strncmp(pf.fold, "van phong", 9) == 0 ||
				    strncmp(pf.fold, "uy ban kiem tra", 15) == 0 || strncmp(pf.fold, "truong ", 7) == 0)
					joined = 1;
				ex_fold_release(&pf);
			}
			ex_fold_release(&lf);
			size_t ib = joined && last > 0 ? last - 1 : last;
			for (size_t q = ib; q < nn; q++) {
				if (issuer.len)
					buf_addch(&issuer, ' ');
				buf_addstr(&issuer, names[q]);
			}
			for (size_t q = 0; q < ib; q++) {
				if (parent.len)
					buf_addch(&parent, ' ');
				buf_addstr(&parent, names[q]);
			}
		}
	}
	/* a Party công văn has its trích yếu under the number (or under the date), without "V/v" */
	if (d->type_line == (size_t)-1 && !vvsub.len && number_line != (size_t)-1) {
		size_t last = 0;
		for (size_t k = 0; k < nleft; k++) {
			const struct hdr_piece *h = &left[k];
			size_t tl = strlen(h->text);
			if (h->line <= number_line || h->col >= 40 ||
			    ex_count_letters_upto(h->text, tl, 1) == 0)
				continue;
			if (vvsub.len && (h->line > last + 1 || d->lines[h->line].blank_before))
				break;
			if (ex_is_upper_text(h->text, tl)) {
				if (vvsub.len)
					break;
				continue;
			}
			if (vvsub.len)
				buf_addch(&vvsub, ' ');
			buf_addstr(&vvsub, h->text);
			last = h->line;
		}
	}
	for (size_t k = 0; k < nleft; k++)
		free(left[k].text);

	/* type: the type line, else the number's code, else a công văn when it has "V/v" */
	const struct gz_type *type = NULL;
	struct buf subject = BUF_INIT;
	size_t subj_end = hend;
	if (d->type_line != (size_t)-1) {
		const struct ex_line *l = &d->lines[d->type_line];
		size_t s0 = 0;
		while (s0 < l->f.flen && !(l->f.fold[s0] >= 'a' && l->f.fold[s0] <= 'z'))
			s0++;
		size_t e;
		type = ex_line_type(gz, l, s0, &e);
		/* "QĐ" is Quyết định or Quy định: the line decides; the number may refine */
		if (type) {
			size_t rest = l->f.map[e];
			size_t rb = rest, re = l->len;
			ex_trim(l->text, &rb, &re, ".:*");
			if (re > rb)
				buf_add(&subject, l->text + rb, re - rb);
		}
		int upper_subject = -1;
		size_t nsub = 0;
		subj_end = d->type_line + 1;
		for (size_t i = d->type_line + 1; i < d->nlines && nsub < 6; i++) {
			const struct ex_line *sl = &d->lines[i];
			subj_end = i;
			int up = ex_is_upper_text(sl->text, sl->len);
			uint32_t cp;
			ex_utf8_next(sl->text, sl->len, &cp);
			int lower_start = ex_cp_case(cp) < 0;
			if (is_separator(sl) || (!lower_start && subject_stop(sl)))
				break;
			if (subject.len > 0) {
				if (sl->blank_before && !lower_start)
					break;
				if (upper_subject == 0 && up)
					break;
				/* a line in lower case after capitals goes on ("KẾT LUẬN CỦA BAN THƯỜNG
				 * VỤ" / "về tình hình ...") */
				if (upper_subject == 1 && !up && !lower_start)
					break;
				const char *last = buf_str(&subject) + subject.len - 1;
				if (sl->blank_before && (*last == '.'))
					break;
				/* a capitalised body paragraph (DOCX and HTML have no blank lines): long,
				 * or leading into a list */
				if (!lower_start && (sl->len > 200 || sl->text[sl->len - 1] == ':'))
					break;
			}
			if (subject.len)
				buf_addch(&subject, ' ');
			buf_add(&subject, sl->text, sl->len);
			if (upper_subject < 0 && ex_count_letters_upto(sl->text, sl->len, 4) > 3)
				upper_subject = up;
			nsub++;
			subj_end = i + 1;
		}
	} else if (vvsub.len) {
		buf_addstr(&subject, buf_str(&vvsub));
	}
	if (subject.len)
		subject_fix(&subject);
	/* the body starts after the subject, a repeated issuer in capitals, "Kính gửi" */
	{
		size_t b = subj_end;
		while (b < d->nlines && b < subj_end + 3) {
			const struct ex_line *l = &d->lines[b];
			char lab[24], key[16];
			size_t off;
			if (!ex_is_upper_text(l->text, l->len) ||
			    ex_count_letters_upto(l->text, l->len, 3) < 3 ||
			    ex_label_parse(l->text, l->len, lab, sizeof(lab), key, sizeof(key), &off) !=
				LB_NONE ||
			    l->len > 80)
				break;
			b++;
		}
		d->body_start = skip_kinh_gui(d, b);
	}
	const struct gz_type *by_code = code[0] ? gz_type_by_code(gz, code) : NULL;
	if (!type && by_code)
		type = by_code;
	if (type && by_code && strcmp(type->fold, by_code->fold) == 0)
		type = by_code; /* Quy định: QĐi (Party) or QyĐ (State) from the number */
	if (!type && (vvsub.len || (number && code[0] && !by_code)))
		type = gz_type_by_code(gz, "CV");
	if (type) {
		struct jv *t = jv_object(d->jv);
		jv_set(t, "code", jv_str(d->jv, type->code));
		jv_set(t, "name", jv_str(d->jv, type->name));
		jv_set(out, "type", t);
	} else {
		jv_set(out, "type", jv_null());
		ex_warn(d, "no document type found");
	}
	set_str(out, "number", number);
	if (!number)
		ex_warn(d, number_blank ? "document number left blank" : number_seen ? "document number unreadable" : "no document number found");
	char *iss = NULL;
	if (issuer.len && ex_is_upper_text(buf_str(&issuer), issuer.len)) {
		iss = ex_name_case(gz, buf_str(&issuer), issuer.len);
	} else if (issuer.len) {
		struct buf c = BUF_INIT;
		ex_add_capitalized(&c, buf_str(&issuer), issuer.len > 3 ? 3 : issuer.len);
		if (issuer.len > 3)
			buf_add(&c, buf_str(&issuer) + 3, issuer.len - 3);
		iss = buf_detach(&c, NULL);
	}
	char *par = parent.len ? ex_name_case(gz, buf_str(&parent), parent.len) : NULL;
	if (iss && par && strcmp(iss, "Văn phòng") == 0) {
		/* "UBND TỈNH X / VĂN PHÒNG": an office is its parent's office */
		char *full = xasprintf("Văn phòng %s", par);
		free(iss);
		iss = full;
	}
	set_str(out, "issuer", iss);
	set_str(out, "parent_body", par);
	free(iss);
	free(par);
	set_str(out, "place", place);
	char iso[11] = "";
	if (dy > 0)
		ex_when_iso(dy, dm, dd, iso);
	set_str(out, "date", iso[0] ? iso : NULL);
	ex_copy(d->issue_date, sizeof(d->issue_date), iso, -1);
	if (iso[0])
		d->year_ctx = dy;
	else
		ex_warn(d, date_seen ? "issue date left blank or unreadable" : "no issue date found");
	if (subject.len) {
		set_str(out, "subject", buf_str(&subject));
	} else {
		set_str(out, "subject", NULL);
		ex_warn(d, "no subject found");
	}
	free(number);
	free(place);
	buf_release(&subject);
	buf_release(&vvsub);
	buf_release(&issuer);
	buf_release(&parent);
}
