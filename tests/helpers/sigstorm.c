/* sigstorm N EXIT REPORT -- INIT [ARGS...]
 * The signal storm, as root. Makes a new PID namespace, forks its PID 1
 * (which blocks the storm's signals, so that the main child inherits them
 * blocked through init-lite, then execs INIT ARGS) and sends mixed
 * standard and realtime signals at it from the parent namespace, as
 * `docker kill` does:
 *  - starting: N/10 at once, from right after the fork (before and while
 *    init-lite execs, sets up and spawns its child);
 *  - running: the rest of N in bursts of 100 every 10 ms;
 *  - exiting: creates EXIT (the sink's cue to exit) and keeps sending,
 *    without pause, until init-lite has exited.
 * Realtime signals (32..64) go half by kill, half by sigqueue with a value.
 * Writes to REPORT: init-lite's host pid, the signals sent in each phase,
 * the failures (EAGAIN: the kernel's queue limit; other errors) and how
 * init-lite ended ("exited S" or "killed S"). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const int standard[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM,
	SIGSTKFLT, SIGCHLD, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG,
	SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPWR,
};

struct counts {
	long sent, eagain, esrch, other;
};

static uint32_t rng = 2463534242u;

static uint32_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void
send_one(pid_t pid, struct counts *c)
{
	uint32_t r = next();
	int n = (int)(sizeof(standard) / sizeof(standard[0]));
	int sig, rc;
	siginfo_t si;

	/* Half standard, half realtime (32..64). */
	if (r & 1)
		sig = standard[(r >> 1) % (uint32_t)n];
	else
		sig = 32 + (int)((r >> 1) % 33);
	if (sig >= 32 && (r & 0x100)) {
		memset(&si, 0, sizeof(si));
		si.si_code = SI_QUEUE;
		si.si_pid = getpid();
		si.si_uid = getuid();
		si.si_value.sival_int = (int)r;
		rc = (int)syscall(SYS_rt_sigqueueinfo, pid, sig, &si);
	} else
		rc = kill(pid, sig);
	if (rc == 0)
		c->sent++;
	else if (errno == EAGAIN)
		c->eagain++;
	else if (errno == ESRCH)
		c->esrch++;
	else
		c->other++;
}

static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int
main(int argc, char **argv)
{
	struct counts start = { 0 }, run = { 0 }, stop = { 0 };
	uint64_t mask = ~(uint64_t)0;
	long n, i;
	int status = 0, fd, done = 0;
	pid_t pid;
	FILE *rep;

	if (argc < 6 || strcmp(argv[4], "--") != 0 ||
	    (n = atol(argv[1])) < 10) {
		fprintf(stderr, "usage: sigstorm N EXIT REPORT -- INIT ...\n");
		return 2;
	}
	if (unshare(CLONE_NEWPID) != 0) {
		perror("sigstorm: unshare");
		return 2;
	}
	pid = fork();
	if (pid < 0) {
		perror("sigstorm: fork");
		return 2;
	}
	if (pid == 0) {
		/* Everything blocked (the kernel leaves KILL and STOP out). */
		syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 8);
		execv(argv[5], argv + 5);
		perror(argv[5]);
		_exit(2);
	}

	for (i = 0; i < n / 10; i++)
		send_one(pid, &start);
	for (; i < n; i++) {
		send_one(pid, &run);
		if (i % 100 == 99)
			nap_ms(10);
	}
	if ((fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		perror(argv[2]);
		kill(pid, SIGKILL);
	} else
		close(fd);
	/* Until init-lite is gone (at most 30 s). */
	for (i = 0; !done && i < 30L * 1000 * 1000; i++) {
		send_one(pid, &stop);
		if (i % 16 == 0 && waitpid(pid, &status, WNOHANG) == pid)
			done = 1;
		if (i % 100000 == 99999)
			nap_ms(1);
	}
	if (!done) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}

	if ((rep = fopen(argv[3], "w")) == NULL) {
		perror(argv[3]);
		return 2;
	}
	fprintf(rep, "initpid %d\n", (int)pid);
	fprintf(rep, "starting %ld\nrunning %ld\nexiting %ld\n", start.sent,
	    run.sent, stop.sent);
	fprintf(rep, "eagain %ld\nesrch %ld\nother %ld\n",
	    start.eagain + run.eagain + stop.eagain,
	    start.esrch + run.esrch + stop.esrch,
	    start.other + run.other + stop.other);
	if (!done)
		fprintf(rep, "timeout\n");
	if (WIFEXITED(status))
		fprintf(rep, "exited %d\n", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		fprintf(rep, "killed %d\n", WTERMSIG(status));
	fclose(rep);
	return 0;
}
