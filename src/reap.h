/* reap: waitpid(-1, WNOHANG) until nothing is left to reap; notes the main
 * child's status when it is among them. */
#ifndef REAP_H
#define REAP_H

#include <sys/types.h>

struct reap {
	pid_t child;		/* main child; 0 in --pause */
	int child_done;		/* the main child has been reaped */
	int child_wstatus;	/* its wait status, once child_done */
	int none_left;		/* ECHILD: init-lite has no child at all */
	int broken;		/* waitpid fails for good: nothing is reaped */
	int warn;		/* -w: warn for every other reaped pid */
	int rtmin, rtmax;	/* for signal names in messages */
};

/* Reaps every zombie there is now. SIGCHLDs coalesce, so one call per
 * SIGCHLD must empty the queue. Returns how many were reaped. */
int	reap_all(struct reap *);

#endif
