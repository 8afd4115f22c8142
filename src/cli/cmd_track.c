/* cmd_track.c - tracking commands: import, and the listings docs, doc, tasks, task, history (+ shared helpers) */
#include "cmd_track.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "extract/extract.h"
#include "extract/jvjson.h"
#include "extract/jvwrite.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/file.h"
#include "util/xalloc.h"

#define IMPORT_MAX_FILE (256u << 20)
#define IMPORT_MAX_FILES 1000000

/* ---- helpers ---- */

int tcli_open(struct tcli *c, struct cli_ctx *ctx, const char *as, struct dd_error *err)
{
	char pwbuf[1024];
	struct passwd pw, *res = NULL;

	memset(c, 0, sizeof(*c));
	if (!as || !*as) {
		as = getenv("DONDOC_USER");
		if (!as || !*as) {
			if (getpwuid_r(getuid(), &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res)
				as = res->pw_name;
			else
				as = "office";
		}
	}
	c->s = store_open(ctx->db_path, ctx->data_dir, err);
	if (!c->s)
		return -1;
	if (track_init(&c->t, c->s, &ctx->today, as, err) < 0) {
		store_close(c->s);
		c->s = NULL;
		return -1;
	}
	c->opened = 1;
	return 0;
}

void tcli_close(struct tcli *c)
{
	if (!c)
		return;
	if (c->opened)
		track_release(&c->t);
	store_close(c->s);
	memset(c, 0, sizeof(*c));
}

void tcli_print_json(json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (s) {
		fputs(s, stdout);
		fputc('\n', stdout);
		free(s);
	}
	json_decref(j);
}

void tcli_csv(FILE *f, const char *s, char sep)
{
	if (!s)
		s = "";
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(sep, f);
}

int tcli_id(const char *cmd, const char *what, const char *s, int64_t *out)
{
	char *end;
	long long v;
	errno = 0;
	v = s ? strtoll(s, &end, 10) : 0;
	if (!s || !*s || errno || *end || v <= 0)
		return cli_usage_error(cmd, "bad %s '%s' (want a number)", what, s ? s : ""), -1;
	*out = v;
	return 0;
}

int tcli_num(const char *cmd, const char *opt, const char *s, int64_t max, int64_t *out)
{
	char *end;
	long long v;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (!*s || errno || *end || v < 0 || v > max)
		return cli_usage_error(cmd, "bad value '%s' for %s (want 0..%lld)", s, opt,
				       (long long)max), -1;
	*out = v;
	return 0;
}

int tcli_unit(struct tcli *c, const char *text, int64_t *id, struct dd_error *err)
{
	int r = store_unit_find(c->s, text, 1, id, err);
	if (r < 0)
		return -1;
	if (r == 0)
		return dd_error_code(err, DD_ERR_USAGE, "unknown unit '%s' (see 'dondoc units')", text);
	return 0;
}

void tcli_put_cut(FILE *f, const char *s, int width, int pad)
{
	int chars = 0;
	const char *p = s ? s : "";
	while (*p && chars < width) {
		const char *q = p + 1;
		while (((unsigned char)*q & 0xC0) == 0x80)
			q++;
		if (chars == width - 1 && *q) {
			fputs("…", f);
			chars++;
			p = q;
			while (*p)
				p++;
			break;
		}
		fwrite(p, 1, (size_t)(q - p), f);
		chars++;
		p = q;
	}
	while (pad && chars++ < width)
		fputc(' ', f);
}

static int fail(struct tcli *c, struct dd_error *err)
{
	tcli_close(c);
	return cli_report(err);
}

/* ---- import ---- */

struct files {
	char **v;
	size_t n, cap;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int collect(const char *path, struct files *fl, int depth, struct dd_error *err)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	size_t first = fl->n;

	if (stat(path, &st) < 0) {
		/* kept: reported as refused with the reason */
		XGROW(fl->v, fl->n + 1, fl->cap);
		fl->v[fl->n++] = xstrdup(path);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (fl->n >= IMPORT_MAX_FILES)
			return dd_error_code(err, DD_ERR_USAGE, "more than %d files", IMPORT_MAX_FILES);
		XGROW(fl->v, fl->n + 1, fl->cap);
		fl->v[fl->n++] = xstrdup(path);
		return 0;
	}
	if (depth > 32)
		return dd_error_code(err, DD_ERR_DATA, "folders nested too deep at '%s'", path);
	d = opendir(path);
	if (!d)
		return dd_error_code(err, DD_ERR_NOINPUT, "cannot read folder '%s': %s", path,
				     strerror(errno));
	while ((e = readdir(d))) {
		char *sub;
		if (e->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", path, e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			int r = collect(sub, fl, depth + 1, err);
			free(sub);
			if (r < 0) {
				closedir(d);
				return -1;
			}
			continue;
		}
		if (fl->n >= IMPORT_MAX_FILES) {
			free(sub);
			closedir(d);
			return dd_error_code(err, DD_ERR_USAGE, "more than %d files", IMPORT_MAX_FILES);
		}
		XGROW(fl->v, fl->n + 1, fl->cap);
		fl->v[fl->n++] = sub;
	}
	closedir(d);
	qsort(fl->v + first, fl->n - first, sizeof(char *), cmp_str);
	return 0;
}

static void progress_bar(size_t done, size_t total)
{
	int width = 40, fill = total ? (int)(done * (size_t)width / total) : width;
	fprintf(stderr, "\r[");
	for (int i = 0; i < width; i++)
		fputc(i < fill ? '#' : ' ', stderr);
	fprintf(stderr, "] %zu/%zu", done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* One file made ready for the store: read, hashed, checked for a duplicate, extracted. */
struct prepared {
	struct buf bytes;
	char hash[65];
	json_t *ex;
	struct store_import_prep *prep; /* the store's work that needs no database, or NULL */
	int64_t existing; /* > 0: a document with the same content is stored */
	int failed;
	struct dd_error err;
};

/* mem: the caller's arena for the extraction's values, reset before returning */
static void prepare(const char *path, struct store *s, const struct gazetteer *gz, int from_json,
		    struct arena *mem, struct prepared *p)
{
	char *json = NULL;

	memset(p, 0, sizeof(*p));
	buf_init(&p->bytes, IMPORT_MAX_FILE);
	if (file_read_all(path, IMPORT_MAX_FILE, &p->bytes, &p->err) < 0) {
		p->failed = 1;
		return;
	}
	store_hash_hex(p->bytes.ptr ? p->bytes.ptr : "", p->bytes.len, p->hash);
	/* skip the extraction of files already stored (the store checks again when importing) */
	if (s) {
		int r = store_doc_find_hash(s, p->hash, &p->existing, &p->err);
		if (r < 0)
			p->failed = 1;
		if (r != 0)
			return;
	}
	if (from_json) {
		json_error_t je;
		p->ex = json_loadb(p->bytes.ptr ? p->bytes.ptr : "", p->bytes.len, 0, &je);
		if (!p->ex) {
			dd_error_code(&p->err, DD_ERR_DATA, "not JSON: %s (line %d)", je.text, je.line);
			p->failed = 1;
		}
	} else {
		/* the store reads jansson values: one copy, then the arena is reused; the JSON
		 * text it keeps is written from the tree (the bytes jansson would write) */
		struct jv *v = extract_file(path, gz, mem, &p->err);
		struct buf jb = BUF_INIT;
		p->ex = jv_to_json(v);
		if (p->ex && jv_write_compact(v, &jb) == 0)
			json = buf_detach(&jb, NULL);
		buf_release(&jb);
		arena_reset(mem);
		if (!p->ex)
			p->failed = 1;
	}
	if (p->ex)
		p->prep = store_import_prepare(p->ex, json);
}

static void prepared_release(struct prepared *p)
{
	json_decref(p->ex);
	store_import_prep_free(p->prep);
	buf_release(&p->bytes);
	p->ex = NULL;
	p->prep = NULL;
}

/* Reading and extracting run in a second thread, ahead of the store by at most PREP_RING
 * files and PREP_MAX_BYTES of file bytes (one file is always let through), so the two cores
 * work at once and the thread keeps going while a batch commits; the store keeps one
 * connection in the main thread. The files the store is done with go back to that thread to
 * be freed (freeing the JSON of a document costs a fifth of what storing it does). */
#define PREP_RING 64
#define PREP_MAX_BYTES (64u << 20)
#define PREP_THREAD_MIN 8 /* fewer files: no thread */
#define IMPORT_ARENA_FIRST (256u << 10) /* a notice's extraction values fit in one chunk */

struct preparer {
	const struct files *fl;
	struct store *s; /* the thread's own connection, or NULL */
	const struct gazetteer *gz;
	int from_json;
	struct arena mem; /* the preparing thread's */
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_get;
	struct prepared ring[PREP_RING];
	size_t put, got;
	size_t queued_bytes; /* file bytes of the files in the ring */
	struct prepared *done; /* to free */
	size_t ndone, donecap;
};

/* Free the files handed back by the store (called by the preparing thread). */
static void prep_free_done(struct preparer *pr)
{
	struct prepared *v;
	size_t n;
	pthread_mutex_lock(&pr->mu);
	v = pr->done;
	n = pr->ndone;
	pr->done = NULL;
	pr->ndone = pr->donecap = 0;
	pthread_mutex_unlock(&pr->mu);
	for (size_t i = 0; i < n; i++)
		prepared_release(&v[i]);
	free(v);
}

/* Hand a file the store is done with back to the preparing thread. */
static void prep_give_back(struct preparer *pr, struct prepared *p)
{
	pthread_mutex_lock(&pr->mu);
	XGROW(pr->done, pr->ndone + 1, pr->donecap);
	pr->done[pr->ndone++] = *p;
	pthread_mutex_unlock(&pr->mu);
	memset(p, 0, sizeof(*p));
}

static void *prep_thread(void *arg)
{
	struct preparer *pr = arg;
	for (size_t i = 0; i < pr->fl->n; i++) {
		struct prepared p;
		prep_free_done(pr);
		prepare(pr->fl->v[i], pr->s, pr->gz, pr->from_json, &pr->mem, &p);
		pthread_mutex_lock(&pr->mu);
		while (pr->put - pr->got == PREP_RING ||
		       (pr->put != pr->got && pr->queued_bytes + p.bytes.len > PREP_MAX_BYTES))
			pthread_cond_wait(&pr->can_put, &pr->mu);
		pr->ring[pr->put % PREP_RING] = p;
		pr->queued_bytes += p.bytes.len;
		pr->put++;
		pthread_cond_signal(&pr->can_get);
		pthread_mutex_unlock(&pr->mu);
	}
	return NULL;
}

/* The next prepared file; waits at most ms milliseconds when ms >= 0 (1: not ready yet). */
static int prep_take(struct preparer *pr, struct prepared *out, long ms)
{
	struct timespec until;
	if (ms >= 0) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += ms / 1000;
		until.tv_nsec += (ms % 1000) * 1000000;
		if (until.tv_nsec >= 1000000000) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000;
		}
	}
	pthread_mutex_lock(&pr->mu);
	while (pr->put == pr->got) {
		if (ms < 0) {
			pthread_cond_wait(&pr->can_get, &pr->mu);
		} else if (pthread_cond_timedwait(&pr->can_get, &pr->mu, &until) != 0 &&
			   pr->put == pr->got) {
			pthread_mutex_unlock(&pr->mu);
			return 1;
		}
	}
	*out = pr->ring[pr->got % PREP_RING];
	pr->queued_bytes -= out->bytes.len;
	pr->got++;
	pthread_cond_signal(&pr->can_put);
	pthread_mutex_unlock(&pr->mu);
	return 0;
}

/* Documents are stored in batches: one transaction of up to IMPORT_BATCH_DOCS documents or
 * IMPORT_BATCH_MS milliseconds, in which each document is a savepoint (the store takes a
 * failed one out whole), so the search index and the database file are written once per
 * batch instead of once per document. A killed import loses its uncommitted batch whole;
 * importing the folder again picks those files up. */
#ifndef IMPORT_BATCH_DOCS /* -D for measurements: callgrind runs 50x slower than the clock */
#define IMPORT_BATCH_DOCS 256
#endif
#ifndef IMPORT_BATCH_MS
#define IMPORT_BATCH_MS 150
#endif
#define IMPORT_BATCH_WAIT_MS 20 /* waiting longer for the next file commits the batch first */

struct import_batch {
	int open;
	struct timespec t0;
	size_t *idx, n, cap; /* positions in the files list of the batch's results */
};

struct import_tally {
	json_t *files, *refused;
	long ndocs, ntasks, ndup, nref;
};

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)(t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Commit the open batch; when that fails, its files move from the imported to the refused. */
static void batch_commit(struct store *s, struct import_batch *b, struct import_tally *t)
{
	struct dd_error err = {0};
	if (!b->open)
		return;
	b->open = 0;
	if (store_commit(s, &err) < 0) {
		for (size_t k = 0; k < b->n; k++) {
			json_t *jf = json_array_get(t->files, b->idx[k]), *jr = json_object();
			if (strcmp(json_string_value(json_object_get(jf, "status")), "duplicate") == 0) {
				t->ndup--;
			} else {
				t->ndocs--;
				t->ntasks -= (long)json_integer_value(json_object_get(jf, "tasks"));
			}
			t->nref++;
			json_object_set(jr, "file", json_object_get(jf, "file"));
			json_object_set_new(jr, "reason", json_string(err.msg));
			json_array_append_new(t->refused, jr);
		}
		for (size_t k = b->n; k-- > 0;)
			json_array_remove(t->files, b->idx[k]);
	}
	b->n = 0;
}

int cmd_import(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, 'n'}, {"json", no_argument, NULL, 'j'},
		{"from-json", no_argument, NULL, 'J'}, {"as", required_argument, NULL, 'a'},
		{NULL, 0, NULL, 0}};
	int dry = 0, json = 0, from_json = 0, opt, bar, threaded = 0;
	const char *as = NULL;
	struct dd_error err = {0};
	struct tcli c;
	struct files fl = {0};
	struct gazetteer *gz = NULL;
	struct preparer pr;
	struct arena mem; /* extraction values when no thread prepares */
	pthread_t th;
	struct import_tally t = {0};
	struct import_batch batch = {0};
	json_t *jfiles, *jrefused;
	int rc = EXIT_RUNTIME;

	json_object_seed(0); /* before a second thread creates JSON objects */
	jfiles = t.files = json_array();
	jrefused = t.refused = json_array();
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': dry = 1; break;
		case 'j': json = 1; break;
		case 'J': from_json = 1; break;
		case 'a': as = optarg; break;
		default:
			json_decref(jfiles);
			json_decref(jrefused);
			return cli_usage_error(argv[0], "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		json_decref(jfiles);
		json_decref(jrefused);
		return cli_usage_error(argv[0], "no file or folder to import");
	}
	for (int i = optind; i < argc; i++)
		if (collect(argv[i], &fl, 0, &err) < 0)
			goto out_err;
	if (tcli_open(&c, ctx, as, &err) < 0)
		goto out_err;
	if (!from_json) {
		gz = gazetteer_load(ctx->data_dir, &err);
		if (!gz) {
			tcli_close(&c);
			goto out_err;
		}
	}
	memset(&pr, 0, sizeof(pr));
	arena_init(&mem, IMPORT_ARENA_FIRST);
	arena_init(&pr.mem, IMPORT_ARENA_FIRST);
	if (fl.n >= PREP_THREAD_MIN) {
		struct dd_error e2 = {0};
		pr.fl = &fl;
		pr.gz = gz;
		pr.from_json = from_json;
		pr.s = store_open(ctx->db_path, ctx->data_dir, &e2); /* NULL: no early dedupe */
		pthread_mutex_init(&pr.mu, NULL);
		pthread_cond_init(&pr.can_put, NULL);
		pthread_cond_init(&pr.can_get, NULL);
		if (pthread_create(&th, NULL, prep_thread, &pr) == 0) {
			threaded = 1;
		} else {
			store_close(pr.s);
			pr.s = NULL;
		}
	}
	bar = !ctx->quiet && !json && isatty(2) && fl.n >= 20;
	for (size_t i = 0; i < fl.n; i++) {
		const char *path = fl.v[i];
		struct prepared p;
		struct store_import_result res;
		json_t *jf;

		/* a batch holds the write lock: when the next file is slow to come (a long
		 * extraction), commit it rather than keep other writers waiting */
		if (!threaded) {
			batch_commit(c.s, &batch, &t); /* few files: one transaction each */
			prepare(path, c.s, gz, from_json, &mem, &p);
		} else if (!batch.open || prep_take(&pr, &p, IMPORT_BATCH_WAIT_MS) == 1) {
			batch_commit(c.s, &batch, &t);
			prep_take(&pr, &p, -1);
		}
		if (p.failed)
			goto refused;
		if (p.existing) {
			memset(&res, 0, sizeof(res));
			res.duplicate = 1;
			res.doc_id = p.existing;
		} else {
			if (!dry && !batch.open) {
				if (store_begin(c.s, &p.err) < 0)
					goto refused;
				batch.open = 1;
				clock_gettime(CLOCK_MONOTONIC, &batch.t0);
			}
			if (store_import_extract_prepared(c.s, p.ex, p.prep,
							  p.bytes.ptr ? p.bytes.ptr : "", p.bytes.len,
							  p.hash, base_name(path), dry, &res, &p.err) < 0)
				goto refused;
		}
		jf = json_object();
		json_object_set_new(jf, "file", json_string(path));
		json_object_set_new(jf, "doc_id", res.doc_id ? json_integer(res.doc_id) : json_null());
		json_object_set_new(jf, "status", json_string(res.duplicate ? "duplicate" : "imported"));
		json_object_set_new(jf, "tasks", json_integer(res.ntasks));
		json_object_set_new(jf, "units_unmatched", json_integer(res.units_unmatched));
		if (batch.open && !p.existing) {
			XGROW(batch.idx, batch.n + 1, batch.cap);
			batch.idx[batch.n++] = json_array_size(jfiles);
		}
		json_array_append_new(jfiles, jf);
		if (res.duplicate)
			t.ndup++;
		else {
			t.ndocs++;
			t.ntasks += res.ntasks;
		}
		goto next;
refused:
		t.nref++;
		jf = json_object();
		json_object_set_new(jf, "file", json_string(path));
		json_object_set_new(jf, "reason", json_string(p.err.msg));
		json_array_append_new(jrefused, jf);
next:
		if (threaded)
			prep_give_back(&pr, &p);
		else
			prepared_release(&p);
		if (batch.open && (batch.n >= IMPORT_BATCH_DOCS || ms_since(&batch.t0) >= IMPORT_BATCH_MS))
			batch_commit(c.s, &batch, &t);
		if (bar && (i + 1 == fl.n || i % 16 == 0))
			progress_bar(i + 1, fl.n);
	}
	batch_commit(c.s, &batch, &t);
	free(batch.idx);
	if (threaded) {
		pthread_join(th, NULL);
		prep_free_done(&pr);
		pthread_mutex_destroy(&pr.mu);
		pthread_cond_destroy(&pr.can_put);
		pthread_cond_destroy(&pr.can_get);
		store_close(pr.s);
	}
	arena_release(&pr.mem);
	arena_release(&mem);
	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "dry_run", json_boolean(dry));
		json_object_set_new(o, "documents", json_integer(t.ndocs));
		json_object_set_new(o, "tasks", json_integer(t.ntasks));
		json_object_set_new(o, "duplicates", json_integer(t.ndup));
		json_object_set_new(o, "refused", jrefused);
		json_object_set_new(o, "files", jfiles);
		jrefused = jfiles = NULL;
		tcli_print_json(o);
	} else {
		size_t i;
		json_t *v;
		printf("%s%ld document%s imported (%ld task%s), %ld duplicate%s skipped, %ld file%s "
		       "refused\n", dry ? "dry run: " : "", t.ndocs, t.ndocs == 1 ? "" : "s", t.ntasks,
		       t.ntasks == 1 ? "" : "s", t.ndup, t.ndup == 1 ? "" : "s", t.nref,
		       t.nref == 1 ? "" : "s");
		json_array_foreach(jrefused, i, v)
			printf("  refused %s: %s\n", json_string_value(json_object_get(v, "file")),
			       json_string_value(json_object_get(v, "reason")));
	}
	rc = t.nref ? EXIT_DATAERR : 0;
	gazetteer_free(gz);
	tcli_close(&c);
	goto out;
out_err:
	rc = cli_report(&err);
out:
	for (size_t i = 0; i < fl.n; i++)
		free(fl.v[i]);
	free(fl.v);
	json_decref(jfiles);
	json_decref(jrefused);
	return rc;
}

/* ---- docs, doc ---- */

int cmd_docs(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'}, {"csv", no_argument, NULL, 'c'},
		{"limit", required_argument, NULL, 'l'}, {"offset", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0}};
	int json = 0, csv = 0, opt;
	int64_t limit = 50, offset = 0;
	struct dd_error err = {0};
	struct tcli c;
	struct store_doc_list l;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'c': csv = 1; break;
		case 'l':
			if (tcli_num(argv[0], "--limit", optarg, 10000, &limit) < 0)
				return EXIT_USAGE;
			break;
		case 'o':
			if (tcli_num(argv[0], "--offset", optarg, INT64_MAX / 2, &offset) < 0)
				return EXIT_USAGE;
			break;
		default: return cli_usage_error(argv[0], "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	if (store_doc_list(c.s, limit, offset, &l, &err) < 0)
		return fail(&c, &err);
	if (json) {
		json_t *o = json_object(), *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, track_doc_json(&l.items[i]));
		json_object_set_new(o, "total", json_integer(l.total));
		json_object_set_new(o, "offset", json_integer(offset));
		json_object_set_new(o, "documents", a);
		tcli_print_json(o);
	} else if (csv) {
		printf("id,number,type,date,issuer,subject,tasks,file,imported_at\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct store_doc *d = &l.items[i];
			printf("%lld,", (long long)d->id);
			tcli_csv(stdout, d->number, ',');
			tcli_csv(stdout, d->type_code, ',');
			tcli_csv(stdout, d->date, ',');
			tcli_csv(stdout, d->issuer, ',');
			tcli_csv(stdout, d->subject, ',');
			printf("%d,", d->ntasks);
			tcli_csv(stdout, d->file_name, ',');
			tcli_csv(stdout, d->imported_at, '\n');
		}
	} else {
		printf("%-5s ", "ID");
		tcli_put_cut(stdout, "SỐ", 14, 1);
		printf(" ");
		tcli_put_cut(stdout, "NGÀY", 10, 1);
		printf(" %5s  TRÍCH YẾU\n", "NV");
		for (size_t i = 0; i < l.n; i++) {
			const struct store_doc *d = &l.items[i];
			printf("%-5lld ", (long long)d->id);
			tcli_put_cut(stdout, d->number ? d->number : "-", 14, 1);
			printf(" %-10s %5d  ", d->date[0] ? d->date : "-", d->ntasks);
			tcli_put_cut(stdout, d->subject ? d->subject : d->file_name, 70, 0);
			putchar('\n');
		}
		if ((int64_t)l.n < l.total)
			printf("(%lld-%lld of %lld documents)\n", (long long)offset + (l.n ? 1 : 0),
			       (long long)(offset + (int64_t)l.n), (long long)l.total);
	}
	store_doc_list_release(&l);
	tcli_close(&c);
	return 0;
}

int cmd_doc(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'}, {"original", no_argument, NULL, 'O'},
		{NULL, 0, NULL, 0}};
	int json = 0, orig = 0, opt;
	int64_t id;
	struct dd_error err = {0};
	struct tcli c;
	struct store_doc d;
	struct store_task_filter f;
	struct store_task_list tl;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'O': orig = 1; break;
		default: return cli_usage_error(argv[0], "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error(argv[0], "give one document id");
	if (tcli_id(argv[0], "document id", argv[optind], &id) < 0)
		return EXIT_USAGE;
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	if (orig) {
		struct buf b = BUF_INIT;
		if (store_doc_bytes(c.s, id, &b, &err) < 0) {
			buf_release(&b);
			return fail(&c, &err);
		}
		fwrite(b.ptr ? b.ptr : "", 1, b.len, stdout);
		buf_release(&b);
		tcli_close(&c);
		return 0;
	}
	if (store_doc_get(c.s, id, &d, &err) < 0)
		return fail(&c, &err);
	store_task_filter_init(&f);
	f.doc_id = id;
	f.limit = 10000;
	if (store_task_list(c.s, &f, &tl, &err) < 0) {
		store_doc_release(&d);
		return fail(&c, &err);
	}
	if (json) {
		json_t *o = track_doc_json(&d), *a = json_array();
		for (size_t i = 0; i < tl.n; i++)
			json_array_append_new(a, track_task_json(&c.t, &tl.items[i]));
		json_object_set_new(o, "task_list", a);
		tcli_print_json(o);
	} else {
		printf("Văn bản %lld: %s %s\n", (long long)d.id, d.type_name ? d.type_name : "",
		       d.number ? d.number : "(không số)");
		printf("  Cơ quan ban hành: %s\n", d.issuer ? d.issuer : "-");
		printf("  Ngày: %s\n", d.date[0] ? d.date : "-");
		printf("  Trích yếu: %s\n", d.subject ? d.subject : "-");
		if (d.period_from[0])
			printf("  Kỳ: %s .. %s\n", d.period_from, d.period_to);
		printf("  Tệp: %s (%lld bytes, sha256 %s)\n", d.file_name ? d.file_name : "-",
		       (long long)d.size, d.hash);
		printf("  Nhập lúc %s bởi %s\n  Nhiệm vụ (%zu):\n", d.imported_at, d.imported_by, tl.n);
		for (size_t i = 0; i < tl.n; i++) {
			struct buf name = BUF_INIT;
			track_status_name(&c.t, track_status_of(&tl.items[i], c.t.today_iso), &name);
			printf("  %5lld  %-6s %-10s %-24s ", (long long)tl.items[i].id,
			       tl.items[i].ref ? tl.items[i].ref : "", tl.items[i].due[0] ? tl.items[i].due : "-",
			       buf_str(&name));
			tcli_put_cut(stdout, tl.items[i].text, 60, 0);
			putchar('\n');
			buf_release(&name);
		}
	}
	store_task_list_release(&tl);
	store_doc_release(&d);
	tcli_close(&c);
	return 0;
}

/* ---- tasks, task ---- */

static const char *lead_name(const struct store_task *t)
{
	for (size_t i = 0; i < t->nunits; i++)
		if (t->units[i].role == STORE_ROLE_LEAD)
			return t->units[i].name;
	return NULL;
}

int cmd_tasks(int argc, char **argv, struct cli_ctx *ctx)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},      {"csv", no_argument, NULL, 'c'},
		{"unit", required_argument, NULL, 'u'}, {"lead", no_argument, NULL, 'L'},
		{"status", required_argument, NULL, 's'}, {"overdue", no_argument, NULL, 'O'},
		{"due-before", required_argument, NULL, 'b'}, {"due-from", required_argument, NULL, 'f'},
		{"doc", required_argument, NULL, 'd'}, {"topic", required_argument, NULL, 't'},
		{"limit", required_argument, NULL, 'l'}, {"offset", required_argument, NULL, 'o'},
		{"as", required_argument, NULL, 'a'},  {NULL, 0, NULL, 0}};
	struct track_query q = {0};
	int json = 0, csv = 0, opt;
	const char *as = NULL;
	struct dd_error err = {0};
	struct tcli c;
	struct store_task_list l;

	q.limit = 50;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'j': json = 1; break;
		case 'c': csv = 1; break;
		case 'u': q.unit = optarg; break;
		case 'L': q.lead_only = 1; break;
		case 's': q.status = optarg; break;
		case 'O': q.overdue = 1; break;
		case 'b': q.due_before = optarg; break;
		case 'f': q.due_from = optarg; break;
		case 't': q.topic = optarg; break;
		case 'a': as = optarg; break;
		case 'd':
			if (tcli_id(argv[0], "document id", optarg, &q.doc_id) < 0)
				return EXIT_USAGE;
			break;
		case 'l':
			if (tcli_num(argv[0], "--limit", optarg, 10000, &q.limit) < 0)
				return EXIT_USAGE;
			break;
		case 'o':
			if (tcli_num(argv[0], "--offset", optarg, INT64_MAX / 2, &q.offset) < 0)
				return EXIT_USAGE;
			break;
		default: return cli_usage_error(argv[0], "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error(argv[0], "unexpected argument '%s'", argv[optind]);
	if (tcli_open(&c, ctx, as, &err) < 0)
		return cli_report(&err);
	if (track_tasks(&c.t, &q, &l, &err) < 0)
		return fail(&c, &err);
	if (json) {
		json_t *o = json_object(), *a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, track_task_json(&c.t, &l.items[i]));
		json_object_set_new(o, "today", json_string(c.t.today_iso));
		json_object_set_new(o, "total", json_integer(l.total));
		json_object_set_new(o, "offset", json_integer(q.offset));
		json_object_set_new(o, "tasks", a);
		tcli_print_json(o);
	} else if (csv) {
		printf("id,doc_id,doc_number,ref,status,status_name,due,lead,support,percent,text\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct store_task *t = &l.items[i];
			enum track_status st = track_status_of(t, c.t.today_iso);
			struct buf name = BUF_INIT, sup = BUF_INIT;
			track_status_name(&c.t, st, &name);
			for (size_t k = 0; k < t->nunits; k++) {
				if (t->units[k].role != STORE_ROLE_SUPPORT)
					continue;
				if (sup.len)
					buf_addstr(&sup, "; ");
				buf_addstr(&sup, t->units[k].name);
			}
			printf("%lld,%lld,", (long long)t->id, (long long)t->doc_id);
			tcli_csv(stdout, t->doc_number, ',');
			tcli_csv(stdout, t->ref, ',');
			tcli_csv(stdout, track_status_code(st), ',');
			tcli_csv(stdout, buf_str(&name), ',');
			tcli_csv(stdout, t->due, ',');
			tcli_csv(stdout, lead_name(t), ',');
			tcli_csv(stdout, buf_str(&sup), ',');
			printf("%d,", t->percent);
			tcli_csv(stdout, t->text, '\n');
			buf_release(&name);
			buf_release(&sup);
		}
	} else {
		printf("%-6s ", "ID");
		tcli_put_cut(stdout, "TÌNH TRẠNG", 24, 1);
		printf(" %-10s ", "HẠN");
		tcli_put_cut(stdout, "CHỦ TRÌ", 26, 1);
		printf(" NỘI DUNG\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct store_task *t = &l.items[i];
			struct buf name = BUF_INIT;
			track_status_name(&c.t, track_status_of(t, c.t.today_iso), &name);
			printf("%-6lld ", (long long)t->id);
			tcli_put_cut(stdout, buf_str(&name), 24, 1);
			printf(" %-10s ", t->due[0] ? t->due : "-");
			tcli_put_cut(stdout, lead_name(t) ? lead_name(t) : "-", 26, 1);
			putchar(' ');
			tcli_put_cut(stdout, t->text, 60, 0);
			putchar('\n');
			buf_release(&name);
		}
		printf("(%lld task%s%s)\n", (long long)l.total, l.total == 1 ? "" : "s",
		       (int64_t)l.n < l.total ? ", see --limit/--offset" : "");
	}
	store_task_list_release(&l);
	tcli_close(&c);
	return 0;
}

/* "COMMAND [--json] TASK": the options and the one task id of `task` and `history`;
 * -1 after printing the usage error. */
static int json_and_task_id(int argc, char **argv, int *json, int64_t *id)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (opt != 'j') {
			cli_usage_error(argv[0], "unknown option '%s'", argv[optind - 1]);
			return -1;
		}
		*json = 1;
	}
	if (optind + 1 != argc) {
		cli_usage_error(argv[0], "give one task id");
		return -1;
	}
	return tcli_id(argv[0], "task id", argv[optind], id) < 0 ? -1 : 0;
}

int cmd_task(int argc, char **argv, struct cli_ctx *ctx)
{
	int json = 0;
	int64_t id;
	struct dd_error err = {0};
	struct tcli c;
	struct store_task t;
	struct store_progress_list pl = {0};
	struct store_extension_list el = {0};

	if (json_and_task_id(argc, argv, &json, &id) < 0)
		return EXIT_USAGE;
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	if (store_task_get(c.s, id, &t, &err) < 0)
		return fail(&c, &err);
	if (store_progress_list(c.s, id, &pl, &err) < 0 || store_extension_list(c.s, id, &el, &err) < 0) {
		store_task_release(&t);
		store_progress_list_release(&pl);
		return fail(&c, &err);
	}
	if (json) {
		json_t *o = track_task_json(&c.t, &t), *a = json_array(), *e = json_array();
		for (size_t i = 0; i < pl.n; i++)
			json_array_append_new(a, track_progress_json(&pl.items[i]));
		for (size_t i = 0; i < el.n; i++)
			json_array_append_new(e, track_extension_json(&el.items[i]));
		json_object_set_new(o, "progress", a);
		json_object_set_new(o, "extensions", e);
		tcli_print_json(o);
	} else {
		struct buf name = BUF_INIT;
		enum track_status st = track_status_of(&t, c.t.today_iso);
		track_status_name(&c.t, st, &name);
		printf("Nhiệm vụ %lld (văn bản %lld %s, mục %s)\n%s\n\n", (long long)t.id,
		       (long long)t.doc_id, t.doc_number ? t.doc_number : "", t.ref ? t.ref : "-", t.text);
		printf("  Tình trạng: %s", buf_str(&name));
		if (st == TRACK_OVERDUE)
			printf(" (%ld ngày)", track_days_late(&t, c.t.today_iso));
		if (t.state == STORE_TASK_PROPOSED)
			printf(" - đơn vị đề nghị hoàn thành ngày %s, chờ xác nhận", t.proposed_date);
		printf("\n  Thời hạn: %s%s%s%s\n", t.due[0] ? t.due : "-", t.due_text ? " (" : "",
		       t.due_text ? t.due_text : "", t.due_text ? ")" : "");
		if (t.due_orig[0] && strcmp(t.due_orig, t.due) != 0)
			printf("  Thời hạn ban đầu: %s\n", t.due_orig);
		for (size_t i = 0; i < t.nunits; i++)
			printf("  %s: %s\n", t.units[i].role == STORE_ROLE_LEAD ? "Chủ trì" : "Phối hợp",
			       t.units[i].name);
		if (t.unit_text)
			printf("  Đơn vị trong văn bản (chưa khớp): %s\n", t.unit_text);
		if (t.suggested)
			printf("  Gợi ý: %s\n", t.suggested);
		printf("  Tiến độ: %d%%\n", t.percent);
		if (t.done_date[0])
			printf("  Hoàn thành (xác nhận) ngày %s\n", t.done_date);
		if (t.cancel_reason)
			printf("  Dừng thực hiện: %s\n", t.cancel_reason);
		for (size_t i = 0; i < pl.n; i++)
			printf("  - %s %s %d%%: %s%s%s\n", pl.items[i].date,
			       pl.items[i].unit_name ? pl.items[i].unit_name : "", pl.items[i].percent,
			       pl.items[i].note, pl.items[i].attachment_name ? " [tệp: " : "",
			       pl.items[i].attachment_name ? pl.items[i].attachment_name : "");
		for (size_t i = 0; i < el.n; i++) {
			static const char *const sn[] = {"chờ duyệt", "đã duyệt", "không duyệt"};
			printf("  Gia hạn #%lld: %s -> %s (%s), %s\n", (long long)el.items[i].id,
			       el.items[i].old_due[0] ? el.items[i].old_due : "-", el.items[i].new_due,
			       el.items[i].reason, sn[el.items[i].state % 3]);
		}
		buf_release(&name);
	}
	store_task_release(&t);
	store_progress_list_release(&pl);
	store_extension_list_release(&el);
	tcli_close(&c);
	return 0;
}

/* ---- history ---- */

static void print_obj(const json_t *o)
{
	const char *k;
	json_t *v;
	int first = 1;
	if (!json_is_object(o)) {
		printf("-");
		return;
	}
	json_object_foreach((json_t *)o, k, v)
	{
		char *s = json_dumps(v, JSON_ENCODE_ANY);
		printf("%s%s=%s", first ? "" : ", ", k, s ? s : "?");
		free(s);
		first = 0;
	}
}

int cmd_history(int argc, char **argv, struct cli_ctx *ctx)
{
	int json = 0;
	int64_t id;
	struct dd_error err = {0};
	struct tcli c;
	struct store_task t;
	struct store_audit_list al;

	if (json_and_task_id(argc, argv, &json, &id) < 0)
		return EXIT_USAGE;
	if (tcli_open(&c, ctx, NULL, &err) < 0)
		return cli_report(&err);
	if (store_task_get(c.s, id, &t, &err) < 0)
		return fail(&c, &err);
	store_task_release(&t);
	if (store_audit_task(c.s, id, &al, &err) < 0)
		return fail(&c, &err);
	if (json) {
		json_t *a = json_array();
		for (size_t i = 0; i < al.n; i++)
			json_array_append_new(a, track_audit_json(&al.items[i]));
		tcli_print_json(a);
	} else {
		for (size_t i = 0; i < al.n; i++) {
			const struct store_audit *a = &al.items[i];
			printf("%s  %-12s %-18s ", a->at, a->who, a->action);
			if (a->before) {
				print_obj(a->before);
				printf(" -> ");
			}
			print_obj(a->after);
			putchar('\n');
		}
	}
	store_audit_list_release(&al);
	tcli_close(&c);
	return 0;
}
