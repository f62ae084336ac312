/* policy: the set of forwarded signals. Pure; never names a signal by an
 * x86 number: the libc's constants only. */
#include "policy.h"

int
policy_forwarded(int sig)
{
	return sig >= 1 && sig <= SIGNAME_KERNEL_MAX &&
	    !((POLICY_UNFORWARDED >> (sig - 1)) & 1);
}
