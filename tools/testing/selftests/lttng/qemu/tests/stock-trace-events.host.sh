#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-trace-events.host.sh OUT: every ftrace event of the kernel is an
# LTTng event of the same name in the stock `lttng list -k`, but for:
#
#   - the system calls (ftrace's syscalls:sys_enter_X and sys_exit_X),
#     which are LTTng's syscall events (`lttng list -k --syscall`);
#   - the tracepoints that a hand-written description replaces, listed
#     here with their LTTng names (REPLACED).
#
# And LTTng lists nothing else but its own events (LTTNG_ONLY).  The
# spellings of the guest's enablers each recorded their events, and a
# session with every event (-a) declares them all and records many.
set -euo pipefail
out=$1
check="/usr/bin/python3 $(dirname "$0")/../ctfcheck.py"

fail() {
	echo "stock-trace-events: $*" >&2
	exit 1
}

# kernel event -> LTTng event of the hand-written providers
REPLACED="
sched:sched_kthread_stop=sched_kthread_stop
sched:sched_kthread_stop_ret=sched_kthread_stop_ret
sched:sched_migrate_task=sched_migrate_task
sched:sched_pi_setprio=sched_pi_setprio
sched:sched_process_exec=sched_process_exec
sched:sched_process_exit=sched_process_exit
sched:sched_process_fork=sched_process_fork
sched:sched_process_free=sched_process_free
sched:sched_process_wait=sched_process_wait
sched:sched_stat_runtime=sched_stat_runtime
sched:sched_switch=sched_switch
sched:sched_wait_task=sched_wait_task
sched:sched_wakeup=sched_wakeup
sched:sched_wakeup_new=sched_wakeup_new
sched:sched_waking=sched_waking
lttng_bench:lttng_bench_4=lttng_bench_4
lttng_bench:lttng_bench_32=lttng_bench_32
lttng_bench:lttng_bench_256=lttng_bench_256
"
# LTTng's own events, which are no ftrace event.
LTTNG_ONLY="
lttng_statedump_start
lttng_statedump_end
lttng_statedump_process_state
lttng_test_filter_event
"

awk '/^Kernel events:/ { on = 1; next } on && /\(type: tracepoint\)$/ { print $1 }' \
	"$out/list-k.txt" | sort >"$out/names.lttng"
sort -u "$out/available_events" >"$out/names.ftrace"
nl=$(wc -l <"$out/names.lttng")
nf=$(wc -l <"$out/names.ftrace")
ns=$(grep -c '^syscalls:' "$out/names.ftrace" || true)
((nl > 0 && nf > 0)) || fail "empty lists: $nl LTTng, $nf ftrace"
[[ $(sort -u "$out/names.lttng" | wc -l) == "$nl" ]] ||
	fail "lttng list -k lists an event twice"

# What LTTng must list: each ftrace event by its name, or its LTTng name.
: >"$out/names.expected"
while IFS=: read -r sys ev; do
	[[ $sys == syscalls ]] && continue
	lt=$(sed -n "s/^$sys:$ev=//p" <<<"$REPLACED")
	echo "${lt:-$ev}" >>"$out/names.expected"
done <"$out/names.ftrace"
sort -u -o "$out/names.expected" "$out/names.expected"
tr -s ' \n' '\n' <<<"$LTTNG_ONLY" | sed '/^$/d' | sort >"$out/names.lttng-only"
missing=$(comm -23 "$out/names.expected" "$out/names.lttng")
[[ -z $missing ]] ||
	fail "$(wc -w <<<"$missing") ftrace events not in lttng list -k: $(head -c 600 <<<"$missing")"
extra=$(comm -13 "$out/names.expected" "$out/names.lttng" |
	comm -23 - "$out/names.lttng-only")
[[ -z $extra ]] || fail "lttng list -k lists events ftrace does not have: $extra"
grep -q "left out" "$out/dmesg-lttng" &&
	fail "events left out at boot: $(grep "left out" "$out/dmesg-lttng")"
echo "stock-trace-events: ftrace available_events $nf ($ns syscalls, $((nf - ns)) tracepoints), lttng list -k $nl ($(wc -l <"$out/names.expected") of them ftrace's, $(wc -l <"$out/names.lttng-only") LTTng's own)"

babeltrace2 "$out/trace" >/dev/null
$check "$out/trace" --summary --no-discards \
	--min-count irq_handler_entry=1 --min-count hrtimer_start=1 \
	--min-count 'softirq_*=1' --min-count workqueue_queue_work=1 \
	--no-match 'hrtimer_expire_*:' --no-match 'timer_start:'

# -a: the metadata declares every event, and babeltrace2 reads them all.
declared=$(babeltrace2 --output-format=ctf-metadata "$out/trace-all/kernel" |
	grep -c '^event {')
((declared >= nl)) || fail "-a declared $declared events of the $nl listed"
babeltrace2 "$out/trace-all" >"$out/trace-all.txt"
names=$(sed -n 's/^\[[^]]*\] ([^)]*) [^ ]* \([a-z0-9_]*\): .*/\1/p' \
	"$out/trace-all.txt" | grep -v '^syscall_' | sort -u | wc -l)
((names >= 40)) || fail "-a recorded only $names distinct tracepoint events"
echo "stock-trace-events: -a declared $declared events (system calls too), babeltrace2 read $names distinct tracepoint events"
rm "$out/trace-all.txt"
