/* xmlpull.h - a pull reader over expat: one XML document in memory, read node by node (start
 * tag, end tag, text) with namespaces resolved, as the DOCX reader walks its parts. A DTD is
 * refused (DOCX never has one; it is how entity bombs get in), nothing external is loaded and
 * the nesting depth is capped. A prefix that was never declared gives no namespace (as in
 * libxml2), not an error. */
#ifndef READ_XMLPULL_H
#define READ_XMLPULL_H

#include <stddef.h>

#include "util/error.h"

struct xmlpull;

enum xmlpull_type { XMLPULL_START = 1, XMLPULL_END, XMLPULL_TEXT };

struct xmlpull_attr {
	const char *ns;	  /* namespace URI, NULL for none */
	const char *name; /* local name */
	const char *value;
};

/* One node; its strings stay valid until the next xmlpull_next or xmlpull_skip. */
struct xmlpull_node {
	enum xmlpull_type type;
	const char *ns;	  /* START, END: namespace URI, NULL for none */
	const char *name; /* START, END: local name */
	int empty;	  /* START: an empty-element tag (<x/>), no END follows */
	unsigned depth;	  /* the root element is at 0, its text and children at 1 */
	const char *text; /* TEXT: NUL-terminated; text may come in several nodes in a row */
	size_t len;
	const struct xmlpull_attr *attrs; /* START: the attributes kept (see xmlpull_new) */
	size_t nattrs;
};

/* Why xmlpull_next failed. */
enum xmlpull_err { XMLPULL_ERR_SYNTAX = 1, XMLPULL_ERR_DTD, XMLPULL_ERR_DEPTH, XMLPULL_ERR_SIZE };

/* A reader over data[0..n) (UTF-8, UTF-16, ISO-8859-1 or windows-1252; data stays the
 * caller's and must outlive the reader; more than 512 namespace declarations in scope are
 * an error). Only the attributes in namespace attr_ns are kept
 * (all of them when NULL). An element deeper than max_depth, or text below one at
 * max_depth, is an error (0: no limit). NULL with err set (DD_ERR_UNAVAILABLE) when expat
 * cannot be loaded. */
struct xmlpull *xmlpull_new(const char *data, size_t n, const char *attr_ns, unsigned max_depth,
			    struct dd_error *err);
void xmlpull_free(struct xmlpull *xp);

/* The next node into *node: 1, 0 at the end of the document, -1 on an error (the nodes
 * before it were delivered; xmlpull_error says what). */
int xmlpull_next(struct xmlpull *xp, struct xmlpull_node *node);

/* After a START that is not empty: pass over its content and its END. 0, or -1 on error. */
int xmlpull_skip(struct xmlpull *xp);

/* After -1: the kind of error and a message ("mismatched tag at line 3"). */
enum xmlpull_err xmlpull_error(const struct xmlpull *xp, const char **msg);

/* The value of attribute ns:name of a START node, or NULL. */
const char *xmlpull_attr(const struct xmlpull_node *node, const char *ns, const char *name);

#endif
