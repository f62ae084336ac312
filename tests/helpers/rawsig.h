/* Raw signal system calls shared by the test helpers.
 * glibc refuses signals 32 and 33 in sigaction/sigprocmask (it reserves them
 * for its threads), so the helpers talk to the kernel directly. The struct
 * below is the kernel's layout on x86-64 and arm64. */
#ifndef RAWSIG_H
#define RAWSIG_H

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#define RAW_NSIG 64

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	void *restorer;
	unsigned long mask;
};

static inline int raw_sigaction(int sig, const struct ksigaction *act,
				struct ksigaction *old)
{
	return (int)syscall(SYS_rt_sigaction, sig, act, old, sizeof(unsigned long));
}

static inline int raw_setmask(unsigned long mask)
{
	return (int)syscall(SYS_rt_sigprocmask, SIG_SETMASK, &mask, NULL,
			    sizeof(unsigned long));
}

static inline unsigned long sigbit(int sig)
{
	return 1UL << (sig - 1);
}

/* Signal number from a decimal string or a name without SIG; -1 if unknown. */
int parse_sig(const char *s);

#endif
