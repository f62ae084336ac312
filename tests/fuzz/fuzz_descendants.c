/* fuzz_descendants: procscan_descendants on any snapshot, checked against a
 * reference closure computed here without a bitmap. The input bytes are a
 * root, an output capacity and (pid, ppid, state) triples; most pids come
 * from a small pool so that real trees, cycles, duplicates and orphans
 * form, a few are edge values (0, negative, PROCSCAN_PID_LIMIT, INT_MAX).
 * Properties:
 * - every returned index is < n, appears once, names a pid that descends
 *   from root in the snapshot (the reference closure: root, then any pid
 *   listed with a parent already in it) and is not root; no pid twice;
 * - at most max indices; when fewer than max, every descendant is there;
 * - the bitmap comes back all zero, and nothing past out[max) is written. */
#include <limits.h>

#include "fuzz.h"
#include "procscan.h"

#define MAX_ENTS	64

static unsigned char mark[PROCSCAN_PID_LIMIT / 8];
static const unsigned char zero[PROCSCAN_PID_LIMIT / 8];

static int
value(uint8_t b)
{
	static const int edge[] = { 0, -1, INT_MIN, INT_MAX,
	    PROCSCAN_PID_LIMIT, PROCSCAN_PID_LIMIT - 1, PROCSCAN_PID_LIMIT + 1,
	    1, 4194303 - 7, 32768, 65535, 2, 3 };

	if (b < 0xf0)
		return b % 48;
	return edge[(b - 0xf0) % (sizeof(edge) / sizeof(edge[0]))];
}

static int
in_range(int pid)
{
	return pid > 0 && pid < PROCSCAN_PID_LIMIT;
}

/* The closure, as a flag per entry (1: its pid descends from root). */
static void
reference(const struct procent *ents, size_t n, int root, int *desc)
{
	size_t i, j;
	int changed = 1, parent_in;

	for (i = 0; i < n; i++)
		desc[i] = 0;
	if (!in_range(root))
		return;
	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++) {
			if (desc[i] || !in_range(ents[i].pid) ||
			    ents[i].pid == root)
				continue;
			parent_in = ents[i].ppid == root;
			for (j = 0; j < n && !parent_in; j++)
				parent_in = desc[j] &&
				    ents[j].pid == ents[i].ppid;
			if (parent_in) {
				desc[i] = 1;
				changed = 1;
			}
		}
	}
}

/* 1 if pid is the pid of a descendant entry. */
static int
is_desc_pid(const struct procent *ents, size_t n, const int *desc, int pid)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (desc[j] && ents[j].pid == pid)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct procent ents[MAX_ENTS];
	size_t out[MAX_ENTS + 1], n = 0, max, found, i, j;
	int desc[MAX_ENTS], root, k;

	if (size < 2)
		return 0;
	root = value(data[0]);
	max = data[1] % (MAX_ENTS + 1);
	for (i = 2; i + 2 < size && n < MAX_ENTS; i += 3, n++) {
		ents[n].pid = value(data[i]);
		ents[n].ppid = value(data[i + 1]);
		ents[n].state = (char)data[i + 2];
	}
	for (i = 0; i <= MAX_ENTS; i++)
		out[i] = (size_t)-1;

	found = procscan_descendants(ents, n, root, mark, out, max);
	reference(ents, n, root, desc);

	CHECK(memcmp(mark, zero, sizeof(mark)) == 0, "bitmap not zeroed");
	CHECK(found <= max, "%zu found, max %zu", found, max);
	for (i = max; i <= MAX_ENTS; i++)
		CHECK(out[i] == (size_t)-1, "out[%zu] written past max", i);
	for (i = 0; i < found; i++) {
		CHECK(out[i] < n, "index %zu of %zu", out[i], n);
		CHECK(ents[out[i]].pid != root, "root %d returned", root);
		CHECK(is_desc_pid(ents, n, desc, ents[out[i]].pid) &&
		    (ents[out[i]].ppid == root ||
		    is_desc_pid(ents, n, desc, ents[out[i]].ppid)),
		    "pid %d (ppid %d) does not descend from %d",
		    ents[out[i]].pid, ents[out[i]].ppid, root);
		for (j = 0; j < i; j++)
			CHECK(ents[out[j]].pid != ents[out[i]].pid,
			    "pid %d returned twice", ents[out[i]].pid);
	}
	if (found < max)
		for (i = 0; i < n; i++) {
			if (!desc[i])
				continue;
			for (j = 0, k = 0; j < found && !k; j++)
				k = ents[out[j]].pid == ents[i].pid;
			CHECK(k, "descendant pid %d (ppid %d) of %d missed",
			    ents[i].pid, ents[i].ppid, root);
		}
	return 0;
}
