/* policy: which signals init-lite forwards. Pure; a fact of the design
 * (SPEC, Behaviour 1 and 3), kept apart from signal names and masks. */
#ifndef POLICY_H
#define POLICY_H

#include <signal.h>

#include "signame.h"

#define POLICY_BIT(sig)	(1UL << ((sig) - 1))

/* Every signal not forwarded is below 32 on every architecture (policy.c
 * asserts it), so one word holds them: a mask, not ten compares per
 * signal, and the waited set is a constant (sigmask_waited). */
#define POLICY_NOT_FORWARDED	(POLICY_BIT(SIGKILL) | POLICY_BIT(SIGSTOP) | \
	POLICY_BIT(SIGCHLD) | POLICY_BIT(SIGFPE) | POLICY_BIT(SIGILL) | \
	POLICY_BIT(SIGSEGV) | POLICY_BIT(SIGBUS) | POLICY_BIT(SIGABRT) | \
	POLICY_BIT(SIGTRAP) | POLICY_BIT(SIGSYS))

/* 1 if init-lite forwards sig: every signal 1..SIGNAME_KERNEL_MAX but
 * KILL and STOP (cannot be caught), CHLD (drives reaping) and the
 * synchronous faults of init-lite itself (FPE ILL SEGV BUS ABRT TRAP SYS). */
int	policy_forwarded(int sig);

#endif
