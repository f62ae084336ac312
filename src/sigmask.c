/* sigmask: owns the blocked and waited set. Never leaves the synchronous
 * faults (FPE ILL SEGV BUS ABRT TRAP SYS) blocked in init-lite: a fault
 * while blocked would be silently fatal. */
#include <stddef.h>
#include <string.h>

#include "policy.h"
#include "sigmask.h"

void
sigmask_add(struct sigmask *m, int sig)
{
	if (sig >= 1 && sig <= SYS_KERNEL_NSIG)
		m->k.w[(sig - 1) / SYS_LONG_BITS] |=
		    1UL << ((sig - 1) % SYS_LONG_BITS);
}

int
sigmask_has(const struct sigmask *m, int sig)
{
	if (sig < 1 || sig > SYS_KERNEL_NSIG)
		return 0;
	return (int)((m->k.w[(sig - 1) / SYS_LONG_BITS] >>
	    ((sig - 1) % SYS_LONG_BITS)) & 1);
}

void
sigmask_waited(struct sigmask *m)
{
	/* Every forwarded signal, and SIGCHLD: up to the kernel's last
	 * signal (128 on MIPS), whatever the libc's SIGRTMAX. All of them,
	 * then the few not forwarded taken out: each is below 32, in the
	 * first word whatever the word size (policy.h). */
	memset(m, 0xff, sizeof(*m));
	m->k.w[0] &= ~(POLICY_NOT_FORWARDED & ~POLICY_BIT(SIGCHLD));
}

int
sigmask_set(const struct sigmask *set, struct sigmask *old)
{
	return sys_sigprocmask(&set->k, old != NULL ? &old->k : NULL);
}

int
sigmask_wait(const struct sigmask *set, siginfo_t *info,
    const struct timespec *timeout)
{
	return sys_sigtimedwait(&set->k, info, timeout);
}
