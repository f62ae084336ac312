/* fmt: the small formatter that stands in for stdio (musl's printf family
 * alone is ~15 KiB, most of the size budget). Must never touch errno. */
#include <stdint.h>
#include <string.h>

#include "fmt.h"

/* One copy loop for all: each step names the bytes [s, e) to append (e
 * NULL: up to the NUL), a number being formatted backwards into num. */
size_t
fmt_vbuf(char *buf, size_t len, const char *fmt, va_list ap)
{
	char num[24], *d;
	const char *s, *e;
	size_t n = 0;
	unsigned long v;
	long sv;

	for (; *fmt != '\0'; fmt++) {
		s = fmt;
		e = fmt + 1;
		if (*fmt == '%') {
			e = ++fmt + 1;
			switch (*fmt) {
			case 's':
				s = va_arg(ap, const char *);
				if (s == NULL)
					s = "(null)";
				e = NULL;
				break;
			case 'd':
			case 'u':
				/* %d takes an int, %u an unsigned int: clang-tidy
				 * sees one expansion of va_arg in both. */
				/* NOLINTNEXTLINE(bugprone-branch-clone) */
				sv = *fmt == 'd' ? (long)va_arg(ap, int) :
				    (long)va_arg(ap, unsigned int);
				v = sv < 0 ? 0UL - (unsigned long)sv :
				    (unsigned long)sv;
				e = d = num + sizeof(num);
				do {
					*--d = (char)('0' + v % 10);
					v /= 10;
				} while (v != 0);
				if (sv < 0)
					*--d = '-';
				s = d;
				break;
			case 'c':
				num[0] = (char)va_arg(ap, int);
				s = num;
				e = num + 1;
				break;
			case '%':
				s = fmt;
				break;
			default:
				/* Unknown or trailing '%': copy it, keep
				 * going. */
				s = fmt - 1;
				if (*fmt == '\0')
					e = fmt--;
				break;
			}
		}
		for (; e != NULL ? s < e : *s != '\0'; s++, n++)
			if (n + 1 < len)
				buf[n] = *s;
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

const char *
fmt_skip_nocase(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if ((*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s) != *prefix)
			return NULL;
	return s;
}

int
fmt_same(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b)
		a++, b++;
	return *a == *b;
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
