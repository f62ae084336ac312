/* policy: which signals init-lite forwards. Pure; a fact of the design
 * (SPEC, Behaviour 1 and 3), kept apart from signal names and masks. */
#ifndef POLICY_H
#define POLICY_H

#include <signal.h>

#include "signame.h"

/* 1 if init-lite forwards sig: every signal 1..SIGNAME_KERNEL_MAX but
 * KILL and STOP (cannot be caught), CHLD (drives reaping) and the
 * synchronous faults of init-lite itself (FPE ILL SEGV BUS ABRT TRAP SYS). */
int	policy_forwarded(int sig);

#endif
