/* grace: owns the signals to leftovers. Must never signal a process that
 * is not init-lite's descendant unless init-lite is PID 1 of the namespace
 * (then the namespace is its own); never signals itself. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>

#include "fmt.h"
#include "grace.h"
#include "log.h"
#include "procscan.h"
#include "sys.h"

/* A snapshot bigger than this is cut: the rest is caught by the next round
 * or, as a last resort, survives init-lite (it is not PID 1 here). */
#define SNAPSHOT_MAX	32768
#define KILL_ROUNDS	20

/* Large, but only touched when init-lite is not PID 1 at shutdown. */
static struct procent snapshot[SNAPSHOT_MAX];
static size_t found[SNAPSHOT_MAX];
static unsigned char mark[PROCSCAN_PID_LIMIT / 8];
/* The /proc reads go through static buffers rather than the stack: a
 * function with an array on the stack pays the stack protector's check,
 * some 40 bytes of code each (nothing here runs twice at once: no
 * threads, no signal handlers). The directory listing outlives the reads
 * of each entry, so it has its own. */
static char proc_buf[4096], dents[4096];

/* Reads /proc/PID/FILE into proc_buf (size bytes at most); the length
 * read, or -1. */
static ssize_t
read_proc(const char *pid, const char *file, size_t size)
{
	static char path[48];
	char *buf = proc_buf;
	ssize_t n;
	int fd;

	fmt_buf(path, sizeof(path), "/proc/%s/%s", pid, file);
	if ((fd = sys_open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, size);
	close(fd);
	return n;
}

static int
read_stat(const char *pid, struct procent *e)
{
	ssize_t n = read_proc(pid, "stat", 512);

	return n <= 0 ? -1 : procscan_parse_stat(proc_buf, (size_t)n, e);
}

/* 0: not a zombie; 1: a zombie; 2: a zombie leader whose threads run. */
static int
zombie(const char *pid, const struct procent *e)
{
	ssize_t n;

	if (e->state != 'Z' && e->state != 'X')
		return 0;
	n = read_proc(pid, "status", sizeof(proc_buf));
	return n > 0 && procscan_zombie_alive(proc_buf, (size_t)n) ? 2 : 1;
}

/* Once per run and kind: a repeated shutdown must not repeat it. */
static void
warn_once(unsigned bit, const char *what)
{
	static unsigned warned;

	if (warned & bit)
		return;
	warned |= bit;
	log_msg(LVL_WARN, "%s", what);
}

/* A /proc of another PID namespace names other processes with our pids:
 * walking it could signal anything (issue #15). */
static int
proc_is_ours(const struct grace *g)
{
	ssize_t n = read_proc("self", "status", sizeof(proc_buf));

	return n > 0 &&
	    procscan_proc_is_ours(proc_buf, (size_t)n, (int)g->self);
}

/* -1 if /proc cannot be read at all (errno set). */
static long
take_snapshot(void)
{
	struct sys_dirent64 *d;
	size_t count = 0;
	long n, off;
	int fd, err;

	/* getdents64 rather than opendir: no allocation in init-lite. */
	if ((fd = sys_open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	while ((n = sys_getdents64(fd, dents, sizeof(dents))) > 0)
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct sys_dirent64 *)(void *)(dents + off);
			if (d->d_name[0] < '1' || d->d_name[0] > '9')
				continue;
			if (count == SNAPSHOT_MAX) {
				log_msg(LVL_WARN, "over %d processes: "
				    "some not seen", SNAPSHOT_MAX);
				close(fd);
				return (long)count;
			}
			if (read_stat(d->d_name, &snapshot[count]) == 0 &&
			    zombie(d->d_name, &snapshot[count]) != 1)
				count++;
		}
	err = errno;
	close(fd);
	errno = err;
	return n == -1 ? -1 : (long)count;
}

/* The pid may have exited and been reused since the snapshot: pin it with
 * a pidfd, then check it still hangs below us (same parent, or re-parented
 * to us as subreaper) before signalling that very process. Without pidfds
 * (ENOSYS before Linux 5.3; EPERM from seccomp profiles older than them)
 * kill() after the same check: a reuse in between stays possible, but
 * skipping the leftovers is worse. */
static int
signal_descendant(const struct grace *g, const struct procent *e, int sig)
{
	static struct procent now;
	static char name[16];
	int fd, r = -1;

	fd = sys_pidfd_open(e->pid);
	if (fd == -1 && errno != ENOSYS && errno != EPERM)
		return -1;
	fmt_buf(name, sizeof(name), "%d", e->pid);
	if (read_stat(name, &now) == 0 &&
	    (now.ppid == e->ppid || now.ppid == g->self)) {
		if (fd != -1)
			r = sys_pidfd_send_signal(fd, sig);
		if (fd == -1 || (r == -1 && (errno == ENOSYS ||
		    errno == EPERM)))
			r = kill(e->pid, sig);
	} else
		errno = ESRCH;
	if (fd != -1)
		close(fd);
	return r;
}

/* What can be proven ours without /proc: the child's process group (the
 * child made it; while any member lives the kernel keeps its id). */
static int
signal_group(const struct grace *g, int sig)
{
	return g->child > 0 && kill(-g->child, sig) == 0;
}

int
grace_signal(const struct grace *g, int sig)
{
	long n;
	size_t k, i;
	int hit = 0;

	if (g->pid1) {
		if (kill(-1, sig) == 0)
			return 1;
		if (errno != ESRCH)
			log_msg(LVL_ERROR, "kill(-1, %d) failed: errno %d", sig,
			    errno);
		return 0;
	}
	if (!proc_is_ours(g) || (n = take_snapshot()) == -1) {
		warn_once(1, "/proc missing, unreadable or another PID "
		    "namespace's: the grace reaches only the child's process "
		    "group");
		return signal_group(g, sig);
	}
	k = procscan_descendants(snapshot, (size_t)n, (int)g->self, mark,
	    found, SNAPSHOT_MAX);
	for (i = 0; i < k; i++)
		if (signal_descendant(g, &snapshot[found[i]], sig) == 0)
			hit++;
		else if (errno != ESRCH)
			warn_once(2, "cannot signal a leftover: it may "
			    "survive init-lite");
	return hit;
}

int
grace_nonchild_leftovers(const struct grace *g)
{
	return g->pid1 && kill(-1, 0) == 0;
}

void
grace_kill_all(const struct grace *g)
{
	int round;

	for (round = 0; round < KILL_ROUNDS; round++)
		if (grace_signal(g, SIGKILL) == 0 || g->pid1)
			return;
}
