/* subreaper PROG [ARGS...]
 * Becomes a child subreaper, then execs PROG (the flag survives exec). The
 * runner starts each test's shell this way, so that whatever a test leaves
 * behind is re-parented to that shell and reaped, never to the host's
 * PID 1. */
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: subreaper PROG [ARGS...]\n");
		return 2;
	}
	if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0) {
		perror("prctl");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
