/* test_decide: every (phase, event, mode) triple of the loop's decision
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
	enum mode mode;
	enum action act;
	enum phase next;
};

/* C: a program, P: --pause, W: a program with --wait-all. */
#define C	MODE_CHILD
#define P	MODE_PAUSE
#define W	MODE_WAIT_ALL
#define ALL(p, e, a, n)	{ p, e, C, a, n }, { p, e, P, a, n }, \
			{ p, e, W, a, n }
/* The same for a program with and without --wait-all. */
#define CW(p, e, a, n)	{ p, e, C, a, n }, { p, e, W, a, n }

static const struct row rows[] = {
	/* Running: the program's signals go to it; --pause stops on
	 * TERM/INT/QUIT and ignores the rest; --wait-all outlives the
	 * child; the first SIGTERM with --stop-delay is held. */
	{ PHASE_RUNNING, EV_CHILD_DONE, C, ACT_SHUTDOWN, PHASE_GRACE },
	{ PHASE_RUNNING, EV_CHILD_DONE, P, ACT_SHUTDOWN, PHASE_GRACE },
	{ PHASE_RUNNING, EV_CHILD_DONE, W, ACT_WAIT, PHASE_WAITING },
	CW(PHASE_RUNNING, EV_TERM, ACT_FORWARD, PHASE_RUNNING),
	{ PHASE_RUNNING, EV_TERM, P, ACT_SHUTDOWN, PHASE_GRACE },
	ALL(PHASE_RUNNING, EV_TERM_HOLD, ACT_HOLD, PHASE_HELD),
	CW(PHASE_RUNNING, EV_QUIT, ACT_FORWARD, PHASE_RUNNING),
	{ PHASE_RUNNING, EV_QUIT, P, ACT_SHUTDOWN, PHASE_GRACE },
	CW(PHASE_RUNNING, EV_SIGNAL, ACT_FORWARD, PHASE_RUNNING),
	{ PHASE_RUNNING, EV_SIGNAL, P, ACT_NONE, PHASE_RUNNING },
	ALL(PHASE_RUNNING, EV_DEADLINE, ACT_NONE, PHASE_RUNNING),
	ALL(PHASE_RUNNING, EV_NONE_LEFT, ACT_NONE, PHASE_RUNNING),
	CW(PHASE_RUNNING, EV_WAIT_BROKEN, ACT_FORWARD_TERM, PHASE_RUNNING),
	{ PHASE_RUNNING, EV_WAIT_BROKEN, P, ACT_SHUTDOWN, PHASE_GRACE },
	/* Held: the program keeps serving; other signals go at once; a
	 * second TERM or an INT releases the held one first; the delay
	 * over releases it; the child's exit is the usual shutdown, or
	 * with --wait-all the wait, still held. --pause stops at the end
	 * of the delay, or at once on TERM/INT/QUIT. */
	{ PHASE_HELD, EV_CHILD_DONE, C, ACT_SHUTDOWN, PHASE_GRACE },
	{ PHASE_HELD, EV_CHILD_DONE, P, ACT_SHUTDOWN, PHASE_GRACE },
	{ PHASE_HELD, EV_CHILD_DONE, W, ACT_WAIT, PHASE_WAIT_HELD },
	CW(PHASE_HELD, EV_TERM, ACT_RELEASE, PHASE_RUNNING),
	{ PHASE_HELD, EV_TERM, P, ACT_SHUTDOWN, PHASE_GRACE },
	CW(PHASE_HELD, EV_TERM_HOLD, ACT_RELEASE, PHASE_RUNNING),
	{ PHASE_HELD, EV_TERM_HOLD, P, ACT_SHUTDOWN, PHASE_GRACE },
	CW(PHASE_HELD, EV_QUIT, ACT_FORWARD, PHASE_HELD),
	{ PHASE_HELD, EV_QUIT, P, ACT_SHUTDOWN, PHASE_GRACE },
	CW(PHASE_HELD, EV_SIGNAL, ACT_FORWARD, PHASE_HELD),
	{ PHASE_HELD, EV_SIGNAL, P, ACT_NONE, PHASE_HELD },
	CW(PHASE_HELD, EV_DEADLINE, ACT_FORWARD_TERM, PHASE_RUNNING),
	{ PHASE_HELD, EV_DEADLINE, P, ACT_SHUTDOWN, PHASE_GRACE },
	ALL(PHASE_HELD, EV_NONE_LEFT, ACT_NONE, PHASE_HELD),
	CW(PHASE_HELD, EV_WAIT_BROKEN, ACT_FORWARD_TERM, PHASE_RUNNING),
	{ PHASE_HELD, EV_WAIT_BROKEN, P, ACT_SHUTDOWN, PHASE_GRACE },
	/* Waiting (--wait-all): signals to all that is left; TERM/INT or
	 * no child left starts the usual shutdown; the first SIGTERM with
	 * --stop-delay is held. */
	ALL(PHASE_WAITING, EV_CHILD_DONE, ACT_NONE, PHASE_WAITING),
	ALL(PHASE_WAITING, EV_TERM, ACT_SHUTDOWN, PHASE_GRACE),
	ALL(PHASE_WAITING, EV_TERM_HOLD, ACT_HOLD, PHASE_WAIT_HELD),
	ALL(PHASE_WAITING, EV_QUIT, ACT_TO_LEFTOVERS, PHASE_WAITING),
	ALL(PHASE_WAITING, EV_SIGNAL, ACT_TO_LEFTOVERS, PHASE_WAITING),
	ALL(PHASE_WAITING, EV_DEADLINE, ACT_NONE, PHASE_WAITING),
	ALL(PHASE_WAITING, EV_NONE_LEFT, ACT_SHUTDOWN, PHASE_GRACE),
	ALL(PHASE_WAITING, EV_WAIT_BROKEN, ACT_SHUTDOWN, PHASE_GRACE),
	/* Waiting, a SIGTERM held: the delay over, a second TERM or INT,
	 * or no child left starts the shutdown. */
	ALL(PHASE_WAIT_HELD, EV_CHILD_DONE, ACT_NONE, PHASE_WAIT_HELD),
	ALL(PHASE_WAIT_HELD, EV_TERM, ACT_SHUTDOWN, PHASE_GRACE),
	ALL(PHASE_WAIT_HELD, EV_TERM_HOLD, ACT_SHUTDOWN, PHASE_GRACE),
	ALL(PHASE_WAIT_HELD, EV_QUIT, ACT_TO_LEFTOVERS, PHASE_WAIT_HELD),
	ALL(PHASE_WAIT_HELD, EV_SIGNAL, ACT_TO_LEFTOVERS, PHASE_WAIT_HELD),
	ALL(PHASE_WAIT_HELD, EV_DEADLINE, ACT_SHUTDOWN, PHASE_GRACE),
	ALL(PHASE_WAIT_HELD, EV_NONE_LEFT, ACT_SHUTDOWN, PHASE_GRACE),
	ALL(PHASE_WAIT_HELD, EV_WAIT_BROKEN, ACT_SHUTDOWN, PHASE_GRACE),
	/* Grace: a second TERM/INT or the deadline kills; other signals go
	 * to the leftovers; the last one gone ends it. */
	ALL(PHASE_GRACE, EV_CHILD_DONE, ACT_NONE, PHASE_GRACE),
	ALL(PHASE_GRACE, EV_TERM, ACT_KILL, PHASE_KILLING),
	ALL(PHASE_GRACE, EV_TERM_HOLD, ACT_KILL, PHASE_KILLING),
	ALL(PHASE_GRACE, EV_QUIT, ACT_TO_LEFTOVERS, PHASE_GRACE),
	ALL(PHASE_GRACE, EV_SIGNAL, ACT_TO_LEFTOVERS, PHASE_GRACE),
	ALL(PHASE_GRACE, EV_DEADLINE, ACT_KILL, PHASE_KILLING),
	ALL(PHASE_GRACE, EV_NONE_LEFT, ACT_EXIT, PHASE_GRACE),
	ALL(PHASE_GRACE, EV_WAIT_BROKEN, ACT_NONE, PHASE_GRACE),
	/* Killing: only the end (none left, or the short wait over). */
	ALL(PHASE_KILLING, EV_CHILD_DONE, ACT_NONE, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_TERM, ACT_NONE, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_TERM_HOLD, ACT_NONE, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_QUIT, ACT_NONE, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_SIGNAL, ACT_NONE, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_DEADLINE, ACT_EXIT, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_NONE_LEFT, ACT_EXIT, PHASE_KILLING),
	ALL(PHASE_KILLING, EV_WAIT_BROKEN, ACT_NONE, PHASE_KILLING),
};

#define NROWS	(sizeof(rows) / sizeof(rows[0]))

static void
test_every_pair_listed_once(void **state)
{
	int seen[PHASE_COUNT][EVENT_COUNT][MODE_COUNT] = { { { 0 } } };
	size_t i;
	int p, e, z;

	(void)state;
	for (i = 0; i < NROWS; i++)
		seen[rows[i].phase][rows[i].ev][rows[i].mode]++;
	for (p = 0; p < PHASE_COUNT; p++)
		for (e = 0; e < EVENT_COUNT; e++)
			for (z = 0; z < MODE_COUNT; z++)
				if (seen[p][e][z] != 1)
					fail_msg("phase %d event %d mode %d "
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
		d = decide(rows[i].phase, rows[i].ev, rows[i].mode);
		if (d.act != rows[i].act || d.next != rows[i].next)
			fail_msg("phase %d event %d mode %d: got action %d "
			    "next %d, want %d %d", rows[i].phase, rows[i].ev,
			    rows[i].mode, d.act, d.next, rows[i].act,
			    rows[i].next);
	}
}

/* Out of range: the safe answer, nothing done, the last phase. */
static void
test_out_of_range(void **state)
{
	struct decision d;

	(void)state;
	d = decide((enum phase)PHASE_COUNT, EV_TERM, C);
	assert_int_equal(d.act, ACT_NONE);
	d = decide(PHASE_RUNNING, (enum event)EVENT_COUNT, C);
	assert_int_equal(d.act, ACT_NONE);
	d = decide((enum phase)-1, EV_TERM, C);
	assert_int_equal(d.act, ACT_NONE);
	d = decide(PHASE_RUNNING, EV_TERM, (enum mode)MODE_COUNT);
	assert_int_equal(d.act, ACT_NONE);
	d = decide(PHASE_RUNNING, EV_TERM, (enum mode)-1);
	assert_int_equal(d.act, ACT_NONE);
}

/* Properties that must hold whatever the table says: no exit while the
 * program runs; nothing forwarded to the child once it is done; SIGKILL
 * only after the grace began; a delay starts only where a SIGTERM is
 * held, from a phase without one; a phase without a deadline ignores
 * EV_DEADLINE; --wait-all's phases are entered in that mode only. */
static int
child_runs(int p)
{
	return p == PHASE_RUNNING || p == PHASE_HELD;
}

static int
has_deadline(int p)
{
	return p == PHASE_HELD || p == PHASE_WAIT_HELD || p == PHASE_GRACE ||
	    p == PHASE_KILLING;
}

static int
waiting(int p)
{
	return p == PHASE_WAITING || p == PHASE_WAIT_HELD;
}

static void
check_invariants(int p, int e, int z, struct decision d)
{
	if (child_runs(p))
		assert_true(d.act != ACT_EXIT && d.act != ACT_KILL &&
		    d.act != ACT_TO_LEFTOVERS);
	else
		assert_true(d.act != ACT_FORWARD && d.act != ACT_FORWARD_TERM &&
		    d.act != ACT_RELEASE && d.act != ACT_WAIT);
	if (p >= PHASE_GRACE)
		assert_true(d.act != ACT_SHUTDOWN && d.act != ACT_HOLD);
	if (d.act == ACT_KILL)
		assert_int_equal(p, PHASE_GRACE);
	if (d.act == ACT_HOLD)
		assert_true(e == EV_TERM_HOLD && !has_deadline(p) &&
		    has_deadline(d.next));
	if (e == EV_DEADLINE && !has_deadline(p))
		assert_true(d.act == ACT_NONE && (int)d.next == p);
	if (waiting(d.next) && !waiting(p))
		assert_int_equal(z, MODE_WAIT_ALL);
	/* --pause has no program to hold a signal for. */
	if (z == MODE_PAUSE)
		assert_true(d.act != ACT_RELEASE && d.act != ACT_FORWARD &&
		    d.act != ACT_FORWARD_TERM);
}

static void
test_invariants(void **state)
{
	int p, e, z;

	(void)state;
	for (p = 0; p < PHASE_COUNT; p++)
		for (e = 0; e < EVENT_COUNT; e++)
			for (z = 0; z < MODE_COUNT; z++)
				check_invariants(p, e, z, decide((enum phase)p,
				    (enum event)e, (enum mode)z));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_pair_listed_once),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_invariants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
