/* forward: owns kill() towards the main child, and whom a signal goes to
 * (child, group, or grace's set). The caller guarantees the child is not
 * reaped yet, so its pid (and process group id) cannot have been reused:
 * an unreaped zombie keeps both. */
#include <errno.h>
#include <signal.h>

#include "forward.h"
#include "log.h"

void
forward_signal(const struct forward *f, int sig, enum forward_to who)
{
	int to = rewrite_apply(f->rewrite, sig);
	pid_t target = f->pgroup ? -f->child : f->child;

	if (who == FORWARD_LEFTOVERS || f->all) {
		log_msg(LVL_DEBUG, "signal %d: forwarding %d to %s", sig, to,
		    who == FORWARD_LEFTOVERS ? "leftovers" : "all");
		if (to == 0)
			return;
		/* -a reaches a daemon that left the child's group with
		 * setsid (tini #95, dumb-init #191). If it hits nobody (no
		 * /proc, the child a zombie), the child still gets it. */
		if (grace_signal(f->grace, to) > 0 ||
		    who == FORWARD_LEFTOVERS)
			return;
	} else {
		log_msg(LVL_DEBUG, "signal %d: forwarding %d to %d", sig, to,
		    (int)target);
		if (to == 0)
			return;
	}
	/* ESRCH: the child is exiting and will be reaped on its SIGCHLD. */
	if (kill(target, to) == -1 && errno != ESRCH)
		log_msg(LVL_WARN, "cannot forward signal %d to %d: errno %d",
		    to, (int)target, errno);
}
