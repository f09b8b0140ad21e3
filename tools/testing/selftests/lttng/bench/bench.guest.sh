#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.guest.sh: the measurements of `make bench` (scripts/bench.sh), in
# one boot under -icount shift=0, where a guest nanosecond is a guest
# instruction.  Every run is timed by the kernel around its loop
# (/sys/kernel/debug/lttng_bench), pinned to CPU 0.  Runs of each
# configuration are interleaved; every figure goes to $OUT/results as
# "NAME RUN NANOSECONDS N".
#
# The LTTng and ftrace buffers are large enough to hold a whole run, so no
# reader runs during the timed loop and no event is lost; the LTTng runs
# check the second.  bench.runs= and bench.n= on the kernel command line
# set the number of runs and of events per run.
#
# The LTTng traces of the first run go to $OUT/trace-SIZE (hand-written
# description) and $OUT/trace-auto-SIZE (automatic path), that of the
# sustained run to $OUT/sustained-trace, for bench-smoke.host.sh to check.
#
# System calls: syscall_test bench N makes N getpid() calls in a loop on
# CPU 0 and prints the nanoseconds it took, with no tracing, with LTTng
# recording every syscall (lttng record -e 'syscall:*'), and with ftrace's
# syscalls event group enabled; then with openat only recorded, where
# getpid pays the lookup that finds it is not.  The first run keeps LTTng's
# trace in $OUT/trace-sc, ftrace's per-CPU stats and the format of its getpid
# events in $OUT/ftrace-sc, for the bytes per event.
#
# Dynamic probes: N calls of lttng_bench_probed() (call_probed) with
# nothing attached; with each kernel mechanism alone, hook.c's empty
# callbacks on it (ftrace_ops, function graph, kprobe, kprobe past the
# __fentry__ call, kretprobe); with LTTng's kprobe, function entry and
# exit (function graph, then kretprobe after lttng.function_graph=0) and
# function entry (FUNCTION, an ftrace_ops) on it; with ftrace's kprobe,
# kprobe+kretprobe, fprobe entry and fprobe entry+exit events and its
# function tracer on it; both tracers' kprobe past the __fentry__ call, a
# jump to an optprobe instead of an ftrace hook.  Then N calls of
# lttng_bench_probed_notrace() (call_probed_notrace), which ftrace cannot
# hook, with an empty kretprobe and LTTng's function entry and exit on it,
# which can only be a kretprobe (ftrace's kprobe events refuse notrace
# functions).  Last, with kprobe optimization off (debug.kprobes-
# optimization=0), the kprobes that were optprobes take a breakpoint, as
# on architectures without optprobes.  Every LTTng run's trace is kept as
# $OUT/dyn/NAME-RUN, and "NAME RUN EVENTS ITEM" in $OUT/dyn/expected says
# what it must hold; the ftrace hooks and kprobes in place during each run
# are kept as $OUT/dyn/NAME-RUN.hooks; bench-report.py checks both.  Every
# ftrace run must leave exactly the events it fired in its buffers.
set -e
B=/sys/kernel/debug/lttng_bench
T=/sys/kernel/tracing
RUNS=5
N=10000
for w in $(cat /proc/cmdline); do
	case $w in
	bench.runs=*) RUNS=${w#*=} ;;
	bench.n=*) N=${w#*=} ;;
	esac
done
res=$OUT/results
: >"$res"

[ -d $B ] || { echo "bench: no $B (CONFIG_LTTNG_BENCH?)"; exit 1; }
SC=/usr/lib/lttng-test/syscall_test
[ -x $SC ] || { echo "bench: no $SC (EXTRA: build/selftests/syscall_test)"; exit 1; }
[ -d $T/events/syscalls ] || { echo "bench: no ftrace syscall events (CONFIG_FTRACE_SYSCALLS?)"; exit 1; }
[ -d $T/events/lttng_bench ] || { echo "bench: no ftrace events in $T"; exit 1; }
echo 4096 >$T/buffer_size_kb
mkdir -p "$OUT/ftrace-formats"
for s in 4 32 256; do
	cp "$T/events/lttng_bench/lttng_bench_$s/format" "$OUT/ftrace-formats/lttng_bench_$s"
done
echo "bench: $RUNS runs of $N events, $(nproc) CPUs"

# ftrace's dynamic events on lttng_bench_probed(), made for each run and
# deleted after it: a disabled kprobe or fprobe event may keep its ftrace
# hook, and every hook on the function makes every other one slower
# (ftrace's list function instead of one callback).
P=lttng_bench_probed
PN=lttng_bench_probed_notrace
for f in $P $PN; do
	grep -q " $f\$" /proc/kallsyms ||
		{ echo "bench: no $f in /proc/kallsyms"; exit 1; }
done
grep -qx $P $T/available_filter_functions ||
	{ echo "bench: ftrace cannot hook $P (built without the ftrace flags?)"; exit 1; }
if grep -qx $PN $T/available_filter_functions; then
	echo "bench: ftrace can hook $PN, which should be notrace"
	exit 1
fi
mkdir -p "$OUT/dyn"
: >"$OUT/dyn/expected"
# The targets and the caller, for the values of the recorded ip fields.
sort /proc/kallsyms | grep -A1 -e " $P\$" -e " $PN\$" -e " bench_call\$" \
	>"$OUT/dyn/kallsyms"
KP="p:lttngbench/kp $P"
KR="r:lttngbench/kr $P"
FE="f:lttngbench/fe $P"
FX="f:lttngbench/fx $P%return"
# The first instruction after the __fentry__ call: +5, or +9 after an
# ENDBR; the kernel refuses an offset inside an instruction.
for o in 5 9 ''; do
	[ -n "$o" ] || { echo "bench: no kprobe past $P's __fentry__"; exit 1; }
	echo "p:lttngbench/kpo $P+$o" >>$T/dynamic_events 2>/dev/null && break
done
PO=$P+$o
KPO="p:lttngbench/kpo $PO"
for d in "$KP" "$KR" "$FE" "$FX"; do
	echo "$d" >>$T/dynamic_events
done
for ev in kp kr fe fx kpo; do
	cp "$T/events/lttngbench/$ev/format" "$OUT/ftrace-formats/$ev"
	echo "-:lttngbench/$ev" >>$T/dynamic_events
done
cp "$T/events/ftrace/function/format" "$OUT/ftrace-formats/function"
KPL=/sys/kernel/debug/kprobes/list
KOPT=/proc/sys/debug/kprobes-optimization
FG=/sys/module/lttng/parameters/function_graph
# hooks.sh FILE: once every armed kprobe is optimized (2 s at most, and
# only while optimization is on), keep the hooks in place in FILE; then
# let the deferred work of the hooks made and removed (the kprobe
# optimizer, RCU tasks grace periods) finish: under -icount, another
# CPU's instructions during a timed loop count in its time.
cat >/tmp/hooks.sh <<EOF
i=0
while [ "\$(cat $KOPT 2>/dev/null)" = 1 ] && [ \$i -lt 200 ] &&
	grep -v '\[' $KPL | grep -q .; do
	sleep 0.01
	i=\$((i + 1))
done
cat $T/enabled_functions $KPL >"\$1"
sleep 0.2
EOF

run() {	# run NAME FILE: one measurement on CPU 0
	taskset 1 sh -c "echo $N >$B/$2"
	echo "$1 $r $(cat "$B/$2") $N" >>"$res"
}

# lttng_run NAME EVENT FILE TRACE: one measurement of FILE with LTTng
# recording EVENT; the first run's trace is kept as $OUT/TRACE.
lttng_run() {
	lttng record -e "$2" -s 4M -n 2 -o /tmp/lt -- \
		taskset 1 sh -c "echo $N >$B/$3" >/tmp/lt.log 2>&1 ||
		{ cat /tmp/lt.log; exit 1; }
	echo "$1 $r $(cat "$B/$3") $N" >>"$res"
	if ! grep -q "total: .* 0 lost packets .* 0 events discarded" /tmp/lt.log; then
		echo "bench: LTTng lost events:"
		cat /tmp/lt.log
		exit 1
	fi
	if [ $r -eq 1 ]; then
		mv /tmp/lt "$OUT/$4"
	else
		rm -rf /tmp/lt
	fi
}

# dyn_lttng NAME ITEM FILE EVENTS: one measurement of FILE with LTTng
# recording the dynamic probe ITEM, whose trace must hold EVENTS events.
dyn_lttng() {
	lttng record -e "$2" -s 4M -n 2 -o /tmp/lt -- taskset 1 sh -c \
		"sh /tmp/hooks.sh $OUT/dyn/$1-$r.hooks; echo $N >$B/$3" \
		>/tmp/lt.log 2>&1 || { cat /tmp/lt.log; exit 1; }
	echo "$1 $r $(cat "$B/$3") $N" >>"$res"
	if ! grep -q "total: .* 0 lost packets .* 0 events discarded" /tmp/lt.log; then
		echo "bench: LTTng lost events:"
		cat /tmp/lt.log
		exit 1
	fi
	mv /tmp/lt "$OUT/dyn/$1-$r"
	echo "$1 $r $4 ${2#*:}" >>"$OUT/dyn/expected"
}

# ftrace_dyn NAME FILE EVENTS DEF...: one measurement of FILE with ftrace's
# dynamic events DEF ("p:lttngbench/kp SYMBOL", ...) made and enabled; its
# buffers must then hold exactly EVENTS entries.
ftrace_dyn() {
	name=$1 file=$2 want=$3
	shift 3
	echo >$T/trace
	for d; do
		echo "$d" >>$T/dynamic_events
		ev=${d%% *}
		echo 1 >"$T/events/${ev#*:}/enable"
	done
	sh /tmp/hooks.sh "$OUT/dyn/$name-$r.hooks"
	run "$name" "$file"
	for d; do
		ev=${d%% *}
		echo 0 >"$T/events/${ev#*:}/enable"
	done
	# Deleting an event empties the buffers: count first.
	ftrace_count "$name" "$want"
	for d; do
		ev=${d%% *}
		echo "-:${ev#*:}" >>$T/dynamic_events
	done
}

# hook_run NAME HOOK FILE: one measurement of FILE with hook.c's empty
# HOOK in place.
hook_run() {
	echo "$2" >$B/hook
	sh /tmp/hooks.sh "$OUT/dyn/$1-$r.hooks"
	run "$1" "$3"
	echo none >$B/hook
}

# ftrace_count NAME EVENTS: ftrace's buffers hold EVENTS entries, no overrun.
ftrace_count() {
	e=$(awk '/^entries:/ { e += $2 } /^overrun:/ { o += $2 } END { print e, o }' $T/per_cpu/cpu*/stats)
	if [ "$e" != "$2 0" ]; then
		echo "bench: $1: ftrace holds $e (entries overruns), not $2 0"
		exit 1
	fi
}

r=0
while [ $r -lt "$RUNS" ]; do
	r=$((r + 1))
	# The ring buffers alone.
	for s in 8 32 256; do
		run "rb_ours_$s" "rb_ours_$s"
		run "rb_kernel_$s" "rb_kernel_$s"
	done
	# Probe plus buffer: nothing attached, LTTng through the hand-written
	# description, LTTng through the automatic path (another event of the
	# same class), ftrace.
	for s in 4 32 256; do
		run "off_$s" "fire_$s"

		lttng_run "lttng_$s" "lttng_bench_$s" "fire_$s" "trace-$s"
		lttng_run "auto_$s" "lttng_bench_auto_$s" "fire_auto_$s" \
			"trace-auto-$s"

		echo >$T/trace
		echo 1 >"$T/events/lttng_bench/lttng_bench_$s/enable"
		run "ftrace_$s" "fire_$s"
		echo 0 >"$T/events/lttng_bench/lttng_bench_$s/enable"
		e=$(awk '/^entries:/ { e += $2 } END { print e }' $T/per_cpu/cpu*/stats)
		if [ "$e" != "$N" ]; then
			echo "bench: ftrace holds $e events, not $N"
			exit 1
		fi
	done
	# System calls: N getpid() on CPU 0, every syscall recorded.
	echo "sc_off $r $(taskset 1 "$SC" bench "$N") $N" >>"$res"

	lttng record -e 'syscall:*' -s 4M -n 2 -o /tmp/lt -- \
		taskset 1 "$SC" bench "$N" >/tmp/lt.ns 2>/tmp/lt.log ||
		{ cat /tmp/lt.log; exit 1; }
	echo "sc_lttng $r $(cat /tmp/lt.ns) $N" >>"$res"
	if ! grep -q "total: .* 0 lost packets .* 0 events discarded" /tmp/lt.log; then
		echo "bench: LTTng lost syscall events:"
		cat /tmp/lt.log
		exit 1
	fi
	if [ $r -eq 1 ]; then
		mv /tmp/lt "$OUT/trace-sc"
	else
		rm -rf /tmp/lt
	fi

	echo >$T/trace
	echo 1 >$T/events/syscalls/enable
	echo "sc_ftrace $r $(taskset 1 "$SC" bench "$N") $N" >>"$res"
	echo 0 >$T/events/syscalls/enable
	e=$(awk '/^entries:/ { e += $2 } /^overrun:/ { o += $2 } END { print e, o }' $T/per_cpu/cpu*/stats)
	if [ "${e#* }" != 0 ] || [ "${e% *}" -lt $((2 * N)) ]; then
		echo "bench: ftrace holds $e (entries overruns), not $((2 * N)) and 0"
		exit 1
	fi
	if [ $r -eq 1 ]; then
		mkdir -p "$OUT/ftrace-sc"
		cat $T/per_cpu/cpu*/stats >"$OUT/ftrace-sc/stats"
		for ev in sys_enter_getpid sys_exit_getpid; do
			cp $T/events/syscalls/$ev/format "$OUT/ftrace-sc/$ev.format"
		done
	fi
	# One other syscall recorded: what getpid pays is the lookup.
	lttng record -e 'syscall:openat' -s 4M -n 2 -o /tmp/lt -- \
		taskset 1 "$SC" bench "$N" >/tmp/lt.ns 2>/tmp/lt.log ||
		{ cat /tmp/lt.log; exit 1; }
	echo "sc1_lttng $r $(cat /tmp/lt.ns) $N" >>"$res"
	rm -rf /tmp/lt
	echo 1 >$T/events/syscalls/sys_enter_openat/enable
	echo 1 >$T/events/syscalls/sys_exit_openat/enable
	echo "sc1_ftrace $r $(taskset 1 "$SC" bench "$N") $N" >>"$res"
	echo 0 >$T/events/syscalls/enable

	# Dynamic probes on lttng_bench_probed(), N calls.
	run dyn_off call_probed
	for h in ftrace fgraph kprobe kprobe_opt kretprobe; do
		hook_run "hook_$h" $h call_probed
	done
	dyn_lttng kp_lttng "kprobe:$P" call_probed $N
	ftrace_dyn kp_ftrace call_probed $N "$KP"
	dyn_lttng kpo_lttng "kprobe:$PO" call_probed $N
	ftrace_dyn kpo_ftrace call_probed $N "$KPO"
	dyn_lttng fn_lttng "function:$P" call_probed $((2 * N))
	echo 0 >$FG
	dyn_lttng fn_kretprobe "function:$P" call_probed $((2 * N))
	echo 1 >$FG
	ftrace_dyn fn_fprobe call_probed $((2 * N)) "$FE" "$FX"
	ftrace_dyn fn_kprobe call_probed $((2 * N)) "$KP" "$KR"
	dyn_lttng fe_lttng "function-entry:$P" call_probed $N
	ftrace_dyn fe_fprobe call_probed $N "$FE"
	echo >$T/trace
	echo $P >$T/set_ftrace_filter
	echo function >$T/current_tracer
	sh /tmp/hooks.sh "$OUT/dyn/fe_function-$r.hooks"
	run fe_function call_probed
	# Changing the tracer empties the buffers: count first.
	echo 0 >$T/tracing_on
	ftrace_count fe_function $N
	echo nop >$T/current_tracer
	echo >$T/set_ftrace_filter
	echo 1 >$T/tracing_on
	# A function ftrace cannot hook: a kretprobe whose entry is an
	# optprobe.
	run dynn_off call_probed_notrace
	hook_run hook_kretprobe_notrace kretprobe_notrace call_probed_notrace
	dyn_lttng fnn_lttng "function:$PN" call_probed_notrace $((2 * N))
	# The optprobes as breakpoints.
	if [ -w $KOPT ]; then
		echo 0 >$KOPT
		hook_run hook_kprobe_int3 kprobe_opt call_probed
		dyn_lttng kpo_int3_lttng "kprobe:$PO" call_probed $N
		ftrace_dyn kpo_int3_ftrace call_probed $N "$KPO"
		hook_run hook_kretprobe_int3 kretprobe_notrace call_probed_notrace
		dyn_lttng fnn_int3_lttng "function:$PN" call_probed_notrace \
			$((2 * N))
		echo 1 >$KOPT
	fi
	# The deferred work of the probes just removed (RCU callbacks, the
	# kprobe optimizer) would otherwise land in the next run's loops.
	sleep 1
	echo "bench: run $r done"
done

# Sustained: the default sizes (4 x 256 KiB), the 32-byte event fired
# $SUSTAIN times back to back as fast as the kernel can, the writer and the
# reader on the same CPU, the trace in tmpfs (not on the 9p share).  (On different vCPUs, QEMU's round-robin TCG
# would let the writer run for 100 ms of guest time before the reader gets
# a turn, which says nothing of a real machine.)  Discard mode: every
# event that did not fit is counted.
SUSTAIN=$((N * 50))
taskset 1 lttng record -e lttng_bench_32 -o /tmp/sus -- \
	sh -c "echo $SUSTAIN >$B/fire_32" >/tmp/sus.log 2>&1 ||
	{ cat /tmp/sus.log; exit 1; }
cat /tmp/sus.log
d=$(sed -n 's/.*total: .*, \([0-9]*\) events discarded.*/\1/p' /tmp/sus.log)
l=$(sed -n 's/.*total: .*, \([0-9]*\) lost packets.*/\1/p' /tmp/sus.log)
echo "sustained $SUSTAIN ${d:-?} ${l:-?}" >"$OUT/sustained"
mv /tmp/sus "$OUT/sustained-trace"
cat "$res"
