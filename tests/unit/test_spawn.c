/* test_spawn: both sides of spawn_child with the system calls faked.
 * The child side runs in this process: the fake vfork returns 0, and the
 * fake _exit jumps back here. Checked: the PATH search as execvp does it
 * (order, empty entry, EACCES kept over ENOENT, ENOTDIR as ENOENT, a name
 * with a slash not searched), its own process group, the terminal taken
 * only when asked, SIGCHLD's SIG_IGN and the entry mask restored, the
 * LISTEN_PID slot rewritten, and errno sent through the pipe; on the
 * parent side, the pipe read as the exec result.
 * Linked with --wrap for vfork, execve, setpgid, getpid, _exit,
 * write, read, close, waitpid and syscall. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include "env.h"
#include "passwd.h"
#include "spawn.h"

pid_t	__wrap_vfork(void);
int	__wrap_execve(const char *, char *const [], char *const []);
int	__wrap_setpgid(pid_t, pid_t);
pid_t	__wrap_getpid(void);
void	__wrap__exit(int) __attribute__((noreturn));
ssize_t	__wrap_write(int, const void *, size_t);
ssize_t	__wrap_read(int, void *, size_t);
int	__wrap_close(int);
pid_t	__wrap_waitpid(pid_t, int *, int);
long	__wrap_syscall(long, ...);

extern char **environ;

#define MAX_TRIES	16

static struct {
	pid_t vfork_ret;
	char tried[MAX_TRIES][128];
	int ntried;
	int exec_errno[MAX_TRIES];	/* per attempt; 0 reads as ENOENT */
	int setpgid_calls;
	int tcsetpgrp_calls;
	pid_t tcsetpgrp_to;
	int written_err;
	int exit_code;
	int sigaction_sig;
	void (*sigaction_handler)(int);
	int sigprocmask_calls;
	uint64_t mask_set;
	int read_err;		/* what the pipe gives the parent; -1: EOF */
	int waited;
	char listen_seen[40];
	int pipe_errno;		/* pipe2 fails with it; 0: it works */
	char stderr_text[512];
	char ids_calls[8];	/* 'G'roups, 'g'id, 'u'id, '0' = setuid(0) */
	int nids;
	int fail_at;		/* that ids call (1-based) fails with EPERM */
	int root_back;		/* setuid(0) succeeds after the drop */
	long uid, gid;
	size_t ngroups;
} f;

static jmp_buf child_done;

pid_t
__wrap_vfork(void)
{
	return f.vfork_ret;
}

int
__wrap_execve(const char *path, char *const argv[], char *const envp[])
{
	char *const *e;

	(void)argv;
	for (e = envp; e != NULL && *e != NULL; e++)
		if (strncmp(*e, "LISTEN_PID=", 11) == 0)
			strncpy(f.listen_seen, *e, sizeof(f.listen_seen) - 1);
	if (f.ntried < MAX_TRIES) {
		strncpy(f.tried[f.ntried], path, sizeof(f.tried[0]) - 1);
		errno = f.exec_errno[f.ntried] != 0 ? f.exec_errno[f.ntried] :
		    ENOENT;
	}
	f.ntried++;
	return -1;
}

int
__wrap_setpgid(pid_t pid, pid_t pgid)
{
	assert_int_equal(pid, 0);
	assert_int_equal(pgid, 0);
	f.setpgid_calls++;
	return 0;
}

pid_t
__wrap_getpid(void)
{
	return 777;
}

void
__wrap__exit(int code)
{
	f.exit_code = code;
	longjmp(child_done, 1);
}

ssize_t
__wrap_write(int fd, const void *buf, size_t len)
{
	if (fd == STDERR_FILENO) {
		strncat(f.stderr_text, buf, len);
		return (ssize_t)len;
	}
	assert_int_equal(fd, 101);
	assert_int_equal(len, sizeof(int));
	memcpy(&f.written_err, buf, sizeof(int));
	return (ssize_t)len;
}

ssize_t
__wrap_read(int fd, void *buf, size_t len)
{
	assert_int_equal(fd, 100);
	if (f.read_err == -1)
		return 0;
	memcpy(buf, &f.read_err, len);
	return (ssize_t)len;
}

int
__wrap_close(int fd)
{
	(void)fd;
	return 0;
}

pid_t
__wrap_waitpid(pid_t pid, int *status, int options)
{
	(void)options;
	*status = 127 << 8;
	f.waited++;
	return pid;
}

long
__wrap_syscall(long n, ...)
{
	va_list ap;
	int *fds;
	long sig;
	const void *sa;
	const uint64_t *set;

	va_start(ap, n);
	switch (n) {
	case SYS_setgroups:
	case SYS_setgid:
	case SYS_setuid:
		f.ids_calls[f.nids] = n == SYS_setgroups ? 'G' : n == SYS_setgid ?
		    'g' : 'u';
		if (n == SYS_setgroups)
			f.ngroups = (size_t)va_arg(ap, long);
		else if (n == SYS_setgid)
			f.gid = va_arg(ap, long);
		else if ((f.uid = va_arg(ap, long)) == 0 && f.nids > 2)
			f.ids_calls[f.nids] = '0';
		if (++f.nids == f.fail_at ||
		    (f.ids_calls[f.nids - 1] == '0' && !f.root_back)) {
			va_end(ap);
			errno = EPERM;
			return -1;
		}
		break;
	case SYS_ioctl:		/* tcsetpgrp, as the child makes it */
		assert_int_equal(va_arg(ap, long), STDIN_FILENO);
		assert_int_equal(va_arg(ap, long), TIOCSPGRP);
		f.tcsetpgrp_calls++;
		f.tcsetpgrp_to = *va_arg(ap, const pid_t *);
		break;
	case SYS_pipe2:
		if (f.pipe_errno != 0) {
			va_end(ap);
			errno = f.pipe_errno;
			return -1;
		}
		fds = va_arg(ap, int *);
		fds[0] = 100;
		fds[1] = 101;
		break;
	case SYS_rt_sigaction:
		sig = va_arg(ap, long);
		sa = va_arg(ap, const void *);
		f.sigaction_sig = (int)sig;
		memcpy(&f.sigaction_handler, sa, sizeof(f.sigaction_handler));
		break;
	case SYS_rt_sigprocmask:
		(void)va_arg(ap, long);
		set = va_arg(ap, const uint64_t *);
		f.sigprocmask_calls++;
		f.mask_set = *set;
		break;
	default:
		fail_msg("unexpected system call %ld", n);
	}
	va_end(ap);
	return 0;
}

static struct sigmask entry = { { { 0x5a5aUL } } };
static char *env_slots[4];

static int
setup(void **state)
{
	(void)state;
	memset(&f, 0, sizeof(f));
	f.read_err = -1;
	env_slots[0] = "PATH=/a:/b";
	env_slots[1] = NULL;
	environ = env_slots;
	return 0;
}

/* Runs the child side of spawn_child for argv; returns the errno the
 * child sent through the pipe. */
static int
run_child(struct spawn *s, char **argv)
{
	pid_t pid = 0;
	int err = 0;

	s->argv = argv;
	s->entry_mask = &entry;
	/* PATH comes from config's one pass over the environment; here
	 * from the test's environ, as config would find it. */
	if (s->path == NULL)
		s->path = env_get(environ, "PATH");
	f.vfork_ret = 0;
	if (setjmp(child_done) == 0) {
		(void)spawn_child(s, &pid, &err);
		fail_msg("the child came back from spawn_child");
	}
	/* The exit status matters when there is no pipe: as the errno says. */
	if (f.written_err >= 0)
		assert_int_equal(f.exit_code, spawn_exit_code(f.written_err));
	return f.written_err;
}

static void
test_path_order(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	assert_int_equal(run_child(&s, argv), ENOENT);
	assert_int_equal(f.ntried, 2);
	assert_string_equal(f.tried[0], "/a/app");
	assert_string_equal(f.tried[1], "/b/app");
	/* Own group, mask restored, no terminal, SIGCHLD left alone. */
	assert_int_equal(f.setpgid_calls, 1);
	assert_int_equal(f.tcsetpgrp_calls, 0);
	assert_int_equal(f.sigprocmask_calls, 1);
	assert_int_equal(f.mask_set, 0x5a5aULL);
	assert_int_equal(f.sigaction_sig, 0);
}

static void
test_eacces_kept_over_enoent(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	f.exec_errno[0] = EACCES;
	f.exec_errno[1] = ENOENT;
	assert_int_equal(run_child(&s, argv), EACCES);
	assert_int_equal(f.ntried, 2);
}

static void
test_enotdir_is_enoent(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	f.exec_errno[0] = ENOTDIR;
	f.exec_errno[1] = ENOTDIR;
	assert_int_equal(run_child(&s, argv), ENOENT);
}

/* Any other error ends the search at once (execvp does the same). */
static void
test_other_error_stops_search(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	f.exec_errno[0] = ENOEXEC;
	assert_int_equal(run_child(&s, argv), ENOEXEC);
	assert_int_equal(f.ntried, 1);
}

static void
test_slash_not_searched(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "./dir/app", NULL };

	(void)state;
	f.exec_errno[0] = EACCES;
	assert_int_equal(run_child(&s, argv), EACCES);
	assert_int_equal(f.ntried, 1);
	assert_string_equal(f.tried[0], "./dir/app");
}

/* An empty PATH entry is the current directory; no PATH at all is musl's
 * default. */
static void
test_empty_entry_and_default_path(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	env_slots[0] = "PATH=:/x";
	(void)run_child(&s, argv);
	assert_string_equal(f.tried[0], "app");
	assert_string_equal(f.tried[1], "/x/app");

	memset(&f, 0, sizeof(f));
	env_slots[0] = NULL;
	s.path = NULL;
	(void)run_child(&s, argv);
	assert_int_equal(f.ntried, 3);
	assert_string_equal(f.tried[0], "/usr/local/bin/app");
	assert_string_equal(f.tried[1], "/bin/app");
	assert_string_equal(f.tried[2], "/usr/bin/app");
}

/* A PATH entry too long for the buffer is passed over, not cut. */
static void
test_long_entry_skipped(void **state)
{
	static char path[4200 + 16];
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	memcpy(path, "PATH=/", 6);
	memset(path + 6, 'd', 4200);
	memcpy(path + 4206, ":/ok", 5);
	env_slots[0] = path;
	(void)run_child(&s, argv);
	assert_int_equal(f.ntried, 1);
	assert_string_equal(f.tried[0], "/ok/app");
}

/* The PATH searched is the one given, never environ scanned again. */
static void
test_path_given_not_looked_up(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };

	(void)state;
	s.path = "/given";
	(void)run_child(&s, argv);
	assert_int_equal(f.ntried, 1);
	assert_string_equal(f.tried[0], "/given/app");
}

static void
test_tty_chld_and_listen_pid(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "/app", NULL };

	(void)state;
	env_slots[0] = "LISTEN_PID=1";
	env_slots[1] = NULL;
	s.take_tty = 1;
	s.chld_ignored = 1;
	s.listen_pid = &env_slots[0];
	(void)run_child(&s, argv);
	assert_int_equal(f.tcsetpgrp_calls, 1);
	assert_int_equal(f.tcsetpgrp_to, 777);
	assert_int_equal(f.sigaction_sig, SIGCHLD);
	assert_true(f.sigaction_handler == SIG_IGN);
	assert_string_equal(f.listen_seen, "LISTEN_PID=777");
}

/* Parent side: the pipe closed on exec means a running child; an errno
 * in it means the exec failed, and the child is reaped. */
static void
test_parent_reads_result(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };
	char *listen = "LISTEN_PID=1";
	pid_t pid = 0;
	int err = 0;

	(void)state;
	s.argv = argv;
	s.entry_mask = &entry;
	env_slots[0] = listen;
	s.listen_pid = &env_slots[0];
	f.vfork_ret = 4242;
	f.read_err = -1;
	assert_int_equal(spawn_child(&s, &pid, &err), SPAWN_OK);
	assert_int_equal(pid, 4242);
	assert_int_equal(f.waited, 0);
	/* The parent's environ slot is its own again. */
	assert_ptr_equal(env_slots[0], listen);

	f.read_err = EACCES;
	assert_int_equal(spawn_child(&s, &pid, &err), SPAWN_EXEC_FAILED);
	assert_int_equal(err, EACCES);
	assert_int_equal(f.waited, 1);
}

/* RLIMIT_NOFILE too low for the pipe: the program starts all the same,
 * and an exec failure is the child's own line and status. */
static void
test_no_pipe(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "app", NULL };
	pid_t pid = 0;
	int err = 0;

	(void)state;
	f.pipe_errno = EMFILE;
	s.argv = argv;
	s.entry_mask = &entry;
	f.vfork_ret = 4242;
	assert_int_equal(spawn_child(&s, &pid, &err), SPAWN_OK);
	assert_int_equal(pid, 4242);
	assert_int_equal(err, EMFILE);

	f.vfork_ret = 0;
	if (setjmp(child_done) == 0) {
		(void)spawn_child(&s, &pid, &err);
		fail_msg("the child came back from spawn_child");
	}
	assert_int_equal(f.exit_code, 127);
	assert_non_null(strstr(f.stderr_text,
	    "init-lite: error: cannot run 'app'"));
	assert_int_equal(f.written_err, 0);
}

static struct user_ids ids = { 1000, 100, 2, { 100, 27 }, NULL, 0 };

/* --user: groups, then gid, then uid, and root must be out of reach. */
static void
test_user_order(void **state)
{
	struct spawn s = { 0 };
	char *argv[] = { "/app", NULL };

	(void)state;
	s.ids = &ids;
	(void)run_child(&s, argv);
	assert_int_equal(f.nids, 4);
	assert_memory_equal(f.ids_calls, "Ggu0", 4);
	assert_int_equal(f.ngroups, 2);
	assert_int_equal(f.gid, 100);
	assert_int_equal(f.ntried, 1);
}

/* Each step failing: the program is not run, 125, the step reported. */
static void
test_user_step_fails(void **state)
{
	static const enum spawn_result want[] = {
		SPAWN_SETGROUPS_FAILED, SPAWN_SETGID_FAILED,
		SPAWN_SETUID_FAILED, SPAWN_ROOT_REGAINED,
	};
	struct spawn s = { 0 };
	char *argv[] = { "/app", NULL };
	pid_t pid = 0;
	int step, err;

	(void)state;
	for (step = 1; step <= 4; step++) {
		memset(&f, 0, sizeof(f));
		f.read_err = -1;
		if (step < 4)
			f.fail_at = step;
		else
			f.root_back = 1;
		s.ids = &ids;
		(void)run_child(&s, argv);
		assert_int_equal(f.exit_code, 125);
		assert_int_equal(f.ntried, 0);
		/* The parent decodes what the child sent. */
		f.read_err = f.written_err;
		f.vfork_ret = 4242;
		err = -1;
		assert_int_equal(spawn_child(&s, &pid, &err), want[step - 1]);
		assert_int_equal(err, step < 4 ? EPERM : 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_path_order, setup),
		cmocka_unit_test_setup(test_eacces_kept_over_enoent, setup),
		cmocka_unit_test_setup(test_enotdir_is_enoent, setup),
		cmocka_unit_test_setup(test_other_error_stops_search, setup),
		cmocka_unit_test_setup(test_slash_not_searched, setup),
		cmocka_unit_test_setup(test_empty_entry_and_default_path,
		    setup),
		cmocka_unit_test_setup(test_long_entry_skipped, setup),
		cmocka_unit_test_setup(test_path_given_not_looked_up, setup),
		cmocka_unit_test_setup(test_tty_chld_and_listen_pid, setup),
		cmocka_unit_test_setup(test_parent_reads_result, setup),
		cmocka_unit_test_setup(test_no_pipe, setup),
		cmocka_unit_test_setup(test_user_order, setup),
		cmocka_unit_test_setup(test_user_step_fails, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
