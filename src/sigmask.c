/* sigmask: owns rt_sigprocmask and rt_sigtimedwait. Never leaves the
 * synchronous faults (FPE ILL SEGV BUS ABRT TRAP SYS) blocked in
 * init-lite: a fault while blocked would be silently fatal. */
#include <sys/syscall.h>
#include <unistd.h>

#include "signame.h"
#include "sigmask.h"

void
sigmask_add(struct sigmask *m, int sig)
{
	if (sig >= 1 && sig <= SIGNAME_KERNEL_MAX)
		m->bits |= (uint64_t)1 << (sig - 1);
}

int
sigmask_has(const struct sigmask *m, int sig)
{
	if (sig < 1 || sig > SIGNAME_KERNEL_MAX)
		return 0;
	return (int)((m->bits >> (sig - 1)) & 1);
}

void
sigmask_waited(struct sigmask *m)
{
	/* A constant: every forwarded signal, and SIGCHLD. */
	m->bits = ~(uint64_t)SIGNAME_UNFORWARDED | SIGNAME_BIT(SIGCHLD);
}

int
sigmask_set(const struct sigmask *set, struct sigmask *old)
{
	return (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set->bits,
	    old != NULL ? &old->bits : NULL, sizeof(set->bits));
}

int
sigmask_wait(const struct sigmask *set, siginfo_t *info,
    const struct timespec *timeout)
{
	return (int)syscall(SYS_rt_sigtimedwait, &set->bits, info, timeout,
	    sizeof(set->bits));
}

/* The kernel's struct sigaction (no restorer is needed for SIG_DFL and
 * SIG_IGN, which never run in user space). */
struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

int
sigmask_is_ignored(int sig)
{
	struct ksigaction old;

	if (syscall(SYS_rt_sigaction, sig, NULL, &old, sizeof(old.mask)) == -1)
		return -1;
	return old.handler == SIG_IGN;
}

int
sigmask_set_ignored(int sig, int ignore)
{
	struct ksigaction sa = { ignore ? SIG_IGN : SIG_DFL, 0, NULL, 0 };

	return (int)syscall(SYS_rt_sigaction, sig, &sa, NULL, sizeof(sa.mask));
}
