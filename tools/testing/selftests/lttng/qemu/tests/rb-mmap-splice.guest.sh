#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# rb-mmap-splice: `lttng record --output both` takes every packet once and
# writes it twice before putting it, through the mapping into $OUT/trace
# and through splice into $OUT/trace-splice.  Small sub-buffers (32 x 4 KiB
# per CPU) make many packets and wrap every ring; rb-mmap-splice.host.sh
# compares the two traces.
set -e
# shellcheck source=SCRIPTDIR/../workload.sh
. /usr/lib/lttng-test/workload.sh

# One workload pinned to each CPU, at the same time: each CPU's stream gets
# 800 switches of its own workload at least.
make_workload /tmp/wl-cpu0 400 1000
make_workload /tmp/wl-cpu1 400 1000
cat >/tmp/wl-run <<'EOS'
#!/bin/sh
taskset -c 0 /tmp/wl-cpu0 &
taskset -c 1 /tmp/wl-cpu1 &
wait
EOS
chmod +x /tmp/wl-run

# The scheduler's events: the workload's switches and wake-ups.  Not
# every event the kernel has: on the debug kernel the per-tick ones
# (sched_stat_runtime) outrun a reader that writes each packet twice.
events=sched_switch,sched_wakeup,sched_waking
lttng record -e "$events" -s 4K -n 32 --output both -o "$OUT/trace" \
	-- /tmp/wl-run 2>"$OUT/record.log" || {
	cat "$OUT/record.log"
	exit 1
}
cp /tmp/wl-cpu0.pid /tmp/wl-cpu1.pid "$OUT/"
