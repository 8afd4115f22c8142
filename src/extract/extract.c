/* extract.c - the extraction pipeline: zones, header, body, footer, assembled as dondoc.extract/1 */
#include "extract.h"

#include <stdlib.h>
#include <string.h>

#include "confidence.h"
#include "doc.h"
#include "util/xalloc.h"
#include "vn/legacy.h"

#define TYPE_SCAN 80 /* the type line is within the first lines */

/* The type line: a document type in capitals at the start of a line ("THÔNG BÁO",
 * "CHỈ THỊ", "THÔNG BÁO**kết luận ..."), not the operative "QUYẾT ĐỊNH:". */
static void find_type_line(struct ex_doc *d)
{
	for (size_t i = 0; i < d->nlines && i < TYPE_SCAN; i++) {
		const struct ex_line *l = &d->lines[i];
		size_t s0 = 0;
		while (s0 < l->f.flen && !(l->f.fold[s0] >= 'a' && l->f.fold[s0] <= 'z'))
			s0++;
		if (s0 > 2)
			continue;
		size_t e;
		const struct gz_type *t = ex_line_type(d->gz, l, s0, &e);
		if (!t)
			continue;
		size_t ob = l->f.map[s0], oe = l->f.map[e];
		/* in capitals; or the whole line is the type (TCVN3 "H" fonts lose the case) */
		size_t tail = e;
		while (tail < l->f.flen && strchr(" .:*", l->f.fold[tail]))
			tail++;
		if (!ex_is_upper_text(l->text + ob, oe - ob) && !(tail == l->f.flen && l->f.fold[e] != ':'))
			continue;
		size_t r = e;
		while (r < l->f.flen && l->f.fold[r] == ' ')
			r++;
		if (r < l->f.flen && l->f.fold[r] == ':')
			continue;
		/* what follows: nothing, a full stop, or a lower-case subject; not more capitals
		 * that make it another line ("BÁO CÁO VIÊN") */
		if (r < l->f.flen && l->f.fold[r] != '.') {
			size_t rb = l->f.map[r];
			if (ex_is_upper_text(l->text + rb, l->len - rb) && l->f.flen - r < 40)
				continue;
		}
		d->type_line = i;
		return;
	}
}

static struct jv *take(struct jv *from, const char *key)
{
	struct jv *v = jv_get(from, key);
	return v ? v : jv_null();
}

/* When the document has no header: the issuer from the body ("Ban Thường vụ Thành ủy
 * thông báo ...") or the signature's collective completed from the body. */
static char *issuer_from_body(struct ex_doc *d, const char *on_behalf)
{
	static const char *const bodies[] = {"thanh uy", "tinh uy", "huyen uy", "quan uy", "thi uy",
					     "dang uy"};
	if (on_behalf && *on_behalf) {
		struct buf k = BUF_INIT;
		ex_fold_buf(on_behalf, strlen(on_behalf), &k);
		for (size_t i = 0; i < d->npars; i++) {
			const struct ex_par *p = &d->pars[i];
			const char *hit = strstr(p->f.fold, buf_str(&k));
			while (hit) {
				size_t e = (size_t)(hit - p->f.fold) + k.len;
				for (size_t b = 0; b < sizeof(bodies) / sizeof(bodies[0]); b++) {
					size_t bl = strlen(bodies[b]);
					if (e + 1 + bl <= p->f.flen && p->f.fold[e] == ' ' &&
					    memcmp(p->f.fold + e + 1, bodies[b], bl) == 0) {
						size_t ob = p->f.map[hit - p->f.fold], oe = p->f.map[e + 1 + bl];
						buf_release(&k);
						return xstrndup(buf_str(&p->text) + ob, oe - ob);
					}
				}
				hit = strstr(hit + 1, buf_str(&k));
			}
		}
		buf_release(&k);
	}
	/* "Thường trực Thành ủy họp ...", "..., Ban Thường vụ Thành ủy kết luận như sau" in the
	 * paragraphs before the tasks; a unit after a title ("Bí thư Thành ủy") is a person */
	static const char *const acts[] = {" hop", " ket luan", " thong bao", " de nghi", " yeu cau"};
	static const char *const titles[] = {"thu ", "tich ", "truong ", "doc ", "vien "};
	size_t upto = d->first_task_par < d->npars ? d->first_task_par : d->npars;
	for (size_t i = 0; i < upto && i < 6; i++) {
		const struct ex_par *p = &d->pars[i];
		for (size_t q = 0; q < p->f.flen; q++) {
			if (q > 0 && p->f.fold[q - 1] != ' ')
				continue;
			size_t e;
			long u = gz_match_unit(d->gz, p->f.fold, p->f.flen, q, &e);
			if (u < 0)
				continue;
			int titled = 0;
			for (size_t t = 0; t < sizeof(titles) / sizeof(titles[0]); t++) {
				size_t tl = strlen(titles[t]);
				if (q >= tl && memcmp(p->f.fold + q - tl, titles[t], tl) == 0)
					titled = 1;
			}
			for (size_t a2 = 0; a2 < sizeof(acts) / sizeof(acts[0]) && !titled; a2++) {
				size_t al = strlen(acts[a2]);
				if (e + al <= p->f.flen && memcmp(p->f.fold + e, acts[a2], al) == 0 &&
				    (e + al == p->f.flen || p->f.fold[e + al] == ' ' || p->f.fold[e + al] == ':'))
					return xstrndup(buf_str(&p->text) + p->f.map[q], p->f.map[e] - p->f.map[q]);
			}
			q = e;
		}
	}
	return NULL;
}

/* A Party committee ("Thành ủy Cần Thơ") signing through its Ban Thường vụ: the issuer is
 * the Ban Thường vụ, the parent the Party organisation of the place. */
static void party_issuer(struct jv *hdr, const char *on_behalf)
{
	const char *iss = jv_string(jv_get(hdr, "issuer"));
	if (!iss || !on_behalf)
		return;
	struct buf fi = BUF_INIT, fo = BUF_INIT;
	ex_fold_buf(iss, strlen(iss), &fi);
	ex_fold_buf(on_behalf, strlen(on_behalf), &fo);
	static const struct {
		const char *fold, *word, *level;
	} lv[] = {{"thanh uy ", "Thành ủy", "thành phố"}, {"tinh uy ", "Tỉnh ủy", "tỉnh"},
		  {"huyen uy ", "Huyện ủy", "huyện"},      {"quan uy ", "Quận ủy", "quận"},
		  {"thi uy ", "Thị ủy", "thị xã"}};
	int sub = strcmp(buf_str(&fo), "ban thuong vu") == 0 || strcmp(buf_str(&fo), "thuong truc") == 0 ||
		  strcmp(buf_str(&fo), "ban chap hanh") == 0;
	/* "T/M THƯỜNG TRỰC QUẬN ỦY" under "BAN CHẤP HÀNH ĐẢNG BỘ QUẬN X": the collective named
	 * in full issues it, the committee is its parent */
	const char *fos = buf_str(&fo);
	if (!sub && (strncmp(fos, "thuong truc ", 12) == 0 || strncmp(fos, "ban thuong vu ", 14) == 0) &&
	    fo.len > 3 && strcmp(fos + fo.len - 3, " uy") == 0 &&
	    (strncmp(buf_str(&fi), "ban chap hanh dang bo", 21) == 0 || strncmp(buf_str(&fi), "dang bo", 7) == 0 ||
	     strstr(buf_str(&fi), " uy") != NULL)) {
		if (jv_is_null(jv_get(hdr, "parent_body")))
			jv_set(hdr, "parent_body", jv_str(jv_arena(hdr), iss));
		else
			jv_set(hdr, "parent_body", jv_str(jv_arena(hdr), iss));
		jv_set(hdr, "issuer", jv_str(jv_arena(hdr), on_behalf));
		buf_release(&fi);
		buf_release(&fo);
		return;
	}
	for (size_t i = 0; sub && i < sizeof(lv) / sizeof(lv[0]); i++) {
		size_t k = strlen(lv[i].fold);
		if (strncmp(buf_str(&fi), lv[i].fold, k) != 0 &&
		    !(fi.len == k - 1 && strncmp(buf_str(&fi), lv[i].fold, k - 1) == 0))
			continue;
		/* the place: what follows the committee's name in the issuer */
		const char *place = iss;
		int spaces = 0;
		while (*place && spaces < 2)
			if (*place++ == ' ')
				spaces++;
		if (jv_is_null(jv_get(hdr, "parent_body")) && *place) {
			char *parent = xasprintf("Đảng bộ %s %s", lv[i].level, place);
			jv_set(hdr, "parent_body", jv_str(jv_arena(hdr), parent));
			free(parent);
		}
		char *newi = xasprintf("%s %s", on_behalf, lv[i].word);
		jv_set(hdr, "issuer", jv_str(jv_arena(hdr), newi));
		free(newi);
		break;
	}
	buf_release(&fi);
	buf_release(&fo);
}

struct jv *extract_doc(const struct rd_doc *rd, const struct gazetteer *gz, struct arena *a,
		       struct dd_error *err)
{
	if (!rd || !gz || !a) {
		dd_error(err, "nothing to extract");
		return NULL;
	}
	struct ex_doc d;
	ex_doc_init(&d, rd, gz, a);
	if (d.nlines == 0) {
		ex_doc_release(&d);
		dd_error_code(err, DD_ERR_DATA, "no text in the document");
		return NULL;
	}
	struct jv *hdr = jv_object(a), *body = jv_object(a), *foot = jv_object(a);
	find_type_line(&d);
	ex_header(&d, hdr);
	int fs = ex_footer_start(&d, d.body_start);
	d.foot_start = fs >= 0 ? (size_t)fs : d.nlines;
	d.body_end = d.foot_start;
	ex_footer(&d, foot);
	jv_set(body, "type", jv_get(hdr, "type"));
	jv_set(body, "subject", jv_get(hdr, "subject"));
	ex_body(&d, body);
	const char *on_behalf = jv_string(jv_get(jv_get(foot, "signature"), "on_behalf_of"));
	if (jv_is_null(jv_get(hdr, "issuer"))) {
		char *iss = issuer_from_body(&d, on_behalf);
		if (iss) {
			jv_set(hdr, "issuer", jv_str(a, iss));
			free(iss);
			/* the warning about a missing header stays */
			ex_warn(&d, "no header: issuer taken from the body");
		} else {
			ex_warn(&d, "no issuer found");
		}
	} else {
		party_issuer(hdr, on_behalf);
	}

	struct jv *out = jv_object(a);
	jv_set(out, "schema", jv_lit(a, "dondoc.extract/1"));
	struct jv *src = jv_object(a);
	jv_set(src, "path", jv_str(a, rd->path ? rd->path : ""));
	jv_set(src, "format", jv_lit(a, rd_format_name(rd->format)));
	jv_set(src, "bytes", jv_int(a, (long long)rd->bytes));
	jv_set(src, "encoding", jv_lit(a, vn_encoding_name(rd->report.encoding)));
	struct jv *rep = jv_array(a);
	for (size_t i = 0; i < rd->report.nrepairs && i < VN_MAX_REPAIRS; i++)
		jv_append(rep, jv_str(a, rd->report.repairs[i]));
	jv_set(src, "repairs", rep);
	if (rd->stamp_signer || rd->stamp_time) {
		struct jv *st = jv_object(a);
		jv_set(st, "signer", rd->stamp_signer ? jv_str(a, rd->stamp_signer) : jv_null());
		jv_set(st, "time", rd->stamp_time ? jv_str(a, rd->stamp_time) : jv_null());
		jv_set(src, "stamp", st);
	} else {
		jv_set(src, "stamp", jv_null());
	}
	/* scanned documents: the office checks OCR values, so say so and how sure the engine was */
	jv_set(src, "ocr", jv_bool(rd->ocr));
	jv_set(src, "ocr_confidence",
	       rd->ocr ? jv_real(a, (double)(int)(rd->ocr_confidence * 10.0 + 0.5) / 10.0) : jv_null());
	jv_set(out, "source", src);
	jv_set(out, "type", take(hdr, "type"));
	jv_set(out, "number", take(hdr, "number"));
	jv_set(out, "issuer", take(hdr, "issuer"));
	jv_set(out, "parent_body", take(hdr, "parent_body"));
	jv_set(out, "place", take(hdr, "place"));
	jv_set(out, "date", take(hdr, "date"));
	jv_set(out, "subject", take(hdr, "subject"));
	jv_set(out, "meeting", take(body, "meeting"));
	jv_set(out, "period", take(body, "period"));
	jv_set(out, "tasks", take(body, "tasks"));
	jv_set(out, "recipients", take(foot, "recipients"));
	jv_set(out, "archive", take(foot, "archive"));
	jv_set(out, "signature", take(foot, "signature"));
	ex_confidence(out, rd); /* source.ocr_fields / ocr_check: needs the values above */
	for (size_t i = 0; i < rd->nwarnings && i < 8; i++)
		if (rd->warnings[i])
			ex_warn(&d, "%s", rd->warnings[i]);
	jv_set(out, "warnings", d.warnings);
	ex_doc_release(&d);
	return out;
}

struct jv *extract_file(const char *path, const struct gazetteer *gz, struct arena *a, struct dd_error *err)
{
	struct rd_doc doc;
	memset(&doc, 0, sizeof(doc));
	if (rd_read_file(path, NULL, &doc, err) < 0) {
		rd_doc_release(&doc);
		return NULL;
	}
	struct jv *j = extract_doc(&doc, gz, a, err);
	rd_doc_release(&doc);
	return j;
}
