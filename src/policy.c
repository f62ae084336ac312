/* policy: the set of forwarded signals. Pure; never names a signal by an
 * x86 number (MIPS numbers them otherwise): the libc's constants only. */
#include "policy.h"

_Static_assert(SIGKILL < 32 && SIGSTOP < 32 && SIGCHLD < 32 &&
    SIGFPE < 32 && SIGILL < 32 && SIGSEGV < 32 && SIGBUS < 32 &&
    SIGABRT < 32 && SIGTRAP < 32 && SIGSYS < 32,
    "the signals not forwarded fit in 32 bits");

int
policy_forwarded(int sig)
{
	if (sig < 1 || sig > SIGNAME_KERNEL_MAX)
		return 0;
	return sig > 32 || !(POLICY_NOT_FORWARDED & POLICY_BIT(sig));
}
