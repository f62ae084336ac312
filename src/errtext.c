/* errtext: the reasons a program cannot be run or a setup call fails,
 * worded as glibc's strerror words them: the text users search for. */
#include <errno.h>

#include "errtext.h"
#include "fmt.h"

/* One list, two tables: a byte per errno (all below 128) and the texts one
 * after the other, NUL-separated; 16 bytes an entry less than a struct of
 * an int and a pointer. */
#define TEXTS \
	X(ENOENT, "No such file or directory") \
	X(EACCES, "Permission denied") \
	X(ENOEXEC, "Exec format error") \
	X(ENOTDIR, "Not a directory") \
	X(EISDIR, "Is a directory") \
	X(ELOOP, "Too many levels of symbolic links") \
	X(ENAMETOOLONG, "File name too long") \
	X(E2BIG, "Argument list too long") \
	X(ETXTBSY, "Text file busy") \
	X(ENOMEM, "Cannot allocate memory") \
	X(EAGAIN, "Resource temporarily unavailable") \
	X(EPERM, "Operation not permitted") \
	X(EMFILE, "Too many open files") \
	X(EFBIG, "File too large") \
	X(EINVAL, "Invalid argument")

#define X(e, t)	e,
static const unsigned char errs[] = { TEXTS };
#undef X
#define X(e, t)	t "\0"
static const char texts[] = TEXTS;
#undef X

const char *
errtext(int err, char *buf, size_t len)
{
	const char *t = texts;
	size_t i;

	for (i = 0; i < sizeof(errs); i++, t += fmt_strlen(t) + 1)
		if (errs[i] == err)
			return t;
	fmt_buf(buf, len, "error %d", err);
	return buf;
}
