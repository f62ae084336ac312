/* log: "init-lite: LEVEL: text" on stderr, one write(2) per line; and the
 * plain writes of --help/--version to stdout. errno is kept. */
#ifndef LOG_H
#define LOG_H

#include <stddef.h>

enum log_level { LVL_ERROR, LVL_WARN, LVL_INFO, LVL_DEBUG };

void	log_set_level(int level);
int	log_enabled(int level);
void	log_msg(int level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Writes all of s to fd; 0, or -1 on a write error. */
int	log_write_all(int fd, const char *s, size_t len);

#endif
