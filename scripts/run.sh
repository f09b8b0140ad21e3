#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# run.sh - `make run`: the whole loop in one command.
#
# Builds the kernel and the tool, boots with a boot-time session
# (lttng.autostart=sched_switch and the kernel's own irq, softirq, timer,
# hrtimer and workqueue TRACE_EVENTs), runs a small workload in the guest, drains
# the session with `lttng attach -o $OUT/trace --stop`
# (tools/testing/selftests/lttng/qemu/run-guest.sh), and prints a one-screen
# summary of the trace read back with babeltrace2: events per name, events
# per CPU, and the first lines.
#
# Environment: AUTOSTART (default $DEFAULT_AUTOSTART below), APPEND (more command line),
# VARIANT (normal), and boot.sh's TIMEOUT, SMP, MEM.

set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

VARIANT=${VARIANT:-normal}
DEFAULT_AUTOSTART='sched_switch,irq_*,softirq_*,timer_*,hrtimer_*,workqueue_*'
RUN=$BUILD/run
TRACE=$RUN/out/trace

"$ROOT/scripts/build-kernel.sh" "$VARIANT"
"$ROOT/scripts/build-tools.sh"
[[ -x $BUILD/tools/lttng/lttng ]] || info "warning: no build/tools/lttng/lttng: the guest has no lttng tool"
ensure_pkgs babeltrace2

rm -rf "$RUN"
mkdir -p "$RUN/out"
v=0
SCRIPT=$QEMU_DIR/run-guest.sh OUT=$RUN/out LOG=$RUN/console.log VARIANT=$VARIANT \
	APPEND="lttng.autostart=${AUTOSTART:-$DEFAULT_AUTOSTART} ${APPEND:-}" \
	"$ROOT/scripts/boot.sh" || v=$?
((v == 0)) || die "the guest failed with verdict $v (console: ${RUN#"$ROOT"/}/console.log)"
[[ -f $TRACE/kernel/metadata ]] || die "no trace in ${TRACE#"$ROOT"/}/kernel"

babeltrace2 "$TRACE/kernel" >"$RUN/trace.txt" 2>"$RUN/babeltrace2.err" ||
	die "babeltrace2 cannot read the trace: $(head -n5 "$RUN/babeltrace2.err")"

# The summary.  A babeltrace2 line looks like
#   [12:00:00.123456789] (+0.000001) host sched_switch: { cpu_id = 0 }, { ... }
echo
echo "==== the kernel said:"
grep -E 'lttng: ([0-9]+ trace events|autostart: session)' "$RUN/console.log" |
	sed 's/^\[[^]]*\] */  /' || true
echo
echo "==== trace: ${TRACE#"$ROOT"/}/kernel ($(find "$TRACE/kernel" -maxdepth 1 -type f ! -name metadata | wc -l) stream files)"
awk '
{
	line = $0
	sub(/^\[[^]]*\] \([^)]*\) /, "", line)
	head = line
	sub(/: \{.*$/, "", head)
	n = split(head, w, " ")
	name = w[n]
	cpu = "?"
	if (match(line, /cpu_id = [0-9]+/))
		cpu = substr(line, RSTART + 9, RLENGTH - 9)
	byname[name]++
	bycpu[cpu]++
	total++
	if (total == 1)
		first = substr($0, 2, index($0, "]") - 2)
	last = substr($0, 2, index($0, "]") - 2)
}
END {
	printf "%d events, from %s to %s\n", total, first, last
	print "\nevents per name:"
	for (k in byname)
		printf "  %10d  %s\n", byname[k], k | "sort -k1,1nr | head -n 15"
	close("sort -k1,1nr | head -n 15")
	print "\nevents per CPU:"
	for (k in bycpu)
		printf "  cpu %-4s %10d\n", k, bycpu[k] | "sort -k2,2n"
	close("sort -k2,2n")
}' "$RUN/trace.txt"
echo
echo "first lines:"
head -n 5 "$RUN/trace.txt" | cut -c1-160 | sed 's/^/  /'
echo
echo "full text: ${RUN#"$ROOT"/}/trace.txt, console: ${RUN#"$ROOT"/}/console.log"
