/* test_fmt: the tiny formatter and fmt_parse_uint, against exact strings.
 * Every buffer is followed by canary bytes that must never change. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"

#define CANARY	0xA5
#define PAD	16

/* fmt_buf through a va_list, so that the fmt_vbuf entry is covered too. */
static size_t
via_v(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vbuf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

/* Formats into a large buffer and checks the exact result and return. */
#define CHECK_WITH(fn, want, ...) do {					\
	char b_[128];							\
	size_t n_;							\
	memset(b_, CANARY, sizeof(b_));					\
	n_ = fn(b_, sizeof(b_), __VA_ARGS__);				\
	assert_string_equal(b_, (want));				\
	assert_int_equal(n_, strlen(want));				\
	assert_int_equal((unsigned char)b_[strlen(want) + 1], CANARY);	\
} while (0)
#define CHECK_FMT(want, ...)	CHECK_WITH(fmt_buf, want, __VA_ARGS__)
/* Formats that are deliberately not printf's go through via_v, which has
 * no format attribute for the compiler to check them against. */
#define CHECK_RAW(want, ...)	CHECK_WITH(via_v, want, __VA_ARGS__)

static void
test_plain_text(void **state)
{
	(void)state;
	CHECK_RAW("", "");
	CHECK_FMT("hello, world", "hello, world");
}

static void
test_percent_s(void **state)
{
	/* volatile: keep the compiler from seeing (and refusing) the NULL. */
	const char *volatile null = NULL;

	(void)state;
	CHECK_FMT("a-xyz-b", "a-%s-b", "xyz");
	CHECK_FMT("[]", "[%s]", "");
	CHECK_FMT("one two", "%s %s", "one", "two");
	/* "(null)" rather than a crash: log lines must never abort PID 1. */
	CHECK_FMT("x(null)y", "x%sy", null);
}

static void
test_percent_d(void **state)
{
	(void)state;
	CHECK_FMT("0", "%d", 0);
	CHECK_FMT("7", "%d", 7);
	CHECK_FMT("-1", "%d", -1);
	CHECK_FMT("42 -42", "%d %d", 42, -42);
	CHECK_FMT("10", "%d", 10);
	CHECK_FMT("-10", "%d", -10);
	CHECK_FMT("2147483647", "%d", INT_MAX);
	CHECK_FMT("-2147483648", "%d", INT_MIN);
	CHECK_FMT("-2147483647", "%d", INT_MIN + 1);
}

static void
test_percent_d_matches_snprintf(void **state)
{
	char want[32], got[32];
	long v;

	(void)state;
	for (v = -100000; v <= 100000; v += 7) {
		snprintf(want, sizeof(want), "%d", (int)v);
		assert_int_equal(fmt_buf(got, sizeof(got), "%d", (int)v),
		    strlen(want));
		assert_string_equal(got, want);
	}
}

static void
test_percent_u(void **state)
{
	(void)state;
	CHECK_FMT("0", "%u", 0u);
	CHECK_FMT("123", "%u", 123u);
	CHECK_FMT("4294967295", "%u", UINT_MAX);
	CHECK_FMT("2147483648", "%u", 2147483648u);
}

static void
test_percent_c(void **state)
{
	(void)state;
	CHECK_FMT("x", "%c", 'x');
	CHECK_FMT("<A>", "<%c>", 'A');
	CHECK_FMT("-?", "-%c", '?');
}

static void
test_percent_percent(void **state)
{
	(void)state;
	CHECK_FMT("%", "%%");
	CHECK_FMT("100%", "100%%");
	CHECK_FMT("%d", "%%d");
	CHECK_FMT("%%", "%%%%");
}

static void
test_unknown_conversion_copied(void **state)
{
	(void)state;
	CHECK_RAW("a%xb", "a%xb");
	CHECK_RAW("%ld", "%ld");
	CHECK_RAW("%qok", "%q%s", "ok");
	CHECK_RAW("%5d", "%5d", 3);
}

static void
test_trailing_percent(void **state)
{
	(void)state;
	CHECK_RAW("%", "%");
	CHECK_RAW("abc%", "abc%");
	CHECK_RAW("z%", "%s%", "z");
}

static void
test_vbuf(void **state)
{
	char b[32];

	(void)state;
	assert_int_equal(via_v(b, sizeof(b), "%s=%d%c%u", "k", -5, '/', 9u),
	    6);
	assert_string_equal(b, "k=-5/9");
}

/* Truncation at every buffer length from 0 to past the full length: the
 * result is the prefix, the return value its length, nothing beyond len is
 * touched. fmt takes %s %d %u %c in that order. */
static void
check_truncation(const char *want, const char *fmt, const char *s, int d,
    unsigned u, int c)
{
	size_t full = strlen(want), len, i;
	char b[128 + PAD];

	assert_true(full + 4 < 128);
	for (len = 0; len <= full + 3; len++) {
		memset(b, CANARY, sizeof(b));
		/* The formats come from the test's own table. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		size_t n = fmt_buf(b, len, fmt, s, d, u, c);
#pragma GCC diagnostic pop
		size_t expect = len == 0 ? 0 : (len - 1 < full ? len - 1 :
		    full);

		assert_int_equal(n, expect);
		if (len > 0) {
			assert_memory_equal(b, want, expect);
			assert_int_equal(b[expect], '\0');
		}
		for (i = len; i < sizeof(b); i++)
			assert_int_equal((unsigned char)b[i], CANARY);
	}
}

static void
test_truncation_every_length(void **state)
{
	(void)state;
	check_truncation("name TERM pid -2147483648 sig 4294967295!",
	    "name %s pid %d sig %u%c", "TERM", INT_MIN, UINT_MAX, '!');
	check_truncation("x 0 0 :", "%s %d %u %c", "x", 0, 0u, ':');
}

static void
test_len_zero_writes_nothing(void **state)
{
	unsigned char b[4] = { CANARY, CANARY, CANARY, CANARY };

	(void)state;
	assert_int_equal(fmt_buf((char *)b, 0, "%s", "abc"), 0);
	assert_int_equal(b[0], CANARY);
	/* len 0 with a NULL buffer must not touch it either. */
	assert_int_equal(fmt_buf(NULL, 0, "%d", 12345), 0);
}

static void
test_len_one_gives_empty(void **state)
{
	char b[2] = { 'Q', (char)CANARY };

	(void)state;
	assert_int_equal(fmt_buf(b, 1, "hello %d", 5), 0);
	assert_int_equal(b[0], '\0');
	assert_int_equal((unsigned char)b[1], CANARY);
}

static void
test_errno_untouched(void **state)
{
	char b[8];

	(void)state;
	errno = 4242;
	fmt_buf(b, sizeof(b), "%s %d %u", "long string", -3, 3u);
	assert_int_equal(errno, 4242);
}

/* ---- fmt_parse_uint ---- */

static void
test_parse_uint_accepts(void **state)
{
	unsigned long v;

	(void)state;
	v = 99;
	assert_int_equal(fmt_parse_uint("0", 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(fmt_parse_uint("5", 5, &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(fmt_parse_uint("255", 255, &v), 0);
	assert_int_equal(v, 255);
	assert_int_equal(fmt_parse_uint("007", 7, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(fmt_parse_uint("000", 0, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(fmt_parse_uint("1234567890", 4000000000UL, &v), 0);
	assert_int_equal(v, 1234567890UL);
}

static void
test_parse_uint_bounds(void **state)
{
	unsigned long v = 77;

	(void)state;
	assert_int_equal(fmt_parse_uint("1", 0, &v), -1);
	assert_int_equal(fmt_parse_uint("9", 5, &v), -1);
	assert_int_equal(fmt_parse_uint("6", 5, &v), -1);
	assert_int_equal(fmt_parse_uint("10", 9, &v), -1);
	assert_int_equal(fmt_parse_uint("256", 255, &v), -1);
	assert_int_equal(fmt_parse_uint("1000", 999, &v), -1);
	assert_int_equal(fmt_parse_uint("0256", 255, &v), -1);
	/* Failure leaves *out alone. */
	assert_int_equal(v, 77);
}

static void
test_parse_uint_ulong_max(void **state)
{
	char b[32];
	unsigned long v = 0;

	(void)state;
	snprintf(b, sizeof(b), "%lu", ULONG_MAX);
	assert_int_equal(fmt_parse_uint(b, ULONG_MAX, &v), 0);
	assert_true(v == ULONG_MAX);
	snprintf(b, sizeof(b), "%lu", ULONG_MAX - 1);
	assert_int_equal(fmt_parse_uint(b, ULONG_MAX - 1, &v), 0);
	assert_true(v == ULONG_MAX - 1);
	snprintf(b, sizeof(b), "%lu", ULONG_MAX);
	assert_int_equal(fmt_parse_uint(b, ULONG_MAX - 1, &v), -1);
	/* One past ULONG_MAX (...615 -> ...616) and one digit more: no wrap. */
	assert_int_equal(fmt_parse_uint("18446744073709551616", ULONG_MAX, &v),
	    -1);
	assert_int_equal(fmt_parse_uint("184467440737095516150", ULONG_MAX,
	    &v), -1);
	assert_int_equal(fmt_parse_uint("99999999999999999999999", ULONG_MAX,
	    &v), -1);
	assert_true(v == ULONG_MAX - 1);
}

static void
test_parse_uint_rejects(void **state)
{
	static const char *const bad[] = {
		"", "+1", "-1", " 1", "1 ", "1a", "a1", "0x10", "1.0", "1,0",
		"\xef\xbc\x91", "\t1", "1\n", "-0", "+0",
	};
	unsigned long v = 3;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (fmt_parse_uint(bad[i], ULONG_MAX, &v) != -1)
			fail_msg("fmt_parse_uint accepted '%s'", bad[i]);
	}
	assert_int_equal(fmt_parse_uint(NULL, 10, &v), -1);
	assert_int_equal(v, 3);
}

static void
test_clean(void **state)
{
	char buf[8];

	(void)state;
	fmt_clean(buf, sizeof(buf), "ab\ncd\x7f");
	assert_string_equal(buf, "ab?cd?");
	fmt_clean(buf, sizeof(buf), "1234567");
	assert_string_equal(buf, "1234567");
	fmt_clean(buf, sizeof(buf), "12345678");
	assert_string_equal(buf, "1234...");
	fmt_clean(buf, sizeof(buf), NULL);
	assert_string_equal(buf, "");
	fmt_clean(buf, 1, "abc");
	assert_string_equal(buf, "");
}

/* ---- fmt_same and fmt_skip_nocase (strcmp and strcasecmp's uses) ---- */

static void
test_same(void **state)
{
	(void)state;
	assert_true(fmt_same("", ""));
	assert_true(fmt_same("--", "--"));
	assert_false(fmt_same("-", "--"));
	assert_false(fmt_same("--", "-"));
	assert_false(fmt_same("ms", "m"));
	assert_false(fmt_same("", "s"));
	assert_false(fmt_same("0", "O"));
}

static void
test_skip_nocase(void **state)
{
	(void)state;
	assert_string_equal(fmt_skip_nocase("sigterm", "SIG"), "term");
	assert_string_equal(fmt_skip_nocase("SiG", "SIG"), "");
	assert_string_equal(fmt_skip_nocase("True", "TRUE"), "");
	assert_string_equal(fmt_skip_nocase("anything", ""), "anything");
	assert_null(fmt_skip_nocase("SI", "SIG"));
	assert_null(fmt_skip_nocase("SIGX", "SIGN"));
	/* Only ASCII letters fold (as musl's tolower does). */
	assert_null(fmt_skip_nocase("{", "["));
	assert_null(fmt_skip_nocase("\xe9", "\xc9"));
	assert_string_equal(fmt_skip_nocase("RTMIN+3", "RTMIN"), "+3");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_percent_s),
		cmocka_unit_test(test_percent_d),
		cmocka_unit_test(test_percent_d_matches_snprintf),
		cmocka_unit_test(test_percent_u),
		cmocka_unit_test(test_percent_c),
		cmocka_unit_test(test_percent_percent),
		cmocka_unit_test(test_unknown_conversion_copied),
		cmocka_unit_test(test_trailing_percent),
		cmocka_unit_test(test_vbuf),
		cmocka_unit_test(test_truncation_every_length),
		cmocka_unit_test(test_len_zero_writes_nothing),
		cmocka_unit_test(test_len_one_gives_empty),
		cmocka_unit_test(test_errno_untouched),
		cmocka_unit_test(test_parse_uint_accepts),
		cmocka_unit_test(test_parse_uint_bounds),
		cmocka_unit_test(test_parse_uint_ulong_max),
		cmocka_unit_test(test_parse_uint_rejects),
		cmocka_unit_test(test_same),
		cmocka_unit_test(test_skip_nocase),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
