/* extract.h - the extraction engine's public face: a document in, dondoc.extract/1 JSON out */
#ifndef EX_EXTRACT_H
#define EX_EXTRACT_H

#include <jansson.h>

#include "read/read.h"
#include "util/error.h"

struct gazetteer; /* extract/gazetteer.h: document types, titles, units, topics */

/* Load the gazetteers: the copies compiled into the binary from data/, each replaced by
 * DIR/NAME.tsv when data_dir (may be NULL) has one. */
struct gazetteer *gazetteer_load(const char *data_dir, struct dd_error *err);
void gazetteer_free(struct gazetteer *gz);

/* Extract a document that a reader produced. Returns a new JSON object in schema
 * dondoc.extract/1 (docs/extract-schema.md), or NULL with err set. */
json_t *extract_doc(const struct rd_doc *doc, const struct gazetteer *gz, struct dd_error *err);

/* Read + extract in one step (path "-" = stdin). */
json_t *extract_file(const char *path, const struct gazetteer *gz, struct dd_error *err);

#endif
