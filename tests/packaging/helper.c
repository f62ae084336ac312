/*
 * A tiny program that init-lite runs as its child in the packaging tests,
 * built static for aarch64 and run under qemu-user-static:
 *   helper arch          print the machine name (uname -m) and exit 0
 *   helper exit N        exit with status N
 *   helper signal S      die of signal S
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct utsname u;
	int n;

	if (argc == 2 && strcmp(argv[1], "arch") == 0) {
		if (uname(&u) != 0)
			return 2;
		printf("%s\n", u.machine);
		return 0;
	}
	if (argc != 3)
		return 2;
	n = atoi(argv[2]);
	if (strcmp(argv[1], "exit") == 0)
		return n;
	if (strcmp(argv[1], "signal") == 0) {
		sigset_t set;

		signal(n, SIG_DFL);
		sigemptyset(&set);
		sigaddset(&set, n);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		kill(getpid(), n);
		pause();
		return 3;
	}
	return 2;
}
