/* reap: owns waitpid. Never blocks: WNOHANG always, so the loop stays the
 * only place that waits. */
#include <errno.h>
#include <sys/wait.h>

#include "log.h"
#include "reap.h"
#include "signame.h"

static void
report(const struct reap *r, pid_t pid, int wstatus)
{
	char name[24];
	int level = pid == r->child ? LVL_INFO :
	    r->warn ? LVL_WARN : LVL_DEBUG;

	if (!log_enabled(level))
		return;
	if (WIFSIGNALED(wstatus)) {
		signame_from_num(WTERMSIG(wstatus), r->rtmin, r->rtmax, name,
		    sizeof(name));
		log_msg(level, "reaped %s %d: killed by %s",
		    pid == r->child ? "child" : "pid", (int)pid, name);
	} else
		log_msg(level, "reaped %s %d: exit status %d",
		    pid == r->child ? "child" : "pid", (int)pid,
		    WEXITSTATUS(wstatus));
}

/* waitpid fails only for ECHILD, EINTR or a reason that stays (a seccomp
 * profile): the child's status can never be known, and no zombie can be
 * reaped. Said once; the child counts as done with init-lite's own 125,
 * so the usual shutdown (SIGTERM, grace, SIGKILL) ends the run. */
static void
cannot_reap(struct reap *r)
{
	log_msg(LVL_ERROR, "waitpid failed: errno %d; cannot reap, stopping",
	    errno);
	r->broken = 1;
	if (!r->child_done) {
		r->child_done = 1;
		r->child_wstatus = 125 << 8;
	}
}

int
reap_all(struct reap *r)
{
	pid_t pid;
	int wstatus, count = 0;

	for (;;) {
		pid = waitpid(-1, &wstatus, WNOHANG);
		if (pid == -1 && errno == EINTR)
			continue;
		if (pid == -1) {
			if (errno == ECHILD)
				r->none_left = 1;
			else if (!r->broken)
				cannot_reap(r);
			return count;
		}
		if (pid == 0) {
			r->none_left = 0;
			return count;
		}
		count++;
		r->none_left = 0;
		report(r, pid, wstatus);
		if (pid == r->child && !r->child_done) {
			r->child_done = 1;
			r->child_wstatus = wstatus;
		}
	}
}
