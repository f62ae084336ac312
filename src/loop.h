/* loop: the one single-threaded loop. Waits with sigtimedwait (a timeout
 * only while a grace period runs), reaps on SIGCHLD, forwards the rest,
 * and runs the shutdown of the leftovers. */
#ifndef LOOP_H
#define LOOP_H

#include "config.h"
#include "grace.h"
#include "reap.h"
#include "sigmask.h"

struct loop {
	const struct config *cfg;
	const struct sigmask *waited;
	struct reap reap;	/* reap.child is 0 in --pause */
	struct grace grace;
};

/* Returns the status to exit with: the main child's, remapped (0 in
 * --pause), once it and every leftover are gone. */
int	loop_run(struct loop *);

#endif
