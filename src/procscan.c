/* procscan: the decision of whom init-lite may signal when it is not PID 1.
 * Must never return a pid that does not descend from root in the
 * snapshot: anything else on the host is not ours to signal. */
#include "procscan.h"

/* The number at s into *out (when out is not NULL): what follows it, or
 * NULL. Returning the position rather than taking its address keeps the
 * callers free of the stack protector's check. */
static const char *
parse_int(const char *s, const char *end, int *out)
{
	long v = 0;

	if (s >= end || *s < '0' || *s > '9')
		return NULL;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (*s - '0');
		if (v >= PROCSCAN_PID_LIMIT)
			return NULL;
		s++;
	}
	if (out != NULL)
		*out = (int)v;
	return s;
}

int
procscan_parse_stat(const char *buf, size_t len, struct procent *e)
{
	const char *end = buf + len, *p = buf, *close = NULL, *q;

	if ((p = parse_int(p, end, &e->pid)) == NULL || p + 1 >= end ||
	    *p != ' ' || p[1] != '(')
		return -1;
	/* comm is whatever the program named itself: the last ')' ends it. */
	for (q = p + 2; q < end; q++)
		if (*q == ')')
			close = q;
	if (close == NULL)
		return -1;
	/* ") S ppid" */
	p = close + 1;
	if (end - p < 4 || p[0] != ' ' || p[1] == ' ' || p[2] != ' ')
		return -1;
	e->state = p[1];
	p = parse_int(p + 3, end, &e->ppid);
	return p == NULL || (p < end && *p != ' ' && *p != '\n') ? -1 : 0;
}

int
procscan_status_field(const char *buf, size_t len, const char *key,
    int *first)
{
	const char *end = buf + len, *p = buf, *k;
	int n = 0;

	/* Find "KEY" at the start of a line. */
	for (;;) {
		for (k = key; p < end && *k != '\0' && *p == *k; p++, k++)
			;
		if (*k == '\0')
			break;
		while (p < end && *p != '\n')
			p++;
		if (p++ >= end)
			return -1;
	}
	for (;;) {
		while (p < end && (*p == '\t' || *p == ' '))
			p++;
		if (p == end || *p == '\n')
			return n;
		if ((p = parse_int(p, end, n++ == 0 ? first : NULL)) == NULL)
			return -1;
	}
}

/* The field's number when it holds exactly one, else -1. first is static
 * so that no caller takes a local's address (that costs each caller the
 * stack protector's check); nothing here runs twice at once. */
static int
only_number(const char *buf, size_t len, const char *key)
{
	static int first;

	return procscan_status_field(buf, len, key, &first) == 1 ? first : -1;
}

int
procscan_proc_is_ours(const char *buf, size_t len, int self)
{
	return self >= 0 && only_number(buf, len, "NSpid:") == self;
}

int
procscan_zombie_alive(const char *buf, size_t len)
{
	return only_number(buf, len, "Threads:") > 1;
}

static int
marked(const unsigned char *mark, int pid)
{
	return pid > 0 && pid < PROCSCAN_PID_LIMIT &&
	    (mark[pid / 8] >> (pid % 8)) & 1u;
}

static void
set_mark(unsigned char *mark, int pid, int on)
{
	if (on)
		mark[pid / 8] |= (unsigned char)(1u << (pid % 8));
	else
		mark[pid / 8] &= (unsigned char)~(1u << (pid % 8));
}

size_t
procscan_descendants(const struct procent *ents, size_t n, int root,
    unsigned char *mark, size_t *out, size_t max)
{
	size_t i, found = 0;
	int changed = 1;

	if (root <= 0 || root >= PROCSCAN_PID_LIMIT)
		return 0;
	set_mark(mark, root, 1);
	/* A child may be listed before its parent: sweep until stable. Each
	 * sweep adds a generation, so this ends after depth + 1 sweeps. */
	while (changed && found < max) {
		changed = 0;
		for (i = 0; i < n && found < max; i++) {
			if (ents[i].pid <= 0 ||
			    ents[i].pid >= PROCSCAN_PID_LIMIT ||
			    marked(mark, ents[i].pid) ||
			    !marked(mark, ents[i].ppid))
				continue;
			set_mark(mark, ents[i].pid, 1);
			out[found++] = i;
			changed = 1;
		}
	}
	for (i = 0; i < found; i++)
		set_mark(mark, ents[out[i]].pid, 0);
	set_mark(mark, root, 0);
	return found;
}
