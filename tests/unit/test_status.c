/* test_status: wait statuses built by hand (the kernel's encoding) and with
 * the libc macros, mapped to what init-lite exits with. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/wait.h>

#include "status.h"

/* The kernel's encoding (wait(2), include/uapi/linux/wait.h history). */
#define EXITED(n)	(((n) & 0xff) << 8)
#define SIGNALED(s)	((s) & 0x7f)
#define CORE(s)		(SIGNALED(s) | 0x80)
#define STOPPED(s)	((((s) & 0xff) << 8) | 0x7f)
#define CONTINUED	0xffff

static void
test_exited(void **state)
{
	int n;

	(void)state;
	for (n = 0; n <= 255; n++) {
		assert_int_equal(status_from_wait(EXITED(n)), n);
		assert_int_equal(status_from_wait(W_EXITCODE(n, 0)), n);
	}
}

static void
test_signaled(void **state)
{
	int s;

	(void)state;
	for (s = 1; s <= 64; s++) {
		assert_int_equal(status_from_wait(SIGNALED(s)),
		    (128 + s) & 0xff);
		assert_int_equal(status_from_wait(W_EXITCODE(0, s)),
		    (128 + s) & 0xff);
		/* A core dump does not change the status. */
		assert_int_equal(status_from_wait(CORE(s)), (128 + s) & 0xff);
	}
	assert_int_equal(status_from_wait(SIGNALED(9)), 137);
	assert_int_equal(status_from_wait(SIGNALED(15)), 143);
	assert_int_equal(status_from_wait(CORE(11)), 139);
	assert_int_equal(status_from_wait(SIGNALED(64)), 192);
	assert_int_equal(status_from_wait(SIGNALED(34)), 162);
	/* 128 + 127 would be 255; 127 itself means "stopped", see below. */
	assert_int_equal(status_from_wait(SIGNALED(126)), 254);
}

static void
test_stopped_and_continued(void **state)
{
	int s;

	(void)state;
	for (s = 1; s <= 64; s++) {
		assert_int_equal(status_from_wait(STOPPED(s)), -1);
		assert_int_equal(status_from_wait(W_STOPCODE(s)), -1);
	}
	assert_int_equal(status_from_wait(CONTINUED), -1);
	/* PTRACE_EVENT stops put the event above the signal. */
	assert_int_equal(status_from_wait((SIGTRAP | (1 << 8)) << 8 | 0x7f),
	    -1);
}

static void
test_never_out_of_range(void **state)
{
	int w, r;

	(void)state;
	for (w = 0; w <= 0xffff; w++) {
		r = status_from_wait(w);
		if (r < -1 || r > 255)
			fail_msg("status_from_wait(%#x) = %d", w, r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exited),
		cmocka_unit_test(test_signaled),
		cmocka_unit_test(test_stopped_and_continued),
		cmocka_unit_test(test_never_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
