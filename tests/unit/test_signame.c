/* test_signame: names <-> numbers for both SIGRTMIN values (34 glibc,
 * 35 musl), and exactly which signals init-lite forwards. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "signame.h"
#include "policy.h"

#define RTMAX	64

/* The Linux x86-64 numbers, written out so that the table in signame.c is
 * checked against something other than itself. */
static const struct {
	const char *name;
	int num;
} linux_names[] = {
	{ "HUP", 1 }, { "INT", 2 }, { "QUIT", 3 }, { "ILL", 4 },
	{ "TRAP", 5 }, { "ABRT", 6 }, { "BUS", 7 }, { "FPE", 8 },
	{ "KILL", 9 }, { "USR1", 10 }, { "SEGV", 11 }, { "USR2", 12 },
	{ "PIPE", 13 }, { "ALRM", 14 }, { "TERM", 15 }, { "STKFLT", 16 },
	{ "CHLD", 17 }, { "CONT", 18 }, { "STOP", 19 }, { "TSTP", 20 },
	{ "TTIN", 21 }, { "TTOU", 22 }, { "URG", 23 }, { "XCPU", 24 },
	{ "XFSZ", 25 }, { "VTALRM", 26 }, { "PROF", 27 }, { "WINCH", 28 },
	{ "IO", 29 }, { "PWR", 30 }, { "SYS", 31 },
};
#define NNAMES	(sizeof(linux_names) / sizeof(linux_names[0]))

static const struct {
	const char *name;
	int num;
} aliases[] = {
	{ "IOT", 6 }, { "CLD", 17 }, { "POLL", 29 },
};

static const int rtmins[] = { 34, 35 };

/* signame_to_num must give want for s; fails with the input named. */
static void
expect_sig(const char *s, int rtmin, int want)
{
	int sig = -12345;

	if (signame_to_num(s, rtmin, RTMAX, &sig) != 0)
		fail_msg("'%s' (rtmin %d) rejected, want %d", s, rtmin, want);
	if (sig != want)
		fail_msg("'%s' (rtmin %d) gave %d, want %d", s, rtmin, sig,
		    want);
}

static void
expect_bad(const char *s, int rtmin)
{
	int sig = -12345;

	if (signame_to_num(s, rtmin, RTMAX, &sig) != -1)
		fail_msg("'%s' (rtmin %d) accepted as %d", s, rtmin, sig);
	if (sig != -12345)
		fail_msg("'%s' (rtmin %d) wrote %d on failure", s, rtmin, sig);
}

static void
lower(char *dst, const char *src)
{
	for (; *src != '\0'; src++, dst++)
		*dst = (*src >= 'A' && *src <= 'Z') ? *src - 'A' + 'a' : *src;
	*dst = '\0';
}

/* Alternating case: "tErM". */
static void
mixed(char *dst, const char *src)
{
	int i;

	for (i = 0; src[i] != '\0'; i++)
		dst[i] = (i % 2 == 0 && src[i] >= 'A' && src[i] <= 'Z') ?
		    src[i] - 'A' + 'a' : src[i];
	dst[i] = '\0';
}

static void
test_libc_agrees(void **state)
{
	/* The written-out table is the platform's (glibc on x86-64). */
	(void)state;
	assert_int_equal(SIGTERM, 15);
	assert_int_equal(SIGSTKFLT, 16);
	assert_int_equal(SIGCHLD, 17);
	assert_int_equal(SIGIO, 29);
	assert_int_equal(SIGPWR, 30);
	assert_int_equal(SIGSYS, 31);
	assert_int_equal(SIGRTMAX, 64);
}

static void
test_every_name_every_form(void **state)
{
	char b[48], l[16];
	size_t i, r;

	(void)state;
	for (r = 0; r < 2; r++)
		for (i = 0; i < NNAMES; i++) {
			const char *n = linux_names[i].name;
			int want = linux_names[i].num;

			expect_sig(n, rtmins[r], want);
			lower(l, n);
			expect_sig(l, rtmins[r], want);
			mixed(b, n);
			expect_sig(b, rtmins[r], want);
			snprintf(b, sizeof(b), "SIG%s", n);
			expect_sig(b, rtmins[r], want);
			snprintf(b, sizeof(b), "sig%s", l);
			expect_sig(b, rtmins[r], want);
			snprintf(b, sizeof(b), "Sig%s", n);
			expect_sig(b, rtmins[r], want);
			snprintf(b, sizeof(b), "sIG%s", l);
			expect_sig(b, rtmins[r], want);
		}
}

static void
test_aliases(void **state)
{
	char b[48], l[16];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		expect_sig(aliases[i].name, 34, aliases[i].num);
		lower(l, aliases[i].name);
		expect_sig(l, 35, aliases[i].num);
		snprintf(b, sizeof(b), "SIG%s", aliases[i].name);
		expect_sig(b, 34, aliases[i].num);
		snprintf(b, sizeof(b), "sig%s", l);
		expect_sig(b, 35, aliases[i].num);
	}
}

static void
test_numbers(void **state)
{
	char b[32];
	int n;
	size_t r;

	(void)state;
	for (r = 0; r < 2; r++)
		for (n = 1; n <= RTMAX; n++) {
			snprintf(b, sizeof(b), "%d", n);
			expect_sig(b, rtmins[r], n);
		}
	/* Leading zeros are still the number (kill(1) accepts them). */
	expect_sig("015", 34, 15);
	expect_sig("064", 34, 64);
}

static void
test_numbers_rejected(void **state)
{
	size_t r;

	(void)state;
	for (r = 0; r < 2; r++) {
		expect_bad("0", rtmins[r]);
		expect_bad("00", rtmins[r]);
		expect_bad("65", rtmins[r]);
		expect_bad("100", rtmins[r]);
		expect_bad("999999999999", rtmins[r]);
		expect_bad("99999999999999999999999999", rtmins[r]);
		expect_bad("+15", rtmins[r]);
		expect_bad("-15", rtmins[r]);
		expect_bad("0x0f", rtmins[r]);
		expect_bad("15 ", rtmins[r]);
		expect_bad(" 15", rtmins[r]);
		expect_bad("1.5", rtmins[r]);
		expect_bad("15x", rtmins[r]);
	}
}

static void
test_rtmax_bounds_numbers(void **state)
{
	int sig = 0;

	/* The upper bound is the rtmax passed in, not a constant. */
	(void)state;
	assert_int_equal(signame_to_num("60", 34, 60, &sig), 0);
	assert_int_equal(sig, 60);
	assert_int_equal(signame_to_num("61", 34, 60, &sig), -1);
}

static void
test_names_rejected(void **state)
{
	static const char *const bad[] = {
		"", "SIG", "sig", "SIGSIGTERM", " TERM", "TERM ", "TERM\n",
		"TER", "TERMX", "SIGTERMS", "SI GTERM", "SIG TERM", "NOSUCH",
		"SIGNOSUCH", "SIG15", "sig15", "SIG_TERM", "SIG-TERM",
		"SIGKILL9", "I", "IOX", "CL", "POL", "STKFL",
		"RT", "RTMI", "RTMA", "RTMIN-1", "RTMAX+1", "RTMIN+", "RTMAX-",
		"RTMIN++1", "RTMIN+-1", "RTMIN+ 1", "RTMIN+1 ", "RTMIN+x",
		"RTMIN+0x1", "RTMIN1", "RTMAX1", "RTMIN 1", "SIGRTMIN+",
		"RTMIN+1+1", "RTMAX-1-1", "RTMIN+99999999999999999999",
		"T\xc3\xa9RM", "\xff",
	};
	size_t i, r;

	(void)state;
	for (r = 0; r < 2; r++)
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			expect_bad(bad[i], rtmins[r]);
	assert_int_equal(signame_to_num(NULL, 34, RTMAX, &(int){ 0 }), -1);
}

static void
test_rt_names_rtmin34(void **state)
{
	char b[32];
	int n;

	(void)state;
	expect_sig("RTMIN", 34, 34);
	expect_sig("rtmin", 34, 34);
	expect_sig("SIGRTMIN", 34, 34);
	expect_sig("sigrtmin", 34, 34);
	expect_sig("RTMAX", 34, 64);
	expect_sig("SIGRTMAX", 34, 64);
	expect_sig("rtmax", 34, 64);
	for (n = 0; n <= 30; n++) {
		snprintf(b, sizeof(b), "RTMIN+%d", n);
		expect_sig(b, 34, 34 + n);
		snprintf(b, sizeof(b), "sigrtmin+%d", n);
		expect_sig(b, 34, 34 + n);
		snprintf(b, sizeof(b), "RTMAX-%d", n);
		expect_sig(b, 34, 64 - n);
		snprintf(b, sizeof(b), "SigRtMax-%d", n);
		expect_sig(b, 34, 64 - n);
	}
	expect_sig("RTMIN+30", 34, 64);
	expect_sig("RTMIN+3", 34, 37);
	expect_sig("RTMAX-30", 34, 34);
	expect_bad("RTMIN+31", 34);
	expect_bad("RTMAX-31", 34);
	expect_bad("RTMIN+100", 34);
}

static void
test_rt_names_rtmin35(void **state)
{
	char b[32];
	int n;

	(void)state;
	expect_sig("RTMIN", 35, 35);
	expect_sig("SIGRTMIN", 35, 35);
	expect_sig("RTMAX", 35, 64);
	for (n = 0; n <= 29; n++) {
		snprintf(b, sizeof(b), "RTMIN+%d", n);
		expect_sig(b, 35, 35 + n);
		snprintf(b, sizeof(b), "RTMAX-%d", n);
		expect_sig(b, 35, 64 - n);
	}
	expect_sig("RTMIN+29", 35, 64);
	expect_sig("RTMIN+3", 35, 38);
	expect_sig("RTMAX-29", 35, 35);
	expect_bad("RTMIN+30", 35);
	expect_bad("RTMAX-30", 35);
}

/* For every signal, the text from_num writes parses back to it. */
static void
test_round_trip(void **state)
{
	char b[32];
	int sig, back;
	size_t r;

	(void)state;
	for (r = 0; r < 2; r++)
		for (sig = 1; sig <= RTMAX; sig++) {
			const char *s = b;

			memset(b, 0, sizeof(b));
			signame_from_num(sig, rtmins[r], RTMAX, b, sizeof(b));
			/* "signal N" is a description, not a name: the
			 * number in it is what must parse back. */
			if (strncmp(b, "signal ", 7) == 0) {
				assert_true(sig < rtmins[r]);
				assert_true(sig >= 32);
				s = b + 7;
			}
			back = -1;
			if (signame_to_num(s, rtmins[r], RTMAX, &back) != 0)
				fail_msg("from_num(%d, rtmin %d) = '%s' does "
				    "not parse", sig, rtmins[r], b);
			if (back != sig)
				fail_msg("'%s' parses to %d, want %d", b, back,
				    sig);
		}
}

static void
test_from_num_exact(void **state)
{
	char b[32];

	(void)state;
#define FROM(sig, rtmin, want) do {					\
	memset(b, 'Z', sizeof(b));					\
	signame_from_num((sig), (rtmin), RTMAX, b, sizeof(b));		\
	assert_string_equal(b, (want));					\
} while (0)
	FROM(1, 34, "SIGHUP");
	FROM(6, 34, "SIGABRT");
	FROM(15, 35, "SIGTERM");
	FROM(16, 34, "SIGSTKFLT");
	FROM(17, 34, "SIGCHLD");
	FROM(29, 34, "SIGIO");
	FROM(31, 34, "SIGSYS");
	FROM(32, 34, "signal 32");
	FROM(33, 34, "signal 33");
	FROM(34, 34, "SIGRTMIN");
	FROM(35, 34, "SIGRTMIN+1");
	FROM(64, 34, "SIGRTMIN+30");
	FROM(32, 35, "signal 32");
	FROM(34, 35, "signal 34");
	FROM(35, 35, "SIGRTMIN");
	FROM(64, 35, "SIGRTMIN+29");
	FROM(0, 34, "signal 0");
	FROM(65, 34, "signal 65");
	FROM(-1, 34, "signal -1");
#undef FROM
}

static void
test_from_num_small_buffer(void **state)
{
	char b[16];

	/* The header promises 12 bytes suffice; "SIGRTMIN+30" is 11 + NUL. */
	(void)state;
	memset(b, 'Z', sizeof(b));
	signame_from_num(64, 34, RTMAX, b, 12);
	assert_string_equal(b, "SIGRTMIN+30");
	assert_int_equal(b[12], 'Z');
	memset(b, 'Z', sizeof(b));
	signame_from_num(26, 34, RTMAX, b, 12);
	assert_string_equal(b, "SIGVTALRM");
	/* Shorter than promised: truncated, terminated, nothing past len. */
	memset(b, 'Z', sizeof(b));
	signame_from_num(15, 34, RTMAX, b, 4);
	assert_string_equal(b, "SIG");
	assert_int_equal(b[4], 'Z');
}

static void
test_forwarded_exact_set(void **state)
{
	static const int not_fwd[] = { 9, 19, 17, 8, 4, 11, 7, 6, 5, 31 };
	int sig, want;
	size_t i;

	(void)state;
	assert_int_equal(policy_forwarded(SIGKILL), 0);
	assert_int_equal(policy_forwarded(SIGSTOP), 0);
	assert_int_equal(policy_forwarded(SIGCHLD), 0);
	assert_int_equal(policy_forwarded(SIGFPE), 0);
	assert_int_equal(policy_forwarded(SIGILL), 0);
	assert_int_equal(policy_forwarded(SIGSEGV), 0);
	assert_int_equal(policy_forwarded(SIGBUS), 0);
	assert_int_equal(policy_forwarded(SIGABRT), 0);
	assert_int_equal(policy_forwarded(SIGTRAP), 0);
	assert_int_equal(policy_forwarded(SIGSYS), 0);
	for (sig = -2; sig <= 70; sig++) {
		want = sig >= 1 && sig <= 64;
		for (i = 0; i < sizeof(not_fwd) / sizeof(not_fwd[0]); i++)
			if (sig == not_fwd[i])
				want = 0;
		if (policy_forwarded(sig) != want)
			fail_msg("policy_forwarded(%d) = %d, want %d", sig,
			    policy_forwarded(sig), want);
	}
	/* Named in SPEC.md as forwarded. */
	assert_int_equal(policy_forwarded(SIGTSTP), 1);
	assert_int_equal(policy_forwarded(SIGTTIN), 1);
	assert_int_equal(policy_forwarded(SIGTTOU), 1);
	assert_int_equal(policy_forwarded(SIGCONT), 1);
	assert_int_equal(policy_forwarded(32), 1);
	assert_int_equal(policy_forwarded(33), 1);
	assert_int_equal(policy_forwarded(34), 1);
	assert_int_equal(policy_forwarded(0), 0);
	assert_int_equal(policy_forwarded(65), 0);
	assert_int_equal(policy_forwarded(-15), 0);
	assert_int_equal(policy_forwarded(1000), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_libc_agrees),
		cmocka_unit_test(test_every_name_every_form),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_rejected),
		cmocka_unit_test(test_rtmax_bounds_numbers),
		cmocka_unit_test(test_names_rejected),
		cmocka_unit_test(test_rt_names_rtmin34),
		cmocka_unit_test(test_rt_names_rtmin35),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_from_num_exact),
		cmocka_unit_test(test_from_num_small_buffer),
		cmocka_unit_test(test_forwarded_exact_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
