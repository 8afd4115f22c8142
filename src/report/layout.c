/* layout.c - the official layout of generated documents (Party or State style) from settings */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util/xalloc.h"

#define SETTING_MAX 4096

static const char *const party_recipients[] = {
	"Thường trực Thành ủy",
	"Các đồng chí Ủy viên Ban Thường vụ Thành ủy",
	"Các ban đảng, Văn phòng Thành ủy",
	"Ban cán sự đảng UBND thành phố",
	"Đảng đoàn HĐND thành phố",
	"Các sở, ban, ngành liên quan",
};
static const char *const state_recipients[] = {
	"Thường trực Thành ủy",
	"Thường trực HĐND thành phố",
	"Chủ tịch, các Phó Chủ tịch UBND thành phố",
	"Các sở, ban, ngành thành phố",
};

const struct report_setting report_settings[] = {
	{"report.style", "party (Hướng dẫn 36-HD/VPTW, default) or state (Nghị định 30/2020/NĐ-CP)"},
	{"report.parent", "superior body, upper case (\"ĐẢNG BỘ THÀNH PHỐ CẦN THƠ\"); empty: none"},
	{"report.issuer", "issuing body, upper case (\"THÀNH ỦY CẦN THƠ\")"},
	{"report.issuer_code", "issuer code in the number (\"TU\": Số   -BC/TU; \"UBND\": Số:   /BC-UBND)"},
	{"report.body", "the collective in sentences (\"Ban Thường vụ Thành ủy\")"},
	{"report.place", "place in the date line (\"Cần Thơ\")"},
	{"report.authority", "signing authority (\"T/M BAN THƯỜNG VỤ\", \"TM. ỦY BAN NHÂN DÂN\")"},
	{"report.signer_title", "signer's title (\"PHÓ BÍ THƯ\")"},
	{"report.signer_name", "signer's name; empty leaves the line to the clerk"},
	{"report.recipients", "recipients, separated by \";\" or new lines"},
	{"report.archive", "archive line (\"Lưu Văn phòng Thành ủy\", \"Lưu: VT, VP\")"},
	{NULL, NULL},
};

int report_setting_check(const char *key, const char *value, struct dd_error *err)
{
	for (const struct report_setting *r = report_settings; r->key; r++) {
		if (strcmp(r->key, key) != 0)
			continue;
		if (value && strcmp(key, "report.style") == 0 && strcmp(value, "party") != 0 &&
		    strcmp(value, "state") != 0)
			return dd_error_code(err, DD_ERR_USAGE, "report.style is 'party' or 'state', not '%s'",
					     value);
		if (value && strlen(value) > SETTING_MAX)
			return dd_error_code(err, DD_ERR_USAGE, "value of '%s' too long", key);
		return 0;
	}
	return dd_error_code(err, DD_ERR_USAGE, "unknown report setting '%s'", key);
}

static void set_recipients(struct report_layout *l, const char *const *list, size_t n)
{
	l->recipients = xcalloc(n ? n : 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		l->recipients[i] = xstrdup(list[i]);
	l->nrecipients = n;
}

void report_layout_defaults(struct report_layout *l, int state)
{
	memset(l, 0, sizeof(*l));
	l->state = state;
	if (!state) {
		l->parent = xstrdup("");
		l->issuer = xstrdup("THÀNH ỦY CẦN THƠ");
		l->issuer_code = xstrdup("TU");
		l->body = xstrdup("Ban Thường vụ Thành ủy");
		l->authority = xstrdup("T/M BAN THƯỜNG VỤ");
		l->signer_title = xstrdup("PHÓ BÍ THƯ");
		l->archive = xstrdup("Lưu Văn phòng Thành ủy");
		set_recipients(l, party_recipients, sizeof(party_recipients) / sizeof(*party_recipients));
	} else {
		l->parent = xstrdup("");
		l->issuer = xstrdup("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ");
		l->issuer_code = xstrdup("UBND");
		l->body = xstrdup("Ủy ban nhân dân thành phố");
		l->authority = xstrdup("TM. ỦY BAN NHÂN DÂN");
		l->signer_title = xstrdup("CHỦ TỊCH");
		l->archive = xstrdup("Lưu: VT, VP");
		set_recipients(l, state_recipients, sizeof(state_recipients) / sizeof(*state_recipients));
	}
	l->place = xstrdup("Cần Thơ");
	l->signer_name = xstrdup("");
}

void report_layout_release(struct report_layout *l)
{
	if (!l)
		return;
	free(l->parent);
	free(l->issuer);
	free(l->issuer_code);
	free(l->body);
	free(l->place);
	free(l->authority);
	free(l->signer_title);
	free(l->signer_name);
	free(l->archive);
	for (size_t i = 0; i < l->nrecipients; i++)
		free(l->recipients[i]);
	free(l->recipients);
	memset(l, 0, sizeof(*l));
}

/* Replace *field with the setting's value when it is set. */
static int load_one(struct store *s, const char *key, char **field, struct dd_error *err)
{
	struct buf v;
	int r;

	buf_init(&v, SETTING_MAX);
	r = store_setting_get(s, key, &v, err);
	if (r == 1) {
		free(*field);
		*field = buf_detach(&v, NULL);
	}
	buf_release(&v);
	return r < 0 ? -1 : 0;
}

static void trim(char *s)
{
	size_t n = strlen(s), i = 0;

	/* the list adds its own "," / ";" / "." */
	while (n && strchr(" \t\r,;.", s[n - 1]))
		s[--n] = '\0';
	while (s[i] == ' ' || s[i] == '\t' || s[i] == '-')
		i++;
	memmove(s, s + i, n - i + 1);
}

int report_layout_load(struct store *s, struct report_layout *l, struct dd_error *err)
{
	struct buf v;
	int r, state = 0;
	char *rec = NULL;

	buf_init(&v, SETTING_MAX);
	r = store_setting_get(s, "report.style", &v, err);
	if (r < 0) {
		buf_release(&v);
		return -1;
	}
	if (r == 1) {
		if (strcmp(buf_str(&v), "state") == 0)
			state = 1;
		else if (strcmp(buf_str(&v), "party") != 0) {
			dd_error_code(err, DD_ERR_DATA, "setting 'report.style' must be 'party' or 'state', not '%s'",
				      buf_str(&v));
			buf_release(&v);
			return -1;
		}
	}
	buf_release(&v);
	report_layout_defaults(l, state);
	if (load_one(s, "report.parent", &l->parent, err) < 0 ||
	    load_one(s, "report.issuer", &l->issuer, err) < 0 ||
	    load_one(s, "report.issuer_code", &l->issuer_code, err) < 0 ||
	    load_one(s, "report.body", &l->body, err) < 0 ||
	    load_one(s, "report.place", &l->place, err) < 0 ||
	    load_one(s, "report.authority", &l->authority, err) < 0 ||
	    load_one(s, "report.signer_title", &l->signer_title, err) < 0 ||
	    load_one(s, "report.signer_name", &l->signer_name, err) < 0 ||
	    load_one(s, "report.archive", &l->archive, err) < 0 ||
	    load_one(s, "report.recipients", &rec, err) < 0)
		goto fail;
	if (rec) {
		char *p = rec;
		for (size_t i = 0; i < l->nrecipients; i++)
			free(l->recipients[i]);
		free(l->recipients);
		l->recipients = NULL;
		l->nrecipients = 0;
		size_t cap = 0;
		while (*p) {
			size_t n = strcspn(p, ";\n");
			char *item = xstrndup(p, n);
			trim(item);
			if (*item) {
				XGROW(l->recipients, l->nrecipients + 1, cap);
				l->recipients[l->nrecipients++] = item;
			} else {
				free(item);
			}
			p += n;
			if (*p)
				p++;
		}
		free(rec);
	}
	return 0;
fail:
	free(rec);
	report_layout_release(l);
	return -1;
}
