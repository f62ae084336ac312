/* rewrite: received signal in, forwarded signal out. Never maps to a
 * number outside 0..SIGNAME_KERNEL_MAX. */
#include <string.h>

#include "fmt.h"
#include "policy.h"
#include "rewrite.h"
#include "table.h"

void
rewrite_init(struct rewrite *rw)
{
	memset(rw->delta, 0, sizeof(rw->delta));
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
	    !policy_forwarded(from))
		return -1;
	if (fmt_same(colon + 1, "0"))
		to = 0;
	else if (signame_to_num(colon + 1, rtmin, rtmax, &to) == -1)
		return -1;
	rw->delta[from] = (unsigned char)(to - from);
	return 0;
}

struct list_ctx {
	struct rewrite *rw;
	int rtmin, rtmax;
};

static int
parse_item(void *ctx, const char *item)
{
	struct list_ctx *c = ctx;

	return rewrite_parse(c->rw, item, c->rtmin, c->rtmax);
}

int
rewrite_parse_list(struct rewrite *rw, const char *list, int rtmin, int rtmax)
{
	struct list_ctx ctx = { rw, rtmin, rtmax };
	char item[48];

	return table_each_item(list, item, sizeof(item), parse_item, &ctx);
}

int
rewrite_apply(const struct rewrite *rw, int sig)
{
	if (sig < 1 || sig > SIGNAME_KERNEL_MAX)
		return sig;
	return (unsigned char)(sig + rw->delta[sig]);
}
