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

	if (strcmp(unit, "") == 0 || strcmp(unit, "s") == 0)
		scale = 1000;
	else if (strcmp(unit, "ms") == 0)
		scale = 1;
	else if (strcmp(unit, "m") == 0)
		scale = 60UL * 1000;
	else
		return -1;
	if (fmt_parse_uint(digits, DURATION_MAX_MS / scale, &n) == -1)
		return -1;
	*ms = n * scale;
	return 0;
}
