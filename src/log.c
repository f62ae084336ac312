/* log: the only writer of init-lite's own messages. Never prints on stdout
 * (that belongs to the program) and never changes errno. */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>

#include "fmt.h"
#include "log.h"

/* An error that repeats back to back (a denied system call in a loop)
 * must not fill a disk: after this many in a row, the rest of the run of
 * that same message is dropped, with one line saying so. */
#define REPEAT_MAX	10

static int threshold = LVL_WARN;
static const char *last_error;
static unsigned repeats;

static const char *const level_names[] = {
	"error", "warning", "info", "debug"
};

void
log_set_level(int level)
{
	threshold = level;
}

int
log_enabled(int level)
{
	return level >= LVL_ERROR && level <= threshold;
}

int
log_write_all(int fd, const char *s, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

void
log_msg(int level, const char *fmt, ...)
{
	char line[512];
	size_t n;
	va_list ap;
	int saved = errno;

	if (!log_enabled(level))
		return;
	if (level == LVL_ERROR && fmt == last_error) {
		if (++repeats > REPEAT_MAX)
			return;
		if (repeats == REPEAT_MAX)
			fmt = "the same error again; not shown again in a row";
	} else if (level == LVL_ERROR) {
		last_error = fmt;
		repeats = 1;
	}
	n = fmt_buf(line, sizeof(line) - 1, "init-lite: %s: ",
	    level_names[level]);
	va_start(ap, fmt);
	n += fmt_vbuf(line + n, sizeof(line) - 1 - n, fmt, ap);
	va_end(ap);
	line[n++] = '\n';
	/* Nowhere to report a failing stderr: drop the line. */
	(void)log_write_all(2, line, n);
	errno = saved;
}
