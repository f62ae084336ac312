/* hostile: small programs for the hostile-environment tests (issue #15).
 * Built static (musl) by t_hostile.sh, so that a seccomp filter that
 * denies openat or rt_sigaction cannot stop it from starting.
 *   hostile nr NAME                print NAME's system call number here
 *   hostile deny NAME ERRNO PROG [ARGS...]
 *       make system call NAME fail with ERRNO (a number, or EPERM, EACCES,
 *       ENOSYS, EMFILE, EINVAL), in this process and all it starts, then
 *       exec PROG (a path). Classic BPF by hand, no libseccomp.
 *   hostile exit N                 exit N at once
 *   hostile term                   wait for a signal (SIGTERM kills: 143)
 *   hostile leftover N [ignore]    leave a child that waits for signals
 *       (ignoring SIGTERM with "ignore"), exit N at once
 *   hostile zombie-leader          the main thread calls pthread_exit while
 *       a second thread waits in pause(): /proc/PID/stat shows Z, yet the
 *       process lives until a signal ends it */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NATIVE_ARCH	AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH	AUDIT_ARCH_AARCH64
#else
#error "hostile: add this architecture's AUDIT_ARCH"
#endif

#define SC(name)	{ #name, SYS_##name }
static const struct { const char *name; long nr; } calls[] = {
	SC(read), SC(write), SC(close), SC(openat), SC(getdents64),
	SC(rt_sigaction), SC(rt_sigprocmask), SC(rt_sigtimedwait),
	SC(ioctl), SC(pipe2), SC(wait4), SC(kill), SC(chdir), SC(prctl),
	SC(setpgid), SC(getpid), SC(getppid), SC(clock_gettime),
	SC(execve), SC(close_range), SC(pidfd_open), SC(pidfd_send_signal),
#ifdef SYS_vfork
	SC(vfork),
#endif
#ifdef SYS_clone
	SC(clone),
#endif
};

static const struct { const char *name; int err; } errs[] = {
	{ "EPERM", EPERM }, { "EACCES", EACCES }, { "ENOSYS", ENOSYS },
	{ "EMFILE", EMFILE }, { "EINVAL", EINVAL },
};

static long
call_nr(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		if (strcmp(calls[i].name, name) == 0)
			return calls[i].nr;
	fprintf(stderr, "hostile: unknown system call %s\n", name);
	exit(2);
}

static int
errno_of(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (strcmp(errs[i].name, s) == 0)
			return errs[i].err;
	return atoi(s);
}

static int
deny(long nr, int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO |
		    ((unsigned)err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1) {
		perror("hostile: seccomp");
		return -1;
	}
	return 0;
}

static void *
waiter(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t t;
	pid_t p;

	if (argc >= 3 && strcmp(argv[1], "nr") == 0) {
		printf("%ld\n", call_nr(argv[2]));
		return 0;
	}
	if (argc >= 5 && strcmp(argv[1], "deny") == 0) {
		if (deny(call_nr(argv[2]), errno_of(argv[3])) == -1)
			return 2;
		execv(argv[4], argv + 4);
		perror("hostile: exec");
		return 127;
	}
	if (argc >= 3 && strcmp(argv[1], "exit") == 0)
		return atoi(argv[2]);
	if (argc >= 2 && strcmp(argv[1], "term") == 0) {
		for (;;)
			pause();
	}
	if (argc >= 3 && strcmp(argv[1], "leftover") == 0) {
		/* Ignored before the fork: no window where the leftover
		 * exists but still dies of SIGTERM. */
		if (argc >= 4 && strcmp(argv[3], "ignore") == 0)
			signal(SIGTERM, SIG_IGN);
		if ((p = fork()) == -1) {
			perror("hostile: fork");
			return 2;
		}
		if (p == 0)
			for (;;)
				pause();
		return atoi(argv[2]);
	}
	if (argc >= 2 && strcmp(argv[1], "zombie-leader") == 0) {
		if (pthread_create(&t, NULL, waiter, NULL) != 0)
			return 2;
		pthread_exit(NULL);
	}
	fprintf(stderr, "hostile: bad arguments\n");
	return 2;
}
