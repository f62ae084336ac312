/* duration: grace periods as people write them. Never overflows: every
 * product is checked against DURATION_MAX_MS before it is formed. */
#include <string.h>

#include "duration.h"
#include "fmt.h"

int
duration_parse(const char *s, unsigned long *ms)
{
	char digits[16];
	const char *unit;
	unsigned long n, scale;
	size_t len;

	if (s == NULL)
		return -1;
	for (unit = s; *unit >= '0' && *unit <= '9'; unit++)
		;
	len = (size_t)(unit - s);
	if (len == 0 || len >= sizeof(digits))
		return -1;
	memcpy(digits, s, len);
	digits[len] = '\0';

	if (fmt_same(unit, "") || fmt_same(unit, "s"))
		scale = 1000;
	else if (fmt_same(unit, "ms"))
		scale = 1;
	else if (fmt_same(unit, "m"))
		scale = 60UL * 1000;
	else
		return -1;
	if (fmt_parse_uint(digits, DURATION_MAX_MS / scale, &n) == -1)
		return -1;
	*ms = n * scale;
	return 0;
}
