/* deadline: the arithmetic of the grace period, apart from the clock so it
 * can be tested. Never yields a negative or unnormalised timespec. */
#include "deadline.h"

#define NSEC_PER_SEC	1000000000L

struct timespec
deadline_after(struct timespec now, unsigned long ms)
{
	struct timespec d;

	d.tv_sec = now.tv_sec + (time_t)(ms / 1000);
	d.tv_nsec = now.tv_nsec + (long)(ms % 1000) * 1000000L;
	if (d.tv_nsec >= NSEC_PER_SEC) {
		d.tv_sec++;
		d.tv_nsec -= NSEC_PER_SEC;
	}
	return d;
}

int
deadline_left(struct timespec now, struct timespec deadline,
    struct timespec *left)
{
	left->tv_sec = deadline.tv_sec - now.tv_sec;
	left->tv_nsec = deadline.tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_sec--;
		left->tv_nsec += NSEC_PER_SEC;
	}
	if (left->tv_sec < 0 || (left->tv_sec == 0 && left->tv_nsec == 0)) {
		left->tv_sec = 0;
		left->tv_nsec = 0;
		return -1;
	}
	return 0;
}
