/* deadline: absolute CLOCK_MONOTONIC deadlines and the time left until
 * them. Pure: "now" comes in as a parameter. */
#ifndef DEADLINE_H
#define DEADLINE_H

#include <time.h>

/* now + ms, normalised. */
struct timespec	deadline_after(struct timespec now, unsigned long ms);
/* Time from now to deadline in *left; 0 if some is left, -1 if the
 * deadline has passed (then *left is zero). */
int	deadline_left(struct timespec now, struct timespec deadline,
	    struct timespec *left);

#endif
