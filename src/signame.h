/* signame: signal names <-> numbers ("TERM", "sigterm", "rtmin+3", "15").
 * Pure. SIGRTMIN/SIGRTMAX come in as parameters: glibc says 34, musl 35. */
#ifndef SIGNAME_H
#define SIGNAME_H

#include <signal.h>
#include <stddef.h>

#include "sys.h"

/* The kernel's highest signal: 64, or 128 on MIPS (sys.h). */
#define SIGNAME_KERNEL_MAX	SYS_KERNEL_NSIG

/* Name (any case, SIG prefix optional, RTMIN+N, RTMAX-N) or decimal number
 * 1..rtmax -> *sig. 0 on success, -1 if it names no signal. */
int	signame_to_num(const char *s, int rtmin, int rtmax, int *sig);
/* sig -> "TERM", "RTMIN+3" or the number, in buf (at least 12 bytes). */
void	signame_from_num(int sig, int rtmin, int rtmax, char *buf, size_t len);

#endif
