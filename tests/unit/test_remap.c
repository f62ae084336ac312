/* test_remap: all 256 codes through "N" and "N:M", list parsing, every
 * rejected form, and statuses outside 0..255 passing through. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "remap.h"

/* The table must be exactly identity except for the listed pairs. */
static void
expect_table(const struct remap *r, const int *pairs, size_t npairs)
{
	int code, want;
	size_t i;

	for (code = 0; code < 256; code++) {
		want = code;
		for (i = 0; i < npairs; i++)
			if (pairs[2 * i] == code)
				want = pairs[2 * i + 1];
		if (remap_apply(r, code) != want)
			fail_msg("remap_apply(%d) = %d, want %d", code,
			    remap_apply(r, code), want);
	}
}

static void
test_identity_by_default(void **state)
{
	struct remap r;

	(void)state;
	memset(&r, 0xEE, sizeof(r));
	remap_init(&r);
	expect_table(&r, NULL, 0);
}

static void
test_every_code_to_zero(void **state)
{
	struct remap r;
	char b[32];
	int code;

	(void)state;
	for (code = 0; code < 256; code++) {
		remap_init(&r);
		snprintf(b, sizeof(b), "%d", code);
		assert_int_equal(remap_parse(&r, b), 0);
		expect_table(&r, (int[]){ code, 0 }, 1);
	}
}

static void
test_every_code_to_every_target(void **state)
{
	struct remap r;
	char b[32];
	int code, to;

	(void)state;
	for (code = 0; code < 256; code++)
		for (to = 0; to < 256; to++) {
			remap_init(&r);
			snprintf(b, sizeof(b), "%d:%d", code, to);
			if (remap_parse(&r, b) != 0)
				fail_msg("'%s' rejected", b);
			if (remap_apply(&r, code) != to)
				fail_msg("'%s': %d -> %d", b, code,
				    remap_apply(&r, code));
			/* The neighbours stay themselves. */
			assert_int_equal(remap_apply(&r, (code + 1) % 256),
			    (code + 1) % 256);
			assert_int_equal(remap_apply(&r, (code + 255) % 256),
			    (code + 255) % 256);
		}
}

static void
test_n_to_n(void **state)
{
	struct remap r;
	char b[32];
	int code;

	(void)state;
	remap_init(&r);
	for (code = 0; code < 256; code++) {
		snprintf(b, sizeof(b), "%d:%d", code, code);
		assert_int_equal(remap_parse(&r, b), 0);
	}
	expect_table(&r, NULL, 0);
}

static void
test_later_entry_wins(void **state)
{
	struct remap r;

	(void)state;
	remap_init(&r);
	assert_int_equal(remap_parse(&r, "143:1"), 0);
	assert_int_equal(remap_parse(&r, "143:7"), 0);
	assert_int_equal(remap_parse(&r, "1"), 0);
	expect_table(&r, (int[]){ 143, 7, 1, 0 }, 2);
}

static void
test_leading_zeros(void **state)
{
	struct remap r;

	(void)state;
	remap_init(&r);
	assert_int_equal(remap_parse(&r, "0143:007"), 0);
	expect_table(&r, (int[]){ 143, 7 }, 1);
}

static void
test_list(void **state)
{
	struct remap r;

	(void)state;
	remap_init(&r);
	assert_int_equal(remap_parse_list(&r, "143:0,1:0"), 0);
	expect_table(&r, (int[]){ 143, 0, 1, 0 }, 2);

	remap_init(&r);
	assert_int_equal(remap_parse_list(&r, "2"), 0);
	expect_table(&r, (int[]){ 2, 0 }, 1);

	remap_init(&r);
	assert_int_equal(remap_parse_list(&r, "255:1,0:255,3,130:2,3:4"), 0);
	expect_table(&r, (int[]){ 255, 1, 0, 255, 130, 2, 3, 4 }, 4);
}

static void
test_list_of_all_codes(void **state)
{
	struct remap r;
	char list[256 * 8], *p = list;
	int code;

	(void)state;
	for (code = 0; code < 256; code++)
		p += sprintf(p, "%s%d:%d", code == 0 ? "" : ",", code,
		    255 - code);
	remap_init(&r);
	assert_int_equal(remap_parse_list(&r, list), 0);
	for (code = 0; code < 256; code++)
		assert_int_equal(remap_apply(&r, code), 255 - code);
}

static void
test_rejects(void **state)
{
	static const char *const bad[] = {
		"", "256", "-1", "abc", "1:", ":1", ":", "1:256", "1:2:3",
		"1::2", " 1", "1 ", "1: 2", "1 :2", "1:2 ", "+1", "1:+2",
		"1:-2", "1.0", "0x1", "1a", "1:a", "999999999999999999999",
		"1:999999999999999999999", ",", "1,2",
		"\t1", "1\n",
	};
	struct remap r, before;
	size_t i;

	(void)state;
	remap_init(&r);
	assert_int_equal(remap_parse(&r, "9:8"), 0);
	before = r;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (remap_parse(&r, bad[i]) != -1)
			fail_msg("remap_parse accepted '%s'", bad[i]);
		/* A rejected spec changes nothing. */
		if (memcmp(&r, &before, sizeof(r)) != 0)
			fail_msg("remap_parse('%s') changed the table",
			    bad[i]);
	}
}

static void
test_list_rejects(void **state)
{
	static const char *const bad[] = {
		"", ",", "1,,2", ",1", "1,", "1, 2", "1 ,2", " 1", "1 ",
		"143:0;1:0", "143:0 1:0", "1,256", "1,abc", "1:2,3:", "1,-1",
		"1:0,,",
	};
	struct remap r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		remap_init(&r);
		if (remap_parse_list(&r, bad[i]) != -1)
			fail_msg("remap_parse_list accepted '%s'", bad[i]);
	}
}

static void
test_apply_outside_range(void **state)
{
	struct remap r;

	(void)state;
	remap_init(&r);
	assert_int_equal(remap_parse(&r, "0:9"), 0);
	assert_int_equal(remap_parse(&r, "255:9"), 0);
	assert_int_equal(remap_apply(&r, -1), -1);
	assert_int_equal(remap_apply(&r, 256), 256);
	assert_int_equal(remap_apply(&r, -256), -256);
	assert_int_equal(remap_apply(&r, 1000), 1000);
	assert_int_equal(remap_apply(&r, INT32_MAX), INT32_MAX);
	assert_int_equal(remap_apply(&r, INT32_MIN), INT32_MIN);
	assert_int_equal(remap_apply(&r, 0), 9);
	assert_int_equal(remap_apply(&r, 255), 9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity_by_default),
		cmocka_unit_test(test_every_code_to_zero),
		cmocka_unit_test(test_every_code_to_every_target),
		cmocka_unit_test(test_n_to_n),
		cmocka_unit_test(test_later_entry_wins),
		cmocka_unit_test(test_leading_zeros),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_of_all_codes),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_list_rejects),
		cmocka_unit_test(test_apply_outside_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
