/* errtext: the reasons a program cannot be run or a setup call fails,
 * worded as strerror words them so users can search for them. */
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
	{ ELOOP, "Too many levels of symlinks" },
	{ ENAMETOOLONG, "File name too long" },
	{ E2BIG, "Argument list too long" },
	{ ETXTBSY, "Text file busy" },
	{ ENOMEM, "Out of memory" },
	{ EAGAIN, "Resource temporarily unavailable" },
	{ EPERM, "Operation not permitted" },
	{ EMFILE, "No file descriptors available" },
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
