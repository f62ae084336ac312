/* fuzz_procstat: procscan_parse_stat on any bytes (what read(2) returned from
 * /proc/PID/stat, not NUL-terminated, comm may hold anything), against a
 * reference parser written here a different way: find the last ')' from
 * the end, then match each piece of "PID (COMM) S PPID[ \n...]" with
 * sscanf-free byte checks. Properties:
 * - accepted exactly when the reference accepts (well-formed lines only);
 * - pid, ppid and state equal the reference's; pid and ppid are in
 *   0..PROCSCAN_PID_LIMIT-1;
 * - no read outside buf[0..len) (the input sits in a heap block of exactly
 *   len bytes, so ASan sees any overrun).
 * The same bytes as /proc/PID/status text: procscan_status_field for
 * "NSpid:" and "Threads:" against a reference that splits lines and
 * tokens first: the same count and first number, or both -1. */
#include "fuzz.h"
#include "procscan.h"

static int
digits(const char *s, size_t len, int *out)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
		/* Checked at each digit: v cannot wrap. */
		if (v >= PROCSCAN_PID_LIMIT)
			return -1;
	}
	*out = (int)v;
	return 0;
}

static int
reference(const char *buf, size_t len, struct procent *e)
{
	size_t close, open, i, end;

	/* The last ')' in the whole buffer closes comm. */
	for (close = len; close > 0 && buf[close - 1] != ')'; close--)
		;
	if (close == 0)
		return -1;
	close--;
	/* PID is the digits before the first " (". */
	for (open = 0; open < len && buf[open] >= '0' && buf[open] <= '9';
	    open++)
		;
	if (open + 1 >= len || buf[open] != ' ' || buf[open + 1] != '(' ||
	    digits(buf, open, &e->pid) == -1)
		return -1;
	/* The ')' must come after the '(' (comm may be empty). */
	if (close < open + 2)
		return -1;
	/* ") S " then PPID up to a space, a newline or the end. */
	i = close + 1;
	if (len - i < 4 || buf[i] != ' ' || buf[i + 1] == ' ' ||
	    buf[i + 2] != ' ')
		return -1;
	e->state = buf[i + 1];
	i += 3;
	for (end = i; end < len && buf[end] != ' ' && buf[end] != '\n'; end++)
		;
	return digits(buf + i, end - i, &e->ppid);
}

/* The first line that starts with key; its tokens (split on tabs and
 * spaces) must all be numbers. */
static int
ref_field(const char *buf, size_t len, const char *key, int *first)
{
	size_t klen = strlen(key), line = 0, eol, i, j;
	int n = 0, v;

	for (;;) {
		for (eol = line; eol < len && buf[eol] != '\n'; eol++)
			;
		if (eol - line >= klen && memcmp(buf + line, key, klen) == 0)
			break;
		if (eol >= len)
			return -1;
		line = eol + 1;
	}
	for (i = line + klen; i < eol; i = j) {
		if (buf[i] == ' ' || buf[i] == '\t') {
			j = i + 1;
			continue;
		}
		for (j = i; j < eol && buf[j] != ' ' && buf[j] != '\t'; j++)
			;
		if (digits(buf + i, j - i, &v) == -1)
			return -1;
		if (n++ == 0)
			*first = v;
	}
	return n;
}

static void
check_field(const char *buf, size_t len, const char *key)
{
	int got = -7, want = -7, r, ref;

	r = procscan_status_field(buf, len, key, &got);
	ref = ref_field(buf, len, key, &want);
	CHECK(r == ref, "%s: parser says %d, reference %d", key, r, ref);
	CHECK(r <= 0 || got == want, "%s: first %d, reference %d", key, got,
	    want);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procent got, want;
	char *buf;
	int r, ref;

	if (size > 1024)
		return 0;
	/* Exactly size bytes, no terminator: malloc(0) may give NULL. */
	buf = malloc(size > 0 ? size : 1);
	if (buf == NULL)
		abort();
	memcpy(buf, data, size);
	memset(&got, 0x55, sizeof(got));
	memset(&want, 0x55, sizeof(want));
	r = procscan_parse_stat(buf, size, &got);
	ref = reference(buf, size, &want);
	CHECK(r == 0 || r == -1, "result %d", r);
	CHECK(r == ref, "parser says %d, reference %d (len %zu)", r, ref, size);
	if (r == 0) {
		CHECK(got.pid >= 0 && got.pid < PROCSCAN_PID_LIMIT &&
		    got.ppid >= 0 && got.ppid < PROCSCAN_PID_LIMIT,
		    "pid %d ppid %d", got.pid, got.ppid);
		CHECK(got.pid == want.pid && got.ppid == want.ppid &&
		    got.state == want.state, "parsed %d %c %d, reference "
		    "%d %c %d", got.pid, got.state, got.ppid, want.pid,
		    want.state, want.ppid);
	}
	check_field(buf, size, "NSpid:");
	check_field(buf, size, "Threads:");
	free(buf);
	return 0;
}
