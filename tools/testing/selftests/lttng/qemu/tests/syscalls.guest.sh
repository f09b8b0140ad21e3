#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# syscalls: system calls with their arguments.  syscall_test checks
# SYSCALL_LIST, SYSCALL_MASK and the entry/exit selection of the ABI, then
# its workload (known arguments, bad pointers, a path past the string
# bound, exactly 20 write() calls) runs under lttng record -e 'syscall:*'
# in discard mode with big buffers, and once more with the entry events of
# openat and the exit events of read only.  syscalls.host.sh checks every
# value against the workload's report.
set -e
st=/usr/lib/lttng-test/syscall_test
st32=/usr/lib/lttng-test/syscall_test32
for f in $st $st32; do
	[ -x "$f" ] || { echo "syscalls: no $f (syscalls.extra)"; exit 1; }
done
"$st" abi >"$OUT/abi.log" 2>&1 || { cat "$OUT/abi.log"; exit 1; }
lttng list --syscall >"$OUT/list-syscall"

mkdir -p /tmp/sc
printf 'hello, lttng\n' >/tmp/sc/short
lttng record -e 'syscall:*' -t tid -s 4M -n 8 -o "$OUT/trace" -- \
	"$st" workload /tmp/sc "$OUT/report" 2>"$OUT/record.log" || {
	cat "$OUT/record.log"
	exit 1
}
lttng record -e 'syscall:*' -t tid -s 4M -n 8 -o "$OUT/trace32" -- \
	"$st32" /tmp/sc "$OUT/report32" 2>"$OUT/record32.log" || {
	cat "$OUT/record32.log"
	exit 1
}
lttng record -e 'syscall-entry:openat,syscall-exit:read' -t tid -s 4M -n 8 \
	-o "$OUT/trace-ee" -- "$st" workload /tmp/sc "$OUT/report-ee" \
	2>"$OUT/record-ee.log" || {
	cat "$OUT/record-ee.log"
	exit 1
}
