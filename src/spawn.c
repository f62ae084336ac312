/* spawn: the only code that runs between fork and exec. The child side
 * allocates nothing, prints nothing and leaves only through exec or
 * _exit (musl's posix_spawn does the same). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <string.h>
#include <unistd.h>

#include "env.h"

#include "fmt.h"
#include "spawn.h"

extern char **environ;

/* Filled in the child's own copy of memory after fork. */
static char listen_pid_env[32];

/* execvp without libc's copy: PATH search as execvp does it (empty PATH
 * entry = current directory; musl's default PATH when unset), keeping
 * EACCES over ENOENT so "found but not executable" is reported as such.
 * Runs in the child: stack only. Returns the errno to report. */
static int
exec_path(char **argv)
{
	const char *path, *p, *end;
	char buf[4096];
	size_t dirlen, namelen = fmt_strlen(argv[0]);
	int err = ENOENT, seen_eacces = 0;

	if (fmt_strchr(argv[0], '/') != NULL) {
		execve(argv[0], argv, environ);
		return errno;
	}
	if ((path = env_get(environ, "PATH")) == NULL)
		path = "/usr/local/bin:/bin:/usr/bin";
	for (p = path; ; p = end + 1) {
		if ((end = fmt_strchr(p, ':')) == NULL)
			end = p + fmt_strlen(p);
		dirlen = (size_t)(end - p);
		if (dirlen + namelen + 2 <= sizeof(buf) && namelen > 0) {
			memcpy(buf, p, dirlen);
			buf[dirlen] = '/';
			memcpy(buf + dirlen + (dirlen > 0), argv[0], namelen + 1);
			execve(dirlen > 0 ? buf : argv[0], argv, environ);
			err = errno;
			if (err == EACCES)
				seen_eacces = 1;
			else if (err != ENOENT && err != ENOTDIR)
				return err;
		}
		if (*end == '\0')
			break;
	}
	return seen_eacces ? EACCES : err == ENOTDIR ? ENOENT : err;
}

static void __attribute__((noreturn))
child(const struct spawn *s, int errfd)
{
	int err;

	setpgid(0, 0);
	/* Still blocked here, so tcsetpgrp from a background group does not
	 * stop us with SIGTTOU (tini does the same). */
	if (s->take_tty)
		(void)tcsetpgrp(STDIN_FILENO, getpid());
	if (s->listen_pid != NULL) {
		fmt_buf(listen_pid_env, sizeof(listen_pid_env),
		    "LISTEN_PID=%d", (int)getpid());
		*s->listen_pid = listen_pid_env;
	}
	if (s->chld_ignored)
		(void)sigmask_set_ignored(SIGCHLD, 1);
	(void)sigmask_set(s->entry_mask, NULL);
	err = exec_path(s->argv);
	(void)!write(errfd, &err, sizeof(err));
	_exit(127);
}

enum spawn_result
spawn_child(const struct spawn *s, pid_t *pid, int *err)
{
	int fds[2], status;
	ssize_t n;

	if (syscall(SYS_pipe2, fds, O_CLOEXEC) == -1) {
		*err = errno;
		return SPAWN_FORK_FAILED;
	}
	/* The raw call, not musl's fork(): the child only execs, so libc's
	 * atfork and lock bookkeeping (~1 KiB) buys nothing. clone with just
	 * SIGCHLD is fork on every architecture, arm64 included. */
	if ((*pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0)) == -1) {
		*err = errno;
		close(fds[0]);
		close(fds[1]);
		return SPAWN_FORK_FAILED;
	}
	if (*pid == 0) {
		close(fds[0]);
		child(s, fds[1]);
	}
	close(fds[1]);
	/* Also from this side, so that a signal to the group (-g) cannot
	 * race the child's own setpgid. EACCES after its exec is fine. */
	(void)setpgid(*pid, *pid);
	do
		n = read(fds[0], err, sizeof(*err));
	while (n == -1 && errno == EINTR);
	close(fds[0]);
	if (n != (ssize_t)sizeof(*err))
		return SPAWN_OK;
	while (waitpid(*pid, &status, 0) == -1 && errno == EINTR)
		;
	return SPAWN_EXEC_FAILED;
}
