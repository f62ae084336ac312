/* fmt: the small formatter that stands in for stdio (musl's printf family
 * alone is ~15 KiB, most of the size budget). Must never touch errno. */
#include <stdint.h>
#include <string.h>

#include "fmt.h"

static void
put(char *buf, size_t len, size_t *n, char c)
{
	if (*n + 1 < len)
		buf[*n] = c;
	(*n)++;
}

static void
put_unsigned(char *buf, size_t len, size_t *n, unsigned long v)
{
	char digits[24];
	int i = 0;

	do {
		digits[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (i > 0)
		put(buf, len, n, digits[--i]);
}

size_t
fmt_vbuf(char *buf, size_t len, const char *fmt, va_list ap)
{
	size_t n = 0;
	const char *s;
	long d;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			put(buf, len, &n, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			while (*s != '\0')
				put(buf, len, &n, *s++);
			break;
		case 'd':
			d = va_arg(ap, int);
			if (d < 0) {
				put(buf, len, &n, '-');
				put_unsigned(buf, len, &n, 0UL - (unsigned long)d);
			} else
				put_unsigned(buf, len, &n, (unsigned long)d);
			break;
		case 'u':
			put_unsigned(buf, len, &n, va_arg(ap, unsigned int));
			break;
		case 'c':
			put(buf, len, &n, (char)va_arg(ap, int));
			break;
		case '%':
			put(buf, len, &n, '%');
			break;
		default:
			/* Unknown or trailing '%': copy it, keep going. */
			put(buf, len, &n, '%');
			if (*fmt == '\0')
				fmt--;
			else
				put(buf, len, &n, *fmt);
			break;
		}
	}
	if (len > 0)
		buf[n < len ? n : len - 1] = '\0';
	return n < len ? n : (len > 0 ? len - 1 : 0);
}

size_t
fmt_buf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vbuf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

int
fmt_parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		unsigned long digit = (unsigned long)(*s - '0');

		/* Reject before the multiplication can pass max. */
		if (digit > max || v > (max - digit) / 10)
			return -1;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

void
fmt_clean(char *dst, size_t len, const char *src)
{
	size_t n = 0;

	if (len == 0)
		return;
	if (src == NULL)
		src = "";
	for (; *src != '\0' && n + 1 < len; src++)
		dst[n++] = (char)((unsigned char)*src < 0x20 ||
		    *src == 0x7f ? '?' : *src);
	/* Cut: say so, so that a value read in a log is not taken whole. */
	if (*src != '\0' && n >= 3)
		memset(dst + n - 3, '.', 3);
	dst[n] = '\0';
}

size_t
fmt_strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (size_t)(p - s);
}

char *
fmt_strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)(uintptr_t)s;
		if (*s == '\0')
			return NULL;
	}
}
