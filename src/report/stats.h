/* stats.h - statistics for any period: counts per official status and on-time rate, per unit and per topic */
#ifndef DD_REPORT_STATS_H
#define DD_REPORT_STATS_H

/*
 * The period selects tasks as track_stats() does: due between from and to (either may be
 * empty: open), and tasks without a due date always count. The overall and per-unit rows
 * are track_stats() output (lead units); the per-topic rows count the same task set by
 * track_status_of(), a task counting once under each of its topics. On-time rate: see
 * report_on_time_rate().
 */

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "track/track.h"
#include "util/buf.h"
#include "util/error.h"

struct stats_row {
	int64_t unit_id;   /* per-unit rows; 0 otherwise (or no lead unit) */
	char *key;         /* topic code, unit short name or id */
	char *name;        /* display name */
	int64_t n[TRACK_NSTATUS];
	int64_t total;
};

struct stats {
	char from[STORE_DATE_LEN], to[STORE_DATE_LEN], today[STORE_DATE_LEN];
	char *status_names[TRACK_NSTATUS];
	struct stats_row total;
	struct stats_row *units;
	size_t nunits;
	struct stats_row *topics;
	size_t ntopics;
};

/* from/to: "YYYY-MM-DD" or NULL/"" for an open end. Errors: DD_ERR_USAGE for a bad date or
 * from > to. */
int stats_compute(struct track *t, const char *from, const char *to, struct stats *out,
		  struct dd_error *err);
void stats_release(struct stats *s);

/* {"from","to","today","statuses":[{code,name}],"total":{...},"units":[...],"topics":[...]};
 * each row {"key","name","total","on_time_rate" (null when nothing due),"counts":{code:n}}. */
json_t *stats_json(const struct stats *s);
/* A plain-text table (UTF-8, aligned for a terminal). */
int stats_text(const struct stats *s, struct buf *out);
/* An HTML fragment: donut of the total and bars per unit and per topic (SVG, chart.h). */
int stats_svg(const struct stats *s, struct buf *out);

#endif
