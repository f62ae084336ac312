/* test_deadline: the grace-period arithmetic on hand-made clock readings:
 * carries across the second, exact expiry, and time already past. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <time.h>

#include "deadline.h"

#define NS	1000000000L

static struct timespec
ts(time_t s, long ns)
{
	struct timespec t;

	t.tv_sec = s;
	t.tv_nsec = ns;
	return t;
}

#define assert_ts(t, s, ns) do {					\
	struct timespec t_ = (t);					\
	assert_int_equal(t_.tv_sec, (s));				\
	assert_int_equal(t_.tv_nsec, (ns));				\
} while (0)

static void
test_after_simple(void **state)
{
	(void)state;
	assert_ts(deadline_after(ts(100, 0), 0), 100, 0);
	assert_ts(deadline_after(ts(100, 0), 5000), 105, 0);
	assert_ts(deadline_after(ts(100, 0), 500), 100, 500000000);
	assert_ts(deadline_after(ts(100, 0), 1), 100, 1000000);
	assert_ts(deadline_after(ts(100, 0), 999), 100, 999000000);
	assert_ts(deadline_after(ts(100, 0), 1001), 101, 1000000);
	assert_ts(deadline_after(ts(0, 123), 2), 0, 2000123);
}

static void
test_after_carry(void **state)
{
	(void)state;
	assert_ts(deadline_after(ts(7, 999999999), 1), 8, 999999);
	assert_ts(deadline_after(ts(7, 500000000), 500), 8, 0);
	assert_ts(deadline_after(ts(7, 500000000), 499), 7, 999000000);
	assert_ts(deadline_after(ts(7, 999999999), 999), 8, 998999999);
	assert_ts(deadline_after(ts(7, 999999999), 1999), 9, 998999999);
	assert_ts(deadline_after(ts(7, 1), 999), 7, 999000001);
}

static void
test_after_always_normalised(void **state)
{
	long ns;
	unsigned long ms;

	(void)state;
	for (ns = 0; ns < NS; ns += 999983)
		for (ms = 0; ms < 3000; ms += 7) {
			struct timespec d = deadline_after(ts(50, ns), ms);
			long long want = 50LL * NS + ns + (long long)ms *
			    1000000;

			assert_true(d.tv_nsec >= 0 && d.tv_nsec < NS);
			assert_true((long long)d.tv_sec * NS + d.tv_nsec ==
			    want);
		}
}

static void
test_after_maximum(void **state)
{
	/* The longest grace (2^31 - 1 ms, 24.8 days) from a large uptime. */
	(void)state;
	assert_ts(deadline_after(ts(100000000, 999999999), 2147483647UL),
	    100000000 + 2147483 + 1, 646999999);
}

static void
test_left_some(void **state)
{
	struct timespec left = ts(-7, -7);

	(void)state;
	assert_int_equal(deadline_left(ts(100, 0), ts(105, 0), &left), 0);
	assert_ts(left, 5, 0);
	assert_int_equal(deadline_left(ts(100, 0), ts(100, 1), &left), 0);
	assert_ts(left, 0, 1);
	assert_int_equal(deadline_left(ts(100, 999999999), ts(101, 0), &left),
	    0);
	assert_ts(left, 0, 1);
	assert_int_equal(deadline_left(ts(100, 700000000), ts(102, 200000000),
	    &left), 0);
	assert_ts(left, 1, 500000000);
	assert_int_equal(deadline_left(ts(100, 200000000), ts(102, 700000000),
	    &left), 0);
	assert_ts(left, 2, 500000000);
}

static void
test_left_exactly_now(void **state)
{
	struct timespec left = ts(9, 9);

	(void)state;
	assert_int_equal(deadline_left(ts(100, 5), ts(100, 5), &left), -1);
	assert_ts(left, 0, 0);
	left = ts(9, 9);
	assert_int_equal(deadline_left(ts(0, 0), ts(0, 0), &left), -1);
	assert_ts(left, 0, 0);
}

static void
test_left_passed(void **state)
{
	struct timespec left;

	(void)state;
	left = ts(9, 9);
	assert_int_equal(deadline_left(ts(100, 1), ts(100, 0), &left), -1);
	assert_ts(left, 0, 0);
	left = ts(9, 9);
	assert_int_equal(deadline_left(ts(101, 0), ts(100, 999999999), &left),
	    -1);
	assert_ts(left, 0, 0);
	left = ts(9, 9);
	assert_int_equal(deadline_left(ts(200, 0), ts(100, 0), &left), -1);
	assert_ts(left, 0, 0);
	left = ts(9, 9);
	assert_int_equal(deadline_left(ts(100, 500000000), ts(99, 700000000),
	    &left), -1);
	assert_ts(left, 0, 0);
}

/* after() then left() from the same instant gives back the whole period,
 * and from later instants what remains, never more. */
static void
test_round_trip(void **state)
{
	struct timespec now, d, left;
	unsigned long ms, step;
	long ns;

	(void)state;
	for (ns = 0; ns < NS; ns += 99999989)
		for (ms = 1; ms < 5000; ms += 13) {
			now = ts(1000, ns);
			d = deadline_after(now, ms);
			assert_int_equal(deadline_left(now, d, &left), 0);
			assert_int_equal(left.tv_sec, (time_t)(ms / 1000));
			assert_int_equal(left.tv_nsec,
			    (long)(ms % 1000) * 1000000L);
			/* Half-way. */
			step = ms / 2;
			now = deadline_after(ts(1000, ns), step);
			assert_int_equal(deadline_left(now, d, &left), 0);
			assert_int_equal((long long)left.tv_sec * 1000 +
			    left.tv_nsec / 1000000, (long long)(ms - step));
			/* At and past the deadline. */
			assert_int_equal(deadline_left(d, d, &left), -1);
			now = deadline_after(d, 1);
			assert_int_equal(deadline_left(now, d, &left), -1);
			assert_ts(left, 0, 0);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_after_simple),
		cmocka_unit_test(test_after_carry),
		cmocka_unit_test(test_after_always_normalised),
		cmocka_unit_test(test_after_maximum),
		cmocka_unit_test(test_left_some),
		cmocka_unit_test(test_left_exactly_now),
		cmocka_unit_test(test_left_passed),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
