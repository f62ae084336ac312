/* config: argv + environment -> struct config. Pure: no system calls,
 * no output, never exits; the first bad input fills err and returns -1. */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#include "passwd.h"
#include "remap.h"
#include "rewrite.h"

#define GRACE_DEFAULT_MS	5000UL

enum config_action {
	CONFIG_RUN,		/* run argv as the main child */
	CONFIG_PAUSE,		/* --pause: no child */
	CONFIG_HELP,
	CONFIG_VERSION,
	CONFIG_LICENSE,
};

struct config {
	enum config_action action;
	char **argv;		/* PROGRAM [ARGS...], NULL-terminated */
	int subreaper;
	int pgroup;
	int warn_on_reap;
	int verbosity;		/* 0 errors, 1 warnings, 2 info, 3 debug */
	int pdeathsig;		/* 0: none */
	unsigned long grace_ms;
	unsigned long stop_delay_ms;	/* --stop-delay: hold the first TERM */
	int forward_all;	/* -a: forward to every process we may signal */
	int wait_all;		/* --wait-all: outlive the child's exit */
	/* Read in the same one pass as the variables, for main and spawn:
	 * nothing else scans the environment (it can hold hundreds). */
	const char *path;	/* PATH's value, or NULL */
	const char *listen_pid;	/* the "LISTEN_PID=..." entry, or NULL */
	struct remap remap;
	struct rewrite rewrite;
	struct user_spec user;	/* --user; user.user NULL: none */
};

/* argv as main() got it; envp NULL-terminated. rtmin/rtmax are the libc's
 * SIGRTMIN/SIGRTMAX. 0 on success, -1 with a one-line reason in err. */
int	config_parse(struct config *, char **argv, char *const *envp,
	    int rtmin, int rtmax, char *err, size_t errlen);

#endif
