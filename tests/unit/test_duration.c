/* test_duration: every accepted unit at 0, typical and maximal values, one
 * past each maximum, and the malformed forms people type. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "duration.h"

static void
expect_ms(const char *s, unsigned long want)
{
	unsigned long ms = 123456789;

	if (duration_parse(s, &ms) != 0)
		fail_msg("'%s' rejected, want %lu ms", s, want);
	if (ms != want)
		fail_msg("'%s' gave %lu ms, want %lu", s, ms, want);
}

static void
expect_bad(const char *s)
{
	unsigned long ms = 123456789;

	if (duration_parse(s, &ms) != -1)
		fail_msg("'%s' accepted as %lu ms", s, ms);
	if (ms != 123456789)
		fail_msg("'%s' wrote %lu on failure", s, ms);
}

static void
test_units(void **state)
{
	(void)state;
	expect_ms("500ms", 500);
	expect_ms("5s", 5000);
	expect_ms("2m", 120000);
	expect_ms("7", 7000);
	expect_ms("1ms", 1);
	expect_ms("1s", 1000);
	expect_ms("1m", 60000);
	expect_ms("1", 1000);
	expect_ms("90s", 90000);
	expect_ms("1500ms", 1500);
}

static void
test_zero(void **state)
{
	(void)state;
	expect_ms("0", 0);
	expect_ms("0ms", 0);
	expect_ms("0s", 0);
	expect_ms("0m", 0);
	expect_ms("00", 0);
}

static void
test_leading_zeros(void **state)
{
	(void)state;
	expect_ms("05s", 5000);
	expect_ms("0010", 10000);
	/* 15 digits is the most the parser reads. */
	expect_ms("000000000000005", 5000);
}

static void
test_maximum(void **state)
{
	(void)state;
	assert_int_equal(DURATION_MAX_MS, 2147483647UL);
	expect_ms("2147483647ms", 2147483647UL);
	expect_ms("2147483s", 2147483000UL);
	expect_ms("2147483", 2147483000UL);
	expect_ms("35791m", 2147460000UL);
}

static void
test_one_past_maximum(void **state)
{
	(void)state;
	expect_bad("2147483648ms");
	expect_bad("2147484s");
	expect_bad("2147484");
	expect_bad("35792m");
	expect_bad("4294967296ms");
	expect_bad("4294968s");
	expect_bad("71583m");
}

static void
test_huge_digit_strings(void **state)
{
	char b[80];
	int i;

	(void)state;
	expect_bad("18446744073709551616ms");
	expect_bad("18446744073709551615");
	expect_bad("99999999999999999999999999999999999999s");
	expect_bad("0000000000000000005s");
	/* Digit strings of every length up to 70 past the limit. */
	for (i = 0; i < 70; i++) {
		b[i] = '9';
		b[i + 1] = 'm';
		b[i + 2] = 's';
		b[i + 3] = '\0';
		if (i >= 9)
			expect_bad(b);
	}
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"", "s", "ms", "m", "5x", "5 s", " 5", "5 ", "-1", "+1",
		"1.5s", "1.5", ".5s", "5S", "5MS", "5M", "5Ms", "5mS", "5sec",
		"5secs", "5min", "5h", "5d", "5us", "5ns", "5mss", "5sm",
		"5ms5", "5s5", "s5", "0x10", "1e3", "1_000", "1,000", "5\n",
		"\t5", "5\t", "5s ", "--5", "5-", "five",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_bad(bad[i]);
	assert_int_equal(duration_parse(NULL, &(unsigned long){ 0 }), -1);
}

/* Every value of every unit up to the bound gives n * scale. */
static void
test_each_unit_linear(void **state)
{
	char b[32];
	unsigned long n;

	(void)state;
	for (n = 0; n <= 35791; n += 37) {
		snprintf(b, sizeof(b), "%lum", n);
		expect_ms(b, n * 60000);
		snprintf(b, sizeof(b), "%lus", n * 59);
		expect_ms(b, n * 59 * 1000);
		snprintf(b, sizeof(b), "%lu", n * 59);
		expect_ms(b, n * 59 * 1000);
		snprintf(b, sizeof(b), "%lums", n * 59999);
		expect_ms(b, n * 59999);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_zero),
		cmocka_unit_test(test_leading_zeros),
		cmocka_unit_test(test_maximum),
		cmocka_unit_test(test_one_past_maximum),
		cmocka_unit_test(test_huge_digit_strings),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_each_unit_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
