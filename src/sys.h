/* sys: every raw system call of init-lite and every kernel structure
 * written by hand for one, per architecture; sys.c checks the layouts.
 * Decides nothing: each function is one call (and its fallback). */
#ifndef SYS_H
#define SYS_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* The kernel's signal count, its _NSIG: signals are 1..SYS_KERNEL_NSIG.
 * 128 on MIPS, 64 on the other architectures built (alpha, parisc and
 * sparc, which differ too, are not). Not the libc's SIGRTMAX: musl says
 * 127 on MIPS, as a wait status has 7 bits for the signal. */
#if defined(__mips__)
#define SYS_KERNEL_NSIG	128
#else
#define SYS_KERNEL_NSIG	64
#endif

#define SYS_LONG_BITS	((int)(8 * sizeof(unsigned long)))

/* The kernel's sigset_t: signal s is bit (s-1) % SYS_LONG_BITS of word
 * (s-1) / SYS_LONG_BITS: 8 bytes on 64-bit and 32-bit, 16 on MIPS. A
 * uint64_t would be wrong on MIPS and on 32-bit big-endian. */
struct sys_sigset {
	unsigned long w[SYS_KERNEL_NSIG / (8 * sizeof(unsigned long))];
};

/* The kernel's struct sigaction (linux/signal_types.h), which is not the
 * libc's: MIPS puts an int of flags first (IRIX's order) and has no
 * restorer; riscv and loongarch have no restorer; x86, arm, aarch64,
 * powerpc and s390 have one (alpha and parisc differ again and are not
 * built). sys.c checks the offsets. */
#if defined(__mips__)
struct sys_sigaction {
	unsigned int flags;
	void (*handler)(int);
	struct sys_sigset mask;
};
#elif defined(__riscv) || defined(__loongarch__)
struct sys_sigaction {
	void (*handler)(int);
	unsigned long flags;
	struct sys_sigset mask;
};
#else
struct sys_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	struct sys_sigset mask;
};
#endif

/* The kernel's struct linux_dirent64, as getdents64 fills it: the same on
 * every architecture (fixed-size fields, the name at byte 19). */
struct sys_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* rt_sigprocmask(SIG_SETMASK); old may be NULL. 0, or -1 with errno. */
int	sys_sigprocmask(const struct sys_sigset *set, struct sys_sigset *old);
/* rt_sigtimedwait; timeout NULL waits forever. The signal, or -1 with
 * errno (EAGAIN on timeout, EINTR). */
int	sys_sigtimedwait(const struct sys_sigset *set, siginfo_t *info,
	    const struct timespec *timeout);
/* rt_sigaction; sa or old may be NULL. 0, or -1 with errno. */
int	sys_sigaction(int sig, const struct sys_sigaction *sa,
	    struct sys_sigaction *old);
/* nanosleep(t, NULL), as clock_nanosleep(CLOCK_REALTIME, 0) like the
 * libc's (musl's costs ~150 bytes). 0, or -1 with errno (EINTR). */
int	sys_sleep(const struct timespec *t);
/* clock_gettime(CLOCK_MONOTONIC). 0, or -1 with errno. */
int	sys_clock_monotonic(struct timespec *now);

/* The others, each one call with the kernel's arguments; the result, or
 * -1 with errno. */
/* openat(AT_FDCWD, ...): musl's open() costs 200 bytes of the budget. */
int	sys_open(const char *path, int flags);
/* getdents64: the bytes of struct sys_dirent64 read into buf, 0 at the
 * end. opendir would allocate. */
long	sys_getdents64(int fd, void *buf, size_t len);
int	sys_pidfd_open(pid_t pid);
int	sys_pidfd_send_signal(int pidfd, int sig);
int	sys_close_range(unsigned int first, unsigned int last);
int	sys_pipe2(int fds[2], int flags);
/* setgroups, setgid, setuid with 32-bit ids (the *32 calls on i386 and
 * arm, whose plain ones take 16-bit ids); raw: they change this process
 * only (musl's setuid would sync threads, no business of a vfork child). */
int	sys_setgroups(size_t n, const gid_t *groups);
int	sys_setgid(gid_t gid);
int	sys_setuid(uid_t uid);
/* prctl(option, arg, 0, 0, 0): the kernel reads its arguments as unsigned
 * longs. musl's prctl costs bytes the budget has not got. */
int	sys_prctl(int option, unsigned long arg);
/* tcgetpgrp and tcsetpgrp as the ioctls they are (TIOCGPGRP, TIOCSPGRP:
 * their numbers differ on MIPS and powerpc; the libc's headers have the
 * target's). musl's cost ~290 bytes with the ioctl behind them. */
int	sys_tcgetpgrp(int fd, pid_t *pgrp);
int	sys_tcsetpgrp(int fd, pid_t pgrp);

#endif
