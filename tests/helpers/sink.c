/* sink EXIT STATUS COUNTS
 * The main child of the signal storm. It must start with every signal of
 * the storm blocked (its launcher blocks them before exec'ing init-lite,
 * and init-lite hands its entry mask on): otherwise a forwarded SIGTERM
 * could kill it before it is ready, and the test would measure the sink.
 * Checks that mask (exit 3 if a signal is not blocked), then takes signals
 * with sigtimedwait, counting them, until the file EXIT exists; writes
 * "received N" to COUNTS and exits with STATUS. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	uint64_t all = 0, blocked = 0;
	struct timespec ms = { 0, 1000000L };
	siginfo_t info;
	long received = 0;
	FILE *f;
	int sig;

	if (argc != 4) {
		fprintf(stderr, "usage: sink EXIT STATUS COUNTS\n");
		return 2;
	}
	for (sig = 1; sig <= 64; sig++)
		if (sig != SIGKILL && sig != SIGSTOP && sig != SIGSEGV &&
		    sig != SIGBUS && sig != SIGFPE && sig != SIGILL &&
		    sig != SIGTRAP && sig != SIGABRT && sig != SIGSYS)
			all |= (uint64_t)1 << (sig - 1);
	/* The raw call: glibc's sigset functions refuse 32 and 33. */
	if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &blocked, 8) != 0) {
		perror("sink: rt_sigprocmask");
		return 2;
	}
	if ((blocked & all) != all) {
		fprintf(stderr, "sink: started with signals unblocked: "
		    "%#llx\n", (unsigned long long)(all & ~blocked));
		return 3;
	}
	while (access(argv[1], F_OK) != 0) {
		/* Several at a time, then look at the file again. */
		for (int i = 0; i < 64; i++) {
			sig = (int)syscall(SYS_rt_sigtimedwait, &all, &info,
			    &ms, 8);
			if (sig <= 0)
				break;
			received++;
		}
	}
	if ((f = fopen(argv[3], "w")) == NULL) {
		perror(argv[3]);
		return 2;
	}
	fprintf(f, "received %ld\n", received);
	fclose(f);
	return atoi(argv[2]);
}
