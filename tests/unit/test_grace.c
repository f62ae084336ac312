/* test_grace: whom the shutdown signals when init-lite is not PID 1, over
 * a fake /proc: only its descendants, never itself or anything else; a pid
 * whose parent changed since the snapshot (reused) is left alone; a plain
 * zombie is skipped, a zombie leader with live threads is not; pidfd
 * denied (EPERM, ENOSYS) falls back to kill() after the same check; a
 * /proc of another PID namespace is not walked (the child's process group
 * instead); as PID 1, kill(-1) and nothing else.
 * Linked with --wrap for syscall, read, close and kill. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include "grace.h"
#include "log.h"

long	__wrap_syscall(long, ...);
ssize_t	__wrap_read(int, void *, size_t);
int	__wrap_close(int);
int	__wrap_kill(pid_t, int);

#define SELF	10
#define MAXP	16
#define DIR_FD	50
#define FILE_FD	60
#define PIDFD	1000

struct fake {
	int pid, ppid;
	char state;
	int threads;
	int ppid_later;		/* != 0: the parent read at the re-check */
};

static struct {
	struct fake p[MAXP];
	int n;
	int foreign;		/* /proc/self/status names another pid */
	int pidfd_errno;	/* pidfd_open fails with it; 0: works */
	int dir_listed;
	char file[512];		/* what the open file holds */
	size_t file_len;
	int stat_reads[MAXP];
	/* what was signalled, in order: pid (negative: a group), signal */
	int hit_pid[64], hit_sig[64], nhits;
	int by_pidfd;
	int warnings;
} fk;

void
log_msg(int level, const char *fmt, ...)
{
	(void)fmt;
	if (level == LVL_WARN)
		fk.warnings++;
}

static struct fake *
find(int pid)
{
	int i;

	for (i = 0; i < fk.n; i++)
		if (fk.p[i].pid == pid)
			return &fk.p[i];
	return NULL;
}

static void
record(int pid, int sig)
{
	if (fk.nhits < 64) {
		fk.hit_pid[fk.nhits] = pid;
		fk.hit_sig[fk.nhits] = sig;
	}
	fk.nhits++;
}

/* Opens a /proc file: its content goes to fk.file for the next read. */
static long
open_path(const char *path)
{
	struct fake *f;
	int pid, ppid;
	char what[16];

	if (strcmp(path, "/proc") == 0)
		return DIR_FD;
	if (strcmp(path, "/proc/self/status") == 0) {
		fk.file_len = (size_t)snprintf(fk.file, sizeof(fk.file),
		    "Name:\tinit-lite\nNSpid:\t%d\n", fk.foreign ? 77 : SELF);
		return FILE_FD;
	}
	if (sscanf(path, "/proc/%d/%15s", &pid, what) != 2 ||
	    (f = find(pid)) == NULL) {
		errno = ENOENT;
		return -1;
	}
	if (strcmp(what, "stat") == 0) {
		ppid = f->ppid;
		if (fk.stat_reads[f - fk.p]++ > 0 && f->ppid_later != 0)
			ppid = f->ppid_later;
		fk.file_len = (size_t)snprintf(fk.file, sizeof(fk.file),
		    "%d (p %d) %c %d 1 1 0 -1\n", pid, pid, f->state, ppid);
	} else
		fk.file_len = (size_t)snprintf(fk.file, sizeof(fk.file),
		    "Name:\tp\nState:\t%c\nThreads:\t%d\n", f->state,
		    f->threads);
	return FILE_FD;
}

/* One getdents64 batch: ".", "self", then every pid; then the end. */
static long
list_dir(char *buf, size_t len)
{
	char name[16];
	size_t off = 0, reclen;
	int i;

	if (fk.dir_listed++)
		return 0;
	for (i = -2; i < fk.n; i++) {
		if (i == -2)
			strcpy(name, ".");
		else if (i == -1)
			strcpy(name, "self");
		else
			snprintf(name, sizeof(name), "%d", fk.p[i].pid);
		reclen = (19 + strlen(name) + 1 + 7) & ~(size_t)7;
		assert_true(off + reclen <= len);
		memset(buf + off, 0, reclen);
		memcpy(buf + off + 16, &(unsigned short){ (unsigned short)reclen },
		    2);
		strcpy(buf + off + 19, name);
		off += reclen;
	}
	return (long)off;
}

long
__wrap_syscall(long n, ...)
{
	va_list ap;
	long r = 0;
	const char *path;
	char *buf;
	size_t len;
	struct fake *f;
	int sig;

	va_start(ap, n);
	switch (n) {
	case SYS_openat:
		(void)va_arg(ap, long);
		path = va_arg(ap, const char *);
		r = open_path(path);
		break;
	case SYS_getdents64:
		(void)va_arg(ap, long);
		buf = va_arg(ap, char *);
		len = va_arg(ap, size_t);
		r = list_dir(buf, len);
		break;
	case SYS_pidfd_open:
		r = va_arg(ap, long);
		if (fk.pidfd_errno != 0) {
			errno = fk.pidfd_errno;
			r = -1;
		} else
			r += PIDFD;
		break;
	case SYS_pidfd_send_signal:
		r = va_arg(ap, long) - PIDFD;
		sig = (int)va_arg(ap, long);
		f = find((int)r);
		assert_non_null(f);
		record((int)r, sig);
		fk.by_pidfd++;
		r = 0;
		break;
	default:
		fail_msg("unexpected system call %ld", n);
	}
	va_end(ap);
	return r;
}

ssize_t
__wrap_read(int fd, void *buf, size_t len)
{
	assert_int_equal(fd, FILE_FD);
	if (len > fk.file_len)
		len = fk.file_len;
	memcpy(buf, fk.file, len);
	return (ssize_t)len;
}

int
__wrap_close(int fd)
{
	(void)fd;
	return 0;
}

int
__wrap_kill(pid_t pid, int sig)
{
	if (sig != 0)
		record((int)pid, sig);
	return 0;
}

static void
add(int pid, int ppid, char state, int threads)
{
	struct fake *f = &fk.p[fk.n++];

	f->pid = pid;
	f->ppid = ppid;
	f->state = state;
	f->threads = threads;
	f->ppid_later = 0;
}

static int
setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof(fk));
	return 0;
}

static int
hit(int pid)
{
	int i;

	for (i = 0; i < fk.nhits && i < 64; i++)
		if (fk.hit_pid[i] == pid)
			return 1;
	return 0;
}

static const struct grace not_pid1 = { 0, SELF, 11 };

static void
test_only_descendants(void **state)
{
	(void)state;
	add(1, 0, 'S', 1);
	add(SELF, 1, 'S', 1);
	add(11, SELF, 'S', 1);		/* the child */
	add(12, 11, 'S', 1);		/* its child */
	add(14, 13, 'S', 1);		/* listed before its parent */
	add(13, 12, 'S', 1);
	add(20, 1, 'S', 1);		/* a sibling of init-lite */
	add(21, 20, 'S', 1);
	assert_int_equal(grace_signal(&not_pid1, SIGTERM), 4);
	assert_int_equal(fk.nhits, 4);
	assert_true(hit(11) && hit(12) && hit(13) && hit(14));
	assert_false(hit(SELF) || hit(1) || hit(20) || hit(21));
	assert_int_equal(fk.by_pidfd, 4);
	assert_int_equal(fk.warnings, 0);
}

/* Between the snapshot and the signal, 12 exited and its pid went to a
 * process with another parent: not signalled. 13 was re-parented to us
 * (subreaper): signalled. */
static void
test_reused_pid_left_alone(void **state)
{
	(void)state;
	add(11, SELF, 'S', 1);
	add(12, 11, 'S', 1);
	fk.p[1].ppid_later = 500;
	add(13, 11, 'S', 1);
	fk.p[2].ppid_later = SELF;
	assert_int_equal(grace_signal(&not_pid1, SIGTERM), 2);
	assert_true(hit(11) && hit(13));
	assert_false(hit(12));
}

static void
test_zombies(void **state)
{
	(void)state;
	add(11, SELF, 'S', 1);
	add(12, 11, 'Z', 1);		/* a plain zombie */
	add(13, 11, 'Z', 3);		/* main thread gone, threads run */
	assert_int_equal(grace_signal(&not_pid1, SIGTERM), 2);
	assert_true(hit(11) && hit(13));
	assert_false(hit(12));
}

/* pidfd denied (older seccomp profiles) or missing (Linux < 5.3): kill()
 * after the same parent check. */
static void
test_pidfd_denied_falls_back(void **state)
{
	static const int errs[] = { EPERM, ENOSYS };
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		memset(&fk, 0, sizeof(fk));
		fk.pidfd_errno = errs[i];
		add(11, SELF, 'S', 1);
		add(12, 11, 'S', 1);
		fk.p[1].ppid_later = 500;
		assert_int_equal(grace_signal(&not_pid1, SIGTERM), 1);
		assert_true(hit(11));
		assert_false(hit(12));
		assert_int_equal(fk.by_pidfd, 0);
	}
}

/* Another namespace's /proc: its pids are not ours. The child's process
 * group only, and one warning for the whole run. */
static void
test_foreign_proc_not_walked(void **state)
{
	(void)state;
	fk.foreign = 1;
	add(11, SELF, 'S', 1);
	add(12, 11, 'S', 1);
	assert_int_equal(grace_signal(&not_pid1, SIGTERM), 1);
	assert_int_equal(fk.nhits, 1);
	assert_int_equal(fk.hit_pid[0], -11);
	assert_int_equal(fk.dir_listed, 0);
	(void)grace_signal(&not_pid1, SIGCONT);
	assert_int_equal(fk.warnings, 1);
}

static void
test_pid1_kills_all(void **state)
{
	static const struct grace pid1 = { 1, 1, 2 };

	(void)state;
	add(2, 1, 'S', 1);
	assert_int_equal(grace_signal(&pid1, SIGTERM), 1);
	assert_int_equal(fk.nhits, 1);
	assert_int_equal(fk.hit_pid[0], -1);
	assert_int_equal(fk.hit_sig[0], SIGTERM);
	assert_int_equal(fk.dir_listed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_only_descendants, setup),
		cmocka_unit_test_setup(test_reused_pid_left_alone, setup),
		cmocka_unit_test_setup(test_zombies, setup),
		cmocka_unit_test_setup(test_pidfd_denied_falls_back, setup),
		cmocka_unit_test_setup(test_pid1_kills_all, setup),
		cmocka_unit_test_setup(test_foreign_proc_not_walked, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
