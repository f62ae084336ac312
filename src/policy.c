/* policy: the set of forwarded signals. Pure; never names a signal by an
 * x86 number (MIPS numbers them otherwise): the libc's constants only. */
#include "policy.h"

int
policy_forwarded(int sig)
{
	switch (sig) {
	case SIGKILL: case SIGSTOP: case SIGCHLD:
	case SIGFPE: case SIGILL: case SIGSEGV: case SIGBUS: case SIGABRT:
	case SIGTRAP: case SIGSYS:
		return 0;
	default:
		return sig >= 1 && sig <= SIGNAME_KERNEL_MAX;
	}
}
