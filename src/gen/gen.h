/* gen.h - deterministic generator of realistic synthetic Vietnamese documents (benchmarks, tests) */
#ifndef DD_GEN_H
#define DD_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "../util/buf.h"

/* A small, fast PRNG (splitmix64). The same seed always gives the same sequence on every
 * platform; never rand() or the clock. */
struct gen_rng {
	uint64_t s;
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform-enough value in [0, n); n must be > 0. */
uint32_t gen_rng_below(struct gen_rng *r, uint32_t n);

/* How the generated text is encoded. */
enum gen_variant {
	GEN_NFC = 0, /* NFC UTF-8, as the generator writes it */
	GEN_NFD,     /* canonical decomposition (utf8proc), as some Mac and PDF tools write */
	GEN_TCVN3    /* legacy TCVN3 bytes (vn_encode), as old .VnTime documents */
};

/* "nfc" | "nfd" | "tcvn3" -> *out; -1 when unknown. */
int gen_parse_variant(const char *s, enum gen_variant *out);

/* Document types the generator writes (the code used in the document number). */
enum gen_doctype { GEN_TB = 0, GEN_KL, GEN_CT, GEN_KH, GEN_CV, GEN_QD, GEN_NTYPES };

/* What gen_document wrote, for tests and statistics. */
struct gen_info {
	enum gen_doctype type;
	int party;      /* 1: Party format (HD36), 0: State format (NĐ30) */
	int ntasks;     /* numbered top-level task items written */
	int nsubtasks;  /* a), -, + items under them */
	int y, m, d;    /* date of the document */
};

/* Append document number `index` of the corpus for `seed` to out, as NFC UTF-8 ending in
 * one "\n". Each document depends only on (seed, index), so any slice of a corpus can be
 * made on its own. info may be NULL. Returns 0, or -1 when out's limit would be passed. */
int gen_document(uint64_t seed, uint64_t index, struct buf *out, struct gen_info *info);

/* Convert NFC UTF-8 text to the variant, appended to out (GEN_NFC copies). Input should be
 * NFC UTF-8 (stray bytes are passed through). The first call per variant builds a table and
 * is not thread-safe. Returns 0, or -1 when out's limit would be passed. */
int gen_convert(enum gen_variant v, const char *s, size_t n, struct buf *out);

/* The type code of a document type ("TB", "KL", "CT", "KH", "CV", "QĐ"). */
const char *gen_type_code(enum gen_doctype t);

#endif
