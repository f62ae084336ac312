/* remap: exit statuses in, exit statuses out. Every code is 0..255; a
 * status outside that range passes through unchanged. */
#include <string.h>

#include "fmt.h"
#include "remap.h"
#include "table.h"

void
remap_init(struct remap *r)
{
	memset(r->delta, 0, sizeof(r->delta));
}

int
remap_parse(struct remap *r, const char *spec)
{
	char code[8];
	const char *colon;
	unsigned long from, to = 0;
	size_t len;

	colon = fmt_strchr(spec, ':');
	len = colon != NULL ? (size_t)(colon - spec) : fmt_strlen(spec);
	if (len >= sizeof(code))
		return -1;
	memcpy(code, spec, len);
	code[len] = '\0';
	if (fmt_parse_uint(code, 255, &from) == -1)
		return -1;
	if (colon != NULL && fmt_parse_uint(colon + 1, 255, &to) == -1)
		return -1;
	r->delta[from] = (unsigned char)(to - from);
	return 0;
}

static int
parse_item(void *r, const char *item)
{
	return remap_parse(r, item);
}

int
remap_parse_list(struct remap *r, const char *list)
{
	char item[16];

	return table_each_item(list, item, sizeof(item), parse_item, r);
}

int
remap_apply(const struct remap *r, int status)
{
	if (status < 0 || status > 255)
		return status;
	return (unsigned char)(status + r->delta[status]);
}
