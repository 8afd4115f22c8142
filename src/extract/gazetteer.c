/* gazetteer.c - loading the TSV gazetteers (built-in copies or the user's) and matching them */
#include "gazetteer.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract.h"
#include "text.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/file.h"
#include "util/xalloc.h"

#define GZ_MAX_FILE (16u << 20) /* a user's gazetteer file may not be larger */
#define GZ_MAX_FIELDS 8

const char *const gz_file_names[4] = {"types.tsv", "titles.tsv", "units.tsv", "topics.tsv"};

static char *fold_dup(const char *s)
{
	struct buf b = BUF_INIT;
	struct buf c = BUF_INIT;
	ex_fold_buf(s, strlen(s), &b);
	ex_add_clean(&c, buf_str(&b), b.len);
	buf_release(&b);
	return buf_detach(&c, NULL);
}

/* Split a line at tabs into at most GZ_MAX_FIELDS fields (modifies line). */
static size_t split_tabs(char *line, char **f)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < GZ_MAX_FIELDS; p++) {
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	}
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(f[i]);
		while (l > 0 && (f[i][l - 1] == ' ' || f[i][l - 1] == '\r'))
			f[i][--l] = '\0';
		while (*f[i] == ' ')
			f[i]++;
	}
	return n;
}

/* Split a "|"-separated list into heap strings. */
static char **split_bars(const char *s, size_t *count)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	while (*s) {
		const char *e = strchr(s, '|');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		size_t b = 0, en = len;
		ex_trim(s, &b, &en, "");
		if (en > b) {
			XGROW(v, n + 1, cap);
			v[n++] = xstrndup(s + b, en - b);
		}
		if (!e)
			break;
		s = e + 1;
	}
	*count = n;
	return v;
}

static void add_alias1(struct gazetteer *gz, size_t *cap, const char *f0, size_t unit);

/* A spelling and its provincial twin: units of a city are named "... thành phố", "...
 * Thành ủy"; the same units of a province "... tỉnh", "... Tỉnh ủy". */
static void add_alias(struct gazetteer *gz, size_t *cap, const char *spelling, size_t unit)
{
	char *f = fold_dup(spelling);
	add_alias1(gz, cap, f, unit);
	static const char *const pairs[][2] = {{" thanh pho", " tinh"}, {" thanh uy", " tinh uy"}};
	for (size_t i = 0; i < 2; i++) {
		char *hit = strstr(f, pairs[i][0]);
		if (!hit)
			continue;
		char *twin = xasprintf("%.*s%s%s", (int)(hit - f), f, pairs[i][1], hit + strlen(pairs[i][0]));
		add_alias1(gz, cap, twin, unit);
		free(twin);
	}
	free(f);
}

static void add_alias1(struct gazetteer *gz, size_t *cap, const char *f0, size_t unit)
{
	char *f = xstrdup(f0);
	if (!*f) {
		free(f);
		return;
	}
	XGROW(gz->aliases, gz->naliases + 1, *cap);
	struct gz_alias *a = &gz->aliases[gz->naliases++];
	a->fold = f;
	size_t w = 0;
	while ((f[w] >= 'a' && f[w] <= 'z') || (f[w] >= '0' && f[w] <= '9'))
		w++;
	a->word = w;
	a->unit = unit;
	a->len = strlen(f);
}

static int alias_cmp(const void *x, const void *y)
{
	const struct gz_alias *a = x, *b = y;
	size_t n = a->word < b->word ? a->word : b->word;
	int c = memcmp(a->fold, b->fold, n);
	if (c)
		return c;
	if (a->word != b->word)
		return a->word < b->word ? -1 : 1;
	/* the same first word: by the byte after its separator (none last), then longest first */
	size_t la = strlen(a->fold), lb = strlen(b->fold), w = a->word;
	int na = la > w + 1, nb = lb > w + 1;
	if (na != nb)
		return na ? -1 : 1;
	if (na && a->fold[w + 1] != b->fold[w + 1])
		return (unsigned char)a->fold[w + 1] < (unsigned char)b->fold[w + 1] ? -1 : 1;
	return la == lb ? strcmp(a->fold, b->fold) : (la > lb ? -1 : 1);
}

/* 1 for the bytes of a folded word: a-z and 0-9 */
static const unsigned char word_chars[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
	['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static int is_word_char(char c)
{
	return word_chars[(unsigned char)c];
}

/* Bit of a word in the first-word sets. */
static size_t word_bit(const char *w, size_t n)
{
	return ex_word_hash(w, n) % GZ_WORD_SET;
}

static int word_eq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* The slot of w[0..n) in ix, hashed h: its own, or the empty slot where it would go. */
static size_t ix_slot(const struct gz_wslot *ix, size_t mask, uint32_t h, const char *w, size_t n)
{
	size_t i = (h >> 13) & mask; /* the low bits pick the entry in the first-word set */
	while (ix[i].w && !(ix[i].wl == n && word_eq(ix[i].w, w, n)))
		i = (i + 1) & mask;
	return i;
}

const struct gz_wslot *gz_ix_find(const struct gz_wslot *ix, size_t mask, const char *w, size_t n)
{
	if (!ix || n == 0)
		return NULL;
	size_t i = ix_slot(ix, mask, ex_word_hash(w, n), w, n);
	return ix[i].w ? &ix[i] : NULL;
}

/* The keys that may start with the word w[0..n), hashed h (ex_word_hash): the first-word set
 * says no for most words, the index finds the others. same: the index has two first words
 * with one hash and length (gz->kw_same), so the word is compared; otherwise the slot of that
 * hash and length is the word's, or that of another word, whose keys the caller's comparison
 * of whole keys rejects (no key starts with a word whose slot is not found). */
static inline __attribute__((always_inline)) const struct gz_wslot *
ix_lookup(const unsigned char *set, const struct gz_wslot *ix, size_t mask, int same, uint32_t h,
	  const char *w, size_t n)
{
	if (!set[h % GZ_WORD_SET] || !ix)
		return NULL;
	size_t i;
	if (same) {
		i = ix_slot(ix, mask, h, w, n);
	} else {
		i = (h >> 13) & mask;
		while (ix[i].w && !(ix[i].h == h && ix[i].wl == n))
			i = (i + 1) & mask;
	}
	return ix[i].w ? &ix[i] : NULL;
}

/* A fresh index for nkeys keys: at least twice as many slots, a power of two. */
static struct gz_wslot *ix_new(size_t nkeys, size_t *mask)
{
	size_t n = 16;
	while (n < 2 * nkeys)
		n *= 2;
	*mask = n - 1;
	return xcalloc(n, sizeof(struct gz_wslot));
}

/* Key i (of a sorted array) starts with w[0..n): keys sharing a first word are neighbours.
 * *same is set when another first word has the same hash and length. */
static void ix_add(struct gz_wslot *ix, size_t mask, const char *w, size_t n, size_t i, int *same)
{
	if (n == 0)
		return; /* a key that starts with no word is never looked up */
	uint32_t h = ex_word_hash(w, n);
	size_t s = ix_slot(ix, mask, h, w, n);
	if (!ix[s].w) {
		for (size_t j = (h >> 13) & mask; j != s; j = (j + 1) & mask)
			if (ix[j].h == h && ix[j].wl == n)
				*same = 1;
		ix[s] = (struct gz_wslot){w, (uint32_t)n, (uint32_t)i, (uint32_t)i, h, (uint32_t)i};
	}
	ix[s].hi = (uint32_t)i + 1;
	/* keys with a byte after the separator come first (in the aliases; in the topic
	 * keywords, whose order says nothing of it, any is not used) */
	if (w[n] && w[n + 1] && ix[s].any == i)
		ix[s].any = (uint32_t)i + 1;
}

static void words_add(unsigned char *set, const char *w, size_t n)
{
	set[word_bit(w, n)] = 1;
}

/* Chain the n keys (fold at byte offset off of each size-byte element of arr) by their first
 * byte: first[c] is the first key starting with c, next[i] the key after i (n: none). */
static size_t *first_byte_chains(const void *arr, size_t n, size_t size, size_t off, size_t first[256])
{
	size_t *next = xreallocarray(NULL, n ? n : 1, sizeof(*next));
	for (size_t c = 0; c < 256; c++)
		first[c] = n;
	for (size_t i = n; i-- > 0;) {
		const char *fold = *(char *const *)((const char *)arr + i * size + off);
		unsigned char c = (unsigned char)fold[0];
		next[i] = first[c];
		first[c] = i;
	}
	return next;
}

static int kw_cmp(const void *x, const void *y)
{
	const struct gz_kw *a = x, *b = y;
	size_t n = a->word < b->word ? a->word : b->word;
	int c = memcmp(a->fold, b->fold, n);
	if (c)
		return c;
	return a->word == b->word ? 0 : (a->word < b->word ? -1 : 1);
}

static int title_cmp(const void *x, const void *y)
{
	const struct gz_title *a = x, *b = y;
	size_t la = strlen(a->fold), lb = strlen(b->fold);
	return la == lb ? 0 : (la > lb ? -1 : 1);
}

int gz_parse(struct gazetteer *gz, const char *name, const char *text, size_t len,
	     struct dd_error *err)
{
	size_t acap = 0, lineno = 0;
	char *copy = xstrndup(text, len);
	char *line = copy;
	int which = -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(name, gz_file_names[i]) == 0)
			which = i;
	if (which < 0) {
		free(copy);
		return dd_error(err, "unknown gazetteer '%s'", name);
	}
	acap = gz->naliases;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		lineno++;
		char *f[GZ_MAX_FIELDS];
		if (*line == '#' || strspn(line, " \t\r") == strlen(line))
			goto next;
		size_t nf = split_tabs(line, f);
		if (nf < 2 || !*f[0] || !*f[1]) {
			free(copy);
			return dd_error_code(err, DD_ERR_DATA, "%s: line %zu: expected tab-separated fields",
					     name, lineno);
		}
		if (which == 0) {
			gz->types = xreallocarray(gz->types, gz->ntypes + 1, sizeof(*gz->types));
			struct gz_type *t = &gz->types[gz->ntypes++];
			t->code = xstrdup(f[0]);
			t->name = xstrdup(f[1]);
			t->fold = fold_dup(f[1]);
		} else if (which == 1) {
			gz->titles = xreallocarray(gz->titles, gz->ntitles + 1, sizeof(*gz->titles));
			struct gz_title *t = &gz->titles[gz->ntitles++];
			t->title = xstrdup(f[0]);
			t->fold = fold_dup(f[0]);
			t->body = strcmp(f[1], "body") == 0;
		} else if (which == 2) {
			gz->units = xreallocarray(gz->units, gz->nunits + 1, sizeof(*gz->units));
			struct gz_unit *u = &gz->units[gz->nunits];
			u->id = xstrdup(f[0]);
			u->name = xstrdup(f[1]);
			u->kind = xstrdup(nf > 2 ? f[2] : "");
			u->parent = xstrdup(nf > 3 ? f[3] : "");
			add_alias(gz, &acap, f[1], gz->nunits);
			if (nf > 4) {
				size_t na;
				char **al = split_bars(f[4], &na);
				for (size_t i = 0; i < na; i++) {
					add_alias(gz, &acap, al[i], gz->nunits);
					free(al[i]);
				}
				free(al);
			}
			gz->nunits++;
		} else {
			gz->topics = xreallocarray(gz->topics, gz->ntopics + 1, sizeof(*gz->topics));
			struct gz_topic *t = &gz->topics[gz->ntopics++];
			t->id = xstrdup(f[0]);
			char **kw = split_bars(f[1], &t->nkw);
			for (size_t i = 0; i < t->nkw; i++) {
				char *k = fold_dup(kw[i]);
				free(kw[i]);
				kw[i] = k;
			}
			t->kw = kw;
			t->units = split_bars(nf > 2 ? f[2] : "", &t->nunits);
		}
	next:
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	if (which == 0) {
		free(gz->type_next);
		gz->type_next = first_byte_chains(gz->types, gz->ntypes, sizeof(*gz->types),
						  offsetof(struct gz_type, fold), gz->type_first);
	}
	if (which == 1) {
		if (gz->ntitles) /* an empty file: no array to sort */
			qsort(gz->titles, gz->ntitles, sizeof(*gz->titles), title_cmp);
		free(gz->title_next);
		gz->title_next = first_byte_chains(gz->titles, gz->ntitles, sizeof(*gz->titles),
						   offsetof(struct gz_title, fold), gz->title_first);
	}
	if (which == 2 && gz->naliases)
		qsort(gz->aliases, gz->naliases, sizeof(*gz->aliases), alias_cmp);
	if (which == 3) {
		free(gz->kws);
		gz->nkws = 0;
		for (size_t t = 0; t < gz->ntopics; t++)
			gz->nkws += gz->topics[t].nkw;
		gz->kws = xcalloc(gz->nkws + 1, sizeof(*gz->kws));
		size_t k = 0;
		for (size_t t = 0; t < gz->ntopics; t++)
			for (size_t i = 0; i < gz->topics[t].nkw; i++) {
				const char *f = gz->topics[t].kw[i];
				size_t w = 0;
				while ((f[w] >= 'a' && f[w] <= 'z') || (f[w] >= '0' && f[w] <= '9'))
					w++;
				gz->kws[k++] = (struct gz_kw){f, w, t, strlen(f)};
			}
		qsort(gz->kws, gz->nkws, sizeof(*gz->kws), kw_cmp);
		memset(gz->kw_words, 0, sizeof(gz->kw_words));
		free(gz->kw_ix);
		gz->kw_ix = ix_new(gz->nkws, &gz->kw_mask);
		gz->kw_same = 0;
		for (size_t i = 0; i < gz->nkws; i++) {
			ix_add(gz->kw_ix, gz->kw_mask, gz->kws[i].fold, gz->kws[i].word, i, &gz->kw_same);
			words_add(gz->kw_words, gz->kws[i].fold, gz->kws[i].word);
		}
	}
	if (which == 2) {
		memset(gz->alias_words, 0, sizeof(gz->alias_words));
		free(gz->alias_ix);
		gz->alias_ix = ix_new(gz->naliases, &gz->alias_mask);
		gz->alias_same = 0;
		for (size_t i = 0; i < gz->naliases; i++) {
			ix_add(gz->alias_ix, gz->alias_mask, gz->aliases[i].fold, gz->aliases[i].word, i,
			       &gz->alias_same);
			words_add(gz->alias_words, gz->aliases[i].fold, gz->aliases[i].word);
		}
	}
	return 0;
}

struct gazetteer *gazetteer_load(const char *data_dir, struct dd_error *err)
{
	struct gazetteer *gz = xcalloc(1, sizeof(*gz));
	for (size_t i = 0; i < 4; i++) {
		const char *name = gz_file_names[i];
		struct buf user = BUF_INIT;
		const char *text = NULL;
		size_t len = 0;
		if (data_dir && *data_dir) {
			char *path = xasprintf("%s/%s", data_dir, name);
			struct stat st;
			if (stat(path, &st) == 0) {
				if (file_read_all(path, GZ_MAX_FILE, &user, err) < 0) {
					free(path);
					gazetteer_free(gz);
					return NULL;
				}
				text = buf_str(&user);
				len = user.len;
			}
			free(path);
		}
		if (!text) {
			const struct embed_file *e = embed_find(data_files, name);
			if (!e) {
				gazetteer_free(gz);
				return dd_error(err, "built-in gazetteer '%s' is missing", name), NULL;
			}
			text = (const char *)e->data;
			len = e->len;
		}
		int rc = gz_parse(gz, name, text, len, err);
		buf_release(&user);
		if (rc < 0) {
			gazetteer_free(gz);
			return NULL;
		}
	}
	return gz;
}

void gazetteer_free(struct gazetteer *gz)
{
	if (!gz)
		return;
	for (size_t i = 0; i < gz->ntypes; i++) {
		free(gz->types[i].code);
		free(gz->types[i].name);
		free(gz->types[i].fold);
	}
	free(gz->types);
	free(gz->type_next);
	free(gz->title_next);
	for (size_t i = 0; i < gz->ntitles; i++) {
		free(gz->titles[i].title);
		free(gz->titles[i].fold);
	}
	free(gz->titles);
	for (size_t i = 0; i < gz->nunits; i++) {
		free(gz->units[i].id);
		free(gz->units[i].name);
		free(gz->units[i].kind);
		free(gz->units[i].parent);
	}
	free(gz->units);
	for (size_t i = 0; i < gz->naliases; i++)
		free(gz->aliases[i].fold);
	free(gz->aliases);
	for (size_t i = 0; i < gz->ntopics; i++) {
		struct gz_topic *t = &gz->topics[i];
		free(t->id);
		for (size_t k = 0; k < t->nkw; k++)
			free(t->kw[k]);
		free(t->kw);
		for (size_t k = 0; k < t->nunits; k++)
			free(t->units[k]);
		free(t->units);
	}
	free(gz->topics);
	free(gz->kws);
	free(gz->kw_ix);
	free(gz->alias_ix);
	free(gz);
}


/* key matches fold at pos, ends at a word boundary; spaces in the key match one space. */
static int key_at(const char *fold, size_t n, size_t pos, const char *key, size_t *end)
{
	/* strlen and memcmp in one pass */
	size_t k = 0;
	while (key[k] && pos + k < n && fold[pos + k] == key[k])
		k++;
	if (key[k])
		return 0;
	if (pos + k < n && is_word_char(fold[pos + k]) && is_word_char(key[k - 1]))
		return 0;
	*end = pos + k;
	return 1;
}

const struct gz_type *gz_match_type(const struct gazetteer *gz, const char *fold, size_t n,
				    size_t pos, size_t *end)
{
	const struct gz_type *best = NULL;
	size_t bend = 0, e;
	if (pos >= n)
		return NULL;
	/* the types whose key starts with fold[pos], in array order */
	for (size_t i = gz->ntypes ? gz->type_first[(unsigned char)fold[pos]] : 0; i < gz->ntypes;
	     i = gz->type_next[i])
		if (key_at(fold, n, pos, gz->types[i].fold, &e) && e > bend)
			best = &gz->types[i], bend = e;
	if (best)
		*end = bend;
	return best;
}

const struct gz_type *gz_type_by_code(const struct gazetteer *gz, const char *code)
{
	for (size_t i = 0; i < gz->ntypes; i++)
		if (strcmp(gz->types[i].code, code) == 0)
			return &gz->types[i];
	return NULL;
}

const struct gz_title *gz_match_title(const struct gazetteer *gz, const char *fold, size_t n,
				      size_t pos, size_t *end)
{
	if (pos >= n)
		return NULL;
	/* the titles whose key starts with fold[pos], longest first */
	for (size_t i = gz->ntitles ? gz->title_first[(unsigned char)fold[pos]] : 0; i < gz->ntitles;
	     i = gz->title_next[i])
		if (key_at(fold, n, pos, gz->titles[i].fold, end))
			return &gz->titles[i];
	return NULL;
}

/* A key whose first word is as long as the word at fold[pos] (wl bytes) matches there and
 * ends at a word boundary (what key_at says); from: wl when the first words are known to be
 * equal, else 0. */
static inline __attribute__((always_inline)) int rest_at(const char *fold, size_t n, size_t pos, size_t wl,
							 size_t from, const char *key, size_t k, size_t *end)
{
	if (k > n - pos)
		return 0;
	/* cheap test first: the byte after the first word's separator (most keys differ there) */
	if (k > wl + 1 && fold[pos + wl + 1] != key[wl + 1])
		return 0;
	if (memcmp(fold + pos + from, key + from, k - from) != 0)
		return 0;
	if (pos + k < n && is_word_char(fold[pos + k]) && is_word_char(key[k - 1]))
		return 0;
	*end = pos + k;
	return 1;
}

long gz_match_unit(const struct gazetteer *gz, const char *fold, size_t n, size_t pos,
		   size_t *end)
{
	if (pos >= n || !is_word_char(fold[pos]) || (pos > 0 && is_word_char(fold[pos - 1])))
		return -1;
	size_t w = pos;
	while (w < n && is_word_char(fold[w]))
		w++;
	size_t wl = w - pos;
	const struct gz_wslot *s = ix_lookup(gz->alias_words, gz->alias_ix, gz->alias_mask, gz->alias_same,
					     ex_word_hash(fold + pos, wl), fold + pos, wl);
	if (!s)
		return -1;
	size_t from = gz->alias_same ? wl : 0;
	/* the keys with the byte found after the separator (a binary search: they are sorted by
	 * it), then those with none: "so" starts dozens of them */
	if (s->any > s->lo && pos + wl + 1 < n) {
		unsigned char c = (unsigned char)fold[pos + wl + 1];
		size_t a = s->lo, b = s->any;
		while (a < b) {
			size_t m = a + (b - a) / 2;
			if ((unsigned char)gz->aliases[m].fold[wl + 1] < c)
				a = m + 1;
			else
				b = m;
		}
		for (size_t i = a; i < s->any && (unsigned char)gz->aliases[i].fold[wl + 1] == c; i++) {
			const struct gz_alias *al = &gz->aliases[i];
			if (rest_at(fold, n, pos, wl, from, al->fold, al->len, end))
				return (long)al->unit;
		}
	}
	for (size_t i = s->any; i < s->hi; i++) {
		const struct gz_alias *al = &gz->aliases[i];
		if (rest_at(fold, n, pos, wl, from, al->fold, al->len, end))
			return (long)al->unit;
	}
	return -1;
}

/* The topic keywords starting with the word fold[pos..pos + wl), hashed h. */
static inline void topics_at(const struct gazetteer *gz, const char *fold, size_t n, size_t pos, size_t wl,
			     uint32_t h, void (*fn)(size_t topic, void *arg), void *arg)
{
	size_t end;
	const struct gz_wslot *s =
	    ix_lookup(gz->kw_words, gz->kw_ix, gz->kw_mask, gz->kw_same, h, fold + pos, wl);
	if (!s)
		return;
	size_t from = gz->kw_same ? wl : 0;
	for (size_t i = s->lo; i < s->hi; i++) {
		const struct gz_kw *k = &gz->kws[i];
		if (rest_at(fold, n, pos, wl, from, k->fold, k->len, &end))
			fn(k->topic, arg);
	}
}

void gz_match_topics(const struct gazetteer *gz, const char *fold, size_t n, size_t pos,
		     void (*fn)(size_t topic, void *arg), void *arg)
{
	if (pos >= n || !is_word_char(fold[pos]) || (pos > 0 && is_word_char(fold[pos - 1])))
		return;
	size_t w = pos;
	while (w < n && is_word_char(fold[w]))
		w++;
	topics_at(gz, fold, n, pos, w - pos, ex_word_hash(fold + pos, w - pos), fn, arg);
}

void gz_match_topics_in(const struct gazetteer *gz, const char *fold, size_t n,
			void (*fn)(size_t topic, void *arg), void *arg)
{
	size_t p = 0;
	while (p < n) {
		if (!is_word_char(fold[p])) {
			p++;
			continue;
		}
		size_t w = p;
		while (w < n && is_word_char(fold[w]))
			w++;
		topics_at(gz, fold, n, p, w - p, ex_word_hash(fold + p, w - p), fn, arg);
		p = w;
	}
}

void gz_match_topics_words(const struct gazetteer *gz, const char *fold, size_t n, const struct ex_words *ws,
			   void (*fn)(size_t topic, void *arg), void *arg)
{
	/* the arrays and the set in locals (the calls to fn could change memory), and the set
	 * asked first: most words start no key */
	const uint32_t *pos = ws->pos, *len = ws->len, *hash = ws->hash;
	const unsigned char *set = gz->kw_words;
	for (size_t k = 0, nw = ws->n; k < nw; k++)
		if (set[hash[k] % GZ_WORD_SET])
			topics_at(gz, fold, n, pos[k], len[k], hash[k], fn, arg);
}
