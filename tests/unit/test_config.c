/* test_config: argv + environment -> struct config, for every option of
 * SPEC.md in each of its forms, every variable's accepted and rejected
 * values, precedence (flag > INIT_LITE_* > TINI_*), and the error text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "config.h"

#define RTMAX	64
#define ERRLEN	256

/* Report a failure at the caller's line, not the helper's. */
#define FAIL_AT(file, line, ...) do {					\
	print_error(__VA_ARGS__);					\
	print_error("\n");						\
	_fail((file), (line));						\
} while (0)

static struct config cfg;
static char err[ERRLEN];

/* config_parse on a NULL-terminated argv and envp (both as literals). */
static int
parse_rt(char **argv, char **envp, int rtmin)
{
	memset(err, 'Z', sizeof(err));
	memset(&cfg, 0xEE, sizeof(cfg));
	return config_parse(&cfg, argv, envp, rtmin, RTMAX, err, sizeof(err));
}

static int
parse(char **argv, char **envp)
{
	return parse_rt(argv, envp, 34);
}

#define ARGV(...)	((char *[]){ "init-lite", __VA_ARGS__, NULL })
#define ENV(...)	((char *[]){ __VA_ARGS__, NULL })
#define NOENV		((char *[]){ NULL })

/* Success with a program: cfg.argv must be exactly the words given. */
static void
expect_prog(const char *const *want, const char *file, int line)
{
	size_t i;

	if (cfg.action != CONFIG_RUN)
		FAIL_AT(file, line, "action %d, want CONFIG_RUN", cfg.action);
	if (cfg.argv == NULL)
		FAIL_AT(file, line, "argv is NULL");
	for (i = 0; want[i] != NULL; i++)
		if (cfg.argv[i] == NULL || strcmp(cfg.argv[i], want[i]) != 0)
			FAIL_AT(file, line, "argv[%zu] = '%s', want '%s'", i,
			    cfg.argv[i] == NULL ? "(NULL)" : cfg.argv[i],
			    want[i]);
	if (cfg.argv[i] != NULL)
		FAIL_AT(file, line, "argv[%zu] = '%s', want NULL", i,
		    cfg.argv[i]);
}
#define PROG(...)	expect_prog((const char *const[]){ __VA_ARGS__, \
			    NULL }, __FILE__, __LINE__)

static void
expect_ok_at(int rc, const char *file, int line)
{
	if (rc != 0)
		FAIL_AT(file, line, "config_parse failed: %s", err);
	if (err[0] != '\0')
		FAIL_AT(file, line, "err not cleared on success");
}
#define expect_ok(rc)	expect_ok_at((rc), __FILE__, __LINE__)

/* Failure, with err naming every given fragment (option, variable,
 * value) and NUL-terminated within the buffer. */
static void
expect_err(int rc, const char *const *frags, const char *file, int line)
{
	size_t i;

	if (rc != -1)
		FAIL_AT(file, line, "config_parse returned %d, want an error "
		    "with '%s'", rc, frags[0]);
	if (memchr(err, '\0', sizeof(err)) == NULL)
		FAIL_AT(file, line, "err is not NUL-terminated");
	if (err[0] == '\0')
		FAIL_AT(file, line, "err is empty");
	for (i = 0; frags[i] != NULL; i++)
		if (strstr(err, frags[i]) == NULL)
			FAIL_AT(file, line, "error '%s' does not name '%s'",
			    err, frags[i]);
}
#define ERR(rc, ...)	expect_err((rc), (const char *const[]){ __VA_ARGS__, \
			    NULL }, __FILE__, __LINE__)

/* The remap table must be identity except for the listed pairs. */
static void
expect_remap(const int *pairs, size_t npairs)
{
	int code, want;
	size_t i;

	for (code = 0; code < 256; code++) {
		want = code;
		for (i = 0; i < npairs; i++)
			if (pairs[2 * i] == code)
				want = pairs[2 * i + 1];
		if (remap_apply(&cfg.remap, code) != want)
			fail_msg("remap %d -> %d, want %d", code,
			    remap_apply(&cfg.remap, code), want);
	}
}
#define REMAP(...)	expect_remap((int[]){ __VA_ARGS__ }, \
			    sizeof((int[]){ __VA_ARGS__ }) / (2 * sizeof(int)))
#define REMAP_ID()	expect_remap(NULL, 0)

static void
expect_rewrite(const int *pairs, size_t npairs)
{
	int sig, want;
	size_t i;

	for (sig = 1; sig <= RTMAX; sig++) {
		want = sig;
		for (i = 0; i < npairs; i++)
			if (pairs[2 * i] == sig)
				want = pairs[2 * i + 1];
		if (rewrite_apply(&cfg.rewrite, sig) != want)
			fail_msg("rewrite %d -> %d, want %d", sig,
			    rewrite_apply(&cfg.rewrite, sig), want);
	}
}
#define REWRITE(...)	expect_rewrite((int[]){ __VA_ARGS__ }, \
			    sizeof((int[]){ __VA_ARGS__ }) / (2 * sizeof(int)))
#define REWRITE_ID()	expect_rewrite(NULL, 0)

/* ---- defaults and PROGRAM ---- */

static void
test_defaults(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("prog"), NOENV));
	PROG("prog");
	assert_int_equal(cfg.subreaper, 0);
	assert_int_equal(cfg.pgroup, 0);
	assert_int_equal(cfg.warn_on_reap, 0);
	assert_int_equal(cfg.verbosity, 1);
	assert_int_equal(cfg.pdeathsig, 0);
	assert_int_equal(cfg.grace_ms, 5000);
	assert_int_equal(GRACE_DEFAULT_MS, 5000);
	REMAP_ID();
	REWRITE_ID();
}

static void
test_null_envp(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("prog"), NULL));
	PROG("prog");
	assert_int_equal(cfg.verbosity, 1);
}

static void
test_argv_points_into_argv(void **state)
{
	char *argv[] = { "init-lite", "-s", "prog", "a", NULL };

	(void)state;
	expect_ok(parse(argv, NOENV));
	assert_ptr_equal(cfg.argv, &argv[2]);
}

static void
test_program_args_untouched(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("sh", "-c", "x"), NOENV));
	PROG("sh", "-c", "x");
	assert_int_equal(cfg.subreaper, 0);

	expect_ok(parse(ARGV("prog", "-s", "-g", "--help", "-e", "1"),
	    NOENV));
	PROG("prog", "-s", "-g", "--help", "-e", "1");
	assert_int_equal(cfg.subreaper, 0);
	assert_int_equal(cfg.pgroup, 0);
	REMAP_ID();

	expect_ok(parse(ARGV("-s", "sh", "-c", "x"), NOENV));
	PROG("sh", "-c", "x");
	assert_int_equal(cfg.subreaper, 1);

	/* A shebang line: "#!/sbin/init-lite /bin/sh" + script + its
	 * dash arguments. */
	expect_ok(parse(ARGV("/bin/sh", "./script", "-x", "--y"), NOENV));
	PROG("/bin/sh", "./script", "-x", "--y");
}

static void
test_double_dash(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("--", "-s"), NOENV));
	PROG("-s");
	assert_int_equal(cfg.subreaper, 0);

	expect_ok(parse(ARGV("-g", "--", "prog", "--", "x"), NOENV));
	PROG("prog", "--", "x");
	assert_int_equal(cfg.pgroup, 1);

	expect_ok(parse(ARGV("--", "--"), NOENV));
	PROG("--");

	expect_ok(parse(ARGV("--", "--help"), NOENV));
	PROG("--help");

	/* "--" then nothing: PROGRAM is missing. */
	ERR(parse(ARGV("-s", "--"), NOENV), "missing PROGRAM");
}

static void
test_lone_dash_is_program(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-", "x"), NOENV));
	PROG("-", "x");
}

static void
test_missing_program(void **state)
{
	(void)state;
	ERR(parse((char *[]){ "init-lite", NULL }, NOENV), "missing PROGRAM");
	ERR(parse(ARGV("-s", "-g", "-v"), NOENV), "missing PROGRAM");
	ERR(parse(ARGV("-t", "5s"), NOENV), "missing PROGRAM");
}

/* argc == 0 (execve with an empty argv; possible on kernels before 5.18):
 * there is no argv[1] to look at, and no PROGRAM. */
static void
test_empty_argv(void **state)
{
	/* What follows the terminating NULL must never be read. */
	char *argv[] = { NULL, "prog", NULL };

	(void)state;
	ERR(parse(argv, NOENV), "missing PROGRAM");
}

/* ---- help, version, license ---- */

static void
test_help_version_license(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-h"), NOENV));
	assert_int_equal(cfg.action, CONFIG_HELP);
	expect_ok(parse(ARGV("--help"), NOENV));
	assert_int_equal(cfg.action, CONFIG_HELP);
	expect_ok(parse(ARGV("--version"), NOENV));
	assert_int_equal(cfg.action, CONFIG_VERSION);
	expect_ok(parse(ARGV("-V"), NOENV));
	assert_int_equal(cfg.action, CONFIG_VERSION);
	expect_ok(parse(ARGV("-l"), NOENV));
	assert_int_equal(cfg.action, CONFIG_LICENSE);
	expect_ok(parse(ARGV("--license"), NOENV));
	assert_int_equal(cfg.action, CONFIG_LICENSE);
}

static void
test_help_anywhere_among_options(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-s", "-g", "-h"), NOENV));
	assert_int_equal(cfg.action, CONFIG_HELP);
	expect_ok(parse(ARGV("-t", "5s", "--version", "prog"), NOENV));
	assert_int_equal(cfg.action, CONFIG_VERSION);
	expect_ok(parse(ARGV("-sgh"), NOENV));
	assert_int_equal(cfg.action, CONFIG_HELP);
	expect_ok(parse(ARGV("-v", "-l", "-P"), NOENV));
	assert_int_equal(cfg.action, CONFIG_LICENSE);
	expect_ok(parse(ARGV("--pause", "-V", "prog"), NOENV));
	assert_int_equal(cfg.action, CONFIG_VERSION);
	expect_ok(parse(ARGV("-h", "--", "prog"), NOENV));
	assert_int_equal(cfg.action, CONFIG_HELP);
	/* Several of them: one is answered (which one is not specified),
	 * never a run. */
	expect_ok(parse(ARGV("--version", "-l", "-h", "prog"), NOENV));
	assert_true(cfg.action == CONFIG_HELP || cfg.action == CONFIG_VERSION ||
	    cfg.action == CONFIG_LICENSE);
	expect_ok(parse(ARGV("-l", "--version"), NOENV));
	assert_true(cfg.action == CONFIG_VERSION ||
	    cfg.action == CONFIG_LICENSE);
}

static void
test_help_after_program_is_programs(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("prog", "-h"), NOENV));
	PROG("prog", "-h");
	expect_ok(parse(ARGV("--", "prog", "--version"), NOENV));
	PROG("prog", "--version");
}

static void
test_help_ignores_bad_environment(void **state)
{
	/* dockerd runs `init --version` with whatever environment it has. */
	(void)state;
	expect_ok(parse(ARGV("--version"), ENV("INIT_LITE_GRACE=bogus",
	    "INIT_LITE_SUBREAPER=maybe")));
	assert_int_equal(cfg.action, CONFIG_VERSION);
	expect_ok(parse(ARGV("-h"), ENV("INIT_LITE_VERBOSITY=9")));
	assert_int_equal(cfg.action, CONFIG_HELP);
}

/* ---- each flag, short and long ---- */

static void
test_flag_subreaper(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-s", "p"), NOENV));
	assert_int_equal(cfg.subreaper, 1);
	expect_ok(parse(ARGV("--subreaper", "p"), NOENV));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 0);
	assert_int_equal(cfg.warn_on_reap, 0);
}

static void
test_flag_pgroup(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-g", "p"), NOENV));
	assert_int_equal(cfg.pgroup, 1);
	expect_ok(parse(ARGV("--pgroup", "p"), NOENV));
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.subreaper, 0);
}

static void
test_flag_warn_on_reap(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-w", "p"), NOENV));
	assert_int_equal(cfg.warn_on_reap, 1);
	expect_ok(parse(ARGV("--warn-on-reap", "p"), NOENV));
	assert_int_equal(cfg.warn_on_reap, 1);
	assert_int_equal(cfg.subreaper, 0);
}

static void
test_flag_pdeathsig(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-p", "TERM", "p"), NOENV));
	assert_int_equal(cfg.pdeathsig, SIGTERM);
	expect_ok(parse(ARGV("-pKILL", "p"), NOENV));
	assert_int_equal(cfg.pdeathsig, SIGKILL);
	expect_ok(parse(ARGV("--pdeathsig", "sigusr1", "p"), NOENV));
	assert_int_equal(cfg.pdeathsig, SIGUSR1);
	expect_ok(parse(ARGV("--pdeathsig=9", "p"), NOENV));
	assert_int_equal(cfg.pdeathsig, 9);
	PROG("p");
	expect_ok(parse_rt(ARGV("-p", "RTMIN+2", "p"), NOENV, 34));
	assert_int_equal(cfg.pdeathsig, 36);
	expect_ok(parse_rt(ARGV("-p", "RTMIN+2", "p"), NOENV, 35));
	assert_int_equal(cfg.pdeathsig, 37);
	/* The last one wins. */
	expect_ok(parse(ARGV("-p", "HUP", "-p", "INT", "p"), NOENV));
	assert_int_equal(cfg.pdeathsig, SIGINT);
}

static void
test_flag_pdeathsig_rejects(void **state)
{
	(void)state;
	ERR(parse(ARGV("-p", "NOSUCH", "p"), NOENV), "-p", "NOSUCH");
	ERR(parse(ARGV("--pdeathsig", "0", "p"), NOENV), "--pdeathsig",
	    "0");
	ERR(parse(ARGV("--pdeathsig=65", "p"), NOENV), "--pdeathsig", "65");
	ERR(parse(ARGV("-p", "", "p"), NOENV), "-p");
	ERR(parse_rt(ARGV("-p", "RTMIN+30", "p"), NOENV, 35), "-p",
	    "RTMIN+30");
	ERR(parse(ARGV("-p"), NOENV), "-p", "needs a value");
	ERR(parse(ARGV("--pdeathsig"), NOENV), "--pdeathsig",
	    "needs a value");
}

static void
test_flag_remap(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-e", "143", "p"), NOENV));
	REMAP(143, 0);
	PROG("p");
	expect_ok(parse(ARGV("-e143", "p"), NOENV));
	REMAP(143, 0);
	PROG("p");
	expect_ok(parse(ARGV("-e1:2", "p"), NOENV));
	REMAP(1, 2);
	expect_ok(parse(ARGV("--remap-exit", "143:7", "p"), NOENV));
	REMAP(143, 7);
	expect_ok(parse(ARGV("--remap-exit=255:1", "p"), NOENV));
	REMAP(255, 1);
	/* Repeatable; all entries kept. */
	expect_ok(parse(ARGV("-e", "143", "-e1:3", "--remap-exit=2:4",
	    "--remap-exit", "0:9", "p"), NOENV));
	REMAP(143, 0, 1, 3, 2, 4, 0, 9);
}

static void
test_flag_remap_rejects(void **state)
{
	(void)state;
	ERR(parse(ARGV("-e", "256", "p"), NOENV), "-e", "256");
	ERR(parse(ARGV("-eabc", "p"), NOENV), "-e", "abc");
	ERR(parse(ARGV("--remap-exit", "1:256", "p"), NOENV), "--remap-exit",
	    "1:256");
	ERR(parse(ARGV("--remap-exit=-1", "p"), NOENV), "--remap-exit",
	    "-1");
	ERR(parse(ARGV("--remap-exit=", "p"), NOENV), "--remap-exit");
	/* One code per flag: a list belongs in the variable. */
	ERR(parse(ARGV("-e", "1,2", "p"), NOENV), "-e", "1,2");
	ERR(parse(ARGV("-e"), NOENV), "-e", "needs a value");
}

static void
test_flag_rewrite(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-r", "TERM:QUIT", "p"), NOENV));
	REWRITE(15, 3);
	expect_ok(parse(ARGV("-rHUP:0", "p"), NOENV));
	REWRITE(1, 0);
	expect_ok(parse(ARGV("--rewrite", "INT:TERM", "p"), NOENV));
	REWRITE(2, 15);
	expect_ok(parse(ARGV("--rewrite=USR1:USR2", "-r", "WINCH:0", "p"),
	    NOENV));
	REWRITE(10, 12, 28, 0);
	expect_ok(parse_rt(ARGV("-r", "RTMIN:RTMAX", "p"), NOENV, 35));
	REWRITE(35, 64);
}

static void
test_flag_rewrite_rejects(void **state)
{
	(void)state;
	ERR(parse(ARGV("-r", "KILL:TERM", "p"), NOENV), "-r", "KILL:TERM");
	ERR(parse(ARGV("-r", "CHLD:TERM", "p"), NOENV), "-r", "CHLD:TERM");
	ERR(parse(ARGV("--rewrite", "TERM", "p"), NOENV), "--rewrite",
	    "TERM");
	ERR(parse(ARGV("--rewrite=TERM:NOSUCH", "p"), NOENV), "--rewrite",
	    "TERM:NOSUCH");
	ERR(parse(ARGV("-r"), NOENV), "-r", "needs a value");
}

static void
test_flag_grace(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-t", "500ms", "p"), NOENV));
	assert_int_equal(cfg.grace_ms, 500);
	expect_ok(parse(ARGV("-t2m", "p"), NOENV));
	assert_int_equal(cfg.grace_ms, 120000);
	expect_ok(parse(ARGV("--grace", "7", "p"), NOENV));
	assert_int_equal(cfg.grace_ms, 7000);
	expect_ok(parse(ARGV("--grace=0", "p"), NOENV));
	assert_int_equal(cfg.grace_ms, 0);
	expect_ok(parse(ARGV("-t", "1s", "-t", "3s", "p"), NOENV));
	assert_int_equal(cfg.grace_ms, 3000);
}

static void
test_flag_grace_rejects(void **state)
{
	(void)state;
	ERR(parse(ARGV("--grace", "5x", "p"), NOENV), "--grace", "5x");
	ERR(parse(ARGV("-t", "-1", "p"), NOENV), "-t", "-1");
	ERR(parse(ARGV("--grace=", "p"), NOENV), "--grace");
	ERR(parse(ARGV("-t2147484s", "p"), NOENV), "-t", "2147484s");
	ERR(parse(ARGV("--grace"), NOENV), "--grace", "needs a value");
}

static void
test_flag_pause(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("--pause"), NOENV));
	assert_int_equal(cfg.action, CONFIG_PAUSE);
	assert_null(cfg.argv);
	expect_ok(parse(ARGV("-P"), NOENV));
	assert_int_equal(cfg.action, CONFIG_PAUSE);
	expect_ok(parse(ARGV("-P", "-w", "--"), NOENV));
	assert_int_equal(cfg.action, CONFIG_PAUSE);
	assert_int_equal(cfg.warn_on_reap, 1);
	assert_null(cfg.argv);
}

static void
test_flag_pause_with_program(void **state)
{
	(void)state;
	ERR(parse(ARGV("--pause", "prog"), NOENV), "--pause", "prog");
	ERR(parse(ARGV("-P", "--", "x", "y"), NOENV), "--pause", "x");
}

/* --user: the value is kept as given (USER, GROUP after the ':'). */
static void
expect_user(const char *user, size_t len, const char *group)
{
	assert_non_null(cfg.user.user);
	assert_int_equal(cfg.user.user_len, len);
	assert_memory_equal(cfg.user.user, user, len);
	if (group == NULL)
		assert_null(cfg.user.group);
	else
		assert_string_equal(cfg.user.group, group);
}

static void
test_flag_user(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), NOENV));
	assert_null(cfg.user.user);
	expect_ok(parse(ARGV("-u", "app", "p"), NOENV));
	expect_user("app", 3, NULL);
	PROG("p");
	expect_ok(parse(ARGV("-uapp:staff", "p"), NOENV));
	expect_user("app", 3, "staff");
	expect_ok(parse(ARGV("--user", "1000:50", "p"), NOENV));
	expect_user("1000", 4, "50");
	expect_ok(parse(ARGV("--user=0", "p"), NOENV));
	expect_user("0", 1, NULL);
	expect_ok(parse(ARGV("-u", "4294967294:4294967294", "p"), NOENV));
	expect_user("4294967294", 10, "4294967294");
	/* Names may start with digits; only all-digit parts are numbers. */
	expect_ok(parse(ARGV("-u", "1abc:2x", "p"), NOENV));
	expect_user("1abc", 4, "2x");
	/* The last -u wins, as for the other single-value options. */
	expect_ok(parse(ARGV("-u", "a", "-u", "b", "p"), NOENV));
	expect_user("b", 1, NULL);
	expect_ok(parse(ARGV("-su", "app", "p"), NOENV));
	expect_user("app", 3, NULL);
	assert_int_equal(cfg.subreaper, 1);
}

static void
test_flag_user_rejects(void **state)
{
	static const char *const bad[] = {
		"", ":", "app:", ":staff", "a:b:c", "app::", "::",
		"4294967295", "app:4294967295", "4294967295:0",
		"99999999999999999999", "18446744073709551616",
		"00000000004294967296",
	};
	char var[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ERR(parse(ARGV("-u", (char *)bad[i], "p"), NOENV), "-u",
		    "USER[:GROUP]");
		(void)snprintf(var, sizeof(var), "INIT_LITE_USER=%s", bad[i]);
		ERR(parse(ARGV("p"), ENV(var)), "INIT_LITE_USER",
		    "USER[:GROUP]");
	}
	ERR(parse(ARGV("-u"), NOENV), "-u", "needs a value");
	ERR(parse(ARGV("--user"), NOENV), "--user", "needs a value");
	ERR(parse(ARGV("--user=", "p"), NOENV), "--user", "USER");
}

static void
test_env_user(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_USER=app:staff")));
	expect_user("app", 3, "staff");
	/* The flag wins; the variable is validated all the same. */
	expect_ok(parse(ARGV("-u", "b", "p"), ENV("INIT_LITE_USER=a")));
	expect_user("b", 1, NULL);
	ERR(parse(ARGV("-u", "b", "p"), ENV("INIT_LITE_USER=a:b:c")),
	    "INIT_LITE_USER", "a:b:c");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_USER=")), "INIT_LITE_USER");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_USER=4294967295")),
	    "INIT_LITE_USER", "4294967295");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_USER=app:")), "INIT_LITE_USER");
	/* --help answers whatever the variable says. */
	expect_ok(parse(ARGV("-h"), ENV("INIT_LITE_USER=")));
}

static void
test_verbosity_flags(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-v", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 2);
	expect_ok(parse(ARGV("-vv", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 3);
	expect_ok(parse(ARGV("-vvv", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 3);
	expect_ok(parse(ARGV("-vvvvvvvv", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 3);
	expect_ok(parse(ARGV("-v", "-v", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 3);
	expect_ok(parse(ARGV("--verbose", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 2);
	expect_ok(parse(ARGV("--verbose", "-v", "--verbose", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 3);
	expect_ok(parse(ARGV("-q", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 0);
	expect_ok(parse(ARGV("--quiet", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 0);
	/* In order: the later flag counts from what the earlier left. */
	expect_ok(parse(ARGV("-v", "-q", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 0);
	expect_ok(parse(ARGV("-q", "-v", "p"), NOENV));
	assert_int_equal(cfg.verbosity, 1);
}

static void
test_clustered_flags(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-sgw", "p"), NOENV));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.warn_on_reap, 1);
	PROG("p");

	/* A value-taking letter ends the cluster, taking the rest... */
	expect_ok(parse(ARGV("-sge143", "p"), NOENV));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 1);
	REMAP(143, 0);
	PROG("p");

	/* ...or the next word when it is last. */
	expect_ok(parse(ARGV("-gvt", "2s", "p"), NOENV));
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.verbosity, 2);
	assert_int_equal(cfg.grace_ms, 2000);
	PROG("p");

	/* "-es" is -e with the value "s", not -e then -s. */
	ERR(parse(ARGV("-es", "p"), NOENV), "-e", "s");

	expect_ok(parse(ARGV("-wPv"), NOENV));
	assert_int_equal(cfg.action, CONFIG_PAUSE);
	assert_int_equal(cfg.verbosity, 2);
}

static void
test_all_options_together(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-s", "-g", "-w", "-p", "HUP", "-e", "1:2",
	    "-r", "TERM:QUIT", "-t", "250ms", "-v", "--", "prog", "arg"),
	    NOENV));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.warn_on_reap, 1);
	assert_int_equal(cfg.pdeathsig, SIGHUP);
	assert_int_equal(cfg.grace_ms, 250);
	assert_int_equal(cfg.verbosity, 2);
	REMAP(1, 2);
	REWRITE(15, 3);
	PROG("prog", "arg");

	expect_ok(parse(ARGV("--subreaper", "--pgroup", "--warn-on-reap",
	    "--pdeathsig=HUP", "--remap-exit=1:2", "--rewrite=TERM:QUIT",
	    "--grace=250ms", "--quiet", "prog"), NOENV));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.warn_on_reap, 1);
	assert_int_equal(cfg.pdeathsig, SIGHUP);
	assert_int_equal(cfg.grace_ms, 250);
	assert_int_equal(cfg.verbosity, 0);
	REMAP(1, 2);
	REWRITE(15, 3);
	PROG("prog");
}

static void
test_value_may_look_like_option(void **state)
{
	/* A separate value is taken as is, even when it starts with '-'. */
	(void)state;
	ERR(parse(ARGV("-t", "-s", "p"), NOENV), "-t", "-s");
	ERR(parse(ARGV("--grace", "--", "p"), NOENV), "--grace", "--");
}

static void
test_unknown_options(void **state)
{
	(void)state;
	ERR(parse(ARGV("-x", "p"), NOENV), "unknown option", "-x");
	ERR(parse(ARGV("-sx", "p"), NOENV), "unknown option", "-x");
	ERR(parse(ARGV("--bogus", "p"), NOENV), "unknown option", "--bogus");
	ERR(parse(ARGV("--bogus=1", "p"), NOENV), "unknown option",
	    "--bogus");
	/* No abbreviations of long options. */
	ERR(parse(ARGV("--verb", "p"), NOENV), "unknown option", "--verb");
	ERR(parse(ARGV("--Help"), NOENV), "unknown option", "--Help");
	ERR(parse(ARGV("--helpx"), NOENV), "unknown option", "--helpx");
	ERR(parse(ARGV("--=x", "p"), NOENV), "unknown option");
	/* A flag taking no value refuses one. */
	ERR(parse(ARGV("--subreaper=1", "p"), NOENV), "--subreaper",
	    "takes no value");
	ERR(parse(ARGV("--pause=yes"), NOENV), "--pause", "takes no value");
	/* An error stops everything, even a later --help. */
	ERR(parse(ARGV("-x", "-h"), NOENV), "-x");
}

/* ---- environment ---- */

struct boolcase {
	const char *value;
	int want;		/* 0, 1, or -1 for an error */
};

static const struct boolcase init_lite_bools[] = {
	{ "1", 1 }, { "true", 1 }, { "yes", 1 }, { "on", 1 },
	{ "TRUE", 1 }, { "True", 1 }, { "YES", 1 }, { "On", 1 }, { "oN", 1 },
	{ "0", 0 }, { "false", 0 }, { "no", 0 }, { "off", 0 },
	{ "FALSE", 0 }, { "No", 0 }, { "OFF", 0 }, { "oFf", 0 },
	{ "", -1 }, { "maybe", -1 }, { "2", -1 }, { "01", -1 }, { "00", -1 },
	{ "-1", -1 }, { " 1", -1 }, { "1 ", -1 }, { "y", -1 }, { "n", -1 },
	{ "t", -1 }, { "f", -1 }, { "enable", -1 }, { "truee", -1 },
	{ "ye", -1 }, { "o", -1 }, { "of", -1 },
};

static int *
bool_field(const char *var)
{
	if (strcmp(var, "INIT_LITE_SUBREAPER") == 0 ||
	    strcmp(var, "TINI_SUBREAPER") == 0)
		return &cfg.subreaper;
	if (strcmp(var, "INIT_LITE_KILL_PROCESS_GROUP") == 0 ||
	    strcmp(var, "TINI_KILL_PROCESS_GROUP") == 0)
		return &cfg.pgroup;
	if (strcmp(var, "INIT_LITE_FORWARD_ALL") == 0)
		return &cfg.forward_all;
	if (strcmp(var, "INIT_LITE_WAIT_ALL") == 0)
		return &cfg.wait_all;
	return &cfg.warn_on_reap;
}

static void
check_init_lite_bool(const char *var)
{
	char entry[128];
	size_t i;

	for (i = 0; i < sizeof(init_lite_bools) / sizeof(init_lite_bools[0]);
	    i++) {
		const struct boolcase *bc = &init_lite_bools[i];
		int rc;

		snprintf(entry, sizeof(entry), "%s=%s", var, bc->value);
		rc = parse(ARGV("p"), ENV("HOME=/", entry, "PATH=/bin"));
		if (bc->want == -1) {
			ERR(rc, var, bc->value);
			continue;
		}
		if (rc != 0)
			fail_msg("%s rejected: %s", entry, err);
		if (*bool_field(var) != bc->want)
			fail_msg("%s gave %d", entry, *bool_field(var));
		PROG("p");
	}
}

static void
test_env_subreaper(void **state)
{
	(void)state;
	check_init_lite_bool("INIT_LITE_SUBREAPER");
}

static void
test_env_kill_process_group(void **state)
{
	(void)state;
	check_init_lite_bool("INIT_LITE_KILL_PROCESS_GROUP");
}

static void
test_env_warn_on_reap(void **state)
{
	(void)state;
	check_init_lite_bool("INIT_LITE_WARN_ON_REAP");
}

static void
test_env_bools_independent(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_SUBREAPER=1")));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 0);
	assert_int_equal(cfg.warn_on_reap, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_KILL_PROCESS_GROUP=1")));
	assert_int_equal(cfg.subreaper, 0);
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.warn_on_reap, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_WARN_ON_REAP=1")));
	assert_int_equal(cfg.subreaper, 0);
	assert_int_equal(cfg.pgroup, 0);
	assert_int_equal(cfg.warn_on_reap, 1);
}

static void
test_env_name_must_match_exactly(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_SUBREAPERX=1",
	    "XINIT_LITE_SUBREAPER=1", "INIT_LITE_SUBREAPE=1",
	    "init_lite_subreaper=1", "INIT_LITE_SUBREAPER", "TINI_SUBREAPER",
	    "INIT_LITE_GRACEX=bogus", "INIT_LITE_VERBOSITY_=9")));
	assert_int_equal(cfg.subreaper, 0);
	assert_int_equal(cfg.grace_ms, 5000);
	assert_int_equal(cfg.verbosity, 1);
}

static void
test_env_tini_bools(void **state)
{
	static const struct {
		const char *value;
		int want;
	} cases[] = {
		{ "1", 1 }, { "", 1 }, { "yes", 1 }, { "false", 1 },
		{ "00", 1 }, { "anything", 1 }, { " 0", 1 }, { "0", 0 },
	};
	static const char *const vars[] = {
		"TINI_SUBREAPER", "TINI_KILL_PROCESS_GROUP",
	};
	char entry[64];
	size_t i, v;

	(void)state;
	for (v = 0; v < 2; v++)
		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			snprintf(entry, sizeof(entry), "%s=%s", vars[v],
			    cases[i].value);
			expect_ok(parse(ARGV("p"), ENV(entry)));
			if (*bool_field(vars[v]) != cases[i].want)
				fail_msg("%s gave %d", entry,
				    *bool_field(vars[v]));
		}
}

static void
test_env_verbosity(void **state)
{
	static const char *const bad[] = {
		"4", "9", "abc", "", "-1", "+1", " 1", "1 ", "1.0", "10",
		"99999999999999999999",
	};
	char entry[64];
	int n;
	size_t i;

	(void)state;
	for (n = 0; n <= 3; n++) {
		snprintf(entry, sizeof(entry), "INIT_LITE_VERBOSITY=%d", n);
		expect_ok(parse(ARGV("p"), ENV(entry)));
		assert_int_equal(cfg.verbosity, n);
	}
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_VERBOSITY=03")));
	assert_int_equal(cfg.verbosity, 3);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(entry, sizeof(entry), "INIT_LITE_VERBOSITY=%s",
		    bad[i]);
		ERR(parse(ARGV("p"), ENV(entry)), "INIT_LITE_VERBOSITY",
		    bad[i]);
	}
}

static void
test_env_tini_verbosity(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=0")));
	assert_int_equal(cfg.verbosity, 0);
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=2")));
	assert_int_equal(cfg.verbosity, 2);
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=3")));
	assert_int_equal(cfg.verbosity, 3);
	/* tini has a fourth level (trace): capped at our highest. */
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=4")));
	assert_int_equal(cfg.verbosity, 3);
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=1000")));
	assert_int_equal(cfg.verbosity, 3);
	ERR(parse(ARGV("p"), ENV("TINI_VERBOSITY=abc")), "TINI_VERBOSITY",
	    "abc");
	ERR(parse(ARGV("p"), ENV("TINI_VERBOSITY=-1")), "TINI_VERBOSITY",
	    "-1");
}

static void
test_env_remap(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=143:0,1:0")));
	REMAP(143, 0, 1, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=143")));
	REMAP(143, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=2:3,4:5,6")));
	REMAP(2, 3, 4, 5, 6, 0);
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=256")),
	    "INIT_LITE_REMAP_EXIT", "256");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=")),
	    "INIT_LITE_REMAP_EXIT");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=1,,2")),
	    "INIT_LITE_REMAP_EXIT", "1,,2");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=143:0, 1:0")),
	    "INIT_LITE_REMAP_EXIT", "143:0, 1:0");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REMAP_EXIT=abc")),
	    "INIT_LITE_REMAP_EXIT", "abc");
}

static void
test_env_rewrite(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_REWRITE=TERM:QUIT,HUP:0")));
	REWRITE(15, 3, 1, 0);
	expect_ok(parse_rt(ARGV("p"), ENV("INIT_LITE_REWRITE=rtmin+1:0"), 35));
	REWRITE(36, 0);
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REWRITE=KILL:TERM")),
	    "INIT_LITE_REWRITE", "KILL:TERM");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REWRITE=")), "INIT_LITE_REWRITE");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REWRITE=TERM")),
	    "INIT_LITE_REWRITE", "TERM");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_REWRITE=TERM:QUIT,")),
	    "INIT_LITE_REWRITE", "TERM:QUIT,");
}

static void
test_env_grace(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_GRACE=500ms")));
	assert_int_equal(cfg.grace_ms, 500);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_GRACE=0")));
	assert_int_equal(cfg.grace_ms, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_GRACE=2m")));
	assert_int_equal(cfg.grace_ms, 120000);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_GRACE=10")));
	assert_int_equal(cfg.grace_ms, 10000);
	ERR(parse(ARGV("p"), ENV("INIT_LITE_GRACE=5x")), "INIT_LITE_GRACE",
	    "5x");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_GRACE=")), "INIT_LITE_GRACE");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_GRACE=1.5s")), "INIT_LITE_GRACE",
	    "1.5s");
}

static void
test_env_first_definition_wins(void **state)
{
	/* getenv(3) returns the first; so do we. */
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_GRACE=1s",
	    "INIT_LITE_GRACE=2s")));
	assert_int_equal(cfg.grace_ms, 1000);
}

/* ---- precedence ---- */

static void
test_flag_beats_env(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-s", "p"), ENV("INIT_LITE_SUBREAPER=0")));
	assert_int_equal(cfg.subreaper, 1);
	expect_ok(parse(ARGV("-s", "p"), ENV("TINI_SUBREAPER=0")));
	assert_int_equal(cfg.subreaper, 1);
	expect_ok(parse(ARGV("-g", "p"), ENV("INIT_LITE_KILL_PROCESS_GROUP="
	    "off")));
	assert_int_equal(cfg.pgroup, 1);
	expect_ok(parse(ARGV("-g", "p"), ENV("TINI_KILL_PROCESS_GROUP=0")));
	assert_int_equal(cfg.pgroup, 1);
	expect_ok(parse(ARGV("-w", "p"), ENV("INIT_LITE_WARN_ON_REAP=no")));
	assert_int_equal(cfg.warn_on_reap, 1);

	/* Verbosity: the flags count from the default, not from the
	 * variable. */
	expect_ok(parse(ARGV("-q", "p"), ENV("INIT_LITE_VERBOSITY=3")));
	assert_int_equal(cfg.verbosity, 0);
	expect_ok(parse(ARGV("-v", "p"), ENV("INIT_LITE_VERBOSITY=0")));
	assert_int_equal(cfg.verbosity, 2);
	expect_ok(parse(ARGV("-v", "p"), ENV("INIT_LITE_VERBOSITY=3")));
	assert_int_equal(cfg.verbosity, 2);
	expect_ok(parse(ARGV("-q", "p"), ENV("TINI_VERBOSITY=3")));
	assert_int_equal(cfg.verbosity, 0);
	expect_ok(parse(ARGV("-v", "p"), ENV("TINI_VERBOSITY=0")));
	assert_int_equal(cfg.verbosity, 2);

	/* Tables: the flags replace the variable's table entirely. */
	expect_ok(parse(ARGV("-e", "1:2", "p"),
	    ENV("INIT_LITE_REMAP_EXIT=143:0,3:4")));
	REMAP(1, 2);
	expect_ok(parse(ARGV("-r", "INT:TERM", "p"),
	    ENV("INIT_LITE_REWRITE=TERM:QUIT")));
	REWRITE(2, 15);
	expect_ok(parse(ARGV("-t", "1s", "p"), ENV("INIT_LITE_GRACE=9s")));
	assert_int_equal(cfg.grace_ms, 1000);
	expect_ok(parse(ARGV("--grace=0", "p"), ENV("INIT_LITE_GRACE=9s")));
	assert_int_equal(cfg.grace_ms, 0);
}

static void
test_env_without_flag_applies(void **state)
{
	/* The other side of flag_beats_env: a flag for something else does
	 * not hide the variable. */
	(void)state;
	expect_ok(parse(ARGV("-g", "p"), ENV("INIT_LITE_SUBREAPER=1",
	    "INIT_LITE_VERBOSITY=3", "INIT_LITE_GRACE=2s",
	    "INIT_LITE_REMAP_EXIT=5:6", "INIT_LITE_REWRITE=HUP:0")));
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.verbosity, 3);
	assert_int_equal(cfg.grace_ms, 2000);
	REMAP(5, 6);
	REWRITE(1, 0);
}

static void
test_init_lite_beats_tini(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("TINI_SUBREAPER=1",
	    "INIT_LITE_SUBREAPER=0")));
	assert_int_equal(cfg.subreaper, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_SUBREAPER=0",
	    "TINI_SUBREAPER=1")));
	assert_int_equal(cfg.subreaper, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_SUBREAPER=1",
	    "TINI_SUBREAPER=0")));
	assert_int_equal(cfg.subreaper, 1);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_KILL_PROCESS_GROUP=no",
	    "TINI_KILL_PROCESS_GROUP=")));
	assert_int_equal(cfg.pgroup, 0);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_VERBOSITY=0",
	    "TINI_VERBOSITY=3")));
	assert_int_equal(cfg.verbosity, 0);
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=0",
	    "INIT_LITE_VERBOSITY=2")));
	assert_int_equal(cfg.verbosity, 2);
	/* With INIT_LITE_VERBOSITY set, TINI_VERBOSITY is not looked at. */
	expect_ok(parse(ARGV("p"), ENV("TINI_VERBOSITY=abc",
	    "INIT_LITE_VERBOSITY=2")));
	assert_int_equal(cfg.verbosity, 2);
}

static void
test_invalid_env_is_error_despite_flag(void **state)
{
	(void)state;
	ERR(parse(ARGV("-s", "p"), ENV("INIT_LITE_SUBREAPER=maybe")),
	    "INIT_LITE_SUBREAPER", "maybe");
	ERR(parse(ARGV("-g", "p"), ENV("INIT_LITE_KILL_PROCESS_GROUP=")),
	    "INIT_LITE_KILL_PROCESS_GROUP");
	ERR(parse(ARGV("-w", "p"), ENV("INIT_LITE_WARN_ON_REAP=2")),
	    "INIT_LITE_WARN_ON_REAP", "2");
	ERR(parse(ARGV("-vv", "p"), ENV("INIT_LITE_VERBOSITY=9")),
	    "INIT_LITE_VERBOSITY", "9");
	ERR(parse(ARGV("-q", "p"), ENV("TINI_VERBOSITY=x")),
	    "TINI_VERBOSITY", "x");
	ERR(parse(ARGV("-e", "1", "p"), ENV("INIT_LITE_REMAP_EXIT=999")),
	    "INIT_LITE_REMAP_EXIT", "999");
	ERR(parse(ARGV("-r", "HUP:0", "p"), ENV("INIT_LITE_REWRITE=STOP:0")),
	    "INIT_LITE_REWRITE", "STOP:0");
	ERR(parse(ARGV("-t", "1s", "p"), ENV("INIT_LITE_GRACE=forever")),
	    "INIT_LITE_GRACE", "forever");
	/* Also with --pause, and before a missing PROGRAM is noticed. */
	ERR(parse(ARGV("-P"), ENV("INIT_LITE_GRACE=x")), "INIT_LITE_GRACE");
	ERR(parse((char *[]){ "init-lite", NULL },
	    ENV("INIT_LITE_SUBREAPER=x")), "INIT_LITE_SUBREAPER");
}

static void
test_env_case_of_name(void **state)
{
	/* Variable names are case-sensitive; only bool values are not. */
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("Init_Lite_Grace=bogus")));
	assert_int_equal(cfg.grace_ms, 5000);
}

/* ---- the error buffer ---- */

static void
test_err_tiny_buffers(void **state)
{
	char small[16], full[ERRLEN];
	size_t len, i;

	(void)state;
	assert_int_equal(config_parse(&cfg, ARGV("--grace", "5x", "p"), NOENV,
	    34, RTMAX, full, sizeof(full)), -1);
	assert_true(strlen(full) >= sizeof(small));
	for (len = 1; len <= sizeof(small); len++) {
		memset(small, 'Z', sizeof(small));
		assert_int_equal(config_parse(&cfg,
		    ARGV("--grace", "5x", "p"), NOENV, 34, RTMAX, small, len),
		    -1);
		assert_non_null(memchr(small, '\0', len));
		assert_int_equal(strlen(small), len - 1);
		for (i = len; i < sizeof(small); i++)
			assert_int_equal(small[i], 'Z');
		/* The same text as with room, cut short. */
		assert_memory_equal(small, full, len - 1);
	}

	/* errlen 0: nothing is written at all. */
	small[0] = 'Z';
	assert_int_equal(config_parse(&cfg, ARGV("-x"), NOENV, 34, RTMAX,
	    small, 0), -1);
	assert_int_equal(small[0], 'Z');
}

static void
test_err_cleared_on_success(void **state)
{
	char e[8] = "garbage";

	(void)state;
	assert_int_equal(config_parse(&cfg, ARGV("p"), NOENV, 34, RTMAX, e,
	    sizeof(e)), 0);
	assert_int_equal(e[0], '\0');
}

static void
test_err_long_value(void **state)
{
	char val[600];

	/* A value longer than a message should hold: the option is named
	 * first, the value is cut and says so, the line stays short. */
	(void)state;
	memset(val, '9', sizeof(val) - 1);
	val[sizeof(val) - 1] = '\0';
	ERR(parse(ARGV("-e", val, "p"), NOENV), "-e: bad value '999");
	assert_non_null(strstr(err, "...'"));
	assert_true(strlen(err) < 200);
}

static void
test_err_value_stays_one_line(void **state)
{
	char *env[] = { "INIT_LITE_GRACE=5s\nINJECTED", NULL };

	/* SPEC: one line on stderr. A newline in a variable must not make a
	 * second one. */
	(void)state;
	ERR(parse(ARGV("p"), env), "INIT_LITE_GRACE: bad value '5s?INJECTED'");
	assert_null(strchr(err, '\n'));
}

static void
test_long_option_name_not_truncated_in_error(void **state)
{
	(void)state;
	ERR(parse(ARGV("--warn-on-reap=1", "p"), NOENV), "--warn-on-reap");
	ERR(parse(ARGV("--remap-exit"), NOENV), "--remap-exit");
}

/* ---- 0.2: --stop-delay, --forward-all, --wait-all ---- */

static void
test_drain_defaults(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), NOENV));
	assert_int_equal(cfg.stop_delay_ms, 0);
	assert_int_equal(cfg.forward_all, 0);
	assert_int_equal(cfg.wait_all, 0);
}

static void
test_flag_stop_delay(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("--stop-delay", "500ms", "p"), NOENV));
	assert_int_equal(cfg.stop_delay_ms, 500);
	assert_int_equal(cfg.grace_ms, 5000);
	expect_ok(parse(ARGV("--stop-delay=2m", "p"), NOENV));
	assert_int_equal(cfg.stop_delay_ms, 120000);
	expect_ok(parse(ARGV("--stop-delay", "7", "p"), NOENV));
	assert_int_equal(cfg.stop_delay_ms, 7000);
	expect_ok(parse(ARGV("--stop-delay=0", "p"), NOENV));
	assert_int_equal(cfg.stop_delay_ms, 0);
	expect_ok(parse(ARGV("--stop-delay", "1s", "--stop-delay", "3s",
	    "-t", "2s", "p"), NOENV));
	assert_int_equal(cfg.stop_delay_ms, 3000);
	assert_int_equal(cfg.grace_ms, 2000);
}

static void
test_flag_stop_delay_rejects(void **state)
{
	(void)state;
	ERR(parse(ARGV("--stop-delay", "5x", "p"), NOENV), "--stop-delay",
	    "5x");
	ERR(parse(ARGV("--stop-delay", "-1", "p"), NOENV), "--stop-delay",
	    "-1");
	ERR(parse(ARGV("--stop-delay=", "p"), NOENV), "--stop-delay");
	ERR(parse(ARGV("--stop-delay=1.5s", "p"), NOENV), "--stop-delay",
	    "1.5s");
	ERR(parse(ARGV("--stop-delay=2147484s", "p"), NOENV), "--stop-delay",
	    "2147484s");
	ERR(parse(ARGV("--stop-delay"), NOENV), "--stop-delay",
	    "needs a value");
	/* Long only: no short letter stands for it. */
	ERR(parse(ARGV("-D", "1s", "p"), NOENV), "unknown option", "-D");
	ERR(parse(ARGV("--stop-dela=1s", "p"), NOENV), "unknown option");
}

static void
test_flag_forward_all_wait_all(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("-a", "p"), NOENV));
	assert_int_equal(cfg.forward_all, 1);
	assert_int_equal(cfg.wait_all, 0);
	assert_int_equal(cfg.pgroup, 0);
	expect_ok(parse(ARGV("--forward-all", "p"), NOENV));
	assert_int_equal(cfg.forward_all, 1);
	expect_ok(parse(ARGV("--wait-all", "p"), NOENV));
	assert_int_equal(cfg.wait_all, 1);
	assert_int_equal(cfg.forward_all, 0);
	expect_ok(parse(ARGV("-sag", "--wait-all", "--stop-delay=1s", "--",
	    "-a"), NOENV));
	PROG("-a");
	assert_int_equal(cfg.subreaper, 1);
	assert_int_equal(cfg.forward_all, 1);
	assert_int_equal(cfg.pgroup, 1);
	assert_int_equal(cfg.wait_all, 1);
	assert_int_equal(cfg.stop_delay_ms, 1000);
	ERR(parse(ARGV("--forward-all=1", "p"), NOENV), "--forward-all",
	    "takes no value");
	ERR(parse(ARGV("--wait-all=yes", "p"), NOENV), "--wait-all",
	    "takes no value");
	ERR(parse(ARGV("-W", "p"), NOENV), "unknown option", "-W");
	ERR(parse(ARGV("--wait", "p"), NOENV), "unknown option");
	/* Options stop at PROGRAM: its -a is its own. */
	expect_ok(parse(ARGV("p", "-a"), NOENV));
	assert_int_equal(cfg.forward_all, 0);
}

static void
test_env_forward_all(void **state)
{
	(void)state;
	check_init_lite_bool("INIT_LITE_FORWARD_ALL");
}

static void
test_env_wait_all(void **state)
{
	(void)state;
	check_init_lite_bool("INIT_LITE_WAIT_ALL");
}

static void
test_env_stop_delay(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_STOP_DELAY=250ms")));
	assert_int_equal(cfg.stop_delay_ms, 250);
	assert_int_equal(cfg.grace_ms, 5000);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_STOP_DELAY=15")));
	assert_int_equal(cfg.stop_delay_ms, 15000);
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_STOP_DELAY=0",
	    "INIT_LITE_STOP_DELAY=9s")));
	assert_int_equal(cfg.stop_delay_ms, 0);
	ERR(parse(ARGV("p"), ENV("INIT_LITE_STOP_DELAY=")),
	    "INIT_LITE_STOP_DELAY");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_STOP_DELAY=soon")),
	    "INIT_LITE_STOP_DELAY", "soon");
	ERR(parse(ARGV("p"), ENV("INIT_LITE_STOP_DELAY=5 s")),
	    "INIT_LITE_STOP_DELAY", "5 s");
	ERR(parse(ARGV("-P"), ENV("INIT_LITE_STOP_DELAY=1h")),
	    "INIT_LITE_STOP_DELAY", "1h");
}

static void
test_drain_flags_beat_env(void **state)
{
	(void)state;
	expect_ok(parse(ARGV("--stop-delay=1s", "p"),
	    ENV("INIT_LITE_STOP_DELAY=9s")));
	assert_int_equal(cfg.stop_delay_ms, 1000);
	expect_ok(parse(ARGV("-a", "p"), ENV("INIT_LITE_FORWARD_ALL=off")));
	assert_int_equal(cfg.forward_all, 1);
	expect_ok(parse(ARGV("--wait-all", "p"), ENV("INIT_LITE_WAIT_ALL=0")));
	assert_int_equal(cfg.wait_all, 1);
	/* A flag for something else hides nothing. */
	expect_ok(parse(ARGV("-t", "1s", "p"), ENV("INIT_LITE_STOP_DELAY=2s",
	    "INIT_LITE_FORWARD_ALL=yes", "INIT_LITE_WAIT_ALL=on")));
	assert_int_equal(cfg.grace_ms, 1000);
	assert_int_equal(cfg.stop_delay_ms, 2000);
	assert_int_equal(cfg.forward_all, 1);
	assert_int_equal(cfg.wait_all, 1);
	/* Each variable sets its own field only. */
	expect_ok(parse(ARGV("p"), ENV("INIT_LITE_WAIT_ALL=1")));
	assert_int_equal(cfg.forward_all, 0);
	assert_int_equal(cfg.pgroup, 0);
	assert_int_equal(cfg.warn_on_reap, 0);
	/* Validated even when a flag overrides them. */
	ERR(parse(ARGV("--stop-delay=1s", "p"),
	    ENV("INIT_LITE_STOP_DELAY=later")), "INIT_LITE_STOP_DELAY",
	    "later");
	ERR(parse(ARGV("-a", "p"), ENV("INIT_LITE_FORWARD_ALL=all")),
	    "INIT_LITE_FORWARD_ALL", "all");
	ERR(parse(ARGV("--wait-all", "p"), ENV("INIT_LITE_WAIT_ALL=2")),
	    "INIT_LITE_WAIT_ALL", "2");
	/* --help still answers whatever the environment says. */
	expect_ok(parse(ARGV("--help"), ENV("INIT_LITE_STOP_DELAY=x")));
	assert_int_equal(cfg.action, CONFIG_HELP);
}

/* The one pass over the environment also finds PATH (for the child's
 * search) and LISTEN_PID, at their first occurrence as getenv would. */
static void
test_env_path_and_listen_pid(void **state)
{
	char *env[] = {
		"PATHS=/no", "PATH", "PAT=/no", "LISTEN_PIDS=9", "LISTEN_PI=9",
		"", "\x89NIT_LITE_GRACE=bogus", "\x0cISTEN_PID=9",
		"\tATH=/no", "PATH=/bin:/usr/bin", "LISTEN_PID=1",
		"PATH=/second", "LISTEN_PID=2", "INIT_LITE_GRACE=1s", NULL
	};

	(void)state;
	expect_ok(parse(ARGV("p"), NOENV));
	assert_null(cfg.path);
	assert_null(cfg.listen_pid);
	expect_ok(parse(ARGV("p"), NULL));
	assert_null(cfg.path);
	assert_null(cfg.listen_pid);
	expect_ok(parse(ARGV("p"), env));
	assert_ptr_equal(cfg.path, env[9] + 5);
	assert_ptr_equal(cfg.listen_pid, env[10]);
	assert_int_equal(cfg.grace_ms, 1000);
	expect_ok(parse(ARGV("p"), ENV("PATH=")));
	assert_string_equal(cfg.path, "");
	expect_ok(parse(ARGV("p"), ENV("LISTEN_PID=")));
	assert_string_equal(cfg.listen_pid, "LISTEN_PID=");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_null_envp),
		cmocka_unit_test(test_argv_points_into_argv),
		cmocka_unit_test(test_program_args_untouched),
		cmocka_unit_test(test_double_dash),
		cmocka_unit_test(test_lone_dash_is_program),
		cmocka_unit_test(test_missing_program),
		cmocka_unit_test(test_empty_argv),
		cmocka_unit_test(test_help_version_license),
		cmocka_unit_test(test_help_anywhere_among_options),
		cmocka_unit_test(test_help_after_program_is_programs),
		cmocka_unit_test(test_help_ignores_bad_environment),
		cmocka_unit_test(test_flag_subreaper),
		cmocka_unit_test(test_flag_pgroup),
		cmocka_unit_test(test_flag_warn_on_reap),
		cmocka_unit_test(test_flag_pdeathsig),
		cmocka_unit_test(test_flag_pdeathsig_rejects),
		cmocka_unit_test(test_flag_remap),
		cmocka_unit_test(test_flag_remap_rejects),
		cmocka_unit_test(test_flag_rewrite),
		cmocka_unit_test(test_flag_rewrite_rejects),
		cmocka_unit_test(test_flag_grace),
		cmocka_unit_test(test_flag_grace_rejects),
		cmocka_unit_test(test_flag_pause),
		cmocka_unit_test(test_flag_pause_with_program),
		cmocka_unit_test(test_flag_user),
		cmocka_unit_test(test_flag_user_rejects),
		cmocka_unit_test(test_env_user),
		cmocka_unit_test(test_verbosity_flags),
		cmocka_unit_test(test_clustered_flags),
		cmocka_unit_test(test_all_options_together),
		cmocka_unit_test(test_value_may_look_like_option),
		cmocka_unit_test(test_unknown_options),
		cmocka_unit_test(test_env_subreaper),
		cmocka_unit_test(test_env_kill_process_group),
		cmocka_unit_test(test_env_warn_on_reap),
		cmocka_unit_test(test_env_bools_independent),
		cmocka_unit_test(test_env_name_must_match_exactly),
		cmocka_unit_test(test_env_tini_bools),
		cmocka_unit_test(test_env_verbosity),
		cmocka_unit_test(test_env_tini_verbosity),
		cmocka_unit_test(test_env_remap),
		cmocka_unit_test(test_env_rewrite),
		cmocka_unit_test(test_env_grace),
		cmocka_unit_test(test_env_first_definition_wins),
		cmocka_unit_test(test_flag_beats_env),
		cmocka_unit_test(test_env_without_flag_applies),
		cmocka_unit_test(test_init_lite_beats_tini),
		cmocka_unit_test(test_invalid_env_is_error_despite_flag),
		cmocka_unit_test(test_env_case_of_name),
		cmocka_unit_test(test_err_tiny_buffers),
		cmocka_unit_test(test_err_cleared_on_success),
		cmocka_unit_test(test_err_long_value),
		cmocka_unit_test(test_err_value_stays_one_line),
		cmocka_unit_test(test_long_option_name_not_truncated_in_error),
		cmocka_unit_test(test_drain_defaults),
		cmocka_unit_test(test_flag_stop_delay),
		cmocka_unit_test(test_flag_stop_delay_rejects),
		cmocka_unit_test(test_flag_forward_all_wait_all),
		cmocka_unit_test(test_env_forward_all),
		cmocka_unit_test(test_env_wait_all),
		cmocka_unit_test(test_env_stop_delay),
		cmocka_unit_test(test_drain_flags_beat_env),
		cmocka_unit_test(test_env_path_and_listen_pid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
