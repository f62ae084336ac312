/* test_procscan: /proc/PID/stat lines as the kernel writes them (comm with
 * spaces and parentheses), malformed ones, and the descendant set of a
 * (pid, ppid) snapshot: exactly the tree under root, in any listing order,
 * never anything else, and the bitmap handed back zeroed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procscan.h"

#define MARK_BYTES	(PROCSCAN_PID_LIMIT / 8)

static unsigned char *mark;

static int
setup(void **state)
{
	(void)state;
	mark = calloc(1, MARK_BYTES);
	return mark == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(mark);
	mark = NULL;
	return 0;
}

static void
assert_mark_zero(void)
{
	size_t i;

	for (i = 0; i < MARK_BYTES; i++)
		if (mark[i] != 0)
			fail_msg("mark byte %zu is %#x after the call", i,
			    mark[i]);
}

/* ---- procscan_parse_stat ---- */

static int
parse(const char *s, struct procent *e)
{
	e->pid = -7;
	e->ppid = -7;
	e->state = '?';
	return procscan_parse_stat(s, strlen(s), e);
}

#define STAT_OK(s, pid_, state_, ppid_) do {				\
	struct procent e_;						\
	if (parse((s), &e_) != 0)					\
		fail_msg("rejected: %s", (s));				\
	assert_int_equal(e_.pid, (pid_));				\
	assert_int_equal(e_.state, (state_));				\
	assert_int_equal(e_.ppid, (ppid_));				\
} while (0)

#define STAT_BAD(s) do {						\
	struct procent e_;						\
	if (parse((s), &e_) != -1)					\
		fail_msg("accepted: '%s'", (s));			\
} while (0)

static void
test_stat_typical(void **state)
{
	(void)state;
	STAT_OK("1 (init-lite) S 0 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 "
	    "0 12 2158592 12 18446744073709551615\n", 1, 'S', 0);
	STAT_OK("4242 (sleep) R 17 4242 17 34816 4242 4194304 92 0\n", 4242,
	    'R', 17);
	STAT_OK("77 (defunct) Z 1 0 0\n", 77, 'Z', 1);
	STAT_OK("9 (x) T 3", 9, 'T', 3);
	STAT_OK("9 (x) D 3\n", 9, 'D', 3);
	STAT_OK("4194303 (maxpid) S 4194302 0", 4194303, 'S', 4194302);
}

static void
test_stat_hostile_comm(void **state)
{
	(void)state;
	/* comm is up to 15 bytes of anything the program chose. */
	STAT_OK("10 (a b c) S 2 0\n", 10, 'S', 2);
	STAT_OK("10 (a) R 1) S 2 0\n", 10, 'S', 2);
	STAT_OK("10 ()) S 2 0\n", 10, 'S', 2);
	STAT_OK("10 ((() S 2 0\n", 10, 'S', 2);
	STAT_OK("10 () S 2 0\n", 10, 'S', 2);
	STAT_OK("10 ( ) S 2 0\n", 10, 'S', 2);
	STAT_OK("10 (x) S 99) S 2 0\n", 10, 'S', 2);
	STAT_OK("10 (\n) S 2 0\n", 10, 'S', 2);
}

static void
test_stat_malformed(void **state)
{
	static const char *const bad[] = {
		"", "1", "1 ", "1 (", "1 (x", "1 (x)", "1 (x) ", "1 (x) S",
		"1 (x) S ", "1 (x) S x", "1 (x) S -1", "1 (x)S 0",
		"1 (x)  S 0", "1 (x)   0", "1 (x) SS 0", "1 (x) S  0",
		"x (x) S 0",
		"-1 (x) S 0", " 1 (x) S 0", "1  (x) S 0", "1 x) S 0",
		"1(x) S 0", "1 (x) S 0x10", "1 (x) S 12a", "1 (x) S 1,",
		"4194304 (x) S 1", "1 (x) S 4194304",
		"99999999999999999999 (x) S 1", "1 (x) S 99999999999999999999",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		STAT_BAD(bad[i]);
}

static void
test_stat_respects_len(void **state)
{
	/* The buffer is not NUL-terminated: only len bytes may be read. */
	static const char full[] = "12 (cat) S 34 12 12 0";
	char *buf;
	struct procent e;
	size_t len;

	(void)state;
	for (len = 0; len <= strlen(full); len++) {
		buf = malloc(len == 0 ? 1 : len);
		assert_non_null(buf);
		memcpy(buf, full, len);
		e.ppid = -7;
		/* "12 (cat) S 3" is the shortest accepted prefix. */
		if (len >= strlen("12 (cat) S 3")) {
			assert_int_equal(procscan_parse_stat(buf, len, &e), 0);
			assert_int_equal(e.pid, 12);
			assert_int_equal(e.ppid, len == strlen("12 (cat) S 3")
			    ? 3 : 34);
		} else
			assert_int_equal(procscan_parse_stat(buf, len, &e),
			    -1);
		free(buf);
	}
	/* A ')' past len is not seen. */
	assert_int_equal(procscan_parse_stat("5 (a) S 1) S 2", 9, &e), 0);
	assert_int_equal(e.ppid, 1);
}

/* ---- procscan_descendants ---- */

/* Runs procscan_descendants and checks the set of pids found (order free)
 * against want (0-terminated), every index once, the bitmap zero again. */
static void
expect_desc(const struct procent *ents, size_t n, int root,
    const int *want)
{
	size_t out[64], got, i, j, nwant = 0;

	while (want[nwant] != 0)
		nwant++;
	memset(out, 0xff, sizeof(out));
	got = procscan_descendants(ents, n, root, mark, out, 64);
	assert_mark_zero();
	if (got != nwant)
		fail_msg("root %d: %zu descendants, want %zu", root, got,
		    nwant);
	for (i = 0; i < got; i++) {
		assert_true(out[i] < n);
		for (j = 0; j < i; j++)
			assert_true(out[j] != out[i]);
		for (j = 0; j < nwant; j++)
			if (ents[out[i]].pid == want[j])
				break;
		if (j == nwant)
			fail_msg("root %d: pid %d is not a descendant", root,
			    ents[out[i]].pid);
	}
}
#define DESC(ents, root, ...) expect_desc((ents), \
	sizeof(ents) / sizeof((ents)[0]), (root), (const int[]){ __VA_ARGS__ })

/* A host-like snapshot:
 *   1 (systemd) -> 100 (dockerd) -> 200 (init-lite) -> 300 (app)
 *   300 -> 301, 302;  301 -> 310;  200 -> 320 (orphan adopted)
 *   1 -> 500 (sshd) -> 501;  2 (kthreadd) -> 3, 4 */
static const struct procent host[] = {
	{ 1, 0, 'S' }, { 2, 0, 'S' }, { 3, 2, 'I' }, { 4, 2, 'I' },
	{ 100, 1, 'S' }, { 200, 100, 'S' }, { 300, 200, 'S' },
	{ 301, 300, 'S' }, { 302, 300, 'Z' }, { 310, 301, 'S' },
	{ 320, 200, 'S' }, { 500, 1, 'S' }, { 501, 500, 'S' },
};

static void
test_desc_tree(void **state)
{
	(void)state;
	DESC(host, 200, 300, 301, 302, 310, 320, 0);
	DESC(host, 300, 301, 302, 310, 0);
	DESC(host, 301, 310, 0);
	DESC(host, 500, 501, 0);
	DESC(host, 2, 3, 4, 0);
}

static void
test_desc_leaf_and_absent(void **state)
{
	(void)state;
	DESC(host, 310, 0);
	DESC(host, 302, 0);
	DESC(host, 12345, 0);
}

static void
test_desc_never_root_or_ancestors(void **state)
{
	size_t out[64], got, i;

	(void)state;
	got = procscan_descendants(host, sizeof(host) / sizeof(host[0]), 200,
	    mark, out, 64);
	for (i = 0; i < got; i++) {
		assert_int_not_equal(host[out[i]].pid, 200);
		assert_int_not_equal(host[out[i]].pid, 100);
		assert_int_not_equal(host[out[i]].pid, 1);
		assert_int_not_equal(host[out[i]].pid, 500);
		assert_int_not_equal(host[out[i]].pid, 501);
	}
	assert_mark_zero();
}

static void
test_desc_child_listed_before_parent(void **state)
{
	/* pids wrap: a grandchild may get a lower pid than its parent and be
	 * listed first in /proc. A chain in reverse order. */
	static const struct procent rev[] = {
		{ 5, 6, 'S' }, { 6, 7, 'S' }, { 7, 8, 'S' }, { 8, 9, 'S' },
		{ 9, 10, 'S' }, { 10, 50, 'S' }, { 50, 1, 'S' }, { 1, 0, 'S' },
	};

	(void)state;
	DESC(rev, 50, 10, 9, 8, 7, 6, 5, 0);
	DESC(rev, 8, 7, 6, 5, 0);
	DESC(rev, 1, 50, 10, 9, 8, 7, 6, 5, 0);
}

static void
test_desc_bad_roots(void **state)
{
	size_t out[8];

	(void)state;
	assert_int_equal(procscan_descendants(host, sizeof(host) /
	    sizeof(host[0]), 0, mark, out, 8), 0);
	assert_int_equal(procscan_descendants(host, sizeof(host) /
	    sizeof(host[0]), -1, mark, out, 8), 0);
	assert_int_equal(procscan_descendants(host, sizeof(host) /
	    sizeof(host[0]), PROCSCAN_PID_LIMIT, mark, out, 8), 0);
	assert_mark_zero();
}

static void
test_desc_ppid_zero_not_a_root(void **state)
{
	/* Entries whose ppid is 0 (init, kthreadd) do not descend from
	 * anyone: root 0 is refused rather than matching them all. */
	size_t out[64];

	(void)state;
	assert_int_equal(procscan_descendants(host, sizeof(host) /
	    sizeof(host[0]), 0, mark, out, 64), 0);
	assert_mark_zero();
}

static void
test_desc_garbage_entries_ignored(void **state)
{
	static const struct procent junk[] = {
		{ 0, 10, 'S' }, { -5, 10, 'S' },
		{ PROCSCAN_PID_LIMIT, 10, 'S' }, { 11, 10, 'S' },
		{ 12, -1, 'S' }, { 13, PROCSCAN_PID_LIMIT, 'S' },
		{ 14, 11, 'S' }, { 10, 10, 'S' },
	};

	(void)state;
	DESC(junk, 10, 11, 14, 0);
}

static void
test_desc_cycle_terminates(void **state)
{
	/* A snapshot cannot hold a cycle, but a torn read could: it must
	 * not loop, and must not list root. */
	static const struct procent cyc[] = {
		{ 20, 21, 'S' }, { 21, 20, 'S' }, { 22, 21, 'S' },
	};

	(void)state;
	DESC(cyc, 20, 21, 22, 0);
	DESC(cyc, 21, 20, 22, 0);
}

static void
test_desc_duplicates_listed_once(void **state)
{
	static const struct procent dup[] = {
		{ 30, 1, 'S' }, { 31, 30, 'S' }, { 31, 30, 'S' },
		{ 32, 31, 'S' },
	};
	size_t out[8];

	(void)state;
	assert_int_equal(procscan_descendants(dup, 4, 30, mark, out, 8), 2);
	assert_int_equal(dup[out[0]].pid == 31 ? dup[out[1]].pid :
	    dup[out[0]].pid, 32);
	assert_mark_zero();
}

static void
test_desc_max_bounds_output(void **state)
{
	size_t out[8], got, i;

	(void)state;
	memset(out, 0xee, sizeof(out));
	got = procscan_descendants(host, sizeof(host) / sizeof(host[0]), 200,
	    mark, out, 3);
	assert_int_equal(got, 3);
	for (i = 3; i < 8; i++)
		assert_true(out[i] == (size_t)0xeeeeeeeeeeeeeeeeULL);
	assert_mark_zero();
	got = procscan_descendants(host, sizeof(host) / sizeof(host[0]), 200,
	    mark, out, 0);
	assert_int_equal(got, 0);
	assert_mark_zero();
}

static void
test_desc_large_snapshot(void **state)
{
	/* 20000 processes: a wide tree under root 1000 (every pid whose
	 * parent chain reaches it) mixed with an unrelated one. */
	enum { N = 20000 };
	static struct procent ents[N];
	static size_t out[N];
	size_t got, i, want = 0;
	int pid;

	(void)state;
	for (i = 0; i < N; i++) {
		pid = 2000 + (int)i;
		ents[i].pid = pid;
		ents[i].state = 'S';
		/* Even pids hang under 1000 (directly or via an even pid),
		 * odd pids under 1. */
		if (pid % 2 == 0)
			ents[i].ppid = i < 20 ? 1000 : pid - 20;
		else
			ents[i].ppid = i < 20 ? 1 : pid - 20;
		if (pid % 2 == 0)
			want++;
	}
	got = procscan_descendants(ents, N, 1000, mark, out, N);
	assert_int_equal(got, want);
	for (i = 0; i < got; i++)
		assert_int_equal(ents[out[i]].pid % 2, 0);
	assert_mark_zero();
	/* The same snapshot listed backwards: deepest first. */
	for (i = 0; i < N / 2; i++) {
		struct procent t = ents[i];

		ents[i] = ents[N - 1 - i];
		ents[N - 1 - i] = t;
	}
	got = procscan_descendants(ents, N, 1000, mark, out, N);
	assert_int_equal(got, want);
	assert_mark_zero();
}

/* ---- /proc/PID/status: procscan_status_field and its two decisions ---- */

/* As the kernel writes it (6.x), cut after Threads. */
static const char status_ours[] =
    "Name:\tinit-lite\nUmask:\t0022\nState:\tS (sleeping)\n"
    "Tgid:\t42\nNgid:\t0\nPid:\t42\nPPid:\t1\nTracerPid:\t0\n"
    "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t\n"
    "NStgid:\t42\nNSpid:\t42\nNSpgid:\t42\nNSsid:\t1\n"
    "VmPeak:\t    1000 kB\nThreads:\t1\nSigQ:\t0/31015\n";

static int
field(const char *s, const char *key, int *first)
{
	*first = -7;
	return procscan_status_field(s, strlen(s), key, first);
}

static void
test_status_field(void **state)
{
	int v;

	(void)state;
	assert_int_equal(field(status_ours, "NSpid:", &v), 1);
	assert_int_equal(v, 42);
	assert_int_equal(field(status_ours, "Threads:", &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(field(status_ours, "Uid:", &v), 4);
	assert_int_equal(v, 0);
	/* A key is matched whole, at a line start, with its colon. */
	assert_int_equal(field(status_ours, "Pid:", &v), 1);
	assert_int_equal(v, 42);
	assert_int_equal(field(status_ours, "pid:", &v), -1);
	assert_int_equal(field(status_ours, "Tgid", &v), -1);
	assert_int_equal(field(status_ours, "Missing:", &v), -1);
	/* Groups: empty; kB after a number is not a number. */
	assert_int_equal(field(status_ours, "Groups:", &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(field(status_ours, "VmPeak:", &v), -1);
	assert_int_equal(field(status_ours, "SigQ:", &v), -1);
	/* The last line may lack its newline; a cut line ends at len. */
	assert_int_equal(field("A:\t1\nNSpid:\t7\t3", "NSpid:", &v), 2);
	assert_int_equal(v, 7);
	assert_int_equal(field("", "NSpid:", &v), -1);
	assert_int_equal(field("NSpid:", "NSpid:", &v), 0);
	assert_int_equal(field("NSpi", "NSpid:", &v), -1);
	assert_int_equal(field("NSpid:\t4194304\n", "NSpid:", &v), -1);
	assert_int_equal(field("NSpid:\t-1\n", "NSpid:", &v), -1);
	/* Only len bytes are read. */
	v = -7;
	assert_int_equal(procscan_status_field("NSpid:\t12345", 9, "NSpid:",
	    &v), 1);
	assert_int_equal(v, 12);
}

static int
ours(const char *s, int self)
{
	return procscan_proc_is_ours(s, strlen(s), self);
}

static void
test_proc_is_ours(void **state)
{
	(void)state;
	assert_int_equal(ours(status_ours, 42), 1);
	/* Same number, but the process is also pid 7 in a deeper namespace:
	 * this /proc is an ancestor namespace's (pids collide by chance). */
	assert_int_equal(ours("Pid:\t42\nNSpid:\t42\t7\n", 42), 0);
	assert_int_equal(ours("Pid:\t42\nNSpid:\t42\t7\n", 7), 0);
	/* Another number: another namespace's /proc. */
	assert_int_equal(ours("NSpid:\t9\n", 42), 0);
	/* No NSpid (before Linux 4.1), empty, not procfs: not proven. */
	assert_int_equal(ours("Pid:\t42\n", 42), 0);
	assert_int_equal(ours("", 42), 0);
	assert_int_equal(ours("NSpid:\n", 42), 0);
	assert_int_equal(ours("NSpid:\tx\n", 42), 0);
	/* getpid() failed: nothing is ours. */
	assert_int_equal(ours(status_ours, -1), 0);
}

static int
zalive(const char *s)
{
	return procscan_zombie_alive(s, strlen(s));
}

static void
test_zombie_alive(void **state)
{
	(void)state;
	/* A leader that called pthread_exit while one thread runs. */
	assert_int_equal(zalive("State:\tZ (zombie)\nThreads:\t2\n"), 1);
	assert_int_equal(zalive("State:\tZ (zombie)\nThreads:\t300\n"), 1);
	/* A true zombie: the whole group is gone but the leader's entry. */
	assert_int_equal(zalive("State:\tZ (zombie)\nThreads:\t1\n"), 0);
	/* Unreadable or cut before Threads: taken as dead (as before). */
	assert_int_equal(zalive("State:\tZ (zombie)\n"), 0);
	assert_int_equal(zalive(""), 0);
	assert_int_equal(zalive("Threads:\t\n"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_typical),
		cmocka_unit_test(test_stat_hostile_comm),
		cmocka_unit_test(test_stat_malformed),
		cmocka_unit_test(test_stat_respects_len),
		cmocka_unit_test(test_status_field),
		cmocka_unit_test(test_proc_is_ours),
		cmocka_unit_test(test_zombie_alive),
		cmocka_unit_test(test_desc_tree),
		cmocka_unit_test(test_desc_leaf_and_absent),
		cmocka_unit_test(test_desc_never_root_or_ancestors),
		cmocka_unit_test(test_desc_child_listed_before_parent),
		cmocka_unit_test(test_desc_bad_roots),
		cmocka_unit_test(test_desc_ppid_zero_not_a_root),
		cmocka_unit_test(test_desc_garbage_entries_ignored),
		cmocka_unit_test(test_desc_cycle_terminates),
		cmocka_unit_test(test_desc_duplicates_listed_once),
		cmocka_unit_test(test_desc_max_bounds_output),
		cmocka_unit_test(test_desc_large_snapshot),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
