/* mail.h - sending a plain-text UTF-8 e-mail over SMTP (libcurl) */
#ifndef DD_TRACK_MAIL_H
#define DD_TRACK_MAIL_H

#include "util/error.h"

struct mail_server {
	const char *url;      /* "smtp://host:port" or "smtps://..." */
	const char *from;     /* envelope and header sender address */
	const char *user;     /* login, or NULL */
	const char *password; /* or NULL */
	long timeout_s;       /* 0: 30 seconds */
};

/* Send one message to one address. The subject is RFC 2047-encoded, the body sent as UTF-8
 * text (lines longer than the SMTP limit are not folded: keep them short). */
int mail_send(const struct mail_server *srv, const char *to, const char *subject, const char *body,
	      struct dd_error *err);

#endif
