/* decide: the loop's decisions as a pure function: the phase the loop is
 * in and what just happened -> what to do and the phase to go to. */
#ifndef DECIDE_H
#define DECIDE_H

enum phase {
	PHASE_RUNNING,		/* the main child (or --pause) is running */
	PHASE_GRACE,		/* leftovers got SIGTERM; the grace runs */
	PHASE_KILLING,		/* leftovers got SIGKILL; reaping them */
	PHASE_COUNT
};

enum event {
	EV_CHILD_DONE,		/* reaping found the main child's status */
	EV_TERM,		/* SIGTERM or SIGINT received */
	EV_QUIT,		/* SIGQUIT received */
	EV_SIGNAL,		/* any other forwarded signal received */
	EV_DEADLINE,		/* the grace (or the wait after SIGKILL) is over */
	EV_NONE_LEFT,		/* no leftover is alive any more */
	EV_WAIT_BROKEN,		/* signals cannot be waited for at all */
	EVENT_COUNT
};

enum action {
	ACT_NONE,
	ACT_FORWARD,		/* the signal, rewritten, to the child */
	ACT_FORWARD_TERM,	/* a SIGTERM of our own, rewritten, to the child */
	ACT_TO_LEFTOVERS,	/* the signal, rewritten, to the leftovers */
	ACT_SHUTDOWN,		/* SIGTERM + SIGCONT to leftovers, grace starts;
				 * exit at once if there is nothing to wait for */
	ACT_KILL,		/* SIGKILL to leftovers; a short wait starts */
	ACT_EXIT,		/* exit with the child's (remapped) status */
	ACTION_COUNT
};

struct decision {
	enum action act;
	enum phase next;
};

/* What the loop does on ev in phase. pause: --pause (no child). */
struct decision	decide(enum phase, enum event, int pause);

#endif
