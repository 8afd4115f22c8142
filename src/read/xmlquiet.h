/* xmlquiet.h - keep libxml2's own error printing off the user's terminal while a reader runs */
#ifndef RD_XMLQUIET_H
#define RD_XMLQUIET_H

#include <libxml/xmlerror.h>

/* The thread's libxml2 error handlers, saved by xml_quiet_begin and put back by xml_quiet_end.
 * Readers report problems through struct dd_error instead. */
struct xml_quiet {
	xmlGenericErrorFunc generic;
	void *generic_ctx;
	xmlStructuredErrorFunc structured;
	void *structured_ctx;
};

void xml_quiet_begin(struct xml_quiet *q);
void xml_quiet_end(const struct xml_quiet *q);

#endif
