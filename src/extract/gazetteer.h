/* gazetteer.h - the data the extractor matches against: document types, titles, units, topics */
#ifndef EX_GAZETTEER_H
#define EX_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

struct gz_type {
	char *code, *name, *fold; /* fold: the name's search key */
};

struct gz_title {
	char *title, *fold;
	int body; /* 1: a collective body (T/M ...), 0: a person's title */
};

struct gz_unit {
	char *id, *name, *kind, *parent;
};

struct gz_alias {
	char *fold;  /* search key of one spelling */
	size_t word; /* length of its first word */
	size_t unit; /* index into units */
	size_t len;  /* length of fold */
};

struct gz_topic {
	char *id;
	char **kw; /* search keys */
	size_t nkw;
	char **units;
	size_t nunits;
};

struct gz_kw {
	const char *fold; /* a topic keyword's search key (owned by the topic) */
	size_t word;      /* length of its first word */
	size_t topic;
	size_t len; /* length of fold */
};

/* A first word (w == NULL: empty slot), its ex_word_hash and the range [lo, hi) of the sorted
 * keys that start with it; in the aliases' index, [any, hi) holds those with no byte after
 * the word's separator (they are sorted last). */
struct gz_wslot {
	const char *w;
	uint32_t wl, lo, hi, h, any;
};

#define GZ_WORD_SET 8192 /* entries of a first-word set (the low 13 bits of a word's hash) */

struct gazetteer {
	struct gz_type *types;
	size_t ntypes;
	struct gz_title *titles; /* longest key first */
	size_t ntitles;
	/* the types and titles by the first byte of their key, in array order: the first index
	 * (n when none) and each one's next (n at the end); a look-up tries only those */
	size_t type_first[256], title_first[256];
	size_t *type_next, *title_next;
	struct gz_unit *units;
	size_t nunits;
	/* sorted by first word; then those with a byte after the first word's separator by that
	 * byte, longest first; then the others (shorter than all of those), longest first: at a
	 * given place only keys with the byte found there can match, so the first that matches is
	 * the longest, as in an array sorted longest first */
	struct gz_alias *aliases;
	size_t naliases;
	struct gz_topic *topics;
	size_t ntopics;
	struct gz_kw *kws; /* all topic keywords, sorted by first word */
	size_t nkws;
	/* hashed sets of the first words of kws / aliases: most words of a text start no key,
	 * and one look-up here says so (a byte per entry: a load and a test, where a bit wants
	 * shifts and masks) */
	unsigned char kw_words[GZ_WORD_SET], alias_words[GZ_WORD_SET];
	/* open-addressing hash tables (mask + 1 slots) from a first word to the keys that start
	 * with exactly that word */
	struct gz_wslot *kw_ix, *alias_ix;
	size_t kw_mask, alias_mask;
	/* two first words of an index with the same hash and length: its look-ups compare the
	 * words (otherwise a slot is found by hash and length, and the keys are compared whole) */
	int kw_same, alias_same;
};

/* The files, in the order they are loaded. */
extern const char *const gz_file_names[4];

/* Longest type name / title / unit alias whose key starts at fold[pos] and ends at a word
 * boundary; NULL or -1 when none. *end gets the end offset in fold. */
const struct gz_type *gz_match_type(const struct gazetteer *gz, const char *fold, size_t n,
				    size_t pos, size_t *end);
const struct gz_title *gz_match_title(const struct gazetteer *gz, const char *fold, size_t n,
				      size_t pos, size_t *end);
long gz_match_unit(const struct gazetteer *gz, const char *fold, size_t n, size_t pos,
		   size_t *end);
/* Topic keywords starting at fold[pos]: calls fn(topic, arg) for each one that matches. */
void gz_match_topics(const struct gazetteer *gz, const char *fold, size_t n, size_t pos,
		     void (*fn)(size_t topic, void *arg), void *arg);
/* The slot of first word w[0..n) (n >= 1) in a first-word index (kw_ix or alias_ix), NULL
 * when no key starts with that word. */
const struct gz_wslot *gz_ix_find(const struct gz_wslot *ix, size_t mask, const char *w, size_t n);

/* The same at every word start of fold[0..n) in turn, in one pass over the text: what
 * calling gz_match_topics at each of them does. */
void gz_match_topics_in(const struct gazetteer *gz, const char *fold, size_t n,
			void (*fn)(size_t topic, void *arg), void *arg);
/* The same with the words of fold known (ex_words_of in text.h). */
struct ex_words;
void gz_match_topics_words(const struct gazetteer *gz, const char *fold, size_t n, const struct ex_words *ws,
			   void (*fn)(size_t topic, void *arg), void *arg);
/* A type by its code ("TB"), or NULL. */
const struct gz_type *gz_type_by_code(const struct gazetteer *gz, const char *code);

/* Parse one gazetteer file's text (for tests): name is one of gz_file_names. */
int gz_parse(struct gazetteer *gz, const char *name, const char *text, size_t len,
	     struct dd_error *err);

#endif
