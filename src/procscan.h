/* procscan: which pids are init-lite's descendants, from a snapshot of
 * (pid, ppid) pairs read from /proc. Pure. */
#ifndef PROCSCAN_H
#define PROCSCAN_H

#include <stddef.h>

/* The kernel's PID_MAX_LIMIT on 64-bit: no pid is at or above it. */
#define PROCSCAN_PID_LIMIT	4194304

struct procent {
	int pid;
	int ppid;
	char state;		/* 'R', 'S', 'Z', ... as in /proc/PID/stat */
};

/* Parses the start of /proc/PID/stat ("pid (comm) S ppid ..."); comm may
 * hold spaces and ')'. 0 on success, -1 if malformed. */
int	procscan_parse_stat(const char *buf, size_t len, struct procent *);

/* Writes to out (at most max) the indices in ents of the entries that
 * descend from root, root excluded; returns how many. mark is a zeroed bitmap of
 * PROCSCAN_PID_LIMIT bits, returned zeroed. */
size_t	procscan_descendants(const struct procent *ents, size_t n, int root,
	    unsigned char *mark, size_t *out, size_t max);

#endif
