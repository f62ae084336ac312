/* signame: signal names <-> numbers ("TERM", "sigterm", "rtmin+3", "15").
 * Pure. SIGRTMIN/SIGRTMAX come in as parameters: glibc says 34, musl 35. */
#ifndef SIGNAME_H
#define SIGNAME_H

#include <signal.h>
#include <stddef.h>

/* The kernel's highest signal on the architectures we build for. */
#define SIGNAME_KERNEL_MAX	64

/* Name (any case, SIG prefix optional, RTMIN+N, RTMAX-N) or decimal number
 * 1..rtmax -> *sig. 0 on success, -1 if it names no signal. */
int	signame_to_num(const char *s, int rtmin, int rtmax, int *sig);
/* sig -> "TERM", "RTMIN+3" or the number, in buf (at least 12 bytes). */
void	signame_from_num(int sig, int rtmin, int rtmax, char *buf, size_t len);

/* The signals init-lite does not forward, as a kernel mask (bit sig-1). */
#define SIGNAME_BIT(sig)	(1ULL << ((sig) - 1))
#define SIGNAME_UNFORWARDED	(SIGNAME_BIT(SIGKILL) | SIGNAME_BIT(SIGSTOP) | \
	SIGNAME_BIT(SIGCHLD) | SIGNAME_BIT(SIGFPE) | SIGNAME_BIT(SIGILL) | \
	SIGNAME_BIT(SIGSEGV) | SIGNAME_BIT(SIGBUS) | SIGNAME_BIT(SIGABRT) | \
	SIGNAME_BIT(SIGTRAP) | SIGNAME_BIT(SIGSYS))

/* 1 if init-lite forwards sig: every signal 1..SIGNAME_KERNEL_MAX but
 * KILL and STOP (cannot be caught), CHLD (drives reaping) and the
 * synchronous faults of init-lite itself (FPE ILL SEGV BUS ABRT TRAP SYS). */
int	signame_forwarded(int sig);

#endif
