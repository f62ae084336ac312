/* errtext: the reasons a program cannot be run or a setup call fails,
 * worded as glibc's strerror words them: the text users search for. */
#include <errno.h>

#include "errtext.h"
#include "fmt.h"

static const struct {
	int err;
	const char *text;
} texts[] = {
	{ ENOENT, "No such file or directory" },
	{ EACCES, "Permission denied" },
	{ ENOEXEC, "Exec format error" },
	{ ENOTDIR, "Not a directory" },
	{ EISDIR, "Is a directory" },
	{ ELOOP, "Too many levels of symbolic links" },
	{ ENAMETOOLONG, "File name too long" },
	{ E2BIG, "Argument list too long" },
	{ ETXTBSY, "Text file busy" },
	{ ENOMEM, "Cannot allocate memory" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ EPERM, "Operation not permitted" },
	{ EMFILE, "Too many open files" },
	{ EFBIG, "File too large" },
	{ EINVAL, "Invalid argument" },
};

const char *
errtext(int err, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].err == err)
			return texts[i].text;
	fmt_buf(buf, len, "error %d", err);
	return buf;
}
