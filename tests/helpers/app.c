/* The "app": a static program that needs nothing in its image, run as
 * init-lite's child in a FROM scratch container (tests/container) and, built
 * for aarch64, under qemu-user (tests/packaging).
 *   app            print "app: ready", then wait; every SIGUSR1 prints
 *                  "app: got USR1", every signal 35 (a realtime signal for
 *                  glibc and musl alike) "app: got 35"; SIGTERM keeps its
 *                  default action (death)
 *   app exit N     exit with status N
 *   app signal S   die of signal S
 *   app arch       print the machine name (uname -m) and exit 0
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, rt35;

static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		usr1 = 1;
	else
		rt35 = 1;
}

static int die_of(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), sig);
	pause();
	return 3;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct utsname u;
	sigset_t block, old;

	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc == 3 && strcmp(argv[1], "signal") == 0)
		return die_of(atoi(argv[2]));
	if (argc == 2 && strcmp(argv[1], "arch") == 0) {
		if (uname(&u) != 0)
			return 2;
		printf("%s\n", u.machine);
		return 0;
	}
	if (argc != 1) {
		fputs("usage: app [exit N | signal S | arch]\n", stderr);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0 || sigaction(35, &sa, NULL) != 0)
		return 1;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, 35);
	sigprocmask(SIG_BLOCK, &block, &old);
	printf("app: ready\n");
	fflush(stdout);
	for (;;) {
		while (!usr1 && !rt35)
			sigsuspend(&old);
		if (usr1)
			printf("app: got USR1\n");
		if (rt35)
			printf("app: got 35\n");
		usr1 = rt35 = 0;
		fflush(stdout);
	}
}
