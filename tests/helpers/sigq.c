/* sigq PID SIG COUNT
 * Queues SIG to PID COUNT times with sigqueue, values 0..COUNT-1. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rawsig.h"

int main(int argc, char **argv)
{
	union sigval v;
	int pid, sig, n, i;

	if (argc != 4 || (pid = atoi(argv[1])) <= 0 || (sig = parse_sig(argv[2])) < 0 ||
	    (n = atoi(argv[3])) < 0) {
		fprintf(stderr, "usage: sigq PID SIG COUNT\n");
		return 2;
	}
	for (i = 0; i < n; i++) {
		v.sival_int = i;
		if (sigqueue(pid, sig, v) < 0) {
			fprintf(stderr, "sigq: sigqueue #%d: %s\n", i, strerror(errno));
			return 1;
		}
	}
	return 0;
}
