/* footer.c - the end of a document: recipients ("Nơi nhận"), archive ("Lưu"), signature */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "util/error.h"
#include "util/xalloc.h"

/* The authority tokens, folded, and how they are reported. */
static const struct {
	const char *fold, *report;
} auths[] = {
	{"t/m", "T/M"}, {"t / m", "T/M"}, {"tm.", "T/M"}, {"tm ", "T/M"},  {"k/t", "K/T"},
	{"k / t", "K/T"}, {"kt.", "K/T"}, {"kt ", "K/T"}, {"t/l", "T/L"},  {"t / l", "T/L"},
	{"tl.", "T/L"}, {"tl ", "T/L"},  {"tuq.", "TUQ"}, {"t/u", "TUQ"}, {"q.", "Q."},
};

/* An authority token at fold[p] followed by capitals in the text; returns the report form
 * and sets *rest to the fold offset of what follows. */
static const char *auth_at(const struct ex_seg *g, size_t p, size_t *rest)
{
	const char *f = g->f.fold;
	if (p > 0 && f[p - 1] != ' ')
		return NULL;
	for (size_t i = 0; i < sizeof(auths) / sizeof(auths[0]); i++) {
		if (auths[i].fold[0] != f[p])
			continue; /* cheap test first: most positions start no token */
		size_t k = strlen(auths[i].fold);
		if (p + k > g->f.flen || memcmp(f + p, auths[i].fold, k) != 0)
			continue;
		size_t r = p + k;
		while (r < g->f.flen && f[r] == ' ')
			r++;
		if (r >= g->f.flen)
			continue;
		/* the token in capitals ("TM.", "T/M", "Q."), and capitals after it */
		size_t ob = g->f.map[p], oe = g->f.map[p + k];
		int upper = 0, lower = 0;
		for (size_t q = ob; q < oe;) {
			uint32_t cp;
			q += ex_utf8_next(g->text + q, oe - q, &cp);
			int c = ex_cp_case(cp);
			upper += c > 0;
			lower += c < 0;
		}
		if (!upper || lower)
			continue;
		size_t rb = g->f.map[r];
		if (!ex_is_upper_text(g->text + rb, g->len - rb))
			continue;
		*rest = r;
		return auths[i].report;
	}
	return NULL;
}

/* A person's title filling the piece from fold offset p to the end; NULL when none. */
static const struct gz_title *title_rest(const struct gazetteer *gz, const struct ex_seg *g, size_t p)
{
	size_t e;
	const struct gz_title *t = gz_match_title(gz, g->f.fold, g->f.flen, p, &e);
	if (!t || t->body)
		return NULL;
	while (e < g->f.flen && strchr(" .,:;*", g->f.fold[e]))
		e++;
	if (e != g->f.flen)
		return NULL;
	size_t ob = g->f.map[p];
	if (!ex_is_upper_text(g->text + ob, g->len - ob))
		return NULL;
	return t;
}

/* A title at the end of the piece after some junk or after a recipient (";"); sets *start
 * to the fold offset where it begins. */
static const struct gz_title *title_tail(const struct gazetteer *gz, const struct ex_seg *g,
					 size_t *start)
{
	for (size_t p = 0; p < g->f.flen; p++) {
		if (p > 0 && g->f.fold[p - 1] != ' ')
			continue;
		const struct gz_title *t = title_rest(gz, g, p);
		if (t) {
			*start = p;
			return t;
		}
	}
	return NULL;
}

/* OCR damaged "TM. ỦY BAN NHÂN DÂN" ("M-ÙY BAN NHÂN DÂN"): a collective body in capitals
 * after at most four junk characters that include the "m" of "TM". */
static int garbled_tm(const struct gazetteer *gz, const struct ex_seg *g, size_t *rest)
{
	for (size_t p = 1; p <= 4 && p < g->f.flen; p++) {
		size_t e;
		const struct gz_title *t = gz_match_title(gz, g->f.fold, g->f.flen, p, &e);
		if (!t || !t->body || e != g->f.flen)
			continue;
		if (!memchr(g->f.fold, 'm', p))
			return 0;
		if (!ex_is_upper_text(g->text + g->f.map[p], g->len - g->f.map[p]))
			return 0;
		*rest = p;
		return 1;
	}
	return 0;
}

static int is_bullet(const struct ex_seg *g)
{
	unsigned char c = (unsigned char)g->text[0];
	return c == '-' || c == '+' || (c == 0xE2 && g->len > 2) || c == 0xC2;
}

/* One recipient, without the "," or ";" that ends it. */
static void add_recipient(struct jv *arr, const struct buf *r)
{
	size_t b = 0, e = r->len;
	ex_trim(buf_str(r), &b, &e, ",;.");
	struct jv *text = e > b ? jv_strn(jv_arena(arr), buf_str(r) + b, e - b) : NULL;
	if (text) {
		struct jv *o = jv_object(jv_arena(arr));
		jv_set(o, "text", text);
		jv_append(arr, o);
	}
}

static void set_str(struct jv *o, const char *k, const char *v)
{
	jv_set(o, k, v ? jv_str(jv_arena(o), v) : jv_null());
}

struct sig {
	const char *authority;
	char *on_behalf;
	char *title;
	char *name;
	int title_after_auth;
};

/* Look at one piece of the signature column. */
static void sig_piece(struct ex_doc *d, struct sig *s, const struct ex_seg *g)
{
	size_t rest;
	/* an authority token anywhere in the piece (after "Nơi nhận:" or junk) */
	for (size_t p = 0; p < g->f.flen; p++) {
		const char *a = auth_at(g, p, &rest);
		if (!a)
			continue;
		size_t ob = g->f.map[rest];
		size_t oe = g->len;
		ex_trim(g->text, &ob, &oe, ".,;:*");
		if (!s->authority) {
			s->authority = a;
			s->on_behalf = ex_name_case(d->gz, g->text + ob, oe - ob);
		}
		return;
	}
	if (!s->authority && garbled_tm(d->gz, g, &rest)) {
		size_t ob = g->f.map[rest], oe = g->len;
		ex_trim(g->text, &ob, &oe, ".,;:*");
		s->authority = "T/M";
		s->on_behalf = ex_name_case(d->gz, g->text + ob, oe - ob);
		return;
	}
	size_t at;
	const struct gz_title *t = title_tail(d->gz, g, &at);
	if (t && !s->title) {
		size_t ob = g->f.map[at], oe = g->len;
		ex_trim(g->text, &ob, &oe, ".,;:*");
		s->title = ex_name_case(d->gz, g->text + ob, oe - ob);
		return;
	}
	char *name = ex_person_name(g->text, 0, g->len, 1);
	if (name) {
		free(s->name);
		s->name = name;
	}
}

void ex_footer(struct ex_doc *d, struct jv *out)
{
	char *archive = NULL;
	struct sig s = {0};
	int in_list = 0, list_done = 0;
	unsigned list_col = 0;
	/* each footer line's pieces, made once for both passes (neither changes them) */
	size_t nfoot = d->foot_start < d->nlines ? d->nlines - d->foot_start : 0;
	struct ex_seg **fsegs = xcalloc(nfoot ? nfoot : 1, sizeof(*fsegs));
	size_t *fns = xcalloc(nfoot ? nfoot : 1, sizeof(*fns));
	for (size_t i = d->foot_start; i < d->nlines; i++) {
		size_t ns;
		struct ex_seg *segs = ex_line_segments(&d->lines[i], i, &ns);
		fsegs[i - d->foot_start] = segs;
		fns[i - d->foot_start] = ns;
		for (size_t k = 0; k < ns; k++) {
			struct ex_seg *g = &segs[k];
			/* "Nơi nhận:" starts the list; the rest of the piece is the other column */
			if (strncmp(g->f.fold, "noi nhan", 8) == 0) {
				in_list = 1;
				list_col = g->col;
				size_t p = 8;
				while (p < g->f.flen && strchr(" :", g->f.fold[p]))
					p++;
				if (p < g->f.flen) {
					struct ex_seg r;
					ex_seg_set(&r, g->text + g->f.map[p], g->len - g->f.map[p], g->col + 12, i);
					sig_piece(d, &s, &r);
					ex_seg_release(&r);
				}
				continue;
			}
			int right = g->col >= 30 && g->col > list_col + 20;
			if (!right && is_bullet(g) && !list_done) {
				in_list = 1;
				size_t b = 1, e = g->len;
				if ((unsigned char)g->text[0] >= 0xC2)
					b = (unsigned char)g->text[0] == 0xC2 ? 2 : 3;
				ex_trim(g->text, &b, &e, "");
				/* "Lưu: VT, KTTH." / "Lưu Văn phòng Thành ủy." */
				struct ex_fold bf;
				ex_fold_init(&bf, g->text + b, e - b);
				if (strncmp(bf.fold, "luu", 3) == 0 && (bf.flen == 3 || bf.fold[3] == ' ' || bf.fold[3] == ':')) {
					size_t p = 3;
					while (p < bf.flen && strchr(" :", bf.fold[p]))
						p++;
					size_t ab = b + bf.map[p], ae = e;
					ex_trim(g->text, &ab, &ae, ".;,");
					free(archive);
					archive = xstrndup(g->text + ab, ae - ab);
					list_done = 1;
					in_list = 0;
				} else {
					/* a title or the signer's name glued to the end ("...; Trần Ngọc Căng") */
					const char *semi = NULL;
					for (const char *q = g->text + b; q < g->text + e; q++)
						if (*q == ';')
							semi = q;
					if (semi && (size_t)(semi - g->text) + 1 < e) {
						size_t tb = (size_t)(semi - g->text) + 1;
						struct ex_seg tail;
						ex_seg_set(&tail, g->text + tb, e - tb, g->col, i);
						size_t at;
						char *nm = ex_person_name(tail.text, 0, tail.len, 1);
						if (nm || title_tail(d->gz, &tail, &at))
							sig_piece(d, &s, &tail);
						free(nm);
						ex_seg_release(&tail);
					}
				}
				ex_fold_release(&bf);
				continue;
			}
			if (!right && in_list && !list_done) {
				/* a continuation of the recipient above, unless it is the signature */
				size_t rest;
				int sigline = 0;
				for (size_t p = 0; p < g->f.flen && !sigline; p++)
					sigline = auth_at(g, p, &rest) != NULL;
				size_t at;
				if (sigline || title_tail(d->gz, g, &at) || garbled_tm(d->gz, g, &rest)) {
					sig_piece(d, &s, g);
					continue;
				}
				char *nm = ex_person_name(g->text, 0, g->len, 1);
				if (nm) {
					free(s.name);
					s.name = nm;
					continue;
				}
				continue; /* joined to the recipient above (second pass) */
			}
			sig_piece(d, &s, g);
		}
	}
	/* second pass: the recipients, bullets with their continuation lines */
	struct jv *recipients = jv_array(d->jv);
	{
		int active = 0, done = 0;
		struct buf r = BUF_INIT;
		unsigned lcol = 0;
		for (size_t i = d->foot_start; i < d->nlines && !done; i++) {
			size_t ns = fns[i - d->foot_start];
			struct ex_seg *segs = fsegs[i - d->foot_start];
			for (size_t k = 0; k < ns && !done; k++) {
				struct ex_seg *g = &segs[k];
				if (strncmp(g->f.fold, "noi nhan", 8) == 0) {
					lcol = g->col;
					continue;
				}
				int right = g->col >= 30 && g->col > lcol + 20;
				if (right)
					continue;
				if (is_bullet(g)) {
					size_t b = (unsigned char)g->text[0] >= 0xC2 ? ((unsigned char)g->text[0] == 0xC2 ? 2 : 3) : 1;
					size_t e = g->len;
					ex_trim(g->text, &b, &e, "");
					struct ex_fold bf;
					ex_fold_init(&bf, g->text + b, e - b);
					int luu = strncmp(bf.fold, "luu", 3) == 0 &&
						  (bf.flen == 3 || bf.fold[3] == ' ' || bf.fold[3] == ':');
					ex_fold_release(&bf);
					if (r.len) {
						add_recipient(recipients, &r);
						buf_reset(&r);
					}
					if (luu) {
						done = 1;
						break;
					}
					const char *semi = NULL;
					for (const char *q = g->text + b; q < g->text + e; q++)
						if (*q == ';')
							semi = q;
					if (semi && (size_t)(semi - g->text) + 1 < e) {
						size_t tb = (size_t)(semi - g->text) + 1;
						struct ex_seg tail;
						ex_seg_set(&tail, g->text + tb, e - tb, g->col, i);
						size_t at;
						char *nm = ex_person_name(tail.text, 0, tail.len, 1);
						if (nm || title_tail(d->gz, &tail, &at))
							e = tb;
						free(nm);
						ex_seg_release(&tail);
					}
					ex_trim(g->text, &b, &e, "");
					buf_add(&r, g->text + b, e - b);
					active = 1;
					continue;
				}
				if (!active)
					continue;
				size_t rest, at;
				int sigline = 0;
				for (size_t p = 0; p < g->f.flen && !sigline; p++)
					sigline = auth_at(g, p, &rest) != NULL;
				char *nm = ex_person_name(g->text, 0, g->len, 1);
				int junk = ex_count_letters_upto(g->text, g->len, 3) < 3;
				if (sigline || nm || junk || title_tail(d->gz, g, &at) || garbled_tm(d->gz, g, &rest) ||
				    strncmp(g->f.fold, "(da ky)", 7) == 0) {
					free(nm);
					continue;
				}
				size_t b = 0, e = g->len;
				ex_trim(g->text, &b, &e, "");
				if (r.len && e > b) {
					buf_addch(&r, ' ');
					buf_add(&r, g->text + b, e - b);
				}
			}
		}
		if (r.len && !done)
			add_recipient(recipients, &r);
		buf_release(&r);
	}
	for (size_t i = 0; i < nfoot; i++)
		ex_segs_free(fsegs[i], fns[i]);
	free(fsegs);
	free(fns);
	jv_set(out, "recipients", recipients);
	set_str(out, "archive", archive);
	/* the signer's own title is not written: K/T for a head means the deputy signs */
	if (!s.title && s.authority && strcmp(s.authority, "K/T") == 0 && s.on_behalf) {
		struct buf t = BUF_INIT;
		buf_addstr(&t, "Phó ");
		buf_addstr(&t, s.on_behalf);
		s.title = buf_detach(&t, NULL);
		ex_warn(d, "signer's title not readable: deduced from \"K/T\"");
	}
	struct jv *sig = jv_object(d->jv);
	set_str(sig, "authority", s.authority);
	set_str(sig, "on_behalf_of", s.on_behalf);
	set_str(sig, "title", s.title);
	set_str(sig, "name", s.name);
	jv_set(out, "signature", sig);
	if (!s.authority && !s.title && !s.name)
		ex_warn(d, "no signature found");
	else if (!s.name)
		ex_warn(d, "signer's name not found");
	if (!archive)
		ex_warn(d, "no archive (\"Lưu\") line found");
	free(s.on_behalf);
	free(s.title);
	free(s.name);
	free(archive);
}

/* 1 when one of the authority tokens (auths[]: "t/m", "t / m", "tm.", "tm ", the same with
 * k/t and t/l, "tuq.", "t/u", "q.") starts in the first `limit` bytes of the NUL-terminated
 * fold f: what strstr with each of them says, in one pass. Keep in step with auths[]. */
static int has_auth_token(const char *f, size_t limit)
{
	/* 1: a letter that starts a token, 2: the end */
	static const unsigned char stop[256] = {['t'] = 1, ['k'] = 1, ['q'] = 1, ['\0'] = 2};
	for (const char *p = f;; p++) {
		while (!stop[(unsigned char)*p])
			p++;
		if (!*p || (size_t)(p - f) >= limit)
			break;
		char a = p[0], b = p[1];
		if (a == 't') {
			if (b == '/') {
				if (p[2] == 'm' || p[2] == 'l' || p[2] == 'u')
					return 1;
			} else if (b == ' ') {
				if (p[2] == '/' && p[3] == ' ' && (p[4] == 'm' || p[4] == 'l'))
					return 1;
			} else if (b == 'm' || b == 'l') {
				if (p[2] == '.' || p[2] == ' ')
					return 1;
			} else if (b == 'u') {
				if (p[2] == 'q' && p[3] == '.')
					return 1;
			}
		} else if (a == 'k') {
			if (b == '/' && p[2] == 't')
				return 1;
			if (b == ' ' && p[2] == '/' && p[3] == ' ' && p[4] == 't')
				return 1;
			if (b == 't' && (p[2] == '.' || p[2] == ' '))
				return 1;
		} else if (a == 'q' && b == '.') {
			return 1;
		}
	}
	return 0;
}

/* Every token in auths[] is one has_auth_token finds (a token added to one and not the
 * other is a bug). */
static void auth_check(void)
{
	for (size_t a = 0; a < sizeof(auths) / sizeof(auths[0]); a++)
		if (!has_auth_token(auths[a].fold, 1))
			BUG("authority token '%s' missing from has_auth_token", auths[a].fold);
}

/* An authority token that starts a signature starts this close to the start of its piece. */
#define AUTH_WITHIN 40

/* 1 when the last letter of s[0..n) is a lower-case ASCII one: then no auth_at finds a token
 * in s, whose rest must have capitals and no small letter. An ASCII byte is a character of
 * its own even in broken UTF-8; at a byte that is not ASCII this says 0 (not known). */
static int ends_lower(const char *s, size_t n)
{
	for (size_t i = n; i-- > 0;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (c >= 'A' && c <= 'Z'))
			return 0;
		if (c >= 'a' && c <= 'z')
			return 1;
	}
	return 0;
}

int ex_footer_start(const struct ex_doc *d, size_t from)
{
	static pthread_once_t auth_once = PTHREAD_ONCE_INIT;
	pthread_once(&auth_once, auth_check);
	long noi = -1;
	for (size_t i = from; i < d->nlines && noi < 0; i++)
		if (strncmp(d->lines[i].f.fold, "noi nhan", 8) == 0)
			noi = (long)i;
	/* "Nơi nhận" may sit in a second column, come after the signature (Party documents),
	 * or be missing (OCR): the first authority line counts too */
	for (size_t i = from; i < d->nlines && (noi < 0 || (long)i < noi); i++) {
		/* cheap tests first: the folded text of an authority token where auth_at below can
		 * find it. A line that is one piece is its own segment (and it does not start with
		 * "noi nhan", or it would be noi): no hit when it ends with a small letter (most
		 * lines of the body), and none with a token after offset AUTH_WITHIN */
		const struct ex_line *l = &d->lines[i];
		if (ex_line_one_piece(l)) {
			if (ends_lower(l->text, l->len) || !has_auth_token(l->f.fold, AUTH_WITHIN))
				continue;
		} else if (!has_auth_token(l->f.fold, SIZE_MAX)) {
			continue;
		}
		size_t ns, rest;
		struct ex_seg *segs = ex_line_segments(&d->lines[i], i, &ns);
		int hit = 0;
		for (size_t k = 0; k < ns && !hit; k++) {
			if (strncmp(segs[k].f.fold, "noi nhan", 8) == 0)
				hit = 1;
			for (size_t p = 0; p < segs[k].f.flen && p < AUTH_WITHIN && !hit; p++)
				hit = auth_at(&segs[k], p, &rest) != NULL;
		}
		ex_segs_free(segs, ns);
		if (hit)
			return (int)i;
	}
	return (int)noi;
}
