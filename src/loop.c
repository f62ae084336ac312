/* loop: carries out what decide() says, in the order events arrive.
 * Nothing here may end init-lite early: a transient error is logged and
 * the loop goes on, because PID 1 dying kills the whole container. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "deadline.h"
#include "decide.h"
#include "forward.h"
#include "log.h"
#include "loop.h"
#include "remap.h"
#include "status.h"
#include "sys.h"

/* After SIGKILL, how long to wait for the leftovers to be reaped: they die
 * at once unless stuck in the kernel (D state), and then waiting longer
 * would not help. */
#define KILL_WAIT_MS	2000UL
/* How often to look for leftovers that send no SIGCHLD (entered the
 * namespace from outside) when no child of init-lite is left, and how
 * often to reap when signals cannot be waited for at all. */
#define POLL_NS		20000000L

struct run {
	struct loop *l;
	struct forward fwd;
	struct clock clock;
	struct timespec deadline;
	int polling;		/* sigtimedwait is unusable: sleep and reap */
	int held_once;		/* --stop-delay has held its SIGTERM */
	int status;
};

static void
start_deadline(struct run *r, unsigned long ms)
{
	struct timespec now;

	clock_now(&r->clock, &now);
	r->deadline = deadline_after(now, ms);
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
begin_shutdown(struct run *r)
{
	struct loop *l = r->l;

	if (l->cfg->grace_ms == 0 || leftovers_gone(l))
		return 0;
	if (grace_signal(&l->grace, SIGTERM) == 0)
		return 0;
	/* A stopped leftover could not act on the TERM otherwise. */
	(void)grace_signal(&l->grace, SIGCONT);
	log_msg(LVL_INFO, "SIGTERM to leftovers; grace %u ms",
	    (unsigned)l->cfg->grace_ms);
	start_deadline(r, l->cfg->grace_ms);
	return 1;
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

/* Without sigtimedwait, time passes in short sleeps and every wake-up is
 * treated as a SIGCHLD (signals stay blocked and pending). */
static int
poll_wait(const struct timespec *timeout)
{
	struct timespec slice = { 0, POLL_NS };

	if (timeout != NULL && timeout->tv_sec == 0 &&
	    timeout->tv_nsec < slice.tv_nsec)
		slice = *timeout;
	(void)sys_sleep(&slice);
	return SIGCHLD;
}

/* The deadline, or what is left of it, before the next wait: an event of
 * its own when it has passed, else the timeout in *left. Only a held
 * SIGTERM, the grace and the wait after SIGKILL have one. */
static int
time_left(struct run *r, enum phase phase, struct timespec *left)
{
	struct timespec now;

	clock_now(&r->clock, &now);
	if (deadline_left(now, r->deadline, left) == -1)
		return 0;
	/* Leftovers that entered from outside send no SIGCHLD. */
	if (phase >= PHASE_GRACE && r->l->reap.none_left &&
	    (left->tv_sec > 0 || left->tv_nsec > POLL_NS)) {
		left->tv_sec = 0;
		left->tv_nsec = POLL_NS;
	}
	return 1;
}

/* Waits for the next thing that happened; -1 when it needs no decision
 * (a timeout, a SIGCHLD that reaped no main child, our own SIGPIPE). */
static int
next_event(struct run *r, enum phase phase, int *sig)
{
	struct loop *l = r->l;
	struct timespec left, *timeout = NULL;
	siginfo_t info;

	/* --wait-all waits for init-lite's children only: their SIGCHLDs
	 * say when they are gone, so waiting needs no timeout. */
	if ((phase == PHASE_WAITING || phase == PHASE_WAIT_HELD) &&
	    l->reap.none_left)
		return EV_NONE_LEFT;
	if (phase >= PHASE_GRACE && leftovers_gone(l))
		return EV_NONE_LEFT;
	if (phase != PHASE_RUNNING && phase != PHASE_WAITING) {
		if (!time_left(r, phase, &left))
			return EV_DEADLINE;
		timeout = &left;
	}
	info.si_code = 0;
	*sig = r->polling ? poll_wait(timeout) :
	    sigmask_wait(l->waited, &info, timeout);
	if (*sig == -1) {
		if (errno == EAGAIN || errno == EINTR) {
			clock_waited(&r->clock, timeout, errno == EAGAIN);
			return -1;
		}
		/* Denied (a seccomp profile), or anything else that would
		 * fail again at once: never loop on it. */
		log_msg(LVL_ERROR, "cannot wait for signals: errno %d; "
		    "stopping the program", errno);
		r->polling = 1;
		return EV_WAIT_BROKEN;
	}
	clock_waited(&r->clock, timeout, 0);
	if (*sig == SIGCHLD) {
		(void)reap_all(&l->reap);
		if (phase > PHASE_HELD || !l->reap.child_done)
			return -1;
		r->status = child_status(l);
		return EV_CHILD_DONE;
	}
	if (self_inflicted(&info, *sig, l->grace.self))
		return -1;
	/* The first SIGTERM as received, before the rewrite table. */
	if (*sig == SIGTERM && l->cfg->stop_delay_ms > 0 && !r->held_once)
		return EV_TERM_HOLD;
	if (*sig == SIGTERM || *sig == SIGINT)
		return EV_TERM;
	return *sig == SIGQUIT ? EV_QUIT : EV_SIGNAL;
}

int
loop_run(struct loop *l)
{
	struct run r;
	struct decision d;
	enum phase phase = PHASE_RUNNING;
	enum mode mode = l->cfg->action == CONFIG_PAUSE ? MODE_PAUSE :
	    l->cfg->wait_all ? MODE_WAIT_ALL : MODE_CHILD;
	int ev, sig = 0;

	/* All zero: no deadline, clock working, nothing held, status 0. */
	memset(&r, 0, sizeof(r));
	r.l = l;
	r.fwd.child = l->reap.child;
	r.fwd.pgroup = l->cfg->pgroup;
	r.fwd.rewrite = &l->cfg->rewrite;
	r.fwd.grace = &l->grace;
	r.fwd.all = l->cfg->forward_all;

	for (;;) {
		if ((ev = next_event(&r, phase, &sig)) == -1)
			continue;
		d = decide(phase, (enum event)ev, mode);
		switch (d.act) {
		case ACT_NONE:
			break;
		case ACT_FORWARD:
			forward_signal(&r.fwd, sig, FORWARD_CHILD);
			break;
		case ACT_RELEASE:
			forward_signal(&r.fwd, SIGTERM, FORWARD_CHILD);
			forward_signal(&r.fwd, sig, FORWARD_CHILD);
			break;
		case ACT_FORWARD_TERM:
			forward_signal(&r.fwd, SIGTERM, FORWARD_CHILD);
			break;
		case ACT_HOLD:
			log_msg(LVL_INFO, "SIGTERM held for %u ms",
			    (unsigned)l->cfg->stop_delay_ms);
			r.held_once = 1;
			start_deadline(&r, l->cfg->stop_delay_ms);
			break;
		case ACT_WAIT:
			if (!l->reap.none_left)
				log_msg(LVL_INFO, "--wait-all: waiting for "
				    "the rest");
			break;
		case ACT_TO_LEFTOVERS:
			forward_signal(&r.fwd, sig, FORWARD_LEFTOVERS);
			break;
		case ACT_SHUTDOWN:
			if (ev != EV_CHILD_DONE) {
				log_msg(LVL_INFO, "stopping on event %d", ev);
				(void)reap_all(&l->reap);
			}
			if (begin_shutdown(&r) == 0)
				return r.status;
			break;
		case ACT_KILL:
			if (ev == EV_DEADLINE)
				log_msg(LVL_WARN, "grace of %u ms over: "
				    "SIGKILL to leftovers",
				    (unsigned)l->cfg->grace_ms);
			else
				log_msg(LVL_INFO, "signal %d in grace: "
				    "SIGKILL to leftovers", sig);
			grace_kill_all(&l->grace);
			start_deadline(&r, KILL_WAIT_MS);
			break;
		default:	/* ACT_EXIT */
			if (ev == EV_DEADLINE)
				log_msg(LVL_WARN, "leftovers survive SIGKILL; "
				    "exiting");
			return r.status;
		}
		phase = d.next;
	}
}
