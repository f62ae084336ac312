/* sigmask: owns rt_sigprocmask and rt_sigtimedwait. Never leaves the
 * synchronous faults (FPE ILL SEGV BUS ABRT TRAP SYS) blocked in
 * init-lite: a fault while blocked would be silently fatal. */
#include <sys/syscall.h>
#include <unistd.h>

#include "policy.h"
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
	m->bits = ~(uint64_t)POLICY_UNFORWARDED | POLICY_BIT(SIGCHLD);
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
