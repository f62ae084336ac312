/* test_errtext: the reasons printed for 126/127 and setup failures, and
 * "error N" for the rest, truncated safely in a small buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "errtext.h"

/* What execve(2) can fail with when init-lite runs PROGRAM: the 126/127
 * message must give the reason in words. */
static const int exec_errors[] = {
	ENOENT, EACCES, ENOEXEC, ENOTDIR, EISDIR, ELOOP, ENAMETOOLONG, E2BIG,
	ETXTBSY, ENOMEM, EPERM,
};

static void
test_exec_reasons_exact(void **state)
{
	char b[32];

	/* The words of both glibc's and musl's strerror for these. */
	(void)state;
	assert_string_equal(errtext(ENOENT, b, sizeof(b)),
	    "No such file or directory");
	assert_string_equal(errtext(EACCES, b, sizeof(b)),
	    "Permission denied");
	assert_string_equal(errtext(ENOEXEC, b, sizeof(b)),
	    "Exec format error");
	assert_string_equal(errtext(ENOTDIR, b, sizeof(b)), "Not a directory");
	assert_string_equal(errtext(EISDIR, b, sizeof(b)), "Is a directory");
	assert_string_equal(errtext(E2BIG, b, sizeof(b)),
	    "Argument list too long");
	assert_string_equal(errtext(ETXTBSY, b, sizeof(b)), "Text file busy");
	assert_string_equal(errtext(EPERM, b, sizeof(b)),
	    "Operation not permitted");
	/* --user: a file over the buffer, an id the namespace cannot map. */
	assert_string_equal(errtext(EFBIG, b, sizeof(b)), "File too large");
	assert_string_equal(errtext(EINVAL, b, sizeof(b)), "Invalid argument");
}

static void
test_exec_errors_have_words(void **state)
{
	char b[32];
	const char *t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(exec_errors) / sizeof(exec_errors[0]); i++) {
		memset(b, 'Z', sizeof(b));
		t = errtext(exec_errors[i], b, sizeof(b));
		assert_non_null(t);
		/* A static text, not the buffer; the buffer untouched. */
		if (t == b)
			fail_msg("errno %d has no text: '%s'", exec_errors[i],
			    b);
		assert_int_equal(b[0], 'Z');
		assert_true(strlen(t) > 3);
	}
}

/* Every errno either has a static text or gets "error N" in buf. */
static void
test_every_errno(void **state)
{
	char b[32], want[32];
	const char *t;
	int e;

	(void)state;
	for (e = -300; e <= 300; e++) {
		memset(b, 'Z', sizeof(b));
		t = errtext(e, b, sizeof(b));
		assert_non_null(t);
		if (t != b) {
			assert_int_equal(b[0], 'Z');
			assert_true(strlen(t) > 3);
			assert_true(strncmp(t, "error ", 6) != 0);
			continue;
		}
		snprintf(want, sizeof(want), "error %d", e);
		assert_string_equal(t, want);
	}
}

static void
test_unknown_gives_number(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(errtext(0, b, sizeof(b)), "error 0");
	assert_string_equal(errtext(-1, b, sizeof(b)), "error -1");
	assert_string_equal(errtext(300, b, sizeof(b)), "error 300");
	assert_string_equal(errtext(EDOM, b, sizeof(b)), "error 33");
	assert_ptr_equal(errtext(EDOM, b, sizeof(b)), b);
	assert_string_equal(errtext(2147483647, b, sizeof(b)),
	    "error 2147483647");
	assert_string_equal(errtext(-2147483647 - 1, b, sizeof(b)),
	    "error -2147483648");
	/* The header's promise: 24 bytes hold any "error N". */
	assert_true(strlen("error -2147483648") < 24);
}

static void
test_unknown_small_buffer(void **state)
{
	char b[16];

	(void)state;
	memset(b, 'Z', sizeof(b));
	assert_string_equal(errtext(12345, b, 8), "error 1");
	assert_int_equal(b[8], 'Z');
	memset(b, 'Z', sizeof(b));
	assert_string_equal(errtext(12345, b, 1), "");
	assert_int_equal(b[1], 'Z');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exec_reasons_exact),
		cmocka_unit_test(test_exec_errors_have_words),
		cmocka_unit_test(test_every_errno),
		cmocka_unit_test(test_unknown_gives_number),
		cmocka_unit_test(test_unknown_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
