/* test_decide: every (phase, event, --pause) triple of the loop's decision
 * table against an expectation written out here row by row, so a change
 * to the table is a change to this list too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>

#include "decide.h"

struct row {
	enum phase phase;
	enum event ev;
	int pause;
	enum action act;
	enum phase next;
};

#define BOTH(p, e, a, n)	{ p, e, 0, a, n }, { p, e, 1, a, n }

static const struct row rows[] = {
	/* Running: the program's signals go to it; --pause stops on
	 * TERM/INT/QUIT and ignores the rest. */
	BOTH(PHASE_RUNNING, EV_CHILD_DONE, ACT_SHUTDOWN, PHASE_GRACE),
	{ PHASE_RUNNING, EV_TERM, 0, ACT_FORWARD, PHASE_RUNNING },
	{ PHASE_RUNNING, EV_TERM, 1, ACT_SHUTDOWN, PHASE_GRACE },
	{ PHASE_RUNNING, EV_QUIT, 0, ACT_FORWARD, PHASE_RUNNING },
	{ PHASE_RUNNING, EV_QUIT, 1, ACT_SHUTDOWN, PHASE_GRACE },
	{ PHASE_RUNNING, EV_SIGNAL, 0, ACT_FORWARD, PHASE_RUNNING },
	{ PHASE_RUNNING, EV_SIGNAL, 1, ACT_NONE, PHASE_RUNNING },
	BOTH(PHASE_RUNNING, EV_DEADLINE, ACT_NONE, PHASE_RUNNING),
	BOTH(PHASE_RUNNING, EV_NONE_LEFT, ACT_NONE, PHASE_RUNNING),
	{ PHASE_RUNNING, EV_WAIT_BROKEN, 0, ACT_FORWARD_TERM, PHASE_RUNNING },
	{ PHASE_RUNNING, EV_WAIT_BROKEN, 1, ACT_SHUTDOWN, PHASE_GRACE },
	/* Grace: a second TERM/INT or the deadline kills; other signals go
	 * to the leftovers; the last one gone ends it. */
	BOTH(PHASE_GRACE, EV_CHILD_DONE, ACT_NONE, PHASE_GRACE),
	BOTH(PHASE_GRACE, EV_TERM, ACT_KILL, PHASE_KILLING),
	BOTH(PHASE_GRACE, EV_QUIT, ACT_TO_LEFTOVERS, PHASE_GRACE),
	BOTH(PHASE_GRACE, EV_SIGNAL, ACT_TO_LEFTOVERS, PHASE_GRACE),
	BOTH(PHASE_GRACE, EV_DEADLINE, ACT_KILL, PHASE_KILLING),
	BOTH(PHASE_GRACE, EV_NONE_LEFT, ACT_EXIT, PHASE_GRACE),
	BOTH(PHASE_GRACE, EV_WAIT_BROKEN, ACT_NONE, PHASE_GRACE),
	/* Killing: only the end (none left, or the short wait over). */
	BOTH(PHASE_KILLING, EV_CHILD_DONE, ACT_NONE, PHASE_KILLING),
	BOTH(PHASE_KILLING, EV_TERM, ACT_NONE, PHASE_KILLING),
	BOTH(PHASE_KILLING, EV_QUIT, ACT_NONE, PHASE_KILLING),
	BOTH(PHASE_KILLING, EV_SIGNAL, ACT_NONE, PHASE_KILLING),
	BOTH(PHASE_KILLING, EV_DEADLINE, ACT_EXIT, PHASE_KILLING),
	BOTH(PHASE_KILLING, EV_NONE_LEFT, ACT_EXIT, PHASE_KILLING),
	BOTH(PHASE_KILLING, EV_WAIT_BROKEN, ACT_NONE, PHASE_KILLING),
};

#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static void
test_every_pair_listed_once(void **state)
{
	int seen[PHASE_COUNT][EVENT_COUNT][2] = { { { 0 } } };
	size_t i;
	int p, e, z;

	(void)state;
	for (i = 0; i < NROWS; i++)
		seen[rows[i].phase][rows[i].ev][rows[i].pause]++;
	for (p = 0; p < PHASE_COUNT; p++)
		for (e = 0; e < EVENT_COUNT; e++)
			for (z = 0; z < 2; z++)
				if (seen[p][e][z] != 1)
					fail_msg("phase %d event %d pause %d "
					    "listed %d times", p, e, z,
					    seen[p][e][z]);
}

static void
test_table(void **state)
{
	struct decision d;
	size_t i;

	(void)state;
	for (i = 0; i < NROWS; i++) {
		d = decide(rows[i].phase, rows[i].ev, rows[i].pause);
		if (d.act != rows[i].act || d.next != rows[i].next)
			fail_msg("phase %d event %d pause %d: got action %d "
			    "next %d, want %d %d", rows[i].phase, rows[i].ev,
			    rows[i].pause, d.act, d.next, rows[i].act,
			    rows[i].next);
	}
}

/* Any non-zero pause is --pause. */
static void
test_pause_is_a_boolean(void **state)
{
	struct decision d;

	(void)state;
	d = decide(PHASE_RUNNING, EV_TERM, 7);
	assert_int_equal(d.act, ACT_SHUTDOWN);
}

/* Out of range: the safe answer, nothing done, the last phase. */
static void
test_out_of_range(void **state)
{
	struct decision d;

	(void)state;
	d = decide((enum phase)PHASE_COUNT, EV_TERM, 0);
	assert_int_equal(d.act, ACT_NONE);
	d = decide(PHASE_RUNNING, (enum event)EVENT_COUNT, 0);
	assert_int_equal(d.act, ACT_NONE);
	d = decide((enum phase)-1, EV_TERM, 0);
	assert_int_equal(d.act, ACT_NONE);
}

/* Properties that must hold whatever the table says: no exit while the
 * program runs; nothing forwarded to the child once it is done; SIGKILL
 * only after the grace began. */
static void
test_invariants(void **state)
{
	struct decision d;
	int p, e, z;

	(void)state;
	for (p = 0; p < PHASE_COUNT; p++)
		for (e = 0; e < EVENT_COUNT; e++)
			for (z = 0; z < 2; z++) {
				d = decide((enum phase)p, (enum event)e, z);
				if (p == PHASE_RUNNING)
					assert_true(d.act != ACT_EXIT &&
					    d.act != ACT_KILL);
				if (p != PHASE_RUNNING)
					assert_true(d.act != ACT_FORWARD &&
					    d.act != ACT_FORWARD_TERM &&
					    d.act != ACT_SHUTDOWN);
				if (d.act == ACT_KILL)
					assert_int_equal(p, PHASE_GRACE);
			}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair_listed_once),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_pause_is_a_boolean),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_invariants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
