/* sigdisp: owns the two dispositions init-lite sets, SIG_DFL and SIG_IGN.
 * Never installs a handler (init-lite has none). */
#include <signal.h>
#include <string.h>

#include "sigdisp.h"
#include "sys.h"

int
sigdisp_is_ignored(int sig)
{
	struct sys_sigaction old;

	if (sys_sigaction(sig, NULL, &old) == -1)
		return -1;
	return old.handler == SIG_IGN;
}

int
sigdisp_set_ignored(int sig, int ignore)
{
	struct sys_sigaction sa;

	/* No restorer is needed: SIG_DFL and SIG_IGN never run in user
	 * space. */
	memset(&sa, 0, sizeof(sa));
	sa.handler = ignore ? SIG_IGN : SIG_DFL;
	return sys_sigaction(sig, &sa, NULL);
}
