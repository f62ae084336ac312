/*
 * floor.c: the least a fork-and-wait init can do (bench/bench.py's reference
 * for start-up overhead): spawn argv[1], wait for it, exit 0. Handles no
 * signal and reaps nothing else; never a real init.
 * Built twice: with fork, and with -DUSE_VFORK (parent paused until exec).
 */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	pid_t pid;
	int status;

	if (argc < 2)
		return 2;
#ifdef USE_VFORK
	pid = vfork();
#else
	pid = fork();
#endif
	if (pid == 0) {
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (pid == -1)
		return 1;
	while (wait(&status) != pid)
		;
	return 0;
}
