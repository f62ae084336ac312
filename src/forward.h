/* forward: a received signal, through the rewrite table, to the child (or
 * its process group, or with -a every process init-lite may signal) or,
 * at shutdown, to the leftovers. */
#ifndef FORWARD_H
#define FORWARD_H

#include <sys/types.h>

#include "grace.h"
#include "rewrite.h"

struct forward {
	pid_t child;		/* must still be unreaped */
	int pgroup;		/* -g: signal the child's process group */
	const struct rewrite *rewrite;
	const struct grace *grace;	/* who the leftovers are */
	int all;		/* -a: the child's signals to grace's set */
};

enum forward_to { FORWARD_CHILD, FORWARD_LEFTOVERS };

/* The one place the rewrite table is applied: sig becomes what the table
 * says (0: dropped), then goes to the child or to the leftovers. */
void	forward_signal(const struct forward *, int sig, enum forward_to);

#endif
