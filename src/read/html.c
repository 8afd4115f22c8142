/* html.c - HTML reader: libxml2's HTML parser (no network), blocks and table cells become lines */
#include "read.h"
#include "xmlquiet.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>

#include "read/xmlzip.h"
#include "util/buf.h"
#include "vn/utf8.h"

#define HTML_MAX_TABLES 64

/* Inline and block context inherited by the nodes below an element. */
enum {
	CTX_BOLD = 1 << 0,
	CTX_ITALIC = 1 << 1,
	CTX_UNDERLINE = 1 << 2,
	CTX_CENTER = 1 << 3,
	CTX_HEADING = 1 << 4,
	CTX_PRE = 1 << 5,
	CTX_LIST = 1 << 6
};

/* Columns a cell's rowspan keeps covered in the rows below (beyond it, no rowspan). */
#define HTML_MAX_SPAN_COLS 64

struct html_table {
	int row, col;
	/* rows still covered from above, per column: cells of a row skip these columns */
	unsigned char cover[HTML_MAX_SPAN_COLS];
};

struct html_state {
	struct rd_doc *doc;
	const struct rd_limits *lim;
	struct dd_error *err;
	struct buf line, nfc;
	size_t nbold, nitalic, nunder, nchars; /* non-space bytes in the line, and how styled */
	unsigned line_flags;                    /* block flags captured at the line's first text */
	unsigned line_indent;
	int line_col, line_row;
	struct html_table tables[HTML_MAX_TABLES];
	int ntables;      /* open tables (may exceed HTML_MAX_TABLES; deeper ones share the last) */
	unsigned lists;   /* open ul/ol */
	int failed;
};

static const char *const skipped[] = {"script", "style",  "noscript", "template", "head",
				      "svg",    "canvas", "iframe",   "object",   "nav",
				      "select", "button", "title"};

static const char *const blocks[] = {
	"p",      "div",     "h1",     "h2",    "h3",     "h4",      "h5",     "h6",
	"li",     "ul",      "ol",     "dl",    "dt",     "dd",      "table",  "tr",
	"td",     "th",      "tbody",  "thead", "tfoot",  "caption", "blockquote", "pre",
	"section", "article", "header", "footer", "main", "aside",   "form",   "fieldset",
	"address", "figure", "figcaption", "hr", "center", "body",   "html",   "details",
	"summary"};

static int name_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/* Lower-cased attribute or style lookups: nonzero when style contains prop: value. */
static int style_has(xmlNode *node, const char *prop, const char *const *values, size_t nvalues)
{
	xmlChar *style = xmlGetProp(node, (const xmlChar *)"style");
	int found = 0;
	const char *p;

	if (!style)
		return 0;
	for (p = (const char *)style; !found && (p = strcasestr(p, prop)) != NULL; p += strlen(prop)) {
		const char *v = p + strlen(prop);
		while (*v == ' ')
			v++;
		if (*v != ':')
			continue;
		v++;
		while (*v == ' ')
			v++;
		for (size_t i = 0; i < nvalues; i++)
			if (strncasecmp(v, values[i], strlen(values[i])) == 0)
				found = 1;
	}
	xmlFree(style);
	return found;
}

static int attr_is(xmlNode *node, const char *attr, const char *value)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
	int r = v && strcasecmp((const char *)v, value) == 0;

	xmlFree(v);
	return r;
}

static long attr_long(xmlNode *node, const char *attr, long dflt, long min, long max)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)attr);
	char *end;
	long r = dflt;

	if (v) {
		r = strtol((const char *)v, &end, 10);
		if (end == (char *)v || r < min || r > max)
			r = dflt;
	}
	xmlFree(v);
	return r;
}

static void line_reset(struct html_state *st)
{
	buf_reset(&st->line);
	st->nbold = st->nitalic = st->nunder = st->nchars = 0;
	st->line_flags = 0;
	st->line_indent = 0;
	st->line_col = st->line_row = -1;
}

/* End the current line: trim, NFC, add it to the document (empty lines are dropped). */
static int flush(struct html_state *st)
{
	const char *t = buf_str(&st->line);
	size_t len = st->line.len;
	unsigned flags = st->line_flags;

	while (len && t[len - 1] == ' ')
		len--;
	if (len == 0 || st->nchars == 0) {
		line_reset(st);
		return 0;
	}
	if (st->nbold == st->nchars)
		flags |= RD_BOLD;
	if (st->nitalic == st->nchars)
		flags |= RD_ITALIC;
	if (st->nunder == st->nchars)
		flags |= RD_UNDERLINE;
	buf_reset(&st->nfc);
	if (vn_nfc(t, len, &st->nfc, 1, &st->doc->report) < 0) {
		st->failed = 1;
		return dd_error_code(st->err, DD_ERR_DATA, "too much text (limit %zu bytes)",
				     st->lim->max_text);
	}
	if (rd_doc_add_line(st->doc, buf_str(&st->nfc), st->nfc.len, st->line_indent, flags, 0,
			    st->line_col, st->line_row) < 0) {
		st->failed = 1;
		return rd_doc_limit_error(st->doc, st->err);
	}
	line_reset(st);
	return 0;
}

/* Append text with HTML white-space collapsing; ctx says how it is styled. */
static int add_text(struct html_state *st, const char *s, unsigned ctx)
{
	if (st->line.len == 0 && st->nchars == 0) {
		/* the first text of a line fixes its block flags and table cell */
		st->line_flags = 0;
		if (ctx & CTX_CENTER)
			st->line_flags |= RD_CENTER;
		if (ctx & CTX_HEADING)
			st->line_flags |= RD_HEADING;
		if (ctx & CTX_LIST)
			st->line_flags |= RD_LIST;
		if (st->ntables > 0) {
			int k = st->ntables <= HTML_MAX_TABLES ? st->ntables - 1 : HTML_MAX_TABLES - 1;
			st->line_flags |= RD_TABLE;
			st->line_row = st->tables[k].row < 0 ? 0 : st->tables[k].row;
			st->line_col = st->tables[k].col < 0 ? 0 : st->tables[k].col;
		}
		if (st->line_indent == 0 && st->lists > 0)
			st->line_indent = st->lists - 1;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		int space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
		if (p[0] == '<' && p[1] == '!' && p[2] == '[') {
			/* Word's "Save as web page" wraps list labels in <![if !supportLists]> ...
			 * <![endif]>, which the HTML parser leaves as text: drop the markers */
			const char *end = strstr((const char *)p, "]>");
			if (end) {
				p = (const unsigned char *)end + 1;
				continue;
			}
		}
		int nbsp = p[0] == 0xC2 && p[1] == 0xA0;
		int r;

		if ((space && !(ctx & CTX_PRE)) || nbsp) {
			if (nbsp)
				p++;
			if (st->line.len == 0 || st->line.ptr[st->line.len - 1] == ' ')
				continue;
			r = buf_addch(&st->line, ' ');
		} else if (*p == '\n') {
			if (flush(st) < 0)
				return -1;
			continue;
		} else {
			r = buf_addch(&st->line, (char)*p);
			if (*p != ' ' && *p != '\t') {
				st->nchars++;
				st->nbold += (ctx & CTX_BOLD) != 0;
				st->nitalic += (ctx & CTX_ITALIC) != 0;
				st->nunder += (ctx & CTX_UNDERLINE) != 0;
			}
		}
		if (r < 0) {
			st->failed = 1;
			return dd_error_code(st->err, DD_ERR_DATA, "too much text (limit %zu bytes)",
					     st->lim->max_text);
		}
	}
	return 0;
}

static const char *const bold_values[] = {"bold", "700", "800", "900", "bolder"};
static const char *const italic_values[] = {"italic", "oblique"};
static const char *const underline_values[] = {"underline"};
static const char *const center_values[] = {"center"};

/* A list item label for the n-th item of an <ol> of the given type. */
static void ol_label(struct buf *out, long n, char type)
{
	if ((type == 'a' || type == 'A') && n >= 1 && n <= 26)
		buf_printf(out, "%c.", (char)(type + n - 1));
	else
		buf_printf(out, "%ld.", n);
}

static int walk(struct html_state *st, xmlNode *parent, unsigned ctx, unsigned depth);

static int element(struct html_state *st, xmlNode *node, unsigned ctx, unsigned depth,
		   long *ol_counter, char ol_type)
{
	const char *name = (const char *)node->name;
	int block, rc = 0;
	unsigned c = ctx;

	if (name_in(name, skipped, sizeof(skipped) / sizeof(skipped[0])))
		return 0;
	if (strcasecmp(name, "br") == 0)
		return flush(st);
	block = name_in(name, blocks, sizeof(blocks) / sizeof(blocks[0]));
	if (!strcasecmp(name, "b") || !strcasecmp(name, "strong") ||
	    style_has(node, "font-weight", bold_values, 5))
		c |= CTX_BOLD;
	if (!strcasecmp(name, "i") || !strcasecmp(name, "em") ||
	    style_has(node, "font-style", italic_values, 2))
		c |= CTX_ITALIC;
	if (!strcasecmp(name, "u") || !strcasecmp(name, "ins") ||
	    style_has(node, "text-decoration", underline_values, 1))
		c |= CTX_UNDERLINE;
	if (block) {
		c &= ~(unsigned)CTX_CENTER;
		if ((ctx & CTX_CENTER) && strcasecmp(name, "table") != 0)
			c |= CTX_CENTER;
		if (!strcasecmp(name, "center") || attr_is(node, "align", "center") ||
		    style_has(node, "text-align", center_values, 1))
			c |= CTX_CENTER;
		else if (attr_is(node, "align", "left") || attr_is(node, "align", "justify"))
			c &= ~(unsigned)CTX_CENTER;
		if (flush(st) < 0)
			return -1;
	}
	if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
		c |= CTX_HEADING;
	if (!strcasecmp(name, "pre"))
		c |= CTX_PRE;
	if (!strcasecmp(name, "table")) {
		if (st->ntables < HTML_MAX_TABLES) {
			st->tables[st->ntables].row = -1;
			st->tables[st->ntables].col = -1;
			memset(st->tables[st->ntables].cover, 0, sizeof(st->tables[st->ntables].cover));
		}
		st->ntables++;
		rc = walk(st, node, c, depth + 1);
		if (flush(st) < 0)
			rc = -1;
		st->ntables--;
		return rc;
	}
	if (st->ntables > 0 && st->ntables <= HTML_MAX_TABLES) {
		struct html_table *t = &st->tables[st->ntables - 1];
		if (!strcasecmp(name, "tr")) {
			t->row++;
			t->col = -1;
			for (int k = 0; k < HTML_MAX_SPAN_COLS; k++)
				if (t->cover[k])
					t->cover[k]--;
		} else if (!strcasecmp(name, "td") || !strcasecmp(name, "th")) {
			if (t->row < 0)
				t->row = 0;
			t->col++;
			while (t->col >= 0 && t->col < HTML_MAX_SPAN_COLS && t->cover[t->col])
				t->col++;
			int first = t->col;
			rc = walk(st, node, c, depth + 1);
			if (flush(st) < 0)
				rc = -1;
			long span = attr_long(node, "colspan", 1, 1, 1000);
			long down = attr_long(node, "rowspan", 1, 1, 255);
			for (long k = first; down > 1 && k < first + span && k < HTML_MAX_SPAN_COLS; k++)
				t->cover[k] = (unsigned char)down;
			t->col += (int)span - 1;
			return rc;
		}
	}
	if (!strcasecmp(name, "ul") || !strcasecmp(name, "ol")) {
		long counter = attr_long(node, "start", 1, -100000, 100000) - 1;
		xmlChar *type = xmlGetProp(node, (const xmlChar *)"type");
		char t = type && (type[0] == 'a' || type[0] == 'A') ? (char)type[0] : '1';
		xmlFree(type);
		st->lists++;
		c |= CTX_LIST;
		for (xmlNode *k = node->children; k && rc == 0; k = k->next) {
			if (k->type == XML_ELEMENT_NODE)
				rc = element(st, k, c, depth + 1,
					     strcasecmp(name, "ol") == 0 ? &counter : NULL, t);
			else if (k->type == XML_TEXT_NODE && k->content)
				rc = add_text(st, (const char *)k->content, c);
		}
		st->lists--;
		if (rc == 0)
			rc = flush(st);
		return rc;
	}
	if (!strcasecmp(name, "li") && (ctx & CTX_LIST)) {
		struct buf label = BUF_INIT;
		if (ol_counter) {
			(*ol_counter)++;
			ol_label(&label, *ol_counter, ol_type);
		} else {
			buf_addch(&label, '-'); /* a bullet, written as Vietnamese documents write it */
		}
		buf_addch(&label, ' ');
		rc = add_text(st, buf_str(&label), c);
		if (ol_counter)
			st->line_flags |= RD_AUTONUM;
		buf_release(&label);
		if (rc < 0)
			return -1;
	}
	rc = walk(st, node, c, depth + 1);
	if (rc == 0 && block)
		rc = flush(st);
	return rc;
}

static int walk(struct html_state *st, xmlNode *parent, unsigned ctx, unsigned depth)
{
	if (depth > st->lim->max_xml_depth) {
		st->failed = 1;
		return dd_error_code(st->err, DD_ERR_DATA, "HTML nested too deeply (limit %u)",
				     st->lim->max_xml_depth);
	}
	for (xmlNode *k = parent->children; k; k = k->next) {
		int rc = 0;
		if (k->type == XML_ELEMENT_NODE)
			rc = element(st, k, ctx, depth, NULL, '1');
		else if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content)
			rc = add_text(st, (const char *)k->content, ctx);
		if (rc < 0)
			return -1;
	}
	return 0;
}


/* The charset named in a <meta> near the top, or "" (lower-cased into out). */
static void meta_charset(const char *d, size_t n, char *out, size_t outsz)
{
	size_t head = n < 8192 ? n : 8192;
	const char *p = d, *end = d + head;

	out[0] = '\0';
	while (p < end) {
		const char *hit = memmem(p, (size_t)(end - p), "charset", 7);
		size_t k = 0;
		if (!hit) {
			const char *up = memmem(p, (size_t)(end - p), "CHARSET", 7);
			if (!up)
				return;
			hit = up;
		}
		p = hit + 7;
		while (p < end && (*p == ' ' || *p == '='  || *p == '"' || *p == '\''))
			p++;
		while (p < end && k + 1 < outsz &&
		       ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			(*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == ':' || *p == '.')) {
			out[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			p++;
		}
		out[k] = '\0';
		if (k)
			return;
	}
}

int rd_read_html(const char *data, size_t n, const struct rd_limits *lim, struct rd_doc *doc,
		 struct dd_error *err)
{
	struct html_state st;
	struct xml_quiet quiet;
	struct buf conv = BUF_INIT;
	htmlDocPtr hdoc = NULL;
	const char *src = data, *enc = NULL;
	size_t srclen = n;
	char charset[40];
	int opts = HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
		   HTML_PARSE_NOWARNING;
	int rc = -1;

	if (xmlzip_load_xml(err) < 0)
		return -1;
	if (!lim)
		lim = &rd_limits_default;
	memset(&st, 0, sizeof(st));
	st.doc = doc;
	st.lim = lim;
	st.err = err;
	buf_init(&st.line, lim->max_text);
	buf_init(&st.nfc, lim->max_text);
	buf_init(&conv, lim->max_text);
	line_reset(&st);
	xmlInitParser();

	if (n > INT_MAX)
		return dd_error_code(err, DD_ERR_DATA, "HTML file too large");
	meta_charset(data, n, charset, sizeof(charset));
	if (vn_utf16_bom(data, n)) {
		enc = NULL; /* libxml2 follows the byte-order mark */
	} else if (charset[0] && strcmp(charset, "utf-8") != 0 && strcmp(charset, "utf8") != 0) {
		enc = charset;
		doc->report.encoding = VN_ENC_UNKNOWN;
		if (strcmp(charset, "windows-1258") == 0 || strcmp(charset, "cp1258") == 0) {
			doc->report.encoding = VN_ENC_CP1258;
			vn_report_add(&doc->report, "cp1258-to-unicode");
		}
	} else if (vn_utf8_validate(data, n, NULL) == 0) {
		enc = "UTF-8";
		doc->report.encoding = VN_ENC_UTF8;
	} else {
		/* no usable declaration and not UTF-8: let the text core recognize the encoding */
		if (vn_normalize(data, n, &conv, &doc->report, err) < 0)
			goto out;
		src = buf_str(&conv);
		srclen = conv.len;
		enc = "UTF-8";
	}
	if (enc && strcmp(enc, "UTF-8") == 0)
		opts |= HTML_PARSE_IGNORE_ENC;
	xml_quiet_begin(&quiet);
	hdoc = htmlReadMemory(src, (int)srclen, NULL, enc, opts);
	if (!hdoc && enc && strcmp(enc, "UTF-8") != 0) /* an unknown charset name: try UTF-8 */
		hdoc = htmlReadMemory(src, (int)srclen, NULL, "UTF-8", opts | HTML_PARSE_IGNORE_ENC);
	xml_quiet_end(&quiet);
	if (!hdoc || !xmlDocGetRootElement(hdoc)) {
		dd_error_code(err, DD_ERR_DATA, "cannot parse HTML");
		goto out;
	}
	if (walk(&st, (xmlNode *)hdoc, 0, 1) < 0 || flush(&st) < 0)
		goto out;
	if (doc->nlines == 0) {
		dd_error_code(err, DD_ERR_DATA, "no text in HTML document");
		goto out;
	}
	rc = 0;
out:
	if (hdoc)
		xmlFreeDoc(hdoc);
	buf_release(&st.line);
	buf_release(&st.nfc);
	buf_release(&conv);
	return rc;
}
