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

/* In the text of /proc/PID/status, the line "KEY\tN [N...]" (key with its
 * colon): how many numbers it holds, the first in *first; -1 if there is
 * no such line or it holds anything but numbers. */
int	procscan_status_field(const char *buf, size_t len, const char *key,
	    int *first);
/* 1 if /proc/self/status (buf) comes from init-lite's own PID namespace:
 * NSpid lists one pid per namespace from the /proc's down to the
 * process's own, so exactly one, equal to getpid() (self), proves it. A
 * /proc of another namespace (or none, or a kernel before 4.1 without
 * NSpid) gives 0: its pids are not ours to signal. */
int	procscan_proc_is_ours(const char *buf, size_t len, int self);
/* 1 if the process whose /proc/PID/status is buf still runs, though its
 * stat shows Z: a main thread that called pthread_exit leaves the group
 * leader a zombie while other threads live (Threads: counts the leader
 * until the whole group is gone). */
int	procscan_zombie_alive(const char *buf, size_t len);

/* Writes to out (at most max) the indices in ents of the entries that
 * descend from root, root excluded; returns how many. mark is a zeroed bitmap of
 * PROCSCAN_PID_LIMIT bits, returned zeroed. */
size_t	procscan_descendants(const struct procent *ents, size_t n, int root,
	    unsigned char *mark, size_t *out, size_t max);

#endif
