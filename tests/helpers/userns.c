/* userns UIDMAP GIDMAP -- PROG [ARGS...]
 * Runs PROG as root of a new user namespace whose maps are UIDMAP and
 * GIDMAP (one uid_map line each, commas for blanks: "0,0,65536" maps ids
 * 0..65535 to themselves), written from outside the
 * way newuidmap does, with setgroups allowed: a namespace where some ids
 * can be switched to and others cannot (--user tests). Exits with PROG's
 * status (126: the namespace could not be set up). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int
put(pid_t pid, const char *file, const char *text)
{
	char path[64], line[64];
	size_t i;
	int fd, ok;

	(void)snprintf(line, sizeof(line), "%s\n", text);
	for (i = 0; line[i] != '\0'; i++)
		if (line[i] == ',')
			line[i] = ' ';
	text = line;
	(void)snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if ((fd = open(path, O_WRONLY)) == -1)
		return -1;
	ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	close(fd);
	return ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	int up[2], go[2], status;
	char c;
	pid_t pid;

	if (argc < 5 || strcmp(argv[3], "--") != 0) {
		fprintf(stderr, "usage: userns UIDMAP GIDMAP -- PROG [ARGS]\n");
		return 126;
	}
	if (pipe(up) == -1 || pipe(go) == -1 || (pid = fork()) == -1) {
		perror("userns");
		return 126;
	}
	if (pid == 0) {
		close(up[0]);
		close(go[1]);
		if (unshare(CLONE_NEWUSER) == -1) {
			perror("userns: unshare");
			_exit(126);
		}
		close(up[1]);		/* EOF: the namespace exists */
		if (read(go[0], &c, 1) != 1)
			_exit(126);	/* the maps could not be written */
		execvp(argv[4], argv + 4);
		perror("userns: exec");
		_exit(127);
	}
	close(up[1]);
	close(go[0]);
	(void)!read(up[0], &c, 1);
	if (put(pid, "uid_map", argv[1]) == -1 ||
	    put(pid, "setgroups", "allow") == -1 ||
	    put(pid, "gid_map", argv[2]) == -1) {
		perror("userns: maps");
		close(go[1]);
	} else {
		(void)!write(go[1], "g", 1);
		close(go[1]);
	}
	while (waitpid(pid, &status, 0) == -1)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status);
}
