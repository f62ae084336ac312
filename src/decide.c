/* decide: the order of events at run time and at shutdown, as one table.
 * Pure; every (phase, event) pair has exactly one answer in each mode
 * (program, --pause, --wait-all), and the unit test walks all of them. */
#include "decide.h"

#define D(act, next)	((unsigned char)((act) | (next) << 4))
/* One answer for a program, --pause and --wait-all alike. */
#define ALL(act, next)	{ D(act, next), D(act, next), D(act, next) }

/* [phase][event][mode]: what to do, and the phase that follows. */
static const unsigned char table[PHASE_COUNT][EVENT_COUNT][MODE_COUNT] = {
	[PHASE_RUNNING] = {
		/* With no child (--pause) the child is never done. */
		[EV_CHILD_DONE] = { D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_WAIT, PHASE_WAITING) },
		/* --pause stops on TERM, INT and QUIT (a pod's infra). */
		[EV_TERM] =	  { D(ACT_FORWARD, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_FORWARD, PHASE_RUNNING) },
		/* A load balancer still sends traffic for a while. */
		[EV_TERM_HOLD] =  ALL(ACT_HOLD, PHASE_HELD),
		[EV_QUIT] =	  { D(ACT_FORWARD, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_FORWARD, PHASE_RUNNING) },
		[EV_SIGNAL] =	  { D(ACT_FORWARD, PHASE_RUNNING),
				    D(ACT_NONE, PHASE_RUNNING),
				    D(ACT_FORWARD, PHASE_RUNNING) },
		/* No deadline runs and leftovers are not counted yet. */
		[EV_DEADLINE] =	  ALL(ACT_NONE, PHASE_RUNNING),
		[EV_NONE_LEFT] =  ALL(ACT_NONE, PHASE_RUNNING),
		/* No signal can reach the program through init-lite any
		 * more, so a docker stop would end in SIGKILL: stop it now,
		 * with its SIGTERM and the grace, while init-lite can. */
		[EV_WAIT_BROKEN] = { D(ACT_FORWARD_TERM, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_FORWARD_TERM, PHASE_RUNNING) },
	},
	/* The program keeps serving; everything else goes through at once.
	 * The operator insisting (a second TERM, ^C) ends the delay. */
	[PHASE_HELD] = {
		/* Shutdown as usual: the held TERM has no one to go to. */
		[EV_CHILD_DONE] = { D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_WAIT, PHASE_WAIT_HELD) },
		[EV_TERM] =	  { D(ACT_RELEASE, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_RELEASE, PHASE_RUNNING) },
		[EV_TERM_HOLD] =  { D(ACT_RELEASE, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_RELEASE, PHASE_RUNNING) },
		[EV_QUIT] =	  { D(ACT_FORWARD, PHASE_HELD),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_FORWARD, PHASE_HELD) },
		[EV_SIGNAL] =	  { D(ACT_FORWARD, PHASE_HELD),
				    D(ACT_NONE, PHASE_HELD),
				    D(ACT_FORWARD, PHASE_HELD) },
		[EV_DEADLINE] =	  { D(ACT_FORWARD_TERM, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_FORWARD_TERM, PHASE_RUNNING) },
		[EV_NONE_LEFT] =  ALL(ACT_NONE, PHASE_HELD),
		[EV_WAIT_BROKEN] = { D(ACT_FORWARD_TERM, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_FORWARD_TERM, PHASE_RUNNING) },
	},
	/* --wait-all after the child's exit: reap, pass every signal to all
	 * of the rest, leave when no child of init-lite is left (what
	 * entered from outside then gets the usual shutdown). Reached in
	 * that mode only: one answer for all three. */
	[PHASE_WAITING] = {
		[EV_CHILD_DONE] = ALL(ACT_NONE, PHASE_WAITING),
		[EV_TERM] =	  ALL(ACT_SHUTDOWN, PHASE_GRACE),
		[EV_TERM_HOLD] =  ALL(ACT_HOLD, PHASE_WAIT_HELD),
		[EV_QUIT] =	  ALL(ACT_TO_LEFTOVERS, PHASE_WAITING),
		[EV_SIGNAL] =	  ALL(ACT_TO_LEFTOVERS, PHASE_WAITING),
		[EV_DEADLINE] =	  ALL(ACT_NONE, PHASE_WAITING),
		[EV_NONE_LEFT] =  ALL(ACT_SHUTDOWN, PHASE_GRACE),
		[EV_WAIT_BROKEN] = ALL(ACT_SHUTDOWN, PHASE_GRACE),
	},
	[PHASE_WAIT_HELD] = {
		[EV_CHILD_DONE] = ALL(ACT_NONE, PHASE_WAIT_HELD),
		[EV_TERM] =	  ALL(ACT_SHUTDOWN, PHASE_GRACE),
		[EV_TERM_HOLD] =  ALL(ACT_SHUTDOWN, PHASE_GRACE),
		[EV_QUIT] =	  ALL(ACT_TO_LEFTOVERS, PHASE_WAIT_HELD),
		[EV_SIGNAL] =	  ALL(ACT_TO_LEFTOVERS, PHASE_WAIT_HELD),
		[EV_DEADLINE] =	  ALL(ACT_SHUTDOWN, PHASE_GRACE),
		[EV_NONE_LEFT] =  ALL(ACT_SHUTDOWN, PHASE_GRACE),
		[EV_WAIT_BROKEN] = ALL(ACT_SHUTDOWN, PHASE_GRACE),
	},
	[PHASE_GRACE] = {
		[EV_CHILD_DONE] = ALL(ACT_NONE, PHASE_GRACE),
		/* The operator insists (a second docker stop, ^C). */
		[EV_TERM] =	  ALL(ACT_KILL, PHASE_KILLING),
		[EV_TERM_HOLD] =  ALL(ACT_KILL, PHASE_KILLING),
		[EV_QUIT] =	  ALL(ACT_TO_LEFTOVERS, PHASE_GRACE),
		[EV_SIGNAL] =	  ALL(ACT_TO_LEFTOVERS, PHASE_GRACE),
		[EV_DEADLINE] =	  ALL(ACT_KILL, PHASE_KILLING),
		[EV_NONE_LEFT] =  ALL(ACT_EXIT, PHASE_GRACE),
		/* Polling goes on; the deadline still ends the grace. */
		[EV_WAIT_BROKEN] = ALL(ACT_NONE, PHASE_GRACE),
	},
	/* Only reaping is left: a leftover that outlives SIGKILL is stuck in
	 * the kernel, and waiting longer would not help. */
	[PHASE_KILLING] = {
		[EV_CHILD_DONE] = ALL(ACT_NONE, PHASE_KILLING),
		[EV_TERM] =	  ALL(ACT_NONE, PHASE_KILLING),
		[EV_TERM_HOLD] =  ALL(ACT_NONE, PHASE_KILLING),
		[EV_QUIT] =	  ALL(ACT_NONE, PHASE_KILLING),
		[EV_SIGNAL] =	  ALL(ACT_NONE, PHASE_KILLING),
		[EV_DEADLINE] =	  ALL(ACT_EXIT, PHASE_KILLING),
		[EV_NONE_LEFT] =  ALL(ACT_EXIT, PHASE_KILLING),
		[EV_WAIT_BROKEN] = ALL(ACT_NONE, PHASE_KILLING),
	},
};

struct decision
decide(enum phase phase, enum event ev, enum mode mode)
{
	struct decision d = { ACT_NONE, PHASE_KILLING };
	unsigned char e;

	if ((unsigned)phase >= PHASE_COUNT || (unsigned)ev >= EVENT_COUNT ||
	    (unsigned)mode >= MODE_COUNT)
		return d;
	e = table[phase][ev][mode];
	d.act = (enum action)(e & 15);
	d.next = (enum phase)(e >> 4);
	return d;
}
