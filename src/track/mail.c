/* mail.c - SMTP delivery of reminder digests with libcurl (loaded on first use) */
#include "mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/dynlib.h"
#include "util/xalloc.h"

#ifndef DD_SONAME_CURL
#error "DD_SONAME_CURL (the SONAME of libcurl) comes from CMakeLists.txt"
#endif

/* libcurl and the ~30 libraries under it are opened only to send mail (util/dynlib.h) */
#define CURL_SYMS(X)                                                                           \
	X(curl_easy_init) X(curl_easy_setopt) X(curl_easy_perform) X(curl_easy_cleanup)        \
	X(curl_easy_strerror) X(curl_slist_append) X(curl_slist_free_all)

struct curl_api {
	CURL_SYMS(DYNLIB_FIELD)
};

static struct curl_api curl_api;
#define CURL_SYM(name) DYNLIB_SYM(curl_api, name)
static const struct dynlib_sym curl_syms[] = {CURL_SYMS(CURL_SYM)};
static struct dynlib curl_lib = DYNLIB_LIB(CURL, "sending mail", curl_syms, &curl_api);

/* calls below go through the table (curl_easy_setopt loses its compile-time type check) */
#undef curl_easy_setopt
#define curl_easy_init (curl_api.curl_easy_init)
#define curl_easy_setopt (curl_api.curl_easy_setopt)
#define curl_easy_perform (curl_api.curl_easy_perform)
#define curl_easy_cleanup (curl_api.curl_easy_cleanup)
#define curl_easy_strerror (curl_api.curl_easy_strerror)
#define curl_slist_append (curl_api.curl_slist_append)
#define curl_slist_free_all (curl_api.curl_slist_free_all)

#define MAIL_MAX (4u << 20)

struct reader {
	const char *data;
	size_t len, pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
	struct reader *r = userdata;
	size_t room = size * nmemb, n = r->len - r->pos;
	if (n > room)
		n = room;
	memcpy(ptr, r->data + r->pos, n);
	r->pos += n;
	return n;
}

static int has_crlf(const char *s)
{
	return s && strpbrk(s, "\r\n") != NULL;
}

/* "=?UTF-8?B?...?=" */
static int add_encoded(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	size_t cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	char *enc = xmalloc(cap);
	int rc;
	sodium_bin2base64(enc, cap, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
	rc = buf_printf(b, "=?UTF-8?B?%s?=", enc);
	free(enc);
	return rc;
}

int mail_send(const struct mail_server *srv, const char *to, const char *subject, const char *body,
	      struct dd_error *err)
{
	struct buf msg;
	struct curl_slist *rcpt = NULL;
	struct reader r;
	char date[64], errbuf[CURL_ERROR_SIZE] = "";
	time_t now = time(NULL);
	struct tm tm;
	CURL *c = NULL;
	CURLcode cc;
	int rc = -1;

	if (!srv || !srv->url || !*srv->url)
		return dd_error_code(err, DD_ERR_USAGE, "no smtp server configured (--smtp URL)");
	if (!srv->from || !*srv->from)
		return dd_error_code(err, DD_ERR_USAGE, "no sender address configured (--from)");
	if (!to || !*to || has_crlf(to) || has_crlf(srv->from))
		return dd_error_code(err, DD_ERR_DATA, "bad e-mail address '%s'", to ? to : "");
	if (dynlib_load(&curl_lib, err) < 0)
		return -1;
	buf_init(&msg, MAIL_MAX);
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_printf(&msg, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\nSubject: ", date, srv->from, to);
	add_encoded(&msg, subject ? subject : "");
	buf_addstr(&msg, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: 8bit\r\n\r\n");
	/* bare LF -> CRLF; a line starting with '.' is escaped by libcurl */
	for (const char *p = body ? body : ""; *p; p++) {
		if (*p == '\n' && (p == body || p[-1] != '\r'))
			buf_addch(&msg, '\r');
		buf_addch(&msg, *p);
	}
	if (buf_addstr(&msg, "\r\n") < 0) {
		dd_error_code(err, DD_ERR_DATA, "message too large");
		goto out;
	}
	c = curl_easy_init();
	if (!c) {
		dd_error(err, "cannot start the mail client");
		goto out;
	}
	r.data = msg.ptr;
	r.len = msg.len;
	r.pos = 0;
	rcpt = curl_slist_append(rcpt, to);
	curl_easy_setopt(c, CURLOPT_URL, srv->url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, srv->from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, srv->timeout_s > 0 ? srv->timeout_s : 30L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (srv->user)
		curl_easy_setopt(c, CURLOPT_USERNAME, srv->user);
	if (srv->password)
		curl_easy_setopt(c, CURLOPT_PASSWORD, srv->password);
	if (strncmp(srv->url, "smtp://", 7) == 0 && srv->user)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	cc = curl_easy_perform(c);
	if (cc != CURLE_OK) {
		dd_error(err, "cannot send mail to '%s': %s", to, errbuf[0] ? errbuf : curl_easy_strerror(cc));
		goto out;
	}
	rc = 0;
out:
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_release(&msg);
	return rc;
}
