/* orphans N READY [CODE]
 * orphans -storm N PROGRESS DONE GO STATUS
 * Makes N orphans for its reaper (init-lite): a "batch" process forks
 * children and exits, so they are re-parented. A fork that fails with
 * EAGAIN (pid table full of zombies not reaped yet) is retried after 1 ms.
 * Default: one batch of N; half of them exit at once (zombies handed to the
 * reaper), half after 0.5 s (re-parented alive). Then creates READY and
 * sleeps until a signal ends it, or, given CODE, sleeps 0.5 s too and exits
 * CODE, at the same moment as the orphans.
 * -storm: the zombie storm, as fast as it can: two batches of 250 at a time
 * (one per core), every child exiting at once, until all N exist, writing
 * how many so far to PROGRESS after each batch. A new batch waits while
 * the machine has less than a quarter of its tasks free (zombies count
 * until reaped): a reaper that falls behind slows the storm down, it must
 * not take the last pids of a shared machine. Prints "orphans N retries R
 * seconds S waits W", creates DONE, waits (at most 120 s) for GO to exist,
 * and exits with STATUS. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int
touch(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0) {
		perror(path);
		return -1;
	}
	close(fd);
	return 0;
}

/* A batch: n children that exit at once, or every other one after 0.5 s
 * if linger; then exits, status = fork retries (capped at 254), 255 on an
 * error. */
static void
batch(int n, int linger)
{
	int i, retries = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid == 0) {
			if (linger && i % 2)
				nap_ms(500);
			_exit(0);
		}
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

/* Waits for one batch; its retries, or -1 if it failed. */
static int
batch_done(void)
{
	int status;

	if (wait(&status) < 0) {
		perror("orphans: wait");
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 255) {
		fprintf(stderr, "orphans: a batch failed (status %#x)\n", status);
		return -1;
	}
	return WEXITSTATUS(status);
}

/* The number in the first line of PATH, after the character AFTER if not
 * 0; 0 if there is none. */
static long
read_long(const char *path, char after)
{
	char buf[128] = "", *p;
	FILE *f = fopen(path, "r");

	if (f != NULL) {
		if (fgets(buf, sizeof(buf), f) == NULL)
			buf[0] = '\0';
		fclose(f);
	}
	p = after ? strchr(buf, after) : buf;
	return p ? atol(after ? p + 1 : p) : 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
storm(long n, const char *progress, const char *done, const char *go,
    int status)
{
	long started = 0, retries = 0, made = 0, waits = 0;
	long limit = read_long("/proc/sys/kernel/pid_max", 0);
	long threads = read_long("/proc/sys/kernel/threads-max", 0);
	int running = 0, r, i, fd, len;
	double t0 = now();
	char buf[24];
	pid_t pid;

	if (threads > 0 && (threads < limit || limit <= 0))
		limit = threads;
	if (limit <= 0)
		limit = 4194304;	/* the kernel's largest pid_max */
	if ((fd = open(progress, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		perror(progress);
		return 2;
	}

	while (started < n || running > 0) {
		while (running < PARALLEL && started < n) {
			int size = n - started < BATCH ? (int)(n - started) :
			    BATCH;

			/* All tasks, zombies included, in /proc/loadavg. */
			if (read_long("/proc/loadavg", '/') + BATCH >
			    limit / 4 * 3) {
				waits++;
				nap_ms(1);
				if (running > 0)
					break;
				continue;
			}
			pid = fork();
			if (pid == 0)
				batch(size, 0);
			if (pid < 0) {
				retries++;
				nap_ms(1);
				continue;
			}
			started += size;
			running++;
		}
		if ((r = batch_done()) < 0)
			return 2;
		running--;
		retries += r;
		made += BATCH;
		len = snprintf(buf, sizeof(buf), "%ld\n", made < n ? made : n);
		if (pwrite(fd, buf, (size_t)len, 0) != len) {
			perror(progress);
			return 2;
		}
	}
	close(fd);
	printf("orphans %ld retries %ld seconds %.2f waits %ld\n", n, retries,
	    now() - t0, waits);
	fflush(stdout);
	if (touch(done) < 0)
		return 2;
	for (i = 0; i < 120 * 100 && access(go, F_OK) != 0; i++)
		nap_ms(10);
	return status;
}

int
main(int argc, char **argv)
{
	pid_t middle;
	int n;

	if (argc == 7 && strcmp(argv[1], "-storm") == 0 && atol(argv[2]) > 0)
		return storm(atol(argv[2]), argv[3], argv[4], argv[5],
		    atoi(argv[6]));
	if (argc < 3 || argc > 4 || (n = atoi(argv[1])) < 0) {
		fprintf(stderr, "usage: orphans N READY [CODE]\n"
		    "       orphans -storm N PROGRESS DONE GO STATUS\n");
		return 2;
	}
	middle = fork();
	if (middle < 0) {
		perror("fork");
		return 2;
	}
	if (middle == 0)
		batch(n, 1);
	if (batch_done() < 0 || touch(argv[2]) < 0)
		return 2;
	if (argc == 4) {
		nap_ms(500);
		return atoi(argv[3]);
	}
	for (;;)
		pause();
}
