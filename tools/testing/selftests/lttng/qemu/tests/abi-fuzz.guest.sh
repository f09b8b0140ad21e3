#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# abi-fuzz: abi_fuzz sends random commands to every kind of /dev/lttng fd
# while a workload makes the probes fire; abi-fuzz.host.sh then asserts
# its summary.  Most of the kernel's side of the checks is the harness's:
# panic_on_warn and oops=panic (no verdict), and on the debug kernel
# KASAN, UBSAN and kmemleak (scanned by /init after this script).  Lockdep
# and might_sleep reports do not panic: this script fails on them, and on
# any new taint.
#
# The seed is random and printed on the console first; abi_fuzz.seed=N on
# the kernel command line fixes it (make check and CI use the one in
# abi-fuzz.append, so that their runs repeat; `make boot` without it
# fuzzes a new sequence each time), abi_fuzz.n=N the iteration count,
# abi_fuzz.known_bugs=A,B the known bugs skipped (empty: none), and
# abi_fuzz.case=BUG runs only the reproducer of one:
#   make boot SCRIPT=tools/testing/selftests/lttng/qemu/tests/abi-fuzz.guest.sh \
#	EXTRA=build/selftests/abi_fuzz APPEND="$(cat .../abi-fuzz.append) abi_fuzz.seed=N"
# Every call goes to the kernel log at debug level before it is made
# (abi_fuzz -k): off the console, but panic_print=0x20 (abi-fuzz.append)
# replays the log when the kernel panics, so the console log then ends
# with the calls that led there.  $OUT/dmesg has it otherwise, and
# $OUT/abi_fuzz.trace.gz every call of a run that found something.
set -e
fuzz=/usr/lib/lttng-test/abi_fuzz
[ -x $fuzz ] || { echo "abi-fuzz: no $fuzz (abi-fuzz.extra)"; exit 1; }

# The same count on both kernels: with the seed of abi-fuzz.append, the
# debug kernel (KASAN, lockdep, kmemleak) replays the sequence the normal
# one checked, in about 70 s to 90 s.  Fewer iterations leave some commands of
# the header unsent, which abi-fuzz.host.sh refuses.
n=5000
# Known kernel bugs whose paths are skipped until they are fixed (abi_fuzz
# -x; abi_fuzz -h lists them, with what they are).  None is open:
# huge_channel was fixed by 3639f73.
known_bugs=
# A guest's urandom can be the same in two boots right after boot (two
# campaign runs got the same seed): the clock, from the host, differs.
seed=$(( ($(od -An -N4 -tu4 /dev/urandom | tr -d ' ') ^ $(date +%s)) & 0xffffffff ))
case=
# A campaign that stops (abi_fuzz blocked in a system call, or a task of
# the kernel stuck) would end at the host's timeout with nothing to say
# why.  After this many seconds (abi_fuzz.watchdog=N), hang_report() saves
# the kernel stack of every task and the last calls to $OUT/hang.txt and
# abi_fuzz is killed, which fails the run with the reason.  A run takes
# 15 s to 60 s on the normal kernel (as loaded as the host is), 70 s to
# 90 s on the debug one; the host's timeout (abi-fuzz.timeout) is 180 s,
# 720 s on debug.
watchdog=150
case $(uname -r) in
*-debug) watchdog=640 ;;
esac
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	abi_fuzz.seed=*) seed=${arg#abi_fuzz.seed=} ;;
	abi_fuzz.n=*) n=${arg#abi_fuzz.n=} ;;
	abi_fuzz.known_bugs=*) known_bugs=$(echo "${arg#abi_fuzz.known_bugs=}" | tr , ' ') ;;
	abi_fuzz.case=*) case=${arg#abi_fuzz.case=} ;;
	abi_fuzz.watchdog=*) watchdog=${arg#abi_fuzz.watchdog=} ;;
	esac
done

# abi_fuzz.case=BUG: only the reproducer of that known bug; it passes
# once the kernel is right.
if [ -n "$case" ]; then
	rc=0
	"$fuzz" -c "$case" >"$OUT/case.log" 2>&1 || rc=$?
	cat "$OUT/case.log"
	exit $rc
fi
skips=
for b in $known_bugs; do
	echo "abi-fuzz: skipping the path of known kernel bug $b"
	skips="$skips -x $b"
done
echo "abi-fuzz: seed $seed, $n iterations"
echo "$n" >"$OUT/requested"
echo "$seed" >"$OUT/seed"

# /dev/kmsg takes every line, not 10 per 5 s.
echo on >/proc/sys/kernel/printk_devkmsg
taint0=$(cat /proc/sys/kernel/tainted)
locks0=$(grep -s 'debug_locks:' /proc/lockdep_stats | tr -dc 0-9)

# hang_report PID: every task's state, wait channel and kernel stack, then
# the last calls abi_fuzz made.
hang_report() {
	echo "abi-fuzz: abi_fuzz (pid $1) still runs after ${watchdog}s"
	for t in /proc/[0-9]*/task/[0-9]*; do
		echo "== ${t#/proc/} $(cat "$t/comm" 2>/dev/null)" \
			"state $(cut -d' ' -f3 "$t/stat" 2>/dev/null)" \
			"wchan $(cat "$t/wchan" 2>/dev/null)"
		cat "$t/stack" 2>/dev/null
	done
	echo "-- the last calls of abi_fuzz:"
	tail -n 30 /tmp/abi_fuzz.trace
}

rc=0
# The second half races a second thread against the first (abi_fuzz -r).
# The calls go to the kernel log (-k) and to a trace in tmpfs (-o), which
# is kept when abi_fuzz finds something.
# shellcheck disable=SC2086 # $skips: "-x BUG" words
"$fuzz" -s "$seed" -n "$n" -r $((n / 2)) $skips -k -o /tmp/abi_fuzz.trace \
	>"$OUT/abi_fuzz.log" 2>&1 &
pid=$!
(
	sleep "$watchdog"
	kill -0 $pid 2>/dev/null || exit 0
	hang_report $pid >"$OUT/hang.txt" 2>&1
	grep -A 12 ' abi_fuzz state' "$OUT/hang.txt" | head -n 40
	kill -9 $pid
) &
wd=$!
wait $pid || rc=$?
kill $wd 2>/dev/null || true
grep -E '^(UNEXPECTED|abi_fuzz: (seed|done|calls))' "$OUT/abi_fuzz.log" | head -n 40
dmesg >"$OUT/dmesg"
[ $rc -eq 0 ] || gzip -c /tmp/abi_fuzz.trace >"$OUT/abi_fuzz.trace.gz"
rm -f /tmp/abi_fuzz.trace

taint1=$(cat /proc/sys/kernel/tainted)
locks1=$(grep -s 'debug_locks:' /proc/lockdep_stats | tr -dc 0-9)
if [ "$taint0" != "$taint1" ]; then
	echo "abi-fuzz: the kernel got tainted: $taint0 -> $taint1"
	rc=1
fi
if [ "$locks0" != "$locks1" ]; then
	echo "abi-fuzz: lockdep turned itself off (debug_locks $locks0 -> $locks1)"
	rc=1
fi
# (Not in abi_fuzz's own lines: they quote names it made up.)
if grep -v '\] abi_fuzz: ' "$OUT/dmesg" |
	grep -E -m 5 'WARNING:|BUG:|INFO: |circular locking|inconsistent lock|UBSAN|KASAN'; then
	echo "abi-fuzz: kernel reports in dmesg (see $OUT/dmesg)"
	rc=1
fi
exit $rc
