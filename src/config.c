/* config: every option and environment variable of SPEC.md, validated.
 * Options stop at the first non-option word or "--" (no permutation), a
 * flag beats its variable, and every variable is validated even when a
 * flag overrides it: a typo in an image's ENV is still reported. */
#include <string.h>

#include "config.h"
#include "duration.h"
#include "env.h"
#include "fmt.h"
#include "signame.h"

enum opt {
	OPT_HELP = 'h', OPT_VERSION = 'V', OPT_LICENSE = 'l',
	OPT_SUBREAPER = 's', OPT_PDEATHSIG = 'p', OPT_PGROUP = 'g',
	OPT_REMAP = 'e', OPT_REWRITE = 'r', OPT_GRACE = 't',
	OPT_WARN = 'w', OPT_VERBOSE = 'v', OPT_QUIET = 'q', OPT_PAUSE = 'P',
};

static const struct {
	char name[13];
	char opt;
	char takes_value;
} longopts[] = {
	{ "help", OPT_HELP, 0 }, { "version", OPT_VERSION, 0 },
	{ "license", OPT_LICENSE, 0 }, { "subreaper", OPT_SUBREAPER, 0 },
	{ "pdeathsig", OPT_PDEATHSIG, 1 }, { "pgroup", OPT_PGROUP, 0 },
	{ "remap-exit", OPT_REMAP, 1 }, { "rewrite", OPT_REWRITE, 1 },
	{ "grace", OPT_GRACE, 1 }, { "warn-on-reap", OPT_WARN, 0 },
	{ "verbose", OPT_VERBOSE, 0 }, { "quiet", OPT_QUIET, 0 },
	{ "pause", OPT_PAUSE, 0 },
};

/* What the flags set, so that the environment fills only the rest. */
struct seen {
	int subreaper, pgroup, warn, verbosity, remap, rewrite, grace;
};

struct parser {
	struct config *cfg;
	struct seen seen;
	int rtmin, rtmax;
	int want_help, want_version, want_license;
	char *err;
	size_t errlen;
};

#define WANT_SIGNAL	"a signal name or number"
#define WANT_REMAP	"CODE[:TO], each 0..255, comma-separated in a variable"
#define WANT_REWRITE	"SIG:SIG or SIG:0, comma-separated in a variable"
#define WANT_DURATION	"500ms, 5s, 2m or seconds"
#define WANT_BOOL	"1, true, yes, on, 0, false, no or off"
#define WANT_LEVEL	"0..3"

static int
fail(struct parser *p, const char *fmt, const char *a, const char *b)
{
	fmt_buf(p->err, p->errlen, fmt, a, b);
	return -1;
}

/* One shape for every bad value, from a flag or from a variable. */
static int
bad_value(struct parser *p, const char *val, const char *where,
    const char *want)
{
	fmt_buf(p->err, p->errlen, "bad value '%s' for %s: want %s", val,
	    where, want);
	return -1;
}

static int
parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "1", "true", "yes", "on" };
	static const char *const no[] = { "0", "false", "no", "off" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* Applies one option with its value (NULL for flags). */
static int
apply(struct parser *p, int opt, const char *shown, const char *val)
{
	struct config *c = p->cfg;
	unsigned long ms;

	switch (opt) {
	case OPT_HELP:
		p->want_help = 1;
		break;
	case OPT_VERSION:
		p->want_version = 1;
		break;
	case OPT_LICENSE:
		p->want_license = 1;
		break;
	case OPT_SUBREAPER:
		c->subreaper = p->seen.subreaper = 1;
		break;
	case OPT_PGROUP:
		c->pgroup = p->seen.pgroup = 1;
		break;
	case OPT_WARN:
		c->warn_on_reap = p->seen.warn = 1;
		break;
	case OPT_PAUSE:
		c->action = CONFIG_PAUSE;
		break;
	case OPT_VERBOSE:
		if (!p->seen.verbosity)
			c->verbosity = 1;
		if (c->verbosity < 3)
			c->verbosity++;
		p->seen.verbosity = 1;
		break;
	case OPT_QUIET:
		c->verbosity = 0;
		p->seen.verbosity = 1;
		break;
	case OPT_PDEATHSIG:
		if (signame_to_num(val, p->rtmin, p->rtmax, &c->pdeathsig) == -1)
			return bad_value(p, val, shown, WANT_SIGNAL);
		break;
	case OPT_REMAP:
		if (!p->seen.remap)
			remap_init(&c->remap);
		p->seen.remap = 1;
		if (remap_parse(&c->remap, val) == -1)
			return bad_value(p, val, shown, WANT_REMAP);
		break;
	case OPT_REWRITE:
		if (!p->seen.rewrite)
			rewrite_init(&c->rewrite);
		p->seen.rewrite = 1;
		if (rewrite_parse(&c->rewrite, val, p->rtmin, p->rtmax) == -1)
			return bad_value(p, val, shown, WANT_REWRITE);
		break;
	case OPT_GRACE:
		if (duration_parse(val, &ms) == -1)
			return bad_value(p, val, shown, WANT_DURATION);
		c->grace_ms = ms;
		p->seen.grace = 1;
		break;
	}
	return 0;
}

static int
takes_value(int opt)
{
	return opt == OPT_PDEATHSIG || opt == OPT_REMAP ||
	    opt == OPT_REWRITE || opt == OPT_GRACE;
}

/* "--name" or "--name=value"; *i may advance past a separate value. */
static int
parse_long(struct parser *p, char **argv, int *i)
{
	const char *arg = argv[*i] + 2, *eq, *val = NULL;
	char shown[32];
	size_t len, k;

	eq = strchr(arg, '=');
	len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
	for (k = 0; k < sizeof(longopts) / sizeof(longopts[0]); k++)
		if (strlen(longopts[k].name) == len &&
		    strncmp(longopts[k].name, arg, len) == 0)
			break;
	if (k == sizeof(longopts) / sizeof(longopts[0]))
		return fail(p, "unknown option '%s'", argv[*i], NULL);
	fmt_buf(shown, sizeof(shown), "--%s", longopts[k].name);
	if (!longopts[k].takes_value) {
		if (eq != NULL)
			return fail(p, "option '%s' takes no value", shown,
			    NULL);
		return apply(p, longopts[k].opt, shown, NULL);
	}
	if (eq != NULL)
		val = eq + 1;
	else if (argv[*i + 1] != NULL)
		val = argv[++*i];
	else
		return fail(p, "option '%s' needs a value", shown, NULL);
	return apply(p, longopts[k].opt, shown, val);
}

/* "-vvv", "-sg", "-e143", "-e 143". */
static int
parse_short(struct parser *p, char **argv, int *i)
{
	const char *arg = argv[*i] + 1, *val;
	char shown[3] = "-?";
	int opt;

	for (; *arg != '\0'; arg++) {
		shown[1] = *arg;
		opt = (unsigned char)*arg;
		if (strchr("hVlspgertwvqP", opt) == NULL)
			return fail(p, "unknown option '%s'", shown, NULL);
		if (!takes_value(opt)) {
			if (apply(p, opt, shown, NULL) == -1)
				return -1;
			continue;
		}
		if (arg[1] != '\0')
			val = arg + 1;
		else if (argv[*i + 1] != NULL)
			val = argv[++*i];
		else
			return fail(p, "option '%s' needs a value", shown,
			    NULL);
		return apply(p, opt, shown, val);
	}
	return 0;
}

static int
env_bool(struct parser *p, char *const *envp, const char *name, int seen,
    int *field)
{
	const char *v = env_get(envp, name);
	int b;

	if (v == NULL)
		return 0;
	if (parse_bool(v, &b) == -1)
		return bad_value(p, v, name, WANT_BOOL);
	if (!seen)
		*field = b;
	return 1;
}

/* tini's meaning: set to anything but "0" enables, even when empty. */
static void
env_tini_bool(char *const *envp, const char *name, int seen, int *field)
{
	const char *v = env_get(envp, name);

	if (v != NULL && !seen)
		*field = strcmp(v, "0") != 0;
}

static int
parse_env(struct parser *p, char *const *envp)
{
	struct config *c = p->cfg;
	struct remap remap;
	struct rewrite rewrite;
	unsigned long n;
	const char *v;
	int r;

	if ((r = env_bool(p, envp, "INIT_LITE_SUBREAPER", p->seen.subreaper,
	    &c->subreaper)) == -1)
		return -1;
	if (r == 0)
		env_tini_bool(envp, "TINI_SUBREAPER", p->seen.subreaper,
		    &c->subreaper);
	if ((r = env_bool(p, envp, "INIT_LITE_KILL_PROCESS_GROUP",
	    p->seen.pgroup, &c->pgroup)) == -1)
		return -1;
	if (r == 0)
		env_tini_bool(envp, "TINI_KILL_PROCESS_GROUP", p->seen.pgroup,
		    &c->pgroup);
	if (env_bool(p, envp, "INIT_LITE_WARN_ON_REAP", p->seen.warn,
	    &c->warn_on_reap) == -1)
		return -1;

	if ((v = env_get(envp, "INIT_LITE_VERBOSITY")) != NULL) {
		if (fmt_parse_uint(v, 3, &n) == -1)
			return bad_value(p, v, "INIT_LITE_VERBOSITY",
			    WANT_LEVEL);
		if (!p->seen.verbosity)
			c->verbosity = (int)n;
	} else if ((v = env_get(envp, "TINI_VERBOSITY")) != NULL) {
		/* tini accepts any level and has one more (trace). */
		if (fmt_parse_uint(v, 1000000, &n) == -1)
			return bad_value(p, v, "TINI_VERBOSITY", WANT_LEVEL);
		if (!p->seen.verbosity)
			c->verbosity = n > 3 ? 3 : (int)n;
	}

	if ((v = env_get(envp, "INIT_LITE_REMAP_EXIT")) != NULL) {
		remap_init(&remap);
		if (remap_parse_list(&remap, v) == -1)
			return bad_value(p, v, "INIT_LITE_REMAP_EXIT",
			    WANT_REMAP);
		if (!p->seen.remap)
			c->remap = remap;
	}
	if ((v = env_get(envp, "INIT_LITE_REWRITE")) != NULL) {
		rewrite_init(&rewrite);
		if (rewrite_parse_list(&rewrite, v, p->rtmin, p->rtmax) == -1)
			return bad_value(p, v, "INIT_LITE_REWRITE",
			    WANT_REWRITE);
		if (!p->seen.rewrite)
			c->rewrite = rewrite;
	}
	if ((v = env_get(envp, "INIT_LITE_GRACE")) != NULL) {
		if (duration_parse(v, &n) == -1)
			return bad_value(p, v, "INIT_LITE_GRACE",
			    WANT_DURATION);
		if (!p->seen.grace)
			c->grace_ms = n;
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
	c->action = CONFIG_RUN;
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

	for (i = 1; argv[i] != NULL; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		if (argv[i][0] != '-' || argv[i][1] == '\0')
			break;
		if (argv[i][1] == '-') {
			if (parse_long(&p, argv, &i) == -1)
				return -1;
		} else if (parse_short(&p, argv, &i) == -1)
			return -1;
	}
	/* Help, version and license answer whatever the environment says:
	 * dockerd runs `--version` with its own environment. */
	if (p.want_help) {
		c->action = CONFIG_HELP;
		return 0;
	}
	if (p.want_version) {
		c->action = CONFIG_VERSION;
		return 0;
	}
	if (p.want_license) {
		c->action = CONFIG_LICENSE;
		return 0;
	}
	if (parse_env(&p, envp) == -1)
		return -1;
	c->argv = argv[i] != NULL ? &argv[i] : NULL;
	if (c->action == CONFIG_PAUSE && c->argv != NULL)
		return fail(&p, "--pause takes no PROGRAM, got '%s'", argv[i],
		    NULL);
	if (c->action == CONFIG_RUN && c->argv == NULL)
		return fail(&p, "missing PROGRAM to run", NULL, NULL);
	return 0;
}
