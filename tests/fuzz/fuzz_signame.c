/* fuzz_signame: signame_to_num on any string, for glibc's SIGRTMIN (34) and
 * musl's (35). Properties:
 * - a name that parses names a signal 1..rtmax;
 * - it maps back through signame_from_num to a string that parses to the
 *   same number (or, for a number with no name, "signal N" with that N);
 * - case does not matter, and a "SIG" prefix does not change the result;
 * - signame_from_num never writes past the buffer it is given. */
#include "fuzz.h"
#include "signame.h"

#define RTMAX	64

static void
upper_copy(char *dst, const char *src)
{
	for (; *src != '\0'; src++, dst++)
		*dst = (char)(*src >= 'a' && *src <= 'z' ? *src - 'a' + 'A' :
		    *src);
	*dst = '\0';
}

static int
starts_nocase(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++)
		if ((*s >= 'a' && *s <= 'z' ? *s - 'a' + 'A' : *s) != *prefix)
			return 0;
	return 1;
}

static void
check_back(int sig, int rtmin, const char *input)
{
	char buf[32], *small;
	const char *digits;
	size_t len;
	int back = 0;

	memset(buf, 'x', sizeof(buf));
	signame_from_num(sig, rtmin, RTMAX, buf, sizeof(buf));
	CHECK(memchr(buf, '\0', sizeof(buf)) != NULL, "unterminated name");
	if (strncmp(buf, "signal ", 7) == 0) {
		/* A number with no name (32 and 33 with glibc, also 34 with
		 * musl): the text names the number itself. */
		digits = buf + 7;
		CHECK(signame_to_num(digits, rtmin, RTMAX, &back) == 0 &&
		    back == sig, "'%s' from '%s' (%d)", buf, input, sig);
	} else
		CHECK(signame_to_num(buf, rtmin, RTMAX, &back) == 0 &&
		    back == sig, "'%s' from '%s' (%d) parses to %d", buf,
		    input, sig, back);

	/* Exactly as long as the text: truncation must stay in bounds. */
	len = strlen(buf) + 1;
	for (size_t cut = 1; cut <= len; cut += 3) {
		small = malloc(cut);
		if (small == NULL)
			abort();
		signame_from_num(sig, rtmin, RTMAX, small, cut);
		CHECK(strlen(small) < cut, "truncation");
		free(small);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int rtmins[] = { 34, 35 };
	char *s, *up, *pre;
	int sig, sig_up, sig_pre, r, r_up, r_pre;
	size_t i;

	if (size > 256)
		return 0;
	s = fuzz_cstring(data, size);
	up = malloc(strlen(s) + 1);
	pre = malloc(strlen(s) + 4);
	if (up == NULL || pre == NULL)
		abort();
	upper_copy(up, s);
	memcpy(pre, "sIg", 3);
	memcpy(pre + 3, s, strlen(s) + 1);

	for (i = 0; i < sizeof(rtmins) / sizeof(rtmins[0]); i++) {
		sig = sig_up = sig_pre = -1;
		r = signame_to_num(s, rtmins[i], RTMAX, &sig);
		CHECK(r == 0 || r == -1, "result %d", r);
		if (r == 0) {
			CHECK(sig >= 1 && sig <= RTMAX, "'%s' -> %d", s, sig);
			check_back(sig, rtmins[i], s);
		}
		r_up = signame_to_num(up, rtmins[i], RTMAX, &sig_up);
		CHECK(r_up == r && (r != 0 || sig_up == sig),
		    "'%s' -> %d/%d but '%s' -> %d/%d", s, r, sig, up, r_up,
		    sig_up);
		/* "SIG" + a name is the same name; not for numbers, and not
		 * for a name already prefixed ("SIGSIGTERM" is no name). */
		if (!(s[0] >= '0' && s[0] <= '9') && !starts_nocase(s, "SIG")) {
			r_pre = signame_to_num(pre, rtmins[i], RTMAX, &sig_pre);
			CHECK(r_pre == r && (r != 0 || sig_pre == sig),
			    "'%s' -> %d/%d but '%s' -> %d/%d", s, r, sig, pre,
			    r_pre, sig_pre);
		}
	}
	free(pre);
	free(up);
	free(s);
	return 0;
}
