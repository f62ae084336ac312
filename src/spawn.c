/* spawn: the only code that runs between vfork and exec. The child side
 * allocates nothing, prints nothing, changes no memory but its stack and
 * the LISTEN_PID slot, and leaves only through exec or _exit. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fmt.h"
#include "log.h"
#include "sigdisp.h"
#include "spawn.h"
#include "sys.h"

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

/* Runs in the child: --user in the order that keeps the right to change
 * ids until the last step (groups, gid, then uid). 0, or the failed step
 * and errno as -(step * 4096 + errno) (errno < 4096, the kernel's
 * MAX_ERRNO). The shared memory is safe from the new uid: changing ids
 * makes the mm non-dumpable (commit_creds), so it cannot be ptraced. */
static int
drop_privileges(const struct user_ids *ids)
{
	int step = SPAWN_SETGROUPS_FAILED;

	/* Raw calls (sys.c): this process only, 32-bit ids everywhere. */
	if (sys_setgroups(ids->ngroups, ids->groups) == -1 ||
	    (++step, sys_setgid(ids->gid)) == -1 ||
	    (++step, sys_setuid(ids->uid)) == -1)
		return -(step * 4096 + errno);
	/* Capabilities kept across setuid (SECBIT_NO_SETUID_FIXUP, a
	 * kernel that does not clear them) would let the program back. */
	if (ids->uid != 0 && sys_setuid(0) == 0)
		return -(SPAWN_ROOT_REGAINED * 4096);
	return 0;
}

/* The child's own error line, when there is no pipe to hand the errno to
 * the parent: stack and write(2) only. log_msg is not for here: it keeps
 * state in memory that vfork shares with the parent. */
static void
say(const struct spawn *s, const char *what, int err)
{
	char name[128], line[256];
	size_t n;

	fmt_clean(name, sizeof(name), s->argv[0]);
	n = fmt_buf(line, sizeof(line), "init-lite: error: %s '%s': errno "
	    "%d\n", what, name, err);
	(void)log_write_all(STDERR_FILENO, line, n);
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
	 * stop us with SIGTTOU (tini does the same). tcsetpgrp as the raw
	 * ioctl (sys.c): musl's costs ~160 bytes with its ioctl. */
	if (s->take_tty)
		(void)sys_tcsetpgrp(STDIN_FILENO, getpid());
	if (s->listen_pid != NULL) {
		fmt_buf(listen_pid_env, sizeof(listen_pid_env),
		    "LISTEN_PID=%d", (int)getpid());
		*s->listen_pid = listen_pid_env;
	}
	/* Still blocked here: a signal sent by the new uid waits. Then
	 * exec_path searches PATH with the new identity's rights. */
	if (s->ids == NULL || (err = drop_privileges(s->ids)) == 0) {
		/* Dispositions are the child's own even under vfork (no
		 * CLONE_SIGHAND); the mask is per thread. */
		if (s->chld_ignored)
			(void)sigdisp_set_ignored(SIGCHLD, 1);
		(void)sigmask_set(s->entry_mask, NULL);
		err = exec_path(s->argv, s->path);
	}
	if (errfd != -1)
		(void)!write(errfd, &err, sizeof(err));
	else
		say(s, err < 0 ? "cannot take the --user ids for" :
		    "cannot run", err < 0 ? -err % 4096 : err);
	/* A --user step that failed is init-lite's own error: 125. */
	_exit(err < 0 ? 125 : spawn_exit_code(err));
}

int
spawn_exit_code(int err)
{
	return err == ENOENT || err == ENOTDIR || err == ENAMETOOLONG ?
	    SPAWN_NOTFOUND : SPAWN_NOEXEC;
}

enum spawn_result
spawn_child(const struct spawn *s, pid_t *pid, int *err)
{
	char *listen_pid = s->listen_pid != NULL ? *s->listen_pid : NULL;
	int fds[2], status, step;
	ssize_t n;
	pid_t p;

	/* The errno goes through a close-on-exec pipe, not shared memory:
	 * qemu-user and valgrind run vfork as a plain fork. Without one (no
	 * two descriptors free) the program still starts (issue #15). */
	*err = 0;
	if (sys_pipe2(fds, O_CLOEXEC) == -1) {
		*err = errno;
		fds[0] = fds[1] = -1;
	}
	/* vfork: no page tables copied, most of a fork's cost for a program
	 * that execs at once (start-up 254 -> 175 us in bench/driver.c). The
	 * child makes system calls and writes only its own stack, the pipe
	 * and the LISTEN_PID slot, and leaves by exec or _exit. */
	if ((p = vfork()) == -1) {
		*err = errno;
		if (fds[0] != -1) {
			close(fds[0]);
			close(fds[1]);
		}
		return SPAWN_FORK_FAILED;
	}
	if (p == 0)
		child(s, fds[1]);	/* NOLINT(clang-analyzer-unix.Vfork): see child() */
	*pid = p;
	/* The environ slot may be shared memory: give the parent its own. */
	if (s->listen_pid != NULL)
		*s->listen_pid = listen_pid;
	if (fds[0] == -1)
		return SPAWN_OK;
	close(fds[1]);
	do
		n = read(fds[0], err, sizeof(*err));
	while (n == -1 && errno == EINTR);
	close(fds[0]);
	if (n != (ssize_t)sizeof(*err)) {
		*err = 0;
		return SPAWN_OK;
	}
	while (waitpid(p, &status, 0) == -1 && errno == EINTR)
		;
	if (*err >= 0)
		return SPAWN_EXEC_FAILED;
	step = -*err / 4096;
	*err = -*err % 4096;
	return (enum spawn_result)step;
}
