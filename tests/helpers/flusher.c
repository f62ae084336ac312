/* flusher OUT SIZE READY
 * A helper that must not be cut short: it writes the first 64 KiB chunk of
 * OUT, creates READY (containing its pid) and waits; on SIGTERM it writes
 * the rest of SIZE bytes in 64 KiB chunks, 10 ms apart, then the trailer
 * "END SIZE\n", fsyncs and exits 0. A complete OUT proves it got the TERM
 * and the time to act on it. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 65536

static volatile sig_atomic_t got_term;

static void on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static char chunk[CHUNK];
	struct timespec gap = {0, 10 * 1000 * 1000};
	struct sigaction sa = {0};
	sigset_t term, old;
	char msg[64];
	long size, done;
	int fd, rfd, len;

	if (argc != 4 || (size = atol(argv[2])) < 0) {
		fprintf(stderr, "usage: flusher OUT SIZE READY\n");
		return 2;
	}
	memset(chunk, 'x', sizeof(chunk));
	sa.sa_handler = on_term;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	sigprocmask(SIG_BLOCK, &term, &old);
	sigdelset(&old, SIGTERM);
	if (sigaction(SIGTERM, &sa, NULL) < 0)
		return 2;
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(argv[1]);
		return 2;
	}
	done = size < CHUNK ? size : CHUNK;
	if (write_all(fd, chunk, (size_t)done) < 0)
		return 2;
	len = snprintf(msg, sizeof(msg), "%ld\n", (long)getpid());
	rfd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (rfd < 0 || write_all(rfd, msg, (size_t)len) < 0 || close(rfd) < 0)
		return 2;
	while (!got_term)
		sigsuspend(&old);
	while (done < size) {
		long n = size - done < CHUNK ? size - done : CHUNK;

		nanosleep(&gap, NULL);
		if (write_all(fd, chunk, (size_t)n) < 0)
			return 2;
		done += n;
	}
	len = snprintf(msg, sizeof(msg), "END %ld\n", size);
	if (write_all(fd, msg, (size_t)len) < 0 || fsync(fd) < 0 || close(fd) < 0)
		return 2;
	return 0;
}
