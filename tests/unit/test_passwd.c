/* test_passwd: USER[:GROUP] and its lookup in /etc/passwd and /etc/group
 * content: names and numbers, primary and supplementary groups, HOME,
 * malformed and long lines, missing fields, prefix names, duplicates. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "passwd.h"

#define PW \
    "root:x:0:0:root:/root:/bin/sh\n" \
    "apple:x:1001:1001::/home/apple:/bin/sh\n" \
    "app:x:1000:1000:The App:/home/app:/bin/sh\n" \
    "ap:x:1002:1002::/home/ap:/bin/sh\n" \
    "nohome:x:1003:1003:::/bin/sh\n" \
    "app:x:2000:2000:second app:/second:/bin/sh\n" \
    "toor:x:0:0:second root:/toor:/bin/sh\n" \
    "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"

#define GR \
    "root:x:0:\n" \
    "app:x:1000:\n" \
    "staff:x:50:apple,app\n" \
    "wheel:x:10:apple\n" \
    "near:x:60:appl,apps,xapp,App,app ,apple\n" \
    "first:x:61:app,bob\n" \
    "middle:x:62:bob,app,carol\n" \
    "only:x:63:app\n" \
    "empties:x:64:,,app,,\n" \
    "staff:x:51:app\n" \
    "again:x:50:app\n" \
    "nogroup:x:65534:"

static struct user_ids ids;
static const char *why;

/* Resolves spec (which must parse) against pw and gr. */
static int
resolve(const char *spec, const char *pw, const char *gr)
{
	struct user_spec u;

	assert_int_equal(passwd_parse_spec(spec, &u), 0);
	memset(&ids, 0xEE, sizeof(ids));
	why = NULL;
	return passwd_resolve(&u, pw, strlen(pw), gr, strlen(gr), &ids, &why);
}

static void
expect_ids(unsigned uid, unsigned gid, const char *home, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(ids.uid, uid);
	assert_int_equal(ids.gid, gid);
	if (home == NULL) {
		assert_null(ids.home);
	} else {
		assert_non_null(ids.home);
		assert_int_equal(ids.home_len, strlen(home));
		assert_memory_equal(ids.home, home, strlen(home));
	}
	assert_int_equal(ids.ngroups, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_int_equal(ids.groups[i], va_arg(ap, unsigned));
	va_end(ap);
}

static void
expect_fail(int rc, const char *frag)
{
	assert_int_equal(rc, -1);
	assert_non_null(why);
	if (strstr(why, frag) == NULL)
		fail_msg("reason '%s' does not say '%s'", why, frag);
}

static void
test_spec(void **state)
{
	static const char *const good[] = {
		"app", "1000", "app:staff", "0:0", "4294967294",
		"app:4294967294", "007", "1abc", "a b", "-1", "app:0",
	};
	static const char *const bad[] = {
		"", ":", "app:", ":staff", "a:b:c", "app::", "::", ":::",
		"4294967295", "app:4294967295", "4294967295:app",
		"99999999999999999999", "18446744073709551616",
		"4294967296", "00000000004294967296",
	};
	struct user_spec u;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (passwd_parse_spec(good[i], &u) != 0)
			fail_msg("'%s' refused", good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (passwd_parse_spec(bad[i], &u) != -1)
			fail_msg("'%s' accepted", bad[i]);
	assert_int_equal(passwd_parse_spec("app:staff", &u), 0);
	assert_int_equal(u.user_len, 3);
	assert_string_equal(u.group, "staff");
	assert_int_equal(passwd_parse_spec("app", &u), 0);
	assert_null(u.group);
	assert_int_equal(u.user_len, 3);
}

/* A name: its uid, primary group, home; supplementary groups are every
 * group listing the name whole, each gid once, in file order. */
static void
test_name(void **state)
{
	(void)state;
	assert_int_equal(resolve("app", PW, GR), 0);
	expect_ids(1000, 1000, "/home/app", 6, 50, 61, 62, 63, 64, 51);
	assert_int_equal(resolve("apple", PW, GR), 0);
	expect_ids(1001, 1001, "/home/apple", 3, 50, 10, 60);
	assert_int_equal(resolve("ap", PW, GR), 0);
	expect_ids(1002, 1002, "/home/ap", 0);
	assert_int_equal(resolve("root", PW, GR), 0);
	expect_ids(0, 0, "/root", 0);
	assert_int_equal(resolve("nobody", PW, GR), 0);
	expect_ids(65534, 65534, "/nonexistent", 0);
}

/* A name that is a prefix of another, or has one as prefix, is not it. */
static void
test_prefix_names(void **state)
{
	(void)state;
	expect_fail(resolve("appl", PW, GR), "not in /etc/passwd");
	expect_fail(resolve("a", PW, GR), "not in /etc/passwd");
	expect_fail(resolve("applex", PW, GR), "not in /etc/passwd");
	expect_fail(resolve("App", PW, GR), "not in /etc/passwd");
	expect_fail(resolve("app ", PW, GR), "not in /etc/passwd");
	assert_int_equal(resolve("app:staf", PW, GR "\nstaf:x:70:"), 0);
	expect_ids(1000, 70, "/home/app", 6, 50, 61, 62, 63, 64, 51);
	expect_fail(resolve("app:sta", PW, GR), "group not in /etc/group");
	expect_fail(resolve("app:staffs", PW, GR), "group not in /etc/group");
}

/* Duplicates: the first line wins, as with getpwnam and getpwuid. */
static void
test_duplicates(void **state)
{
	(void)state;
	assert_int_equal(resolve("app", PW, GR), 0);
	assert_int_equal(ids.uid, 1000);
	assert_int_equal(resolve("0", PW, GR), 0);
	expect_ids(0, 0, "/root", 0);
	assert_int_equal(resolve("app:staff", PW, GR), 0);
	assert_int_equal(ids.gid, 50);
	/* A gid listed twice (staff 50 and again 50) counts once. */
	assert_int_equal(resolve("app", PW, GR), 0);
	assert_int_equal(ids.ngroups, 6);
}

/* A number found in passwd is that user; a number not there is used as
 * it is: group 0, no supplementary groups, HOME kept. */
static void
test_numbers(void **state)
{
	(void)state;
	assert_int_equal(resolve("1000", PW, GR), 0);
	expect_ids(1000, 1000, "/home/app", 6, 50, 61, 62, 63, 64, 51);
	assert_int_equal(resolve("2000", PW, GR), 0);
	expect_ids(2000, 2000, "/second", 6, 50, 61, 62, 63, 64, 51);
	assert_int_equal(resolve("4321", PW, GR), 0);
	expect_ids(4321, 0, NULL, 0);
	assert_int_equal(resolve("4294967294", PW, GR), 0);
	expect_ids(4294967294U, 0, NULL, 0);
	assert_int_equal(resolve("01000", PW, GR), 0);
	expect_ids(1000, 1000, "/home/app", 6, 50, 61, 62, 63, 64, 51);
	/* With a GROUP: that group, still nothing else for a stranger. */
	assert_int_equal(resolve("4321:777", PW, GR), 0);
	expect_ids(4321, 777, NULL, 0);
	assert_int_equal(resolve("4321:staff", PW, GR), 0);
	expect_ids(4321, 50, NULL, 0);
	expect_fail(resolve("4321:nosuch", PW, GR), "group not in /etc/group");
	/* No files at all (a scratch image): numbers still work. */
	assert_int_equal(resolve("4321", "", ""), 0);
	expect_ids(4321, 0, NULL, 0);
	assert_int_equal(resolve("4321:5", "", ""), 0);
	expect_ids(4321, 5, NULL, 0);
	expect_fail(resolve("app", "", ""), "not in /etc/passwd");
}

/* GROUP replaces the primary group; a number need not be in /etc/group. */
static void
test_group(void **state)
{
	(void)state;
	assert_int_equal(resolve("app:wheel", PW, GR), 0);
	expect_ids(1000, 10, "/home/app", 6, 50, 61, 62, 63, 64, 51);
	assert_int_equal(resolve("app:4242", PW, GR), 0);
	assert_int_equal(ids.gid, 4242);
	assert_int_equal(resolve("app:0", PW, GR), 0);
	assert_int_equal(ids.gid, 0);
	assert_int_equal(resolve("1000:nogroup", PW, GR), 0);
	expect_ids(1000, 65534, "/home/app", 6, 50, 61, 62, 63, 64, 51);
	expect_fail(resolve("app:nosuch", PW, GR), "group not in /etc/group");
	expect_fail(resolve("nosuch:staff", PW, GR), "not in /etc/passwd");
}

static void
test_home(void **state)
{
	(void)state;
	/* Empty: "/", as login(1) does. */
	assert_int_equal(resolve("nohome", PW, GR), 0);
	expect_ids(1003, 1003, "/", 0);
	/* The last line needs no newline. */
	assert_int_equal(resolve("x", "x:x:1:2::/h:", ""), 0);
	expect_ids(1, 2, "/h", 0);
	/* CRLF: the CR belongs to the last field, as getpwnam has it. */
	assert_int_equal(resolve("x", "x:x:1:2::/h:/s\r\n", "g:x:3:x\r\n"
	    "h:x:4:x,y\r\n"), 0);
	expect_ids(1, 2, "/h", 1, 4);
}

/* Missing or extra fields, bad ids, a NUL byte: an error when it is the
 * line asked for, skipped when it is another user's. */
static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"app:x:1000:1000::/home/app",		/* 6 fields */
		"app:x:1000:1000::/home/app:/bin/sh:",	/* 8 fields */
		"app:x:1000",
		"app",
		"app:x::1000::/h:/s",			/* empty uid */
		"app:x:1000::::",			/* empty gid */
		"app:x:x1000:1000::/h:/s",
		"app:x:1000:-1::/h:/s",
		"app:x:+1000:1000::/h:/s",
		"app:x: 1000:1000::/h:/s",
		"app:x:4294967295:1000::/h:/s",		/* (uid_t)-1 */
		"app:x:1000:4294967295::/h:/s",
		"app:x:99999999999999999999:1::/h:/s",
	};
	char pw[128];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		(void)snprintf(pw, sizeof(pw), "%s\napp:x:5:5::/ok:/s\n",
		    bad[i]);
		if (resolve("app", pw, "") != -1 ||
		    strstr(why, "bad line in /etc/passwd") == NULL)
			fail_msg("'%s' taken for app", bad[i]);
		/* Another user's bad line is passed over. */
		(void)snprintf(pw, sizeof(pw), "%s\nok:x:5:6::/ok:/s\n",
		    bad[i]);
		assert_int_equal(resolve("ok", pw, ""), 0);
		expect_ids(5, 6, "/ok", 0);
	}
	/* By number: a line whose uid field is that number decides. */
	expect_fail(resolve("7", "a:x:7:7::/h\nb:x:7:7::/h:/s", ""),
	    "bad line in /etc/passwd");
	assert_int_equal(resolve("7", "a:x:7x:7::/h:/s\nb:x:7:8::/b:/s", ""),
	    0);
	expect_ids(7, 8, "/b", 0);
	/* Empty lines, a lone newline, blank names: skipped. */
	assert_int_equal(resolve("b", "\n\n:x:1:1::/h:/s\nb:x:2:2::/b:/s\n\n",
	    ""), 0);
	expect_ids(2, 2, "/b", 0);
	/* Group lines: the one asked for must be whole. */
	expect_fail(resolve("app:g", PW, "g:x:70"),
	    "bad line in /etc/group");
	expect_fail(resolve("app:g", PW, "g:x:70:a:b"),
	    "bad line in /etc/group");
	expect_fail(resolve("app:g", PW, "g:x::"),
	    "bad line in /etc/group");
	expect_fail(resolve("app:g", PW, "g:x:4294967295:"),
	    "bad line in /etc/group");
	assert_int_equal(resolve("app:g", PW, "h:x:1\ng:x:71:\n"), 0);
	assert_int_equal(ids.gid, 71);
	/* A malformed group line listing the user gives no group. */
	assert_int_equal(resolve("app", PW,
	    "a:x:80:app:\nb:x:81\nc:x:x:app\nd:x:82:app\n"), 0);
	expect_ids(1000, 1000, "/home/app", 1, 82);
}

static void
test_nul_bytes(void **state)
{
	static const char pw[] = "app:x:1:1::/ho\0me:/s\nok:x:2:2::/ok:/s\n"
	    "z\0:x:3:3::/z:/s\n3:x:3:3::/three:/s";
	static const char gr[] = "g:x:9:o\0k\nh:x:10:ok\n";
	struct user_spec u;

	(void)state;
	assert_int_equal(passwd_parse_spec("app", &u), 0);
	assert_int_equal(passwd_resolve(&u, pw, sizeof(pw) - 1, gr,
	    sizeof(gr) - 1, &ids, &why), -1);
	assert_non_null(strstr(why, "bad line"));
	assert_int_equal(passwd_parse_spec("ok", &u), 0);
	assert_int_equal(passwd_resolve(&u, pw, sizeof(pw) - 1, gr,
	    sizeof(gr) - 1, &ids, &why), 0);
	expect_ids(2, 2, "/ok", 1, 10);
	/* A line with a NUL has no uid to be found by. */
	assert_int_equal(passwd_parse_spec("3", &u), 0);
	assert_int_equal(passwd_resolve(&u, pw, sizeof(pw) - 1, gr,
	    sizeof(gr) - 1, &ids, &why), 0);
	expect_ids(3, 3, "/three", 0);
}

/* Lines of any length: no line buffer, nothing cut. */
static void
test_long_lines(void **state)
{
	size_t big = 200000, n;
	char *pw = malloc(2 * big + 200), *gr = malloc(big + 200);

	(void)state;
	assert_non_null(pw);
	assert_non_null(gr);
	/* A huge gecos, then a huge home. */
	n = (size_t)sprintf(pw, "other:x:1:1:");
	memset(pw + n, 'g', big);
	n += big;
	n += (size_t)sprintf(pw + n, ":/o:/s\napp:x:5:6::/");
	memset(pw + n, 'h', big);
	n += big;
	n += (size_t)sprintf(pw + n, ":/s\n");
	/* A huge member list with the user last. */
	n = (size_t)sprintf(gr, "g:x:7:");
	memset(gr + n, 'm', big);
	n += big;
	(void)sprintf(gr + n, ",app\n");
	assert_int_equal(resolve("app", pw, gr), 0);
	assert_int_equal(ids.uid, 5);
	assert_int_equal(ids.home_len, big + 1);
	assert_int_equal(ids.ngroups, 1);
	assert_int_equal(ids.groups[0], 7);
	/* A name as long as the line is not a prefix match either. */
	assert_int_equal(resolve("other", pw, gr), 0);
	assert_int_equal(ids.uid, 1);
	free(pw);
	free(gr);
}

/* Membership: the whole name, among commas, anywhere in the list. */
static void
test_members(void **state)
{
	(void)state;
	assert_int_equal(resolve("bob", "bob:x:9:9::/b:/s", GR), 0);
	expect_ids(9, 9, "/b", 2, 61, 62);
	assert_int_equal(resolve("carol", "carol:x:9:9::/c:/s", GR), 0);
	expect_ids(9, 9, "/c", 1, 62);
	/* "app " and "App" in near are not app. */
	assert_int_equal(resolve("app", PW, "near:x:60:appl,apps,xapp,App,"
	    "app ,apple,ap"), 0);
	assert_int_equal(ids.ngroups, 0);
	/* The user's own primary group, when listed, counts too. */
	assert_int_equal(resolve("app", PW, "app:x:1000:app"), 0);
	expect_ids(1000, 1000, "/home/app", 1, 1000);
}

/* More than PASSWD_GROUPS_MAX groups is an error, never a cut list. */
static void
test_too_many_groups(void **state)
{
	char *gr = malloc(40 * (PASSWD_GROUPS_MAX + 1));
	size_t n = 0;
	int i;

	(void)state;
	assert_non_null(gr);
	for (i = 0; i < PASSWD_GROUPS_MAX; i++)
		n += (size_t)sprintf(gr + n, "g%d:x:%d:app\n", i, 100 + i);
	assert_int_equal(resolve("app", PW, gr), 0);
	assert_int_equal(ids.ngroups, PASSWD_GROUPS_MAX);
	assert_int_equal(ids.groups[PASSWD_GROUPS_MAX - 1],
	    100 + PASSWD_GROUPS_MAX - 1);
	/* The same gid again is no new group. */
	(void)sprintf(gr + n, "again:x:100:app\n");
	assert_int_equal(resolve("app", PW, gr), 0);
	(void)sprintf(gr + n, "one:x:99:app\n");
	expect_fail(resolve("app", PW, gr), "in over 256 groups");
	/* A number not in passwd has no groups to count. */
	assert_int_equal(resolve("4321", PW, gr), 0);
	free(gr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_prefix_names),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_too_many_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
