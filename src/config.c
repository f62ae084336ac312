/* config: every option and environment variable of SPEC.md, validated.
 * Options stop at the first non-option word or "--" (no permutation), a
 * flag beats its variable, and every variable is validated even when a
 * flag overrides it: a typo in an image's ENV is still reported. */
#include <string.h>

#include "config.h"
#include "duration.h"
#include "env.h"
#include "fmt.h"
#include "passwd.h"
#include "signame.h"

#define WANT_SIGNAL	"a signal name or number"
#define WANT_REMAP	"CODE[:TO] of 0..255 (a variable: a,b,...)"
#define WANT_REWRITE	"SIG:SIG or SIG:0 (a variable: a,b,...)"
#define WANT_DURATION	"500ms, 5s, 2m or seconds"
#define WANT_BOOL	"1, true, yes, on, 0, false, no or off"
#define WANT_LEVEL	"0..3"
#define WANT_USER	"USER[:GROUP], ids below 4294967295"

/* Options by their short letter, and those of them that take a value.
 * A letter not in shorts is a long-only option's: D --stop-delay,
 * W --wait-all. */
static const char shorts[] = "hVlsgwvqPpertua";
static const char takes_value[] = "pertuD";

/* The long options, each its short letter then its name, one after the
 * other (a table of fixed-size names costs 70 bytes more). */
static const char longopts[] =
	"hhelp\0" "Vversion\0" "llicense\0" "ssubreaper\0" "ppdeathsig\0"
	"gpgroup\0" "eremap-exit\0" "rrewrite\0" "tgrace\0" "wwarn-on-reap\0"
	"vverbose\0" "qquiet\0" "Ppause\0" "uuser\0" "Dstop-delay\0"
	"aforward-all\0" "Wwait-all\0";

/* The variables, in the order they are read; a TINI_ alias is read only
 * when its INIT_LITE_ name is unset, and keeps tini's meaning. */
static const struct {
	char name[29];
	char opt;
	char tini;		/* tini's parsing: anything but "0" enables */
} envvars[] = {
	{ "INIT_LITE_SUBREAPER", 's', 0 }, { "TINI_SUBREAPER", 's', 1 },
	{ "INIT_LITE_KILL_PROCESS_GROUP", 'g', 0 },
	{ "TINI_KILL_PROCESS_GROUP", 'g', 1 },
	{ "INIT_LITE_WARN_ON_REAP", 'w', 0 },
	{ "INIT_LITE_VERBOSITY", 'v', 0 }, { "TINI_VERBOSITY", 'v', 1 },
	{ "INIT_LITE_REMAP_EXIT", 'e', 0 }, { "INIT_LITE_REWRITE", 'r', 0 },
	{ "INIT_LITE_GRACE", 't', 0 }, { "INIT_LITE_USER", 'u', 0 },
	{ "INIT_LITE_STOP_DELAY", 'D', 0 }, { "INIT_LITE_FORWARD_ALL", 'a', 0 },
	{ "INIT_LITE_WAIT_ALL", 'W', 0 },
};

struct parser {
	struct config *cfg;
	unsigned char seen[128];	/* by option letter: set by a flag */
	int rtmin, rtmax;
	char want;			/* 'h', 'V' or 'l' once asked for */
	char *err;
	size_t errlen;
};

/* What the user typed goes into a one-line message: cleaned and cut, so
 * a newline or a megabyte in an environment value cannot break it. */
static int
fail(struct parser *p, const char *before, const char *a, const char *after)
{
	char shown[72];

	fmt_clean(shown, sizeof(shown), a);
	fmt_buf(p->err, p->errlen, "%s'%s'%s", before, shown, after);
	return -1;
}

/* One shape for every bad value, from a flag or from a variable; the
 * option first, so it survives a long value. */
static int
bad_value(struct parser *p, const char *val, const char *where,
    const char *want)
{
	char shown[72];

	fmt_clean(shown, sizeof(shown), val);
	fmt_buf(p->err, p->errlen, "%s: bad value '%s'; want %s", where,
	    shown, want);
	return -1;
}

static int
parse_bool(const char *s, int *out)
{
	static const char words[][6] = {
		"0", "1", "FALSE", "TRUE", "NO", "YES", "OFF", "ON"
	};
	const char *r;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if ((r = fmt_skip_nocase(s, words[i])) != NULL && *r == '\0') {
			*out = (int)(i & 1);
			return 0;
		}
	return -1;
}

/* A flag (from_env 0) or a variable's value into c. Flags: -v counts up
 * from the default, value options may repeat (-e, -r add to the table). */
static int
apply(struct parser *p, struct config *c, int opt, const char *where,
    const char *val, int from_env)
{
	const char *want;
	unsigned long n;
	int b;

	switch (opt) {
	case 'h': case 'V': case 'l':
		if (p->want == 0)
			p->want = (char)opt;
		return 0;
	case 'P':
		c->action = CONFIG_PAUSE;
		return 0;
	case 'q':
		c->verbosity = 0;
		return 0;
	case 's': case 'g': case 'w': case 'a': case 'W':
		b = 1;
		want = WANT_BOOL;
		if (from_env && parse_bool(val, &b) == -1)
			break;
		*(opt == 's' ? &c->subreaper : opt == 'g' ? &c->pgroup :
		    opt == 'w' ? &c->warn_on_reap : opt == 'a' ?
		    &c->forward_all : &c->wait_all) = b;
		return 0;
	case 'v':
		if (!from_env) {
			c->verbosity += c->verbosity < 3;
			return 0;
		}
		want = WANT_LEVEL;
		if (fmt_parse_uint(val, 3, &n) == -1)
			break;
		c->verbosity = (int)n;
		return 0;
	case 'p':
		want = WANT_SIGNAL;
		if (signame_to_num(val, p->rtmin, p->rtmax, &c->pdeathsig) == 0)
			return 0;
		break;
	case 'e':
		want = WANT_REMAP;
		if ((from_env ? remap_parse_list(&c->remap, val) :
		    remap_parse(&c->remap, val)) == 0)
			return 0;
		break;
	case 'r':
		want = WANT_REWRITE;
		if ((from_env ? rewrite_parse_list(&c->rewrite, val, p->rtmin,
		    p->rtmax) : rewrite_parse(&c->rewrite, val, p->rtmin,
		    p->rtmax)) == 0)
			return 0;
		break;
	case 'u':
		want = WANT_USER;
		if (passwd_parse_spec(val, &c->user) == 0)
			return 0;
		break;
	default:	/* 't', 'D' */
		want = WANT_DURATION;
		if (duration_parse(val, opt == 't' ? &c->grace_ms :
		    &c->stop_delay_ms) == 0)
			return 0;
		break;
	}
	/* Every bad value ends here: one call, not one per case (each
	 * return through the stack protector's check costs ~20 bytes). */
	return bad_value(p, val, where, want);
}

static int
flag(struct parser *p, int opt, const char *where)
{
	/* -q and -v both override INIT_LITE_VERBOSITY. */
	p->seen[opt == 'q' ? 'v' : opt] = 1;
	return apply(p, p->cfg, opt, where, NULL, 0);
}

/* val is the attached value ("-e143", "--grace=5s") or NULL: then the
 * next word is the value, and *i advances past it. */
static int
value_option(struct parser *p, char **argv, int *i, int opt,
    const char *where, const char *val)
{
	if (val == NULL && (val = argv[*i + 1]) == NULL)
		return fail(p, "option ", where, " needs a value");
	if (val == argv[*i + 1])
		++*i;
	/* Flags come before the environment is read, so the table is still
	 * the identity here; seen[] later sends the variable's table to a
	 * scratch config: a flag's table replaces the variable's. */
	p->seen[opt] = 1;
	return apply(p, p->cfg, opt, where, val, 0);
}

/* One argv word starting with '-': "--name", "--name=value", "-sg",
 * "-e143", "-e 143". */
static int
parse_word(struct parser *p, char **argv, int *i)
{
	const char *s = argv[*i] + 1, *eq, *o, *n;
	char where[16];
	size_t len;
	int opt;

	if (*s == '-') {
		s++;
		eq = fmt_strchr(s, '=');
		len = eq != NULL ? (size_t)(eq - s) : fmt_strlen(s);
		for (o = longopts;; o = n + 1) {
			const char *t = s;

			if (o == longopts + sizeof(longopts) - 1)
				return fail(p, "unknown option ", argv[*i], "");
			for (n = o + 1; *n != '\0' && *n == *t; n++, t++)
				;
			if (*n == '\0' && t == s + len)
				break;
			while (*n != '\0')
				n++;
		}
		opt = (unsigned char)*o;
		fmt_buf(where, sizeof(where), "--%s", o + 1);
		if (fmt_strchr(takes_value, opt) != NULL)
			return value_option(p, argv, i, opt, where,
			    eq != NULL ? eq + 1 : NULL);
		if (eq != NULL)
			return fail(p, "option ", where, " takes no value");
		return flag(p, opt, where);
	}
	for (; *s != '\0'; s++) {
		opt = (unsigned char)*s;
		fmt_buf(where, sizeof(where), "-%c", opt);
		if (fmt_strchr(shorts, opt) == NULL)
			return fail(p, "unknown option ", where, "");
		if (fmt_strchr(takes_value, opt) != NULL)
			return value_option(p, argv, i, opt, where,
			    s[1] != '\0' ? s + 1 : NULL);
		if (flag(p, opt, where) == -1)
			return -1;
	}
	return 0;
}

/* One entry that may be ours, PATH or LISTEN_PID (its first two letters
 * say so): each is taken at its first occurrence, as getenv would. */
static void __attribute__((noinline))
take_env(struct config *c, const char **vals, const char *start)
{
	const char *e = start, *v;
	size_t k;

	if (*e == 'P') {
		if (c->path == NULL)
			c->path = env_match(e, "PATH");
		return;
	}
	if (*e == 'L') {
		if (c->listen_pid == NULL && env_match(e, "LISTEN_PID") != NULL)
			c->listen_pid = start;
		return;
	}
	/* INGRESS_SERVICE_HOST, TIMEOUT...: one compare, not 13. */
	for (v = *e == 'I' ? "INIT_LITE_" : "TINI_"; *v != '\0'; v++, e++)
		if (*v != *e)
			return;
	e = start;
	for (k = 0; k < sizeof(envvars) / sizeof(envvars[0]); k++)
		if (vals[k] == NULL &&
		    (v = env_match(e, envvars[k].name)) != NULL)
			vals[k] = v;
}

/* One pass over the environment. It can hold hundreds of entries
 * (Kubernetes service links), so this loop, which every entry goes
 * through, is kept to a few instructions (take_env is noinline for that):
 * an entry is passed over unless its second letter is the one the table
 * gives for its first (IN, LI, PA, TI): one mask, one load, one test,
 * whatever the letter. The table has all 256 bytes: masking the letter
 * to fit 64 would cost an instruction an entry, 241 of them with 241
 * variables (the `make bench` row of issue #13). For any other first
 * letter, or an empty entry, nothing is read past the first byte. */
static void
collect_env(struct config *c, char *const *envp, const char **vals)
{
	static const char second[256] = {
		['I'] = 'N', ['L'] = 'I', ['P'] = 'A', ['T'] = 'I'
	};
	char *const *ep = envp;
	const char *e = *ep;
	char want;

	if (e == NULL)
		return;
	do
		if ((want = second[(unsigned char)e[0]]) != 0 && want == e[1])
			take_env(c, vals, e);
	while ((e = *++ep) != NULL);
}

static int
parse_env(struct parser *p, char *const *envp)
{
	const char *vals[sizeof(envvars) / sizeof(envvars[0])];
	struct config scratch;
	struct config *dst;
	const char *v;
	unsigned char done[128];
	size_t k;
	int scratch_zeroed = 0;

	memset(vals, 0, sizeof(vals));
	if (envp != NULL)
		collect_env(p->cfg, envp, vals);
	memset(done, 0, sizeof(done));
	for (k = 0; k < sizeof(envvars) / sizeof(envvars[0]); k++) {
		int opt = (unsigned char)envvars[k].opt;

		if (done[opt] || (v = vals[k]) == NULL)
			continue;
		done[opt] = 1;
		/* Validated always, applied only when no flag said otherwise
		 * (then into scratch, zeroed only if it comes to that). */
		dst = p->cfg;
		if (p->seen[opt]) {
			if (!scratch_zeroed)
				memset(&scratch, 0, sizeof(scratch));
			scratch_zeroed = 1;
			dst = &scratch;
		}
		if (envvars[k].tini && opt != 'v') {
			*(opt == 's' ? &dst->subreaper : &dst->pgroup) =
			    !fmt_same(v, "0");
			continue;
		}
		if (envvars[k].tini) {
			/* tini has one level more (trace): cap it. */
			unsigned long n;

			if (fmt_parse_uint(v, 1000000, &n) == -1)
				return bad_value(p, v, envvars[k].name,
				    WANT_LEVEL);
			dst->verbosity = n > 3 ? 3 : (int)n;
			continue;
		}
		if (opt == 'e')
			remap_init(&dst->remap);
		if (opt == 'r')
			rewrite_init(&dst->rewrite);
		if (apply(p, dst, opt, envvars[k].name, v, 1) == -1)
			return -1;
	}
	return 0;
}

int
config_parse(struct config *c, char **argv, char *const *envp, int rtmin,
    int rtmax, char *err, size_t errlen)
{
	struct parser p;
	int i;

	memset(c, 0, sizeof(*c));
	c->verbosity = 1;
	c->grace_ms = GRACE_DEFAULT_MS;
	remap_init(&c->remap);
	rewrite_init(&c->rewrite);
	memset(&p, 0, sizeof(p));
	p.cfg = c;
	p.rtmin = rtmin;
	p.rtmax = rtmax;
	p.err = err;
	p.errlen = errlen;
	if (errlen > 0)
		err[0] = '\0';

	/* argc may be 0 (execve with an empty argv): nothing past argv[0]. */
	for (i = argv[0] != NULL; argv[i] != NULL; i++) {
		if (fmt_same(argv[i], "--")) {
			i++;
			break;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;
		if (parse_word(&p, argv, &i) == -1)
			return -1;
	}
	/* Help, version and license answer whatever the environment says:
	 * dockerd runs `--version` with its own environment. */
	if (p.want != 0) {
		c->action = p.want == 'h' ? CONFIG_HELP :
		    p.want == 'V' ? CONFIG_VERSION : CONFIG_LICENSE;
		return 0;
	}
	if (parse_env(&p, envp) == -1)
		return -1;
	c->argv = argv[i] != NULL ? &argv[i] : NULL;
	if (c->action == CONFIG_PAUSE && c->argv != NULL)
		return fail(&p, "--pause takes no PROGRAM, got ", argv[i], "");
	if (c->action == CONFIG_RUN && c->argv == NULL) {
		fmt_buf(err, errlen, "missing PROGRAM to run");
		return -1;
	}
	return 0;
}
