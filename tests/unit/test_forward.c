/* test_forward: which kill() a received signal turns into: the rewrite
 * table applied, the child or (with -g) its process group, ":0" sends
 * nothing, ESRCH is silent, other errors are one warning; at shutdown the
 * same table, then the leftovers (grace_signal) and never the child;
 * with -a, the child's signals go to grace's set too.
 * Linked with -Wl,--wrap=kill; log_msg and grace_signal are the recorders
 * below. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "forward.h"
#include "log.h"
#include "policy.h"

int	__wrap_kill(pid_t pid, int sig);

static struct {
	int calls;
	pid_t pid;
	int sig;
	int fail_errno;		/* 0: succeed */
} k;

static struct {
	int count[4];
	char last[256];
} logged;

int
__wrap_kill(pid_t pid, int sig)
{
	k.calls++;
	k.pid = pid;
	k.sig = sig;
	if (k.fail_errno != 0) {
		errno = k.fail_errno;
		return -1;
	}
	return 0;
}

static struct {
	int calls;
	int sig;
	const struct grace *g;
	int none_hit;		/* return 0: nobody signalled */
} leftovers;

/* Stand-in for grace.c: record instead of walking /proc. */
int
grace_signal(const struct grace *g, int sig)
{
	leftovers.calls++;
	leftovers.sig = sig;
	leftovers.g = g;
	return leftovers.none_hit ? 0 : 1;
}

/* Stand-ins for log.c: record instead of writing. */
void
log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	assert_in_range(level, LVL_ERROR, LVL_DEBUG);
	logged.count[level]++;
	va_start(ap, fmt);
	vsnprintf(logged.last, sizeof(logged.last), fmt, ap);
	va_end(ap);
}

int
log_enabled(int level)
{
	(void)level;
	return 1;
}

static struct rewrite rw;
static struct forward f;

static int
setup(void **state)
{
	(void)state;
	memset(&k, 0, sizeof(k));
	memset(&logged, 0, sizeof(logged));
	memset(&leftovers, 0, sizeof(leftovers));
	rewrite_init(&rw);
	memset(&f, 0, sizeof(f));
	f.child = 4242;
	f.rewrite = &rw;
	return 0;
}

static void
test_to_child(void **state)
{
	(void)state;
	forward_signal(&f, SIGTERM, FORWARD_CHILD);
	assert_int_equal(k.calls, 1);
	assert_int_equal(k.pid, 4242);
	assert_int_equal(k.sig, SIGTERM);
	assert_int_equal(logged.count[LVL_WARN], 0);
	assert_int_equal(logged.count[LVL_ERROR], 0);
}

static void
test_to_group(void **state)
{
	(void)state;
	f.pgroup = 1;
	forward_signal(&f, SIGINT, FORWARD_CHILD);
	assert_int_equal(k.calls, 1);
	assert_int_equal(k.pid, -4242);
	assert_int_equal(k.sig, SIGINT);
}

static void
test_every_signal_unchanged(void **state)
{
	int sig;

	(void)state;
	for (sig = 1; sig <= 64; sig++) {
		if (!policy_forwarded(sig))
			continue;
		k.calls = 0;
		forward_signal(&f, sig, FORWARD_CHILD);
		assert_int_equal(k.calls, 1);
		assert_int_equal(k.pid, 4242);
		assert_int_equal(k.sig, sig);
	}
}

static void
test_rewritten(void **state)
{
	(void)state;
	assert_int_equal(rewrite_parse_list(&rw, "TERM:QUIT,RTMIN+1:USR1", 34,
	    64), 0);
	f.pgroup = 1;
	forward_signal(&f, SIGTERM, FORWARD_CHILD);
	assert_int_equal(k.pid, -4242);
	assert_int_equal(k.sig, SIGQUIT);
	forward_signal(&f, 35, FORWARD_CHILD);
	assert_int_equal(k.sig, SIGUSR1);
	/* Unlisted signals pass unchanged. */
	forward_signal(&f, SIGHUP, FORWARD_CHILD);
	assert_int_equal(k.sig, SIGHUP);
	assert_int_equal(k.calls, 3);
}

static void
test_dropped(void **state)
{
	(void)state;
	assert_int_equal(rewrite_parse(&rw, "HUP:0", 34, 64), 0);
	forward_signal(&f, SIGHUP, FORWARD_CHILD);
	assert_int_equal(k.calls, 0);
	f.pgroup = 1;
	forward_signal(&f, SIGHUP, FORWARD_CHILD);
	assert_int_equal(k.calls, 0);
	/* kill(pid, 0) must never be what a drop turns into. */
	forward_signal(&f, SIGUSR2, FORWARD_CHILD);
	assert_int_equal(k.calls, 1);
	assert_int_equal(k.sig, SIGUSR2);
}

static void
test_esrch_is_silent(void **state)
{
	(void)state;
	k.fail_errno = ESRCH;
	forward_signal(&f, SIGTERM, FORWARD_CHILD);
	assert_int_equal(k.calls, 1);
	assert_int_equal(logged.count[LVL_WARN], 0);
	assert_int_equal(logged.count[LVL_ERROR], 0);
}

static void
test_other_error_warns(void **state)
{
	(void)state;
	k.fail_errno = EPERM;
	forward_signal(&f, SIGTERM, FORWARD_CHILD);
	assert_int_equal(k.calls, 1);
	assert_int_equal(logged.count[LVL_WARN], 1);
	assert_int_equal(logged.count[LVL_ERROR], 0);
	/* The warning names the signal and the target. */
	assert_non_null(strstr(logged.last, "4242"));
	assert_non_null(strstr(logged.last, "15"));
}

/* The rewrite table applies to the leftovers too: one place for it. */
static void
test_leftovers_rewritten(void **state)
{
	(void)state;
	assert_int_equal(rewrite_parse_list(&rw, "HUP:USR1,USR2:0", 34, 64),
	    0);
	forward_signal(&f, SIGHUP, FORWARD_LEFTOVERS);
	assert_int_equal(leftovers.calls, 1);
	assert_int_equal(leftovers.sig, SIGUSR1);
	forward_signal(&f, SIGUSR2, FORWARD_LEFTOVERS);
	assert_int_equal(leftovers.calls, 1);
	forward_signal(&f, SIGWINCH, FORWARD_LEFTOVERS);
	assert_int_equal(leftovers.calls, 2);
	assert_int_equal(leftovers.sig, SIGWINCH);
	/* The child, reaped by now, is never the target. */
	assert_int_equal(k.calls, 0);
}

/* -a: the rewritten signal goes to grace's set (kill(-1) as PID 1, the
 * descendants otherwise), and not also to the child: it is among them.
 * It covers -g. */
static void
test_forward_all(void **state)
{
	struct grace g = { 0, 77, 4242 };

	(void)state;
	assert_int_equal(rewrite_parse_list(&rw, "TERM:QUIT,HUP:0", 34, 64),
	    0);
	f.grace = &g;
	f.all = 1;
	forward_signal(&f, SIGUSR1, FORWARD_CHILD);
	assert_int_equal(leftovers.calls, 1);
	assert_ptr_equal(leftovers.g, &g);
	assert_int_equal(leftovers.sig, SIGUSR1);
	forward_signal(&f, SIGTERM, FORWARD_CHILD);
	assert_int_equal(leftovers.sig, SIGQUIT);
	forward_signal(&f, SIGHUP, FORWARD_CHILD);
	assert_int_equal(leftovers.calls, 2);
	f.pgroup = 1;
	forward_signal(&f, SIGWINCH, FORWARD_CHILD);
	assert_int_equal(leftovers.calls, 3);
	assert_int_equal(k.calls, 0);
}

/* Nobody hit (no /proc, or the child a zombie): the child, or its group
 * with -g, still gets the signal. At shutdown the child is reaped: never
 * a kill() then. */
static void
test_forward_all_none_hit(void **state)
{
	(void)state;
	f.all = 1;
	leftovers.none_hit = 1;
	forward_signal(&f, SIGHUP, FORWARD_CHILD);
	assert_int_equal(leftovers.calls, 1);
	assert_int_equal(k.calls, 1);
	assert_int_equal(k.pid, 4242);
	assert_int_equal(k.sig, SIGHUP);
	f.pgroup = 1;
	k.fail_errno = ESRCH;
	forward_signal(&f, SIGUSR2, FORWARD_CHILD);
	assert_int_equal(k.calls, 2);
	assert_int_equal(k.pid, -4242);
	assert_int_equal(logged.count[LVL_WARN], 0);
	forward_signal(&f, SIGUSR2, FORWARD_LEFTOVERS);
	assert_int_equal(leftovers.calls, 3);
	assert_int_equal(k.calls, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_to_child, setup),
		cmocka_unit_test_setup(test_to_group, setup),
		cmocka_unit_test_setup(test_every_signal_unchanged, setup),
		cmocka_unit_test_setup(test_rewritten, setup),
		cmocka_unit_test_setup(test_dropped, setup),
		cmocka_unit_test_setup(test_esrch_is_silent, setup),
		cmocka_unit_test_setup(test_other_error_warns, setup),
		cmocka_unit_test_setup(test_leftovers_rewritten, setup),
		cmocka_unit_test_setup(test_forward_all, setup),
		cmocka_unit_test_setup(test_forward_all_none_hit, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
