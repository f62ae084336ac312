/* user: --user before the fork: reads /etc/passwd and /etc/group, resolves
 * the ids, and gives the child its HOME. */
#ifndef USER_H
#define USER_H

#include "passwd.h"

/* Each file is read whole into a buffer of this size; a larger file is an
 * error, never read in part. */
#define USER_FILE_MAX	(1UL << 20)

/* Fills ids for u and, when the user has a home, points environ at a copy
 * whose HOME is that home. 0, or -1 with a static reason in why and the
 * errno behind it in err (0: none). */
int	user_setup(const struct user_spec *u, struct user_ids *ids,
	    const char **why, int *err);

#endif
