/* signame: the one table of signal names. Accepts what kill(1), tini and
 * OpenBSD timeout accept; never accepts 0 or a number past rtmax. */
#include <signal.h>
#include <string.h>

#include "fmt.h"
#include "signame.h"

static const struct {
	char name[7];
	unsigned char num;
} names[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "ILL", SIGILL }, { "TRAP", SIGTRAP }, { "ABRT", SIGABRT },
	{ "BUS", SIGBUS }, { "FPE", SIGFPE }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "SEGV", SIGSEGV }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT },
	{ "STOP", SIGSTOP }, { "TSTP", SIGTSTP }, { "TTIN", SIGTTIN },
	{ "TTOU", SIGTTOU }, { "URG", SIGURG }, { "XCPU", SIGXCPU },
	{ "XFSZ", SIGXFSZ }, { "VTALRM", SIGVTALRM }, { "PROF", SIGPROF },
	{ "WINCH", SIGWINCH }, { "IO", SIGIO }, { "PWR", SIGPWR },
	{ "SYS", SIGSYS },
	/* Each architecture's own: MIPS has EMT and no STKFLT. */
#ifdef SIGSTKFLT
	{ "STKFLT", SIGSTKFLT },
#endif
#ifdef SIGEMT
	{ "EMT", SIGEMT },
#endif
	/* Aliases after the canonical names, so from_num finds those. */
	{ "IOT", SIGABRT }, { "CLD", SIGCHLD }, { "POLL", SIGIO },
};

static int
equal_nocase(const char *s, const char *name)
{
	const char *rest = fmt_skip_nocase(s, name);

	return rest != NULL && *rest == '\0';
}

int
signame_to_num(const char *s, int rtmin, int rtmax, int *sig)
{
	const char *rest;
	unsigned long n;
	size_t i;

	if (s == NULL)
		return -1;
	/* No kernel signal lies past SIGNAME_KERNEL_MAX (64, or 128 on
	 * MIPS), whatever the libc says. */
	if (rtmax > SIGNAME_KERNEL_MAX)
		rtmax = SIGNAME_KERNEL_MAX;
	if (*s >= '0' && *s <= '9') {
		if (fmt_parse_uint(s, (unsigned long)rtmax, &n) == -1 || n == 0)
			return -1;
		*sig = (int)n;
		return 0;
	}
	if ((rest = fmt_skip_nocase(s, "SIG")) != NULL)
		s = rest;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (equal_nocase(s, names[i].name)) {
			*sig = names[i].num;
			return 0;
		}
	if ((rest = fmt_skip_nocase(s, "RTMIN")) != NULL) {
		if (*rest == '\0') {
			*sig = rtmin;
			return 0;
		}
		if (*rest != '+' || fmt_parse_uint(rest + 1,
		    (unsigned long)(rtmax - rtmin), &n) == -1)
			return -1;
		*sig = rtmin + (int)n;
		return 0;
	}
	if ((rest = fmt_skip_nocase(s, "RTMAX")) != NULL) {
		if (*rest == '\0') {
			*sig = rtmax;
			return 0;
		}
		if (*rest != '-' || fmt_parse_uint(rest + 1,
		    (unsigned long)(rtmax - rtmin), &n) == -1)
			return -1;
		*sig = rtmax - (int)n;
		return 0;
	}
	return -1;
}

void
signame_from_num(int sig, int rtmin, int rtmax, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].num == sig) {
			fmt_buf(buf, len, "SIG%s", names[i].name);
			return;
		}
	if (sig == rtmin)
		fmt_buf(buf, len, "SIGRTMIN");
	else if (sig > rtmin && sig <= rtmax)
		fmt_buf(buf, len, "SIGRTMIN+%d", sig - rtmin);
	else
		fmt_buf(buf, len, "signal %d", sig);
}
