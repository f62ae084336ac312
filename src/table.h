/* table: comma-separated lists of items, shared by remap and rewrite.
 * Pure. */
#ifndef TABLE_H
#define TABLE_H

#include <stddef.h>

/* Calls each(ctx, item) for every comma-separated item of list, each
 * copied NUL-terminated into item (itemlen bytes). -1 as soon as an item
 * does not fit or each() fails, else 0. */
int	table_each_item(const char *list, char *item, size_t itemlen,
	    int (*each)(void *ctx, const char *item), void *ctx);

#endif
