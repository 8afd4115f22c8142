/* cmd_track.h - helpers shared by the tracking commands (cmd_track*.c), internal to the CLI */
#ifndef DD_CMD_TRACK_H
#define DD_CMD_TRACK_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "cli/cli.h"
#include "store/store.h"
#include "track/track.h"

/* An open database and the rules, acting as one user. */
struct tcli {
	struct store *s;
	struct track t;
	int opened;
};

/* Open ctx->db_path and set up the rules acting as `as` (NULL: the OS user name, who acts
 * as the office unless the users table says otherwise). */
int tcli_open(struct tcli *c, struct cli_ctx *ctx, const char *as, struct dd_error *err);
void tcli_close(struct tcli *c);

/* Print j (consumed) as indented UTF-8 JSON with a final newline. */
void tcli_print_json(json_t *j);
/* One CSV field (RFC 4180 quoting), followed by sep (',' or '\n'). */
void tcli_csv(FILE *f, const char *s, char sep);
/* A positive id; -1 with a usage message for cmd when s is not one. */
int tcli_id(const char *cmd, const char *what, const char *s, int64_t *out);
/* Resolve a unit given by id, name or alias; -1 with err (DD_ERR_USAGE) when unknown. */
int tcli_unit(struct tcli *c, const char *text, int64_t *id, struct dd_error *err);
/* A non-negative number option; -1 with a usage message. */
int tcli_num(const char *cmd, const char *opt, const char *s, int64_t max, int64_t *out);
/* Print text cut to at most width display characters (UTF-8 aware), padded when pad. */
void tcli_put_cut(FILE *f, const char *s, int width, int pad);

#endif
