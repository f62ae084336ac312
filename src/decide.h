/* decide: the loop's decisions as a pure function: the phase the loop is
 * in and what just happened -> what to do and the phase to go to. */
#ifndef DECIDE_H
#define DECIDE_H

enum phase {
	PHASE_RUNNING,		/* the main child (or --pause) is running */
	PHASE_HELD,		/* running, a SIGTERM held (--stop-delay) */
	PHASE_WAITING,		/* --wait-all: child gone, others running */
	PHASE_WAIT_HELD,	/* waiting, a SIGTERM held (--stop-delay) */
	PHASE_GRACE,		/* leftovers got SIGTERM; the grace runs */
	PHASE_KILLING,		/* leftovers got SIGKILL; reaping them */
	PHASE_COUNT
};

enum event {
	EV_CHILD_DONE,		/* reaping found the main child's status */
	EV_TERM,		/* SIGTERM or SIGINT received */
	EV_TERM_HOLD,		/* the first SIGTERM, with --stop-delay */
	EV_QUIT,		/* SIGQUIT received */
	EV_SIGNAL,		/* any other forwarded signal received */
	EV_DEADLINE,		/* the delay, the grace (or the wait after
				 * SIGKILL) is over */
	EV_NONE_LEFT,		/* no leftover is alive any more (waiting:
				 * no child of init-lite) */
	EV_WAIT_BROKEN,		/* signals cannot be waited for at all */
	EVENT_COUNT
};

enum action {
	ACT_NONE,
	ACT_FORWARD,		/* the signal, rewritten, to the child */
	ACT_FORWARD_TERM,	/* a SIGTERM of our own (or the held one),
				 * rewritten, to the child */
	ACT_RELEASE,		/* the held SIGTERM, then the signal, both
				 * rewritten, to the child */
	ACT_HOLD,		/* hold the SIGTERM: the delay starts */
	ACT_TO_LEFTOVERS,	/* the signal, rewritten, to the leftovers */
	ACT_WAIT,		/* --wait-all: the child is done; exit at once
				 * if nothing else is left */
	ACT_SHUTDOWN,		/* SIGTERM + SIGCONT to leftovers, grace starts;
				 * exit at once if there is nothing to wait for */
	ACT_KILL,		/* SIGKILL to leftovers; a short wait starts */
	ACT_EXIT,		/* exit with the child's (remapped) status */
	ACTION_COUNT
};

/* What runs: a program, --pause (no program), or a program whose exit
 * leaves the rest running (--wait-all). */
enum mode {
	MODE_CHILD,
	MODE_PAUSE,
	MODE_WAIT_ALL,
	MODE_COUNT
};

struct decision {
	enum action act;
	enum phase next;
};

/* What the loop does on ev in phase. */
struct decision	decide(enum phase, enum event, enum mode);

#endif
