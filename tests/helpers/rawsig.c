#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rawsig.h"

static const struct {
	const char *name;
	int num;
} names[] = {
	{"HUP", SIGHUP},   {"INT", SIGINT},   {"QUIT", SIGQUIT},
	{"KILL", SIGKILL}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2},
	{"PIPE", SIGPIPE}, {"ALRM", SIGALRM}, {"TERM", SIGTERM},
	{"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP},
	{"TSTP", SIGTSTP}, {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},
	{"WINCH", SIGWINCH},
};

int parse_sig(const char *s)
{
	char *end;
	long n;
	size_t i;

	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	n = strtol(s, &end, 10);
	if (end != s && *end == '\0')
		return n >= 1 && n <= RAW_NSIG ? (int)n : -1;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(s, names[i].name) == 0)
			return names[i].num;
	return -1;
}
