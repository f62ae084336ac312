/* grace: owns the signals to leftovers. Must never signal a process that
 * is not init-lite's descendant unless init-lite is PID 1 of the namespace
 * (then the namespace is its own); never signals itself. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fmt.h"
#include "grace.h"
#include "log.h"
#include "procscan.h"

/* A snapshot bigger than this is cut: the rest is caught by the next round
 * or, as a last resort, survives init-lite (it is not PID 1 here). */
#define SNAPSHOT_MAX	32768
#define KILL_ROUNDS	20

/* Large, but only touched when init-lite is not PID 1 at shutdown. */
static struct procent snapshot[SNAPSHOT_MAX];
static size_t found[SNAPSHOT_MAX];
static unsigned char mark[PROCSCAN_PID_LIMIT / 8];

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int
read_stat(const char *pid, struct procent *e)
{
	char path[40], buf[512];
	ssize_t n;
	int fd;

	fmt_buf(path, sizeof(path), "/proc/%s/stat", pid);
	if ((fd = (int)syscall(SYS_openat, AT_FDCWD, path,
	    O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return -1;
	return procscan_parse_stat(buf, (size_t)n, e);
}

static size_t
take_snapshot(void)
{
	char buf[4096];
	struct dirent64 *d;
	size_t count = 0;
	long n, off;
	int fd;

	/* getdents64 rather than opendir: no allocation in init-lite. */
	if ((fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc",
	    O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		log_msg(LVL_ERROR, "cannot open /proc: errno %d", errno);
		return 0;
	}
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
		for (off = 0; off < n; off += d->d_reclen) {
			d = (struct dirent64 *)(void *)(buf + off);
			if (d->d_name[0] < '1' || d->d_name[0] > '9')
				continue;
			if (count == SNAPSHOT_MAX) {
				log_msg(LVL_WARN, "over %d processes: "
				    "some not seen", SNAPSHOT_MAX);
				close(fd);
				return count;
			}
			if (read_stat(d->d_name, &snapshot[count]) == 0)
				count++;
		}
	close(fd);
	return count;
}

/* The pid may have exited and been reused since the snapshot: pin it with
 * a pidfd, then check it still hangs below us (same parent, or re-parented
 * to us as subreaper) before signalling that very process. */
static int
signal_descendant(const struct grace *g, const struct procent *e, int sig)
{
	struct procent now;
	char name[16];
	int fd, r;

	if ((fd = (int)syscall(SYS_pidfd_open, e->pid, 0)) == -1)
		return errno == ENOSYS ? kill(e->pid, sig) : -1;
	fmt_buf(name, sizeof(name), "%d", e->pid);
	r = -1;
	if (read_stat(name, &now) == 0 &&
	    (now.ppid == e->ppid || now.ppid == g->self))
		r = (int)syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
	close(fd);
	return r;
}

int
grace_signal(const struct grace *g, int sig)
{
	const struct procent *e;
	size_t n, k, i;
	int hit = 0;

	if (g->pid1) {
		if (kill(-1, sig) == 0)
			return 1;
		if (errno != ESRCH)
			log_msg(LVL_ERROR, "kill(-1, %d) failed: errno %d", sig,
			    errno);
		return 0;
	}
	n = take_snapshot();
	k = procscan_descendants(snapshot, n, (int)g->self, mark, found,
	    SNAPSHOT_MAX);
	for (i = 0; i < k; i++) {
		e = &snapshot[found[i]];
		if (e->state == 'Z' || e->state == 'X')
			continue;
		if (signal_descendant(g, e, sig) == 0)
			hit++;
	}
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
