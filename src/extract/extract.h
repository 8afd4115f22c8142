/* extract.h - the extraction engine's public face: a document in, dondoc.extract/1 JSON out */
#ifndef EX_EXTRACT_H
#define EX_EXTRACT_H

#include "read/read.h"
#include "util/error.h"

struct gazetteer; /* extract/gazetteer.h: document types, titles, units, topics */
struct jv;	  /* extract/jv.h: the result's JSON values */
struct arena;	  /* util/arena.h */

/* Load the gazetteers: the copies compiled into the binary from data/, each replaced by
 * DIR/NAME.tsv when data_dir (may be NULL) has one. */
struct gazetteer *gazetteer_load(const char *data_dir, struct dd_error *err);
void gazetteer_free(struct gazetteer *gz);

/* Extract a document that a reader produced. Returns a JSON object in schema
 * dondoc.extract/1 (docs/extract-schema.md) made in arena a, which owns it (it lives until
 * the arena is reset; nothing of doc is referenced), or NULL with err set. Write it with
 * extract/jvwrite.h, read it with extract/jv.h, or copy it to jansson with extract/jvjson.h. */
struct jv *extract_doc(const struct rd_doc *doc, const struct gazetteer *gz, struct arena *a,
		       struct dd_error *err);

/* Read + extract in one step (path "-" = stdin). */
struct jv *extract_file(const char *path, const struct gazetteer *gz, struct arena *a, struct dd_error *err);

#endif
