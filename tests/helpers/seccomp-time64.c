/*
 * seccomp-time64 PROG [ARGS...]
 * Execs PROG with the 64-bit time system calls of i386 (clock_gettime64,
 * rt_sigtimedwait_time64) answering EPERM, as a seccomp profile older than
 * them does (Docker before 20.10): what an i386 init-lite must survive by
 * falling back to the old calls. Other architectures' calls (the x86-64
 * children) are left alone. Built with the host's cc by
 * tests/cross/i386-native.sh.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#define I386_CLOCK_GETTIME64		403
#define I386_RT_SIGTIMEDWAIT_TIME64	421

int
main(int argc, char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		    offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, I386_CLOCK_GETTIME64, 2, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, I386_RT_SIGTIMEDWAIT_TIME64,
		    1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };

	if (argc < 2) {
		fprintf(stderr, "usage: seccomp-time64 PROG [ARGS...]\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) == -1) {
		perror("seccomp-time64: prctl");
		return 2;
	}
	execvp(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
