/* sigdisp: owns rt_sigaction, for the two dispositions init-lite sets:
 * SIG_DFL and SIG_IGN. Never installs a handler (init-lite has none). */
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sigdisp.h"

/* The kernel's struct sigaction (no restorer is needed for SIG_DFL and
 * SIG_IGN, which never run in user space). */
struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

int
sigdisp_is_ignored(int sig)
{
	struct ksigaction old;

	if (syscall(SYS_rt_sigaction, sig, NULL, &old, sizeof(old.mask)) == -1)
		return -1;
	return old.handler == SIG_IGN;
}

int
sigdisp_set_ignored(int sig, int ignore)
{
	struct ksigaction sa = { ignore ? SIG_IGN : SIG_DFL, 0, NULL, 0 };

	return (int)syscall(SYS_rt_sigaction, sig, &sa, NULL, sizeof(sa.mask));
}
