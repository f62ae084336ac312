/* fuzz_config: the whole argv + environment -> struct config path, as main()
 * calls it, for SIGRTMIN 34 (glibc) and 35 (musl).
 *
 * Input: byte 0 picks how many of the strings are argv (low 4 bits; 0 is
 * an empty argv, which execve allowed before Linux 5.18) and the size of
 * the error buffer (high 4 bits); the rest is split into
 * NUL-terminated strings (a last unterminated one counts too): argv
 * first, then the environment. Every string sits in its own heap block.
 *
 * Properties, besides ASan/UBSan being silent:
 * - the result is 0 or -1; on -1 the reason is a non-empty string within
 *   the buffer, one line with no control byte whatever the input held;
 *   on 0 the buffer holds "" (nothing to report);
 * - argv and envp are not modified;
 * - on success every field is in range: action known; PROGRAM present
 *   exactly for a run and inside argv after the options; flags 0/1;
 *   verbosity 0..3; pdeathsig 0 or 1..rtmax; grace <= DURATION_MAX_MS;
 *   rewrite entries 0..rtmax, entry 0 and the never-forwarded signals
 *   untouched;
 * - parsing is deterministic, and what does not depend on SIGRTMIN (all
 *   but pdeathsig and the rewrite table) is the same for 34 and 35 when
 *   both accept. */
#include <signal.h>

#include "config.h"
#include "duration.h"
#include "fuzz.h"

#define RTMAX		64
#define MAX_STRINGS	64

static const size_t errlens[16] = {
	256, 0, 1, 2, 3, 4, 5, 8, 13, 16, 24, 32, 48, 64, 100, 512
};

static int
never_forwarded(int sig)
{
	return sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD ||
	    sig == SIGFPE || sig == SIGILL || sig == SIGSEGV || sig == SIGBUS ||
	    sig == SIGABRT || sig == SIGTRAP || sig == SIGSYS;
}

static int
flag(int v)
{
	return v == 0 || v == 1;
}

static void
check_config(const struct config *c, char **argv, size_t argc, int rtmin)
{
	size_t i, first;
	int sig, to;

	switch (c->action) {
	case CONFIG_RUN:
	case CONFIG_PAUSE:
		break;
	case CONFIG_HELP:
	case CONFIG_VERSION:
	case CONFIG_LICENSE:
		/* Answered before the environment is read: nothing else
		 * matters. */
		return;
	default:
		CHECK(0, "action %d", (int)c->action);
	}
	if (c->action == CONFIG_RUN) {
		CHECK(c->argv != NULL, "run without PROGRAM");
		first = (size_t)(c->argv - argv);
		CHECK(c->argv > argv && first < argc && *c->argv == argv[first],
		    "PROGRAM not inside argv (index %zd of %zu)",
		    (ssize_t)(c->argv - argv), argc);
		CHECK(c->argv[argc - first] == NULL, "PROGRAM's argv end");
	} else
		CHECK(c->argv == NULL, "--pause with PROGRAM");
	CHECK(flag(c->subreaper) && flag(c->pgroup) && flag(c->warn_on_reap),
	    "flags %d %d %d", c->subreaper, c->pgroup, c->warn_on_reap);
	CHECK(c->verbosity >= 0 && c->verbosity <= 3, "verbosity %d",
	    c->verbosity);
	CHECK(c->pdeathsig >= 0 && c->pdeathsig <= RTMAX, "pdeathsig %d",
	    c->pdeathsig);
	CHECK(c->grace_ms <= DURATION_MAX_MS, "grace %lu", c->grace_ms);
	CHECK(rewrite_apply(&c->rewrite, 0) == 0, "rewrite of 0");
	for (sig = 1; sig <= SIGNAME_KERNEL_MAX; sig++) {
		to = rewrite_apply(&c->rewrite, sig);
		CHECK(to >= 0 && to <= RTMAX, "rewrite %d -> %d (rtmin %d)",
		    sig, to, rtmin);
		CHECK(!never_forwarded(sig) || to == sig,
		    "unforwarded %d rewritten to %d", sig, to);
	}
	for (i = 0; i < 256; i++) {
		to = remap_apply(&c->remap, (int)i);
		CHECK(to >= 0 && to <= 255, "remap %zu -> %d", i, to);
	}
	CHECK(flag(c->forward_all) && flag(c->wait_all), "flags %d %d",
	    c->forward_all, c->wait_all);
	CHECK(c->stop_delay_ms <= DURATION_MAX_MS, "stop delay %lu",
	    c->stop_delay_ms);
}

/* The fields that SIGRTMIN cannot change. */
static int
same_config(const struct config *a, const struct config *b)
{
	return a->action == b->action && a->argv == b->argv &&
	    a->subreaper == b->subreaper && a->pgroup == b->pgroup &&
	    a->warn_on_reap == b->warn_on_reap &&
	    a->verbosity == b->verbosity && a->grace_ms == b->grace_ms &&
	    a->stop_delay_ms == b->stop_delay_ms &&
	    a->forward_all == b->forward_all && a->wait_all == b->wait_all &&
	    a->path == b->path && a->listen_pid == b->listen_pid &&
	    memcmp(&a->remap, &b->remap, sizeof(a->remap)) == 0;
}

static int
same_strings(char **a, char **b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return a[n] == NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *strs[MAX_STRINGS + 2], *argv[MAX_STRINGS + 2];
	char *envp[MAX_STRINGS + 2], *saved[MAX_STRINGS + 2];
	struct config c[2], again;
	const uint8_t *p, *end, *nul;
	size_t nstr = 0, argc, i, errlen;
	char *err;
	int r[2], r2, k;

	if (size < 1 || size > 4096)
		return 0;
	errlen = errlens[data[0] >> 4];
	for (p = data + 1, end = data + size; p < end && nstr < MAX_STRINGS;
	    p = nul + 1) {
		nul = memchr(p, '\0', (size_t)(end - p));
		if (nul == NULL)
			nul = end;
		strs[nstr] = malloc((size_t)(nul - p) + 1);
		saved[nstr] = malloc((size_t)(nul - p) + 1);
		if (strs[nstr] == NULL || saved[nstr] == NULL)
			abort();
		memcpy(strs[nstr], p, (size_t)(nul - p));
		strs[nstr][nul - p] = '\0';
		memcpy(saved[nstr], strs[nstr], (size_t)(nul - p) + 1);
		nstr++;
		if (nul == end)
			break;
	}
	if (nstr == 0) {
		strs[0] = strdup("init-lite");
		saved[0] = strdup("init-lite");
		if (strs[0] == NULL || saved[0] == NULL)
			abort();
		nstr = 1;
	}
	argc = (size_t)(data[0] & 0x0f);
	if (argc > nstr)
		argc = nstr;
	for (i = 0; i < argc; i++)
		argv[i] = strs[i];
	argv[argc] = NULL;
	for (i = argc; i < nstr; i++)
		envp[i - argc] = strs[i];
	envp[nstr - argc] = NULL;
	saved[nstr] = NULL;

	/* An error buffer of exactly errlen bytes (malloc(0) may be NULL;
	 * config_parse must not touch it then). */
	err = errlen > 0 ? malloc(errlen) : NULL;
	if (errlen > 0 && err == NULL)
		abort();

	for (k = 0; k < 2; k++) {
		if (errlen > 0)
			memset(err, 'x', errlen);
		r[k] = config_parse(&c[k], argv, envp, 34 + k, RTMAX, err,
		    errlen);
		CHECK(r[k] == 0 || r[k] == -1, "result %d", r[k]);
		CHECK(same_strings(argv, saved, argc), "argv modified");
		CHECK(same_strings(envp, saved + argc, nstr - argc),
		    "envp modified");
		if (errlen > 0) {
			CHECK(memchr(err, '\0', errlen) != NULL,
			    "error not terminated within %zu bytes", errlen);
			if (r[k] == -1 && errlen > 1)
				CHECK(err[0] != '\0', "failure without reason");
			/* One line, whatever the user typed. */
			for (i = 0; i < errlen && err[i] != '\0'; i++)
				CHECK((unsigned char)err[i] >= 0x20 &&
				    err[i] != 0x7f, "control byte %#x in the "
				    "reason '%s'", (unsigned char)err[i], err);
			if (r[k] == 0)
				CHECK(err[0] == '\0', "success with '%s'", err);
		}
		if (r[k] == 0)
			check_config(&c[k], argv, argc, 34 + k);

		r2 = config_parse(&again, argv, envp, 34 + k, RTMAX, err,
		    errlen);
		CHECK(r2 == r[k] && (r2 == -1 || (same_config(&again, &c[k]) &&
		    again.pdeathsig == c[k].pdeathsig &&
		    memcmp(&again.rewrite, &c[k].rewrite,
		    sizeof(again.rewrite)) == 0)), "not deterministic");
	}
	if (r[0] == 0 && r[1] == 0)
		CHECK(same_config(&c[0], &c[1]), "rtmin 34 and 35 differ");

	free(err);
	for (i = 0; i < nstr; i++) {
		free(strs[i]);
		free(saved[i]);
	}
	return 0;
}
