/* sigmask: the kernel's own signal mask, every signal 1..SYS_KERNEL_NSIG,
 * set and waited on through the raw system calls. musl's sigaddset refuses
 * 32-34 and glibc's sigprocmask drops 32-33, yet glibc programs use 34 as
 * SIGRTMIN. */
#ifndef SIGMASK_H
#define SIGMASK_H

#include <signal.h>
#include <time.h>

#include "sys.h"

struct sigmask {
	struct sys_sigset k;	/* the kernel's sigset, as sys.h lays it out */
};

void	sigmask_add(struct sigmask *, int sig);
int	sigmask_has(const struct sigmask *, int sig);
/* Every forwarded signal plus SIGCHLD: what init-lite blocks and waits on. */
void	sigmask_waited(struct sigmask *);
/* Sets the mask to set; the previous one goes to old (may be NULL). */
int	sigmask_set(const struct sigmask *set, struct sigmask *old);
/* sigtimedwait on set; timeout NULL waits forever. The signal, or -1 with
 * errno (EAGAIN on timeout, EINTR). */
int	sigmask_wait(const struct sigmask *set, siginfo_t *info,
	    const struct timespec *timeout);

#endif
