/* clock: owns clock_gettime. Never lets a clock failure stop a deadline:
 * without a clock, time is estimated so that every grace still ends. */
#include <errno.h>
#include <time.h>

#include "clock.h"
#include "deadline.h"
#include "log.h"
#include "sys.h"

/* A wait cut short by a signal counts for this much without a clock, so a
 * stream of signals still moves the estimate on and the grace ends. */
#define EARLY_WAKE_MS	1UL

void
clock_now(struct clock *c, struct timespec *now)
{
	/* The raw call (sys.c): libc's vDSO lookup costs ~1 KiB, and the
	 * clock is read only a few times per grace period. */
	if (!c->broken && sys_clock_monotonic(now) == 0)
		return;
	if (!c->broken) {
		log_msg(LVL_WARN, "cannot read the clock: errno %d; timing "
		    "the grace by the waits", errno);
		c->broken = 1;
	}
	*now = c->guess;
}

void
clock_waited(struct clock *c, const struct timespec *slept, int timed_out)
{
	if (!c->broken)
		return;
	if (timed_out && slept != NULL)
		c->guess = deadline_after(c->guess,
		    (unsigned long)slept->tv_sec * 1000UL +
		    (unsigned long)slept->tv_nsec / 1000000UL + 1UL);
	else
		c->guess = deadline_after(c->guess, EARLY_WAKE_MS);
}
