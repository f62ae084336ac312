/*
 * driver.c: the measuring side of `make bench` (bench/bench.py runs it).
 * Starts an init as PID 1 of a fresh PID namespace and times it from outside;
 * also the helper programs the init runs as its child. Never measures its own
 * start-up: every clock is read after the driver is running.
 *
 * Parent modes (each prints "key value" lines on stdout):
 *   startup N TRUE INIT...      N pairs: TRUE alone vs INIT TRUE, both as
 *                               PID 1 of a fresh namespace, order alternating
 *   nsrun CMD...                run CMD as PID 1 of a fresh namespace,
 *                               without address randomization
 *   idle SECS STRACE INIT...    RSS, context switches, syscalls (strace -c)
 *   sig CPU NLAT NRT SHM INIT...  forwarding latency, then RT signal burst
 *   reap BATCHES K INIT...      K * BATCHES orphaned zombies
 *   shutdown N INIT...          SIGTERM to the init until it is gone
 *   graceful DIR INIT...        leftover needing 200 ms to flush at shutdown
 * Child modes (run by the init under test; fd 3 reports, fd 4 is "go"):
 *   child-sleep, child-catch SHM, child-reap BATCHES K, child-leave DIR
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FD_REPORT	3	/* child -> driver */
#define FD_GO		4	/* driver -> child (EOF = go away) */
#define FLUSH_MS	200	/* how long the leftover needs after SIGTERM */

extern char **environ;

static char self_path[4096];	/* this binary, for the child modes */

static int64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
die(const char *what)
{
	fprintf(stderr, "driver: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* ---- starting an init as PID 1 of a new PID namespace ----------------- */

struct spawn {
	char **argv;
	int fd3, fd4;		/* become fds 3 and 4 of the init, or -1 */
	int quiet;		/* init's stdout/stderr to /dev/null */
	int fixed;		/* no address randomization (callgrind) */
};

static char clone_stack[256 * 1024] __attribute__((aligned(16)));

static void
move_fd(int from, int to)
{
	if (from < 0)
		return;
	if (from == to) {
		int fl = fcntl(from, F_GETFD);
		fcntl(from, F_SETFD, fl & ~FD_CLOEXEC);
	} else if (dup2(from, to) == -1) {
		_exit(126);
	}
}

static int
ns_child(void *arg)
{
	struct spawn *sp = arg;

	/* The init dies with the driver, so a killed run leaves nothing. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* Without ASLR the instruction count does not depend on where the
	 * stack lands (string functions align their loops to addresses). */
	if (sp->fixed)
		personality(ADDR_NO_RANDOMIZE);
	move_fd(sp->fd3, FD_REPORT);
	move_fd(sp->fd4, FD_GO);
	if (sp->quiet) {
		int nul = open("/dev/null", O_WRONLY);
		if (nul >= 0) {
			dup2(nul, 1);
			dup2(nul, 2);
		}
	}
	execve(sp->argv[0], sp->argv, environ);
	_exit(127);
}

static pid_t
spawn_ns(struct spawn *sp)
{
	pid_t pid = clone(ns_child, clone_stack + sizeof(clone_stack),
	    CLONE_NEWPID | SIGCHLD, sp);

	if (pid == -1)
		die("clone(CLONE_NEWPID)");
	return pid;
}

/* Waits for pid at most timeout_ms; returns 0 and its status, or -1. */
static int
wait_bounded(pid_t pid, int timeout_ms, int *status)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int64_t end = now_ns() + (int64_t)timeout_ms * 1000000;

	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid) {
			if (pfd >= 0)
				close(pfd);
			return 0;
		}
		if (r == -1 && errno != EINTR)
			die("waitpid");
		int64_t left = end - now_ns();
		if (left <= 0)
			break;
		if (pfd >= 0) {
			struct pollfd p = { pfd, POLLIN, 0 };
			poll(&p, 1, (int)(left / 1000000) + 1);
		} else {
			sleep_ms(1);
		}
	}
	if (pfd >= 0)
		close(pfd);
	return -1;
}

/* Ends an init that outlived its measurement; never blocks for long. */
static void
reap_or_kill(pid_t pid)
{
	int st;

	if (wait_bounded(pid, 2000, &st) == 0)
		return;
	kill(pid, SIGKILL);
	wait_bounded(pid, 5000, &st);
}

/* Reads exactly n bytes within timeout_ms; returns 0 or -1. */
static int
read_bounded(int fd, void *buf, size_t n, int timeout_ms)
{
	char *p = buf;
	int64_t end = now_ns() + (int64_t)timeout_ms * 1000000;

	while (n > 0) {
		int64_t left = end - now_ns();
		if (left <= 0)
			return -1;
		struct pollfd pf = { fd, POLLIN, 0 };
		int r = poll(&pf, 1, (int)(left / 1000000) + 1);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			continue;
		ssize_t got = read(fd, p, n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

/* argv for the init: INIT... followed by this binary in a child mode. */
static char **
init_argv(char **init, int ninit, const char *mode, const char *a1,
    const char *a2)
{
	char **v = calloc((size_t)ninit + 5, sizeof(*v));
	int i, n = 0;

	if (v == NULL)
		die("calloc");
	for (i = 0; i < ninit; i++)
		v[n++] = init[i];
	v[n++] = self_path;
	v[n++] = (char *)mode;
	if (a1 != NULL)
		v[n++] = (char *)a1;
	if (a2 != NULL)
		v[n++] = (char *)a2;
	v[n] = NULL;
	return v;
}

/* Starts INIT <this binary> MODE ... and waits for the child's 'R'. */
static pid_t
start_with_child(char **iargv, int *report_fd, int *go_fd)
{
	int rep[2], go[2];
	struct spawn sp;
	pid_t pid;
	char c;

	if (pipe2(rep, O_CLOEXEC) == -1 || pipe2(go, O_CLOEXEC) == -1)
		die("pipe2");
	sp.argv = iargv;
	sp.fd3 = rep[1];
	sp.fd4 = go[0];
	sp.quiet = getenv("BENCH_DEBUG") == NULL;
	sp.fixed = 0;
	pid = spawn_ns(&sp);
	close(rep[1]);
	close(go[0]);
	if (read_bounded(rep[0], &c, 1, 10000) == -1 || c != 'R') {
		fprintf(stderr, "driver: child of %s never became ready\n",
		    iargv[0]);
		kill(pid, SIGKILL);
		reap_or_kill(pid);
		exit(3);
	}
	*report_fd = rep[0];
	if (go_fd != NULL)
		*go_fd = go[1];
	else
		close(go[1]);
	return pid;
}

/* ---- /proc readers ------------------------------------------------------ */

/* Value of "Key:" in /proc/PID/status, or -1. */
static long
status_field(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t kl = strlen(key);
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
			v = strtol(line + kl + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

/* CPU time the process itself used, in ns: schedstat, else utime+stime. */
static int64_t
cpu_ns(pid_t pid)
{
	char path[64], buf[1024];
	long long run;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", (int)pid);
	f = fopen(path, "r");
	if (f != NULL) {
		int ok = fscanf(f, "%lld", &run) == 1;
		fclose(f);
		if (ok)
			return run;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fgets(buf, sizeof(buf), f) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	char *p = strrchr(buf, ')');
	unsigned long ut, st;
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u "
	    "%*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (int64_t)(ut + st) * (1000000000 / sysconf(_SC_CLK_TCK));
}

/* ---- parent modes ------------------------------------------------------- */

static int64_t
run_once(char **argv)
{
	struct spawn sp = { argv, -1, -1, 1, 0 };
	int64_t t0 = now_ns();
	pid_t pid = spawn_ns(&sp);
	int st;

	if (waitpid(pid, &st, 0) != pid)
		die("waitpid");
	int64_t t1 = now_ns();
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "driver: %s exited with status %#x\n",
		    argv[0], st);
		exit(3);
	}
	return t1 - t0;
}

static int
mode_startup(int argc, char **argv)
{
	int n = atoi(argv[0]), i;
	char *base[] = { argv[1], NULL };
	char **init = calloc((size_t)argc + 1, sizeof(*init));

	if (init == NULL)
		die("calloc");
	for (i = 2; i < argc; i++)
		init[i - 2] = argv[i];
	init[argc - 2] = argv[1];
	/* Warm the page cache and the dynamic loader's files first. */
	run_once(base);
	run_once(init);
	for (i = 0; i < n; i++) {
		int64_t b, t;
		if (i % 2 == 0) {
			b = run_once(base);
			t = run_once(init);
		} else {
			t = run_once(init);
			b = run_once(base);
		}
		printf("base %lld init %lld\n", (long long)b, (long long)t);
	}
	return 0;
}

static int
mode_nsrun(int argc, char **argv)
{
	struct spawn sp = { argv, -1, -1, 0, 1 };
	pid_t pid;
	int st;

	(void)argc;
	pid = spawn_ns(&sp);
	if (wait_bounded(pid, 120000, &st) == -1) {
		kill(pid, SIGKILL);
		reap_or_kill(pid);
		fprintf(stderr, "driver: nsrun timed out\n");
		return 3;
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static long
ctxsw(pid_t pid)
{
	return status_field(pid, "voluntary_ctxt_switches") +
	    status_field(pid, "nonvoluntary_ctxt_switches");
}

static int
mode_idle(int argc, char **argv)
{
	int secs = atoi(argv[0]), use_strace = atoi(argv[1]), fd;
	char **iargv = init_argv(argv + 2, argc - 2, "child-sleep", NULL, NULL);
	pid_t pid = start_with_child(iargv, &fd, NULL);

	sleep_ms(500);
	printf("rss_kb %ld\nhwm_kb %ld\n", status_field(pid, "VmRSS"),
	    status_field(pid, "VmHWM"));
	long c0 = ctxsw(pid);
	sleep_ms(secs * 1000L);
	long c1 = ctxsw(pid);
	printf("ctxsw %ld\n", c1 - c0);
	fflush(stdout);
	if (use_strace) {
		char pidstr[16], out[] = "/tmp/bench-strace-XXXXXX";
		int ofd = mkstemp(out);
		if (ofd == -1)
			die("mkstemp");
		close(ofd);
		snprintf(pidstr, sizeof(pidstr), "%d", (int)pid);
		pid_t s = fork();
		if (s == 0) {
			int nul = open("/dev/null", O_WRONLY);
			dup2(nul, 2);
			execlp("strace", "strace", "-c", "-o", out, "-p",
			    pidstr, (char *)NULL);
			_exit(127);
		}
		sleep_ms(secs * 1000L);
		kill(s, SIGINT);
		int st;
		if (wait_bounded(s, 5000, &st) == -1) {
			kill(s, SIGKILL);
			wait_bounded(s, 5000, &st);
		}
		/* strace -c's summary: the "total" line's calls column. */
		FILE *f = fopen(out, "r");
		char line[256];
		long calls = -1;
		while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
			long c;
			if (strstr(line, " total") != NULL && sscanf(line,
			    "%*f %*f %*d %ld", &c) == 1)
				calls = c;
			else if (strstr(line, " total") != NULL && sscanf(line,
			    "%*f %*f %ld", &c) == 1)
				calls = c;
		}
		if (f != NULL) {
			/* An empty summary means no call at all. */
			fclose(f);
			if (calls == -1)
				calls = 0;
		}
		unlink(out);
		printf("syscalls %ld\n", calls);
	}
	kill(pid, SIGTERM);
	reap_or_kill(pid);
	return 0;
}

struct stamp {
	int64_t ns;
	int64_t seq;
};

static int
mode_sig(int argc, char **argv)
{
	int cpu = atoi(argv[0]), nlat = atoi(argv[1]), nrt = atoi(argv[2]);
	const char *shm = argv[3];
	int fd, i, lost = 0;
	int64_t expect = 1;
	cpu_set_t set;

	if (cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) == -1)
			die("sched_setaffinity");
	}
	int sfd = open(shm, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (sfd == -1 || ftruncate(sfd, 4096) == -1)
		die(shm);
	volatile int64_t *cnt = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_SHARED, sfd, 0);
	if (cnt == MAP_FAILED)
		die("mmap");
	char **iargv = init_argv(argv + 4, argc - 4, "child-catch", shm, NULL);
	pid_t pid = start_with_child(iargv, &fd, NULL);

	/* Latency: one SIGUSR1 at a time, each must come back before the next. */
	for (i = 0; i < nlat; i++) {
		struct stamp s;
		int64_t t0 = now_ns();
		kill(pid, SIGUSR1);
		if (read_bounded(fd, &s, sizeof(s), 1000) == -1) {
			lost++;
			expect++;
			continue;
		}
		while (s.seq < expect &&
		    read_bounded(fd, &s, sizeof(s), 100) == 0)
			;	/* a late one from a signal counted lost */
		expect = s.seq + 1;
		printf("lat %lld\n", (long long)(s.ns - t0));
	}
	printf("lat_lost %d\n", lost);

	/* Realtime: a burst of queued signals, SIGRTMIN+1 and 34 alternating. */
	for (i = 0; i < nrt; i++) {
		kill(pid, SIGRTMIN + 1);
		kill(pid, 34);
	}
	int64_t last_change = now_ns(), start = last_change;
	int64_t a = -1, b = -1;
	for (;;) {
		int64_t na = cnt[1], nb = cnt[0];
		if (na != a || nb != b) {
			a = na;
			b = nb;
			last_change = now_ns();
		}
		if ((a >= nrt && b >= nrt) ||
		    now_ns() - last_change > 500000000LL ||
		    now_ns() - start > 5000000000LL)
			break;
		sleep_ms(2);
	}
	printf("rt_rtmin1 %lld\nrt_34 %lld\n", (long long)a, (long long)b);
	kill(pid, SIGTERM);
	reap_or_kill(pid);
	unlink(shm);
	return 0;
}

static int
mode_reap(int argc, char **argv)
{
	int fd, go;
	char line[256];
	char **iargv = init_argv(argv + 2, argc - 2, "child-reap", argv[0],
	    argv[1]);
	pid_t pid = start_with_child(iargv, &fd, &go);
	int64_t c0 = cpu_ns(pid);

	if (write(go, "G", 1) != 1)
		die("write");
	/* The child answers with one line once the zombies are gone. */
	size_t n = 0;
	while (n < sizeof(line) - 1) {
		if (read_bounded(fd, line + n, 1, 120000) == -1)
			break;
		if (line[n++] == '\n')
			break;
	}
	line[n] = '\0';
	int64_t c1 = cpu_ns(pid);
	printf("%sinit_cpu_ns %lld\n", line, (long long)(c1 - c0));
	close(go);	/* the child exits on EOF */
	reap_or_kill(pid);
	return n > 0 ? 0 : 3;
}

static int
mode_shutdown(int argc, char **argv)
{
	int n = atoi(argv[0]), i;
	char **iargv = init_argv(argv + 1, argc - 1, "child-sleep", NULL, NULL);

	for (i = 0; i < n; i++) {
		int fd, st;
		pid_t pid = start_with_child(iargv, &fd, NULL);
		int64_t t0 = now_ns();
		kill(pid, SIGTERM);
		if (wait_bounded(pid, 10000, &st) == -1) {
			printf("shutdown_timeout 1\n");
			reap_or_kill(pid);
		} else {
			printf("shutdown %lld\n", (long long)(now_ns() - t0));
		}
		close(fd);
	}
	return 0;
}

static int
mode_graceful(int argc, char **argv)
{
	const char *dir = argv[0];
	char **iargv = init_argv(argv + 1, argc - 1, "child-leave", dir, NULL);
	char path[4096];
	int fd, st;
	int64_t exit_ns;

	snprintf(path, sizeof(path), "%s/flushed", dir);
	unlink(path);
	pid_t pid = start_with_child(iargv, &fd, NULL);
	if (read_bounded(fd, &exit_ns, sizeof(exit_ns), 10000) == -1) {
		fprintf(stderr, "driver: main child never exited\n");
		kill(pid, SIGKILL);
		reap_or_kill(pid);
		return 3;
	}
	if (wait_bounded(pid, 15000, &st) == -1) {
		printf("graceful_timeout 1\n");
		kill(pid, SIGKILL);
		reap_or_kill(pid);
		return 0;
	}
	int64_t t1 = now_ns();
	printf("exit_after_child %lld\n", (long long)(t1 - exit_ns));
	printf("survived %d\n", access(path, F_OK) == 0);
	unlink(path);
	return 0;
}

/* ---- child modes (run under the init being measured) -------------------- */

static void
ready(void)
{
	if (write(FD_REPORT, "R", 1) != 1)
		_exit(1);
}

static int
child_sleep(void)
{
	ready();
	for (;;)
		pause();	/* no handler: SIGTERM's default kills us */
	return 0;
}

static volatile int64_t *counters;
static volatile int64_t usr1_seq;

static void
on_usr1(int sig)
{
	struct stamp s;
	int e = errno;

	(void)sig;
	s.ns = now_ns();
	s.seq = ++usr1_seq;
	if (write(FD_REPORT, &s, sizeof(s)) != (ssize_t)sizeof(s))
		_exit(1);
	errno = e;
}

static void
on_rt(int sig)
{
	__atomic_add_fetch(&counters[sig == 34 ? 0 : 1], 1, __ATOMIC_RELAXED);
}

static int
child_catch(const char *shm)
{
	struct sigaction sa;
	int fd = open(shm, O_RDWR);

	if (fd == -1)
		_exit(1);
	counters = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (counters == MAP_FAILED)
		_exit(1);
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_rt;
	if (sigaction(34, &sa, NULL) == -1 ||
	    sigaction(SIGRTMIN + 1, &sa, NULL) == -1)
		_exit(1);
	/* Whatever the init left blocked, unblock what we count. */
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, 34);
	sigaddset(&m, SIGRTMIN + 1);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	ready();
	for (;;)
		pause();
	return 0;
}

/* This process's pid in the namespace it runs in is what kill() needs. */
static int
child_reap(int batches, int k)
{
	size_t total = (size_t)batches * (size_t)k;
	pid_t *pids = mmap(NULL, total * sizeof(pid_t), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile int *made = mmap(NULL, sizeof(int) * (size_t)batches,
	    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	size_t left = 0, i;
	int64_t landed = now_ns();
	long peak = 0;
	int b, failed = 0;
	char c;

	if (pids == MAP_FAILED || made == MAP_FAILED)
		_exit(1);
	ready();
	if (read(FD_GO, &c, 1) != 1)
		_exit(1);
	for (b = 0; b < batches; b++) {
		pid_t inter = fork();
		if (inter == 0) {
			pid_t *mine = pids + (size_t)b * (size_t)k;
			int j, m = 0;
			for (j = 0; j < k; j++) {
				pid_t p = fork();
				if (p == 0)
					_exit(0);
				if (p == -1)
					break;
				mine[m++] = p;
			}
			/* Wait until each is a zombie, but leave it one. */
			for (j = 0; j < m; j++) {
				siginfo_t si;
				while (waitid(P_PID, (id_t)mine[j], &si,
				    WEXITED | WNOWAIT) == -1 && errno == EINTR)
					;
			}
			made[b] = m;
			_exit(0);	/* its zombies go to the init now */
		}
		if (inter == -1) {
			failed = 1;
			break;
		}
		while (waitpid(inter, NULL, 0) == -1 && errno == EINTR)
			;
		landed = now_ns();	/* the batch is the init's now */
		if (made[b] < k)
			failed = 1;
		/* Compact the list of zombies not yet reaped, then count. */
		for (i = 0; i < (size_t)made[b]; i++)
			pids[left++] = pids[(size_t)b * (size_t)k + i];
		size_t keep = 0;
		for (i = 0; i < left; i++)
			if (kill(pids[i], 0) == 0)
				pids[keep++] = pids[i];
		left = keep;
		if ((long)left > peak)
			peak = (long)left;
	}
	/* The last batch: how long until the init has reaped it all. */
	int64_t t0 = landed, t1;
	for (;;) {
		size_t keep = 0;
		for (i = 0; i < left; i++)
			if (kill(pids[i], 0) == 0)
				pids[keep++] = pids[i];
		left = keep;
		t1 = now_ns();
		if (left == 0 || t1 - t0 > 10000000000LL)
			break;
		struct timespec pause_ts = { 0, 100000 };
		nanosleep(&pause_ts, NULL);
	}
	dprintf(FD_REPORT, "peak %ld left %zu last_batch_ns %lld "
	    "fork_failed %d\n", peak, left, (long long)(t1 - t0), failed);
	/* Stay the main child until the driver has read the init's CPU. */
	while (read(FD_GO, &c, 1) > 0)
		;
	return 0;
}

static volatile sig_atomic_t got_term;

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
}

static int
child_leave(const char *dir)
{
	int p[2];
	char c;

	if (pipe(p) == -1)
		_exit(1);
	pid_t leftover = fork();
	if (leftover == 0) {
		struct sigaction sa;
		sigset_t block, old;
		char tmp[4096], fin[4096];

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_term;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGTERM, &sa, NULL);
		sigemptyset(&block);
		sigaddset(&block, SIGTERM);
		sigprocmask(SIG_BLOCK, &block, &old);
		sigdelset(&old, SIGTERM);
		close(FD_REPORT);
		if (write(p[1], "L", 1) != 1)
			_exit(1);
		while (!got_term)
			sigsuspend(&old);
		/* The "flush": takes FLUSH_MS, then the file appears whole. */
		sleep_ms(FLUSH_MS);
		snprintf(tmp, sizeof(tmp), "%s/flushed.tmp", dir);
		snprintf(fin, sizeof(fin), "%s/flushed", dir);
		int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd == -1 || write(fd, "flushed\n", 8) != 8 ||
		    close(fd) == -1 || rename(tmp, fin) == -1)
			_exit(1);
		_exit(0);
	}
	if (leftover == -1 || read(p[0], &c, 1) != 1)
		_exit(1);
	ready();
	int64_t t = now_ns();
	if (write(FD_REPORT, &t, sizeof(t)) != (ssize_t)sizeof(t))
		_exit(1);
	_exit(0);
}

int
main(int argc, char **argv)
{
	ssize_t n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);

	if (n <= 0)
		die("readlink /proc/self/exe");
	self_path[n] = '\0';
	if (argc < 2) {
		fprintf(stderr, "usage: driver MODE ARGS...\n");
		return 2;
	}
	const char *m = argv[1];
	int ac = argc - 2;
	char **av = argv + 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(m, "child-sleep") == 0)
		return child_sleep();
	if (strcmp(m, "child-catch") == 0 && ac == 1)
		return child_catch(av[0]);
	if (strcmp(m, "child-reap") == 0 && ac == 2)
		return child_reap(atoi(av[0]), atoi(av[1]));
	if (strcmp(m, "child-leave") == 0 && ac == 1)
		return child_leave(av[0]);
	/* A watchdog for every parent mode: SIGALRM's default ends us, and
	 * PR_SET_PDEATHSIG then ends the init. */
	alarm(600);
	if (strcmp(m, "startup") == 0 && ac >= 3)
		return mode_startup(ac, av);
	if (strcmp(m, "nsrun") == 0 && ac >= 1)
		return mode_nsrun(ac, av);
	if (strcmp(m, "idle") == 0 && ac >= 3)
		return mode_idle(ac, av);
	if (strcmp(m, "sig") == 0 && ac >= 5)
		return mode_sig(ac, av);
	if (strcmp(m, "reap") == 0 && ac >= 3)
		return mode_reap(ac, av);
	if (strcmp(m, "shutdown") == 0 && ac >= 2)
		return mode_shutdown(ac, av);
	if (strcmp(m, "graceful") == 0 && ac >= 2)
		return mode_graceful(ac, av);
	fprintf(stderr, "driver: bad mode or arguments: %s\n", m);
	return 2;
}
