/* docx.c - DOCX reader: minizip + expat (through read/zipmem.h and read/xmlpull.h); paragraphs,
 * tables, Word numbering, legacy fonts */
#include "read.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "read/expatzip.h"
#include "read/xmlpull.h"
#include "read/zipmem.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DOCX_LEVELS 9
#define DOCX_MAX_TABLES 32
#define DOCX_MAX_PARAS 4 /* paragraphs nested through text boxes */
#define DOCX_MAX_STYLE_CHAIN 16

/* ---- numbering.xml ---------------------------------------------------------------------- */

enum num_fmt {
	FMT_DECIMAL,
	FMT_ZERO,
	FMT_LLETTER,
	FMT_ULETTER,
	FMT_LROMAN,
	FMT_UROMAN,
	FMT_BULLET,
	FMT_NONE
};

struct docx_lvl {
	long start;
	enum num_fmt fmt;
	char text[48]; /* lvlText, e.g. "%1." */
	int suff_none; /* w:suff="nothing": no space after the label */
	int legal;     /* w:isLgl: all levels shown as decimal */
};

struct docx_abstract {
	long id;
	struct docx_lvl lvl[DOCX_LEVELS];
	long counter[DOCX_LEVELS];
	long cur_start[DOCX_LEVELS];
	int started[DOCX_LEVELS];
};

struct docx_num {
	long id, abstract_id;
	long override[DOCX_LEVELS]; /* startOverride, or LONG_MIN */
	int used;
};

/* ---- styles.xml ------------------------------------------------------------------------- */

struct docx_style {
	char *id, *based_on;
	int character;			   /* a run style */
	int bold, italic, center, heading; /* -1 unset, 0/1 */
	long num_id;			   /* -1 unset */
	int ilvl;			   /* -1 unset */
};

struct docx {
	struct rd_doc *doc;
	const struct rd_limits *lim;
	struct dd_error *err;
	struct zipmem *zm;
	struct docx_abstract *abs;
	size_t nabs, cabs;
	struct docx_num *nums;
	size_t nnums, cnums;
	struct docx_style *styles;
	size_t nstyles, cstyles;
	int legacy_tcvn3, legacy_vni, tracked;
};

/* ---- small helpers ---------------------------------------------------------------------- */

static int is_w(const struct xmlpull_node *nd, const char *local)
{
	return nd->ns && strcmp(nd->ns, W_NS) == 0 && strcmp(nd->name, local) == 0;
}

/* w:ATTR of the current element, or NULL (only w: attributes are kept: see open_part). */
static const char *wattr(const struct xmlpull_node *nd, const char *attr)
{
	return xmlpull_attr(nd, W_NS, attr);
}

static long wattr_long(const struct xmlpull_node *nd, const char *attr, long dflt)
{
	const char *v = wattr(nd, attr);
	char *end;
	long x = dflt;

	if (v) {
		x = strtol(v, &end, 10);
		if (end == v || x < -1000000 || x > 1000000)
			x = dflt;
	}
	return x;
}

/* On/off properties (w:b, w:i ...): absent val or anything but 0/false/off means on. */
static int wattr_on(const struct xmlpull_node *nd)
{
	const char *v = wattr(nd, "val");

	return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0 ||
		       strcmp(v, "none") == 0);
}

static int wattr_is(const struct xmlpull_node *nd, const char *attr, const char *value)
{
	const char *v = wattr(nd, attr);

	return v && strcmp(v, value) == 0;
}

/* A reader over one part; a DTD is refused outright since Word never writes one and it is
 * how entity bombs get in. */
static struct xmlpull *open_part(struct docx *dx, const struct buf *part, const char *name)
{
	if (memmem(buf_str(part), part->len, "<!DOCTYPE", 9) ||
	    memmem(buf_str(part), part->len, "<!ENTITY", 8)) {
		dd_error_code(dx->err, DD_ERR_DATA,
			      "DOCX part '%s' has a DTD or entity declarations (refused: entity bomb?)",
			      name);
		return NULL;
	}
	if (part->len > INT_MAX) {
		dd_error_code(dx->err, DD_ERR_DATA, "DOCX part '%s' is too large", name);
		return NULL;
	}
	return xmlpull_new(buf_str(part), part->len, W_NS, dx->lim->max_xml_depth, dx->err);
}

/* The error of a failed xmlpull_next / xmlpull_skip as a message naming the part. */
static int part_error(struct docx *dx, const struct xmlpull *xp, const char *name)
{
	const char *msg;

	switch (xmlpull_error(xp, &msg)) {
	case XMLPULL_ERR_DTD:
		return dd_error_code(
		    dx->err, DD_ERR_DATA,
		    "DOCX part '%s' has a DTD or entity declarations (refused: entity bomb?)", name);
	case XMLPULL_ERR_DEPTH:
		return dd_error_code(dx->err, DD_ERR_DATA, "DOCX part '%s' nested too deeply (limit %u)",
				     name, dx->lim->max_xml_depth);
	case XMLPULL_ERR_SIZE:
		return dd_error_code(dx->err, DD_ERR_DATA, "DOCX part '%s' is too large", name);
	default:
		return dd_error_code(dx->err, DD_ERR_DATA, "corrupt DOCX: bad XML in '%s': %s", name, msg);
	}
}

/* Step the reader: 1, 0 at the end, -1 with err set on a parse error or when the nesting is
 * too deep. */
static int next_node(struct docx *dx, struct xmlpull *xp, struct xmlpull_node *nd, const char *name)
{
	int rc = xmlpull_next(xp, nd);

	return rc < 0 ? part_error(dx, xp, name) : rc;
}

/* ---- zip -------------------------------------------------------------------------------- */

/* Inflate one entry into out; absent entries give 1 (out empty) when optional. */
static int read_part(struct docx *dx, const char *name, int optional, struct buf *out)
{
	int rc = zipmem_read(dx->zm, name, dx->lim->max_zip_entry, out, dx->err);

	if (rc == 1 && !optional)
		return dd_error_code(dx->err, DD_ERR_DATA, "not a Word document (no '%s' in the zip)", name);
	return rc;
}

/* ---- numbering -------------------------------------------------------------------------- */

static enum num_fmt parse_fmt(const char *v)
{
	static const struct {
		const char *name;
		enum num_fmt fmt;
	} tab[] = {{"decimal", FMT_DECIMAL},	 {"decimalZero", FMT_ZERO},  {"lowerLetter", FMT_LLETTER},
		   {"upperLetter", FMT_ULETTER}, {"lowerRoman", FMT_LROMAN}, {"upperRoman", FMT_UROMAN},
		   {"bullet", FMT_BULLET},	 {"none", FMT_NONE}};

	for (size_t i = 0; v && i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(v, tab[i].name) == 0)
			return tab[i].fmt;
	return FMT_DECIMAL;
}

static int cmp_num(const void *a, const void *b);
static int cmp_abstract(const void *a, const void *b);
static int cmp_style(const void *a, const void *b);

static int load_numbering(struct docx *dx)
{
	struct buf part;
	struct xmlpull *r = NULL;
	struct xmlpull_node nd;
	struct docx_abstract *cur_abs = NULL;
	struct docx_num *cur_num = NULL;
	int lvl = -1, ovr_lvl = -1, rc, ret = -1;
	const char *name = "word/numbering.xml";

	rc = read_part(dx, name, 1, &part);
	if (rc != 0) {
		buf_release(&part);
		return rc < 0 ? -1 : 0;
	}
	if (!(r = open_part(dx, &part, name)))
		goto out;
	while ((rc = next_node(dx, r, &nd, name)) == 1) {
		if (nd.type == XMLPULL_END) {
			if (is_w(&nd, "abstractNum"))
				cur_abs = NULL;
			else if (is_w(&nd, "num"))
				cur_num = NULL;
			else if (is_w(&nd, "lvl"))
				lvl = -1;
			else if (is_w(&nd, "lvlOverride"))
				ovr_lvl = -1;
			continue;
		}
		if (nd.type != XMLPULL_START)
			continue;
		if (is_w(&nd, "abstractNum")) {
			XGROW(dx->abs, dx->nabs + 1, dx->cabs);
			cur_abs = &dx->abs[dx->nabs++];
			memset(cur_abs, 0, sizeof(*cur_abs));
			cur_abs->id = wattr_long(&nd, "abstractNumId", -1);
			for (int i = 0; i < DOCX_LEVELS; i++) {
				cur_abs->lvl[i].start = 1;
				cur_abs->cur_start[i] = 1;
				snprintf(cur_abs->lvl[i].text, sizeof(cur_abs->lvl[i].text), "%%%d.", i + 1);
			}
			if (nd.empty)
				cur_abs = NULL;
		} else if (is_w(&nd, "num")) {
			XGROW(dx->nums, dx->nnums + 1, dx->cnums);
			cur_num = &dx->nums[dx->nnums++];
			memset(cur_num, 0, sizeof(*cur_num));
			cur_num->id = wattr_long(&nd, "numId", -1);
			cur_num->abstract_id = -1;
			for (int i = 0; i < DOCX_LEVELS; i++)
				cur_num->override[i] = LONG_MIN;
			if (nd.empty)
				cur_num = NULL;
		} else if (cur_num && is_w(&nd, "abstractNumId")) {
			cur_num->abstract_id = wattr_long(&nd, "val", -1);
		} else if (cur_num && is_w(&nd, "lvlOverride")) {
			ovr_lvl = (int)wattr_long(&nd, "ilvl", -1);
			if (ovr_lvl >= DOCX_LEVELS || nd.empty)
				ovr_lvl = -1;
		} else if (cur_num && ovr_lvl >= 0 && is_w(&nd, "startOverride")) {
			cur_num->override[ovr_lvl] = wattr_long(&nd, "val", 1);
		} else if (cur_abs && is_w(&nd, "lvl")) {
			lvl = (int)wattr_long(&nd, "ilvl", -1);
			if (lvl >= DOCX_LEVELS || nd.empty)
				lvl = -1;
		} else if (cur_abs && lvl >= 0) {
			struct docx_lvl *L = &cur_abs->lvl[lvl];
			if (is_w(&nd, "start")) {
				L->start = wattr_long(&nd, "val", 1);
				cur_abs->cur_start[lvl] = L->start;
			} else if (is_w(&nd, "numFmt")) {
				L->fmt = parse_fmt(wattr(&nd, "val"));
			} else if (is_w(&nd, "lvlText")) {
				const char *v = wattr(&nd, "val");
				snprintf(L->text, sizeof(L->text), "%s", v ? v : "");
			} else if (is_w(&nd, "suff")) {
				L->suff_none = wattr_is(&nd, "val", "nothing");
			} else if (is_w(&nd, "isLgl")) {
				L->legal = wattr_on(&nd);
			}
		}
	}
	if (rc < 0)
		goto out;
	if (dx->nnums)
		qsort(dx->nums, dx->nnums, sizeof(*dx->nums), cmp_num);
	if (dx->nabs)
		qsort(dx->abs, dx->nabs, sizeof(*dx->abs), cmp_abstract);
	ret = 0;
out:
	xmlpull_free(r);
	buf_release(&part);
	return ret;
}

static int cmp_num(const void *a, const void *b)
{
	const struct docx_num *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_abstract(const void *a, const void *b)
{
	const struct docx_abstract *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static int cmp_style(const void *a, const void *b)
{
	const struct docx_style *x = a, *y = b;
	return strcmp(x->id, y->id);
}

/* Lookups by binary search: a crafted numbering.xml or styles.xml with many thousands of
 * entries must not make each paragraph cost a linear scan. */
static struct docx_num *find_num(struct docx *dx, long id)
{
	struct docx_num key;

	key.id = id;
	return dx->nnums ? bsearch(&key, dx->nums, dx->nnums, sizeof(key), cmp_num) : NULL;
}

static struct docx_abstract *find_abstract(struct docx *dx, long id)
{
	struct docx_abstract key;

	key.id = id;
	return dx->nabs ? bsearch(&key, dx->abs, dx->nabs, sizeof(key), cmp_abstract) : NULL;
}

static void add_roman(struct buf *out, long n, int upper)
{
	static const struct {
		int v;
		const char *s;
	} tab[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		   {40, "xl"},	{10, "x"},   {9, "ix"},	 {5, "v"},    {4, "iv"},  {1, "i"}};

	if (n <= 0 || n >= 4000) {
		buf_printf(out, "%ld", n);
		return;
	}
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		while (n >= tab[i].v) {
			for (const char *s = tab[i].s; *s; s++)
				buf_addch(out, upper ? (char)(*s - 32) : *s);
			n -= tab[i].v;
		}
}

static void add_counter(struct buf *out, long n, enum num_fmt fmt)
{
	switch (fmt) {
	case FMT_ZERO:
		buf_printf(out, "%02ld", n);
		break;
	case FMT_LLETTER:
	case FMT_ULETTER:
		if (n <= 0) {
			buf_printf(out, "%ld", n);
		} else { /* Word: a..z, aa..zz, aaa.. */
			long reps = (n - 1) / 26 + 1;
			char c = (char)((fmt == FMT_LLETTER ? 'a' : 'A') + (n - 1) % 26);
			for (long i = 0; i < reps && i < 8; i++)
				buf_addch(out, c);
		}
		break;
	case FMT_LROMAN:
	case FMT_UROMAN:
		add_roman(out, n, fmt == FMT_UROMAN);
		break;
	case FMT_NONE:
	case FMT_BULLET:
		break;
	default:
		buf_printf(out, "%ld", n);
	}
}

/* The visible label of a numbered paragraph ("2.", "b)", "-"), appended to out; 0 when the
 * paragraph has a label, -1 when the numbering is unknown or shows nothing. */
static int number_label(struct docx *dx, long num_id, int ilvl, struct buf *out)
{
	struct docx_num *num = find_num(dx, num_id);
	struct docx_abstract *a;
	struct docx_lvl *L;
	size_t before = out->len;

	if (!num || ilvl < 0 || ilvl >= DOCX_LEVELS || !(a = find_abstract(dx, num->abstract_id)))
		return -1;
	if (!num->used) {
		num->used = 1;
		for (int i = 0; i < DOCX_LEVELS; i++)
			if (num->override[i] != LONG_MIN) {
				a->started[i] = 0;
				a->cur_start[i] = num->override[i];
			}
	}
	if (a->started[ilvl]) {
		a->counter[ilvl]++;
	} else {
		a->counter[ilvl] = a->cur_start[ilvl];
		a->started[ilvl] = 1;
	}
	for (int i = ilvl + 1; i < DOCX_LEVELS; i++) {
		a->started[i] = 0;
		a->cur_start[i] = a->lvl[i].start;
	}
	L = &a->lvl[ilvl];
	if (L->fmt == FMT_NONE)
		return -1;
	if (L->fmt == FMT_BULLET) {
		/* symbol-font bullets are private-use characters: write them the Vietnamese way */
		const unsigned char *t = (const unsigned char *)L->text;
		while (*t == ' ' || *t == '\t')
			t++;
		if (t[0] == '\0' || (t[0] == 0xC2 && t[1] == 0xA0))
			return -1; /* a blank bullet: nothing visible */
		/* Symbol/Wingdings fonts put ASCII at U+F0xx: U+F020 is a blank, U+F02D a '-' */
		if (t[0] == 0xEF && (t[1] == 0x80 || t[1] == 0x81) && t[2] >= 0x80 && t[2] <= 0xBF &&
		    t[3] == '\0') {
			unsigned ascii = ((unsigned)(t[1] & 0x3F) << 6 | (t[2] & 0x3F)) & 0xFF;
			if (ascii == ' ')
				return -1;
			buf_addch(out, ascii > ' ' && ascii < 0x7F ? (char)ascii : '-');
			return 0;
		}
		if (t[0] > ' ' && t[0] < 0x7F && t[1] == '\0')
			buf_addch(out, (char)t[0]);
		else
			buf_addch(out, '-');
		return 0;
	}
	for (const char *p = L->text; *p; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';
			long v = a->started[k] ? a->counter[k] : a->cur_start[k];
			add_counter(out, v, L->legal ? FMT_DECIMAL : a->lvl[k].fmt);
			p++;
		} else {
			buf_addch(out, *p);
		}
	}
	return out->len > before ? 0 : -1;
}

/* ---- styles ----------------------------------------------------------------------------- */

static int load_styles(struct docx *dx)
{
	struct buf part;
	struct xmlpull *r = NULL;
	struct xmlpull_node nd;
	struct docx_style *cur = NULL;
	int rc, ret = -1, in_ppr = 0, in_rpr = 0;
	const char *name = "word/styles.xml";

	rc = read_part(dx, name, 1, &part);
	if (rc != 0) {
		buf_release(&part);
		return rc < 0 ? -1 : 0;
	}
	if (!(r = open_part(dx, &part, name)))
		goto out;
	while ((rc = next_node(dx, r, &nd, name)) == 1) {
		if (nd.type == XMLPULL_END) {
			if (is_w(&nd, "style"))
				cur = NULL;
			else if (is_w(&nd, "pPr"))
				in_ppr = 0;
			else if (is_w(&nd, "rPr"))
				in_rpr = 0;
			continue;
		}
		if (nd.type != XMLPULL_START)
			continue;
		if (is_w(&nd, "style")) {
			const char *id = wattr(&nd, "styleId");
			cur = NULL;
			if (id && !nd.empty &&
			    (wattr_is(&nd, "type", "paragraph") || wattr_is(&nd, "type", "character"))) {
				XGROW(dx->styles, dx->nstyles + 1, dx->cstyles);
				cur = &dx->styles[dx->nstyles++];
				memset(cur, 0, sizeof(*cur));
				cur->id = xstrdup(id);
				cur->character = wattr_is(&nd, "type", "character");
				cur->bold = cur->italic = cur->center = cur->heading = -1;
				cur->num_id = -1;
				cur->ilvl = -1;
			}
			continue;
		}
		if (!cur)
			continue;
		if (is_w(&nd, "pPr")) {
			in_ppr = !nd.empty;
		} else if (is_w(&nd, "rPr")) {
			in_rpr = !nd.empty;
		} else if (is_w(&nd, "basedOn")) {
			const char *v = wattr(&nd, "val");
			free(cur->based_on);
			cur->based_on = v ? xstrdup(v) : NULL;
		} else if (is_w(&nd, "name")) {
			const char *v = wattr(&nd, "val");
			if (v && (strncasecmp(v, "heading", 7) == 0 || strcasecmp(v, "title") == 0))
				cur->heading = 1;
		} else if (in_ppr && is_w(&nd, "outlineLvl")) {
			long lv = wattr_long(&nd, "val", 9);
			if (lv >= 0 && lv < 9)
				cur->heading = 1;
		} else if (in_ppr && is_w(&nd, "numId")) {
			cur->num_id = wattr_long(&nd, "val", -1);
		} else if (in_ppr && is_w(&nd, "ilvl")) {
			cur->ilvl = (int)wattr_long(&nd, "val", 0);
		} else if (in_ppr && is_w(&nd, "jc")) {
			cur->center = wattr_is(&nd, "val", "center");
		} else if (in_rpr && is_w(&nd, "b")) {
			cur->bold = wattr_on(&nd);
		} else if (in_rpr && is_w(&nd, "i")) {
			cur->italic = wattr_on(&nd);
		}
	}
	if (rc < 0)
		goto out;
	if (dx->nstyles)
		qsort(dx->styles, dx->nstyles, sizeof(*dx->styles), cmp_style);
	ret = 0;
out:
	xmlpull_free(r);
	buf_release(&part);
	return ret;
}

static struct docx_style *find_style(struct docx *dx, const char *id)
{
	struct docx_style key;

	if (!id || !dx->nstyles)
		return NULL;
	key.id = (char *)(uintptr_t)id;
	return bsearch(&key, dx->styles, dx->nstyles, sizeof(key), cmp_style);
}

/* Resolve a style through its basedOn chain into *out (fields still -1 when unset). */
static void style_props(struct docx *dx, const char *id, struct docx_style *out)
{
	struct docx_style *s = find_style(dx, id);

	out->bold = out->italic = out->center = out->heading = -1;
	out->num_id = -1;
	out->ilvl = -1;
	for (int depth = 0; s && depth < DOCX_MAX_STYLE_CHAIN; depth++) {
		if (out->bold < 0)
			out->bold = s->bold;
		if (out->italic < 0)
			out->italic = s->italic;
		if (out->center < 0)
			out->center = s->center;
		if (out->heading < 0 && depth == 0)
			out->heading = s->heading; /* "heading 1" is not inherited by its children */
		if (out->num_id < 0)
			out->num_id = s->num_id;
		if (out->ilvl < 0)
			out->ilvl = s->ilvl;
		s = find_style(dx, s->based_on);
	}
}

/* ---- document.xml ----------------------------------------------------------------------- */

struct para {
	struct buf text; /* the paragraph so far (runs appended) */
	size_t nchars, nbold, nitalic, nunder;
	char *style;
	long num_id; /* direct numbering: -1 none given, 0 = explicitly none */
	int ilvl;
	int center;
	int broke; /* a w:br already ended a line of this paragraph */
};

struct run {
	struct buf text;
	int bold, italic, underline, caps, vanish;
	enum vn_encoding enc; /* legacy font of the run */
	int upper;	      /* a .VnXxxH font: TCVN3 codes shown as capitals */
	char *rstyle;
};

struct table {
	int row, col;
	int span_extra; /* grid columns the current cell covers beyond its own */
};

struct walker {
	struct docx *dx;
	struct para paras[DOCX_MAX_PARAS];
	int npara; /* open paragraphs (may exceed DOCX_MAX_PARAS) */
	struct run run;
	int in_run, in_t, in_ppr, in_rpr, in_numpr, run_in_rpr;
	struct table tables[DOCX_MAX_TABLES];
	int ntables;
	struct buf line, nfc, tmp;
};

static struct para *cur_para(struct walker *w)
{
	if (w->npara <= 0)
		return NULL;
	return &w->paras[(w->npara <= DOCX_MAX_PARAS ? w->npara : DOCX_MAX_PARAS) - 1];
}

static void para_reset(struct para *p, size_t max)
{
	buf_release(&p->text);
	buf_init(&p->text, max);
	free(p->style);
	p->style = NULL;
	p->nchars = p->nbold = p->nitalic = p->nunder = 0;
	p->num_id = -1;
	p->ilvl = -1;
	p->center = -1;
	p->broke = 0;
}

static int too_much_text(struct walker *w)
{
	return dd_error_code(w->dx->err, DD_ERR_DATA, "too much text (limit %zu bytes)",
			     w->dx->lim->max_text);
}

/* Legacy Vietnamese fonts: TCVN3 (.VnTime, .VnArial, ...; the ...H variants are capitals)
 * and VNI (VNI-Times, ...). */
static void run_font(struct run *run, const char *font)
{
	size_t len;

	if (!font)
		return;
	len = strlen(font);
	if (strncasecmp(font, ".Vn", 3) == 0) {
		run->enc = VN_ENC_TCVN3;
		run->upper = len > 3 && (font[len - 1] == 'H' || font[len - 1] == 'h');
	} else if (strncasecmp(font, "VNI-", 4) == 0 || strncasecmp(font, "VNI ", 4) == 0) {
		run->enc = VN_ENC_VNI;
	}
}

/* Append s in upper case (utf8proc) to out. */
static int add_upper(struct buf *out, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			k = 1;
			cp = 0xFFFD;
		}
		if (buf_addcp(out, (unsigned)utf8proc_toupper(cp)) < 0)
			return -1;
		i += (size_t)k;
	}
	return 0;
}

/* Word keeps the 8-bit codes of a legacy-font run as the Windows-1252 characters with those
 * codes: turn the run back into the bytes the legacy decoder expects. */
static int to_legacy_bytes(const char *s, size_t n, struct buf *out)
{
	static const unsigned short cp1252_high[32] = {
	    0x20AC, 0,	    0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	    0x2039, 0x0152, 0,	    0x017D, 0,	    0,	    0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	    0x017E, 0x0178};
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		utf8proc_ssize_t k =
		    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
		int byte = -1;
		if (k <= 0) {
			k = 1;
			cp = (unsigned char)s[i];
		}
		if (cp < 0x100) {
			byte = cp;
		} else {
			for (int b = 0; b < 32; b++)
				if (cp1252_high[b] == cp)
					byte = 0x80 + b;
		}
		if (byte >= 0 ? buf_addch(out, (char)byte) < 0 : buf_add(out, s + i, (size_t)k) < 0)
			return -1;
		i += (size_t)k;
	}
	return 0;
}

static int run_end(struct walker *w)
{
	struct para *p = cur_para(w);
	struct run *run = &w->run;
	struct buf *src = &run->text;
	int bold = run->bold, italic = run->italic;

	w->in_run = 0;
	if (!p || run->vanish || run->text.len == 0)
		goto done;
	if (run->rstyle) {
		struct docx_style cs;
		style_props(w->dx, run->rstyle, &cs);
		if (bold < 0)
			bold = cs.bold;
		if (italic < 0)
			italic = cs.italic;
	}
	if (run->enc == VN_ENC_TCVN3 || run->enc == VN_ENC_VNI) {
		buf_reset(&w->tmp);
		buf_reset(&w->line);
		if (to_legacy_bytes(buf_str(src), src->len, &w->line) < 0 ||
		    vn_decode(run->enc, buf_str(&w->line), w->line.len, &w->tmp) < 0)
			return too_much_text(w);
		buf_reset(&w->line);
		if (run->enc == VN_ENC_TCVN3)
			w->dx->legacy_tcvn3 = 1;
		else
			w->dx->legacy_vni = 1;
		src = &w->tmp;
	}
	if (run->caps || run->upper) {
		if (add_upper(&p->text, buf_str(src), src->len) < 0)
			return too_much_text(w);
	} else if (buf_add(&p->text, buf_str(src), src->len) < 0) {
		return too_much_text(w);
	}
	for (size_t i = 0; i < src->len; i++) {
		char c = src->ptr[i];
		if (c == ' ' || c == '\t' || ((unsigned char)c & 0xC0) == 0x80)
			continue;
		p->nchars++;
		p->nbold += bold > 0;
		p->nitalic += italic > 0;
		p->nunder += run->underline > 0;
	}
done:
	buf_reset(&run->text);
	return 0;
}

static void run_start(struct walker *w)
{
	struct run *run = &w->run;

	buf_reset(&run->text);
	run->bold = run->italic = -1;
	run->underline = run->caps = run->vanish = 0;
	run->enc = VN_ENC_UTF8;
	run->upper = 0;
	free(run->rstyle);
	run->rstyle = NULL;
	w->in_run = 1;
}

/* Emit the paragraph's text so far as one line. first: the line that carries the label. */
static int emit(struct walker *w, struct para *p, int first)
{
	struct docx *dx = w->dx;
	struct docx_style ps;
	unsigned flags = 0, indent = 0;
	long num_id;
	int ilvl, col = -1, row = -1;
	const char *t;
	size_t len, start = 0;

	style_props(dx, p->style, &ps);
	num_id = p->num_id >= 0 ? p->num_id : ps.num_id;
	ilvl = p->ilvl >= 0 ? p->ilvl : (ps.ilvl >= 0 ? ps.ilvl : 0);
	buf_reset(&w->line);
	if (num_id > 0 && first) {
		flags |= RD_LIST;
		indent = (unsigned)ilvl;
		if (number_label(dx, num_id, ilvl, &w->line) == 0) {
			struct docx_num *num = find_num(dx, num_id);
			struct docx_abstract *a = num ? find_abstract(dx, num->abstract_id) : NULL;
			flags |= RD_AUTONUM;
			if (!(a && a->lvl[ilvl].suff_none))
				buf_addch(&w->line, ' ');
		}
	} else if (num_id > 0) {
		indent = (unsigned)ilvl;
	}
	if (buf_add(&w->line, buf_str(&p->text), p->text.len) < 0)
		return too_much_text(w);
	t = buf_str(&w->line);
	len = w->line.len;
	while (start < len && (t[start] == ' ' || t[start] == '\t'))
		start++;
	while (len > start && (t[len - 1] == ' ' || t[len - 1] == '\t'))
		len--;
	/* An empty paragraph gives no line, nor does one that is only a list label - except in a
	 * table, where an auto-numbered cell alone is the row's number (the STT column). */
	if (len == start || (p->nchars == 0 && !(w->ntables > 0 && (flags & RD_AUTONUM))))
		goto done;
	buf_reset(&w->nfc);
	if (vn_nfc(t + start, len - start, &w->nfc, 1, &dx->doc->report) < 0)
		return too_much_text(w);
	if (p->nchars > 0 && p->nbold == p->nchars)
		flags |= RD_BOLD;
	if (p->nchars > 0 && p->nitalic == p->nchars)
		flags |= RD_ITALIC;
	if (p->nchars > 0 && p->nunder == p->nchars)
		flags |= RD_UNDERLINE;
	if (p->center > 0 || (p->center < 0 && ps.center > 0))
		flags |= RD_CENTER;
	if (ps.heading > 0)
		flags |= RD_HEADING;
	if (w->ntables > 0) {
		struct table *tb =
		    &w->tables[(w->ntables <= DOCX_MAX_TABLES ? w->ntables : DOCX_MAX_TABLES) - 1];
		flags |= RD_TABLE;
		row = tb->row < 0 ? 0 : tb->row;
		col = tb->col < 0 ? 0 : tb->col;
	}
	if (rd_doc_add_line(dx->doc, buf_str(&w->nfc), w->nfc.len, indent, flags, 0, col, row) < 0)
		return rd_doc_limit_error(dx->doc, dx->err);
done:
	buf_reset(&p->text);
	p->nchars = p->nbold = p->nitalic = p->nunder = 0;
	return 0;
}

/* The text of runs inherits run defaults from the paragraph style. */
static void apply_style_defaults(struct walker *w)
{
	struct para *p = cur_para(w);
	struct docx_style ps;

	if (!p)
		return;
	style_props(w->dx, p->style, &ps);
	if (w->run.bold < 0 && ps.bold >= 0)
		w->run.bold = ps.bold;
	if (w->run.italic < 0 && ps.italic >= 0)
		w->run.italic = ps.italic;
}

static int start_element(struct walker *w, const struct xmlpull_node *r, int *skip)
{
	struct para *p = cur_para(w);
	int empty = r->empty;
	const char *ns = r->ns;
	const char *local = r->name;

	if (ns && strcmp(ns, MC_NS) == 0) {
		/* mc:AlternateContent: read the mc:Choice, skip the duplicate mc:Fallback */
		*skip = strcmp(local, "Fallback") == 0;
		return 0;
	}
	if (!ns || strcmp(ns, W_NS) != 0)
		return 0;
	if (!strcmp(local, "rPrChange") || !strcmp(local, "pPrChange")) {
		*skip = 1; /* the properties before a tracked formatting change */
		return 0;
	}
	if (!strcmp(local, "p")) {
		if (empty)
			return 0;
		w->npara++;
		if (w->npara > DOCX_MAX_PARAS) /* deeper text boxes flow into the innermost kept */
			return 0;
		para_reset(cur_para(w), w->dx->lim->max_text);
		w->in_ppr = w->in_numpr = 0;
	} else if (!strcmp(local, "pPr")) {
		w->in_ppr = !empty;
	} else if (!strcmp(local, "rPr")) {
		if (w->in_ppr)
			*skip = 1; /* paragraph-mark properties: not the text's */
		else if (w->in_run)
			w->run_in_rpr = !empty;
	} else if (w->in_ppr && p) {
		if (!strcmp(local, "pStyle")) {
			const char *v = wattr(r, "val");
			free(p->style);
			p->style = v ? xstrdup(v) : NULL;
		} else if (!strcmp(local, "numPr")) {
			w->in_numpr = !empty;
		} else if (w->in_numpr && !strcmp(local, "numId")) {
			p->num_id = wattr_long(r, "val", 0);
		} else if (w->in_numpr && !strcmp(local, "ilvl")) {
			p->ilvl = (int)wattr_long(r, "val", 0);
			if (p->ilvl < 0 || p->ilvl >= DOCX_LEVELS)
				p->ilvl = 0;
		} else if (!strcmp(local, "jc")) {
			p->center = wattr_is(r, "val", "center");
		} else if (!strcmp(local, "sectPr") || !strcmp(local, "tabs")) {
			*skip = 1;
		}
	} else if (!strcmp(local, "r")) {
		if (!empty) {
			run_start(w);
			apply_style_defaults(w);
		}
	} else if (w->run_in_rpr) {
		if (!strcmp(local, "b"))
			w->run.bold = wattr_on(r);
		else if (!strcmp(local, "i"))
			w->run.italic = wattr_on(r);
		else if (!strcmp(local, "u"))
			w->run.underline = wattr_on(r);
		else if (!strcmp(local, "caps"))
			w->run.caps = wattr_on(r);
		else if (!strcmp(local, "vanish"))
			w->run.vanish = wattr_on(r);
		else if (!strcmp(local, "rStyle")) {
			const char *v = wattr(r, "val");
			free(w->run.rstyle);
			w->run.rstyle = v ? xstrdup(v) : NULL;
		} else if (!strcmp(local, "rFonts")) {
			const char *v = wattr(r, "ascii");
			if (!v)
				v = wattr(r, "hAnsi");
			run_font(&w->run, v);
		}
	} else if (w->in_run && !strcmp(local, "t")) {
		w->in_t = !empty;
	} else if (w->in_run && !strcmp(local, "tab")) {
		if (buf_addstr(&w->run.text, "    ") < 0)
			return too_much_text(w);
	} else if (w->in_run && (!strcmp(local, "noBreakHyphen"))) {
		if (buf_addch(&w->run.text, '-') < 0)
			return too_much_text(w);
	} else if (w->in_run && (!strcmp(local, "br") || !strcmp(local, "cr"))) {
		const char *type = wattr(r, "type");
		int line_break = !type || strcmp(type, "textWrapping") == 0;
		if (line_break && p && w->npara <= DOCX_MAX_PARAS) {
			/* a manual line break inside a paragraph: the text before it is a line */
			if (run_end(w) < 0)
				return -1;
			w->in_run = 1;
			if (emit(w, p, !p->broke) < 0)
				return -1;
			p->broke = 1;
		}
	} else if (!strcmp(local, "del") || !strcmp(local, "moveFrom")) {
		w->dx->tracked = 1;
		*skip = 1;
	} else if (!strcmp(local, "ins") || !strcmp(local, "moveTo")) {
		w->dx->tracked = 1;
	} else if (!strcmp(local, "instrText") || !strcmp(local, "delText") ||

		   !strcmp(local, "footnoteReference") || !strcmp(local, "commentReference")) {
		*skip = 1;
	} else if (!strcmp(local, "tbl")) {
		if (w->ntables < DOCX_MAX_TABLES) {
			w->tables[w->ntables].row = -1;
			w->tables[w->ntables].col = -1;
			w->tables[w->ntables].span_extra = 0;
		}
		w->ntables++;
	} else if (w->ntables > 0 && w->ntables <= DOCX_MAX_TABLES) {
		struct table *tb = &w->tables[w->ntables - 1];
		if (!strcmp(local, "tr")) {
			tb->row++;
			tb->col = -1;
			tb->span_extra = 0;
		} else if (!strcmp(local, "tc")) {
			tb->col += 1 + tb->span_extra;
			tb->span_extra = 0;
		} else if (!strcmp(local, "gridSpan")) {
			long span = wattr_long(r, "val", 1);
			if (span > 1 && span < 1000)
				tb->span_extra = (int)span - 1; /* counted for the following cells */
		}
	}
	return 0;
}

static int end_element(struct walker *w, const struct xmlpull_node *r)
{
	const char *ns = r->ns;
	const char *local = r->name;

	if (!ns || strcmp(ns, W_NS) != 0)
		return 0;
	if (!strcmp(local, "t")) {
		w->in_t = 0;
	} else if (!strcmp(local, "rPr")) {
		w->run_in_rpr = 0;
	} else if (!strcmp(local, "pPr")) {
		w->in_ppr = 0;
	} else if (!strcmp(local, "numPr")) {
		w->in_numpr = 0;
	} else if (!strcmp(local, "r")) {
		if (w->in_run)
			return run_end(w);
	} else if (!strcmp(local, "p")) {
		struct para *p = cur_para(w);
		int rc = 0;
		if (w->in_run && run_end(w) < 0)
			return -1;
		if (p && w->npara <= DOCX_MAX_PARAS)
			rc = emit(w, p, !p->broke);
		if (w->npara > 0)
			w->npara--;
		return rc;
	} else if (!strcmp(local, "tbl")) {
		if (w->ntables > 0)
			w->ntables--;
	}
	return 0;
}

static int read_document(struct docx *dx)
{
	struct buf part;
	struct walker w;
	struct xmlpull *r = NULL;
	struct xmlpull_node nd;
	const char *name = "word/document.xml";
	int rc, ret = -1;

	memset(&w, 0, sizeof(w));
	w.dx = dx;
	buf_init(&w.line, dx->lim->max_text);
	buf_init(&w.nfc, dx->lim->max_text);
	buf_init(&w.tmp, dx->lim->max_text);
	buf_init(&w.run.text, dx->lim->max_text);
	for (int i = 0; i < DOCX_MAX_PARAS; i++)
		buf_init(&w.paras[i].text, dx->lim->max_text);
	if (read_part(dx, name, 0, &part) < 0)
		goto out;
	if (!(r = open_part(dx, &part, name)))
		goto out;
	while ((rc = next_node(dx, r, &nd, name)) == 1) {
		int skip = 0;
		if (nd.type == XMLPULL_START) {
			if (start_element(&w, &nd, &skip) < 0)
				goto out;
			/* leave the subtree (its end tag too) */
			if (skip && !nd.empty && xmlpull_skip(r) < 0) {
				part_error(dx, r, name);
				goto out;
			}
		} else if (nd.type == XMLPULL_END) {
			if (end_element(&w, &nd) < 0)
				goto out;
		} else if (w.in_t && w.in_run) {
			/* text, CDATA included; whitespace-only text too, as libxml2's reader gave it */
			if (buf_add(&w.run.text, nd.text, nd.len) < 0) {
				too_much_text(&w);
				goto out;
			}
		}
	}
	if (rc < 0)
		goto out;
	ret = 0;
out:
	xmlpull_free(r);
	buf_release(&part);
	buf_release(&w.line);
	buf_release(&w.nfc);
	buf_release(&w.tmp);
	buf_release(&w.run.text);
	free(w.run.rstyle);
	for (int i = 0; i < DOCX_MAX_PARAS; i++) {
		buf_release(&w.paras[i].text);
		free(w.paras[i].style);
	}
	return ret;
}

int rd_read_docx(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		 struct dd_error *err)
{
	struct docx dx;
	int rc;
	int ret = -1;

	/* both libraries up front: a missing one is reported whatever the file holds */
	if (expatzip_load_minizip(err) < 0 || expatzip_load_expat(err) < 0)
		return -1;
	if (!lim)
		lim = &rd_limits_default;
	memset(&dx, 0, sizeof(dx));
	dx.doc = doc;
	dx.lim = lim;
	dx.err = err;
	if (n < 4 || memcmp(data, "PK", 2) != 0) {
		dd_error_code(err, DD_ERR_DATA, "not a DOCX file (not a zip archive)");
		goto out;
	}
	dx.zm = zipmem_open(data, n, "DOCX", lim->max_zip_entries, err);
	if (!dx.zm)
		goto out;
	if (!zipmem_has(dx.zm, "word/document.xml")) {
		dd_error_code(err, DD_ERR_DATA,
			      "not a Word document (zip archive without word/document.xml)");
		goto out;
	}
	doc->report.encoding = VN_ENC_UTF8;
	rc = load_styles(&dx) < 0 || load_numbering(&dx) < 0 || read_document(&dx) < 0;
	if (rc)
		goto out;
	if (dx.legacy_tcvn3) {
		vn_report_add(&doc->report, "tcvn3-to-unicode");
		rd_doc_add_warning(doc, "runs in TCVN3 fonts (.VnTime) converted to Unicode");
	}
	if (dx.legacy_vni) {
		vn_report_add(&doc->report, "vni-to-unicode");
		rd_doc_add_warning(doc, "runs in VNI fonts converted to Unicode");
	}
	if (dx.tracked)
		rd_doc_add_warning(doc, "tracked changes accepted");
	if (doc->nlines == 0) {
		dd_error_code(err, DD_ERR_DATA, "no text in DOCX document");
		goto out;
	}
	ret = 0;
out:
	zipmem_close(dx.zm);
	free(dx.abs);
	free(dx.nums);
	for (size_t i = 0; i < dx.nstyles; i++) {
		free(dx.styles[i].id);
		free(dx.styles[i].based_on);
	}
	free(dx.styles);
	return ret;
}
