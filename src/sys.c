/* sys: owns the raw system calls and the kernel structures they take.
 * Must never pass a libc structure where the kernel's layout differs. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sys.h"

/* The kernel's own timespec for the calls that take 64-bit time
 * (__kernel_timespec). musl 1.2's struct timespec on 32-bit has a 64-bit
 * tv_sec but a 32-bit tv_nsec beside unnamed padding, so it is copied
 * field by field, never passed as it is. */
struct ktimespec64 {
	int64_t sec;
	int64_t nsec;
};

/* 32-bit architectures: the plain calls take the old 32-bit timespec; the
 * *_time64 calls (Linux 5.1) the 64-bit one. The old ones stay as the
 * fallback for an older kernel (ENOSYS) and for a seccomp profile that
 * predates them (Docker before 20.10 answers EPERM). */
#if defined(SYS_clock_gettime64)
#define NR_CLOCK_GETTIME	SYS_clock_gettime64
#if defined(SYS_clock_gettime32)	/* musl's name for the old call */
#define NR_CLOCK_GETTIME_OLD	SYS_clock_gettime32
#else
#define NR_CLOCK_GETTIME_OLD	SYS_clock_gettime
#endif
#else
#define NR_CLOCK_GETTIME	SYS_clock_gettime
#endif
#if defined(SYS_clock_nanosleep_time64)
#define NR_CLOCK_NANOSLEEP	SYS_clock_nanosleep_time64
#if defined(SYS_clock_nanosleep_time32)	/* musl's name for the old call */
#define NR_CLOCK_NANOSLEEP_OLD	SYS_clock_nanosleep_time32
#else
#define NR_CLOCK_NANOSLEEP_OLD	SYS_clock_nanosleep
#endif
#else
#define NR_CLOCK_NANOSLEEP	SYS_clock_nanosleep
#endif
#if defined(SYS_rt_sigtimedwait_time64)
#define NR_SIGTIMEDWAIT		SYS_rt_sigtimedwait_time64
#define NR_SIGTIMEDWAIT_OLD	SYS_rt_sigtimedwait
#else
#define NR_SIGTIMEDWAIT		SYS_rt_sigtimedwait
#endif

#if defined(NR_CLOCK_GETTIME_OLD) || defined(NR_SIGTIMEDWAIT_OLD) || \
    defined(NR_CLOCK_NANOSLEEP_OLD)
struct ktimespec32 {
	int32_t sec;
	int32_t nsec;
};

static int
time64_missing(void)
{
	return errno == ENOSYS || errno == EPERM;
}
#else
/* Without a *_time64 call the plain call takes 64-bit time. */
_Static_assert(sizeof(long) == 8, "a 32-bit target without *_time64 calls");
#endif

/* Without the old call beside it, a call takes the libc's timespec as it
 * is: the same layout as the kernel's, so no copy on the stack (nor the
 * stack protector's check in each caller the call is inlined into). */
#if !defined(NR_CLOCK_GETTIME_OLD) || !defined(NR_SIGTIMEDWAIT_OLD) || \
    !defined(NR_CLOCK_NANOSLEEP_OLD)
_Static_assert(sizeof(struct timespec) == sizeof(struct ktimespec64) &&
    offsetof(struct timespec, tv_nsec) == offsetof(struct ktimespec64, nsec),
    "without a *_time64 call the libc's timespec is __kernel_timespec");
#endif

/* The layouts, as the kernel's headers give them. */
_Static_assert(sizeof(struct sys_sigset) * 8 == SYS_KERNEL_NSIG,
    "sigset: one bit per kernel signal");
_Static_assert(sizeof(struct ktimespec64) == 16 &&
    offsetof(struct ktimespec64, nsec) == 8, "__kernel_timespec");
_Static_assert(sizeof(siginfo_t) == 128, "siginfo_t is 128 bytes");
_Static_assert(offsetof(struct sys_dirent64, d_off) == 8 &&
    offsetof(struct sys_dirent64, d_reclen) == 16 &&
    offsetof(struct sys_dirent64, d_type) == 18 &&
    offsetof(struct sys_dirent64, d_name) == 19, "linux_dirent64");
_Static_assert(sizeof(gid_t) == 4 && sizeof(uid_t) == 4,
    "the *32 id calls take 32-bit ids");
#if defined(__mips__)
_Static_assert(offsetof(struct sys_sigaction, handler) == sizeof(long) &&
    offsetof(struct sys_sigaction, mask) == 2 * sizeof(long) &&
    sizeof(struct sys_sigaction) == 2 * sizeof(long) + 16,
    "MIPS struct sigaction: flags, handler, 16-byte mask");
#elif defined(__riscv) || defined(__loongarch__)
_Static_assert(offsetof(struct sys_sigaction, flags) == sizeof(long) &&
    offsetof(struct sys_sigaction, mask) == 2 * sizeof(long) &&
    sizeof(struct sys_sigaction) == 2 * sizeof(long) + 8,
    "struct sigaction without restorer: handler, flags, mask");
#else
/* On 32-bit ARM a uint64_t mask would be 8-aligned, at 16 instead of 12. */
_Static_assert(offsetof(struct sys_sigaction, flags) == sizeof(long) &&
    offsetof(struct sys_sigaction, restorer) == 2 * sizeof(long) &&
    offsetof(struct sys_sigaction, mask) == 3 * sizeof(long) &&
    sizeof(struct sys_sigaction) == 3 * sizeof(long) + 8,
    "struct sigaction: handler, flags, restorer, mask");
#endif

int
sys_sigprocmask(const struct sys_sigset *set, struct sys_sigset *old)
{
	return (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, set, old,
	    sizeof(*set));
}

int
sys_sigtimedwait(const struct sys_sigset *set, siginfo_t *info,
    const struct timespec *timeout)
{
#if defined(NR_SIGTIMEDWAIT_OLD)
	struct ktimespec64 t;
	struct ktimespec32 t32;
	int r;

	if (timeout != NULL) {
		t.sec = timeout->tv_sec;
		t.nsec = timeout->tv_nsec;
	}
	r = (int)syscall(NR_SIGTIMEDWAIT, set, info,
	    timeout != NULL ? &t : NULL, sizeof(*set));
	if (r == -1 && time64_missing()) {
		if (timeout != NULL) {
			/* A timeout is at most a grace period: it fits. */
			t32.sec = (int32_t)timeout->tv_sec;
			t32.nsec = (int32_t)timeout->tv_nsec;
		}
		r = (int)syscall(NR_SIGTIMEDWAIT_OLD, set, info,
		    timeout != NULL ? &t32 : NULL, sizeof(*set));
	}
	return r;
#else
	return (int)syscall(NR_SIGTIMEDWAIT, set, info, timeout, sizeof(*set));
#endif
}

int
sys_sigaction(int sig, const struct sys_sigaction *sa,
    struct sys_sigaction *old)
{
	return (int)syscall(SYS_rt_sigaction, sig, sa, old,
	    sizeof(struct sys_sigset));
}

int
sys_clock_monotonic(struct timespec *now)
{
#if defined(NR_CLOCK_GETTIME_OLD)
	struct ktimespec64 t;
	struct ktimespec32 t32;

	if (syscall(NR_CLOCK_GETTIME, CLOCK_MONOTONIC, &t) == -1) {
		if (!time64_missing() || syscall(NR_CLOCK_GETTIME_OLD,
		    CLOCK_MONOTONIC, &t32) == -1)
			return -1;
		t.sec = t32.sec;
		t.nsec = t32.nsec;
	}
	now->tv_sec = (time_t)t.sec;
	now->tv_nsec = (long)t.nsec;
	return 0;
#else
	/* The libc's timespec is the kernel's here (asserted above). */
	return (int)syscall(NR_CLOCK_GETTIME, CLOCK_MONOTONIC, now);
#endif
}

int
sys_sleep(const struct timespec *t)
{
#if defined(NR_CLOCK_NANOSLEEP_OLD)
	struct ktimespec64 t64;
	struct ktimespec32 t32;
	int r;

	t64.sec = t->tv_sec;
	t64.nsec = t->tv_nsec;
	r = (int)syscall(NR_CLOCK_NANOSLEEP, CLOCK_REALTIME, 0, &t64, NULL);
	if (r == 0 || !time64_missing())
		return r;
	/* A slice of the poll is under a second: it fits. */
	t32.sec = (int32_t)t->tv_sec;
	t32.nsec = (int32_t)t->tv_nsec;
	return (int)syscall(NR_CLOCK_NANOSLEEP_OLD, CLOCK_REALTIME, 0, &t32,
	    NULL);
#else
	/* The libc's timespec is the kernel's here (asserted above). */
	return (int)syscall(NR_CLOCK_NANOSLEEP, CLOCK_REALTIME, 0, t, NULL);
#endif
}

int
sys_open(const char *path, int flags)
{
	return (int)syscall(SYS_openat, AT_FDCWD, path, flags);
}

long
sys_getdents64(int fd, void *buf, size_t len)
{
	return syscall(SYS_getdents64, fd, buf, len);
}

int
sys_pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

int
sys_pidfd_send_signal(int pidfd, int sig)
{
	return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

int
sys_close_range(unsigned int first, unsigned int last)
{
	return (int)syscall(SYS_close_range, first, last, 0U);
}

int
sys_pipe2(int fds[2], int flags)
{
	return (int)syscall(SYS_pipe2, fds, flags);
}

/* i386 and arm: the plain calls take 16-bit ids, the *32 ones 32-bit. */
#ifdef SYS_setuid32
#define NR_SETGROUPS	SYS_setgroups32
#define NR_SETGID	SYS_setgid32
#define NR_SETUID	SYS_setuid32
#else
#define NR_SETGROUPS	SYS_setgroups
#define NR_SETGID	SYS_setgid
#define NR_SETUID	SYS_setuid
#endif

int
sys_setgroups(size_t n, const gid_t *groups)
{
	return (int)syscall(NR_SETGROUPS, n, groups);
}

int
sys_setgid(gid_t gid)
{
	return (int)syscall(NR_SETGID, gid);
}

int
sys_setuid(uid_t uid)
{
	return (int)syscall(NR_SETUID, uid);
}

int
sys_prctl(int option, unsigned long arg)
{
	return (int)syscall(SYS_prctl, option, arg, 0UL, 0UL, 0UL);
}

int
sys_tcgetpgrp(int fd, pid_t *pgrp)
{
	return (int)syscall(SYS_ioctl, fd, TIOCGPGRP, pgrp);
}

int
sys_tcsetpgrp(int fd, pid_t pgrp)
{
	return (int)syscall(SYS_ioctl, fd, TIOCSPGRP, &pgrp);
}
