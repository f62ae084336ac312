/* storm N DONE GO STATUS
 * The zombie storm: makes N orphans as fast as it can and hands them all to
 * its reaper (init-lite). Two "batch" processes at a time (one per core)
 * each fork BATCH children that _exit at once, then exit themselves, so
 * the children are re-parented to PID 1 as zombies-to-be. A fork that fails
 * with EAGAIN (pid table full of zombies not reaped yet) is retried after
 * 1 ms: the storm only ends when all N exist. Then creates DONE, waits
 * (at most 120 s) for GO to exist, and exits with STATUS.
 * Prints "orphans N retries R seconds S" on stdout. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BATCH	250
#define PARALLEL 2

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A batch: n children that exit at once; exit status = retries (capped). */
static void
batch(int n)
{
	int i, retries = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0) {
			if (errno != EAGAIN && errno != ENOMEM)
				_exit(255);
			retries++;
			nap_ms(1);
			i--;
		}
	}
	_exit(retries > 254 ? 254 : retries);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	long n, started = 0, retries = 0;
	int running = 0, status, fd, i;
	double t0;
	pid_t pid;

	if (argc != 5 || (n = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: storm N DONE GO STATUS\n");
		return 2;
	}
	t0 = now();
	while (started < n || running > 0) {
		while (running < PARALLEL && started < n) {
			int size = n - started < BATCH ? (int)(n - started) :
			    BATCH;

			pid = fork();
			if (pid == 0)
				batch(size);
			if (pid < 0) {
				retries++;
				nap_ms(1);
				continue;
			}
			started += size;
			running++;
		}
		pid = wait(&status);
		if (pid < 0) {
			perror("storm: wait");
			return 2;
		}
		running--;
		if (!WIFEXITED(status) || WEXITSTATUS(status) == 255) {
			fprintf(stderr, "storm: a batch failed (status %#x)\n",
			    status);
			return 2;
		}
		retries += WEXITSTATUS(status);
	}
	printf("orphans %ld retries %ld seconds %.2f\n", n, retries,
	    now() - t0);
	fflush(stdout);
	if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		perror(argv[2]);
		return 2;
	}
	close(fd);
	for (i = 0; i < 120 * 100 && access(argv[3], F_OK) != 0; i++)
		nap_ms(10);
	return atoi(argv[4]);
}
