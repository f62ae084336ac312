/* recorder OUT READY [EXITSIG]
 * Catches every catchable signal (1..64 but KILL and STOP, including 32-34
 * and TSTP/TTIN/TTOU, which it handles instead of stopping), unblocks them
 * all, creates READY, then appends one line per received signal to OUT:
 * "SIG" or, for a sigqueue'd signal, "SIG vVALUE". Exits 0 after recording
 * EXITSIG, if given. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "rawsig.h"

static int out_fd;
static volatile sig_atomic_t exit_sig;

static char *put_num(char *p, long n)
{
	char tmp[24];
	int i = 0;

	if (n < 0) {
		*p++ = '-';
		n = -n;
	}
	do
		tmp[i++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (i > 0)
		*p++ = tmp[--i];
	return p;
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	char line[64], *p = line;

	(void)uc;
	p = put_num(p, sig);
	if (si->si_code == SI_QUEUE) {
		*p++ = ' ';
		*p++ = 'v';
		p = put_num(p, si->si_value.sival_int);
	}
	*p++ = '\n';
	if (write(out_fd, line, (size_t)(p - line)) < 0)
		_exit(3);
	if (sig == exit_sig)
		_exit(0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = {0};
	struct ksigaction k;
	int sig, fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: recorder OUT READY [EXITSIG]\n");
		return 2;
	}
	if (argc == 4 && (exit_sig = parse_sig(argv[3])) < 0) {
		fprintf(stderr, "recorder: bad signal %s\n", argv[3]);
		return 2;
	}
	out_fd = open(argv[1], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (out_fd < 0) {
		perror(argv[1]);
		return 2;
	}
	/* Let libc install one handler, read back its flags and restorer, and
	 * reuse them for every signal through the raw system call. */
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	if (sigaction(SIGUSR1, &sa, NULL) < 0 || raw_sigaction(SIGUSR1, NULL, &k) < 0) {
		perror("sigaction");
		return 2;
	}
	k.mask = 0;
	for (sig = 1; sig <= RAW_NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		if (raw_sigaction(sig, &k, NULL) < 0) {
			perror("rt_sigaction");
			return 2;
		}
	}
	if (raw_setmask(0) < 0) {
		perror("rt_sigprocmask");
		return 2;
	}
	fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(argv[2]);
		return 2;
	}
	close(fd);
	for (;;)
		pause();
}
