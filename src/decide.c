/* decide: the order of events at run time and at shutdown, as one table.
 * Pure; every (phase, event) pair has exactly one answer, with and without
 * --pause, and the unit test walks all of them. */
#include "decide.h"

#define D(act, next)	((unsigned char)((act) | (next) << 4))

/* [phase][event][pause]: what to do, and the phase that follows. */
static const unsigned char table[PHASE_COUNT][EVENT_COUNT][2] = {
	[PHASE_RUNNING] = {
		/* With no child (--pause) the child is never done. */
		[EV_CHILD_DONE] = { D(ACT_SHUTDOWN, PHASE_GRACE),
				    D(ACT_SHUTDOWN, PHASE_GRACE) },
		/* --pause stops on TERM, INT and QUIT (a pod's infra). */
		[EV_TERM] =	  { D(ACT_FORWARD, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE) },
		[EV_QUIT] =	  { D(ACT_FORWARD, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE) },
		[EV_SIGNAL] =	  { D(ACT_FORWARD, PHASE_RUNNING),
				    D(ACT_NONE, PHASE_RUNNING) },
		/* No deadline runs and leftovers are not counted yet. */
		[EV_DEADLINE] =	  { D(ACT_NONE, PHASE_RUNNING),
				    D(ACT_NONE, PHASE_RUNNING) },
		[EV_NONE_LEFT] =  { D(ACT_NONE, PHASE_RUNNING),
				    D(ACT_NONE, PHASE_RUNNING) },
		/* No signal can reach the program through init-lite any
		 * more, so a docker stop would end in SIGKILL: stop it now,
		 * with its SIGTERM and the grace, while init-lite can. */
		[EV_WAIT_BROKEN] = { D(ACT_FORWARD_TERM, PHASE_RUNNING),
				    D(ACT_SHUTDOWN, PHASE_GRACE) },
	},
	[PHASE_GRACE] = {
		[EV_CHILD_DONE] = { D(ACT_NONE, PHASE_GRACE),
				    D(ACT_NONE, PHASE_GRACE) },
		/* The operator insists (a second docker stop, ^C). */
		[EV_TERM] =	  { D(ACT_KILL, PHASE_KILLING),
				    D(ACT_KILL, PHASE_KILLING) },
		[EV_QUIT] =	  { D(ACT_TO_LEFTOVERS, PHASE_GRACE),
				    D(ACT_TO_LEFTOVERS, PHASE_GRACE) },
		[EV_SIGNAL] =	  { D(ACT_TO_LEFTOVERS, PHASE_GRACE),
				    D(ACT_TO_LEFTOVERS, PHASE_GRACE) },
		[EV_DEADLINE] =	  { D(ACT_KILL, PHASE_KILLING),
				    D(ACT_KILL, PHASE_KILLING) },
		[EV_NONE_LEFT] =  { D(ACT_EXIT, PHASE_GRACE),
				    D(ACT_EXIT, PHASE_GRACE) },
		/* Polling goes on; the deadline still ends the grace. */
		[EV_WAIT_BROKEN] = { D(ACT_NONE, PHASE_GRACE),
				    D(ACT_NONE, PHASE_GRACE) },
	},
	/* Only reaping is left: a leftover that outlives SIGKILL is stuck in
	 * the kernel, and waiting longer would not help. */
	[PHASE_KILLING] = {
		[EV_CHILD_DONE] = { D(ACT_NONE, PHASE_KILLING),
				    D(ACT_NONE, PHASE_KILLING) },
		[EV_TERM] =	  { D(ACT_NONE, PHASE_KILLING),
				    D(ACT_NONE, PHASE_KILLING) },
		[EV_QUIT] =	  { D(ACT_NONE, PHASE_KILLING),
				    D(ACT_NONE, PHASE_KILLING) },
		[EV_SIGNAL] =	  { D(ACT_NONE, PHASE_KILLING),
				    D(ACT_NONE, PHASE_KILLING) },
		[EV_DEADLINE] =	  { D(ACT_EXIT, PHASE_KILLING),
				    D(ACT_EXIT, PHASE_KILLING) },
		[EV_NONE_LEFT] =  { D(ACT_EXIT, PHASE_KILLING),
				    D(ACT_EXIT, PHASE_KILLING) },
		[EV_WAIT_BROKEN] = { D(ACT_NONE, PHASE_KILLING),
				    D(ACT_NONE, PHASE_KILLING) },
	},
};

struct decision
decide(enum phase phase, enum event ev, int pause)
{
	struct decision d = { ACT_NONE, PHASE_KILLING };
	unsigned char e;

	if ((unsigned)phase >= PHASE_COUNT || (unsigned)ev >= EVENT_COUNT)
		return d;
	e = table[phase][ev][pause != 0];
	d.act = (enum action)(e & 15);
	d.next = (enum phase)(e >> 4);
	return d;
}
