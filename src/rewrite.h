/* rewrite: the signal rewrite table ("TERM:QUIT", "HUP:0" drops). Pure. */
#ifndef REWRITE_H
#define REWRITE_H

#include "signame.h"

struct rewrite {
	/* TO - FROM, mod 256, by FROM (TO is 0..SIGNAME_KERNEL_MAX): all
	 * zeros is the identity, set up without a store per signal. */
	unsigned char delta[SIGNAME_KERNEL_MAX + 1];
};

void	rewrite_init(struct rewrite *);
/* Adds one "FROM:TO"; FROM must be a forwarded signal, TO a signal or 0. */
int	rewrite_parse(struct rewrite *, const char *spec, int rtmin, int rtmax);
/* Comma-separated list ("TERM:QUIT,HUP:0"). */
int	rewrite_parse_list(struct rewrite *, const char *list, int rtmin,
	    int rtmax);
/* The signal to forward for sig, or 0 to drop it. */
int	rewrite_apply(const struct rewrite *, int sig);

#endif
