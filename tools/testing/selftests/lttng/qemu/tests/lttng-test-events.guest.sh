#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# lttng-test-events: the test event source of lttng-tools' kernel
# regression suite, driven by the stock lttng-tools 2.13.9 as the suite
# drives it.  modprobe (kmod) finds lttng-test; the event is listed, and
# enabled by name in one session and by a wildcard in another; writes of
# "37" (echo -n), "37\0" and "5\n" fire 37, 37 and 5 events; bad counts
# get EINVAL and fire nothing.  The host checks every field of every
# event (lttng-test-events.host.sh).
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

proc=/proc/lttng-test-filter-event
mkdir -p /tmp/bin
ln -s /usr/bin/kmod /tmp/bin/modprobe
modprobe=/tmp/bin/modprobe

$modprobe lttng-test || stock_fail "modprobe lttng-test: $?"
$modprobe -n lttng-test || stock_fail "modprobe -n lttng-test: $?"
# For a built-in name kmod reports an error; the suite ignores it.
rc=0
$modprobe --remove lttng-test >"$OUT/modprobe-remove.out" 2>&1 || rc=$?
echo "$rc" >"$OUT/modprobe-remove.rc"
[ -e $proc ] || stock_fail "no $proc"
stat -c '%a %U' $proc >"$OUT/proc-mode"

stock_sessiond_start
lttng_ok list -k >"$OUT/list-k"
lttng_ok create ltest --output=/tmp/trace
lttng_ok enable-event -k lttng_test_filter_event
lttng_ok start
echo -n 37 >$proc
printf '37\000' >$proc
echo 5 >$proc
# Bad counts: each write fails with EINVAL and fires nothing.
for bad in abc -1 4294967296 99999999999999999999 12x ' 3'; do
	# busybox echo says why a write failed; its printf does not.
	if echo -n "$bad" >$proc 2>"$OUT/bad.err"; then
		stock_fail "writing '$bad' succeeded"
	fi
	grep -q 'Invalid argument' "$OUT/bad.err" ||
		stock_fail "writing '$bad': $(cat "$OUT/bad.err"), not EINVAL"
	echo "$bad" >>"$OUT/bad-done"
done
lttng_ok stop
lttng_ok destroy
cp -a /tmp/trace "$OUT/trace"

# A wildcard enables it too.
lttng_ok create ltest2 --output=/tmp/trace2
lttng_ok enable-event -k 'lttng_test_*'
lttng_ok start
echo -n 3 >$proc
lttng_ok stop
lttng_ok destroy
cp -a /tmp/trace2 "$OUT/trace2"
stock_sessiond_stop
