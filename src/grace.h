/* grace: signals the leftovers at shutdown. As PID 1 of its own PID
 * namespace that is kill(-1); otherwise only init-lite's own descendants,
 * found in /proc, each checked again through a pidfd before it is hit. */
#ifndef GRACE_H
#define GRACE_H

#include <sys/types.h>

struct grace {
	int pid1;		/* PID 1 of a namespace: kill(-1) is ours */
	pid_t self;
	pid_t child;		/* the main child, 0 with --pause */
};

/* Sends sig to every leftover that is alive (not a zombie). Returns how
 * many were signalled (as PID 1: 1 if any was). */
int	grace_signal(const struct grace *, int sig);
/* 1 if leftovers that are not init-lite's children are still alive: as
 * PID 1, those that entered the namespace from outside (docker exec). They
 * send no SIGCHLD, so the loop polls this while only they are left. Not PID
 * 1: always 0 (only descendants are ours, and they are children once
 * orphaned, if init-lite is a subreaper). */
int	grace_nonchild_leftovers(const struct grace *);
/* SIGKILL to every leftover. As PID 1, one kill(-1). Otherwise the
 * descendants are found in /proc again each round and SIGKILLed, until a
 * round finds none alive (a forking leftover adds new ones) or after
 * KILL_ROUNDS rounds. */
void	grace_kill_all(const struct grace *);

#endif
