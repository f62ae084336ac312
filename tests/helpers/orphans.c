/* orphans N READY [CODE]
 * Forks a middle process that forks N children and exits at once, so they
 * become orphans: half exit at once (zombies handed to the reaper), half after
 * 0.5 s (re-parented alive). Then waits for the middle, creates READY and
 * sleeps until a signal ends it, or, given CODE, sleeps 0.5 s too and exits
 * CODE, at the same moment as the orphans. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec later = {0, 500 * 1000 * 1000};
	pid_t middle;
	int i, n, fd;

	if (argc < 3 || argc > 4 || (n = atoi(argv[1])) < 0) {
		fprintf(stderr, "usage: orphans N READY [CODE]\n");
		return 2;
	}
	middle = fork();
	if (middle < 0) {
		perror("fork");
		return 2;
	}
	if (middle == 0) {
		for (i = 0; i < n; i++) {
			pid_t pid = fork();

			if (pid < 0) {
				perror("fork");
				_exit(2);
			}
			if (pid == 0) {
				if (i % 2)
					nanosleep(&later, NULL);
				_exit(0);
			}
		}
		_exit(0);
	}
	if (waitpid(middle, &i, 0) < 0 || !WIFEXITED(i) || WEXITSTATUS(i) != 0) {
		fprintf(stderr, "orphans: middle process failed\n");
		return 2;
	}
	fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(argv[2]);
		return 2;
	}
	close(fd);
	if (argc == 4) {
		nanosleep(&later, NULL);
		return atoi(argv[3]);
	}
	for (;;)
		pause();
}
