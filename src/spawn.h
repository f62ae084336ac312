/* spawn: vfork and exec the main child, with the signal state init-lite
 * found on entry; an exec error comes back through a close-on-exec pipe. */
#ifndef SPAWN_H
#define SPAWN_H

#include <sys/types.h>

#include "passwd.h"
#include "sigmask.h"

struct spawn {
	char **argv;
	const struct sigmask *entry_mask;  /* restored in the child */
	int chld_ignored;	/* SIGCHLD was SIG_IGN on entry: restore it */
	int take_tty;		/* make the child's group the tty foreground */
	char **listen_pid;	/* environ slot "LISTEN_PID=..." to rewrite */
	const char *path;	/* PATH's value, or NULL: musl's default */
	const struct user_ids *ids;	/* --user; NULL: keep our identity */
};

/* The last four: the child could not take the --user ids (the step that
 * failed), or could still become root again after setuid. */
enum spawn_result {
	SPAWN_OK, SPAWN_FORK_FAILED, SPAWN_EXEC_FAILED,
	SPAWN_SETGROUPS_FAILED, SPAWN_SETGID_FAILED, SPAWN_SETUID_FAILED,
	SPAWN_ROOT_REGAINED,
};

#define SPAWN_NOEXEC	126	/* found, but exec failed */
#define SPAWN_NOTFOUND	127

/* SPAWN_OK: *pid is the running child; *err is 0, or pipe2's errno when
 * the exec-error pipe could not be made (RLIMIT_NOFILE of 3 or 4): the
 * child was started without it, and an exec failure is then only its exit
 * status, SPAWN_NOEXEC or SPAWN_NOTFOUND. SPAWN_FORK_FAILED: *err is
 * vfork's errno. Else the child is reaped, nothing ran, *err is execvp's
 * errno or the failed step's (0 for SPAWN_ROOT_REGAINED). */
enum spawn_result spawn_child(const struct spawn *, pid_t *pid, int *err);
/* The exit status for an exec errno: a name too long to exist cannot be
 * found either. */
int	spawn_exit_code(int err);

#endif
