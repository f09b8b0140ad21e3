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
