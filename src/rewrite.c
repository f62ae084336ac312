/* rewrite: received signal in, forwarded signal out. Never maps to a
 * number outside 0..SIGNAME_KERNEL_MAX. */
#include <string.h>

#include "fmt.h"
#include "rewrite.h"

void
rewrite_init(struct rewrite *rw)
{
	int i;

	for (i = 0; i <= SIGNAME_KERNEL_MAX; i++)
		rw->to[i] = (unsigned char)i;
}

int
rewrite_parse(struct rewrite *rw, const char *spec, int rtmin, int rtmax)
{
	char from_name[24];
	const char *colon;
	int from, to;
	size_t len;

	if ((colon = fmt_strchr(spec, ':')) == NULL)
		return -1;
	len = (size_t)(colon - spec);
	if (len >= sizeof(from_name))
		return -1;
	memcpy(from_name, spec, len);
	from_name[len] = '\0';
	if (signame_to_num(from_name, rtmin, rtmax, &from) == -1 ||
	    !signame_forwarded(from))
		return -1;
	if (strcmp(colon + 1, "0") == 0)
		to = 0;
	else if (signame_to_num(colon + 1, rtmin, rtmax, &to) == -1)
		return -1;
	rw->to[from] = (unsigned char)to;
	return 0;
}

int
rewrite_parse_list(struct rewrite *rw, const char *list, int rtmin, int rtmax)
{
	char item[48];
	const char *comma;
	size_t len;

	for (;;) {
		comma = fmt_strchr(list, ',');
		len = comma != NULL ? (size_t)(comma - list) : fmt_strlen(list);
		if (len >= sizeof(item))
			return -1;
		memcpy(item, list, len);
		item[len] = '\0';
		if (rewrite_parse(rw, item, rtmin, rtmax) == -1)
			return -1;
		if (comma == NULL)
			return 0;
		list = comma + 1;
	}
}

int
rewrite_apply(const struct rewrite *rw, int sig)
{
	if (sig < 1 || sig > SIGNAME_KERNEL_MAX)
		return sig;
	return rw->to[sig];
}
