/* jval.h - jansson values for the extractor, built without jansson's slow UTF-8 scan */
#ifndef EX_JVAL_H
#define EX_JVAL_H

#include <jansson.h>
#include <stddef.h>

/* Same results as json_string / json_stringn (NULL for s NULL or not valid UTF-8), with a
 * validity check that skips ASCII eight bytes at a time. */
json_t *ex_jstr(const char *s);
json_t *ex_jstrn(const char *s, size_t n);
/* json_object_set_new for keys that are ASCII literals (jansson would check them each time). */
int ex_jset(json_t *obj, const char *key, json_t *value);
/* 1 when s[0..n) is valid UTF-8 as jansson understands it (RFC 3629: no overlong forms, no
 * surrogates, nothing past U+10FFFF). */
int ex_utf8_valid(const char *s, size_t n);

#endif
