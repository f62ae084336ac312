/* fuzz_passwd: passwd_parse_spec and passwd_resolve on any --user value
 * and any /etc/passwd and /etc/group content, NUL bytes included.
 * Input: byte 0 = length L of the value (mod 64), then L bytes of value
 * (cut at a NUL, as argv would), two bytes = length of the passwd content
 * (little endian, cut to what is left), that content, and the rest is the
 * group content; each part in its own heap block, so ASan sees any read
 * past its end. Properties:
 * - the spec is accepted exactly when the reference (written here with the
 *   C library) accepts it;
 * - a resolved uid or gid is never (uid_t)-1; groups are unique, at most
 *   PASSWD_GROUPS_MAX; HOME lies inside the passwd content (or is "/");
 * - by name: the first line named so is whole, and its uid, gid and home
 *   are the ones returned; a number not in passwd gets gid 0 (or GROUP),
 *   no groups and no HOME;
 * - the groups are exactly those of a reference scan of the group lines. */
#include "fuzz.h"
#include "passwd.h"

/* Fields of the line [p, e) split at ':' into f (up to n); the count,
 * or 0 when the line holds a NUL byte. */
static size_t
ref_fields(const char *p, const char *e, const char **f, size_t *len,
    size_t n)
{
	size_t k = 0;
	const char *s = p;

	if (memchr(p, '\0', (size_t)(e - p)) != NULL)
		return 0;
	for (;;) {
		const char *c = memchr(s, ':', (size_t)(e - s));

		if (k < n) {
			f[k] = s;
			len[k] = (size_t)((c != NULL ? c : e) - s);
		}
		k++;
		if (c == NULL)
			return k;
		s = c + 1;
	}
}

/* strtoul-based: -1 unless all digits and <= PASSWD_ID_MAX. */
static long long
ref_id(const char *s, size_t len)
{
	char buf[32];
	size_t i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	while (len > 1 && *s == '0')
		s++, len--;
	if (len > 10)
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	unsigned long long v = strtoull(buf, NULL, 10);
	return v > PASSWD_ID_MAX ? -1 : (long long)v;
}

static int
ref_spec(const char *s)
{
	const char *colon = strchr(s, ':');
	size_t ulen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	size_t i, all;

	if (ulen == 0)
		return -1;
	for (i = 0, all = 1; i < ulen; i++)
		all &= s[i] >= '0' && s[i] <= '9';
	if (all && ref_id(s, ulen) < 0)
		return -1;
	if (colon == NULL)
		return 0;
	s = colon + 1;
	if (*s == '\0' || strchr(s, ':') != NULL)
		return -1;
	for (i = 0, all = 1; s[i] != '\0'; i++)
		all &= s[i] >= '0' && s[i] <= '9';
	return all && ref_id(s, strlen(s)) < 0 ? -1 : 0;
}

/* The gids of every whole group line listing name, once each, in order. */
static size_t
ref_groups(const char *gr, size_t grlen, const char *name, size_t nlen,
    unsigned *out, size_t max)
{
	const char *p = gr, *end = gr + grlen, *e, *f[4], *m, *c;
	size_t len[4], n = 0, i;
	long long gid;

	for (; p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		if (ref_fields(p, e, f, len, 4) != 4 || len[0] == 0 ||
		    (gid = ref_id(f[2], len[2])) < 0)
			continue;
		for (m = f[3]; ; m = c + 1) {
			c = memchr(m, ',', (size_t)(f[3] + len[3] - m));
			if (c == NULL)
				c = f[3] + len[3];
			if ((size_t)(c - m) == nlen && memcmp(m, name,
			    nlen) == 0)
				break;
			if (c == f[3] + len[3]) {
				m = NULL;
				break;
			}
		}
		if (m == NULL)
			continue;
		for (i = 0; i < n && out[i] != (unsigned)gid; i++)
			;
		if (i == n && n < max)
			out[n++] = (unsigned)gid;
		else if (i == n)
			return max + 1;
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct user_ids ids;
	static unsigned want[PASSWD_GROUPS_MAX + 1];
	struct user_spec u;
	const char *why, *p, *e, *f[7];
	char *spec, *pw, *gr;
	size_t l, pwlen, grlen, len[7], i, j, n;
	int r, found;

	if (size < 3)
		return 0;
	l = data[0] % 64;
	if (l + 3 > size)
		return 0;
	spec = fuzz_cstring(data + 1, l);
	pwlen = (size_t)data[l + 1] | (size_t)data[l + 2] << 8;
	if (pwlen > size - l - 3)
		pwlen = size - l - 3;
	grlen = size - l - 3 - pwlen;
	pw = malloc(pwlen + 1);
	gr = malloc(grlen + 1);
	if (pw == NULL || gr == NULL)
		abort();
	memcpy(pw, data + l + 3, pwlen);
	memcpy(gr, data + l + 3 + pwlen, grlen);

	r = passwd_parse_spec(spec, &u);
	CHECK(r == ref_spec(spec), "'%s': parse %d, reference %d", spec, r,
	    ref_spec(spec));
	if (r == -1)
		goto out;
	why = NULL;
	memset(&ids, 0xAA, sizeof(ids));
	r = passwd_resolve(&u, pw, pwlen, gr, grlen, &ids, &why);
	CHECK(r == 0 || r == -1, "result %d", r);
	if (r == -1) {
		CHECK(why != NULL && why[0] != '\0', "no reason for '%s'", spec);
		goto out;
	}
	CHECK(ids.uid != (uid_t)-1 && ids.gid != (gid_t)-1, "'%s': id -1",
	    spec);
	CHECK(ids.ngroups <= PASSWD_GROUPS_MAX, "%zu groups", ids.ngroups);
	for (i = 0; i < ids.ngroups; i++)
		for (j = 0; j < i; j++)
			CHECK(ids.groups[i] != ids.groups[j], "gid %u twice",
			    (unsigned)ids.groups[i]);
	if (ids.home != NULL)
		CHECK(ids.home_len > 0 && ((ids.home >= pw && ids.home +
		    ids.home_len <= pw + pwlen) || (ids.home_len == 1 &&
		    ids.home[0] == '/')), "'%s': home outside the data", spec);

	/* Which passwd line was it? By name: the first line so named. */
	found = 0;
	for (p = pw; !found && p < pw + pwlen; p = e + 1) {
		e = memchr(p, '\n', (size_t)(pw + pwlen - p));
		if (e == NULL)
			e = pw + pwlen;
		n = ref_fields(p, e, f, len, 7);
		if (ref_id(u.user, u.user_len) < 0)
			found = (size_t)(e - p) > u.user_len &&
			    memcmp(p, u.user, u.user_len) == 0 &&
			    p[u.user_len] == ':';
		else
			found = n > 2 && ref_id(f[2], len[2]) ==
			    ref_id(u.user, u.user_len);
	}
	if (found) {
		CHECK(n == 7 && ref_id(f[2], len[2]) == (long long)ids.uid,
		    "'%s': uid %u from a line that is not whole", spec,
		    (unsigned)ids.uid);
		if (u.group == NULL)
			CHECK(ref_id(f[3], len[3]) == (long long)ids.gid,
			    "'%s': gid %u", spec, (unsigned)ids.gid);
		CHECK(ids.home != NULL && (len[5] == 0 ? ids.home_len == 1 :
		    ids.home == f[5] && ids.home_len == len[5]),
		    "'%s': home", spec);
		n = ref_groups(gr, grlen, f[0], len[0], want,
		    PASSWD_GROUPS_MAX);
		CHECK(n == ids.ngroups, "'%s': %zu groups, reference %zu", spec,
		    ids.ngroups, n);
		for (i = 0; i < n; i++)
			CHECK(want[i] == ids.groups[i], "'%s': group %zu", spec,
			    i);
	} else {
		CHECK(ref_id(u.user, u.user_len) == (long long)ids.uid,
		    "'%s' resolved though not in passwd", spec);
		CHECK(ids.ngroups == 0 && ids.home == NULL, "'%s': stranger "
		    "with groups or home", spec);
		if (u.group == NULL)
			CHECK(ids.gid == 0, "'%s': gid %u", spec,
			    (unsigned)ids.gid);
	}
out:
	free(spec);
	free(pw);
	free(gr);
	return 0;
}
