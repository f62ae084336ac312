/* test_env: env_get over an explicit environment array: exact names only,
 * the first definition, empty values, entries without '='. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "env.h"

#define ENV(...)	((char *[]){ __VA_ARGS__, NULL })

static void
test_found(void **state)
{
	char **env = ENV("HOME=/root", "PATH=/bin:/usr/bin", "EMPTY=",
	    "EQ==x=");

	(void)state;
	assert_string_equal(env_get(env, "HOME"), "/root");
	assert_string_equal(env_get(env, "PATH"), "/bin:/usr/bin");
	assert_string_equal(env_get(env, "EMPTY"), "");
	assert_string_equal(env_get(env, "EQ"), "=x=");
	/* The value points into the array's own string. */
	assert_ptr_equal(env_get(env, "HOME"), env[0] + 5);
}

static void
test_exact_name(void **state)
{
	char **env = ENV("PATHX=1", "XPATH=2", "PAT=3", "path=4", "PATH",
	    "A=B=C");

	(void)state;
	assert_null(env_get(env, "PATH"));
	assert_null(env_get(env, "PA"));
	assert_null(env_get(env, "B"));
	assert_string_equal(env_get(env, "PAT"), "3");
	assert_string_equal(env_get(env, "A"), "B=C");
}

static void
test_first_wins(void **state)
{
	char **env = ENV("X=first", "X=second");

	(void)state;
	assert_string_equal(env_get(env, "X"), "first");
}

static void
test_empty_and_null(void **state)
{
	char *empty[] = { NULL };

	(void)state;
	assert_null(env_get(empty, "HOME"));
	assert_null(env_get(NULL, "HOME"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_found),
		cmocka_unit_test(test_exact_name),
		cmocka_unit_test(test_first_wins),
		cmocka_unit_test(test_empty_and_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
