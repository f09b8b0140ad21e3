#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.sh - `make bench`: the tracer's benchmark, in one boot.
#
# Builds the normal kernel (it has CONFIG_LTTNG_BENCH) and the tool, boots
# it under QEMU -icount shift=0, where one guest instruction is one
# nanosecond of guest time, and runs
# tools/testing/selftests/lttng/bench/bench.guest.sh: interleaved runs of
#
#   - the ring buffers alone: reserve, write, commit in LTTng's and in the
#     kernel's ring buffer, 8, 32 and 256-byte payloads;
#   - a TRACE_EVENT tracepoint fired in a tight loop with nothing attached,
#     with LTTng on it, and with ftrace on it, 4, 32 and 256-byte payloads;
#   - a getpid() loop with no tracing, with LTTng recording every syscall,
#     with ftrace's syscalls event group, and with openat alone recorded;
#   - a function called in a loop with nothing attached, with each kernel
#     mechanism's empty hook, and with LTTng's and ftrace's dynamic probes
#     on it: kprobes, function entry and exit, function entry.
#
# bench-report.py prints the medians as a table.  Then the boot part:
# boots of the kernel without CONFIG_LTTNG (build/obj-nolttng), with it
# and no autostart, with lttng.autostart=sched_* and with sched_* and
# every syscall, BOOT_RUNS times each, interleaved, with initcall_debug, and one boot with both lttng.autostart= and ftrace's
# trace_event= on sched_switch; boot-report.py prints the time to /init
# of each configuration and where each tracer's first event is.  The
# method is in Documentation/trace/lttng/benchmark.rst.
#
# Environment: RUNS (runs per figure, default 7), N (events per run,
# default 10000), BOOT_RUNS (boots per configuration, default 3),
# BOOT=0 (skip the boot part) or BOOT=only (only it), and boot.sh's
# TIMEOUT.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

BENCH_DIR=$ROOT/tools/testing/selftests/lttng/bench
OUTB=$BUILD/bench

"$ROOT/scripts/build-kernel.sh" normal
"$ROOT/scripts/build-tools.sh"
[[ -x $BUILD/tools/lttng/lttng ]] || die "no build/tools/lttng/lttng"

if [[ ${BOOT:-1} != only ]]; then
	rm -rf "$OUTB"
	mkdir -p "$OUTB/out"
	v=0
	SCRIPT=$BENCH_DIR/bench.guest.sh OUT=$OUTB/out LOG=$OUTB/console.log \
		EXTRA=$BUILD/selftests/syscall_test \
		VARIANT=normal ICOUNT=1 SMP=2 TIMEOUT=${TIMEOUT:-1500} \
		APPEND="bench.runs=${RUNS:-7} bench.n=${N:-10000} ${APPEND:-}" \
		"$ROOT/scripts/boot.sh" || v=$?
	((v == 0)) || die "the guest failed with verdict $v (console: ${OUTB#"$ROOT"/}/console.log)"
	/usr/bin/python3 "$BENCH_DIR/bench-report.py" "$OUTB/out" | tee "$OUTB/report.txt"
	echo
	echo "raw figures: ${OUTB#"$ROOT"/}/out/results, console: ${OUTB#"$ROOT"/}/console.log"
fi

[[ ${BOOT:-1} != 0 ]] || exit 0

# ---- boot ------------------------------------------------------------------

"$ROOT/scripts/build-kernel.sh" nolttng
BOOTB=$BUILD/bench-boot
rm -rf "$BOOTB"
# initcall_debug on every boot: the report adds up the LTTng initcalls.
ICD=initcall_debug
# boot_one NAME KERNEL APPEND: one -icount boot of boot.guest.sh.
boot_one() {
	local v=0
	mkdir -p "$BOOTB/$1"
	SCRIPT=$BENCH_DIR/boot.guest.sh OUT=$BOOTB/$1 LOG=$BOOTB/$1/console.log \
		KERNEL=$2 VARIANT=normal ICOUNT=1 SMP=2 QUIET=1 APPEND=$3 \
		"$ROOT/scripts/boot.sh" >"$BOOTB/$1.log" 2>&1 || v=$?
	((v == 0)) || die "boot $1 failed with verdict $v (${BOOTB#"$ROOT"/}/$1.log)"
}
for ((r = 1; r <= ${BOOT_RUNS:-3}; r++)); do
	boot_one "off-$r" "$BUILD/obj-nolttng/arch/x86/boot/bzImage" "$ICD"
	boot_one "idle-$r" "$BUILD/obj-normal/arch/x86/boot/bzImage" "$ICD"
	boot_one "sched-$r" "$BUILD/obj-normal/arch/x86/boot/bzImage" \
		"$ICD lttng.autostart=sched_*"
	boot_one "syscalls-$r" "$BUILD/obj-normal/arch/x86/boot/bzImage" \
		"$ICD lttng.autostart=sched_*,syscall:*"
done
boot_one cover-1 "$BUILD/obj-normal/arch/x86/boot/bzImage" \
	"lttng.autostart=sched_switch trace_event=sched:sched_switch trace_clock=mono"
echo
/usr/bin/python3 "$BENCH_DIR/boot-report.py" "$BOOTB" | tee "$BOOTB/report.txt"
echo
echo "boot outputs: ${BOOTB#"$ROOT"/}/"
