/* test_reap: reap_all against a scripted waitpid: every zombie taken in
 * one call (SIGCHLDs coalesce), the main child noticed among them, EINTR
 * retried, ECHILD and 0 told apart, never a blocking wait, and the level
 * each reaped process is reported at.
 * Linked with -Wl,--wrap=waitpid; log_msg is the recorder below. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "log.h"
#include "reap.h"

pid_t	__wrap_waitpid(pid_t pid, int *wstatus, int options);

/* One scripted waitpid result: ret > 0 with status, 0, or -1 with err. */
struct step {
	pid_t ret;
	int status;
	int err;
};

static struct {
	const struct step *steps;
	size_t n, next;
	int bad_args;
} wp;

static struct {
	int count[4];
	char text[16][128];
	int level[16];
	int n;
} logged;

pid_t
__wrap_waitpid(pid_t pid, int *wstatus, int options)
{
	const struct step *s;

	if (pid != -1 || options != WNOHANG || wstatus == NULL)
		wp.bad_args++;
	/* Past the script: nothing more to reap. */
	if (wp.next >= wp.n)
		return 0;
	s = &wp.steps[wp.next++];
	if (s->ret == -1) {
		errno = s->err;
		return -1;
	}
	if (s->ret > 0)
		*wstatus = s->status;
	return s->ret;
}

void
log_msg(int level, const char *fmt, ...)
{
	va_list ap;

	assert_in_range(level, LVL_ERROR, LVL_DEBUG);
	logged.count[level]++;
	if (logged.n < 16) {
		logged.level[logged.n] = level;
		va_start(ap, fmt);
		vsnprintf(logged.text[logged.n], sizeof(logged.text[0]), fmt,
		    ap);
		va_end(ap);
		logged.n++;
	}
}

int
log_enabled(int level)
{
	(void)level;
	return 1;
}

#define EXITED(n)	(((n) & 0xff) << 8)
#define SIGNALED(s)	((s) & 0x7f)

static struct reap r;

static void
script(const struct step *steps, size_t n)
{
	wp.steps = steps;
	wp.n = n;
	wp.next = 0;
	wp.bad_args = 0;
}
#define SCRIPT(...)	script((const struct step[]){ __VA_ARGS__ }, \
	sizeof((const struct step[]){ __VA_ARGS__ }) / sizeof(struct step))

static int
setup(void **state)
{
	(void)state;
	memset(&wp, 0, sizeof(wp));
	memset(&logged, 0, sizeof(logged));
	memset(&r, 0, sizeof(r));
	r.child = 100;
	r.rtmin = 34;
	r.rtmax = 64;
	return 0;
}

static void
test_all_zombies_in_one_call(void **state)
{
	(void)state;
	SCRIPT({ 201, EXITED(0), 0 }, { 202, EXITED(3), 0 },
	    { 203, SIGNALED(9), 0 }, { 0, 0, 0 });
	assert_int_equal(reap_all(&r), 3);
	assert_int_equal(wp.next, 4);
	assert_int_equal(wp.bad_args, 0);
	assert_int_equal(r.child_done, 0);
	assert_int_equal(r.none_left, 0);
}

static void
test_child_noticed_among_others(void **state)
{
	(void)state;
	SCRIPT({ 201, EXITED(0), 0 }, { 100, EXITED(7), 0 },
	    { 202, EXITED(1), 0 }, { -1, 0, ECHILD });
	assert_int_equal(reap_all(&r), 3);
	assert_int_equal(r.child_done, 1);
	assert_int_equal(r.child_wstatus, EXITED(7));
	assert_int_equal(r.none_left, 1);
	assert_int_equal(wp.bad_args, 0);
}

static void
test_child_killed(void **state)
{
	(void)state;
	SCRIPT({ 100, SIGNALED(SIGTERM), 0 }, { 0, 0, 0 });
	assert_int_equal(reap_all(&r), 1);
	assert_int_equal(r.child_done, 1);
	assert_true(WIFSIGNALED(r.child_wstatus));
	assert_int_equal(WTERMSIG(r.child_wstatus), SIGTERM);
	/* The message names the signal. */
	assert_int_equal(logged.n, 1);
	assert_non_null(strstr(logged.text[0], "TERM"));
	assert_non_null(strstr(logged.text[0], "100"));
}

static void
test_eintr_retried(void **state)
{
	(void)state;
	SCRIPT({ -1, 0, EINTR }, { 201, EXITED(0), 0 }, { -1, 0, EINTR },
	    { 0, 0, 0 });
	assert_int_equal(reap_all(&r), 1);
	assert_int_equal(wp.next, 4);
	assert_int_equal(logged.count[LVL_ERROR], 0);
}

static void
test_nothing_to_reap(void **state)
{
	(void)state;
	SCRIPT({ 0, 0, 0 });
	r.none_left = 1;
	assert_int_equal(reap_all(&r), 0);
	assert_int_equal(r.none_left, 0);
	assert_int_equal(wp.next, 1);
}

static void
test_no_children_at_all(void **state)
{
	(void)state;
	SCRIPT({ -1, 0, ECHILD });
	assert_int_equal(reap_all(&r), 0);
	assert_int_equal(r.none_left, 1);
	assert_int_equal(logged.count[LVL_ERROR], 0);
	assert_int_equal(logged.count[LVL_WARN], 0);
}

static void
test_other_error_logged_not_fatal(void **state)
{
	(void)state;
	SCRIPT({ 201, EXITED(0), 0 }, { -1, 0, EINVAL });
	assert_int_equal(reap_all(&r), 1);
	assert_int_equal(logged.count[LVL_ERROR], 1);
	assert_int_equal(r.none_left, 0);
	/* Nothing can be reaped any more: the run ends with 125, said once. */
	assert_int_equal(r.child_done, 1);
	assert_int_equal(WEXITSTATUS(r.child_wstatus), 125);
	SCRIPT({ -1, 0, EPERM });
	assert_int_equal(reap_all(&r), 0);
	assert_int_equal(logged.count[LVL_ERROR], 1);
}

/* A child already reaped keeps its own status when waitpid fails later. */
static void
test_error_after_child_keeps_status(void **state)
{
	(void)state;
	SCRIPT({ 100, EXITED(5), 0 }, { -1, 0, EPERM });
	assert_int_equal(reap_all(&r), 1);
	assert_int_equal(r.child_done, 1);
	assert_int_equal(WEXITSTATUS(r.child_wstatus), 5);
	assert_int_equal(logged.count[LVL_ERROR], 1);
}

static void
test_child_status_kept_first(void **state)
{
	(void)state;
	SCRIPT({ 100, EXITED(5), 0 }, { 0, 0, 0 });
	assert_int_equal(reap_all(&r), 1);
	/* A later reap of a reused pid 100 must not overwrite it. */
	SCRIPT({ 100, EXITED(9), 0 }, { 0, 0, 0 });
	assert_int_equal(reap_all(&r), 1);
	assert_int_equal(r.child_done, 1);
	assert_int_equal(r.child_wstatus, EXITED(5));
}

static void
test_pause_has_no_child(void **state)
{
	(void)state;
	r.child = 0;
	SCRIPT({ 201, EXITED(0), 0 }, { 0, 0, 0 });
	assert_int_equal(reap_all(&r), 1);
	assert_int_equal(r.child_done, 0);
}

static void
test_report_levels(void **state)
{
	(void)state;
	/* Without -w: the child at info, others at debug. */
	SCRIPT({ 201, EXITED(0), 0 }, { 100, EXITED(2), 0 }, { 0, 0, 0 });
	reap_all(&r);
	assert_int_equal(logged.n, 2);
	assert_int_equal(logged.level[0], LVL_DEBUG);
	assert_int_equal(logged.level[1], LVL_INFO);
	assert_non_null(strstr(logged.text[0], "201"));
	assert_non_null(strstr(logged.text[1], "100"));
	assert_non_null(strstr(logged.text[1], "2"));

	/* With -w: others at warning, the child still at info. */
	memset(&logged, 0, sizeof(logged));
	memset(&r, 0, sizeof(r));
	r.child = 100;
	r.warn = 1;
	SCRIPT({ 201, SIGNALED(SIGKILL), 0 }, { 100, EXITED(0), 0 },
	    { 0, 0, 0 });
	reap_all(&r);
	assert_int_equal(logged.n, 2);
	assert_int_equal(logged.level[0], LVL_WARN);
	assert_int_equal(logged.level[1], LVL_INFO);
	assert_non_null(strstr(logged.text[0], "KILL"));
}

static void
test_many_zombies(void **state)
{
	static struct step many[1001];
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		many[i].ret = (pid_t)(1000 + i);
		many[i].status = EXITED(0);
	}
	many[1000].ret = 0;
	script(many, 1001);
	assert_int_equal(reap_all(&r), 1000);
	assert_int_equal(wp.next, 1001);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_all_zombies_in_one_call, setup),
		cmocka_unit_test_setup(test_child_noticed_among_others, setup),
		cmocka_unit_test_setup(test_child_killed, setup),
		cmocka_unit_test_setup(test_eintr_retried, setup),
		cmocka_unit_test_setup(test_nothing_to_reap, setup),
		cmocka_unit_test_setup(test_no_children_at_all, setup),
		cmocka_unit_test_setup(test_error_after_child_keeps_status,
		    setup),
		cmocka_unit_test_setup(test_other_error_logged_not_fatal,
		    setup),
		cmocka_unit_test_setup(test_child_status_kept_first, setup),
		cmocka_unit_test_setup(test_pause_has_no_child, setup),
		cmocka_unit_test_setup(test_report_levels, setup),
		cmocka_unit_test_setup(test_many_zombies, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
