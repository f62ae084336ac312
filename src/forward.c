/* forward: owns kill() towards the main child. The caller guarantees the
 * child is not reaped yet, so its pid (and process group id) cannot have
 * been reused: an unreaped zombie keeps both. */
#include <errno.h>
#include <signal.h>

#include "forward.h"
#include "log.h"
#include "signame.h"

void
forward_signal(const struct forward *f, int sig)
{
	char name[24], to_name[24];
	int to = rewrite_apply(f->rewrite, sig);
	pid_t target = f->pgroup ? -f->child : f->child;

	if (log_enabled(LOG_DEBUG)) {
		signame_from_num(sig, f->rtmin, f->rtmax, name, sizeof(name));
		signame_from_num(to, f->rtmin, f->rtmax, to_name,
		    sizeof(to_name));
		if (to == 0)
			log_msg(LOG_DEBUG, "dropping %s (rewrite table)", name);
		else
			log_msg(LOG_DEBUG, "forwarding %s as %s to %s %d", name,
			    to_name, f->pgroup ? "group" : "pid", (int)f->child);
	}
	if (to == 0)
		return;
	/* ESRCH: the child is exiting and will be reaped on its SIGCHLD. */
	if (kill(target, to) == -1 && errno != ESRCH)
		log_msg(LOG_WARNING, "cannot forward signal %d to %d: errno %d",
		    to, (int)target, errno);
}
