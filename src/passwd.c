/* passwd: finds a user and a group in /etc/passwd and /etc/group content,
 * as getpwnam and getgrnam would in the files alone; never asks NSS.
 * The first line whose key matches decides, as with getpwnam; if that line
 * is malformed the lookup fails rather than guess. Lines that match nothing
 * may be malformed: they are skipped (docs/user.md). */
#include "fmt.h"
#include "passwd.h"

#define NOT_ID	(~0ULL)		/* not all digits, or empty */
#define BIG_ID	(~0ULL - 1)	/* digits, but above PASSWD_ID_MAX */

struct field {
	const char *s;
	size_t len;
	unsigned long long id;	/* s as an id, or NOT_ID or BIG_ID */
};

/* memcmp(a, b, len) == 0, a byte at a time (musl's memcmp is not
 * otherwise linked in). */
static int
same(const char *a, const char *b, size_t len)
{
	while (len > 0 && *a == *b)
		a++, b++, len--;
	return len == 0;
}

/* 64-bit on every target: with a 32-bit unsigned long (i386, arm) the
 * sentinels would be ids (BIG_ID == PASSWD_ID_MAX) and v * 10 would wrap
 * ("4294967296" read as 0, root). */
static unsigned long long
to_id(const char *s, size_t len)
{
	unsigned long long v = 0;

	if (len == 0)
		return NOT_ID;
	for (; len > 0; s++, len--) {
		if (*s < '0' || *s > '9')
			return NOT_ID;
		if (v <= PASSWD_ID_MAX)
			v = v * 10 + (unsigned long long)(*s - '0');
	}
	/* v stops growing past the maximum, so it cannot wrap. */
	return v > PASSWD_ID_MAX ? BIG_ID : v;
}

/* Splits the line at p into its ':' fields and returns how many there are
 * (n at most are kept in f); *p moves to the next line. A line with a NUL
 * byte (it would cut HOME short) counts as its name alone: malformed when
 * looked up by name, and it has no id to be found by. */
static size_t
split(const char **p, const char *end, struct field *f, size_t n)
{
	const char *s = *p, *start = s;
	size_t k = 0;
	int nul = 0;

	for (;; s++) {
		if (s < end && *s == '\0')
			nul = 1;
		if (s == end || *s == '\n' || *s == ':') {
			if (k < n) {
				f[k].s = start;
				f[k].len = (size_t)(s - start);
				f[k].id = to_id(start, f[k].len);
			}
			k++;
			if (s == end || *s == '\n')
				break;
			start = s + 1;
		}
	}
	*p = s < end ? s + 1 : end;
	return nul ? 1 : k;
}

/* A passwd line (n 7: name:pw:uid:gid:gecos:home:shell) or a group line
 * (n 4: name:pw:gid:members) with all its fields and its ids in range. */
static int
well_formed(const struct field *f, size_t nf, size_t n)
{
	return nf == n && f[0].len > 0 && f[2].id <= PASSWD_ID_MAX &&
	    (n == 4 || f[3].id <= PASSWD_ID_MAX);
}

/* The first line whose name is key, or whose field 2 is id (key NULL).
 * 1: found and well formed, f filled; -1: found but malformed; 0: not
 * there. */
static int
find(const char *p, const char *end, struct field *f, size_t n,
    const char *key, size_t keylen, unsigned long long id)
{
	size_t nf;

	while (p < end) {
		nf = split(&p, end, f, n);
		if (key != NULL ? f[0].len == keylen &&
		    same(f[0].s, key, keylen) : nf > 2 && f[2].id == id)
			return well_formed(f, nf, n) ? 1 : -1;
	}
	return 0;
}

/* 1 if name is one of the comma-separated members, whole. */
static int
listed(const struct field *members, const char *name, size_t len)
{
	const char *m = members->s, *e = m + members->len, *c;

	for (;; m = c + 1) {
		for (c = m; c < e && *c != ','; c++)
			;
		if ((size_t)(c - m) == len && same(m, name, len))
			return 1;
		if (c == e)
			return 0;
	}
}

/* Every well-formed group line listing name adds its gid, once; -1 when
 * that makes more than PASSWD_GROUPS_MAX. */
static int
member_of(const char *p, const char *end, const char *name, size_t len,
    struct user_ids *ids)
{
	static struct field f[4];	/* static: see passwd_resolve */
	size_t nf, i;

	while (p < end) {
		nf = split(&p, end, f, 4);
		if (!well_formed(f, nf, 4) || !listed(&f[3], name, len))
			continue;
		for (i = 0; i < ids->ngroups && ids->groups[i] != f[2].id; i++)
			;
		if (i < ids->ngroups)
			continue;
		if (i == PASSWD_GROUPS_MAX)
			return -1;
		ids->groups[ids->ngroups++] = (gid_t)f[2].id;
	}
	return 0;
}

int
passwd_parse_spec(const char *s, struct user_spec *u)
{
	const char *colon = fmt_strchr(s, ':');

	u->user = s;
	u->user_len = colon != NULL ? (size_t)(colon - s) : fmt_strlen(s);
	u->group = colon != NULL ? colon + 1 : NULL;
	if (u->user_len == 0 || to_id(s, u->user_len) == BIG_ID)
		return -1;
	if (colon != NULL && (*u->group == '\0' ||
	    fmt_strchr(u->group, ':') != NULL ||
	    to_id(u->group, fmt_strlen(u->group)) == BIG_ID))
		return -1;
	return 0;
}

int
passwd_resolve(const struct user_spec *u, const char *pw, size_t pwlen,
    const char *gr, size_t grlen, struct user_ids *ids, const char **why)
{
	/* Static: an array on the stack costs the stack protector's check,
	 * and a lookup runs once, before the fork. */
	static struct field f[7], g[4];
	unsigned long long uid = to_id(u->user, u->user_len), gid = 0;
	size_t glen;
	int r;

	ids->ngroups = 0;
	ids->home = NULL;
	ids->home_len = 0;
	r = find(pw, pw + pwlen, f, 7, uid > PASSWD_ID_MAX ? u->user : NULL,
	    u->user_len, uid);
	if (r == -1 || (r == 0 && uid > PASSWD_ID_MAX)) {
		*why = r ? "bad line in /etc/passwd" : "not in /etc/passwd";
		return -1;
	}
	if (r == 1) {
		uid = f[2].id;
		gid = f[3].id;
		/* An empty home is "/", as login(1) has it. */
		ids->home = f[5].len > 0 ? f[5].s : "/";
		ids->home_len = f[5].len > 0 ? f[5].len : 1;
		if (member_of(gr, gr + grlen, f[0].s, f[0].len, ids) == -1) {
			*why = "in over 256 groups";
			return -1;
		}
	}
	if (u->group != NULL) {
		glen = fmt_strlen(u->group);
		if ((gid = to_id(u->group, glen)) > PASSWD_ID_MAX) {
			r = find(gr, gr + grlen, g, 4, u->group, glen, 0);
			if (r != 1) {
				*why = r ? "bad line in /etc/group" :
				    "group not in /etc/group";
				return -1;
			}
			gid = g[2].id;
		}
	}
	ids->uid = (uid_t)uid;
	ids->gid = (gid_t)gid;
	return 0;
}
