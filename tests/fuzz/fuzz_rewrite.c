/* fuzz_rewrite: rewrite_parse_list on any string (INIT_LITE_REWRITE), for
 * SIGRTMIN 34 and 35, against a reference table built here (signal names
 * through signame_to_num, which fuzz_signame covers). Properties:
 * - every entry stays in 0..64 (and 0..rtmax), entry 0 stays 0, and the
 *   signals init-lite never forwards (KILL STOP CHLD and the synchronous
 *   faults) keep the identity even after a failed parse;
 * - a list that parses gives exactly the reference table: FROM:TO with FROM
 *   a forwarded signal, TO a signal or "0" (drop), the last one wins, the
 *   identity for every signal not named;
 * - a list the reference accepts is accepted when each item is at most
 *   23 bytes (enough for "sigrtmax-29:sigrtmax-29");
 * - rewrite_apply stays the identity outside 1..64. */
#include <limits.h>
#include <signal.h>

#include "fuzz.h"
#include "rewrite.h"

#define RTMAX	64

static int
never_forwarded(int sig)
{
	return sig == SIGKILL || sig == SIGSTOP || sig == SIGCHLD ||
	    sig == SIGFPE || sig == SIGILL || sig == SIGSEGV || sig == SIGBUS ||
	    sig == SIGABRT || sig == SIGTRAP || sig == SIGSYS;
}

/* A name of at most len bytes, or -1. */
static int
name(const char *s, size_t len, int rtmin, int *sig)
{
	char buf[64];

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (strcmp(buf, "0") == 0) {
		*sig = 0;
		return 0;
	}
	return signame_to_num(buf, rtmin, RTMAX, sig);
}

static int
reference(const char *list, int rtmin, unsigned char *to, size_t *longest)
{
	const char *item = list, *end, *colon;
	int from, dest, i, ok = 0;

	for (i = 0; i <= SIGNAME_KERNEL_MAX; i++)
		to[i] = (unsigned char)i;
	*longest = 0;
	for (;;) {
		end = strchr(item, ',');
		if (end == NULL)
			end = item + strlen(item);
		if ((size_t)(end - item) > *longest)
			*longest = (size_t)(end - item);
		colon = memchr(item, ':', (size_t)(end - item));
		if (colon == NULL ||
		    name(item, (size_t)(colon - item), rtmin, &from) == -1 ||
		    from < 1 || from > SIGNAME_KERNEL_MAX ||
		    never_forwarded(from) ||
		    name(colon + 1, (size_t)(end - colon - 1), rtmin,
		    &dest) == -1)
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
	static const int rtmins[] = { 34, 35 };
	static const int outside[] = { 0, -1, 65, 1000, INT_MIN, INT_MAX };
	struct rewrite rw;
	unsigned char want[SIGNAME_KERNEL_MAX + 1];
	size_t longest, k;
	int got, ref, i, rtmin, to;
	char *s;

	if (size > 512)
		return 0;
	s = fuzz_cstring(data, size);
	for (k = 0; k < sizeof(rtmins) / sizeof(rtmins[0]); k++) {
		rtmin = rtmins[k];
		rewrite_init(&rw);
		got = rewrite_parse_list(&rw, s, rtmin, RTMAX);
		ref = reference(s, rtmin, want, &longest);
		CHECK(got == 0 || got == -1, "result %d", got);
		CHECK(rewrite_apply(&rw, 0) == 0, "'%s': 0 is %d", s,
		    rewrite_apply(&rw, 0));
		for (i = 1; i <= SIGNAME_KERNEL_MAX; i++) {
			to = rewrite_apply(&rw, i);
			CHECK(to >= 0 && to <= RTMAX, "'%s': %d -> %d", s, i,
			    to);
			CHECK(!never_forwarded(i) || to == i,
			    "'%s': unforwarded %d -> %d", s, i, to);
		}
		if (got == 0) {
			CHECK(ref == 0, "'%s' (rtmin %d) accepted, reference "
			    "rejects", s, rtmin);
			for (i = 0; i <= SIGNAME_KERNEL_MAX; i++)
				CHECK(rewrite_apply(&rw, i) == want[i],
				    "'%s' (rtmin %d): %d -> %d, reference %u",
				    s, rtmin, i, rewrite_apply(&rw, i),
				    want[i]);
		} else
			CHECK(ref == -1 || longest > 23, "'%s' (rtmin %d) "
			    "rejected, reference accepts", s, rtmin);
		for (i = 0; i < (int)(sizeof(outside) / sizeof(outside[0]));
		    i++)
			CHECK(rewrite_apply(&rw, outside[i]) == outside[i],
			    "signal %d changed", outside[i]);
	}
	free(s);
	return 0;
}
