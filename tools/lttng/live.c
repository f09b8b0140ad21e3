// SPDX-License-Identifier: GPL-2.0-only
/*
 * lttng: the live phase of record and attach.
 *
 * The streams are read while a command runs, for a while, or until
 * SIGINT or SIGTERM.  Signals cannot be lost between a check and the
 * wait: SIGINT, SIGTERM and SIGCHLD stay blocked, except inside ppoll(),
 * which is where their handlers run.  Their handlers only count.
 *
 * With a command, the first SIGINT or SIGTERM is passed on to it as
 * SIGTERM, the next ones as SIGKILL, and the phase ends when it exits:
 * it is never left behind.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "live.h"

/* Counted by the handler: a lock-free atomic is safe to touch there. */
static atomic_int stop_signals;

static void live_on_stop(int sig)
{
	(void)sig;
	stop_signals++;
}

/* Only there to end ppoll() early: waitpid() tells the rest. */
static void live_on_child(int sig)
{
	(void)sig;
}

static const int live_signals[] = { SIGINT, SIGTERM, SIGCHLD };
#define LIVE_NR_SIGNALS	ARRAY_SIZE(live_signals)

/**
 * struct live_signal_state - what to give back when the phase ends
 * @mask: the signal mask before
 * @old: the actions before, in live_signals[] order
 */
struct live_signal_state {
	sigset_t mask;
	struct sigaction old[LIVE_NR_SIGNALS];
};

static void live_signals_catch(struct live_signal_state *st, sigset_t *wait)
{
	struct sigaction sa;
	sigset_t block;
	unsigned int i;

	sigemptyset(&block);
	for (i = 0; i < LIVE_NR_SIGNALS; i++)
		sigaddset(&block, live_signals[i]);
	sigprocmask(SIG_BLOCK, &block, &st->mask);

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < LIVE_NR_SIGNALS; i++) {
		sa.sa_handler = live_signals[i] == SIGCHLD ? live_on_child :
							     live_on_stop;
		sigaction(live_signals[i], &sa, &st->old[i]);
	}
	stop_signals = 0;

	/* ppoll() waits with our signals deliverable. */
	*wait = st->mask;
	for (i = 0; i < LIVE_NR_SIGNALS; i++)
		sigdelset(wait, live_signals[i]);
}

/* Also used in the child, between fork() and exec(). */
static void live_signals_restore(struct live_signal_state *st)
{
	unsigned int i;

	for (i = 0; i < LIVE_NR_SIGNALS; i++)
		sigaction(live_signals[i], &st->old[i], NULL);
	sigprocmask(SIG_SETMASK, &st->mask, NULL);
}

/*
 * Forget the signals that came after the last ppoll(): they have been
 * acted on already, and the old actions may be "terminate".
 */
static void live_signals_discard(void)
{
	const struct timespec zero = { 0, 0 };
	sigset_t set;
	unsigned int i;

	sigemptyset(&set);
	for (i = 0; i < LIVE_NR_SIGNALS; i++)
		sigaddset(&set, live_signals[i]);
	while (sigtimedwait(&set, NULL, &zero) > 0)
		;
}

static pid_t live_spawn(char **cmd, struct live_signal_state *st)
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		lttng_error("cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid)
		return pid;
	live_signals_restore(st);
	execvp(cmd[0], cmd);
	lttng_error("cannot run %s: %s", cmd[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/* The tool's exit status for the command's wait status, said aloud. */
static int live_exit_code(const char *cmd, int status)
{
	if (WIFEXITED(status)) {
		if (!WEXITSTATUS(status))
			return 0;
		lttng_error("%s exited with status %d", cmd,
			    WEXITSTATUS(status));
		return WEXITSTATUS(status);
	}
	if (WIFSIGNALED(status)) {
		lttng_error("%s was killed by signal %d (%s)", cmd,
			    WTERMSIG(status), strsignal(WTERMSIG(status)));
		return 128 + WTERMSIG(status);
	}
	return 1;
}

/* Return: whether the command has exited; *status is then its status. */
static bool live_reap(pid_t pid, int *status)
{
	pid_t ret;

	do {
		ret = waitpid(pid, status, WNOHANG);
	} while (ret < 0 && errno == EINTR);
	if (ret < 0) {
		lttng_error("cannot wait for the command: %s", strerror(errno));
		*status = 1 << 8;
		return true;
	}
	return ret == pid;
}

static void live_kill(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/**
 * lttng_live_run - read the streams until it is time to stop
 * @c: the consumer
 * @cmd: a command to run (NULL-terminated argv), or NULL
 * @duration_ms: without a command: how long to read, or -1 for until
 *		 SIGINT or SIGTERM; ignored with a command
 * @exit_code: set to 0, or to the command's failure as an exit status
 *
 * Without a command, the phase also ends when every data stream has hung
 * up: there is nothing left to wait for.
 *
 * Return: 0, or -1 if the tool itself failed.
 */
int lttng_live_run(struct lttng_consumer *c, char **cmd, s64 duration_ms,
		   int *exit_code)
{
	struct live_signal_state st;
	s64 now, deadline, next_sweep;
	int status, forwarded = 0, ret = 0;
	sigset_t wait;
	pid_t pid = 0;

	*exit_code = 0;
	live_signals_catch(&st, &wait);
	if (cmd) {
		pid = live_spawn(cmd, &st);
		if (pid < 0) {
			ret = -1;
			goto out;
		}
	}
	now = lttng_now_ms();
	deadline = !cmd && duration_ms >= 0 ? now + duration_ms : INT64_MAX;
	next_sweep = now + LTTNG_SWEEP_MS;
	for (;;) {
		s64 until = next_sweep < deadline ? next_sweep : deadline;

		if (pid) {
			if (live_reap(pid, &status)) {
				*exit_code = live_exit_code(cmd[0], status);
				break;
			}
			for (; forwarded < stop_signals; forwarded++)
				kill(pid, forwarded ? SIGKILL : SIGTERM);
		} else if (stop_signals || now >= deadline ||
			   lttng_consumer_done(c)) {
			break;
		}
		if (lttng_consumer_wait(c, until - now, &wait)) {
			if (pid)
				live_kill(pid);
			ret = -1;
			break;
		}
		now = lttng_now_ms();
		if (now >= next_sweep) {
			lttng_consumer_sweep(c, LTTNG_CONSUME_BATCH);
			next_sweep = now + LTTNG_SWEEP_MS;
		}
	}
out:
	live_signals_discard();
	live_signals_restore(&st);
	return ret;
}
