/* test_xmlpull.c - the pull reader over expat: nodes, namespaces, attributes, text, limits */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "read/xmlpull.h"
#include "util/buf.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W "xmlns:w=\"" W_NS "\""

static struct xmlpull *open_str(const char *xml, const char *attr_ns, unsigned max_depth)
{
	struct dd_error err;
	struct xmlpull *xp = xmlpull_new(xml, strlen(xml), attr_ns, max_depth, &err);

	assert_non_null(xp);
	return xp;
}

/* The document as one line per node: "+ns|name", "-ns|name", "=text", "+...+" when empty. */
static int dump(const char *xml, const char *attr_ns, unsigned max_depth, struct buf *out,
		enum xmlpull_err *kind)
{
	struct xmlpull *xp = open_str(xml, attr_ns, max_depth);
	struct xmlpull_node nd;
	int rc;

	buf_init(out, 0);
	while ((rc = xmlpull_next(xp, &nd)) == 1) {
		if (nd.type == XMLPULL_TEXT) {
			buf_printf(out, "%u=%s\n", nd.depth, nd.text);
			assert_int_equal(strlen(nd.text), nd.len);
			continue;
		}
		buf_printf(out, "%u%c%s|%s", nd.depth, nd.type == XMLPULL_START ? '+' : '-',
			   nd.ns ? nd.ns : "", nd.name);
		for (size_t i = 0; i < nd.nattrs; i++)
			buf_printf(out, " %s|%s=%s", nd.attrs[i].ns ? nd.attrs[i].ns : "", nd.attrs[i].name,
				   nd.attrs[i].value);
		buf_addstr(out, nd.empty ? " (empty)\n" : "\n");
	}
	*kind = rc < 0 ? xmlpull_error(xp, NULL) : 0;
	xmlpull_free(xp);
	return rc;
}

static void test_nodes(void **state)
{
	struct buf out;
	enum xmlpull_err kind;
	(void)state;

	assert_int_equal(
	    dump("<?xml version=\"1.0\"?><a><b x=\"1\">t&amp;u<![CDATA[<c>]]> </b><e/><f></f></a>", NULL, 0,
		 &out, &kind),
	    0);
	assert_string_equal(buf_str(&out), "0+|a\n"
					   "1+|b |x=1\n"
					   "2=t&u<c> \n"
					   "1-|b\n"
					   "1+|e (empty)\n"
					   "1+|f\n"
					   "1-|f\n"
					   "0-|a\n");
	buf_release(&out);
	/* comments and processing instructions are left out; the text around them joins up */
	assert_int_equal(dump("<a>x<!-- c -->y<?pi z?>z</a>", NULL, 0, &out, &kind), 0);
	assert_string_equal(buf_str(&out), "0+|a\n1=xyz\n0-|a\n");
	buf_release(&out);
}

static void test_namespaces(void **state)
{
	struct buf out;
	enum xmlpull_err kind;
	static const char xml[] =
	    "<w:document " W " xmlns:x=\"urn:x\"><w:p w:val=\"1\" x:val=\"2\" plain=\"3\">"
	    "<x:q/><r xmlns=\"urn:d\" w:val=\"4\"/></w:p></w:document>";
	(void)state;

	/* only the w: attributes kept */
	assert_int_equal(dump(xml, W_NS, 0, &out, &kind), 0);
	assert_string_equal(buf_str(&out), "0+" W_NS "|document\n"
					   "1+" W_NS "|p " W_NS "|val=1\n"
					   "2+urn:x|q (empty)\n"
					   "2+urn:d|r " W_NS "|val=4 (empty)\n"
					   "1-" W_NS "|p\n"
					   "0-" W_NS "|document\n");
	buf_release(&out);
	/* all of them */
	assert_int_equal(dump(xml, NULL, 0, &out, &kind), 0);
	assert_non_null(strstr(buf_str(&out), "1+" W_NS "|p " W_NS "|val=1 urn:x|val=2 |plain=3\n"));
	buf_release(&out);
	/* an undeclared prefix gives no namespace, as libxml2 has it; xml: is always declared;
	 * a declaration holds for the element and its content only */
	assert_int_equal(
	    dump("<a xml:space=\"preserve\"><y:b y:c=\"1\"/><w:d " W "/><w:e/></a>", NULL, 0, &out, &kind),
	    0);
	assert_string_equal(buf_str(&out), "0+|a http://www.w3.org/XML/1998/namespace|space=preserve\n"
					   "1+|b |c=1 (empty)\n"
					   "1+" W_NS "|d (empty)\n"
					   "1+|e (empty)\n"
					   "0-|a\n");
	buf_release(&out);
	/* default namespaces, undeclared again with xmlns="" */
	assert_int_equal(
	    dump("<a xmlns=\"urn:1\"><b xmlns=\"\"><c/></b><d x=\"1\"/></a>", NULL, 0, &out, &kind), 0);
	assert_string_equal(buf_str(&out),
			    "0+urn:1|a\n1+|b\n2+|c (empty)\n1-|b\n1+urn:1|d |x=1 (empty)\n0-urn:1|a\n");
	buf_release(&out);
	/* a prefix declared again inside */
	assert_int_equal(
	    dump("<p:a xmlns:p=\"urn:1\"><p:b xmlns:p=\"urn:2\" p:x=\"2\"/><p:c p:x=\"1\"/></p:a>", "urn:1",
		 0, &out, &kind),
	    0);
	assert_string_equal(buf_str(&out),
			    "0+urn:1|a\n1+urn:2|b (empty)\n1+urn:1|c urn:1|x=1 (empty)\n0-urn:1|a\n");
	buf_release(&out);
}

static void test_attr(void **state)
{
	struct xmlpull *xp = open_str("<w:p " W " w:val=\"a b\" w:id=\"&lt;7&gt;\"/>", W_NS, 0);
	struct xmlpull_node nd;
	(void)state;

	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_string_equal(xmlpull_attr(&nd, W_NS, "val"), "a b");
	assert_string_equal(xmlpull_attr(&nd, W_NS, "id"), "<7>");
	assert_null(xmlpull_attr(&nd, W_NS, "other"));
	assert_null(xmlpull_attr(&nd, NULL, "val"));
	assert_true(nd.empty);
	assert_int_equal(xmlpull_next(xp, &nd), 0);
	assert_int_equal(xmlpull_next(xp, &nd), 0);
	xmlpull_free(xp);
}

static void test_skip(void **state)
{
	struct xmlpull *xp = open_str("<a><b><c>x</c><b>y</b></b><d/>z</a>", NULL, 0);
	struct xmlpull_node nd;
	(void)state;

	assert_int_equal(xmlpull_next(xp, &nd), 1); /* a */
	assert_int_equal(xmlpull_next(xp, &nd), 1); /* b */
	assert_string_equal(nd.name, "b");
	assert_int_equal(xmlpull_skip(xp), 0);
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_string_equal(nd.name, "d");
	assert_int_equal(xmlpull_skip(xp), 0); /* empty: nothing to skip */
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_int_equal(nd.type, XMLPULL_TEXT);
	assert_string_equal(nd.text, "z");
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_int_equal(nd.type, XMLPULL_END);
	assert_string_equal(nd.name, "a");
	assert_int_equal(xmlpull_next(xp, &nd), 0);
	xmlpull_free(xp);
}

static void test_refused(void **state)
{
	struct buf out;
	enum xmlpull_err kind;
	const char *msg;
	struct xmlpull *xp;
	struct xmlpull_node nd;
	(void)state;

	/* any DTD, even one without entities */
	assert_int_equal(dump("<!DOCTYPE a><a/>", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_DTD);
	buf_release(&out);
	assert_int_equal(
	    dump("<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"ee\">]><a>&e;</a>", NULL, 0, &out, &kind),
	    -1);
	assert_int_equal(kind, XMLPULL_ERR_DTD);
	assert_string_equal(buf_str(&out), "");
	buf_release(&out);
	/* external entities never loaded */
	assert_int_equal(dump("<!DOCTYPE a SYSTEM \"/etc/passwd\"><a/>", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_DTD);
	buf_release(&out);
	/* an undefined entity without a DTD is a syntax error */
	assert_int_equal(dump("<a>&e;</a>", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);

	/* malformed: the nodes before the error come first */
	xp = open_str("<a><b>x</c></a>", NULL, 0);
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_string_equal(nd.text, "x");
	assert_int_equal(xmlpull_next(xp, &nd), -1);
	assert_int_equal(xmlpull_error(xp, &msg), XMLPULL_ERR_SYNTAX);
	assert_non_null(strstr(msg, "mismatched tag"));
	assert_non_null(strstr(msg, "line 1"));
	assert_int_equal(xmlpull_next(xp, &nd), -1); /* and stays an error */
	xmlpull_free(xp);
	/* cut short, empty, not XML */
	assert_int_equal(dump("<a><b>", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
	assert_int_equal(dump("", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
	assert_int_equal(dump("\x89PNG\r\n", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
	assert_int_equal(dump("<a>\xff</a>", NULL, 0, &out, &kind), -1); /* not UTF-8 */
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
	assert_int_equal(dump("<a/><b/>", NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
}

static void test_depth(void **state)
{
	struct buf xml = BUF_INIT, out;
	enum xmlpull_err kind;
	(void)state;

	/* depth 0..3 allowed; text inside the depth-3 element is at depth 4 */
	assert_int_equal(dump("<a><b><c><d/></c></b></a>", NULL, 3, &out, &kind), 0);
	buf_release(&out);
	assert_int_equal(dump("<a><b><c><d>x</d></c></b></a>", NULL, 3, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_DEPTH);
	assert_string_equal(buf_str(&out), "0+|a\n1+|b\n2+|c\n3+|d\n");
	buf_release(&out);
	assert_int_equal(dump("<a><b><c><d><e/></d></c></b></a>", NULL, 3, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_DEPTH);
	buf_release(&out);
	/* 100,000 levels with no limit set: expat keeps its own stack, no crash */
	for (int i = 0; i < 100000; i++)
		buf_addstr(&xml, "<a>");
	for (int i = 0; i < 100000; i++)
		buf_addstr(&xml, "</a>");
	assert_int_equal(dump(xml.ptr, NULL, 256, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_DEPTH);
	buf_release(&out);
	buf_reset(&xml);
	/* namespace declarations in scope are capped */
	buf_addstr(&xml, "<a");
	for (int i = 0; i < 600; i++)
		buf_printf(&xml, " xmlns:p%d=\"urn:%d\"", i, i);
	buf_addstr(&xml, "><p599:b/></a>");
	assert_int_equal(dump(xml.ptr, NULL, 0, &out, &kind), -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
	buf_release(&xml);
}

/* More nodes than one batch holds, and text split across batches. */
static void test_batches(void **state)
{
	struct buf xml = BUF_INIT, text = BUF_INIT;
	struct xmlpull *xp;
	struct xmlpull_node nd;
	size_t starts = 0, ends = 0, empties = 0;
	int rc;
	(void)state;

	buf_addstr(&xml, "<r>");
	for (int i = 0; i < 20000; i++)
		buf_printf(&xml, "<p n=\"%d\"><e/>%d&amp;</p>", i, i % 10);
	buf_addstr(&xml, "</r>");
	xp = open_str(xml.ptr, NULL, 0);
	while ((rc = xmlpull_next(xp, &nd)) == 1) {
		if (nd.type == XMLPULL_START) {
			starts++;
			empties += nd.empty;
			if (strcmp(nd.name, "p") == 0) {
				char want[24];
				snprintf(want, sizeof(want), "%zu", (starts - 2) / 2);
				assert_string_equal(xmlpull_attr(&nd, NULL, "n"), want);
			}
		} else if (nd.type == XMLPULL_END) {
			ends++;
		} else {
			buf_add(&text, nd.text, nd.len);
		}
	}
	assert_int_equal(rc, 0);
	assert_int_equal(starts, 40001);
	assert_int_equal(empties, 20000);
	assert_int_equal(ends, 20001);
	assert_int_equal(text.len, 40000);
	assert_memory_equal(text.ptr, "0&1&2&", 6);
	xmlpull_free(xp);
	buf_release(&text);
	buf_release(&xml);
}

static void test_encodings(void **state)
{
	struct buf out;
	enum xmlpull_err kind;
	static const char utf16[] = "\xff\xfe<\0a\0>\0\x03\x01<\0/\0a\0>\0";
	struct dd_error err;
	struct xmlpull *xp;
	struct xmlpull_node nd;
	(void)state;

	assert_int_equal(dump("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>caf\xe9 \x93q\x94</a>",
			      NULL, 0, &out, &kind),
			 0);
	assert_string_equal(buf_str(&out), "0+|a\n1=café “q”\n0-|a\n");
	buf_release(&out);
	assert_int_equal(
	    dump("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>", NULL, 0, &out, &kind), 0);
	assert_string_equal(buf_str(&out), "0+|a\n1=é\n0-|a\n");
	buf_release(&out);
	assert_int_equal(dump("<?xml version=\"1.0\" encoding=\"x-unknown\"?><a/>", NULL, 0, &out, &kind),
			 -1);
	assert_int_equal(kind, XMLPULL_ERR_SYNTAX);
	buf_release(&out);
	xp = xmlpull_new(utf16, sizeof(utf16) - 1, NULL, 0, &err);
	assert_non_null(xp);
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_int_equal(xmlpull_next(xp, &nd), 1);
	assert_string_equal(nd.text, "ă");
	xmlpull_free(xp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_nodes),   cmocka_unit_test(test_namespaces), cmocka_unit_test(test_attr),
	    cmocka_unit_test(test_skip),    cmocka_unit_test(test_refused),    cmocka_unit_test(test_depth),
	    cmocka_unit_test(test_batches), cmocka_unit_test(test_encodings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
