/* esc.c - escaping text for XML, HTML, Markdown and CSV output of reports and exports */
#include "esc.h"

#include <stdint.h>
#include <string.h>

#include "vn/utf8.h"

int esc_xml_n(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;

	if (!s)
		return 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t run = i;

		/* copy plain ASCII runs in one go */
		while (run < n) {
			c = (unsigned char)s[run];
			if (c >= 0x80 || c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' ||
			    c == '\'')
				break;
			run++;
		}
		if (run > i && buf_add(b, s + i, run - i) < 0)
			return -1;
		i = run;
		if (i >= n)
			break;
		c = (unsigned char)s[i];
		if (c < 0x80) {
			const char *rep = NULL;
			switch (c) {
			case '&': rep = "&amp;"; break;
			case '<': rep = "&lt;"; break;
			case '>': rep = "&gt;"; break;
			case '"': rep = "&quot;"; break;
			case '\'': rep = "&apos;"; break;
			case '\t': rep = "\t"; break;
			case '\n': rep = "\n"; break;
			default: rep = ""; break; /* forbidden control character */
			}
			if (buf_addstr(b, rep) < 0)
				return -1;
			i++;
			continue;
		}
		{
			uint32_t cp;
			size_t len = vn_utf8_next(s + i, n - i, &cp);
			int r;

			/* U+FFFE/U+FFFF are not XML characters either */
			if (cp == 0xFFFE || cp == 0xFFFF)
				cp = 0xFFFD;
			if (cp == 0xFFFD)
				r = buf_addcp(b, 0xFFFD);
			else
				r = buf_add(b, s + i, len);
			if (r < 0)
				return -1;
			i += len;
		}
	}
	return 0;
}

int esc_xml(struct buf *b, const char *s)
{
	return s ? esc_xml_n(b, s, strlen(s)) : 0;
}

int esc_md(struct buf *b, const char *s)
{
	if (!s)
		return 0;
	for (; *s; s++) {
		char c = *s;
		if (c == '\r')
			continue;
		if (c == '\n') {
			if (buf_addch(b, ' ') < 0)
				return -1;
			continue;
		}
		if (strchr("|*_`\\<[]", c) && buf_addch(b, '\\') < 0)
			return -1;
		if (buf_addch(b, c) < 0)
			return -1;
	}
	return 0;
}

int esc_csv(struct buf *b, const char *s)
{
	int quote;

	if (!s)
		s = "";
	quote = strpbrk(s, ",\"\r\n;") != NULL;
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@') {
		/* a leading apostrophe keeps spreadsheets from evaluating the cell */
		if (!quote && buf_addch(b, '\'') < 0)
			return -1;
		if (quote && buf_addstr(b, "\"'") < 0)
			return -1;
	} else if (quote && buf_addch(b, '"') < 0) {
		return -1;
	}
	for (; *s; s++) {
		if (*s == '"' && buf_addch(b, '"') < 0)
			return -1;
		if (buf_addch(b, *s) < 0)
			return -1;
	}
	if (quote && buf_addch(b, '"') < 0)
		return -1;
	return 0;
}
