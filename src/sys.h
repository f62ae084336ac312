/* sys: every raw system call of init-lite and every kernel structure
 * written by hand for one, per architecture; sys.c checks the layouts.
 * Decides nothing: each function is one call (and its fallback). */
#ifndef SYS_H
#define SYS_H

#include <signal.h>
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

#endif
