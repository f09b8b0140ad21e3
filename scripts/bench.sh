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
#     with ftrace's syscalls event group, and with openat alone recorded.
#
# bench-report.py prints the medians as a table.  The method is in
# Documentation/trace/lttng/benchmark.rst.
#
# Environment: RUNS (runs per figure, default 7), N (events per run,
# default 10000), and boot.sh's TIMEOUT.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

BENCH_DIR=$ROOT/tools/testing/selftests/lttng/bench
OUTB=$BUILD/bench

"$ROOT/scripts/build-kernel.sh" normal
"$ROOT/scripts/build-tools.sh"
[[ -x $BUILD/tools/lttng/lttng ]] || die "no build/tools/lttng/lttng"

rm -rf "$OUTB"
mkdir -p "$OUTB/out"
v=0
SCRIPT=$BENCH_DIR/bench.guest.sh OUT=$OUTB/out LOG=$OUTB/console.log \
	EXTRA="build/selftests/syscall_test" \
	VARIANT=normal ICOUNT=1 SMP=2 TIMEOUT=${TIMEOUT:-1500} \
	APPEND="bench.runs=${RUNS:-7} bench.n=${N:-10000} ${APPEND:-}" \
	"$ROOT/scripts/boot.sh" || v=$?
((v == 0)) || die "the guest failed with verdict $v (console: ${OUTB#"$ROOT"/}/console.log)"
/usr/bin/python3 "$BENCH_DIR/bench-report.py" "$OUTB/out" | tee "$OUTB/report.txt"
echo
echo "raw figures: ${OUTB#"$ROOT"/}/out/results, console: ${OUTB#"$ROOT"/}/console.log"
