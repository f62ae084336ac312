/* status: a wait status -> the 0..255 an init exits with. Pure. */
#ifndef STATUS_H
#define STATUS_H

/* Exit code N -> N; killed by signal S -> 128+S (as a shell reports it);
 * anything else (stopped, continued) -> -1. */
int	status_from_wait(int wstatus);

#endif
