/* tryroot: tries to become root again and says how it went, one line per
 * call: "setuid(0) EPERM", "setreuid(0) EPERM", "setresuid(0) EPERM",
 * "setgid(0) EPERM" (or "ok" when the call succeeded). Run as the --user
 * program: every line must end in an error. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void
say(const char *what, int rc)
{
	printf("%s %s\n", what, rc == 0 ? "ok" :
	    errno == EPERM ? "EPERM" : strerror(errno));
}

int
main(void)
{
	say("setuid(0)", setuid(0));
	say("setreuid(0)", setreuid(0, 0));
	say("setresuid(0)", setresuid(0, 0, 0));
	say("seteuid(0)", seteuid(0));
	return 0;
}
