/* xmlpull.c - pull reading over expat: the callbacks append nodes to a batch, and the parser is
 * suspended when the batch is full and resumed when the reader has taken it, so memory stays
 * bounded by the batch and errors surface after the nodes before them, as in a stream.
 * Namespaces are resolved here rather than by expat's namespace mode, which builds
 * "URI<sep>name" strings for every element and attribute (half of the parse time of a DOCX
 * part). As in libxml2, a prefix that was never declared gives no namespace, not an error. */
#include "xmlpull.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "read/expatzip.h"
#include "util/xalloc.h"

#define XML_NS "http://www.w3.org/XML/1998/namespace"
#define XP_BATCH 2048	 /* nodes per batch */
#define XP_MAX_NS 256	 /* namespace URIs kept once; more are copied per node */
#define XP_NONE SIZE_MAX /* no string */
#define XP_MAX_BIND 512	 /* namespace declarations in scope (prefix look-ups scan them) */

/* A string of the batch: an interned namespace URI, or an offset into str. */
struct xp_str {
	const char *p;
	size_t off;
};

struct xp_ev {
	enum xmlpull_type type;
	int empty;
	unsigned depth;
	struct xp_str ns;
	size_t name, text, len; /* offsets into str; len: text bytes */
	size_t attr0, nattrs;	/* range of at */
};

struct xp_at {
	struct xp_str ns;
	size_t name, value;
};

/* A namespace declaration in scope. */
struct xp_bind {
	char *prefix; /* NULL: the default namespace */
	size_t plen;
	char *uri;	      /* NULL: none (xmlns="") */
	const char *interned; /* uri kept for the reader's lifetime, NULL past XP_MAX_NS */
	unsigned depth;	      /* of the element declaring it; UINT_MAX: xml: */
};

struct xmlpull {
	XML_Parser p;
	const char *data;
	size_t n;
	const char *attr_ns; /* interned */
	unsigned max_depth, depth;
	int started, done, stopping;
	enum xmlpull_err errkind; /* 0 while no error */
	char msg[200];
	struct xp_ev *ev;
	size_t nev, cev, pos;
	struct xp_at *at;
	size_t nat, cat;
	char *str;
	size_t nstr, cstr;
	struct xmlpull_attr *out;
	size_t cout;
	unsigned last_depth; /* the START handed out last */
	int last_open;	     /* ... was a START with content */
	char *ns[XP_MAX_NS];
	size_t nns;
	struct xp_bind *bind;
	size_t nbind, cbind;
	const char *last_prefix; /* look-up cache: the binding of prefix last_prefix[0..last_plen) */
	size_t last_plen, last_bind;
};

static void fail(struct xmlpull *xp, enum xmlpull_err kind, const char *msg)
{
	if (xp->errkind)
		return;
	xp->errkind = kind;
	snprintf(xp->msg, sizeof(xp->msg), "%s", msg);
	XML_StopParser(xp->p, XML_FALSE);
}

/* Append s[0..len) and a NUL to str; its offset. */
static size_t str_add(struct xmlpull *xp, const char *s, size_t len)
{
	size_t off = xp->nstr;

	XGROW(xp->str, xp->nstr + len + 1, xp->cstr);
	memcpy(xp->str + off, s, len);
	xp->str[off + len] = '\0';
	xp->nstr += len + 1;
	return off;
}

/* A URI kept for the reader's lifetime (compared by pointer), or NULL when too many. */
static const char *intern(struct xmlpull *xp, const char *uri)
{
	for (size_t i = 0; i < xp->nns; i++)
		if (strcmp(xp->ns[i], uri) == 0)
			return xp->ns[i];
	if (xp->nns == XP_MAX_NS)
		return NULL;
	xp->ns[xp->nns] = xstrdup(uri);
	return xp->ns[xp->nns++];
}

static void bind(struct xmlpull *xp, const char *prefix, const char *uri, unsigned depth)
{
	struct xp_bind *b;

	XGROW(xp->bind, xp->nbind + 1, xp->cbind);
	b = &xp->bind[xp->nbind++];
	b->prefix = prefix ? xstrdup(prefix) : NULL;
	b->plen = prefix ? strlen(prefix) : 0;
	b->uri = uri[0] ? xstrdup(uri) : NULL;
	b->interned = b->uri ? intern(xp, b->uri) : NULL;
	b->depth = depth;
	xp->last_prefix = NULL;
}

/* Drop the declarations of the element at depth that is closing. */
static void unbind(struct xmlpull *xp, unsigned depth)
{
	while (xp->nbind > 0 && xp->bind[xp->nbind - 1].depth == depth) {
		struct xp_bind *b = &xp->bind[--xp->nbind];
		free(b->prefix);
		free(b->uri);
		xp->last_prefix = NULL;
	}
}

/* The binding in scope for prefix[0..plen) (prefix NULL: the default namespace), or NULL. */
static const struct xp_bind *resolve(struct xmlpull *xp, const char *prefix, size_t plen)
{
	if (prefix && xp->last_prefix && xp->last_plen == plen && memcmp(xp->last_prefix, prefix, plen) == 0)
		return &xp->bind[xp->last_bind];
	for (size_t i = xp->nbind; i-- > 0;) {
		const struct xp_bind *b = &xp->bind[i];
		if (!prefix && !b->prefix)
			return b;
		if (prefix && b->prefix && b->plen == plen && memcmp(b->prefix, prefix, plen) == 0) {
			xp->last_prefix = b->prefix;
			xp->last_plen = plen;
			xp->last_bind = i;
			return b;
		}
	}
	return NULL;
}

/* The namespace of a binding as a string of the batch. */
static struct xp_str bind_ns(struct xmlpull *xp, const struct xp_bind *b)
{
	struct xp_str r = {NULL, XP_NONE};

	if (b && b->interned)
		r.p = b->interned;
	else if (b && b->uri)
		r.off = str_add(xp, b->uri, strlen(b->uri));
	return r;
}

/* A qualified name: its namespace (elements take the default one, attributes do not) and
 * its local name, added to the batch. */
static void split_name(struct xmlpull *xp, const char *qname, int element, struct xp_str *ns, size_t *local)
{
	const char *colon = strchr(qname, ':');
	const struct xp_bind *b;

	if (colon) {
		b = resolve(xp, qname, (size_t)(colon - qname));
		qname = colon + 1;
	} else {
		b = element ? resolve(xp, NULL, 0) : NULL;
	}
	*ns = bind_ns(xp, b);
	*local = str_add(xp, qname, strlen(qname));
}

static struct xp_ev *new_ev(struct xmlpull *xp, enum xmlpull_type type)
{
	struct xp_ev *e;

	XGROW(xp->ev, xp->nev + 1, xp->cev);
	e = &xp->ev[xp->nev++];
	memset(e, 0, sizeof(*e));
	e->type = type;
	e->text = XP_NONE;
	return e;
}

static void maybe_suspend(struct xmlpull *xp)
{
	if (!xp->stopping && xp->nev >= XP_BATCH) {
		xp->stopping = 1;
		XML_StopParser(xp->p, XML_TRUE);
	}
}

static int too_deep(struct xmlpull *xp)
{
	char msg[64];

	if (!xp->max_depth || xp->depth <= xp->max_depth)
		return 0;
	snprintf(msg, sizeof(msg), "nested deeper than %u", xp->max_depth);
	fail(xp, XMLPULL_ERR_DEPTH, msg);
	return 1;
}

static int is_xmlns(const char *name)
{
	return strncmp(name, "xmlns", 5) == 0 && (name[5] == '\0' || name[5] == ':');
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct xmlpull *xp = ud;
	struct xp_ev *e;
	size_t ev;

	if (xp->errkind || too_deep(xp))
		return;
	/* declarations first: they apply to the element's own name and attributes */
	for (size_t i = 0; atts[i]; i += 2)
		if (is_xmlns(atts[i])) {
			if (xp->nbind > XP_MAX_BIND) {
				fail(xp, XMLPULL_ERR_SYNTAX, "too many namespace declarations");
				return;
			}
			bind(xp, atts[i][5] ? atts[i] + 6 : NULL, atts[i + 1], xp->depth);
		}
	e = new_ev(xp, XMLPULL_START);
	ev = (size_t)(e - xp->ev);
	e->depth = xp->depth++;
	e->attr0 = xp->nat;
	split_name(xp, name, 1, &e->ns, &e->name);
	for (size_t i = 0; atts[i]; i += 2) {
		const char *colon;
		struct xp_at *a;
		if (is_xmlns(atts[i]))
			continue;
		if (xp->attr_ns) {
			/* cheap filter before anything is copied */
			const struct xp_bind *b;
			if (!(colon = strchr(atts[i], ':')))
				continue;
			b = resolve(xp, atts[i], (size_t)(colon - atts[i]));
			if (!b || !b->uri ||
			    (b->interned ? b->interned != xp->attr_ns : strcmp(b->uri, xp->attr_ns) != 0))
				continue;
		}
		XGROW(xp->at, xp->nat + 1, xp->cat);
		a = &xp->at[xp->nat++];
		split_name(xp, atts[i], 0, &a->ns, &a->name);
		a->value = str_add(xp, atts[i + 1], strlen(atts[i + 1]));
	}
	xp->ev[ev].nattrs = xp->nat - xp->ev[ev].attr0;
	maybe_suspend(xp);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	struct xmlpull *xp = ud;
	struct xp_ev *e;

	if (xp->errkind)
		return;
	xp->depth--;
	/* expat reports <x/> as a start and an end, the end with no bytes of its own */
	if (XML_GetCurrentByteCount(xp->p) == 0 && xp->nev > 0 && xp->ev[xp->nev - 1].type == XMLPULL_START &&
	    xp->ev[xp->nev - 1].depth == xp->depth) {
		xp->ev[xp->nev - 1].empty = 1;
	} else {
		e = new_ev(xp, XMLPULL_END);
		e->depth = xp->depth;
		split_name(xp, name, 1, &e->ns, &e->name);
		maybe_suspend(xp);
	}
	unbind(xp, xp->depth);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	struct xmlpull *xp = ud;
	struct xp_ev *e;

	if (xp->errkind || len <= 0 || too_deep(xp))
		return;
	if (xp->nev > 0 && xp->ev[xp->nev - 1].type == XMLPULL_TEXT) {
		/* the text is the last string added: extend it */
		e = &xp->ev[xp->nev - 1];
		xp->nstr--;
		str_add(xp, s, (size_t)len);
		e->len += (size_t)len;
		return;
	}
	e = new_ev(xp, XMLPULL_TEXT);
	e->depth = xp->depth;
	e->text = str_add(xp, s, (size_t)len);
	e->len = (size_t)len;
	maybe_suspend(xp);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
			       int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	fail(ud, XMLPULL_ERR_DTD, "a DTD (refused)");
}

/* windows-1252, which expat does not know; bytes it leaves undefined are errors */
static int XMLCALL on_encoding(void *ud, const XML_Char *name, XML_Encoding *info)
{
	static const unsigned short high[32] = {
	    0x20AC, 0,	    0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	    0x2039, 0x0152, 0,	    0x017D, 0,	    0,	    0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,	    0x017E, 0x0178};

	(void)ud;
	if (strcasecmp(name, "windows-1252") != 0 && strcasecmp(name, "cp1252") != 0)
		return XML_STATUS_ERROR;
	for (int i = 0; i < 256; i++)
		info->map[i] = i < 0x80 || i >= 0xA0 ? i : (high[i - 0x80] ? high[i - 0x80] : -1);
	info->data = NULL;
	info->convert = NULL;
	info->release = NULL;
	return XML_STATUS_OK;
}

struct xmlpull *xmlpull_new(const char *data, size_t n, const char *attr_ns, unsigned max_depth,
			    struct dd_error *err)
{
	struct xmlpull *xp;

	if (expatzip_load_expat(err) < 0)
		return NULL;
	xp = xcalloc(1, sizeof(*xp));
	xp->p = XML_ParserCreate(NULL);
	if (!xp->p) {
		free(xp);
		dd_error_code(err, DD_ERR_RUNTIME, "cannot create an XML parser");
		return NULL;
	}
	xp->data = data;
	xp->n = n;
	xp->attr_ns = attr_ns ? intern(xp, attr_ns) : NULL;
	bind(xp, "xml", XML_NS, UINT_MAX);
	xp->max_depth = max_depth;
	XML_SetUserData(xp->p, xp);
	XML_SetElementHandler(xp->p, on_start, on_end);
	XML_SetCharacterDataHandler(xp->p, on_text);
	XML_SetStartDoctypeDeclHandler(xp->p, on_doctype);
	XML_SetUnknownEncodingHandler(xp->p, on_encoding, NULL);
	if (n > INT_MAX) {
		xp->errkind = XMLPULL_ERR_SIZE;
		snprintf(xp->msg, sizeof(xp->msg), "document too large (%zu bytes)", n);
	}
	return xp;
}

void xmlpull_free(struct xmlpull *xp)
{
	if (!xp)
		return;
	XML_ParserFree(xp->p);
	for (size_t i = 0; i < xp->nns; i++)
		free(xp->ns[i]);
	for (size_t i = 0; i < xp->nbind; i++) {
		free(xp->bind[i].prefix);
		free(xp->bind[i].uri);
	}
	free(xp->bind);
	free(xp->ev);
	free(xp->at);
	free(xp->str);
	free(xp->out);
	free(xp);
}

/* Parse on until the next batch has nodes: 1, 0 at the end, -1 on error. */
static int refill(struct xmlpull *xp)
{
	xp->nev = xp->pos = xp->nat = xp->nstr = 0;
	while (xp->nev == 0) {
		enum XML_Status st;
		if (xp->errkind)
			return -1;
		if (xp->done)
			return 0;
		xp->stopping = 0;
		if (!xp->started) {
			xp->started = 1;
			st = XML_Parse(xp->p, xp->data, (int)xp->n, XML_TRUE);
		} else {
			st = XML_ResumeParser(xp->p);
		}
		if (xp->errkind)
			break;
		if (st == XML_STATUS_ERROR) {
			xp->errkind = XMLPULL_ERR_SYNTAX;
			snprintf(xp->msg, sizeof(xp->msg), "%s at line %lu",
				 XML_ErrorString(XML_GetErrorCode(xp->p)),
				 (unsigned long)XML_GetCurrentLineNumber(xp->p));
			break;
		}
		if (st == XML_STATUS_OK)
			xp->done = 1;
	}
	return xp->nev > 0 ? 1 : -1;
}

static const char *str_at(const struct xmlpull *xp, struct xp_str s)
{
	return s.p ? s.p : s.off == XP_NONE ? NULL : xp->str + s.off;
}

int xmlpull_next(struct xmlpull *xp, struct xmlpull_node *node)
{
	const struct xp_ev *e;

	if (xp->pos == xp->nev) {
		int rc = refill(xp);
		if (rc <= 0)
			return rc;
	}
	e = &xp->ev[xp->pos++];
	memset(node, 0, sizeof(*node));
	node->type = e->type;
	node->depth = e->depth;
	node->empty = e->empty;
	xp->last_open = 0;
	if (e->type == XMLPULL_TEXT) {
		node->text = xp->str + e->text;
		node->len = e->len;
		return 1;
	}
	node->ns = str_at(xp, e->ns);
	node->name = xp->str + e->name;
	if (e->type != XMLPULL_START)
		return 1;
	xp->last_open = !e->empty;
	xp->last_depth = e->depth;
	if (e->nattrs > xp->cout) {
		free(xp->out);
		xp->out = xreallocarray(NULL, e->nattrs, sizeof(*xp->out));
		xp->cout = e->nattrs;
	}
	for (size_t i = 0; i < e->nattrs; i++) {
		const struct xp_at *a = &xp->at[e->attr0 + i];
		xp->out[i].ns = str_at(xp, a->ns);
		xp->out[i].name = xp->str + a->name;
		xp->out[i].value = xp->str + a->value;
	}
	node->attrs = xp->out;
	node->nattrs = e->nattrs;
	return 1;
}

int xmlpull_skip(struct xmlpull *xp)
{
	unsigned depth = xp->last_depth;

	if (!xp->last_open)
		return 0;
	xp->last_open = 0;
	for (;;) {
		const struct xp_ev *e;
		if (xp->pos == xp->nev) {
			int rc = refill(xp);
			if (rc <= 0)
				return rc;
		}
		e = &xp->ev[xp->pos++];
		if (e->type == XMLPULL_END && e->depth == depth)
			return 0;
	}
}

enum xmlpull_err xmlpull_error(const struct xmlpull *xp, const char **msg)
{
	if (msg)
		*msg = xp->msg;
	return xp->errkind;
}

const char *xmlpull_attr(const struct xmlpull_node *node, const char *ns, const char *name)
{
	for (size_t i = 0; i < node->nattrs; i++) {
		const struct xmlpull_attr *a = &node->attrs[i];
		if (strcmp(a->name, name) == 0 && (ns ? a->ns && strcmp(a->ns, ns) == 0 : a->ns == NULL))
			return a->value;
	}
	return NULL;
}
