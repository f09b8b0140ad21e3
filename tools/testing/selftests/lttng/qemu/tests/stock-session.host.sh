#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-session.host.sh OUT: the values of a full stock session.  The
# workload (comm wl-session, pid P) sleeps 20 times in a child usleep, so:
#
#   - at least 20 sched_switch with prev_comm wl-session and prev_tid P,
#     and every sched_switch with prev_tid P carries the contexts pid P,
#     tid P and procname wl-session (the context is the current task's,
#     which is prev);
#   - at least 20 sched_wakeup of tid P (each child's exit wakes it);
#   - system call entries and exits, named syscall_entry_NAME and
#     syscall_exit_NAME: every one from tid P carries pid P and procname
#     wl-session; P waits for its children (wait4) at least 20 times;
#     the children, each named usleep, make exactly 20 clock_nanosleep
#     calls, entry and exit, between them;
#   - no discarded events, two streams, time never goes back.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"
pid=$(cat "$out/wl-session.pid")
comm=wl-session

[[ $(cat "$out/wl-session.done") == 20 ]]
grep -q '^ *Discarded events: 0$' "$out/list-session"
babeltrace2 "$out/trace" >/dev/null 2>"$out/bt.err"
[[ ! -s $out/bt.err ]] || { cat "$out/bt.err"; exit 1; }

$check "$out/trace/kernel" --summary --streams 2 --monotonic --no-discards \
	--match "sched_switch:prev_comm=$comm,prev_tid=$pid" \
	--match "sched_wakeup:comm=$comm,tid=$pid" \
	--match "syscall_entry_wait4:ctx.tid=$pid" \
	--match "syscall_exit_wait4:ctx.tid=$pid" \
	--min-match 20 \
	--each "sched_switch:prev_tid=$pid=>ctx.pid=$pid,ctx.tid=$pid,ctx.procname=$comm" \
	--each "sched_wakeup:tid=$pid=>comm=$comm" \
	--each "syscall_*:ctx.tid=$pid=>ctx.pid=$pid,ctx.procname=$comm" \
	--match-count "syscall_entry_clock_nanosleep:ctx.procname=usleep=20" \
	--match-count "syscall_exit_clock_nanosleep:ctx.procname=usleep=20" \
	--min-count "syscall_entry_*=100" --min-count "syscall_exit_*=100"
