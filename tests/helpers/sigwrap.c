/* sigwrap [-b SIGS] [-i SIGS] [-k SIG] [-o FILE] -- PROG [ARGS...]
 * Starts PROG with a known signal state: every disposition default except
 * the -i list (ignored), the mask exactly the -b list (comma separated,
 * names or numbers, 32-34 allowed). -k sends SIG to itself first, so it is
 * pending at exec (it must be in -b). -o writes the SigBlk and SigIgn lines
 * of /proc/self/status to FILE just before the exec. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rawsig.h"

static int parse_list(char *s, unsigned long *set)
{
	char *tok, *save = NULL;
	int sig;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if ((sig = parse_sig(tok)) < 0)
			return -1;
		*set |= sigbit(sig);
	}
	return 0;
}

static int dump_state(const char *path)
{
	char buf[4096], *line, *save = NULL;
	ssize_t n;
	int in, out;

	in = open("/proc/self/status", O_RDONLY);
	if (in < 0)
		return -1;
	n = read(in, buf, sizeof(buf) - 1);
	close(in);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "SigBlk:", 7) == 0 || strncmp(line, "SigIgn:", 7) == 0) {
			if (write(out, line, strlen(line)) < 0 || write(out, "\n", 1) < 0) {
				close(out);
				return -1;
			}
		}
	}
	return close(out);
}

int main(int argc, char **argv)
{
	unsigned long block = 0, ignore = 0;
	struct ksigaction k = {0};
	const char *state = NULL;
	int opt, sig, raise_sig = 0;

	while ((opt = getopt(argc, argv, "+b:i:k:o:")) != -1) {
		switch (opt) {
		case 'b':
			if (parse_list(optarg, &block) < 0)
				goto usage;
			break;
		case 'i':
			if (parse_list(optarg, &ignore) < 0)
				goto usage;
			break;
		case 'k':
			if ((raise_sig = parse_sig(optarg)) < 0)
				goto usage;
			break;
		case 'o':
			state = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc)
		goto usage;
	for (sig = 1; sig <= RAW_NSIG; sig++) {
		if (sig == SIGKILL || sig == SIGSTOP)
			continue;
		k.handler = (ignore & sigbit(sig)) ? SIG_IGN : SIG_DFL;
		if (raw_sigaction(sig, &k, NULL) < 0) {
			perror("rt_sigaction");
			return 2;
		}
	}
	if (raw_setmask(block) < 0) {
		perror("rt_sigprocmask");
		return 2;
	}
	if (raise_sig && kill(getpid(), raise_sig) < 0) {
		perror("kill");
		return 2;
	}
	if (state && dump_state(state) < 0) {
		perror(state);
		return 2;
	}
	execvp(argv[optind], argv + optind);
	perror(argv[optind]);
	return 127;
usage:
	fprintf(stderr, "usage: sigwrap [-b SIGS] [-i SIGS] [-k SIG] [-o FILE] -- PROG [ARGS...]\n");
	return 2;
}
