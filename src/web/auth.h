/* auth.h - passwords (argon2id), in-memory sessions with CSRF tokens, and login throttling */
#ifndef DD_WEB_AUTH_H
#define DD_WEB_AUTH_H

/*
 * Sessions live in the server's memory only: restarting `dondoc serve` logs everyone out.
 * A session is found by its cookie token (32 random bytes, hex); each carries its own CSRF
 * token, which every state-changing request must echo in the X-CSRF-Token header. Sessions
 * end after an idle time and after an absolute lifetime, whichever comes first.
 *
 * Throttling counts failed logins per account and per client address inside a window;
 * past the limit the key is locked for the window (even a right password is refused), so
 * guessing costs time and cannot be spread over many accounts from one address.
 *
 * All functions are thread-safe (one mutex per table).
 */

#include <stdint.h>
#include <time.h>

#include "util/error.h"

#define AUTH_TOKEN_HEX 65 /* 32 bytes as hex + NUL */
#define AUTH_NAME_MAX 64  /* user names: 1..63 bytes of [A-Za-z0-9._-] */

/* ---- passwords -------------------------------------------------------------------- */

/* Passwords: 8..256 bytes. Hash with argon2id (crypto_pwhash_str, interactive limits)
 * into a heap string; NULL with err set (DD_ERR_DATA) when the password is unfit. */
char *auth_hash_password(const char *password, struct dd_error *err);
/* 1 when password matches the encoded hash, 0 otherwise (also for NULL/garbage hashes). */
int auth_check_password(const char *hash, const char *password);
/* 1 when name is a valid user name (see AUTH_NAME_MAX). */
int auth_valid_username(const char *name);
/* A random password of n (<= 63) characters from an unambiguous alphabet into out[n+1]. */
void auth_random_password(char *out, size_t n);
/* Initialise libsodium; call once before anything else here. 0 ok, -1 error. */
int auth_global_init(struct dd_error *err);

/* ---- sessions --------------------------------------------------------------------- */

struct auth_session {
	char token[AUTH_TOKEN_HEX]; /* the cookie value */
	char csrf[AUTH_TOKEN_HEX];
	char username[AUTH_NAME_MAX];
	int64_t user_id;
	char pwtag[24]; /* the end of the password hash at login: a change ends the session */
	time_t created, last_seen;
	/* the account as last read from the store (see auth_session_verified) */
	char role[16];
	int64_t unit_id;
	time_t verified; /* 0: never */
};

struct auth_sessions; /* opaque table */

/* idle and max in seconds (> 0); at most max_count live sessions (oldest evicted). */
struct auth_sessions *auth_sessions_new(long idle, long max_life, size_t max_count);
void auth_sessions_free(struct auth_sessions *t);
/* Create a session for a user at time now; a copy is written to out. pw_hash (may be
 * NULL) is the user's stored hash, remembered so that auth_session_pw_ok can tell when the
 * password was changed elsewhere (by the CLI). */
void auth_session_create(struct auth_sessions *t, const char *username, int64_t user_id, const char *pw_hash,
			 time_t now, struct auth_session *out);
/* 1 when pw_hash is still the hash the session was created with. */
int auth_session_pw_ok(const struct auth_session *s, const char *pw_hash);
/* Find the live session of token at now (refreshing last_seen); 1 found (copied to out),
 * 0 not found or expired (an expired one is removed). */
int auth_session_get(struct auth_sessions *t, const char *token, time_t now, struct auth_session *out);
/* Record that the account behind token was read from the store at now and found active
 * with this role and unit; a cached answer may rely on that for a moment. */
void auth_session_verified(struct auth_sessions *t, const char *token, const char *role, int64_t unit_id,
			   time_t now);
/* Remove one session (no-op when absent). */
void auth_session_delete(struct auth_sessions *t, const char *token);
/* Remove every session of a user (after disable or password change); returns how many. */
int auth_session_delete_user(struct auth_sessions *t, const char *username);
/* Constant-time check of a CSRF token given by the client (NULL = missing) against s. */
int auth_csrf_ok(const struct auth_session *s, const char *given);

/* ---- login throttling -------------------------------------------------------------- */

struct auth_throttle; /* opaque */

/* max_fail failures of one key inside window seconds lock the key for window seconds. */
struct auth_throttle *auth_throttle_new(int max_fail, long window);
void auth_throttle_free(struct auth_throttle *t);
/* 0 when key may try now, else the seconds until it may (> 0). */
long auth_throttle_check(struct auth_throttle *t, const char *key, time_t now);
/* Record a failure of key at now. */
void auth_throttle_fail(struct auth_throttle *t, const char *key, time_t now);
/* Forget key's failures (after a successful login). */
void auth_throttle_reset(struct auth_throttle *t, const char *key);

#endif
