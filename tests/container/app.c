/* The "app" of the container tests: a static program that needs nothing in
 * its image, so it can run in a FROM scratch image beside init-lite.
 *   app            print "app: ready", then wait; every SIGUSR1 prints
 *                  "app: got USR1"; SIGTERM keeps its default action (death)
 *   app exit N     exit with status N
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1;

static void on_usr1(int sig)
{
	(void)sig;
	usr1 = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	sigset_t block, old;

	if (argc == 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc != 1) {
		fputs("usage: app [exit N]\n", stderr);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) != 0)
		return 1;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	printf("app: ready\n");
	fflush(stdout);
	for (;;) {
		while (!usr1)
			sigsuspend(&old);
		usr1 = 0;
		printf("app: got USR1\n");
		fflush(stdout);
	}
}
