/* fmt: a tiny formatter (%s %d %u %c %%) into a caller's buffer.
 * Pure: no system calls, no allocation; it never writes past len. */
#ifndef FMT_H
#define FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Formats into buf (always NUL-terminated when len > 0), truncating.
 * Returns the length written, not counting the NUL. */
size_t	fmt_vbuf(char *buf, size_t len, const char *fmt, va_list ap);
size_t	fmt_buf(char *buf, size_t len, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Parses a decimal number of at most max with no sign, no spaces,
 * at least one digit: 0 on success, -1 otherwise. */
int	fmt_parse_uint(const char *s, unsigned long max, unsigned long *out);

/* Copies src for a one-line message: control characters become '?', and
 * a src longer than len - 1 is cut and ends in "...". */
void	fmt_clean(char *dst, size_t len, const char *src);

/* What follows prefix (upper case) at the start of s, whatever the case of
 * s's letters; NULL if s does not start with it. For strcasecmp's uses
 * (musl's strcasecmp and tolower cost ~120 bytes). */
const char	*fmt_skip_nocase(const char *s, const char *prefix);

/* strcmp(a, b) == 0 (musl's strcmp: 62 bytes). */
int	fmt_same(const char *a, const char *b);

/* strlen and strchr, a byte at a time: musl's word-at-a-time versions
 * cost ~360 bytes of the budget, and init-lite only scans short argv and
 * environment strings. */
size_t	fmt_strlen(const char *s);
char	*fmt_strchr(const char *s, int c);

#endif
