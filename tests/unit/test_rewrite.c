/* test_rewrite: "FROM:TO" by name, number and RT name for both SIGRTMIN
 * values, drops, lists, and every source that must not be rewritable. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "rewrite.h"
#include "policy.h"

#define RTMAX	64

/* The table must be identity on 1..64 except for the listed pairs. */
static void
expect_table(const struct rewrite *rw, const int *pairs, size_t npairs)
{
	int sig, want;
	size_t i;

	for (sig = 1; sig <= RTMAX; sig++) {
		want = sig;
		for (i = 0; i < npairs; i++)
			if (pairs[2 * i] == sig)
				want = pairs[2 * i + 1];
		if (rewrite_apply(rw, sig) != want)
			fail_msg("rewrite_apply(%d) = %d, want %d", sig,
			    rewrite_apply(rw, sig), want);
	}
}

static void
expect_one(const char *spec, int rtmin, int from, int to)
{
	struct rewrite rw;

	rewrite_init(&rw);
	if (rewrite_parse(&rw, spec, rtmin, RTMAX) != 0)
		fail_msg("'%s' (rtmin %d) rejected", spec, rtmin);
	expect_table(&rw, (int[]){ from, to }, 1);
}

static void
expect_bad(const char *spec, int rtmin)
{
	struct rewrite rw, before;

	rewrite_init(&rw);
	before = rw;
	if (rewrite_parse(&rw, spec, rtmin, RTMAX) != -1)
		fail_msg("'%s' (rtmin %d) accepted", spec, rtmin);
	if (memcmp(&rw, &before, sizeof(rw)) != 0)
		fail_msg("rejected '%s' changed the table", spec);
}

static void
test_identity_by_default(void **state)
{
	struct rewrite rw;

	(void)state;
	memset(&rw, 0xEE, sizeof(rw));
	rewrite_init(&rw);
	expect_table(&rw, NULL, 0);
}

static void
test_by_name(void **state)
{
	(void)state;
	expect_one("TERM:QUIT", 34, SIGTERM, SIGQUIT);
	expect_one("SIGTERM:SIGQUIT", 34, SIGTERM, SIGQUIT);
	expect_one("term:quit", 35, SIGTERM, SIGQUIT);
	expect_one("SigInt:sigterm", 34, SIGINT, SIGTERM);
	expect_one("WINCH:USR1", 34, SIGWINCH, SIGUSR1);
	expect_one("TSTP:STOP", 34, SIGTSTP, SIGSTOP);
	/* Any signal may be the target, even one that is not forwarded. */
	expect_one("TERM:KILL", 34, SIGTERM, SIGKILL);
	expect_one("POLL:IOT", 34, SIGIO, SIGABRT);
}

static void
test_drop(void **state)
{
	(void)state;
	expect_one("HUP:0", 34, SIGHUP, 0);
	expect_one("TERM:0", 35, SIGTERM, 0);
	expect_one("64:0", 34, 64, 0);
}

static void
test_by_number(void **state)
{
	(void)state;
	expect_one("15:3", 34, 15, 3);
	expect_one("1:64", 34, 1, 64);
	expect_one("64:1", 35, 64, 1);
	expect_one("32:33", 34, 32, 33);
	expect_one("34:15", 35, 34, 15);
	expect_one("15:TERM", 34, 15, 15);
	expect_one("TERM:10", 34, 15, 10);
}

static void
test_rt_names(void **state)
{
	(void)state;
	expect_one("RTMIN:RTMAX", 34, 34, 64);
	expect_one("RTMIN:RTMAX", 35, 35, 64);
	expect_one("RTMIN+3:TERM", 34, 37, 15);
	expect_one("RTMIN+3:TERM", 35, 38, 15);
	expect_one("TERM:SIGRTMIN+1", 34, 15, 35);
	expect_one("TERM:SIGRTMIN+1", 35, 15, 36);
	expect_one("RTMAX-1:RTMIN+30", 34, 63, 64);
	expect_one("rtmax-2:0", 35, 62, 0);
}

static void
test_every_forwarded_source(void **state)
{
	struct rewrite rw;
	char b[32];
	int sig, rc;

	(void)state;
	for (sig = 1; sig <= RTMAX; sig++) {
		rewrite_init(&rw);
		snprintf(b, sizeof(b), "%d:0", sig);
		rc = rewrite_parse(&rw, b, 34, RTMAX);
		if (rc != (policy_forwarded(sig) ? 0 : -1))
			fail_msg("'%s' gave %d", b, rc);
		if (rc == 0)
			expect_table(&rw, (int[]){ sig, 0 }, 1);
	}
}

static void
test_non_forwarded_sources(void **state)
{
	static const char *const bad[] = {
		"KILL:TERM", "STOP:TERM", "CHLD:TERM", "CLD:TERM",
		"SEGV:TERM", "FPE:TERM", "ILL:TERM", "BUS:TERM", "ABRT:TERM",
		"IOT:TERM", "TRAP:TERM", "SYS:TERM", "9:15", "19:0", "17:1",
		"SIGKILL:0", "sigchld:0",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		expect_bad(bad[i], 34);
		expect_bad(bad[i], 35);
	}
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"", ":", "TERM", "TERMQUIT", "TERM:", ":QUIT", ":0",
		"TERM:QUIT:HUP", "TERM::QUIT", "NOSUCH:TERM", "TERM:NOSUCH",
		"0:TERM", "65:TERM", "TERM:65", "TERM:-1", "TERM:00",
		"TERM:+0", " TERM:QUIT", "TERM :QUIT", "TERM: QUIT",
		"TERM:QUIT ", "TERM,QUIT", "TERM=QUIT", "RTMIN+31:TERM",
		"TERM:RTMAX-31", "SIGSIGTERM:QUIT",
		"AVERYLONGSIGNALNAMEOVER24CHARS:TERM",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_bad(bad[i], 34);
	expect_bad("RTMIN+30:TERM", 35);
	expect_bad("TERM:RTMIN+30", 35);
}

static void
test_list(void **state)
{
	struct rewrite rw;

	(void)state;
	rewrite_init(&rw);
	assert_int_equal(rewrite_parse_list(&rw, "TERM:QUIT,HUP:0", 34,
	    RTMAX), 0);
	expect_table(&rw, (int[]){ 15, 3, 1, 0 }, 2);

	rewrite_init(&rw);
	assert_int_equal(rewrite_parse_list(&rw, "INT:TERM", 34, RTMAX), 0);
	expect_table(&rw, (int[]){ 2, 15 }, 1);

	rewrite_init(&rw);
	assert_int_equal(rewrite_parse_list(&rw,
	    "USR1:USR2,USR2:USR1,RTMIN:0,WINCH:0,USR1:HUP", 35, RTMAX), 0);
	expect_table(&rw, (int[]){ 10, 1, 12, 10, 35, 0, 28, 0 }, 4);
}

static void
test_list_rejects(void **state)
{
	static const char *const bad[] = {
		"", ",", "TERM:QUIT,", ",TERM:QUIT", "TERM:QUIT,,HUP:0",
		"TERM:QUIT, HUP:0", "TERM:QUIT;HUP:0", "TERM:QUIT,KILL:0",
		"TERM:QUIT,HUP", "HUP:0,CHLD:TERM",
	};
	struct rewrite rw;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rewrite_init(&rw);
		if (rewrite_parse_list(&rw, bad[i], 34, RTMAX) != -1)
			fail_msg("rewrite_parse_list accepted '%s'", bad[i]);
	}
}

static void
test_apply_outside_range(void **state)
{
	struct rewrite rw;

	(void)state;
	rewrite_init(&rw);
	assert_int_equal(rewrite_apply(&rw, 0), 0);
	assert_int_equal(rewrite_apply(&rw, -1), -1);
	assert_int_equal(rewrite_apply(&rw, 65), 65);
	assert_int_equal(rewrite_apply(&rw, 1000), 1000);
	assert_int_equal(rewrite_apply(&rw, 64), 64);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity_by_default),
		cmocka_unit_test(test_by_name),
		cmocka_unit_test(test_drop),
		cmocka_unit_test(test_by_number),
		cmocka_unit_test(test_rt_names),
		cmocka_unit_test(test_every_forwarded_source),
		cmocka_unit_test(test_non_forwarded_sources),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_rejects),
		cmocka_unit_test(test_apply_outside_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
