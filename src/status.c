/* status: the shell's convention, so `docker stop` of a program without a
 * TERM handler shows 143. Never returns a value outside -1..255. */
#include <sys/wait.h>

#include "status.h"

int
status_from_wait(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return (128 + WTERMSIG(wstatus)) & 0xff;
	return -1;
}
