/* jvwrite.h - JSON text of a value tree (jv.h): compact (--jsonl) and indented (--json) */
#ifndef EX_JVWRITE_H
#define EX_JVWRITE_H

#include "jv.h"
#include "util/buf.h"

/* Append v as JSON, byte for byte what jansson's json_dumps writes with JSON_PRESERVE_ORDER
 * and JSON_COMPACT (jv_write_compact) or JSON_INDENT(2) (jv_write_pretty): strings not
 * escaped to ASCII, reals as "%.17g" with jansson's touches. Returns 0, or -1 when out's limit
 * would be passed (out may then hold part of the text). */
int jv_write_compact(const struct jv *v, struct buf *out);
int jv_write_pretty(const struct jv *v, struct buf *out);

#endif
