/* user: the files and the environment behind --user, before the fork.
 * Never changes init-lite's own identity, never reads through NSS. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "env.h"
#include "sys.h"
#include "user.h"

extern char **environ;

/* .bss: only the pages a file fills are ever touched. One byte more than
 * a file may have, to see that it has too many. Once the lookup is done,
 * the group buffer holds the child's environment. */
static char pw_buf[USER_FILE_MAX + 1], gr_buf[USER_FILE_MAX + 1]
    __attribute__((aligned(sizeof(char *))));

/* The whole file into buf: 0, or an errno (EFBIG: over USER_FILE_MAX).
 * A missing file reads as empty: a number is then used as it is, a name
 * is not found. */
static int
read_file(const char *path, char *buf, size_t *len)
{
	ssize_t n;
	int fd, err = 0;

	*len = 0;
	/* sys_open: musl's open() costs 200 bytes of the budget. */
	if ((fd = sys_open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : errno;
	/* Signals are blocked here: read is never interrupted. */
	while ((n = read(fd, buf + *len, USER_FILE_MAX + 1 - *len)) > 0)
		*len += (size_t)n;
	if (n == -1)
		err = errno;
	else if (*len > USER_FILE_MAX)
		err = EFBIG;
	close(fd);
	return err;
}

/* environ without its HOME entries and with "HOME=home" first, built in
 * gr_buf (pointers from the start, the string at the end): there may be no
 * HOME slot to reuse, and init-lite has no allocator. 0, or -1 when it does
 * not fit (some 130,000 variables: an error to report, never a HOME left
 * out). The home came from pw_buf, so it is shorter than gr_buf. */
static int
set_home(const char *home, size_t len)
{
	char **e, **copy = (char **)(void *)gr_buf;
	char *s = gr_buf + sizeof(gr_buf) - len - 6, *d = s;
	const char *h = "HOME=";
	size_t n = 1;

	while (*h != '\0')
		*d++ = *h++;
	while (len-- > 0)
		*d++ = *home++;
	*d = '\0';
	copy[0] = s;
	for (e = environ; e != NULL && *e != NULL; e++)
		if (env_match(*e, "HOME") == NULL) {
			if ((char *)(copy + n + 2) > s)
				return -1;
			copy[n++] = *e;
		}
	copy[n] = NULL;
	environ = copy;
	return 0;
}

int
user_setup(const struct user_spec *u, struct user_ids *ids,
    const char **why, int *err)
{
	size_t pwlen, grlen;

	/* The path is the end of the reason. */
	*why = "cannot read /etc/passwd";
	if ((*err = read_file(*why + 12, pw_buf, &pwlen)) != 0)
		return -1;
	*why = "cannot read /etc/group";
	if ((*err = read_file(*why + 12, gr_buf, &grlen)) != 0)
		return -1;
	if (passwd_resolve(u, pw_buf, pwlen, gr_buf, grlen, ids, why) == -1)
		return -1;
	*why = "environment too large";
	return ids->home != NULL && set_home(ids->home, ids->home_len) == -1 ?
	    -1 : 0;
}
