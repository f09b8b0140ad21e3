#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# syscalls-poll: select, pselect6, poll, ppoll, epoll_ctl, epoll_wait,
# epoll_pwait, pipe, pipe2 and socketpair with LTTng-modules' payloads.  poll_test makes the calls
# (known fds, sets, pollfd arrays past the 512 bound, epoll events past
# the 341 bound, bad pointers, failures) under lttng record, and reports
# what it passed and got back; syscalls-poll.host.sh checks every field
# against that report.
set -e
pt=/usr/lib/lttng-test/poll_test
[ -x "$pt" ] || { echo "syscalls-poll: no $pt (syscalls-poll.extra)"; exit 1; }
ev=
for s in select pselect6 poll ppoll epoll_ctl epoll_wait epoll_pwait \
	pipe pipe2 socketpair; do
	ev="${ev:+$ev,}syscall:$s"
done
lttng record -e "$ev" -t tid -s 1M -n 8 -o "$OUT/trace" -- \
	"$pt" "$OUT/report" 2>"$OUT/record.log" || {
	cat "$OUT/record.log"
	exit 1
}
