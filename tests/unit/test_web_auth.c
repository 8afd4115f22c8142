/* test_web_auth.c - password hashes, sessions (expiry, eviction, CSRF) and login throttling */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "web/auth.h"

static int setup(void **state)
{
	(void)state;
	return auth_global_init(NULL);
}

static void test_passwords(void **state)
{
	struct dd_error err = {0};
	char *h;

	(void)state;
	h = auth_hash_password("correct horse battery", &err);
	assert_non_null(h);
	assert_true(strncmp(h, "$argon2id$", 10) == 0);
	assert_int_equal(auth_check_password(h, "correct horse battery"), 1);
	assert_int_equal(auth_check_password(h, "correct horse batterY"), 0);
	assert_int_equal(auth_check_password(h, ""), 0);
	assert_int_equal(auth_check_password(NULL, "x"), 0);
	assert_int_equal(auth_check_password("garbage", "x"), 0);
	free(h);

	assert_null(auth_hash_password("short", &err));
	assert_int_equal(err.code, DD_ERR_DATA);
	assert_non_null(strstr(err.msg, "too short"));
	char longpw[300];
	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	assert_null(auth_hash_password(longpw, &err));
	assert_non_null(strstr(err.msg, "too long"));
}

static void test_usernames(void **state)
{
	(void)state;
	assert_true(auth_valid_username("office1"));
	assert_true(auth_valid_username("nguyen.van-a_2"));
	assert_false(auth_valid_username(""));
	assert_false(auth_valid_username("has space"));
	assert_false(auth_valid_username("người"));
	assert_false(auth_valid_username("a/b"));
	char longname[80];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_false(auth_valid_username(longname));
}

static void test_random_password(void **state)
{
	char a[17], b[17];

	(void)state;
	auth_random_password(a, 16);
	auth_random_password(b, 16);
	assert_int_equal(strlen(a), 16);
	assert_string_not_equal(a, b);
	assert_null(strpbrk(a, "0O1lI"));
}

static void test_sessions(void **state)
{
	struct auth_sessions *t = auth_sessions_new(100, 1000, 3);
	struct auth_session s1, s2, got;

	(void)state;
	auth_session_create(t, "alice", 1,
			    "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g",
			    1000, &s1);
	auth_session_create(t, "bob", 2, NULL, 1000, &s2);
	assert_int_equal(strlen(s1.token), 64);
	assert_string_not_equal(s1.token, s2.token);
	assert_string_not_equal(s1.token, s1.csrf);
	assert_int_equal(auth_session_get(t, s1.token, 1050, &got), 1);
	assert_string_equal(got.username, "alice");
	assert_int_equal(got.user_id, 1);
	assert_true(auth_session_pw_ok(
	    &got, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g"));
	assert_false(auth_session_pw_ok(
	    &got, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$b3RoZXJoYXNob3RoZXJoYXNo"));
	assert_false(auth_session_pw_ok(&got, NULL));
	/* idle time counts from the last use */
	assert_int_equal(auth_session_get(t, s1.token, 1149, &got), 1);
	assert_int_equal(auth_session_get(t, s2.token, 1149, &got), 0); /* idle since 1000 */
	assert_int_equal(auth_session_get(t, s2.token, 1000, &got), 0); /* and removed */
	/* absolute lifetime */
	for (time_t now = 1200; now < 2000; now += 90)
		auth_session_get(t, s1.token, now, &got);
	assert_int_equal(auth_session_get(t, s1.token, 2001, &got), 0);
	/* bad tokens */
	assert_int_equal(auth_session_get(t, NULL, 1000, &got), 0);
	assert_int_equal(auth_session_get(t, "short", 1000, &got), 0);
	auth_sessions_free(t);
}

static void test_session_limits(void **state)
{
	struct auth_sessions *t = auth_sessions_new(100, 1000, 2);
	struct auth_session a, b, c, got;

	(void)state;
	auth_session_create(t, "a", 1, NULL, 1000, &a);
	auth_session_create(t, "b", 2, NULL, 1001, &b);
	auth_session_create(t, "c", 3, NULL, 1002, &c); /* evicts the least recently used: a */
	assert_int_equal(auth_session_get(t, a.token, 1003, &got), 0);
	assert_int_equal(auth_session_get(t, b.token, 1003, &got), 1);
	assert_int_equal(auth_session_get(t, c.token, 1003, &got), 1);
	auth_session_delete(t, b.token);
	assert_int_equal(auth_session_get(t, b.token, 1003, &got), 0);
	auth_session_delete(t, "nonsense");
	auth_session_create(t, "c", 3, NULL, 1004, &a);
	assert_int_equal(auth_session_delete_user(t, "c"), 2);
	assert_int_equal(auth_session_get(t, c.token, 1005, &got), 0);
	auth_sessions_free(t);
	auth_sessions_free(NULL);
}

static void test_verified(void **state)
{
	struct auth_sessions *t = auth_sessions_new(100, 1000, 10);
	struct auth_session s, got;

	(void)state;
	auth_session_create(t, "u", 7, NULL, 1000, &s);
	assert_int_equal(s.verified, 0);
	auth_session_verified(t, s.token, "unit", 42, 1001);
	assert_int_equal(auth_session_get(t, s.token, 1002, &got), 1);
	assert_string_equal(got.role, "unit");
	assert_int_equal(got.unit_id, 42);
	assert_int_equal(got.verified, 1001);
	auth_session_verified(t, "nope", "admin", 0, 1003); /* unknown token: nothing */
	auth_session_verified(t, NULL, "admin", 0, 1003);
	assert_int_equal(auth_session_get(t, s.token, 1004, &got), 1);
	assert_string_equal(got.role, "unit");
	auth_sessions_free(t);
}

static void test_csrf(void **state)
{
	struct auth_sessions *t = auth_sessions_new(100, 1000, 10);
	struct auth_session s;
	char wrong[65];

	(void)state;
	auth_session_create(t, "a", 1, NULL, 1000, &s);
	assert_true(auth_csrf_ok(&s, s.csrf));
	assert_false(auth_csrf_ok(&s, NULL));
	assert_false(auth_csrf_ok(&s, ""));
	assert_false(auth_csrf_ok(&s, s.token));
	memcpy(wrong, s.csrf, sizeof(wrong));
	wrong[10] = wrong[10] == 'a' ? 'b' : 'a';
	assert_false(auth_csrf_ok(&s, wrong));
	auth_sessions_free(t);
}

static void test_throttle(void **state)
{
	struct auth_throttle *t = auth_throttle_new(3, 60);

	(void)state;
	assert_int_equal(auth_throttle_check(t, "u:x", 1000), 0);
	auth_throttle_fail(t, "u:x", 1000);
	auth_throttle_fail(t, "u:x", 1001);
	assert_int_equal(auth_throttle_check(t, "u:x", 1002), 0);
	auth_throttle_fail(t, "u:x", 1002);
	assert_int_equal(auth_throttle_check(t, "u:x", 1002), 60); /* locked */
	assert_int_equal(auth_throttle_check(t, "u:x", 1050), 12);
	assert_int_equal(auth_throttle_check(t, "u:y", 1050), 0); /* other keys are free */
	assert_int_equal(auth_throttle_check(t, "u:x", 1062), 0); /* lock over */
	/* failures spread over more than the window do not lock */
	auth_throttle_fail(t, "u:z", 2000);
	auth_throttle_fail(t, "u:z", 2030);
	auth_throttle_fail(t, "u:z", 2070);
	assert_int_equal(auth_throttle_check(t, "u:z", 2070), 0);
	/* a success resets */
	auth_throttle_fail(t, "u:w", 3000);
	auth_throttle_fail(t, "u:w", 3000);
	auth_throttle_reset(t, "u:w");
	auth_throttle_fail(t, "u:w", 3001);
	assert_int_equal(auth_throttle_check(t, "u:w", 3001), 0);
	auth_throttle_free(t);
	auth_throttle_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_passwords),	    cmocka_unit_test(test_usernames),
	    cmocka_unit_test(test_random_password), cmocka_unit_test(test_sessions),
	    cmocka_unit_test(test_session_limits),  cmocka_unit_test(test_csrf),
	    cmocka_unit_test(test_throttle),	    cmocka_unit_test(test_verified),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
