#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# abi-multi: two sessions record at once, each with its own channel,
# events and contexts: session a (sched_switch, no context) around the
# whole life of session b (syscalls and sched_wakeup, pid and procname
# contexts), around a workload.  abi-multi.host.sh checks that each trace
# has its own events only, and the workload in both.
set -e
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh
make_workload /tmp/wl-multi 20
cat >/tmp/session-b <<EOS
#!/bin/sh
exec lttng record --name b -e 'syscall:*,sched_wakeup' -t pid -t procname \
	-o "$OUT/b" -- /tmp/wl-multi 2>"$OUT/b.log"
EOS
chmod +x /tmp/session-b
lttng record --name a -e sched_switch -o "$OUT/a" -- /tmp/session-b \
	2>"$OUT/a.log" || { cat "$OUT/a.log" "$OUT/b.log"; exit 1; }
cp /tmp/wl-multi.pid "$OUT/"
