/* remap: the exit-code remap table (CODE[:TO], TO defaults to 0 as in
 * tini). Pure. */
#ifndef REMAP_H
#define REMAP_H

struct remap {
	/* TO - CODE, mod 256, by CODE: all zeros is the identity, so
	 * start-up needs no 256 stores to set one up. */
	unsigned char delta[256];
};

/* The identity table. */
void	remap_init(struct remap *);
/* Adds one "CODE[:TO]"; 0 or -1. */
int	remap_parse(struct remap *, const char *spec);
/* Adds a comma-separated list ("143:0,1:0"); 0 or -1 (table then
 * partly filled: the caller discards it). */
int	remap_parse_list(struct remap *, const char *list);
int	remap_apply(const struct remap *, int status);

#endif
