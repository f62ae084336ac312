/* test_log: the exact line format, one write(2) per line to fd 2, the
 * level threshold, errno kept, truncation of long lines, and
 * log_write_all's handling of short writes, EINTR and errors.
 * Linked with -Wl,--wrap=write: write() lands in __wrap_write below. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>
#include <sys/types.h>

#include "log.h"

ssize_t	__wrap_write(int fd, const void *buf, size_t len);

/* What the fake write does: accept at most chunk bytes per call (0: all),
 * fail the first eintr calls with EINTR, then fail with fail_errno (0:
 * never) after fail_after successful calls. */
static struct {
	char data[4096];
	size_t len;
	int calls;
	int fd;
	size_t chunk;
	int eintr;
	int fail_errno;
	int fail_after;
	int returns_zero;
} w;

ssize_t
__wrap_write(int fd, const void *buf, size_t len)
{
	size_t n = len;

	w.calls++;
	w.fd = fd;
	if (w.eintr > 0) {
		w.eintr--;
		errno = EINTR;
		return -1;
	}
	if (w.fail_errno != 0 && w.fail_after-- <= 0) {
		errno = w.fail_errno;
		return -1;
	}
	if (w.returns_zero)
		return 0;
	if (w.chunk != 0 && n > w.chunk)
		n = w.chunk;
	if (w.len + n > sizeof(w.data))
		n = sizeof(w.data) - w.len;
	memcpy(w.data + w.len, buf, n);
	w.len += n;
	return (ssize_t)n;
}

static int
setup(void **state)
{
	(void)state;
	memset(&w, 0, sizeof(w));
	w.fd = -1;
	log_set_level(LVL_WARN);
	return 0;
}

/* The captured bytes as a string. */
static const char *
captured(void)
{
	static char s[sizeof(w.data) + 1];

	memcpy(s, w.data, w.len);
	s[w.len] = '\0';
	return s;
}

static void
test_line_format(void **state)
{
	(void)state;
	log_msg(LVL_WARN, "child %d: %s", 42, "gone");
	assert_int_equal(w.calls, 1);
	assert_int_equal(w.fd, 2);
	assert_string_equal(captured(), "init-lite: warning: child 42: gone\n");
}

static void
test_level_names(void **state)
{
	(void)state;
	log_set_level(LVL_DEBUG);
	log_msg(LVL_ERROR, "a");
	log_msg(LVL_WARN, "b");
	log_msg(LVL_INFO, "c");
	log_msg(LVL_DEBUG, "d");
	assert_int_equal(w.calls, 4);
	assert_string_equal(captured(), "init-lite: error: a\n"
	    "init-lite: warning: b\n" "init-lite: info: c\n"
	    "init-lite: debug: d\n");
}

static void
test_threshold(void **state)
{
	int t, l;

	(void)state;
	/* Default: errors and warnings. */
	assert_int_equal(log_enabled(LVL_ERROR), 1);
	assert_int_equal(log_enabled(LVL_WARN), 1);
	assert_int_equal(log_enabled(LVL_INFO), 0);
	assert_int_equal(log_enabled(LVL_DEBUG), 0);
	log_msg(LVL_INFO, "hidden");
	log_msg(LVL_DEBUG, "hidden");
	assert_int_equal(w.calls, 0);

	for (t = 0; t <= 3; t++) {
		log_set_level(t);
		for (l = 0; l <= 3; l++) {
			memset(&w, 0, sizeof(w));
			log_msg(l, "x");
			assert_int_equal(log_enabled(l), l <= t);
			assert_int_equal(w.calls, l <= t ? 1 : 0);
		}
	}
}

static void
test_quiet_keeps_errors(void **state)
{
	(void)state;
	log_set_level(0);
	log_msg(LVL_WARN, "w");
	assert_int_equal(w.calls, 0);
	log_msg(LVL_ERROR, "e");
	assert_string_equal(captured(), "init-lite: error: e\n");
}

static void
test_errno_kept(void **state)
{
	(void)state;
	errno = 1234;
	log_msg(LVL_ERROR, "x");
	assert_int_equal(errno, 1234);
	/* Also when the write fails, and when nothing is written. */
	w.fail_errno = EIO;
	errno = 4321;
	log_msg(LVL_ERROR, "x");
	assert_int_equal(errno, 4321);
	errno = 77;
	log_msg(LVL_DEBUG, "x");
	assert_int_equal(errno, 77);
}

static void
test_long_line_truncated(void **state)
{
	char big[2000];
	const char *s;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_msg(LVL_ERROR, "value %s end", big);
	assert_int_equal(w.calls, 1);
	s = captured();
	assert_true(w.len <= 512);
	assert_true(w.len > 400);
	assert_memory_equal(s, "init-lite: error: value xxx", 27);
	assert_int_equal(s[w.len - 1], '\n');
	/* Exactly one line. */
	assert_ptr_equal(strchr(s, '\n'), s + w.len - 1);
}

static void
test_line_retried_on_short_write(void **state)
{
	(void)state;
	w.chunk = 5;
	log_msg(LVL_ERROR, "abc");
	assert_string_equal(captured(), "init-lite: error: abc\n");
	assert_int_equal(w.calls, (int)((w.len + 4) / 5));
}

static void
test_write_all(void **state)
{
	(void)state;
	assert_int_equal(log_write_all(1, "hello\n", 6), 0);
	assert_int_equal(w.fd, 1);
	assert_string_equal(captured(), "hello\n");
	assert_int_equal(w.calls, 1);
	/* Nothing to write: no call at all. */
	memset(&w, 0, sizeof(w));
	assert_int_equal(log_write_all(1, "", 0), 0);
	assert_int_equal(w.calls, 0);
}

static void
test_write_all_short_writes(void **state)
{
	static const char text[] = "0123456789abcdefghij";

	(void)state;
	w.chunk = 3;
	assert_int_equal(log_write_all(1, text, 20), 0);
	assert_int_equal(w.calls, 7);
	assert_string_equal(captured(), text);
}

static void
test_write_all_eintr_retried(void **state)
{
	(void)state;
	w.eintr = 3;
	assert_int_equal(log_write_all(2, "xyz", 3), 0);
	assert_int_equal(w.calls, 4);
	assert_string_equal(captured(), "xyz");
}

static void
test_write_all_errors(void **state)
{
	(void)state;
	w.fail_errno = EPIPE;
	assert_int_equal(log_write_all(1, "abc", 3), -1);
	assert_int_equal(w.calls, 1);

	/* Fails after a partial write: still -1, no endless loop. */
	memset(&w, 0, sizeof(w));
	w.chunk = 2;
	w.fail_errno = EIO;
	w.fail_after = 1;
	assert_int_equal(log_write_all(1, "abcdef", 6), -1);
	assert_int_equal(w.calls, 2);
	assert_string_equal(captured(), "ab");

	/* write returning 0 would loop forever: it is an error. */
	memset(&w, 0, sizeof(w));
	w.returns_zero = 1;
	assert_int_equal(log_write_all(1, "abc", 3), -1);
	assert_int_equal(w.calls, 1);
}

static size_t
count_lines(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += s[i] == '\n';
	return n;
}

/* A denied call in a loop must not fill a disk: ten of the same error in
 * a row, the tenth saying the rest are dropped; another error starts a
 * new run. Warnings are never cut (-w reports every reaped pid). */
static void
test_repeated_error_cut(void **state)
{
	int i;

	(void)state;
	log_set_level(LVL_WARN);
	for (i = 0; i < 1000; i++)
		log_msg(LVL_ERROR, "denied: errno %d", i);
	assert_int_equal(count_lines(w.data, w.len), 10);
	assert_non_null(strstr(w.data, "errno 8\n"));
	assert_null(strstr(w.data, "errno 9\n"));
	assert_non_null(strstr(w.data, "not shown again"));
	log_msg(LVL_ERROR, "another: %d", 1);
	log_msg(LVL_ERROR, "denied: errno %d", 2000);
	assert_int_equal(count_lines(w.data, w.len), 12);
	for (i = 0; i < 50; i++)
		log_msg(LVL_WARN, "reaped pid %d", i);
	assert_int_equal(count_lines(w.data, w.len), 62);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_line_format, setup),
		cmocka_unit_test_setup(test_level_names, setup),
		cmocka_unit_test_setup(test_threshold, setup),
		cmocka_unit_test_setup(test_quiet_keeps_errors, setup),
		cmocka_unit_test_setup(test_errno_kept, setup),
		cmocka_unit_test_setup(test_long_line_truncated, setup),
		cmocka_unit_test_setup(test_line_retried_on_short_write, setup),
		cmocka_unit_test_setup(test_write_all, setup),
		cmocka_unit_test_setup(test_write_all_short_writes, setup),
		cmocka_unit_test_setup(test_write_all_eintr_retried, setup),
		cmocka_unit_test_setup(test_write_all_errors, setup),
		cmocka_unit_test_setup(test_repeated_error_cut, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
