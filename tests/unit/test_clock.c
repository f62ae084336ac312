/* test_clock: the monotonic clock, and the estimate that stands in for it
 * when clock_gettime is denied: it only moves forward, by whole timeouts
 * and by a little for each early wake-up, so every grace still ends.
 * Linked with -Wl,--wrap=syscall; log_msg is the recorder below. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>

#include "clock.h"
#include "log.h"

long	__wrap_syscall(long n, ...);

static struct {
	int calls;
	int fail_errno;		/* 0: the clock reads 100.5 s */
} sc;

static int warnings;

long
__wrap_syscall(long n, ...)
{
	struct timespec *ts;
	va_list ap;

	assert_int_equal(n, SYS_clock_gettime);
	sc.calls++;
	if (sc.fail_errno != 0) {
		errno = sc.fail_errno;
		return -1;
	}
	va_start(ap, n);
	(void)va_arg(ap, long);
	ts = va_arg(ap, struct timespec *);
	va_end(ap);
	ts->tv_sec = 100;
	ts->tv_nsec = 500000000L;
	return 0;
}

void
log_msg(int level, const char *fmt, ...)
{
	(void)fmt;
	if (level == LVL_WARN)
		warnings++;
}

static int
setup(void **state)
{
	(void)state;
	memset(&sc, 0, sizeof(sc));
	warnings = 0;
	return 0;
}

static void
test_reads_the_clock(void **state)
{
	struct clock c = { 0, { 0, 0 } };
	struct timespec now;

	(void)state;
	clock_now(&c, &now);
	assert_int_equal(now.tv_sec, 100);
	assert_int_equal(now.tv_nsec, 500000000L);
	assert_int_equal(c.broken, 0);
	assert_int_equal(warnings, 0);
}

static void
test_denied_warns_once_then_estimates(void **state)
{
	struct clock c = { 0, { 0, 0 } };
	struct timespec now, slept = { 1, 250000000L };

	(void)state;
	sc.fail_errno = EPERM;
	clock_now(&c, &now);
	assert_int_equal(c.broken, 1);
	assert_int_equal(now.tv_sec, 0);
	assert_int_equal(now.tv_nsec, 0);
	clock_waited(&c, &slept, 1);
	clock_now(&c, &now);
	/* The whole timeout, and a millisecond for the rounding down. */
	assert_int_equal(now.tv_sec, 1);
	assert_int_equal(now.tv_nsec, 251000000L);
	assert_int_equal(warnings, 1);
	/* Once broken, the clock is not asked again. */
	assert_int_equal(sc.calls, 1);
}

static void
test_early_wakes_still_advance(void **state)
{
	struct clock c = { 1, { 0, 0 } };
	struct timespec now, slept = { 5, 0 };
	int i;

	(void)state;
	for (i = 0; i < 5000; i++)
		clock_waited(&c, &slept, 0);
	clock_now(&c, &now);
	/* 5,000 signals in a row use up a 5 s grace: it cannot last for
	 * ever under a stream of signals. */
	assert_int_equal(now.tv_sec, 5);
	assert_int_equal(now.tv_nsec, 0);
	clock_waited(&c, NULL, 1);
	clock_now(&c, &now);
	assert_int_equal(now.tv_nsec, 1000000L);
}

static void
test_working_clock_ignores_waits(void **state)
{
	struct clock c = { 0, { 0, 0 } };
	struct timespec slept = { 3, 0 };

	(void)state;
	clock_waited(&c, &slept, 1);
	assert_int_equal(c.guess.tv_sec, 0);
	assert_int_equal(c.guess.tv_nsec, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_reads_the_clock, setup),
		cmocka_unit_test_setup(test_denied_warns_once_then_estimates,
		    setup),
		cmocka_unit_test_setup(test_early_wakes_still_advance, setup),
		cmocka_unit_test_setup(test_working_clock_ignores_waits, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
