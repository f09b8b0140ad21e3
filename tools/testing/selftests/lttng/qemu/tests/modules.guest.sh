#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# modules: a module's events come and go with it, mid-session, with the
# stock lttng-tools.  The enablers come first, lazily: 'sample_*' and the
# exact name of the sample module's hand-written event.  Then, with the
# session started: insmod, fire N1 of each event, rmmod, insmod again,
# fire N2, rmmod; `lttng list -k` after each step.  A kernel trigger on
# sample_event, added before the first load too, starts the session late
# (which enables 'sample_*'): the module's events reach the notifiers
# as they reach the sessions, and again after the reload.  The host
# checks the lists and that the traces hold exactly the events fired,
# field by field (modules.host.sh).  On the debug kernel, /init's
# kmemleak scan then checks that the unloads leaked nothing, and KASAN
# and lockdep watch.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

KO=/usr/lib/lttng-test/lttng-sample.ko
N1=7
N2=12
[ -f $KO ] || stock_fail "no $KO"

# fire N: write N to the module's proc file.
fire() {
	echo "$1" >/proc/lttng-sample || stock_fail "firing $1 events"
}

stock_sessiond_start
lttng_ok create mod --output=/tmp/trace
lttng_ok enable-event -k -s mod 'sample_*'
lttng_ok enable-event -k -s mod sample_custom
lttng_ok create late --output=/tmp/late
lttng_ok enable-event -k -s late 'sample_*'
lttng_ok add-trigger --name=kt --condition=event-rule-matches \
	--type=kernel --name=sample_event --action=start-session late
lttng_ok start mod
lttng_ok list -k >"$OUT/list-0.txt"
insmod $KO || stock_fail "insmod"
lttng_ok list -k >"$OUT/list-1.txt"
fire $N1
i=0
until lttng -n list late | grep -q '\[active\]'; do
	i=$((i + 1))
	[ $i -le 100 ] || stock_fail "the trigger did not start late in 10 s"
	usleep 100000
done
rmmod lttng_sample || stock_fail "rmmod"
lttng_ok list -k >"$OUT/list-2.txt"
insmod $KO || stock_fail "insmod, again"
lttng_ok list -k >"$OUT/list-3.txt"
fire $N2
rmmod lttng_sample || stock_fail "rmmod, again"
lttng_ok list -k >"$OUT/list-4.txt"
lttng_ok stop mod
lttng_ok stop late
lttng_ok list mod >"$OUT/list-session"
lttng_ok list late >"$OUT/list-late"
lttng_ok destroy mod
lttng_ok destroy late
lttng_ok remove-trigger kt
cp -a /tmp/trace "$OUT/trace"
cp -a /tmp/late "$OUT/late"
echo "$N1 $N2" >"$OUT/fired"
dmesg | grep 'lttng' >"$OUT/dmesg-lttng" || true
stock_sessiond_stop
