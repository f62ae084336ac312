/* table: what the remap and rewrite tables share: an identity start and a
 * comma-separated list of items. Pure. */
#include <stdint.h>
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

void
table_identity(unsigned char *dst, size_t n)
{
	size_t i = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w = 0x0706050403020100ULL;

	for (; i + 8 <= n; i += 8, w += 0x0808080808080808ULL)
		memcpy(dst + i, &w, 8);
#endif
	for (; i < n; i++)
		dst[i] = (unsigned char)i;
}
