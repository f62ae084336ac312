/* spawn: the only code that runs between vfork and exec. The child side
 * allocates nothing, prints nothing, changes no memory but its stack and
 * the LISTEN_PID slot, and leaves only through exec or _exit. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fmt.h"
#include "sigdisp.h"
#include "spawn.h"

extern char **environ;

/* Filled by the child; the parent puts its own pointer back. */
static char listen_pid_env[32];

/* execvp without libc's copy: PATH search as execvp does it (empty PATH
 * entry = current directory; musl's default PATH when unset), keeping
 * EACCES over ENOENT so "found but not executable" is reported as such.
 * Runs in the child: stack only. Returns the errno to report. */
static int
exec_path(char **argv, const char *path)
{
	const char *p, *end;
	char buf[4096];
	size_t dirlen, namelen = fmt_strlen(argv[0]);
	int err = ENOENT, seen_eacces = 0;

	if (fmt_strchr(argv[0], '/') != NULL) {
		execve(argv[0], argv, environ);
		return errno;
	}
	if (path == NULL)
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

/* noinline: under vfork the child runs on the parent's stack. Inlined into
 * spawn_child, its locals and exec_path's 4 KiB PATH buffer would share
 * spawn_child's frame, which the parent goes on using once the child has
 * exec'd; a frame of its own, below the parent's, is the only memory the
 * child's stack may touch (musl's posix_spawn gives its child a separate
 * stack for the same reason). */
static void __attribute__((noreturn, noinline))
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
	/* Dispositions are the child's own even under vfork (no
	 * CLONE_SIGHAND); the mask is per thread. */
	if (s->chld_ignored)
		(void)sigdisp_set_ignored(SIGCHLD, 1);
	(void)sigmask_set(s->entry_mask, NULL);
	err = exec_path(s->argv, s->path);
	(void)!write(errfd, &err, sizeof(err));
	_exit(127);
}

enum spawn_result
spawn_child(const struct spawn *s, pid_t *pid, int *err)
{
	char *listen_pid = s->listen_pid != NULL ? *s->listen_pid : NULL;
	int fds[2], status;
	ssize_t n;
	pid_t p;

	/* The errno goes through a close-on-exec pipe, not shared memory:
	 * qemu-user and valgrind run vfork as a plain fork. */
	if (syscall(SYS_pipe2, fds, O_CLOEXEC) == -1) {
		*err = errno;
		return SPAWN_FORK_FAILED;
	}
	/* vfork: no page tables copied, most of a fork's cost for a program
	 * that execs at once (start-up 254 -> 175 us in bench/driver.c). The
	 * child makes system calls and writes only its own stack, the pipe
	 * and the LISTEN_PID slot, and leaves by exec or _exit. */
	if ((p = vfork()) == -1) {
		*err = errno;
		close(fds[0]);
		close(fds[1]);
		return SPAWN_FORK_FAILED;
	}
	if (p == 0)
		child(s, fds[1]);	/* NOLINT(clang-analyzer-unix.Vfork): see child() */
	*pid = p;
	close(fds[1]);
	/* The environ slot may be shared memory: give the parent its own. */
	if (s->listen_pid != NULL)
		*s->listen_pid = listen_pid;
	do
		n = read(fds[0], err, sizeof(*err));
	while (n == -1 && errno == EINTR);
	close(fds[0]);
	if (n != (ssize_t)sizeof(*err))
		return SPAWN_OK;
	while (waitpid(p, &status, 0) == -1 && errno == EINTR)
		;
	return SPAWN_EXEC_FAILED;
}
