/* table.c - task tables: recognise the header row by its column titles, then read each row's
 * cells into a struct ex_table_task (group headings give the hierarchy) */
#include <stdlib.h>
#include <string.h>

#include "extract/table.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "vn/fold.h"

enum role { R_LABEL, R_CONTENT, R_LEAD, R_SUPPORT, R_DEADLINE, R_OUTPUT, R_N };
#define R_UNKNOWN (-1)

#define MAX_COLS EX_TABLE_MAX_COLS
#define HEAD_FOLD_MAX 400 /* a cell longer than this (bytes) is never a column title */
#define HEAD_NORM_MAX 80  /* nor is one whose folded words take more than this */
#define LABEL_MAX 12	  /* an STT cell longer than this is text, not a label */
#define MAX_GAP 3	  /* lines allowed between a task table and its continuation */
#define MAX_GROUPS 8

/* Column titles, matched on the folded words of a short cell; the phrase found first in the
 * cell wins (the head noun comes first: "Thời gian thực hiện" is a deadline, "Cơ quan thực
 * hiện" a lead), the longer one on a tie. */
static const struct {
	const char *words;
	int role;
} titles[] = {
    {"noi dung", R_CONTENT},	{"nhiem vu", R_CONTENT},  {"cong viec", R_CONTENT},
    {"de an", R_CONTENT},	{"giai phap", R_CONTENT}, {"chu tri", R_LEAD},
    {"thuc hien", R_LEAD},	{"phu trach", R_LEAD},	  {"trach nhiem", R_LEAD},
    {"phan cong", R_LEAD},	{"co quan", R_LEAD},	  {"don vi", R_LEAD},
    {"don vi tinh", R_UNKNOWN}, {"phoi hop", R_SUPPORT},  {"thoi gian", R_DEADLINE},
    {"thoi han", R_DEADLINE},	{"tien do", R_DEADLINE},  {"hoan thanh", R_DEADLINE},
    {"ket thuc", R_DEADLINE},	{"san pham", R_OUTPUT},	  {"hinh thuc", R_OUTPUT},
    {"ghi chu", R_OUTPUT},	{"ket qua", R_OUTPUT},
};
/* whole-cell titles of the number column */
static const char *const label_titles[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", "so"};

enum lkind { L_NONE, L_ROMAN, L_UPPER, L_NUM, L_DOTTED, L_LOWER, L_OTHER };

struct cell {
	struct buf text; /* the cell's lines joined with '\n' */
	size_t nlines, nbold;
};

struct row {
	struct cell cells[MAX_COLS];
	int used;      /* any cell has text */
	size_t nextra; /* cells past MAX_COLS with text */
	int last_extra;
	size_t first_line;
	int rdrow;
};

/* Column titles of one row. */
struct head {
	int role[MAX_COLS]; /* R_*, R_UNKNOWN, or -2 for an empty cell */
	int nknown, nunknown, nlong;
};

struct map {
	int role[MAX_COLS]; /* R_* or R_UNKNOWN */
	int col[R_N];	    /* first column of each role, -1 when none */
};

struct group {
	int level;
	char *label, *text;
};

struct scan {
	const struct rd_doc *rd;
	struct ex_table_list *out;
	struct row row;
	int have_row, in_seg, prow, pcol;
	size_t gap;   /* non-empty lines outside tables since the last table line */
	int cont_ok;  /* this segment may continue the last task table */
	int seg_rows; /* rows seen in this segment */
	int map_on;   /* a task table is in force in this segment */
	int map_ever; /* a mapping exists (for continuations) */
	struct map map;
	struct head head0; /* the header row of the mapping, to spot it repeated */
	int after_header;  /* the previous row was a header: this one may be its second row */
	int pending;	   /* a header row naming content only, waiting for its second row */
	struct head pend;
	int table; /* index of the current task table */
	struct group groups[MAX_GROUPS];
	int ngroups;
	char *last_num;	  /* label of the last numbered row ("1", "2.3") in this table */
	int last_task_ok; /* the previous row of the table gave out->v[n-1] */
	enum lkind last_kind;
	struct buf tmp, tmp2;
	int stop;
};

/* ---- small text helpers ---- */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* c is one of the characters of set (never the NUL). */
static int in_set(char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static int has_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
			return 1;
	}
	return 0;
}

/* First occurrence of the words w in s at word boundaries (s: words separated by one space). */
static long find_words(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = s; (p = strstr(p, w)) != NULL; p++)
		if ((p == s || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return p - s;
	return -1;
}

/* Trim spaces, a leading "(" and trailing ".", ")", ":", "-" of a label candidate. */
static void label_trim(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && (is_space(s[*b]) || s[*b] == '('))
		(*b)++;
	while (*e > *b && (is_space(s[*e - 1]) || in_set(s[*e - 1], ".):-")))
		(*e)--;
}

static enum lkind label_kind(const char *s, size_t n)
{
	size_t i, dots = 0;
	int roman = 1;

	if (n == 0)
		return L_NONE;
	if (n > LABEL_MAX)
		return L_OTHER;
	/* "1", "12", "1.2", "1.2.3" */
	for (i = 0; i < n; i++) {
		if (s[i] == '.' && i > 0 && s[i - 1] != '.')
			dots++;
		else if (s[i] < '0' || s[i] > '9')
			break;
	}
	if (i == n && s[0] != '.')
		return dots ? L_DOTTED : L_NUM;
	for (i = 0; i < n; i++)
		if (!s[i] || !strchr("IVXLC", s[i]))
			roman = 0;
	if (roman && n <= 6)
		return L_ROMAN;
	if (n == 1 && s[0] >= 'A' && s[0] <= 'Z')
		return L_UPPER;
	if ((n == 1 && s[0] >= 'a' && s[0] <= 'z') || (n == 2 && !memcmp(s, "\xc4\x91", 2)))
		return L_LOWER;
	return L_OTHER;
}

/* Level in the numbering; a row pops the groups at its level or deeper. An unlabelled
 * heading sits halfway under the heading above it (see data_row). */
#define LEVEL_TOP 10
static int kind_level(enum lkind k, const char *label)
{
	int dots = 0;
	switch (k) {
	case L_ROMAN:
	case L_UPPER:
		return LEVEL_TOP;
	case L_NUM:
		return 20;
	case L_DOTTED:
		for (const char *p = label; *p; p++)
			dots += *p == '.';
		return 20 + (dots > 50 ? 50 : dots) * 10;
	case L_OTHER:
		return 1000;
	case L_LOWER:
		return 2000;
	case L_NONE:
		break;
	}
	return 3000;
}

/* Leading label of text ("I. LĨNH VỰC", "1.2. Xây dựng", "a) Rà soát"): its kind, and its
 * trimmed bounds in *b..*e. L_NONE when the first word is not one. */
static enum lkind leading_label(const char *s, size_t n, size_t *b, size_t *e)
{
	size_t i = 0, j;
	enum lkind k;

	while (i < n && is_space(s[i]))
		i++;
	j = i;
	while (j < n && !is_space(s[j]) && j - i <= LABEL_MAX + 1)
		j++;
	if (j - i > LABEL_MAX + 1 || j == i)
		return L_NONE;
	/* a bare word ("Xây") is no label: the word must end in "." ")" or be followed by "-" */
	if (!in_set(s[j - 1], ".)") && !(j + 1 < n && s[j + 1] == '-') && s[j - 1] != '-')
		return L_NONE;
	*b = i;
	*e = j;
	label_trim(s, b, e);
	k = label_kind(s + *b, *e - *b);
	return k == L_OTHER ? L_NONE : k;
}

/* ---- rows and cells ---- */

static void row_reset(struct row *r)
{
	for (int c = 0; c < MAX_COLS; c++) {
		if (r->cells[c].nlines) {
			buf_reset(&r->cells[c].text);
			r->cells[c].nlines = r->cells[c].nbold = 0;
		}
	}
	r->used = 0;
	r->nextra = 0;
	r->last_extra = -1;
}

static void row_add(struct scan *s, const struct rd_line *l, int col)
{
	struct row *r = &s->row;
	struct cell *c;
	size_t n = strlen(l->text), room;

	if (n == 0)
		return;
	if (col >= MAX_COLS) {
		if (col != r->last_extra)
			r->nextra++;
		r->last_extra = col;
		s->out->truncated = 1;
		return;
	}
	c = &r->cells[col];
	r->used = 1;
	if (c->nlines && buf_addch(&c->text, '\n') < 0)
		goto full;
	room = EX_TABLE_MAX_CELL - c->text.len;
	if (n > room) {
		/* cut on a character boundary */
		while (room > 0 && ((unsigned char)l->text[room] & 0xC0) == 0x80)
			room--;
		buf_add(&c->text, l->text, room);
		goto full;
	}
	buf_add(&c->text, l->text, n);
	c->nlines++;
	if (l->flags & RD_BOLD)
		c->nbold++;
	return;
full:
	c->nlines++;
	s->out->truncated = 1;
}

static const char *cell_text(const struct row *r, int col, size_t *n)
{
	if (col < 0 || col >= MAX_COLS || !r->cells[col].nlines) {
		*n = 0;
		return "";
	}
	*n = r->cells[col].text.len;
	return buf_str(&r->cells[col].text);
}

/* 1 when the first character of s is a lower-case letter. */
static int starts_lower(struct scan *s, const char *p, size_t n)
{
	size_t len = 1;
	unsigned char c = (unsigned char)p[0];

	if (n == 0)
		return 0;
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (len > n)
		return 0;
	buf_reset(&s->tmp2);
	if (vn_lower(p, len, &s->tmp2) < 0 || s->tmp2.len != len || memcmp(s->tmp2.ptr, p, len))
		return 0;
	buf_reset(&s->tmp2);
	if (vn_fold(p, len, &s->tmp2) < 0 || s->tmp2.len != 1)
		return 0;
	return s->tmp2.ptr[0] >= 'a' && s->tmp2.ptr[0] <= 'z';
}

/* The cell's lines as one heap string (see table.h for the joining rule). */
static char *cell_join(struct scan *s, int col, int units)
{
	size_t n, i;
	const char *t = cell_text(&s->row, col, &n);
	struct buf b;

	buf_init(&b, 0);
	buf_addstr(&b, ""); /* never NULL */
	for (i = 0; i < n; i++) {
		if (t[i] != '\n') {
			buf_addch(&b, t[i]);
			continue;
		}
		if (units && b.len > 0 && !in_set(b.ptr[b.len - 1], ",;:") &&
		    !starts_lower(s, t + i + 1, n - i - 1))
			buf_addch(&b, ';');
		buf_addch(&b, ' ');
	}
	return buf_detach(&b, NULL);
}

/* ---- header rows ---- */

static int title_role(const char *norm)
{
	long best = -1;
	size_t best_len = 0;
	int role = R_UNKNOWN;

	for (size_t i = 0; i < sizeof(label_titles) / sizeof(label_titles[0]); i++)
		if (!strcmp(norm, label_titles[i]))
			return R_LABEL;
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		long p = find_words(norm, titles[i].words);
		size_t len = strlen(titles[i].words);
		if (p >= 0 && (best < 0 || p < best || (p == best && len > best_len))) {
			best = p;
			best_len = len;
			role = titles[i].role;
		}
	}
	/* "Cơ quan phối hợp", "Đơn vị phối hợp thực hiện" */
	if (role == R_LEAD && find_words(norm, "phoi hop") >= 0 && find_words(norm, "chu tri") < 0)
		role = R_SUPPORT;
	return role;
}

static void classify(struct scan *s, struct head *h)
{
	char norm[HEAD_NORM_MAX + 2];

	memset(h, 0, sizeof(*h));
	h->nunknown = (int)s->row.nextra;
	for (int c = 0; c < MAX_COLS; c++) {
		size_t n, k = 0;
		const char *t = cell_text(&s->row, c, &n);
		int space = 1;

		h->role[c] = -2;
		if (n == 0)
			continue;
		if (n > HEAD_FOLD_MAX) {
			h->nlong++;
			h->role[c] = R_UNKNOWN;
			continue;
		}
		buf_reset(&s->tmp);
		if (vn_fold(t, n, &s->tmp) < 0) {
			h->nlong++;
			h->role[c] = R_UNKNOWN;
			continue;
		}
		for (size_t i = 0; i < s->tmp.len && k <= HEAD_NORM_MAX; i++) {
			unsigned char ch = (unsigned char)s->tmp.ptr[i];
			if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80) {
				norm[k++] = (char)ch;
				space = 0;
			} else if (!space) {
				norm[k++] = ' ';
				space = 1;
			}
		}
		if (k > 0 && norm[k - 1] == ' ')
			k--;
		norm[k] = '\0';
		if (k > HEAD_NORM_MAX) {
			h->nlong++;
			h->role[c] = R_UNKNOWN;
			continue;
		}
		h->role[c] = k ? title_role(norm) : R_UNKNOWN;
		if (h->role[c] == R_UNKNOWN)
			h->nunknown++;
		else
			h->nknown++;
	}
}

static void map_finish(struct map *m)
{
	for (int r = 0; r < R_N; r++)
		m->col[r] = -1;
	for (int c = MAX_COLS - 1; c >= 0; c--)
		if (m->role[c] >= 0)
			m->col[m->role[c]] = c;
}

static void map_from_head(struct map *m, const struct head *h)
{
	int ct;
	for (int c = 0; c < MAX_COLS; c++)
		m->role[c] = h->role[c] >= 0 ? h->role[c] : R_UNKNOWN;
	map_finish(m);
	/* a blank title just left of the content: the number column */
	ct = m->col[R_CONTENT];
	if (m->col[R_LABEL] < 0 && ct > 0 && h->role[ct - 1] == -2) {
		m->role[ct - 1] = R_LABEL;
		map_finish(m);
	}
}

/* Content, and a deadline column to its right ("Thời gian | Nội dung" is an agenda); with
 * no deadline column, a lead column to its right ("Đơn vị | Nhiệm vụ | Thời hạn" is a task
 * table listed by unit, "Cơ quan | Nội dung" alone is not). */
static int map_valid(const struct map *m)
{
	int ct = m->col[R_CONTENT], ld = m->col[R_LEAD], dl = m->col[R_DEADLINE];
	if (ct < 0)
		return 0;
	return dl >= 0 ? ct < dl : ld > ct;
}

static int head_short(const struct head *h)
{
	return h->nlong == 0 && h->nknown > 0 && h->nknown >= h->nunknown;
}

static int is_header(const struct head *h)
{
	struct map m;
	if (!head_short(h))
		return 0;
	map_from_head(&m, h);
	return map_valid(&m);
}

/* Second header row ("Chủ trì | Phối hợp" under "Cơ quan thực hiện"): short titles, no
 * numbers or labels. */
static int is_subheader(struct scan *s, const struct head *h)
{
	if (!head_short(h))
		return 0;
	for (int c = 0; c < MAX_COLS; c++) {
		/* it splits lead, deadline or output columns; "Nhiệm vụ chung" is a group heading */
		if (h->role[c] == R_CONTENT || h->role[c] == R_LABEL)
			return 0;
	}
	for (int c = 0; c < MAX_COLS; c++) {
		size_t n;
		const char *t = cell_text(&s->row, c, &n);
		size_t b = 0, e = n;
		enum lkind k;
		if (!n)
			continue;
		if (!has_letter(t, n))
			return 0;
		label_trim(t, &b, &e);
		k = label_kind(t + b, e - b);
		if (k != L_NONE && k != L_OTHER) /* "A | Nhiệm vụ chung" is a group heading */
			return 0;
	}
	return 1;
}

/* Refine m (from header row h0) with the second header row h1. Word gives the second row's
 * cells their grid columns; HTML numbers them from 0 when the cells above span two rows, so
 * then they are laid on the columns that the first row leaves open, in order. */
static void map_sub(struct map *m, const struct head *h0, const struct head *h1)
{
	int pos[MAX_COLS], sub[MAX_COLS], open[MAX_COLS], assigned[MAX_COLS] = {0};
	int k = 0, nopen = 0, seq = 0, last = -1;

	for (int c = 0; c < MAX_COLS; c++) {
		if (h1->role[c] == -2)
			continue;
		if (h0->role[c] == R_LABEL || h0->role[c] == R_CONTENT)
			seq = 1;
		pos[k] = c;
		sub[k++] = h1->role[c];
	}
	if (seq) {
		for (int c = 0; c < MAX_COLS; c++)
			if (h0->role[c] != -2)
				last = c;
		for (int c = 0; c < MAX_COLS && nopen < MAX_COLS; c++) {
			int gap_after = c + 1 < MAX_COLS && h0->role[c + 1] == -2 && c + 1 < last;
			if (h0->role[c] == -2 ? c < last : gap_after)
				open[nopen++] = c;
		}
		if (nopen < k && last >= 0 && h0->role[last] != R_LABEL && h0->role[last] != R_CONTENT) {
			for (int c = last; c < MAX_COLS && nopen < k; c++)
				if (nopen == 0 || open[nopen - 1] < c)
					open[nopen++] = c;
		}
		for (int i = 0; i < k; i++)
			pos[i] = i < nopen ? open[i] : -1;
	}
	for (int i = 0; i < k; i++) {
		if (pos[i] < 0 || sub[i] < 0)
			continue;
		m->role[pos[i]] = sub[i];
		assigned[pos[i]] = 1;
	}
	/* a role the second row gives moves there from the title spanning it */
	for (int c = 0; c < MAX_COLS; c++)
		if (m->role[c] >= 0 && !assigned[c])
			for (int j = 0; j < MAX_COLS; j++)
				if (assigned[j] && m->role[j] == m->role[c]) {
					m->role[c] = R_UNKNOWN;
					break;
				}
	map_finish(m);
}

static int same_head(const struct head *a, const struct head *b)
{
	return !memcmp(a->role, b->role, sizeof(a->role));
}

/* ---- tasks and groups ---- */

static void groups_clear(struct scan *s)
{
	for (int i = 0; i < s->ngroups; i++) {
		free(s->groups[i].label);
		free(s->groups[i].text);
	}
	s->ngroups = 0;
	free(s->last_num);
	s->last_num = NULL;
	s->last_task_ok = 0;
}

static void groups_pop(struct scan *s, int level)
{
	while (s->ngroups > 0 && s->groups[s->ngroups - 1].level >= level) {
		s->ngroups--;
		free(s->groups[s->ngroups].label);
		free(s->groups[s->ngroups].text);
	}
}

/* Takes label and text. */
static void group_push(struct scan *s, int level, char *label, char *text)
{
	groups_pop(s, level);
	if (s->ngroups == MAX_GROUPS) {
		s->ngroups--;
		free(s->groups[s->ngroups].label);
		free(s->groups[s->ngroups].text);
	}
	s->groups[s->ngroups].level = level;
	s->groups[s->ngroups].label = label;
	s->groups[s->ngroups].text = text;
	s->ngroups++;
	if (level <= LEVEL_TOP) {
		free(s->last_num);
		s->last_num = NULL;
	}
}

static void task_free(struct ex_table_task *t)
{
	free(t->label);
	free(t->parent);
	free(t->group);
	free(t->content);
	free(t->lead);
	free(t->support);
	free(t->deadline);
	free(t->output);
}

static void set_last_num(struct scan *s, enum lkind k, const char *label)
{
	if (k != L_NUM && k != L_DOTTED)
		return;
	free(s->last_num);
	s->last_num = xstrdup(label);
}

/* A row with neither label nor content: its other cells belong to the task above. */
static void merge_into_last(struct scan *s)
{
	struct ex_table_task *t = &s->out->v[s->out->n - 1];
	char **f[4] = {&t->lead, &t->support, &t->deadline, &t->output};
	int r[4] = {R_LEAD, R_SUPPORT, R_DEADLINE, R_OUTPUT};

	for (int i = 0; i < 4; i++) {
		char *add = cell_join(s, s->map.col[r[i]], i < 2);
		if (!*add) {
			free(add);
		} else if (!**f[i]) {
			free(*f[i]);
			*f[i] = add;
		} else {
			char *both = xasprintf("%s; %s", *f[i], add);
			free(*f[i]);
			free(add);
			*f[i] = both;
		}
	}
}

static int child_of(enum lkind k, const char *label, enum lkind pk, const char *plabel)
{
	size_t n = strlen(plabel);
	if (pk != L_NUM && pk != L_DOTTED)
		return 0;
	if (k == L_LOWER)
		return 1;
	return k == L_DOTTED && !strncmp(label, plabel, n) && label[n] == '.';
}

static void data_row(struct scan *s)
{
	const struct map *m = &s->map;
	struct ex_table_list *out = s->out;
	size_t ln, cn, n, b = 0, e = 0;
	const char *lt = cell_text(&s->row, m->col[R_LABEL], &ln);
	const char *ct = cell_text(&s->row, m->col[R_CONTENT], &cn);
	int content_col = m->col[R_CONTENT], bold, roles_empty = 1, level;
	enum lkind kind = L_NONE;
	char *label, *content, *parent;
	struct ex_table_task *t;
	int last_ok = s->last_task_ok;

	s->last_task_ok = 0;
	for (int r = R_LEAD; r < R_N; r++) {
		cell_text(&s->row, m->col[r], &n);
		if (n)
			roles_empty = 0;
	}
	if (ln) {
		b = 0;
		e = ln;
		label_trim(lt, &b, &e);
		kind = label_kind(lt + b, e - b);
		if (kind == L_OTHER && e - b > LABEL_MAX) {
			/* a heading spanning the row from the STT column */
			if (cn == 0) {
				ct = lt;
				cn = ln;
				content_col = m->col[R_LABEL];
			}
			kind = L_NONE;
			b = e = 0;
		}
	} else if (m->col[R_LABEL] < 0 && cn) {
		kind = leading_label(ct, cn, &b, &e);
		lt = ct;
		if (kind == L_NONE)
			b = e = 0;
	}
	if (cn == 0 || !has_letter(ct, cn)) {
		if (cn == 0 && kind == L_NONE && !roles_empty && last_ok &&
		    out->v[out->n - 1].table == s->table) {
			merge_into_last(s);
			s->last_task_ok = 1;
		}
		return;
	}
	label = xstrndup(lt + b, e - b);
	bold = s->row.cells[content_col].nbold == s->row.cells[content_col].nlines;
	/* the numbered row above was a heading: it has a child */
	if (last_ok && child_of(kind, label, s->last_kind, out->v[out->n - 1].label)) {
		t = &out->v[out->n - 1];
		if (!*t->lead && !*t->support && !*t->deadline && !*t->output) {
			/* still a task (its sub-rows are its children), and a group for them */
			int lv = kind_level(s->last_kind, t->label);
			t->heading = 1;
			group_push(s, lv, xstrdup(t->label), xstrdup(t->content));
		}
	}

	if (roles_empty &&
	    (kind == L_ROMAN || kind == L_UPPER || (kind == L_NONE && (m->col[R_LABEL] >= 0 || bold)))) {
		if (kind == L_NONE) {
			size_t b2, e2;
			enum lkind k2 = leading_label(ct, cn, &b2, &e2);
			if (k2 == L_ROMAN || k2 == L_UPPER || k2 == L_NUM || k2 == L_DOTTED) {
				kind = k2;
				free(label);
				label = xstrndup(ct + b2, e2 - b2);
			}
		}
		if (kind == L_NONE) {
			const struct group *top = s->ngroups ? &s->groups[s->ngroups - 1] : NULL;
			level = !top ? LEVEL_TOP : *top->label ? top->level + 5 : top->level;
		} else {
			level = kind_level(kind, label);
		}
		group_push(s, level, label, cell_join(s, content_col, 0));
		set_last_num(s, kind, s->groups[s->ngroups - 1].label);
		return;
	}

	if (out->n >= EX_TABLE_MAX_TASKS) {
		free(label);
		out->truncated = 1;
		s->stop = 1;
		return;
	}
	groups_pop(s, kind_level(kind, label));
	content = cell_join(s, content_col, 0);
	if (kind == L_DOTTED) {
		parent = xstrndup(label, (size_t)(strrchr(label, '.') - label));
	} else if (kind == L_LOWER && s->last_num) {
		parent = xstrdup(s->last_num);
	} else if (s->ngroups) {
		const struct group *g = &s->groups[s->ngroups - 1];
		parent = xstrdup(*g->label ? g->label : g->text);
	} else {
		parent = xstrdup("");
	}
	XGROW(out->v, out->n + 1, out->cap);
	t = &out->v[out->n++];
	memset(t, 0, sizeof(*t));
	t->label = label;
	t->parent = parent;
	t->group = xstrdup(s->ngroups ? s->groups[s->ngroups - 1].text : "");
	t->content = content;
	t->lead = cell_join(s, m->col[R_LEAD], 1);
	t->support = cell_join(s, m->col[R_SUPPORT], 1);
	t->deadline = cell_join(s, m->col[R_DEADLINE], 0);
	t->output = cell_join(s, m->col[R_OUTPUT], 0);
	t->line = s->row.first_line;
	t->row = s->row.rdrow;
	t->table = s->table;
	set_last_num(s, kind, label);
	s->last_kind = kind;
	s->last_task_ok = 1;
}

static void new_table(struct scan *s, const struct head *h)
{
	map_from_head(&s->map, h);
	s->head0 = *h;
	s->table = (int)s->out->ntables++;
	s->map_on = s->map_ever = 1;
	s->after_header = 1;
	groups_clear(s);
}

static void process_row(struct scan *s)
{
	struct head h;
	int first = s->seg_rows++ == 0;

	if (!s->row.used)
		return;
	classify(s, &h);
	if (is_header(&h)) {
		int again = s->map_ever && (s->map_on || (first && s->cont_ok)) && same_head(&h, &s->head0);
		s->pending = 0;
		if (again) {
			/* the header repeated on a new page: same table */
			map_from_head(&s->map, &h);
			s->map_on = 1;
			s->after_header = 1;
			s->last_task_ok = 0;
		} else {
			new_table(s, &h);
		}
		return;
	}
	if (s->after_header) {
		s->after_header = 0;
		if (is_subheader(s, &h)) {
			struct map m = s->map;
			map_sub(&m, &s->head0, &h);
			if (map_valid(&m)) {
				s->map = m;
				return;
			}
		}
	}
	if (s->pending) {
		s->pending = 0;
		if (is_subheader(s, &h)) {
			struct map m;
			map_from_head(&m, &s->pend);
			map_sub(&m, &s->pend, &h);
			if (map_valid(&m)) {
				new_table(s, &s->pend);
				s->after_header = 0;
				s->map = m;
				return;
			}
		}
	}
	if (!s->map_on && head_short(&h)) {
		struct map m;
		map_from_head(&m, &h);
		if (m.col[R_CONTENT] >= 0) {
			s->pending = 1;
			s->pend = h;
			return;
		}
	}
	if (!s->map_on && first && s->cont_ok && s->map_ever && s->map.col[R_LABEL] >= 0) {
		/* a table split by a page break, without its header: rows go on numbered */
		size_t n, b = 0, e;
		const char *t = cell_text(&s->row, s->map.col[R_LABEL], &n);
		enum lkind k;
		e = n;
		label_trim(t, &b, &e);
		k = label_kind(t + b, e - b);
		if (k != L_NONE && k != L_OTHER)
			s->map_on = 1;
	}
	if (s->map_on)
		data_row(s);
}

static void finish_row(struct scan *s)
{
	if (s->have_row && !s->stop)
		process_row(s);
	s->have_row = 0;
	row_reset(&s->row);
}

static void start_segment(struct scan *s)
{
	s->in_seg = 1;
	s->seg_rows = 0;
	s->cont_ok = s->map_ever && s->gap <= MAX_GAP;
	if (!s->cont_ok)
		s->last_task_ok = 0;
	s->map_on = 0;
	s->after_header = 0;
	s->pending = 0;
	s->gap = 0;
}

size_t ex_table_tasks(const struct rd_doc *rd, struct ex_table_list *out)
{
	struct scan *s;

	memset(out, 0, sizeof(*out));
	if (!rd)
		return 0;
	{
		/* most documents have no table at all: skip the scan's set-up */
		size_t i = 0;
		while (i < rd->nlines && !(rd->lines[i].flags & RD_TABLE))
			i++;
		if (i == rd->nlines)
			return 0;
	}
	s = xcalloc(1, sizeof(*s));
	s->rd = rd;
	s->out = out;
	for (int c = 0; c < MAX_COLS; c++)
		buf_init(&s->row.cells[c].text, EX_TABLE_MAX_CELL);
	buf_init(&s->tmp, 0);
	buf_init(&s->tmp2, 0);
	row_reset(&s->row);

	for (size_t i = 0; i < rd->nlines && !s->stop; i++) {
		const struct rd_line *l = &rd->lines[i];
		int col, row;

		if (!l->text)
			continue;
		if (!(l->flags & RD_TABLE)) {
			if (l->text[0]) {
				finish_row(s);
				s->in_seg = 0;
				s->gap++;
			}
			continue;
		}
		col = l->col < 0 ? 0 : l->col;
		row = l->row < 0 ? 0 : l->row;
		if (!s->in_seg || row < s->prow || (row == s->prow && col < s->pcol)) {
			finish_row(s);
			start_segment(s);
		} else if (row != s->prow) {
			finish_row(s);
		}
		if (!s->have_row) {
			s->have_row = 1;
			s->row.first_line = i;
			s->row.rdrow = row;
		}
		row_add(s, l, col);
		s->prow = row;
		s->pcol = col;
	}
	finish_row(s);

	groups_clear(s);
	for (int c = 0; c < MAX_COLS; c++)
		buf_release(&s->row.cells[c].text);
	buf_release(&s->tmp);
	buf_release(&s->tmp2);
	free(s);
	return out->n;
}

void ex_table_list_release(struct ex_table_list *out)
{
	if (!out)
		return;
	for (size_t i = 0; i < out->n; i++)
		task_free(&out->v[i]);
	free(out->v);
	memset(out, 0, sizeof(*out));
}
