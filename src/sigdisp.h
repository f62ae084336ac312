/* sigdisp: signal dispositions (SIG_DFL, SIG_IGN) through the raw
 * rt_sigaction system call. */
#ifndef SIGDISP_H
#define SIGDISP_H

/* The raw rt_sigaction calls (libc's sigaction drags in the handler
 * trampoline machinery that init-lite, which has no handler, never uses).
 * 1 if sig's disposition is SIG_IGN, 0 if not, -1 on error. */
int	sigdisp_is_ignored(int sig);
/* Sets sig's disposition to SIG_DFL or SIG_IGN (ignore != 0). */
int	sigdisp_set_ignored(int sig, int ignore);
#endif
