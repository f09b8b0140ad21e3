#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# dynamic-probes: the dynamic probes of the LTTng usage guides, with 6.12
# names, through Debian's stock lttng-tools, in one boot.
#
# Session dyn, with the pid, tid and procname contexts:
#   --probe do_sys_openat2, do_sys_openat2+0x0 and 0xADDRESS (from
#	/proc/kallsyms): a workload opens a file N_OPEN times;
#   --function do_sys_openat2 and call_rcu: entry and exit, through
#	ftrace's function graph;
#   --userspace-probe elf:dynprobe_test:lttng_uprobe_target, called N_CALL
#	times, and sdt:dynprobe_test:lttng_test:tick, whose two call sites
#	are passed N_CALL times and once;
#   --probe and --function lttng_sample_write, in the
#	sample module, fired N_MOD times; then the module is unloaded and
#	the workload runs again: the session goes on.
# ftrace's own kprobe event on do_sys_openat2 records the same workload in
# an instance of its own: the oracle.
# Session kret: lttng.function_graph=0, the same two --function probes go
# through kretprobes; the same workload.
# Session fentry: FUNCTION_ENTRY events (the ABI's FUNCTION, which only
# liblttng-ctl sends) on do_sys_openat2 and on the glob do_sys_open*.
# A probe on a symbol that does not exist fails, and nothing else does.
# Which kernel mechanism hooks each probe is read from tracefs's
# enabled_functions and debugfs's kprobes/list.  The host checks counts
# and fields (dynamic-probes.host.sh).
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

T=/usr/lib/lttng-test/dynprobe_test
PATH=$PATH:/usr/lib/lttng-test
KO=/usr/lib/lttng-test/lttng-sample.ko
TR=/sys/kernel/tracing
KP=/sys/kernel/debug/kprobes/list
FG=/sys/module/lttng/parameters/function_graph
N_OPEN=50
N_CALL=30
N_MOD=3
[ -x $T ] || stock_fail "no $T"
[ -f $KO ] || stock_fail "no $KO"

# hooks NAME: what hooks the kernel now, for the host.
hooks() {
	cat $TR/enabled_functions >"$OUT/enabled_functions.$1"
	cat $KP >"$OUT/kprobes.$1"
}

stock_sessiond_start
insmod $KO || stock_fail "insmod"
grep -E ' (do_sys_openat2|call_rcu|lttng_sample_write)([[:space:]]|$)' \
	/proc/kallsyms >"$OUT/kallsyms"
addr=$(awk '$3 == "do_sys_openat2" { print $1; exit }' /proc/kallsyms)
[ -n "$addr" ] || stock_fail "no do_sys_openat2 in /proc/kallsyms"

# The oracle: ftrace's kprobe event on the same function, in an instance.
echo 'p:lttngtest/openat do_sys_openat2' >>$TR/kprobe_events
mkdir $TR/instances/dyn
echo 1 >$TR/instances/dyn/events/lttngtest/openat/enable

lttng_ok create dyn --output=/tmp/dyn
lttng_ok enable-event -k --probe do_sys_openat2 openat_probe
lttng_ok enable-event -k --probe do_sys_openat2+0x0 openat_probe0
lttng_ok enable-event -k --probe "0x$addr" openat_addr
lttng_ok enable-event -k --function do_sys_openat2 openat_fn
lttng_ok enable-event -k --function call_rcu callrcu
lttng_ok enable-event -k --userspace-probe "elf:$T:lttng_uprobe_target" \
	uprobe_target
lttng_ok enable-event -k --userspace-probe "sdt:$T:lttng_test:tick" sdt_tick
lttng_ok enable-event -k --probe lttng_sample_write sample_write
lttng_ok enable-event -k --function lttng_sample_write sample_fn
# A symbol that does not exist: refused, and the session is unharmed.
if lttng_n enable-event -k --probe no_such_function_lttng bad; then
	stock_fail "a probe on a symbol that does not exist was accepted"
fi
lttng_ok add-context -k -t pid -t tid -t procname
hooks dyn
lttng_ok start dyn
$T open $N_OPEN >"$OUT/open.pid"
$T call $N_CALL >"$OUT/call.pid"
i=0
while [ $i -lt $N_MOD ]; do
	echo 1 >/proc/lttng-sample || stock_fail "firing the sample module"
	i=$((i + 1))
done
rmmod lttng_sample || stock_fail "rmmod"
hooks dyn-rmmod
$T open $N_OPEN >"$OUT/open-after.pid"
lttng_ok stop dyn
lttng_ok list dyn >"$OUT/list-dyn"
lttng_ok destroy dyn
echo 0 >$TR/instances/dyn/events/lttngtest/openat/enable
cat $TR/instances/dyn/trace >"$OUT/ftrace.txt"

# The same two functions through kretprobes.
echo 0 >$FG
lttng_ok create kret --output=/tmp/kret
lttng_ok enable-event -k --function do_sys_openat2 openat_fn
lttng_ok enable-event -k --function call_rcu callrcu
lttng_ok add-context -k -t pid -t tid -t procname
hooks kret
lttng_ok start kret
$T open $N_OPEN >"$OUT/open-kret.pid"
lttng_ok stop kret
lttng_ok destroy kret
echo 1 >$FG

# FUNCTION, entry only: the CLI has no option for it and 2.13's `lttng
# load` refuses it, so liblttng-ctl asks (lttngctl_fentry); on one
# function, and on a glob (an extension: ftrace's filter syntax).
lttng_ok create fentry --output=/tmp/fentry
lttng_ok enable-channel -k fentry_chan
lttngctl_fentry fentry fentry_chan openat_entry do_sys_openat2 ||
	stock_fail "FUNCTION_ENTRY on do_sys_openat2 refused"
lttngctl_fentry fentry fentry_chan openat_glob 'do_sys_open*' ||
	stock_fail "FUNCTION_ENTRY on do_sys_open* refused"
if lttngctl_fentry fentry fentry_chan nothing 'no_such_function_lttng*'; then
	stock_fail "FUNCTION_ENTRY on a glob that matches nothing was accepted"
fi
lttng_ok add-context -k -c fentry_chan -t pid -t tid -t procname
hooks fentry
lttng_ok start fentry
$T open $N_OPEN >"$OUT/open-fentry.pid"
lttng_ok stop fentry
lttng_ok destroy fentry
hooks none

cp -a /tmp/dyn /tmp/kret /tmp/fentry "$OUT/"
echo "$N_OPEN $N_CALL $N_MOD" >"$OUT/counts"
uname -v >"$OUT/uts-version"
dmesg | grep -i 'lttng\|kprobe\|ftrace' >"$OUT/dmesg-lttng" || true
stock_sessiond_stop
