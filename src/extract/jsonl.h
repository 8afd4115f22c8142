/* jsonl.h - compact JSON of an extraction result, written straight into a buffer */
#ifndef EX_JSONL_H
#define EX_JSONL_H

#include <jansson.h>

#include "util/buf.h"

/* Append j as compact JSON, byte for byte what json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER)
 * writes (strings not escaped to ASCII). Returns 0, or -1 when out's limit would be passed or
 * j holds a value this writer leaves to jansson (a real: not in dondoc.extract/1); out may
 * then hold part of the text. */
int ex_json_compact(json_t *j, struct buf *out);

#endif
