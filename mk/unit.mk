# Unit tests of the system modules: each replaces its one system call with
# the test's own __wrap_SYMBOL (cmocka's example/mock/uptime pattern, one
# --wrap per symbol). log_msg/log_enabled are the tests' own recorders in
# test_forward and test_reap, so log.c is not linked there.
UNIT_DEPS_log = src/fmt.c -Wl,--wrap=write
UNIT_DEPS_forward = src/rewrite.c src/signame.c src/fmt.c src/table.c \
	src/policy.c -Wl,--wrap=kill
UNIT_DEPS_reap = src/signame.c src/fmt.c -Wl,--wrap=waitpid
UNIT_DEPS_clock = src/deadline.c src/sys.c -Wl,--wrap=syscall
UNIT_DEPS_spawn = src/env.c src/fmt.c src/log.c src/sigdisp.c src/sigmask.c \
	src/sys.c src/policy.c \
	-Wl,--wrap=vfork,--wrap=execve,--wrap=setpgid \
	-Wl,--wrap=getpid,--wrap=_exit,--wrap=write,--wrap=read \
	-Wl,--wrap=close,--wrap=waitpid,--wrap=syscall
UNIT_DEPS_grace = src/procscan.c src/fmt.c src/sys.c \
	-Wl,--wrap=syscall,--wrap=read,--wrap=close,--wrap=kill
