/* test_sigmask: the kernel's mask (every signal 1..64 here, 32-34
 * included), the set init-lite waits on, and the raw system calls on this
 * very process: a signal glibc hides (32, 33) blocked, sent and waited for,
 * a timeout kept to the nanosecond. The host is 64-bit: one word. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "signame.h"
#include "sigmask.h"
#include "policy.h"
#include "sigdisp.h"
#include "sys.h"

_Static_assert(sizeof(struct sys_sigset) == 8 && SYS_LONG_BITS == 64,
    "the unit tests read the mask as one 64-bit word");
#define BITS(m)	((m).k.w[0])

static void
test_add_has(void **state)
{
	struct sigmask m = { 0 };
	int sig;

	(void)state;
	for (sig = 1; sig <= 64; sig++) {
		assert_int_equal(sigmask_has(&m, sig), 0);
		sigmask_add(&m, sig);
		assert_int_equal(sigmask_has(&m, sig), 1);
		assert_true(BITS(m) == (sig == 64 ? UINT64_MAX :
		    ((uint64_t)1 << sig) - 1));
	}
}

static void
test_bits_layout(void **state)
{
	struct sigmask m = { 0 };

	/* Bit sig-1, as the kernel's sigset_t on 64-bit. */
	(void)state;
	sigmask_add(&m, 1);
	assert_true(BITS(m) == 1);
	BITS(m) = 0;
	sigmask_add(&m, 34);
	assert_true(BITS(m) == (uint64_t)1 << 33);
	BITS(m) = 0;
	sigmask_add(&m, 64);
	assert_true(BITS(m) == (uint64_t)1 << 63);
}

static void
test_out_of_range_ignored(void **state)
{
	struct sigmask m = { 0 };

	(void)state;
	sigmask_add(&m, 0);
	sigmask_add(&m, -1);
	sigmask_add(&m, 65);
	sigmask_add(&m, 1000);
	assert_true(BITS(m) == 0);
	BITS(m) = UINT64_MAX;
	assert_int_equal(sigmask_has(&m, 0), 0);
	assert_int_equal(sigmask_has(&m, 65), 0);
	assert_int_equal(sigmask_has(&m, -64), 0);
}

static void
test_waited_set(void **state)
{
	struct sigmask m;
	int sig;

	(void)state;
	BITS(m) = UINT64_MAX;
	sigmask_waited(&m);
	for (sig = 1; sig <= 64; sig++) {
		int want = policy_forwarded(sig) || sig == SIGCHLD;

		if (sigmask_has(&m, sig) != want)
			fail_msg("waited set: signal %d is %d, want %d", sig,
			    sigmask_has(&m, sig), want);
	}
	/* The synchronous faults stay deliverable; 32-34 are waited on. */
	assert_int_equal(sigmask_has(&m, SIGSEGV), 0);
	assert_int_equal(sigmask_has(&m, SIGKILL), 0);
	assert_int_equal(sigmask_has(&m, SIGSTOP), 0);
	assert_int_equal(sigmask_has(&m, 32), 1);
	assert_int_equal(sigmask_has(&m, 33), 1);
	assert_int_equal(sigmask_has(&m, 34), 1);
	assert_int_equal(sigmask_has(&m, SIGCHLD), 1);
	assert_int_equal(sigmask_has(&m, SIGTSTP), 1);
	/* 64 - KILL STOP FPE ILL SEGV BUS ABRT TRAP SYS = 55 (CHLD is in). */
	assert_int_equal(__builtin_popcountl(BITS(m)), 55);
}

static void
test_set_and_wait_raw(void **state)
{
	static const int sigs[] = { SIGUSR1, 32, 33, 34, 64 };
	struct sigmask set = { 0 }, old, now;
	struct timespec zero = { 0, 0 };
	siginfo_t info;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigmask_add(&set, sigs[i]);
	assert_int_equal(sigmask_set(&set, &old), 0);
	/* The kernel holds all of them, 32 and 33 included. */
	assert_int_equal(sigmask_set(&set, &now), 0);
	assert_true(BITS(now) == BITS(set));

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		assert_int_equal(kill(getpid(), sigs[i]), 0);
		memset(&info, 0, sizeof(info));
		assert_int_equal(sigmask_wait(&set, &info, &zero), sigs[i]);
		assert_int_equal(info.si_signo, sigs[i]);
		assert_int_equal(info.si_pid, getpid());
	}
	/* Nothing left: a zero timeout comes back with EAGAIN. */
	errno = 0;
	assert_int_equal(sigmask_wait(&set, &info, &zero), -1);
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(sigmask_set(&old, NULL), 0);
}

static long
elapsed_ms(const struct timespec *a, const struct timespec *b)
{
	return (long)(b->tv_sec - a->tv_sec) * 1000 +
	    (b->tv_nsec - a->tv_nsec) / 1000000;
}

/* The timeout reaches the kernel whole: a 0.3 s wait with nothing to come
 * lasts at least 0.3 s (a timespec read with the wrong layout, as the old
 * 32-bit call would read a 64-bit one, loses the nanoseconds: no wait). */
static void
test_wait_timeout_kept(void **state)
{
	struct sigmask set = { 0 }, old;
	struct timespec t = { 0, 300000000L }, a, b;
	siginfo_t info;

	(void)state;
	sigmask_add(&set, SIGUSR2);
	assert_int_equal(sigmask_set(&set, &old), 0);
	assert_int_equal(sys_clock_monotonic(&a), 0);
	errno = 0;
	assert_int_equal(sigmask_wait(&set, &info, &t), -1);
	assert_int_equal(errno, EAGAIN);
	assert_int_equal(sys_clock_monotonic(&b), 0);
	assert_true(elapsed_ms(&a, &b) >= 300);
	assert_int_equal(sigmask_set(&old, NULL), 0);
}

static void
test_ignored_round_trip(void **state)
{
	int was;

	(void)state;
	was = sigdisp_is_ignored(SIGUSR2);
	assert_true(was == 0 || was == 1);
	assert_int_equal(sigdisp_set_ignored(SIGUSR2, 1), 0);
	assert_int_equal(sigdisp_is_ignored(SIGUSR2), 1);
	assert_int_equal(sigdisp_set_ignored(SIGUSR2, 0), 0);
	assert_int_equal(sigdisp_is_ignored(SIGUSR2), 0);
	/* 34 too, which glibc's sigaction would refuse. */
	assert_int_equal(sigdisp_set_ignored(34, 1), 0);
	assert_int_equal(sigdisp_is_ignored(34), 1);
	assert_int_equal(sigdisp_set_ignored(34, 0), 0);
	assert_int_equal(sigdisp_is_ignored(34), 0);
	/* KILL cannot be ignored: the kernel says EINVAL. */
	assert_int_equal(sigdisp_set_ignored(SIGKILL, 1), -1);
	assert_int_equal(sigdisp_set_ignored(SIGUSR2, was), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_has),
		cmocka_unit_test(test_bits_layout),
		cmocka_unit_test(test_wait_timeout_kept),
		cmocka_unit_test(test_out_of_range_ignored),
		cmocka_unit_test(test_waited_set),
		cmocka_unit_test(test_set_and_wait_raw),
		cmocka_unit_test(test_ignored_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
