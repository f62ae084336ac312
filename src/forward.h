/* forward: a received signal, through the rewrite table, to the child or
 * its process group. */
#ifndef FORWARD_H
#define FORWARD_H

#include <sys/types.h>

#include "rewrite.h"

struct forward {
	pid_t child;		/* must still be unreaped */
	int pgroup;		/* -g: signal the child's process group */
	const struct rewrite *rewrite;
};

void	forward_signal(const struct forward *, int sig);

#endif
