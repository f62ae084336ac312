/*
 * target: a small program of the target architecture (static musl, built
 * by mk/cross.mk as build/ARCH/target-helper, run under qemu-user) that
 * init-lite runs as its child in tests/cross/arch.sh. Signals are named as
 * the target's libc numbers them (MIPS: USR1 is 16).
 *   helper arch             print the machine name (uname -m), exit 0
 *   helper exit N           exit with status N
 *   helper signal NAME      die of signal NAME
 *   helper signum NAME      print NAME's number on this architecture
 *   helper disp NAME...     print "NAME ignored" or "NAME default" for each
 *   helper recv FILE        block every signal, create FILE.ready, then
 *                           append each signal received to FILE (its
 *                           number, one a line) until SIGTERM, exit 0
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static const struct {
	const char *name;
	int num;
} sigs[] = {
	{ "HUP", SIGHUP }, { "INT", SIGINT }, { "QUIT", SIGQUIT },
	{ "KILL", SIGKILL }, { "USR1", SIGUSR1 }, { "USR2", SIGUSR2 },
	{ "PIPE", SIGPIPE }, { "ALRM", SIGALRM }, { "TERM", SIGTERM },
	{ "CHLD", SIGCHLD }, { "CONT", SIGCONT }, { "WINCH", SIGWINCH },
	{ "PWR", SIGPWR }, { "URG", SIGURG },
};

static int
signum(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (strcmp(sigs[i].name, name) == 0)
			return sigs[i].num;
	return atoi(name);
}

static int
recv_signals(const char *file)
{
	char ready[512];
	sigset_t all;
	FILE *f;
	int sig;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, NULL);
	snprintf(ready, sizeof(ready), "%s.ready", file);
	if ((f = fopen(ready, "w")) == NULL)
		return 2;
	fclose(f);
	for (;;) {
		if (sigwait(&all, &sig) != 0)
			return 2;
		if ((f = fopen(file, "a")) == NULL)
			return 2;
		fprintf(f, "%d\n", sig);
		fclose(f);
		if (sig == SIGTERM)
			return 0;
	}
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct utsname u;
	sigset_t set;
	int i, n;

	if (argc == 2 && strcmp(argv[1], "arch") == 0) {
		if (uname(&u) != 0)
			return 2;
		printf("%s\n", u.machine);
		return 0;
	}
	if (argc >= 2 && strcmp(argv[1], "disp") == 0) {
		for (i = 2; i < argc; i++) {
			if (sigaction(signum(argv[i]), NULL, &sa) != 0)
				return 2;
			printf("%s %s\n", argv[i], sa.sa_handler == SIG_IGN ?
			    "ignored" : "default");
		}
		return 0;
	}
	if (argc != 3)
		return 2;
	if (strcmp(argv[1], "recv") == 0)
		return recv_signals(argv[2]);
	n = signum(argv[2]);
	if (strcmp(argv[1], "exit") == 0)
		return n;
	if (strcmp(argv[1], "signum") == 0) {
		printf("%d\n", n);
		return 0;
	}
	if (strcmp(argv[1], "signal") == 0) {
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
