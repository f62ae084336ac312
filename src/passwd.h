/* passwd: USER[:GROUP] (--user) and its lookup in the content of
 * /etc/passwd and /etc/group, given as data. Pure: no system calls, no NSS. */
#ifndef PASSWD_H
#define PASSWD_H

#include <stddef.h>
#include <sys/types.h>

/* (uid_t)-1 and (gid_t)-1 mean "leave unchanged" to setresuid: not an id. */
#define PASSWD_ID_MAX		4294967294UL
/* Supplementary groups kept at most; more is an error, never a cut. */
#define PASSWD_GROUPS_MAX	256

/* --user as given: the USER part is not NUL-terminated (a ':' may follow).
 * A part made of digits only is a number, anything else a name. */
struct user_spec {
	const char *user;	/* NULL: no --user */
	size_t user_len;
	const char *group;	/* after the ':'; NULL: no GROUP */
};

/* What the child becomes. */
struct user_ids {
	uid_t uid;
	gid_t gid;
	size_t ngroups;
	gid_t groups[PASSWD_GROUPS_MAX];
	const char *home;	/* in the passwd data, home_len bytes; NULL:
				 * HOME is kept (a number not in passwd) */
	size_t home_len;
};

/* 0 when s is USER or USER:GROUP, both parts non-empty, no second ':',
 * numbers at most PASSWD_ID_MAX; -1 otherwise. u points into s. */
int	passwd_parse_spec(const char *s, struct user_spec *u);

/* Resolves u against the files' content (pw, gr: any bytes, not
 * NUL-terminated). 0 with ids filled, or -1 with a static reason in why. */
int	passwd_resolve(const struct user_spec *u, const char *pw, size_t pwlen,
	    const char *gr, size_t grlen, struct user_ids *ids,
	    const char **why);

#endif
