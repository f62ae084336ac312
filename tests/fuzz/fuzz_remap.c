/* fuzz_remap: remap_parse_list on any string (INIT_LITE_REMAP_EXIT), against
 * a reference table built here. Properties:
 * - a list that parses gives exactly the reference table: each CODE[:TO]
 *   (0..255, TO 0 by default, the last one wins) and the identity for
 *   every code not named;
 * - a list the reference accepts is accepted when each item is at most
 *   7 bytes ("255:255"; longer items only add leading zeros, which the
 *   parser may refuse);
 * - remap_apply stays the identity outside 0..255 and follows the table
 *   inside. */
#include <limits.h>

#include "fuzz.h"
#include "remap.h"

/* Decimal 0..255, digits only: 0 or -1. */
static int
code(const char *s, size_t len, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
		if (v > 255)
			return -1;
	}
	*out = v;
	return 0;
}

/* 0 and the table, or -1; *longest is the longest item's length. */
static int
reference(const char *list, unsigned char *to, size_t *longest)
{
	const char *item = list, *end, *colon;
	unsigned from, dest;
	int i, ok = 0;

	for (i = 0; i < 256; i++)
		to[i] = (unsigned char)i;
	*longest = 0;
	for (;;) {
		end = strchr(item, ',');
		if (end == NULL)
			end = item + strlen(item);
		if ((size_t)(end - item) > *longest)
			*longest = (size_t)(end - item);
		colon = memchr(item, ':', (size_t)(end - item));
		dest = 0;
		if (colon == NULL) {
			if (code(item, (size_t)(end - item), &from) == -1)
				ok = -1;
		} else if (code(item, (size_t)(colon - item), &from) == -1 ||
		    code(colon + 1, (size_t)(end - colon - 1), &dest) == -1)
			ok = -1;
		if (ok == 0)
			to[from] = (unsigned char)dest;
		if (*end == '\0')
			return ok;
		item = end + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int outside[] = { -1, 256, 1000, INT_MIN, INT_MAX };
	struct remap r;
	unsigned char want[256];
	size_t longest, i;
	char *s;
	int got, ref;

	if (size > 512)
		return 0;
	s = fuzz_cstring(data, size);
	remap_init(&r);
	for (i = 0; i < 256; i++)
		CHECK(remap_apply(&r, (int)i) == (int)i,
		    "init is not the identity at %zu", i);
	got = remap_parse_list(&r, s);
	ref = reference(s, want, &longest);
	CHECK(got == 0 || got == -1, "result %d", got);
	if (got == 0) {
		CHECK(ref == 0, "'%s' accepted, reference rejects", s);
		for (i = 0; i < 256; i++)
			CHECK(remap_apply(&r, (int)i) == want[i],
			    "'%s': %zu -> %d, reference %u", s, i,
			    remap_apply(&r, (int)i), want[i]);
	} else
		CHECK(ref == -1 || longest > 7,
		    "'%s' rejected, reference accepts", s);
	for (i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
		CHECK(remap_apply(&r, outside[i]) == outside[i],
		    "status %d changed", outside[i]);
	free(s);
	return 0;
}
