/* loop: the order of events at run time and at shutdown. Nothing here may
 * end init-lite early: a transient error is logged and the loop goes on,
 * because PID 1 dying kills the whole container. */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <time.h>

#include "deadline.h"
#include "forward.h"
#include "log.h"
#include "loop.h"
#include "remap.h"
#include "status.h"

/* After SIGKILL, how long to wait for the leftovers to be reaped: they die
 * at once unless stuck in the kernel (D state), and then waiting longer
 * would not help. */
#define KILL_WAIT_MS	2000UL
/* How often to look for leftovers that send no SIGCHLD (entered the
 * namespace from outside) when no child of init-lite is left. */
#define NONCHILD_POLL_NS	20000000L

enum phase {
	PHASE_RUNNING,		/* the main child (or --pause) is running */
	PHASE_GRACE,		/* leftovers got SIGTERM; deadline runs */
	PHASE_KILLING,		/* leftovers got SIGKILL; reaping them */
};

/* The raw call: libc's vDSO lookup costs ~1 KiB, and the clock is read
 * only a few times per grace period. */
static void
monotonic_now(struct timespec *now)
{
	(void)syscall(SYS_clock_gettime, CLOCK_MONOTONIC, now);
}

static struct timespec
now_after(unsigned long ms)
{
	struct timespec now;

	monotonic_now(&now);
	return deadline_after(now, ms);
}

static int
leftovers_gone(const struct loop *l)
{
	return l->reap.none_left && !grace_nonchild_leftovers(&l->grace);
}

/* The main child is gone (or --pause was told to stop): TERM and CONT the
 * leftovers. 0 when there is nothing to wait for, 1 when grace begins.
 * l->reap must be fresh: the caller has just reaped. */
static int
begin_shutdown(struct loop *l, struct timespec *deadline)
{
	if (l->cfg->grace_ms == 0 || leftovers_gone(l))
		return 0;
	if (grace_signal(&l->grace, SIGTERM) == 0)
		return 0;
	/* A stopped leftover could not act on the TERM otherwise. */
	(void)grace_signal(&l->grace, SIGCONT);
	log_msg(LVL_INFO, "SIGTERM to leftovers; grace %u ms",
	    (unsigned)l->cfg->grace_ms);
	*deadline = now_after(l->cfg->grace_ms);
	return 1;
}

static void
kill_leftovers(struct loop *l, struct timespec *deadline)
{
	grace_kill_all(&l->grace);
	*deadline = now_after(KILL_WAIT_MS);
}

static int
child_status(const struct loop *l)
{
	int status = status_from_wait(l->reap.child_wstatus);
	int mapped = remap_apply(&l->cfg->remap, status);

	if (mapped != status)
		log_msg(LVL_INFO, "child status %d remapped to %d", status,
		    mapped);
	return mapped;
}

/* init-lite's own write to a closed stderr raises SIGPIPE at itself: that
 * one is not the program's business. */
static int
self_inflicted(const siginfo_t *info, int sig, pid_t self)
{
	return sig == SIGPIPE && info->si_code == SI_USER &&
	    info->si_pid == self;
}

int
loop_run(struct loop *l)
{
	const struct config *cfg = l->cfg;
	struct forward fwd = { l->reap.child, cfg->pgroup, &cfg->rewrite };
	enum phase phase = PHASE_RUNNING;
	struct timespec deadline = { 0, 0 }, now, left;
	const struct timespec *timeout;
	siginfo_t info;
	int sig, to, status = 0;

	for (;;) {
		timeout = NULL;
		if (phase != PHASE_RUNNING) {
			if (leftovers_gone(l))
				return status;
			monotonic_now(&now);
			if (deadline_left(now, deadline, &left) == -1) {
				if (phase == PHASE_KILLING) {
					log_msg(LVL_WARN, "leftovers "
					    "survive SIGKILL; exiting");
					return status;
				}
				log_msg(LVL_WARN, "grace of %u ms over: "
				    "SIGKILL to leftovers",
				    (unsigned)cfg->grace_ms);
				kill_leftovers(l, &deadline);
				phase = PHASE_KILLING;
				continue;
			}
			timeout = &left;
			if (l->reap.none_left && (left.tv_sec > 0 ||
			    left.tv_nsec > NONCHILD_POLL_NS)) {
				left.tv_sec = 0;
				left.tv_nsec = NONCHILD_POLL_NS;
			}
		}

		sig = sigmask_wait(l->waited, &info, timeout);
		if (sig == -1) {
			if (errno != EAGAIN && errno != EINTR)
				log_msg(LVL_ERROR, "sigtimedwait failed: "
				    "errno %d", errno);
			continue;
		}

		if (sig == SIGCHLD) {
			(void)reap_all(&l->reap);
			if (phase == PHASE_RUNNING && l->reap.child_done) {
				status = child_status(l);
				if (begin_shutdown(l, &deadline) == 0)
					return status;
				phase = PHASE_GRACE;
			}
			continue;
		}
		if (self_inflicted(&info, sig, l->grace.self))
			continue;

		if (phase == PHASE_RUNNING) {
			if (cfg->action != CONFIG_PAUSE) {
				forward_signal(&fwd, sig);
				continue;
			}
			if (sig != SIGTERM && sig != SIGINT && sig != SIGQUIT)
				continue;
			log_msg(LVL_INFO, "--pause: stopping on signal %d", sig);
			(void)reap_all(&l->reap);
			if (begin_shutdown(l, &deadline) == 0)
				return status;
			phase = PHASE_GRACE;
		} else if (sig == SIGTERM || sig == SIGINT) {
			/* The operator insists (a second docker stop, ^C). */
			if (phase == PHASE_GRACE) {
				log_msg(LVL_INFO, "signal %d in grace: "
				    "SIGKILL to leftovers", sig);
				kill_leftovers(l, &deadline);
				phase = PHASE_KILLING;
			}
		} else if (phase == PHASE_GRACE &&
		    (to = rewrite_apply(&cfg->rewrite, sig)) != 0)
			(void)grace_signal(&l->grace, to);
	}
}
