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
#     syscall_exit_NAME; P waits for its children (wait4) at least 20
#     times; the children, each named usleep, make exactly 20
#     clock_nanosleep calls, entry and exit, between them, with their
#     arguments (CLOCK_REALTIME, no flags, no remainder) and ret 0;
#   - every event of tid P (by its tid context) carries pid P, and
#     procname sh (the test shell that forked it) up to its execve entry,
#     wl-session from its execve exit on; there is exactly one execve;
#     in a sched_switch out of P, procname is prev_comm;
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
	--each "sched_switch:prev_tid=$pid=>ctx.pid=$pid,ctx.tid=$pid" \
	--each "sched_wakeup:tid=$pid=>comm=$comm" \
	--match-count "syscall_entry_clock_nanosleep:ctx.procname=usleep,which_clock=0,flags=0=20" \
	--match-count "syscall_exit_clock_nanosleep:ctx.procname=usleep,ret=0,rmtp=0=20" \
	--min-count "syscall_entry_*=100" --min-count "syscall_exit_*=100"

# The contexts of P's events, in time order, around its execve.
PYTHONPATH=$(dirname "$0")/.. /usr/bin/python3 -B - "$out/trace/kernel" "$pid" "$comm" <<'PY'
import sys

from ctfcheck import read_trace, field_equal

trace, pid, comm = sys.argv[1], sys.argv[2], sys.argv[3]
events, _, _ = read_trace(trace)
mine = sorted((e for e in events
               if "ctx.tid" in e["fields"] and field_equal(e["fields"]["ctx.tid"], pid)),
              key=lambda e: e["ts"])
bad = []
execs = [i for i, e in enumerate(mine) if e["name"] == "syscall_entry_execve"]
exits = [i for i, e in enumerate(mine) if e["name"] == "syscall_exit_execve"]
if len(execs) != 1 or len(exits) != 1 or exits[0] < execs[0]:
    sys.exit(f"stock-session: tid {pid}: execve entries at {execs}, exits at {exits}")
for i, e in enumerate(mine):
    f = e["fields"]
    want = "sh" if i <= execs[0] else comm if i >= exits[0] else None
    if not field_equal(f["ctx.pid"], pid):
        bad.append(f"{e['name']}: pid {f['ctx.pid']}")
    if want and not field_equal(f["ctx.procname"], want):
        bad.append(f"{e['name']} #{i}: procname {f['ctx.procname']}, expected {want}")
    if e["name"] == "sched_switch" and \
            not field_equal(f["prev_comm"], str(f["ctx.procname"])):
        bad.append(f"sched_switch #{i}: procname {f['ctx.procname']}, prev_comm differs")
print(f"stock-session: {len(mine)} events of tid {pid}, execve at #{execs[0]}..#{exits[0]}, "
      f"{len(bad)} with wrong contexts")
for b in bad[:10]:
    print("  " + b)
sys.exit(1 if bad else 0)
PY
