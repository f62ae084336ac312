/*
 * main: wiring only: config -> setup -> spawn -> loop -> exit. The only
 * file that exits. Errors come in three phases:
 *  1. setup, before the fork: one line on stderr, exit 125 (EXIT_INIT_ERROR);
 *  2. the child, between fork and exec (spawn.c): errno back through a
 *     pipe, and the parent exits 126 or 127 with the reason;
 *  3. the loop, once the child exists: from here on init-lite no longer
 *     bails out; it logs and goes on (loop.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "config.h"
#include "errtext.h"
#include "fmt.h"
#include "log.h"
#include "loop.h"
#include "sigdisp.h"
#include "sigmask.h"
#include "spawn.h"
#include "sys.h"
#include "user.h"

#define EXIT_INIT_ERROR	125	/* as GNU env, timeout and nice */

extern char **environ;

/* Descriptions start here; a tab in the texts pads to it (print). */
#define HELP_COLUMN	29

static const char usage_text[] =
"Usage: init-lite [OPTIONS] [--] PROGRAM [ARGS...]\n"
"       init-lite --pause [OPTIONS]\n"
"  -h, --help\tthis help\n"
"  -V, --version\tversion\n"
"  -l, --license\tlicense\n"
"  -s, --subreaper\tbe a child subreaper\n"
"  -p, --pdeathsig SIG\tget SIG when the parent dies\n"
"  -g, --pgroup\tsignal PROGRAM's process group\n"
"  -e, --remap-exit CODE[:TO]\texit TO (default 0) for CODE\n"
"  -r, --rewrite SIG:SIG\trewrite a signal; SIG:0 drops it\n"
"  -t, --grace DUR\tSIGTERM to SIGKILL for leftovers (5s)\n"
"  -w, --warn-on-reap\twarn on each reaped non-child\n"
"  -v, --verbose\tmore messages\n"
"  -q, --quiet\terrors only\n"
"  -P, --pause\tno PROGRAM; exit 0 on TERM/INT/QUIT\n"
"  -u, --user USER[:GROUP]\trun PROGRAM as USER\n"
"      --stop-delay DUR\thold the first SIGTERM for DUR (0)\n"
"  -a, --forward-all\tsignal all descendants, not PROGRAM only\n"
"      --wait-all\tstay while others run after PROGRAM\n"
"Variables INIT_LITE_{SUBREAPER,KILL_PROCESS_GROUP,WARN_ON_REAP,\n"
"VERBOSITY,REMAP_EXIT,REWRITE,GRACE,USER,STOP_DELAY,FORWARD_ALL,\n"
"WAIT_ALL}, TINI_{SUBREAPER,KILL_PROCESS_GROUP,VERBOSITY}; flags win.\n"
"Exit: PROGRAM's (128+S on signal S), remapped; 125 usage, 126 not\n"
"executable, 127 not found.\n";

static const char license_text[] =
"MIT License\n"
"\n"
"Copyright (c) 2026 The init-lite authors\n"
"\n"
"Permission is hereby granted, free of charge, to any person obtaining a copy\n"
"of this software and associated documentation files (the \"Software\"), to deal\n"
"in the Software without restriction, including without limitation the rights\n"
"to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n"
"copies of the Software, and to permit persons to whom the Software is\n"
"furnished to do so, subject to the following conditions:\n"
"\n"
"The above copyright notice and this permission notice shall be included in all\n"
"copies or substantial portions of the Software.\n"
"\n"
"THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n"
"IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n"
"FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n"
"AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n"
"LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n"
"OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE\n"
"SOFTWARE.\n";

/* dockerd parses this exact shape when init-lite is its --init-path. */
static const char version_text[] =
"init-lite version " INIT_LITE_VERSION " - git." INIT_LITE_COMMIT "\n";

static int
setup_error(const char *what, int err)
{
	char buf[24];

	log_msg(LVL_ERROR, "%s: %s; try 'init-lite --help'", what,
	    errtext(err, buf, sizeof(buf)));
	return EXIT_INIT_ERROR;
}

static int
print(const char *text)
{
	/* Twice the longest text: its 18 tabs pad 189 spaces in all. */
	static char out[2 * sizeof(usage_text)];
	size_t n = 0, col = 0;

	/* A tab pads to the help's description column: the text holds one
	 * instead of the spaces (64 bytes of the budget, net). */
	for (; *text != '\0' && n < sizeof(out) - HELP_COLUMN; text++) {
		if (*text != '\t') {
			out[n++] = *text;
			col = *text == '\n' ? 0 : col + 1;
			continue;
		}
		while (col < HELP_COLUMN)
			out[n++] = ' ', col++;
	}
	if (log_write_all(STDOUT_FILENO, out, n) == -1)
		return setup_error("cannot write to stdout", errno);
	return 0;
}

/* systemd socket activation: LISTEN_PID naming us must name the program.
 * entry: the "LISTEN_PID=..." string config's one pass found; its slot is
 * looked for (by address) only when it names us, and in the environ of
 * now: --user's HOME copy is a new array. */
static char **
listen_pid_slot(const char *entry, pid_t self)
{
	char want[24];
	char **e;

	if (entry == NULL)
		return NULL;
	fmt_buf(want, sizeof(want), "LISTEN_PID=%d", (int)self);
	if (!fmt_same(entry, want))
		return NULL;
	for (e = environ; *e != NULL; e++)
		if (*e == entry)
			return e;
	return NULL;
}

/* init-lite must not keep the program's pipes, sockets or mounts busy. */
static void
let_go_of_resources(void)
{
	int fd;

	/* close_range is Linux 5.9+; before it, close what can be open by
	 * default (a raised RLIMIT_NOFILE above that is left as it is). */
	if (sys_close_range(3U, ~0U) == -1)
		for (fd = 3; fd < 4096; fd++)
			(void)close(fd);
	if (chdir("/") == -1)
		log_msg(LVL_WARN, "cannot chdir to /: errno %d", errno);
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct sigmask waited, entry;
	struct spawn sp;
	struct user_ids ids;
	enum spawn_result r;
	const char *why;
	struct loop l;
	char err[256];
	pid_t parent, tty_pgrp;
	int subreaper = 0, e;

	(void)argc;
	/* Phase 1: setup. Block first, so that no signal sent from now on
	 * is lost: it waits, pending, until the loop forwards it. This also
	 * turns a SIGPIPE from an error written to a closed stderr into an
	 * EPIPE, so a bad option still exits 125. */
	sigmask_waited(&waited);
	if (sigmask_set(&waited, &entry) == -1)
		return setup_error("cannot block signals", errno);
	if (config_parse(&cfg, argv, environ, SIGRTMIN, SIGRTMAX, err,
	    sizeof(err)) == -1) {
		log_msg(LVL_ERROR, "%s; try 'init-lite --help'", err);
		return EXIT_INIT_ERROR;
	}
	switch (cfg.action) {
	case CONFIG_HELP:
		return print(usage_text);
	case CONFIG_VERSION:
		return print(version_text);
	case CONFIG_LICENSE:
		return print(license_text);
	case CONFIG_RUN:
	case CONFIG_PAUSE:
		break;
	}
	log_set_level(cfg.verbosity);

	memset(&l, 0, sizeof(l));
	l.cfg = &cfg;
	l.waited = &waited;
	l.reap.rtmin = SIGRTMIN;
	l.reap.rtmax = SIGRTMAX;
	l.reap.warn = cfg.warn_on_reap;
	l.grace.self = getpid();
	l.grace.pid1 = l.grace.self == 1;

	/* With SIGCHLD ignored the kernel reaps for us and the child's
	 * status is lost; the child gets SIG_IGN back. */
	sp.chld_ignored = sigdisp_is_ignored(SIGCHLD) == 1;
	if (sp.chld_ignored && sigdisp_set_ignored(SIGCHLD, 0) == -1)
		return setup_error("cannot reset SIGCHLD", errno);
	/* prctl, tcgetpgrp: the raw calls (sys.c; musl's prctl, tcgetpgrp
	 * and the ioctl behind it cost ~290 bytes of the budget). */
	if (cfg.subreaper && sys_prctl(PR_SET_CHILD_SUBREAPER, 1UL) == -1)
		return setup_error("cannot become a child subreaper", errno);
	(void)sys_prctl(PR_GET_CHILD_SUBREAPER, (unsigned long)&subreaper);
	if (!l.grace.pid1 && !subreaper)
		log_msg(LVL_WARN, "not PID 1 and not a child subreaper: "
		    "orphans will not be reaped (use -s)");
	if (cfg.pdeathsig != 0) {
		parent = getppid();
		if (sys_prctl(PR_SET_PDEATHSIG, (unsigned long)cfg.pdeathsig) ==
		    -1)
			return setup_error("cannot set the parent-death signal",
			    errno);
		/* The parent may have died before prctl took effect. As PID 1
		 * of a namespace the parent is outside it and getppid() is 0
		 * before and after, so that race cannot be seen there (see
		 * docs/design.md). */
		if (parent != 0 && getppid() != parent)
			(void)kill(l.grace.self, cfg.pdeathsig);
	}

	if (cfg.action == CONFIG_RUN) {
		sp.argv = cfg.argv;
		sp.entry_mask = &entry;
		sp.take_tty = sys_tcgetpgrp(STDIN_FILENO, &tty_pgrp) == 0 &&
		    tty_pgrp == getpgrp();
		/* Resolved here, before the fork: any error and nothing runs.
		 * Before listen_pid_slot: the HOME copy is a new environ. */
		sp.ids = NULL;
		if (cfg.user.user != NULL) {
			if (user_setup(&cfg.user, &ids, &why, &e) == -1) {
				fmt_clean(err, sizeof(err) / 2, cfg.user.user);
				log_msg(LVL_ERROR, "user '%s': %s%s%s; try "
				    "'init-lite --help'", err, why, e ? ": " : "",
				    e ? errtext(e, err + sizeof(err) / 2,
				    sizeof(err) / 2) : "");
				return EXIT_INIT_ERROR;
			}
			sp.ids = &ids;
		}
		sp.listen_pid = listen_pid_slot(cfg.listen_pid, l.grace.self);
		sp.path = cfg.path;
		r = spawn_child(&sp, &l.reap.child, &e);
		/* err: the program's name, cleaned, then room for errtext;
		 * only when a message will name it (start-up cost). */
		if (r != SPAWN_OK || log_enabled(LVL_INFO))
			fmt_clean(err, sizeof(err) / 2, cfg.argv[0]);
		switch (r) {
		case SPAWN_OK:
			l.grace.child = l.reap.child;
			log_msg(LVL_INFO, "started %s as pid %d", err,
			    (int)l.reap.child);
			break;
		case SPAWN_FORK_FAILED:
			return setup_error("cannot fork", e);
		case SPAWN_EXEC_FAILED:
			log_msg(LVL_ERROR, "cannot run '%s': %s", err,
			    errtext(e, err + sizeof(err) / 2, sizeof(err) / 2));
			return spawn_exit_code(e);
		default:	/* the --user ids could not be taken */
			log_msg(LVL_ERROR, "not running '%s': %s: %s; try "
			    "'init-lite --help'", err,
			    r == SPAWN_SETGROUPS_FAILED ? "setgroups" :
			    r == SPAWN_SETGID_FAILED ? "setgid" : "setuid",
			    r == SPAWN_ROOT_REGAINED ? "root can be regained" :
			    errtext(e, err + sizeof(err) / 2, sizeof(err) / 2));
			return EXIT_INIT_ERROR;
		}
	}
	let_go_of_resources();

	/* Phase 3: no longer allowed to bail out. */
	return loop_run(&l);
}
