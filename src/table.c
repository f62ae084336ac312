/* table: what the remap and rewrite tables share: a comma-separated list
 * of items. Pure. */
#include <string.h>

#include "fmt.h"
#include "table.h"

int
table_each_item(const char *list, char *item, size_t itemlen,
    int (*each)(void *ctx, const char *item), void *ctx)
{
	const char *comma;
	size_t len;

	for (;;) {
		comma = fmt_strchr(list, ',');
		len = comma != NULL ? (size_t)(comma - list) : fmt_strlen(list);
		if (len >= itemlen)
			return -1;
		memcpy(item, list, len);
		item[len] = '\0';
		if (each(ctx, item) == -1)
			return -1;
		if (comma == NULL)
			return 0;
		list = comma + 1;
	}
}
