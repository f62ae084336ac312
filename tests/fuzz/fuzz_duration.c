/* fuzz_duration: duration_parse on any string, against a reference parser
 * written here with saturating arithmetic (so it cannot overflow). Properties:
 * - the result never exceeds DURATION_MAX_MS;
 * - accepted exactly when the reference accepts: DIGITS followed by
 *   nothing, "s", "ms" or "m", and a value that fits; the one liberty the
 *   parser may take is refusing more than 15 digits (leading zeros);
 * - round trip: the milliseconds divided by the unit print as the digits
 *   without their leading zeros. */
#include "duration.h"
#include "fuzz.h"

/* -1 if s is no duration; else the value in ms, possibly > MAX. */
static int
reference(const char *s, unsigned long long *ms, size_t *ndigits,
    unsigned long *scale)
{
	unsigned long long v = 0;
	const char *p = s;

	while (*p >= '0' && *p <= '9') {
		/* Saturate at 2^40, far past the longest duration: then
		 * v * 60000 still fits in 64 bits. */
		v = v * 10 + (unsigned)(*p - '0');
		if (v > (1ULL << 40))
			v = 1ULL << 40;
		p++;
	}
	*ndigits = (size_t)(p - s);
	if (*ndigits == 0)
		return -1;
	if (strcmp(p, "") == 0 || strcmp(p, "s") == 0)
		*scale = 1000;
	else if (strcmp(p, "ms") == 0)
		*scale = 1;
	else if (strcmp(p, "m") == 0)
		*scale = 60000;
	else
		return -1;
	*ms = v * *scale;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long long want = 0;
	unsigned long ms = 0, scale = 0;
	char *s, printed[32];
	const char *digits;
	size_t ndigits = 0;
	int r, ref;

	if (size > 64)
		return 0;
	s = fuzz_cstring(data, size);
	r = duration_parse(s, &ms);
	ref = reference(s, &want, &ndigits, &scale);
	CHECK(r == 0 || r == -1, "result %d", r);
	if (r == 0) {
		CHECK(ms <= DURATION_MAX_MS, "'%s' -> %lu ms", s, ms);
		CHECK(ref == 0 && want == ms, "'%s' -> %lu ms, reference %s",
		    s, ms, ref == 0 ? "disagrees" : "rejects");
		/* Round trip of the digits. */
		CHECK(ms % scale == 0, "'%s' -> %lu ms", s, ms);
		(void)snprintf(printed, sizeof(printed), "%lu", ms / scale);
		for (digits = s; digits[0] == '0' && digits[1] >= '0' &&
		    digits[1] <= '9'; digits++)
			;
		CHECK(strncmp(printed, digits, strlen(printed)) == 0 &&
		    !(digits[strlen(printed)] >= '0' &&
		    digits[strlen(printed)] <= '9'),
		    "'%s' -> %lu ms prints as %s", s, ms, printed);
	} else {
		CHECK(ref == -1 || want > DURATION_MAX_MS || ndigits > 15,
		    "'%s' rejected; reference says %llu ms", s, want);
	}
	free(s);
	return 0;
}
