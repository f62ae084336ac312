/* spawn: vfork and exec the main child, with the signal state init-lite
 * found on entry; an exec error comes back through a close-on-exec pipe. */
#ifndef SPAWN_H
#define SPAWN_H

#include <sys/types.h>

#include "sigmask.h"

struct spawn {
	char **argv;
	const struct sigmask *entry_mask;  /* restored in the child */
	int chld_ignored;	/* SIGCHLD was SIG_IGN on entry: restore it */
	int take_tty;		/* make the child's group the tty foreground */
	char **listen_pid;	/* environ slot "LISTEN_PID=..." to rewrite */
	const char *path;	/* PATH's value, or NULL: musl's default */
};

enum spawn_result { SPAWN_OK, SPAWN_FORK_FAILED, SPAWN_EXEC_FAILED };

/* SPAWN_OK: *pid is the running child. SPAWN_FORK_FAILED: *err is vfork's
 * errno. SPAWN_EXEC_FAILED: *err is execvp's errno, the child is reaped. */
enum spawn_result spawn_child(const struct spawn *, pid_t *pid, int *err);

#endif
