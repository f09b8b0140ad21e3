#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# stock-track: `lttng track -k --pid` and `--vpid` restrict a session to
# the tracked processes.  For each kind, two workloads of 20 sleeps wait
# for a go file; one is tracked, the other is not; both run while the
# session records sched_switch.  stock-track.host.sh checks that only the
# tracked one's events are there.
set -e
# shellcheck source=SCRIPTDIR/../stock.sh
. /usr/lib/lttng-test/stock.sh

stock_sessiond_start

# run KIND: one session tracking the KIND (pid or vpid) of workload in.
run() {
	in=/tmp/wl-$1-in
	out=/tmp/wl-$1-out
	stock_workload "$in" 20
	stock_workload "$out" 20
	STOCK_WAIT_GO=1 "$in" &
	STOCK_WAIT_GO=1 "$out" &
	stock_wait_file "$in.pid" 30
	stock_wait_file "$out.pid" 30
	lttng_ok create "trk-$1" --output="/tmp/trace-$1"
	lttng_ok enable-event -k sched_switch
	lttng_ok track -k "--$1" "$(cat "$in.pid")"
	# The CLI may exit 0 when sessiond refused: read the tracker back.
	lttng_ok list "trk-$1" >"$OUT/list-$1"
	case $1 in
	pid) label="Process IDs" ;;
	vpid) label="Virtual process IDs" ;;
	esac
	grep -q "^ *$label: *$(cat "$in.pid")\$" "$OUT/list-$1" ||
		stock_fail "$label is not only $(cat "$in.pid"): $(grep "$label" "$OUT/list-$1")"
	lttng_ok start
	touch "$in.go" "$out.go"
	stock_wait_file "$in.done" 60
	stock_wait_file "$out.done" 60
	lttng_ok stop
	lttng_ok destroy
	cp -a "/tmp/trace-$1" "$OUT/trace-$1"
	cp "$in.pid" "$out.pid" "$in.done" "$out.done" "$OUT/"
}

run pid
run vpid
