/* clock: CLOCK_MONOTONIC for the grace deadlines, and a stand-in when no
 * clock can be read (a seccomp filter that denies clock_gettime). */
#ifndef CLOCK_H
#define CLOCK_H

#include <time.h>

struct clock {
	int broken;		/* no clock: time is estimated from the waits */
	struct timespec guess;	/* the estimate, once broken */
};

/* The monotonic time now, or the estimate once the clock has failed. */
void	clock_now(struct clock *, struct timespec *now);
/* A wait with a timeout has ended: timed_out says whether it ran its whole
 * length, slept. Without a clock this is all the time init-lite knows. */
void	clock_waited(struct clock *, const struct timespec *slept,
	    int timed_out);

#endif
