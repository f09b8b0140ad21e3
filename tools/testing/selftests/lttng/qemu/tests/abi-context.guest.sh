#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# abi-context: tools/lttng records syscall events, the scheduler's
# process events and contexts (pid, tid, procname, ppid, vpid, vtid,
# prio) around a workload whose pid, parent and sleeps are known, and the
# statedump the start records.  The workload starts a second session that
# records only the statedump: each session must get its own dump, once.
# abi-context.host.sh checks the values.
set -e
cat >/tmp/wl-ctx <<'EOS'
#!/bin/sh
echo $$ >/tmp/wl-ctx.pid
echo $PPID >/tmp/wl-ctx.ppid
lttng record -e 'lttng_statedump_*' -o /tmp/trace2 -- true 2>/tmp/record2.log
i=0
while [ $i -lt 20 ]; do
	usleep 10000
	i=$((i + 1))
done
EOS
chmod +x /tmp/wl-ctx
lttng record -e 'sched_switch,sched_wakeup,sched_process_*,syscall:*' \
	-e 'lttng_statedump_*' \
	-t pid -t tid -t procname -t ppid -t vpid -t vtid -t prio \
	-o "$OUT/trace" -- /tmp/wl-ctx 2>"$OUT/record.log" || {
	cat "$OUT/record.log"
	exit 1
}
cp /tmp/wl-ctx.pid /tmp/wl-ctx.ppid "$OUT/"
cp /tmp/record2.log "$OUT/"
cp -a /tmp/trace2 "$OUT/trace2"
