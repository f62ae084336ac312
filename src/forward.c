/* forward: owns kill() towards the main child. The caller guarantees the
 * child is not reaped yet, so its pid (and process group id) cannot have
 * been reused: an unreaped zombie keeps both. */
#include <errno.h>
#include <signal.h>

#include "forward.h"
#include "log.h"

void
forward_signal(const struct forward *f, int sig, enum forward_to who)
{
	int to = rewrite_apply(f->rewrite, sig);
	pid_t target = f->pgroup ? -f->child : f->child;

	if (who == FORWARD_LEFTOVERS) {
		log_msg(LVL_DEBUG, "signal %d: forwarding %d to leftovers", sig,
		    to);
		if (to != 0)
			(void)grace_signal(f->grace, to);
		return;
	}
	log_msg(LVL_DEBUG, "signal %d: forwarding %d to %d", sig, to,
	    (int)target);
	if (to == 0)
		return;
	/* ESRCH: the child is exiting and will be reaped on its SIGCHLD. */
	if (kill(target, to) == -1 && errno != ESRCH)
		log_msg(LVL_WARN, "cannot forward signal %d to %d: errno %d",
		    to, (int)target, errno);
}
